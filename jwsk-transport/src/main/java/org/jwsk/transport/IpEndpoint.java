package org.jwsk.transport;

import java.util.Objects;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * A transport address: an IP address and a port. Values, not host names: nothing here resolves a name. Port 0 on a
 * local endpoint means "any free port"; the unspecified address ({@code 0.0.0.0}, {@code ::}) means "any address".
 *
 * @param address the address
 * @param port    0-65535
 */
public record IpEndpoint(IpAddress address, int port) {

    public IpEndpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
    }

    /** {@code address:port} for IPv4, {@code [address]:port} for IPv6, as in URLs (RFC 3986 §3.2.2). */
    public static IpEndpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not an endpoint (address:port): '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an IPv6 endpoint is written [address]:port: '" + text + "'");
        }
        String p = text.substring(colon + 1);
        if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a port in '" + text + "'");
        }
        return new IpEndpoint(IpAddress.parse(host), Integer.parseInt(p));
    }

    /** Any IPv4 address, this port. */
    public static IpEndpoint anyV4(int port) {
        return new IpEndpoint(Ipv4Address.ANY, port);
    }

    /** Any IPv6 address, this port. */
    public static IpEndpoint anyV6(int port) {
        return new IpEndpoint(Ipv6Address.ANY, port);
    }

    /** 4 or 6. */
    public int version() {
        return address.version();
    }

    /** Whether the address is the unspecified one (a wildcard bind). */
    public boolean isWildcard() {
        return address.isUnspecified();
    }

    @Override
    public String toString() {
        return address.version() == 6 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
