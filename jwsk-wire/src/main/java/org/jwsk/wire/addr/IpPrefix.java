package org.jwsk.wire.addr;

import java.util.Objects;

/**
 * An address prefix, {@code 192.0.2.0/24} or {@code 2001:db8::/32}: a route's destination, an on-link subnet.
 * The address is stored with its host bits cleared, so equal prefixes are equal records.
 *
 * @param address the network address (host bits zero)
 * @param length  the prefix length: 0-32 for IPv4, 0-128 for IPv6
 */
public record IpPrefix(IpAddress address, int length) {

    public IpPrefix {
        Objects.requireNonNull(address, "address");
        int max = address.byteLength() * 8;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length must be 0-" + max + ", not " + length);
        }
        address = masked(address, length);
    }

    /** The prefix of {@code length} bits that contains {@code address}. */
    public static IpPrefix of(IpAddress address, int length) {
        return new IpPrefix(address, length);
    }

    /**
     * Parses {@code address/length}; a bare address is a host prefix (/32 or /128).
     *
     * @throws IllegalArgumentException if the text is not a prefix
     */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            IpAddress a = IpAddress.parse(text);
            return new IpPrefix(a, a.byteLength() * 8);
        }
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a prefix length in '" + text + "'");
        }
        return new IpPrefix(IpAddress.parse(text.substring(0, slash)), Integer.parseInt(len));
    }

    /** 4 or 6. */
    public int version() {
        return address.version();
    }

    /** Whether {@code a} (of the same family) lies in this prefix. */
    public boolean contains(IpAddress a) {
        return switch (a) {
            case Ipv4Address v4 -> address instanceof Ipv4Address p && v4.inPrefix(p, length);
            case Ipv6Address v6 -> address instanceof Ipv6Address p && v6.inPrefix(p, length);
        };
    }

    /** Whether every address of {@code other} lies in this prefix. */
    public boolean contains(IpPrefix other) {
        return other.length >= length && contains(other.address);
    }

    private static IpAddress masked(IpAddress a, int length) {
        return switch (a) {
            case Ipv4Address v4 -> new Ipv4Address(length == 0 ? 0 : v4.value() & (-1 << (32 - length)));
            case Ipv6Address v6 -> length <= 64
                    ? new Ipv6Address(length == 0 ? 0 : v6.hi() & (-1L << (64 - length)), 0)
                    : new Ipv6Address(v6.hi(), v6.lo() & (-1L << (128 - length)));
        };
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
