package org.jwsk.net.internal.neighbor;

import org.jwsk.common.buf.PacketBuf;

/**
 * The family-specific half of a {@link NeighborCache}: how to ask for a link address and what to tell the sender
 * when a neighbour cannot be reached. {@link ArpProtocol} for IPv4, {@link NdpProtocol} for IPv6.
 *
 * <p>Called on the stack's thread from inside the cache; implementations must not call back into the cache for the
 * same entry.
 */
interface NeighborProtocol {

    /** The EtherType of the IP packets this cache resolves for. */
    int etherType();

    /**
     * Sends one solicitation for {@code n}: a broadcast ARP request or a multicast Neighbor Solicitation to the
     * solicited-node group while resolving, or a unicast one to {@link Neighbor#mac} when probing.
     *
     * @return whether it was sent (false when the interface has no address to send it from)
     */
    boolean solicit(Neighbor n, boolean unicast, long now);

    /**
     * Resolution of a queued packet's next hop failed: send the ICMP destination unreachable the RFCs ask for (RFC
     * 1812 §5.2.7.1 host unreachable; RFC 4861 §7.2.2 address unreachable) where the error rules allow.
     *
     * @param packet the IP packet from its header, <b>borrowed</b>; the cache drops it afterwards
     */
    void reportUnreachable(PacketBuf packet, long now);

    /** The neighbour {@code (hi, lo)} failed: forget redirects through it (RFC 4861 §7.3.3). */
    void onUnreachable(long hi, long lo, long now);

    /** The neighbour {@code (hi, lo)} stopped being a router (RFC 4861 §7.2.5: its IsRouter flag went false). */
    void onRouterLost(long hi, long lo, long now);

    /** The cache was flushed (link down, interface going away): stop any timers of the protocol's own. */
    void onFlush(long now);
}
