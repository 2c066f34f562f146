package org.jwsk.net.internal;

import java.util.Optional;
import org.jwsk.net.PathInfo;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * Answers "where would a packet to this destination go?" for transports, without sending anything. The answer is
 * the one the send path would reach: both ask the same route selection ({@link Ipv4Layer#route}, {@link
 * Ipv6Layer#route}), host model and source selection included; the MTU is the path MTU cache's (RFC 1191, RFC 8201)
 * when it knows less than the link.
 */
public final class Paths {

    private Paths() {
    }

    /** The path to {@code dst} in {@code c} with the source chosen by the stack; local destinations go through loopback. */
    public static Optional<PathInfo> find(Compartment c, IpAddress dst) {
        return find(c, null, dst, null);
    }

    /**
     * The path to {@code dst} in {@code c}.
     *
     * @param src   the source the packet would carry (a bound socket's), or null for the stack to choose one
     * @param scope the interface of a link-local or multicast IPv6 destination (a socket's scope id), or the
     *              outgoing interface of an IPv4 multicast or limited-broadcast destination; or null
     * @return empty if there is no route or no usable source
     */
    public static Optional<PathInfo> find(Compartment c, IpAddress src, IpAddress dst, Nic scope) {
        if (src != null && src.version() != dst.version()) {
            throw new IllegalArgumentException("source " + src + " and destination " + dst + " differ in family");
        }
        return switch (dst) {
            case Ipv4Address v4 -> find4(c, scope, src == null ? 0 : ((Ipv4Address) src).value(), v4.value());
            case Ipv6Address v6 -> src == null ? find6(c, 0, 0, v6, scope)
                    : find6(c, ((Ipv6Address) src).hi(), ((Ipv6Address) src).lo(), v6, scope);
        };
    }

    private static Optional<PathInfo> find4(Compartment c, Nic via, int src, int dst) {
        Ipv4Layer.Path4 p = c.stack().ipv4().route(c, via, src, dst); // via: multicast and limited broadcast only
        if (p.status != null) {
            return Optional.empty();
        }
        return Optional.of(new PathInfo(p.out.id(), new Ipv4Address(p.src), new Ipv4Address(p.nextHop),
                p.out.stack().pathMtu().mtu4(c, dst, p.out.mtu4())));
    }

    private static Optional<PathInfo> find6(Compartment c, long srcHi, long srcLo, Ipv6Address dst, Nic scope) {
        Ipv6Layer.Path p = c.stack().ipv6().route(c, srcHi, srcLo, dst.hi(), dst.lo(), scope);
        if (p.status != null) {
            return Optional.empty();
        }
        return Optional.of(new PathInfo(p.out.id(), new Ipv6Address(p.srcHi, p.srcLo), new Ipv6Address(p.nhHi, p.nhLo),
                p.out.stack().pathMtu().mtu6(c, dst.hi(), dst.lo(), p.out.mtu6())));
    }
}
