package org.jwsk.net;

import static org.jwsk.net.DadSimTest.counter;
import static org.jwsk.net.DadSimTest.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.internal.Ipv6HostVariables;
import org.jwsk.net.testing.ControlFrames;
import org.jwsk.net.testing.FrameLog;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What router advertisements and duplicate address detection hand the neighbour engine, on H - R - C with every
 * neighbour learnt dynamically: the advertised RetransTimer and ReachableTime drive neighbour unreachability detection
 * (RFC 4861 §6.3.4), the advertised Cur Hop Limit the packets H originates, router link-layer addresses from RS and RA
 * go into the neighbour caches (§6.2.6, §6.3.4), a router that stops being one leaves the Default Router List
 * (§7.2.5), and an address is announced once it passes DAD, never before (§7.2.6).
 */
class AutoconfNeighborSimTest {

    static final MacAddress MAC_H = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress MAC_R1 = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress MAC_R2 = MacAddress.parse("02:00:00:00:00:02");
    static final MacAddress MAC_C = MacAddress.parse("02:00:00:00:00:0c");
    static final Ipv6Address R_LL = Ipv6Address.parse("fe80::ff:fe00:1");
    static final Ipv6Address H_LL = Ipv6Address.parse("fe80::ff:fe00:a");
    static final Ipv6Address H_SLAAC = Ipv6Address.parse("2001:db8:1::ff:fe00:a");
    static final Ipv6Address C = Ipv6Address.parse("2001:db8:2::1");
    static final IpPrefix PREFIX = IpPrefix.parse("2001:db8:1::/64");
    static final IpPrefix DEFAULT = IpPrefix.parse("::/0");
    static final int PROTO = NetStackTest.PROTO;

    /** An address change the listener heard of, and when. */
    private record Event(Ipv6Address address, Ipv6AddressInfo.State state, long at) {
    }

    private final SimNet net = new SimNet(6304, SimNet.Options.DEFAULTS.withNeighbors(SimNet.Neighbors.DYNAMIC));
    private NetStack h;
    private NetStack r;
    private NetStack c;
    private InterfaceId hId;
    private InterfaceId rToH;
    private FrameLog hLog;
    private FrameLog rLog;
    private final TestTransport th = new TestTransport();
    private final TestTransport tc = new TestTransport();
    private final List<Event> events = new ArrayList<>();

    @BeforeEach
    void build() {
        VirtualWire w1 = net.wire(WireConfig.ethernet("w1"));
        VirtualWire w2 = net.wire(WireConfig.ethernet("w2"));
        h = net.stack("h");
        r = net.stack("r");
        c = net.stack("c");
        h.setIpv6AddressListener((a, removed, now) -> events.add(new Event((Ipv6Address) a.address().address(), a.state(), now)));
        hLog = FrameLog.of(w1.endA());
        rLog = FrameLog.of(w1.endB());
        hId = h.addInterface(hLog, InterfaceConfig.of("e0", MAC_H, new String[0]).withIpv6(Ipv6Options.HOST),
                net.now());
        rToH = r.addInterface(rLog, InterfaceConfig.of("w1", MAC_R1, "2001:db8:1::fe/64")
                .withIpv6(new Ipv6Options(true, true, 1, false, 0)).withForwarding(true), net.now());
        InterfaceId rToC = r.addInterface(w2.endA(), InterfaceConfig.of("w2", MAC_R2, "2001:db8:2::fe/64")
                .withIpv6(Ipv6Options.STATIC).withForwarding(true), net.now());
        InterfaceId cId = c.addInterface(w2.endB(), InterfaceConfig.of("w2", MAC_C, "2001:db8:2::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        c.addRoute(Route.via(DEFAULT, IpAddress.parse("2001:db8:2::fe"), cId));
        assertNotNull(rToC);
        h.registerTransport(PROTO, th);
        c.registerTransport(PROTO, tc);
    }

    @AfterEach
    void close() {
        net.close();
    }

    private static RouterAdvertisementConfig fast() {
        return RouterAdvertisementConfig.of(PREFIX).withIntervals(Duration.ofSeconds(3), Duration.ofSeconds(4))
                .withRouterLifetime(Duration.ofSeconds(30));
    }

    /** R advertises {@code config} on H's link; H gets its address and default router within 10 s. */
    private void advertiseAndLearn(RouterAdvertisementConfig config) {
        r.setRouterAdvertisements(rToH, config, net.now());
        net.run(Duration.ofSeconds(10));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_SLAAC));
        assertNotNull(defaultRoute(), "R is H's default router");
    }

    private Route defaultRoute() {
        return h.routes(h.defaultCompartment(), 6).stream().filter(x -> x.destination().equals(DEFAULT))
                .findFirst().orElse(null);
    }

    private static NeighborInfo entry(NetStack s, InterfaceId id, Ipv6Address a) {
        return s.neighbors(id).stream().filter(n -> n.address().equals(a)).findFirst().orElse(null);
    }

    private static List<ControlFrames.Decoded> solicitations(FrameLog log, Ipv6Address target) {
        return ControlFrames.decode(log.sent()).stream().filter(d -> d.message() instanceof NdpRepr.NeighborSolicitation ns
                && ns.target().equals(target)).toList();
    }

    private static List<FrameLog.Frame> unsolicitedAdvertisements(FrameLog log, Ipv6Address target) {
        return log.sent().stream().filter(f -> ControlFrames.decode(f.bytes()).message()
                instanceof NdpRepr.NeighborAdvertisement na && na.target().equals(target) && !na.solicited()).toList();
    }

    // ------------------------------------------------------------------------------------ host variables in NUD

    @Test
    void advertisedRetransTimer_spacesTheSolicitationsOfAddressResolution() {
        advertiseAndLearn(fast().withTimers(Duration.ZERO, Duration.ofMillis(250)));
        assertEquals(250_000_000L, h.core().nic(hId).hostVariables6().retransTimer());
        Ipv6Address absent = Ipv6Address.parse("2001:db8:1::99"); // on-link by the prefix's L flag; nobody there
        hLog.clear();
        TestTransport.send(h, h.defaultCompartment(), null, absent.toString(), PROTO, "anyone?", net.now());
        net.run(Duration.ofSeconds(2));
        List<FrameLog.Frame> ns = hLog.sent().stream().filter(f -> ControlFrames.decode(f.bytes()).message()
                instanceof NdpRepr.NeighborSolicitation s && s.target().equals(absent)).toList();
        assertEquals(3, ns.size(), "MAX_MULTICAST_SOLICIT");
        assertEquals(250_000_000L, ns.get(1).at() - ns.get(0).at(), "RFC 4861 §6.3.4: the advertised RetransTimer");
        assertEquals(250_000_000L, ns.get(2).at() - ns.get(1).at());
        assertEquals(List.of(IcmpErrorReport.Kind.UNREACHABLE),
                th.errors().stream().map(IcmpErrorReport::kind).toList(), "failed RetransTimer after the last");
    }

    @Test
    void advertisedReachableTime_decidesHowLongAConfirmedRouterStaysReachable() {
        advertiseAndLearn(fast().withTimers(Duration.ofSeconds(4), Duration.ZERO));
        Ipv6HostVariables v = h.core().nic(hId).hostVariables6();
        assertEquals(4_000_000_000L, v.baseReachableTime());
        TestTransport.send(h, h.defaultCompartment(), null, C.toString(), PROTO, "via r", net.now());
        net.run(Duration.ofSeconds(6)); // STALE from the RA, DELAY 5 s, a unicast probe, REACHABLE
        assertEquals(NeighborInfo.State.REACHABLE, entry(h, hId, R_LL).state());
        long reachable = v.reachableTime();
        assertTrue(reachable >= 2_000_000_000L && reachable <= 6_000_000_000L, "0.5-1.5 x 4 s: " + reachable);

        h.ip().confirmReachableV6(h.defaultCompartment(), C.hi(), C.lo(), null, net.now()); // RFC 4861 §7.3.1
        net.run(Duration.ofNanos(reachable - 1_000_000L));
        assertEquals(NeighborInfo.State.REACHABLE, entry(h, hId, R_LL).state());
        net.run(Duration.ofMillis(2));
        assertEquals(NeighborInfo.State.STALE, entry(h, hId, R_LL).state(),
                "the interface's ReachableTime after the confirmation, not the stack's 15-45 s");
    }

    // ----------------------------------------------------------------------------- router link-layer addresses

    @Test
    void routerAdvertisement_recordsTheRouterAsAStaleRouterEntry_whichProbingThenConfirms() {
        advertiseAndLearn(fast());
        NeighborInfo router = entry(h, hId, R_LL);
        assertNotNull(router, "RFC 4861 §6.3.4: the Source Link-layer Address is recorded");
        assertEquals(NeighborInfo.State.STALE, router.state());
        assertEquals(MAC_R1, router.mac());
        assertTrue(router.router(), "IsRouter set");
        assertTrue(solicitations(hLog, R_LL).isEmpty(), "learnt, not resolved");

        TestTransport.send(h, h.defaultCompartment(), null, C.toString(), PROTO, "first", net.now());
        net.run(Duration.ofSeconds(7));
        assertEquals(List.of("first"), tc.texts(), "sent at once to the recorded address");
        List<ControlFrames.Decoded> probes = solicitations(hLog, R_LL);
        assertEquals(1, probes.size());
        assertEquals(R_LL, probes.getFirst().dst(), "RFC 4861 §7.3.3: after DELAY, a unicast probe");
        assertEquals(MAC_R1, probes.getFirst().dstMac());
        assertEquals(NeighborInfo.State.REACHABLE, entry(h, hId, R_LL).state());
        assertTrue(entry(h, hId, R_LL).router());
    }

    @Test
    void routerSolicitations_recordTheirSendersInTheRoutersCache_asHosts() {
        advertiseAndLearn(fast());
        Ipv6Address x = Ipv6Address.parse("fe80::99");
        MacAddress macX = MacAddress.parse("02:00:00:00:00:99");
        hLog.inject(h.pool(), ControlFrames.icmp6(macX, x, Ipv6Address.ALL_ROUTERS, 255, false,
                new NdpRepr.RouterSolicitation(List.of(NdpOption.SourceLinkLayerAddress.of(macX)))), net.now());
        net.run(Duration.ofMillis(1));
        NeighborInfo host = entry(r, rToH, x);
        assertNotNull(host, "RFC 4861 §6.2.6: the solicitation's Source Link-layer Address is recorded");
        assertEquals(NeighborInfo.State.STALE, host.state());
        assertEquals(macX, host.mac());
        assertFalse(host.router());

        hLog.inject(h.pool(), ControlFrames.icmp6(macX, x, Ipv6Address.ALL_NODES, 255, false,
                new NdpRepr.NeighborAdvertisement(true, false, true, x,
                        List.of(NdpOption.TargetLinkLayerAddress.of(macX)))), net.now());
        net.run(Duration.ofMillis(1));
        assertTrue(entry(r, rToH, x).router(), "it says it is a router");
        hLog.inject(h.pool(), ControlFrames.icmp6(macX, x, Ipv6Address.ALL_ROUTERS, 255, false,
                new NdpRepr.RouterSolicitation(List.of())), net.now());
        net.run(Duration.ofMillis(1));
        assertFalse(entry(r, rToH, x).router(), "§6.2.6: IsRouter false, with or without the option");
        assertEquals(macX, entry(r, rToH, x).mac());
    }

    @Test
    void routerThatStopsBeingOne_leavesTheDefaultRouterList_andIsTakenBackAtItsNextAdvertisement() {
        advertiseAndLearn(fast());
        NdpRepr.NeighborAdvertisement notARouter = new NdpRepr.NeighborAdvertisement(false, false, true, R_LL,
                List.of(NdpOption.TargetLinkLayerAddress.of(MAC_R1)));
        rLog.inject(r.pool(), ControlFrames.icmp6(MAC_R1, R_LL, Ipv6Address.ALL_NODES, 255, false, notARouter),
                net.now());
        net.run(Duration.ofMillis(1));
        assertFalse(entry(h, hId, R_LL).router());
        assertNull(defaultRoute(), "RFC 4861 §7.2.5: out of the Default Router List");
        assertEquals(1L, counter(h, "autoconf6", "ipv6DefaultRoutersRemoved"));

        net.run(Duration.ofSeconds(5)); // R's next advertisement, at most 4 s later
        assertNotNull(defaultRoute(), "a router again: its advertisement puts it back");
        assertTrue(entry(h, hId, R_LL).router());
        assertEquals(2L, counter(h, "autoconf6", "ipv6DefaultRoutersAdded"));
    }

    // ------------------------------------------------------------------------------------------ announcements

    @Test
    void addressesPassingDad_areAnnouncedOnce_whenTheyBecomePreferred_neverWhileTentative() {
        advertiseAndLearn(fast());
        net.run(Duration.ofSeconds(10));
        for (Ipv6Address a : List.of(H_LL, H_SLAAC)) {
            List<FrameLog.Frame> announced = unsolicitedAdvertisements(hLog, a);
            assertEquals(1, announced.size(), "one unsolicited advertisement for " + a);
            long preferredAt = events.stream().filter(e -> e.address().equals(a)
                    && e.state() == Ipv6AddressInfo.State.PREFERRED).findFirst().orElseThrow().at();
            assertEquals(preferredAt, announced.getFirst().at(), "sent as DAD passed, not before");
            ControlFrames.Decoded d = ControlFrames.decode(announced.getFirst().bytes());
            assertEquals(a, d.src());
            assertEquals(Ipv6Address.ALL_NODES, d.dst());
            NdpRepr.NeighborAdvertisement na = (NdpRepr.NeighborAdvertisement) d.message();
            assertTrue(na.override() && !na.router(), "RFC 4861 §7.2.6: Override set; a host");
            assertEquals(List.of(NdpOption.TargetLinkLayerAddress.of(MAC_H)), na.options());
        }
        assertEquals(1, unsolicitedAdvertisements(rLog, R_LL).size(), "the router's link-local likewise");
        assertTrue(((NdpRepr.NeighborAdvertisement) ControlFrames.decode(unsolicitedAdvertisements(rLog, R_LL)
                .getFirst().bytes()).message()).router(), "with the Router flag");
    }

    // --------------------------------------------------------------------------------------- Cur Hop Limit

    @Test
    void advertisedCurHopLimit_isTheDefaultForPacketsTheHostOriginatesOnThatInterface() {
        advertiseAndLearn(fast().withCurHopLimit(50));
        assertEquals(50, h.core().nic(hId).hostVariables6().curHopLimit());
        TestTransport.send(h, h.defaultCompartment(), null, C.toString(), PROTO, "default", net.now());
        h.ip().sendV6(h.defaultCompartment(), 0, 0, C.hi(), C.lo(), PROTO, 7, 0, null,
                TestTransport.payload(h, "explicit"), net.now());
        net.run(Duration.ofSeconds(7));
        assertEquals(List.of(49, 6), tc.received().stream().map(TestTransport.Received::hopLimit).toList(),
                "CurHopLimit 50 (RFC 4861 §6.3.4) or the sender's own value, less one router");

        h.ip().sendV6(h.defaultCompartment(), 0, 0, H_SLAAC.hi(), H_SLAAC.lo(), PROTO, IpSender.DEFAULT_HOP_LIMIT,
                0, null, TestTransport.payload(h, "local"), net.now());
        net.settle();
        assertEquals(64, th.received().getLast().hopLimit(), "to itself through loopback: the stack's default");

        hLog.clear();
        c.ping(c.defaultCompartment(), H_SLAAC, 8, 64, Duration.ofSeconds(1), net.now(), result -> { });
        net.settle();
        ControlFrames.Decoded reply = ControlFrames.decode(hLog.sent()).stream()
                .filter(d -> d.message() instanceof Icmpv6Repr.EchoReply).findFirst().orElseThrow();
        assertEquals(50, reply.hopLimit(), "ICMPv6 the host originates too");
    }

    @Test
    void hopLimitsOutOfRange_areRefused_andThePayloadReleased() {
        for (int bad : new int[] {-2, 256}) {
            assertThrows(IllegalArgumentException.class, () -> h.ip().sendV6(h.defaultCompartment(), 0, 0, C.hi(),
                    C.lo(), PROTO, bad, 0, null, TestTransport.payload(h, "x"), net.now()));
        }
        net.assertAllBuffersReturned();
    }
}
