package org.jwsk.net.internal;

import java.util.List;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.NeighborInfo;
import org.jwsk.net.SendStatus;

/**
 * Finds the link-layer address of a next hop on an Ethernet interface and sends an IP packet to it: ARP for IPv4,
 * Neighbor Discovery for IPv6. One per interface and family.
 *
 * <p>Owned by the stack's thread.
 */
public interface LinkResolver {

    /**
     * Sends the IP packet (from {@code packet.offset()}, no link header yet) to the next hop, resolving its link
     * address first if needed. <b>Takes ownership</b> of the packet on every path.
     *
     * @param nextHopHi the first 64 bits of an IPv6 next hop (0 for IPv4)
     * @param nextHopLo the last 64 bits of an IPv6 next hop, or the IPv4 next hop in the low 32 bits
     */
    SendStatus send(PacketBuf packet, long nextHopHi, long nextHopLo, long now);

    /** Adds a permanent entry (configuration, {@code ip neigh add ... nud permanent}). */
    void addPermanent(long hi, long lo, long mac);

    /** Forgets all dynamic state and releases queued packets (the interface goes down or away). */
    void flush(long now);

    /**
     * An upper layer saw forward progress with the neighbour {@code (hi, lo)} (RFC 4861 §7.3.1: a TCP
     * acknowledgement of new data): a hint that it is reachable. Allocates nothing. Resolvers without
     * reachability detection ignore it.
     */
    default void confirmReachable(long hi, long lo, long now) {
    }

    /** A snapshot of the entries, for diagnostics; allocates. */
    default List<NeighborInfo> neighbors() {
        return List.of();
    }
}
