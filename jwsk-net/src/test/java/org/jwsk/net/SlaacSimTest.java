package org.jwsk.net;

import static org.jwsk.net.DadSimTest.counter;
import static org.jwsk.net.DadSimTest.state;
import static org.jwsk.net.NetStackTest.PROTO;
import static org.jwsk.net.NetStackTest.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.jwsk.wire.icmpv6.NdpLayout;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Router discovery and SLAAC between a router stack and hosts: H - R - C, R advertising 2001:db8:1::/64 on H's link.
 * The stacks know their neighbours as permanent entries, so that only router discovery is at work here; {@link
 * AutoconfRouterSimTest} runs the same kind of network with everything learnt dynamically.
 */
class SlaacSimTest {

    static final MacAddress MAC_H = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress MAC_R1 = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress MAC_R2 = MacAddress.parse("02:00:00:00:00:02");
    static final MacAddress MAC_C = MacAddress.parse("02:00:00:00:00:0c");
    static final Ipv6Address R_LL = Ipv6Address.parse("fe80::ff:fe00:1");
    static final Ipv6Address H_LL = Ipv6Address.parse("fe80::ff:fe00:a");
    static final Ipv6Address H_SLAAC = Ipv6Address.parse("2001:db8:1::ff:fe00:a");
    static final IpPrefix PREFIX = IpPrefix.parse("2001:db8:1::/64");
    static final IpPrefix DEFAULT = IpPrefix.parse("::/0");

    private final SimNet net = new SimNet(4861);
    private VirtualWire w1;
    private NetStack h;
    private NetStack r;
    private NetStack c;
    private InterfaceId hId;
    private InterfaceId rToH;
    private FrameLog hLog;
    private FrameLog rLog;
    private final List<Ipv6AddressInfo> events = new ArrayList<>();
    private final List<Boolean> removals = new ArrayList<>();

    @BeforeEach
    void build() {
        w1 = net.wire(WireConfig.ethernet("w1"));
        VirtualWire w2 = net.wire(WireConfig.ethernet("w2"));
        h = net.stack();
        r = net.stack();
        c = net.stack();
        h.setIpv6AddressListener((a, removed, now) -> {
            events.add(a);
            removals.add(removed);
        });
        hLog = FrameLog.of(w1.endA());
        rLog = FrameLog.of(w1.endB());
        hId = h.addInterface(hLog, InterfaceConfig.of("e0", MAC_H, new String[0]), net.now());
        rToH = r.addInterface(rLog, InterfaceConfig.of("w1", MAC_R1, "2001:db8:1::fe/64")
                .withIpv6(new Ipv6Options(true, true, 1, false, 0)).withForwarding(true), net.now());
        InterfaceId rToC = r.addInterface(w2.endA(), InterfaceConfig.of("w2", MAC_R2, "2001:db8:2::fe/64")
                .withIpv6(Ipv6Options.STATIC).withForwarding(true), net.now());
        InterfaceId cId = c.addInterface(w2.endB(), InterfaceConfig.of("w2", MAC_C, "2001:db8:2::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        c.addRoute(Route.via(DEFAULT, IpAddress.parse("2001:db8:2::fe"), cId));
        h.addPermanentNeighbor(hId, R_LL, MAC_R1);
        r.addPermanentNeighbor(rToH, H_SLAAC, MAC_H);
        r.addPermanentNeighbor(rToC, IpAddress.parse("2001:db8:2::1"), MAC_C);
        c.addPermanentNeighbor(cId, IpAddress.parse("2001:db8:2::fe"), MAC_R2);
    }

    @AfterEach
    void close() {
        net.close();
    }

    private void advertise(RouterAdvertisementConfig config) {
        r.setRouterAdvertisements(rToH, config, net.now());
    }

    private static RouterAdvertisementConfig fast() {
        return RouterAdvertisementConfig.of(PREFIX).withIntervals(Duration.ofSeconds(3), Duration.ofSeconds(4))
                .withRouterLifetime(Duration.ofSeconds(30));
    }

    private Route route(IpPrefix destination) {
        return h.routes(h.defaultCompartment(), 6).stream().filter(x -> x.destination().equals(destination))
                .findFirst().orElse(null);
    }

    @Test
    void hostLearnsAddressDefaultRouteAndLinkParameters_andReachesTheOtherSubnetThroughTheRouter() {
        advertise(fast().withLinkMtu(1400).withCurHopLimit(50)
                .withTimers(Duration.ofSeconds(20), Duration.ofMillis(500)));
        net.run(Duration.ofSeconds(10));

        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_SLAAC));
        Ipv6AddressInfo info = h.ipv6Addresses(hId).stream().filter(a -> a.address().address().equals(H_SLAAC))
                .findFirst().orElseThrow();
        assertEquals(Ipv6AddressInfo.Origin.SLAAC, info.origin());
        assertEquals(64, info.address().prefixLength());
        Route defaultRoute = route(DEFAULT);
        assertEquals(new Route(DEFAULT, R_LL, hId, 1024, Route.Origin.ROUTER_ADVERTISEMENT), defaultRoute);
        assertEquals(new Route(PREFIX, null, hId, 0, Route.Origin.ROUTER_ADVERTISEMENT), route(PREFIX),
                "on-link from the L flag, and only from it (RFC 5942)");
        assertEquals(1400, h.core().nic(hId).mtu6(), "the MTU option");
        Ipv6HostVariables v = h.core().nic(hId).hostVariables6();
        assertEquals(50, v.curHopLimit());
        assertEquals(500_000_000L, v.retransTimer());
        assertEquals(20_000_000_000L, v.baseReachableTime());
        assertTrue(v.reachableTime() >= 10_000_000_000L && v.reachableTime() <= 30_000_000_000L);

        TestTransport tc = new TestTransport();
        TestTransport th = new TestTransport();
        c.registerTransport(PROTO, tc);
        h.registerTransport(PROTO, th);
        assertEquals(SendStatus.SENT, h.ip().send(h.defaultCompartment(), null, IpAddress.parse("2001:db8:2::1"), PROTO,
                payload(h, "ping"), net.now()));
        net.settle();
        assertEquals(1, tc.received().size());
        assertEquals(H_SLAAC, tc.received().getFirst().src(), "the source chosen is the autoconfigured address");
        assertEquals(49, tc.received().getFirst().hopLimit(),
                "the advertised Cur Hop Limit 50 (RFC 4861 §6.3.4), less one router on the way");
        c.ip().send(c.defaultCompartment(), null, H_SLAAC, PROTO, payload(c, "pong"), net.now());
        net.settle();
        assertEquals(1, th.received().size(), "and back to it");
    }

    private List<FrameLog.Frame> solicitations() {
        return hLog.sent().stream().filter(f -> ControlFrames.decode(f.bytes()).message()
                instanceof NdpRepr.RouterSolicitation).toList();
    }

    @Test
    void hostSolicits_fromItsLinkLocal_threeTimesFourSecondsApart() {
        net.run(Duration.ofSeconds(30));
        List<FrameLog.Frame> rs = solicitations();
        assertEquals(3, rs.size(), "Ipv6Options.HOST: three solicitations");
        assertEquals(4_000_000_000L, rs.get(1).at() - rs.get(0).at(), "RTR_SOLICITATION_INTERVAL");
        assertEquals(4_000_000_000L, rs.get(2).at() - rs.get(1).at());
        ControlFrames.Decoded first = ControlFrames.decode(rs.getFirst().bytes());
        assertEquals(H_LL, first.src(), "sent once the link-local address passed DAD");
        assertEquals(Ipv6Address.ALL_ROUTERS, first.dst());
        assertEquals(255, first.hopLimit());
        assertEquals(List.of(NdpOption.SourceLinkLayerAddress.of(MAC_H)),
                ((NdpRepr.RouterSolicitation) first.message()).options(), "RFC 4861 §4.1: not from ::, so the SLLA");
        assertEquals(3L, counter(h, "autoconf6", "ipv6RouterSolicitsOut"));
    }

    @Test
    void hostStopsSoliciting_onceARouterAdvertises() {
        for (int i = 0; i < 100 && solicitations().isEmpty(); i++) {
            net.run(Duration.ofMillis(100));
        }
        assertEquals(1, solicitations().size(), "the first solicitation, within 10 s");
        advertise(fast());
        net.run(Duration.ofSeconds(20));
        assertEquals(1, solicitations().size(), "RFC 4861 §6.3.7: a router answered; no more solicitations");
        ControlFrames.Decoded ra = ControlFrames.decode(rLog.sent()).stream()
                .filter(d -> d.message() instanceof NdpRepr.RouterAdvertisement).findFirst().orElseThrow();
        assertEquals(R_LL, ra.src());
        assertEquals(Ipv6Address.ALL_NODES, ra.dst());
        assertEquals(255, ra.hopLimit());
        NdpRepr.RouterAdvertisement adv = (NdpRepr.RouterAdvertisement) ra.message();
        assertEquals(30, adv.routerLifetime());
        assertEquals(List.of(NdpOption.SourceLinkLayerAddress.of(MAC_R1), new NdpOption.PrefixInformation(64,
                NdpLayout.PREFIX_FLAG_ON_LINK | NdpLayout.PREFIX_FLAG_AUTONOMOUS, 30 * 86400, 7 * 86400,
                Ipv6Address.parse("2001:db8:1::"))), adv.options());
    }

    @Test
    void lifetimesRunOut_routerRemoved_addressDeprecatedThenRemoved() {
        advertise(fast().withRouterLifetime(Duration.ofSeconds(9)).withPrefixes(List.of(
                RouterAdvertisementConfig.PrefixOption.of(PREFIX).withLifetimes(Duration.ofSeconds(40),
                        Duration.ofSeconds(20)))));
        net.run(Duration.ofSeconds(10));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_SLAAC));
        w1.cut(net.now()); // no more advertisements: everything lives on its last lifetimes, set at most 4 s ago

        net.run(Duration.ofMillis(9100));
        assertNull(route(DEFAULT), "router lifetime 9 s");
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_SLAAC));
        net.run(Duration.ofMillis(11000));
        assertEquals(Ipv6AddressInfo.State.DEPRECATED, state(h, hId, H_SLAAC), "preferred lifetime 20 s");
        assertTrue(route(PREFIX) != null);
        net.run(Duration.ofMillis(20000));
        assertNull(state(h, hId, H_SLAAC), "valid lifetime 40 s");
        assertNull(route(PREFIX));
        assertEquals(1L, counter(h, "autoconf6", "ipv6SlaacAddressesDeprecated"));
        assertEquals(1L, counter(h, "autoconf6", "ipv6SlaacAddressesRemoved"));
        assertEquals(1L, counter(h, "autoconf6", "ipv6DefaultRoutersRemoved"));
        assertEquals(1L, counter(h, "autoconf6", "ipv6OnLinkPrefixesRemoved"));
        assertEquals(Ipv6AddressInfo.State.DEPRECATED, events.get(events.size() - 2).state());
        assertTrue(removals.getLast());
        assertEquals(H_SLAAC, events.getLast().address().address());
    }

    @Test
    void routerStopping_sendsAFinalAdvertisement_thatRemovesTheDefaultRouterAtOnce() {
        advertise(fast());
        net.run(Duration.ofSeconds(10));
        assertTrue(route(DEFAULT) != null);
        rLog.clear();
        r.setRouterAdvertisements(rToH, null, net.now());
        net.run(Duration.ofMillis(10));
        assertNull(route(DEFAULT), "RFC 4861 §6.2.5: router lifetime 0");
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, hId, H_SLAAC), "the prefix stays valid");
        List<NdpRepr.RouterAdvertisement> ras = ControlFrames.decode(rLog.sent()).stream()
                .filter(d -> d.message() instanceof NdpRepr.RouterAdvertisement)
                .map(d -> (NdpRepr.RouterAdvertisement) d.message()).toList();
        assertEquals(1, ras.size());
        assertEquals(0, ras.getFirst().routerLifetime());
        net.run(Duration.ofSeconds(700));
        assertEquals(1, ControlFrames.decode(rLog.sent()).stream()
                .filter(d -> d.message() instanceof NdpRepr.RouterAdvertisement).count(), "and no more");
    }

    @Test
    void aForwardingInterface_takesNoAdvertisements() {
        h.setForwarding(hId, false, true);
        advertise(fast());
        net.run(Duration.ofSeconds(10));
        assertNull(route(DEFAULT));
        assertNull(state(h, hId, H_SLAAC));
        assertTrue(counter(h, "autoconf6", "ipv6RouterAdvertsInIgnored") >= 1);
        assertFalse(h.interfaces().stream().anyMatch(i -> i.ipv6().stream()
                .anyMatch(a -> a.address().equals(H_SLAAC))));
    }
}
