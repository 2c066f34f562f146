package org.jwsk.net.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireDirection;
import org.jwsk.net.InterfaceConfig;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.Ipv6Options;
import org.jwsk.net.NetStack;
import org.jwsk.net.Route;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.pcap.CaptureRecord;
import org.jwsk.wire.pcap.Direction;
import org.jwsk.wire.pcap.LinkType;
import org.jwsk.wire.pcap.PcapngInterface;
import org.jwsk.wire.pcap.PcapngReader;
import org.junit.jupiter.api.Test;

/** The simulation harness itself: determinism, impairments, capture kept or dropped, invariants, leak checks. */
class SimNetTest {

    private static final int PROTO = 253;
    private static final Path DIR = SimNetExtension.CAPTURE_ROOT.resolve("SimNetTest");

    /** Two hosts on one Ethernet wire: 192.0.2.1 and .2, 2001:db8::1 and ::2. */
    private record Pair(NetStack a, NetStack b, TestTransport tb, VirtualWire wire) {
    }

    private static Pair pair(SimNet net) {
        VirtualWire w = net.ethernet("w");
        NetStack a = net.stack("a");
        NetStack b = net.stack("b");
        net.attach(a, w.endA(), InterfaceConfig.of("e", MacAddress.parse("02:00:00:00:09:0a"), "192.0.2.1/24",
                "2001:db8::1/64").withIpv6(Ipv6Options.STATIC));
        net.attach(b, w.endB(), InterfaceConfig.of("e", MacAddress.parse("02:00:00:00:09:0b"), "192.0.2.2/24",
                "2001:db8::2/64").withIpv6(Ipv6Options.STATIC));
        TestTransport tb = new TestTransport();
        b.registerTransport(PROTO, tb);
        return new Pair(a, b, tb, w);
    }

    /** Sends 200 numbered datagrams over a lossy, jittery, duplicating wire; returns what arrived, in order. */
    private static List<String> lossyRun(long seed) {
        SimNet net = new SimNet(seed, SimNet.Options.DEFAULTS.withFaults(FaultConfig.NONE.withLoss(0.2)
                .withDelay(Duration.ofMillis(3), Duration.ofMillis(2)).withDuplication(0.1)));
        try {
            Pair p = pair(net);
            for (int i = 0; i < 200; i++) {
                TestTransport.send(p.a(), p.a().defaultCompartment(), null, i % 2 == 0 ? "192.0.2.2" : "2001:db8::2",
                        PROTO, "m" + i, net.now());
                net.run(Duration.ofMillis(1));
            }
            net.settle();
            List<String> out = new ArrayList<>(p.tb().texts());
            out.add("dropped=" + p.wire().faultCounters(WireDirection.A_TO_B).snapshot().get("faultDropped"));
            return out;
        } finally {
            net.close();
        }
    }

    @Test
    void sameSeed_sameRun_otherSeed_otherRun() {
        List<String> first = lossyRun(99);
        assertEquals(first, lossyRun(99));
        assertNotEquals(first, lossyRun(100));
        int delivered = first.size() - 1;
        assertTrue(delivered > 100 && delivered < 260, "20% loss, 10% duplication: " + delivered);
    }

    @Test
    void impairments_canChangeWhileItRuns() {
        SimNet net = new SimNet(3);
        try {
            Pair p = pair(net);
            net.impair(p.wire(), FaultConfig.NONE.withLoss(1.0));
            TestTransport.send(p.a(), p.a().defaultCompartment(), null, "192.0.2.2", PROTO, "lost", net.now());
            net.settle();
            net.impair(p.wire(), FaultConfig.NONE);
            TestTransport.send(p.a(), p.a().defaultCompartment(), null, "192.0.2.2", PROTO, "kept", net.now());
            net.settle();
            assertEquals(List.of("kept"), p.tb().texts());
        } finally {
            net.close();
        }
    }

    @Test
    void captureOfEveryWireEnd_keptWhenTheTestFails() throws IOException {
        Path file = DIR.resolve("kept.pcapng");
        AssertionError failure = assertThrows(AssertionError.class, () -> SimNet.simulate(42,
                SimNet.Options.DEFAULTS.withCapture(file), net -> {
                    Pair p = pair(net);
                    TestTransport.send(p.a(), p.a().defaultCompartment(), null, "192.0.2.2", PROTO, "x", net.now());
                    TestTransport.send(p.a(), p.a().defaultCompartment(), null, "2001:db8::2", PROTO, "y", net.now());
                    net.settle();
                    throw new AssertionError("the test found a bug");
                }));
        assertTrue(Files.exists(file), "kept for the post-mortem");
        String note = Arrays.stream(failure.getSuppressed()).map(Throwable::getMessage).findFirst().orElseThrow();
        assertTrue(note.contains("seed 42") && note.contains(file.getFileName().toString()), note);
        assertTrue(note.contains("== stack a"), "the stacks' state is in the note");
        try (PcapngReader r = PcapngReader.open(file)) {
            List<CaptureRecord> records = new ArrayList<>();
            for (CaptureRecord rec = r.next(); rec != null; rec = r.next()) {
                if (carriesProto(rec)) { // the test's packets; neighbour discovery's announcements are there too
                    records.add(rec);
                }
            }
            List<String> names = r.interfaces().stream().map(PcapngInterface::name).toList();
            assertEquals(List.of("w.a", "w.b"), names);
            assertTrue(r.interfaces().stream().allMatch(i -> i.linkType() == LinkType.ETHERNET));
            assertEquals(4, records.size(), "two frames, each seen leaving A and reaching B");
            assertEquals(2, records.stream().filter(x -> x.interfaceId() == 0
                    && x.direction() == Direction.OUTBOUND).count());
            assertEquals(2, records.stream().filter(x -> x.interfaceId() == 1
                    && x.direction() == Direction.INBOUND).count());
        }
        Files.delete(file);
    }

    @Test
    void capture_deletedWhenTheTestPasses() {
        Path file = DIR.resolve("deleted.pcapng");
        SimNet.simulate(43, SimNet.Options.DEFAULTS.withCapture(file), net -> {
            Pair p = pair(net);
            TestTransport.send(p.a(), p.a().defaultCompartment(), null, "192.0.2.2", PROTO, "x", net.now());
            net.settle();
            assertTrue(Files.exists(file));
        });
        assertFalse(Files.exists(file));
    }

    @Test
    void aBrokenInvariant_stopsTheRun_namingItAndTheSeed() {
        SimNet net = new SimNet(44);
        try {
            Pair p = pair(net);
            net.addInvariant("nothing arrives", n -> assertTrue(p.tb().received().isEmpty(), "something arrived"));
            TestTransport.send(p.a(), p.a().defaultCompartment(), null, "192.0.2.2", PROTO, "x", net.now());
            AssertionError e = assertThrows(AssertionError.class, net::settle);
            assertTrue(e.getMessage().contains("'nothing arrives'") && e.getMessage().contains("seed 44"),
                    e.getMessage());
        } finally {
            net.close();
        }
    }

    @Test
    void buffersHeldOnAQuietNetwork_areReported() {
        SimNet net = new SimNet(45);
        try {
            Pair p = pair(net);
            net.settle();
            net.assertAllBuffersReturned();
            PacketBuf held = p.a().pool().allocate(10);
            AssertionError e = assertThrows(AssertionError.class, net::assertAllBuffersReturned);
            assertTrue(e.getMessage().contains("a: 1"), e.getMessage());
            held.release();
        } finally {
            net.close();
        }
    }

    @Test
    void permanentNeighbors_followAddressesAddedLater_dynamicModeInstallsNone() {
        SimNet net = new SimNet(46);
        try {
            Pair p = pair(net);
            InterfaceId be = p.b().interfaceNamed("e");
            p.b().addAddress(be, org.jwsk.net.InterfaceAddress.parse("198.51.100.2/24"), net.now());
            InterfaceId ae = p.a().interfaceNamed("e");
            p.a().addRoute(Route.via(IpPrefix.parse("203.0.113.0/24"), IpAddress.parse("198.51.100.2"), ae));
            p.a().addAddress(ae, org.jwsk.net.InterfaceAddress.parse("198.51.100.1/24"), net.now());
            assertTrue(TestTransport.send(p.a(), p.a().defaultCompartment(), null, "198.51.100.2", PROTO, "late",
                    net.now()).isOk());
            net.settle();
            assertEquals(List.of("late"), p.tb().texts());
        } finally {
            net.close();
        }
        SimNet dynamic = new SimNet(47, SimNet.Options.DEFAULTS.withNeighbors(SimNet.Neighbors.DYNAMIC));
        try {
            Pair p = pair(dynamic);
            TestTransport.send(p.a(), p.a().defaultCompartment(), null, "192.0.2.2", PROTO, "x", dynamic.now());
            dynamic.settle();
            boolean delivered = !p.tb().texts().isEmpty();
            boolean unresolved = p.a().snapshot(dynamic.now()).counter("netdrops", "ipNoLinkAddress") == 1;
            assertTrue(delivered != unresolved, "the stack's own ARP resolved it, or (without ARP) the send was "
                    + "dropped for want of a link address; the simulation installed nothing either way");
        } finally {
            dynamic.close();
        }
    }

    @Test
    void probes_speakRawFrames() {
        SimNet net = new SimNet(48);
        try {
            VirtualWire w = net.ip("raw");
            NetStack s = net.stack("s");
            net.attach(s, w.endA(), InterfaceConfig.of("e", null, "192.0.2.1/24").withIpv6(Ipv6Options.DISABLED));
            Probe p = net.probe(w.endB());
            TestTransport t = new TestTransport();
            s.registerTransport(PROTO, t);
            p.inject(TestPackets.ipv4("192.0.2.9", "192.0.2.1", PROTO, 64, new byte[] {7}));
            p.inject(TestPackets.ipv4("192.0.2.9", "192.0.2.1", 200, 64, new byte[] {8}));
            net.settle();
            assertEquals(1, t.received().size());
            assertEquals(1, p.received().size(), "the protocol unreachable came back");
            assertEquals(1, p.received().getFirst()[9], "ICMP");
        } finally {
            net.close();
        }
    }

    /** Whether a captured Ethernet frame carries an IPv4 or IPv6 packet of the test's protocol. */
    private static boolean carriesProto(CaptureRecord rec) {
        byte[] f = rec.data().toByteArray();
        int type = f.length >= 14 ? (f[12] & 0xff) << 8 | (f[13] & 0xff) : 0;
        return (type == 0x0800 && f.length > 23 && (f[23] & 0xff) == PROTO)
                || (type == 0x86dd && f.length > 20 && (f[20] & 0xff) == PROTO);
    }
}
