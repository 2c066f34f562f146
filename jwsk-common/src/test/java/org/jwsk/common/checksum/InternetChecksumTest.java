package org.jwsk.common.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InternetChecksumTest {

    /** The word-at-a-time definition from RFC 1071 §1, the oracle for the fast implementation. */
    static int naiveSum(byte[] data, int off, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((data[off + i] & 0xff) << 8) | (data[off + i + 1] & 0xff);
        }
        if ((len & 1) == 1) {
            sum += (data[off + len - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static MemorySegment segmentOf(byte[] data) {
        return MemorySegment.ofArray(data);
    }

    @Test
    void rfc1071_example() {
        // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2 (after end-around carries).
        byte[] data = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0xddf2, InternetChecksum.sum(segmentOf(data), 0, data.length));
        assertEquals(0x220d, InternetChecksum.finish(0xddf2));
    }

    @Test
    void ipv4HeaderExample_verifies() {
        // The worked example of the IPv4 header checksum (Wikipedia, "Internet checksum"): 192.168.0.1 ->
        // 192.168.0.199, UDP, checksum 0xb861.
        byte[] hdr = hex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7");
        MemorySegment seg = segmentOf(hdr);
        hdr[10] = 0;
        hdr[11] = 0;
        assertEquals(0xb861, InternetChecksum.compute(0, seg, 0, hdr.length));
        hdr[10] = (byte) 0xb8;
        hdr[11] = 0x61;
        assertTrue(InternetChecksum.isValid(InternetChecksum.sum(seg, 0, hdr.length)));
    }

    /** Random data with a random offset, cut point, word index and replacement word. */
    record Case(byte[] data, int shift, int cut, int wordIndex, int newWord) {
        @Override
        public String toString() {
            return "Case[" + HexFormat.of().formatHex(data) + ", shift " + shift + ", cut " + cut + ", word "
                    + wordIndex + " := " + newWord + "]";
        }
    }

    static Stream<Case> cases() {
        // Lengths up to 2100 cover both the short-region loop and the vectorized one (256 bytes and more),
        // with every tail length.
        return RandomCases.of(1071, 1000, r -> {
            byte[] data = RandomCases.bytesUpTo(r, r.nextBoolean() ? 300 : 2100);
            return new Case(data, r.nextInt(8), r.nextInt(data.length + 1), r.nextInt(1050), r.nextInt(0x10000));
        });
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sum_matchesTheDefinition_atEveryOffsetAndLength(Case c) {
        byte[] padded = new byte[c.data().length + c.shift()];
        System.arraycopy(c.data(), 0, padded, c.shift(), c.data().length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nativeSeg = arena.allocate(padded.length + 1);
            MemorySegment.copy(padded, 0, nativeSeg, ValueLayout.JAVA_BYTE, 0, padded.length);
            assertEquals(naiveSum(padded, c.shift(), c.data().length),
                    InternetChecksum.sum(nativeSeg, c.shift(), c.data().length));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void combine_equalsTheSumOfTheWhole(Case c) {
        byte[] data = c.data();
        int split = Math.min(c.cut(), data.length);
        MemorySegment seg = segmentOf(data);
        int first = InternetChecksum.sum(seg, 0, split);
        int second = InternetChecksum.sum(seg, split, data.length - split);
        assertEquals(normal(naiveSum(data, 0, data.length)), normal(InternetChecksum.combine(first, split, second)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void incrementalUpdate_equalsRecomputation(Case c) {
        byte[] data = c.data().clone();
        int len = data.length & ~1;
        if (len == 0) {
            return; // no word to change; the empty case is covered by sum_matchesTheDefinition
        }
        int index = (c.wordIndex() * 2) % len;
        MemorySegment seg = segmentOf(data);
        int before = InternetChecksum.finish(InternetChecksum.sum(seg, 0, len));
        int oldWord = ((data[index] & 0xff) << 8) | (data[index + 1] & 0xff);
        data[index] = (byte) (c.newWord() >>> 8);
        data[index + 1] = (byte) c.newWord();
        int recomputed = InternetChecksum.finish(InternetChecksum.sum(seg, 0, len));
        int updated = InternetChecksum.update(before, oldWord, c.newWord());
        // RFC 1624 §3: eqn. 3 may yield 0xffff where recomputation yields 0x0000 (both are zero in one's complement).
        assertEquals(normal(recomputed), normal(updated));
    }

    @Test
    void update32_matchesTwoWordUpdates() {
        byte[] data = hex("c000 0201 c000 0202 0011 0020");
        MemorySegment seg = segmentOf(data);
        int before = InternetChecksum.finish(InternetChecksum.sum(seg, 0, data.length));
        data[3] = 0x63; // 192.0.2.1 -> 192.0.2.99
        int after = InternetChecksum.finish(InternetChecksum.sum(seg, 0, data.length));
        assertEquals(normal(after), normal(InternetChecksum.update32(before, 0xc0000201, 0xc0000263)));
    }

    @Test
    void pseudoHeaders_matchTheirByteLayouts() {
        byte[] v4 = hex("c000 0201 c633 6407 0006 0014"); // 192.0.2.1 -> 198.51.100.7, zero+TCP, length 20
        assertEquals(InternetChecksum.sum(segmentOf(v4), 0, v4.length),
                InternetChecksum.pseudoHeaderV4(0xc0000201, 0xc6336407, 6, 20));

        byte[] v6 = hex("2001 0db8 0000 0000 0000 0000 0000 0001 2001 0db8 0000 0000 0000 0000 0000 0002"
                + "0001 0004 0000 003a"); // src, dst, length 0x10004, zero, ICMPv6
        assertEquals(InternetChecksum.sum(segmentOf(v6), 0, v6.length),
                InternetChecksum.pseudoHeaderV6(0x20010db800000000L, 1, 0x20010db800000000L, 2, 58, 0x10004));
    }

    @Test
    void largeRegions_sumCorrectly() {
        byte[] data = new byte[70_001];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        assertEquals(naiveSum(data, 0, data.length), InternetChecksum.sum(segmentOf(data), 0, data.length));
    }

    private static int normal(int sum) {
        return sum == 0xffff ? 0 : sum;
    }

    static byte[] hex(String s) {
        String clean = s.replaceAll("\\s", "");
        byte[] out = new byte[clean.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
