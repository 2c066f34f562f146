package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.ReassemblyTest.counter;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.Medium;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.trace.TraceRecord;
import org.jwsk.link.trace.TracingLink;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.internal.Fragmentation;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.frag.FragmentEngine;
import org.jwsk.net.testing.Datagrams;
import org.jwsk.net.testing.RawHost;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ipv4.Ipv4Option;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6ExtensionRepr;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6Option;
import org.jwsk.wire.ipv6.Ipv6OptionsRepr;
import org.jwsk.wire.ipv6.Ipv6RoutingRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fragmentation at the sender and reassembly at the receiver between two stacks on a wire with a 1280-byte MTU, IP
 * medium and Ethernet (permanent neighbours), both families, both directions; then with reordering, duplication
 * and loss; then the shape of the fragments themselves (options, extension headers) as a raw host receives them.
 */
class FragmentationSimTest {

    static final int PROTO = NetStackTest.PROTO;
    static final int MTU = 1280;
    static final MacAddress MAC_A = NetStackTest.MAC_A;
    static final MacAddress MAC_B = NetStackTest.MAC_B;

    private final SimNet net = new SimNet(1280);
    private final List<TraceRecord> frames = new ArrayList<>();
    private RawHost raw;

    @AfterEach
    void close() {
        net.close();
        if (raw != null) {
            raw.close();
        }
    }

    record Hosts(NetStack a, NetStack b, TestTransport ta, TestTransport tb, InterfaceId ia, VirtualWire wire) {
    }

    private Hosts hosts(Medium medium, FaultConfig faults) {
        boolean eth = medium == Medium.ETHERNET;
        VirtualWire w = net.wire((eth ? WireConfig.ethernet("w") : WireConfig.ip("w")).withMtu(MTU).withFaults(faults));
        NetStack a = net.stack();
        NetStack b = net.stack();
        InterfaceId ia = a.addInterface(new TracingLink(w.endA(), frames::add), InterfaceConfig.of("w0",
                eth ? MAC_A : null, "192.0.2.1/24", "2001:db8::1/64").withIpv6(Ipv6Options.STATIC), net.now());
        InterfaceId ib = b.addInterface(new TracingLink(w.endB(), frames::add), InterfaceConfig.of("w0",
                eth ? MAC_B : null, "192.0.2.2/24", "2001:db8::2/64").withIpv6(Ipv6Options.STATIC), net.now());
        if (eth) { // neighbour discovery is another module's: permanent entries stand in for it
            a.addPermanentNeighbor(ia, IpAddress.parse("192.0.2.2"), MAC_B);
            a.addPermanentNeighbor(ia, IpAddress.parse("2001:db8::2"), MAC_B);
            b.addPermanentNeighbor(ib, IpAddress.parse("192.0.2.1"), MAC_A);
            b.addPermanentNeighbor(ib, IpAddress.parse("2001:db8::1"), MAC_A);
        }
        TestTransport ta = new TestTransport();
        TestTransport tb = new TestTransport();
        a.registerTransport(PROTO, ta);
        b.registerTransport(PROTO, tb);
        return new Hosts(a, b, ta, tb, ia, w);
    }

    private SendStatus send(NetStack from, String to, byte[] payload) {
        PacketBuf buf = from.pool().allocate(from.ip().headroom(), payload.length);
        buf.copyFrom(0, payload, 0, payload.length);
        return from.ip().send(from.defaultCompartment(), null, IpAddress.parse(to), PROTO, buf, net.now());
    }

    @ParameterizedTest
    @EnumSource(Medium.class)
    void eightThousandBytes_crossBothWays_inBothFamilies(Medium medium) {
        Hosts h = hosts(medium, FaultConfig.NONE);
        byte[] p = Datagrams.pattern(8000, 1);
        assertEquals(SendStatus.SENT, send(h.a(), "192.0.2.2", p));
        assertEquals(SendStatus.SENT, send(h.a(), "2001:db8::2", p));
        assertEquals(SendStatus.SENT, send(h.b(), "192.0.2.1", p));
        assertEquals(SendStatus.SENT, send(h.b(), "2001:db8::1", p));
        net.settle();
        for (TestTransport t : List.of(h.ta(), h.tb())) {
            assertEquals(2, t.received().size());
            t.received().forEach(r -> assertArrayEquals(p, r.payload()));
        }
        int largest = frames.stream().mapToInt(TraceRecord::length).max().orElseThrow();
        assertTrue(largest <= MTU + (medium == Medium.ETHERNET ? 14 : 0), "every frame fits the MTU: " + largest);
        assertEquals(1, counter(h.a(), "ipv4", "ipSystemStatsOutFragOKs"));
        assertEquals(7, counter(h.a(), "ipv4", "ipSystemStatsOutFragCreates"), "8000 / 1256 bytes a fragment");
        assertEquals(7, counter(h.a(), "ipv6", "ipSystemStatsOutFragCreates"), "8000 / 1232 bytes a fragment");
        assertEquals(1, counter(h.b(), "ipv4", "ipSystemStatsReasmOKs"));
        assertEquals(7, counter(h.b(), "ipv6", "ipSystemStatsReasmReqds"));
        assertEquals(0, counter(h.b(), "ipv4", "ipSystemStatsReasmFails"));
    }

    @Test
    void reorderedAndDuplicatedFragments_stillMakeEveryDatagramOnce() {
        Hosts h = hosts(Medium.IP, FaultConfig.NONE.withDelay(Duration.ofMillis(5), Duration.ofMillis(4))
                .withReordering(0.3).withDuplication(0.1));
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] p = Datagrams.pattern(3000 + i * 250, i);
            sent.add(p);
            send(h.a(), i % 2 == 0 ? "192.0.2.2" : "2001:db8::2", p);
            send(h.b(), i % 2 == 0 ? "192.0.2.1" : "2001:db8::1", p);
            net.run(Duration.ofMillis(3));
        }
        net.run(Duration.ofSeconds(90)); // long enough for late duplicates to time out too
        for (TestTransport t : List.of(h.ta(), h.tb())) {
            assertEquals(payloads(sent), payloads(t.received().stream().map(TestTransport.Received::payload).toList()));
            assertEquals(sent.size(), t.received().size(), "each exactly once");
        }
        assertTrue(h.wire().faultCounters(org.jwsk.link.virt.WireDirection.A_TO_B).snapshot().values().stream()
                .anyMatch(v -> v > 0), "the fault model did something");
        assertEquals(0, engine(h.a()).heldBytes());
        assertEquals(0, engine(h.b()).heldBytes());
    }

    @Test
    void lostFragments_timeOut_withTimeExceededToTheSender_andNothingHeldAfterwards() {
        Hosts h = hosts(Medium.ETHERNET, FaultConfig.NONE.withLoss(0.05));
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] p = Datagrams.pattern(8000, 100 + i);
            sent.add(p);
            send(h.a(), i % 2 == 0 ? "192.0.2.2" : "2001:db8::2", p);
            net.run(Duration.ofMillis(1));
        }
        net.run(Duration.ofSeconds(2));
        int delivered = h.tb().received().size();
        assertTrue(delivered > 0 && delivered < sent.size(), "some complete, some not: " + delivered);
        Set<String> all = payloads(sent);
        h.tb().received().forEach(r -> assertTrue(all.contains(Arrays.toString(r.payload())), "intact"));
        long oks = counter(h.b(), "ipv4", "ipSystemStatsReasmOKs") + counter(h.b(), "ipv6", "ipSystemStatsReasmOKs");
        assertEquals(delivered, oks);
        net.run(Duration.ofSeconds(61));
        long timeouts = counter(h.b(), "netdrops", "ipReasmTimeout");
        assertTrue(timeouts > 0 && timeouts <= sent.size() - delivered, "timeouts: " + timeouts);
        assertTrue(h.ta().errors().size() > 0 && h.ta().errors().size() <= timeouts);
        assertTrue(h.ta().errors().stream().allMatch(e -> e.kind() == IcmpErrorReport.Kind.TIME_EXCEEDED
                && e.code() == 1));
        assertEquals(0, engine(h.b()).heldBytes());
    }

    @Test
    void dontFragment_aboveTheMtu_isRefusedAtTheSource() {
        Hosts h = hosts(Medium.IP, FaultConfig.NONE);
        PacketBuf buf = h.a().pool().allocate(h.a().ip().headroom(), 2000);
        buf.copyFrom(0, Datagrams.pattern(2000, 1), 0, 2000);
        assertEquals(SendStatus.MESSAGE_TOO_BIG, h.a().ip().sendV4(h.a().defaultCompartment(), 0,
                Ipv4Address.parse("192.0.2.2").value(), PROTO, 64, 0, true, buf, net.now()));
        assertEquals(1, counter(h.a(), "ipv4", "ipSystemStatsOutFragFails"));
    }

    // ------------------------------------------------------------------------------- the fragments' shape

    /** A stack on end A of an IP wire with a 1280-byte MTU, a raw host on end B; returns the stack's interface. */
    private Nic senderToRaw(NetStack[] out) {
        VirtualWire w = net.wire(WireConfig.ip("w").withMtu(MTU));
        NetStack a = net.stack();
        InterfaceId ia = a.addInterface(w.endA(), InterfaceConfig.of("w0", null, "192.0.2.1/24", "2001:db8::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        raw = new RawHost(w.endB());
        out[0] = a;
        return a.core().nic(ia);
    }

    @Test
    void ipv4Fragments_carryOnlyCopiedOptionsAfterTheFirst() {
        NetStack[] a = new NetStack[1];
        Nic nic = senderToRaw(a);
        List<Ipv4Option> options = List.of(new Ipv4Option.RecordRoute(4, List.of(Ipv4Address.ANY, Ipv4Address.ANY)),
                new Ipv4Option.RouterAlert(0), new Ipv4Option.Nop(),
                new Ipv4Option.LooseSourceRoute(4, List.of(Ipv4Address.parse("192.0.2.9"))));
        byte[] payload = Datagrams.pattern(4000, 3);
        byte[] datagram = Datagrams.fragment4(Ipv4Address.parse("192.0.2.1"), Ipv4Address.parse("192.0.2.2"), PROTO,
                0x1234, 0, false, options, payload);
        Fragmentation f = a[0].core().fragmentation();
        assertEquals(SendStatus.SENT, f.fragment4(nic, toBuf(a[0], datagram), MTU, 0, -1, net.now()));
        List<byte[]> got = raw.received(net.now());
        Ipv4Repr first = parse4(got.getFirst());
        assertEquals(Ipv4Repr.parse(view4(datagram)).options(), first.options(), "the first carries them all");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] frag : got) {
            Ipv4Repr r = parse4(frag);
            assertTrue(frag.length <= MTU);
            assertEquals(0x1234, r.identification());
            assertEquals(data.size(), r.fragmentByteOffset(), "in order, no gap");
            assertTrue(view4(frag).checksumValid());
            if (frag != got.getFirst()) {
                assertEquals(first.copiedOptions(), r.options().stream().filter(o -> !(o instanceof Ipv4Option.Eol))
                        .toList(), "RFC 791 §3.1: only the copied options");
            }
            data.write(frag, r.headerLength(), r.payloadLength());
        }
        assertTrue(!parse4(got.getLast()).moreFragments());
        assertArrayEquals(payload, data.toByteArray());
        assertEquals(2, first.copiedOptions().size(), "router alert and loose source route");
    }

    @Test
    void ipv6Fragments_repeatThePerFragmentHeaders_andCarryTheWholeChainFirst() {
        NetStack[] a = new NetStack[1];
        Nic nic = senderToRaw(a);
        Ipv6Address src = Ipv6Address.parse("2001:db8::1");
        Ipv6Address dst = Ipv6Address.parse("2001:db8::2");
        List<Ipv6ExtensionRepr> chain = List.of(
                Ipv6OptionsRepr.padded(IpProtocol.HOPOPT, IpProtocol.IPV6_OPTS, List.of()),
                Ipv6OptionsRepr.padded(IpProtocol.IPV6_OPTS, IpProtocol.IPV6_ROUTE, List.of()),
                new Ipv6RoutingRepr(IpProtocol.IPV6_OPTS, 253, 0, Octets.of(new byte[4])),
                Ipv6OptionsRepr.padded(IpProtocol.IPV6_OPTS, PROTO, List.of()));
        byte[] payload = Datagrams.pattern(5000, 4);
        byte[] packet = Datagrams.ipv6(src, dst, 0, chain, PROTO, payload);
        int perFragment = 40 + 8 + 8 + 8;
        assertEquals(SendStatus.SENT, a[0].core().fragmentation().fragment6(nic, toBuf(a[0], packet), MTU, 0, 0, -1,
                net.now()));
        List<byte[]> got = raw.received(net.now());
        ByteArrayOutputStream fragmentable = new ByteArrayOutputStream();
        Ipv6HeaderWalker walker = new Ipv6HeaderWalker();
        for (byte[] frag : got) {
            assertTrue(frag.length <= MTU);
            walker.walkQuoted(MemorySegment.ofArray(frag), 0, frag.length);
            assertEquals(perFragment, walker.fragmentHeaderOffset(), "HbH, DestOpts, Routing before it");
            assertEquals(IpProtocol.IPV6_OPTS, walker.fragmentNextHeader(), "the DestOpts after the Routing header");
            assertArrayEquals(Arrays.copyOfRange(packet, 8, 40), Arrays.copyOfRange(frag, 8, 40), "addresses");
            assertArrayEquals(Arrays.copyOfRange(packet, 40, 56), Arrays.copyOfRange(frag, 40, 56));
            assertEquals(IpProtocol.IPV6_FRAG, frag[56] & 0xff, "the Routing header now names the Fragment header");
            assertEquals(fragmentable.size(), walker.fragmentOffsetBytes());
            fragmentable.write(frag, perFragment + 8, frag.length - perFragment - 8);
        }
        assertArrayEquals(Arrays.copyOfRange(packet, perFragment, packet.length), fragmentable.toByteArray());
        assertTrue(got.getFirst().length - perFragment - 8 >= 8 + 1, "the first carries DestOpts and the upper layer");
        assertEquals(1, counter(a[0], "ipv6", "ipSystemStatsOutFragOKs"));
    }

    @Test
    void ipv6ChainTooLongForTheFirstFragment_isNotSent() {
        NetStack[] a = new NetStack[1];
        Nic nic = senderToRaw(a);
        List<Ipv6Option> big = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            big.add(new Ipv6Option.Unknown(0x1e, Octets.of(new byte[250]))); // skippable (RFC 4727 experiment)
        }
        byte[] packet = Datagrams.ipv6(Ipv6Address.parse("2001:db8::1"), Ipv6Address.parse("2001:db8::2"), 0,
                List.of(Ipv6OptionsRepr.padded(IpProtocol.IPV6_OPTS, PROTO, big)), PROTO, Datagrams.pattern(600, 1));
        assertEquals(SendStatus.MESSAGE_TOO_BIG, a[0].core().fragmentation().fragment6(nic, toBuf(a[0], packet), MTU,
                0, 0, -1, net.now()));
        assertEquals(0, raw.received(net.now()).size(), "RFC 7112 §5: nothing rather than a broken first fragment");
        assertEquals(1, counter(a[0], "ipv6", "ipSystemStatsOutFragFails"));
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static PacketBuf toBuf(NetStack s, byte[] bytes) {
        PacketBuf b = s.pool().allocate(s.ip().headroom(), bytes.length);
        b.copyFrom(0, bytes, 0, bytes.length);
        return b;
    }

    private static Ipv4View view4(byte[] b) {
        MemorySegment seg = MemorySegment.ofArray(b);
        assertEquals(org.jwsk.wire.DropReason.NONE, Ipv4View.check(seg, 0, b.length));
        return new Ipv4View().wrap(seg, 0, b.length);
    }

    private static Ipv4Repr parse4(byte[] b) {
        return Ipv4Repr.parse(view4(b));
    }

    private static FragmentEngine engine(NetStack s) {
        return (FragmentEngine) s.core().fragmentation();
    }

    private static Set<String> payloads(List<byte[]> list) {
        Set<String> s = new HashSet<>();
        list.forEach(p -> s.add(Arrays.toString(p)));
        return s;
    }
}
