package org.jwsk.transport.internal.tcp;

/**
 * Round-trip time estimation and the retransmission timeout (RFC 6298), plus the windowed minimum RTT that RACK
 * (RFC 8985 §6.2) and HyStart++ use. Times are nanoseconds. Pure: the caller measures samples (Karn's rule, RFC
 * 6298 §3, is the caller's: no samples from retransmitted segments unless timestamps disambiguate them).
 *
 * <p><b>Deviation from RFC 6298 §2.4, deliberately as Linux.</b> The RFC computes {@code RTO = max(rtoMin, SRTT +
 * 4·RTTVAR)}; Linux and jwsk compute {@code RTO = SRTT + max(4·RTTVAR, rtoMin)}, so the timeout always leaves
 * {@code rtoMin} above the smoothed RTT. On short paths with delayed ACKs the RFC's form fires spuriously; this one
 * does not, and it stays far below the RFC's recommended 1 s floor.
 *
 * <p>With timestamps a connection takes many samples per round trip; as RFC 7323 Appendix G suggests, the gains
 * are divided by the samples expected per flight so that RTTVAR does not collapse.
 *
 * <p>Owned by its connection's thread.
 */
public final class RttEstimator {

    private static final long NONE = -1;

    private long rtoMin;
    private long rtoMax;
    private long rtoInitial;
    private long srtt = NONE;
    private long rttVar;
    private long latest = NONE;
    private long baseRto;
    private int backoffs;
    private boolean synTimedOut;
    private final MinFilter min = new MinFilter();

    /**
     * @param rtoMin     the lowest RTO
     * @param rtoInitial the RTO before the first sample (RFC 6298 §2.1: 1 s)
     * @param rtoMax     the highest RTO, backoff included (RFC 6298 §2.5: at least 60 s)
     */
    public RttEstimator(long rtoMin, long rtoInitial, long rtoMax) {
        setBounds(rtoMin, rtoInitial, rtoMax);
    }

    /** Changes the bounds (an endpoint's options); the current RTO is clamped to them at once. */
    public void setBounds(long rtoMin, long rtoInitial, long rtoMax) {
        if (rtoMin <= 0 || rtoMax < rtoMin || rtoInitial <= 0) {
            throw new IllegalArgumentException("RTO bounds must be positive with max >= min");
        }
        this.rtoMin = rtoMin;
        this.rtoMax = rtoMax;
        this.rtoInitial = rtoInitial;
        baseRto = srtt != NONE ? compute() : initialRto();
    }

    /** The RTO before the first sample: the initial one, or 3 s after a SYN timeout (§5.7), within the bounds. */
    private long initialRto() {
        long rto = synTimedOut ? 3 * rtoInitial : rtoInitial;
        return Math.min(Math.max(rto, rtoMin), rtoMax);
    }

    /**
     * Takes an RTT sample.
     *
     * @param rtt             the measured round trip, positive
     * @param expectedSamples samples expected per round trip (1 without timestamps; about flight size over two
     *                        segments with them), at least 1
     */
    public void sample(long rtt, long now, int expectedSamples) {
        if (rtt <= 0) {
            rtt = 1; // a sub-tick measurement still proves the path is fast
        }
        latest = rtt;
        min.update(rtt, now);
        if (srtt == NONE) {
            // RFC 6298 §2.2: the first measurement.
            srtt = rtt;
            rttVar = rtt / 2;
        } else {
            // RFC 6298 §2.3 with alpha = 1/8, beta = 1/4, divided per RFC 7323 Appendix G.
            int n = Math.max(1, expectedSamples);
            long err = Math.abs(srtt - rtt);
            rttVar += (err - rttVar) / (4L * n);
            srtt += (rtt - srtt) / (8L * n);
        }
        backoffs = 0; // RFC 6298 §5, the note after rule 5.7: a new sample after backoff recomputes the RTO
        baseRto = compute();
    }

    private long compute() {
        long rto = srtt + Math.max(4 * rttVar, rtoMin);
        return Math.min(rto, rtoMax);
    }

    /** The retransmission timeout now, backoff included. */
    public long rto() {
        long rto = baseRto;
        for (int i = 0; i < backoffs && rto < rtoMax; i++) {
            rto <<= 1;
        }
        return Math.min(rto, rtoMax);
    }

    /** The RTO without backoff. */
    public long baseRto() {
        return baseRto;
    }

    /** RFC 6298 §5.5: the timer expired; double the RTO (up to the maximum). */
    public void backoff() {
        if (backoffs < 62) {
            backoffs++;
        }
    }

    /** Consecutive backoffs since the last sample or reset. */
    public int backoffs() {
        return backoffs;
    }

    /** Ends the backoff without a new sample (new data was acknowledged after a retransmission). */
    public void resetBackoff() {
        backoffs = 0;
    }

    /**
     * RFC 6298 §5.7: after a timeout with no sample yet, or when a SYN needed retransmitting, the RTO once data
     * flows is 3 s (here: three times the initial RTO, bounded). The SYN's backoff ends with it: the RTO is
     * "re-initialized", not 3 s doubled per SYN retransmission.
     */
    public void afterSynTimeout() {
        if (srtt == NONE) {
            synTimedOut = true;
            baseRto = initialRto();
            backoffs = 0;
        }
    }

    public boolean hasSample() {
        return srtt != NONE;
    }

    /** SRTT, or 0 before the first sample. */
    public long srtt() {
        return srtt == NONE ? 0 : srtt;
    }

    /** RTTVAR, or 0 before the first sample. */
    public long rttVar() {
        return rttVar;
    }

    /** The latest sample, or 0 before the first. */
    public long latest() {
        return latest == NONE ? 0 : latest;
    }

    /** The minimum RTT over the last {@link MinFilter#WINDOW}, or 0 before the first sample. */
    public long minRtt() {
        return min.get();
    }

    /**
     * A windowed minimum in constant space: the best sample, and two later candidates that take over as older
     * ones leave the window, so the minimum follows a path whose RTT grows (after a route change) within a window.
     */
    static final class MinFilter {
        /** How long a minimum stands (Linux's tcp_min_rtt_wlen: 300 s). */
        static final long WINDOW = 300_000_000_000L;

        private final long[] value = {0, 0, 0};
        private final long[] time = {0, 0, 0};
        private boolean empty = true;

        void update(long v, long now) {
            if (empty || v <= value[0] || now - time[2] > WINDOW) {
                reset(v, now);
                return;
            }
            if (v <= value[1]) {
                value[1] = v;
                time[1] = now;
                value[2] = v;
                time[2] = now;
            } else if (v <= value[2]) {
                value[2] = v;
                time[2] = now;
            }
            expire(v, now);
        }

        private void expire(long v, long now) {
            if (now - time[0] > WINDOW) {
                // The best has aged out: the candidates move up, and the new sample becomes the last one.
                value[0] = value[1];
                time[0] = time[1];
                value[1] = value[2];
                time[1] = time[2];
                value[2] = v;
                time[2] = now;
                if (now - time[0] > WINDOW) {
                    value[0] = value[1];
                    time[0] = time[1];
                    value[1] = value[2];
                    time[1] = time[2];
                }
            } else if (time[1] == time[0] && now - time[0] > WINDOW / 4) {
                // A quarter window on with no second choice: take one, so an expiry has somewhere to go.
                value[1] = v;
                time[1] = now;
                value[2] = v;
                time[2] = now;
            } else if (time[2] == time[1] && now - time[1] > WINDOW / 2) {
                value[2] = v;
                time[2] = now;
            }
        }

        private void reset(long v, long now) {
            empty = false;
            for (int i = 0; i < 3; i++) {
                value[i] = v;
                time[i] = now;
            }
        }

        long get() {
            return empty ? 0 : value[0];
        }
    }
}
