package org.jwsk.net;

import org.jwsk.common.buf.PacketBuf;

/**
 * A transport protocol as the IP layer sees it: one handler per protocol number, shared by IPv4 and IPv6 (the dual
 * IP layer: one transport layer above both). Registered with {@link NetStack#registerTransport}.
 *
 * <p><b>Threads.</b> Called on the stack's thread only, never re-entrantly for the same packet; a handler may send
 * (through {@link NetStack#ip()}) from inside these calls.
 */
public interface TransportHandler {

    /**
     * A packet for this protocol arrived for a local address, was reassembled if it was fragmented, and passed the
     * IP layer's checks. The transport checks its own header and checksum.
     *
     * @param rx      what the IP layer knows of the packet; valid during this call only
     * @param payload the transport header and data from {@code payload.offset()}; the handler <b>takes ownership</b>
     * @param now     the stack's time
     * @return whether a local endpoint took the packet; {@code false} makes the IP layer answer with a port
     *         unreachable where the rules allow (the handler must not have released or kept the payload then)
     */
    boolean onPacket(IpRx rx, PacketBuf payload, long now);

    /** An ICMP error about a packet of this protocol that this stack sent. */
    default void onIcmpError(IcmpErrorReport report, long now) {
    }
}
