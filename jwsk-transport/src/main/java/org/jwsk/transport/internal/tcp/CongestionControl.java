package org.jwsk.transport.internal.tcp;

import org.jwsk.transport.CongestionControlKind;

/**
 * A congestion control algorithm as a connection drives it: it owns {@code cwnd} and {@code ssthresh}; the
 * connection owns loss detection (RFC 6675, RACK) and tells it what happened. The amount to send during recovery
 * is proportional rate reduction's ({@link Prr}), fed by {@link #ssthresh()}.
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
     * most once per round trip. Sets {@code ssthresh} (RFC 5681 §3.2 step 2 for NewReno, RFC 9438 §4.6 for CUBIC);
     * {@code cwnd} is then driven by PRR until {@link #onRecoveryEnd}.
     *
     * @param inFlight bytes in flight when the event was detected (FlightSize)
     */
    void onCongestionEvent(long inFlight, long now);

    /** Loss recovery ended (RFC 6675 §5: SND.UNA reached the recovery point): {@code cwnd} becomes {@code ssthresh}. */
    void onRecoveryEnd(long now);

    /**
     * The connection's PRR computed the window for this ACK during recovery (RFC 6937 §3: cwnd = pipe + sndcnt);
     * the algorithm adopts it.
     */
    void setRecoveryWindow(long cwnd);

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
