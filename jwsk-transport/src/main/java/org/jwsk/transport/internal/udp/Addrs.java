package org.jwsk.transport.internal.udp;

import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * Addresses of both families as one 128-bit form, the way the dual IP layer's transports compare them: an IPv6
 * address as itself, an IPv4 address as its v4-mapped IPv6 form {@code ::ffff:a.b.c.d} (RFC 4291 §2.5.5.2). One
 * demultiplexer then serves both families, and a dual-stack endpoint's IPv4 addresses need no special case.
 */
public final class Addrs {

    /** The low 64 bits of {@code ::ffff:0.0.0.0}. */
    public static final long MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    private Addrs() {
    }

    /** The low 64 bits of the mapped form of IPv4 address {@code v4} (the high 64 bits are 0). */
    public static long mappedLo(int v4) {
        return MAPPED_PREFIX | (v4 & 0xffff_ffffL);
    }

    /** Whether {@code (hi, lo)} is a v4-mapped address. */
    public static boolean isMapped(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xffff;
    }

    /** The high 64 bits of {@code a}'s 128-bit form. */
    public static long hi(IpAddress a) {
        return a instanceof Ipv6Address v6 ? v6.hi() : 0;
    }

    /** The low 64 bits of {@code a}'s 128-bit form (IPv4 mapped). */
    public static long lo(IpAddress a) {
        return switch (a) {
            case Ipv4Address v4 -> mappedLo(v4.value());
            case Ipv6Address v6 -> v6.lo();
        };
    }

    /** The address a 128-bit form stands for: IPv4 for a mapped one. */
    public static IpAddress toAddress(long hi, long lo) {
        return isMapped(hi, lo) ? new Ipv4Address((int) lo) : new Ipv6Address(hi, lo);
    }

    /**
     * {@code a} as the family of its traffic: a v4-mapped IPv6 address becomes the IPv4 address it maps, anything
     * else stays.
     */
    public static IpAddress unmapped(IpAddress a) {
        return a instanceof Ipv6Address v6 && v6.isV4Mapped() ? v6.toV4() : a;
    }

    /** Whether the 128-bit form is a multicast address of either family. */
    public static boolean isMulticast(long hi, long lo) {
        return isMapped(hi, lo) ? ((int) lo >>> 28) == 0xe : (hi >>> 56) == 0xff;
    }

    /** Whether the 128-bit form is an IPv6 link-local unicast address (fe80::/10). */
    public static boolean isLinkLocal6(long hi) {
        return (hi & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L;
    }
}
