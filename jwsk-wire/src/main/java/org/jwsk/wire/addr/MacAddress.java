package org.jwsk.wire.addr;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import org.jwsk.common.buf.NetOrder;

/**
 * A 48-bit IEEE 802 MAC address, held in the low 48 bits of a {@code long}.
 *
 * @param value the address; the high 16 bits must be zero
 */
public record MacAddress(long value) {

    /** ff:ff:ff:ff:ff:ff. */
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);
    /** 00:00:00:00:00:00, which ARP requests carry as the unknown target. */
    public static final MacAddress ZERO = new MacAddress(0);

    public MacAddress {
        if ((value >>> 48) != 0) {
            throw new IllegalArgumentException("not a 48-bit MAC address: 0x" + Long.toHexString(value));
        }
    }

    /**
     * Parses {@code aa:bb:cc:dd:ee:ff} (or with {@code -} separators).
     *
     * @throws IllegalArgumentException if the text is not six two-digit hex groups
     */
    public static MacAddress parse(String text) {
        String[] parts = text.split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a MAC address: '" + text + "'");
        }
        long v = 0;
        for (String p : parts) {
            if (p.length() != 2 || !HexFormat.isHexDigit(p.charAt(0)) || !HexFormat.isHexDigit(p.charAt(1))) {
                throw new IllegalArgumentException("not a MAC address: '" + text + "'");
            }
            v = (v << 8) | HexFormat.fromHexDigits(p);
        }
        return new MacAddress(v);
    }

    /** The address stored at {@code off}. */
    public static MacAddress read(MemorySegment seg, long off) {
        return new MacAddress(NetOrder.u48(seg, off));
    }

    /** Stores the address at {@code off}. */
    public void write(MemorySegment seg, long off) {
        NetOrder.setU48(seg, off, value);
    }

    /**
     * The IPv6 multicast MAC for an IPv6 multicast address: 33:33 followed by its low 32 bits (RFC 2464 §7).
     */
    public static MacAddress ofIpv6Multicast(Ipv6Address group) {
        return new MacAddress(0x3333_0000_0000L | (group.lo() & 0xffff_ffffL));
    }

    /**
     * The IPv4 multicast MAC for an IPv4 multicast address: 01:00:5e followed by its low 23 bits (RFC 1112
     * §6.4).
     */
    public static MacAddress ofIpv4Multicast(Ipv4Address group) {
        return new MacAddress(0x0100_5e00_0000L | (group.value() & 0x7f_ffffL));
    }

    /** Whether the group bit (the least significant bit of the first octet) is set. */
    public boolean isMulticast() {
        return (value & 0x0100_0000_0000L) != 0;
    }

    /** Whether this is ff:ff:ff:ff:ff:ff. */
    public boolean isBroadcast() {
        return value == BROADCAST.value;
    }

    /** Whether this is a unicast address. */
    public boolean isUnicast() {
        return !isMulticast();
    }

    /** The 64-bit interface identifier in modified EUI-64 form (RFC 4291 Appendix A). */
    public long modifiedEui64() {
        long upper = value >>> 24;
        long lower = value & 0xff_ffffL;
        return ((upper << 40) | (0xfffeL << 24) | lower) ^ 0x0200_0000_0000_0000L;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (shift != 40) {
                sb.append(':');
            }
            sb.append(HexFormat.of().toHexDigits((byte) (value >>> shift)));
        }
        return sb.toString();
    }
}
