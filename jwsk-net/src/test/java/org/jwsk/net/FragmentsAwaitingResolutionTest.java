package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A datagram fragmented before its next hop is resolved queues every fragment (the queue is bounded in bytes, as
 * Linux's unres_qlen_bytes, not in a handful of packets) and arrives whole once resolution completes.
 */
class FragmentsAwaitingResolutionTest {

    private final SimNet net = new SimNet(11);

    @AfterEach
    void close() {
        net.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.2", "2001:db8::2"})
    void eightKilobyteDatagram_toAnUnresolvedNeighbor_arrivesWhole(String dst) {
        VirtualWire w = net.wire(WireConfig.ethernet("e"));
        NetStack a = net.stack();
        NetStack b = net.stack();
        a.addInterface(w.endA(), InterfaceConfig.of("e0", MacAddress.parse("02:00:00:00:00:0a"), "192.0.2.1/24",
                "2001:db8::1/64").withIpv6(Ipv6Options.STATIC), net.now());
        b.addInterface(w.endB(), InterfaceConfig.of("e0", MacAddress.parse("02:00:00:00:00:0b"), "192.0.2.2/24",
                "2001:db8::2/64").withIpv6(Ipv6Options.STATIC), net.now());
        TestTransport tb = new TestTransport();
        b.registerTransport(NetStackTest.PROTO, tb);
        PacketBuf big = a.pool().allocate(a.ip().headroom(), 8000);
        big.copyFrom(0, new byte[8000], 0, 8000);
        assertEquals(SendStatus.QUEUED, a.ip().send(a.defaultCompartment(), null, IpAddress.parse(dst),
                NetStackTest.PROTO, big, net.now()));
        net.settle();
        assertEquals(1, tb.received().size());
        assertEquals(8000, tb.received().getFirst().payload().length);
    }
}
