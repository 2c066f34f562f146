package org.jwsk.net.internal.autoconf;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.net.Route;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.internal.Addresses;
import org.jwsk.net.internal.Ipv6HostVariables;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.net.internal.mcast.LinkScopeSender;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv6.NdpLayout;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpOptionCursor;
import org.jwsk.wire.icmpv6.NdpOptionType;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.jwsk.wire.icmpv6.NdpView;

/**
 * Router discovery on hosts (RFC 4861 §6.3) and stateless address autoconfiguration (RFC 4862 §5.5). Once an
 * interface's link-local address is usable it sends up to {@code routerSolicitations} Router Solicitations,
 * RTR_SOLICITATION_INTERVAL apart, the first after a random delay (§6.3.7). A valid Router Advertisement sets the host
 * variables (Cur Hop Limit, ReachableTime, RetransTimer, the link MTU) and keeps the default router list (a default
 * route per router, removed when its lifetime ends), the prefix list (an on-link route per L-flagged prefix, removed
 * likewise) and the autoconfigured addresses (prefix + modified EUI-64 interface identifier for A-flagged /64 prefixes,
 * with the lifetimes and the two-hour rule of RFC 4862 §5.5.3, deprecated and removed as they run out).
 *
 * <p>Linux's choices where the RFCs leave room: solicitations start only once the link-local address passed DAD (an
 * interface without a link-local address never solicits, as in Linux); default routes have metric 1024.
 *
 * <p>Owned by the stack's thread.
 */
final class RouterDiscovery {

    /** RFC 4861 §10 MAX_RTR_SOLICITATION_DELAY. */
    static final long MAX_RTR_SOLICITATION_DELAY = 1_000_000_000L;
    /** RFC 4861 §10 RTR_SOLICITATION_INTERVAL. */
    static final long RTR_SOLICITATION_INTERVAL = 4_000_000_000L;
    /** RFC 4862 §5.5.3 e): the two hours below which an advertisement may not shorten a valid lifetime. */
    static final long TWO_HOURS = 7_200_000_000_000L;
    /** Linux's metric for default routes learned from router advertisements. */
    static final int DEFAULT_ROUTE_METRIC = 1024;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final IpPrefix DEFAULT_ROUTE = IpPrefix.parse("::/0");

    private final StackCore core;
    private final TimerQueue timers;
    private final RandomGenerator random;
    private final LinkScopeSender sender;
    private final CounterSet<AutoconfCounter> counters;
    private final Autoconf owner;
    private final Map<Nic, HostState> states = new IdentityHashMap<>();
    private final NdpView ndp = new NdpView();
    private final NdpOptionCursor cursor = new NdpOptionCursor();

    RouterDiscovery(StackCore core, LinkScopeSender sender, CounterSet<AutoconfCounter> counters, Autoconf owner) {
        this.core = core;
        this.timers = core.timers();
        this.random = core.random();
        this.sender = sender;
        this.counters = counters;
        this.owner = owner;
    }

    /** A router on the default router list (RFC 4861 §5.1). */
    private static final class DefaultRouter {
        final long hi;
        final long lo;
        final Route route;
        long expires;

        DefaultRouter(long hi, long lo, Route route, long expires) {
            this.hi = hi;
            this.lo = lo;
            this.route = route;
            this.expires = expires;
        }
    }

    /** A prefix on the prefix list (RFC 4861 §5.1). */
    private static final class OnLinkPrefix {
        final IpPrefix prefix;
        final Route route;
        long expires;

        OnLinkPrefix(IpPrefix prefix, Route route, long expires) {
            this.prefix = prefix;
            this.route = route;
            this.expires = expires;
        }
    }

    /** One interface's router discovery state. */
    private final class HostState {
        final Nic nic;
        final List<DefaultRouter> routers = new ArrayList<>();
        final List<OnLinkPrefix> prefixes = new ArrayList<>();
        final TimerQueue.Timer solicitTimer;
        final TimerQueue.Timer lifetimeTimer;
        int solicitationsLeft;

        HostState(Nic nic) {
            this.nic = nic;
            this.solicitTimer = timers.newTimer(now -> solicit(this, now));
            this.lifetimeTimer = timers.newTimer(now -> expire(this, now));
        }
    }

    /** Whether {@code nic} takes router advertisements: IPv6 on, asked to, and not a router (RFC 4861 §6.3). */
    static boolean accepts(Nic nic) {
        return nic.ipv6Options().enabled() && nic.ipv6Options().acceptRouterAdvertisements() && !nic.forwarding6()
                && !nic.isLoopback();
    }

    // -------------------------------------------------------------------------------------- solicitations

    /** {@code nic}'s link-local address is usable: start soliciting (RFC 4861 §6.3.7). */
    void linkLocalReady(Nic nic, long now) {
        int count = nic.ipv6Options().routerSolicitations();
        if (!accepts(nic) || count == 0) {
            return;
        }
        HostState s = state(nic);
        s.solicitationsLeft = count;
        s.solicitTimer.schedule(now + random.nextLong(MAX_RTR_SOLICITATION_DELAY));
    }

    /** {@code nic} stopped running: solicitations stop (they start over once it runs and its link-local is usable). */
    void interfaceDown(Nic nic) {
        HostState s = states.get(nic);
        if (s != null) {
            s.solicitationsLeft = 0;
            s.solicitTimer.cancel();
        }
    }

    private void solicit(HostState s, long now) {
        if (gone(s) || s.solicitationsLeft <= 0 || !accepts(s.nic) || !s.nic.isRunning()) {
            return; // a down interface solicits again once it is up (Autoconf.onInterfaceUp)
        }
        Addr6 src = Autoconf.linkLocal(s.nic);
        // RFC 4861 §4.1: the source link-layer address when the source is not ::
        List<NdpOption> options = src == null || !s.nic.isEthernet() ? List.of()
                : List.of(NdpOption.SourceLinkLayerAddress.of(s.nic.macAddress()));
        Ipv6Address dst = Ipv6Address.ALL_ROUTERS;
        if (sender.sendIcmp6(s.nic, src == null ? 0 : src.hi(), src == null ? 0 : src.lo(), dst.hi(), dst.lo(), 255,
                false, new NdpRepr.RouterSolicitation(options), now).isOk()) {
            counters.increment(AutoconfCounter.RS_OUT);
        }
        if (--s.solicitationsLeft > 0) {
            s.solicitTimer.schedule(now + RTR_SOLICITATION_INTERVAL);
        }
    }

    // ----------------------------------------------------------------------------------- advertisements

    /**
     * A Router Advertisement that passed the validity checks of RFC 4861 §6.1.2 ({@link Autoconf}). {@code ndpView}
     * wraps the message; borrowed for the call.
     */
    void onAdvertisement(Nic nic, long srcHi, long srcLo, NdpView message, long now) {
        if (!accepts(nic)) {
            counters.increment(AutoconfCounter.RA_IN_IGNORED);
            return;
        }
        counters.increment(AutoconfCounter.RA_IN);
        HostState s = state(nic);
        ndp.wrap(message.segment(), message.offset(), message.length());
        hostVariables(s);
        int lifetime = ndp.routerLifetime();
        defaultRouter(s, srcHi, srcLo, lifetime, now);
        long sourceLinkAddress = NdpView.NO_ADDRESS;
        for (cursor.reset(ndp); cursor.next(); ) {
            if (!cursor.fits()) {
                continue; // RFC 4861 §6.3.4: options of an unexpected length are not used
            }
            switch (cursor.type()) {
                case NdpOptionType.SOURCE_LINK_LAYER_ADDRESS -> {
                    if (sourceLinkAddress == NdpView.NO_ADDRESS) {
                        sourceLinkAddress = cursor.linkLayerAddress(); // the first one counts
                    }
                }
                case NdpOptionType.MTU -> mtu(nic, Integer.toUnsignedLong(cursor.i32At(NdpLayout.MTU_OFFSET)));
                case NdpOptionType.PREFIX_INFORMATION -> prefix(s, now);
                default -> {
                    // RFC 4861 §6.1.2: options not recognized are ignored
                }
            }
        }
        // RFC 4861 §6.3.4: the sender's link-layer address, if given, and IsRouter, whether given or not
        owner.routerAdvertised(nic, srcHi, srcLo, sourceLinkAddress, now);
        if (lifetime != 0) { // RFC 4861 §6.3.7: a default router answered; stop soliciting
            s.solicitationsLeft = 0;
            s.solicitTimer.cancel();
        }
        rescheduleLifetimes(s, now);
    }

    /**
     * RFC 4861 §6.3.4: Cur Hop Limit, Reachable Time and Retrans Timer when the router specifies them. They go into
     * the interface's host variables, which the neighbour cache and the IPv6 send path read at each use.
     */
    private void hostVariables(HostState s) {
        Ipv6HostVariables v = s.nic.hostVariables6();
        if (ndp.curHopLimit() != 0) {
            v.setCurHopLimit(ndp.curHopLimit());
        }
        long reachable = Integer.toUnsignedLong(ndp.reachableTime()) * NANOS_PER_MILLI;
        if (reachable != 0 && reachable != v.baseReachableTime()) {
            v.setBaseReachableTime(reachable); // draws a new ReachableTime; the periodic redraw is the variables' own
        }
        long retrans = Integer.toUnsignedLong(ndp.retransTimer()) * NANOS_PER_MILLI;
        if (retrans != 0) {
            v.setRetransTimer(retrans);
        }
    }

    /** RFC 4861 §6.3.4: create, refresh or time out the router's entry on the default router list. */
    private void defaultRouter(HostState s, long hi, long lo, int lifetimeSeconds, long now) {
        DefaultRouter entry = null;
        for (DefaultRouter r : s.routers) {
            if (r.hi == hi && r.lo == lo) {
                entry = r;
            }
        }
        long expires = now + lifetimeSeconds * NANOS_PER_SECOND;
        if (entry == null && lifetimeSeconds != 0) {
            Route route = new Route(DEFAULT_ROUTE, new Ipv6Address(hi, lo), s.nic.id(), DEFAULT_ROUTE_METRIC,
                    Route.Origin.ROUTER_ADVERTISEMENT);
            s.nic.compartment().routes(6).add(route, s.nic);
            s.routers.add(new DefaultRouter(hi, lo, route, expires));
            counters.increment(AutoconfCounter.DEFAULT_ROUTERS_ADDED);
        } else if (entry != null && lifetimeSeconds != 0) {
            entry.expires = expires;
        } else if (entry != null) {
            s.routers.remove(entry);
            s.nic.compartment().routes(6).remove(entry.route);
            counters.increment(AutoconfCounter.DEFAULT_ROUTERS_REMOVED);
        }
    }

    /** RFC 4861 §6.3.4: an MTU option between the IPv6 minimum and the link's MTU becomes the link MTU. */
    private void mtu(Nic nic, long mtu) {
        if (mtu < 1280 || mtu > nic.caps().mtu()) {
            counters.increment(AutoconfCounter.MTU_IGNORED);
            return;
        }
        nic.setMtu6((int) mtu);
        counters.increment(AutoconfCounter.MTU_SET);
    }

    /** A Prefix Information option under the cursor: the prefix list (L flag) and SLAAC (A flag). */
    private void prefix(HostState s, long now) {
        int length = cursor.u8At(NdpLayout.PREFIX_LENGTH_OFFSET);
        int flags = cursor.u8At(NdpLayout.PREFIX_FLAGS_OFFSET);
        long valid = Integer.toUnsignedLong(cursor.i32At(NdpLayout.PREFIX_VALID_LIFETIME_OFFSET));
        long preferred = Integer.toUnsignedLong(cursor.i32At(NdpLayout.PREFIX_PREFERRED_LIFETIME_OFFSET));
        long hi = cursor.i64At(NdpLayout.PREFIX_OFFSET);
        long lo = cursor.i64At(NdpLayout.PREFIX_OFFSET + 8);
        // RFC 4861 §6.3.4 and RFC 4862 §5.5.3 b): the link-local prefix is ignored; so is an impossible length
        if (length > 128 || Autoconf.isLinkLocal(hi)) {
            counters.increment(AutoconfCounter.PREFIXES_IGNORED);
            return;
        }
        IpPrefix prefix = IpPrefix.of(new Ipv6Address(hi, lo), length);
        if ((flags & NdpLayout.PREFIX_FLAG_ON_LINK) != 0) {
            onLink(s, prefix, valid, now);
        }
        if ((flags & NdpLayout.PREFIX_FLAG_AUTONOMOUS) != 0) {
            Slaac.onPrefix(this, s.nic, prefix, valid, preferred, now);
        }
    }

    /** RFC 4861 §6.3.4: create, refresh or time out the prefix's entry on the prefix list. */
    private void onLink(HostState s, IpPrefix prefix, long validSeconds, long now) {
        OnLinkPrefix entry = null;
        for (OnLinkPrefix p : s.prefixes) {
            if (p.prefix.equals(prefix)) {
                entry = p;
            }
        }
        long expires = lifetime(now, validSeconds);
        if (entry == null && validSeconds != 0) {
            Route route = new Route(prefix, null, s.nic.id(), 0, Route.Origin.ROUTER_ADVERTISEMENT);
            s.nic.compartment().routes(6).add(route, s.nic);
            s.prefixes.add(new OnLinkPrefix(prefix, route, expires));
            counters.increment(AutoconfCounter.PREFIXES_ADDED);
        } else if (entry != null && validSeconds != 0) {
            entry.expires = expires;
        } else if (entry != null) {
            removePrefix(s, entry);
        }
    }

    /**
     * RFC 4861 §7.2.5: the neighbour engine saw {@code (hi, lo)}'s IsRouter flag go false: it leaves the Default Router
     * List with its default route (which the neighbour engine may have removed already). A later advertisement from it
     * makes it a default router again.
     */
    void routerLost(Nic nic, long hi, long lo) {
        HostState s = states.get(nic);
        if (s == null) {
            return;
        }
        for (Iterator<DefaultRouter> it = s.routers.iterator(); it.hasNext(); ) {
            DefaultRouter r = it.next();
            if (r.hi == hi && r.lo == lo) {
                it.remove();
                s.nic.compartment().routes(6).remove(r.route);
                counters.increment(AutoconfCounter.DEFAULT_ROUTERS_REMOVED);
            }
        }
    }

    private void removePrefix(HostState s, OnLinkPrefix entry) {
        s.prefixes.remove(entry);
        s.nic.compartment().routes(6).remove(entry.route);
        counters.increment(AutoconfCounter.PREFIXES_REMOVED);
    }

    // -------------------------------------------------------------------------------------------- lifetimes

    /** Arms the interface's one lifetime timer for the earliest expiry of its routers, prefixes and addresses. */
    void rescheduleLifetimes(Nic nic, long now) {
        HostState s = states.get(nic);
        if (s != null) {
            rescheduleLifetimes(s, now);
        }
    }

    private void rescheduleLifetimes(HostState s, long now) {
        long next = Deadlines.NONE;
        for (DefaultRouter r : s.routers) {
            next = Math.min(next, r.expires);
        }
        for (OnLinkPrefix p : s.prefixes) {
            next = Math.min(next, p.expires);
        }
        for (Addr6 a : s.nic.addrs6()) {
            if (a.origin() == Addr6.Origin.SLAAC) {
                next = Math.min(next, a.validUntil());
                if (a.state() == Addr6.State.PREFERRED) {
                    next = Math.min(next, a.preferredUntil());
                }
            }
        }
        s.lifetimeTimer.schedule(next);
    }

    /** Routers, prefixes and addresses whose time ran out (RFC 4861 §6.3.5, RFC 4862 §5.5.4). */
    private void expire(HostState s, long now) {
        if (gone(s)) {
            return;
        }
        for (Iterator<DefaultRouter> it = s.routers.iterator(); it.hasNext(); ) {
            DefaultRouter r = it.next();
            if (Deadlines.isDue(r.expires, now)) {
                it.remove();
                s.nic.compartment().routes(6).remove(r.route);
                counters.increment(AutoconfCounter.DEFAULT_ROUTERS_REMOVED);
            }
        }
        for (OnLinkPrefix p : List.copyOf(s.prefixes)) {
            if (Deadlines.isDue(p.expires, now)) {
                removePrefix(s, p);
            }
        }
        for (Addr6 a : List.copyOf(s.nic.addrs6())) {
            if (a.origin() != Addr6.Origin.SLAAC) {
                continue;
            }
            if (Deadlines.isDue(a.validUntil(), now)) {
                Addresses.remove6(s.nic, a.hi(), a.lo(), now); // RFC 4862 §5.5.4: invalid, so removed
                counters.increment(AutoconfCounter.SLAAC_REMOVED);
            } else if (a.state() == Addr6.State.PREFERRED && Deadlines.isDue(a.preferredUntil(), now)) {
                a.setState(Addr6.State.DEPRECATED);
                counters.increment(AutoconfCounter.SLAAC_DEPRECATED);
                owner.addressChanged(s.nic, a, false, now);
            }
        }
        rescheduleLifetimes(s, now);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    CounterSet<AutoconfCounter> counters() {
        return counters;
    }

    Autoconf owner() {
        return owner;
    }

    /** {@code now} plus a lifetime in seconds, where all ones means infinity (RFC 4861 §4.6.2). */
    static long lifetime(long now, long seconds) {
        return seconds == NdpLayout.INFINITE_LIFETIME ? Deadlines.NONE
                : Deadlines.after(now, seconds * NANOS_PER_SECOND);
    }

    private HostState state(Nic nic) {
        HostState s = states.get(nic);
        if (s == null) {
            List.copyOf(states.values()).forEach(this::gone); // forget interfaces removed since
            s = new HostState(nic);
            states.put(nic, s);
        }
        return s;
    }

    /** Whether the interface was removed from the stack: then its state goes too. */
    private boolean gone(HostState s) {
        if (core.nics().contains(s.nic)) {
            return false;
        }
        s.solicitTimer.cancel();
        s.lifetimeTimer.cancel();
        states.remove(s.nic);
        return true;
    }
}
