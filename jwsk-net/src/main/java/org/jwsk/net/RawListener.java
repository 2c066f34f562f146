package org.jwsk.net;

import org.jwsk.common.buf.PacketBuf;

/**
 * Sees every packet the IP layer delivers locally, before the protocol's own handler (ICMP, ICMPv6, a {@link
 * TransportHandler}) gets it: what raw sockets are built on (Linux {@code raw_local_deliver} and {@code
 * ipv6_raw_deliver}, called from local delivery for every protocol). Registered with {@link
 * NetStack#addRawListener}.
 *
 * <p>Called once per delivered packet, after reassembly and the IP layer's checks, for packets to a local address,
 * a joined multicast group or a broadcast address alike; never for forwarded packets. ICMP and ICMPv6 messages
 * reach the listener before their checksum is verified (ICMP verifies it afterwards), as they reach Linux's raw
 * sockets.
 *
 * <p><b>Threads.</b> The stack's thread, never re-entrantly for one packet. The listener may send from inside the
 * call (packets to local addresses go through the loopback interface's queue and come back on a later poll).
 *
 * <p><b>Buffers.</b> {@code packet} is <b>borrowed</b> for the call: the listener must neither release it nor change
 * its bytes or window, and must not keep it or a slice of it. A listener that keeps the bytes copies them: after
 * the call the protocol handler owns the packet and may rewrite it in place (ICMP turns an echo request into its
 * reply in the same buffer), so a retained slice would see other bytes later.
 */
@FunctionalInterface
public interface RawListener {

    /**
     * A packet was delivered locally.
     *
     * @param rx          what the IP layer knows of it (valid during the call only; {@link IpRx#protocol()} is the
     *                    upper-layer protocol)
     * @param packet      the packet from its IP header at {@code packet.offset()}, reassembled; borrowed
     * @param upperOffset where the upper-layer header starts, counted from {@code packet.offset()}: the IPv4 header
     *                    length, or the IPv6 header plus its extension headers
     * @param now         the stack's time
     * @return whether the listener took a copy; when no protocol handler exists, a packet some listener took is
     *         counted as delivered and draws no protocol-unreachable error (as in Linux)
     */
    boolean onPacket(IpRx rx, PacketBuf packet, int upperOffset, long now);
}
