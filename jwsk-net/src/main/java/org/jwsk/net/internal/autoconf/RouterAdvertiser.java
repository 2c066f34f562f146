package org.jwsk.net.internal.autoconf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.net.RouterAdvertisementConfig;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.net.internal.mcast.LinkScopeSender;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv6.NdpLayout;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;

/**
 * The router side of router discovery (RFC 4861 §6.2): an advertising interface joins ff02::2 (§6.2.2), sends
 * unsolicited Router Advertisements at random intervals between MinRtrAdvInterval and MaxRtrAdvInterval, the first
 * MAX_INITIAL_RTR_ADVERTISEMENTS of them at most MAX_INITIAL_RTR_ADVERT_INTERVAL apart (§6.2.4), answers Router
 * Solicitations after a random delay of up to MAX_RA_DELAY_TIME and never sooner than MIN_DELAY_BETWEEN_RAS after the
 * last multicast advertisement (§6.2.6), and when it stops advertising sends a final advertisement with a router
 * lifetime of zero (§6.2.5). Advertisements go from the interface's link-local address to ff02::1 with hop limit 255,
 * and carry the source link-layer address, the MTU when configured, and the prefixes.
 *
 * <p>Owned by the stack's thread.
 */
final class RouterAdvertiser {

    /** RFC 4861 §10. */
    static final long MAX_INITIAL_RTR_ADVERT_INTERVAL = 16_000_000_000L;
    static final int MAX_INITIAL_RTR_ADVERTISEMENTS = 3;
    static final long MIN_DELAY_BETWEEN_RAS = 3_000_000_000L;
    static final long MAX_RA_DELAY_TIME = 500_000_000L;
    /** How long to wait for a usable link-local address (the router's own DAD) before trying again. */
    static final long NO_SOURCE_RETRY = 1_000_000_000L;

    private final StackCore core;
    private final TimerQueue timers;
    private final RandomGenerator random;
    private final LinkScopeSender sender;
    private final CounterSet<AutoconfCounter> counters;
    private final Map<Nic, Advertising> states = new IdentityHashMap<>();

    RouterAdvertiser(StackCore core, LinkScopeSender sender, CounterSet<AutoconfCounter> counters) {
        this.core = core;
        this.timers = core.timers();
        this.random = core.random();
        this.sender = sender;
        this.counters = counters;
    }

    /** One advertising interface. */
    private final class Advertising {
        final Nic nic;
        final TimerQueue.Timer timer;
        RouterAdvertisementConfig config;
        int sent;
        long lastMulticast = Deadlines.NONE;

        Advertising(Nic nic) {
            this.nic = nic;
            this.timer = timers.newTimer(now -> advertise(this, now));
        }
    }

    /**
     * Starts, changes or (with null) stops advertising on {@code nic}. A change restarts the initial burst, as RFC
     * 4861 §6.2.4 asks when the advertised information changes.
     *
     * @throws IllegalStateException    if the interface does not forward IPv6 (only routers advertise, §6.2.2)
     * @throws IllegalArgumentException if the interface is not on Ethernet or has IPv6 off
     */
    void configure(Nic nic, RouterAdvertisementConfig config, long now) {
        Advertising s = states.get(nic);
        if (config == null) {
            if (s != null) {
                states.remove(nic);
                s.timer.cancel();
                send(s, 0, now); // RFC 4861 §6.2.5: one final advertisement with a router lifetime of zero
                nic.leave6(Ipv6Address.ALL_ROUTERS.hi(), Ipv6Address.ALL_ROUTERS.lo(), now);
            }
            return;
        }
        if (!nic.forwarding6()) {
            throw new IllegalStateException(nic.name() + " does not forward IPv6; only a router advertises (RFC 4861 §6.2.2)");
        }
        if (!nic.isEthernet() || !nic.ipv6Options().enabled()) {
            throw new IllegalArgumentException(nic.name() + " is not an Ethernet interface running IPv6");
        }
        if (s == null) {
            states.values().removeIf(x -> !core.nics().contains(x.nic) && cancel(x)); // forget removed interfaces
            s = new Advertising(nic);
            states.put(nic, s);
            nic.join6(Ipv6Address.ALL_ROUTERS.hi(), Ipv6Address.ALL_ROUTERS.lo(), now); // RFC 4861 §6.2.2
        }
        s.config = config;
        s.sent = 0;
        s.timer.schedule(now);
    }

    /** {@code nic} stopped running: no advertisement could leave, so none is scheduled until it runs again. */
    void interfaceDown(Nic nic) {
        Advertising s = states.get(nic);
        if (s != null) {
            s.timer.cancel();
        }
    }

    /**
     * {@code nic} runs again: advertising starts over with the initial burst (RFC 4861 §6.2.4, as for an interface that
     * becomes an advertising interface), once its link-local address passed duplicate address detection again.
     */
    void interfaceUp(Nic nic, long now) {
        Advertising s = states.get(nic);
        if (s != null) {
            s.sent = 0;
            s.timer.schedule(now);
        }
    }

    /** Whether {@code nic} advertises. */
    boolean advertising(Nic nic) {
        return states.containsKey(nic);
    }

    /**
     * A valid Router Solicitation on {@code nic} (RFC 4861 §6.2.6): the next advertisement goes at most
     * MAX_RA_DELAY_TIME from now, but not sooner than MIN_DELAY_BETWEEN_RAS after the last multicast one. An
     * advertisement already due sooner answers it.
     */
    void onSolicitation(Nic nic, long now) {
        Advertising s = states.get(nic);
        if (s == null) {
            return;
        }
        counters.increment(AutoconfCounter.RS_IN);
        long at = now + random.nextLong(MAX_RA_DELAY_TIME + 1);
        if (s.lastMulticast != Deadlines.NONE && at - (s.lastMulticast + MIN_DELAY_BETWEEN_RAS) < 0) {
            at = s.lastMulticast + MIN_DELAY_BETWEEN_RAS;
        }
        if (!s.timer.isScheduled() || s.timer.deadline() - at > 0) {
            s.timer.schedule(at);
        }
    }

    private void advertise(Advertising s, long now) {
        if (states.get(s.nic) != s) {
            return;
        }
        if (!core.nics().contains(s.nic)) {
            states.remove(s.nic); // removed from the stack
            return;
        }
        if (!s.nic.isRunning()) {
            return; // configured while down: interfaceUp starts advertising
        }
        if (!send(s, seconds(s.config.routerLifetime()), now)) {
            s.timer.schedule(now + NO_SOURCE_RETRY); // no usable link-local address yet (our own DAD)
            return;
        }
        s.lastMulticast = now;
        s.sent++;
        long min = s.config.minInterval().toNanos();
        long max = s.config.maxInterval().toNanos();
        long interval = min + random.nextLong(max - min + 1); // RFC 4861 §6.2.4
        if (s.sent < MAX_INITIAL_RTR_ADVERTISEMENTS) {
            interval = Math.min(interval, MAX_INITIAL_RTR_ADVERT_INTERVAL);
        }
        s.timer.schedule(now + interval);
    }

    /** Sends one advertisement to ff02::1; false when the interface has no usable link-local address. */
    private boolean send(Advertising s, int routerLifetime, long now) {
        Addr6 src = Autoconf.linkLocal(s.nic);
        if (src == null) {
            return false; // RFC 4861 §6.1.2: hosts take advertisements from link-local sources only
        }
        RouterAdvertisementConfig c = s.config;
        List<NdpOption> options = new ArrayList<>();
        options.add(NdpOption.SourceLinkLayerAddress.of(s.nic.macAddress()));
        if (c.linkMtu() != 0) {
            options.add(new NdpOption.Mtu(c.linkMtu()));
        }
        for (RouterAdvertisementConfig.PrefixOption p : c.prefixes()) {
            int flags = (p.onLink() ? NdpLayout.PREFIX_FLAG_ON_LINK : 0)
                    | (p.autonomous() ? NdpLayout.PREFIX_FLAG_AUTONOMOUS : 0);
            options.add(new NdpOption.PrefixInformation(p.prefix().length(), flags, wireLifetime(p.validLifetime()),
                    wireLifetime(p.preferredLifetime()), (Ipv6Address) p.prefix().address()));
        }
        int flags = (c.managed() ? NdpLayout.RA_FLAG_MANAGED : 0) | (c.otherConfig() ? NdpLayout.RA_FLAG_OTHER : 0);
        NdpRepr.RouterAdvertisement ra = new NdpRepr.RouterAdvertisement(c.curHopLimit(), flags, routerLifetime,
                c.reachableTime().toMillis(), c.retransTimer().toMillis(), options);
        Ipv6Address dst = Ipv6Address.ALL_NODES;
        if (sender.sendIcmp6(s.nic, src.hi(), src.lo(), dst.hi(), dst.lo(), 255, false, ra, now).isOk()) {
            counters.increment(AutoconfCounter.RA_OUT);
        }
        return true;
    }

    private static boolean cancel(Advertising s) {
        s.timer.cancel();
        return true;
    }

    private static int seconds(Duration d) {
        return (int) Math.min(0xffff, d.toSeconds());
    }

    /** A lifetime as the 32-bit seconds of a Prefix Information option; all ones is infinity. */
    private static long wireLifetime(Duration d) {
        return d.compareTo(RouterAdvertisementConfig.INFINITE) >= 0 ? NdpLayout.INFINITE_LIFETIME : d.toSeconds();
    }
}
