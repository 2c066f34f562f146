package org.jwsk.common.seq;

/**
 * Arithmetic on 32-bit sequence numbers modulo 2^32 (RFC 9293 §3.4, RFC 1982 serial number arithmetic).
 *
 * <p>Sequence numbers are raw {@code int}s. {@code a} is "less than" {@code b} when {@code b} lies less than
 * 2^31 ahead of {@code a} around the circle; comparisons between numbers exactly 2^31 apart are undefined by
 * RFC 1982 and here resolve as {@code lt(a, b) == true} for {@code b = a + 2^31} as seen from {@code a}'s side
 * ({@code (a - b) < 0}). Windows are unsigned lengths of at most 2^31 - 1 (RFC 7323 limits scaled windows to
 * 2^30).
 */
public final class Seq32 {

    private Seq32() {
    }

    /** {@code a < b} modulo 2^32. */
    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    /** {@code a <= b} modulo 2^32. */
    public static boolean leq(int a, int b) {
        return a - b <= 0;
    }

    /** {@code a > b} modulo 2^32. */
    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    /** {@code a >= b} modulo 2^32. */
    public static boolean geq(int a, int b) {
        return a - b >= 0;
    }

    /** The signed distance from {@code b} to {@code a}: positive when {@code a} is ahead. */
    public static int diff(int a, int b) {
        return a - b;
    }

    /** {@code a + n} modulo 2^32. */
    public static int add(int a, int n) {
        return a + n;
    }

    /** The later of {@code a} and {@code b}. */
    public static int max(int a, int b) {
        return gt(a, b) ? a : b;
    }

    /** The earlier of {@code a} and {@code b}. */
    public static int min(int a, int b) {
        return lt(a, b) ? a : b;
    }

    /**
     * {@code start <= seq < start + size}, where {@code size} is an unsigned window length; an empty window
     * contains nothing.
     */
    public static boolean inWindow(int seq, int start, int size) {
        return Integer.compareUnsigned(seq - start, size) < 0;
    }

    /** {@code lo <= seq < hi} modulo 2^32, for a range no longer than 2^31. */
    public static boolean inRange(int seq, int lo, int hi) {
        return leq(lo, seq) && lt(seq, hi);
    }

    /** {@code lo <= seq <= hi} modulo 2^32, for a range no longer than 2^31. */
    public static boolean inRangeInclusive(int seq, int lo, int hi) {
        return leq(lo, seq) && leq(seq, hi);
    }

    /** The sequence number as its unsigned value, for printing. */
    public static long unsigned(int seq) {
        return Integer.toUnsignedLong(seq);
    }
}
