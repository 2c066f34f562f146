package org.jwsk.common.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Seq32Test {

    @Test
    void comparisons_wrapAround() {
        int nearTop = 0xffff_fff0;
        int wrapped = 0x0000_0010;
        assertTrue(Seq32.lt(nearTop, wrapped));
        assertTrue(Seq32.gt(wrapped, nearTop));
        assertTrue(Seq32.leq(wrapped, wrapped));
        assertTrue(Seq32.geq(wrapped, wrapped));
        assertEquals(0x20, Seq32.diff(wrapped, nearTop));
        assertEquals(wrapped, Seq32.max(nearTop, wrapped));
        assertEquals(nearTop, Seq32.min(nearTop, wrapped));
        assertEquals(wrapped, Seq32.add(nearTop, 0x20));
        assertEquals(0xffff_fff0L, Seq32.unsigned(nearTop));
    }

    @Test
    void window_boundaries() {
        int start = 0xffff_fffe;
        assertTrue(Seq32.inWindow(start, start, 4));
        assertTrue(Seq32.inWindow(1, start, 4));
        assertFalse(Seq32.inWindow(2, start, 4), "start + size is outside");
        assertFalse(Seq32.inWindow(start - 1, start, 4));
        assertFalse(Seq32.inWindow(start, start, 0), "an empty window holds nothing");
        assertTrue(Seq32.inRange(0, start, 2));
        assertFalse(Seq32.inRange(2, start, 2));
        assertTrue(Seq32.inRangeInclusive(2, start, 2));
    }

    record Pair(int a, int distance, int size, int seq) {
    }

    static Stream<Pair> pairs() {
        return RandomCases.of(32, 500, r -> new Pair(r.nextInt(), r.nextInt(1, Integer.MAX_VALUE),
                r.nextInt(0, (1 << 30) + 1), r.nextInt()));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void lt_isAntisymmetricForDistancesBelowHalf(Pair p) {
        int b = p.a() + p.distance();
        assertTrue(Seq32.lt(p.a(), b));
        assertFalse(Seq32.lt(b, p.a()));
        assertTrue(Seq32.gt(b, p.a()));
        assertEquals(p.distance(), Seq32.diff(b, p.a()));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void inWindow_matchesUnsignedOffset(Pair p) {
        long offset = Integer.toUnsignedLong(p.seq() - p.a());
        assertEquals(offset < p.size(), Seq32.inWindow(p.seq(), p.a(), p.size()));
    }
}
