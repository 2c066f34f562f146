package org.jwsk.net;

import static org.jwsk.net.DadSimTest.counter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.ControlFrames;
import org.jwsk.net.testing.FrameLog;
import org.jwsk.net.testing.SimNet;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.icmpv6.MldLayout;
import org.jwsk.wire.icmpv6.MldRecord;
import org.jwsk.wire.icmpv6.MldRepr;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router side of router discovery (RFC 4861 §6.2): unsolicited advertisements and answers to solicitations. */
class RouterAdvertiserSimTest {

    static final MacAddress MAC_R = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress MAC_P = MacAddress.parse("02:00:00:00:00:0b");
    static final long SECOND = 1_000_000_000L;

    private final SimNet net = new SimNet(2461);
    private NetStack r;
    private InterfaceId id;
    private FrameLog log;
    private NetStack peer;
    private FrameLog peerLog;

    @BeforeEach
    void build() {
        VirtualWire w = net.wire(WireConfig.ethernet("e"));
        r = net.stack();
        log = FrameLog.of(w.endA());
        id = r.addInterface(log, InterfaceConfig.of("e0", MAC_R, "2001:db8:1::fe/64")
                .withIpv6(new Ipv6Options(true, true, 1, false, 0)).withForwarding(true), net.now());
        peer = net.stack();
        peerLog = FrameLog.of(w.endB());
        peer.addInterface(peerLog, InterfaceConfig.of("e0", MAC_P, new String[0]).withIpv6(Ipv6Options.DISABLED),
                net.now());
    }

    @AfterEach
    void close() {
        net.close();
    }

    private List<FrameLog.Frame> advertisements() {
        return log.sent().stream().filter(f -> ControlFrames.decode(f.bytes()).message()
                instanceof NdpRepr.RouterAdvertisement).toList();
    }

    private void solicit(Ipv6Address src, NdpOption... options) {
        peerLog.inject(peer.pool(), ControlFrames.icmp6(MAC_P, src, Ipv6Address.ALL_ROUTERS, 255, false,
                new NdpRepr.RouterSolicitation(List.of(options))), net.now());
    }

    @Test
    void unsolicitedAdvertisements_startWithABurst_thenComeBetweenMinAndMaxInterval() {
        r.setRouterAdvertisements(id, RouterAdvertisementConfig.of(IpPrefix.parse("2001:db8:1::/64")), net.now());
        net.run(Duration.ofSeconds(3000));
        List<FrameLog.Frame> ras = advertisements();
        assertTrue(ras.size() >= 6, "" + ras.size());
        assertTrue(ras.getFirst().at() - org.jwsk.common.time.ManualClock.START_NANOS <= 3 * SECOND,
                "as soon as the link-local address passed DAD");
        for (int i = 1; i < ras.size(); i++) {
            long gap = ras.get(i).at() - ras.get(i - 1).at();
            if (i < 3) {
                assertTrue(gap <= 16 * SECOND, "MAX_INITIAL_RTR_ADVERT_INTERVAL: " + gap);
            } else {
                assertTrue(gap >= 198 * SECOND && gap <= 600 * SECOND, "MinRtrAdvInterval..MaxRtrAdvInterval: " + gap);
            }
        }
        ControlFrames.Decoded d = ControlFrames.decode(ras.getFirst().bytes());
        assertEquals(Ipv6Address.parse("fe80::ff:fe00:1"), d.src());
        assertEquals(Ipv6Address.ALL_NODES, d.dst());
        assertEquals(255, d.hopLimit());
        NdpRepr.RouterAdvertisement ra = (NdpRepr.RouterAdvertisement) d.message();
        assertEquals(64, ra.curHopLimit());
        assertEquals(1800, ra.routerLifetime());
        assertEquals(0L, ra.reachableTime(), "unspecified");
        assertEquals(NdpOption.SourceLinkLayerAddress.of(MAC_R), ra.options().getFirst());
    }

    @Test
    void advertisingInterface_joinsAllRouters_andLeavesWhenItStops() {
        r.setRouterAdvertisements(id, RouterAdvertisementConfig.of(IpPrefix.parse("2001:db8:1::/64")), net.now());
        assertTrue(r.core().nic(id).joined6(Ipv6Address.ALL_ROUTERS.hi(), Ipv6Address.ALL_ROUTERS.lo()));
        net.run(Duration.ofSeconds(5));
        r.setRouterAdvertisements(id, null, net.now());
        net.run(Duration.ofSeconds(5));
        List<MldRecord> records = ControlFrames.decode(log.sent()).stream()
                .filter(d -> d.message() instanceof MldRepr.V2Report)
                .flatMap(d -> ((MldRepr.V2Report) d.message()).records().stream())
                .filter(x -> x.group().equals(Ipv6Address.ALL_ROUTERS)).toList();
        assertTrue(records.stream().anyMatch(x -> x.recordType() == MldLayout.CHANGE_TO_EXCLUDE_MODE));
        assertEquals(MldLayout.CHANGE_TO_INCLUDE_MODE, records.getLast().recordType());
        assertTrue(!r.core().nic(id).joined6(Ipv6Address.ALL_ROUTERS.hi(), Ipv6Address.ALL_ROUTERS.lo()));
    }

    @Test
    void solicitation_isAnsweredWithinMaxRaDelay_butNotSoonerThanThreeSecondsAfterTheLast() {
        r.setRouterAdvertisements(id, RouterAdvertisementConfig.of(IpPrefix.parse("2001:db8:1::/64")), net.now());
        net.run(Duration.ofSeconds(60)); // past the initial burst
        long t = net.now();
        int before = advertisements().size();
        solicit(Ipv6Address.ANY);
        net.run(Duration.ofSeconds(1));
        List<FrameLog.Frame> ras = advertisements();
        assertEquals(before + 1, ras.size());
        long answeredAt = ras.getLast().at();
        assertTrue(answeredAt - t >= 0 && answeredAt - t <= 500_000_000L, "MAX_RA_DELAY_TIME: " + (answeredAt - t));

        solicit(Ipv6Address.parse("fe80::b"), NdpOption.SourceLinkLayerAddress.of(MAC_P));
        net.run(Duration.ofSeconds(4));
        ras = advertisements();
        assertEquals(before + 2, ras.size());
        assertEquals(answeredAt + 3 * SECOND, ras.getLast().at(), "MIN_DELAY_BETWEEN_RAS");
        assertEquals(2L, counter(r, "autoconf6", "ipv6RouterSolicitsIn"));
    }

    @Test
    void invalidSolicitations_areCounted() {
        r.setRouterAdvertisements(id, RouterAdvertisementConfig.of(IpPrefix.parse("2001:db8:1::/64")), net.now());
        net.run(Duration.ofSeconds(60));
        int before = advertisements().size();
        solicit(Ipv6Address.ANY, NdpOption.SourceLinkLayerAddress.of(MAC_P)); // RFC 4861 §6.1.1: no SLLA from ::
        peerLog.inject(peer.pool(), ControlFrames.icmp6(MAC_P, Ipv6Address.ANY, Ipv6Address.ALL_ROUTERS, 64, false,
                new NdpRepr.RouterSolicitation(List.of())), net.now());
        net.run(Duration.ofSeconds(1));
        assertEquals(before, advertisements().size());
        assertEquals(2L, counter(r, "autoconf6", "ipv6RouterSolicitsInInvalid"));
        assertEquals(2L, counter(r, "netdrops", "ipNdpInvalid"));
    }

    @Test
    void onlyRoutersAdvertise_andConfigurationsAreChecked() {
        InterfaceId host = r.addInterface(net.wire(WireConfig.ethernet("h")).endA(),
                InterfaceConfig.of("h0", MacAddress.parse("02:00:00:00:00:0c"), new String[0]), net.now());
        assertThrows(IllegalStateException.class, () -> r.setRouterAdvertisements(host,
                RouterAdvertisementConfig.of(IpPrefix.parse("2001:db8:1::/64")), net.now()));
        RouterAdvertisementConfig c = RouterAdvertisementConfig.of(IpPrefix.parse("2001:db8:1::/64"));
        assertThrows(IllegalArgumentException.class, () -> c.withIntervals(Duration.ofSeconds(3), Duration.ofSeconds(3)));
        assertThrows(IllegalArgumentException.class, () -> c.withRouterLifetime(Duration.ofSeconds(100)),
                "0 or at least MaxRtrAdvInterval (600 s)");
        assertThrows(IllegalArgumentException.class, () -> c.withLinkMtu(1000));
        assertThrows(IllegalArgumentException.class,
                () -> RouterAdvertisementConfig.of(IpPrefix.parse("fe80::/64")));
    }
}
