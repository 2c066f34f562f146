package org.jwsk.net;

import static org.jwsk.net.DadSimTest.counter;
import static org.jwsk.net.DadSimTest.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.time.Deadlines;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.ControlFrames;
import org.jwsk.net.testing.FrameLog;
import org.jwsk.net.testing.SimNet;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.icmpv6.NdpLayout;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.jwsk.wire.ipv6.Ipv6View;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host's processing of Router Advertisements that the test writes itself: the validity checks of RFC 4861 §6.1.2,
 * the option rules of §6.3.4, and RFC 4862 §5.5.3's prefix rules and two-hour rule.
 */
class RouterAdvertisementRulesTest {

    static final MacAddress MAC_H = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress MAC_R = MacAddress.parse("02:00:00:00:00:01");
    static final Ipv6Address ROUTER = Ipv6Address.parse("fe80::1");
    static final Ipv6Address PREFIX = Ipv6Address.parse("2001:db8:5::");
    static final Ipv6Address ADDRESS = Ipv6Address.parse("2001:db8:5::ff:fe00:a");
    static final int LA = NdpLayout.PREFIX_FLAG_ON_LINK | NdpLayout.PREFIX_FLAG_AUTONOMOUS;
    static final long HOUR = 3600;

    private final SimNet net = new SimNet(7217);
    private NetStack h;
    private InterfaceId id;
    private NetStack peer;
    private FrameLog peerLog;

    @BeforeEach
    void build() {
        VirtualWire w = net.wire(WireConfig.ethernet("e"));
        h = net.stack();
        id = h.addInterface(w.endA(), InterfaceConfig.of("e0", MAC_H, new String[0])
                .withIpv6(new Ipv6Options(true, true, 0, true, 0)), net.now());
        peer = net.stack();
        peerLog = FrameLog.of(w.endB());
        peer.addInterface(peerLog, InterfaceConfig.of("e0", MAC_R, new String[0]).withIpv6(Ipv6Options.DISABLED),
                net.now());
    }

    @AfterEach
    void close() {
        net.close();
    }

    private static NdpRepr.RouterAdvertisement ra(int lifetime, NdpOption... options) {
        return new NdpRepr.RouterAdvertisement(0, 0, lifetime, 0, 0, List.of(options));
    }

    private static NdpOption.PrefixInformation prefix(Ipv6Address p, int length, int flags, long valid, long preferred) {
        return new NdpOption.PrefixInformation(length, flags, valid, preferred, p);
    }

    private void send(byte[] frame) {
        peerLog.inject(peer.pool(), frame, net.now());
        net.run(Duration.ofMillis(10));
    }

    private void send(NdpRepr.RouterAdvertisement ra) {
        send(ControlFrames.icmp6(MAC_R, ROUTER, Ipv6Address.ALL_NODES, 255, false, ra));
    }

    private Route route(String prefix) {
        return h.routes(h.defaultCompartment(), 6).stream()
                .filter(x -> x.destination().equals(IpPrefix.parse(prefix))).findFirst().orElse(null);
    }

    private Ipv6AddressInfo address() {
        return h.ipv6Addresses(id).stream().filter(a -> a.address().address().equals(ADDRESS)).findFirst().orElse(null);
    }

    /** The frame with the ICMPv6 code changed and the checksum made right again. */
    private static byte[] withCode(byte[] frame, int code) {
        MemorySegment seg = MemorySegment.ofArray(frame);
        Ipv6View ip = new Ipv6View().wrap(seg, 14, frame.length - 14);
        Icmpv6View icmp = new Icmpv6View().wrap(seg, 54, frame.length - 54);
        icmp.setCode(code);
        icmp.fillChecksum(ip.pseudoHeaderSum(IpProtocol.ICMPV6, frame.length - 54));
        return frame;
    }

    @Test
    void invalidAdvertisements_areCountedAndChangeNothing() {
        NdpRepr.RouterAdvertisement valid = ra(1800, prefix(PREFIX, 64, LA, 86400, 3600));
        send(ControlFrames.icmp6(MAC_R, Ipv6Address.parse("2001:db8::1"), Ipv6Address.ALL_NODES, 255, false, valid));
        send(ControlFrames.icmp6(MAC_R, ROUTER, Ipv6Address.ALL_NODES, 254, false, valid));
        send(withCode(ControlFrames.icmp6(MAC_R, ROUTER, Ipv6Address.ALL_NODES, 255, false, valid), 1));
        assertNull(route("::/0"));
        assertNull(address());
        assertEquals(1L, counter(h, "autoconf6", "ipv6RouterAdvertsInBadSource"), "RFC 4861 §6.1.2: link-local source");
        assertEquals(1L, counter(h, "autoconf6", "ipv6RouterAdvertsInBadHopLimit"), "hop limit 255");
        assertEquals(1L, counter(h, "autoconf6", "ipv6RouterAdvertsInBadCode"), "code 0");
        assertEquals(3L, counter(h, "netdrops", "ipNdpInvalid"));
        assertEquals(3L, counter(h, "icmp6", "icmpStatsInErrors"));

        send(valid);
        assertNotNull(route("::/0"));
        assertNotNull(address());
        assertEquals(1L, counter(h, "autoconf6", "ipv6RouterAdvertsIn"));
    }

    @Test
    void prefixOptions_followTheirFlagsAndRules() {
        send(ra(0,
                prefix(Ipv6Address.parse("fe80::"), 64, LA, 86400, 3600),        // link-local: ignored
                prefix(Ipv6Address.parse("2001:db8:6::"), 64, LA, 100, 200),     // preferred > valid: no address
                prefix(Ipv6Address.parse("2001:db8:7::"), 48, LA, 86400, 3600),  // /48: on-link, no address
                prefix(Ipv6Address.parse("2001:db8:8::"), 64, NdpLayout.PREFIX_FLAG_ON_LINK, 86400, 3600),
                prefix(PREFIX, 64, NdpLayout.PREFIX_FLAG_AUTONOMOUS, 86400, 3600))); // address, not on-link
        assertNull(route("::/0"), "router lifetime 0: not a default router");
        assertEquals(Route.Origin.CONNECTED, route("fe80::/64").origin(), "only the link-local address's own route");
        assertNotNull(route("2001:db8:6::/64"), "on-link whatever the SLAAC rules say");
        assertNull(state(h, id, Ipv6Address.parse("2001:db8:6::ff:fe00:a")));
        assertNotNull(route("2001:db8:7::/48"));
        assertEquals(1, h.ipv6Addresses(id).stream().filter(a -> a.origin() == Ipv6AddressInfo.Origin.SLAAC).count());
        assertNotNull(route("2001:db8:8::/64"));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h, id, ADDRESS));
        assertNull(route("2001:db8:5::/64"), "RFC 5942 §4: an autoconfigured address makes nothing on-link");
        assertEquals(3L, counter(h, "autoconf6", "ipv6PrefixOptionsIgnored"));

        send(ra(0, prefix(Ipv6Address.parse("2001:db8:8::"), 64, NdpLayout.PREFIX_FLAG_ON_LINK, 0, 0)));
        assertNull(route("2001:db8:8::/64"), "valid lifetime 0 times an on-link prefix out at once");
    }

    @Test
    void mtuOption_isTakenOnlyBetween1280AndTheLinkMtu() {
        send(ra(0, new NdpOption.Mtu(1000)));
        send(ra(0, new NdpOption.Mtu(9000)));
        assertEquals(1500, h.core().nic(id).mtu6());
        assertEquals(2L, counter(h, "autoconf6", "ipv6LinkMtuIgnored"));
        send(ra(0, new NdpOption.Mtu(1400)));
        assertEquals(1400, h.core().nic(id).mtu6());
    }

    @Test
    void validLifetime_followsTheTwoHourRule() {
        long t = net.now();
        send(ra(0, prefix(PREFIX, 64, LA, 3 * HOUR, HOUR)));
        assertEquals(t + 3 * HOUR * 1_000_000_000L, address().validUntil());

        t = net.now();
        send(ra(0, prefix(PREFIX, 64, LA, 60, 60)));
        assertEquals(t + 2 * HOUR * 1_000_000_000L, address().validUntil(), "rule 3: not below two hours");
        long twoHours = address().validUntil();

        send(ra(0, prefix(PREFIX, 64, LA, 60, 60)));
        assertEquals(twoHours, address().validUntil(), "rule 2: at most two hours left, unauthenticated: ignored");

        t = net.now();
        send(ra(0, prefix(PREFIX, 64, LA, 4 * HOUR, 60)));
        assertEquals(t + 4 * HOUR * 1_000_000_000L, address().validUntil(), "rule 1: above two hours");

        t = net.now();
        send(ra(0, prefix(PREFIX, 64, LA, 0, 0)));
        assertEquals(t + 2 * HOUR * 1_000_000_000L, address().validUntil(), "a zero cannot kill it");
        assertEquals(Ipv6AddressInfo.State.DEPRECATED, address().state(), "preferred lifetime 0: deprecated at once");

        send(ra(0, prefix(PREFIX, 64, LA, NdpLayout.INFINITE_LIFETIME, NdpLayout.INFINITE_LIFETIME)));
        assertEquals(Deadlines.NONE, address().validUntil());
        assertEquals(Deadlines.NONE, address().preferredUntil());
        assertEquals(Ipv6AddressInfo.State.PREFERRED, address().state(), "a renewed preferred lifetime");
    }

    @Test
    void routerLinkAddress_isHandedToTheNeighbourEngine_andZeroLifetimeRemovesTheRouter() {
        List<long[]> hints = new ArrayList<>();
        h.core().module(org.jwsk.net.internal.autoconf.Autoconf.class)
                .setNeighborHint((nic, hi, lo, mac, router, now) -> hints.add(new long[] {hi, lo, mac, router ? 1 : 0}));
        send(ra(1800, NdpOption.SourceLinkLayerAddress.of(MAC_R)));
        assertNotNull(route("::/0"));
        assertEquals(1, hints.size());
        assertEquals(ROUTER.lo(), hints.getFirst()[1]);
        assertEquals(MAC_R.value(), hints.getFirst()[2]);
        assertEquals(1, hints.getFirst()[3]);
        send(ra(0));
        assertNull(route("::/0"), "RFC 4861 §6.3.4: lifetime 0 times the router out at once");
        assertTrue(counter(h, "autoconf6", "ipv6DefaultRoutersRemoved") == 1);
    }
}
