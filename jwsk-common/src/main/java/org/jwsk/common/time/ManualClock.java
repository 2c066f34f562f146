package org.jwsk.common.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A clock that moves only when told to: the test clock of every simulation.
 *
 * <p>Monotonic time starts at {@link #START_NANOS} (not zero, so code that treats zero as "unset" is caught)
 * and wall-clock time starts at a fixed instant, so captures written under a manual clock are reproducible.
 *
 * <p>Any thread may read the clock; advancing it is meant for the one thread that drives the test. Advancing
 * concurrently from several threads is a programming error and is not detected.
 */
public final class ManualClock implements Clock {

    /** The monotonic reading of a new clock. */
    public static final long START_NANOS = 1_000_000_000L;

    /** The wall-clock reading of a new clock unless another one is given: 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final long epochAtStart;
    private volatile long nanos = START_NANOS;

    /** A clock whose wall time starts at {@link #DEFAULT_EPOCH}. */
    public ManualClock() {
        this(DEFAULT_EPOCH);
    }

    /** A clock whose wall time starts at {@code epoch}. */
    public ManualClock(Instant epoch) {
        Objects.requireNonNull(epoch, "epoch");
        this.epochAtStart = Math.addExact(Math.multiplyExact(epoch.getEpochSecond(), 1_000_000_000L), epoch.getNano());
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochNanos() {
        return epochAtStart + (nanos - START_NANOS);
    }

    /**
     * Moves time forward by {@code delta} nanoseconds.
     *
     * @throws IllegalArgumentException if {@code delta} is negative
     */
    public void advanceNanos(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("a clock cannot go backwards: delta " + delta + " ns");
        }
        nanos = Math.addExact(nanos, delta);
    }

    /** Moves time forward by {@code delta}. */
    public void advance(Duration delta) {
        advanceNanos(delta.toNanos());
    }

    /**
     * Moves time forward to {@code target}; a target in the past is an error, the present is a no-op.
     *
     * @throws IllegalArgumentException if {@code target} is before {@link #nanoTime()}
     */
    public void advanceTo(long target) {
        long now = nanos;
        if (target < now) {
            throw new IllegalArgumentException("a clock cannot go backwards: now " + now + ", target " + target);
        }
        nanos = target;
    }

    @Override
    public String toString() {
        return "ManualClock[" + (nanos - START_NANOS) + " ns since start]";
    }
}
