package org.jwsk.wire.addr;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 address: the dual IP layer's common currency. Values, not host names: nothing here ever
 * resolves a name.
 */
public sealed interface IpAddress permits Ipv4Address, Ipv6Address {

    /** 4 or 6. */
    int version();

    /** The address length in bytes: 4 or 16. */
    int byteLength();

    /** Whether this is a multicast address. */
    boolean isMulticast();

    /** Whether this is the unspecified address (0.0.0.0 or ::). */
    boolean isUnspecified();

    /** Whether this is a loopback address (127.0.0.0/8 or ::1). */
    boolean isLoopback();

    /** The address as a {@link InetAddress}, for code at the JDK boundary. */
    InetAddress toInetAddress();

    /** The address in network byte order. */
    byte[] toBytes();

    /**
     * Parses dotted-quad IPv4 or RFC 4291 §2.2 IPv6 text.
     *
     * @throws IllegalArgumentException if the text is neither
     */
    static IpAddress parse(String text) {
        return text.indexOf(':') >= 0 ? Ipv6Address.parse(text) : Ipv4Address.parse(text);
    }

    /** The address of a JDK {@link InetAddress}; an IPv4-mapped IPv6 address stays IPv6. */
    static IpAddress of(InetAddress address) {
        return switch (address) {
            case Inet4Address a -> Ipv4Address.ofBytes(a.getAddress());
            case Inet6Address a -> Ipv6Address.ofBytes(a.getAddress());
            default -> throw new IllegalArgumentException("unknown address family: " + address);
        };
    }
}
