package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.NetStackTest.PROTO;
import static org.jwsk.net.NetStackTest.payload;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Route selection in one compartment (RFC 1812 §5.2.4.3): longest prefix, then metric, then age; default routes;
 * routes over interfaces that go down; the change notifications; the compartment rule.
 *
 * <p>Host H has two uplinks: e1 (192.0.2.1/24, 2001:db8:1::1/64) to peer P1, e2 (198.51.100.1/24, 2001:db8:2::1/64)
 * to peer P2; the peers each have a route back.
 */
class RouteTableTest {

    private final SimNet net = new SimNet(11);
    private NetStack h;
    private NetStack p1;
    private NetStack p2;
    private InterfaceId e1;
    private InterfaceId e2;
    private VirtualWire w1;
    private final TestTransport t1 = new TestTransport();
    private final TestTransport t2 = new TestTransport();
    private final List<String> changes = new ArrayList<>();

    @BeforeEach
    void build() {
        w1 = net.ip("w1");
        VirtualWire w2 = net.ip("w2");
        h = net.stack("h");
        p1 = net.stack("p1");
        p2 = net.stack("p2");
        e1 = net.attach(h, w1.endA(), cfg("e1", "192.0.2.1/24", "2001:db8:1::1/64"));
        e2 = net.attach(h, w2.endA(), cfg("e2", "198.51.100.1/24", "2001:db8:2::1/64"));
        InterfaceId q1 = net.attach(p1, w1.endB(), cfg("q1", "192.0.2.2/24", "2001:db8:1::2/64"));
        InterfaceId q2 = net.attach(p2, w2.endB(), cfg("q2", "198.51.100.2/24", "2001:db8:2::2/64"));
        p1.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("192.0.2.1"), q1));
        p2.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("198.51.100.1"), q2));
        p1.registerTransport(PROTO, t1);
        p2.registerTransport(PROTO, t2);
        h.addRouteListener((c, r, change) -> changes.add(change + " " + r.destination() + " " + r.interfaceId()));
    }

    @AfterEach
    void close() {
        net.close();
    }

    static InterfaceConfig cfg(String name, String... addresses) {
        return InterfaceConfig.of(name, null, addresses).withIpv6(Ipv6Options.STATIC);
    }

    private IpAddress nextHop(String dst) {
        return h.ip().pathTo(h.defaultCompartment(), IpAddress.parse(dst)).orElseThrow().nextHop();
    }

    private InterfaceId out(String dst) {
        return h.ip().pathTo(h.defaultCompartment(), IpAddress.parse(dst)).orElseThrow().out();
    }

    private static Route via(String prefix, String gateway, InterfaceId id, int metric) {
        return new Route(IpPrefix.parse(prefix), IpAddress.parse(gateway), id, metric, Route.Origin.STATIC);
    }

    @Test
    void longestPrefixWins_andTheDefaultRouteCatchesTheRest() {
        h.addRoute(via("0.0.0.0/0", "192.0.2.10", e1, 0));
        h.addRoute(via("203.0.113.0/24", "192.0.2.20", e1, 0));
        h.addRoute(via("203.0.113.128/25", "198.51.100.30", e2, 0));
        h.addRoute(via("::/0", "2001:db8:1::10", e1, 0));
        h.addRoute(via("2001:db8:9::/48", "2001:db8:2::30", e2, 0));
        assertEquals(IpAddress.parse("198.51.100.30"), nextHop("203.0.113.200"));
        assertEquals(IpAddress.parse("192.0.2.20"), nextHop("203.0.113.5"));
        assertEquals(IpAddress.parse("192.0.2.10"), nextHop("8.8.8.8"));
        assertEquals(IpAddress.parse("192.0.2.2"), nextHop("192.0.2.2"), "on-link beats the default");
        assertEquals(IpAddress.parse("2001:db8:2::30"), nextHop("2001:db8:9::1"));
        assertEquals(IpAddress.parse("2001:db8:1::10"), nextHop("2001:db8:77::1"));
    }

    @Test
    void equalPrefix_lowestMetricWins_thenTheOlderRoute() {
        Route a = via("0.0.0.0/0", "192.0.2.10", e1, 20);
        Route b = via("0.0.0.0/0", "198.51.100.10", e2, 5);
        Route c = via("0.0.0.0/0", "192.0.2.11", e1, 5);
        h.addRoute(a);
        h.addRoute(b);
        h.addRoute(c);
        assertEquals(IpAddress.parse("198.51.100.10"), nextHop("203.0.113.1"), "metric 5, added before c");
        h.removeRoute(b);
        assertEquals(IpAddress.parse("192.0.2.11"), nextHop("203.0.113.1"));
        h.removeRoute(c);
        assertEquals(IpAddress.parse("192.0.2.10"), nextHop("203.0.113.1"));
        h.addRoute(a); // an equal route is ignored
        assertEquals(1, h.routes(h.defaultCompartment(), 4).stream().filter(r -> r.destination().length() == 0)
                .count());
    }

    @Test
    void defaultRoute_onLink_sendsStraightToTheDestination() {
        h.addRoute(Route.onLink(IpPrefix.parse("0.0.0.0/0"), e2));
        h.addRoute(Route.onLink(IpPrefix.parse("::/0"), e2));
        assertEquals(IpAddress.parse("203.0.113.9"), nextHop("203.0.113.9"));
        assertEquals(e2, out("203.0.113.9"));
        assertEquals(IpAddress.parse("2001:db8:5::9"), nextHop("2001:db8:5::9"));
    }

    @Test
    void interfaceTakenDown_itsRoutesAreSkipped_andTheBackupCarriesTheTraffic() {
        h.addRoute(via("0.0.0.0/0", "192.0.2.2", e1, 1));
        h.addRoute(via("0.0.0.0/0", "198.51.100.2", e2, 10));
        h.addRoute(via("::/0", "2001:db8:1::2", e1, 1));
        h.addRoute(via("::/0", "2001:db8:2::2", e2, 10));
        assertEquals(e1, out("203.0.113.1"));
        changes.clear();

        h.setInterfaceUp(e1, false, net.now());
        assertEquals(e2, out("203.0.113.1"));
        assertEquals(e2, out("2001:db8:77::1"));
        assertTrue(changes.contains("UNUSABLE 0.0.0.0/0 " + e1), changes.toString());
        assertTrue(changes.contains("UNUSABLE 192.0.2.0/24 " + e1), changes.toString());
        assertFalse(h.ip().pathTo(h.defaultCompartment(), IpAddress.parse("192.0.2.2")).orElseThrow().out()
                .equals(e1), "even the on-link subnet of a down interface is not used");
        h.ip().send(h.defaultCompartment(), null, IpAddress.parse("203.0.113.1"), PROTO, payload(h, "backup"),
                net.now());
        net.settle();
        assertEquals(0, t1.received().size());
        assertEquals(0, t2.received().size(), "P2 is not 203.0.113.1: it drops what it does not forward");
        assertEquals(1L, p2.counters().find("netdrops").orElseThrow().snapshot().get("ipForwardingOff"));

        changes.clear();
        h.setInterfaceUp(e1, true, net.now());
        assertEquals(e1, out("203.0.113.1"));
        assertTrue(changes.contains("USABLE 0.0.0.0/0 " + e1), changes.toString());
        assertTrue(h.snapshot(net.now()).compartment(h.defaultCompartment()).routes4().stream()
                .allMatch(NetSnapshot.RouteEntry::usable));
    }

    @Test
    void linkLosesCarrier_routesFailOver_andComeBackWithIt() {
        h.addRoute(via("0.0.0.0/0", "192.0.2.2", e1, 1));
        h.addRoute(via("0.0.0.0/0", "198.51.100.2", e2, 10));
        w1.cut(net.now());
        net.settle(); // the ends learn of the cut on their next poll
        assertEquals(e2, out("203.0.113.1"));
        assertFalse(h.snapshot(net.now()).compartment(h.defaultCompartment()).interfaces().stream()
                .filter(i -> i.id().equals(e1)).findFirst().orElseThrow().carrier());
        w1.restore();
        net.settle();
        assertEquals(e1, out("203.0.113.1"));
    }

    @Test
    void noUsableRoute_isNoRoute() {
        h.addRoute(via("0.0.0.0/0", "192.0.2.2", e1, 1));
        h.setInterfaceUp(e1, false, net.now());
        assertEquals(SendStatus.NO_ROUTE, h.ip().send(h.defaultCompartment(), null, IpAddress.parse("203.0.113.1"),
                PROTO, payload(h, "x"), net.now()));
        assertTrue(h.ip().pathTo(h.defaultCompartment(), IpAddress.parse("203.0.113.1")).isEmpty());
    }

    @Test
    void listeners_seeEveryAdditionAndRemoval() {
        changes.clear();
        Route r = via("203.0.113.0/24", "192.0.2.2", e1, 0);
        h.addRoute(r);
        h.removeRoute(r);
        h.addAddress(e2, InterfaceAddress.parse("203.0.113.77/28"), net.now());
        h.removeAddress(e2, IpAddress.parse("203.0.113.77"), net.now());
        assertEquals(List.of("ADDED 203.0.113.0/24 " + e1, "REMOVED 203.0.113.0/24 " + e1,
                "ADDED 203.0.113.64/28 " + e2, "REMOVED 203.0.113.64/28 " + e2), changes);
        changes.clear();
        h.removeInterface(e2, net.now());
        assertTrue(changes.contains("REMOVED 198.51.100.0/24 " + e2), changes.toString());
        assertTrue(changes.contains("REMOVED 2001:db8:2::/64 " + e2), changes.toString());
        assertTrue(h.routes(h.defaultCompartment(), 4).stream().noneMatch(x -> x.interfaceId().equals(e2)));
    }

    @Test
    void routes_areListedInAStableOrder() {
        h.addRoute(via("203.0.113.0/24", "192.0.2.2", e1, 0));
        h.addRoute(via("0.0.0.0/0", "192.0.2.2", e1, 7));
        h.addRoute(via("10.0.0.0/8", "192.0.2.2", e1, 0));
        h.addRoute(via("0.0.0.0/0", "198.51.100.2", e2, 3));
        List<String> listed = h.routes(h.defaultCompartment(), 4).stream()
                .map(r -> r.destination() + "/" + r.metric()).toList();
        assertEquals(List.of("192.0.2.0/24/0", "198.51.100.0/24/0", "203.0.113.0/24/0", "10.0.0.0/8/0",
                "127.0.0.0/8/0", "0.0.0.0/0/3", "0.0.0.0/0/7"), listed);
    }

    @Test
    void aRouteNeverLeavesItsCompartment() {
        CompartmentId c2 = h.addCompartment(net.now());
        Route r = via("203.0.113.0/24", "192.0.2.2", e1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.addRoute(c2, r));
        assertTrue(e.getMessage().contains("another compartment"), e.getMessage());
        assertTrue(h.routes(c2, 4).stream().noneMatch(x -> x.equals(r)));
        h.addRoute(h.defaultCompartment(), r); // its own compartment: fine
        assertTrue(h.routes(h.defaultCompartment(), 4).contains(r));
        assertThrows(IllegalArgumentException.class, () -> h.core().compartment(h.defaultCompartment()).routes(4)
                .add(via("2001:db8:5::/64", "2001:db8:1::2", e1, 0), h.core().nic(e1)), "IPv6 route, IPv4 table");
    }

    @Test
    void generation_movesWithEveryChange_interfaceStateIncluded() {
        var table = h.core().compartment(h.defaultCompartment()).routes(4);
        long g0 = table.generation();
        h.addRoute(via("0.0.0.0/0", "192.0.2.2", e1, 1));
        long g1 = table.generation();
        h.setInterfaceUp(e1, false, net.now());
        long g2 = table.generation();
        assertTrue(g0 < g1 && g1 < g2, g0 + " " + g1 + " " + g2);
    }
}
