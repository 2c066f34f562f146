package org.jwsk.transport.internal.tcp.cc;

import org.jwsk.transport.CongestionControlKind;
import org.jwsk.transport.internal.tcp.AckSample;

/**
 * CUBIC (RFC 9438) with HyStart++ (RFC 9406) in its initial slow start, PRR (RFC 9937) in fast recovery.
 *
 * <p>In congestion avoidance the window follows {@code W_cubic(t) = C·(t - K)^3 + W_max} (RFC 9438 §4.2, Figure 1),
 * {@code t} the time since the current congestion avoidance stage (the epoch) began and {@code K = cbrt((W_max -
 * cwnd_epoch) / C)} (Figure 2) the time it takes back to {@code W_max}: concave below {@code W_max}, convex above it.
 * Each ACK moves {@code cwnd} towards {@code target = W_cubic(t + RTT)}, clamped to {@code [cwnd, 1.5·cwnd]}, by
 * {@code (target - cwnd) / cwnd} per segment acknowledged. Alongside runs the Reno-friendly estimate {@code W_est}
 * (§4.3), growing by {@code α_cubic} segments per window (α = 3(1 - β)/(1 + β), 1 once {@code W_est} reached the
 * window before the last reduction); where {@code W_cubic(t) < W_est} (short RTTs, small BDPs) {@code cwnd =
 * W_est}. C = 0.4 and β = 0.7 (§5).
 *
 * <p>A congestion event (§4.6) sets {@code ssthresh = max(β·cwnd, 2·SMSS)} and {@code W_max = cwnd}, or with fast
 * convergence (§4.7) {@code W_max = cwnd·(1 + β)/2} when the window is below the last {@code W_max}: a flow that
 * keeps losing below its old peak releases bandwidth to newer flows. As Linux, the reduction is computed from {@code
 * cwnd} rather than the flight size; §4.6 allows this where the window cannot grow while unused, which {@link
 * AbstractCongestionControl} ensures. A timeout (§4.8) also collapses {@code cwnd} to one segment, and the first
 * epoch after it starts with {@code K = 0} and {@code W_max} the window at its start. Undo (§4.9) restores {@code
 * W_max}, {@code K}, the epoch and {@code W_est} besides the windows.
 *
 * <p>Time: byte-based windows with {@code C} scaled by SMSS; {@code t} from the {@code now} arguments. The RTT in
 * {@code W_cubic(t + RTT)} is the minimum RTT of the ACK sample ({@link AckSample#minRtt}, the latest sample until
 * one is known), as Linux's {@code bictcp_update} uses {@code delay_min}; RFC 9438 §4.2 names the smoothed RTT, which
 * {@link AckSample} does not carry and which queueing inflates. Application-limited time does not count (§5.8): while
 * ACKs report an unused window, the window does not grow and the epoch start moves forward by the time it lasted
 * (Linux shifts {@code epoch_start} the same way on {@code CA_EVENT_TX_START}); after idle the epoch restarts.
 *
 * <p>Sizes are bytes, times nanoseconds. Pure; owned by its connection's thread. No allocation per ACK.
 */
public final class Cubic extends AbstractCongestionControl {

    /** C, the scaling constant (RFC 9438 §5: 0.4), in segments per second cubed. */
    public static final double C = 0.4;
    /** β_cubic, the multiplicative decrease factor (RFC 9438 §5: 0.7). */
    public static final double BETA = 0.7;
    /** α_cubic = 3(1 - β)/(1 + β) (RFC 9438 §4.3): Reno-friendly additive increase, in segments per RTT. */
    public static final double ALPHA = 3 * (1 - BETA) / (1 + BETA);

    private static final long NONE = Long.MIN_VALUE;
    private static final double NANOS = 1e9;

    private final boolean fastConvergence;
    private double wMax;
    private double k;
    private long epochStart = NONE;
    private double wEst;
    private long cwndPrior;
    private double carry;
    private long limitedSince = NONE;
    private boolean timeoutEpoch;

    private double priorWMax;
    private double priorK;
    private long priorEpochStart = NONE;
    private double priorWEst;
    private long priorCwndPrior;

    /**
     * @param mss                   the SMSS, positive
     * @param initialWindowSegments the initial window in segments (RFC 6928: 10)
     * @param useHyStart            whether the initial slow start runs HyStart++ (RFC 9406; Linux runs HyStart)
     * @param fastConvergence       RFC 9438 §4.7 (Linux default: on)
     */
    public Cubic(int mss, int initialWindowSegments, boolean useHyStart, boolean fastConvergence) {
        super(mss, initialWindowSegments, useHyStart);
        this.fastConvergence = fastConvergence;
    }

    /** CUBIC with HyStart++ and fast convergence, as the factory makes it. */
    public Cubic(int mss, int initialWindowSegments) {
        this(mss, initialWindowSegments, true, true);
    }

    @Override
    public CongestionControlKind kind() {
        return CongestionControlKind.CUBIC;
    }

    /** W_max in bytes: the window before the last reduction (after fast convergence), 0 before any. */
    public double wMax() {
        return wMax;
    }

    /** K in seconds for the current epoch. */
    public double k() {
        return k;
    }

    /** W_est in bytes: the Reno-friendly estimate of the current epoch. */
    public double wEst() {
        return wEst;
    }

    /** When the current congestion avoidance epoch began (its application-limited time removed), or none. */
    public long epochStart() {
        return epochStart;
    }

    /** Whether a congestion avoidance epoch is running. */
    public boolean inEpoch() {
        return epochStart != NONE;
    }

    /** {@code W_cubic(t)} in bytes for the current epoch (RFC 9438 Figure 1 scaled by SMSS), {@code t} in seconds. */
    public double wCubic(double t) {
        double d = t - k;
        return C * mss * d * d * d + wMax;
    }

    @Override
    void congestionAvoidance(AckSample ack, long acked, long now) {
        if (epochStart == NONE) {
            startEpoch(now);
        } else if (limitedSince != NONE) {
            // RFC 9438 §5.8: the application-limited stretch does not count towards t.
            epochStart += now - limitedSince;
            limitedSince = NONE;
        }
        double t = (now - epochStart) / NANOS;
        long rttNanos = ack.minRtt > 0 ? ack.minRtt : Math.max(ack.rtt, 0);
        // RFC 9438 §4.2: the target after one RTT, no lower than cwnd, no higher than 1.5 * cwnd.
        double target = Math.min(Math.max(wCubic(t + rttNanos / NANOS), cwnd), 1.5 * cwnd);
        // RFC 9438 §4.3: W_est grows by alpha segments per window of acknowledged data.
        double alpha = wEst >= cwndPrior ? 1.0 : ALPHA;
        wEst += alpha * mss * acked / cwnd;
        if (wCubic(t) < wEst) {
            // The Reno-friendly region: cwnd = W_est.
            cwnd = Math.max(cwnd, (long) wEst);
            carry = 0;
        } else {
            // Concave or convex region: cwnd += (target - cwnd) / cwnd per segment acknowledged.
            carry += (target - cwnd) * acked / cwnd;
            long whole = (long) carry;
            cwnd += whole;
            carry -= whole;
        }
    }

    /** A congestion avoidance stage begins: t = 0, cwnd_epoch = cwnd (RFC 9438 §4.2). */
    private void startEpoch(long now) {
        epochStart = now;
        limitedSince = NONE;
        carry = 0;
        if (timeoutEpoch || wMax <= cwnd) {
            // RFC 9438 §4.8 after a timeout; and, as Linux, whenever the window is already at or past W_max (no
            // reduction yet, or HyStart++ left slow start): the convex region from here, K = 0.
            wMax = cwnd;
            k = 0;
        } else {
            k = Math.cbrt((wMax - cwnd) / (C * mss)); // RFC 9438 Figure 2
        }
        timeoutEpoch = false;
        wEst = cwnd; // RFC 9438 §4.3: W_est = cwnd_epoch
    }

    @Override
    long reductionSsthresh(long flightSize, long now) {
        epochStart = NONE;
        limitedSince = NONE;
        carry = 0;
        // RFC 9438 §4.7 fast convergence, then §4.6: W_max, cwnd_prior, ssthresh.
        if (fastConvergence && cwnd < wMax) {
            wMax = cwnd * (1 + BETA) / 2;
        } else {
            wMax = cwnd;
        }
        cwndPrior = cwnd;
        return Math.max((long) (cwnd * BETA), 2L * mss);
    }

    @Override
    void onApplicationLimited(AckSample ack, long now) {
        if (epochStart != NONE && limitedSince == NONE) {
            limitedSince = now;
        }
    }

    @Override
    void onTimeout(long now) {
        epochStart = NONE;
        limitedSince = NONE;
        timeoutEpoch = true; // RFC 9438 §4.8: the first epoch after a timeout has K = 0, W_max = cwnd_epoch
    }

    @Override
    void onRecoveryExit(long now) {
        epochStart = NONE;
    }

    @Override
    void saveAlgorithmPriors() {
        priorWMax = wMax;
        priorK = k;
        priorEpochStart = epochStart;
        priorWEst = wEst;
        priorCwndPrior = cwndPrior;
    }

    @Override
    void onUndo(long now) {
        // RFC 9438 §4.9: restore the state saved before the spurious reduction.
        wMax = priorWMax;
        k = priorK;
        epochStart = priorEpochStart;
        wEst = priorWEst;
        cwndPrior = priorCwndPrior;
        limitedSince = NONE;
        timeoutEpoch = false;
        carry = 0;
    }

    @Override
    void onIdle(long now) {
        // As Linux: the window was shrunk after idle; a new epoch begins with the next ACK (W_max is kept).
        epochStart = NONE;
        limitedSince = NONE;
    }
}
