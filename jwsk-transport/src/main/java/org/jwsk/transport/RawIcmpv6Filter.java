package org.jwsk.transport;

import java.util.Arrays;

/**
 * Which ICMPv6 message types a raw ICMPv6 endpoint receives: the {@code ICMP6_FILTER} socket option of RFC 3542 §3.2,
 * as an immutable value. Its operations mirror the RFC's macros ({@code ICMP6_FILTER_SETPASSALL}, {@code
 * ..._SETBLOCKALL}, {@code ..._SETPASS}, {@code ..._SETBLOCK}, {@code ..._WILLPASS}).
 */
public final class RawIcmpv6Filter {

    /** Every type passes: the default (RFC 3542 §3.2). */
    public static final RawIcmpv6Filter PASS_ALL = new RawIcmpv6Filter(new long[] {-1, -1, -1, -1});
    /** No type passes. */
    public static final RawIcmpv6Filter BLOCK_ALL = new RawIcmpv6Filter(new long[4]);

    private final long[] pass;

    private RawIcmpv6Filter(long[] pass) {
        this.pass = pass;
    }

    /** A filter that passes exactly {@code types}. */
    public static RawIcmpv6Filter passing(int... types) {
        RawIcmpv6Filter f = BLOCK_ALL;
        for (int t : types) {
            f = f.withPass(t);
        }
        return f;
    }

    /** This filter with {@code type} passing (ICMP6_FILTER_SETPASS). */
    public RawIcmpv6Filter withPass(int type) {
        long[] p = pass.clone();
        p[index(type)] |= 1L << type;
        return new RawIcmpv6Filter(p);
    }

    /** This filter with {@code type} blocked (ICMP6_FILTER_SETBLOCK). */
    public RawIcmpv6Filter withBlock(int type) {
        long[] p = pass.clone();
        p[index(type)] &= ~(1L << type);
        return new RawIcmpv6Filter(p);
    }

    /** Whether messages of {@code type} pass (ICMP6_FILTER_WILLPASS). */
    public boolean passes(int type) {
        return (pass[index(type)] >>> type & 1) != 0;
    }

    private static int index(int type) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("ICMPv6 types are 0-255, not " + type);
        }
        return type >>> 6;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawIcmpv6Filter f && Arrays.equals(pass, f.pass);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pass);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RawIcmpv6Filter[pass");
        for (int t = 0; t < 256; t++) {
            if (passes(t)) {
                sb.append(' ').append(t);
            }
        }
        return sb.append(']').toString();
    }
}
