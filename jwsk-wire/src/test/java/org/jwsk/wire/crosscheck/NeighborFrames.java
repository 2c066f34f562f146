package org.jwsk.wire.crosscheck;

import static org.jwsk.wire.crosscheck.Headers.counting;
import static org.jwsk.wire.crosscheck.Headers.hopByHop;
import static org.jwsk.wire.crosscheck.Headers.hopByHopExactly;
import static org.jwsk.wire.crosscheck.Headers.v6;
import static org.jwsk.wire.crosscheck.Hosts.A6;
import static org.jwsk.wire.crosscheck.Hosts.A6_LL;
import static org.jwsk.wire.crosscheck.Hosts.A_MAC;
import static org.jwsk.wire.crosscheck.Hosts.B6;
import static org.jwsk.wire.crosscheck.Hosts.C6;
import static org.jwsk.wire.crosscheck.Hosts.C_MAC;
import static org.jwsk.wire.crosscheck.Hosts.DNS1;
import static org.jwsk.wire.crosscheck.Hosts.DNS2;
import static org.jwsk.wire.crosscheck.Hosts.PREFIX6;
import static org.jwsk.wire.crosscheck.Hosts.R2_6_LL;
import static org.jwsk.wire.crosscheck.Hosts.R2_MAC;
import static org.jwsk.wire.crosscheck.Hosts.R6;
import static org.jwsk.wire.crosscheck.Hosts.R6_LL;
import static org.jwsk.wire.crosscheck.Hosts.R_MAC;

import java.util.List;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.icmpv6.MldLayout;
import org.jwsk.wire.icmpv6.MldRecord;
import org.jwsk.wire.icmpv6.MldRepr;
import org.jwsk.wire.icmpv6.NdpLayout;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.ipv6.Ipv6Option;
import org.jwsk.wire.ipv6.Ipv6OptionType;
import org.jwsk.wire.ipv6.Ipv6OptionsRepr;

/**
 * Neighbor Discovery (RFC 4861: RS, RA with prefix, MTU, source link-layer and RDNSS options, NS for address
 * resolution and for DAD with a nonce, solicited and unsolicited NA, Redirect with a Redirected Header) and MLD
 * (RFC 2710 query, report and done; RFC 3810 general and group-and-source-specific queries, reports with every
 * record type), each as Linux sends it: hop limit 255 for NDP (RFC 4861 §6.1), hop limit 1, a link-local source
 * and a Hop-by-Hop Router Alert for MLD (RFC 2710 §3, RFC 3810 §5).
 */
final class NeighborFrames {

    /** Unicast-prefix-based groups (RFC 3306 §4) on 2001:db8::/32, so that they too are documentation addresses. */
    private static final Ipv6Address GROUP = Ipv6Address.parse("ff3e:20:2001:db8::1");
    private static final Ipv6Address GROUP2 = Ipv6Address.parse("ff3e:20:2001:db8::2");
    private static final Ipv6Address GROUP3 = Ipv6Address.parse("ff3e:20:2001:db8::3");
    private static final Ipv6Address SOURCE1 = Ipv6Address.parse("2001:db8:5::1");
    private static final Ipv6Address SOURCE2 = Ipv6Address.parse("2001:db8:5::2");
    private static final Ipv6Address SOURCE3 = Ipv6Address.parse("2001:db8:5::3");
    private static final int NDP_HOP_LIMIT = 255;

    private NeighborFrames() {
    }

    static List<Frame> frames() {
        return List.of(
                ndp("ndp-router-solicitation", A_MAC, A6_LL, Ipv6Address.ALL_ROUTERS, new NdpRepr.RouterSolicitation(
                        List.of(NdpOption.SourceLinkLayerAddress.of(A_MAC)))),
                ndp("ndp-router-advertisement", R_MAC, R6_LL, Ipv6Address.ALL_NODES, routerAdvertisement()),
                ndp("ndp-neighbor-solicitation", A_MAC, A6, R6.solicitedNode(), new NdpRepr.NeighborSolicitation(
                        R6, List.of(NdpOption.SourceLinkLayerAddress.of(A_MAC)))),
                ndp("ndp-neighbor-advertisement", R_MAC, R6, A6, new NdpRepr.NeighborAdvertisement(true, true, true,
                        R6, List.of(NdpOption.TargetLinkLayerAddress.of(R_MAC)))),
                // Duplicate address detection (RFC 4862 §5.4.2) with the nonce Linux adds (RFC 7527 §4.1).
                ndp("ndp-dad-solicitation", C_MAC, Ipv6Address.ANY, C6.solicitedNode(),
                        new NdpRepr.NeighborSolicitation(C6, List.of(new NdpOption.Nonce(Octets.ofHex("6a77736b2d31"))))),
                ndp("ndp-unsolicited-advertisement", C_MAC, C6, Ipv6Address.ALL_NODES,
                        new NdpRepr.NeighborAdvertisement(false, false, true, C6,
                                List.of(NdpOption.TargetLinkLayerAddress.of(C_MAC)))),
                redirect(),
                mld("mldv1-query", R_MAC, R6_LL, Ipv6Address.ALL_NODES, hopByHop(routerAlert()),
                        new MldRepr.V1Query(10_000, Ipv6Address.ANY)),
                mld("mldv1-report", A_MAC, A6_LL, GROUP, hopByHopExactly(routerAlert(), Ipv6Option.Pad1.INSTANCE,
                        Ipv6Option.Pad1.INSTANCE), new MldRepr.V1Report(GROUP)),
                mld("mldv1-done", A_MAC, A6_LL, Ipv6Address.ALL_ROUTERS, hopByHop(routerAlert()),
                        new MldRepr.V1Done(GROUP)),
                mld("mldv2-general-query", R_MAC, R6_LL, Ipv6Address.ALL_NODES, hopByHop(routerAlert()),
                        new MldRepr.V2Query(MldLayout.maxResponseCode(10_000), Ipv6Address.ANY, false, 2,
                                MldLayout.qqic(125), List.of())),
                // Exponential codes (RFC 3810 §5.1.3, §5.1.9): a delay of about 60 s, an interval of 300 s.
                mld("mldv2-group-and-source-query", R_MAC, R6_LL, GROUP, hopByHop(routerAlert()),
                        new MldRepr.V2Query(MldLayout.maxResponseCode(60_000), GROUP, true, 2, MldLayout.qqic(300),
                                List.of(SOURCE1, SOURCE2))),
                mld("mldv2-current-state-report", A_MAC, A6_LL, Ipv6Address.ALL_MLDV2_ROUTERS,
                        hopByHop(routerAlert()), new MldRepr.V2Report(List.of(
                                new MldRecord(MldLayout.MODE_IS_INCLUDE, GROUP, List.of(SOURCE1, SOURCE2)),
                                new MldRecord(MldLayout.MODE_IS_EXCLUDE, GROUP2, List.of())))),
                mld("mldv2-filter-change-report", A_MAC, A6_LL, Ipv6Address.ALL_MLDV2_ROUTERS,
                        hopByHop(routerAlert()), new MldRepr.V2Report(List.of(
                                new MldRecord(MldLayout.CHANGE_TO_INCLUDE_MODE, GROUP3, List.of(SOURCE3)),
                                new MldRecord(MldLayout.CHANGE_TO_EXCLUDE_MODE, GROUP2, List.of()),
                                new MldRecord(MldLayout.ALLOW_NEW_SOURCES, GROUP, List.of(SOURCE3)),
                                new MldRecord(MldLayout.BLOCK_OLD_SOURCES, GROUP, List.of(SOURCE1, SOURCE2))))));
    }

    private static NdpRepr.RouterAdvertisement routerAdvertisement() {
        return new NdpRepr.RouterAdvertisement(64, NdpLayout.RA_FLAG_OTHER, 1800, 30_000, 1_000, List.of(
                NdpOption.SourceLinkLayerAddress.of(R_MAC),
                new NdpOption.Mtu(1500),
                new NdpOption.PrefixInformation(64, NdpLayout.PREFIX_FLAG_ON_LINK | NdpLayout.PREFIX_FLAG_AUTONOMOUS,
                        2_592_000, 604_800, PREFIX6),
                new NdpOption.RecursiveDnsServer(3600, List.of(DNS1, DNS2)),
                // Route Information (RFC 4191 §2.3) for 2001:db8:1::/48: an option jwsk keeps uninterpreted.
                new NdpOption.Unknown(24, Octets.ofHex("3008 00000e10 20010db800010000"))));
    }

    /**
     * R tells A that B is better reached through R2 (RFC 4861 §8.2), quoting as much of A's packet as fits in
     * whole 8-byte units (RFC 4861 §4.6.3).
     */
    private static Frame redirect() {
        Built quoted = Ipv6Frames.udpPacket(A6, B6, 49440, counting(0x70, 24));
        NdpRepr.Redirect redirect = new NdpRepr.Redirect(R2_6_LL, B6, List.of(
                NdpOption.TargetLinkLayerAddress.of(R2_MAC), new NdpOption.RedirectedHeader(quoted.octets())));
        Built packet = new FrameBuilder().eth(A_MAC, R_MAC).ipv6(v6(R6_LL, A6, NDP_HOP_LIMIT))
                .icmpv6(redirect, quoted).build();
        return new Frame("ndp-redirect", packet, "eth:ethertype:ipv6:icmpv6:ipv6:udp:data");
    }

    private static Frame ndp(String name, MacAddress srcMac, Ipv6Address src, Ipv6Address dst, Icmpv6Repr message) {
        Built packet = new FrameBuilder().eth(Headers.ethernetFor(dst, R_MAC.equals(srcMac) ? A_MAC : R_MAC), srcMac)
                .ipv6(v6(src, dst, NDP_HOP_LIMIT)).icmpv6(message).build();
        return new Frame(name, packet, "eth:ethertype:ipv6:icmpv6");
    }

    private static Frame mld(String name, MacAddress srcMac, Ipv6Address src, Ipv6Address dst,
                             Ipv6OptionsRepr hopByHop, MldRepr message) {
        Built packet = new FrameBuilder().eth(Headers.ethernetFor(dst, R_MAC), srcMac).ipv6(v6(src, dst, 1))
                .ext(hopByHop).icmpv6(message).build();
        return new Frame(name, packet, "eth:ethertype:ipv6:ipv6.hopopts:icmpv6");
    }

    private static Ipv6Option routerAlert() {
        return new Ipv6Option.RouterAlert(Ipv6OptionType.ROUTER_ALERT_MLD);
    }
}
