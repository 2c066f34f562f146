package org.jwsk.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.transport.udp.UdpHosts.A4;
import static org.jwsk.transport.udp.UdpHosts.A6;
import static org.jwsk.transport.udp.UdpHosts.B4;
import static org.jwsk.transport.udp.UdpHosts.B6;
import static org.jwsk.transport.udp.UdpHosts.counter;
import static org.jwsk.transport.udp.UdpHosts.drain;
import static org.jwsk.transport.udp.UdpHosts.text;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jwsk.net.IcmpErrorReport;
import org.jwsk.net.testing.ControlFrames;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpCounter;
import org.jwsk.transport.UdpDatagram;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpMessage;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.UdpStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UDP between two stacks on a simulated wire: both families, metadata, connected endpoints, ICMP errors. */
class UdpSimTest {

    private final UdpHosts h = new UdpHosts(768);

    @AfterEach
    void close() {
        UdpHosts.assertMibInvariant(h.ua);
        UdpHosts.assertMibInvariant(h.ub);
        h.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6})
    void datagram_eachFamily_arrivesWithSourceDestinationInterfaceAndHops(int family) {
        String server = family == 4 ? "192.0.2.2:5000" : "[2001:db8::2]:5000";
        UdpHosts.Recorder rb = new UdpHosts.Recorder();
        UdpEndpoint b = h.bound(h.ub, server, UdpOptions.DEFAULTS, rb);
        UdpEndpoint a = h.ua.open(h.a.defaultCompartment(), family, UdpOptions.DEFAULTS.withTrafficClass(0x28),
                new UdpHosts.Recorder());
        assertNull(a.localEndpoint());
        assertEquals(UdpStatus.OK, a.send(IpEndpoint.parse(server), text("hello"), h.now()));
        IpEndpoint local = a.localEndpoint();
        assertNotNull(local, "the first send binds");
        assertTrue(local.isWildcard() && local.port() >= 32768 && local.port() <= 60999, local.toString());
        h.settle();
        assertEquals(1, rb.readable);
        assertEquals(1, b.pending());
        assertEquals(5, b.nextLength());
        MemorySegment buf = MemorySegment.ofArray(new byte[100]);
        UdpMessage m = b.receive(buf, h.now());
        assertEquals(new IpEndpoint(family == 4 ? A4 : A6, local.port()), m.source());
        assertEquals(IpEndpoint.parse(server), m.destination());
        assertEquals(h.ib, m.ingress());
        assertEquals(0x28, m.trafficClass());
        assertEquals(64, m.hopLimit());
        assertEquals("hello", text(buf, m));
        assertFalse(m.truncated());
        assertNull(b.receive(buf, h.now()));
        assertEquals(1, counter(h.ua, UdpCounter.OUT_DATAGRAMS));
        assertEquals(1, counter(h.ub, UdpCounter.IN_DATAGRAMS));
    }

    @Test
    void reply_toTheSource_reachesTheSender_zeroCopy() {
        UdpEndpoint b = h.bound(h.ub, "[2001:db8::2]:7", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpHosts.Recorder ra = new UdpHosts.Recorder();
        UdpEndpoint a = h.bound(h.ua, "[2001:db8::1]:0", UdpOptions.DEFAULTS, ra);
        a.send(IpEndpoint.parse("[2001:db8::2]:7"), text("ping"), h.now());
        h.settle();
        UdpDatagram d = b.receiveBuf(h.now());
        assertEquals("ping", new String(d.data().toByteArray()));
        assertEquals(UdpStatus.OK, b.send(d.source(), d.data().data(), h.now()));
        d.release();
        h.settle();
        assertEquals(1, ra.readable);
        assertEquals(List.of("ping"), drain(a));
    }

    @Test
    void truncatedReceive_reportsTheFullLength() {
        UdpEndpoint b = h.bound(h.ub, "192.0.2.2:9", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpEndpoint a = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        a.send(IpEndpoint.parse("192.0.2.2:9"), text("0123456789"), h.now());
        h.settle();
        MemorySegment small = MemorySegment.ofArray(new byte[4]);
        UdpMessage m = b.receive(small, h.now());
        assertEquals(4, m.length());
        assertEquals(10, m.datagramLength());
        assertTrue(m.truncated());
        assertEquals(0, b.pending(), "the rest of the datagram is discarded (MSG_TRUNC)");
    }

    @Test
    void connectedEndpoint_receivesOnlyFromItsPeer_otherSourcesGoToTheWildcard() {
        UdpHosts.Recorder wild = new UdpHosts.Recorder();
        UdpEndpoint any = h.bound(h.ub, "0.0.0.0:6000", UdpOptions.DEFAULTS.withReuseAddress(true), wild);
        UdpEndpoint conn = h.bound(h.ub, "192.0.2.2:6000", UdpOptions.DEFAULTS.withReuseAddress(true),
                new UdpHosts.Recorder());
        UdpEndpoint peer = h.bound(h.ua, "192.0.2.1:7000", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpEndpoint other = h.bound(h.ua, "192.0.2.1:7001", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertEquals(UdpStatus.OK, conn.connect(IpEndpoint.parse("192.0.2.1:7000"), h.now()));
        assertEquals(IpEndpoint.parse("192.0.2.1:7000"), conn.remoteEndpoint());
        peer.send(IpEndpoint.parse("192.0.2.2:6000"), text("from peer"), h.now());
        other.send(IpEndpoint.parse("192.0.2.2:6000"), text("from other"), h.now());
        h.settle();
        assertEquals(List.of("from peer"), drain(conn));
        assertEquals(List.of("from other"), drain(any));
        assertEquals(UdpStatus.OK, conn.send(text("back"), h.now()));
        h.settle();
        assertEquals(List.of("back"), drain(peer));
        conn.disconnect(h.now());
        assertNull(conn.remoteEndpoint());
        assertThrows(IllegalStateException.class, () -> conn.send(text("x"), h.now()));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6})
    void portUnreachable_connectedEndpoint_hearsItAndTheNextSendIsRefused(int family) {
        String dst = family == 4 ? "192.0.2.2:9999" : "[2001:db8::2]:9999";
        UdpHosts.Recorder r = new UdpHosts.Recorder();
        UdpEndpoint a = h.ua.open(h.a.defaultCompartment(), family, UdpOptions.DEFAULTS, r);
        assertEquals(UdpStatus.OK, a.connect(IpEndpoint.parse(dst), h.now()));
        assertEquals(family == 4 ? A4 : A6, a.localEndpoint().address(), "connect fixes the source, as Linux");
        assertEquals(UdpStatus.OK, a.send(text("anyone?"), h.now()));
        h.settle();
        assertEquals(1, counter(h.ub, UdpCounter.NO_PORTS));
        assertEquals(1, r.errors.size());
        assertEquals(IcmpErrorReport.Kind.PORT_UNREACHABLE, r.errors.getFirst().kind());
        assertEquals(IpEndpoint.parse(dst), r.errors.getFirst().destination());
        assertTrue(r.errors.getFirst().pending());
        assertNull(a.receive(MemorySegment.ofArray(new byte[8]), h.now()), "an error is pending");
        assertEquals(UdpStatus.REFUSED, a.send(text("again"), h.now()), "ECONNREFUSED, once");
        assertEquals(UdpStatus.OK, a.send(text("again"), h.now()));
        h.settle();
        assertEquals(UdpStatus.REFUSED, a.takeError());
        assertEquals(UdpStatus.OK, a.takeError());
    }

    @Test
    void portUnreachable_unconnectedEndpoint_hearsNothing_unlessItAsks() {
        UdpHosts.Recorder quiet = new UdpHosts.Recorder();
        UdpHosts.Recorder asks = new UdpHosts.Recorder();
        UdpEndpoint a = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS, quiet);
        UdpEndpoint b = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS.withReceiveErrors(true), asks);
        a.send(IpEndpoint.parse("192.0.2.2:9999"), text("x"), h.now());
        b.send(IpEndpoint.parse("192.0.2.2:9998"), text("x"), h.now());
        h.settle();
        assertTrue(quiet.errors.isEmpty());
        assertEquals(1, asks.errors.size());
        assertFalse(asks.errors.getFirst().pending(), "IP_RECVERR reports; only connected endpoints keep errors");
        assertEquals(UdpStatus.OK, b.takeError());
    }

    @Test
    void datagramTtl_andTrafficClass_onTheWire() {
        UdpEndpoint a = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS.withHopLimit(7)
                .withTrafficClass(0xb8), new UdpHosts.Recorder());
        a.send(IpEndpoint.parse("192.0.2.2:9"), text("x"), h.now());
        h.settle();
        ControlFrames.Decoded d = ControlFrames.decode(h.logA.sent().stream()
                .filter(f -> f.bytes()[23] == 17).findFirst().orElseThrow().bytes());
        assertEquals(7, d.hopLimit());
        assertEquals(0xb8, d.tos());
        assertEquals(B4, d.dst());
    }

    @Test
    void misuse_isAnExceptionAtTheEdge() {
        UdpEndpoint v4 = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpEndpoint v6 = h.ua.open(h.a.defaultCompartment(), 6, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertThrows(IllegalArgumentException.class, () -> v4.send(new IpEndpoint(B6, 9), text("x"), h.now()));
        assertThrows(IllegalArgumentException.class, () -> v6.send(new IpEndpoint(B4, 9), text("x"), h.now()),
                "an IPv6-only endpoint cannot reach IPv4");
        assertThrows(IllegalArgumentException.class, () -> v4.send(new IpEndpoint(B4, 0), text("x"), h.now()));
        assertThrows(IllegalArgumentException.class, () -> h.ua.open(h.a.defaultCompartment(), 5,
                UdpOptions.DEFAULTS, new UdpHosts.Recorder()));
        v4.bind(IpEndpoint.anyV4(0), h.now());
        assertThrows(IllegalStateException.class, () -> v4.bind(IpEndpoint.anyV4(0), h.now()));
        assertThrows(IllegalStateException.class, () -> v4.setOptions(UdpOptions.DEFAULTS.withReuseAddress(true),
                h.now()), "sharing is set before bind");
        v4.close(h.now());
        assertTrue(v4.isClosed());
        assertThrows(IllegalStateException.class, () -> v4.send(new IpEndpoint(B4, 9), text("x"), h.now()));
        v4.close(h.now());
    }
}
