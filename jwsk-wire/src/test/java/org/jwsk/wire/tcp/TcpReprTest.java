package org.jwsk.wire.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.jwsk.wire.testing.WireTesting.bytes;
import static org.jwsk.wire.testing.WireTesting.poisoned;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.Octets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TcpReprTest {

    record Case(TcpRepr repr, int pseudoHeaderSum) {
        @Override
        public String toString() {
            return repr + " " + repr.options() + String.format(" pseudo 0x%04x", pseudoHeaderSum);
        }
    }

    static Stream<Case> reprs() {
        return RandomCases.of(9293, 500, r -> new Case(TcpTesting.randomRepr(r, 64), r.nextInt(0x10000)));
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void parseOfEmit_isIdentity(Case c) {
        TcpRepr repr = c.repr();
        MemorySegment out = poisoned(repr.bufferLength());
        repr.emit(out, 0, c.pseudoHeaderSum(), ChecksumPolicy.COMPUTE);
        assertEquals(DropReason.NONE, TcpView.check(out, 0, repr.bufferLength()));
        TcpView view = new TcpView().wrap(out, 0, repr.bufferLength());
        assertEquals(repr, TcpRepr.parse(view));
        assertEquals(repr.headerLength(), view.headerLength());
        assertEquals(DropReason.NONE, view.verifyChecksum(c.pseudoHeaderSum()));
        assertEquals(0, view.reservedBits(), "reserved bits are sent as zero (RFC 9293 §3.1)");
        if (TcpTesting.allWellFormed(repr)) {
            assertEquals(DropReason.NONE, view.checkOptions());
        }
        TcpTesting.assertViewAgreesWithRepr(view, repr);
    }

    static Stream<CapturedTcp.Segment> captured() {
        return IntStream.rangeClosed(30, 49).mapToObj(CapturedTcp::frame);
    }

    /** Linux's segments re-emit byte for byte, with the checksum completed. */
    @ParameterizedTest
    @MethodSource("captured")
    void capturedSegments_reEmitExactly(CapturedTcp.Segment captured) {
        TcpView in = new TcpView().wrap(captured.segment(), 0, captured.length());
        TcpRepr repr = TcpRepr.parse(in);
        MemorySegment out = poisoned(repr.bufferLength());
        repr.emit(out, 0, captured.pseudoHeaderSum(), ChecksumPolicy.COMPUTE);
        in.setComputedChecksum(captured.pseudoHeaderSum());
        assertArrayEquals(bytes(in.segment(), 0, captured.length()), bytes(out, 0, repr.bufferLength()));
        TcpTesting.assertViewAgreesWithRepr(in, repr);
    }

    /** scapy's segments, odd layouts and unknown options included, re-emit byte for byte, checksum included. */
    @Test
    void scapyVectors_reEmitExactly() {
        for (TcpVectors.Vector vector : TcpVectors.ALL) {
            TcpView in = new TcpView().wrap(vector.segment(), 0, vector.length());
            TcpRepr repr = TcpRepr.parse(in);
            MemorySegment out = poisoned(repr.bufferLength());
            repr.emit(out, 0, vector.pseudoHeaderSum(), ChecksumPolicy.COMPUTE);
            assertArrayEquals(vector.bytes(), bytes(out, 0, repr.bufferLength()), vector.name());
            TcpTesting.assertViewAgreesWithRepr(in, repr);
        }
    }

    @Test
    void parse_unknownOptionsAndEolAreKept() {
        TcpRepr repr = TcpRepr.parse(new TcpView().wrap(TcpVectors.UNKNOWN_OPTIONS.segment(), 0, TcpVectors.UNKNOWN_OPTIONS.length()));
        assertEquals(List.of(new TcpOption.Mss(1460),
                new TcpOption.Unknown(TcpOptionKind.FAST_OPEN, Octets.ofHex("0102030405060708")),
                new TcpOption.Unknown(TcpOptionKind.USER_TIMEOUT, Octets.ofHex("803c")),
                TcpOption.NOP, TcpOption.NOP,
                new TcpOption.Unknown(TcpOptionKind.EXPERIMENTAL_2, Octets.ofHex("f989aabb")),
                TcpOption.EOL), repr.options());
        assertEquals(Octets.ofHex("474554"), repr.payload());
        assertEquals("40000 > 443: Flags [S], seq 100, win 65535, options [mss 1460,tfo 0x0102030405060708,uto 0x803c,"
                + "nop,nop,exp 0xf989aabb,eol], length 3", repr.toString());
    }

    @Test
    void parse_sackBlocks() {
        TcpRepr repr = TcpRepr.parse(new TcpView().wrap(TcpVectors.SACK_FOUR_BLOCKS_V6.segment(), 0,
                TcpVectors.SACK_FOUR_BLOCKS_V6.length()));
        assertEquals(TcpOption.Sack.of(new SackBlock(2000, 3000), new SackBlock(4000, 5000), new SackBlock(6000, 7000),
                new SackBlock(0xfffffff0, 0x10)), repr.option(TcpOption.Sack.class).orElseThrow());
        assertEquals(0x20, repr.option(TcpOption.Sack.class).orElseThrow().blocks().get(3).span(), "wraps around 2^32");
    }

    @Test
    void emit_offloadLeavesTheChecksumZero() {
        TcpRepr repr = TcpRepr.parse(new TcpView().wrap(TcpVectors.URGENT.segment(), 0, TcpVectors.URGENT.length()));
        MemorySegment out = poisoned(repr.bufferLength());
        repr.emit(out, 0, TcpVectors.URGENT.pseudoHeaderSum(), ChecksumPolicy.OFFLOAD);
        TcpView v = new TcpView().wrap(out, 0, repr.bufferLength());
        assertEquals(0, v.checksum());
        assertEquals(0xa91e, v.computeChecksum(TcpVectors.URGENT.pseudoHeaderSum()), "scapy's value, for the link to store");
    }

    @Test
    void emit_needsAViewOfExactlyTheSegment() {
        TcpRepr repr = syn(List.of());
        assertThrows(IllegalArgumentException.class,
                () -> repr.emit(new TcpView().wrap(poisoned(21), 0, 21), 0, ChecksumPolicy.COMPUTE));
        assertThrows(IllegalArgumentException.class,
                () -> repr.emit(new TcpView().wrap(poisoned(19), 0, 19), 0, ChecksumPolicy.COMPUTE));
    }

    @Test
    void options_thatDoNotFillAWord_getAnEol() {
        assertEquals(List.of(new TcpOption.Mss(1460), new TcpOption.WindowScale(7), TcpOption.EOL),
                syn(List.of(new TcpOption.Mss(1460), new TcpOption.WindowScale(7))).options());
        assertEquals(List.of(new TcpOption.Mss(1460), TcpOption.EOL), syn(List.of(new TcpOption.Mss(1460), TcpOption.EOL)).options(),
                "an explicit EOL on a word boundary stays: it takes a word of its own");
        assertEquals(List.of(new TcpOption.Mss(1460)), syn(List.of(new TcpOption.Mss(1460))).options());
        assertEquals(28, syn(List.of(new TcpOption.Mss(1460), TcpOption.EOL)).headerLength());
        assertEquals(24, syn(List.of(TcpOption.EOL)).headerLength());
    }

    @Test
    void invalidValues_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> syn(List.of(TcpOption.EOL, TcpOption.NOP)));
        assertThrows(IllegalArgumentException.class, () -> syn(List.of(
                TcpOption.Sack.of(new SackBlock(1, 2), new SackBlock(3, 4), new SackBlock(5, 6), new SackBlock(7, 8)),
                new TcpOption.Mss(1), new TcpOption.Mss(2))), "42 option bytes");
        Octets none = Octets.EMPTY;
        List<TcpOption> no = List.of();
        TcpFlags f = TcpFlags.NONE;
        assertThrows(IllegalArgumentException.class, () -> new TcpRepr(-1, 0, 0, 0, f, 0, 0, no, none));
        assertThrows(IllegalArgumentException.class, () -> new TcpRepr(0, 0x10000, 0, 0, f, 0, 0, no, none));
        assertThrows(IllegalArgumentException.class, () -> new TcpRepr(0, 0, 0, 0, f, 0x10000, 0, no, none));
        assertThrows(IllegalArgumentException.class, () -> new TcpRepr(0, 0, 0, 0, f, 0, -1, no, none));
        assertThrows(NullPointerException.class, () -> new TcpRepr(0, 0, 0, 0, null, 0, 0, no, none));
        assertThrows(NullPointerException.class, () -> new TcpRepr(0, 0, 0, 0, f, 0, 0, no, null));
    }

    @Test
    void segmentLength_countsSynAndFin() {
        Octets three = Octets.ofHex("010203");
        assertEquals(3, new TcpRepr(1, 2, 0, 0, TcpFlags.parse("P."), 0, 0, List.of(), three).segmentLength());
        assertEquals(4, new TcpRepr(1, 2, 0, 0, TcpFlags.parse("FP."), 0, 0, List.of(), three).segmentLength());
        assertEquals(2, new TcpRepr(1, 2, 0, 0, TcpFlags.parse("SF"), 0, 0, List.of(), Octets.EMPTY).segmentLength());
        assertEquals(0, new TcpRepr(1, 2, 0, 0, TcpFlags.parse("R."), 0, 0, List.of(), Octets.EMPTY).segmentLength());
    }

    @Test
    void option_findsTheLastOfAType() {
        TcpRepr repr = syn(List.of(new TcpOption.Mss(1), new TcpOption.Mss(2)));
        assertEquals(2, repr.option(TcpOption.Mss.class).orElseThrow().mss());
        assertEquals(Optional.empty(), repr.option(TcpOption.Timestamps.class));
    }

    private static TcpRepr syn(List<TcpOption> options) {
        return new TcpRepr(1, 2, 3, 0, TcpFlags.of(TcpFlags.SYN), 1000, 0, options, Octets.EMPTY);
    }
}
