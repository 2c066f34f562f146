package org.jwsk.net.internal;

import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.SendStatus;

/**
 * Fragmentation on send and reassembly on receive, for both families (RFC 791 §2.3, RFC 8200 §4.5): the IP layers
 * call it for packets that are fragments or too big for their link.
 *
 * <p>Owned by the stack's thread.
 */
public interface Fragmentation {

    /**
     * Adds an IPv4 fragment (the whole datagram from {@code fragment.offset()}, header included) to its reassembly.
     * <b>Takes ownership</b> of the fragment.
     *
     * @return the complete datagram (header and payload, the header's lengths and fragment fields rewritten for the
     *         whole), owned by the caller; or null while it is incomplete or when it was dropped
     */
    PacketBuf reassemble4(Nic nic, PacketBuf fragment, long now);

    /**
     * Adds an IPv6 fragment to its reassembly. <b>Takes ownership.</b>
     *
     * @param fragmentHeaderOffset where the Fragment header starts, relative to the IPv6 header
     * @return the complete packet with its Fragment header removed, owned by the caller; or null
     */
    PacketBuf reassemble6(Nic nic, PacketBuf fragment, int fragmentHeaderOffset, long now);

    /**
     * Sends a finished IPv4 datagram larger than {@code mtu} as fragments to the next hop. <b>Takes ownership.</b>
     * The caller has checked that fragmentation is allowed (DF clear).
     */
    SendStatus fragment4(Nic nic, PacketBuf datagram, int mtu, long nextHop, long multicastMac, long now);

    /**
     * Sends an IPv6 packet this host originates, larger than {@code mtu}, as fragments (RFC 8200 §4.5: only the
     * source fragments). <b>Takes ownership.</b>
     */
    SendStatus fragment6(Nic nic, PacketBuf packet, int mtu, long nextHopHi, long nextHopLo, long multicastMac,
                         long now);

    /** The earliest reassembly timeout, for the stack's deadline. */
    long nextDeadline();

    /** Expires incomplete datagrams whose time is up. */
    void expire(long now);

    /** Releases every fragment held: the stack is closing. */
    void close();
}
