package org.jwsk.net.testing;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.ipv4.Ipv4Option;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6Layout;
import org.jwsk.wire.ipv6.Ipv6Repr;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * Hand-made IP packets for {@link Probe}s, emitted by jwsk-wire's records: what a test needs to send that a stack
 * would refuse to (martian addresses, source-route options).
 */
public final class TestPackets {

    private TestPackets() {
    }

    /** An IPv4 datagram with options, its header checksum computed. */
    public static byte[] ipv4(String src, String dst, int protocol, int ttl, List<Ipv4Option> options,
                              byte[] payload) {
        Ipv4Repr r = new Ipv4Repr(0, 0, 0, false, false, 0, ttl, protocol, Ipv4Address.parse(src),
                Ipv4Address.parse(dst), options, payload.length);
        byte[] out = new byte[r.totalLength()];
        MemorySegment seg = MemorySegment.ofArray(out);
        r.emit(new Ipv4View().wrap(seg, 0, out.length), ChecksumPolicy.COMPUTE);
        System.arraycopy(payload, 0, out, r.headerLength(), payload.length);
        return out;
    }

    /** An IPv4 datagram without options. */
    public static byte[] ipv4(String src, String dst, int protocol, int ttl, byte[] payload) {
        return ipv4(src, dst, protocol, ttl, List.of(), payload);
    }

    /** An IPv6 packet with no extension headers. */
    public static byte[] ipv6(String src, String dst, int nextHeader, int hopLimit, byte[] payload) {
        Ipv6Repr r = new Ipv6Repr(payload.length, nextHeader, hopLimit, Ipv6Address.parse(src),
                Ipv6Address.parse(dst));
        byte[] out = new byte[r.packetLength()];
        r.emit(new Ipv6View().wrap(MemorySegment.ofArray(out), 0, out.length));
        System.arraycopy(payload, 0, out, Ipv6Layout.HEADER_LENGTH, payload.length);
        return out;
    }

    /** The destination of an IP packet (either family), read from its bytes. */
    public static IpAddress destination(byte[] packet) {
        MemorySegment seg = MemorySegment.ofArray(packet);
        return (packet[0] >>> 4) == 4 ? new Ipv4Address(new Ipv4View().wrap(seg, 0, packet.length).dst())
                : new Ipv6View().wrap(seg, 0, packet.length).dst();
    }
}
