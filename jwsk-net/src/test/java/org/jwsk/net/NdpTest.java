package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.NeighborFixture.MAC_A;
import static org.jwsk.net.NeighborFixture.MAC_B;
import static org.jwsk.net.NeighborFixture.MAC_X;
import static org.jwsk.net.NeighborFixture.counter;
import static org.jwsk.net.NeighborFixture.entry;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.link.tap.testing.TestFrames;
import org.jwsk.net.NeighborInfo.State;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.net.testing.LinkTap;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.junit.jupiter.api.Test;

/** Neighbor Discovery's address resolution on a stack's interface, spoken to in raw frames: RFC 4861 §7. */
class NdpTest {

    private static final Ipv6Address A = Ipv6Address.parse("2001:db8::1");
    private static final Ipv6Address X = Ipv6Address.parse("2001:db8::77");

    private static void inject(NeighborFixture f, MacAddress dstMac, Ipv6Address src, Ipv6Address dst, int hopLimit,
                               Icmpv6Repr message) {
        f.tap.inject(TestFrames.ethernet(dstMac, MAC_X, EtherType.IPV6,
                TestFrames.ipv6Icmp(src, dst, hopLimit, message)));
    }

    private static NdpRepr.NeighborSolicitation ns(Ipv6Address target, NdpOption... options) {
        return new NdpRepr.NeighborSolicitation(target, List.of(options));
    }

    private static NdpRepr.NeighborAdvertisement na(boolean router, boolean solicited, boolean override,
                                                    Ipv6Address target, NdpOption... options) {
        return new NdpRepr.NeighborAdvertisement(router, solicited, override, target, List.of(options));
    }

    private static List<LinkTap.Ndp> advertisements(NeighborFixture f) {
        return f.tap.icmp6().stream().filter(d -> d.message() instanceof NdpRepr.NeighborAdvertisement).toList();
    }

    private static MacAddress solicitedNodeMac(Ipv6Address a) {
        return MacAddress.ofIpv6Multicast(a.solicitedNode());
    }

    @Test
    void solicitation_isAnsweredWithASolicitedAdvertisement_andTeachesTheSender() {
        try (NeighborFixture f = new NeighborFixture(31)) {
            f.quiet();
            inject(f, solicitedNodeMac(A), X, A.solicitedNode(), 255,
                    ns(A, NdpOption.SourceLinkLayerAddress.of(MAC_X)));
            f.net.settle();
            List<LinkTap.Ndp> adverts = advertisements(f);
            assertEquals(1, adverts.size());
            LinkTap.Ndp d = adverts.getFirst();
            assertEquals(na(false, true, true, A, NdpOption.TargetLinkLayerAddress.of(MAC_A)), d.message(),
                    "RFC 4861 §7.2.4: Solicited and Override, our link address");
            assertEquals(A, d.ip().src());
            assertEquals(X, d.ip().dst(), "unicast to the solicitation's source");
            assertEquals(MAC_X, d.eth().dst(), "at the link address the solicitation gave");
            assertEquals(255, d.ip().hopLimit());
            NeighborInfo learned = entry(f.a, f.ia, X.toString());
            assertEquals(MAC_X, learned.mac());
            assertEquals(State.DELAY, learned.state(), "STALE from the solicitation, DELAY once the answer went out");
        }
    }

    @Test
    void hopLimitOtherThan255_isInvalid_andDropped() {
        try (NeighborFixture f = new NeighborFixture(32)) {
            f.quiet();
            inject(f, solicitedNodeMac(A), X, A.solicitedNode(), 64,
                    ns(A, NdpOption.SourceLinkLayerAddress.of(MAC_X)));
            inject(f, MAC_A, X, A, 254, na(false, false, true, X, NdpOption.TargetLinkLayerAddress.of(MAC_X)));
            f.net.settle();
            assertTrue(advertisements(f).isEmpty());
            assertNull(entry(f.a, f.ia, X.toString()), "nothing learned from an off-link sender");
            assertEquals(2L, counter(f.a, "netdrops", "ipNdpInvalid"));
            assertEquals(2L, counter(f.a, "ndp", "inInvalid"));
            assertEquals(2L, counter(f.a, "icmp6", "icmpStatsInErrors"));
        }
    }

    @Test
    void theOtherValidityChecksOfSection7_1() {
        try (NeighborFixture f = new NeighborFixture(33)) {
            f.quiet();
            Ipv6Address multicast = Ipv6Address.parse("ff02::1");
            // NS: target multicast; from :: to a non-solicited-node address; from :: with a source address option
            inject(f, solicitedNodeMac(A), X, A.solicitedNode(), 255, ns(multicast));
            inject(f, MAC_A, Ipv6Address.ANY, A, 255, ns(A));
            inject(f, solicitedNodeMac(A), Ipv6Address.ANY, A.solicitedNode(), 255,
                    ns(A, NdpOption.SourceLinkLayerAddress.of(MAC_X)));
            // NA: Solicited flag on a multicast advertisement; multicast target
            inject(f, MacAddress.ofIpv6Multicast(multicast), X, multicast, 255, na(false, true, true, X));
            inject(f, MAC_A, X, A, 255, na(false, false, true, multicast));
            // a link-layer address option two units long: not an Ethernet address (RFC 2464 §6)
            inject(f, solicitedNodeMac(A), X, A.solicitedNode(), 255,
                    ns(A, new NdpOption.SourceLinkLayerAddress(Octets.of(new byte[14]))));
            f.net.settle();
            assertEquals(6L, counter(f.a, "netdrops", "ipNdpInvalid"));
            assertTrue(advertisements(f).isEmpty());
        }
    }

    @Test
    void solicitationFromUnspecified_forOurAddress_isAnsweredToAllNodes() {
        try (NeighborFixture f = new NeighborFixture(34)) {
            f.quiet();
            inject(f, solicitedNodeMac(A), Ipv6Address.ANY, A.solicitedNode(), 255, ns(A));
            f.net.settle();
            LinkTap.Ndp d = advertisements(f).getFirst();
            assertEquals(Ipv6Address.ALL_NODES, d.ip().dst(), "RFC 4861 §7.2.4: another node's DAD probe");
            assertFalse(((NdpRepr.NeighborAdvertisement) d.message()).solicited());
            assertEquals(MacAddress.parse("33:33:00:00:00:01"), d.eth().dst());
            assertEquals(1L, counter(f.a, "ndp", "inProbes"));
        }
    }

    /** What the DAD hook saw. */
    private record Seen(String kind, Ipv6Address target, boolean fromUnspecified, long nonce) {
    }

    @Test
    void messagesAboutATentativeAddress_goToDuplicateAddressDetection_andAreNotAnswered() {
        try (NeighborFixture f = new NeighborFixture(35)) {
            f.quiet();
            StackCore core = f.a.core();
            Nic nic = core.nic(f.ia);
            Addr6 tentative = nic.find6(A.hi(), A.lo());
            tentative.setState(Addr6.State.TENTATIVE);
            List<Seen> seen = new ArrayList<>();
            core.setDad(new StackCore.DadHook() {
                @Override
                public void onSolicitation(Nic n, Addr6 target, boolean fromUnspecified, long nonce, long now) {
                    seen.add(new Seen("NS", target.address(), fromUnspecified, nonce));
                }

                @Override
                public void onAdvertisement(Nic n, Addr6 target, long now) {
                    seen.add(new Seen("NA", target.address(), false, 0));
                }
            });
            Octets nonce = Octets.ofHex("0102030405a6");
            inject(f, solicitedNodeMac(A), Ipv6Address.ANY, A.solicitedNode(), 255,
                    ns(A, new NdpOption.Nonce(nonce)));
            inject(f, solicitedNodeMac(A), X, A.solicitedNode(), 255,
                    ns(A, NdpOption.SourceLinkLayerAddress.of(MAC_X)));
            inject(f, MacAddress.parse("33:33:00:00:00:01"), X, Ipv6Address.ALL_NODES, 255,
                    na(false, false, true, A, NdpOption.TargetLinkLayerAddress.of(MAC_X)));
            f.net.settle();
            assertEquals(List.of(new Seen("NS", A, true, 0x0102030405a6L), new Seen("NS", A, false, 0),
                    new Seen("NA", A, false, 0)), seen);
            assertTrue(advertisements(f).isEmpty(), "RFC 4862 §5.4: nobody is told about a tentative address");
            assertNull(entry(f.a, f.ia, X.toString()), "RFC 4862 §5.4.3: a solicitation for it is not learned from");
            assertEquals(3L, counter(f.a, "ndp", "inToDad"));
        }
    }

    @Test
    void advertisements_followTheStateTableOfSection7_2_5() {
        try (NeighborFixture f = new NeighborFixture(36)) {
            f.quiet();
            f.send(f.a, "2001:db8::2", "resolve");
            f.net.settle();
            Ipv6Address b = Ipv6Address.parse("2001:db8::2");
            assertEquals(State.REACHABLE, f.stateAtA(b.toString()));

            // O clear, another address: a REACHABLE entry only becomes STALE; the address is kept
            inject(f, MAC_A, b, A, 255, na(false, false, false, b, NdpOption.TargetLinkLayerAddress.of(MAC_X)));
            f.net.settle();
            assertEquals(State.STALE, f.stateAtA(b.toString()));
            assertEquals(MAC_B, entry(f.a, f.ia, b.toString()).mac());
            // S set, same address: REACHABLE
            inject(f, MAC_A, b, A, 255, na(false, true, false, b, NdpOption.TargetLinkLayerAddress.of(MAC_B)));
            f.net.settle();
            assertEquals(State.REACHABLE, f.stateAtA(b.toString()));
            // O set, S clear, another address: take it, STALE
            inject(f, MAC_A, b, A, 255, na(false, false, true, b, NdpOption.TargetLinkLayerAddress.of(MAC_X)));
            f.net.settle();
            assertEquals(State.STALE, f.stateAtA(b.toString()));
            assertEquals(MAC_X, entry(f.a, f.ia, b.toString()).mac());
            // no entry: an unsolicited advertisement is discarded
            inject(f, MAC_A, X, A, 255, na(false, false, true, X, NdpOption.TargetLinkLayerAddress.of(MAC_X)));
            f.net.settle();
            assertNull(entry(f.a, f.ia, X.toString()));
        }
    }

    @Test
    void routerThatStopsBeingOne_losesItsDefaultRoute() {
        try (NeighborFixture f = new NeighborFixture(37)) {
            f.quiet();
            Ipv6Address b = Ipv6Address.parse("2001:db8::2");
            Route viaB = new Route(IpPrefix.parse("::/0"), b, f.ia, 0, Route.Origin.ROUTER_ADVERTISEMENT);
            f.a.addRoute(viaB);
            f.send(f.a, "2001:db8::2", "resolve");
            f.net.settle();
            inject(f, MAC_A, b, A, 255, na(true, true, true, b, NdpOption.TargetLinkLayerAddress.of(MAC_B)));
            f.net.settle();
            assertTrue(entry(f.a, f.ia, b.toString()).router());
            assertTrue(f.a.routes(f.a.defaultCompartment(), 6).contains(viaB));
            inject(f, MAC_A, b, A, 255, na(false, true, true, b, NdpOption.TargetLinkLayerAddress.of(MAC_B)));
            f.net.settle();
            assertFalse(entry(f.a, f.ia, b.toString()).router());
            assertFalse(f.a.routes(f.a.defaultCompartment(), 6).contains(viaB),
                    "RFC 4861 §7.2.5: out of the Default Router List");
        }
    }

    @Test
    void newAddress_isAdvertisedOnce_unsolicited() {
        try (NeighborFixture f = new NeighborFixture(38)) {
            f.quiet();
            f.a.addAddress(f.ia, InterfaceAddress.parse("2001:db8::50/64"), f.net.now());
            f.net.settle();
            Ipv6Address added = Ipv6Address.parse("2001:db8::50");
            List<LinkTap.Ndp> adverts = advertisements(f);
            assertEquals(1, adverts.size());
            assertEquals(na(false, false, true, added, NdpOption.TargetLinkLayerAddress.of(MAC_A)),
                    adverts.getFirst().message(), "RFC 4861 §7.2.6: Override set, Solicited clear");
            assertEquals(Ipv6Address.ALL_NODES, adverts.getFirst().ip().dst());
            assertEquals(added, adverts.getFirst().ip().src());
        }
    }

    @Test
    void newAddressMadeTentativeByDad_isNotAdvertised() {
        try (NeighborFixture f = new NeighborFixture(39)) {
            f.quiet();
            f.a.core().addAddressObserver(new StackCore.AddressObserver() { // DAD, as its module would
                @Override
                public void onAdded6(Nic nic, Addr6 address, long now) {
                    address.setState(Addr6.State.TENTATIVE);
                }
            });
            f.a.addAddress(f.ia, InterfaceAddress.parse("2001:db8::51/64"), f.net.now());
            f.net.settle();
            assertTrue(advertisements(f).isEmpty());
        }
    }
}
