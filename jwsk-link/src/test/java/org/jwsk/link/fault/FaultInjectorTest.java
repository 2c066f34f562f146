package org.jwsk.link.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.ManualClock;
import org.jwsk.link.testing.TestFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private static final long T0 = ManualClock.START_NANOS;
    private static final long MS = 1_000_000;
    private static final int N = 100_000;

    private final BufPool pool = TestFrames.pool();
    private final List<Out> outs = new ArrayList<>();
    private final FrameSink keep = (frame, due) -> outs.add(new Out(frame, due));

    private record Out(PacketBuf frame, long due) {
    }

    @AfterEach
    void releaseAndClose() {
        outs.forEach(o -> o.frame.release());
        pool.close();
    }

    private static FaultInjector injector(FaultConfig config, long seed) {
        return new FaultInjector(config, new SplittableRandom(seed), CounterSet.of("fault", FaultCounter.class));
    }

    private PacketBuf frame(int seq) {
        return TestFrames.ethernet(pool, seq, 1000);
    }

    @Test
    void none_passesAtOnce_andDrawsNoRandomNumber() {
        RandomGenerator refuses = () -> {
            throw new AssertionError("a perfect link draws no random numbers");
        };
        FaultInjector f = new FaultInjector(FaultConfig.NONE, refuses, CounterSet.of("f", FaultCounter.class));
        PacketBuf frame = frame(1);
        assertTrue(f.apply(frame, T0, keep));
        assertEquals(1, outs.size());
        assertEquals(new Out(frame, T0), outs.getFirst());
        assertEquals(1, f.counters().get(FaultCounter.FRAMES));
    }

    @Test
    void delay_addsExactly() {
        FaultInjector f = injector(FaultConfig.NONE.withDelay(Duration.ofMillis(10)), 1);
        f.apply(frame(1), T0, keep);
        f.apply(frame(2), T0 + 3, keep);
        assertEquals(List.of(T0 + 10 * MS, T0 + 3 + 10 * MS), outs.stream().map(Out::due).toList());
        assertEquals(2, f.counters().get(FaultCounter.DELAYED));
    }

    @Test
    void bandwidth_serialisesFramesBackToBack() {
        // 1000 bytes at 8 Mbit/s take exactly 1 ms; plus 5 ms of propagation delay.
        FaultInjector f = injector(FaultConfig.NONE.withRate(8_000_000).withDelay(Duration.ofMillis(5)), 1);
        for (int i = 0; i < 3; i++) {
            assertTrue(f.apply(frame(i), T0, keep));
        }
        assertTrue(f.apply(frame(3), T0 + 1_500_000, keep), "queued behind the third frame, which leaves at 3 ms");
        assertTrue(f.apply(frame(4), T0 + 20 * MS, keep), "the link is idle again");
        assertEquals(List.of(T0 + 6 * MS, T0 + 7 * MS, T0 + 8 * MS, T0 + 9 * MS, T0 + 26 * MS),
                outs.stream().map(Out::due).toList());
        assertEquals(3, f.counters().get(FaultCounter.QUEUED));
    }

    @Test
    void serialisationTime_roundsUp() {
        FaultInjector f = injector(FaultConfig.NONE.withRate(3_000_000_000L), 1);
        f.apply(TestFrames.ethernet(pool, 0, 20), T0, keep); // 160 bits at 3 Gbit/s: 53.3 ns
        assertEquals(T0 + 54, outs.getFirst().due());
    }

    @Test
    void fullQueue_tailDrops_thenAcceptsOnceFramesLeave() {
        FaultInjector f = injector(FaultConfig.NONE.withRate(8_000_000).withQueueLimit(3), 1);
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(f.apply(frame(i), T0, keep));
        }
        assertEquals(List.of(true, true, true, false, false), accepted);
        assertEquals(2, f.counters().get(FaultCounter.QUEUE_DROPS));
        assertFalse(f.apply(frame(5), T0 + MS - 1, keep), "the first frame is still serialising");
        assertTrue(f.apply(frame(6), T0 + MS, keep), "the first frame has left");
        assertEquals(List.of(T0 + MS, T0 + 2 * MS, T0 + 3 * MS, T0 + 4 * MS), outs.stream().map(Out::due).toList());
        assertEquals(3, f.counters().get(FaultCounter.QUEUE_DROPS));
    }

    @Test
    void jitter_staysWithinItsBounds_isUnbiased_andReorders() {
        FaultInjector f = injector(FaultConfig.NONE.withDelay(Duration.ofMillis(10), Duration.ofMillis(2)), 3);
        FrameSink sink = (frame, due) -> {
            frame.release();
            outs.add(new Out(null, due));
        };
        PacketBuf frame = frame(0);
        for (int i = 0; i < 10_000; i++) {
            f.apply(frame.retain(), T0 + i * 1000L, sink);
        }
        frame.release();
        long sum = 0;
        int inversions = 0;
        for (int i = 0; i < outs.size(); i++) {
            long delay = outs.get(i).due() - (T0 + i * 1000L);
            assertTrue(delay >= 8 * MS && delay <= 12 * MS, "delay " + delay);
            sum += delay;
            if (i > 0 && outs.get(i).due() < outs.get(i - 1).due()) {
                inversions++;
            }
        }
        // Uniform on [-2 ms, 2 ms]: the mean of 10 000 samples has a standard deviation of 11.5 us.
        assertEquals(10 * MS, sum / outs.size(), 60_000);
        assertTrue(inversions > 1000, "jitter larger than the spacing reorders frames: " + inversions);
        outs.clear();
    }

    @Test
    void jitterLargerThanDelay_neverArrivesBeforeSending() {
        FaultInjector f = injector(FaultConfig.NONE.withDelay(Duration.ofMillis(1), Duration.ofMillis(3)), 5);
        for (int i = 0; i < 200; i++) {
            f.apply(frame(i), T0, (frame, due) -> {
                frame.release();
                assertTrue(due >= T0);
            });
        }
        assertTrue(f.counters().get(FaultCounter.DELAYED) < 200);
    }

    /** Runs {@code n} frames through a fresh injector and returns its counters and a hash of every outcome. */
    private record Run(CounterSet<FaultCounter> counters, long outcomeHash, int delivered) {
    }

    private Run run(FaultConfig config, long seed, int n) {
        FaultInjector f = injector(config, seed);
        long[] hash = {17};
        int[] delivered = {0};
        int[] index = {0};
        FrameSink sink = (frame, due) -> {
            hash[0] = hash[0] * 1_000_003 + index[0];
            hash[0] = hash[0] * 1_000_003 + (due - T0);
            hash[0] = hash[0] * 1_000_003 + Arrays.hashCode(frame.toByteArray());
            delivered[0]++;
            frame.release();
        };
        // Without corruption the frame's identity does not matter: one retained frame saves 100k tracked buffers.
        PacketBuf shared = config.corrupts() ? null : TestFrames.ethernet(pool, 0, 64);
        for (int i = 0; i < n; i++) {
            index[0] = i;
            PacketBuf frame = shared == null ? TestFrames.ethernet(pool, i, 64) : shared.retain();
            f.apply(frame, T0 + i * 1000L, sink);
        }
        if (shared != null) {
            shared.release();
        }
        return new Run(f.counters(), hash[0], delivered[0]);
    }

    /** Asserts that {@code count} of {@code n} Bernoulli trials of probability {@code p} is within 5 sigma. */
    private static void assertRate(long count, int n, double p) {
        double sigma = Math.sqrt(n * p * (1 - p));
        assertEquals(n * p, count, 5 * sigma, "count " + count + " of " + n + " at rate " + p);
    }

    @Test
    void loss_rateWithinBounds_andReproducibleForTheSameSeed() {
        FaultConfig c = FaultConfig.NONE.withLoss(0.1);
        Run first = run(c, 42, N);
        assertRate(first.counters.get(FaultCounter.DROPPED), N, 0.1);
        assertEquals(N - first.counters.get(FaultCounter.DROPPED), first.delivered);
        Run again = run(c, 42, N);
        assertEquals(first.outcomeHash, again.outcomeHash);
        assertEquals(first.counters.get(FaultCounter.DROPPED), again.counters.get(FaultCounter.DROPPED));
        assertNotEquals(first.outcomeHash, run(c, 43, N).outcomeHash);
    }

    @Test
    void duplication_rateWithinBounds_andReproducible() {
        FaultConfig c = FaultConfig.NONE.withDuplication(0.05);
        Run first = run(c, 7, N);
        long dups = first.counters.get(FaultCounter.DUPLICATED);
        assertRate(dups, N, 0.05);
        assertEquals(N + dups, first.delivered);
        assertEquals(first.outcomeHash, run(c, 7, N).outcomeHash);
    }

    @Test
    void reordering_rateWithinBounds_reorderedFramesSkipTheDelay() {
        FaultConfig c = FaultConfig.NONE.withDelay(Duration.ofMillis(10)).withReordering(0.25);
        Run first = run(c, 9, N);
        long reordered = first.counters.get(FaultCounter.REORDERED);
        assertRate(reordered, N, 0.25);
        assertEquals(N, reordered + first.counters.get(FaultCounter.DELAYED));
        assertEquals(first.outcomeHash, run(c, 9, N).outcomeHash);

        FaultInjector f = injector(c, 9);
        for (int i = 0; i < 100; i++) {
            f.apply(frame(i), T0, keep);
        }
        assertTrue(outs.stream().allMatch(o -> o.due == T0 || o.due == T0 + 10 * MS));
        assertEquals(f.counters().get(FaultCounter.REORDERED), outs.stream().filter(o -> o.due == T0).count());
    }

    @Test
    void corruption_rateWithinBounds_andFlipsExactlyOneBit() {
        FaultConfig c = FaultConfig.NONE.withCorruption(0.02);
        FaultInjector f = injector(c, 11);
        int[] flippedFrames = {0};
        for (int i = 0; i < N; i++) {
            PacketBuf expected = TestFrames.ethernet(pool, i, 64);
            byte[] want = expected.toByteArray();
            expected.release();
            f.apply(TestFrames.ethernet(pool, i, 64), T0, (frame, due) -> {
                int distance = hamming(want, frame.toByteArray());
                frame.release();
                assertTrue(distance <= 1, "one bit flipped at most: " + distance);
                flippedFrames[0] += distance;
            });
        }
        long corrupted = f.counters().get(FaultCounter.CORRUPTED);
        assertRate(corrupted, N, 0.02);
        assertEquals(corrupted, flippedFrames[0]);
        assertEquals(run(c, 11, 1000).outcomeHash, run(c, 11, 1000).outcomeHash);
    }

    @Test
    void corruption_ofSeveralBits_flipsAtMostThatMany() {
        FaultInjector f = injector(FaultConfig.NONE.withCorruption(1.0, 3), 12);
        for (int i = 0; i < 100; i++) {
            PacketBuf original = TestFrames.ethernet(pool, i, 64);
            byte[] want = original.toByteArray();
            original.release();
            f.apply(TestFrames.ethernet(pool, i, 64), T0, (frame, due) -> {
                int distance = hamming(want, frame.toByteArray());
                frame.release();
                assertTrue(distance == 1 || distance == 3, "3 flips, possibly of one bit twice: " + distance);
            });
        }
    }

    @Test
    void corruption_ofASharedFrame_copiesFirst_andLeavesTheOtherOwnersBytesAlone() {
        FaultInjector f = injector(FaultConfig.NONE.withCorruption(1.0), 13);
        PacketBuf frame = frame(5);
        byte[] before = frame.toByteArray();
        f.apply(frame.retain(), T0, keep);
        assertEquals(1, outs.size());
        assertNotSame(frame, outs.getFirst().frame());
        assertArrayEquals(before, frame.toByteArray(), "the other owner's bytes are untouched");
        assertEquals(1, hamming(before, outs.getFirst().frame().toByteArray()));
        assertEquals(1, frame.refCnt(), "the injector released its share");
        frame.release();
    }

    @Test
    void duplicate_isAPrivateCopyWithTheSameBytes() {
        FaultInjector f = injector(FaultConfig.NONE.withDuplication(1.0), 14);
        PacketBuf frame = frame(9);
        f.apply(frame, T0, keep);
        assertEquals(2, outs.size());
        assertNotSame(outs.get(0).frame(), outs.get(1).frame());
        assertArrayEquals(outs.get(0).frame().toByteArray(), outs.get(1).frame().toByteArray());
        assertFalse(outs.get(1).frame().isShared());
    }

    @Test
    void withoutPoolBuffers_duplicatesAreSkipped_andSharedFramesToCorruptAreDropped() {
        BufPoolConfig oneBuffer = new BufPoolConfig("one", 64, List.of(new BufPoolConfig.SizeClass(256, 1, 1)));
        try (BufPool tiny = BufPool.create(oneBuffer)) {
            FaultInjector dup = injector(FaultConfig.NONE.withDuplication(1.0), 15);
            dup.apply(TestFrames.ethernet(tiny, 1, 60), T0, keep);
            assertEquals(1, outs.size());
            assertEquals(1, dup.counters().get(FaultCounter.NO_BUFFERS));
            assertEquals(0, dup.counters().get(FaultCounter.DUPLICATED));
            outs.removeFirst().frame().release();

            FaultInjector corrupt = injector(FaultConfig.NONE.withCorruption(1.0), 16);
            PacketBuf shared = TestFrames.ethernet(tiny, 2, 60);
            assertTrue(corrupt.apply(shared.retain(), T0, keep));
            assertTrue(outs.isEmpty());
            assertEquals(1, corrupt.counters().get(FaultCounter.NO_BUFFERS));
            assertEquals(1, shared.refCnt());
            shared.release();
        }
    }

    @Test
    void setConfig_takesEffectFromTheNextFrame() {
        FaultInjector f = injector(FaultConfig.NONE, 17);
        f.apply(frame(0), T0, keep);
        f.setConfig(FaultConfig.NONE.withDelay(Duration.ofMillis(4)));
        assertEquals(4 * MS, f.config().delayNanos());
        f.apply(frame(1), T0, keep);
        f.setConfig(FaultConfig.NONE.withLoss(1.0));
        f.apply(frame(2), T0, keep);
        assertEquals(List.of(T0, T0 + 4 * MS), outs.stream().map(Out::due).toList());
        assertEquals(1, f.counters().get(FaultCounter.DROPPED));
    }

    @Test
    void rateSwitchedOff_framesStillQueueBehindThoseSerialising() {
        FaultInjector f = injector(FaultConfig.NONE.withRate(8_000_000), 18);
        f.apply(frame(0), T0, keep);
        f.setConfig(FaultConfig.NONE);
        f.apply(frame(1), T0, keep);
        assertEquals(List.of(T0 + MS, T0 + MS), outs.stream().map(Out::due).toList());
    }

    private static int hamming(byte[] a, byte[] b) {
        assertEquals(a.length, b.length);
        int bits = 0;
        for (int i = 0; i < a.length; i++) {
            bits += Integer.bitCount((a[i] ^ b[i]) & 0xff);
        }
        return bits;
    }
}
