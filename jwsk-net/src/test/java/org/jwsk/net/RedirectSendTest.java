package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.NetStackTest.PROTO;
import static org.jwsk.net.NetStackTest.payload;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.net.testing.Probe;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestPackets;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.jwsk.wire.icmpv6.NdpView;
import org.jwsk.wire.ipv4.Ipv4Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redirects from a router (RFC 1812 §5.2.7.2, RFC 4861 §8.2): host H and router R share an Ethernet link; R's route
 * to 203.0.113.0/24 and 2001:db8:9::/48 is another router G on that same link (192.0.2.50, fe80::50), so whatever H
 * sends there through R goes back out the link it came in on, and H should be told to use G directly.
 */
class RedirectSendTest {

    private static final MacAddress MAC_H = MacAddress.parse("02:00:00:00:03:01");
    private static final MacAddress MAC_R = MacAddress.parse("02:00:00:00:03:02");
    private static final MacAddress MAC_G = MacAddress.parse("02:00:00:00:03:50");
    private static final IpAddress R_LINK_LOCAL = IpAddress.parse("fe80::ff:fe00:302");

    /** A redirect as H's ICMP layer received it. */
    record Seen4(IpAddress from, IpAddress gateway, IpAddress destination) {
    }

    private SimNet net = new SimNet(29);
    private NetStack h;
    private NetStack r;
    private InterfaceId he;
    private InterfaceId rh;
    private final List<Seen4> redirects4 = new ArrayList<>();
    private final List<NdpRepr.Redirect> redirects6 = new ArrayList<>();
    private final List<Integer> redirect6HopLimits = new ArrayList<>();
    private final List<IpAddress> redirect6Sources = new ArrayList<>();

    @BeforeEach
    void build() {
        build(NetConfig.defaults().withPool(BufPoolConfig.small("r", 8)));
    }

    private void build(NetConfig routerConfig) {
        VirtualWire w = net.ethernet("lan");
        h = net.stack("h");
        r = net.stack("r", routerConfig);
        he = net.attach(h, w.endA(), InterfaceConfig.of("he", MAC_H, "192.0.2.1/24", "2001:db8:1::1/64")
                .withIpv6(Ipv6Options.STATIC));
        rh = net.attach(r, w.endB(), InterfaceConfig.of("rh", MAC_R, "192.0.2.254/24", "2001:db8:1::fe/64")
                .withIpv6(Ipv6Options.STATIC).withForwarding(true));
        h.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("192.0.2.254"), he));
        h.addRoute(Route.via(IpPrefix.parse("::/0"), R_LINK_LOCAL, he));
        r.addRoute(Route.via(IpPrefix.parse("203.0.113.0/24"), IpAddress.parse("192.0.2.50"), rh));
        r.addRoute(Route.via(IpPrefix.parse("2001:db8:9::/48"), IpAddress.parse("fe80::50"), rh));
        r.addPermanentNeighbor(rh, IpAddress.parse("192.0.2.50"), MAC_G);
        r.addPermanentNeighbor(rh, IpAddress.parse("fe80::50"), MAC_G);
        h.core().icmp4().setRedirectListener((nic, from, gateway, destination, now) -> redirects4.add(new Seen4(
                new Ipv4Address(from), new Ipv4Address(gateway), new Ipv4Address(destination))));
        h.core().icmp6().setNeighborHandler((nic, packet, upper, ip, message, now) -> {
            if (message.type() == Icmpv6Type.REDIRECT) {
                MemorySegment seg = packet.segment();
                long off = packet.offset() + upper;
                redirects6.add((NdpRepr.Redirect) NdpRepr.parse(new NdpView().wrap(seg, off, packet.length() - upper)));
                redirect6HopLimits.add(ip.hopLimit());
                redirect6Sources.add(ip.src());
            }
            packet.release();
        });
    }

    @AfterEach
    void close() {
        net.close();
    }

    private long forwarded(NetStack s, String family) {
        return s.counters().find(family).orElseThrow().snapshot().get("ipSystemStatsOutForwDatagrams");
    }

    private void send(String dst) {
        assertTrue(h.ip().send(h.defaultCompartment(), null, IpAddress.parse(dst), PROTO, payload(h, dst), net.now())
                .isOk());
    }

    @Test
    void ipv4_hostRedirect_namesTheBetterGateway_andThePacketStillGoes() {
        send("203.0.113.7");
        net.settle();
        assertEquals(List.of(new Seen4(IpAddress.parse("192.0.2.254"), IpAddress.parse("192.0.2.50"),
                IpAddress.parse("203.0.113.7"))), redirects4);
        assertEquals(1L, forwarded(r, "ipv4"), "forwarded to G all the same");
    }

    @Test
    void ipv4_onLinkDestination_theRedirectNamesTheDestinationItself() {
        h.addRoute(Route.via(IpPrefix.parse("192.0.2.77/32"), IpAddress.parse("192.0.2.254"), he));
        r.addPermanentNeighbor(rh, IpAddress.parse("192.0.2.77"), MAC_G);
        send("192.0.2.77");
        net.settle();
        assertEquals(List.of(new Seen4(IpAddress.parse("192.0.2.254"), IpAddress.parse("192.0.2.77"),
                IpAddress.parse("192.0.2.77"))), redirects4);
    }

    @Test
    void ipv4_noRedirect_whenTheSourceIsNotOnTheNextHopsSubnet() {
        h.addAddress(he, InterfaceAddress.parse("198.51.100.1/24"), net.now());
        h.ip().send(h.defaultCompartment(), IpAddress.parse("198.51.100.1"), IpAddress.parse("203.0.113.7"), PROTO,
                payload(h, "x"), net.now());
        net.settle();
        assertEquals(List.of(), redirects4);
        assertEquals(1L, forwarded(r, "ipv4"));
    }

    @Test
    void noRedirects_whenTheInterfaceIsToldNotToSendThem() {
        r.setSendRedirects(rh, false);
        send("203.0.113.7");
        send("2001:db8:9::7");
        net.settle();
        assertEquals(List.of(), redirects4);
        assertEquals(List.of(), redirects6);
        assertEquals(1L, forwarded(r, "ipv6"));
    }

    @Test
    void redirects_areRateLimited_theTrafficIsNot() {
        net.close();
        net = new SimNet(31);
        redirects4.clear();
        build(NetConfig.defaults().withPool(BufPoolConfig.small("r", 8))
                .withIcmp(new NetConfig.IcmpConfig(true, 1, 2, true))); // one a second, two at once
        for (int i = 0; i < 5; i++) {
            send("203.0.113.7");
            send("2001:db8:9::7");
        }
        net.settle();
        assertEquals(2, redirects4.size());
        assertEquals(2, redirects6.size());
        assertEquals(5L, forwarded(r, "ipv4"));
        assertEquals(5L, forwarded(r, "ipv6"));
        assertEquals(3L, r.counters().find("icmp").orElseThrow().snapshot().get("icmpOutRateLimited"));
        assertEquals(3L, r.counters().find("icmp6").orElseThrow().snapshot().get("icmpOutRateLimited"));
    }

    @Test
    void ipv6_redirect_fromTheLinkLocalAddress_hopLimit255_withTheRedirectedHeader() {
        send("2001:db8:9::7");
        net.settle();
        assertEquals(1, redirects6.size());
        NdpRepr.Redirect redirect = redirects6.getFirst();
        assertEquals(IpAddress.parse("fe80::50"), redirect.target());
        assertEquals(IpAddress.parse("2001:db8:9::7"), redirect.destination());
        assertEquals(255, redirect6HopLimits.getFirst(), "RFC 4861 §4.5");
        assertEquals(R_LINK_LOCAL, redirect6Sources.getFirst(), "RFC 4861 §4.5: the link-local address");
        NdpOption.RedirectedHeader quoted = redirect.option(NdpOption.RedirectedHeader.class).orElseThrow();
        byte[] original = quoted.packet().toByteArray();
        assertEquals(6, (original[0] & 0xff) >>> 4);
        assertEquals(IpAddress.parse("2001:db8:9::7"), TestPackets.destination(original));
        assertEquals(1L, forwarded(r, "ipv6"));
    }

    @Test
    void ipv6_onLinkDestination_theTargetIsTheDestination() {
        h.addRoute(Route.via(IpPrefix.parse("2001:db8:1::77/128"), R_LINK_LOCAL, he));
        r.addPermanentNeighbor(rh, IpAddress.parse("2001:db8:1::77"), MAC_G);
        send("2001:db8:1::77");
        net.settle();
        assertEquals(1, redirects6.size());
        assertEquals(IpAddress.parse("2001:db8:1::77"), redirects6.getFirst().target());
        assertEquals(IpAddress.parse("2001:db8:1::77"), redirects6.getFirst().destination());
    }

    @Test
    void ipv6_noRedirect_toAGlobalRouterAddress() {
        r.addRoute(Route.via(IpPrefix.parse("2001:db8:8::/48"), IpAddress.parse("2001:db8:1::50"), rh));
        r.addPermanentNeighbor(rh, IpAddress.parse("2001:db8:1::50"), MAC_G);
        send("2001:db8:8::7");
        net.settle();
        assertEquals(List.of(), redirects6, "hosts accept only link-local router targets (RFC 4861 §8.1)");
        assertEquals(1L, forwarded(r, "ipv6"));
    }

    @Test
    void ipv4_noRedirect_forSourceRoutedDatagrams() {
        VirtualWire w = net.ip("p");
        NetStack g = net.stack("g");
        InterfaceId rp = net.attach(g, w.endA(), InterfaceConfig.of("gp", null, "203.0.113.254/24")
                .withIpv6(Ipv6Options.DISABLED).withForwarding(true));
        g.addRoute(Route.via(IpPrefix.parse("198.51.100.0/24"), IpAddress.parse("203.0.113.50"), rp));
        Probe p = net.probe(w.endB());
        byte[] data = {1, 2, 3, 4};
        p.inject(TestPackets.ipv4("203.0.113.1", "198.51.100.7", PROTO, 64, data));
        p.inject(TestPackets.ipv4("203.0.113.1", "198.51.100.8", PROTO, 64, List.of(
                new Ipv4Option.LooseSourceRoute(4, List.of(Ipv4Address.parse("198.51.100.8")))), data));
        net.settle();
        List<byte[]> icmp = p.received().stream().filter(b -> (b[9] & 0xff) == 1).toList();
        assertEquals(2L, p.received().stream().filter(b -> (b[9] & 0xff) == PROTO).count(), "both forwarded");
        assertEquals(1, icmp.size(), "one redirect, for the datagram without a source route");
        byte[] redirect = icmp.getFirst();
        assertEquals(5, redirect[20] & 0xff, "ICMP redirect");
        assertEquals(1, redirect[21] & 0xff, "for the host (RFC 1812 §5.2.7.2: never the network)");
        byte[] quotedHeader = java.util.Arrays.copyOfRange(redirect, 28, redirect.length);
        assertEquals(IpAddress.parse("198.51.100.7"), TestPackets.destination(quotedHeader));
        assertEquals(1L, g.counters().find("icmp").orElseThrow().snapshot().get("icmpStatsOutMsgs"));
    }
}
