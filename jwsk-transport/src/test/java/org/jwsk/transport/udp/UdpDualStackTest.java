package org.jwsk.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.transport.udp.UdpHosts.A4;
import static org.jwsk.transport.udp.UdpHosts.A6;
import static org.jwsk.transport.udp.UdpHosts.B4;
import static org.jwsk.transport.udp.UdpHosts.counter;
import static org.jwsk.transport.udp.UdpHosts.drain;
import static org.jwsk.transport.udp.UdpHosts.text;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpCounter;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpMessage;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.UdpStatus;
import org.jwsk.wire.addr.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dual-stack IPv6 endpoints (WSK §7): a {@code ::} endpoint that is not IPv6-only serves IPv4 as well, and reports
 * IPv4 peers as IPv4 endpoints; an IPv6-only one does not.
 */
class UdpDualStackTest {

    private static final UdpOptions DUAL = UdpOptions.DEFAULTS.withV6Only(false);

    private final UdpHosts h = new UdpHosts(4291);

    @AfterEach
    void close() {
        UdpHosts.assertMibInvariant(h.ua);
        UdpHosts.assertMibInvariant(h.ub);
        h.close();
    }

    private UdpEndpoint client(int family) {
        return h.ua.open(h.a.defaultCompartment(), family, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
    }

    @Test
    void dualStackWildcard_receivesBothFamilies_ipv4PeersAsIpv4Endpoints_andAnswersThem() {
        UdpEndpoint server = h.bound(h.ub, "[::]:5000", DUAL, new UdpHosts.Recorder());
        UdpEndpoint c4 = client(4);
        UdpEndpoint c6 = client(6);
        c4.send(IpEndpoint.parse("192.0.2.2:5000"), text("four"), h.now());
        c6.send(IpEndpoint.parse("[2001:db8::2]:5000"), text("six"), h.now());
        h.settle();
        MemorySegment buf = MemorySegment.ofArray(new byte[64]);
        UdpMessage m4 = server.receive(buf, h.now());
        assertEquals(new IpEndpoint(A4, c4.localEndpoint().port()), m4.source(), "IPv4, not ::ffff:192.0.2.1");
        assertEquals(IpEndpoint.parse("192.0.2.2:5000"), m4.destination());
        UdpMessage m6 = server.receive(buf, h.now());
        assertEquals(new IpEndpoint(A6, c6.localEndpoint().port()), m6.source());
        assertEquals(UdpStatus.OK, server.send(m4.source(), text("back4"), h.now()));
        IpAddress mapped = IpAddress.parse("::ffff:192.0.2.1");
        assertEquals(UdpStatus.OK, server.send(new IpEndpoint(mapped, m4.source().port()), text("mapped"), h.now()),
                "a v4-mapped destination is IPv4 too");
        assertEquals(UdpStatus.OK, server.send(m6.source(), text("back6"), h.now()));
        h.settle();
        assertEquals(List.of("back4", "mapped"), drain(c4));
        assertEquals(List.of("back6"), drain(c6));
    }

    @Test
    void v6OnlyWildcard_doesNotReceiveIpv4() {
        UdpEndpoint server = h.bound(h.ub, "[::]:5000", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        client(4).send(IpEndpoint.parse("192.0.2.2:5000"), text("four"), h.now());
        h.settle();
        assertEquals(0, server.pending());
        assertEquals(1, counter(h.ub, UdpCounter.NO_PORTS), "and the sender hears port unreachable");
    }

    @Test
    void nativeIpv4Endpoint_winsOverTheDualStackOne() {
        UdpEndpoint dual = h.bound(h.ub, "[::]:5000", DUAL.withReuseAddress(true), new UdpHosts.Recorder());
        UdpEndpoint v4 = h.bound(h.ub, "0.0.0.0:5000", UdpOptions.DEFAULTS.withReuseAddress(true),
                new UdpHosts.Recorder());
        client(4).send(IpEndpoint.parse("192.0.2.2:5000"), text("four"), h.now());
        client(6).send(IpEndpoint.parse("[2001:db8::2]:5000"), text("six"), h.now());
        h.settle();
        assertEquals(List.of("four"), drain(v4));
        assertEquals(List.of("six"), drain(dual));
    }

    @Test
    void dualStackEndpoint_boundToAMappedAddress_servesIpv4Only() {
        UdpEndpoint server = h.bound(h.ub, "[::ffff:192.0.2.2]:5000", DUAL, new UdpHosts.Recorder());
        assertEquals(IpEndpoint.parse("192.0.2.2:5000"), server.localEndpoint());
        client(4).send(IpEndpoint.parse("192.0.2.2:5000"), text("four"), h.now());
        client(6).send(IpEndpoint.parse("[2001:db8::2]:5000"), text("six"), h.now());
        h.settle();
        assertEquals(List.of("four"), drain(server));
        assertThrows(IllegalArgumentException.class,
                () -> server.send(IpEndpoint.parse("[2001:db8::1]:9"), text("x"), h.now()));
    }

    @Test
    void dualStackEndpoint_connectedToAnIpv4Peer() {
        UdpEndpoint e = h.ua.open(h.a.defaultCompartment(), 6, DUAL, new UdpHosts.Recorder());
        UdpEndpoint server = h.bound(h.ub, "192.0.2.2:5000", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertEquals(UdpStatus.OK, e.connect(new IpEndpoint(IpAddress.parse("::ffff:192.0.2.2"), 5000), h.now()));
        assertEquals(new IpEndpoint(B4, 5000), e.remoteEndpoint());
        assertEquals(A4, e.localEndpoint().address());
        e.send(text("hi"), h.now());
        h.settle();
        UdpMessage m = server.receive(MemorySegment.ofArray(new byte[8]), h.now());
        server.send(m.source(), text("hello"), h.now());
        h.settle();
        assertEquals(List.of("hello"), drain(e));
        assertTrue(e.options().equals(DUAL));
    }
}
