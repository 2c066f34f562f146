package org.jwsk.wire.ipv4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.testing.WireTesting.bytes;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.poisoned;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4ViewTest {

    static final Ipv4Address A1 = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address A2 = Ipv4Address.parse("192.0.2.2");

    /** Frame 15 of captures/linux-veth.pcap after its Ethernet header: ICMP echo request, DF, id 0x7c53. */
    static final byte[] ECHO_REQUEST = hex("""
            4500 0054 7c53 4000 4001 3a52 c000 0201 c000 0202
            0800 2759 0e02 0001 812d 016b 0000 0000 7538 0c00 0000 0000 1011 1213 1415
            1617 1819 1a1b 1c1d 1e1f 2021 2223 2425 2627 2829 2a2b 2c2d 2e2f 3031 3233 3435 3637""");

    /** Frame 28's IPv4 header: the ICMP port unreachable, TOS 0xc0 (DSCP CS6), no DF. */
    static final byte[] ICMP_ERROR_HEADER = hex("45c0 0042 42e6 0000 4001 b311 c000 0202 c000 0201");

    /** Frame 25's IPv4 header: a 1428-byte echo request with DF and identification 0. */
    static final byte[] BIG_ECHO_HEADER = hex("4500 0594 0000 4000 4001 b165 c000 0201 c000 0202");

    /** The first 28 bytes of frame 28's ICMP body: frame 27's IPv4 header and UDP header, quoted. */
    static final byte[] QUOTED_UDP = hex("4500 0026 06bc 4000 4011 b007 c000 0201 c000 0202 eb9d 270f 0012 8427");

    // scapy vectors, base IP(src='192.0.2.1', dst='192.0.2.2', id=0x1234, ttl=64) unless noted.

    /** {@code options=[IPOption_RR(routers=['0.0.0.0']*9)]} / ICMP(id=1, seq=1): what ping -R sends. */
    static final byte[] RECORD_ROUTE = hex("""
            4f00 0044 1234 0000 4001 cf5a c000 0201 c000 0202
            0727 0400 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000
            0800 f7fd 0001 0001""");

    /** {@code options=[IPOption_RR(pointer=12, routers=['198.51.100.1', '203.0.113.1', '0.0.0.0'])]}. */
    static final byte[] RECORD_ROUTE_PARTIAL = hex("""
            4900 0024 1234 0000 4000 962d c000 0201 c000 0202 070f 0cc6 3364 01cb 0071 0100 0000 0000""");

    /** {@code options=[IPOption_NOP(), IPOption_LSRR(routers=['198.51.100.1', '203.0.113.1'])]} / UDP / "hi". */
    static final byte[] LOOSE_SOURCE_ROUTE = hex("""
            4800 002a 1234 0000 4011 6ecd c000 0201 c000 0202 0183 0b04 c633 6401 cb00 7101
            04d2 0007 000a 9494 6869""");

    /** {@code options=[IPOption_SSRR(pointer=8, routers=['198.51.100.1', '203.0.113.1'])], proto=6}. */
    static final byte[] STRICT_SOURCE_ROUTE = hex("""
            4800 0020 1234 0000 4006 192f c000 0201 c000 0202 890b 08c6 3364 01cb 0071 0100""");

    /**
     * {@code IP(src='192.0.2.1', dst='224.0.0.22', ttl=1, tos=0xc0, id=0, options=[IPOption_Router_Alert()],
     * proto=2)} with an IGMPv3 report: how Linux sends IGMP.
     */
    static final byte[] ROUTER_ALERT = hex("""
            46c0 0028 0000 0000 0102 81f8 c000 0201 e000 0016 9404 0000
            2200 fa01 0000 0001 0400 0000 0000 0000""");

    /**
     * {@code options=[IPOption_Timestamp(flg=1, pointer=13, internet_address='198.51.100.1',
     * timestamp=0x0336a3c1)]}: one address/timestamp pair, already filled (pointer past the option).
     */
    static final byte[] TIMESTAMP_ADDRESSES = hex("""
            4800 0020 1234 0000 4000 bf6c c000 0201 c000 0202 440c 0d01 c633 6401 0336 a3c1""");

    /**
     * A timestamps-only option as ping -T tsonly sends it, two slots filled, built in scapy from raw option
     * bytes (its Timestamp class has one slot) / ICMP(id=7, seq=1); tshark dissects: length 40, pointer 13,
     * overflow 0, flag 0, stamps 53912513, 53912514 and seven zeros.
     */
    static final byte[] TIMESTAMPS_ONLY = hex("""
            4f00 0044 1234 0000 4001 3b69 c000 0201 c000 0202
            4428 0d00 0336 a3c1 0336 a3c2 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000
            0800 f7f7 0007 0001""");

    /**
     * A prespecified timestamp option built the same way; tshark dissects: length 20, pointer 13, flag 3,
     * 198.51.100.1 at 53912513 and 203.0.113.1 not yet stamped.
     */
    static final byte[] TIMESTAMPS_PRESPECIFIED = hex("""
            4a00 0030 1234 0000 4001 814f c000 0201 c000 0202
            4414 0d03 c633 6401 0336 a3c1 cb00 7101 0000 0000 0800 f7f7 0007 0001""");

    /** {@code options=[IPOption_Security()]}: type 130, which jwsk keeps uninterpreted, then EOL padding. */
    static final byte[] SECURITY = hex("""
            4800 0020 1234 0000 4000 6f22 c000 0201 c000 0202 820b 0000 0000 0000 7878 7800""");

    /** {@code IP(tos=0xb9, flags='MF', frag=185) / b'abcdefgh'}: DSCP 46 (EF), ECT(1), a middle fragment. */
    static final byte[] FRAGMENT = hex("45b9 001c 1234 20b9 4000 c338 c000 0201 c000 0202 6162 6364 6566 6768");

    @Test
    void deconstruct_capturedEchoRequest() {
        MemorySegment seg = segment(ECHO_REQUEST);
        assertEquals(DropReason.NONE, Ipv4View.check(seg, 0, ECHO_REQUEST.length));
        Ipv4View v = new Ipv4View().wrap(seg, 0, ECHO_REQUEST.length);
        assertEquals(4, v.version());
        assertEquals(5, v.ihl());
        assertEquals(20, v.headerLength());
        assertEquals(0, v.dscp());
        assertEquals(Ipv4Layout.ECN_NOT_ECT, v.ecn());
        assertEquals(84, v.totalLength());
        assertEquals(0x7c53, v.identification());
        assertTrue(v.dontFragment());
        assertFalse(v.moreFragments());
        assertFalse(v.reservedFlag());
        assertEquals(0, v.fragmentOffset());
        assertFalse(v.isFragment());
        assertEquals(64, v.ttl());
        assertEquals(IpProtocol.ICMP, v.protocol());
        assertEquals(0x3a52, v.checksum());
        assertTrue(v.checksumValid());
        assertEquals(A1.value(), v.src());
        assertEquals(A2.value(), v.dst());
        assertEquals(20, v.payloadOffset());
        assertEquals(64, v.payloadLength());
        assertEquals(0, v.optionsLength());
        assertEquals(-1, v.findOption(Ipv4Layout.OPT_RA));
        assertEquals(-1, v.routerAlert());
        assertEquals(new Ipv4Repr(0, 0, 0x7c53, true, false, 0, 64, IpProtocol.ICMP, A1, A2, List.of(), 64),
                Ipv4Repr.parse(v));
    }

    @Test
    void construct_capturedHeaders() {
        assertEmitsSame(ECHO_REQUEST, 20);
        assertEmitsSame(ICMP_ERROR_HEADER, 20);
        assertEmitsSame(BIG_ECHO_HEADER, 20);
        Ipv4Repr error = parse(ICMP_ERROR_HEADER);
        assertEquals(48, error.dscp(), "TOS 0xc0 is CS6, as Linux marks ICMP errors");
        assertEquals(46, error.payloadLength());
        Ipv4Repr big = parse(BIG_ECHO_HEADER);
        assertEquals(1408, big.payloadLength());
        assertEquals(1428, big.totalLength());
    }

    @Test
    void linkPadding_isNotPayload() {
        byte[] padded = new byte[QUOTED_UDP.length + 20];
        System.arraycopy(hex("4500 0026 06bc 4000 4011 b007 c000 0201 c000 0202"), 0, padded, 0, 20);
        assertEquals(DropReason.NONE, Ipv4View.check(segment(padded), 0, padded.length));
        Ipv4View v = new Ipv4View().wrap(segment(padded), 0, padded.length);
        assertEquals(18, v.payloadLength(), "38 - 20, whatever follows is Ethernet padding");
        assertEquals(48, v.length());
    }

    @Test
    void checksum_detectsCorruption_andFillRestoresIt() {
        MemorySegment seg = segment(ECHO_REQUEST);
        Ipv4View v = new Ipv4View().wrap(seg, 0, ECHO_REQUEST.length);
        v.setIdentification(0x7c54);
        assertFalse(v.checksumValid());
        assertEquals(DropReason.NONE, Ipv4View.check(seg, 0, ECHO_REQUEST.length), "checksums are verified separately");
        v.fillChecksum();
        assertTrue(v.checksumValid());
        assertEquals(0x3a51, v.checksum(), "frame 17 has identification 0x7c54 and checksum 0x3a51");
    }

    @Test
    void decrementTtl_updatesTheChecksumIncrementally() {
        MemorySegment seg = segment(ECHO_REQUEST);
        Ipv4View v = new Ipv4View().wrap(seg, 0, ECHO_REQUEST.length);
        assertEquals(63, v.decrementTtl());
        assertEquals(63, v.ttl());
        assertTrue(v.checksumValid());
        int incremental = v.checksum();
        v.fillChecksum();
        assertEquals(v.checksum(), incremental);
        assertEquals(0x3b52, incremental);
    }

    @Test
    void decrementTtl_ofZero_isAProgrammingError() {
        MemorySegment seg = segment(ECHO_REQUEST);
        Ipv4View v = new Ipv4View().wrap(seg, 0, ECHO_REQUEST.length);
        v.setTtl(1);
        v.fillChecksum();
        assertEquals(0, v.decrementTtl());
        assertTrue(v.checksumValid());
        assertThrows(IllegalStateException.class, v::decrementTtl);
    }

    @Test
    void swapAddresses_keepsTheChecksum() {
        MemorySegment seg = segment(ECHO_REQUEST);
        Ipv4View v = new Ipv4View().wrap(seg, 0, ECHO_REQUEST.length);
        v.swapAddresses();
        assertEquals(A2.value(), v.src());
        assertEquals(A1.value(), v.dst());
        assertEquals(0x3a52, v.checksum());
        assertTrue(v.checksumValid());
    }

    @Test
    void pseudoHeaderSum_matchesInternetChecksum() {
        Ipv4View v = new Ipv4View().wrap(segment(ECHO_REQUEST), 0, ECHO_REQUEST.length);
        assertEquals(InternetChecksum.pseudoHeaderV4(A1.value(), A2.value(), IpProtocol.ICMP, 64), v.pseudoHeaderSum(64));
    }

    @Test
    void fragment_fieldsAndHelpers() {
        Ipv4View v = new Ipv4View().wrap(segment(FRAGMENT), 0, FRAGMENT.length);
        assertEquals(DropReason.NONE, Ipv4View.check(segment(FRAGMENT), 0, FRAGMENT.length));
        assertTrue(v.checksumValid());
        assertEquals(46, v.dscp());
        assertEquals(Ipv4Layout.ECN_ECT1, v.ecn());
        assertTrue(v.moreFragments());
        assertFalse(v.dontFragment());
        assertEquals(185, v.fragmentOffset());
        assertEquals(1480, v.fragmentByteOffset());
        assertTrue(v.isFragment());
        Ipv4Repr r = Ipv4Repr.parse(v);
        assertTrue(r.isFragment());
        assertEquals(1480, r.fragmentByteOffset());
        assertEmitsSame(FRAGMENT, 20);

        byte[] lastFragment = FRAGMENT.clone();
        lastFragment[6] = 0x00;
        assertTrue(new Ipv4View().wrap(segment(lastFragment), 0, lastFragment.length).isFragment(), "offset alone");
        byte[] dfOnly = hex("4500 0014 1234 4000 4011 a4a1 c000 0201 c000 0202");
        assertFalse(new Ipv4View().wrap(segment(dfOnly), 0, 20).isFragment());
    }

    @Test
    void reservedFlag_isIgnoredOnReceive_andClearedOnEmit() {
        byte[] evil = ECHO_REQUEST.clone();
        evil[6] = (byte) 0xc0;
        Ipv4View v = new Ipv4View().wrap(segment(evil), 0, evil.length);
        assertEquals(DropReason.NONE, Ipv4View.check(segment(evil), 0, evil.length));
        assertTrue(v.reservedFlag());
        assertTrue(v.dontFragment());
        MemorySegment out = poisoned(20);
        Ipv4Repr.parse(v).emit(out, 0, ChecksumPolicy.COMPUTE);
        assertArrayEquals(bytes(segment(ECHO_REQUEST), 0, 20), bytes(out, 0, 20));
    }

    @Test
    void recordRoute_asPingSendsIt() {
        Ipv4Repr r = assertEmitsSame(RECORD_ROUTE, 60);
        List<Ipv4Address> empty = java.util.Collections.nCopies(9, Ipv4Address.ANY);
        assertEquals(List.of(new Ipv4Option.RecordRoute(4, empty), new Ipv4Option.Eol()), r.options());
        Ipv4Option.Route rr = (Ipv4Option.Route) r.options().getFirst();
        assertEquals(39, rr.length());
        assertFalse(rr.isFull());
        assertEquals(0, rr.nextIndex());
        assertEquals(8, r.payloadLength());
    }

    @Test
    void recordRoute_partlyFilled() {
        Ipv4Repr r = assertEmitsSame(RECORD_ROUTE_PARTIAL, 36);
        Ipv4Option.RecordRoute rr = new Ipv4Option.RecordRoute(12, List.of(Ipv4Address.parse("198.51.100.1"),
                Ipv4Address.parse("203.0.113.1"), Ipv4Address.ANY));
        assertEquals(List.of(rr, new Ipv4Option.Eol()), r.options());
        assertEquals(2, rr.nextIndex());
    }

    @Test
    void looseSourceRoute_afterNop() {
        Ipv4Repr r = assertEmitsSame(LOOSE_SOURCE_ROUTE, 32);
        assertEquals(List.of(new Ipv4Option.Nop(), new Ipv4Option.LooseSourceRoute(4,
                List.of(Ipv4Address.parse("198.51.100.1"), Ipv4Address.parse("203.0.113.1")))), r.options());
        assertTrue(r.options().get(1).copied());
        Ipv4View v = new Ipv4View().wrap(segment(LOOSE_SOURCE_ROUTE), 0, LOOSE_SOURCE_ROUTE.length);
        assertEquals(21, v.findOption(Ipv4Layout.OPT_LSRR));
        assertEquals(10, v.payloadLength());
    }

    @Test
    void strictSourceRoute() {
        Ipv4Repr r = assertEmitsSame(STRICT_SOURCE_ROUTE, 32);
        Ipv4Option.StrictSourceRoute ssrr = new Ipv4Option.StrictSourceRoute(8,
                List.of(Ipv4Address.parse("198.51.100.1"), Ipv4Address.parse("203.0.113.1")));
        assertEquals(List.of(ssrr, new Ipv4Option.Eol()), r.options());
        assertEquals(1, ssrr.nextIndex());
    }

    @Test
    void routerAlert_onIgmp() {
        Ipv4Repr r = assertEmitsSame(ROUTER_ALERT, 24);
        assertEquals(List.of(new Ipv4Option.RouterAlert(Ipv4Option.RouterAlert.EXAMINE)), r.options());
        Ipv4View v = new Ipv4View().wrap(segment(ROUTER_ALERT), 0, ROUTER_ALERT.length);
        assertEquals(0, v.routerAlert());
        assertEquals(20, v.findOption(Ipv4Layout.OPT_RA));
        assertEquals(IpProtocol.IGMP, v.protocol());
        assertEquals(1, v.ttl());
        assertEquals(16, v.payloadLength());
    }

    @Test
    void timestamps_allThreeFlags() {
        Ipv4Repr addresses = assertEmitsSame(TIMESTAMP_ADDRESSES, 32);
        Ipv4Option.TimestampsAndAddresses ta = new Ipv4Option.TimestampsAndAddresses(13, 0,
                List.of(new Ipv4Option.TimestampEntry(Ipv4Address.parse("198.51.100.1"), 0x0336a3c1)));
        assertEquals(List.of(ta), addresses.options());
        assertTrue(ta.isFull());

        Ipv4Repr only = assertEmitsSame(TIMESTAMPS_ONLY, 60);
        Ipv4Option.TimestampsOnly to = (Ipv4Option.TimestampsOnly) only.options().getFirst();
        assertEquals(1, only.options().size(), "40 bytes of options leave no room for an EOL");
        assertEquals(13, to.pointer());
        assertEquals(List.of(53912513, 53912514, 0, 0, 0, 0, 0, 0, 0), to.timestamps());
        assertFalse(to.isFull());

        Ipv4Repr pre = assertEmitsSame(TIMESTAMPS_PRESPECIFIED, 40);
        assertEquals(List.of(new Ipv4Option.TimestampsPrespecified(13, 0, List.of(
                new Ipv4Option.TimestampEntry(Ipv4Address.parse("198.51.100.1"), 53912513),
                new Ipv4Option.TimestampEntry(Ipv4Address.parse("203.0.113.1"), 0)))), pre.options());
    }

    @Test
    void uninterpretedOption_isKeptRaw() {
        Ipv4Repr r = assertEmitsSame(SECURITY, 32);
        assertEquals(List.of(new Ipv4Option.Unknown(130, org.jwsk.wire.Octets.ofHex("0000 0000 0000 7878 78")),
                new Ipv4Option.Eol()), r.options());
        assertTrue(r.options().getFirst().copied());
    }

    @Test
    void optionCursor_walksWithoutAllocating() {
        byte[] b = hex("4a00 0028 0000 0000 4000 0000 c000 0201 c000 0202 0101 9404 0000 0703 0482 0400 0000 0000 0000 0000");
        MemorySegment seg = segment(b);
        assertEquals(DropReason.NONE, Ipv4View.check(seg, 0, b.length));
        Ipv4View v = new Ipv4View().wrap(seg, 0, b.length);
        Ipv4OptionCursor c = new Ipv4OptionCursor().reset(v);
        assertTrue(c.next());
        assertEquals(Ipv4Layout.OPT_RA, c.type());
        assertEquals(22, c.offset());
        assertEquals(4, c.length());
        assertEquals(24, c.dataOffset());
        assertEquals(2, c.dataLength());
        assertTrue(c.next());
        assertEquals(Ipv4Layout.OPT_RR, c.type());
        assertEquals(26, c.offset());
        assertEquals(3, c.length());
        assertTrue(c.next());
        assertEquals(130, c.type());
        assertEquals(4, c.length());
        assertFalse(c.next(), "EOL ends the walk");
        assertFalse(c.next());
        assertEquals(-1, c.offset());
        assertEquals(29, v.findOption(130));
        assertEquals(-1, v.findOption(Ipv4Layout.OPT_TS));
        assertEquals(-1, v.findOption(Ipv4Layout.OPT_NOP));
        assertEquals(0, v.routerAlert());
        assertFalse(new Ipv4OptionCursor().reset(new Ipv4View().wrap(segment(ECHO_REQUEST), 0, 84)).next());
    }

    @Test
    void optionCursor_overUncheckedBytes_stopsAtTheFirstMalformedOption() {
        byte[] b = hex("4600 0018 0000 0000 4000 0000 c000 0201 c000 0202 0102 0000");
        Ipv4View v = new Ipv4View().wrap(segment(b), 0, b.length);
        assertEquals(DropReason.IPV4_BAD_OPTION, Ipv4View.check(segment(b), 0, b.length));
        assertFalse(new Ipv4OptionCursor().reset(v).next());
        b[21] = (byte) 0x44;
        b[22] = (byte) 0x00;
        assertFalse(new Ipv4OptionCursor().reset(new Ipv4View().wrap(segment(b), 0, b.length)).next(), "length 0");
        assertEquals(-1, new Ipv4View().wrap(segment(b), 0, b.length).findOption(0x44));
    }

    @Test
    void quotedHeader_passesCheckQuoted_butNotCheck() {
        MemorySegment seg = segment(QUOTED_UDP);
        assertEquals(DropReason.IPV4_TRUNCATED, Ipv4View.check(seg, 0, QUOTED_UDP.length));
        assertEquals(DropReason.NONE, Ipv4View.checkQuoted(seg, 0, QUOTED_UDP.length));
        Ipv4View v = new Ipv4View().wrap(seg, 0, QUOTED_UDP.length);
        assertEquals(IpProtocol.UDP, v.protocol());
        assertEquals(18, v.payloadLength(), "the original datagram's payload, of which 8 bytes are quoted");
        assertTrue(v.checksumValid());
        assertEquals(DropReason.IPV4_TRUNCATED, Ipv4View.checkQuoted(seg, 0, 19));
        byte[] withOptions = hex("4600 0026 06bc 4000 4011 b007 c000 0201 c000 0202 9404");
        assertEquals(DropReason.IPV4_TRUNCATED, Ipv4View.checkQuoted(segment(withOptions), 0, withOptions.length),
                "the quoted header itself must be whole");
        byte[] badVersion = QUOTED_UDP.clone();
        badVersion[0] = 0x65;
        assertEquals(DropReason.IPV4_BAD_VERSION, Ipv4View.checkQuoted(segment(badVersion), 0, badVersion.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 19})
    void truncatedHeader(int length) {
        assertEquals(DropReason.IPV4_TRUNCATED, Ipv4View.check(segment(ECHO_REQUEST), 0, length));
        assertEquals(DropReason.IPV4_TRUNCATED, Ipv4View.checkQuoted(segment(ECHO_REQUEST), 0, length));
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 21, 64, 83})
    void totalLengthBeyondTheBytes_isTruncated(int length) {
        assertEquals(DropReason.IPV4_TRUNCATED, Ipv4View.check(segment(ECHO_REQUEST), 0, length));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x05, 0x65, 0x35, 0xf5})
    void otherVersions_areRefused(int versionIhl) {
        byte[] b = ECHO_REQUEST.clone();
        b[0] = (byte) versionIhl;
        assertEquals(DropReason.IPV4_BAD_VERSION, Ipv4View.check(segment(b), 0, b.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void ihlBelowFive_isBadHeaderLength(int ihl) {
        byte[] b = ECHO_REQUEST.clone();
        b[0] = (byte) (0x40 | ihl);
        assertEquals(DropReason.IPV4_BAD_HEADER_LENGTH, Ipv4View.check(segment(b), 0, b.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 19})
    void totalLengthBelowTheMinimumHeader_isBadTotalLength(int total) {
        byte[] b = ECHO_REQUEST.clone();
        b[2] = 0;
        b[3] = (byte) total;
        assertEquals(DropReason.IPV4_BAD_TOTAL_LENGTH, Ipv4View.check(segment(b), 0, b.length));
    }

    @Test
    void headerBeyondTotalLength_isBadHeaderLength() {
        byte[] b = hex("4f00 0024 0000 0000 4000 0000 c000 0201 c000 0202 0101 0101 0101 0101 0101 0101 0101 0101"
                + " 0101 0101 0101 0101 0101 0101 0101 0101 0101 0101 0101 0101");
        assertEquals(DropReason.IPV4_BAD_HEADER_LENGTH, Ipv4View.check(segment(b), 0, b.length));
        b[3] = 60;
        assertEquals(DropReason.NONE, Ipv4View.check(segment(b), 0, b.length), "forty NOPs are fine");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0101 0144",                     // a type octet with no room for its length
        "0102 0000",                     // length 0
        "8201 0000",                     // length 1
        "820a 0000",                     // length beyond the options area
        "0702 0000",                     // record route without a pointer
        "0703 0300",                     // route pointer below 4
        "0705 0400 0000 0000",           // route data not whole addresses
        "8307 0500 0000 0000",           // pointer 5 leaves 3 bytes in a 4-byte slot
        "4403 0500",                     // timestamp shorter than its header
        "4404 0400",                     // timestamp pointer below 5
        "4408 0502 0000 0000",           // timestamp flag 2 is undefined
        "4406 0500 0000 0000",           // timestamps not whole slots
        "4408 0800 0000 0000",           // pointer 8 leaves 1 byte in a 4-byte slot
        "440c 0901 0000 0000 0000 0000", // pointer 9 leaves 4 bytes in an 8-byte slot
        "9406 0000 0000 0000",           // router alert longer than 4 (RFC 2113 §2.1)
        "9403 0000",                     // router alert shorter than 4
        "0703 0407 0304 0000",           // record route twice (Linux refuses it too)
        "4404 0544 0405 0000",           // timestamp twice
        "8303 0489 0304 0000",           // two source routes (RFC 1122 §3.2.1.8)
    })
    void malformedOptions_areBadOptions(String options) {
        assertEquals(DropReason.IPV4_BAD_OPTION, checkWithOptions(hex(options)), options);
        assertEquals(DropReason.IPV4_BAD_OPTION, checkQuotedWithOptions(hex(options)), options);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0000 0000",                     // EOL, then padding
        "0100 1234",                     // NOP, EOL; what follows an EOL is not looked at
        "0703 0400",                     // an empty route is full
        "0707 0400 0000 0000",           // one free slot
        "0707 0800 0000 0000",           // one used slot: full
        "0707 ff00 0000 0000",           // any pointer past the option means full (as Linux)
        "070b 0500 0000 0000 0000 0000", // a misaligned pointer that still leaves a whole slot (as Linux)
        "4408 0500 0000 0000",           // one free timestamp
        "4408 0900 0000 0000",           // full
        "440c 0d31 0000 0000 0000 0000", // full, overflow 3, flag 1
        "0101 0101",                     // NOPs only
        "8802 0000",                     // an uninterpreted option with no data
        "9404 0000 9404 0001",           // router alert twice is not refused
        "0703 0444 0405 8303 0400 0000", // record route, timestamp and one source route together
    })
    void edgeOptions_areFine(String options) {
        assertEquals(DropReason.NONE, checkWithOptions(hex(options)), options);
        byte[] b = withOptions(hex(options));
        Ipv4Repr repr = Ipv4Repr.parse(new Ipv4View().wrap(segment(b), 0, b.length));
        MemorySegment out = poisoned(repr.headerLength());
        repr.emit(out, 0, ChecksumPolicy.COMPUTE);
        assertEquals(repr, Ipv4Repr.parse(new Ipv4View().wrap(out, 0, repr.headerLength())));
    }

    @Test
    void checkAtAnOffset_readsOnlyItsRange() {
        byte[] shifted = new byte[ECHO_REQUEST.length + 7];
        System.arraycopy(ECHO_REQUEST, 0, shifted, 7, ECHO_REQUEST.length);
        assertEquals(DropReason.NONE, Ipv4View.check(segment(shifted), 7, ECHO_REQUEST.length));
        assertEquals(DropReason.IPV4_TRUNCATED, Ipv4View.check(segment(shifted), 7, ECHO_REQUEST.length - 1));
        Ipv4View v = new Ipv4View().wrap(segment(shifted), 7, ECHO_REQUEST.length);
        assertTrue(v.checksumValid());
        assertEquals(27, v.payloadOffset());
    }

    /** Checks a header of 20 bytes plus {@code options} (a multiple of 4) and 4 bytes of payload. */
    private static DropReason checkWithOptions(byte[] options) {
        byte[] b = withOptions(options);
        return Ipv4View.check(segment(b), 0, b.length);
    }

    private static DropReason checkQuotedWithOptions(byte[] options) {
        byte[] b = withOptions(options);
        return Ipv4View.checkQuoted(segment(b), 0, b.length);
    }

    private static byte[] withOptions(byte[] options) {
        int header = 20 + options.length;
        byte[] b = new byte[header + 4];
        System.arraycopy(hex("4500 0000 0000 0000 4000 0000 c000 0201 c000 0202"), 0, b, 0, 20);
        b[0] = (byte) (0x40 | header / 4);
        b[3] = (byte) b.length;
        System.arraycopy(options, 0, b, 20, options.length);
        return b;
    }

    private static Ipv4Repr parse(byte[] b) {
        return Ipv4Repr.parse(new Ipv4View().wrap(segment(b), 0, b.length));
    }

    /**
     * Asserts that {@code packet} passes the check (or, for a header alone, the quoted check) with a valid checksum, and that its parsed header re-emits
     * into a poisoned buffer as exactly its first {@code headerLength} bytes.
     */
    private static Ipv4Repr assertEmitsSame(byte[] packet, int headerLength) {
        MemorySegment seg = segment(packet);
        Ipv4View v = new Ipv4View().wrap(seg, 0, packet.length);
        boolean whole = packet.length >= 4 && packet.length >= v.totalLength();
        assertEquals(DropReason.NONE, whole ? Ipv4View.check(seg, 0, packet.length) : Ipv4View.checkQuoted(seg, 0, packet.length));
        assertTrue(v.checksumValid());
        assertEquals(headerLength, v.headerLength());
        Ipv4Repr repr = Ipv4Repr.parse(v);
        assertEquals(headerLength, repr.headerLength());
        MemorySegment out = poisoned(headerLength + 1);
        repr.emit(out, 0, ChecksumPolicy.COMPUTE);
        assertArrayEquals(bytes(seg, 0, headerLength), bytes(out, 0, headerLength));
        assertEquals((byte) 0xA5, out.get(ValueLayout.JAVA_BYTE, headerLength), "the payload is not touched");
        return repr;
    }
}
