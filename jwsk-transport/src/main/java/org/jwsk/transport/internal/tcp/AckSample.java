package org.jwsk.transport.internal.tcp;

/**
 * What one arriving acknowledgement did, as congestion control needs to know it: filled by the connection for
 * each ACK that acknowledges or SACKs new data, then passed to {@link CongestionControl#onAck}. One reusable instance
 * per connection; valid during the call only. Sizes are bytes, times nanoseconds.
 */
public final class AckSample {

    /** Bytes newly acknowledged cumulatively (SND.UNA advanced by this much, less a SYN or FIN). */
    public long ackedBytes;
    /** Bytes newly SACKed by this ACK (RFC 6675 DeliveredData is {@code ackedBytes + sackedBytes}). */
    public long sackedBytes;
    /** Bytes in flight before this ACK was processed (RFC 6675 pipe before). */
    public long priorInFlight;
    /** Bytes in flight after it. */
    public long inFlight;
    /** An RTT sample this ACK gave, or 0 if none. */
    public long rtt;
    /** The connection's minimum RTT, or 0 if unknown. */
    public long minRtt;
    /** SND.UNA after this ACK. */
    public int sndUna;
    /** SND.NXT when this ACK arrived. */
    public int sndNxt;
    /** The sender's MSS. */
    public int mss;
    /** The sender could not fill cwnd before this ACK: its application did not give it enough data. */
    public boolean appLimited;
    /** The connection is in loss recovery (fast recovery or after an RTO). */
    public boolean inRecovery;
    /** SND.UNA advanced and this ACK revealed no further loss (RFC 9937 §5 SafeACK). */
    public boolean safe;

    /** Bytes this ACK delivered, cumulatively or by SACK (RFC 6937 DeliveredData). */
    public long delivered() {
        return ackedBytes + sackedBytes;
    }
}
