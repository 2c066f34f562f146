package org.jwsk.net.internal;

import java.util.random.RandomGenerator;

/**
 * The per-interface host variables of RFC 4861 §6.3.2 that router advertisements set and neighbour discovery uses:
 * CurHopLimit, BaseReachableTime, ReachableTime and RetransTimer (LinkMTU is {@link Nic#mtu6()}). They start from
 * the stack's {@link org.jwsk.net.NetConfig} and change when a router advertises values (RFC 4861 §6.3.4).
 * Durations are nanoseconds.
 *
 * <p>The autoconfiguration module writes them; the neighbour engine reads {@link #reachableTime()} and {@link
 * #retransTimer()} at each use. Owned by the stack's thread.
 */
public final class Ipv6HostVariables {

    /** RFC 4861 §10: ReachableTime is drawn from [MIN_RANDOM_FACTOR, MAX_RANDOM_FACTOR] times the base. */
    private static final double MIN_RANDOM_FACTOR = 0.5;
    private static final double MAX_RANDOM_FACTOR = 1.5;

    private int curHopLimit;
    private long baseReachableTime;
    private long reachableTime;
    private long retransTimer;

    Ipv6HostVariables(int curHopLimit, long baseReachableTime, long retransTimer, RandomGenerator random) {
        this.curHopLimit = curHopLimit;
        this.retransTimer = retransTimer;
        setBaseReachableTime(baseReachableTime, random);
    }

    /** CurHopLimit: the hop limit for packets this host originates on the interface. */
    public int curHopLimit() {
        return curHopLimit;
    }

    /** Sets CurHopLimit (a router advertised a non-zero Cur Hop Limit). */
    public void setCurHopLimit(int hopLimit) {
        if (hopLimit < 1 || hopLimit > 255) {
            throw new IllegalArgumentException("hop limit must be 1-255, not " + hopLimit);
        }
        this.curHopLimit = hopLimit;
    }

    /** BaseReachableTime in nanoseconds. */
    public long baseReachableTime() {
        return baseReachableTime;
    }

    /** ReachableTime in nanoseconds: a random multiple of the base, drawn when the base was last set. */
    public long reachableTime() {
        return reachableTime;
    }

    /**
     * Sets BaseReachableTime and draws a new ReachableTime from it (RFC 4861 §6.3.4: whenever the base changes; and
     * the caller redraws it every few hours with {@link #redrawReachableTime}).
     */
    public void setBaseReachableTime(long nanos, RandomGenerator random) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("BaseReachableTime must be positive, not " + nanos);
        }
        this.baseReachableTime = nanos;
        redrawReachableTime(random);
    }

    /** Draws ReachableTime again, uniformly from 0.5 to 1.5 times BaseReachableTime (RFC 4861 §6.3.2). */
    public void redrawReachableTime(RandomGenerator random) {
        double factor = MIN_RANDOM_FACTOR + random.nextDouble() * (MAX_RANDOM_FACTOR - MIN_RANDOM_FACTOR);
        this.reachableTime = Math.max(1, (long) (baseReachableTime * factor));
    }

    /** RetransTimer in nanoseconds: between neighbour solicitations, and between DAD probes. */
    public long retransTimer() {
        return retransTimer;
    }

    /** Sets RetransTimer (a router advertised a non-zero Retrans Timer). */
    public void setRetransTimer(long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("RetransTimer must be positive, not " + nanos);
        }
        this.retransTimer = nanos;
    }
}
