package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.NeighborFixture.MAC_A;
import static org.jwsk.net.NeighborFixture.counter;
import static org.jwsk.net.NeighborFixture.entry;

import java.time.Duration;
import java.util.List;
import org.jwsk.link.tap.testing.TestFrames;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.NeighborInfo.State;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.icmpv4.Icmpv4Layout;
import org.jwsk.wire.icmpv4.Icmpv4Repr;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.junit.jupiter.api.Test;

/**
 * Redirects, received by a host whose default router (R1, played by the test) points it at a better first hop (R2):
 * ICMP redirects (RFC 1122 §3.2.2.2) and Neighbor Discovery redirects (RFC 4861 §8).
 */
class RedirectTest {

    private static final MacAddress MAC_R1 = MacAddress.parse("02:00:00:00:01:01");
    private static final MacAddress MAC_R2 = MacAddress.parse("02:00:00:00:01:02");
    private static final Ipv4Address A4 = Ipv4Address.parse("192.0.2.1");
    private static final Ipv4Address R1 = Ipv4Address.parse("192.0.2.254");
    private static final Ipv4Address R2 = Ipv4Address.parse("192.0.2.253");
    private static final Ipv4Address D4 = Ipv4Address.parse("203.0.113.5");
    private static final Ipv6Address A6 = Ipv6Address.parse("2001:db8::1");
    private static final Ipv6Address R1_6 = Ipv6Address.parse("fe80::1");
    private static final Ipv6Address R2_6 = Ipv6Address.parse("fe80::2");
    private static final Ipv6Address D6 = Ipv6Address.parse("2001:db8:9::5");

    /** A with default routes via R1; the tap plays R1 in both families and, if asked, R2. */
    private static NeighborFixture fixture(long seed, NetConfig config, boolean r2Answers) {
        NeighborFixture f = new NeighborFixture(seed, config, WireConfig.ethernet("e"));
        f.tap.host(R1, MAC_R1).host(R1_6, MAC_R1);
        if (r2Answers) {
            f.tap.host(R2, MAC_R2).host(R2_6, MAC_R2);
        }
        f.a.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), R1, f.ia));
        f.a.addRoute(Route.via(IpPrefix.parse("::/0"), R1_6, f.ia));
        f.quiet();
        return f;
    }

    private static NeighborFixture fixture(long seed) {
        return fixture(seed, NeighborFixture.config(NetConfig.NeighborConfig.DEFAULTS), true);
    }

    private static void redirect4(NeighborFixture f, Ipv4Address from, Ipv4Address gateway) {
        byte[] quoted = TestFrames.ipv4Udp(A4, D4, 1000, 2000, new byte[8]); // the packet that drew it
        Icmpv4Repr redirect = new Icmpv4Repr.Redirect(Icmpv4Layout.REDIRECT_HOST, gateway,
                Octets.of(java.util.Arrays.copyOf(quoted, 28)));
        f.tap.inject(TestFrames.ethernet(MAC_A, MAC_R1, EtherType.IPV4, TestFrames.ipv4Icmp(from, A4, redirect)));
    }

    private static void redirect6(NeighborFixture f, Ipv6Address from, int hopLimit, Ipv6Address target,
                                  NdpOption... options) {
        NdpRepr.Redirect redirect = new NdpRepr.Redirect(target, D6, List.of(options));
        f.tap.inject(TestFrames.ethernet(MAC_A, MAC_R1, EtherType.IPV6,
                TestFrames.ipv6Icmp(from, A6, hopLimit, redirect)));
    }

    private static Route redirectRoute(NetStack s, int version) {
        return s.routes(s.defaultCompartment(), version).stream()
                .filter(r -> r.origin() == Route.Origin.REDIRECT).findFirst().orElse(null);
    }

    @Test
    void icmpRedirect_fromTheFirstHop_pointsTheDestinationAtTheNewGateway() {
        try (NeighborFixture f = fixture(41)) {
            f.send(f.a, D4.toString(), "before");
            f.net.settle();
            assertEquals(MAC_R1, f.tap.ipv4s().getLast().eth().dst());

            redirect4(f, R1, R2);
            f.net.settle();
            assertEquals(new Route(IpPrefix.of(D4, 32), R2, f.ia, 0, Route.Origin.REDIRECT), redirectRoute(f.a, 4));
            f.send(f.a, D4.toString(), "after");
            f.net.settle();
            assertEquals(MAC_R2, f.tap.ipv4s().getLast().eth().dst());
            assertEquals(1L, counter(f.a, "arp", "redirectsAccepted"));

            f.net.run(Duration.ofSeconds(301));
            assertEquals(null, redirectRoute(f.a, 4), "redirect routes expire");
        }
    }

    @Test
    void redirectRoutes_goWithTheInterfaceTakenDown_andDoNotComeBackWhenItIsUp() {
        try (NeighborFixture f = fixture(47)) {
            redirect4(f, R1, R2);
            f.net.settle();
            assertEquals(R2, redirectRoute(f.a, 4).gateway());
            f.a.setInterfaceUp(f.ia, false, f.net.now());
            assertEquals(null, redirectRoute(f.a, 4), "flushed with the neighbours, as Linux flushes exceptions");
            f.a.setInterfaceUp(f.ia, true, f.net.now());
            f.net.run(Duration.ofSeconds(301));
            assertEquals(null, redirectRoute(f.a, 4), "nothing left behind in the table");
        }
    }

    @Test
    void icmpRedirect_thatTheRulesRefuse_isIgnored() {
        try (NeighborFixture f = fixture(42)) {
            redirect4(f, Ipv4Address.parse("192.0.2.200"), R2); // not the current first hop
            redirect4(f, R1, Ipv4Address.parse("198.51.100.9")); // a gateway off our subnet
            redirect4(f, R1, A4); // ourselves
            redirect4(f, R1, R1); // the sender itself
            f.net.settle();
            assertEquals(null, redirectRoute(f.a, 4));
            assertEquals(4L, counter(f.a, "arp", "redirectsIgnored"));

            f.a.setForwarding(f.ia, true, false); // RFC 1812: routers do not act on redirects
            redirect4(f, R1, R2);
            f.net.settle();
            assertEquals(null, redirectRoute(f.a, 4));
        }
    }

    @Test
    void redirects_areIgnored_whenAcceptRedirectsIsOff() {
        NetConfig config = NeighborFixture.config(NetConfig.NeighborConfig.DEFAULTS)
                .withIcmp(new NetConfig.IcmpConfig(true, 1000, 50, false));
        try (NeighborFixture f = fixture(43, config, true)) {
            redirect4(f, R1, R2);
            redirect6(f, R1_6, 255, R2_6, NdpOption.TargetLinkLayerAddress.of(MAC_R2));
            f.net.settle();
            assertEquals(null, redirectRoute(f.a, 4));
            assertEquals(null, redirectRoute(f.a, 6));
            assertEquals(1L, counter(f.a, "ndp", "redirectsIgnored"));
        }
    }

    @Test
    void ndpRedirect_toABetterRouter_updatesTheCacheAndTheRoute() {
        try (NeighborFixture f = fixture(44)) {
            redirect6(f, R1_6, 255, R2_6, NdpOption.TargetLinkLayerAddress.of(MAC_R2));
            f.net.settle();
            assertEquals(new Route(IpPrefix.of(D6, 128), R2_6, f.ia, 0, Route.Origin.REDIRECT), redirectRoute(f.a, 6));
            NeighborInfo r2 = entry(f.a, f.ia, R2_6.toString());
            assertEquals(MAC_R2, r2.mac(), "RFC 4861 §8.3: from the Target Link-layer Address option");
            assertEquals(State.STALE, r2.state());
            assertTrue(r2.router(), "a target other than the destination is a router");

            f.tap.clear();
            assertEquals(SendStatus.SENT, f.send(f.a, D6.toString(), "via r2"), "no resolution needed");
            assertEquals(MAC_R2, ethDst(f.tap.sent().getLast().bytes()));
            assertEquals(1L, counter(f.a, "ndp", "redirectsAccepted"));
        }
    }

    private static MacAddress ethDst(byte[] frame) {
        return MacAddress.read(java.lang.foreign.MemorySegment.ofArray(frame), 0);
    }

    @Test
    void ndpRedirect_toTheDestinationItself_makesItOnLink() {
        try (NeighborFixture f = fixture(45)) {
            f.tap.host(D6, MacAddress.parse("02:00:00:00:09:05"));
            redirect6(f, R1_6, 255, D6);
            f.net.settle();
            Route r = redirectRoute(f.a, 6);
            assertEquals(new Route(IpPrefix.of(D6, 128), null, f.ia, 0, Route.Origin.REDIRECT), r);
            f.tap.clear();
            f.send(f.a, D6.toString(), "direct");
            f.net.settle();
            assertEquals(MacAddress.parse("02:00:00:00:09:05"), ethDst(f.tap.sent().getLast().bytes()),
                    "resolved on the link like any neighbour");
            assertFalse(entry(f.a, f.ia, D6.toString()).router());
        }
    }

    @Test
    void invalidNdpRedirects_areDroppedAndCounted() {
        try (NeighborFixture f = fixture(46)) {
            redirect6(f, R1_6, 64, R2_6); // hop limit
            redirect6(f, Ipv6Address.parse("fe80::9"), 255, R2_6); // not the current first hop
            redirect6(f, Ipv6Address.parse("2001:db8::fe"), 255, R2_6); // not from a link-local address
            redirect6(f, R1_6, 255, Ipv6Address.parse("2001:db8::3")); // a target neither link-local nor the dest
            f.net.settle();
            assertEquals(null, redirectRoute(f.a, 6));
            assertEquals(4L, counter(f.a, "netdrops", "ipNdpInvalid"));
        }
    }

    @Test
    void redirectRoute_goesWhenTheNewRouterIsUnreachable() {
        try (NeighborFixture f = fixture(47, NeighborFixture.config(NetConfig.NeighborConfig.DEFAULTS), false)) {
            redirect6(f, R1_6, 255, R2_6, NdpOption.TargetLinkLayerAddress.of(MAC_R2));
            f.net.settle();
            assertEquals(R2_6, redirectRoute(f.a, 6).gateway());
            f.send(f.a, D6.toString(), "into the void"); // STALE -> DELAY -> PROBE, and R2 never answers
            f.net.run(Duration.ofSeconds(9));
            assertEquals(State.FAILED, entry(f.a, f.ia, R2_6.toString()).state());
            assertEquals(null, redirectRoute(f.a, 6), "RFC 4861 §7.3.3: next-hop determination starts over");
            f.tap.clear();
            f.send(f.a, D6.toString(), "back to r1");
            f.net.settle();
            assertEquals(IpAddress.parse("fe80::1"), f.a.routes(f.a.defaultCompartment(), 6).stream()
                    .filter(r -> r.destination().length() == 0).findFirst().orElseThrow().gateway());
            assertEquals(MAC_R1, ethDst(f.tap.sent().getLast().bytes()));
        }
    }
}
