package org.jwsk.transport.internal.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6298 (with Linux's RTO form), RFC 7323 Appendix G, and the windowed minimum RTT. Times in nanoseconds. */
class RttEstimatorTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long MIN = 200 * MS;
    private static final long MAX = 120 * S;

    private final RttEstimator rtt = new RttEstimator(MIN, S, MAX);

    @Test
    void beforeTheFirstSample_theRtoIsTheInitialOne() {
        assertFalse(rtt.hasSample());
        assertEquals(S, rtt.rto());              // RFC 6298 §2.1
        assertEquals(S, rtt.baseRto());
        assertEquals(0, rtt.srtt());
        assertEquals(0, rtt.rttVar());
        assertEquals(0, rtt.latest());
        assertEquals(0, rtt.minRtt());
    }

    @Test
    void firstSample_setsSrttAndHalfOfItAsRttvar() {
        rtt.sample(100 * MS, S, 1);
        assertTrue(rtt.hasSample());
        assertEquals(100 * MS, rtt.srtt());      // RFC 6298 §2.2: SRTT = R
        assertEquals(50 * MS, rtt.rttVar());     // RTTVAR = R/2
        assertEquals(300 * MS, rtt.rto());       // SRTT + max(4 * RTTVAR, rtoMin) = 100 + max(200, 200)
        assertEquals(100 * MS, rtt.latest());
        assertEquals(100 * MS, rtt.minRtt());
    }

    @Test
    void laterSamples_smoothWithAnEighthAndAQuarter() {
        rtt.sample(100 * MS, S, 1);
        rtt.sample(200 * MS, 2 * S, 1);
        // RFC 6298 §2.3: RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5.
        assertEquals(62_500_000L, rtt.rttVar());
        assertEquals(112_500_000L, rtt.srtt());
        assertEquals(112_500_000L + 250 * MS, rtt.rto());
        rtt.sample(40 * MS, 3 * S, 1);
        // RTTVAR = 3/4 * 62.5 + 1/4 * |112.5 - 40| = 65; SRTT = 7/8 * 112.5 + 1/8 * 40 = 103.4375.
        assertEquals(65 * MS, rtt.rttVar());
        assertEquals(103_437_500L, rtt.srtt());
        assertEquals(40 * MS, rtt.minRtt());
    }

    @Test
    void rto_keepsRtoMinAboveSrtt_asLinux() {
        rtt.sample(10 * MS, S, 1);
        // RFC 6298 §2.4 would give max(200, 10 + 20) = 200 ms; Linux and jwsk: 10 + max(20, 200) = 210 ms.
        assertEquals(210 * MS, rtt.rto());
        for (int i = 0; i < 100; i++) {
            rtt.sample(10 * MS, S + i * MS, 1);
        }
        assertEquals(210 * MS, rtt.rto(), 1); // RTTVAR decays to nothing; rtoMin still stands above SRTT
    }

    @Test
    void rto_isClampedToTheMaximum() {
        rtt.sample(50 * S, S, 1);
        assertEquals(MAX, rtt.rto());             // 50 + max(100, 0.2) = 150 s, limited to 120 s
        RttEstimator small = new RttEstimator(MIN, S, 500 * MS);
        assertEquals(500 * MS, small.rto());      // the initial RTO too: rtoMax is "the highest RTO"
    }

    @Test
    void nonPositiveSamples_countAsTheSmallestTick() {
        rtt.sample(0, S, 1);
        assertEquals(1, rtt.srtt());
        assertEquals(1, rtt.minRtt());
        assertEquals(1 + MIN, rtt.rto());
    }

    @Test
    void timestampsManySamplesPerFlight_divideTheGains_rfc7323AppendixG() {
        rtt.sample(100 * MS, S, 4);
        rtt.sample(200 * MS, 2 * S, 4);
        // alpha' = 1/8 / 4 = 1/32, beta' = 1/4 / 4 = 1/16: RTTVAR = 50 + (100 - 50) / 16, SRTT = 100 + 100 / 32.
        assertEquals(53_125_000L, rtt.rttVar());
        assertEquals(103_125_000L, rtt.srtt());
        rtt.sample(200 * MS, 3 * S, 0);           // fewer than one expected sample: as one
        assertEquals(103_125_000L + (200 * MS - 103_125_000L) / 8, rtt.srtt());
    }

    @Test
    void backoff_doublesUpToTheMaximum_rfc6298Rule5_5() {
        rtt.sample(100 * MS, S, 1);
        rtt.backoff();
        assertEquals(600 * MS, rtt.rto());
        assertEquals(300 * MS, rtt.baseRto());
        rtt.backoff();
        assertEquals(1200 * MS, rtt.rto());
        assertEquals(2, rtt.backoffs());
        for (int i = 0; i < 100; i++) {
            rtt.backoff();
        }
        assertEquals(MAX, rtt.rto());
        rtt.resetBackoff();
        assertEquals(300 * MS, rtt.rto());
    }

    @Test
    void aNewSampleAfterBackoff_collapsesTheRto() {
        rtt.sample(100 * MS, S, 1);
        rtt.backoff();
        rtt.backoff();
        assertEquals(1200 * MS, rtt.rto());
        rtt.sample(100 * MS, 2 * S, 1);          // RFC 6298 §5, the note after rule 5.7
        assertEquals(0, rtt.backoffs());
        assertEquals(300 * MS, rtt.rto());        // 100 + max(4 * 37.5, 200)
    }

    @Test
    void synTimeout_withoutASample_startsDataAtThreeSeconds_rfc6298Rule5_7() {
        rtt.backoff();                            // the SYN was retransmitted twice
        rtt.backoff();
        rtt.afterSynTimeout();                    // the handshake completed without an RTT sample
        assertEquals(3 * S, rtt.rto());           // "re-initialized to 3 seconds when data transmission begins"
        assertEquals(0, rtt.backoffs());
        rtt.sample(100 * MS, S, 1);
        assertEquals(300 * MS, rtt.rto());
        RttEstimator measured = new RttEstimator(MIN, S, MAX);
        measured.sample(100 * MS, S, 1);
        measured.afterSynTimeout();               // a sample exists: it rules
        assertEquals(300 * MS, measured.rto());
    }

    @Test
    void setBounds_appliesAtOnce() {
        rtt.setBounds(MIN, 2 * S, MAX);
        assertEquals(2 * S, rtt.rto());           // no sample yet: the new initial RTO
        rtt.sample(100 * MS, S, 1);
        assertEquals(300 * MS, rtt.rto());
        rtt.setBounds(500 * MS, 2 * S, MAX);
        assertEquals(600 * MS, rtt.rto());        // 100 + max(200, 500)
        rtt.setBounds(MIN, 2 * S, 250 * MS);
        assertEquals(250 * MS, rtt.rto());
        assertThrows(IllegalArgumentException.class, () -> rtt.setBounds(0, S, MAX));
        assertThrows(IllegalArgumentException.class, () -> rtt.setBounds(MIN, 0, MAX));
        assertThrows(IllegalArgumentException.class, () -> rtt.setBounds(MIN, S, MIN - 1));
        assertThrows(IllegalArgumentException.class, () -> new RttEstimator(MIN, -1, MAX));
    }

    @Test
    void minRtt_followsLowerSamplesAtOnce() {
        rtt.sample(50 * MS, S, 1);
        rtt.sample(70 * MS, 2 * S, 1);
        assertEquals(50 * MS, rtt.minRtt());
        rtt.sample(30 * MS, 3 * S, 1);
        assertEquals(30 * MS, rtt.minRtt());
    }

    @Test
    void minRtt_expiresAfterTheWindow() {
        long window = RttEstimator.MinFilter.WINDOW;
        rtt.sample(10 * MS, 0, 1);
        long t = S;
        for (; t <= window; t += S) {
            rtt.sample(20 * MS, t, 1);
            assertEquals(10 * MS, rtt.minRtt(), "at " + t / S + " s");
        }
        rtt.sample(20 * MS, t, 1);                // 301 s: the 10 ms sample is older than the window
        assertEquals(20 * MS, rtt.minRtt());
    }

    @Test
    void minRtt_followsAnIncrease_onceTheLowSamplesAgeOut() {
        long window = RttEstimator.MinFilter.WINDOW;
        long t = 0;
        for (; t <= 100 * S; t += S) {
            rtt.sample(10 * MS, t, 1);            // the path's RTT is 10 ms for 100 s ...
        }
        for (; t <= 100 * S + window; t += S) {
            rtt.sample(50 * MS, t, 1);            // ... then a route change makes it 50 ms
            assertEquals(10 * MS, rtt.minRtt());
        }
        rtt.sample(50 * MS, t, 1);
        assertEquals(50 * MS, rtt.minRtt());      // a window after the last 10 ms sample
    }

    @Test
    void minRtt_afterALongSilence_restartsFromTheNextSample() {
        rtt.sample(10 * MS, 0, 1);
        rtt.sample(80 * MS, RttEstimator.MinFilter.WINDOW + S, 1);
        assertEquals(80 * MS, rtt.minRtt());
    }

    record Walk(long seed, int steps) {
    }

    static Stream<Walk> walks() {
        return RandomCases.of(6298, 50, r -> new Walk(r.nextLong(), 500 + r.nextInt(2000)));
    }

    /**
     * Against a brute-force window: the estimate is always one of the samples of the last window, so it is never below
     * the true windowed minimum and never older than the window (Linux's win_minmax makes the same promise).
     */
    @ParameterizedTest
    @MethodSource("walks")
    void minRtt_isAlwaysASampleFromTheLastWindow(Walk walk) {
        long window = RttEstimator.MinFilter.WINDOW;
        RttEstimator.MinFilter filter = new RttEstimator.MinFilter();
        java.util.SplittableRandom r = new java.util.SplittableRandom(walk.seed());
        ArrayDeque<long[]> recent = new ArrayDeque<>();
        long now = 0;
        long v = 50 * MS;
        for (int i = 0; i < walk.steps(); i++) {
            now += switch (r.nextInt(3)) {
                case 0 -> r.nextLong(S);
                case 1 -> r.nextLong(10 * S);
                default -> r.nextLong(80 * S);
            };
            v = r.nextInt(10) == 0 ? MS + r.nextLong(100 * MS) : Math.max(MS, v + r.nextLong(-3 * MS, 3 * MS + 1));
            filter.update(v, now);
            recent.addLast(new long[] {now, v});
            while (now - recent.peekFirst()[0] > window) {
                recent.removeFirst();
            }
            long trueMin = Long.MAX_VALUE;
            boolean present = false;
            long estimate = filter.get();
            for (long[] sample : recent) {
                trueMin = Math.min(trueMin, sample[1]);
                present |= sample[1] == estimate;
            }
            assertTrue(estimate >= trueMin, "below the window's minimum at step " + i);
            assertTrue(present, "not a sample of the last window at step " + i);
        }
    }
}
