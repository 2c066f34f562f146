package org.jwsk.transport.internal.tcp;

import org.jwsk.transport.CongestionControlKind;

/**
 * A congestion control algorithm as a connection drives it: it owns {@code cwnd} and {@code ssthresh}, and during
 * loss recovery the proportional rate reduction that sets {@code cwnd}; the connection owns loss detection (RFC
 * 6675, RACK) and tells it what happened. The connection may send while {@code pipe < cwnd}.
 *
 * <p>Pure: every input carries {@code now}; no clock, no threads. Sizes in bytes. One instance per connection,
 * used on its stack's thread; an implementation must be small (a connection at rest costs its fields).
 */
public interface CongestionControl {

    /** Which algorithm this is. */
    CongestionControlKind kind();

    /** The congestion window. */
    long cwnd();

    /** The slow-start threshold ({@link Long#MAX_VALUE} until the first reduction). */
    long ssthresh();

    /** Whether {@code cwnd < ssthresh}. */
    default boolean inSlowStart() {
        return cwnd() < ssthresh();
    }

    /**
     * New data was acknowledged or SACKed outside loss recovery: grow the window (slow start, congestion
     * avoidance). Not called during recovery, where PRR sets the pace.
     */
    void onAck(AckSample ack, long now);

    /**
     * A congestion event began: loss detected (fast retransmit, RACK) or ECN-Echo received (RFC 3168 §6.1.2), at
     * most once per round trip. Sets {@code ssthresh} (RFC 5681 §3.2 step 2 for NewReno, RFC 9438 §4.6 for CUBIC)
     * and starts PRR; {@code cwnd} is left as it is (as Linux) and then follows {@link #onRecoveryAck}, which the
     * ACK that started recovery must also be passed to, until {@link #onRecoveryEnd}. An ECN-Echo reduces the same
     * way without retransmitting.
     *
     * @param inFlight RFC 9937 §6.1 RecoverFS: SND.NXT − SND.UNA less the bytes SACKed before the ACK that started
     *                 recovery, which is that ACK's {@link AckSample#priorInFlight} (not the pipe after it)
     */
    void onCongestionEvent(long inFlight, long now);

    /** Loss recovery ended (RFC 6675 §5: SND.UNA reached the recovery point): {@code cwnd} becomes {@code ssthresh}. */
    void onRecoveryEnd(long now);

    /**
     * An ACK arrived during loss recovery: proportional rate reduction (RFC 9937 §5, which obsoletes RFC 6937) sets
     * {@code cwnd} to {@code pipe + sndcnt}, so that the flight shrinks smoothly towards {@code ssthresh}. {@code
     * ack.inFlight} is the pipe after the ACK, {@code ack.delivered()} its DeliveredData (one MSS per duplicate ACK
     * without SACK), {@code ack.safe} whether it is a SafeACK.
     */
    void onRecoveryAck(AckSample ack, long now);

    /** Data went out during recovery, new or retransmitted (RFC 9937 prr_out). */
    void onRecoverySent(long bytes);

    /**
     * The retransmission timer expired (RFC 5681 §3.1 equation 4; RFC 9438 §4.8): {@code ssthresh} from the flight
     * size, {@code cwnd} to one segment (the loss window).
     */
    void onRetransmissionTimeout(long inFlight, long now);

    /**
     * The last reduction proved spurious (D-SACK, or timestamps showed the original arrived, RFC 3708/4015 and
     * RFC 5682): restore what the reduction changed.
     */
    void undo(long now);

    /**
     * The connection was idle longer than an RTO (RFC 5681 §4.1, RFC 7661's restart): shrink {@code cwnd} to the
     * restart window.
     */
    void onIdleRestart(long now);

    /** The MSS changed (PMTU): windows kept in segments follow. */
    void onMssChange(int mss);
}
