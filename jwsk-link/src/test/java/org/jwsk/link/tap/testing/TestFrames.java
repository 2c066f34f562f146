package org.jwsk.link.tap.testing;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.arp.ArpRepr;
import org.jwsk.wire.ethernet.EthernetRepr;
import org.jwsk.wire.ethernet.EthernetView;
import org.jwsk.wire.icmpv4.Icmpv4Repr;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.ipv4.Ipv4Layout;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6Repr;
import org.jwsk.wire.ipv6.Ipv6View;
import org.jwsk.wire.testing.WireTesting;
import org.jwsk.wire.udp.UdpRepr;
import org.jwsk.wire.udp.UdpView;

/**
 * Frames for kernel tests, built with jwsk-wire's records (the one way the project builds packets): Ethernet
 * ({@link EthernetRepr}), ARP ({@link ArpRepr}), IPv4 ({@link Ipv4Repr}), IPv6 ({@link Ipv6Repr}), UDP ({@link
 * UdpRepr}), ICMP ({@link Icmpv4Repr}) and ICMPv6 ({@link Icmpv6Repr}), checksums over the pseudo-header
 * included. Every builder emits into a {@link
 * WireTesting#poisoned poisoned} buffer, so a byte the records forget to write shows up in a byte-for-byte
 * comparison with what the kernel sends.
 *
 * <p>The predicates read frames the kernel sent, which are untrusted: they run each view's {@code check} before
 * any accessor and answer false for anything malformed.
 */
public final class TestFrames {

    /** The identification {@link #ipv4Udp} writes; the kernel chooses its own, see {@link #withIpv4IdAndFlagsOf}. */
    public static final int IPV4_IDENTIFICATION = 0x1234;
    /** The TTL and hop limit the builders write: Linux's default ({@code net.ipv4.ip_default_ttl}). */
    public static final int DEFAULT_TTL = 64;

    private TestFrames() {
    }

    /** An Ethernet II frame: the header written by {@link EthernetRepr#emit}, then {@code payload}. */
    public static byte[] ethernet(MacAddress dst, MacAddress src, int etherType, byte[] payload) {
        EthernetRepr repr = new EthernetRepr(dst, src, etherType);
        MemorySegment frame = WireTesting.poisoned(repr.headerLength() + payload.length);
        repr.emit(frame, 0);
        MemorySegment.copy(MemorySegment.ofArray(payload), 0, frame, repr.headerLength(), payload.length);
        return WireTesting.bytes(frame, 0, (int) frame.byteSize());
    }

    /** The 28 bytes of an Ethernet/IPv4 ARP packet (RFC 826), as {@link ArpRepr#emit} writes them. */
    public static byte[] arp(ArpRepr arp) {
        MemorySegment packet = WireTesting.poisoned(arp.bufferLength());
        arp.emit(packet, 0);
        return WireTesting.bytes(packet, 0, arp.bufferLength());
    }

    /**
     * An IPv4 packet (RFC 791 §3.1: no options, identification {@link #IPV4_IDENTIFICATION}, DF, TTL 64)
     * carrying a UDP datagram (RFC 768); both checksums computed.
     */
    public static byte[] ipv4Udp(Ipv4Address src, Ipv4Address dst, int srcPort, int dstPort, byte[] payload) {
        UdpRepr udp = new UdpRepr(srcPort, dstPort, payload.length);
        Ipv4Repr ip = ipv4Header(src, dst, IpProtocol.UDP, udp.bufferLength());
        MemorySegment packet = WireTesting.poisoned(ip.totalLength());
        Ipv4View ipView = new Ipv4View().wrap(packet, 0, ip.totalLength());
        ip.emit(ipView, ChecksumPolicy.COMPUTE);
        emitUdp(udp, packet, ip.headerLength(), payload, ipView.pseudoHeaderSum(udp.bufferLength()));
        return WireTesting.bytes(packet, 0, ip.totalLength());
    }

    /** An IPv4 packet, as {@link #ipv4Udp} writes it, carrying an ICMP message (RFC 792); both checksums computed. */
    public static byte[] ipv4Icmp(Ipv4Address src, Ipv4Address dst, Icmpv4Repr message) {
        Ipv4Repr ip = ipv4Header(src, dst, IpProtocol.ICMP, message.bufferLength());
        MemorySegment packet = WireTesting.poisoned(ip.totalLength());
        ip.emit(packet, 0, ChecksumPolicy.COMPUTE);
        message.emit(packet, ip.headerLength(), ChecksumPolicy.COMPUTE);
        return WireTesting.bytes(packet, 0, ip.totalLength());
    }

    private static Ipv4Repr ipv4Header(Ipv4Address src, Ipv4Address dst, int protocol, int payloadLength) {
        return new Ipv4Repr(0, Ipv4Layout.ECN_NOT_ECT, IPV4_IDENTIFICATION, true, false, 0, DEFAULT_TTL, protocol,
                src, dst, List.of(), payloadLength);
    }

    /**
     * An IPv6 packet (RFC 8200 §3: traffic class and flow label 0, hop limit 64, no extension headers) carrying
     * a UDP datagram with its checksum, which IPv6 makes mandatory (RFC 8200 §8.1).
     */
    public static byte[] ipv6Udp(Ipv6Address src, Ipv6Address dst, int srcPort, int dstPort, byte[] payload) {
        UdpRepr udp = new UdpRepr(srcPort, dstPort, payload.length);
        Ipv6Repr ip = new Ipv6Repr(udp.bufferLength(), IpProtocol.UDP, DEFAULT_TTL, src, dst);
        MemorySegment packet = WireTesting.poisoned(ip.packetLength());
        Ipv6View ipView = new Ipv6View().wrap(packet, 0, ip.packetLength());
        ip.emit(ipView);
        emitUdp(udp, packet, ip.headerLength(), payload, ipView.pseudoHeaderSum(IpProtocol.UDP, udp.bufferLength()));
        return WireTesting.bytes(packet, 0, ip.packetLength());
    }

    /**
     * An IPv6 packet (no extension headers) carrying an ICMPv6 message, its checksum over the pseudo-header (RFC
     * 4443 §2.3). Neighbor Discovery needs {@code hopLimit} 255 (RFC 4861 §7.1).
     */
    public static byte[] ipv6Icmp(Ipv6Address src, Ipv6Address dst, int hopLimit, Icmpv6Repr message) {
        Ipv6Repr ip = new Ipv6Repr(message.bufferLength(), IpProtocol.ICMPV6, hopLimit, src, dst);
        MemorySegment packet = WireTesting.poisoned(ip.packetLength());
        Ipv6View ipView = new Ipv6View().wrap(packet, 0, ip.packetLength());
        ip.emit(ipView);
        message.emit(packet, ip.headerLength(), ipView.pseudoHeaderSum(IpProtocol.ICMPV6, message.bufferLength()),
                ChecksumPolicy.COMPUTE);
        return WireTesting.bytes(packet, 0, ip.packetLength());
    }

    private static void emitUdp(UdpRepr udp, MemorySegment packet, int off, byte[] payload, int pseudoHeaderSum) {
        MemorySegment.copy(MemorySegment.ofArray(payload), 0, packet, off + udp.headerLength(), payload.length);
        udp.emit(packet, off, ChecksumPolicy.COMPUTE, pseudoHeaderSum);
    }

    /** A new pool buffer holding a copy of {@code frame}; the caller owns it. */
    public static PacketBuf toBuf(BufPool pool, byte[] frame) {
        return pool.copyOf(frame);
    }

    /** Whether {@code frame} is a well-formed, untagged Ethernet frame of this EtherType. */
    public static boolean isEtherType(byte[] frame, int etherType) {
        MemorySegment seg = MemorySegment.ofArray(frame);
        if (EthernetView.check(seg, 0, frame.length) != DropReason.NONE) {
            return false;
        }
        EthernetView eth = new EthernetView().wrap(seg, 0, frame.length);
        return eth.vlanCount() == 0 && eth.etherType() == etherType;
    }

    /** Whether the bytes of {@code b} from {@code off} are a well-formed IPv4 packet with UDP to {@code dstPort}. */
    public static boolean isIpv4UdpTo(byte[] b, int off, int dstPort) {
        MemorySegment seg = MemorySegment.ofArray(b);
        if (off > b.length || Ipv4View.check(seg, off, b.length - off) != DropReason.NONE) {
            return false;
        }
        Ipv4View ip = new Ipv4View().wrap(seg, off, b.length - off);
        return ip.protocol() == IpProtocol.UDP && !ip.isFragment()
                && isUdpTo(seg, ip.payloadOffset(), ip.payloadLength(), dstPort);
    }

    /**
     * Whether the bytes of {@code b} from {@code off} are a well-formed IPv6 packet carrying UDP, with no
     * extension headers, to {@code dstPort}.
     */
    public static boolean isIpv6UdpTo(byte[] b, int off, int dstPort) {
        MemorySegment seg = MemorySegment.ofArray(b);
        if (off > b.length || Ipv6View.check(seg, off, b.length - off) != DropReason.NONE) {
            return false;
        }
        Ipv6View ip = new Ipv6View().wrap(seg, off, b.length - off);
        return ip.nextHeader() == IpProtocol.UDP && isUdpTo(seg, ip.payloadOffset(), ip.payloadLength(), dstPort);
    }

    private static boolean isUdpTo(MemorySegment seg, long off, int len, int dstPort) {
        return UdpView.check(seg, off, len) == DropReason.NONE
                && new UdpView().wrap(seg, off, len).dstPort() == dstPort;
    }

    /**
     * {@code expected}, an IPv4 packet at {@code ipOffset}, with the fields the kernel chooses for itself taken
     * from {@code actual}: the identification and the flags and fragment offset (RFC 791 §3.1; RFC 6864 for
     * the identification of atomic datagrams). The header checksum is computed anew, so equal bytes afterwards
     * still prove the kernel's checksums right.
     *
     * @throws IllegalArgumentException if {@code actual} holds no well-formed IPv4 packet at {@code ipOffset}
     */
    public static byte[] withIpv4IdAndFlagsOf(byte[] expected, byte[] actual, int ipOffset) {
        MemorySegment from = MemorySegment.ofArray(actual);
        DropReason check = Ipv4View.check(from, ipOffset, actual.length - ipOffset);
        if (check != DropReason.NONE) {
            throw new IllegalArgumentException("not an IPv4 packet: " + check);
        }
        Ipv4View kernel = new Ipv4View().wrap(from, ipOffset, actual.length - ipOffset);
        byte[] e = expected.clone();
        Ipv4View view = new Ipv4View().wrap(MemorySegment.ofArray(e), ipOffset, e.length - ipOffset);
        view.setIdentification(kernel.identification());
        view.setFlagsAndFragmentOffset(kernel.dontFragment(), kernel.moreFragments(), kernel.fragmentOffset());
        view.fillChecksum();
        return e;
    }

    /**
     * {@code expected}, an IPv6 packet at {@code ipOffset}, with the flow label of {@code actual}: Linux labels
     * its flows automatically (RFC 6437 §3, {@code net.ipv6.auto_flowlabels}).
     *
     * @throws IllegalArgumentException if {@code actual} holds no well-formed IPv6 packet at {@code ipOffset}
     */
    public static byte[] withIpv6FlowLabelOf(byte[] expected, byte[] actual, int ipOffset) {
        MemorySegment from = MemorySegment.ofArray(actual);
        DropReason check = Ipv6View.check(from, ipOffset, actual.length - ipOffset);
        if (check != DropReason.NONE) {
            throw new IllegalArgumentException("not an IPv6 packet: " + check);
        }
        int flowLabel = new Ipv6View().wrap(from, ipOffset, actual.length - ipOffset).flowLabel();
        byte[] e = expected.clone();
        Ipv6View view = new Ipv6View().wrap(MemorySegment.ofArray(e), ipOffset, e.length - ipOffset);
        view.setVersionClassFlow(view.trafficClass(), flowLabel);
        return e;
    }
}
