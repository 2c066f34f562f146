package org.jwsk.net;

import static org.jwsk.net.DadSimTest.counter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.internal.mcast.Multicast;
import org.jwsk.net.testing.ControlFrames;
import org.jwsk.net.testing.FrameLog;
import org.jwsk.net.testing.SimNet;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.icmpv6.MldLayout;
import org.jwsk.wire.icmpv6.MldRecord;
import org.jwsk.wire.icmpv6.MldRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MLDv2 on a host (RFC 3810), with MLDv1 compatibility (§8), against a querier the test plays. */
class MldSimTest {

    static final MacAddress MAC_H = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress MAC_Q = MacAddress.parse("02:00:00:00:00:0b");
    static final Ipv6Address H_LL = Ipv6Address.parse("fe80::ff:fe00:a");
    static final Ipv6Address QUERIER = Ipv6Address.parse("fe80::b");
    static final Ipv6Address GROUP = Ipv6Address.parse("ff05::1:3");
    static final Ipv6Address SOLICITED = H_LL.solicitedNode();
    static final long SECOND = 1_000_000_000L;

    private final SimNet net = new SimNet(3810);
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
        id = h.addInterface(log, InterfaceConfig.of("e0", MAC_H, new String[0])
                .withIpv6(new Ipv6Options(true, true, 0, false, 0)), net.now());
        peer = net.stack();
        peerLog = FrameLog.of(w.endB());
        peer.addInterface(peerLog, InterfaceConfig.of("e0", MAC_Q, new String[0]).withIpv6(Ipv6Options.DISABLED),
                net.now());
        net.run(Duration.ofSeconds(3)); // the solicited-node group's reports are done
        log.clear();
    }

    @AfterEach
    void close() {
        net.close();
    }

    private void query(Ipv6Address src, Ipv6Address dst, int hopLimit, boolean routerAlert, Icmpv6Repr q) {
        peerLog.inject(peer.pool(), ControlFrames.icmp6(MAC_Q, src, dst, hopLimit, routerAlert, q), net.now());
    }

    private void query(Icmpv6Repr q, Ipv6Address dst) {
        query(QUERIER, dst, 1, true, q);
    }

    /** Reports sent since the log was cleared, with the time of each. */
    private List<FrameLog.Frame> reports() {
        return log.sent().stream().filter(f -> ControlFrames.decode(f.bytes()).message() instanceof MldRepr).toList();
    }

    private static Object message(FrameLog.Frame f) {
        return ControlFrames.decode(f.bytes()).message();
    }

    private static List<MldRecord> records(FrameLog.Frame f) {
        return ((MldRepr.V2Report) message(f)).records();
    }

    private static MldRecord record(int type, Ipv6Address group, Ipv6Address... sources) {
        return new MldRecord(type, group, List.of(sources));
    }

    @Test
    void joinAndLeave_sendStateChangeReports_robustnessTimes() {
        long t = net.now();
        h.joinGroup(id, GROUP, t);
        h.joinGroup(id, GROUP, t); // a second membership changes nothing on the wire
        net.run(Duration.ofSeconds(2));
        List<FrameLog.Frame> joins = reports();
        assertEquals(2, joins.size(), "RFC 3810 §6.1: [Robustness Variable] transmissions");
        assertEquals(t, joins.get(0).at(), "the first at once");
        assertTrue(joins.get(1).at() - t > 0 && joins.get(1).at() - t <= SECOND, "Unsolicited Report Interval");
        for (FrameLog.Frame f : joins) {
            ControlFrames.Decoded d = ControlFrames.decode(f.bytes());
            assertEquals(H_LL, d.src());
            assertEquals(Ipv6Address.ALL_MLDV2_ROUTERS, d.dst());
            assertEquals(MacAddress.parse("33:33:00:00:00:16"), d.dstMac());
            assertEquals(1, d.hopLimit(), "RFC 3810 §5");
            assertEquals(0, d.routerAlert(), "Router Alert, MLD");
            assertEquals(List.of(record(MldLayout.CHANGE_TO_EXCLUDE_MODE, GROUP)), records(f));
        }
        log.clear();
        assertFalse(h.leaveGroup(id, GROUP, net.now()), "one membership remains");
        net.run(Duration.ofSeconds(2));
        assertTrue(reports().isEmpty());
        assertTrue(h.leaveGroup(id, GROUP, net.now()));
        net.run(Duration.ofSeconds(2));
        assertEquals(2, reports().size());
        assertEquals(List.of(record(MldLayout.CHANGE_TO_INCLUDE_MODE, GROUP)), records(reports().getFirst()));
        assertEquals(1L, counter(h, "mld", "interfaceJoins") - 1, "ff02::1:ff00:a was the first");
        assertThrows(IllegalArgumentException.class, () -> h.joinGroup(id, IpAddress.parse("2001:db8::1"), net.now()));
    }

    @Test
    void generalQuery_isAnsweredWithEveryGroupButAllNodes_withinTheMaximumResponseDelay() {
        h.joinGroup(id, GROUP, net.now());
        net.run(Duration.ofSeconds(2));
        log.clear();
        long t = net.now();
        query(new MldRepr.V2Query(2000, Ipv6Address.ANY, false, 2, 125, List.of()), Ipv6Address.ALL_NODES);
        net.run(Duration.ofSeconds(3));
        List<FrameLog.Frame> answers = reports();
        assertEquals(1, answers.size());
        assertTrue(answers.getFirst().at() - t <= 2 * SECOND);
        assertEquals(java.util.Set.of(record(MldLayout.MODE_IS_EXCLUDE, SOLICITED),
                record(MldLayout.MODE_IS_EXCLUDE, GROUP)), java.util.Set.copyOf(records(answers.getFirst())),
                "one Current State Report, never ff02::1 (RFC 3810 §6)");
        assertEquals(1L, counter(h, "mld", "outCurrentStateReports"));
    }

    @Test
    void groupAndSourceSpecificQueries_areAnsweredForThatGroupOnly() {
        h.joinGroup(id, GROUP, net.now());
        net.run(Duration.ofSeconds(2));
        log.clear();
        query(new MldRepr.V2Query(1000, GROUP, false, 2, 125, List.of()), GROUP);
        query(new MldRepr.V2Query(1000, Ipv6Address.parse("ff05::9"), false, 2, 125, List.of()),
                Ipv6Address.parse("ff05::9"));
        net.run(Duration.ofSeconds(2));
        assertEquals(1, reports().size(), "nothing about a group not listened to");
        assertEquals(List.of(record(MldLayout.MODE_IS_EXCLUDE, GROUP)), records(reports().getFirst()));

        log.clear();
        Ipv6Address s1 = Ipv6Address.parse("2001:db8::7");
        query(new MldRepr.V2Query(1000, GROUP, false, 2, 125, List.of(s1)), GROUP);
        net.run(Duration.ofSeconds(2));
        assertEquals(List.of(record(MldLayout.MODE_IS_INCLUDE, GROUP, s1)), records(reports().getFirst()),
                "RFC 3810 §6.3: EXCLUDE({}) listens to every queried source");
    }

    @Test
    void invalidQueries_areCountedAndUnanswered() {
        MldRepr.V2Query general = new MldRepr.V2Query(1000, Ipv6Address.ANY, false, 2, 125, List.of());
        query(QUERIER, Ipv6Address.ALL_NODES, 2, true, general);
        query(QUERIER, Ipv6Address.ALL_NODES, 1, false, general);
        query(Ipv6Address.parse("2001:db8::b"), Ipv6Address.ALL_NODES, 1, true, general);
        net.run(Duration.ofSeconds(2));
        assertTrue(reports().isEmpty());
        assertEquals(3L, counter(h, "mld", "inInvalid"), "RFC 3810 §6.2");
        assertEquals(3L, counter(h, "netdrops", "ipMldInvalid"));
    }

    @Test
    void querierRobustness_isAdopted() {
        query(new MldRepr.V2Query(1000, Ipv6Address.ANY, false, 3, 125, List.of()), Ipv6Address.ALL_NODES);
        net.run(Duration.ofSeconds(2));
        log.clear();
        h.joinGroup(id, GROUP, net.now());
        net.run(Duration.ofSeconds(4));
        assertEquals(3, reports().size(), "QRV 3");
    }

    @Test
    void mldv1Querier_putsTheHostInMldv1Mode_untilItsTimeoutRunsOut() {
        Multicast m = h.core().module(Multicast.class);
        h.joinGroup(id, GROUP, net.now());
        net.run(Duration.ofSeconds(2));
        log.clear();
        query(new MldRepr.V1Query(5000, Ipv6Address.ANY), Ipv6Address.ALL_NODES);
        net.run(Duration.ofSeconds(6));
        assertEquals(1, m.mldVersion(h.core().nic(id)));
        List<Object> answers = reports().stream().map(MldSimTest::message).toList();
        assertEquals(2, answers.size(), "RFC 2710 §4: one report per group");
        assertTrue(answers.contains(new MldRepr.V1Report(GROUP)));
        assertTrue(answers.contains(new MldRepr.V1Report(SOLICITED)));
        ControlFrames.Decoded d = ControlFrames.decode(reports().getFirst().bytes());
        assertTrue(d.dst().equals(GROUP) || d.dst().equals(SOLICITED), "an MLDv1 report goes to its group");

        log.clear();
        h.leaveGroup(id, GROUP, net.now());
        net.run(Duration.ofSeconds(1));
        assertEquals(List.of(new MldRepr.V1Done(GROUP)), reports().stream().map(MldSimTest::message).toList());
        assertEquals(Ipv6Address.ALL_ROUTERS, ControlFrames.decode(reports().getFirst().bytes()).dst());

        net.run(Duration.ofSeconds(256)); // Older Version Querier Present Timeout: 2 x 125 s + 5 s
        assertEquals(2, m.mldVersion(h.core().nic(id)));
        assertEquals(1L, counter(h, "mld", "interfaceWrongVersionQueries"));
    }

    @Test
    void inMldv1Mode_anotherListenersReport_suppressesOurs() {
        h.joinGroup(id, GROUP, net.now());
        net.run(Duration.ofSeconds(2));
        log.clear();
        query(new MldRepr.V1Query(10000, GROUP), GROUP);
        net.run(Duration.ofMillis(1));
        query(Ipv6Address.parse("fe80::c"), GROUP, 1, true, new MldRepr.V1Report(GROUP));
        net.run(Duration.ofSeconds(11));
        assertTrue(reports().isEmpty(), "our report was due after the other listener's, and was cancelled");
        assertEquals(1L, counter(h, "mld", "inReportsSuppressing"));
    }

    @Test
    void removedInterface_sendsNothingMore_andIpLinksRunNoMld() {
        h.joinGroup(id, GROUP, net.now());
        h.removeInterface(id, net.now());
        int sent = log.sent().size();
        net.run(Duration.ofSeconds(5));
        assertEquals(sent, log.sent().size());

        VirtualWire ip = net.wire(WireConfig.ip("ip"));
        FrameLog ipLog = FrameLog.of(ip.endA());
        InterfaceId tun = h.addInterface(ipLog, InterfaceConfig.of("t0", null, "2001:db8:9::1/64"), net.now());
        h.joinGroup(tun, GROUP, net.now());
        net.run(Duration.ofSeconds(3));
        assertTrue(ipLog.sent().isEmpty(), "point-to-point IP links: no MLD, no DAD, no solicitations");
    }
}
