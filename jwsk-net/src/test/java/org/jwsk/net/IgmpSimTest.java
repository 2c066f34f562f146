package org.jwsk.net;

import static org.jwsk.net.DadSimTest.counter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.internal.mcast.Multicast;
import org.jwsk.net.testing.ControlFrames;
import org.jwsk.net.testing.FrameLog;
import org.jwsk.net.testing.SimNet;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.igmp.IgmpLayout;
import org.jwsk.wire.igmp.IgmpRecord;
import org.jwsk.wire.igmp.IgmpRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IGMPv3 on a host (RFC 3376), with IGMPv1 and IGMPv2 compatibility (§7), against a querier the test plays. */
class IgmpSimTest {

    static final MacAddress MAC_H = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress MAC_Q = MacAddress.parse("02:00:00:00:00:0b");
    static final Ipv4Address H = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address QUERIER = Ipv4Address.parse("192.0.2.254");
    static final Ipv4Address ALL_SYSTEMS = Ipv4Address.parse("224.0.0.1");
    static final Ipv4Address GROUP = Ipv4Address.parse("239.1.2.3");
    static final Ipv4Address OTHER = Ipv4Address.parse("239.1.2.4");
    static final long SECOND = 1_000_000_000L;

    private final SimNet net = new SimNet(3376);
    private NetStack h;
    private InterfaceId id;
    private FrameLog log;
    private NetStack peer;
    private FrameLog peerLog;

    @BeforeEach
    void build() {
        VirtualWire w = net.wire(WireConfig.ethernet("e"));
        h = net.stack();
        log = FrameLog.of(w.endA());
        id = h.addInterface(log, InterfaceConfig.of("e0", MAC_H, "192.0.2.1/24").withIpv6(Ipv6Options.DISABLED),
                net.now());
        peer = net.stack();
        peerLog = FrameLog.of(w.endB());
        peer.addInterface(peerLog, InterfaceConfig.of("e0", MAC_Q, new String[0]).withIpv6(Ipv6Options.DISABLED),
                net.now());
    }

    @AfterEach
    void close() {
        net.close();
    }

    private void query(Ipv4Address dst, IgmpRepr q) {
        peerLog.inject(peer.pool(), ControlFrames.igmp(MAC_Q, QUERIER, dst, true, q), net.now());
    }

    private List<FrameLog.Frame> reports() {
        return log.sent().stream().filter(f -> ControlFrames.decode(f.bytes()).message() instanceof IgmpRepr).toList();
    }

    private static Object message(FrameLog.Frame f) {
        return ControlFrames.decode(f.bytes()).message();
    }

    private static List<IgmpRecord> records(FrameLog.Frame f) {
        return ((IgmpRepr.V3Report) message(f)).records();
    }

    private static IgmpRecord record(int type, Ipv4Address group, Ipv4Address... sources) {
        return new IgmpRecord(type, group, List.of(sources));
    }

    private void joinAndSettle(Ipv4Address... groups) {
        for (Ipv4Address g : groups) {
            h.joinGroup(id, g, net.now());
        }
        net.run(Duration.ofSeconds(2));
        log.clear();
    }

    @Test
    void joinAndLeave_sendVersion3StateChangeReports_withTheIpHeaderRfc3376Asks() {
        long t = net.now();
        h.joinGroup(id, GROUP, t);
        net.run(Duration.ofSeconds(2));
        List<FrameLog.Frame> joins = reports();
        assertEquals(2, joins.size(), "RFC 3376 §5.1: [Robustness Variable] transmissions");
        assertEquals(t, joins.getFirst().at());
        assertTrue(joins.get(1).at() - t <= SECOND);
        for (FrameLog.Frame f : joins) {
            ControlFrames.Decoded d = ControlFrames.decode(f.bytes());
            assertEquals(H, d.src());
            assertEquals(Ipv4Address.parse("224.0.0.22"), d.dst(), "RFC 3376 §4.2.14");
            assertEquals(MacAddress.parse("01:00:5e:00:00:16"), d.dstMac());
            assertEquals(1, d.hopLimit(), "TTL 1");
            assertEquals(0, d.routerAlert(), "RFC 2113 Router Alert");
            assertEquals(0xc0, d.tos(), "Internetwork Control");
            assertEquals(List.of(record(IgmpLayout.CHANGE_TO_EXCLUDE_MODE, GROUP)), records(f));
        }
        log.clear();
        h.leaveGroup(id, GROUP, net.now());
        net.run(Duration.ofSeconds(2));
        assertEquals(2, reports().size());
        assertEquals(List.of(record(IgmpLayout.CHANGE_TO_INCLUDE_MODE, GROUP)), records(reports().getFirst()));
        assertEquals(4L, counter(h, "igmp", "outStateChangeReports"));
    }

    @Test
    void allSystems_isNeverReported() {
        h.joinGroup(id, ALL_SYSTEMS, net.now());
        net.run(Duration.ofSeconds(2));
        assertTrue(reports().isEmpty(), "RFC 3376 §5");
    }

    @Test
    void queries_areAnsweredWithCurrentStateRecords() {
        joinAndSettle(GROUP, OTHER);
        long t = net.now();
        query(ALL_SYSTEMS, new IgmpRepr.V3Query(20, Ipv4Address.ANY, false, 2, 125, List.of()));
        net.run(Duration.ofSeconds(3));
        assertEquals(1, reports().size());
        assertTrue(reports().getFirst().at() - t <= 2 * SECOND, "Max Resp Time 2 s");
        assertEquals(Set.of(record(IgmpLayout.MODE_IS_EXCLUDE, GROUP), record(IgmpLayout.MODE_IS_EXCLUDE, OTHER)),
                Set.copyOf(records(reports().getFirst())));

        log.clear();
        query(ALL_SYSTEMS, new IgmpRepr.V3Query(10, GROUP, false, 2, 125, List.of()));
        Ipv4Address source = Ipv4Address.parse("192.0.2.9");
        query(OTHER, new IgmpRepr.V3Query(10, OTHER, false, 2, 125, List.of(source)));
        net.run(Duration.ofSeconds(2));
        assertEquals(Set.of(record(IgmpLayout.MODE_IS_EXCLUDE, GROUP), record(IgmpLayout.MODE_IS_INCLUDE, OTHER, source)),
                reports().stream().flatMap(f -> records(f).stream()).collect(java.util.stream.Collectors.toSet()),
                "a group-specific query may come to 224.0.0.1, as Linux's bridge sends it (RFC 3376 §4.1.12)");
    }

    @Test
    void version2And1Queriers_switchTheHostsCompatibilityMode() {
        Multicast m = h.core().module(Multicast.class);
        joinAndSettle(GROUP);
        query(ALL_SYSTEMS, new IgmpRepr.V2Query(50, Ipv4Address.ANY));
        net.run(Duration.ofSeconds(6));
        assertEquals(2, m.igmpVersion(h.core().nic(id)));
        assertEquals(List.of(new IgmpRepr.V2Report(GROUP)), reports().stream().map(IgmpSimTest::message).toList());
        assertEquals(GROUP, ControlFrames.decode(reports().getFirst().bytes()).dst(), "to the group (RFC 2236 §3)");

        log.clear();
        h.leaveGroup(id, GROUP, net.now());
        net.run(Duration.ofSeconds(1));
        assertEquals(List.of(new IgmpRepr.V2Leave(GROUP)), reports().stream().map(IgmpSimTest::message).toList());
        assertEquals(Ipv4Address.parse("224.0.0.2"), ControlFrames.decode(reports().getFirst().bytes()).dst());

        log.clear();
        query(ALL_SYSTEMS, new IgmpRepr.V2Query(0, Ipv4Address.ANY)); // IGMPv1: Max Resp Time 0
        net.run(Duration.ofMillis(10));
        assertEquals(1, m.igmpVersion(h.core().nic(id)));
        h.joinGroup(id, OTHER, net.now());
        net.run(Duration.ofSeconds(1));
        h.leaveGroup(id, OTHER, net.now());
        net.run(Duration.ofSeconds(20));
        assertEquals(new IgmpRepr.V1Report(OTHER), message(reports().getFirst()));
        assertTrue(reports().stream().noneMatch(f -> message(f) instanceof IgmpRepr.V2Leave), "IGMPv1 has no leave");

        net.run(Duration.ofSeconds(260)); // Older Version Querier Present Timeout: 2 x 125 s + 10 s
        assertEquals(3, m.igmpVersion(h.core().nic(id)));
    }

    @Test
    void malformedAndMisaddressedQueries_areDropped() {
        joinAndSettle(GROUP);
        query(GROUP, new IgmpRepr.V3Query(10, Ipv4Address.ANY, false, 2, 125, List.of())); // RFC 3376 §9.1
        byte[] bad = ControlFrames.igmp(MAC_Q, QUERIER, ALL_SYSTEMS, true,
                new IgmpRepr.V3Query(10, Ipv4Address.ANY, false, 2, 125, List.of()));
        MemorySegment.ofArray(bad).set(java.lang.foreign.ValueLayout.JAVA_BYTE, bad.length - 3, (byte) 9); // the QQIC
        peerLog.inject(peer.pool(), bad, net.now());
        net.run(Duration.ofSeconds(2));
        assertTrue(reports().isEmpty());
        assertEquals(1L, counter(h, "netdrops", "ipIgmpInvalid"));
        assertEquals(1L, counter(h, "wiredrops", "igmpInBadChecksum"));
    }
}
