package org.jwsk.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.transport.udp.UdpHosts.A4;
import static org.jwsk.transport.udp.UdpHosts.counter;
import static org.jwsk.transport.udp.UdpHosts.drain;
import static org.jwsk.transport.udp.UdpHosts.text;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.net.CompartmentId;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpCounter;
import org.jwsk.transport.UdpDatagram;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.UdpStatus;
import org.jwsk.transport.internal.udp.DatagramFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The forwarder (datagrams no endpoint wants, answered from their destination) and the filter hooks. */
class UdpHooksTest {

    private final UdpHosts h = new UdpHosts(3489);

    @AfterEach
    void close() {
        UdpHosts.assertMibInvariant(h.ua);
        UdpHosts.assertMibInvariant(h.ub);
        h.close();
    }

    @Test
    void forwarder_takesDatagramsForNoEndpoint_andAnswersFromTheirDestination() {
        List<String> relayed = new ArrayList<>();
        h.ub.setForwarder((d, now) -> {
            relayed.add(d.destination() + " " + new String(d.data().toByteArray()));
            UdpStatus s = h.ub.sendFrom(h.b.defaultCompartment(), d.destination(), d.source(),
                    MemorySegment.ofArray(("re: " + new String(d.data().toByteArray())).getBytes()), 0, now);
            d.release();
            return s.isOk();
        });
        UdpEndpoint c = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertEquals(UdpStatus.OK, c.connect(IpEndpoint.parse("192.0.2.2:4444"), h.now()));
        c.send(text("q"), h.now());
        h.settle();
        assertEquals(List.of("192.0.2.2:4444 q"), relayed);
        assertEquals(List.of("re: q"), drain(c), "the reply comes from 192.0.2.2:4444, so the connected one takes it");
        assertEquals(UdpStatus.OK, c.takeError(), "no port unreachable");
        assertEquals(1, counter(h.ub, UdpCounter.FORWARDED));
        assertEquals(0, counter(h.ub, UdpCounter.NO_PORTS));
    }

    @Test
    void forwarderThatDeclines_leavesTheDatagramToPortUnreachable() {
        List<UdpDatagram> offered = new ArrayList<>();
        h.ub.setForwarder((d, now) -> offered.add(d) && false);
        UdpHosts.Recorder r = new UdpHosts.Recorder();
        UdpEndpoint c = h.ua.open(h.a.defaultCompartment(), 6, UdpOptions.DEFAULTS, r);
        c.connect(IpEndpoint.parse("[2001:db8::2]:4444"), h.now());
        c.send(text("q"), h.now());
        h.settle();
        assertEquals(1, offered.size());
        assertEquals(1, r.errors.size(), "the IP layer answered with port unreachable, quoting the whole datagram");
        assertEquals(UdpStatus.REFUSED, c.takeError());
        h.ub.setForwarder(null);
    }

    @Test
    void filter_blocksDatagramsBothWays_andBindsAndConnects() {
        h.ub.setFilter(new DatagramFilter() {
            @Override
            public boolean permitDatagram(DatagramFields f, MemorySegment seg, long off, int len) {
                return f.inbound() ? f.remotePort() != 666 : f.remotePort() != 667;
            }

            @Override
            public boolean permitBind(CompartmentId c, int protocol, IpEndpoint local) {
                return local.port() != 25;
            }

            @Override
            public boolean permitConnect(CompartmentId c, int protocol, IpEndpoint local, IpEndpoint remote) {
                return !remote.address().equals(A4);
            }
        });
        UdpEndpoint server = h.bound(h.ub, "0.0.0.0:5000", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpEndpoint bad = h.bound(h.ua, "192.0.2.1:666", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpEndpoint good = h.bound(h.ua, "192.0.2.1:665", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        bad.send(IpEndpoint.parse("192.0.2.2:5000"), text("blocked"), h.now());
        good.send(IpEndpoint.parse("192.0.2.2:5000"), text("passed"), h.now());
        h.settle();
        assertEquals(List.of("passed"), drain(server));
        assertEquals(1, counter(h.ub, UdpCounter.IN_FILTERED));
        assertEquals(UdpStatus.FILTERED, server.send(IpEndpoint.parse("192.0.2.1:667"), text("x"), h.now()));
        assertEquals(1, counter(h.ub, UdpCounter.OUT_FILTERED));
        UdpEndpoint smtp = h.ub.open(h.b.defaultCompartment(), 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertEquals(UdpStatus.FILTERED, smtp.bind(IpEndpoint.parse("0.0.0.0:25"), h.now()));
        assertFalse(smtp.localEndpoint() != null);
        assertEquals(UdpStatus.FILTERED, server.connect(IpEndpoint.parse("192.0.2.1:665"), h.now()));
        assertTrue(server.remoteEndpoint() == null);
    }
}
