package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.testing.SimNet;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 6724 §6 destination address selection as a socket layer gets it ({@link IpSender#sortDestinations}), with the
 * stack's own routes and sources: host H on one Ethernet link with 192.0.2.1/24 and 2001:db8:1::1/64.
 */
class DestinationSelectionTest {

    private final SimNet net = new SimNet(17);
    private NetStack h;
    private InterfaceId e1;

    @BeforeEach
    void build() {
        VirtualWire w = net.ethernet("w");
        h = net.stack("h");
        e1 = net.attach(h, w.endA(), InterfaceConfig.of("e1", MacAddress.parse("02:00:00:00:02:01"), "192.0.2.1/24",
                "2001:db8:1::1/64").withIpv6(Ipv6Options.STATIC));
        h.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("192.0.2.254"), e1));
    }

    @AfterEach
    void close() {
        net.close();
    }

    private List<String> sort(InterfaceId scope, String... dsts) {
        List<IpAddress> in = Arrays.stream(dsts).map(IpAddress::parse).toList();
        return h.ip().sortDestinations(h.defaultCompartment(), in, scope).stream().map(Object::toString).toList();
    }

    @Test
    void ipv6BeforeIpv4_whenBothWork() {
        assertEquals(List.of("2001:db8:1::9", "192.0.2.9"), sort(null, "192.0.2.9", "2001:db8:1::9"));
    }

    @Test
    void unreachableIpv6_goesLast() {
        assertEquals(List.of("203.0.113.9", "2001:db8:5::9"), sort(null, "2001:db8:5::9", "203.0.113.9"));
        h.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse("fe80::1"), e1));
        assertEquals(List.of("2001:db8:5::9", "203.0.113.9"), sort(null, "2001:db8:5::9", "203.0.113.9"));
    }

    @Test
    void uniqueLocalBelowIpv4_asTheDefaultTableSays() {
        h.addAddress(e1, InterfaceAddress.parse("fd00:1::1/64"), net.now());
        assertEquals(List.of("192.0.2.9", "fd00:1::9"), sort(null, "fd00:1::9", "192.0.2.9"));
    }

    @Test
    void linkLocal_needsItsScope_andThenComesFirst() {
        assertEquals(List.of("2001:db8:1::9", "fe80::9"), sort(null, "fe80::9", "2001:db8:1::9"),
                "without a scope a link-local destination is unusable");
        assertEquals(List.of("fe80::9", "2001:db8:1::9"), sort(e1, "2001:db8:1::9", "fe80::9"),
                "rule 8: the smaller scope");
    }

    @Test
    void deprecatedSource_pushesItsDestinationBack() {
        h.addAddress(e1, InterfaceAddress.parse("2001:db8:2::1/64"), net.now());
        Ipv6Address a = Ipv6Address.parse("2001:db8:1::1");
        h.core().nic(e1).find6(a.hi(), a.lo()).setState(Addr6.State.DEPRECATED);
        assertEquals(List.of("2001:db8:2::9", "2001:db8:1::9"), sort(null, "2001:db8:1::9", "2001:db8:2::9"));
    }

    @Test
    void longestMatchingPrefix_amongIpv6Destinations() {
        h.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse("fe80::1"), e1));
        assertEquals(List.of("2001:db8:1::9", "2001:db8:77::9"), sort(null, "2001:db8:77::9", "2001:db8:1::9"));
    }

    @Test
    void loopbackFirst_andTheInputIsLeftAlone() {
        List<IpAddress> in = List.of(IpAddress.parse("127.0.0.1"), IpAddress.parse("::1"));
        List<IpAddress> out = h.ip().sortDestinations(h.defaultCompartment(), in, null);
        assertEquals(List.of(IpAddress.parse("::1"), IpAddress.parse("127.0.0.1")), out);
        assertEquals(IpAddress.parse("127.0.0.1"), in.getFirst());
    }
}
