package org.jwsk.transport.internal.tcp.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jwsk.transport.CongestionControlKind;
import org.jwsk.transport.internal.tcp.CongestionControl;
import org.junit.jupiter.api.Test;

/** NewReno: RFC 5681 slow start and congestion avoidance with RFC 3465 byte counting, reductions, PRR, undo, idle. */
class NewRenoTest {

    private static final int MSS = 1000;
    private static final long NOW = 1_000_000_000L;

    private final NewReno reno = new NewReno(MSS, 10);
    private final Acks acks = new Acks(MSS);

    /** Slow start up to {@code cwnd} bytes, then a congestion event and recovery ending at ssthresh. */
    private void reduceFrom(long cwnd) {
        reno.onAck(acks.acked(cwnd - reno.cwnd()), NOW);
        assertEquals(cwnd, reno.cwnd());
        reno.onCongestionEvent(cwnd, NOW);
        reno.onRecoveryEnd(NOW);
    }

    @Test
    void initialWindow_isIwTimesMss_andSsthreshUnbounded() {
        assertEquals(10 * MSS, reno.cwnd());
        assertEquals(Long.MAX_VALUE, reno.ssthresh());
        assertTrue(reno.inSlowStart());
        assertEquals(CongestionControlKind.NEW_RENO, reno.kind());
        assertNull(reno.hyStart()); // as Linux: HyStart only with CUBIC
        assertEquals(4 * 1460, new NewReno(1460, 4).cwnd());
    }

    @Test
    void slowStart_growsByTheBytesAcked_withoutTheL2Limit() {
        reno.onAck(acks.acked(MSS), NOW);
        assertEquals(11 * MSS, reno.cwnd());
        reno.onAck(acks.acked(5 * MSS), NOW); // a stretch ACK: RFC 3465's L = 2 would allow 2 segments
        assertEquals(16 * MSS, reno.cwnd());
        reno.onAck(acks.acked(300), NOW);     // byte counting: partial segments count
        assertEquals(16 * MSS + 300, reno.cwnd());
    }

    @Test
    void slowStart_stopsAtSsthresh_andTheRestGoesToCongestionAvoidance() {
        reduceFrom(40 * MSS); // ssthresh 20 segments
        reno.onRetransmissionTimeout(40 * MSS, NOW); // cwnd 1 segment, ssthresh 40 / 2
        assertEquals(20 * MSS, reno.ssthresh());
        reno.onAck(acks.acked(18 * MSS), NOW);
        assertEquals(19 * MSS, reno.cwnd());
        reno.onAck(acks.acked(3 * MSS), NOW);  // 1 segment to reach ssthresh, 2 counted towards avoidance
        assertEquals(20 * MSS, reno.cwnd());
        assertEquals(2 * MSS, reno.bytesAcked());
        assertFalse(reno.inSlowStart());
    }

    @Test
    void congestionAvoidance_addsOneSegmentPerWindowOfBytesAcked() {
        reduceFrom(40 * MSS);
        assertEquals(20 * MSS, reno.cwnd());
        for (int i = 0; i < 19; i++) {
            reno.onAck(acks.acked(MSS), NOW);
        }
        assertEquals(20 * MSS, reno.cwnd());
        reno.onAck(acks.acked(MSS), NOW);      // 20 segments acknowledged: one more
        assertEquals(21 * MSS, reno.cwnd());
        assertEquals(0, reno.bytesAcked());
        reno.onAck(acks.acked(43 * MSS), NOW); // a huge stretch ACK: two windows' worth
        assertEquals(23 * MSS, reno.cwnd());
        assertEquals(43 * MSS - 42 * MSS, reno.bytesAcked());
    }

    @Test
    void congestionEvent_ssthreshIsHalfTheFlight_atLeastTwoSegments() {
        reno.onCongestionEvent(30 * MSS, NOW);
        assertEquals(15 * MSS, reno.ssthresh()); // RFC 5681 equation 4
        assertEquals(10 * MSS, reno.cwnd());     // unchanged until PRR's first ACK
        NewReno small = new NewReno(MSS, 10);
        small.onCongestionEvent(3 * MSS, NOW);
        assertEquals(2 * MSS, small.ssthresh());
    }

    @Test
    void recovery_prrSetsTheWindow_andItEndsAtSsthresh() {
        reno.onAck(acks.acked(10 * MSS), NOW);  // cwnd 20 segments
        reno.onCongestionEvent(20 * MSS, NOW);  // ssthresh 10, RecoverFS 20
        assertTrue(reno.inRecovery());
        reno.onRecoveryAck(acks.recovery(MSS, 18 * MSS, false), NOW);
        assertEquals(18 * MSS + 500, reno.cwnd()); // pipe + ceil(1000 * 10000 / 20000): one segment may go
        reno.onRecoverySent(MSS);
        reno.onRecoveryAck(acks.recovery(MSS, 18 * MSS, false), NOW);
        assertEquals(18 * MSS, reno.cwnd());    // ceil(2 * 10 / 20) - 1 = 0
        reno.onAck(acks.acked(5 * MSS), NOW);   // not during recovery: ignored
        assertEquals(18 * MSS, reno.cwnd());
        reno.onRecoveryEnd(NOW);
        assertFalse(reno.inRecovery());
        assertEquals(10 * MSS, reno.cwnd());
        reno.onRecoveryEnd(NOW);                // no episode: nothing happens
        assertEquals(10 * MSS, reno.cwnd());
    }

    @Test
    void timeout_lossWindow_andRepeatedTimeoutsDoNotLowerSsthreshAgain() {
        reno.onAck(acks.acked(30 * MSS), NOW);        // cwnd 40 segments
        reno.onRetransmissionTimeout(40 * MSS, NOW);
        assertEquals(MSS, reno.cwnd());                // RFC 5681 §3.1: the loss window
        assertEquals(20 * MSS, reno.ssthresh());
        reno.onRetransmissionTimeout(MSS, NOW);       // backed-off timer for the same segment
        assertEquals(20 * MSS, reno.ssthresh());
        reno.onRecoveryAck(acks.acked(MSS), NOW);      // after a timeout: slow start (no PRR episode)
        assertEquals(2 * MSS, reno.cwnd());
        reno.onRetransmissionTimeout(4 * MSS, NOW);   // new data was acknowledged: a new congestion indication
        assertEquals(2 * MSS, reno.ssthresh());
    }

    @Test
    void timeoutDuringRecovery_keepsTheRecoverySsthresh() {
        reno.onAck(acks.acked(10 * MSS), NOW);
        reno.onCongestionEvent(20 * MSS, NOW);
        reno.onRetransmissionTimeout(16 * MSS, NOW);
        assertEquals(10 * MSS, reno.ssthresh());
        assertEquals(MSS, reno.cwnd());
        assertFalse(reno.inRecovery());
    }

    @Test
    void undo_afterASpuriousFastRetransmit_restoresWindowAndSsthresh() {
        reno.onAck(acks.acked(10 * MSS), NOW);
        reno.onCongestionEvent(20 * MSS, NOW);
        reno.onRecoveryAck(acks.recovery(MSS, 18 * MSS, false), NOW);
        reno.undo(NOW);                       // D-SACK: the retransmission was spurious
        assertFalse(reno.inRecovery());
        assertEquals(20 * MSS, reno.cwnd());
        assertEquals(Long.MAX_VALUE, reno.ssthresh()); // back in slow start, as before the reduction
        reno.onAck(acks.acked(MSS), NOW);
        assertEquals(21 * MSS, reno.cwnd());
        reno.undo(NOW);                       // nothing left to undo
        assertEquals(21 * MSS, reno.cwnd());
    }

    @Test
    void undo_afterASpuriousTimeout_restoresWindowAndSsthresh() {
        reduceFrom(40 * MSS);                 // ssthresh 20
        reno.onAck(acks.acked(20 * MSS), NOW);
        assertEquals(21 * MSS, reno.cwnd());
        reno.onRetransmissionTimeout(20 * MSS, NOW);
        assertEquals(10 * MSS, reno.ssthresh());
        reno.undo(NOW);                       // F-RTO / Eifel found it spurious
        assertEquals(21 * MSS, reno.cwnd());
        assertEquals(20 * MSS, reno.ssthresh());
    }

    @Test
    void undo_neverShrinksTheWindow() {
        reno.onCongestionEvent(10 * MSS, NOW);
        reno.onRecoveryEnd(NOW);
        reno.onAck(acks.acked(200 * MSS), NOW);
        long grown = reno.cwnd();
        assertTrue(grown > 10 * MSS);
        reno.undo(NOW);
        assertEquals(grown, reno.cwnd());
    }

    @Test
    void applicationLimited_noGrowthInAvoidance_andInSlowStartOnlyBelowTwiceTheFlight() {
        reno.onAck(acks.appLimited(MSS, 6 * MSS), NOW);   // cwnd 10 < 2 * 6: Linux still grows
        assertEquals(11 * MSS, reno.cwnd());
        reno.onAck(acks.appLimited(MSS, 5 * MSS), NOW);   // cwnd 11 >= 2 * 5: not using the window
        assertEquals(11 * MSS, reno.cwnd());
        reduceFrom(40 * MSS);
        for (int i = 0; i < 100; i++) {
            reno.onAck(acks.appLimited(MSS, 30 * MSS), NOW);
        }
        assertEquals(20 * MSS, reno.cwnd());
        assertEquals(0, reno.bytesAcked());
    }

    @Test
    void idleRestart_shrinksToTheRestartWindow_andRemembersThreeQuarters() {
        reduceFrom(40 * MSS);
        reno.onAck(acks.acked(40 * MSS), NOW); // cwnd 22 segments
        reno.onIdleRestart(NOW);
        assertEquals(10 * MSS, reno.cwnd());   // RFC 5681 §4.1: RW = min(IW, cwnd)
        assertEquals(20 * MSS, reno.ssthresh());
        NewReno big = new NewReno(MSS, 10);
        big.onAck(acks.acked(70 * MSS), NOW);  // cwnd 80, ssthresh unbounded
        big.onCongestionEvent(80 * MSS, NOW);
        big.onRecoveryEnd(NOW);                // cwnd 40, ssthresh 40
        big.onAck(acks.acked(100_000 * MSS), NOW);
        long cwnd = big.cwnd();
        big.onIdleRestart(NOW);
        assertEquals(cwnd - cwnd / 4, big.ssthresh()); // Linux tcp_cwnd_restart: max(ssthresh, 3/4 cwnd)
        NewReno tiny = new NewReno(MSS, 10);
        tiny.onRetransmissionTimeout(10 * MSS, NOW);
        tiny.onIdleRestart(NOW);               // already below the restart window
        assertEquals(MSS, tiny.cwnd());
    }

    @Test
    void mssChange_keepsBytes_withFloorsInSegments() {
        reno.onMssChange(1460);
        assertEquals(10 * MSS, reno.cwnd());
        assertEquals(1460, reno.mss());
        reno.onRetransmissionTimeout(2 * MSS, NOW);
        assertEquals(2 * 1460, reno.ssthresh());
        assertEquals(1460, reno.cwnd());
        reno.onMssChange(9000);
        assertEquals(9000, reno.cwnd());
        assertEquals(18000, reno.ssthresh());
        assertThrows(IllegalArgumentException.class, () -> reno.onMssChange(0));
    }

    @Test
    void windowIsCapped() {
        for (int i = 0; i < 100; i++) {
            reno.onAck(acks.acked(1L << 29), NOW);
        }
        assertEquals(AbstractCongestionControl.MAX_CWND, reno.cwnd());
    }

    @Test
    void hyStart_canBeAskedFor() {
        NewReno withHyStart = new NewReno(MSS, 10, true);
        assertNotNull(withHyStart.hyStart());
        withHyStart.onAck(acks.acked(20 * MSS), NOW);
        assertEquals(18 * MSS, withHyStart.cwnd()); // RFC 9406: at most L = 8 segments per ACK
        withHyStart.onCongestionEvent(18 * MSS, NOW);
        assertNull(withHyStart.hyStart());
    }

    @Test
    void factory_makesEachKind_andRejectsBadArguments() {
        CongestionControl cubic = CongestionControls.create(CongestionControlKind.CUBIC, 1460, 10);
        assertInstanceOf(Cubic.class, cubic);
        assertNotNull(((Cubic) cubic).hyStart());
        assertEquals(14600, cubic.cwnd());
        CongestionControl newReno = CongestionControls.create(CongestionControlKind.NEW_RENO, 536, 3);
        assertInstanceOf(NewReno.class, newReno);
        assertEquals(3 * 536, newReno.cwnd());
        assertThrows(NullPointerException.class, () -> CongestionControls.create(null, 1460, 10));
        assertThrows(IllegalArgumentException.class,
                () -> CongestionControls.create(CongestionControlKind.CUBIC, 0, 10));
        assertThrows(IllegalArgumentException.class,
                () -> CongestionControls.create(CongestionControlKind.NEW_RENO, 1460, 0));
        assertThrows(IllegalArgumentException.class,
                () -> CongestionControls.create(CongestionControlKind.NEW_RENO, 1460, 101));
    }
}
