package org.jwsk.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.transport.udp.UdpHosts.A4;
import static org.jwsk.transport.udp.UdpHosts.counter;
import static org.jwsk.transport.udp.UdpHosts.drain;
import static org.jwsk.transport.udp.UdpHosts.text;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jwsk.net.testing.ControlFrames;
import org.jwsk.net.testing.FrameLog;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpCounter;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpMessage;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.UdpStatus;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.icmpv6.MldLayout;
import org.jwsk.wire.icmpv6.MldRepr;
import org.jwsk.wire.igmp.IgmpLayout;
import org.jwsk.wire.igmp.IgmpRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Broadcast and multicast: SO_BROADCAST, copies for every receiver, memberships and their reports, loopback. */
class UdpGroupSimTest {

    private static final UdpOptions SHARED = UdpOptions.DEFAULTS.withReuseAddress(true);

    private final UdpHosts h = new UdpHosts(1112);

    @AfterEach
    void close() {
        UdpHosts.assertMibInvariant(h.ua);
        UdpHosts.assertMibInvariant(h.ub);
        h.close();
    }

    private static UdpMessage receive(UdpEndpoint e) {
        return e.receive(MemorySegment.ofArray(new byte[2048]), 0);
    }

    @Test
    void broadcast_needsSoBroadcast_thenReachesWildcardEndpoints_andLoopsBack() {
        UdpEndpoint wild = h.bound(h.ub, "0.0.0.0:67", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpEndpoint specific = h.bound(h.ub, "192.0.2.2:67", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpEndpoint mine = h.bound(h.ua, "0.0.0.0:67", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpEndpoint sender = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertEquals(UdpStatus.BROADCAST_NOT_ALLOWED, sender.send(IpEndpoint.parse("192.0.2.255:67"), text("no"),
                h.now()));
        assertEquals(UdpStatus.BROADCAST_NOT_ALLOWED, sender.send(IpEndpoint.parse("255.255.255.255:67"), text("no"),
                h.now()));
        sender.setOptions(UdpOptions.DEFAULTS.withBroadcast(true).withMulticastInterface(h.ia), h.now());
        assertEquals(UdpStatus.OK, sender.send(IpEndpoint.parse("192.0.2.255:67"), text("directed"), h.now()));
        assertEquals(UdpStatus.OK, sender.send(IpEndpoint.parse("255.255.255.255:67"), text("limited"), h.now()));
        h.settle();
        UdpMessage m = receive(wild);
        assertEquals(IpEndpoint.parse("192.0.2.255:67"), m.destination());
        assertEquals(IpEndpoint.parse("255.255.255.255:67"), receive(wild).destination());
        assertTrue(drain(specific).isEmpty(), "an endpoint bound to a unicast address gets no broadcasts (Linux)");
        assertEquals(List.of("directed", "limited"), drain(mine), "broadcasts loop back to this host, as Linux");
        assertEquals(2, udpFrames(h.logA).size());
        assertTrue(udpFrames(h.logA).stream().allMatch(d -> d.dstMac().equals(MacAddress.BROADCAST)));
        assertEquals(2, counter(h.ua, UdpCounter.MULTICAST_LOOPED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"239.1.2.3", "ff15::1:2"})
    void membership_isCountedPerEndpoint_reportsOnTheWire_andEveryMemberGetsACopy(String g) {
        IpAddress group = IpAddress.parse(g);
        boolean v4 = group.version() == 4;
        String port = v4 ? "0.0.0.0:5353" : "[::]:5353";
        UdpHosts.Recorder r1 = new UdpHosts.Recorder();
        UdpHosts.Recorder r2 = new UdpHosts.Recorder();
        UdpEndpoint e1 = h.bound(h.ub, port, SHARED, r1);
        UdpEndpoint e2 = h.bound(h.ub, port, SHARED, r2);
        assertEquals(UdpStatus.OK, e1.joinGroup(group, h.ib, h.now()));
        assertEquals(UdpStatus.ALREADY_MEMBER, e1.joinGroup(group, h.ib, h.now()));
        assertEquals(UdpStatus.OK, e2.joinGroup(group, h.ib, h.now()));
        h.settle();
        assertEquals(List.of(v4 ? IgmpLayout.CHANGE_TO_EXCLUDE_MODE : MldLayout.CHANGE_TO_EXCLUDE_MODE),
                reportsAbout(h.logB, group), "one state-change report (robustness repeats aside) for two joins");
        h.logB.clear();

        UdpEndpoint sender = h.ua.open(h.a.defaultCompartment(), group.version(),
                UdpOptions.DEFAULTS.withMulticastInterface(h.ia), new UdpHosts.Recorder());
        IpEndpoint to = new IpEndpoint(group, 5353);
        assertEquals(UdpStatus.OK, sender.send(to, text("one"), h.now()));
        h.settle();
        assertEquals(List.of("one"), drain(e1));
        assertEquals(List.of("one"), drain(e2));
        assertEquals(1, counter(h.ub, UdpCounter.IN_DATAGRAMS), "one datagram, two copies");

        assertEquals(UdpStatus.OK, e1.leaveGroup(group, h.ib, h.now()));
        assertEquals(UdpStatus.NOT_MEMBER, e1.leaveGroup(group, h.ib, h.now()));
        h.settle();
        assertTrue(reportsAbout(h.logB, group).isEmpty(), "e2 still holds the group: no leave");
        sender.send(to, text("two"), h.now());
        h.settle();
        assertEquals(List.of("two"), drain(e2));
        assertEquals(List.of("two"), drain(e1), "IP_MULTICAST_ALL (Linux's default): the host's groups count");

        e2.close(h.now()); // closing leaves the endpoint's groups
        h.settle();
        assertEquals(v4 ? IgmpLayout.CHANGE_TO_INCLUDE_MODE : MldLayout.CHANGE_TO_INCLUDE_MODE,
                reportsAbout(h.logB, group).getFirst(), "the last membership gone: a leave report");
        sender.send(to, text("three"), h.now());
        h.settle();
        assertTrue(drain(e1).isEmpty(), "the interface left the group: the IP layer drops it");
    }

    @Test
    void multicastAllOff_onlyTheEndpointsGroupsAreDelivered() {
        IpAddress group = IpAddress.parse("239.9.9.9");
        UdpEndpoint member = h.bound(h.ub, "0.0.0.0:4000", SHARED.withMulticastAll(false), new UdpHosts.Recorder());
        UdpEndpoint bystander = h.bound(h.ub, "0.0.0.0:4000", SHARED.withMulticastAll(false),
                new UdpHosts.Recorder());
        member.joinGroup(group, h.ib, h.now());
        UdpEndpoint sender = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS.withMulticastInterface(h.ia),
                new UdpHosts.Recorder());
        sender.send(new IpEndpoint(group, 4000), text("m"), h.now());
        h.settle();
        assertEquals(List.of("m"), drain(member));
        assertTrue(drain(bystander).isEmpty());
        assertEquals(List.of(new UdpEndpoint.Membership(group, h.ib)), member.memberships());
    }

    @Test
    void multicastHopLimit_isOnTheWire_andTheOutgoingInterfaceIsTheBoundAddresses() {
        IpAddress group = IpAddress.parse("239.1.1.1");
        UdpEndpoint sender = h.bound(h.ua, "192.0.2.1:0", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertEquals(UdpStatus.OK, sender.send(new IpEndpoint(group, 9), text("ttl1"), h.now()),
                "no route to 239/8, but the bound address's interface (Linux's rule)");
        sender.setOptions(UdpOptions.DEFAULTS.withMulticastHopLimit(5), h.now());
        sender.send(new IpEndpoint(group, 9), text("ttl5"), h.now());
        h.settle();
        List<ControlFrames.Decoded> sent = udpFrames(h.logA);
        assertEquals(2, sent.size());
        assertEquals(1, sent.get(0).hopLimit(), "RFC 1112 §6.1: multicast TTL 1 by default");
        assertEquals(5, sent.get(1).hopLimit());
        assertEquals(MacAddress.parse("01:00:5e:01:01:01"), sent.get(0).dstMac());
        assertEquals(A4, sent.get(0).src());
    }

    @ParameterizedTest
    @ValueSource(strings = {"239.7.7.7", "ff15::7"})
    void multicastLoop_deliversHere_whenAnEndpointJoined_hopLimitZeroStaysHere(String g) {
        IpAddress group = IpAddress.parse(g);
        String port = group.version() == 4 ? "0.0.0.0:7000" : "[::]:7000";
        UdpHosts.Recorder rx = new UdpHosts.Recorder();
        UdpEndpoint listener = h.bound(h.ua, port, UdpOptions.DEFAULTS, rx);
        UdpEndpoint sender = h.ua.open(h.a.defaultCompartment(), group.version(),
                UdpOptions.DEFAULTS.withMulticastInterface(h.ia), new UdpHosts.Recorder());
        IpEndpoint to = new IpEndpoint(group, 7000);
        sender.send(to, text("not joined"), h.now());
        listener.joinGroup(group, h.ia, h.now());
        sender.send(to, text("looped"), h.now());
        sender.setOptions(sender.options().withMulticastLoop(false), h.now());
        sender.send(to, text("not looped"), h.now());
        sender.setOptions(sender.options().withMulticastLoop(true).withMulticastHopLimit(0), h.now());
        h.settle();
        h.logA.clear();
        sender.send(to, text("here only"), h.now());
        h.settle();
        UdpMessage m = receive(listener);
        assertEquals(h.ia, m.ingress(), "as if it arrived on the outgoing interface");
        assertEquals(List.of("here only"), drain(listener));
        assertEquals(2, rx.readable);
        assertTrue(udpFrames(h.logA).isEmpty(), "hop limit 0: nothing on the wire");
    }

    @Test
    void ipv6Multicast_withoutAnInterface_usesTheOnlyOne_orFindsNoRoute() {
        UdpEndpoint sender = h.ua.open(h.a.defaultCompartment(), 6, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertEquals(UdpStatus.OK, sender.send(IpEndpoint.parse("[ff02::1]:9"), text("all nodes"), h.now()));
        UdpEndpoint v4 = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertEquals(UdpStatus.NO_ROUTE, v4.send(IpEndpoint.parse("239.0.0.1:9"), text("x"), h.now()),
                "IPv4 multicast follows the route without an interface, and there is none");
        h.settle();
        assertEquals(1, udpFrames(h.logA).size());
    }

    /** The UDP datagrams in the log, decoded. */
    static List<ControlFrames.Decoded> udpFrames(FrameLog log) {
        return log.sent().stream().map(FrameLog.Frame::bytes).filter(UdpGroupSimTest::isUdp)
                .map(ControlFrames::decode).toList();
    }

    /** The UDP datagrams in the log, as frames. */
    static List<byte[]> udpFramesRaw(FrameLog log) {
        return log.sent().stream().map(FrameLog.Frame::bytes).filter(UdpGroupSimTest::isUdp).toList();
    }

    /** Whether an Ethernet frame carries UDP in IPv4 or (without extension headers) IPv6. */
    static boolean isUdp(byte[] f) {
        int type = (f[12] & 0xff) << 8 | (f[13] & 0xff);
        return type == 0x0800 ? f.length > 23 && f[23] == 17 : type == 0x86dd && f.length > 20 && f[20] == 17;
    }

    /** The record types of the IGMPv3 / MLDv2 reports about {@code group} in the log, in order. */
    private static List<Integer> reportsAbout(FrameLog log, IpAddress group) {
        return log.sent().stream().map(f -> ControlFrames.decode(f.bytes()).message())
                .flatMap(m -> switch (m) {
                    case IgmpRepr.V3Report r -> r.records().stream().filter(x -> x.group().equals(group))
                            .map(x -> x.recordType());
                    case MldRepr.V2Report r -> r.records().stream().filter(x -> x.group().equals(group))
                            .map(x -> x.recordType());
                    case null, default -> java.util.stream.Stream.empty();
                }).distinct().toList();
    }
}
