package org.jwsk.transport.internal.tcp.cc;

/**
 * Proportional Rate Reduction (RFC 9937, which obsoletes RFC 6937): during fast recovery it decides, ACK by ACK, how
 * much may be sent ({@code sndcnt}), so that the flight shrinks smoothly from RecoverFS to {@code ssthresh} and ends
 * recovery as close to {@code ssthresh} as the losses allow. The congestion window during recovery is {@code pipe +
 * sndcnt}.
 *
 * <p>Three regimes, chosen per ACK (RFC 9937 §6):
 * <ul>
 *   <li>{@code pipe > ssthresh}: the proportional part, {@code sndcnt = ceil(prr_delivered · ssthresh / RecoverFS) -
 *       prr_out}: send {@code ssthresh/RecoverFS} of what was delivered.</li>
 *   <li>{@code pipe <= ssthresh} (heavy losses): the reduction bound. PRR-CRB by default ({@code max(prr_delivered -
 *       prr_out, DeliveredData)}, conservative: no more than was delivered); PRR-SSRB on a SafeACK (the same plus one
 *       SMSS: slow start back towards {@code ssthresh} while recovery makes progress). Either is capped by {@code
 *       ssthresh - pipe}.</li>
 *   <li>Nothing sent yet in this recovery and nothing allowed: one SMSS, so the fast retransmit goes out.</li>
 * </ul>
 *
 * <p>Sizes are bytes. A handful of primitive fields; one instance per connection, reused for every recovery episode.
 * Owned by its connection's thread.
 */
public final class Prr {

    /** Which part of the algorithm set the last {@code sndcnt} (the "RB" row of RFC 9937's examples). */
    public enum Bound {
        /** No ACK processed in this episode yet, or the last one delivered nothing. */
        NONE,
        /** {@code pipe > ssthresh}: the proportional reduction. */
        PROPORTIONAL,
        /** PRR-CRB: {@code max(prr_delivered - prr_out, DeliveredData)}. */
        CONSERVATIVE,
        /** PRR-SSRB: the conservative bound plus one SMSS, on a SafeACK. */
        SLOW_START,
        /** {@code ssthresh - pipe} was smaller than the reduction bound. */
        SSTHRESH,
        /** Nothing sent yet in this recovery: one SMSS forced out for the fast retransmit. */
        FORCED
    }

    private long recoverFs;
    private long prrDelivered;
    private long prrOut;
    private long ssthresh;
    private long sndcnt;
    private boolean active;
    private Bound bound = Bound.NONE;

    /** An inactive PRR; {@link #start} begins an episode. */
    public Prr() {
    }

    /**
     * A recovery episode begins (RFC 9937 §6.1, initialization at the start of recovery).
     *
     * @param recoverFs RecoverFS: the data outstanding when recovery starts that is still to be delivered, SND.NXT -
     *                  SND.UNA less the bytes SACKed before the ACK that starts recovery (RFC 9937 §6.1); with SACK
     *                  this is the RFC 6675 pipe before that ACK, when nothing was marked lost yet
     * @param ssthresh  the target flight size at the end of recovery, from the congestion control
     */
    public void start(long recoverFs, long ssthresh) {
        this.recoverFs = Math.max(0, recoverFs);
        this.ssthresh = ssthresh;
        this.prrDelivered = 0;
        this.prrOut = 0;
        this.sndcnt = 0;
        this.bound = Bound.NONE;
        this.active = true;
    }

    /**
     * An ACK arrived during recovery (RFC 9937 §6.2, on every ACK starting or during fast recovery, excluding the ACK
     * that ends it).
     *
     * @param deliveredData bytes this ACK newly delivered, cumulatively or by SACK (one SMSS per duplicate ACK
     *                      without SACK)
     * @param pipe          the RFC 6675 pipe after the ACK was processed
     * @param safeAck       SND.UNA advanced and the ACK revealed no further loss
     * @param mss           the SMSS
     * @return the new congestion window, {@code pipe + sndcnt}; or -1 when the ACK delivered nothing and the window
     *         stays as it was (as Linux, {@code tcp_cwnd_reduction})
     */
    public long onAck(long deliveredData, long pipe, boolean safeAck, int mss) {
        if (!active) {
            throw new IllegalStateException("PRR is not in a recovery episode");
        }
        if (deliveredData <= 0) {
            bound = Bound.NONE;
            return -1;
        }
        prrDelivered += deliveredData;
        long send;
        if (pipe > ssthresh) {
            // Proportional Rate Reduction: CEIL(prr_delivered * ssthresh / RecoverFS) - prr_out.
            send = ceilDiv(prrDelivered, ssthresh, Math.max(recoverFs, 1)) - prrOut;
            bound = Bound.PROPORTIONAL;
        } else {
            // PRR-CRB by default; PRR-SSRB when recovery is making good progress (SafeACK).
            send = Math.max(prrDelivered - prrOut, deliveredData);
            bound = Bound.CONSERVATIVE;
            if (safeAck) {
                send += mss;
                bound = Bound.SLOW_START;
            }
            // Attempt to catch up, as permitted.
            long room = ssthresh - pipe;
            if (room < send) {
                send = room;
                bound = Bound.SSTHRESH;
            }
        }
        if (send < 0) {
            send = 0;
        }
        if (prrOut == 0 && send == 0) {
            // Force a fast retransmit upon entering recovery.
            send = mss;
            bound = Bound.FORCED;
        }
        sndcnt = send;
        return pipe + send;
    }

    /** Data went out during recovery, new or retransmitted (RFC 9937 §6: {@code prr_out += data sent}). */
    public void onSent(long bytes) {
        if (active && bytes > 0) {
            prrOut += bytes;
        }
    }

    /** The episode ended (recovery completed, a timeout, or an undo). */
    public void end() {
        active = false;
    }

    /** Whether a recovery episode is in progress. */
    public boolean active() {
        return active;
    }

    /** The {@code sndcnt} of the last ACK that delivered data. */
    public long sndcnt() {
        return sndcnt;
    }

    /** Which bound set the last {@code sndcnt}. */
    public Bound bound() {
        return bound;
    }

    /** RecoverFS of this episode. */
    public long recoverFs() {
        return recoverFs;
    }

    /** Bytes delivered since recovery began. */
    public long prrDelivered() {
        return prrDelivered;
    }

    /** Bytes sent since recovery began. */
    public long prrOut() {
        return prrOut;
    }

    /** The target flight size of this episode. */
    public long ssthresh() {
        return ssthresh;
    }

    /** {@code ceil(a * b / c)} for non-negative operands, exact past 2^63 intermediate products. */
    static long ceilDiv(long a, long b, long c) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            return Math.ceilDiv(lo, c);
        }
        // Rare (terabyte windows): fall back to exact arithmetic.
        return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b))
                .add(java.math.BigInteger.valueOf(c - 1)).divide(java.math.BigInteger.valueOf(c)).longValueExact();
    }
}
