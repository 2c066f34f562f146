package org.jwsk.net;

import static org.jwsk.net.DadSimTest.counter;
import static org.jwsk.net.DadSimTest.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.ControlFrames;
import org.jwsk.net.testing.FrameLog;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.icmpv6.MldRepr;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.jwsk.wire.igmp.IgmpRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interfaces going down and coming back (administratively, or their link losing carrier), H - R on one wire with R
 * advertising 2001:db8:1::/64: while an interface is down its duplicate address detection, router solicitations,
 * advertisements and membership reports stop, and its neighbour caches are flushed; when it is up again DAD starts
 * over for its addresses (RFC 4862 §5.4), MLD and IGMP report its groups again (RFC 3810 §6.1, RFC 3376 §5.1), and
 * solicitation, advertisement and announcements follow.
 */
class InterfaceStateSimTest {

    static final MacAddress MAC_H = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress MAC_R = MacAddress.parse("02:00:00:00:00:01");
    static final Ipv6Address H_LL = Ipv6Address.parse("fe80::ff:fe00:a");
    static final Ipv6Address H_SLAAC = Ipv6Address.parse("2001:db8:1::ff:fe00:a");
    static final Ipv6Address R_LL = Ipv6Address.parse("fe80::ff:fe00:1");
    static final Ipv4Address H4 = Ipv4Address.parse("192.0.2.1");
    static final IpAddress GROUP6 = IpAddress.parse("ff05::1:3");
    static final IpAddress GROUP4 = IpAddress.parse("239.1.2.3");
    static final IpPrefix PREFIX = IpPrefix.parse("2001:db8:1::/64");

    private final SimNet net = new SimNet(4864, SimNet.Options.DEFAULTS.withNeighbors(SimNet.Neighbors.DYNAMIC));
    private VirtualWire wire;
    private NetStack h;
    private NetStack r;
    private InterfaceId hId;
    private InterfaceId rId;
    private FrameLog hLog;
    private FrameLog rLog;
    private final List<Ipv6AddressInfo> events = new ArrayList<>();

    @BeforeEach
    void build() {
        wire = net.wire(WireConfig.ethernet("w"));
        h = net.stack("h");
        r = net.stack("r");
        h.setIpv6AddressListener((a, removed, now) -> events.add(a));
        hLog = FrameLog.of(wire.endA());
        rLog = FrameLog.of(wire.endB());
        hId = h.addInterface(hLog, InterfaceConfig.of("e0", MAC_H, "192.0.2.1/24").withIpv6(Ipv6Options.HOST),
                net.now());
        rId = r.addInterface(rLog, InterfaceConfig.of("w", MAC_R, "192.0.2.254/24", "2001:db8:1::fe/64")
                .withIpv6(new Ipv6Options(true, true, 1, false, 0)).withForwarding(true), net.now());
        r.setRouterAdvertisements(rId, RouterAdvertisementConfig.of(PREFIX)
                .withIntervals(Duration.ofSeconds(3), Duration.ofSeconds(4)), net.now());
    }

    @AfterEach
    void close() {
        net.close();
    }

    /** H with its addresses, its default router and two groups, all settled. */
    private void settled() {
        h.joinGroup(hId, GROUP6, net.now());
        h.joinGroup(hId, GROUP4, net.now());
        net.run(Duration.ofSeconds(15));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_LL));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_SLAAC));
    }

    private List<ControlFrames.Decoded> sent(FrameLog log) {
        return ControlFrames.decode(log.sent());
    }

    private static boolean isProbeFor(ControlFrames.Decoded d, Ipv6Address target) {
        return d.message() instanceof NdpRepr.NeighborSolicitation ns && ns.target().equals(target)
                && Ipv6Address.ANY.equals(d.src());
    }

    private static boolean reportsV6(ControlFrames.Decoded d, IpAddress group) {
        return d.message() instanceof MldRepr.V2Report report
                && report.records().stream().anyMatch(x -> x.group().equals(group));
    }

    private static boolean reportsV4(ControlFrames.Decoded d, IpAddress group) {
        return d.message() instanceof IgmpRepr.V3Report report
                && report.records().stream().anyMatch(x -> x.group().equals(group));
    }

    @Test
    void carrierLostDuringDad_nothingPassesWhileDown_andDetectionStartsOverWhenTheLinkReturns() {
        wire.cut(net.now()); // before the first probe could go: H's link-local is still tentative
        net.run(Duration.ofSeconds(20));
        assertEquals(Ipv6AddressInfo.State.TENTATIVE, state(h, hId, H_LL), "no probe could go, so none may count");
        assertEquals(0L, counter(h, "autoconf6", "ipv6DadProbesOut"));
        assertEquals(0L, counter(h, "autoconf6", "ipv6RouterSolicitsOut"));
        assertEquals(0L, counter(h, "autoconf6", "ipv6DadSucceeded"));

        wire.restore();
        net.run(Duration.ofSeconds(15));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_LL));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_SLAAC), "and SLAAC from R's advertisement");
        assertTrue(counter(h, "autoconf6", "ipv6RouterSolicitsOut") >= 1);
    }

    @Test
    void administrativelyDown_sendsNothing_thenUp_restartsDadReportsSolicitsAndAnnounces() {
        settled();
        long probes = counter(h, "autoconf6", "ipv6DadProbesOut");
        long solicits = counter(h, "autoconf6", "ipv6RouterSolicitsOut");
        h.setInterfaceUp(hId, false, net.now());
        net.run(Duration.ofSeconds(60));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_LL), "addresses stay as they are while down");
        assertEquals(probes, counter(h, "autoconf6", "ipv6DadProbesOut"));
        assertEquals(solicits, counter(h, "autoconf6", "ipv6RouterSolicitsOut"));

        hLog.clear();
        events.clear();
        h.setInterfaceUp(hId, true, net.now());
        assertEquals(Ipv6AddressInfo.State.TENTATIVE, state(h, hId, H_LL), "RFC 4862 §5.4: DAD again");
        assertEquals(Ipv6AddressInfo.State.TENTATIVE, state(h, hId, H_SLAAC));
        assertEquals(List.of(H_LL, H_SLAAC), events.stream().map(e -> e.address().address()).toList(),
                "each reported tentative");
        net.run(Duration.ofSeconds(10));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_LL));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_SLAAC));

        List<ControlFrames.Decoded> frames = sent(hLog);
        assertTrue(frames.stream().anyMatch(d -> isProbeFor(d, H_LL)) && frames.stream()
                .anyMatch(d -> isProbeFor(d, H_SLAAC)), "probes for both");
        assertTrue(frames.stream().anyMatch(d -> reportsV6(d, GROUP6) && Ipv6Address.ANY.equals(d.src())),
                "MLD reports again, from :: while the link-local is tentative (RFC 3810 §5.2.13)");
        assertTrue(frames.stream().anyMatch(d -> reportsV6(d, GROUP6) && H_LL.equals(d.src())),
                "and again from it once it passed");
        assertTrue(frames.stream().anyMatch(d -> reportsV4(d, GROUP4)), "IGMP reports again");
        assertTrue(frames.stream().anyMatch(d -> d.message() instanceof NdpRepr.RouterSolicitation
                && H_LL.equals(d.src())), "router solicitation again (RFC 4861 §6.3.7)");
        assertTrue(frames.stream().anyMatch(d -> d.message() instanceof NdpRepr.NeighborAdvertisement na
                && na.target().equals(H_SLAAC) && !na.solicited()), "announced once it passed");
        assertEquals(4L, counter(h, "arp", "outAnnouncements"),
                "RFC 5227 §2.3: 192.0.2.1 announced twice when added, and twice again once up");
    }

    @Test
    void routerInterfaceDown_advertisesNothing_andStartsOverWhenUp() {
        settled();
        r.setInterfaceUp(rId, false, net.now());
        long ras = counter(r, "autoconf6", "ipv6RouterAdvertsOut");
        net.run(Duration.ofSeconds(30));
        assertEquals(ras, counter(r, "autoconf6", "ipv6RouterAdvertsOut"), "no advertisement is scheduled while down");
        rLog.clear();
        r.setInterfaceUp(rId, true, net.now());
        net.run(Duration.ofSeconds(4));
        List<ControlFrames.Decoded> ra = sent(rLog).stream()
                .filter(d -> d.message() instanceof NdpRepr.RouterAdvertisement).toList();
        assertTrue(!ra.isEmpty(), "advertising again once R's link-local passed DAD");
        assertEquals(R_LL, ra.getFirst().src());
        assertTrue(sent(rLog).stream().anyMatch(d -> isProbeFor(d, R_LL)), "which it probed again first");
    }

    @Test
    void goingDown_flushesTheNeighbourCaches_andDropsWhatWaitedForResolution() {
        settled();
        TestTransport.send(h, h.defaultCompartment(), null, "2001:db8:1::99", NetStackTest.PROTO, "waits",
                net.now());
        TestTransport.send(h, h.defaultCompartment(), null, "192.0.2.99", NetStackTest.PROTO, "waits too",
                net.now());
        net.run(Duration.ofMillis(100));
        assertEquals(NeighborInfo.State.INCOMPLETE, NeighborFixture.entry(h, hId, "2001:db8:1::99").state());
        assertEquals(1, NeighborFixture.entry(h, hId, "192.0.2.99").queued());
        long dropped = counter(h, "netdrops", "ipInterfaceDown");
        h.setInterfaceUp(hId, false, net.now());
        assertTrue(h.neighbors(hId).isEmpty(), "every dynamic entry goes");
        assertEquals(dropped + 2, counter(h, "netdrops", "ipInterfaceDown"), "the queued packets are dropped");
        net.assertAllBuffersReturned();
        assertNull(NeighborFixture.entry(h, hId, R_LL.toString()));
    }

    @Test
    void aDuplicateAddress_getsAnotherChance_whenItsInterfaceComesBack() {
        VirtualWire w = net.wire(WireConfig.ethernet("d"));
        NetStack a = net.stack("a");
        NetStack b = net.stack("b");
        Ipv6Options probing = new Ipv6Options(true, true, 1, false, 0);
        InterfaceId ia = a.addInterface(w.endA(), InterfaceConfig.of("e0", MacAddress.parse("02:00:00:00:01:0a"),
                "2001:db8:9::7/64").withIpv6(probing), net.now());
        net.run(Duration.ofSeconds(3));
        InterfaceId ib = b.addInterface(w.endB(), InterfaceConfig.of("e0", MacAddress.parse("02:00:00:00:01:0b"),
                "2001:db8:9::7/64").withIpv6(probing), net.now());
        net.run(Duration.ofSeconds(3));
        Ipv6Address taken = Ipv6Address.parse("2001:db8:9::7");
        assertEquals(Ipv6AddressInfo.State.DUPLICATE, state(b, ib, taken));

        a.removeAddress(ia, taken, net.now()); // the other claimant goes away
        b.setInterfaceUp(ib, false, net.now());
        b.setInterfaceUp(ib, true, net.now());
        net.run(Duration.ofSeconds(3));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(b, ib, taken),
                "detection started over (as Linux does when a device comes back), and nobody objected");
    }
}
