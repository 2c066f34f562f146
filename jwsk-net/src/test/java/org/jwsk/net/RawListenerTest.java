package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The raw-socket hook ({@link NetStack#addRawListener}): every locally delivered packet is shown to the listeners
 * before its protocol's handler, borrowed; a packet of a protocol without a handler that a listener took draws no
 * protocol-unreachable error. And the outgoing interface for IPv4 multicast ({@link IpSender#sendV4} with an
 * interface), which raw and UDP sockets need.
 */
class RawListenerTest {

    static final int PROTO = 253;

    private final SimNet net = new SimNet(3542);
    private NetStack a;
    private NetStack b;
    private InterfaceId ia;
    private InterfaceId ib;

    /** What a listener saw of one packet: a copy, since the packet is only borrowed. */
    record Seen(int version, int protocol, IpAddress src, IpAddress dst, int upperOffset, byte[] packet) {
    }

    /** A listener that copies what it sees and says it took packets of {@code takes}. */
    static final class Recorder implements RawListener {
        final List<Seen> seen = new ArrayList<>();
        final int takes;

        Recorder(int takes) {
            this.takes = takes;
        }

        @Override
        public boolean onPacket(IpRx rx, PacketBuf packet, int upperOffset, long now) {
            seen.add(new Seen(rx.version(), rx.protocol(), rx.src(), rx.dst(), upperOffset, packet.toByteArray()));
            return rx.protocol() == takes;
        }
    }

    private void build() {
        VirtualWire w = net.wire(WireConfig.ip("w"));
        a = net.stack();
        b = net.stack();
        ia = a.addInterface(w.endA(), InterfaceConfig.of("w0", null, "192.0.2.1/24", "2001:db8::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        ib = b.addInterface(w.endB(), InterfaceConfig.of("w0", null, "192.0.2.2/24", "2001:db8::2/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
    }

    @AfterEach
    void close() {
        net.close();
    }

    private static long ip(NetStack s, String group, String name) {
        return s.counters().find(group).orElseThrow().snapshot().getOrDefault(name, 0L);
    }

    @Test
    void listener_seesEveryDeliveredPacket_beforeTheHandler_withItsHeaders() {
        build();
        Recorder r = new Recorder(-1);
        b.addRawListener(r);
        TestTransport t = new TestTransport();
        b.registerTransport(PROTO, t);
        TestTransport.send(a, a.defaultCompartment(), null, "192.0.2.2", PROTO, "four", net.now());
        TestTransport.send(a, a.defaultCompartment(), null, "2001:db8::2", PROTO, "six", net.now());
        List<PingResult> pings = new ArrayList<>();
        a.ping(a.defaultCompartment(), IpAddress.parse("192.0.2.2"), 8, 64, Duration.ofSeconds(1), net.now(),
                pings::add);
        net.settle();
        assertEquals(List.of("four", "six"), t.texts(), "the handler still gets its packets");
        assertEquals(PingResult.Outcome.REPLY, pings.getFirst().outcome(), "and ICMP still answers echoes");
        Seen four = r.seen.get(0);
        assertEquals(4, four.version());
        assertEquals(PROTO, four.protocol());
        assertEquals(20, four.upperOffset(), "IPv4: the packet from its IP header");
        assertEquals(0x45, four.packet()[0] & 0xff);
        assertArrayEquals("four".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOfRange(four.packet(), 20,
                24));
        Seen six = r.seen.get(1);
        assertEquals(6, six.version());
        assertEquals(40, six.upperOffset());
        assertEquals(IpAddress.parse("2001:db8::1"), six.src());
        Seen echo = r.seen.get(2);
        assertEquals(IpProtocol.ICMP, echo.protocol());
        assertEquals(8, echo.packet()[20], "the echo request as it arrived, before ICMP answered it in place");
    }

    @Test
    void unknownProtocol_takenByAListener_isDelivered_withoutProtocolUnreachable() {
        build();
        b.addRawListener(new Recorder(PROTO));
        TestTransport errors = new TestTransport();
        a.registerTransport(PROTO, errors);
        TestTransport.send(a, a.defaultCompartment(), null, "192.0.2.2", PROTO, "x", net.now());
        TestTransport.send(a, a.defaultCompartment(), null, "2001:db8::2", PROTO, "y", net.now());
        net.settle();
        assertTrue(errors.errors().isEmpty(), "no ICMP protocol unreachable nor Parameter Problem (Linux alike)");
        assertEquals(1, ip(b, "ipv4", "ipSystemStatsInDelivers"));
        assertEquals(0, ip(b, "ipv4", "ipSystemStatsInUnknownProtos"));
        assertEquals(1, ip(b, "ipv6", "ipSystemStatsInDelivers"));
    }

    @Test
    void unknownProtocol_notTaken_stillDrawsProtocolUnreachable() {
        build();
        Recorder r = new Recorder(-1);
        b.addRawListener(r);
        TestTransport errors = new TestTransport();
        a.registerTransport(PROTO, errors);
        TestTransport.send(a, a.defaultCompartment(), null, "192.0.2.2", PROTO, "x", net.now());
        net.settle();
        assertEquals(1, r.seen.size());
        assertEquals(IcmpErrorReport.Kind.PROTOCOL_UNREACHABLE, errors.errors().getFirst().kind());
        assertTrue(b.removeRawListener(r));
        assertTrue(!b.removeRawListener(r));
    }

    @Test
    void ipv4Multicast_withAnOutgoingInterface_needsNoRoute() {
        build();
        TestTransport t = new TestTransport();
        b.registerTransport(PROTO, t);
        b.joinGroup(ib, IpAddress.parse("239.1.2.3"), net.now());
        int group = 0xef01_0203;
        assertEquals(SendStatus.NO_ROUTE, a.ip().sendV4(a.defaultCompartment(), null, 0, group, PROTO, 1, 0, false,
                TestTransport.payload(a, "routed?"), net.now()), "no route to 224/4 without an interface");
        assertEquals(SendStatus.SENT, a.ip().sendV4(a.defaultCompartment(), ia, 0, group, PROTO, 1, 0, false,
                TestTransport.payload(a, "via"), net.now()));
        PathInfo p = a.ip().pathTo(a.defaultCompartment(), null, IpAddress.parse("239.1.2.3"), ia).orElseThrow();
        assertEquals(ia, p.out());
        assertEquals(IpAddress.parse("192.0.2.1"), p.source());
        assertTrue(a.ip().pathTo(a.defaultCompartment(), null, IpAddress.parse("239.1.2.3"), null).isEmpty());
        net.settle();
        assertEquals(List.of("via"), t.texts());
        assertEquals(IpAddress.parse("192.0.2.1"), t.received().getFirst().src(), "the source chosen on the interface");
        assertEquals(SendStatus.BAD_SOURCE, a.ip().sendV4(a.defaultCompartment(), ia, 0xc633_6401, group, PROTO, 1, 0,
                false, TestTransport.payload(a, "x"), net.now()), "198.51.100.1 is not ours");
    }
}
