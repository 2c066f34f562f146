package org.jwsk.net.internal.neighbor;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.net.NeighborCounter;
import org.jwsk.net.Route;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.RouteTable;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv6.NdpView;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * Redirects for both families: ICMP redirects (RFC 1122 §3.2.2.2) and Neighbor Discovery redirects (RFC 4861 §8).
 * A redirect the rules accept becomes a host route of origin {@link Route.Origin#REDIRECT} in the interface's
 * compartment: the "destination cache" override of the RFCs, found by every lookup. Such routes expire after {@link
 * #LIFETIME_NANOS} and go at once when their next hop turns out unreachable (RFC 4861 §7.3.3).
 *
 * <p>Hosts only: an interface that forwards, or a stack with {@code IcmpConfig.acceptRedirects} off, ignores them
 * (RFC 1812 §5.2.7.2 routers, RFC 4861 §8 hosts). Owned by the stack's thread.
 */
final class Redirects {

    /** How long a redirect route lives: Linux's net.ipv4.route.gc_timeout (300 s) for its redirect exceptions. */
    static final long LIFETIME_NANOS = 300_000_000_000L;

    /** What became of a redirect. */
    enum Verdict {
        /** Acted upon. */
        ACCEPTED,
        /** Valid but not acted upon (turned off, a forwarding interface). */
        IGNORED,
        /** Failed a validity check (RFC 4861 §8.1). */
        INVALID
    }

    /** A route this class added, and when it expires. */
    private record Installed(Nic nic, int version, Route route, long expires) {
    }

    private final StackCore core;
    private final CounterSet<NeighborCounter> counters4;
    private final List<Installed> installed = new ArrayList<>();
    private final TimerQueue.Timer expiry;

    Redirects(StackCore core, CounterSet<NeighborCounter> counters4) {
        this.core = core;
        this.counters4 = counters4;
        this.expiry = core.timers().newTimer(this::expire);
    }

    // ------------------------------------------------------------------------------------------------- IPv4

    /**
     * RFC 1122 §3.2.2.2: {@code from} says packets to {@code destination} should go to {@code gateway}. Accepted only
     * from the current first-hop gateway for the destination, for a gateway on the subnet the redirect arrived on;
     * network redirects are treated as host redirects (RFC 1122 §3.3.1.2).
     */
    void onRedirect4(Nic nic, int from, int gateway, int destination, long now) {
        if (!core.config().icmp().acceptRedirects() || nic.forwarding4()) {
            counters4.increment(NeighborCounter.REDIRECTS_IGNORED);
            return;
        }
        RouteTable.RouteEntry r = nic.compartment().routes(4).lookup(0, destination & 0xffff_ffffL, null);
        boolean fromFirstHop = r != null && r.nic() == nic && !r.onLink()
                && ((Ipv4Address) r.route().gateway()).value() == from;
        if (!fromFirstHop || gateway == from || !onLinkGateway(nic, gateway) || !unicast4(nic, destination)
                || nic.compartment().owner4(destination) != null) {
            counters4.increment(NeighborCounter.REDIRECTS_IGNORED);
            return;
        }
        install(nic, 4, IpPrefix.of(new Ipv4Address(destination), 32), new Ipv4Address(gateway), now);
        counters4.increment(NeighborCounter.REDIRECTS_ACCEPTED);
    }

    /** A usable new gateway: a unicast address on one of the interface's subnets, and not our own. */
    private static boolean onLinkGateway(Nic nic, int g) {
        if (!unicast4(nic, g) || nic.compartment().owner4(g) != null) {
            return false;
        }
        for (Nic.Addr4 a : nic.addrs4()) {
            if (a.onLink(g)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unicast4(Nic nic, int a) {
        return a != 0 && a != -1 && (a >>> 28) != 0xe && (a >>> 24) != 127 && !nic.isBroadcast4(a);
    }

    // ------------------------------------------------------------------------------------------------- IPv6

    /**
     * RFC 4861 §8.1 validity (hop limit and code were checked by the caller) and §8.3 processing: the target's link
     * address, if given, goes into the neighbour cache (STALE when new or changed); a target other than the
     * destination is a router; then the destination's route points at the target.
     *
     * @param tlla the Target Link-layer Address option, or {@link Neighbor#NO_MAC}
     */
    Verdict onRedirect6(Nic nic, NeighborCache cache, Ipv6View ip, NdpView ndp, long tlla, long now) {
        long sHi = ip.srcHi();
        long sLo = ip.srcLo();
        long tHi = ndp.targetHi();
        long tLo = ndp.targetLo();
        long dHi = ndp.destinationHi();
        long dLo = ndp.destinationLo();
        boolean onLink = tHi == dHi && tLo == dLo;
        if (!NdpProtocol.isLinkLocal(sHi) || NdpProtocol.isMulticast(dHi)
                || (!onLink && !NdpProtocol.isLinkLocal(tHi))) {
            return Verdict.INVALID; // from a link-local source; target a link-local router or the destination
        }
        RouteTable.RouteEntry r = nic.compartment().routes(6).lookup(dHi, dLo, null);
        if (r == null || r.nic() != nic || r.onLink() || !is(r.route().gateway(), sHi, sLo)) {
            return Verdict.INVALID; // §8.1: only the current first-hop router for the destination may redirect
        }
        if (!core.config().icmp().acceptRedirects() || nic.forwarding6()) {
            return Verdict.IGNORED;
        }
        if (tlla != Neighbor.NO_MAC) {
            cache.learn(tHi, tLo, tlla, true, now);
        }
        if (!onLink) {
            cache.markRouter(tHi, tLo);
        }
        install(nic, 6, IpPrefix.of(new Ipv6Address(dHi, dLo), 128), onLink ? null : new Ipv6Address(tHi, tLo), now);
        return Verdict.ACCEPTED;
    }

    // --------------------------------------------------------------------------------------------- routes

    /** Adds the redirect route, replacing an earlier redirect for the same destination. */
    private void install(Nic nic, int version, IpPrefix destination, IpAddress gateway, long now) {
        RouteTable table = nic.compartment().routes(version);
        for (int i = installed.size() - 1; i >= 0; i--) {
            Installed x = installed.get(i);
            if (x.version == version && x.route.destination().equals(destination)
                    && x.nic.compartment() == nic.compartment()) {
                table.remove(x.route);
                installed.remove(i);
            }
        }
        Route route = new Route(destination, gateway, nic.id(), 0, Route.Origin.REDIRECT);
        table.add(route, nic);
        installed.add(new Installed(nic, version, route, now + LIFETIME_NANOS));
        schedule();
    }

    /**
     * {@code (hi, lo)} on {@code nic} is unreachable: redirect routes through it, or to it as an on-link destination,
     * are removed so that next-hop determination starts over (RFC 4861 §7.3.3).
     */
    void gatewayFailed(Nic nic, int version, long hi, long lo) {
        for (int i = installed.size() - 1; i >= 0; i--) {
            Installed x = installed.get(i);
            Route r = x.route;
            IpAddress via = r.gateway() != null ? r.gateway() : r.destination().address();
            if (x.nic == nic && x.version == version && is(via, hi, lo)) {
                nic.compartment().routes(version).remove(r);
                installed.remove(i);
            }
        }
        schedule();
    }

    /**
     * RFC 4861 §7.2.5: a neighbour's IsRouter flag went from true to false, so it leaves the Default Router List
     * (default routes learned from its advertisements) and redirect routes through it go.
     */
    void routerLost(Nic nic, long hi, long lo) {
        RouteTable table = nic.compartment().routes(6);
        for (Route r : table.routes()) {
            if (r.origin() == Route.Origin.ROUTER_ADVERTISEMENT && r.destination().length() == 0
                    && r.interfaceId().equals(nic.id()) && is(r.gateway(), hi, lo)) {
                table.remove(r);
            }
        }
        for (int i = installed.size() - 1; i >= 0; i--) {
            Installed x = installed.get(i);
            if (x.nic == nic && x.version == 6 && is(x.route.gateway(), hi, lo)) {
                table.remove(x.route);
                installed.remove(i);
            }
        }
        schedule();
    }

    /**
     * The interface went down or away: its redirect routes go (those of a removed interface went with it already),
     * as Linux flushes its redirect exceptions when a device goes down; next-hop determination starts over when it is
     * back.
     */
    void forget(Nic nic) {
        for (int i = installed.size() - 1; i >= 0; i--) {
            Installed x = installed.get(i);
            if (x.nic == nic) {
                nic.compartment().routes(x.version).remove(x.route); // false if the interface took it already
                installed.remove(i);
            }
        }
        schedule();
    }

    private void expire(long now) {
        for (int i = installed.size() - 1; i >= 0; i--) {
            Installed x = installed.get(i);
            if (x.expires - now <= 0) {
                x.nic.compartment().routes(x.version).remove(x.route); // false if the interface took it already
                installed.remove(i);
            }
        }
        schedule();
    }

    private void schedule() {
        long next = Deadlines.NONE;
        for (Installed x : installed) {
            next = Deadlines.earliest(next, x.expires);
        }
        expiry.schedule(next);
    }

    private static boolean is(IpAddress a, long hi, long lo) {
        return switch (a) {
            case null -> false;
            case Ipv4Address v4 -> hi == 0 && (v4.value() & 0xffff_ffffL) == lo;
            case Ipv6Address v6 -> v6.hi() == hi && v6.lo() == lo;
        };
    }
}
