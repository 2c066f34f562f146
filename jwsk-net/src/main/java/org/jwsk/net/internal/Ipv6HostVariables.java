package org.jwsk.net.internal;

import java.util.random.RandomGenerator;
import org.jwsk.common.time.Deadlines;

/**
 * The per-interface host variables of RFC 4861 §6.3.2 that router advertisements set and neighbour discovery uses:
 * CurHopLimit, BaseReachableTime, ReachableTime and RetransTimer (LinkMTU is {@link Nic#mtu6()}). They start from
 * the stack's {@link org.jwsk.net.NetConfig} and change when a router advertises values (RFC 4861 §6.3.4).
 * Durations are nanoseconds.
 *
 * <p>This is the one copy of these values: the autoconfiguration module writes them from router advertisements; the
 * IPv6 neighbour cache reads {@link #reachableTime(long)} and {@link #retransTimer()} at each use, duplicate address
 * detection spaces its probes by {@link #retransTimer()}, and the IPv6 layer gives packets this host originates
 * {@link #curHopLimit()} when the sender asks for the default. Owned by the stack's thread.
 */
public final class Ipv6HostVariables {

    /** RFC 4861 §10: ReachableTime is drawn from [MIN_RANDOM_FACTOR, MAX_RANDOM_FACTOR] times the base. */
    private static final double MIN_RANDOM_FACTOR = 0.5;
    private static final double MAX_RANDOM_FACTOR = 1.5;
    /**
     * How long one draw of ReachableTime is used before it is drawn again. RFC 4861 §6.3.4 asks for "at least every
     * few hours"; Linux redraws every 300 s (neigh_periodic_work), and so does jwsk.
     */
    public static final long REDRAW_INTERVAL = 300_000_000_000L;

    private final RandomGenerator random;
    private int curHopLimit;
    private long baseReachableTime;
    private long reachableTime;
    /** When {@link #reachableTime} was first used since its draw, or {@link Deadlines#NONE}. */
    private long drawnAt = Deadlines.NONE;
    private long retransTimer;

    Ipv6HostVariables(int curHopLimit, long baseReachableTime, long retransTimer, RandomGenerator random) {
        this.random = random;
        this.curHopLimit = curHopLimit;
        this.retransTimer = retransTimer;
        setBaseReachableTime(baseReachableTime);
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

    /** ReachableTime in nanoseconds as last drawn, without redrawing it (diagnostics and tests). */
    public long reachableTime() {
        return reachableTime;
    }

    /**
     * ReachableTime in nanoseconds for use at {@code now}: a random multiple of the base, drawn again first if the
     * current draw has been in use for {@link #REDRAW_INTERVAL} (RFC 4861 §6.3.4). What neighbour unreachability
     * detection reads each time an entry is confirmed or its reachability checked.
     */
    public long reachableTime(long now) {
        if (drawnAt == Deadlines.NONE) {
            drawnAt = now;
        } else if (now - drawnAt >= REDRAW_INTERVAL) {
            redrawReachableTime();
            drawnAt = now;
        }
        return reachableTime;
    }

    /**
     * Sets BaseReachableTime and draws a new ReachableTime from it (RFC 4861 §6.3.4: whenever the base changes).
     */
    public void setBaseReachableTime(long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("BaseReachableTime must be positive, not " + nanos);
        }
        this.baseReachableTime = nanos;
        redrawReachableTime();
        drawnAt = Deadlines.NONE;
    }

    /** Draws ReachableTime again, uniformly from 0.5 to 1.5 times BaseReachableTime (RFC 4861 §6.3.2). */
    private void redrawReachableTime() {
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
