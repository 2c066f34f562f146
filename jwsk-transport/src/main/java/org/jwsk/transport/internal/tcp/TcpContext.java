package org.jwsk.transport.internal.tcp;

import java.lang.foreign.MemorySegment;
import java.util.random.RandomGenerator;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.IcmpErrorReport;
import org.jwsk.transport.CongestionControlKind;
import org.jwsk.transport.TcpConfig;
import org.jwsk.transport.TcpCounter;
import org.jwsk.transport.TcpState;

/**
 * What a connection needs from the protocol that owns it: shared services (buffers, the segment writer, counters,
 * randomness) and the upcalls through which the protocol keeps its tables and timers. The protocol implements it in
 * a stack; a connection's unit tests implement it over a capturing {@link IpOutput} and a manual clock.
 *
 * <p>Owned by the stack's thread; a connection calls it from inside its own entry points only.
 */
public interface TcpContext {

    TcpConfig config();

    BufPool pool();

    SegmentWriter writer();

    CounterSet<TcpCounter> counters();

    /** For keepalive jitter and the like; ISNs come from the protocol. */
    RandomGenerator random();

    /** A new congestion control of {@code kind} for a connection whose MSS is {@code mss}. */
    CongestionControl newCongestionControl(CongestionControlKind kind, int mss);

    /**
     * The connection's next deadline changed (an earlier or later timer, or {@link
     * org.jwsk.common.time.Deadlines#NONE}): the protocol reschedules the connection's one timer, and calls {@link
     * Tcb#onTimer} when it falls due.
     */
    void deadlineChanged(Tcb connection, long deadline);

    /**
     * The connection moved from {@code from} to {@code to}: the protocol updates its tables (a connection that
     * reaches {@link TcpState#CLOSED} leaves them, and its port is freed) and the MIB's state counters. Called
     * after the transition, before any user event it causes.
     */
    void stateChanged(Tcb connection, TcpState from, TcpState to, long now);

    /**
     * The largest MSS the path to the connection's peer allows now (path MTU less the IP and TCP headers; RFC 9293
     * §3.7.1, RFC 1191, RFC 8201), or 0 if there is no route.
     */
    int pathMss(FlowKey key);

    /** New data was acknowledged: the path's next hop is reachable (RFC 4861 §7.3.1). */
    void confirmReachable(FlowKey key, long now);

    /**
     * The RFC 7323 §5.4 timestamp clock at {@code now}, before the connection's own offset: milliseconds, wrapping
     * at 2^32.
     */
    default int timestampClock(long now) {
        return (int) (now / 1_000_000L);
    }

    /**
     * Whether a challenge ACK may go out now (RFC 5961 §7: challenge ACKs are rate-limited across the transport, so
     * that blind attackers learn nothing from counting them). A refusal counts {@link
     * TcpCounter#CHALLENGE_ACKS_LIMITED}; the caller counts {@link TcpCounter#CHALLENGE_ACKS} when it sends.
     */
    boolean allowChallengeAck(long now);

    /**
     * The WFP STREAM layer: whether in-order data on this connection may pass, inbound as it is delivered to the
     * receive buffer and outbound as the user queues it. The bytes are borrowed for the call. A refusal aborts the
     * connection (RST) with {@link org.jwsk.transport.CloseReason#ABORTED}.
     */
    default boolean permitStream(Tcb connection, MemorySegment data, long offset, int length, boolean inbound) {
        return true;
    }

    /** An ICMP error's kind, for connections that want to log it (default: nothing). */
    default void softError(Tcb connection, IcmpErrorReport.Kind kind, long now) {
    }
}
