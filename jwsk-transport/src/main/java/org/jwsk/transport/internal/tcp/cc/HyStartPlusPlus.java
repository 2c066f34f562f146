package org.jwsk.transport.internal.tcp.cc;

import org.jwsk.common.seq.Seq32;
import org.jwsk.transport.internal.tcp.AckSample;

/**
 * HyStart++ (RFC 9406): leaves slow start when the round-trip time starts to rise (the queue at the bottleneck is
 * filling), before the losses that standard slow start would cause, through a Conservative Slow Start (CSS) phase
 * that grows at a quarter of the rate and returns to slow start if the rise proves spurious.
 *
 * <p>Rounds (RFC 9406 §4.2): a round ends when SND.UNA reaches the SND.NXT recorded when it began ({@code
 * windowEnd}). Per round it keeps the minimum RTT; once {@link #N_RTT_SAMPLE} samples are in, a round whose minimum
 * exceeds the previous round's by {@code RttThresh = clamp(lastRoundMinRTT / 8, 4 ms, 16 ms)} ends slow start and
 * begins CSS. In CSS a round minimum below the one that triggered it ({@code cssBaselineMinRtt}) returns to slow
 * start; after {@link #CSS_ROUNDS} rounds the caller enters congestion avoidance with {@code ssthresh = cwnd}.
 *
 * <p>As RFC 9406 §4.3 recommends, the congestion controls use it for the initial slow start only and drop it
 * afterwards: later slow starts stop at the ssthresh that the first congestion event left. Losses and ECN are the
 * congestion control's business: it stops using this object on its first congestion event.
 *
 * <p>Sizes are bytes, times nanoseconds. A few primitive fields; owned by its connection's thread.
 */
public final class HyStartPlusPlus {

    /** Lower bound of RttThresh (RFC 9406 §4.3: 4 ms). */
    public static final long MIN_RTT_THRESH = 4_000_000L;
    /** Upper bound of RttThresh (RFC 9406 §4.3: 16 ms). */
    public static final long MAX_RTT_THRESH = 16_000_000L;
    /** RttThresh is the last round's minimum RTT over this (RFC 9406 §4.3: 8). */
    public static final int MIN_RTT_DIVISOR = 8;
    /** RTT samples a round needs before its minimum is compared (RFC 9406 §4.3: 8). */
    public static final int N_RTT_SAMPLE = 8;
    /** CSS grows cwnd at 1/CSS_GROWTH_DIVISOR of slow start's rate (RFC 9406 §4.3: 4). */
    public static final int CSS_GROWTH_DIVISOR = 4;
    /** Rounds of CSS before congestion avoidance (RFC 9406 §4.3: 5). */
    public static final int CSS_ROUNDS = 5;
    /**
     * The most cwnd may grow per ACK, in SMSS (RFC 9406 §4.2 and §4.3: 8 for a sender that does not pace, which jwsk
     * does not). Linux's HyStart has no such limit; RFC 9406's is kept because its round timing assumes it.
     */
    public static final int L = 8;

    private static final long NONE = Long.MAX_VALUE;

    private long lastRoundMinRtt = NONE;
    private long currentRoundMinRtt = NONE;
    private long cssBaselineMinRtt = NONE;
    private int rttSampleCount;
    private int windowEnd;
    private int cssRounds;
    private boolean roundStarted;
    private boolean inCss;
    private boolean done;

    /** A fresh HyStart++ for a slow start that begins now. */
    public HyStartPlusPlus() {
    }

    /**
     * An ACK arrived in slow start or CSS (RFC 9406 §4.2): tracks rounds and RTT, may enter or leave CSS, and says how
     * much cwnd may grow. The caller applies the growth (or not, if it is application-limited) and, once {@link
     * #finished()} is true, sets {@code ssthresh = cwnd}.
     *
     * @param ack   the ACK; {@code rtt}, {@code sndUna} and {@code sndNxt} are read
     * @param acked N, the bytes it newly acknowledged (cumulatively or by SACK)
     * @param mss   the SMSS
     * @return the bytes by which cwnd may grow: {@code min(N, L·SMSS)}, divided by {@link #CSS_GROWTH_DIVISOR} in CSS
     */
    public long onAck(AckSample ack, long acked, int mss) {
        if (done) {
            return 0;
        }
        trackRound(ack);
        long growth = Math.min(Math.max(acked, 0), (long) L * mss);
        if (inCss) {
            growth /= CSS_GROWTH_DIVISOR;
        }
        if (ack.rtt > 0) {
            currentRoundMinRtt = Math.min(currentRoundMinRtt, ack.rtt);
            rttSampleCount++;
        }
        if (rttSampleCount >= N_RTT_SAMPLE && currentRoundMinRtt != NONE) {
            if (!inCss) {
                checkDelayIncrease();
            } else if (currentRoundMinRtt < cssBaselineMinRtt) {
                // The RTT fell below the baseline: the exit was spurious; resume slow start, HyStart++ included.
                cssBaselineMinRtt = NONE;
                inCss = false;
                cssRounds = 0;
            }
        }
        return growth;
    }

    private void trackRound(AckSample ack) {
        if (roundStarted && Seq32.lt(ack.sndUna, windowEnd)) {
            return;
        }
        if (roundStarted && inCss && ++cssRounds >= CSS_ROUNDS) {
            // CSS_ROUNDS rounds of CSS are complete: enter congestion avoidance (the caller sets ssthresh = cwnd).
            done = true;
        }
        // At the start of each round.
        roundStarted = true;
        windowEnd = ack.sndNxt;
        lastRoundMinRtt = currentRoundMinRtt;
        currentRoundMinRtt = NONE;
        rttSampleCount = 0;
    }

    private void checkDelayIncrease() {
        if (lastRoundMinRtt == NONE) {
            return;
        }
        long rttThresh = Math.max(MIN_RTT_THRESH, Math.min(lastRoundMinRtt / MIN_RTT_DIVISOR, MAX_RTT_THRESH));
        if (currentRoundMinRtt >= lastRoundMinRtt + rttThresh) {
            cssBaselineMinRtt = currentRoundMinRtt;
            inCss = true;
            cssRounds = 0;
        }
    }

    /** Whether it is in Conservative Slow Start. */
    public boolean inCss() {
        return inCss;
    }

    /** Whether CSS ran its {@link #CSS_ROUNDS} rounds: slow start is over ({@code ssthresh = cwnd}). */
    public boolean finished() {
        return done;
    }

    /** The minimum RTT of the previous round, or {@link Long#MAX_VALUE} if none. */
    public long lastRoundMinRtt() {
        return lastRoundMinRtt;
    }

    /** The minimum RTT of the current round so far, or {@link Long#MAX_VALUE} if none. */
    public long currentRoundMinRtt() {
        return currentRoundMinRtt;
    }

    /** The RTT that triggered CSS, or {@link Long#MAX_VALUE} outside CSS. */
    public long cssBaselineMinRtt() {
        return cssBaselineMinRtt;
    }

    /** CSS rounds completed so far. */
    public int cssRounds() {
        return cssRounds;
    }
}
