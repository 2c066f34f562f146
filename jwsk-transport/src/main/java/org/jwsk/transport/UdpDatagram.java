package org.jwsk.transport;

import java.util.Objects;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.InterfaceId;

/**
 * A received datagram handed over without copying ({@link UdpEndpoint#receiveBuf}, {@link UdpForwarder}): its data
 * in a pooled buffer and what the stack knows of it.
 *
 * <p><b>Buffers.</b> Whoever receives the record <b>owns</b> {@link #data()} and must release it (once); {@link
 * #release()} does. The buffer may be a slice shared with other receivers of the same multicast or broadcast
 * datagram: treat its bytes as read-only.
 *
 * @param source       the sender (an IPv4 sender of a dual-stack IPv6 endpoint appears as an IPv4 endpoint)
 * @param destination  the address and port it was sent to (IP_PKTINFO)
 * @param ingress      the interface it arrived on
 * @param trafficClass the IPv4 TOS byte or IPv6 traffic class it arrived with
 * @param hopLimit     the TTL or hop limit it arrived with
 * @param data         the datagram's data, from {@code data.offset()} for {@code data.length()} bytes
 */
public record UdpDatagram(IpEndpoint source, IpEndpoint destination, InterfaceId ingress, int trafficClass,
                          int hopLimit, PacketBuf data) {

    public UdpDatagram {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(data, "data");
    }

    /** Releases {@link #data()}: the owner's last act with this record. */
    public void release() {
        data.release();
    }
}
