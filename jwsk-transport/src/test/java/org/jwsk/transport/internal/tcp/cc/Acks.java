package org.jwsk.transport.internal.tcp.cc;

import org.jwsk.transport.internal.tcp.AckSample;

/** Builds {@link AckSample}s for congestion-control tests; one reusable sample, as a connection keeps. */
final class Acks {

    final AckSample ack = new AckSample();
    final int mss;
    int sndUna = 1;
    int sndNxt = 1;

    Acks(int mss) {
        this.mss = mss;
    }

    /** A cwnd-limited ACK of {@code acked} bytes with no RTT sample. */
    AckSample acked(long acked) {
        return acked(acked, 0, 0);
    }

    /** A cwnd-limited ACK of {@code acked} bytes with an RTT sample and the connection's minimum RTT. */
    AckSample acked(long acked, long rtt, long minRtt) {
        clear();
        ack.ackedBytes = acked;
        ack.rtt = rtt;
        ack.minRtt = minRtt;
        ack.priorInFlight = 1L << 40;
        sndUna += (int) acked;
        sndNxt = Math.max(sndNxt, sndUna) + (int) acked;
        ack.sndUna = sndUna;
        ack.sndNxt = sndNxt;
        return ack;
    }

    /** An application-limited ACK: the sender had only {@code priorInFlight} bytes out. */
    AckSample appLimited(long acked, long priorInFlight) {
        AckSample a = acked(acked);
        a.appLimited = true;
        a.priorInFlight = priorInFlight;
        return a;
    }

    /** An ACK during recovery: {@code delivered} bytes SACKed or acknowledged, {@code pipe} left in flight. */
    AckSample recovery(long delivered, long pipe, boolean safe) {
        clear();
        ack.sackedBytes = delivered;
        ack.inFlight = pipe;
        ack.safe = safe;
        ack.inRecovery = true;
        return ack;
    }

    private void clear() {
        ack.ackedBytes = 0;
        ack.sackedBytes = 0;
        ack.priorInFlight = 0;
        ack.inFlight = 0;
        ack.rtt = 0;
        ack.minRtt = 0;
        ack.mss = mss;
        ack.appLimited = false;
        ack.inRecovery = false;
        ack.safe = false;
    }
}
