package org.jwsk.wire.tcp;

import static org.junit.jupiter.api.Assertions.assertAll;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.Octets;
import org.jwsk.wire.testing.WireTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TcpViewTest {

    /** The checksums tcpdump -vv computes for frames 30-49 of the capture ("incorrect -> 0x4129"). */
    private static final int[] TCPDUMP_CHECKSUMS = {
        0x4129, 0x1c95, 0x49ae, 0xd739, 0x49aa, 0x49aa, 0xf850, 0x4999, 0x4997, 0x4998,
        0x285c, 0xf1f6, 0x1b77, 0x7cf7, 0x1b74, 0x1b72, 0xca1b, 0x1b63, 0x1b62, 0x1b60};

    static TcpView view(MemorySegment seg, int length) {
        assertEquals(DropReason.NONE, TcpView.check(seg, 0, length));
        return new TcpView().wrap(seg, 0, length);
    }

    /** An ACK from port 1 to 2 whose option area is {@code options} (a multiple of 4 bytes), with no data. */
    static byte[] withOptions(String options) {
        byte[] opts = hex(options);
        byte[] s = new byte[20 + opts.length];
        s[1] = 1;
        s[3] = 2;
        s[12] = (byte) ((5 + opts.length / 4) << 4);
        s[13] = TcpFlags.ACK;
        System.arraycopy(opts, 0, s, 20, opts.length);
        return s;
    }

    @Test
    void deconstruct_capturedIpv4Syn() {
        CapturedTcp.Segment syn = CapturedTcp.frame(30);
        TcpView v = view(syn.segment(), syn.length());
        assertAll(
                () -> assertEquals(34554, v.srcPort()),
                () -> assertEquals(8080, v.dstPort()),
                () -> assertEquals(418788153, v.seqNumber()),
                () -> assertEquals(0, v.ackNumber()),
                () -> assertEquals(10, v.dataOffset()),
                () -> assertEquals(40, v.headerLength()),
                () -> assertEquals(0, v.reservedBits()),
                () -> assertEquals(TcpFlags.SYN, v.flags()),
                () -> assertTrue(v.hasFlags(TcpFlags.SYN)),
                () -> assertFalse(v.hasFlags(TcpFlags.SYN | TcpFlags.ACK)),
                () -> assertEquals(64240, v.window()),
                () -> assertEquals(0x8432, v.checksum()),
                () -> assertEquals(0, v.urgentPointer()),
                () -> assertEquals(20, v.optionsLength()),
                () -> assertEquals(40, v.payloadOffset()),
                () -> assertEquals(0, v.payloadLength()),
                () -> assertEquals(1, v.segmentLength(), "SYN occupies one sequence number"),
                () -> assertEquals(1460, v.mss()),
                () -> assertEquals(10, v.windowScale()),
                () -> assertTrue(v.sackPermitted()),
                () -> assertTrue(v.hasTimestamps()),
                () -> assertEquals(2466906651L, v.tsVal()),
                () -> assertEquals(0, v.tsEcr()),
                () -> assertEquals(0, v.sackBlockCount()),
                () -> assertEquals(DropReason.NONE, v.checkOptions()));
        TcpRepr expected = new TcpRepr(34554, 8080, 418788153, 0, TcpFlags.parse("S"), 64240, 0,
                List.of(new TcpOption.Mss(1460), TcpOption.SACK_PERMITTED, new TcpOption.Timestamps((int) 2466906651L, 0),
                        TcpOption.NOP, new TcpOption.WindowScale(10)), Octets.EMPTY);
        assertEquals(expected, TcpRepr.parse(v));
        assertEquals("34554 > 8080: Flags [S], seq 418788153, win 64240, options [mss 1460,sackOK,TS val 2466906651 ecr 0,"
                + "nop,wscale 10], length 0", expected.toString(), "reads like tcpdump -nn -S");
    }

    @Test
    void deconstruct_capturedIpv6SynAck() {
        CapturedTcp.Segment synAck = CapturedTcp.frame(41);
        TcpView v = view(synAck.segment(), synAck.length());
        assertAll(
                () -> assertEquals(8080, v.srcPort()),
                () -> assertEquals(59700, v.dstPort()),
                () -> assertEquals(2279841572L, Integer.toUnsignedLong(v.seqNumber())),
                () -> assertEquals(757581430, v.ackNumber()),
                () -> assertEquals("[S.]", TcpFlags.of(v.flags()).toString()),
                () -> assertEquals(64260, v.window()),
                () -> assertEquals(1440, v.mss()),
                () -> assertEquals(10, v.windowScale()),
                () -> assertTrue(v.sackPermitted()),
                () -> assertEquals(1068487096L, v.tsVal()),
                () -> assertEquals(374518891L, v.tsEcr()),
                () -> assertEquals(1, v.segmentLength()));
    }

    @Test
    void deconstruct_capturedDataSegment_usesTheAlignedTimestampFastPath() {
        CapturedTcp.Segment data = CapturedTcp.frame(33);
        TcpView v = view(data.segment(), data.length());
        assertAll(
                () -> assertEquals("[P.]", TcpFlags.of(v.flags()).toString()),
                () -> assertEquals(32, v.headerLength()),
                () -> assertEquals(3, v.payloadLength()),
                () -> assertEquals(3, v.segmentLength()),
                () -> assertEquals(63, v.window()),
                () -> assertEquals(2466906651L, v.tsVal()),
                () -> assertEquals(676788346L, v.tsEcr()),
                () -> assertEquals(TcpView.ABSENT, v.mss()),
                () -> assertEquals(TcpView.ABSENT, v.windowScale()),
                () -> assertFalse(v.sackPermitted()));
        assertEquals(Octets.of((byte) 'h', (byte) 'i', (byte) '\n'), TcpRepr.parse(v).payload());
        CapturedTcp.Segment fin = CapturedTcp.frame(35);
        assertEquals(1, view(fin.segment(), fin.length()).segmentLength(), "FIN occupies one sequence number");
    }

    static Stream<Arguments> capturedSegments() {
        return IntStream.rangeClosed(30, 49).mapToObj(n -> Arguments.of(CapturedTcp.frame(n), TCPDUMP_CHECKSUMS[n - 30]));
    }

    /**
     * veth hands segments to tcpdump before the checksum is finished (CHECKSUM_PARTIAL): Linux's {@code
     * __tcp_v4_send_check} leaves the folded pseudo-header sum in the field for the device to complete. So the
     * captured field equals jwsk's pseudo-header sum for the real addresses, and the full checksum jwsk computes
     * over that pseudo-header is the one tcpdump reports as correct.
     */
    @ParameterizedTest
    @MethodSource("capturedSegments")
    void capturedChecksums_arePartialAndCompleteToTcpdumpsValue(CapturedTcp.Segment captured, int tcpdumpChecksum) {
        MemorySegment seg = captured.segment();
        TcpView v = view(seg, captured.length());
        assertEquals(captured.pseudoHeaderSum(), v.checksum(), "Linux left the pseudo-header sum in the field");
        assertEquals(DropReason.TCP_BAD_CHECKSUM, v.verifyChecksum(captured.pseudoHeaderSum()));
        assertEquals(tcpdumpChecksum, v.computeChecksum(captured.pseudoHeaderSum()));
        v.setComputedChecksum(captured.pseudoHeaderSum());
        assertEquals(DropReason.NONE, v.verifyChecksum(captured.pseudoHeaderSum()));
        assertEquals(DropReason.NONE, v.checkOptions());
        assertTrue(v.hasTimestamps());
    }

    @Test
    void checksum_coversTheDataAndThePseudoHeader() {
        TcpVectors.Vector urgent = TcpVectors.URGENT; // 23 bytes: an odd length
        MemorySegment seg = urgent.segment();
        TcpView v = view(seg, urgent.length());
        assertEquals(DropReason.NONE, v.verifyChecksum(urgent.pseudoHeaderSum()));
        assertEquals(DropReason.TCP_BAD_CHECKSUM, v.verifyChecksum(urgent.pseudoHeaderSum() ^ 0x0100));
        seg.set(ValueLayout.JAVA_BYTE, 22, (byte) '?');
        assertEquals(DropReason.TCP_BAD_CHECKSUM, v.verifyChecksum(urgent.pseudoHeaderSum()));
    }

    @Test
    void scapyVectors_verifyAndDeconstruct() {
        for (TcpVectors.Vector vector : TcpVectors.ALL) {
            TcpView v = view(vector.segment(), vector.length());
            assertEquals(DropReason.NONE, v.verifyChecksum(vector.pseudoHeaderSum()), vector.name());
            assertEquals(v.checksum(), v.computeChecksum(vector.pseudoHeaderSum()), vector.name());
            assertEquals(DropReason.NONE, v.checkOptions(), vector.name());
        }
    }

    @Test
    void sackBlocks_oneWithTimestamps() {
        TcpView v = view(TcpVectors.SACK_ONE_BLOCK_WITH_TIMESTAMPS.segment(), TcpVectors.SACK_ONE_BLOCK_WITH_TIMESTAMPS.length());
        assertEquals(1, v.sackBlockCount());
        assertEquals(0x18f63b0e, v.sackLeft(0));
        assertEquals(0x18f640ce, v.sackRight(0));
        assertEquals(676788348L, v.tsVal());
        assertEquals(2466906653L, v.tsEcr());
        assertThrows(IndexOutOfBoundsException.class, () -> v.sackLeft(1));
        assertThrows(IndexOutOfBoundsException.class, () -> v.sackRight(-1));
    }

    @Test
    void sackBlocks_fourAndThreeBesideTimestamps() {
        TcpView four = view(TcpVectors.SACK_FOUR_BLOCKS_V6.segment(), TcpVectors.SACK_FOUR_BLOCKS_V6.length());
        assertEquals(4, four.sackBlockCount());
        assertEquals(2000, four.sackLeft(0));
        assertEquals(7000, four.sackRight(2));
        assertEquals(0xfffffff0, four.sackLeft(3));
        assertEquals(0x10, four.sackRight(3));
        assertFalse(four.hasTimestamps());
        assertEquals(TcpView.ABSENT, four.tsVal());
        assertEquals(TcpView.ABSENT, four.tsEcr());
        TcpView three = view(TcpVectors.SACK_THREE_BLOCKS_WITH_TIMESTAMPS.segment(),
                TcpVectors.SACK_THREE_BLOCKS_WITH_TIMESTAMPS.length());
        assertEquals(60, three.headerLength());
        assertEquals(3, three.sackBlockCount());
        assertEquals(500, three.sackLeft(2));
        assertEquals(600, three.sackRight(2));
        assertEquals(7, three.tsVal());
        assertEquals(8, three.tsEcr());
    }

    @Test
    void unknownOptions_areSkippedAndDataFollowsTheHeader() {
        TcpView v = view(TcpVectors.UNKNOWN_OPTIONS.segment(), TcpVectors.UNKNOWN_OPTIONS.length());
        assertEquals(48, v.headerLength());
        assertEquals(1460, v.mss());
        assertFalse(v.hasTimestamps());
        assertEquals(3, v.payloadLength());
        assertEquals(4, v.segmentLength(), "3 bytes of data on a SYN");
        assertEquals("GET", new String(bytes(v.segment(), v.payloadOffset(), 3), StandardCharsets.US_ASCII));
    }

    @Test
    void oddLayout_windowScaleAbove14IsReportedRaw() {
        TcpView v = view(TcpVectors.ODD_LAYOUT.segment(), TcpVectors.ODD_LAYOUT.length());
        assertEquals(536, v.mss());
        assertEquals(15, v.windowScale(), "the wire keeps 15; RFC 7323 §2.3 clamping is the receiver's");
        assertTrue(v.sackPermitted());
        assertEquals("[SEW]", TcpFlags.of(v.flags()).toString());
    }

    @Test
    void accurateEcnBit_isTheNinthFlag() {
        TcpView v = view(TcpVectors.ACCURATE_ECN_V6.segment(), TcpVectors.ACCURATE_ECN_V6.length());
        assertEquals(TcpFlags.AE | TcpFlags.CWR | TcpFlags.ECE | TcpFlags.ACK | TcpFlags.SYN, v.flags());
        assertEquals(0, v.reservedBits());
        assertEquals("[S.EWe]", TcpFlags.of(v.flags()).toString());
        assertEquals(1440, v.mss());
        assertEquals(14, v.windowScale());
        assertEquals(2, v.segmentLength());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 12, 13, 19})
    void truncated_belowTwentyBytes(int length) {
        CapturedTcp.Segment syn = CapturedTcp.frame(30);
        assertEquals(DropReason.TCP_TRUNCATED, TcpView.check(syn.segment(), 0, length));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void dataOffsetBelowFive_isRefused(int dataOffset) {
        byte[] s = withOptions("");
        s[12] = (byte) (dataOffset << 4);
        assertEquals(DropReason.TCP_BAD_DATA_OFFSET, TcpView.check(segment(s), 0, s.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 24, 39})
    void dataOffsetBeyondTheSegment_isRefused(int length) {
        CapturedTcp.Segment syn = CapturedTcp.frame(30); // data offset 10: 40 bytes
        assertEquals(DropReason.TCP_BAD_DATA_OFFSET, TcpView.check(syn.segment(), 0, length));
    }

    @Test
    void largestDataOffset_isAccepted() {
        byte[] s = withOptions("01".repeat(40));
        assertEquals(15, view(segment(s), s.length).dataOffset());
        assertEquals(60, s.length);
    }

    @Test
    void reservedBits_doNotLeakIntoTheFlags() {
        byte[] s = withOptions("");
        s[12] |= 0x0e;
        TcpView v = view(segment(s), s.length);
        assertEquals(7, v.reservedBits());
        assertEquals(TcpFlags.ACK, v.flags());
        assertEquals(TcpFlags.of(TcpFlags.ACK), TcpRepr.parse(v).flags());
    }

    @Test
    void checkAtAnOffset_readsOnlyItsRange() {
        CapturedTcp.Segment syn = CapturedTcp.frame(30);
        byte[] padded = new byte[syn.length() + 9];
        System.arraycopy(syn.bytes(), 0, padded, 7, syn.length());
        MemorySegment seg = segment(padded);
        assertEquals(DropReason.NONE, TcpView.check(seg, 7, syn.length()));
        assertEquals(DropReason.TCP_BAD_DATA_OFFSET, TcpView.check(seg, 7, syn.length() - 1));
        TcpView v = new TcpView().wrap(seg, 7, syn.length());
        assertEquals(1460, v.mss());
        assertEquals(47, v.payloadOffset());
        v.setComputedChecksum(syn.pseudoHeaderSum());
        assertEquals(0x4129, v.checksum());
        assertEquals(DropReason.NONE, v.verifyChecksum(syn.pseudoHeaderSum()));
    }

    @Test
    void construct_capturedSynFromARepr() {
        CapturedTcp.Segment syn = CapturedTcp.frame(30);
        List<TcpOption> options = TcpOptions.linuxLayout(List.of(new TcpOption.WindowScale(10),
                new TcpOption.Timestamps((int) 2466906651L, 0), TcpOption.SACK_PERMITTED, new TcpOption.Mss(1460)));
        TcpRepr repr = new TcpRepr(34554, 8080, 418788153, 0, TcpFlags.of(TcpFlags.SYN), 64240, 0, options, Octets.EMPTY);
        MemorySegment out = poisoned(repr.bufferLength() + 6);
        repr.emit(out, 3, syn.pseudoHeaderSum(), ChecksumPolicy.COMPUTE);
        byte[] expected = syn.bytes().clone();
        expected[16] = 0x41; // tcpdump's correct checksum, 0x4129, where the capture has the partial sum
        expected[17] = 0x29;
        assertArrayEquals(expected, bytes(out, 3, syn.length()));
        assertEquals(WireTesting.POISON, out.get(ValueLayout.JAVA_BYTE, 2), "nothing written before the segment");
        assertEquals(WireTesting.POISON, out.get(ValueLayout.JAVA_BYTE, 3 + syn.length()), "nothing written after it");
    }

    @Test
    void construct_capturedAckWithSettersOnly() {
        CapturedTcp.Segment ack = CapturedTcp.frame(32);
        MemorySegment out = poisoned(ack.length());
        TcpView v = new TcpView().wrap(out, 0, ack.length());
        v.setSrcPort(34554);
        v.setDstPort(8080);
        v.setSeqNumber(0x18f6333a);
        v.setAckNumber(0x4214be06);
        v.setHeaderLengthAndFlags(32, TcpFlags.ACK);
        v.setWindow(63);
        v.setUrgentPointer(0);
        TcpOptions.write(List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(0x930a021b, 0x2856f87a)), out,
                v.optionsOffset());
        v.setComputedChecksum(ack.pseudoHeaderSum());
        byte[] expected = ack.bytes().clone();
        expected[16] = 0x49;
        expected[17] = (byte) 0xae;
        assertArrayEquals(expected, bytes(out, 0, ack.length()));
    }

    @Test
    void flagAndReservedSetters_keepTheDataOffset() {
        MemorySegment out = poisoned(24);
        TcpView v = new TcpView().wrap(out, 0, 24);
        v.setHeaderLengthAndFlags(24, TcpFlags.SYN | TcpFlags.ACK | TcpFlags.AE);
        assertEquals(6, v.dataOffset());
        assertEquals(0, v.reservedBits());
        assertEquals(TcpFlags.SYN | TcpFlags.ACK | TcpFlags.AE, v.flags());
        v.setReservedBits(5);
        assertEquals(5, v.reservedBits());
        assertEquals(TcpFlags.SYN | TcpFlags.ACK | TcpFlags.AE, v.flags());
        v.setFlags(TcpFlags.FIN);
        assertEquals(TcpFlags.FIN, v.flags());
        assertEquals(5, v.reservedBits());
        assertEquals(6, v.dataOffset());
        assertThrows(IllegalArgumentException.class, () -> v.setHeaderLengthAndFlags(16, 0));
        assertThrows(IllegalArgumentException.class, () -> v.setHeaderLengthAndFlags(22, 0));
        assertThrows(IllegalArgumentException.class, () -> v.setHeaderLengthAndFlags(64, 0));
    }

    // ---- malformed and unusual option lists (RFC 9293 §3.1 MUST-7; Linux tcp_parse_options)

    @Test
    void optionLengthZero_endsTheListWithoutDroppingTheSegment() {
        byte[] s = withOptions("0204 05b4 fe00 0000");
        TcpView v = view(segment(s), s.length);
        assertEquals(1460, v.mss(), "options before the bad one stand, as in Linux");
        assertEquals(DropReason.TCP_BAD_OPTION, v.checkOptions());
        assertEquals(List.of(new TcpOption.Mss(1460)), TcpRepr.parse(v).options());
    }

    @Test
    void optionRunningPastTheHeader_endsTheList() {
        byte[] s = withOptions("0101 080b 0000 0001 0000 0002");
        TcpView v = view(segment(s), s.length);
        assertFalse(v.hasTimestamps(), "a partial option is not parsed");
        assertEquals(DropReason.TCP_BAD_OPTION, v.checkOptions());
        assertEquals(List.of(TcpOption.NOP, TcpOption.NOP, TcpOption.EOL), TcpRepr.parse(v).options(),
                "the NOPs before it, ended by the EOL that emission's zero padding will carry");
    }

    @Test
    void kindWithoutRoomForItsLength_endsTheList() {
        byte[] s = withOptions("0101 0102");
        TcpView v = view(segment(s), s.length);
        assertEquals(TcpView.ABSENT, v.mss());
        assertEquals(DropReason.TCP_BAD_OPTION, v.checkOptions());
        TcpOptionCursor c = new TcpOptionCursor().reset(v);
        int seen = 0;
        while (c.next()) {
            seen++;
        }
        assertEquals(3, seen);
        assertTrue(c.isMalformed());
        assertEquals(3, c.malformedPosition());
    }

    @Test
    void knownKindOfTheWrongLength_isSkippedAndKeptRaw() {
        byte[] s = withOptions("0203 0501 0204 0218");
        TcpView v = view(segment(s), s.length);
        assertEquals(536, v.mss(), "the MSS of length 3 is ignored, the next one is used");
        assertEquals(DropReason.TCP_BAD_OPTION, v.checkOptions());
        assertEquals(List.of(new TcpOption.Unknown(2, Octets.of((byte) 5)), TcpOption.NOP, new TcpOption.Mss(536)),
                TcpRepr.parse(v).options());
    }

    @Test
    void sackOfImpossibleLength_hasNoBlocks() {
        byte[] zeroBlocks = withOptions("0101 0502");
        TcpView v = view(segment(zeroBlocks), zeroBlocks.length);
        assertEquals(0, v.sackBlockCount());
        assertEquals(DropReason.TCP_BAD_OPTION, v.checkOptions());
        assertEquals(List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Unknown(5, Octets.EMPTY)), TcpRepr.parse(v).options());
        byte[] tenBytes = withOptions("050c 0000 0001 0000 0002 0000");
        assertEquals(0, view(segment(tenBytes), tenBytes.length).sackBlockCount());
    }

    @Test
    void bytesAfterEol_arePadding() {
        byte[] s = withOptions("0002 0405 b4ff ffff");
        TcpView v = view(segment(s), s.length);
        assertEquals(TcpView.ABSENT, v.mss());
        assertEquals(DropReason.NONE, v.checkOptions());
        assertEquals(List.of(TcpOption.EOL), TcpRepr.parse(v).options());
    }

    @Test
    void repeatedOption_lastOneWins() {
        byte[] s = withOptions("0204 0100 0204 05b4 0303 0201 0303 0701");
        TcpView v = view(segment(s), s.length);
        assertEquals(1460, v.mss());
        assertEquals(7, v.windowScale());
        assertEquals(new TcpOption.Mss(1460), TcpRepr.parse(v).option(TcpOption.Mss.class).orElseThrow());
    }
}
