package org.jwsk.transport.internal.tcp.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jwsk.transport.CongestionControlKind;
import org.jwsk.transport.internal.tcp.AckSample;
import org.junit.jupiter.api.Test;

/**
 * CUBIC against RFC 9438's equations, with values worked out by hand. Windows in bytes with SMSS = 1000, so "segments"
 * below are thousands of bytes; C·SMSS = 400 bytes/s^3.
 */
class CubicTest {

    private static final int MSS = 1000;
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long T0 = 50 * S;

    private final Cubic cubic = new Cubic(MSS, 10, false, true);
    private final Acks acks = new Acks(MSS);

    /**
     * Slow start to 100 segments, a loss, recovery ending at ssthresh = 70 segments, and the first ACK of congestion
     * avoidance at T0, which starts the epoch: W_max = 100 segments, cwnd_epoch = 70.
     */
    private void lossAt100Segments() {
        cubic.onAck(acks.acked(90 * MSS), 0);
        assertEquals(100 * MSS, cubic.cwnd());
        cubic.onCongestionEvent(100 * MSS, 0);
        assertEquals(70 * MSS, cubic.ssthresh());  // RFC 9438 §4.6: beta * cwnd
        cubic.onRecoveryEnd(0);
        assertEquals(70 * MSS, cubic.cwnd());
        assertFalse(cubic.inEpoch());
        cubic.onAck(acks.acked(1, 100 * MS, 100 * MS), T0);
        assertTrue(cubic.inEpoch());
    }

    @Test
    void constants() {
        assertEquals(CongestionControlKind.CUBIC, cubic.kind());
        assertEquals(0.5294117647, Cubic.ALPHA, 1e-9); // 3 * 0.3 / 1.7
        assertNotNull(new Cubic(MSS, 10).hyStart());
    }

    @Test
    void k_andWCubic_matchFigures1And2() {
        lossAt100Segments();
        // Figure 2: K = cbrt((W_max - cwnd_epoch) / C) = cbrt(30 / 0.4) = cbrt(75) = 4.2171633 s.
        assertEquals(4.2171633265, cubic.k(), 1e-9);
        assertEquals(100_000, cubic.wMax(), 1e-9);
        // Figure 1: W(t) = 0.4 (t - K)^3 + 100 segments.
        assertEquals(70_000.0, cubic.wCubic(0), 1e-6);       // (-4.2172)^3 = -75 -> 70 segments
        assertEquals(86_680.7638, cubic.wCubic(1), 1e-3);    // (-3.2172)^3 = -33.298 -> 86.68
        assertEquals(95_640.3357, cubic.wCubic(2), 1e-3);    // (-2.2172)^3 = -10.899 -> 95.64
        assertEquals(100_000.0, cubic.wCubic(cubic.k()), 1e-6);
        assertEquals(102_266.7033, cubic.wCubic(6), 1e-3);   // (1.7828)^3 = 5.6668 -> 102.27
        assertEquals(177_353.9991, cubic.wCubic(10), 1e-3);  // (5.7828)^3 = 193.385 -> 177.35
    }

    @Test
    void congestionAvoidance_followsWCubicOfTPlusRtt_concaveThenConvex() {
        // W_max = 1000 segments, cwnd_epoch = 700: K = cbrt(300 / 0.4) = cbrt(750) = 9.086 s; at 100 ms RTT the
        // Reno-friendly estimate (0.53 segments per RTT) stays far below.
        cubic.onAck(acks.acked(990 * MSS), 0);
        cubic.onCongestionEvent(1000 * MSS, 0);
        cubic.onRecoveryEnd(0);
        long rtt = 100 * MS;
        cubic.onAck(acks.acked(1, rtt, rtt), T0);
        assertEquals(9.0856029641, cubic.k(), 1e-9);
        long previousGrowth = Long.MAX_VALUE;
        long previous = cubic.cwnd();
        for (int round = 0; round < 150; round++) {
            long segments = cubic.cwnd() / MSS;
            long now = 0;
            for (int i = 0; i < segments; i++) {
                now = T0 + round * rtt + i * rtt / segments; // the window's ACKs spread over the round trip
                cubic.onAck(acks.acked(MSS, rtt, rtt), now);
            }
            double t = (now - T0) / (double) S;
            double target = Math.min(cubic.wCubic(t + 0.1), 1.5 * previous);
            // Each ACK closes (target - cwnd) / cwnd of the gap to W_cubic(t + RTT), so cwnd runs between W_cubic(t)
            // and that target.
            double lower = Math.min(cubic.wCubic(t), 1.5 * previous);
            assertTrue(cubic.cwnd() <= target + 1 && cubic.cwnd() >= 0.995 * lower,
                    "round " + round + ": " + lower + " <= " + cubic.cwnd() + " <= " + target);
            long growth = cubic.cwnd() - previous;
            assertTrue(growth >= 0);
            if (round >= 3 && t + 0.1 < cubic.k() - 0.5) {
                assertTrue(growth <= previousGrowth + MSS / 10, "concave: growth slows towards W_max");
            } else if (t > cubic.k() + 0.5) {
                assertTrue(growth + MSS / 10 >= previousGrowth, "convex: growth speeds up past W_max");
            }
            previousGrowth = growth;
            previous = cubic.cwnd();
            assertTrue(cubic.wEst() < cubic.cwnd(), "long RTT, large window: the CUBIC region");
        }
        // 14.9 s in: W(14.9) = 0.4 * (14.9 - 9.086)^3 + 1000 = 1078.6 segments, W(15.0) = 1082.8.
        assertTrue(cubic.cwnd() > 1078 * MSS && cubic.cwnd() < 1083 * MSS, "cwnd " + cubic.cwnd());
    }

    @Test
    void target_isClampedTo1Point5TimesCwnd() {
        lossAt100Segments();
        long before = cubic.cwnd();
        // 100 s later W_cubic is enormous; one ACK for a whole window may grow cwnd by half of it, no more.
        cubic.onAck(acks.acked(before, 100 * MS, 100 * MS), T0 + 100 * S);
        assertEquals(before + before / 2, cubic.cwnd(), 1);
    }

    @Test
    void target_isNeverBelowCwnd() {
        lossAt100Segments();
        long before = cubic.cwnd();
        cubic.onAck(acks.acked(MSS, 100 * MS, 100 * MS), T0); // W_cubic(0 + RTT) is barely above cwnd_epoch
        assertTrue(cubic.cwnd() >= before);
    }

    @Test
    void renoFriendlyRegion_shortRtt_cwndFollowsWEst_withAlphaThenOne() {
        // W_max = 20 segments, cwnd_epoch = 14, K = cbrt(15) = 2.466 s: at 1 ms RTT, W_cubic barely moves
        // (dW/dt = 3 * 0.4 * 2.466^2 = 7.3 segments/s = 0.0073 per RTT) while W_est adds alpha = 0.53 per RTT.
        cubic.onAck(acks.acked(10 * MSS), 0);
        cubic.onCongestionEvent(20 * MSS, 0);
        cubic.onRecoveryEnd(0);
        assertEquals(14 * MSS, cubic.cwnd());
        long now = T0;
        double alphaGrowth = 0;
        double oneGrowth = 0;
        for (int round = 0; round < 30; round++) {
            long start = cubic.cwnd();
            long segments = start / MSS;
            for (int i = 0; i < segments; i++) {
                cubic.onAck(acks.acked(MSS, MS, MS), now);
                double t = (now - cubic.epochStart()) / (double) S;
                assertTrue(cubic.wCubic(t) < cubic.wEst());
                assertEquals((long) cubic.wEst(), cubic.cwnd()); // §4.3: cwnd = W_est
            }
            double grown = (cubic.cwnd() - start) / (double) segments * (start / (double) MSS);
            if (round == 0) {
                alphaGrowth = grown;
            }
            if (cubic.wEst() > 21 * MSS) {
                oneGrowth = grown;
            }
            now += MS;
        }
        // About alpha_cubic segments per window below cwnd_prior (20 segments), one segment per window above.
        assertEquals(Cubic.ALPHA * MSS, alphaGrowth, 25);
        assertEquals(MSS, oneGrowth, 50);
    }

    @Test
    void fastConvergence_lowersWMax_whenLosingBelowThePreviousPeak() {
        lossAt100Segments();
        cubic.onAck(acks.acked(10 * MSS, 100 * MS, 100 * MS), T0 + S); // grows a little, still below W_max
        long cwnd = cubic.cwnd();
        assertTrue(cwnd < 100 * MSS);
        cubic.onCongestionEvent(cwnd, T0 + S);
        assertEquals(cwnd * 1.7 / 2, cubic.wMax(), 1e-6);      // §4.7: W_max = cwnd (1 + beta) / 2
        assertEquals((long) (cwnd * 0.7), cubic.ssthresh());

        Cubic plain = new Cubic(MSS, 10, false, false);
        plain.onAck(acks.acked(90 * MSS), 0);
        plain.onCongestionEvent(100 * MSS, 0);
        plain.onRecoveryEnd(0);
        plain.onAck(acks.acked(10 * MSS, 100 * MS, 100 * MS), T0);
        long plainCwnd = plain.cwnd();
        plain.onCongestionEvent(plainCwnd, T0);
        assertEquals(plainCwnd, plain.wMax(), 1e-6);           // without fast convergence W_max = cwnd
    }

    @Test
    void ssthresh_isAtLeastTwoSegments() {
        Cubic small = new Cubic(MSS, 2, false, true);
        small.onCongestionEvent(2 * MSS, 0);
        assertEquals(2 * MSS, small.ssthresh());
    }

    @Test
    void timeout_lossWindow_thenFirstEpochHasKZero_andWMaxAtItsStart() {
        cubic.onAck(acks.acked(90 * MSS), 0);
        cubic.onRetransmissionTimeout(100 * MSS, S);
        assertEquals(MSS, cubic.cwnd());                  // §4.8: one segment
        assertEquals(70 * MSS, cubic.ssthresh());         // §4.8: beta_cubic, as §4.6
        cubic.onAck(acks.acked(69 * MSS), 2 * S);         // slow start up to ssthresh
        assertEquals(70 * MSS, cubic.cwnd());
        assertFalse(cubic.inEpoch());
        cubic.onAck(acks.acked(MSS, 100 * MS, 100 * MS), 3 * S);
        assertEquals(0, cubic.k());                       // §4.8: K = 0
        assertEquals(70 * MSS, cubic.wMax(), 1e-6);       // W_max = cwnd at the start of the stage
        long before = cubic.cwnd();
        cubic.onAck(acks.acked(MSS, 100 * MS, 100 * MS), 5 * S);
        assertTrue(cubic.cwnd() > before);                // convex from the start
    }

    @Test
    void undo_restoresTheStateBeforeTheSpuriousReduction() {
        lossAt100Segments();
        cubic.onAck(acks.acked(5 * MSS, 100 * MS, 100 * MS), T0 + S);
        long cwnd = cubic.cwnd();
        double wMax = cubic.wMax();
        double k = cubic.k();
        long epoch = cubic.epochStart();
        double wEst = cubic.wEst();
        cubic.onCongestionEvent(cwnd, T0 + 2 * S);
        cubic.onRecoveryAck(acks.recovery(MSS, cwnd - 3 * MSS, false), T0 + 2 * S);
        assertTrue(cubic.cwnd() < cwnd);
        assertTrue(cubic.wMax() < wMax);
        cubic.undo(T0 + 2 * S);                           // §4.9
        assertFalse(cubic.inRecovery());
        assertEquals(cwnd, cubic.cwnd());
        assertEquals(70 * MSS, cubic.ssthresh());
        assertEquals(wMax, cubic.wMax());
        assertEquals(k, cubic.k());
        assertEquals(epoch, cubic.epochStart());
        assertEquals(wEst, cubic.wEst());
    }

    @Test
    void applicationLimitedTime_doesNotCountTowardsT_andTheWindowDoesNotGrow() {
        lossAt100Segments();
        long cwnd = cubic.cwnd();
        for (int i = 1; i <= 10; i++) {
            cubic.onAck(acks.appLimited(MSS, 20 * MSS), T0 + i * S); // §5.8: only 20 segments out of 70
        }
        assertEquals(cwnd, cubic.cwnd());
        cubic.onAck(acks.acked(MSS, 100 * MS, 100 * MS), T0 + 11 * S);
        assertEquals(T0 + 10 * S, cubic.epochStart());    // the 10 s from the first limited ACK are skipped
        assertTrue(cubic.cwnd() < 80 * MSS);              // as if 1 s had passed, not 11 (W(11) = 214 segments)
    }

    @Test
    void idleRestart_shrinksToTheRestartWindow_andStartsANewEpoch() {
        lossAt100Segments();
        cubic.onIdleRestart(T0 + 60 * S);
        assertEquals(10 * MSS, cubic.cwnd());
        assertEquals(70 * MSS, cubic.ssthresh());         // max(70, 3/4 * 70)
        assertFalse(cubic.inEpoch());
        assertEquals(100_000, cubic.wMax(), 1e-6);
    }

    @Test
    void rttInTheTarget_isTheMinimumRtt() {
        Cubic a = new Cubic(MSS, 10, false, true);
        Cubic b = new Cubic(MSS, 10, false, true);
        Cubic c = new Cubic(MSS, 10, false, true);
        for (Cubic x : new Cubic[] {a, b, c}) {
            x.onAck(acks.acked(90 * MSS), 0);
            x.onCongestionEvent(100 * MSS, 0);
            x.onRecoveryEnd(0);
        }
        for (int i = 0; i < 200; i++) {
            long now = T0 + i * 10 * MS;
            a.onAck(acks.acked(MSS, 300 * MS, 100 * MS), now); // a queue-inflated sample
            b.onAck(acks.acked(MSS, 100 * MS, 100 * MS), now);
            c.onAck(acks.acked(MSS, 100 * MS, 0), now);        // no minimum yet: the sample
        }
        assertEquals(b.cwnd(), a.cwnd());
        assertEquals(b.cwnd(), c.cwnd());
    }

    @Test
    void hyStartPlusPlus_leavesTheInitialSlowStartThroughCss() {
        Cubic hy = new Cubic(MSS, 10);
        HyStartPlusPlusTest.Flow flow = new HyStartPlusPlusTest.Flow();
        long now = 0;
        long rtt = 100 * MS;
        int roundEnd = 0;
        int rounds = 0;
        while (hy.hyStart() != null && rounds < 40) {
            AckSample ack = flow.next(rtt);
            if (rounds == 0 || ack.sndUna - roundEnd >= 0) {  // a round begins, as RFC 9406 §4.2 counts them
                roundEnd = ack.sndNxt;
                rounds++;
                now += rtt;
                if (rounds == 3) {
                    rtt = 120 * MS;                        // the queue builds: +20 ms > RttThresh of 12.5 ms
                }
                ack.rtt = rtt;
            }
            boolean css = hy.hyStart().inCss();
            long before = hy.cwnd();
            hy.onAck(ack, now);
            if (css && hy.hyStart() != null) {
                assertEquals(MSS / HyStartPlusPlus.CSS_GROWTH_DIVISOR, hy.cwnd() - before);
            } else if (!css) {
                assertEquals(MSS, hy.cwnd() - before);
            }
        }
        // CSS began in round 3, which counts; rounds 4 to 7 complete five; the first ACK of round 8 ends it.
        assertEquals(3 + HyStartPlusPlus.CSS_ROUNDS, rounds);
        assertNull(hy.hyStart());
        assertEquals(hy.cwnd(), hy.ssthresh());           // RFC 9406 §4.2: ssthresh = cwnd after CSS_ROUNDS
        long ssthresh = hy.ssthresh();
        hy.onAck(flow.next(rtt), now + S);
        assertEquals(0, hy.k());                          // congestion avoidance from there: convex, K = 0
        assertEquals(ssthresh, hy.wMax(), 1e-6);
    }
}
