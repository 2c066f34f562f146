package org.jwsk.transport.internal.tcp.cc;

import org.jwsk.transport.internal.tcp.AckSample;
import org.jwsk.transport.internal.tcp.CongestionControl;

/**
 * What NewReno and CUBIC share: the windows, slow start (with HyStart++ when asked for), PRR during fast recovery,
 * the loss window after a timeout, restart after idle, the application-limited rule and undo. Subclasses supply
 * congestion avoidance and the reduction ({@code ssthresh} after a congestion event).
 *
 * <p><b>How the connection drives it</b> (the contract of {@link CongestionControl}, made precise):
 * <ul>
 *   <li>{@link #onCongestionEvent}: {@code inFlight} is RFC 9937 §6.1's RecoverFS, the data still to be delivered
 *       when recovery starts (SND.NXT - SND.UNA less what was SACKed before the triggering ACK; the {@code
 *       priorInFlight} of that ACK). {@code cwnd} is left as it is (as Linux's {@code tcp_init_cwnd_reduction});
 *       the connection then passes the triggering ACK itself to {@link #onRecoveryAck} (RFC 9937 §6.2: "on every ACK
 *       starting or during fast recovery"), which sets {@code cwnd = pipe + sndcnt}.</li>
 *   <li>{@link #onRecoveryAck} while no PRR episode is running (the ACKs after a retransmission timeout, Linux's
 *       CA_Loss) grows the window as {@link #onAck} does: slow start from the loss window.</li>
 *   <li>{@link #onRetransmissionTimeout} repeated before any new data was acknowledged does not lower {@code
 *       ssthresh} again (RFC 5681 §3.1: only for a segment "not yet resent by way of the retransmission timer"); a
 *       timeout during fast recovery keeps that recovery's {@code ssthresh} (as Linux's {@code tcp_enter_loss}).</li>
 * </ul>
 *
 * <p><b>Application-limited</b> (RFC 7661's spirit, Linux's {@code tcp_is_cwnd_limited}): the window grows only on
 * ACKs where the sender was using it; in slow start also while {@code cwnd < 2·priorInFlight}, as Linux allows.
 *
 * <p><b>Undo</b> (Linux's {@code tcp_undo_cwnd_reduction}, RFC 9438 §4.9): {@code cwnd = max(cwnd, prior cwnd)},
 * {@code ssthresh = max(ssthresh, prior ssthresh)}, where the priors are saved when an episode (fast recovery or a
 * timeout) begins. Only the latest episode is undone, once.
 *
 * <p>Sizes are bytes, times nanoseconds. Pure; owned by its connection's thread. A few primitive fields: {@link Prr}
 * is allocated on the first congestion event and reused, {@link HyStartPlusPlus} lives only through the initial slow
 * start (RFC 9406 §4.3).
 */
public abstract sealed class AbstractCongestionControl implements CongestionControl permits NewReno, Cubic {

    /** The largest window kept (RFC 7323 §2.3: windows stop at 2^30 bytes); also keeps the arithmetic safe. */
    public static final long MAX_CWND = 1L << 30;

    /** Bytes per segment (SMSS). */
    int mss;
    /** The initial window in segments (RFC 6928; Linux's IW is IW×MSS bytes, and so is jwsk's). */
    final int initialWindowSegments;
    /** The congestion window (RFC 5681). */
    long cwnd;
    /** The slow-start threshold (RFC 5681); {@link Long#MAX_VALUE} until the first reduction. */
    long ssthresh = Long.MAX_VALUE;

    private long priorCwnd;
    private long priorSsthresh;
    private boolean undoPossible;
    private boolean afterTimeout;
    private Prr prr;
    private HyStartPlusPlus hyStart;

    /**
     * @param mss                   the SMSS, positive
     * @param initialWindowSegments the initial window in segments (RFC 6928: 10), 1 to 100
     * @param useHyStart            whether the initial slow start runs HyStart++ (RFC 9406)
     */
    AbstractCongestionControl(int mss, int initialWindowSegments, boolean useHyStart) {
        if (mss <= 0) {
            throw new IllegalArgumentException("mss must be positive, not " + mss);
        }
        if (initialWindowSegments < 1 || initialWindowSegments > 100) {
            throw new IllegalArgumentException("initial window must be 1-100 segments, not " + initialWindowSegments);
        }
        this.mss = mss;
        this.initialWindowSegments = initialWindowSegments;
        this.cwnd = initialWindow();
        this.hyStart = useHyStart ? new HyStartPlusPlus() : null;
    }

    @Override
    public final long cwnd() {
        return cwnd;
    }

    @Override
    public final long ssthresh() {
        return ssthresh;
    }

    /** The SMSS the windows are counted in. */
    public final int mss() {
        return mss;
    }

    /**
     * The initial (and restart) window: IW×SMSS. RFC 6928 §2 caps IW=10 at {@code min(10·SMSS, max(2·SMSS, 14600))};
     * Linux uses IW×SMSS, and so does jwsk.
     */
    public final long initialWindow() {
        return (long) initialWindowSegments * mss;
    }

    /** Whether a PRR episode (fast recovery) is in progress. */
    public final boolean inRecovery() {
        return prr != null && prr.active();
    }

    /** The PRR state, or null before the first congestion event (for tests and tcp_info). */
    public final Prr prr() {
        return prr;
    }

    /** The HyStart++ state while the initial slow start runs it, else null. */
    public final HyStartPlusPlus hyStart() {
        return hyStart;
    }

    @Override
    public final void onAck(AckSample ack, long now) {
        if (inRecovery()) {
            return; // PRR sets the pace until onRecoveryEnd
        }
        long acked = ack.delivered();
        if (ack.ackedBytes > 0) {
            afterTimeout = false; // new data acknowledged: a later timeout is a new congestion indication
        }
        if (acked <= 0) {
            return;
        }
        boolean mayGrow = mayGrow(ack);
        if (!mayGrow) {
            onApplicationLimited(ack, now);
        }
        if (inSlowStart()) {
            acked = slowStart(ack, acked, mayGrow);
            if (acked <= 0 || !mayGrow) {
                return;
            }
        }
        if (mayGrow) {
            congestionAvoidance(ack, acked, now);
            cwnd = Math.min(cwnd, MAX_CWND);
        }
    }

    /**
     * RFC 5681 §3.1 slow start with RFC 3465 byte counting, as Linux's {@code tcp_slow_start}: {@code cwnd} grows by
     * the bytes acknowledged, without RFC 3465 §2.2's L = 2·SMSS limit per ACK (stretch ACKs from receive offloads
     * and ACK thinning would otherwise slow it down), but not past {@code ssthresh}; what is left over goes to
     * congestion avoidance. Under HyStart++ the growth is RFC 9406's instead (at most L = 8 SMSS per ACK, a quarter
     * of it in CSS).
     *
     * @return the bytes left for congestion avoidance
     */
    private long slowStart(AckSample ack, long acked, boolean mayGrow) {
        long growth = acked;
        if (hyStart != null) {
            growth = hyStart.onAck(ack, acked, mss);
        }
        if (mayGrow) {
            long before = cwnd;
            cwnd = Math.min(Math.min(cwnd + growth, ssthresh), MAX_CWND);
            acked -= cwnd - before;
        }
        if (hyStart != null) {
            if (hyStart.finished()) {
                // RFC 9406 §4.2: CSS_ROUNDS rounds of CSS: enter congestion avoidance.
                ssthresh = cwnd;
                hyStart = null;
                onSlowStartExit();
            }
            return 0; // HyStart++'s growth is all there is for this ACK
        }
        return acked;
    }

    private boolean mayGrow(AckSample ack) {
        if (!ack.appLimited) {
            return true;
        }
        // Linux tcp_is_cwnd_limited: in slow start, growth continues while cwnd < 2 * the data in flight.
        return inSlowStart() && cwnd < 2 * ack.priorInFlight;
    }

    @Override
    public final void onCongestionEvent(long inFlight, long now) {
        savePriors();
        hyStart = null; // RFC 9406 §4.2: a loss or ECN ends HyStart++; §4.3: it is for the initial slow start only
        afterTimeout = false;
        ssthresh = reductionSsthresh(inFlight, now);
        if (prr == null) {
            prr = new Prr();
        }
        prr.start(inFlight, ssthresh);
    }

    @Override
    public final void onRecoveryAck(AckSample ack, long now) {
        if (!inRecovery()) {
            onAck(ack, now); // after a timeout (CA_Loss): slow start from the loss window
            return;
        }
        long next = prr.onAck(ack.delivered(), ack.inFlight, ack.safe, mss);
        if (next >= 0) {
            cwnd = Math.min(next, MAX_CWND);
        }
    }

    @Override
    public final void onRecoverySent(long bytes) {
        if (prr != null) {
            prr.onSent(bytes);
        }
    }

    @Override
    public final void onRecoveryEnd(long now) {
        if (!inRecovery()) {
            return; // after a timeout or an undo there is no PRR episode to end
        }
        prr.end();
        // RFC 9937 §6 / RFC 6675 §5: at the end of recovery cwnd = ssthresh (Linux tcp_end_cwnd_reduction).
        cwnd = ssthresh;
        onRecoveryExit(now);
    }

    @Override
    public final void onRetransmissionTimeout(long inFlight, long now) {
        boolean duringRecovery = inRecovery();
        if (!afterTimeout && !duringRecovery) {
            // RFC 5681 §3.1 equation 4 (RFC 9438 §4.8 with CUBIC's beta); not again for the same loss.
            savePriors();
            ssthresh = reductionSsthresh(inFlight, now);
        }
        if (duringRecovery) {
            prr.end();
        }
        hyStart = null;
        afterTimeout = true;
        cwnd = mss; // RFC 5681 §3.1: the loss window, one segment
        onTimeout(now);
    }

    @Override
    public final void undo(long now) {
        if (!undoPossible) {
            return;
        }
        undoPossible = false;
        afterTimeout = false;
        if (prr != null) {
            prr.end();
        }
        cwnd = Math.max(cwnd, priorCwnd);
        ssthresh = Math.max(ssthresh, priorSsthresh);
        onUndo(now);
    }

    @Override
    public final void onIdleRestart(long now) {
        if (inRecovery()) {
            return;
        }
        long restartWindow = Math.min(initialWindow(), cwnd); // RFC 5681 §4.1: RW = min(IW, cwnd)
        if (cwnd > restartWindow) {
            // As Linux tcp_cwnd_restart and RFC 7661 §4.4.3 (after RFC 2861): remember 3/4 of the old window in
            // ssthresh, so slow start brings the flow back to it quickly.
            ssthresh = Math.max(ssthresh, cwnd - (cwnd >> 2));
            cwnd = restartWindow;
        }
        onIdle(now);
    }

    /**
     * The MSS changed (PMTU). The windows are bytes and stay as they are (RFC 5681 counts bytes; the path carries as
     * many), except that they never fall below one (cwnd) or two (ssthresh) segments of the new size. Linux counts
     * packets instead, so its windows shrink in bytes when the MSS does.
     */
    @Override
    public final void onMssChange(int newMss) {
        if (newMss <= 0) {
            throw new IllegalArgumentException("mss must be positive, not " + newMss);
        }
        mss = newMss;
        cwnd = Math.max(cwnd, newMss);
        if (ssthresh != Long.MAX_VALUE) {
            ssthresh = Math.max(ssthresh, 2L * newMss);
        }
    }

    private void savePriors() {
        if (inRecovery()) {
            return; // a further event in the same episode: undo goes back to before the first
        }
        priorCwnd = cwnd;
        priorSsthresh = ssthresh;
        undoPossible = true;
        saveAlgorithmPriors();
    }

    /** Congestion avoidance for {@code acked} bytes (the application was using the window). */
    abstract void congestionAvoidance(AckSample ack, long acked, long now);

    /** The new {@code ssthresh} on a congestion event or timeout; {@link #cwnd} is still the old window. */
    abstract long reductionSsthresh(long flightSize, long now);

    /** An ACK arrived while the application left the window unused. */
    void onApplicationLimited(AckSample ack, long now) {
    }

    /** HyStart++ ended slow start ({@code ssthresh = cwnd}). */
    void onSlowStartExit() {
    }

    /** Fast recovery ended with {@code cwnd = ssthresh}. */
    void onRecoveryExit(long now) {
    }

    /** A retransmission timeout collapsed {@code cwnd} to the loss window. */
    void onTimeout(long now) {
    }

    /** The algorithm's own state before a reduction, for {@link #onUndo}. */
    void saveAlgorithmPriors() {
    }

    /** The last reduction was undone; restore the algorithm's own state. */
    void onUndo(long now) {
    }

    /** The window was shrunk for a restart after idle. */
    void onIdle(long now) {
    }
}
