package org.jwsk.net.internal;

import java.util.Optional;
import org.jwsk.net.PathInfo;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * Answers "where would a packet to this destination go?" for transports, without sending anything; the MTU is the
 * path MTU cache's (RFC 1191, RFC 8201) when it knows less than the link.
 */
public final class Paths {

    private Paths() {
    }

    /** The path to {@code dst} in {@code c}: local destinations go through the loopback interface. */
    public static Optional<PathInfo> find(Compartment c, IpAddress dst) {
        return switch (dst) {
            case Ipv4Address v4 -> find4(c, v4.value());
            case Ipv6Address v6 -> find6(c, v6.hi(), v6.lo());
        };
    }

    private static Optional<PathInfo> find4(Compartment c, int dst) {
        if ((dst >>> 24) == 127 || c.owner4(dst) != null) {
            Nic lo = c.loopback();
            return Optional.of(new PathInfo(lo.id(), new Ipv4Address(dst), new Ipv4Address(dst), lo.mtu4()));
        }
        RouteTable.RouteEntry r = c.routes(4).lookup(0, dst & 0xffff_ffffL, null);
        if (r == null) {
            return Optional.empty();
        }
        int nextHop = r.onLink() ? dst : (int) r.gatewayLo;
        int src = Ipv4Layer.sourceFor(r.nic(), nextHop);
        int mtu = r.nic().stack().pathMtu().mtu4(c, dst, r.nic().mtu4());
        return src == 0 ? Optional.empty() : Optional.of(new PathInfo(r.nic().id(), new Ipv4Address(src),
                new Ipv4Address(nextHop), mtu));
    }

    private static Optional<PathInfo> find6(Compartment c, long hi, long lo) {
        Nic local = c.owner6(hi, lo);
        if (local != null) {
            Nic loop = c.loopback();
            Ipv6Address a = new Ipv6Address(hi, lo);
            return Optional.of(new PathInfo(loop.id(), a, a, loop.mtu6()));
        }
        RouteTable.RouteEntry r = c.routes(6).lookup(hi, lo, null);
        if (r == null) {
            return Optional.empty();
        }
        Addr6 src = SourceSelection.select(r.nic(), hi, lo);
        if (src == null) {
            return Optional.empty();
        }
        Ipv6Address nh = r.onLink() ? new Ipv6Address(hi, lo) : new Ipv6Address(r.gatewayHi, r.gatewayLo);
        int mtu = r.nic().stack().pathMtu().mtu6(c, hi, lo, r.nic().mtu6());
        return Optional.of(new PathInfo(r.nic().id(), src.address(), nh, mtu));
    }
}
