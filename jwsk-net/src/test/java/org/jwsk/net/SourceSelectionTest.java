package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.NetStackTest.PROTO;
import static org.jwsk.net.NetStackTest.payload;

import java.util.List;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Source selection as the send path does it: IPv4 by RFC 1122 §3.3.4.3 with the primary-address rule, IPv6 by RFC
 * 6724 §5, the host model deciding the candidate set; and the packet on the wire carries the address chosen.
 *
 * <p>Host H: e1 on an Ethernet wire to peer P (192.0.2.0/24, 2001:db8:1::/64), e2 on an IP wire with nobody behind it.
 */
class SourceSelectionTest {

    private static final MacAddress MAC_H = MacAddress.parse("02:00:00:00:01:01");
    private static final MacAddress MAC_P = MacAddress.parse("02:00:00:00:01:02");

    private final SimNet net = new SimNet(5);
    private NetStack h;
    private NetStack p;
    private InterfaceId e1;
    private InterfaceId e2;
    private final TestTransport tp = new TestTransport();

    @BeforeEach
    void build() {
        VirtualWire w1 = net.ethernet("w1");
        VirtualWire w2 = net.ip("w2");
        h = net.stack("h");
        p = net.stack("p");
        e1 = net.attach(h, w1.endA(), InterfaceConfig.of("e1", MAC_H, "192.0.2.1/24").withIpv6(Ipv6Options.STATIC));
        e2 = net.attach(h, w2.endA(), InterfaceConfig.of("e2", null, new String[0]).withIpv6(Ipv6Options.STATIC));
        InterfaceId q = net.attach(p, w1.endB(), InterfaceConfig.of("q", MAC_P, "192.0.2.2/24", "198.51.100.2/24",
                "2001:db8:1::2/64").withIpv6(Ipv6Options.STATIC));
        p.addRoute(Route.onLink(IpPrefix.parse("0.0.0.0/0"), q));
        p.addRoute(Route.onLink(IpPrefix.parse("::/0"), q));
        p.registerTransport(PROTO, tp);
    }

    @AfterEach
    void close() {
        net.close();
    }

    private IpAddress source(String dst) {
        return h.ip().pathTo(h.defaultCompartment(), IpAddress.parse(dst)).orElseThrow().source();
    }

    private IpAddress sentFrom(String dst) {
        int before = tp.received().size();
        assertTrue(h.ip().send(h.defaultCompartment(), null, IpAddress.parse(dst), PROTO, payload(h, dst), net.now())
                .isOk());
        net.settle();
        assertEquals(before + 1, tp.received().size(), "P heard the packet to " + dst);
        return tp.received().getLast().src();
    }

    @Test
    void ipv4_theNextHopsSubnet_itsPrimaryAddress_neverASecondary() {
        h.addAddress(e1, InterfaceAddress.parse("192.0.2.9/24"), net.now());      // secondary of 192.0.2.1
        h.addAddress(e1, InterfaceAddress.parse("198.51.100.1/24"), net.now());
        h.addRoute(Route.via(IpPrefix.parse("203.0.113.0/24"), IpAddress.parse("198.51.100.2"), e1));
        assertEquals(IpAddress.parse("192.0.2.1"), sentFrom("192.0.2.2"));
        assertEquals(IpAddress.parse("198.51.100.1"), sentFrom("198.51.100.2"));
        assertEquals(IpAddress.parse("198.51.100.1"), source("203.0.113.7"), "the gateway's subnet decides");
        List<NetSnapshot.Address> shown = h.snapshot(net.now()).compartment(h.defaultCompartment()).interfaces()
                .stream().filter(i -> i.id().equals(e1)).findFirst().orElseThrow().addresses();
        assertEquals(List.of(false, true, false), shown.stream().filter(a -> a.address().address().version() == 4)
                .map(NetSnapshot.Address::secondary).toList());
    }

    @Test
    void ipv4_noAddressOnTheNextHopsSubnet_theInterfacesPrimary() {
        h.addAddress(e1, InterfaceAddress.parse("198.51.100.1/24"), net.now());
        h.addRoute(Route.onLink(IpPrefix.parse("203.0.113.0/24"), e1)); // on-link, no address of ours on it
        assertEquals(IpAddress.parse("192.0.2.1"), source("203.0.113.7"));
    }

    @Test
    void ipv4_whenThePrimaryGoes_theSecondaryIsPromoted() {
        h.addAddress(e1, InterfaceAddress.parse("192.0.2.9/24"), net.now());
        h.removeAddress(e1, IpAddress.parse("192.0.2.1"), net.now());
        assertEquals(IpAddress.parse("192.0.2.9"), sentFrom("192.0.2.2"));
    }

    @Test
    void ipv4_unnumberedInterface_strongHostHasNoSource_weakSendBorrowsAnother() {
        h.addRoute(Route.onLink(IpPrefix.parse("203.0.113.0/24"), e2));
        assertEquals(SendStatus.BAD_SOURCE, h.ip().send(h.defaultCompartment(), null, IpAddress.parse("203.0.113.7"),
                PROTO, payload(h, "x"), net.now()));
        h.setHostModel(e1, new HostModel(true, false));
        assertEquals(IpAddress.parse("192.0.2.1"), source("203.0.113.7"), "e1 lends its address (weak send)");
    }

    @Test
    void ipv6_globalDestination_globalSource_notTheLinkLocal() {
        h.addAddress(e1, InterfaceAddress.parse("2001:db8:1::1/64"), net.now());
        assertEquals(IpAddress.parse("2001:db8:1::1"), sentFrom("2001:db8:1::2"));
        assertEquals(IpAddress.parse("fe80::ff:fe00:101"), h.ip().pathTo(h.defaultCompartment(), null,
                IpAddress.parse("fe80::ff:fe00:102"), e1).orElseThrow().source(), "link-local to link-local");
    }

    @Test
    void ipv6_deprecatedAvoided_tentativeNeverChosen() {
        h.addAddress(e1, InterfaceAddress.parse("2001:db8:1::1/64"), net.now());
        h.addAddress(e1, InterfaceAddress.parse("2001:db8:1::5/64"), net.now());
        addr6(e1, "2001:db8:1::1").setState(Addr6.State.DEPRECATED);
        assertEquals(IpAddress.parse("2001:db8:1::5"), sentFrom("2001:db8:1::2"));
        addr6(e1, "2001:db8:1::5").setState(Addr6.State.TENTATIVE);
        assertEquals(IpAddress.parse("2001:db8:1::1"), source("2001:db8:1::2"), "deprecated beats nothing usable");
    }

    @Test
    void ipv6_weakSend_addsOtherInterfacesAddresses_theOutgoingOnePreferred() {
        h.addAddress(e2, InterfaceAddress.parse("2001:db8:2::1/64"), net.now());
        h.addRoute(Route.onLink(IpPrefix.parse("2001:db8:9::/48"), e1));
        assertEquals(IpAddress.parse("fe80::ff:fe00:101"), source("2001:db8:9::1"),
                "strong: e1 has only its link-local address");
        h.setHostModel(e2, new HostModel(true, false));
        assertEquals(IpAddress.parse("2001:db8:2::1"), source("2001:db8:9::1"), "rule 2 takes e2's global address");
        h.addAddress(e1, InterfaceAddress.parse("2001:db8:7::1/64"), net.now());
        assertEquals(IpAddress.parse("2001:db8:7::1"), source("2001:db8:9::1"), "rule 5: the outgoing interface's");
    }

    @Test
    void ipv6_weakSend_neverLendsALinkLocalAddressToAnotherLink() {
        InterfaceId e3 = net.attach(h, net.ip("w3").endA(), InterfaceConfig.of("e3", null, new String[0])
                .withIpv6(Ipv6Options.STATIC)); // an IP link: no link-local address of its own
        h.setHostModel(e1, HostModel.WEAK);
        assertTrue(h.ip().pathTo(h.defaultCompartment(), null, IpAddress.parse("fe80::9"), e3).isEmpty(),
                "e1's fe80 address means nothing on e3's link (RFC 4007 §6)");
        h.addAddress(e1, InterfaceAddress.parse("2001:db8:1::1/64"), net.now());
        assertEquals(IpAddress.parse("2001:db8:1::1"), h.ip().pathTo(h.defaultCompartment(), null,
                IpAddress.parse("fe80::9"), e3).orElseThrow().source(), "a global address of a weak-send interface");
    }

    @Test
    void boundSource_strongHost_routesOnlyOutOfItsInterface() {
        h.addAddress(e2, InterfaceAddress.parse("203.0.113.1/24"), net.now());
        PathInfo viaE1 = h.ip().pathTo(h.defaultCompartment(), IpAddress.parse("192.0.2.1"),
                IpAddress.parse("192.0.2.2"), null).orElseThrow();
        assertEquals(e1, viaE1.out());
        assertTrue(h.ip().pathTo(h.defaultCompartment(), IpAddress.parse("203.0.113.1"), IpAddress.parse("192.0.2.2"),
                null).isEmpty(), "strong send: no route to 192.0.2.2 out of e2");
        h.setHostModel(e2, new HostModel(true, false));
        PathInfo weak = h.ip().pathTo(h.defaultCompartment(), IpAddress.parse("203.0.113.1"),
                IpAddress.parse("192.0.2.2"), null).orElseThrow();
        assertEquals(e1, weak.out());
        assertEquals(IpAddress.parse("203.0.113.1"), weak.source());
        assertFalse(h.ip().pathTo(h.defaultCompartment(), IpAddress.parse("198.51.100.77"),
                IpAddress.parse("192.0.2.2"), null).isPresent(), "not an address of this compartment");
    }

    private Addr6 addr6(InterfaceId id, String a) {
        Ipv6Address x = Ipv6Address.parse(a);
        return h.core().nic(id).find6(x.hi(), x.lo());
    }
}
