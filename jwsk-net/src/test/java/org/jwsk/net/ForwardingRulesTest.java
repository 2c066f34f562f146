package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.NetStackTest.PROTO;
import static org.jwsk.net.NetStackTest.payload;

import java.util.Map;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.net.testing.Probe;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestPackets;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a router must not forward (RFC 1812 §5.3.7, §5.3.5, RFC 2644, RFC 4291 §2.5.2, §2.5.6, RFC 3927 §2.7):
 * A (192.0.2.0/24, 2001:db8:1::/64) - R - C (198.51.100.0/24, 2001:db8:2::/64), and a probe P on a third link of R
 * (203.0.113.0/24, 2001:db8:3::/64) that sends what no stack would.
 */
class ForwardingRulesTest {

    private static final byte[] DATA = "forward me?".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final SimNet net = new SimNet(23);
    private NetStack a;
    private NetStack r;
    private NetStack c;
    private InterfaceId ra;
    private InterfaceId rc;
    private Probe probe;
    private final TestTransport tc = new TestTransport();
    private final TestTransport tr = new TestTransport();

    @BeforeEach
    void build() {
        VirtualWire w1 = net.ip("w1");
        VirtualWire w2 = net.ip("w2");
        VirtualWire w3 = net.ip("w3");
        a = net.stack("a");
        r = net.stack("r");
        c = net.stack("c");
        InterfaceId ia = net.attach(a, w1.endA(), cfg("a1", "192.0.2.1/24", "2001:db8:1::1/64"));
        ra = net.attach(r, w1.endB(), cfg("r1", "192.0.2.254/24", "2001:db8:1::fe/64").withForwarding(true));
        rc = net.attach(r, w2.endA(), cfg("r2", "198.51.100.254/24", "2001:db8:2::fe/64").withForwarding(true));
        net.attach(r, w3.endA(), cfg("r3", "203.0.113.254/24", "2001:db8:3::fe/64").withForwarding(true));
        InterfaceId ic = net.attach(c, w2.endB(), cfg("c2", "198.51.100.1/24", "2001:db8:2::1/64"));
        probe = net.probe(w3.endB());
        a.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("192.0.2.254"), ia));
        a.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse("2001:db8:1::fe"), ia));
        c.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("198.51.100.254"), ic));
        c.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse("2001:db8:2::fe"), ic));
        c.registerTransport(PROTO, tc);
        r.registerTransport(PROTO, tr);
    }

    @AfterEach
    void close() {
        net.close();
    }

    static InterfaceConfig cfg(String name, String... addresses) {
        return InterfaceConfig.of(name, null, addresses).withIpv6(Ipv6Options.STATIC);
    }

    private long drops(NetStack s, String name) {
        Map<String, Long> m = s.counters().find("netdrops").orElseThrow().snapshot();
        return m.get(name);
    }

    private void inject4(String src, String dst) {
        probe.inject(TestPackets.ipv4(src, dst, PROTO, 64, DATA));
    }

    private void inject6(String src, String dst) {
        probe.inject(TestPackets.ipv6(src, dst, PROTO, 64, DATA));
    }

    @Test
    void controlCase_theProbesPacketsAreForwarded() {
        inject4("203.0.113.1", "198.51.100.1");
        inject6("2001:db8:3::1", "2001:db8:2::1");
        net.settle();
        assertEquals(2, tc.received().size());
    }

    @Test
    void linkLocalSourcesAndDestinations_neverCrossTheRouter() {
        inject4("169.254.7.7", "198.51.100.1");      // RFC 3927 §2.7
        inject4("203.0.113.1", "169.254.7.8");
        inject6("fe80::7", "2001:db8:2::1");         // RFC 4291 §2.5.6
        net.settle();
        assertEquals(0, tc.received().size());
        assertEquals(3L, drops(r, "ipLinkLocalNotForwarded"));
    }

    @Test
    void loopbackAddresses_fromALink_areMartians() {
        inject4("127.0.0.1", "198.51.100.1");
        inject4("203.0.113.1", "127.0.0.1");
        inject6("::1", "2001:db8:2::1");
        inject6("2001:db8:3::1", "::1");
        net.settle();
        assertEquals(0, tc.received().size());
        assertEquals(0, tr.received().size(), "not delivered to R either");
        assertEquals(4L, drops(r, "ipInMartianSource"));
    }

    @Test
    void martianAddresses_areNotForwarded() {
        inject4("0.1.2.3", "198.51.100.1");          // RFC 1812 §5.3.7: a source on network 0
        inject4("203.0.113.1", "0.0.0.5");           // network 0 destination
        inject4("203.0.113.1", "240.0.0.1");         // former class E
        inject6("::", "2001:db8:2::1");              // RFC 4291 §2.5.2: unspecified source
        net.settle();
        assertEquals(0, tc.received().size());
        assertEquals(2L, drops(r, "ipInMartianSource"));
        assertEquals(2L, drops(r, "ipInMartianDestination"));
    }

    @Test
    void directedBroadcast_notForwardedByDefault_forwardedWhenAllowed() {
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("198.51.100.255"), PROTO, payload(a, "b1"),
                net.now());
        net.settle();
        assertEquals(0, tc.received().size(), "RFC 2644: off by default");
        assertEquals(1L, drops(r, "ipDirectedBroadcastNotForwarded"));

        r.setDirectedBroadcastForwarding(rc, true);
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("198.51.100.255"), PROTO, payload(a, "b2"),
                net.now());
        net.settle();
        assertEquals(1, tc.received().size());
        assertTrue(tc.received().getFirst().group(), "C takes it as a broadcast");
    }

    @Test
    void directedBroadcastOfTheArrivalSubnet_isForTheRouter_notForwarded() {
        r.setDirectedBroadcastForwarding(ra, true);
        r.setDirectedBroadcastForwarding(rc, true);
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("192.0.2.255"), PROTO, payload(a, "lan"),
                net.now());
        net.settle();
        assertEquals(1, tr.received().size(), "R receives its own subnet's broadcast");
        assertEquals(0, tc.received().size());
    }

    @Test
    void multicast_isNeverForwarded_evenWhenTheRouterListens() {
        InterfaceId ia = a.interfaceNamed("a1");
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("239.1.2.3"), PROTO, payload(a, "m4"), net.now());
        a.ip().sendV6(a.defaultCompartment(), 0, 0, 0xff0e_0000_0000_0000L, 0x123, PROTO, 64, 0, ia,
                payload(a, "m6"), net.now());
        net.settle();
        assertEquals(0, tc.received().size());
        assertEquals(0L, r.counters().find("ipv4").orElseThrow().snapshot().get("ipSystemStatsInForwDatagrams"));
        assertEquals(0L, r.counters().find("ipv6").orElseThrow().snapshot().get("ipSystemStatsInForwDatagrams"));

        r.core().nic(ra).join4(0xef01_0203, net.now());
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("239.1.2.3"), PROTO, payload(a, "m4"), net.now());
        net.settle();
        assertEquals(1, tr.received().size(), "delivered to R, a member");
        assertEquals(0, tc.received().size(), "and still not forwarded");
        r.core().nic(ra).leave4(0xef01_0203, net.now());
    }
}
