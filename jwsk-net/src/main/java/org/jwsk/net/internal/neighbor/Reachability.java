package org.jwsk.net.internal.neighbor;

import org.jwsk.net.internal.Compartment;
import org.jwsk.net.internal.LinkResolver;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.RouteTable;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * Reachability confirmations from upper layers (RFC 4861 §7.3.1): a transport that sees forward progress (TCP: an
 * acknowledgement of new data) names the destination; the next hop towards it, found as the IP layer would find
 * it, is confirmed in its interface's neighbour cache. Allocation-free, for the transport's data path. Owned by the
 * stack's thread.
 */
public final class Reachability {

    private Reachability() {
    }

    /** Confirms the next hop towards IPv4 destination {@code dst} in compartment {@code c}. */
    public static void confirm4(Compartment c, int dst, long now) {
        RouteTable.RouteEntry r = c.routes(4).lookup(0, dst & 0xffff_ffffL, null);
        if (r == null) {
            return;
        }
        long nextHop = r.onLink() ? dst & 0xffff_ffffL : ((Ipv4Address) r.route().gateway()).value() & 0xffff_ffffL;
        LinkResolver resolver = r.nic().resolver(4);
        if (resolver != null) {
            resolver.confirmReachable(0, nextHop, now);
        }
    }

    /**
     * Confirms the next hop towards IPv6 destination {@code (hi, lo)} in compartment {@code c}.
     *
     * @param scope the interface of a link-local destination (the socket's scope), or null
     */
    public static void confirm6(Compartment c, long hi, long lo, Nic scope, long now) {
        if (NdpProtocol.isMulticast(hi)) {
            return;
        }
        Nic out;
        long nhHi = hi;
        long nhLo = lo;
        if (NdpProtocol.isLinkLocal(hi)) {
            out = scope;
        } else {
            RouteTable.RouteEntry r = c.routes(6).lookup(hi, lo, scope);
            if (r == null) {
                return;
            }
            out = r.nic();
            if (!r.onLink()) {
                Ipv6Address g = (Ipv6Address) r.route().gateway();
                nhHi = g.hi();
                nhLo = g.lo();
            }
        }
        LinkResolver resolver = out == null ? null : out.resolver(6);
        if (resolver != null) {
            resolver.confirmReachable(nhHi, nhLo, now);
        }
    }
}
