package org.jwsk.net;

import java.util.Objects;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;

/**
 * An address of an interface together with the length of its on-link prefix: {@code 192.0.2.2/24}. Unlike an
 * {@link IpPrefix}, the host part is kept.
 *
 * @param address      the address
 * @param prefixLength the on-link prefix length: 0-32 for IPv4, 0-128 for IPv6
 */
public record InterfaceAddress(IpAddress address, int prefixLength) {

    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        int max = address.byteLength() * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length must be 0-" + max + ", not " + prefixLength);
        }
    }

    /**
     * Parses {@code address/length}; a bare address is a host address (/32, /128).
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public static InterfaceAddress parse(String text) {
        int slash = text.indexOf('/');
        IpAddress a = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
        return new InterfaceAddress(a, IpPrefix.parse(text).length());
    }

    /** The on-link prefix. */
    public IpPrefix prefix() {
        return IpPrefix.of(address, prefixLength);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
