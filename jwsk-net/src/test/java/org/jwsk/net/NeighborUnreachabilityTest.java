package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.NeighborFixture.MAC_B;
import static org.jwsk.net.NeighborFixture.counter;
import static org.jwsk.net.NeighborFixture.texts;

import java.time.Duration;
import java.util.List;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.NeighborInfo.State;
import org.jwsk.net.testing.LinkTap;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.arp.ArpOperation;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every Neighbour Unreachability Detection transition of RFC 4861 §7.3.3, for ARP and NDP alike, on a wire with 10 ms
 * of delay so that the intermediate states can be seen; and failures with their ICMP errors.
 */
class NeighborUnreachabilityTest {

    private static final WireConfig SLOW = WireConfig.ethernet("slow")
            .withFaults(FaultConfig.NONE.withDelay(Duration.ofMillis(10)));

    private static String group(String dst) {
        return dst.contains(":") ? "ndp" : "arp";
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.2", "2001:db8::2"})
    void reachable_goesStaleAfterReachableTime_thenDelayProbe_andReachableOnTheAnswer(String dst) {
        try (NeighborFixture f = new NeighborFixture(11, NetConfig.NeighborConfig.DEFAULTS, SLOW)) {
            f.send(f.a, dst, "resolve");
            f.net.run(Duration.ofMillis(100));
            assertEquals(State.REACHABLE, f.stateAtA(dst));

            // ReachableTime is drawn from 15-45 s (0.5-1.5 × 30 s, RFC 4861 §6.3.2)
            f.net.run(Duration.ofSeconds(14));
            assertEquals(State.REACHABLE, f.stateAtA(dst), "still within the shortest ReachableTime");
            f.net.run(Duration.ofSeconds(32));
            assertEquals(State.STALE, f.stateAtA(dst), "beyond the longest ReachableTime");

            f.tap.clear();
            assertEquals(SendStatus.SENT, f.send(f.a, dst, "stale"), "a STALE entry sends at once");
            assertEquals(State.DELAY, f.stateAtA(dst), "and waits DELAY_FIRST_PROBE_TIME for a confirmation");
            f.net.run(Duration.ofMillis(4_990));
            assertEquals(State.DELAY, f.stateAtA(dst));
            f.net.run(Duration.ofMillis(15)); // 5 s: the first unicast probe is out, its answer 20 ms away
            assertEquals(State.PROBE, f.stateAtA(dst));
            f.net.run(Duration.ofMillis(100));
            assertEquals(State.REACHABLE, f.stateAtA(dst), "the solicited answer to the probe");

            assertEquals(1L, counter(f.a, group(dst), "outProbes"));
            assertEquals(1L, counter(f.a, group(dst), "outSolicits"), "probing is unicast, not a new resolution");
            assertEquals(List.of("resolve", "stale"), texts(f.tb));
            if (dst.contains(":")) {
                LinkTap.Ndp probe = f.tap.icmp6().stream()
                        .filter(d -> d.message() instanceof NdpRepr.NeighborSolicitation).findFirst().orElseThrow();
                assertEquals(IpAddress.parse(dst), probe.ip().dst(), "RFC 4861 §7.3.3: unicast to the neighbour");
                assertEquals(MAC_B, probe.eth().dst());
            } else {
                LinkTap.Arp probe = f.tap.arps().stream()
                        .filter(x -> x.arp().operation() == ArpOperation.REQUEST).findFirst().orElseThrow();
                assertEquals(MAC_B, probe.eth().dst(), "RFC 1122 §2.3.2.1: a unicast poll");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.2", "2001:db8::2"})
    void delay_withUpperLayerConfirmation_becomesReachable_withoutProbing(String dst) {
        try (NeighborFixture f = new NeighborFixture(12, NetConfig.NeighborConfig.DEFAULTS, SLOW)) {
            f.send(f.a, dst, "resolve");
            f.net.run(Duration.ofSeconds(50));
            assertEquals(State.STALE, f.stateAtA(dst));
            f.send(f.a, dst, "again");
            assertEquals(State.DELAY, f.stateAtA(dst));
            f.net.run(Duration.ofSeconds(1));
            IpAddress d = IpAddress.parse(dst);
            if (d instanceof Ipv6Address v6) { // TCP would do this on an ACK of new data
                f.a.ip().confirmReachableV6(f.a.defaultCompartment(), v6.hi(), v6.lo(), null, f.net.now());
            } else {
                f.a.ip().confirmReachableV4(f.a.defaultCompartment(), ((Ipv4Address) d).value(),
                        f.net.now());
            }
            assertEquals(State.REACHABLE, f.stateAtA(dst), "RFC 4861 §7.3.1: upper-layer confirmation");
            f.net.run(Duration.ofSeconds(10));
            assertEquals(0L, counter(f.a, group(dst), "outProbes"));
            assertEquals(1L, counter(f.a, group(dst), "upperConfirms"));
            // confirmations keep a REACHABLE entry reachable beyond its ReachableTime
            for (int i = 0; i < 10; i++) {
                f.net.run(Duration.ofSeconds(10));
                if (d instanceof Ipv4Address v4) {
                    f.a.ip().confirmReachableV4(f.a.defaultCompartment(), v4.value(), f.net.now());
                } else {
                    Ipv6Address v6 = (Ipv6Address) d;
                    f.a.ip().confirmReachableV6(f.a.defaultCompartment(), v6.hi(), v6.lo(), null, f.net.now());
                }
            }
            assertEquals(State.REACHABLE, f.stateAtA(dst), "100 s of confirmations");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.2", "2001:db8::2"})
    void probe_withoutAnswers_failsAfterMaxUnicastSolicit_andTheNextPacketResolvesAgain(String dst) {
        try (NeighborFixture f = new NeighborFixture(13, NetConfig.NeighborConfig.DEFAULTS, SLOW)) {
            f.send(f.a, dst, "resolve");
            f.net.run(Duration.ofSeconds(50));
            assertEquals(State.STALE, f.stateAtA(dst));
            f.wire.setFaults(FaultConfig.NONE.withLoss(1.0)); // b falls silent
            f.send(f.a, dst, "lost");
            f.net.run(Duration.ofMillis(5_100));
            assertEquals(State.PROBE, f.stateAtA(dst));
            f.net.run(Duration.ofMillis(2_000));
            assertEquals(State.PROBE, f.stateAtA(dst), "three probes, one RetransTimer apart");
            f.net.run(Duration.ofMillis(1_000));
            assertEquals(State.FAILED, f.stateAtA(dst), "no answer RetransTimer after the third");
            assertEquals(3L, counter(f.a, group(dst), "outProbes"));
            assertEquals(1L, counter(f.a, group(dst), "nudFailed"));
            NeighborInfo failed = NeighborFixture.entry(f.a, f.ia, dst);
            assertEquals(null, failed.mac());

            f.wire.setFaults(FaultConfig.NONE);
            assertEquals(SendStatus.QUEUED, f.send(f.a, dst, "back"));
            assertEquals(State.INCOMPLETE, f.stateAtA(dst), "resolution starts over, by multicast");
            f.net.run(Duration.ofMillis(100));
            assertEquals(State.REACHABLE, f.stateAtA(dst));
            assertEquals(List.of("resolve", "back"), texts(f.tb));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.99", "2001:db8::99"})
    void incomplete_failsAfterMaxMulticastSolicit_andTheSenderHearsOfIt(String dst) {
        try (NeighborFixture f = new NeighborFixture(14)) {
            f.send(f.a, dst, "nobody");
            f.net.run(Duration.ofMillis(2_900));
            assertEquals(State.INCOMPLETE, f.stateAtA(dst));
            assertEquals(3L, counter(f.a, group(dst), "outSolicits"), "RetransTimer apart, MAX_MULTICAST_SOLICIT");
            f.net.run(Duration.ofMillis(200));
            assertEquals(State.FAILED, f.stateAtA(dst));
            assertEquals(1L, counter(f.a, group(dst), "resFailed"));
            assertEquals(1L, counter(f.a, group(dst), "unresolvedDiscards"));
            assertEquals(1L, counter(f.a, "netdrops", "ipNeighborUnreachable"));
            // As in Linux, the local sender learns it too: the error loops back to its transport.
            assertEquals(1, f.ta.errors().size());
            assertEquals(IcmpErrorReport.Kind.UNREACHABLE, f.ta.errors().getFirst().kind());
            assertEquals(dst.contains(":") ? 3 : 1, f.ta.errors().getFirst().code(), "address / host unreachable");

            f.send(f.a, dst, "again");
            f.net.run(Duration.ofMillis(10));
            assertEquals(4L, counter(f.a, group(dst), "outSolicits"), "a new packet tries again");
        }
    }

    @Test
    void restartAfterFailure_neverSolicitsFasterThanRetransTimer() {
        try (NeighborFixture f = new NeighborFixture(15)) {
            f.send(f.a, "192.0.2.99", "1");
            f.net.run(Duration.ofMillis(3_000)); // solicits at 0, 1, 2; fails at 3
            assertEquals(State.FAILED, f.stateAtA("192.0.2.99"));
            f.send(f.a, "192.0.2.99", "2");
            f.net.run(Duration.ofMillis(1));
            assertEquals(4L, counter(f.a, "arp", "outSolicits"), "the last solicitation was a RetransTimer ago");
            f.send(f.a, "192.0.2.99", "3");
            f.send(f.a, "192.0.2.99", "4");
            f.net.run(Duration.ofMillis(990));
            assertEquals(4L, counter(f.a, "arp", "outSolicits"), "more packets do not mean more solicitations");
            f.net.run(Duration.ofMillis(20));
            assertEquals(5L, counter(f.a, "arp", "outSolicits"), "the retransmission, RetransTimer later");
        }
    }

    @Test
    void unusedStaleEntry_goesAfterStaleLifetime() {
        try (NeighborFixture f = new NeighborFixture(16)) {
            f.send(f.a, "192.0.2.2", "x");
            f.net.run(Duration.ofSeconds(50));
            assertEquals(State.STALE, f.stateAtA("192.0.2.2"));
            f.net.run(Duration.ofSeconds(61));
            assertEquals(null, f.stateAtA("192.0.2.2"));
        }
    }

    /**
     * A - R - (nobody): R forwards to an address on its other subnet that no host has; when resolution fails, R
     * tells A with host unreachable (RFC 1812 §5.2.7.1) and address unreachable (RFC 4861 §7.2.2).
     */
    @Test
    void forwardedPacket_whoseNextHopNeverAnswers_drawsDestinationUnreachable_fromTheRouter() {
        try (SimNet net = new SimNet(17)) {
            VirtualWire w1 = net.wire(WireConfig.ethernet("w1"));
            VirtualWire w2 = net.wire(WireConfig.ethernet("w2"));
            NetStack a = net.stack();
            NetStack r = net.stack();
            InterfaceId ia = a.addInterface(w1.endA(), InterfaceConfig.of("w1", NeighborFixture.MAC_A,
                    "192.0.2.1/24", "2001:db8:1::1/64").withIpv6(Ipv6Options.STATIC), net.now());
            r.addInterface(w1.endB(), InterfaceConfig.of("w1", NeighborFixture.MAC_B, "192.0.2.254/24",
                    "2001:db8:1::fe/64").withIpv6(Ipv6Options.STATIC).withForwarding(true), net.now());
            InterfaceId r2 = r.addInterface(w2.endA(), InterfaceConfig.of("w2", NeighborFixture.MAC_X,
                    "198.51.100.254/24", "2001:db8:2::fe/64").withIpv6(Ipv6Options.STATIC).withForwarding(true),
                    net.now());
            a.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("192.0.2.254"), ia));
            a.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse("2001:db8:1::fe"), ia));
            TestTransport ta = new TestTransport();
            a.registerTransport(NeighborFixture.PROTO, ta);

            a.ip().send(a.defaultCompartment(), null, IpAddress.parse("198.51.100.77"), NeighborFixture.PROTO,
                    NetStackTest.payload(a, "v4"), net.now());
            a.ip().send(a.defaultCompartment(), null, IpAddress.parse("2001:db8:2::77"), NeighborFixture.PROTO,
                    NetStackTest.payload(a, "v6"), net.now());
            net.run(Duration.ofSeconds(2));
            assertEquals(0, ta.errors().size(), "still resolving");
            net.run(Duration.ofSeconds(2));

            assertEquals(2, ta.errors().size(), ta.errors()::toString);
            IcmpErrorReport e4 = ta.errors().stream().filter(e -> e.version() == 4).findFirst().orElseThrow();
            IcmpErrorReport e6 = ta.errors().stream().filter(e -> e.version() == 6).findFirst().orElseThrow();
            assertEquals(IcmpErrorReport.Kind.UNREACHABLE, e4.kind());
            assertEquals(1, e4.code(), "host unreachable");
            assertEquals(IpAddress.parse("192.0.2.254"), e4.reporter());
            assertEquals(IpAddress.parse("198.51.100.77"), e4.dst());
            assertEquals(3, e6.code(), "address unreachable");
            assertEquals(IpAddress.parse("2001:db8:1::fe"), e6.reporter(), "from the router's side towards a");
            assertEquals(IpAddress.parse("2001:db8:2::77"), e6.dst());
            assertEquals(1L, counter(r, "arp", "unresolvedDiscards"));
            assertEquals(1L, counter(r, "ndp", "unresolvedDiscards"));
            assertEquals(State.FAILED, NeighborFixture.entry(r, r2, "198.51.100.77").state());
            assertTrue(counter(r, "icmp", "icmpStatsOutMsgs") >= 1);
        }
    }
}
