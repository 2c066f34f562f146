package org.jwsk.net;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * What an advertising router interface says in its Router Advertisements: the router configuration variables of RFC
 * 4861 §6.2.1. Set with {@link NetStack#setRouterAdvertisements}; the interface must forward IPv6.
 *
 * @param minInterval    MinRtrAdvInterval: at least 3 s and at most 0.75 MaxRtrAdvInterval
 * @param maxInterval    MaxRtrAdvInterval: 4 s to 1800 s
 * @param managed        AdvManagedFlag, the M flag: addresses are available from DHCPv6
 * @param otherConfig    AdvOtherConfigFlag, the O flag: other configuration is available from DHCPv6
 * @param linkMtu        AdvLinkMTU: the MTU option's value, 0 to send none; otherwise at least 1280
 * @param reachableTime  AdvReachableTime, 0 (unspecified) to 3600 s
 * @param retransTimer   AdvRetransTimer, 0 (unspecified) up to 2^32-1 ms
 * @param curHopLimit    AdvCurHopLimit, 0 (unspecified) to 255
 * @param routerLifetime AdvDefaultLifetime: 0 (not a default router) or MaxRtrAdvInterval to 9000 s
 * @param prefixes       AdvPrefixList: the Prefix Information options
 */
public record RouterAdvertisementConfig(Duration minInterval, Duration maxInterval, boolean managed,
                                        boolean otherConfig, int linkMtu, Duration reachableTime,
                                        Duration retransTimer, int curHopLimit, Duration routerLifetime,
                                        List<PrefixOption> prefixes) {

    /** A lifetime of all ones on the wire: infinity (RFC 4861 §4.6.2). */
    public static final Duration INFINITE = Duration.ofSeconds(0xffff_ffffL);

    public RouterAdvertisementConfig {
        requireBetween("MaxRtrAdvInterval", maxInterval, Duration.ofSeconds(4), Duration.ofSeconds(1800));
        requireBetween("MinRtrAdvInterval", minInterval, Duration.ofSeconds(3), maxInterval.multipliedBy(3).dividedBy(4));
        requireBetween("AdvReachableTime", reachableTime, Duration.ZERO, Duration.ofHours(1));
        requireBetween("AdvRetransTimer", retransTimer, Duration.ZERO, Duration.ofMillis(0xffff_ffffL));
        Objects.requireNonNull(routerLifetime, "routerLifetime");
        if (!routerLifetime.isZero()) {
            requireBetween("AdvDefaultLifetime", routerLifetime, maxInterval, Duration.ofSeconds(9000));
        }
        if (curHopLimit < 0 || curHopLimit > 255) {
            throw new IllegalArgumentException("AdvCurHopLimit must be 0-255, not " + curHopLimit);
        }
        if (linkMtu != 0 && linkMtu < 1280) {
            throw new IllegalArgumentException("AdvLinkMTU must be 0 or at least 1280, not " + linkMtu);
        }
        prefixes = List.copyOf(prefixes);
    }

    /**
     * Advertisements of {@code prefixes}, on-link and for SLAAC, with RFC 4861 §6.2.1's defaults: every 198-600 s, a
     * default router for 1800 s, hop limit 64, no MTU, reachable time and retransmission timer unspecified.
     */
    public static RouterAdvertisementConfig of(IpPrefix... prefixes) {
        return new RouterAdvertisementConfig(Duration.ofSeconds(198), Duration.ofSeconds(600), false, false, 0,
                Duration.ZERO, Duration.ZERO, 64, Duration.ofSeconds(1800),
                Arrays.stream(prefixes).map(PrefixOption::of).toList());
    }

    /** This configuration with other advertisement intervals. */
    public RouterAdvertisementConfig withIntervals(Duration min, Duration max) {
        return new RouterAdvertisementConfig(min, max, managed, otherConfig, linkMtu, reachableTime, retransTimer,
                curHopLimit, routerLifetime, prefixes);
    }

    /** This configuration with another router lifetime (0: not a default router). */
    public RouterAdvertisementConfig withRouterLifetime(Duration lifetime) {
        return new RouterAdvertisementConfig(minInterval, maxInterval, managed, otherConfig, linkMtu, reachableTime,
                retransTimer, curHopLimit, lifetime, prefixes);
    }

    /** This configuration advertising a link MTU (0: none). */
    public RouterAdvertisementConfig withLinkMtu(int mtu) {
        return new RouterAdvertisementConfig(minInterval, maxInterval, managed, otherConfig, mtu, reachableTime,
                retransTimer, curHopLimit, routerLifetime, prefixes);
    }

    /** This configuration with the M and O flags. */
    public RouterAdvertisementConfig withFlags(boolean m, boolean o) {
        return new RouterAdvertisementConfig(minInterval, maxInterval, m, o, linkMtu, reachableTime, retransTimer,
                curHopLimit, routerLifetime, prefixes);
    }

    /** This configuration with neighbour discovery timers for hosts (zero: unspecified). */
    public RouterAdvertisementConfig withTimers(Duration reachable, Duration retrans) {
        return new RouterAdvertisementConfig(minInterval, maxInterval, managed, otherConfig, linkMtu, reachable, retrans,
                curHopLimit, routerLifetime, prefixes);
    }

    /** This configuration with another hop limit for hosts (0: unspecified). */
    public RouterAdvertisementConfig withCurHopLimit(int hopLimit) {
        return new RouterAdvertisementConfig(minInterval, maxInterval, managed, otherConfig, linkMtu, reachableTime,
                retransTimer, hopLimit, routerLifetime, prefixes);
    }

    /** This configuration with other prefix options. */
    public RouterAdvertisementConfig withPrefixes(List<PrefixOption> options) {
        return new RouterAdvertisementConfig(minInterval, maxInterval, managed, otherConfig, linkMtu, reachableTime,
                retransTimer, curHopLimit, routerLifetime, options);
    }

    /**
     * One Prefix Information option (RFC 4861 §4.6.2, §6.2.1).
     *
     * @param prefix            an IPv6 prefix, not link-local; /64 for SLAAC on Ethernet
     * @param onLink            AdvOnLinkFlag, the L flag
     * @param autonomous        AdvAutonomousFlag, the A flag: hosts form addresses from it
     * @param validLifetime     AdvValidLifetime; {@link #INFINITE} or more means infinity
     * @param preferredLifetime AdvPreferredLifetime, at most the valid lifetime
     */
    public record PrefixOption(IpPrefix prefix, boolean onLink, boolean autonomous, Duration validLifetime,
                               Duration preferredLifetime) {

        public PrefixOption {
            Objects.requireNonNull(prefix, "prefix");
            if (!(prefix.address() instanceof Ipv6Address a) || a.isLinkLocal() || a.isMulticast()) {
                throw new IllegalArgumentException("an advertised prefix is a global or unique-local IPv6 prefix: "
                        + prefix);
            }
            requireBetween("AdvValidLifetime", validLifetime, Duration.ZERO, Duration.ofDays(365_000));
            requireBetween("AdvPreferredLifetime", preferredLifetime, Duration.ZERO, validLifetime);
        }

        /** {@code prefix} on-link and autonomous, valid 30 days and preferred 7 days (RFC 4861 §6.2.1). */
        public static PrefixOption of(IpPrefix prefix) {
            return new PrefixOption(prefix, true, true, Duration.ofDays(30), Duration.ofDays(7));
        }

        /** This option with other lifetimes. */
        public PrefixOption withLifetimes(Duration valid, Duration preferred) {
            return new PrefixOption(prefix, onLink, autonomous, valid, preferred);
        }
    }

    private static void requireBetween(String what, Duration d, Duration min, Duration max) {
        Objects.requireNonNull(d, what);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + d);
        }
    }
}
