package org.jwsk.transport.internal.tcp;

import org.jwsk.common.time.TimerQueue;
import org.jwsk.net.IcmpErrorReport;
import org.jwsk.transport.TcpConnection;

/**
 * A connection as its protocol drives it: the pure TCP core (RFC 9293 §3.10 event processing) behind the user's
 * {@link TcpConnection}. The protocol demultiplexes segments to it, passes on ICMP errors, and runs its one timer;
 * the connection calls back through its {@link TcpContext}.
 *
 * <p>Created by a {@link TcbFactory}. Everything runs on the stack's thread.
 */
public interface Tcb extends TcpConnection {

    /** The connection's 4-tuple; the table key. Never changes. */
    FlowKey key();

    /**
     * A segment for this connection arrived, its checksum verified (RFC 9293 §3.10.7: SEGMENT ARRIVES, from
     * "otherwise" on: the states after LISTEN). <b>Takes ownership</b> of {@code segment.payload}.
     */
    void onSegment(TcpSegment segment, long now);

    /**
     * An ICMP error about this connection (RFC 1122 §4.2.3.9, RFC 5927, RFC 8201).
     *
     * @param kind what went wrong
     * @param info the next-hop MTU for {@link IcmpErrorReport.Kind#PACKET_TOO_BIG}, else 0
     * @param seq  the sequence number of the quoted segment (RFC 5927 §4.1: the error is believed only if it lies
     *             in SND.UNA..SND.NXT)
     */
    void onIcmpError(IcmpErrorReport.Kind kind, long info, int seq, long now);

    /**
     * A SYN arrived for this connection's 4-tuple while it is in TIME-WAIT. If the SYN may start a new incarnation
     * (RFC 6191 §2: with timestamps, its TSval is newer than TS.Recent; without, RFC 9293 §3.10.7.4 / RFC 1122
     * §4.2.2.13: its SEQ is above RCV.NXT), the connection ends at once and quietly (no RST; {@link
     * TcpContext#stateChanged} to CLOSED) and this returns true: the protocol then hands the SYN to a listener.
     * Otherwise, and in every other state, returns false and changes nothing; the protocol passes the SYN to
     * {@link #onSegment}. Does not take the payload.
     */
    boolean reuseForSyn(TcpSegment syn, long now);

    /** The connection's deadline came: run whatever timers are due. */
    void onTimer(long now);

    /** The earliest time the connection has timer work, or {@link org.jwsk.common.time.Deadlines#NONE}. */
    long deadline();

    /** The protocol's timer for this connection, or null before it attached one. */
    TimerQueue.Timer timer();

    /** Attaches the protocol's timer (once, at creation). */
    void attachTimer(TimerQueue.Timer timer);
}
