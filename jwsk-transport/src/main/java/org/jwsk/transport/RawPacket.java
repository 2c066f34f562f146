package org.jwsk.transport;

import java.util.Objects;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.InterfaceId;
import org.jwsk.wire.addr.IpAddress;

/**
 * A packet a raw endpoint received, handed over without copying ({@link RawEndpoint#receiveBuf}): for IPv4 the whole
 * datagram from its IP header (as Linux raw sockets give it), for IPv6 the upper-layer message (RFC 3542 §3).
 *
 * <p><b>Buffers.</b> The receiver <b>owns</b> {@link #data()} and must release it; it may be a slice shared with other
 * raw endpoints that received the same packet: read-only.
 *
 * @param source       the packet's source address
 * @param destination  its destination address
 * @param ingress      the interface it arrived on
 * @param trafficClass the TOS byte or traffic class it arrived with
 * @param hopLimit     the TTL or hop limit it arrived with
 * @param data         the bytes, from {@code data.offset()} for {@code data.length()}
 */
public record RawPacket(IpAddress source, IpAddress destination, InterfaceId ingress, int trafficClass, int hopLimit,
                        PacketBuf data) {

    public RawPacket {
        Objects.requireNonNull(data, "data");
    }

    /** Releases {@link #data()}. */
    public void release() {
        data.release();
    }
}
