package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two routing compartments in one stack S, each a router between two networks, with the same addresses and prefixes
 * in both: the networks N1 (hosts A1, B1) and N2 (A2, B2) are wired only to their own compartment. Forwarding is on
 * everywhere, wires are impaired (delay, jitter, reordering, duplication), and yet nothing of N1 ever reaches N2 or
 * the other way round; each compartment has its own loopback; an address that exists only in C2 is unknown in C1.
 *
 * <pre>
 *   A1 ─ 192.0.2.0/24 ─ [S/C1] ─ 198.51.100.0/24 ─ B1
 *   A2 ─ 192.0.2.0/24 ─ [S/C2] ─ 198.51.100.0/24 ─ B2      (C2 also owns 203.0.113.1 and 2001:db8:3::1)
 * </pre>
 */
class CompartmentSimTest {

    /** Neighbour resolution of the simulation: the stacks resolve by themselves (ARP, NDP). */
    static final SimNet.Neighbors RESOLUTION = SimNet.Neighbors.DYNAMIC;
    static final int PROTO = NetStackTest.PROTO;
    static final FaultConfig FAULTS = FaultConfig.NONE.withDelay(Duration.ofMillis(2), Duration.ofMillis(1))
            .withReordering(0.1).withDuplication(0.05);

    @RegisterExtension
    final SimNetExtension sims = new SimNetExtension();

    private SimNet net;
    private NetStack s;
    private CompartmentId c1;
    private CompartmentId c2;
    private final TestTransport[] hosts = new TestTransport[4]; // A1, B1, A2, B2
    private final NetStack[] hostStacks = new NetStack[4];
    private final TestTransport ts = new TestTransport();

    private void build(long seed) {
        net = sims.create(seed, SimNet.Options.DEFAULTS.withFaults(FAULTS).withNeighbors(RESOLUTION));
        s = net.stack("s");
        c1 = s.defaultCompartment();
        c2 = s.addCompartment(net.now());
        s.registerTransport(PROTO, ts);
        network(0, c1);
        network(2, c2);
        s.addAddress(s.interfaceNamed("b2"), InterfaceAddress.parse("203.0.113.1/24"), net.now());
        s.addAddress(s.interfaceNamed("b2"), InterfaceAddress.parse("2001:db8:3::1/64"), net.now());
    }

    /** Hosts {@code first} (A) and {@code first + 1} (B) wired to compartment {@code c}; the same MACs in both. */
    private void network(int first, CompartmentId c) {
        int n = first / 2 + 1;
        VirtualWire wa = net.ethernet("a" + n);
        VirtualWire wb = net.ethernet("b" + n);
        net.attach(s, wa.endA(), InterfaceConfig.of("a" + n, MacAddress.parse("02:00:00:00:0" + n + ":a1"),
                "192.0.2.1/24", "2001:db8:1::1/64").withIpv6(Ipv6Options.STATIC).withForwarding(true).inCompartment(c));
        net.attach(s, wb.endA(), InterfaceConfig.of("b" + n, MacAddress.parse("02:00:00:00:0" + n + ":b1"),
                "198.51.100.1/24", "2001:db8:2::1/64").withIpv6(Ipv6Options.STATIC).withForwarding(true)
                .inCompartment(c));
        host(first, wa, "A" + n, MacAddress.parse("02:00:00:00:00:aa"), "192.0.2.2/24", "2001:db8:1::2/64",
                "192.0.2.1", "2001:db8:1::1");
        host(first + 1, wb, "B" + n, MacAddress.parse("02:00:00:00:00:bb"), "198.51.100.2/24", "2001:db8:2::2/64",
                "198.51.100.1", "2001:db8:2::1");
    }

    private void host(int i, VirtualWire w, String name, MacAddress mac, String v4, String v6, String gw4, String gw6) {
        NetStack h = net.stack(name);
        InterfaceId id = net.attach(h, w.endB(), InterfaceConfig.of("e", mac, v4, v6).withIpv6(Ipv6Options.STATIC));
        h.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse(gw4), id));
        h.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse(gw6), id));
        hosts[i] = new TestTransport();
        hostStacks[i] = h;
        h.registerTransport(PROTO, hosts[i]);
    }

    private void send(int from, String dst, String text) {
        NetStack h = hostStacks[from];
        assertTrue(TestTransport.send(h, h.defaultCompartment(), null, dst, PROTO, text, net.now()).isOk());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void sameAddressesInTwoCompartments_trafficStaysInItsNetwork(long seed) {
        build(seed);
        for (int i = 0; i < 20; i++) {
            send(0, "198.51.100.2", "n1-a-v4-" + i);
            send(0, "2001:db8:2::2", "n1-a-v6-" + i);
            send(2, "198.51.100.2", "n2-a-v4-" + i);
            send(2, "2001:db8:2::2", "n2-a-v6-" + i);
            send(1, "192.0.2.2", "n1-b-v4-" + i);
            send(3, "2001:db8:1::2", "n2-b-v6-" + i);
            net.run(Duration.ofMillis(1));
        }
        net.settle();
        assertOnlyFrom(1, "n1-a-", 40);
        assertOnlyFrom(3, "n2-a-", 40);
        assertOnlyFrom(0, "n1-b-", 20);
        assertOnlyFrom(2, "n2-b-", 20);
        assertEquals(0, ts.received().size(), "nothing was for S itself");
        assertEquals(0L, s.snapshot(net.now()).counter("netdrops", "ipCrossCompartment"));
        net.assertAllBuffersReturned();
    }

    /** Host {@code i} got exactly {@code distinct} different texts, all starting with {@code prefix}. */
    private void assertOnlyFrom(int i, String prefix, int distinct) {
        Set<String> texts = new HashSet<>(hosts[i].texts());
        assertTrue(texts.stream().allMatch(t -> t.startsWith(prefix)), "host " + i + " got " + texts);
        assertEquals(distinct, texts.size(), "host " + i + " got " + texts);
        assertTrue(hosts[i].received().stream().allMatch(r -> r.hopLimit() == 63), "one router on the way");
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6})
    void anAddressOnlyInTheOtherCompartment_isNotDelivered(long seed) {
        build(seed);
        send(0, "203.0.113.1", "n1-to-c2-only");
        send(0, "2001:db8:3::1", "n1-to-c2-only-v6");
        send(2, "203.0.113.1", "n2-to-its-own");
        net.settle();
        assertEquals(List.of("n2-to-its-own"), ts.texts(), "only N2's packet reaches S, in C2");
        assertEquals(c2, ts.received().getFirst().compartment());
        // The wires duplicate frames at random (seeded): count the distinct errors.
        assertEquals(2, hosts[0].errors().stream().map(e -> e.dst()).distinct().count(),
                "C1 answers: no route (it forwards, and has none): " + hosts[0].errors());
        assertTrue(hosts[0].errors().stream().allMatch(e -> e.kind() == IcmpErrorReport.Kind.UNREACHABLE));
        assertEquals(SendStatus.NO_ROUTE, TestTransport.send(s, c1, null, "203.0.113.1", PROTO, "from S in C1",
                net.now()), "from inside C1 too");
    }

    @ParameterizedTest
    @ValueSource(longs = {7})
    void eachCompartmentHasItsOwnLoopback(long seed) {
        build(seed);
        assertEquals(SendStatus.SENT, TestTransport.send(s, c1, null, "127.0.0.1", PROTO, "lo-c1", net.now()));
        assertEquals(SendStatus.SENT, TestTransport.send(s, c2, null, "::1", PROTO, "lo-c2", net.now()));
        assertEquals(SendStatus.SENT, TestTransport.send(s, c2, null, "198.51.100.1", PROTO, "own-c2", net.now()));
        net.settle();
        assertEquals(List.of("lo-c1", "lo-c2", "own-c2"), ts.texts());
        assertEquals(List.of(c1, c2, c2), ts.received().stream().map(TestTransport.Received::compartment).toList());
        InterfaceId lo2 = s.interfaces(c2).getFirst().id();
        assertEquals(lo2, ts.received().get(1).ingress(), "through C2's own loopback");
        assertTrue(hosts[1].received().isEmpty() && hosts[3].received().isEmpty(), "nothing left the stack");
    }

    @ParameterizedTest
    @ValueSource(longs = {8})
    void fromInsideACompartment_onlyItsOwnNetworkIsReached(long seed) {
        build(seed);
        TestTransport.send(s, c1, null, "192.0.2.2", PROTO, "s-c1", net.now());
        TestTransport.send(s, c2, null, "2001:db8:1::2", PROTO, "s-c2", net.now());
        net.settle();
        assertEquals(List.of("s-c1"), hosts[0].texts());
        assertEquals(List.of("s-c2"), hosts[2].texts());
        InterfaceId a1 = s.interfaceNamed("a1");
        assertEquals(SendStatus.NO_ROUTE, s.ip().sendV6(c2, 0, 0, 0xfe80_0000_0000_0000L, 2, PROTO, 64, 0, a1,
                TestTransport.payload(s, "scoped across"), net.now()), "a scope interface of C1 used in C2");
        assertEquals(1L, s.snapshot(net.now()).counter("netdrops", "ipCrossCompartment"));
        assertTrue(s.ip().pathTo(c2, null, IpAddress.parse("fe80::2"), a1).isEmpty(), "a query answers the same");
        assertEquals(1L, s.snapshot(net.now()).counter("netdrops", "ipCrossCompartment"), "and drops nothing");
    }
}
