package org.jwsk.transport.internal.tcp.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jwsk.transport.internal.tcp.AckSample;
import org.junit.jupiter.api.Test;

/** RFC 9406 (HyStart++): rounds, the delay-increase exit into CSS, CSS growth, the spurious-exit return, CSS_ROUNDS. */
class HyStartPlusPlusTest {

    private static final int MSS = 1000;
    private static final long MS = 1_000_000L;

    /** A sender in slow start: each ACK acknowledges one segment and lets two more out. */
    static final class Flow {
        final AckSample ack = new AckSample();
        int sndUna = 5000;
        int sndNxt = sndUna + 10 * MSS;

        AckSample next(long rtt) {
            sndUna += MSS;
            sndNxt += 2 * MSS;
            ack.ackedBytes = MSS;
            ack.rtt = rtt;
            ack.sndUna = sndUna;
            ack.sndNxt = sndNxt;
            ack.mss = MSS;
            return ack;
        }
    }

    private final Flow flow = new Flow();
    private final HyStartPlusPlus hs = new HyStartPlusPlus();

    /** One ACK; returns HyStart++'s growth. */
    private long ack(long rtt) {
        return hs.onAck(flow.next(rtt), MSS, MSS);
    }

    /**
     * Plays one round: the ACK that starts it (SND.UNA reaches the previous round's end) and those up to the one that
     * would start the next. Returns the number of ACKs.
     */
    private int round(long rtt) {
        ack(rtt);
        int end = flow.sndNxt;
        int acks = 1;
        while (flow.sndUna + MSS - end < 0) {
            ack(rtt);
            acks++;
        }
        return acks;
    }

    @Test
    void rttIncrease_ofRttThresh_exitsSlowStartIntoCss_afterNRttSamples() {
        round(100 * MS);
        round(100 * MS);
        assertEquals(100 * MS, hs.currentRoundMinRtt());
        // RttThresh = clamp(100 ms / 8, 4 ms, 16 ms) = 12.5 ms: the next round's minimum of 113 ms exceeds 112.5 ms.
        for (int i = 1; i < HyStartPlusPlus.N_RTT_SAMPLE; i++) {
            ack(113 * MS);
            assertFalse(hs.inCss(), "only " + i + " samples");
        }
        ack(113 * MS);
        assertTrue(hs.inCss());
        assertEquals(100 * MS, hs.lastRoundMinRtt());
        assertEquals(113 * MS, hs.cssBaselineMinRtt());
        assertFalse(hs.finished());
    }

    @Test
    void rttIncrease_belowRttThresh_staysInSlowStart() {
        round(100 * MS);
        round(100 * MS);
        round(112 * MS); // 12 ms < 12.5 ms
        round(112 * MS);
        assertFalse(hs.inCss());
    }

    @Test
    void rttThresh_isAtLeast4ms() {
        round(10 * MS);             // 10 ms / 8 = 1.25 ms, raised to 4 ms
        round(10 * MS + 3_999_999); // just below
        assertFalse(hs.inCss());
        HyStartPlusPlus fresh = new HyStartPlusPlus();
        Flow f = new Flow();
        for (int i = 0; i < 11; i++) {
            fresh.onAck(f.next(10 * MS), MSS, MSS);
        }
        for (int i = 0; i < 8; i++) {
            fresh.onAck(f.next(14 * MS), MSS, MSS);
        }
        assertTrue(fresh.inCss());
    }

    @Test
    void rttThresh_isAtMost16ms() {
        round(200 * MS);            // 200 ms / 8 = 25 ms, lowered to 16 ms
        round(215 * MS);
        assertFalse(hs.inCss());
        round(231 * MS);            // 231 >= 215 + 16
        assertTrue(hs.inCss());
    }

    @Test
    void growth_isMinOfAckedAndEightSegments_andAQuarterOfThatInCss() {
        HyStartPlusPlus fresh = new HyStartPlusPlus();
        Flow f = new Flow();
        assertEquals(3 * MSS, fresh.onAck(f.next(0), 3 * MSS, MSS));
        assertEquals(HyStartPlusPlus.L * MSS, fresh.onAck(f.next(0), 20 * MSS, MSS));
        enterCss();
        assertEquals(MSS / HyStartPlusPlus.CSS_GROWTH_DIVISOR, hs.onAck(flow.next(113 * MS), MSS, MSS));
        assertEquals(2 * MSS, hs.onAck(flow.next(113 * MS), 20 * MSS, MSS)); // 8 segments / 4
    }

    @Test
    void withoutRttSamples_neverLeavesSlowStart() {
        for (int i = 0; i < 5; i++) {
            round(0);
        }
        assertFalse(hs.inCss());
        assertEquals(Long.MAX_VALUE, hs.lastRoundMinRtt());
    }

    /** Two rounds at 100 ms, then the first eight ACKs of a round at 113 ms; returns that round's end. */
    private int enterCss() {
        round(100 * MS);
        round(100 * MS);
        ack(113 * MS);
        int end = flow.sndNxt;
        for (int i = 1; i < HyStartPlusPlus.N_RTT_SAMPLE; i++) {
            ack(113 * MS);
        }
        assertTrue(hs.inCss());
        return end;
    }

    /** ACKs up to the one that would start the round after the one ending at {@code end}. */
    private void finishRound(int end, long rtt) {
        while (flow.sndUna + MSS - end < 0) {
            ack(rtt);
        }
    }

    @Test
    void rttFallingBelowTheBaseline_inCss_returnsToSlowStart() {
        // Finish the round CSS began in, then a CSS round whose minimum (105 ms) is below the 113 ms baseline.
        finishRound(enterCss(), 113 * MS);
        for (int i = 1; i < HyStartPlusPlus.N_RTT_SAMPLE; i++) {
            ack(105 * MS);
            assertTrue(hs.inCss());
        }
        ack(105 * MS);
        assertFalse(hs.inCss());
        assertEquals(Long.MAX_VALUE, hs.cssBaselineMinRtt());
        assertEquals(MSS, ack(105 * MS)); // full slow-start growth again
    }

    @Test
    void cssRounds_thenSlowStartIsFinished() {
        finishRound(enterCss(), 113 * MS);
        // The round CSS began in counts as the first; four more complete CSS_ROUNDS = 5.
        for (int r = 1; r < HyStartPlusPlus.CSS_ROUNDS; r++) {
            assertFalse(hs.finished());
            round(113 * MS);
            assertEquals(r, hs.cssRounds());
            assertTrue(hs.inCss());
        }
        ack(113 * MS); // starts the next round: five are complete
        assertTrue(hs.finished());
        assertEquals(0, ack(113 * MS));
    }
}
