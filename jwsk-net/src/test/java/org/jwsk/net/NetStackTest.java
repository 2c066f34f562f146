package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The core of the dual IP layer between stacks on virtual wires: delivery, errors, host models, loopback. */
class NetStackTest {

    /** RFC 3692: a protocol number for experiments. */
    static final int PROTO = 253;
    static final MacAddress MAC_A = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress MAC_B = MacAddress.parse("02:00:00:00:00:0b");

    private final SimNet net = new SimNet(42);

    @AfterEach
    void close() {
        net.close();
    }

    static PacketBuf payload(NetStack s, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        PacketBuf buf = s.pool().allocate(s.ip().headroom(), b.length);
        buf.copyFrom(0, b, 0, b.length);
        return buf;
    }

    /** Two stacks on an IP-medium wire: a: 192.0.2.1/24 and 2001:db8::1/64, b: .2 and ::2. */
    record Pair(NetStack a, NetStack b, TestTransport ta, TestTransport tb, InterfaceId ia, InterfaceId ib) {
    }

    Pair ipPair() {
        VirtualWire w = net.wire(WireConfig.ip("w"));
        NetStack a = net.stack();
        NetStack b = net.stack();
        InterfaceId ia = a.addInterface(w.endA(), InterfaceConfig.of("w0", null, "192.0.2.1/24", "2001:db8::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        InterfaceId ib = b.addInterface(w.endB(), InterfaceConfig.of("w0", null, "192.0.2.2/24", "2001:db8::2/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        TestTransport ta = new TestTransport();
        TestTransport tb = new TestTransport();
        a.registerTransport(PROTO, ta);
        b.registerTransport(PROTO, tb);
        return new Pair(a, b, ta, tb, ia, ib);
    }

    @Test
    void ipv4_deliversToTheTransport_withAddressesAndTtl() {
        Pair p = ipPair();
        SendStatus s = p.a().ip().send(p.a().defaultCompartment(), null, IpAddress.parse("192.0.2.2"), PROTO,
                payload(p.a(), "hello"), net.now());
        assertEquals(SendStatus.SENT, s);
        net.settle();
        assertEquals(1, p.tb().received().size());
        TestTransport.Received r = p.tb().received().getFirst();
        assertEquals(IpAddress.parse("192.0.2.1"), r.src());
        assertEquals(IpAddress.parse("192.0.2.2"), r.dst());
        assertEquals(64, r.hopLimit());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), r.payload());
        assertEquals(1L, p.b().counters().find("ipv4").orElseThrow().snapshot().get("ipSystemStatsInDelivers"));
        assertEquals(1L, p.a().counters().find("ipv4").orElseThrow().snapshot().get("ipSystemStatsOutTransmits"));
    }

    @Test
    void ipv6_deliversToTheSameTransport() {
        Pair p = ipPair();
        assertEquals(SendStatus.SENT, p.a().ip().send(p.a().defaultCompartment(), null, IpAddress.parse("2001:db8::2"),
                PROTO, payload(p.a(), "six"), net.now()));
        net.settle();
        TestTransport.Received r = p.tb().received().getFirst();
        assertEquals(6, r.version());
        assertEquals(IpAddress.parse("2001:db8::1"), r.src());
        assertArrayEquals("six".getBytes(StandardCharsets.US_ASCII), r.payload());
    }

    @Test
    void refusedPacket_drawsPortUnreachable_deliveredToTheSender() {
        Pair p = ipPair();
        p.tb().refusing();
        p.a().ip().send(p.a().defaultCompartment(), null, IpAddress.parse("192.0.2.2"), PROTO, payload(p.a(), "x"),
                net.now());
        p.a().ip().send(p.a().defaultCompartment(), null, IpAddress.parse("2001:db8::2"), PROTO, payload(p.a(), "y"),
                net.now());
        net.settle();
        assertEquals(2, p.ta().errors().size());
        assertEquals(IcmpErrorReport.Kind.PORT_UNREACHABLE, p.ta().errors().get(0).kind());
        assertEquals(IcmpErrorReport.Kind.PORT_UNREACHABLE, p.ta().errors().get(1).kind());
        assertEquals(IpAddress.parse("2001:db8::2"), p.ta().errors().get(1).dst());
    }

    @Test
    void unknownProtocol_drawsProtocolUnreachable_inBothFamilies() {
        Pair p = ipPair();
        TestTransport t200 = new TestTransport();
        p.a().registerTransport(200, t200);
        p.a().ip().send(p.a().defaultCompartment(), null, IpAddress.parse("192.0.2.2"), 200, payload(p.a(), "?"),
                net.now());
        p.a().ip().send(p.a().defaultCompartment(), null, IpAddress.parse("2001:db8::2"), 200, payload(p.a(), "?"),
                net.now());
        net.settle();
        assertEquals(2, t200.errors().size());
        assertTrue(t200.errors().stream().allMatch(e -> e.kind() == IcmpErrorReport.Kind.PROTOCOL_UNREACHABLE));
        assertEquals(1L, p.b().counters().find("ipv4").orElseThrow().snapshot().get("ipSystemStatsInUnknownProtos"));
    }

    @Test
    void toOurOwnAddress_goesThroughLoopback() {
        Pair p = ipPair();
        TestTransport self = new TestTransport();
        p.b().registerTransport(201, self);
        p.b().ip().send(p.b().defaultCompartment(), null, IpAddress.parse("192.0.2.2"), 201, payload(p.b(), "me"),
                net.now());
        p.b().ip().send(p.b().defaultCompartment(), null, IpAddress.parse("127.0.0.1"), 201, payload(p.b(), "lo"),
                net.now());
        p.b().ip().send(p.b().defaultCompartment(), null, IpAddress.parse("::1"), 201, payload(p.b(), "lo6"), net.now());
        net.settle();
        assertEquals(3, self.received().size());
        assertEquals(IpAddress.parse("192.0.2.2"), self.received().get(0).src());
        assertEquals(0L, p.a().counters().find("ipv4").orElseThrow().snapshot().get("ipSystemStatsInReceives"));
    }

    @Test
    void noRoute_isAValue_andCounted() {
        Pair p = ipPair();
        assertEquals(SendStatus.NO_ROUTE, p.a().ip().send(p.a().defaultCompartment(), null,
                IpAddress.parse("203.0.113.9"), PROTO, payload(p.a(), "x"), net.now()));
        assertEquals(SendStatus.BAD_SOURCE, p.a().ip().send(p.a().defaultCompartment(), IpAddress.parse("198.51.100.1"),
                IpAddress.parse("192.0.2.2"), PROTO, payload(p.a(), "x"), net.now()));
        assertEquals(1L, p.a().counters().find("ipv4").orElseThrow().snapshot().get("ipSystemStatsOutNoRoutes"));
    }

    @Test
    void ethernet_withPermanentNeighbors_carriesBothFamilies() {
        VirtualWire w = net.wire(WireConfig.ethernet("e"));
        NetStack a = net.stack();
        NetStack b = net.stack();
        InterfaceId ia = a.addInterface(w.endA(), InterfaceConfig.of("e0", MAC_A, "192.0.2.1/24", "2001:db8::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        b.addInterface(w.endB(), InterfaceConfig.of("e0", MAC_B, "192.0.2.2/24", "2001:db8::2/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        a.addPermanentNeighbor(ia, IpAddress.parse("192.0.2.2"), MAC_B);
        a.addPermanentNeighbor(ia, IpAddress.parse("2001:db8::2"), MAC_B);
        TestTransport tb = new TestTransport();
        b.registerTransport(PROTO, tb);
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("192.0.2.2"), PROTO, payload(a, "v4"), net.now());
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("2001:db8::2"), PROTO, payload(a, "v6"), net.now());
        net.settle();
        assertEquals(2, tb.received().size());
        assertTrue(a.interfaces().stream().anyMatch(i -> i.ipv6().stream()
                .anyMatch(x -> x.address().equals(IpAddress.parse("fe80::ff:fe00:a")))), "link-local from the MAC");
    }

    @Test
    void strongHostReceive_refusesAnotherInterfacesAddress_weakHostAcceptsIt() {
        VirtualWire w1 = net.wire(WireConfig.ip("w1"));
        VirtualWire w2 = net.wire(WireConfig.ip("w2"));
        NetStack a = net.stack();
        NetStack b = net.stack();
        InterfaceId ia = a.addInterface(w1.endA(), InterfaceConfig.of("w1", null, "192.0.2.1/24")
                .withIpv6(Ipv6Options.DISABLED), net.now());
        InterfaceId ib1 = b.addInterface(w1.endB(), InterfaceConfig.of("w1", null, "192.0.2.2/24")
                .withIpv6(Ipv6Options.DISABLED), net.now());
        b.addInterface(w2.endA(), InterfaceConfig.of("w2", null, "198.51.100.2/24").withIpv6(Ipv6Options.DISABLED),
                net.now());
        a.addRoute(Route.via(IpPrefix.parse("198.51.100.0/24"), IpAddress.parse("192.0.2.2"), ia));
        TestTransport tb = new TestTransport();
        b.registerTransport(PROTO, tb);

        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("198.51.100.2"), PROTO, payload(a, "1"), net.now());
        net.settle();
        assertEquals(0, tb.received().size(), "strong host: not the arrival interface's address");
        assertEquals(1L, b.counters().find("netdrops").orElseThrow().snapshot().get("ipInStrongHostMismatch"));

        b.setHostModel(ib1, HostModel.WEAK);
        a.ip().send(a.defaultCompartment(), null, IpAddress.parse("198.51.100.2"), PROTO, payload(a, "2"), net.now());
        net.settle();
        assertEquals(1, tb.received().size(), "weak host receive accepts any local address");
    }

    @Test
    void compartments_keepTheirOwnAddressesAndRoutes() {
        NetStack s = net.stack();
        CompartmentId c2 = s.addCompartment(net.now());
        VirtualWire w1 = net.wire(WireConfig.ip("w1"));
        VirtualWire w2 = net.wire(WireConfig.ip("w2"));
        s.addInterface(w1.endA(), InterfaceConfig.of("x1", null, "192.0.2.1/24").withIpv6(Ipv6Options.DISABLED),
                net.now());
        s.addInterface(w2.endA(), InterfaceConfig.of("x2", null, "192.0.2.1/24").withIpv6(Ipv6Options.DISABLED)
                .inCompartment(c2), net.now());
        assertEquals(2, s.compartments().size());
        assertEquals(1, s.routes(c2, 4).stream().filter(r -> r.origin() == Route.Origin.CONNECTED
                && r.destination().equals(IpPrefix.parse("192.0.2.0/24"))).count());
        assertFalse(s.interfaces().stream().filter(i -> i.compartment().equals(c2)).noneMatch(InterfaceInfo::loopback),
                "each compartment has its loopback");
        assertThrows(IllegalArgumentException.class, () -> s.addInterface(w1.endB(),
                InterfaceConfig.of("x1", null, "192.0.2.9/24"), net.now()), "names are unique in a stack");
    }
}
