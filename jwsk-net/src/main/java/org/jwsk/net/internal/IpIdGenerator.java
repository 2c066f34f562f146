package org.jwsk.net.internal;

import java.util.random.RandomGenerator;

/**
 * IPv4 identification values (RFC 6864 §4.1: unique per source, destination and protocol within the datagram's
 * lifetime) and IPv6 fragment identifications (RFC 7739: unpredictable). As Linux does, a counter per hash bucket of
 * (source, destination, protocol), the buckets and their starting points drawn from the stack's random generator, so
 * values are neither global (a side channel) nor predictable across destinations.
 */
final class IpIdGenerator {

    private static final int BUCKETS = 2048;
    private final int[] counters = new int[BUCKETS];
    private final long secret;

    IpIdGenerator(RandomGenerator random) {
        for (int i = 0; i < BUCKETS; i++) {
            counters[i] = random.nextInt();
        }
        secret = random.nextLong();
    }

    /** The next IPv4 identification (16 bits) for the flow. */
    int next4(int src, int dst, int protocol) {
        return next(src & 0xffff_ffffL, dst & 0xffff_ffffL, protocol) & 0xffff;
    }

    /** The next IPv6 fragment identification (32 bits) for the flow. */
    int next6(long srcHi, long srcLo, long dstHi, long dstLo) {
        return next(srcHi ^ srcLo, dstHi ^ dstLo, 44);
    }

    private int next(long a, long b, int c) {
        long h = (a * 0x9e37_79b9_7f4a_7c15L) ^ (b * 0xc2b2_ae3d_27d4_eb4fL) ^ (c * 0x1656_67b1_9e37_79f9L) ^ secret;
        h ^= h >>> 29;
        int bucket = (int) (h & (BUCKETS - 1));
        return ++counters[bucket];
    }
}
