package org.jwsk.wire.addr;

import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import org.jwsk.common.buf.NetOrder;

/**
 * An IPv6 address as two {@code long}s in network order: {@code hi} holds bytes 0-7, {@code lo} bytes 8-15.
 *
 * <p>{@link #toString()} gives the RFC 5952 canonical text: lowercase hex, no leading zeros, the longest run
 * of two or more zero groups (the first of equal runs) shortened to {@code ::}, and IPv4-mapped addresses in
 * the mixed {@code ::ffff:192.0.2.1} form (RFC 5952 §5).
 *
 * @param hi the first 64 bits
 * @param lo the last 64 bits
 */
public record Ipv6Address(long hi, long lo) implements IpAddress {

    /** ::, the unspecified address. */
    public static final Ipv6Address ANY = new Ipv6Address(0, 0);
    /** ::1. */
    public static final Ipv6Address LOOPBACK = new Ipv6Address(0, 1);
    /** ff02::1, all nodes on the link (RFC 4291 §2.7.1). */
    public static final Ipv6Address ALL_NODES = new Ipv6Address(0xff02_0000_0000_0000L, 1);
    /** ff02::2, all routers on the link. */
    public static final Ipv6Address ALL_ROUTERS = new Ipv6Address(0xff02_0000_0000_0000L, 2);
    /** ff02::16, all MLDv2-capable routers (RFC 3810 §5.2.14). */
    public static final Ipv6Address ALL_MLDV2_ROUTERS = new Ipv6Address(0xff02_0000_0000_0000L, 0x16);

    /**
     * Parses RFC 4291 §2.2 text: eight hex groups, one {@code ::}, and an optional trailing dotted quad. Zone
     * indices ({@code %eth0}) are not addresses and are rejected.
     *
     * @throws IllegalArgumentException if the text is not an IPv6 address
     */
    public static Ipv6Address parse(String text) {
        byte[] bytes = Ipv6Text.parse(text);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IPv6 address: '" + text + "'");
        }
        return ofBytes(bytes);
    }

    /** The address in 16 network-order bytes. */
    public static Ipv6Address ofBytes(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes, not " + bytes.length);
        }
        MemorySegment seg = MemorySegment.ofArray(bytes);
        return new Ipv6Address(NetOrder.i64(seg, 0), NetOrder.i64(seg, 8));
    }

    /** The address stored at {@code off}. */
    public static Ipv6Address read(MemorySegment seg, long off) {
        return new Ipv6Address(NetOrder.i64(seg, off), NetOrder.i64(seg, off + 8));
    }

    /** Stores the address at {@code off}. */
    public void write(MemorySegment seg, long off) {
        NetOrder.setI64(seg, off, hi);
        NetOrder.setI64(seg, off + 8, lo);
    }

    /** ::ffff:a.b.c.d, the IPv4-mapped form of an IPv4 address (RFC 4291 §2.5.5.2). */
    public static Ipv6Address v4Mapped(Ipv4Address v4) {
        return new Ipv6Address(0, 0x0000_ffff_0000_0000L | (v4.value() & 0xffff_ffffL));
    }

    /** fe80::/64 with the given interface identifier (RFC 4291 §2.5.6). */
    public static Ipv6Address linkLocal(long interfaceId) {
        return new Ipv6Address(0xfe80_0000_0000_0000L, interfaceId);
    }

    /** The solicited-node multicast group of this address: ff02::1:ffXX:XXXX (RFC 4291 §2.7.1). */
    public Ipv6Address solicitedNode() {
        return new Ipv6Address(0xff02_0000_0000_0000L, 0x0000_0001_ff00_0000L | (lo & 0xff_ffffL));
    }

    @Override
    public int version() {
        return 6;
    }

    @Override
    public int byteLength() {
        return 16;
    }

    @Override
    public boolean isMulticast() {
        return (hi >>> 56) == 0xff;
    }

    /** The scope of a multicast address (RFC 4291 §2.7): 1 interface, 2 link, 5 site, 8 organisation, 14 global. */
    public int multicastScope() {
        return (int) (hi >>> 48) & 0xf;
    }

    @Override
    public boolean isUnspecified() {
        return hi == 0 && lo == 0;
    }

    @Override
    public boolean isLoopback() {
        return hi == 0 && lo == 1;
    }

    /** Whether this is a unicast link-local address, fe80::/10. */
    public boolean isLinkLocal() {
        return (hi >>> 54) == (0xfe80L >>> 6);
    }

    /** Whether this is ::ffff:0:0/96. */
    public boolean isV4Mapped() {
        return hi == 0 && (lo >>> 32) == 0xffff;
    }

    /** The IPv4 address inside an IPv4-mapped address. */
    public Ipv4Address toV4() {
        if (!isV4Mapped()) {
            throw new IllegalStateException(this + " is not IPv4-mapped");
        }
        return new Ipv4Address((int) lo);
    }

    /** Whether this address lies in {@code prefix/length}. */
    public boolean inPrefix(Ipv6Address prefix, int length) {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length " + length);
        }
        if (length <= 64) {
            long mask = length == 0 ? 0 : -1L << (64 - length);
            return (hi & mask) == (prefix.hi & mask);
        }
        long mask = -1L << (128 - length);
        return hi == prefix.hi && (lo & mask) == (prefix.lo & mask);
    }

    @Override
    public byte[] toBytes() {
        byte[] b = new byte[16];
        write(MemorySegment.ofArray(b), 0);
        return b;
    }

    @Override
    public InetAddress toInetAddress() {
        try {
            // Inet6Address.getByAddress keeps a v4-mapped address IPv6, where InetAddress.getByAddress would not.
            return Inet6Address.getByAddress(null, toBytes(), null);
        } catch (UnknownHostException e) {
            throw new AssertionError("sixteen bytes are always a valid address", e);
        }
    }

    @Override
    public String toString() {
        return Ipv6Text.format(this);
    }

    /** The address's sixteen bytes as hex, for diagnostics. */
    public String toHex() {
        return HexFormat.of().formatHex(toBytes());
    }
}
