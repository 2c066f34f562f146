package org.jwsk.net.testing;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.link.tap.testing.TestFrames;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.EthernetView;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.igmp.IgmpRepr;
import org.jwsk.wire.igmp.IgmpView;
import org.jwsk.wire.ipv4.Ipv4Option;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6Option;
import org.jwsk.wire.ipv6.Ipv6OptionType;
import org.jwsk.wire.ipv6.Ipv6OptionsRepr;
import org.jwsk.wire.ipv6.Ipv6Repr;
import org.jwsk.wire.ipv6.Ipv6View;
import org.jwsk.wire.testing.WireTesting;

/**
 * Control-plane frames for the autoconfiguration and multicast tests: built with jwsk-wire's records (ICMPv6 with
 * an optional Hop-by-Hop Router Alert, IGMP over IPv4 with an optional Router Alert option), and decoded back into
 * records with every check and checksum run first, as an independent reader of what a stack sent.
 */
public final class ControlFrames {

    private ControlFrames() {
    }

    /**
     * What one frame holds.
     *
     * @param srcMac      the Ethernet source
     * @param dstMac      the Ethernet destination
     * @param src         the IP source
     * @param dst         the IP destination
     * @param hopLimit    the hop limit or TTL
     * @param tos         the traffic class or TOS byte
     * @param routerAlert the Router Alert value (IPv6 Hop-by-Hop option or IPv4 option), -1 without one
     * @param message     the ICMPv6 or IGMP message as a record; null for anything else
     */
    public record Decoded(MacAddress srcMac, MacAddress dstMac, IpAddress src, IpAddress dst, int hopLimit, int tos,
                          int routerAlert, Object message) {
    }

    /** An Ethernet frame with an IPv6 packet carrying {@code message} to a multicast {@code dst}. */
    public static byte[] icmp6(MacAddress srcMac, Ipv6Address src, Ipv6Address dst, int hopLimit, boolean routerAlert,
                               Icmpv6Repr message) {
        return icmp6(srcMac, MacAddress.ofIpv6Multicast(dst), src, dst, hopLimit, routerAlert, message);
    }

    /** An Ethernet frame with an IPv6 packet carrying {@code message}, with a Router Alert for MLD if asked. */
    public static byte[] icmp6(MacAddress srcMac, MacAddress dstMac, Ipv6Address src, Ipv6Address dst, int hopLimit,
                               boolean routerAlert, Icmpv6Repr message) {
        if (!routerAlert) {
            return TestFrames.ethernet(dstMac, srcMac, EtherType.IPV6, TestFrames.ipv6Icmp(src, dst, hopLimit, message));
        }
        Ipv6OptionsRepr hbh = Ipv6OptionsRepr.padded(IpProtocol.HOPOPT, IpProtocol.ICMPV6,
                List.of(new Ipv6Option.RouterAlert(Ipv6OptionType.ROUTER_ALERT_MLD)));
        int payload = hbh.headerLength() + message.bufferLength();
        Ipv6Repr ip = new Ipv6Repr(payload, IpProtocol.HOPOPT, hopLimit, src, dst);
        MemorySegment packet = WireTesting.poisoned(ip.packetLength());
        ip.emit(new Ipv6View().wrap(packet, 0, ip.packetLength()));
        hbh.emit(packet, ip.headerLength());
        message.emit(packet, ip.headerLength() + hbh.headerLength(), InternetChecksum.pseudoHeaderV6(src.hi(), src.lo(),
                dst.hi(), dst.lo(), IpProtocol.ICMPV6, message.bufferLength()), ChecksumPolicy.COMPUTE);
        return TestFrames.ethernet(dstMac, srcMac, EtherType.IPV6, WireTesting.bytes(packet, 0, ip.packetLength()));
    }

    /** An Ethernet frame with an IPv4 datagram carrying an IGMP message, TTL 1, with a Router Alert if asked. */
    public static byte[] igmp(MacAddress srcMac, Ipv4Address src, Ipv4Address dst, boolean routerAlert,
                              IgmpRepr message) {
        List<Ipv4Option> options = routerAlert ? List.of(new Ipv4Option.RouterAlert(0)) : List.of();
        Ipv4Repr ip = new Ipv4Repr(48, 0, 0, true, false, 0, 1, IpProtocol.IGMP, src, dst, options,
                message.bufferLength());
        MemorySegment packet = WireTesting.poisoned(ip.totalLength());
        ip.emit(packet, 0, ChecksumPolicy.COMPUTE);
        message.emit(packet, ip.headerLength(), ChecksumPolicy.COMPUTE);
        return TestFrames.ethernet(MacAddress.ofIpv4Multicast(dst), srcMac, EtherType.IPV4,
                WireTesting.bytes(packet, 0, ip.totalLength()));
    }

    /** Decodes every frame of the log. */
    public static List<Decoded> decode(List<FrameLog.Frame> frames) {
        List<Decoded> out = new ArrayList<>();
        for (FrameLog.Frame f : frames) {
            out.add(decode(f.bytes()));
        }
        return out;
    }

    /**
     * Decodes one frame, checking each header before reading it and verifying every checksum.
     *
     * @throws AssertionError if anything is malformed: a stack under test must never send that
     */
    public static Decoded decode(byte[] frame) {
        MemorySegment seg = MemorySegment.ofArray(frame);
        require(EthernetView.check(seg, 0, frame.length));
        EthernetView eth = new EthernetView().wrap(seg, 0, frame.length);
        long off = eth.payloadOffset();
        int len = eth.payloadLength();
        MacAddress srcMac = new MacAddress(eth.src());
        MacAddress dstMac = new MacAddress(eth.dst());
        if (eth.etherType() == EtherType.IPV6) {
            return decode6(srcMac, dstMac, seg, off, len);
        }
        if (eth.etherType() == EtherType.IPV4) {
            return decode4(srcMac, dstMac, seg, off, len);
        }
        return new Decoded(srcMac, dstMac, null, null, 0, 0, -1, null);
    }

    private static Decoded decode6(MacAddress srcMac, MacAddress dstMac, MemorySegment seg, long off, int len) {
        require(Ipv6View.check(seg, off, len));
        Ipv6View ip = new Ipv6View().wrap(seg, off, len);
        Ipv6HeaderWalker walker = new Ipv6HeaderWalker();
        require(walker.walk(seg, off, ip.packetLength()));
        Object message = null;
        if (walker.upperProtocol() == IpProtocol.ICMPV6) {
            long m = off + walker.upperOffset();
            int mlen = walker.upperLength();
            require(Icmpv6View.check(seg, m, mlen));
            Icmpv6View icmp = new Icmpv6View().wrap(seg, m, mlen);
            if (!icmp.verifyChecksum(ip.pseudoHeaderSum(IpProtocol.ICMPV6, mlen))) {
                throw new AssertionError("bad ICMPv6 checksum");
            }
            message = Icmpv6Repr.parse(icmp);
        }
        return new Decoded(srcMac, dstMac, ip.src(), ip.dst(), ip.hopLimit(), ip.trafficClass(), walker.routerAlert(),
                message);
    }

    private static Decoded decode4(MacAddress srcMac, MacAddress dstMac, MemorySegment seg, long off, int len) {
        require(Ipv4View.check(seg, off, len));
        Ipv4View ip = new Ipv4View().wrap(seg, off, len);
        if (!ip.checksumValid()) {
            throw new AssertionError("bad IPv4 header checksum");
        }
        Object message = null;
        if (ip.protocol() == IpProtocol.IGMP) {
            long m = ip.payloadOffset();
            int mlen = ip.payloadLength();
            require(IgmpView.check(seg, m, mlen));
            IgmpView igmp = new IgmpView().wrap(seg, m, mlen);
            if (!igmp.verifyChecksum()) {
                throw new AssertionError("bad IGMP checksum");
            }
            message = IgmpRepr.parse(igmp);
        }
        return new Decoded(srcMac, dstMac, new Ipv4Address(ip.src()), new Ipv4Address(ip.dst()), ip.ttl(),
                ip.dscp() << 2 | ip.ecn(), ip.routerAlert(), message);
    }

    private static void require(DropReason r) {
        if (r.isDrop()) {
            throw new AssertionError("malformed frame: " + r);
        }
    }
}
