package org.jwsk.net;

import java.time.Duration;
import java.util.Objects;
import org.jwsk.common.buf.BufPoolConfig;

/**
 * Stack-wide settings. Per-interface settings live in {@link InterfaceConfig}.
 *
 * @param pool            the packet buffers every interface and protocol of the stack shares
 * @param neighbors       ARP and NDP caches and their timers
 * @param reassembly      limits of fragment reassembly, for both families
 * @param icmp            ICMP and ICMPv6 behaviour
 * @param defaultTtl      the TTL of IPv4 packets this stack originates (RFC 1122 §3.2.1.7; Linux uses 64)
 * @param defaultHopLimit the hop limit of IPv6 packets it originates: each interface's starting CurHopLimit, which a
 *                        router advertisement may change (RFC 4861 §6.3.4); see {@link IpSender#DEFAULT_HOP_LIMIT}
 * @param pollBudget      the most frames taken from one interface per {@code poll}, so that one busy link cannot
 *                        starve the others or the timers
 */
public record NetConfig(BufPoolConfig pool, NeighborConfig neighbors, ReassemblyConfig reassembly, IcmpConfig icmp,
                        int defaultTtl, int defaultHopLimit, int pollBudget) {

    public NetConfig {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(neighbors, "neighbors");
        Objects.requireNonNull(reassembly, "reassembly");
        Objects.requireNonNull(icmp, "icmp");
        if (defaultTtl < 1 || defaultTtl > 255 || defaultHopLimit < 1 || defaultHopLimit > 255) {
            throw new IllegalArgumentException("TTL and hop limit must be 1-255");
        }
        if (pollBudget < 1) {
            throw new IllegalArgumentException("poll budget must be positive, not " + pollBudget);
        }
    }

    /** Linux-like defaults with the default buffer pool. */
    public static NetConfig defaults() {
        return new NetConfig(BufPoolConfig.defaults("net"), NeighborConfig.DEFAULTS, ReassemblyConfig.DEFAULTS,
                IcmpConfig.DEFAULTS, 64, 64, 64);
    }

    /** These settings with another buffer pool. */
    public NetConfig withPool(BufPoolConfig config) {
        return new NetConfig(config, neighbors, reassembly, icmp, defaultTtl, defaultHopLimit, pollBudget);
    }

    /** These settings with other neighbour settings. */
    public NetConfig withNeighbors(NeighborConfig config) {
        return new NetConfig(pool, config, reassembly, icmp, defaultTtl, defaultHopLimit, pollBudget);
    }

    /** These settings with other reassembly limits. */
    public NetConfig withReassembly(ReassemblyConfig config) {
        return new NetConfig(pool, neighbors, config, icmp, defaultTtl, defaultHopLimit, pollBudget);
    }

    /** These settings with other ICMP behaviour. */
    public NetConfig withIcmp(IcmpConfig config) {
        return new NetConfig(pool, neighbors, reassembly, config, defaultTtl, defaultHopLimit, pollBudget);
    }

    /**
     * Neighbour discovery for both families: ARP entries follow the same unreachability-detection states as NDP
     * (RFC 4861 §7.3), as the Next Generation TCP/IP stack does.
     *
     * @param baseReachableTime  BaseReachableTime; ReachableTime is drawn from 0.5-1.5 times it (per entry for ARP,
     *                           per interface for IPv6). For IPv6 it is each interface's starting value, which a
     *                           router advertisement may change (RFC 4861 §6.3.4)
     * @param retransTimer       RetransTimer: the interval between solicitations of one entry; for IPv6 each
     *                           interface's starting value, which a router advertisement may change
     * @param delayFirstProbe    DELAY_FIRST_PROBE_TIME
     * @param maxMulticastSolicit solicitations before an unresolved entry fails
     * @param maxUnicastSolicit  unicast probes before a reachable-again entry fails
     * @param maxQueued          packets held per entry while it resolves; older ones are dropped first
     * @param maxQueuedBytes     bytes held per entry while it resolves (a fragmented datagram queues all its
     *                           fragments); older packets are dropped first
     * @param maxEntries         entries per interface and family; the least recently used unreferenced one is evicted
     * @param staleLifetime      how long an unused STALE entry is kept before it is removed
     */
    public record NeighborConfig(Duration baseReachableTime, Duration retransTimer, Duration delayFirstProbe,
                                 int maxMulticastSolicit, int maxUnicastSolicit, int maxQueued, int maxEntries,
                                 Duration staleLifetime, int maxQueuedBytes) {

        /**
         * RFC 4861 §10 constants; Linux's queue limits (unres_qlen 101 packets, unres_qlen_bytes 212992); 1024 entries;
         * 60 s for stale entries.
         */
        public static final NeighborConfig DEFAULTS = new NeighborConfig(Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofSeconds(5), 3, 3, 101, 1024, Duration.ofSeconds(60), 212_992);

        /** Settings with the default byte limit on queued packets. */
        public NeighborConfig(Duration baseReachableTime, Duration retransTimer, Duration delayFirstProbe,
                              int maxMulticastSolicit, int maxUnicastSolicit, int maxQueued, int maxEntries,
                              Duration staleLifetime) {
            this(baseReachableTime, retransTimer, delayFirstProbe, maxMulticastSolicit, maxUnicastSolicit, maxQueued,
                    maxEntries, staleLifetime, 212_992);
        }

        public NeighborConfig {
            requirePositive("baseReachableTime", baseReachableTime);
            requirePositive("retransTimer", retransTimer);
            requirePositive("delayFirstProbe", delayFirstProbe);
            requirePositive("staleLifetime", staleLifetime);
            if (maxMulticastSolicit < 1 || maxUnicastSolicit < 1 || maxQueued < 0 || maxEntries < 1
                    || maxQueuedBytes < 0) {
                throw new IllegalArgumentException("neighbour limits must be positive (queue may be 0)");
            }
        }
    }

    /**
     * Fragment reassembly limits (RFC 791 §3.2, RFC 8200 §4.5): memory is bounded per datagram and in total, so a
     * flood of incomplete datagrams cannot exhaust the stack. Memory is counted as the buffer bytes the fragments
     * hold (their capacity, as Linux counts an skb's truesize), not their data alone.
     *
     * @param timeoutV4         how long an incomplete IPv4 datagram waits (Linux: 30 s; RFC 791 suggests 15 s)
     * @param timeoutV6         how long an incomplete IPv6 datagram waits (RFC 8200 §4.5: 60 s)
     * @param maxDatagrams      incomplete datagrams held at once, both families together
     * @param maxBytes          buffer bytes held by incomplete datagrams, both families together
     * @param maxDatagramBytes  buffer bytes one incomplete datagram may hold: a datagram cut into tiny fragments is
     *                          dropped rather than allowed to fill the whole budget
     */
    public record ReassemblyConfig(Duration timeoutV4, Duration timeoutV6, int maxDatagrams, long maxBytes,
                                   long maxDatagramBytes) {

        /** Bytes one datagram may hold by default: a 64 KiB datagram in 576-byte fragments of 2 KiB buffers. */
        public static final long DEFAULT_MAX_DATAGRAM_BYTES = 256 * 1024;

        /** Linux-like: 30 s / 60 s, 1024 datagrams, 4 MiB, 256 KiB per datagram. */
        public static final ReassemblyConfig DEFAULTS = new ReassemblyConfig(Duration.ofSeconds(30),
                Duration.ofSeconds(60), 1024, 4L << 20);

        public ReassemblyConfig {
            requirePositive("timeoutV4", timeoutV4);
            requirePositive("timeoutV6", timeoutV6);
            if (maxDatagrams < 1 || maxDatagramBytes < 65535 || maxBytes < maxDatagramBytes) {
                throw new IllegalArgumentException("reassembly needs room for at least one 64 KiB datagram, and "
                        + "the total must cover one datagram's share");
            }
        }

        /** Limits with the default share per datagram ({@link #DEFAULT_MAX_DATAGRAM_BYTES}, or all if less). */
        public ReassemblyConfig(Duration timeoutV4, Duration timeoutV6, int maxDatagrams, long maxBytes) {
            this(timeoutV4, timeoutV6, maxDatagrams, maxBytes, Math.min(maxBytes, DEFAULT_MAX_DATAGRAM_BYTES));
        }
    }

    /**
     * ICMP and ICMPv6 behaviour.
     *
     * @param echoReply        answer echo requests
     * @param errorsPerSecond  ICMP errors this stack may send per second, sustained (RFC 1812 §4.3.2.8, RFC 4443
     *                         §2.4(f)); a token bucket per family
     * @param errorBurst       errors it may send in a burst
     * @param acceptRedirects  act on redirects from the current first-hop router (off on forwarding interfaces)
     */
    public record IcmpConfig(boolean echoReply, int errorsPerSecond, int errorBurst, boolean acceptRedirects) {

        /** Echo on, Linux's rate of 1000 errors per second with a burst of 50, redirects accepted. */
        public static final IcmpConfig DEFAULTS = new IcmpConfig(true, 1000, 50, true);

        public IcmpConfig {
            if (errorsPerSecond < 0 || errorBurst < 0) {
                throw new IllegalArgumentException("ICMP rate limits must not be negative");
            }
        }
    }

    private static void requirePositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + d);
        }
    }
}
