package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.SimNetExtension;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two hosts that configure IPv6 by themselves, a router between them, both families, everything learnt on the wire
 * (no permanent neighbours), seeded:
 *
 * <pre>
 *   H1 ─ 2001:db8:1::/64 advertised, 192.0.2.0/24 ─ R ─ 2001:db8:2::/64 advertised, 198.51.100.0/24 ─ H2
 * </pre>
 *
 * R forwards and advertises a prefix on each link with its own Cur Hop Limit. H1 and H2 ({@link Ipv6Options#HOST})
 * pass DAD on their link-local addresses, solicit, form SLAAC addresses from R's advertisements and pass DAD on them,
 * take R as their default router, resolve it (the advertisement's Source Link-layer Address, then NUD), and exchange
 * datagrams across R both ways; over IPv4 (static addresses, as there is no DHCP here) they resolve R with ARP. On
 * perfect wires everything arrives exactly once; with 5 % loss on every wire whatever arrives is what was sent, from
 * the right source with the right hop limit, and most of it arrives. A failing seed keeps its pcapng capture.
 */
class AutoconfRouterSimTest {

    static final int PROTO = NetStackTest.PROTO;
    static final int ROUNDS = 50;
    static final MacAddress MAC_H1 = mac(0x0a);
    static final MacAddress MAC_H2 = mac(0x0c);
    static final MacAddress MAC_R1 = mac(0x11);
    static final MacAddress MAC_R2 = mac(0x12);
    /** RFC 4291 appendix A: modified EUI-64 identifiers of the MACs above. */
    static final Ipv6Address H1_SLAAC = Ipv6Address.parse("2001:db8:1::ff:fe00:a");
    static final Ipv6Address H2_SLAAC = Ipv6Address.parse("2001:db8:2::ff:fe00:c");
    static final Ipv6Address R1_LL = Ipv6Address.parse("fe80::ff:fe00:11");
    static final Ipv6Address R2_LL = Ipv6Address.parse("fe80::ff:fe00:12");
    static final IpPrefix DEFAULT6 = IpPrefix.parse("::/0");
    /** The Cur Hop Limit R advertises on each link (RFC 4861 §6.3.4), different from the stacks' default 64. */
    static final int HOP_LIMIT_1 = 60;
    static final int HOP_LIMIT_2 = 70;

    @RegisterExtension
    final SimNetExtension sims = new SimNetExtension();

    private SimNet net;
    private NetStack h1;
    private NetStack h2;
    private NetStack r;
    private InterfaceId i1;
    private InterfaceId i2;
    private InterfaceId r1;
    private InterfaceId r2;
    private final TestTransport t1 = new TestTransport();
    private final TestTransport t2 = new TestTransport();

    private static MacAddress mac(int last) {
        return MacAddress.parse(String.format("02:00:00:00:00:%02x", last));
    }

    private void build(long seed, FaultConfig faults) {
        net = sims.create(seed, SimNet.Options.DEFAULTS.withFaults(faults).withNeighbors(SimNet.Neighbors.DYNAMIC));
        VirtualWire w1 = net.ethernet("h1r");
        VirtualWire w2 = net.ethernet("rh2");
        h1 = net.stack("h1");
        r = net.stack("r");
        h2 = net.stack("h2");
        Ipv6Options routerSide = new Ipv6Options(true, true, 1, false, 0); // R checks its own addresses too
        i1 = net.attach(h1, w1.endA(), InterfaceConfig.of("e0", MAC_H1, "192.0.2.1/24").withIpv6(Ipv6Options.HOST));
        r1 = net.attach(r, w1.endB(), InterfaceConfig.of("r1", MAC_R1, "192.0.2.254/24", "2001:db8:1::fe/64")
                .withIpv6(routerSide).withForwarding(true));
        r2 = net.attach(r, w2.endA(), InterfaceConfig.of("r2", MAC_R2, "198.51.100.254/24", "2001:db8:2::fe/64")
                .withIpv6(routerSide).withForwarding(true));
        i2 = net.attach(h2, w2.endB(), InterfaceConfig.of("e0", MAC_H2, "198.51.100.1/24")
                .withIpv6(Ipv6Options.HOST));
        r.setRouterAdvertisements(r1, advertising("2001:db8:1::/64", HOP_LIMIT_1), net.now());
        r.setRouterAdvertisements(r2, advertising("2001:db8:2::/64", HOP_LIMIT_2), net.now());
        h1.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("192.0.2.254"), i1));
        h2.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("198.51.100.254"), i2));
        h1.registerTransport(PROTO, t1);
        h2.registerTransport(PROTO, t2);
    }

    private static RouterAdvertisementConfig advertising(String prefix, int curHopLimit) {
        return RouterAdvertisementConfig.of(IpPrefix.parse(prefix)).withIntervals(Duration.ofSeconds(3),
                Duration.ofSeconds(4)).withCurHopLimit(curHopLimit);
    }

    /** Runs until both hosts have a preferred SLAAC address and R as their default router (a minute at most). */
    private void autoconfigure() {
        for (int s = 0; s < 60 && !(configured(h1, i1, H1_SLAAC, R1_LL) && configured(h2, i2, H2_SLAAC, R2_LL)); s++) {
            net.run(Duration.ofSeconds(1));
        }
        assertTrue(configured(h1, i1, H1_SLAAC, R1_LL), "H1 configured itself within a minute");
        assertTrue(configured(h2, i2, H2_SLAAC, R2_LL), "H2 configured itself within a minute");
    }

    private static boolean configured(NetStack h, InterfaceId id, Ipv6Address slaac, Ipv6Address router) {
        boolean address = h.ipv6Addresses(id).stream().anyMatch(a -> a.address().address().equals(slaac)
                && a.state() == Ipv6AddressInfo.State.PREFERRED && a.origin() == Ipv6AddressInfo.Origin.SLAAC);
        boolean linkLocal = h.ipv6Addresses(id).stream().anyMatch(a -> a.origin() == Ipv6AddressInfo.Origin.LINK_LOCAL
                && a.state() == Ipv6AddressInfo.State.PREFERRED);
        return address && linkLocal && h.routes(h.defaultCompartment(), 6).contains(
                new Route(DEFAULT6, router, id, 1024, Route.Origin.ROUTER_ADVERTISEMENT));
    }

    /** H1 and H2 each send {@link #ROUNDS} datagrams of each family to the other, one round per millisecond. */
    private void exchange() {
        for (int i = 0; i < ROUNDS; i++) {
            TestTransport.send(h1, h1.defaultCompartment(), null, H2_SLAAC.toString(), PROTO, "h1v6-" + i, net.now());
            TestTransport.send(h1, h1.defaultCompartment(), null, "198.51.100.1", PROTO, "h1v4-" + i, net.now());
            TestTransport.send(h2, h2.defaultCompartment(), null, H1_SLAAC.toString(), PROTO, "h2v6-" + i, net.now());
            TestTransport.send(h2, h2.defaultCompartment(), null, "192.0.2.1", PROTO, "h2v4-" + i, net.now());
            net.run(Duration.ofMillis(1));
        }
        net.run(Duration.ofSeconds(7)); // past DELAY_FIRST_PROBE_TIME: the routers' entries get probed and confirmed
    }

    @ParameterizedTest
    @ValueSource(longs = {11})
    void overPerfectWires_hostsConfigureThemselves_andEveryDatagramCrossesTheRouterOnce(long seed) {
        build(seed, FaultConfig.NONE);
        autoconfigure();
        exchange();
        checkArrivals(t2, "h1", H1_SLAAC, "192.0.2.1", HOP_LIMIT_1 - 1);
        checkArrivals(t1, "h2", H2_SLAAC, "198.51.100.1", HOP_LIMIT_2 - 1);
        assertEquals(2 * ROUNDS, t1.received().size());
        assertEquals(2 * ROUNDS, t2.received().size());
        assertEquals(2 * ROUNDS, distinct(t1), "no copies");
        assertEquals(2 * ROUNDS, distinct(t2));

        // Each host found R by itself: the advertisement's link-layer address, confirmed by a unicast NUD probe.
        assertRouterResolved(h1, i1, R1_LL, MAC_R1, "192.0.2.254");
        assertRouterResolved(h2, i2, R2_LL, MAC_R2, "198.51.100.254");
        assertTrue(counter(h1, "ndp", "outProbes") >= 1 && counter(h2, "ndp", "outProbes") >= 1);
        assertEquals(NeighborInfo.State.REACHABLE, entry(h1, i1, R1_LL).state());
        assertEquals(NeighborInfo.State.REACHABLE, entry(h2, i2, R2_LL).state());
        // ... and R found the hosts' new addresses by address resolution, their IPv4 ones from their ARP requests
        assertEquals(MAC_H1, entry(r, r1, H1_SLAAC).mac());
        assertEquals(MAC_H2, entry(r, r2, H2_SLAAC).mac());
        assertTrue(counter(r, "ndp", "resolved") >= 2);
        assertEquals(MAC_H1, entry(r, r1, IpAddress.parse("192.0.2.1")).mac());
        assertEquals(MAC_H2, entry(r, r2, IpAddress.parse("198.51.100.1")).mac());
        assertNoPermanentNeighbors();
        net.assertAllBuffersReturned();
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24})
    void withFivePercentLoss_hostsStillConfigureThemselves_andWhatArrivesIsWhatWasSent(long seed) {
        build(seed, FaultConfig.NONE.withLoss(0.05));
        autoconfigure();
        exchange();
        checkArrivals(t2, "h1", H1_SLAAC, "192.0.2.1", HOP_LIMIT_1 - 1);
        checkArrivals(t1, "h2", H2_SLAAC, "198.51.100.1", HOP_LIMIT_2 - 1);
        assertEquals(t1.received().size(), distinct(t1), "loss only: nothing arrives twice");
        assertEquals(t2.received().size(), distinct(t2));
        int arrived = distinct(t1) + distinct(t2);
        assertTrue(arrived > 4 * ROUNDS * 0.75, "most of them made it across two lossy wires: " + arrived);
        assertRouterResolved(h1, i1, R1_LL, MAC_R1, "192.0.2.254");
        assertRouterResolved(h2, i2, R2_LL, MAC_R2, "198.51.100.254");
        assertNoPermanentNeighbors();
        net.assertAllBuffersReturned();
    }

    /** Every arrival was sent by {@code from}, from its address of the family, with the hop limit of its link. */
    private void checkArrivals(TestTransport t, String from, Ipv6Address src6, String src4, int hopLimit6) {
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < ROUNDS; i++) {
            sent.add(from + "v6-" + i);
            sent.add(from + "v4-" + i);
        }
        for (TestTransport.Received x : t.received()) {
            assertTrue(sent.contains(x.text()), "never sent: " + x.text());
            boolean v6 = x.version() == 6;
            assertEquals(v6, x.text().contains("v6-"), "the family it was sent in");
            assertEquals(v6 ? src6 : IpAddress.parse(src4), x.src(), "from the address the host formed or has");
            assertEquals(v6 ? hopLimit6 : 63, x.hopLimit(),
                    "IPv6: the sender link's advertised Cur Hop Limit, IPv4: TTL 64; one router on the way");
        }
    }

    /** The host's default router is R, by NDP (IsRouter set) and by ARP, with R's MAC on that link. */
    private static void assertRouterResolved(NetStack h, InterfaceId id, Ipv6Address routerLl, MacAddress mac,
                                             String router4) {
        NeighborInfo nd = entry(h, id, routerLl);
        assertNotNull(nd, "an NDP entry for the default router");
        assertEquals(mac, nd.mac());
        assertTrue(nd.router(), "IsRouter, from its advertisements");
        NeighborInfo arp = entry(h, id, IpAddress.parse(router4));
        assertNotNull(arp, "an ARP entry for the IPv4 gateway");
        assertEquals(mac, arp.mac());
    }

    private void assertNoPermanentNeighbors() {
        for (NetStack s : List.of(h1, r, h2)) {
            for (InterfaceInfo i : s.interfaces()) {
                assertTrue(s.neighbors(i.id()).stream().noneMatch(n -> n.state() == NeighborInfo.State.PERMANENT),
                        "everything dynamic: " + s.neighbors(i.id()));
            }
        }
    }

    private static NeighborInfo entry(NetStack s, InterfaceId id, IpAddress a) {
        return s.neighbors(id).stream().filter(n -> n.address().equals(a)).findFirst().orElse(null);
    }

    private static int distinct(TestTransport t) {
        return new HashSet<>(t.texts()).size();
    }

    private long counter(NetStack s, String group, String name) {
        return s.snapshot(net.now()).counter(group, name);
    }
}
