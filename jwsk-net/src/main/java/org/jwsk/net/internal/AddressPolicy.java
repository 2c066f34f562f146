package org.jwsk.net.internal;

/**
 * The shared context of RFC 6724's two algorithms: address scopes (§3.1, §3.2), the default policy table (§2.1) with
 * its precedences and labels, and {@code CommonPrefixLen} (§2.2). IPv4 addresses take part as IPv4-mapped IPv6
 * addresses ({@code ::ffff:a.b.c.d}, §2.1: "IPv4 addresses ... MUST be represented as IPv4-mapped addresses").
 * Pure functions over the two 64-bit halves of an address; allocation-free.
 */
final class AddressPolicy {

    /** RFC 4007 §5 / RFC 6724 §3.1 scope values. */
    static final int SCOPE_INTERFACE_LOCAL = 0x1;
    static final int SCOPE_LINK_LOCAL = 0x2;
    static final int SCOPE_SITE_LOCAL = 0x5;
    static final int SCOPE_GLOBAL = 0xe;

    /** The first half of an IPv4-mapped address, {@code ::ffff:0:0/96}. */
    static final long V4_MAPPED_HI = 0;
    static final long V4_MAPPED_LO_PREFIX = 0x0000_ffff_0000_0000L;

    /**
     * RFC 6724 §2.1, the default policy table, most specific prefixes first so the first match is the longest:
     * {hi, lo, prefix length, precedence, label}.
     */
    private static final long[][] TABLE = {
        {0, 1, 128, 50, 0},                                  // ::1/128           loopback
        {0, V4_MAPPED_LO_PREFIX, 96, 35, 4},                 // ::ffff:0:0/96     IPv4-mapped
        {0, 0, 96, 1, 3},                                    // ::/96             IPv4-compatible (deprecated)
        {0x2001_0000_0000_0000L, 0, 32, 5, 5},               // 2001::/32         Teredo
        {0x2002_0000_0000_0000L, 0, 16, 30, 2},              // 2002::/16         6to4
        {0x3ffe_0000_0000_0000L, 0, 16, 1, 12},              // 3ffe::/16         6bone (returned)
        {0xfec0_0000_0000_0000L, 0, 10, 1, 11},              // fec0::/10         site-local (deprecated)
        {0xfc00_0000_0000_0000L, 0, 7, 3, 13},               // fc00::/7          unique local
        {0, 0, 0, 40, 1},                                    // ::/0              everything else
    };

    private AddressPolicy() {
    }

    /** The IPv4-mapped form's low half of IPv4 address {@code v4}. */
    static long mappedLo(int v4) {
        return V4_MAPPED_LO_PREFIX | (v4 & 0xffff_ffffL);
    }

    /** Whether {@code (hi, lo)} is IPv4-mapped. */
    static boolean isV4Mapped(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xffff;
    }

    /**
     * The scope of an address (RFC 6724 §3.1): a multicast address's scope field; link-local for {@code fe80::/10}
     * and for the loopback address; site-local for the deprecated {@code fec0::/10}; for IPv4-mapped addresses
     * (§3.2) link-local for 127/8 and 169.254/16, global for the rest (private addresses included); global otherwise.
     */
    static int scope(long hi, long lo) {
        if ((hi >>> 56) == 0xff) {
            return (int) ((hi >>> 48) & 0xf);
        }
        if ((hi & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L || (hi == 0 && lo == 1)) {
            return SCOPE_LINK_LOCAL;
        }
        if ((hi & 0xffc0_0000_0000_0000L) == 0xfec0_0000_0000_0000L) {
            return SCOPE_SITE_LOCAL;
        }
        if (isV4Mapped(hi, lo)) {
            int v4 = (int) lo;
            return (v4 >>> 24) == 127 || (v4 >>> 16) == 0xa9fe ? SCOPE_LINK_LOCAL : SCOPE_GLOBAL;
        }
        return SCOPE_GLOBAL;
    }

    /** Precedence(A) from the default policy table. */
    static int precedence(long hi, long lo) {
        return (int) entry(hi, lo)[3];
    }

    /** Label(A) from the default policy table. */
    static int label(long hi, long lo) {
        return (int) entry(hi, lo)[4];
    }

    private static long[] entry(long hi, long lo) {
        for (long[] e : TABLE) {
            if (matches(hi, lo, e[0], e[1], (int) e[2])) {
                return e;
            }
        }
        throw new AssertionError("::/0 matches everything");
    }

    private static boolean matches(long hi, long lo, long pHi, long pLo, int len) {
        if (len <= 64) {
            return len == 0 || ((hi ^ pHi) & (-1L << (64 - len))) == 0;
        }
        return hi == pHi && (len == 128 ? lo == pLo : ((lo ^ pLo) & (-1L << (128 - len))) == 0);
    }

    /**
     * RFC 6724 §2.2 {@code CommonPrefixLen(S, D)}: the leading bits the two addresses share, up to the length of S's
     * prefix. For IPv4-mapped addresses {@code sourcePrefixLength} is the IPv4 prefix length and the result counts
     * the 96 bits of the mapping prefix too (RFC 6724 errata 6971: up to 128 for two mapped addresses).
     */
    static int commonPrefixLength(long sHi, long sLo, int sourcePrefixLength, long dHi, long dLo) {
        long x = sHi ^ dHi;
        int common = x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(sLo ^ dLo);
        int cap = isV4Mapped(sHi, sLo) ? 96 + sourcePrefixLength : sourcePrefixLength;
        return Math.min(common, Math.min(cap, 128));
    }
}
