package org.jwsk.wire.addr;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jwsk.common.buf.NetOrder;

/**
 * An IPv4 address as a raw {@code int} in network order (192.0.2.1 is {@code 0xc0000201}).
 *
 * @param value the address bits
 */
public record Ipv4Address(int value) implements IpAddress {

    /** 0.0.0.0. */
    public static final Ipv4Address ANY = new Ipv4Address(0);
    /** 255.255.255.255, the limited broadcast address. */
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);
    /** 127.0.0.1. */
    public static final Ipv4Address LOOPBACK = new Ipv4Address(0x7f00_0001);

    /**
     * Parses dotted-quad text ({@code 192.0.2.1}); each part is a decimal number from 0 to 255 without leading
     * zeros (which some parsers read as octal).
     *
     * @throws IllegalArgumentException if the text is not a dotted quad
     */
    public static Ipv4Address parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            v = (v << 8) | octet;
        }
        return new Ipv4Address(v);
    }

    /** The address in 4 network-order bytes. */
    public static Ipv4Address ofBytes(byte[] bytes) {
        if (bytes.length != 4) {
            throw new IllegalArgumentException("an IPv4 address has 4 bytes, not " + bytes.length);
        }
        return new Ipv4Address((bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff));
    }

    /** The address stored at {@code off}. */
    public static Ipv4Address read(MemorySegment seg, long off) {
        return new Ipv4Address(NetOrder.i32(seg, off));
    }

    /** Stores the address at {@code off}. */
    public void write(MemorySegment seg, long off) {
        NetOrder.setI32(seg, off, value);
    }

    @Override
    public int version() {
        return 4;
    }

    @Override
    public int byteLength() {
        return 4;
    }

    @Override
    public boolean isMulticast() {
        return (value >>> 28) == 0xe;
    }

    @Override
    public boolean isUnspecified() {
        return value == 0;
    }

    @Override
    public boolean isLoopback() {
        return (value >>> 24) == 127;
    }

    /** Whether this is 255.255.255.255. */
    public boolean isLimitedBroadcast() {
        return value == -1;
    }

    /** Whether this is in 169.254.0.0/16 (RFC 3927). */
    public boolean isLinkLocal() {
        return (value >>> 16) == 0xa9fe;
    }

    /** Whether this address lies in {@code prefix/length}. */
    public boolean inPrefix(Ipv4Address prefix, int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length " + length);
        }
        int mask = length == 0 ? 0 : -1 << (32 - length);
        return (value & mask) == (prefix.value & mask);
    }

    @Override
    public byte[] toBytes() {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    @Override
    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always a valid address", e);
        }
    }

    @Override
    public String toString() {
        return (value >>> 24) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
    }
}
