package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.ReassemblyTest.counter;

import java.time.Duration;
import java.util.List;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.tap.testing.TestFrames;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.Datagrams;
import org.jwsk.net.testing.RawHost;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv4.Icmpv4Repr;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Path MTU discovery (RFC 1191, RFC 8201) through a router whose second link has an MTU of 1280: an IPv4 DF sender
 * learns from fragmentation-needed, an IPv6 sender from Packet Too Big and fragments to it; estimates age out; bad
 * reports are ignored; compartments keep their own.
 */
class PathMtuTest {

    static final int PROTO = NetStackTest.PROTO;
    static final IpAddress C4 = IpAddress.parse("198.51.100.1");
    static final IpAddress C6 = IpAddress.parse("2001:db8:2::1");

    private final SimNet net = new SimNet(1191);
    private NetStack a;
    private NetStack r;
    private NetStack c;
    private final TestTransport ta = new TestTransport();
    private final TestTransport tc = new TestTransport();
    private RawHost raw;

    @AfterEach
    void close() {
        net.close();
        if (raw != null) {
            raw.close();
        }
    }

    /** A (1500) - R (1500 | 1280, forwarding) - C (1280), as ForwardingTest builds it. */
    private void threeStacks() {
        VirtualWire w1 = net.wire(WireConfig.ip("w1"));
        VirtualWire w2 = net.wire(WireConfig.ip("w2").withMtu(1280));
        a = net.stack();
        r = net.stack();
        c = net.stack();
        InterfaceId ia = a.addInterface(w1.endA(), InterfaceConfig.of("w1", null, "192.0.2.1/24", "2001:db8:1::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        r.addInterface(w1.endB(), InterfaceConfig.of("w1", null, "192.0.2.254/24", "2001:db8:1::fe/64")
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

    private PacketBuf payload(NetStack s, int n, int seed) {
        PacketBuf b = s.pool().allocate(s.ip().headroom(), n);
        b.copyFrom(0, Datagrams.pattern(n, seed), 0, n);
        return b;
    }

    private SendStatus sendDf(int n) {
        return a.ip().sendV4(a.defaultCompartment(), 0, ((Ipv4Address) C4).value(), PROTO, 64, 0, true,
                payload(a, n, n), net.now());
    }

    private int pathMtu(NetStack s, CompartmentId comp, IpAddress dst) {
        return s.ip().pathTo(comp, dst).orElseThrow().mtu();
    }

    @Test
    void ipv4DfSender_learnsFromFragmentationNeeded() {
        threeStacks();
        assertEquals(1500, pathMtu(a, a.defaultCompartment(), C4));
        assertEquals(SendStatus.SENT, sendDf(1400));
        net.settle();
        assertEquals(0, tc.received().size(), "the router could not forward it");
        assertEquals(1, ta.errors().size());
        assertEquals(IcmpErrorReport.Kind.PACKET_TOO_BIG, ta.errors().getFirst().kind());
        assertEquals(1280, ta.errors().getFirst().info());
        assertEquals(1280, pathMtu(a, a.defaultCompartment(), C4), "learned (RFC 1191 §4)");

        long routerIn = counter(r, "ipv4", "ipSystemStatsInReceives");
        assertEquals(SendStatus.MESSAGE_TOO_BIG, sendDf(1400), "refused at the source now");
        assertEquals(SendStatus.SENT, sendDf(1200));
        net.settle();
        assertEquals(routerIn + 1, counter(r, "ipv4", "ipSystemStatsInReceives"), "only the one that fits left");
        assertEquals(1, tc.received().size());

        assertEquals(SendStatus.SENT, a.ip().send(a.defaultCompartment(), null, C4, PROTO, payload(a, 1400, 9),
                net.now()));
        net.settle();
        assertEquals(2, tc.received().size(), "without DF the source fragments to the path MTU");
        assertArrayEquals(Datagrams.pattern(1400, 9), tc.received().getLast().payload());
        assertEquals(2, counter(a, "ipv4", "ipSystemStatsOutFragCreates"));
        assertEquals(0, counter(r, "ipv4", "ipSystemStatsOutFragCreates"), "the router had nothing to cut");
    }

    @Test
    void ipv6Sender_learnsFromPacketTooBig_andFragmentsToIt() {
        threeStacks();
        byte[] p = Datagrams.pattern(1400, 6);
        a.ip().send(a.defaultCompartment(), null, C6, PROTO, payload(a, 1400, 6), net.now());
        net.settle();
        assertEquals(0, tc.received().size(), "routers never fragment (RFC 8200 §5)");
        assertEquals(IcmpErrorReport.Kind.PACKET_TOO_BIG, ta.errors().getFirst().kind());
        assertEquals(1280, pathMtu(a, a.defaultCompartment(), C6));
        assertEquals(SendStatus.SENT, a.ip().send(a.defaultCompartment(), null, C6, PROTO, payload(a, 1400, 6),
                net.now()));
        net.settle();
        assertEquals(1, tc.received().size());
        assertArrayEquals(p, tc.received().getFirst().payload());
        assertEquals(2, counter(a, "ipv6", "ipSystemStatsOutFragCreates"));
        assertEquals(1, counter(c, "ipv6", "ipSystemStatsReasmOKs"));
    }

    @Test
    void routerRefragmentsIpv4WithoutDf_keepingOffsets() {
        threeStacks();
        byte[] p = Datagrams.pattern(5000, 7);
        a.ip().send(a.defaultCompartment(), null, C4, PROTO, payload(a, 5000, 7), net.now());
        net.settle();
        assertEquals(4, counter(a, "ipv4", "ipSystemStatsOutFragCreates"), "1480 bytes a fragment on a 1500 link");
        assertTrue(counter(r, "ipv4", "ipSystemStatsOutFragCreates") > 0, "fragments of fragments (RFC 791 §3.2)");
        assertEquals(1, tc.received().size());
        assertArrayEquals(p, tc.received().getFirst().payload());
    }

    @Test
    void learnedMtus_ageBackToTheLinkMtu_afterTenMinutes() {
        threeStacks();
        sendDf(1400);
        a.ip().send(a.defaultCompartment(), null, C6, PROTO, payload(a, 1400, 1), net.now());
        net.settle();
        assertEquals(1280, pathMtu(a, a.defaultCompartment(), C4));
        assertEquals(1280, pathMtu(a, a.defaultCompartment(), C6));
        net.run(Duration.ofMinutes(9));
        assertEquals(1280, pathMtu(a, a.defaultCompartment(), C4));
        net.run(Duration.ofMinutes(1).plusSeconds(1));
        assertEquals(1500, pathMtu(a, a.defaultCompartment(), C4), "RFC 1191 §6.3");
        assertEquals(1500, pathMtu(a, a.defaultCompartment(), C6), "RFC 8201 §4");
        assertEquals(SendStatus.SENT, sendDf(1400), "tried again at full size");
    }

    // ------------------------------------------------------------------------------------- bad reports

    private static final Ipv4Address A4 = Ipv4Address.parse("192.0.2.1");
    private static final Ipv4Address ROUTER4 = Ipv4Address.parse("192.0.2.254");
    private static final Ipv4Address FAR4 = Ipv4Address.parse("203.0.113.5");
    private static final Ipv6Address A6 = Ipv6Address.parse("2001:db8:1::1");
    private static final Ipv6Address ROUTER6 = Ipv6Address.parse("2001:db8:1::fe");
    private static final Ipv6Address FAR6 = Ipv6Address.parse("2001:db8:9::5");

    /** A stack whose default routes point at a raw host that plays the router and sends the errors we write. */
    private CompartmentId hostBehindRawRouter(NetStack s, CompartmentId comp, String name) {
        VirtualWire w = net.wire(WireConfig.ip(name));
        InterfaceId i = s.addInterface(w.endA(), InterfaceConfig.of(name, null, "192.0.2.1/24", "2001:db8:1::1/64")
                .withIpv6(Ipv6Options.STATIC).inCompartment(comp), net.now());
        s.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), ROUTER4, i));
        s.addRoute(Route.via(IpPrefix.parse("::/0"), ROUTER6, i));
        raw = new RawHost(w.endB());
        return comp;
    }

    private void fragNeeded(int mtu) {
        byte[] quoted = Datagrams.ipv4(new org.jwsk.wire.ipv4.Ipv4Repr(A4, FAR4, PROTO, 64, 1400),
                Datagrams.pattern(1400, 1));
        raw.send(TestFrames.ipv4Icmp(ROUTER4, A4, Icmpv4Repr.DestinationUnreachable.fragmentationNeeded(mtu,
                Octets.of(Datagrams.slice(quoted, 0, 28)))), net.now());
        net.run(Duration.ofMillis(1));
    }

    private void packetTooBig(long mtu) {
        byte[] quoted = Datagrams.ipv6(A6, FAR6, 0, List.of(), PROTO, Datagrams.pattern(1400, 1));
        raw.send(TestFrames.ipv6Icmp(ROUTER6, A6, 64, new Icmpv6Repr.PacketTooBig(mtu,
                Octets.of(Datagrams.slice(quoted, 0, 1232)))), net.now());
        net.run(Duration.ofMillis(1));
    }

    @Test
    void reportsBelowTheMinimum_orRaisingTheEstimate_areIgnored() {
        NetStack s = net.stack();
        CompartmentId comp = hostBehindRawRouter(s, s.defaultCompartment(), "up");
        fragNeeded(60);
        assertEquals(1500, pathMtu(s, comp, FAR4), "below 68 (RFC 1191 §3)");
        fragNeeded(0);
        assertEquals(1500, pathMtu(s, comp, FAR4), "an old router's zero");
        fragNeeded(1000);
        assertEquals(1000, pathMtu(s, comp, FAR4));
        fragNeeded(1200);
        fragNeeded(9000);
        assertEquals(1000, pathMtu(s, comp, FAR4), "never raised by a report");
        fragNeeded(576);
        assertEquals(576, pathMtu(s, comp, FAR4));

        packetTooBig(1000);
        assertEquals(1500, pathMtu(s, comp, FAR6), "RFC 8201 §4: below 1280, discarded");
        packetTooBig(1400);
        assertEquals(1400, pathMtu(s, comp, FAR6));
        packetTooBig(0x1_0000_0000L - 1);
        packetTooBig(1450);
        assertEquals(1400, pathMtu(s, comp, FAR6));
        packetTooBig(1280);
        assertEquals(1280, pathMtu(s, comp, FAR6));
    }

    @Test
    void compartments_keepTheirOwnPathMtus() {
        NetStack s = net.stack();
        CompartmentId c2 = s.addCompartment(net.now());
        hostBehindRawRouter(s, s.defaultCompartment(), "one");
        RawHost first = raw;
        hostBehindRawRouter(s, c2, "two");
        RawHost second = raw;
        raw = first;
        fragNeeded(1000);
        packetTooBig(1300);
        assertEquals(1000, pathMtu(s, s.defaultCompartment(), FAR4));
        assertEquals(1500, pathMtu(s, c2, FAR4), "another compartment learned nothing");
        assertEquals(1500, pathMtu(s, c2, FAR6));
        second.close();
    }
}
