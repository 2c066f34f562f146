package org.jwsk.transport.internal.tcp.cc;

import org.jwsk.transport.CongestionControlKind;
import org.jwsk.transport.internal.tcp.AckSample;

/**
 * NewReno's window (RFC 5681 §3.1; the fast-recovery rules of RFC 6582 and RFC 6675 are the connection's): slow start
 * and congestion avoidance with appropriate byte counting (RFC 3465), {@code ssthresh = max(FlightSize / 2, 2·SMSS)}
 * on a congestion event or timeout (RFC 5681 equation 4), PRR during fast recovery (RFC 9937), the loss window after
 * a timeout, restart after idle and undo (see {@link AbstractCongestionControl}).
 *
 * <p>Congestion avoidance counts bytes (RFC 3465 §2.1, RFC 5681 §3.1 equation 3's recommended form): once a whole
 * {@code cwnd} of bytes has been acknowledged, {@code cwnd} grows by one SMSS, so delayed and stretch ACKs do not slow
 * it down. As in Linux, NewReno's slow start does not use HyStart (Linux runs HyStart with CUBIC only); the factory
 * can ask for it.
 *
 * <p>Sizes are bytes, times nanoseconds. Pure; owned by its connection's thread.
 */
public final class NewReno extends AbstractCongestionControl {

    private long bytesAcked;

    /**
     * @param mss                   the SMSS, positive
     * @param initialWindowSegments the initial window in segments (RFC 6928: 10)
     * @param useHyStart            whether the initial slow start runs HyStart++ (RFC 9406); Linux: no
     */
    public NewReno(int mss, int initialWindowSegments, boolean useHyStart) {
        super(mss, initialWindowSegments, useHyStart);
    }

    /** NewReno with the initial window of RFC 6928 and standard slow start, as Linux's {@code reno}. */
    public NewReno(int mss, int initialWindowSegments) {
        this(mss, initialWindowSegments, false);
    }

    @Override
    public CongestionControlKind kind() {
        return CongestionControlKind.NEW_RENO;
    }

    /** RFC 3465 §2.1: bytes acknowledged in congestion avoidance not yet turned into window growth. */
    public long bytesAcked() {
        return bytesAcked;
    }

    @Override
    void congestionAvoidance(AckSample ack, long acked, long now) {
        // RFC 3465 §2.1: cwnd += SMSS for every cwnd bytes acknowledged (several, for a very large stretch ACK).
        bytesAcked += acked;
        if (bytesAcked >= cwnd) {
            long steps = bytesAcked / cwnd;
            bytesAcked -= steps * cwnd;
            cwnd += steps * mss;
        }
    }

    @Override
    long reductionSsthresh(long flightSize, long now) {
        bytesAcked = 0;
        // RFC 5681 §3.1 equation 4: ssthresh = max(FlightSize / 2, 2*SMSS).
        return Math.max(flightSize / 2, 2L * mss);
    }

    @Override
    void onRecoveryExit(long now) {
        bytesAcked = 0;
    }

    @Override
    void onTimeout(long now) {
        bytesAcked = 0;
    }

    @Override
    void onUndo(long now) {
        bytesAcked = 0;
    }

    @Override
    void onIdle(long now) {
        bytesAcked = 0;
    }
}
