package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.ControlFrames;
import org.jwsk.net.testing.FrameLog;
import org.jwsk.net.testing.SimNet;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.icmpv6.MldRepr;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Duplicate address detection (RFC 4862 §5.4, RFC 7527) between stacks on virtual Ethernet wires, with the stacks'
 * own neighbour discovery handing DAD the solicitations and advertisements about tentative addresses.
 */
class DadSimTest {

    static final MacAddress MAC_A = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress MAC_B = MacAddress.parse("02:00:00:00:00:0b");
    static final Ipv6Address LL_A = Ipv6Address.parse("fe80::ff:fe00:a");
    static final Ipv6Address ADDR = Ipv6Address.parse("2001:db8::7");
    /** Two probes per address, no router discovery. */
    static final Ipv6Options TWO_PROBES = new Ipv6Options(true, true, 2, false, 0);

    private final SimNet net = new SimNet(4862);

    @AfterEach
    void close() {
        net.close();
    }

    static Ipv6AddressInfo.State state(NetStack s, InterfaceId id, Ipv6Address a) {
        return s.ipv6Addresses(id).stream().filter(i -> i.address().address().equals(a)).findFirst()
                .map(Ipv6AddressInfo::state).orElse(null);
    }

    static long counter(NetStack s, String group, String name) {
        return s.counters().find(group).orElseThrow().snapshot().get(name);
    }

    /** A host on one end of a wire; a silent stack (IPv6 off) on the other. */
    private record Host(NetStack stack, InterfaceId id, FrameLog log, List<Ipv6AddressInfo> events) {
    }

    private Host host(FrameLog log, MacAddress mac, Ipv6Options options, VirtualWire w, boolean silentPeer) {
        NetStack s = net.stack();
        List<Ipv6AddressInfo> events = new ArrayList<>();
        s.setIpv6AddressListener((a, removed, now) -> events.add(a));
        InterfaceId id = s.addInterface(log, InterfaceConfig.of("e0", mac, new String[0]).withIpv6(options), net.now());
        if (silentPeer) {
            net.stack().addInterface(w.endB(), InterfaceConfig.of("e0", MAC_B, new String[0]).withIpv6(Ipv6Options.DISABLED),
                    net.now());
        }
        return new Host(s, id, log, events);
    }

    private Host host(Ipv6Options options) {
        VirtualWire w = net.wire(WireConfig.ethernet("e"));
        return host(FrameLog.of(w.endA()), MAC_A, options, w, true);
    }

    private static List<NdpRepr.NeighborSolicitation> probes(List<ControlFrames.Decoded> frames, Ipv6Address target) {
        return frames.stream().filter(d -> d.message() instanceof NdpRepr.NeighborSolicitation ns
                && ns.target().equals(target)).map(d -> (NdpRepr.NeighborSolicitation) d.message()).toList();
    }

    @Test
    void newAddresses_areTentative_probeFromUnspecifiedWithNonces_thenPreferred() {
        Host h = host(TWO_PROBES);
        h.stack().addAddress(h.id(), InterfaceAddress.parse("2001:db8::7/64"), net.now());
        assertEquals(Ipv6AddressInfo.State.TENTATIVE, state(h.stack(), h.id(), LL_A));
        assertEquals(Ipv6AddressInfo.State.TENTATIVE, state(h.stack(), h.id(), ADDR));
        assertFalse(h.stack().core().nic(h.id()).owns6(ADDR.hi(), ADDR.lo()), "a tentative address receives nothing");

        net.run(Duration.ofMillis(1999));
        assertEquals(Ipv6AddressInfo.State.TENTATIVE, state(h.stack(), h.id(), ADDR),
                "done at the earliest RetransTimer after the second probe, 2 s in");
        net.run(Duration.ofMillis(1001));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h.stack(), h.id(), LL_A));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h.stack(), h.id(), ADDR));

        List<ControlFrames.Decoded> frames = ControlFrames.decode(h.log().sent());
        for (Ipv6Address target : List.of(LL_A, ADDR)) {
            List<ControlFrames.Decoded> sent = frames.stream().filter(d -> d.message() instanceof NdpRepr.NeighborSolicitation ns
                    && ns.target().equals(target)).toList();
            assertEquals(2, sent.size(), "DupAddrDetectTransmits probes for " + target);
            for (ControlFrames.Decoded d : sent) {
                assertEquals(Ipv6Address.ANY, d.src(), "RFC 4862 §5.4.2: from the unspecified address");
                assertEquals(target.solicitedNode(), d.dst());
                assertEquals(MacAddress.ofIpv6Multicast(target.solicitedNode()), d.dstMac());
                assertEquals(255, d.hopLimit());
                List<NdpOption> options = ((NdpRepr.NeighborSolicitation) d.message()).options();
                assertEquals(1, options.size(), "a nonce, and no source link-layer address from ::");
                assertEquals(6, ((NdpOption.Nonce) options.getFirst()).nonce().length(), "RFC 7527 §4.1");
            }
            assertNotEquals(((NdpOption.Nonce) probes(frames, target).get(0).options().getFirst()).nonce(),
                    ((NdpOption.Nonce) probes(frames, target).get(1).options().getFirst()).nonce());
        }
        List<FrameLog.Frame> llProbes = h.log().sent().stream().filter(f -> ControlFrames.decode(f.bytes()).message()
                instanceof NdpRepr.NeighborSolicitation ns && ns.target().equals(LL_A)).toList();
        assertTrue(llProbes.getFirst().at() - ManualStart.AT < 1_000_000_000L, "first probe within MAX_RTR_SOLICITATION_DELAY");
        assertEquals(1_000_000_000L, llProbes.get(1).at() - llProbes.get(0).at(), "RetransTimer apart");
        assertEquals(2L, counter(h.stack(), "autoconf6", "ipv6DadSucceeded"));
        assertEquals(4L, counter(h.stack(), "autoconf6", "ipv6DadProbesOut"));
        assertEquals(List.of(Ipv6AddressInfo.State.TENTATIVE, Ipv6AddressInfo.State.TENTATIVE,
                Ipv6AddressInfo.State.PREFERRED, Ipv6AddressInfo.State.PREFERRED),
                h.events().stream().map(Ipv6AddressInfo::state).toList());
    }

    @Test
    void mldReportsForTheSolicitedNodeGroup_goFromUnspecifiedDuringDad_thenFromTheLinkLocal() {
        Host h = host(TWO_PROBES);
        net.run(Duration.ofSeconds(5));
        List<ControlFrames.Decoded> reports = ControlFrames.decode(h.log().sent()).stream()
                .filter(d -> d.message() instanceof MldRepr.V2Report).toList();
        assertTrue(reports.size() >= 3, reports.toString());
        assertEquals(Ipv6Address.ANY, reports.getFirst().src(), "RFC 3810 §5.2.13: no link-local address yet");
        assertEquals(LL_A, reports.getLast().src(), "re-announced once the link-local address passed DAD");
        assertTrue(reports.stream().allMatch(d -> d.hopLimit() == 1 && d.routerAlert() == 0
                && d.dst().equals(Ipv6Address.ALL_MLDV2_ROUTERS)));
    }

    @Test
    void secondStackClaimingAnAssignedAddress_marksItDuplicate_andCountsAndReportsIt() {
        VirtualWire w = net.wire(WireConfig.ethernet("e"));
        Host a = host(FrameLog.of(w.endA()), MAC_A, TWO_PROBES, w, false);
        Host b = host(FrameLog.of(w.endB()), MAC_B, TWO_PROBES, w, false);
        a.stack().addAddress(a.id(), InterfaceAddress.parse("2001:db8::7/64"), net.now());
        net.run(Duration.ofSeconds(4));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(a.stack(), a.id(), ADDR));

        b.stack().addAddress(b.id(), InterfaceAddress.parse("2001:db8::7/64"), net.now());
        net.run(Duration.ofSeconds(4));
        assertEquals(Ipv6AddressInfo.State.DUPLICATE, state(b.stack(), b.id(), ADDR));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(a.stack(), a.id(), ADDR), "the owner keeps it");
        assertEquals(1L, counter(b.stack(), "autoconf6", "ipv6DadDuplicates"));
        assertEquals(0L, counter(a.stack(), "autoconf6", "ipv6DadDuplicates"));
        assertEquals(Ipv6AddressInfo.State.DUPLICATE, b.events().getLast().state(), "reported to the listener");
        assertFalse(b.stack().core().nic(b.id()).owns6(ADDR.hi(), ADDR.lo()), "RFC 4862 §5.4.5: never used");
        assertEquals(1, probes(ControlFrames.decode(b.log().sent()), ADDR).size(), "no probe after the conflict");
    }

    @Test
    void aDuplicateAddress_isNeverUsedAsASource_neverAnsweredFor_neverAnnounced() {
        VirtualWire w = net.wire(WireConfig.ethernet("e"));
        Host a = host(FrameLog.of(w.endA()), MAC_A, TWO_PROBES, w, false);
        Host b = host(FrameLog.of(w.endB()), MAC_B, TWO_PROBES, w, false);
        a.stack().addAddress(a.id(), InterfaceAddress.parse("2001:db8::7/64"), net.now());
        net.run(Duration.ofSeconds(4));
        b.stack().addAddress(b.id(), InterfaceAddress.parse("2001:db8::7/64"), net.now());
        net.run(Duration.ofSeconds(4));
        assertEquals(Ipv6AddressInfo.State.DUPLICATE, state(b.stack(), b.id(), ADDR));

        MacAddress macC = MacAddress.parse("02:00:00:00:00:0c");
        NdpRepr.NeighborSolicitation resolve = new NdpRepr.NeighborSolicitation(ADDR,
                List.of(NdpOption.SourceLinkLayerAddress.of(macC)));
        a.log().inject(a.stack().pool(), ControlFrames.icmp6(macC, Ipv6Address.parse("fe80::c"), ADDR.solicitedNode(),
                255, false, resolve), net.now());
        NdpRepr.NeighborSolicitation probe = new NdpRepr.NeighborSolicitation(ADDR,
                List.of(new NdpOption.Nonce(org.jwsk.wire.Octets.ofHex("0a0b0c0d0e0f"))));
        a.log().inject(a.stack().pool(), ControlFrames.icmp6(macC, Ipv6Address.ANY, ADDR.solicitedNode(), 255, false,
                probe), net.now());
        net.run(Duration.ofSeconds(2));
        assertTrue(ControlFrames.decode(b.log().sent()).stream().noneMatch(d -> d.message()
                instanceof NdpRepr.NeighborAdvertisement na && na.target().equals(ADDR)),
                "b never answers for it (RFC 4862 §5.4.5) nor announces it");
        assertTrue(ControlFrames.decode(b.log().sent()).stream().noneMatch(d -> ADDR.equals(d.src())),
                "nor sends anything from it");
        NetStack sb = b.stack();
        assertEquals(SendStatus.BAD_SOURCE, sb.ip().sendV6(sb.defaultCompartment(), ADDR.hi(), ADDR.lo(),
                ADDR.hi(), ADDR.lo() + 1, NetStackTest.PROTO, IpSender.DEFAULT_HOP_LIMIT, 0, null,
                NetStackTest.payload(sb, "from the duplicate"), net.now()), "never a source, even asked for");
        assertNotEquals(ADDR, sb.ip().pathTo(sb.defaultCompartment(), IpAddress.parse("2001:db8::8"))
                .map(PathInfo::source).orElse(null), "never chosen as one");
    }

    @Test
    void twoStacksProbingAtOnce_neverBothAssignIt() {
        VirtualWire w = net.wire(WireConfig.ethernet("e"));
        Host a = host(FrameLog.of(w.endA()), MAC_A, TWO_PROBES, w, false);
        Host b = host(FrameLog.of(w.endB()), MAC_B, TWO_PROBES, w, false);
        a.stack().addAddress(a.id(), InterfaceAddress.parse("2001:db8::7/64"), net.now());
        b.stack().addAddress(b.id(), InterfaceAddress.parse("2001:db8::7/64"), net.now());
        net.run(Duration.ofSeconds(4));
        Ipv6AddressInfo.State sa = state(a.stack(), a.id(), ADDR);
        Ipv6AddressInfo.State sb = state(b.stack(), b.id(), ADDR);
        assertTrue(sa == Ipv6AddressInfo.State.DUPLICATE || sb == Ipv6AddressInfo.State.DUPLICATE, sa + " " + sb);
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(a.stack(), a.id(), LL_A), "distinct link-locals pass");
    }

    @Test
    void ourOwnProbesLoopedBack_areRecognizedByTheirNonce_andIgnored() {
        VirtualWire w = net.wire(WireConfig.ethernet("e"));
        Host h = host(FrameLog.echoing(w.endA()), MAC_A, TWO_PROBES, w, true);
        h.stack().addAddress(h.id(), InterfaceAddress.parse("2001:db8::7/64"), net.now());
        net.run(Duration.ofSeconds(4));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h.stack(), h.id(), LL_A));
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h.stack(), h.id(), ADDR));
        assertEquals(4L, counter(h.stack(), "autoconf6", "ipv6DadLoopedBackProbes"), "every probe came back");
        assertEquals(0L, counter(h.stack(), "autoconf6", "ipv6DadDuplicates"));
    }

    @Test
    void aProbeFromAnotherNode_withAForeignNonce_isADuplicate_butAddressResolutionIsNot() {
        VirtualWire w = net.wire(WireConfig.ethernet("e"));
        FrameLog log = FrameLog.of(w.endA());
        Host h = host(log, MAC_A, TWO_PROBES, w, false);
        NetStack peer = net.stack();
        FrameLog peerLog = FrameLog.of(w.endB());
        peer.addInterface(peerLog, InterfaceConfig.of("e0", MAC_B, new String[0]).withIpv6(Ipv6Options.DISABLED), net.now());
        h.stack().addAddress(h.id(), InterfaceAddress.parse("2001:db8::7/64"), net.now());
        NdpRepr.NeighborSolicitation resolve = new NdpRepr.NeighborSolicitation(ADDR,
                List.of(NdpOption.SourceLinkLayerAddress.of(MAC_B)));
        peerLog.inject(peer.pool(), ControlFrames.icmp6(MAC_B, Ipv6Address.parse("fe80::b"), ADDR.solicitedNode(), 255,
                false, resolve), net.now());
        net.run(Duration.ofMillis(10));
        assertEquals(Ipv6AddressInfo.State.TENTATIVE, state(h.stack(), h.id(), ADDR), "RFC 4862 §5.4.3: resolution");

        NdpRepr.NeighborSolicitation probe = new NdpRepr.NeighborSolicitation(ADDR,
                List.of(new NdpOption.Nonce(org.jwsk.wire.Octets.ofHex("0102030405ff"))));
        peerLog.inject(peer.pool(), ControlFrames.icmp6(MAC_B, Ipv6Address.ANY, ADDR.solicitedNode(), 255, false, probe),
                net.now());
        net.run(Duration.ofMillis(10));
        assertEquals(Ipv6AddressInfo.State.DUPLICATE, state(h.stack(), h.id(), ADDR));
    }

    @Test
    void addressRemovedWhileTentative_stopsProbing() {
        Host h = host(TWO_PROBES);
        h.stack().addAddress(h.id(), InterfaceAddress.parse("2001:db8::7/64"), net.now());
        net.run(Duration.ofMillis(1500));
        assertTrue(h.stack().removeAddress(h.id(), IpAddress.parse("2001:db8::7"), net.now()));
        int before = probes(ControlFrames.decode(h.log().sent()), ADDR).size();
        net.run(Duration.ofSeconds(5));
        assertEquals(before, probes(ControlFrames.decode(h.log().sent()), ADDR).size());
        assertEquals(1L, counter(h.stack(), "autoconf6", "ipv6DadSucceeded"), "only the link-local address");
    }

    @Test
    void withoutDad_addressesArePreferredAtOnce_andNothingProbes() {
        Host h = host(new Ipv6Options(true, true, 0, false, 0));
        h.stack().addAddress(h.id(), InterfaceAddress.parse("2001:db8::7/64"), net.now());
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(h.stack(), h.id(), ADDR));
        net.run(Duration.ofSeconds(3));
        assertTrue(probes(ControlFrames.decode(h.log().sent()), ADDR).isEmpty());
        assertEquals(0L, counter(h.stack(), "autoconf6", "ipv6DadStarted"));
    }

    @Test
    void ipLinks_runNoDad_likeLinuxOnNoArpDevices() {
        VirtualWire w = net.wire(WireConfig.ip("w"));
        NetStack s = net.stack();
        InterfaceId id = s.addInterface(w.endA(), InterfaceConfig.of("w0", null, "2001:db8::7/64")
                .withIpv6(TWO_PROBES), net.now());
        assertEquals(Ipv6AddressInfo.State.PREFERRED, state(s, id, ADDR));
    }

    /** Where the SimNet clock starts (ManualClock's first reading). */
    private static final class ManualStart {
        static final long AT = org.jwsk.common.time.ManualClock.START_NANOS;
    }
}
