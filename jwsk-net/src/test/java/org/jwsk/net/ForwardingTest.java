package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.NetStackTest.PROTO;
import static org.jwsk.net.NetStackTest.payload;

import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A - R - C: R forwards between two subnets, both families. */
class ForwardingTest {

    private final SimNet net = new SimNet(7);
    private NetStack a;
    private NetStack r;
    private NetStack c;
    private InterfaceId rToA;
    private final TestTransport ta = new TestTransport();
    private final TestTransport tc = new TestTransport();

    @BeforeEach
    void build() {
        VirtualWire w1 = net.wire(WireConfig.ip("w1"));
        VirtualWire w2 = net.wire(WireConfig.ip("w2"));
        a = net.stack();
        r = net.stack();
        c = net.stack();
        InterfaceId ia = a.addInterface(w1.endA(), InterfaceConfig.of("w1", null, "192.0.2.1/24", "2001:db8:1::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        rToA = r.addInterface(w1.endB(), InterfaceConfig.of("w1", null, "192.0.2.254/24", "2001:db8:1::fe/64")
                .withIpv6(Ipv6Options.STATIC).withForwarding(true), net.now());
        r.addInterface(w2.endA(), InterfaceConfig.of("w2", null, "198.51.100.254/24", "2001:db8:2::fe/64")
                .withIpv6(Ipv6Options.STATIC).withForwarding(true), net.now());
        InterfaceId ic = c.addInterface(w2.endB(), InterfaceConfig.of("w2", null, "198.51.100.1/24",
                "2001:db8:2::1/64").withIpv6(Ipv6Options.STATIC), net.now());
        a.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("192.0.2.254"), ia));
        a.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse("2001:db8:1::fe"), ia));
        c.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("198.51.100.254"), ic));
        c.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse("2001:db8:2::fe"), ic));
        a.registerTransport(PROTO, ta);
        c.registerTransport(PROTO, tc);
    }

    @AfterEach
    void close() {
        net.close();
    }

    @Test
    void routerForwards_decrementingTtlAndHopLimit() {
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("198.51.100.1"), PROTO, payload(a, "v4"), net.now());
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("2001:db8:2::1"), PROTO, payload(a, "v6"), net.now());
        net.settle();
        assertEquals(2, tc.received().size());
        assertEquals(63, tc.received().get(0).hopLimit());
        assertEquals(63, tc.received().get(1).hopLimit());
        assertEquals(IpAddress.parse("2001:db8:1::1"), tc.received().get(1).src());
        assertEquals(1L, r.counters().find("ipv4").orElseThrow().snapshot().get("ipSystemStatsOutForwDatagrams"));
        assertEquals(1L, r.counters().find("ipv6").orElseThrow().snapshot().get("ipSystemStatsOutForwDatagrams"));
    }

    @Test
    void expiringTtl_drawsTimeExceeded_fromTheRouter() {
        a.ip().sendV4(a.defaultCompartment(), 0, 0xc633_6401, PROTO, 1, 0, false, payload(a, "ttl1"), net.now());
        a.ip().sendV6(a.defaultCompartment(), 0, 0, 0x2001_0db8_0002_0000L, 1, PROTO, 1, 0, null, payload(a, "hl1"),
                net.now());
        net.settle();
        assertEquals(0, tc.received().size());
        assertEquals(2, ta.errors().size());
        assertTrue(ta.errors().stream().allMatch(e -> e.kind() == IcmpErrorReport.Kind.TIME_EXCEEDED));
        assertEquals(IpAddress.parse("192.0.2.254"), ta.errors().get(0).reporter());
        assertEquals(IpAddress.parse("2001:db8:1::fe"), ta.errors().get(1).reporter());
    }

    @Test
    void withoutForwarding_theRouterDrops_andSaysNothing() {
        r.setForwarding(rToA, false, false);
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("198.51.100.1"), PROTO, payload(a, "v4"), net.now());
        net.settle();
        assertEquals(0, tc.received().size());
        assertEquals(0, ta.errors().size());
        assertEquals(1L, r.counters().find("netdrops").orElseThrow().snapshot().get("ipForwardingOff"));
    }

    @Test
    void noRouteAtTheRouter_drawsDestinationUnreachable() {
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("203.0.113.5"), PROTO, payload(a, "lost"), net.now());
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("2001:db8:9::5"), PROTO, payload(a, "lost"),
                net.now());
        net.settle();
        assertEquals(2, ta.errors().size());
        assertTrue(ta.errors().stream().allMatch(e -> e.kind() == IcmpErrorReport.Kind.UNREACHABLE));
    }
}
