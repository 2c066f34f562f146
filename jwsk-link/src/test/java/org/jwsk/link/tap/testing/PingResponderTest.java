package org.jwsk.link.tap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.link.tap.testing.TestFrames.arp;
import static org.jwsk.link.tap.testing.TestFrames.ethernet;
import static org.jwsk.link.tap.testing.TestFrames.ipv4Icmp;
import static org.jwsk.link.tap.testing.TestFrames.ipv4Udp;
import static org.jwsk.link.tap.testing.TestFrames.ipv6Icmp;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.arp.ArpRepr;
import org.jwsk.wire.arp.ArpView;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.EthernetRepr;
import org.jwsk.wire.ethernet.EthernetView;
import org.jwsk.wire.icmpv4.Icmpv4Repr;
import org.jwsk.wire.icmpv4.Icmpv4View;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6Repr;
import org.jwsk.wire.ipv6.Ipv6View;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The responder without a kernel, over a virtual wire: what it answers, byte-exact through the records, and that
 * malformed frames are counted, never answered (so that "no malformed frames" in the kernel tests means
 * something).
 */
class PingResponderTest {

    static final MacAddress KERNEL_MAC = MacAddress.parse("02:00:00:00:00:01");
    static final Ipv4Address KERNEL_IP = Ipv4Address.parse("192.0.2.1");
    static final Ipv6Address KERNEL_IP6 = Ipv6Address.parse("2001:db8::1");
    static final MacAddress JWSK_MAC = MacAddress.parse("02:00:00:00:00:02");
    static final Ipv4Address JWSK_IP = Ipv4Address.parse("192.0.2.2");
    static final Ipv6Address JWSK_IP6 = Ipv6Address.parse("2001:db8::2");
    static final long NOW = 1_000;
    static final Octets DATA = Octets.of("abcdefghijklmnopqrstuvwxyz012345".getBytes(StandardCharsets.US_ASCII));

    private final BufPool pool = BufPool.create(BufPoolConfig.small("responder-test", 2));
    private final VirtualWire wire = VirtualWire.create(WireConfig.ethernet("w0"), new SplittableRandom(1));
    private final FrameCollector kernel = new FrameCollector();
    private final PingResponder jwsk = new PingResponder(wire.endB(), pool, JWSK_MAC, JWSK_IP, JWSK_IP6);

    @BeforeEach
    void start() {
        wire.endA().start(kernel, () -> { });
        wire.endB().start(jwsk, () -> { });
    }

    @AfterEach
    void close() {
        wire.close();
        assertEquals(0, pool.outstanding(), "every frame and reply released");
        pool.close();
    }

    /** The kernel's side sends {@code frames}; the responder reads them; returns what came back. */
    private List<byte[]> exchange(byte[]... frames) {
        int before = kernel.frames().size();
        for (byte[] f : frames) {
            assertTrue(wire.endA().send(pool.copyOf(f), NOW));
        }
        wire.endB().poll(NOW, 64);
        wire.endA().poll(NOW, 64);
        List<byte[]> all = kernel.frames();
        return all.subList(before, all.size());
    }

    /** The reply's Ethernet header, after its check. */
    private static EthernetView ethernetOf(byte[] frame) {
        MemorySegment seg = MemorySegment.ofArray(frame);
        assertEquals(DropReason.NONE, EthernetView.check(seg, 0, frame.length));
        return new EthernetView().wrap(seg, 0, frame.length);
    }

    private static byte[] echoRequestV4(Icmpv4Repr.EchoRequest request) {
        return ethernet(JWSK_MAC, KERNEL_MAC, EtherType.IPV4, ipv4Icmp(KERNEL_IP, JWSK_IP, request));
    }

    private static byte[] toJwsk6(MacAddress dstMac, Ipv6Address dst, int hopLimit, Icmpv6Repr message) {
        return ethernet(dstMac, KERNEL_MAC, EtherType.IPV6, ipv6Icmp(KERNEL_IP6, dst, hopLimit, message));
    }

    private static NdpRepr.NeighborSolicitation solicitationFor(Ipv6Address target) {
        return new NdpRepr.NeighborSolicitation(target, List.of(NdpOption.SourceLinkLayerAddress.of(KERNEL_MAC)));
    }

    private static byte[] solicitation(Ipv6Address target, int hopLimit) {
        return toJwsk6(MacAddress.ofIpv6Multicast(target.solicitedNode()), target.solicitedNode(), hopLimit,
                solicitationFor(target));
    }

    @Test
    void arpRequestForItsAddress_answeredFromItsMacToTheRequester() {
        ArpRepr request = ArpRepr.request(KERNEL_MAC, KERNEL_IP, JWSK_IP);

        List<byte[]> replies = exchange(ethernet(MacAddress.BROADCAST, KERNEL_MAC, EtherType.ARP, arp(request)));

        assertEquals(1, replies.size());
        EthernetView eth = ethernetOf(replies.getFirst());
        assertEquals(new EthernetRepr(KERNEL_MAC, JWSK_MAC, EtherType.ARP), EthernetRepr.parse(eth));
        assertEquals(DropReason.NONE, ArpView.check(eth.segment(), eth.payloadOffset(), eth.payloadLength()));
        ArpRepr reply = ArpRepr.parse(new ArpView().wrap(eth.segment(), eth.payloadOffset(), eth.payloadLength()));
        assertEquals(ArpRepr.replyTo(request, JWSK_MAC), reply);
        assertEquals(1, jwsk.arpReplies());
    }

    @Test
    void echoRequest_turnedAroundInPlace_withValidChecksums() {
        Icmpv4Repr.EchoRequest request = new Icmpv4Repr.EchoRequest(0x4242, 7, DATA);

        List<byte[]> replies = exchange(echoRequestV4(request));

        assertEquals(1, replies.size());
        EthernetView eth = ethernetOf(replies.getFirst());
        assertEquals(new EthernetRepr(KERNEL_MAC, JWSK_MAC, EtherType.IPV4), EthernetRepr.parse(eth));
        assertEquals(DropReason.NONE, Ipv4View.check(eth.segment(), eth.payloadOffset(), eth.payloadLength()));
        Ipv4View ip = new Ipv4View().wrap(eth.segment(), eth.payloadOffset(), eth.payloadLength());
        assertTrue(ip.checksumValid());
        Ipv4Repr header = Ipv4Repr.parse(ip);
        assertEquals(JWSK_IP, header.src());
        assertEquals(KERNEL_IP, header.dst());
        assertEquals(IpProtocol.ICMP, header.protocol());
        assertEquals(DropReason.NONE, Icmpv4View.check(ip.segment(), ip.payloadOffset(), ip.payloadLength()));
        Icmpv4View icmp = new Icmpv4View().wrap(ip.segment(), ip.payloadOffset(), ip.payloadLength());
        assertTrue(icmp.checksumValid());
        assertEquals(request.reply(), Icmpv4Repr.parse(icmp));
        assertEquals(1, jwsk.echoReplies());
    }

    @Test
    void neighborSolicitation_answeredWithSolicitedOverrideAdvertisement() {
        List<byte[]> replies = exchange(solicitation(JWSK_IP6, 255));

        assertEquals(1, replies.size());
        Icmpv6Repr advert = icmpv6Of(replies.getFirst(), KERNEL_MAC, new Ipv6Repr(32, IpProtocol.ICMPV6, 255,
                JWSK_IP6, KERNEL_IP6));
        assertEquals(new NdpRepr.NeighborAdvertisement(false, true, true, JWSK_IP6,
                List.of(NdpOption.TargetLinkLayerAddress.of(JWSK_MAC))), advert);
    }

    @Test
    void solicitationFromUnspecified_answeredToAllNodesWithoutSolicitedFlag() {
        NdpRepr.NeighborSolicitation dad = new NdpRepr.NeighborSolicitation(JWSK_IP6, List.of());
        byte[] frame = ethernet(MacAddress.ofIpv6Multicast(JWSK_IP6.solicitedNode()), KERNEL_MAC, EtherType.IPV6,
                ipv6Icmp(Ipv6Address.ANY, JWSK_IP6.solicitedNode(), 255, dad));

        List<byte[]> replies = exchange(frame);

        assertEquals(1, replies.size());
        Icmpv6Repr advert = icmpv6Of(replies.getFirst(), MacAddress.parse("33:33:00:00:00:01"),
                new Ipv6Repr(32, IpProtocol.ICMPV6, 255, JWSK_IP6, Ipv6Address.ALL_NODES));
        assertEquals(new NdpRepr.NeighborAdvertisement(false, false, true, JWSK_IP6,
                List.of(NdpOption.TargetLinkLayerAddress.of(JWSK_MAC))), advert);
    }

    @Test
    void echoRequestV6_answeredWithTheSameIdentifierSequenceAndData() {
        Icmpv6Repr.EchoRequest request = new Icmpv6Repr.EchoRequest(0x1111, 3, DATA);

        List<byte[]> replies = exchange(toJwsk6(JWSK_MAC, JWSK_IP6, 64, request));

        assertEquals(1, replies.size());
        Icmpv6Repr reply = icmpv6Of(replies.getFirst(), KERNEL_MAC,
                new Ipv6Repr(8 + DATA.length(), IpProtocol.ICMPV6, 64, JWSK_IP6, KERNEL_IP6));
        assertEquals(request.reply(), reply);
        assertEquals(1, jwsk.echoReplies6());
    }

    /** Checks the reply's Ethernet and IPv6 headers and ICMPv6 checksum, and returns its message. */
    private static Icmpv6Repr icmpv6Of(byte[] frame, MacAddress linkDst, Ipv6Repr expectedHeader) {
        EthernetView eth = ethernetOf(frame);
        assertEquals(new EthernetRepr(linkDst, JWSK_MAC, EtherType.IPV6), EthernetRepr.parse(eth));
        MemorySegment seg = eth.segment();
        assertEquals(DropReason.NONE, Ipv6View.check(seg, eth.payloadOffset(), eth.payloadLength()));
        Ipv6View ip = new Ipv6View().wrap(seg, eth.payloadOffset(), eth.payloadLength());
        assertEquals(expectedHeader, Ipv6Repr.parse(ip));
        assertEquals(DropReason.NONE, Icmpv6View.check(seg, ip.payloadOffset(), ip.payloadLength()));
        Icmpv6View icmp = new Icmpv6View().wrap(seg, ip.payloadOffset(), ip.payloadLength());
        assertTrue(icmp.verifyChecksum(ip.pseudoHeaderSum(IpProtocol.ICMPV6, ip.payloadLength())), "checksum");
        return Icmpv6Repr.parse(icmp);
    }

    @Test
    void framesForOthers_orNotQuestions_areIgnored() {
        MacAddress other = MacAddress.parse("02:00:00:00:00:09");
        Icmpv4Repr.EchoRequest echo = new Icmpv4Repr.EchoRequest(1, 1, DATA);

        List<byte[]> replies = exchange(
                ethernet(MacAddress.BROADCAST, KERNEL_MAC, EtherType.ARP,
                        arp(ArpRepr.request(KERNEL_MAC, KERNEL_IP, Ipv4Address.parse("192.0.2.3")))),
                ethernet(other, KERNEL_MAC, EtherType.IPV4, ipv4Icmp(KERNEL_IP, JWSK_IP, echo)),
                ethernet(JWSK_MAC, KERNEL_MAC, EtherType.IPV4, ipv4Icmp(KERNEL_IP, JWSK_IP, echo.reply())),
                ethernet(JWSK_MAC, KERNEL_MAC, EtherType.IPV4, ipv4Udp(KERNEL_IP, JWSK_IP, 4000, 7, new byte[8])),
                solicitation(Ipv6Address.parse("2001:db8::3"), 255));

        assertEquals(List.of(), replies);
        assertEquals(5, jwsk.ignored(), jwsk::toString);
        assertEquals(0, jwsk.malformed(), jwsk::toString);
    }

    @Test
    void malformedFrames_areCountedAndNeverAnswered() {
        byte[] arpRequest = ethernet(MacAddress.BROADCAST, KERNEL_MAC, EtherType.ARP,
                arp(ArpRepr.request(KERNEL_MAC, KERNEL_IP, JWSK_IP)));
        byte[] badIpChecksum = echoRequestV4(new Icmpv4Repr.EchoRequest(1, 1, DATA));
        badIpChecksum[14 + 10] ^= 0x01;
        byte[] badIcmpChecksum = echoRequestV4(new Icmpv4Repr.EchoRequest(1, 2, DATA));
        badIcmpChecksum[14 + 20 + 2] ^= 0x01;
        byte[] badIcmpv6Checksum = toJwsk6(JWSK_MAC, JWSK_IP6, 64, new Icmpv6Repr.EchoRequest(1, 1, DATA));
        badIcmpv6Checksum[14 + 40 + 2] ^= 0x01;
        byte[] taggedRunt = Arrays.copyOf(arpRequest, 14);
        taggedRunt[12] = (byte) 0x81; // TPID 0x8100: a tag should follow
        taggedRunt[13] = 0x00;
        byte[] truncatedIpv6 = toJwsk6(JWSK_MAC, JWSK_IP6, 64, new Icmpv6Repr.EchoRequest(1, 2, DATA));

        List<byte[]> replies = exchange(
                taggedRunt,                                     // a VLAN tag announced but cut off
                Arrays.copyOf(arpRequest, 14 + 20),             // an ARP packet cut short
                badIpChecksum,
                badIcmpChecksum,
                badIcmpv6Checksum,
                Arrays.copyOf(truncatedIpv6, truncatedIpv6.length - 4),
                solicitation(JWSK_IP6, 64));                    // RFC 4861 §7.1.1: hop limit must be 255

        assertEquals(List.of(), replies);
        assertEquals(7, jwsk.malformed(), jwsk::toString);
        assertEquals(7, jwsk.problems().size());
        assertTrue(jwsk.problems().get(1).contains("ARP_TRUNCATED"), jwsk.problems()::toString);
        assertEquals(7, jwsk.received());
        assertEquals(0, jwsk.ignored());
    }
}
