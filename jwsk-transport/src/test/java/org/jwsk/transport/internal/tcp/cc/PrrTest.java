package org.jwsk.transport.internal.tcp.cc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.transport.internal.tcp.cc.Prr.Bound;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 9937 (PRR). The two example scenarios of its Examples section, as in RFC 6937 §5: bulk data, Reno, {@code cwnd
 * = FlightSize = pipe = 20} segments so {@code ssthresh = 10}, Fast Retransmit with Limited Transmit (two new segments
 * on the first two duplicate ACKs, recovery on the third), segment 0 lost, or segments 0-14. Sizes are in segments
 * here (SMSS = 1). The expected rows are worked out by hand from RFC 9937 §6; RecoverFS is §6.1's SND.NXT - SND.UNA
 * less the segments SACKed before the third duplicate ACK: 22 - 2 = 20.
 */
class PrrTest {

    private static final int SMSS = 1;
    private static final Bound P = Bound.PROPORTIONAL;
    private static final Bound B = Bound.CONSERVATIVE;
    private static final Bound S = Bound.SSTHRESH;

    /** Plays the first round trip after the loss; returns per recovery ACK {pipe after the ACK, sndcnt}. */
    private static long[][] firstRoundTrip(Prr prr, int lost, Bound[] bounds) {
        long pipe = 20;
        int dupAcks = 0;
        long[][] rows = new long[2][20 - lost - 2];
        int row = 0;
        for (int segment = lost; segment < 20; segment++) {
            pipe -= 1; // this ACK SACKs one segment
            dupAcks++;
            if (dupAcks < 3) {
                pipe += 1; // RFC 3042 Limited Transmit: one new segment
                continue;
            }
            if (dupAcks == 3) {
                prr.start(20, 10); // RecoverFS = 22 - 2 SACKed before this ACK
                pipe -= lost;      // RFC 6675: the holes below three SACKed segments are lost
            }
            long cwnd = prr.onAck(1, pipe, false, SMSS);
            long sndcnt = cwnd - pipe;
            assertEquals(sndcnt, prr.sndcnt());
            rows[0][row] = pipe;
            rows[1][row] = sndcnt;
            bounds[row] = prr.bound();
            row++;
            prr.onSent(sndcnt);
            pipe += sndcnt;
        }
        return rows;
    }

    @Test
    void singleLoss_sendsOnEveryOtherAck_andEndsAtSsthresh() {
        // ack#   X  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19
        // pipe:    19 19 18 18 17 17 16 16 15 15 14 14 13 13 12 12 11 11 10
        // sent:     N  N  R     N     N     N     N     N     N     N
        // RB:             p  p  p  p  p  p  p  p  p  p  p  p  p  p  p  p  s
        Prr prr = new Prr();
        Bound[] bounds = new Bound[17];
        long[][] rows = firstRoundTrip(prr, 1, bounds);
        assertArrayEquals(new long[] {18, 18, 17, 17, 16, 16, 15, 15, 14, 14, 13, 13, 12, 12, 11, 11, 10}, rows[0]);
        assertArrayEquals(new long[] {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0}, rows[1]);
        assertArrayEquals(new Bound[] {P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, S}, bounds);
        // The retransmission and seven new segments: prr_out = ceil(16 * 10 / 20); the flight is now ssthresh.
        assertEquals(17, prr.prrDelivered());
        assertEquals(8, prr.prrOut());
    }

    @Test
    void burstOf15Losses_conservativeBoundSendsOnlyWhatWasDelivered() {
        // ack#   X  X  X  X  X  X  X  X  X  X  X  X  X  X  X 15 16 17 18 19
        // pipe:                                              19 19  4  4  4
        // sent:                                               N  N  R  R  R
        // RB:                                                       b  b  b   (no SafeACK: SND.UNA does not move)
        Prr prr = new Prr();
        Bound[] bounds = new Bound[3];
        long[][] rows = firstRoundTrip(prr, 15, bounds);
        assertArrayEquals(new long[] {4, 4, 4}, rows[0]);
        assertArrayEquals(new long[] {1, 1, 1}, rows[1]);
        assertArrayEquals(new Bound[] {B, B, B}, bounds);
    }

    @Test
    void burst_secondRoundTrip_safeAcksSlowStartBackToSsthresh() {
        Prr prr = new Prr();
        prr.start(20, 10);
        long[][] acks = {
            // delivered, pipe, safe (1/0), expected sndcnt
            {1, 4, 0, 1}, {1, 4, 0, 1}, {1, 4, 0, 1},     // the first round trip (CRB)
            {1, 4, 1, 2}, {1, 5, 1, 2}, {1, 6, 1, 2},     // retransmissions arrive, SND.UNA advances: PRR-SSRB
            {1, 7, 1, 2}, {1, 8, 1, 2}, {1, 9, 1, 1},     // +1 segment per ACK, capped by ssthresh - pipe
            {1, 10, 1, 0}, {1, 9, 0, 1},
        };
        Bound[] expected = {B, B, B, Bound.SLOW_START, Bound.SLOW_START, Bound.SLOW_START, Bound.SLOW_START,
            Bound.SLOW_START, S, S, B};
        for (int i = 0; i < acks.length; i++) {
            long[] a = acks[i];
            long cwnd = prr.onAck(a[0], a[1], a[2] == 1, SMSS);
            assertEquals(a[3], cwnd - a[1], "ack " + i);
            assertEquals(expected[i], prr.bound(), "ack " + i);
            prr.onSent(cwnd - a[1]);
        }
    }

    @Test
    void nothingAllowedAndNothingSentYet_forcesTheFastRetransmit() {
        Prr prr = new Prr();
        prr.start(20, 10);
        assertEquals(11, prr.onAck(1, 10, false, SMSS)); // CRB allows 1 but ssthresh - pipe = 0
        assertEquals(Bound.FORCED, prr.bound());
        prr.onSent(1);
        assertEquals(10, prr.onAck(1, 10, false, SMSS)); // once something went out, no more forcing
        assertEquals(S, prr.bound());
    }

    @Test
    void proportionalPart_forcesOneSegment_whenTheProportionRoundsToNothingYet() {
        Prr prr = new Prr();
        prr.start(1_000_000, 10_000);
        // ceil(1000 * 10000 / 1000000) = 10 bytes: not zero, so not forced.
        assertEquals(500_010, prr.onAck(1000, 500_000, false, 1000));
        assertEquals(P, prr.bound());
    }

    @Test
    void ackDeliveringNothing_leavesTheWindowAlone() {
        Prr prr = new Prr();
        prr.start(20, 10);
        assertEquals(-1, prr.onAck(0, 15, true, SMSS));
        assertEquals(Bound.NONE, prr.bound());
        assertEquals(0, prr.prrDelivered());
    }

    @Test
    void lifecycle() {
        Prr prr = new Prr();
        assertFalse(prr.active());
        assertThrows(IllegalStateException.class, () -> prr.onAck(1, 1, false, 1));
        prr.onSent(5); // outside an episode: ignored
        prr.start(30, 21);
        assertTrue(prr.active());
        assertEquals(30, prr.recoverFs());
        assertEquals(21, prr.ssthresh());
        assertEquals(0, prr.prrOut());
        prr.onSent(3);
        assertEquals(3, prr.prrOut());
        prr.end();
        assertFalse(prr.active());
        prr.start(40, 28); // reused: a fresh episode
        assertEquals(0, prr.prrOut());
        assertEquals(0, prr.prrDelivered());
    }

    @Test
    void ceilDiv_isExact_beyondLongProducts() {
        assertEquals(1, Prr.ceilDiv(1, 1, 2));
        assertEquals(5, Prr.ceilDiv(10, 10, 20));
        assertEquals(6, Prr.ceilDiv(11, 10, 20));
        long big = 1L << 40;
        assertEquals(BigInteger.valueOf(big).multiply(BigInteger.valueOf(big)).add(BigInteger.valueOf(big - 2))
                .divide(BigInteger.valueOf(big - 1)).longValueExact(), Prr.ceilDiv(big, big, big - 1));
    }

    record Episode(int segments, int ssthreshSegments, int mss) {
    }

    static Stream<Episode> episodes() {
        return RandomCases.of(9937, 200, r -> {
            int n = 4 + r.nextInt(300);
            int ss = Math.max(2, r.nextBoolean() ? n / 2 : (int) (n * 0.7));
            return new Episode(n, ss, 1 + r.nextInt(1460));
        });
    }

    /**
     * One loss in a flight of n segments: after every other segment is delivered, PRR has sent exactly enough that the
     * flight is ssthresh (RFC 9937 §1: "as close as possible to ssthresh"), never sending past ssthresh once the
     * flight is below it, and never more than the proportion of what was delivered.
     */
    @ParameterizedTest
    @MethodSource("episodes")
    void singleLoss_endsWithTheFlightAtSsthresh(Episode e) {
        long mss = e.mss();
        long ssthresh = e.ssthreshSegments() * mss;
        long recoverFs = e.segments() * mss;
        Prr prr = new Prr();
        prr.start(recoverFs, ssthresh);
        long pipe = recoverFs - mss;    // the lost segment leaves the pipe
        for (int i = 1; i < e.segments(); i++) {
            pipe -= mss;                // one segment SACKed
            long cwnd = prr.onAck(mss, pipe, false, e.mss());
            long sndcnt = cwnd - pipe;
            assertTrue(sndcnt >= 0);
            if (pipe > ssthresh && prr.bound() != Bound.FORCED) {
                assertTrue(prr.prrOut() + sndcnt <= Prr.ceilDiv(prr.prrDelivered(), ssthresh, recoverFs));
            } else if (prr.bound() != Bound.FORCED) {
                assertTrue(pipe + sndcnt <= ssthresh);
            }
            prr.onSent(sndcnt);
            pipe += sndcnt;
        }
        long flight = pipe;
        assertTrue(flight <= ssthresh && flight >= ssthresh - mss, () -> "pipe " + flight + " ssthresh " + ssthresh);
    }
}
