package org.jwsk.wire.ipv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6HeaderWalkerTest {

    static final Ipv6Address SRC = Ipv6Address.parse("2001:db8::1");
    static final Ipv6Address DST = Ipv6Address.parse("2001:db8::2");
    static final Ipv6Address MULTICAST = Ipv6Address.parse("ff02::1");

    /**
     * scapy: IPv6(src='2001:db8::1', dst='2001:db8::2', hlim=64)/IPv6ExtHdrHopByHop(options=[RouterAlert(value=0)])
     * /IPv6ExtHdrFragment(offset=0, m=1, id=0x12345678)/ICMPv6EchoRequest(id=1, seq=2, data=b'abcd...wx').
     */
    static final byte[] HBH_FIRST_FRAGMENT_ECHO = hex("600000000030004020010db800000000000000000000000120010db8"
            + "0000000000000000000000022c000502000001003a0000011234567880000f0c000100026162636465666768696a6b6c6d6e6f"
            + "707172737475767778");
    /**
     * scapy: IPv6(src=.., dst=.., tc=0xb9, fl=0x12345)/IPv6ExtHdrDestOpt(options=[PadN(optdata=4 zeros)])
     * /IPv6ExtHdrRouting(addresses=['2001:db8::3'], segleft=0)/IPv6ExtHdrFragment(nh=6, offset=100, m=1, id=7)/16 bytes.
     */
    static final byte[] DEST_ROUTING_LATER_FRAGMENT = hex("6b91234500383c4020010db8000000000000000000000001"
            + "20010db80000000000000000000000022b000104000000002c0200000000000020010db8000000000000000000000003"
            + "060003210000000730313233343536373839616263646566");

    private final Ipv6HeaderWalker walker = new Ipv6HeaderWalker();

    // ---- captured and scapy-built packets

    @Test
    void capturedMldReport_hasHopByHopWithRouterAlert() {
        byte[] p = Captures.ipv6Packet(1);
        assertEquals(DropReason.NONE, walker.walk(segment(p), 0, p.length));
        assertTrue(walker.hasHopByHop());
        assertEquals(Ipv6OptionType.ROUTER_ALERT_MLD, walker.routerAlert());
        assertEquals(1, walker.extensionHeaderCount());
        assertEquals(IpProtocol.HOPOPT, walker.extensionHeaderProtocol(0));
        assertEquals(40, walker.extensionHeaderOffset(0));
        assertEquals(IpProtocol.ICMPV6, walker.upperProtocol());
        assertEquals(48, walker.upperOffset());
        assertEquals(28, walker.upperLength());
        assertEquals(40, walker.upperProtocolPointer());
        assertFalse(walker.hasFragmentHeader());
        assertEquals(Ipv6HeaderWalker.ABSENT, walker.routingHeaderOffset());
        assertThrows(IndexOutOfBoundsException.class, () -> walker.extensionHeaderProtocol(1));
    }

    @ParameterizedTest
    @MethodSource("org.jwsk.wire.ipv6.Captures#ipv6FrameNumbers")
    void everyCapturedPacket_walksToItsUpperLayer(int frame) {
        byte[] p = Captures.ipv6Packet(frame);
        assertEquals(DropReason.NONE, walker.walk(segment(p), 0, p.length));
        Ipv6View v = new Ipv6View().wrap(segment(p), 0, p.length);
        assertEquals(v.packetLength(), walker.upperOffset() + walker.upperLength());
        assertTrue(walker.upperProtocol() == IpProtocol.ICMPV6 || walker.upperProtocol() == IpProtocol.TCP
                || walker.upperProtocol() == IpProtocol.UDP, "frame " + frame);
    }

    @Test
    void firstFragmentBehindHopByHop() {
        byte[] p = HBH_FIRST_FRAGMENT_ECHO;
        assertEquals(DropReason.NONE, walker.walk(segment(p), 0, p.length));
        assertEquals(2, walker.extensionHeaderCount());
        assertEquals(0, walker.routerAlert());
        assertTrue(walker.hasFragmentHeader());
        assertTrue(walker.isFragment());
        assertTrue(walker.isFirstFragment());
        assertFalse(walker.isAtomicFragment());
        assertEquals(48, walker.fragmentHeaderOffset());
        assertEquals(40, walker.fragmentPrecedingPointer(), "the Hop-by-Hop next header names the fragment header");
        assertEquals(56, walker.fragmentDataOffset());
        assertEquals(IpProtocol.ICMPV6, walker.fragmentNextHeader());
        assertEquals(0, walker.fragmentOffset());
        assertTrue(walker.moreFragments());
        assertEquals(0x12345678, walker.fragmentIdentification());
        assertEquals(IpProtocol.ICMPV6, walker.upperProtocol());
        assertEquals(56, walker.upperOffset());
        assertEquals(32, walker.upperLength());
    }

    @Test
    void laterFragment_stopsAtTheFragmentData() {
        byte[] p = DEST_ROUTING_LATER_FRAGMENT;
        assertEquals(DropReason.NONE, walker.walk(segment(p), 0, p.length));
        assertEquals(3, walker.extensionHeaderCount());
        assertEquals(48, walker.routingHeaderOffset());
        assertEquals(Ipv6RoutingLayout.TYPE_SOURCE_ROUTE, walker.routingType());
        assertEquals(0, walker.segmentsLeft());
        assertEquals(72, walker.fragmentHeaderOffset());
        assertEquals(100, walker.fragmentOffset());
        assertEquals(800, walker.fragmentOffsetBytes());
        assertEquals(7, walker.fragmentIdentification());
        assertFalse(walker.isFirstFragment());
        assertTrue(walker.isFragment());
        assertEquals(IpProtocol.TCP, walker.upperProtocol(), "the fragment header's next header");
        assertEquals(80, walker.upperOffset());
        assertEquals(16, walker.upperLength());
        assertEquals(72, walker.upperProtocolPointer());
    }

    @Test
    void results_areValuesThatOutliveTheBuffer() {
        MemorySegment seg = segment(DEST_ROUTING_LATER_FRAGMENT);
        assertEquals(DropReason.NONE, walker.walk(seg, 0, DEST_ROUTING_LATER_FRAGMENT.length));
        seg.fill((byte) 0x5a);
        assertEquals(Ipv6RoutingLayout.TYPE_SOURCE_ROUTE, walker.routingType());
        assertEquals(0, walker.segmentsLeft());
        assertEquals(IpProtocol.TCP, walker.fragmentNextHeader());
        assertEquals(7, walker.fragmentIdentification());
        assertEquals(IpProtocol.TCP, walker.upperProtocol());
    }

    // ---- RFC 8200 §4.1: Hop-by-Hop first, chain limits

    @Test
    void hopByHopAfterAnotherHeader_isUnrecognizedNextHeader() {
        byte[] p = packet(DST, IpProtocol.UDP, new byte[8], dest(IpProtocol.HOPOPT), hbh(IpProtocol.UDP));
        assertEquals(DropReason.IPV6_HOP_BY_HOP_NOT_FIRST, walker.walk(segment(p), 0, p.length));
        assertEquals(40, walker.errorPointer(), "the Destination Options next header field that names it");
        assertEquals(Ipv6HeaderWalker.PROBLEM_UNRECOGNIZED_NEXT_HEADER, walker.problemCode());
    }

    @Test
    void moreExtensionHeadersThanTheLimit_isTooLong() {
        List<Ipv6ExtensionRepr> chain = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            chain.add(dest(i == 8 ? IpProtocol.UDP : IpProtocol.IPV6_OPTS));
        }
        byte[] p = packet(DST, IpProtocol.UDP, new byte[8], chain.toArray(Ipv6ExtensionRepr[]::new));
        assertEquals(DropReason.IPV6_EXTENSION_CHAIN_TOO_LONG, walker.walk(segment(p), 0, p.length));
        assertEquals(40 + 8 * 8, walker.errorPointer(), "the first header beyond the limit (RFC 8883 §4.2)");
        assertEquals(Ipv6HeaderWalker.PROBLEM_TOO_MANY_EXTENSION_HEADERS, walker.problemCode());
        byte[] eight = packet(DST, IpProtocol.UDP, new byte[8], chain.subList(1, 9).toArray(Ipv6ExtensionRepr[]::new));
        assertEquals(DropReason.NONE, walker.walk(segment(eight), 0, eight.length));
        assertEquals(8, walker.extensionHeaderCount());
        Ipv6HeaderWalker strict = new Ipv6HeaderWalker(2, 8);
        assertEquals(DropReason.IPV6_EXTENSION_CHAIN_TOO_LONG, strict.walk(segment(eight), 0, eight.length));
        assertEquals(56, strict.errorPointer());
    }

    // ---- truncated and impossible headers

    @Test
    void fixedHeaderProblems_pointIntoTheFixedHeader() {
        byte[] p = Captures.ipv6Packet(21);
        assertEquals(DropReason.IPV6_TRUNCATED, walker.walk(segment(p), 0, 39));
        assertEquals(0, walker.errorPointer());
        assertEquals(DropReason.IPV6_TRUNCATED, walker.walk(segment(p), 0, p.length - 1));
        assertEquals(Ipv6Layout.PAYLOAD_LENGTH_OFFSET, walker.errorPointer());
        p[0] = 0x45;
        assertEquals(DropReason.IPV6_BAD_VERSION, walker.walk(segment(p), 0, p.length));
        assertEquals(Ipv6HeaderWalker.NO_REPORT, walker.problemCode());
    }

    @Test
    void extensionHeaderBeyondThePayload_isBad() {
        byte[] p = packet(DST, IpProtocol.UDP, new byte[8], hbh(IpProtocol.UDP));
        setPayloadLength(p, 4);
        assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, walker.walk(segment(p), 0, p.length));
        assertEquals(41, walker.errorPointer(), "its length field");
        assertEquals(Ipv6HeaderWalker.NO_REPORT, walker.problemCode());
        setPayloadLength(p, 1);
        assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, walker.walk(segment(p), 0, p.length));
        assertEquals(Ipv6Layout.PAYLOAD_LENGTH_OFFSET, walker.errorPointer(), "not even its length fits");
        byte[] q = packet(DST, IpProtocol.UDP, new byte[8], hbh(IpProtocol.UDP));
        q[41] = 2;
        assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, walker.walk(segment(q), 0, q.length));
        assertEquals(41, walker.errorPointer());
    }

    @Test
    void jumbogram_isNotSupported() {
        byte[] p = packet(DST, IpProtocol.TCP, new byte[20],
                new Ipv6OptionsRepr(IpProtocol.HOPOPT, IpProtocol.TCP, List.of(new Ipv6Option.JumboPayload(70000))));
        setPayloadLength(p, 0);
        assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, walker.walk(segment(p), 0, p.length));
        assertEquals(Ipv6Layout.PAYLOAD_LENGTH_OFFSET, walker.errorPointer());
        byte[] q = packet(DST, IpProtocol.TCP, new byte[20],
                new Ipv6OptionsRepr(IpProtocol.HOPOPT, IpProtocol.TCP, List.of(new Ipv6Option.JumboPayload(70000))));
        assertEquals(DropReason.IPV6_UNRECOGNIZED_OPTION, walker.walk(segment(q), 0, q.length),
                "Jumbo Payload with a payload length: unrecognised, action 11");
        assertEquals(42, walker.errorPointer());
        assertEquals(Ipv6HeaderWalker.PROBLEM_UNRECOGNIZED_OPTION, walker.problemCode());
    }

    // ---- options (RFC 8200 §4.2)

    @ParameterizedTest
    @ValueSource(ints = {0x1e, 0x3e})
    void unrecognizedSkipOption_passes(int type) {
        byte[] p = packet(DST, IpProtocol.UDP, new byte[8], options(IpProtocol.IPV6_OPTS, unknown(type)));
        assertEquals(DropReason.NONE, walker.walk(segment(p), 0, p.length));
    }

    @Test
    void unrecognizedOptions_actOnTheirHighBits() {
        byte[] discard = packet(DST, IpProtocol.UDP, new byte[8], options(IpProtocol.IPV6_OPTS, unknown(0x4e)));
        assertEquals(DropReason.IPV6_UNRECOGNIZED_OPTION, walker.walk(segment(discard), 0, discard.length));
        assertEquals(42, walker.errorPointer());
        assertEquals(Ipv6HeaderWalker.NO_REPORT, walker.problemCode());
        byte[] icmp = packet(MULTICAST, IpProtocol.UDP, new byte[8], options(IpProtocol.IPV6_OPTS, unknown(0x8e)));
        assertEquals(DropReason.IPV6_UNRECOGNIZED_OPTION, walker.walk(segment(icmp), 0, icmp.length));
        assertEquals(Ipv6HeaderWalker.PROBLEM_UNRECOGNIZED_OPTION, walker.problemCode(), "action 10: even to multicast");
        byte[] unicast = packet(DST, IpProtocol.UDP, new byte[8], options(IpProtocol.HOPOPT, unknown(0xce)));
        assertEquals(DropReason.IPV6_UNRECOGNIZED_OPTION, walker.walk(segment(unicast), 0, unicast.length));
        assertEquals(Ipv6HeaderWalker.PROBLEM_UNRECOGNIZED_OPTION, walker.problemCode());
        byte[] multicast = packet(MULTICAST, IpProtocol.UDP, new byte[8], options(IpProtocol.HOPOPT, unknown(0xce)));
        assertEquals(DropReason.IPV6_UNRECOGNIZED_OPTION, walker.walk(segment(multicast), 0, multicast.length));
        assertEquals(Ipv6HeaderWalker.NO_REPORT, walker.problemCode(), "action 11: not to multicast");
    }

    @Test
    void recognizedOptions_passWhateverTheirAction() {
        Ipv6HeaderWalker rpl = new Ipv6HeaderWalker().recognizeOption(IpProtocol.HOPOPT, 0x63);
        byte[] p = packet(DST, IpProtocol.UDP, new byte[8], options(IpProtocol.HOPOPT, unknown(0x63)));
        assertEquals(DropReason.IPV6_UNRECOGNIZED_OPTION, walker.walk(segment(p), 0, p.length));
        assertEquals(DropReason.NONE, rpl.walk(segment(p), 0, p.length));
        byte[] dest = packet(DST, IpProtocol.UDP, new byte[8], options(IpProtocol.IPV6_OPTS, unknown(0x63)));
        assertEquals(DropReason.IPV6_UNRECOGNIZED_OPTION, rpl.walk(segment(dest), 0, dest.length), "per header type");
        assertThrows(IllegalArgumentException.class, () -> rpl.recognizeOption(IpProtocol.TCP, 1));
    }

    @Test
    void routerAlertWithTheWrongLength_isABadOption() {
        byte[] p = packet(DST, IpProtocol.UDP, new byte[8], hbh(IpProtocol.UDP));
        System.arraycopy(hex("0503 000000 00"), 0, p, 42, 6);
        assertEquals(DropReason.IPV6_BAD_OPTION, walker.walk(segment(p), 0, p.length));
        assertEquals(43, walker.errorPointer());
    }

    @Test
    void paddingLongerThanSeven_isABadOption() {
        byte[] padN = packet(DST, IpProtocol.UDP, new byte[8],
                new Ipv6OptionsRepr(IpProtocol.IPV6_OPTS, IpProtocol.UDP, List.of(new Ipv6Option.PadN(12))));
        assertEquals(DropReason.IPV6_BAD_OPTION, walker.walk(segment(padN), 0, padN.length));
        assertEquals(42, walker.errorPointer());
        List<Ipv6Option> pads = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            pads.add(Ipv6Option.Pad1.INSTANCE);
        }
        byte[] pad1 = packet(DST, IpProtocol.UDP, new byte[8], new Ipv6OptionsRepr(IpProtocol.IPV6_OPTS, IpProtocol.UDP, pads));
        assertEquals(DropReason.IPV6_BAD_OPTION, walker.walk(segment(pad1), 0, pad1.length));
        assertEquals(49, walker.errorPointer(), "the eighth Pad1");
        byte[] split = packet(DST, IpProtocol.UDP, new byte[8], new Ipv6OptionsRepr(IpProtocol.IPV6_OPTS, IpProtocol.UDP,
                List.of(new Ipv6Option.PadN(4), new Ipv6Option.RouterAlert(0), new Ipv6Option.PadN(2))));
        assertEquals(DropReason.NONE, walker.walk(segment(split), 0, split.length), "an option resets the run");
    }

    @Test
    void padNWithData_isABadOption() {
        byte[] q = packet(DST, IpProtocol.UDP, new byte[8],
                new Ipv6OptionsRepr(IpProtocol.HOPOPT, IpProtocol.UDP, List.of(new Ipv6Option.PadN(4))));
        q[45] = 0x7f;
        assertEquals(DropReason.IPV6_BAD_OPTION, walker.walk(segment(q), 0, q.length));
        assertEquals(45, walker.errorPointer(), "the non-zero byte (RFC 4942 §2.1.9.5)");
    }

    @Test
    void moreOptionsThanTheLimit_isTooMany() {
        List<Ipv6Option> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(new Ipv6Option.Unknown(0x1e, Octets.EMPTY));
        }
        byte[] p = packet(DST, IpProtocol.UDP, new byte[8], Ipv6OptionsRepr.padded(IpProtocol.IPV6_OPTS, IpProtocol.UDP, nine));
        assertEquals(DropReason.IPV6_BAD_OPTION, walker.walk(segment(p), 0, p.length));
        assertEquals(42 + 16, walker.errorPointer(), "the ninth option (RFC 8883 §4.2)");
        assertEquals(Ipv6HeaderWalker.PROBLEM_TOO_MANY_OPTIONS, walker.problemCode());
        assertEquals(DropReason.NONE, new Ipv6HeaderWalker(8, 9).walk(segment(p), 0, p.length));
    }

    @Test
    void optionOverrunningItsHeader_pointsAtItsLength() {
        byte[] p = packet(DST, IpProtocol.UDP, new byte[8], hbh(IpProtocol.UDP));
        System.arraycopy(hex("1e09"), 0, p, 42, 2);
        assertEquals(DropReason.IPV6_BAD_OPTION, walker.walk(segment(p), 0, p.length));
        assertEquals(43, walker.errorPointer());
    }

    // ---- fragments (RFC 8200 §4.5, RFC 7112)

    @Test
    void fragmentNotAMultipleOfEight_pointsAtThePayloadLength() {
        byte[] p = packet(DST, IpProtocol.UDP, new byte[12], new Ipv6FragmentRepr(IpProtocol.UDP, 0, true, 1));
        assertEquals(DropReason.IPV6_BAD_FRAGMENT, walker.walk(segment(p), 0, p.length));
        assertEquals(Ipv6Layout.PAYLOAD_LENGTH_OFFSET, walker.errorPointer());
        assertEquals(Ipv6HeaderWalker.PROBLEM_ERRONEOUS_HEADER_FIELD, walker.problemCode());
        byte[] last = packet(DST, IpProtocol.UDP, new byte[12], new Ipv6FragmentRepr(IpProtocol.UDP, 3, false, 1));
        assertEquals(DropReason.NONE, walker.walk(segment(last), 0, last.length), "the last fragment may be any length");
    }

    @Test
    void fragmentReassemblingBeyond65535_pointsAtTheOffset() {
        byte[] p = packet(DST, IpProtocol.UDP, new byte[16], new Ipv6FragmentRepr(IpProtocol.UDP, 8191, false, 1));
        assertEquals(DropReason.IPV6_BAD_FRAGMENT, walker.walk(segment(p), 0, p.length));
        assertEquals(42, walker.errorPointer());
        byte[] fits = packet(DST, IpProtocol.UDP, new byte[7], new Ipv6FragmentRepr(IpProtocol.UDP, 8191, false, 1));
        assertEquals(DropReason.NONE, walker.walk(segment(fits), 0, fits.length));
    }

    @Test
    void firstFragmentWithoutTheWholeTcpHeader_isIncomplete() {
        byte[] p = packet(DST, IpProtocol.TCP, new byte[16], new Ipv6FragmentRepr(IpProtocol.TCP, 0, true, 1));
        assertEquals(DropReason.IPV6_INCOMPLETE_FIRST_FRAGMENT, walker.walk(segment(p), 0, p.length));
        assertEquals(0, walker.errorPointer());
        assertEquals(Ipv6HeaderWalker.PROBLEM_INCOMPLETE_HEADER_CHAIN, walker.problemCode());
        byte[] whole = packet(DST, IpProtocol.TCP, new byte[24], new Ipv6FragmentRepr(IpProtocol.TCP, 0, true, 1));
        assertEquals(DropReason.NONE, walker.walk(segment(whole), 0, whole.length));
        byte[] udp = packet(DST, IpProtocol.UDP, new byte[8], new Ipv6FragmentRepr(IpProtocol.UDP, 0, true, 1));
        assertEquals(DropReason.NONE, walker.walk(segment(udp), 0, udp.length));
        byte[] atomic = packet(DST, IpProtocol.TCP, new byte[4], new Ipv6FragmentRepr(IpProtocol.TCP, 0, false, 1));
        assertEquals(DropReason.NONE, walker.walk(segment(atomic), 0, atomic.length), "not a first fragment");
        assertTrue(walker.isAtomicFragment());
        assertFalse(walker.isFragment());
    }

    @Test
    void firstFragmentCuttingAnExtensionHeader_isIncomplete() {
        byte[] p = packet(DST, IpProtocol.UDP, new byte[8], new Ipv6FragmentRepr(IpProtocol.IPV6_OPTS, 0, true, 9),
                dest(IpProtocol.UDP));
        p[49] = 3;
        assertEquals(DropReason.IPV6_INCOMPLETE_FIRST_FRAGMENT, walker.walk(segment(p), 0, p.length));
        assertEquals(0, walker.errorPointer());
    }

    // ---- the end of the walk

    @ParameterizedTest
    @ValueSource(ints = {IpProtocol.ESP, IpProtocol.AH, IpProtocol.IPV6_NONXT, IpProtocol.IPV6, 253})
    void nonExtensionProtocols_endTheWalk(int protocol) {
        byte[] p = packet(DST, protocol, new byte[16], dest(protocol));
        assertEquals(DropReason.NONE, walker.walk(segment(p), 0, p.length));
        assertEquals(protocol, walker.upperProtocol());
        assertEquals(48, walker.upperOffset());
        assertEquals(16, walker.upperLength());
        assertEquals(40, walker.upperProtocolPointer());
    }

    @Test
    void quotedPacket_walksAsFarAsTheQuoteGoes() {
        byte[] whole = packet(DST, IpProtocol.UDP, new byte[1000], hbh(IpProtocol.UDP));
        byte[] quoted = Arrays.copyOf(whole, 56);
        assertEquals(DropReason.IPV6_TRUNCATED, walker.walk(segment(quoted), 0, quoted.length));
        assertEquals(DropReason.NONE, walker.walkQuoted(segment(quoted), 0, quoted.length));
        assertEquals(IpProtocol.UDP, walker.upperProtocol());
        assertEquals(48, walker.upperOffset());
        assertEquals(8, walker.upperLength());
        assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, walker.walkQuoted(segment(whole), 0, 44));
        byte[] fragment = packet(DST, IpProtocol.TCP, new byte[100], new Ipv6FragmentRepr(IpProtocol.TCP, 0, true, 5));
        assertEquals(DropReason.NONE, walker.walkQuoted(segment(fragment), 0, 52), "no fragment rules in a quote");
    }

    @Test
    void aWalkForgetsTheOneBefore() {
        assertEquals(DropReason.NONE, walker.walk(segment(HBH_FIRST_FRAGMENT_ECHO), 0, HBH_FIRST_FRAGMENT_ECHO.length));
        byte[] bad = Captures.ipv6Packet(21);
        assertEquals(DropReason.IPV6_TRUNCATED, walker.walk(segment(bad), 0, 20));
        assertFalse(walker.hasFragmentHeader());
        assertEquals(Ipv6HeaderWalker.ABSENT, walker.routerAlert());
        assertEquals(0, walker.extensionHeaderCount());
        byte[] good = Captures.ipv6Packet(21);
        assertEquals(DropReason.NONE, walker.walk(segment(good), 0, good.length));
        assertEquals(DropReason.NONE, walker.error());
        assertEquals(Ipv6HeaderWalker.ABSENT, walker.errorPointer());
    }

    @Test
    void walkingOffHeapAllocatesNothing() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(HBH_FIRST_FRAGMENT_ECHO.length);
            MemorySegment.copy(segment(HBH_FIRST_FRAGMENT_ECHO), 0, seg, 0, HBH_FIRST_FRAGMENT_ECHO.length);
            int len = HBH_FIRST_FRAGMENT_ECHO.length;
            for (int i = 0; i < 20_000; i++) {
                walker.walk(seg, 0, len);
            }
            long before = allocatedBytes();
            int sum = 0;
            for (int i = 0; i < 10_000; i++) {
                walker.walk(seg, 0, len);
                sum += walker.upperOffset();
            }
            long allocated = allocatedBytes() - before;
            assertEquals(560_000, sum);
            assertTrue(allocated < 10_000, "10000 walks allocated " + allocated + " bytes");
        }
    }

    /**
     * This thread's allocated bytes, through reflection: the test sources compile inside the module, which does
     * not read java.management, but run on the class path, where it is there.
     */
    static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class)
                    .invoke(bean, Thread.currentThread().threadId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no allocation counter in this JVM", e);
        }
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Ipv6HeaderWalker(0, 8));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6HeaderWalker(8, 0));
    }

    // ---- packet building

    /** An IPv6 packet from SRC to {@code dst}: the chain, then {@code upper} bytes of protocol {@code protocol}. */
    static byte[] packet(Ipv6Address dst, int protocol, byte[] upper, Ipv6ExtensionRepr... chain) {
        int chainLength = 0;
        for (Ipv6ExtensionRepr h : chain) {
            chainLength += h.headerLength();
        }
        int first = chain.length == 0 ? protocol : chain[0].protocol();
        Ipv6Repr ip = new Ipv6Repr(chainLength + upper.length, first, 64, SRC, dst);
        MemorySegment out = MemorySegment.ofArray(new byte[ip.packetLength()]);
        ip.emit(out, 0);
        long p = Ipv6Layout.HEADER_LENGTH;
        for (Ipv6ExtensionRepr h : chain) {
            h.emit(out, p);
            p += h.headerLength();
        }
        MemorySegment.copy(MemorySegment.ofArray(upper), 0, out, p, upper.length);
        return out.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    static Ipv6OptionsRepr hbh(int next) {
        return Ipv6OptionsRepr.padded(IpProtocol.HOPOPT, next, List.of(new Ipv6Option.RouterAlert(0)));
    }

    static Ipv6OptionsRepr dest(int next) {
        return Ipv6OptionsRepr.padded(IpProtocol.IPV6_OPTS, next, List.of());
    }

    static Ipv6OptionsRepr options(int protocol, Ipv6Option option) {
        return Ipv6OptionsRepr.padded(protocol, IpProtocol.UDP, List.of(option));
    }

    static Ipv6Option unknown(int type) {
        return new Ipv6Option.Unknown(type, Octets.ofHex("00000000"));
    }

    static void setPayloadLength(byte[] p, int length) {
        p[4] = (byte) (length >>> 8);
        p[5] = (byte) length;
    }
}
