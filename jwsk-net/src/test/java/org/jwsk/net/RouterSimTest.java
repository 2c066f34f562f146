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
 * Three stacks, a forwarding router between two subnets, both families, on Ethernet wires, seeded:
 *
 * <pre>
 *   A ─ 192.0.2.0/24, 2001:db8:1::/64 ─ R ─ 198.51.100.0/24, 2001:db8:2::/64 ─ C
 * </pre>
 *
 * A and C talk through R both ways while the wires lose, duplicate, delay and reorder frames. Whatever arrives was
 * sent, arrives once per copy the wires made, one hop older, with its source intact; R's counters add up; the
 * IP-MIB invariants hold after every step; no buffer is left behind. A failing seed keeps its pcapng capture.
 */
class RouterSimTest {

    /** Neighbour resolution of the simulation: the stacks resolve by themselves (ARP, NDP). */
    static final SimNet.Neighbors RESOLUTION = SimNet.Neighbors.DYNAMIC;
    static final int PROTO = NetStackTest.PROTO;
    static final int ROUNDS = 50;

    @RegisterExtension
    final SimNetExtension sims = new SimNetExtension();

    private SimNet net;
    private NetStack a;
    private NetStack r;
    private NetStack c;
    private final TestTransport ta = new TestTransport();
    private final TestTransport tc = new TestTransport();

    private void build(long seed, FaultConfig faults) {
        net = sims.create(seed, SimNet.Options.DEFAULTS.withFaults(faults).withNeighbors(RESOLUTION));
        VirtualWire w1 = net.ethernet("ar");
        VirtualWire w2 = net.ethernet("rc");
        a = net.stack("a");
        r = net.stack("r");
        c = net.stack("c");
        InterfaceId ia = net.attach(a, w1.endA(), eth("a", 0x0a, "192.0.2.1/24", "2001:db8:1::1/64"));
        net.attach(r, w1.endB(), eth("r1", 0x11, "192.0.2.254/24", "2001:db8:1::fe/64").withForwarding(true));
        net.attach(r, w2.endA(), eth("r2", 0x12, "198.51.100.254/24", "2001:db8:2::fe/64").withForwarding(true));
        InterfaceId ic = net.attach(c, w2.endB(), eth("c", 0x0c, "198.51.100.1/24", "2001:db8:2::1/64"));
        a.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("192.0.2.254"), ia));
        a.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse("2001:db8:1::fe"), ia));
        c.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("198.51.100.254"), ic));
        c.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse("2001:db8:2::fe"), ic));
        a.registerTransport(PROTO, ta);
        c.registerTransport(PROTO, tc);
    }

    private static InterfaceConfig eth(String name, int mac, String... addresses) {
        return InterfaceConfig.of(name, MacAddress.parse(String.format("02:00:00:00:00:%02x", mac)), addresses)
                .withIpv6(Ipv6Options.STATIC);
    }

    /** A and C each send {@link #ROUNDS} datagrams of each family to the other, one round per millisecond. */
    private void exchange() {
        for (int i = 0; i < ROUNDS; i++) {
            TestTransport.send(a, a.defaultCompartment(), null, "198.51.100.1", PROTO, "a4-" + i, net.now());
            TestTransport.send(a, a.defaultCompartment(), null, "2001:db8:2::1", PROTO, "a6-" + i, net.now());
            TestTransport.send(c, c.defaultCompartment(), null, "192.0.2.1", PROTO, "c4-" + i, net.now());
            TestTransport.send(c, c.defaultCompartment(), null, "2001:db8:1::1", PROTO, "c6-" + i, net.now());
            net.run(Duration.ofMillis(1));
        }
        net.run(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void throughAnImpairedNetwork_whatArrivesIsWhatWasSent(long seed) {
        build(seed, FaultConfig.NONE.withLoss(0.05).withDuplication(0.03).withReordering(0.1)
                .withDelay(Duration.ofMillis(2), Duration.ofMillis(1)));
        exchange();
        checkArrivals(tc, "a", "192.0.2.1", "2001:db8:1::1");
        checkArrivals(ta, "c", "198.51.100.1", "2001:db8:2::1");
        long arrived = ta.received().size() + tc.received().size();
        long forwarded = counter(r, "ipv4", "ipSystemStatsOutForwDatagrams")
                + counter(r, "ipv6", "ipSystemStatsOutForwDatagrams");
        assertTrue(arrived <= forwarded * 2, "each forwarded datagram arrives at most twice: " + arrived);
        assertTrue(distinct(ta) + distinct(tc) > 4 * ROUNDS * 0.7, "most of them made it: " + arrived);
        assertEquals(0L, counter(r, "ipv4", "ipSystemStatsInAddrErrors") + counter(r, "ipv6",
                "ipSystemStatsInAddrErrors"), "R dropped nothing it should have forwarded");
        net.assertAllBuffersReturned();
    }

    @ParameterizedTest
    @ValueSource(longs = {7})
    void overPerfectWires_everyDatagramArrivesExactlyOnce(long seed) {
        build(seed, FaultConfig.NONE);
        exchange();
        assertEquals(2 * ROUNDS, tc.received().size());
        assertEquals(2 * ROUNDS, ta.received().size());
        assertEquals(2 * ROUNDS, distinct(tc));
        assertEquals(4L * ROUNDS, counter(r, "ipv4", "ipSystemStatsOutForwDatagrams")
                + counter(r, "ipv6", "ipSystemStatsOutForwDatagrams"));
        assertEquals((long) ROUNDS, counter(r, "ipv4", "ipSystemStatsOutForwDatagrams") / 2);
        net.assertAllBuffersReturned();
    }

    @ParameterizedTest
    @ValueSource(longs = {8})
    void errorsFromTheRouter_reachTheSendersTransport(long seed) {
        build(seed, FaultConfig.NONE.withDelay(Duration.ofMillis(1)));
        a.ip().sendV4(a.defaultCompartment(), 0, 0xc633_6401, PROTO, 1, 0, false,
                TestTransport.payload(a, "ttl1"), net.now());
        TestTransport.send(a, a.defaultCompartment(), null, "2001:db8:77::1", PROTO, "nowhere", net.now());
        net.settle();
        assertEquals(List.of(IcmpErrorReport.Kind.TIME_EXCEEDED, IcmpErrorReport.Kind.UNREACHABLE),
                ta.errors().stream().map(IcmpErrorReport::kind).toList());
        assertEquals(List.of(IpAddress.parse("192.0.2.254"), IpAddress.parse("2001:db8:1::fe")),
                ta.errors().stream().map(IcmpErrorReport::reporter).toList());
        assertTrue(tc.received().isEmpty());
    }

    /** Every arrival was sent by {@code from}, from its address of the family, one hop old; no text is unknown. */
    private void checkArrivals(TestTransport t, String from, String src4, String src6) {
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < ROUNDS; i++) {
            sent.add(from + "4-" + i);
            sent.add(from + "6-" + i);
        }
        for (TestTransport.Received x : t.received()) {
            assertTrue(sent.contains(x.text()), "never sent: " + x.text());
            assertEquals(63, x.hopLimit(), "exactly one router on the way");
            assertEquals(IpAddress.parse(x.version() == 4 ? src4 : src6), x.src());
            assertEquals(x.version(), x.text().charAt(1) - '0', "the family it was sent in");
        }
    }

    private static int distinct(TestTransport t) {
        return new HashSet<>(t.texts()).size();
    }

    private long counter(NetStack s, String group, String name) {
        return s.snapshot(net.now()).counter(group, name);
    }
}
