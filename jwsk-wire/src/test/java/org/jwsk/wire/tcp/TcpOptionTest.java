package org.jwsk.wire.tcp;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.Octets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpOptionTest {

    private static byte[] encode(List<TcpOption> options) {
        MemorySegment out = poisoned(TcpOptions.paddedLength(options));
        assertEquals(TcpOptions.paddedLength(options), TcpOptions.write(options, out, 0));
        return bytes(out, 0, TcpOptions.paddedLength(options));
    }

    @Test
    void records_encodeAsTheirRfcsSay() {
        assertArrayEquals(hex("00"), bytes(write(TcpOption.EOL), 0, 1));
        assertArrayEquals(hex("01"), bytes(write(TcpOption.NOP), 0, 1));
        assertArrayEquals(hex("0204 05b4"), bytes(write(new TcpOption.Mss(1460)), 0, 4));
        assertArrayEquals(hex("0303 0e"), bytes(write(new TcpOption.WindowScale(14)), 0, 3));
        assertArrayEquals(hex("0402"), bytes(write(TcpOption.SACK_PERMITTED), 0, 2));
        assertArrayEquals(hex("080a 930a 021b 0000 0000"), bytes(write(new TcpOption.Timestamps(0x930a021b, 0)), 0, 10));
        assertArrayEquals(hex("0512 0000 0001 0000 0002 ffff ffff 0000 0000"),
                bytes(write(TcpOption.Sack.of(new SackBlock(1, 2), new SackBlock(-1, 0))), 0, 18));
        assertArrayEquals(hex("1c04 803c"), bytes(write(new TcpOption.Unknown(28, Octets.ofHex("803c"))), 0, 4));
        assertArrayEquals(hex("fd02"), bytes(write(new TcpOption.Unknown(253, Octets.EMPTY)), 0, 2));
    }

    private static MemorySegment write(TcpOption option) {
        MemorySegment out = poisoned(option.length());
        option.write(out, 0);
        return out;
    }

    @Test
    void records_rejectValuesTheWireCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> new TcpOption.Mss(0x10000));
        assertThrows(IllegalArgumentException.class, () -> new TcpOption.Mss(-1));
        assertThrows(IllegalArgumentException.class, () -> new TcpOption.WindowScale(256));
        assertThrows(IllegalArgumentException.class, () -> new TcpOption.Sack(List.of()));
        List<SackBlock> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(new SackBlock(i, i + 1));
        }
        assertThrows(IllegalArgumentException.class, () -> new TcpOption.Sack(five));
        assertThrows(IllegalArgumentException.class, () -> new TcpOption.Unknown(0, Octets.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new TcpOption.Unknown(1, Octets.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new TcpOption.Unknown(256, Octets.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new TcpOption.Unknown(99, Octets.of(new byte[39])));
        assertThrows(IllegalArgumentException.class, () -> new TcpOption.Unknown(2, Octets.ofHex("05b4")),
                "a well-formed MSS has its own record");
        assertThrows(IllegalArgumentException.class, () -> new TcpOption.Unknown(5, Octets.of(new byte[8])));
        assertEquals(5, new TcpOption.Unknown(2, Octets.ofHex("05b4ff")).length(), "an MSS of length 5 is kept raw");
        assertEquals(40, new TcpOption.Unknown(99, Octets.of(new byte[38])).length());
    }

    @Test
    void windowScale_clampsAbove14OnlyWhenUsed() {
        assertEquals(14, new TcpOption.WindowScale(15).effectiveShift());
        assertEquals(14, new TcpOption.WindowScale(255).effectiveShift());
        assertEquals(7, new TcpOption.WindowScale(7).effectiveShift());
        assertEquals(15, new TcpOption.WindowScale(15).shift());
    }

    @Test
    void linuxLayout_syn_matchesTheCapturedKernelSyn() {
        List<TcpOption> layout = TcpOptions.linuxLayout(List.of(new TcpOption.WindowScale(10), TcpOption.SACK_PERMITTED,
                new TcpOption.Timestamps(0x930a021b, 0), new TcpOption.Mss(1460)));
        assertEquals(List.of(new TcpOption.Mss(1460), TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(0x930a021b, 0),
                TcpOption.NOP, new TcpOption.WindowScale(10)), layout);
        byte[] syn = CapturedTcp.frame(30).bytes();
        assertArrayEquals(Arrays.copyOfRange(syn, 20, 40), encode(layout));
    }

    @Test
    void linuxLayout_withoutTimestamps_alignsEachOption() {
        assertArrayEquals(hex("0204 05b4 0101 0402 0103 0307"), encode(TcpOptions.linuxLayout(
                List.of(TcpOption.SACK_PERMITTED, new TcpOption.WindowScale(7), new TcpOption.Mss(1460)))));
        assertArrayEquals(hex("0204 05b4 0101 080a 0000 0001 0000 0002 0103 0307"), encode(TcpOptions.linuxLayout(
                List.of(new TcpOption.Mss(1460), new TcpOption.Timestamps(1, 2), new TcpOption.WindowScale(7)))));
    }

    @Test
    void linuxLayout_established_matchesScapysSackVector() {
        List<TcpOption> layout = TcpOptions.linuxLayout(List.of(TcpOption.Sack.of(new SackBlock(0x18f63b0e, 0x18f640ce)),
                new TcpOption.Timestamps(676788348, (int) 2466906653L)));
        byte[] vector = TcpVectors.SACK_ONE_BLOCK_WITH_TIMESTAMPS.bytes();
        assertArrayEquals(Arrays.copyOfRange(vector, 20, vector.length), encode(layout));
    }

    @Test
    void linuxLayout_dropsPaddingAndAlignsUnknownOptionsAtTheEnd() {
        List<TcpOption> layout = TcpOptions.linuxLayout(List.of(TcpOption.NOP,
                new TcpOption.Unknown(TcpOptionKind.FAST_OPEN, Octets.ofHex("0102030405060708")), TcpOption.EOL,
                new TcpOption.Mss(1400)));
        assertEquals(List.of(new TcpOption.Mss(1400), TcpOption.NOP, TcpOption.NOP,
                new TcpOption.Unknown(TcpOptionKind.FAST_OPEN, Octets.ofHex("0102030405060708"))), layout);
        assertEquals(16, TcpOptions.length(layout));
        assertEquals(List.of(), TcpOptions.linuxLayout(List.of(TcpOption.NOP, TcpOption.EOL)));
    }

    @Test
    void optionSpaceArithmetic() {
        List<TcpOption> synOptions = List.of(new TcpOption.Mss(1460), TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(1, 0),
                TcpOption.NOP, new TcpOption.WindowScale(7));
        assertEquals(20, TcpOptions.length(synOptions));
        assertEquals(40, TcpOptions.headerLength(synOptions));
        assertEquals(20, TcpOptions.headerLength(List.of()));
        assertEquals(7, TcpOptions.length(List.of(new TcpOption.Mss(1), new TcpOption.WindowScale(1))));
        assertEquals(8, TcpOptions.paddedLength(List.of(new TcpOption.Mss(1), new TcpOption.WindowScale(1))));
        assertTrue(TcpOptions.fits(synOptions));
        List<TcpOption> full = List.of(TcpOption.NOP, TcpOption.NOP, TcpOption.Sack.of(new SackBlock(1, 2),
                new SackBlock(3, 4), new SackBlock(5, 6), new SackBlock(7, 8)), new TcpOption.Mss(1));
        assertEquals(40, TcpOptions.length(full));
        assertTrue(TcpOptions.fits(full));
        List<TcpOption> over = new ArrayList<>(full);
        over.add(TcpOption.NOP);
        assertFalse(TcpOptions.fits(over));
    }

    @ParameterizedTest
    @CsvSource({"0, 4", "12, 3", "20, 2", "24, 1", "28, 1", "29, 0", "36, 0", "40, 0", "44, 0"})
    void maxSackBlocks_asLinuxCountsThem(int otherOptions, int blocks) {
        assertEquals(blocks, TcpOptions.maxSackBlocks(otherOptions));
    }

    @Test
    void cursor_walksTheCapturedSyn() {
        CapturedTcp.Segment syn = CapturedTcp.frame(30);
        TcpView v = new TcpView().wrap(syn.segment(), 0, syn.length());
        TcpOptionCursor c = new TcpOptionCursor().reset(v);
        List<Integer> kinds = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        while (c.next()) {
            kinds.add(c.kind());
            positions.add(c.position());
            assertTrue(c.isWellFormed());
            switch (c.kind()) {
                case TcpOptionKind.MSS -> assertEquals(1460, c.mss());
                case TcpOptionKind.WINDOW_SCALE -> assertEquals(10, c.windowScale());
                case TcpOptionKind.TIMESTAMPS -> {
                    assertEquals(0x930a021b, c.tsVal());
                    assertEquals(0, c.tsEcr());
                    assertEquals(v.optionsOffset() + 8, c.dataOffset());
                    assertEquals(8, c.dataLength());
                }
                default -> assertEquals(c.kind() == TcpOptionKind.NOP ? 1 : 2, c.length());
            }
        }
        assertEquals(List.of(2, 4, 8, 1, 3), kinds);
        assertEquals(List.of(0, 4, 6, 16, 17), positions);
        assertFalse(c.isMalformed());
        assertEquals(-1, c.malformedPosition());
        assertFalse(c.next(), "stays at the end");
    }

    @Test
    void cursor_typedReadersRefuseAnotherKind() {
        TcpOptionCursor c = new TcpOptionCursor();
        assertFalse(c.next(), "a fresh cursor is over nothing");
        assertThrows(IllegalStateException.class, c::toOption);
        MemorySegment area = segment(hex("0203 0501 0a02 0512 0000 0001 0000 0002 0000 0003 0000 0004"));
        c.reset(area, 0, (int) area.byteSize());
        assertTrue(c.next());
        assertFalse(c.isWellFormed());
        assertThrows(IllegalStateException.class, c::mss, "an MSS of length 3 has no value");
        assertEquals(new TcpOption.Unknown(2, Octets.ofHex("05")), c.toOption());
        assertTrue(c.next());
        assertThrows(IllegalStateException.class, c::windowScale);
        assertTrue(c.next());
        assertEquals(new TcpOption.Unknown(10, Octets.EMPTY), c.toOption());
        assertTrue(c.next());
        assertEquals(2, c.sackBlockCount());
        assertEquals(4, c.sackRight(1));
        assertThrows(IndexOutOfBoundsException.class, () -> c.sackLeft(2));
        assertThrows(IllegalStateException.class, c::tsVal);
        assertFalse(c.next());
        assertEquals(DropReason.NONE, c.reset(area, 4, 2).validateRest(), "from the third option on the list is clean");
        assertEquals(DropReason.TCP_BAD_OPTION, c.reset(area, 0, (int) area.byteSize()).validateRest());
    }

    @ParameterizedTest
    @CsvSource({
        "0, 1, true", "0, 2, false", "1, 1, true", "2, 4, true", "2, 3, false", "2, 5, false", "3, 3, true", "3, 4, false",
        "4, 2, true", "4, 3, false", "5, 2, false", "5, 10, true", "5, 12, false", "5, 34, true", "5, 42, false",
        "8, 10, true", "8, 8, false", "19, 18, true", "99, 2, true", "99, 1, false", "255, 40, true"})
    void wellFormedLengths(int kind, int length, boolean wellFormed) {
        assertEquals(wellFormed, TcpOptionKind.isWellFormed(kind, length));
    }

    @Test
    void kindNames_followTcpdump() {
        assertEquals("mss", TcpOptionKind.name(2));
        assertEquals("wscale", TcpOptionKind.name(3));
        assertEquals("sackOK", TcpOptionKind.name(4));
        assertEquals("TS", TcpOptionKind.name(8));
        assertEquals("tfo", TcpOptionKind.name(34));
        assertEquals("opt-77", TcpOptionKind.name(77));
        assertEquals("TS val 4294967295 ecr 1", new TcpOption.Timestamps(-1, 1).toString());
        assertEquals("sack 2 {1:2}{4294967295:0}", TcpOption.Sack.of(new SackBlock(1, 2), new SackBlock(-1, 0)).toString());
    }
}
