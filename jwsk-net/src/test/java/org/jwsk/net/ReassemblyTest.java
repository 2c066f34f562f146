package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.internal.frag.FragmentEngine;
import org.jwsk.net.testing.Datagrams;
import org.jwsk.net.testing.RawHost;
import org.jwsk.net.testing.SimNet;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.ipv4.Ipv4Layout;
import org.jwsk.wire.ipv6.Ipv6ExtensionRepr;
import org.jwsk.wire.ipv6.Ipv6FragmentRepr;
import org.jwsk.wire.ipv6.Ipv6OptionsRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reassembly on the receive path, fed fragments crafted byte by byte by a raw host on an IP wire: order, duplicates,
 * overlaps, inconsistent lengths, timeouts with their ICMP errors, the first-fragment rule, size and memory limits,
 * ECN, for both families.
 */
class ReassemblyTest {

    static final int PROTO = NetStackTest.PROTO;
    static final Ipv4Address RAW4 = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address HOST4 = Ipv4Address.parse("192.0.2.2");
    static final Ipv6Address RAW6 = Ipv6Address.parse("2001:db8::1");
    static final Ipv6Address HOST6 = Ipv6Address.parse("2001:db8::2");

    /** What a transport saw: version, traffic class and payload. */
    record Delivery(int version, int trafficClass, byte[] payload) {
    }

    private final SimNet net = new SimNet(11);
    private final List<Delivery> delivered = new ArrayList<>();
    private NetStack host;
    private RawHost raw;

    @BeforeEach
    void build() {
        build(BufPoolConfig.defaults("raw"));
    }

    private void build(BufPoolConfig rawPool) {
        VirtualWire w = net.wire(WireConfig.ip("w"));
        host = net.stack();
        host.addInterface(w.endB(), InterfaceConfig.of("w0", null, "192.0.2.2/24", "2001:db8::2/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        host.registerTransport(PROTO, (rx, payload, now) -> {
            delivered.add(new Delivery(rx.version(), rx.trafficClass(), payload.toByteArray()));
            payload.release();
            return true;
        });
        raw = new RawHost(w.endA(), rawPool);
    }

    @AfterEach
    void close() {
        net.close();
        raw.close();
    }

    /** Sends the frames and lets the host take them: a millisecond of virtual time, so timeouts stay far. */
    private void send(List<byte[]> frames) {
        raw.sendAll(frames, net.now());
        net.run(Duration.ofMillis(1));
    }

    private void send(byte[]... frames) {
        send(List.of(frames));
    }

    static long counter(NetStack s, String group, String name) {
        return s.counters().find(group).orElseThrow().snapshot().get(name);
    }

    private FragmentEngine engine() {
        return (FragmentEngine) host.core().fragmentation();
    }

    // ------------------------------------------------------------------------------------------------- order

    @Test
    void ipv4_fragmentsInAnyOrder_reassembleExactly() {
        byte[] payload = Datagrams.pattern(3000, 1);
        List<byte[]> inOrder = Datagrams.fragments4(RAW4, HOST4, PROTO, 100, payload, 1000);
        List<byte[]> reversed = new ArrayList<>(Datagrams.fragments4(RAW4, HOST4, PROTO, 101, payload, 1000));
        Collections.reverse(reversed);
        List<byte[]> middleFirst = Datagrams.fragments4(RAW4, HOST4, PROTO, 102, payload, 1000);
        send(inOrder);
        send(reversed);
        send(middleFirst.get(1), middleFirst.get(2), middleFirst.get(0));
        assertEquals(3, delivered.size());
        delivered.forEach(d -> assertArrayEquals(payload, d.payload()));
        assertEquals(9, counter(host, "ipv4", "ipSystemStatsReasmReqds"));
        assertEquals(3, counter(host, "ipv4", "ipSystemStatsReasmOKs"));
        assertEquals(0, engine().heldBytes());
    }

    @Test
    void ipv6_fragmentsInAnyOrder_reassembleExactly() {
        byte[] payload = Datagrams.pattern(4000, 2);
        List<byte[]> frags = new ArrayList<>(Datagrams.fragments6(RAW6, HOST6, PROTO, 0x8000_0001, payload, 1232));
        Collections.reverse(frags);
        send(frags);
        assertEquals(1, delivered.size());
        assertEquals(6, delivered.getFirst().version());
        assertArrayEquals(payload, delivered.getFirst().payload());
        assertEquals(1, counter(host, "ipv6", "ipSystemStatsReasmOKs"));
        assertEquals(0, engine().pendingDatagrams());
    }

    static Stream<FragCase> cases() {
        return RandomCases.of(5722, 40, FragCase::random);
    }

    /** A datagram cut at random, its fragments shuffled, some sent twice before it completes. */
    record FragCase(int version, byte[] payload, int piece, long seed) {
        static FragCase random(RandomGenerator r) {
            int version = r.nextBoolean() ? 4 : 6;
            int length = 16 + r.nextInt(20_000);
            int fewest = Math.max(1, (length / 100 + 7) / 8); // at most 100 fragments: one datagram's memory limit
            int most = Math.min((length - 1) / 8, version == 4 ? 182 : 179); // at least two fragments; within 1500
            return new FragCase(version, Datagrams.pattern(length, r.nextInt()),
                    8 * (fewest + r.nextInt(Math.max(1, most - fewest + 1))), r.nextLong());
        }

        @Override
        public String toString() {
            return "v" + version + " " + payload.length + " bytes in pieces of " + piece + ", seed " + seed;
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void anyCut_anyOrder_withDuplicates_reassemblesOnce(FragCase c) {
        List<byte[]> frags = new ArrayList<>(c.version() == 4
                ? Datagrams.fragments4(RAW4, HOST4, PROTO, 7, c.payload(), c.piece())
                : Datagrams.fragments6(RAW6, HOST6, PROTO, 7, c.payload(), c.piece()));
        SplittableRandom r = new SplittableRandom(c.seed());
        Collections.shuffle(frags, r);
        int originals = frags.size();
        for (int i = 0; i < originals - 1; i++) {
            if (r.nextInt(4) == 0) { // a copy anywhere before the fragment that completes the datagram
                frags.add(r.nextInt(frags.size()), frags.get(i));
            }
        }
        assertTrue(originals >= 2, c.toString());
        send(frags);
        assertEquals(1, delivered.size(), c.toString());
        assertArrayEquals(c.payload(), delivered.getFirst().payload());
        assertEquals(0, engine().heldBytes());
    }

    // ------------------------------------------------------------------------------------- overlaps and dups

    @Test
    void overlap_dropsTheWholeDatagram_inBothFamilies() {
        byte[] a = Datagrams.pattern(1000, 3);
        byte[] b = Datagrams.pattern(1008, 4);
        send(Datagrams.fragment4(RAW4, HOST4, PROTO, 5, 0, true, 0, a),
                Datagrams.fragment4(RAW4, HOST4, PROTO, 5, 992, false, 0, b));
        send(Datagrams.fragment6(RAW6, HOST6, PROTO, 5, 0, true, 0, a),
                Datagrams.fragment6(RAW6, HOST6, PROTO, 5, 992, false, 0, b));
        assertEquals(0, delivered.size());
        assertEquals(2, counter(host, "netdrops", "ipReasmOverlap"));
        assertEquals(1, counter(host, "ipv4", "ipSystemStatsReasmFails"));
        assertEquals(1, counter(host, "ipv6", "ipSystemStatsReasmFails"));
        assertEquals(0, engine().heldBytes());
        assertEquals(0, engine().pendingDatagrams(), "nothing of the datagram is kept (RFC 5722 §4)");
    }

    @Test
    void exactDuplicate_isDroppedAlone_andTheDatagramCompletes() {
        byte[] payload = Datagrams.pattern(2000, 5);
        List<byte[]> f = Datagrams.fragments4(RAW4, HOST4, PROTO, 9, payload, 1000);
        send(f.get(0), f.get(0), f.get(1));
        assertEquals(1, delivered.size());
        assertArrayEquals(payload, delivered.getFirst().payload());
        assertEquals(1, counter(host, "netdrops", "ipReasmDuplicate"));
        assertEquals(0, counter(host, "ipv4", "ipSystemStatsReasmFails"));
    }

    @Test
    void sameRangeWithOtherBytes_isAnOverlap() {
        byte[] first = Datagrams.pattern(1000, 6);
        byte[] forged = first.clone();
        forged[500] ^= 1;
        send(Datagrams.fragment6(RAW6, HOST6, PROTO, 3, 0, true, 0, first),
                Datagrams.fragment6(RAW6, HOST6, PROTO, 3, 0, true, 0, forged),
                Datagrams.fragment6(RAW6, HOST6, PROTO, 3, 1000, false, 0, Datagrams.pattern(10, 7)));
        assertEquals(0, delivered.size());
        assertEquals(1, counter(host, "netdrops", "ipReasmOverlap"));
        assertEquals(0, counter(host, "netdrops", "ipReasmDuplicate"));
    }

    @Test
    void contradictoryLastFragments_dropTheDatagram() {
        send(Datagrams.fragment4(RAW4, HOST4, PROTO, 4, 1000, false, 0, Datagrams.pattern(100, 1)),
                Datagrams.fragment4(RAW4, HOST4, PROTO, 4, 2000, false, 0, Datagrams.pattern(100, 1)));
        assertEquals(1, counter(host, "netdrops", "ipReasmOverlap"));
        send(Datagrams.fragment4(RAW4, HOST4, PROTO, 8, 1000, false, 0, Datagrams.pattern(100, 1)),
                Datagrams.fragment4(RAW4, HOST4, PROTO, 8, 1096, true, 0, Datagrams.pattern(8, 1)));
        assertEquals(2, counter(host, "netdrops", "ipReasmOverlap"), "data beyond the last fragment");
        assertEquals(0, engine().heldBytes());
    }

    @Test
    void ipv4FragmentNotAMultipleOf8_isDroppedAlone() {
        send(Datagrams.fragment4(RAW4, HOST4, PROTO, 12, 0, true, 0, Datagrams.pattern(1001, 1)));
        assertEquals(1, counter(host, "netdrops", "ipReasmBadFragment"));
        assertEquals(0, engine().pendingDatagrams());
    }

    // ---------------------------------------------------------------------------------------------- timeouts

    @Test
    void timeout_withFragmentZero_sendsTimeExceededCode1_toTheSource() {
        send(Datagrams.fragment4(RAW4, HOST4, PROTO, 0x4242, 0, true, 0, Datagrams.pattern(800, 1)),
                Datagrams.fragment6(RAW6, HOST6, PROTO, 0x4343, 0, true, 0, Datagrams.pattern(800, 1)));
        net.run(Duration.ofSeconds(29));
        assertEquals(2, engine().pendingDatagrams());
        net.run(Duration.ofSeconds(2)); // IPv4 times out at 30 s (Linux), IPv6 at 60 s (RFC 8200 §4.5)
        assertEquals(1, engine().pendingDatagrams());
        byte[] icmp = raw.received(net.now()).getLast();
        assertEquals(IpProtocol.ICMP, icmp[9]);
        assertEquals(11, icmp[20], "time exceeded");
        assertEquals(1, icmp[21], "code 1: fragment reassembly time exceeded");
        assertEquals(0x4242, (icmp[28 + 4] & 0xff) << 8 | (icmp[28 + 5] & 0xff), "quotes fragment zero");
        net.run(Duration.ofSeconds(30));
        byte[] icmp6 = raw.received(net.now()).getLast();
        assertEquals(IpProtocol.ICMPV6, icmp6[6]);
        assertEquals(3, icmp6[40], "ICMPv6 time exceeded");
        assertEquals(1, icmp6[41], "code 1");
        assertEquals(1, counter(host, "ipv4", "ipSystemStatsReasmFails"));
        assertEquals(1, counter(host, "ipv6", "ipSystemStatsReasmFails"));
        assertEquals(2, counter(host, "netdrops", "ipReasmTimeout"));
        assertEquals(0, engine().heldBytes());
    }

    @Test
    void timeout_withoutFragmentZero_isSilent() {
        send(Datagrams.fragment4(RAW4, HOST4, PROTO, 1, 800, false, 0, Datagrams.pattern(100, 1)),
                Datagrams.fragment6(RAW6, HOST6, PROTO, 1, 800, false, 0, Datagrams.pattern(100, 1)));
        net.run(Duration.ofSeconds(61));
        assertEquals(0, raw.received(net.now()).size(), "no ICMP error without fragment zero (RFC 8200 §4.5)");
        assertEquals(2, counter(host, "netdrops", "ipReasmTimeout"));
    }

    @Test
    void timeout_ofAFragmentedIcmpv6Error_isSilent_butOfAnEchoRequestIsNot() {
        byte[] error = new byte[1000];
        error[0] = 1; // destination unreachable: RFC 4443 §2.4(e.1), no error about an error
        byte[] echo = new byte[1000];
        echo[0] = (byte) 128;
        send(Datagrams.fragment6(RAW6, HOST6, IpProtocol.ICMPV6, 88, 0, true, 0, error),
                Datagrams.fragment6(RAW6, HOST6, IpProtocol.ICMPV6, 89, 0, true, 0, echo));
        net.run(Duration.ofSeconds(61));
        assertEquals(2, counter(host, "netdrops", "ipReasmTimeout"));
        assertEquals(1, raw.received(net.now()).size(), "only about the echo request");
    }

    // ------------------------------------------------------------------------------------- chain and sizes

    @Test
    void ipv6FirstFragmentWithoutTheWholeChain_drawsParameterProblemCode3() {
        // RFC 7112 §5: the first fragment ends inside the TCP header it announces.
        send(Datagrams.fragment6(RAW6, HOST6, IpProtocol.TCP, 77, 0, true, 0, Datagrams.pattern(16, 1)));
        byte[] icmp6 = raw.received(net.now()).getLast();
        assertEquals(4, icmp6[40], "parameter problem");
        assertEquals(3, icmp6[41], "code 3: incomplete IPv6 header chain");
        assertEquals(0, engine().pendingDatagrams(), "nothing held");
        assertEquals(0, counter(host, "ipv6", "ipSystemStatsReasmReqds"));
    }

    @Test
    void ipv4FragmentBeyond65535_dropsTheDatagram() {
        send(Datagrams.fragment4(RAW4, HOST4, PROTO, 66, 0, true, 0, Datagrams.pattern(64, 1)),
                Datagrams.fragment4(RAW4, HOST4, PROTO, 66, 65528, false, 0, Datagrams.pattern(16, 1)));
        assertEquals(1, counter(host, "netdrops", "ipReasmTooBig"));
        assertEquals(0, engine().pendingDatagrams());
    }

    @Test
    void ipv6UnfragmentablePartPushingPast65535_isRejected() {
        // 8 bytes of Hop-by-Hop plus 65528 bytes of fragmentable part: one byte too many for the payload length.
        byte[] data = Datagrams.pattern(65528, 3);
        List<byte[]> frags = new ArrayList<>();
        for (int off = 0; off < data.length; off += 1440) {
            int len = Math.min(1440, data.length - off);
            List<Ipv6ExtensionRepr> chain = List.of(Ipv6OptionsRepr.padded(IpProtocol.HOPOPT, IpProtocol.IPV6_FRAG,
                    List.of()), new Ipv6FragmentRepr(PROTO, off / 8, off + len < data.length, 99));
            frags.add(Datagrams.ipv6(RAW6, HOST6, 0, chain, PROTO, Datagrams.slice(data, off, len)));
        }
        send(frags);
        assertEquals(0, delivered.size());
        assertEquals(1, counter(host, "netdrops", "ipReasmTooBig"));
        assertEquals(0, engine().heldBytes());
    }

    // ------------------------------------------------------------------------------------------------ memory

    @Test
    void datagramOfTinyFragments_hitsItsOwnLimit_andGoes() {
        long limit = NetConfig.ReassemblyConfig.DEFAULTS.maxDatagramBytes();
        List<byte[]> tiny = new ArrayList<>();
        for (int i = 0; i < 140; i++) {
            tiny.add(Datagrams.fragment4(RAW4, HOST4, PROTO, 31, i * 8, true, 0, Datagrams.pattern(8, i)));
        }
        for (byte[] f : tiny) {
            send(f);
            assertTrue(engine().heldBytes() <= limit);
        }
        assertEquals(1, counter(host, "netdrops", "ipReasmLimit"));
        assertTrue(engine().heldBytes() < limit / 2, "the datagram went, and its later fragments start again");
    }

    @Test
    void fragmentsInOversizedBuffers_areCopiedToFit_andCountedAsWhatTheyHold() {
        VirtualWire w = net.wire(WireConfig.ip("big"));
        NetStack other = net.stack();
        other.addInterface(w.endB(), InterfaceConfig.of("big0", null, "192.0.2.2/24").withIpv6(Ipv6Options.DISABLED),
                net.now());
        try (RawHost gso = new RawHost(w.endA(), new BufPoolConfig("big", 192,
                List.of(new BufPoolConfig.SizeClass(68 * 1024, 16, 4))))) {
            gso.send(Datagrams.fragment4(RAW4, HOST4, PROTO, 1, 0, true, 0, Datagrams.pattern(1000, 1)), net.now());
            gso.send(Datagrams.fragment4(RAW4, HOST4, PROTO, 2, 0, true, 0, Datagrams.pattern(1000, 1)), net.now());
            net.run(Duration.ofMillis(1));
            assertEquals(2 * 2048, ((FragmentEngine) other.core().fragmentation()).heldBytes(),
                    "two 2 KiB copies, not two 68 KiB buffers");
            assertEquals(0, gso.pool().outstanding(), "the oversized originals went back to their pool");
            other.close();
        }
    }

    // --------------------------------------------------------------------------------------------------- ECN

    @Test
    void ceOnOneFragment_marksTheDatagramCe() {
        byte[] payload = Datagrams.pattern(2000, 8);
        send(Datagrams.fragment4(RAW4, HOST4, PROTO, 21, 0, true, Ipv4Layout.ECN_ECT0, Datagrams.slice(payload, 0, 1000)),
                Datagrams.fragment4(RAW4, HOST4, PROTO, 21, 1000, false, Ipv4Layout.ECN_CE,
                        Datagrams.slice(payload, 1000, 1000)));
        assertEquals(1, delivered.size());
        assertEquals(Ipv4Layout.ECN_CE, delivered.getFirst().trafficClass() & 3, "RFC 3168 §5.3");
    }

    @Test
    void notEctMixedWithEct_dropsTheDatagram() {
        byte[] payload = Datagrams.pattern(2000, 8);
        send(Datagrams.fragment6(RAW6, HOST6, PROTO, 22, 0, true, 0, Datagrams.slice(payload, 0, 1000)),
                Datagrams.fragment6(RAW6, HOST6, PROTO, 22, 1000, false, Ipv4Layout.ECN_ECT0,
                        Datagrams.slice(payload, 1000, 1000)));
        assertEquals(0, delivered.size());
        assertEquals(1, counter(host, "ipv6", "ipSystemStatsReasmFails"));
    }

    @Test
    void heldFragments_areReleasedWhenTheStackCloses() {
        send(Datagrams.fragment4(RAW4, HOST4, PROTO, 50, 0, true, 0, Datagrams.pattern(1000, 1)));
        assertEquals(1, raw.pool().outstanding(), "held by the stack");
        host.close();
        assertEquals(0, raw.pool().outstanding());
    }

}
