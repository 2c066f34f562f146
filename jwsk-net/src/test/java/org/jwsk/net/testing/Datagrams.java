package org.jwsk.net.testing;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ipv4.Ipv4Layout;
import org.jwsk.wire.ipv4.Ipv4Option;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv6.Ipv6ExtensionRepr;
import org.jwsk.wire.ipv6.Ipv6FragmentRepr;
import org.jwsk.wire.ipv6.Ipv6Repr;
import org.jwsk.wire.ipv6.Ipv6View;

/** Builds IP datagrams and fragments byte by byte with jwsk-wire's records, for tests that craft their own packets. */
public final class Datagrams {

    private Datagrams() {
    }

    /** {@code n} bytes of a pattern that differs per {@code seed}, so a misplaced piece shows. */
    public static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed * 31 + (i >>> 8));
        }
        return b;
    }

    /** An IPv4 datagram: {@code header} (its payload length is set from {@code payload}) and the payload. */
    public static byte[] ipv4(Ipv4Repr header, byte[] payload) {
        Ipv4Repr h = new Ipv4Repr(header.dscp(), header.ecn(), header.identification(), header.dontFragment(),
                header.moreFragments(), header.fragmentOffset(), header.ttl(), header.protocol(), header.src(),
                header.dst(), header.options(), payload.length);
        byte[] out = new byte[h.totalLength()];
        MemorySegment seg = MemorySegment.ofArray(out);
        h.emit(seg, 0, ChecksumPolicy.COMPUTE);
        MemorySegment.copy(payload, 0, seg, ValueLayout.JAVA_BYTE, h.headerLength(), payload.length);
        return out;
    }

    /** One IPv4 fragment without options: TTL 64, ECN {@code ecn}. */
    public static byte[] fragment4(Ipv4Address src, Ipv4Address dst, int protocol, int id, int offsetBytes,
                                   boolean more, int ecn, byte[] data) {
        return ipv4(new Ipv4Repr(0, ecn, id, false, more, offsetBytes / 8, 64, protocol, src, dst, List.of(),
                data.length), data);
    }

    /** One IPv4 fragment with options. */
    public static byte[] fragment4(Ipv4Address src, Ipv4Address dst, int protocol, int id, int offsetBytes,
                                   boolean more, List<Ipv4Option> options, byte[] data) {
        return ipv4(new Ipv4Repr(0, Ipv4Layout.ECN_NOT_ECT, id, false, more, offsetBytes / 8, 64, protocol, src, dst,
                options, data.length), data);
    }

    /** {@code payload} cut into IPv4 fragments of {@code piece} data bytes (a multiple of 8), in order. */
    public static List<byte[]> fragments4(Ipv4Address src, Ipv4Address dst, int protocol, int id, byte[] payload,
                                          int piece) {
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < payload.length; off += piece) {
            int len = Math.min(piece, payload.length - off);
            out.add(fragment4(src, dst, protocol, id, off, off + len < payload.length, Ipv4Layout.ECN_NOT_ECT,
                    slice(payload, off, len)));
        }
        return out;
    }

    /** An IPv6 packet: the fixed header, the extension headers in order, and the payload. */
    public static byte[] ipv6(Ipv6Address src, Ipv6Address dst, int trafficClass, List<Ipv6ExtensionRepr> chain,
                              int upperProtocol, byte[] payload) {
        int extLength = chain.stream().mapToInt(Ipv6ExtensionRepr::headerLength).sum();
        int first = chain.isEmpty() ? upperProtocol : chain.getFirst().protocol();
        byte[] out = new byte[40 + extLength + payload.length];
        MemorySegment seg = MemorySegment.ofArray(out);
        new Ipv6Repr(trafficClass, 0, extLength + payload.length, first, 64, src, dst)
                .emit(new Ipv6View().wrap(seg, 0, out.length));
        int at = 40;
        for (Ipv6ExtensionRepr e : chain) {
            e.emit(seg, at);
            at += e.headerLength();
        }
        MemorySegment.copy(payload, 0, seg, ValueLayout.JAVA_BYTE, at, payload.length);
        return out;
    }

    /** One IPv6 fragment: the fixed header, a Fragment header naming {@code nextHeader}, and the data. */
    public static byte[] fragment6(Ipv6Address src, Ipv6Address dst, int nextHeader, int id, int offsetBytes,
                                   boolean more, int trafficClass, byte[] data) {
        return ipv6(src, dst, trafficClass, List.of(new Ipv6FragmentRepr(nextHeader, offsetBytes / 8, more, id)),
                IpProtocol.IPV6_FRAG, data);
    }

    /** {@code payload} (an upper-layer message of {@code protocol}) cut into IPv6 fragments of {@code piece} bytes. */
    public static List<byte[]> fragments6(Ipv6Address src, Ipv6Address dst, int protocol, int id, byte[] payload,
                                          int piece) {
        List<byte[]> out = new ArrayList<>();
        for (int off = 0; off < payload.length; off += piece) {
            int len = Math.min(piece, payload.length - off);
            out.add(fragment6(src, dst, protocol, id, off, off + len < payload.length, 0, slice(payload, off, len)));
        }
        return out;
    }

    /** An Ethernet II frame. */
    public static byte[] ethernet(MacAddress dst, MacAddress src, int etherType, byte[] payload) {
        byte[] out = new byte[14 + payload.length];
        MemorySegment seg = MemorySegment.ofArray(out);
        dst.write(seg, 0);
        src.write(seg, 6);
        seg.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), 12, (short) etherType);
        System.arraycopy(payload, 0, out, 14, payload.length);
        return out;
    }

    /** Bytes {@code [off, off + len)} of {@code b}. */
    public static byte[] slice(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }
}
