package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.SimNet;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stack's own pings (RFC 792, RFC 4443 §4.1) across A - R - C, each wire 5 ms each way and the second with an
 * MTU of 1280: replies with their round-trip times, concurrency, timeouts, and the ICMP errors routers send back.
 */
class PingTest {

    static final IpAddress R4 = IpAddress.parse("192.0.2.254");
    static final IpAddress R6 = IpAddress.parse("2001:db8:1::fe");
    static final IpAddress C4 = IpAddress.parse("198.51.100.1");
    static final IpAddress C6 = IpAddress.parse("2001:db8:2::1");
    static final Duration SECOND = Duration.ofSeconds(1);

    private final SimNet net = new SimNet(792);
    private final List<PingResult> results = new ArrayList<>();
    private NetStack a;
    private VirtualWire w2;

    @BeforeEach
    void build() {
        FaultConfig fiveMs = FaultConfig.NONE.withDelay(Duration.ofMillis(5));
        VirtualWire w1 = net.wire(WireConfig.ip("w1").withFaults(fiveMs));
        w2 = net.wire(WireConfig.ip("w2").withMtu(1280).withFaults(fiveMs));
        a = net.stack();
        NetStack r = net.stack();
        NetStack c = net.stack();
        InterfaceId ia = a.addInterface(w1.endA(), InterfaceConfig.of("w1", null, "192.0.2.1/24", "2001:db8:1::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        r.addInterface(w1.endB(), InterfaceConfig.of("w1", null, "192.0.2.254/24", "2001:db8:1::fe/64")
                .withIpv6(Ipv6Options.STATIC).withForwarding(true), net.now());
        r.addInterface(w2.endA(), InterfaceConfig.of("w2", null, "198.51.100.254/24", "2001:db8:2::fe/64")
                .withIpv6(Ipv6Options.STATIC).withForwarding(true), net.now());
        InterfaceId ic = c.addInterface(w2.endB(), InterfaceConfig.of("w2", null, "198.51.100.1/24",
                "2001:db8:2::1/64").withIpv6(Ipv6Options.STATIC), net.now());
        a.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), R4, ia));
        a.addRoute(Route.via(IpPrefix.parse("::/0"), R6, ia));
        c.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("198.51.100.254"), ic));
        c.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse("2001:db8:2::fe"), ic));
    }

    @AfterEach
    void close() {
        net.close();
    }

    private void ping(IpAddress target, int size, int hops, Duration timeout) {
        a.ping(a.defaultCompartment(), target, size, hops, timeout, net.now(), results::add);
    }

    @Test
    void bothFamilies_getReplies_withTheirRoundTripTimes() {
        ping(C4, 56, 64, SECOND);
        ping(C6, 56, 64, SECOND);
        ping(R4, 56, 64, SECOND);
        net.settle();
        assertEquals(3, results.size());
        PingResult r4 = results.stream().filter(r -> r.target().equals(C4)).findFirst().orElseThrow();
        PingResult r6 = results.stream().filter(r -> r.target().equals(C6)).findFirst().orElseThrow();
        for (PingResult r : List.of(r4, r6)) {
            assertEquals(PingResult.Outcome.REPLY, r.outcome());
            assertEquals(r.target(), r.responder());
            assertEquals(Duration.ofMillis(20), r.rtt(), "two wires of 5 ms, there and back");
            assertEquals(56, r.payloadSize());
            assertEquals(SendStatus.SENT, r.sendStatus());
        }
        assertEquals(0, r4.icmpType(), "echo reply");
        assertEquals(129, r6.icmpType(), "ICMPv6 echo reply");
        assertEquals(Duration.ofMillis(10), results.stream().filter(r -> r.target().equals(R4)).findFirst()
                .orElseThrow().rtt());
        assertEquals(3, a.counters().find("icmp").orElseThrow().snapshot().get("icmpStatsOutMsgs")
                + a.counters().find("icmp6").orElseThrow().snapshot().get("icmpStatsOutMsgs"));
    }

    @Test
    void concurrentPings_eachGetTheirOwnAnswer() {
        List<IpAddress> targets = List.of(C4, C6, R4, R6);
        for (int i = 0; i < 40; i++) {
            ping(targets.get(i % 4), i, 64, SECOND);
        }
        net.settle();
        assertEquals(40, results.size());
        Set<Integer> sequences = new HashSet<>();
        for (PingResult r : results) {
            assertEquals(PingResult.Outcome.REPLY, r.outcome(), r.toString());
            assertEquals(r.target(), r.responder());
            assertTrue(sequences.add(r.sequence()), "no two outstanding pings share a sequence");
        }
        assertEquals(1, results.stream().map(PingResult::identifier).distinct().count());
    }

    @Test
    void silence_timesOut_afterTheTimeout() {
        ping(IpAddress.parse("198.51.100.77"), 56, 64, Duration.ofMillis(300)); // nobody has it
        // Silence, not a cut: a cut link makes the router's route unusable, and the router would answer
        // "unreachable" (the carrier rule of the routing table).
        w2.setFaults(FaultConfig.NONE.withLoss(1.0));
        ping(C6, 56, 64, Duration.ofMillis(500));
        net.run(Duration.ofMillis(299));
        assertEquals(0, results.size());
        net.run(Duration.ofMillis(2));
        assertEquals(1, results.size());
        net.settle();
        assertEquals(2, results.size());
        assertEquals(List.of(PingResult.Outcome.TIMEOUT, PingResult.Outcome.TIMEOUT),
                results.stream().map(PingResult::outcome).toList());
        assertEquals(Duration.ofMillis(500), results.get(1).rtt());
        assertNull(results.get(0).responder());
    }

    @Test
    void noRouteAtTheRouter_isUnreachable_fromTheRouter() {
        ping(IpAddress.parse("203.0.113.5"), 56, 64, SECOND);
        ping(IpAddress.parse("2001:db8:9::5"), 56, 64, SECOND);
        net.settle();
        assertEquals(2, results.size());
        assertEquals(PingResult.Outcome.UNREACHABLE, results.get(0).outcome());
        assertEquals(R4, results.get(0).responder());
        assertEquals(3, results.get(0).icmpType());
        assertEquals(PingResult.Outcome.UNREACHABLE, results.get(1).outcome());
        assertEquals(R6, results.get(1).responder());
        assertEquals(1, results.get(1).icmpType());
        assertEquals(Duration.ofMillis(10), results.get(0).rtt());
    }

    @Test
    void hopLimitOfOne_isTimeExceeded_atTheRouter() {
        ping(C4, 56, 1, SECOND);
        ping(C6, 56, 1, SECOND);
        net.settle();
        assertEquals(2, results.size());
        for (PingResult r : results) {
            assertEquals(PingResult.Outcome.TIME_EXCEEDED, r.outcome());
            assertEquals(0, r.icmpCode(), "TTL exceeded in transit");
        }
        assertEquals(R4, results.get(0).responder());
        assertEquals(R6, results.get(1).responder());
    }

    @Test
    void noRouteHere_isNotSent_andCompletesAtOnce() {
        NetStack lonely = net.stack();
        List<PingResult> got = new ArrayList<>();
        lonely.ping(lonely.defaultCompartment(), IpAddress.parse("203.0.113.1"), 8, 64, SECOND, net.now(), got::add);
        lonely.ping(lonely.defaultCompartment(), IpAddress.parse("2001:db8::1"), 8, 64, SECOND, net.now(), got::add);
        assertEquals(2, got.size(), "completed before ping returned");
        got.forEach(r -> {
            assertEquals(PingResult.Outcome.NOT_SENT, r.outcome());
            assertEquals(SendStatus.NO_ROUTE, r.sendStatus());
            assertEquals(Duration.ZERO, r.rtt());
        });
    }

    @Test
    void eightThousandBytePings_crossTheNarrowLink() {
        ping(C4, 8000, 64, SECOND);
        ping(C6, 8000, 64, SECOND);
        net.settle();
        assertEquals(2, results.size());
        assertEquals(PingResult.Outcome.REPLY, results.stream().filter(r -> r.target().equals(C4)).findFirst()
                .orElseThrow().outcome(), "IPv4: the router refragments");
        PingResult tooBig = results.stream().filter(r -> r.target().equals(C6)).findFirst().orElseThrow();
        assertEquals(PingResult.Outcome.PACKET_TOO_BIG, tooBig.outcome(), "IPv6: routers never fragment");
        assertEquals(1280, tooBig.mtu());
        assertEquals(R6, tooBig.responder());
        ping(C6, 8000, 64, SECOND);
        net.settle();
        assertEquals(PingResult.Outcome.REPLY, results.get(2).outcome(), "fragmented to the path MTU learned");
        assertEquals(8000, results.get(2).payloadSize());
    }

    @Test
    void pingingOurselves_goesThroughLoopback() {
        ping(IpAddress.parse("192.0.2.1"), 100, 64, SECOND);
        ping(IpAddress.parse("::1"), 100, 64, SECOND);
        net.settle();
        assertEquals(2, results.size());
        results.forEach(r -> assertEquals(PingResult.Outcome.REPLY, r.outcome()));
    }

    @Test
    void badArguments_areRefusedAtTheEdge() {
        assertThrows(IllegalArgumentException.class, () -> ping(C4, 65508, 64, SECOND));
        assertThrows(IllegalArgumentException.class, () -> ping(C6, 65528, 64, SECOND));
        assertThrows(IllegalArgumentException.class, () -> ping(C4, 8, 0, SECOND));
        assertThrows(IllegalArgumentException.class, () -> ping(C4, 8, 64, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> a.ping(new CompartmentId(9), C4, 8, 64, SECOND,
                net.now(), results::add));
        assertEquals(0, results.size());
    }
}
