package org.jwsk.common.time;

import java.time.Instant;

/**
 * The real clock. {@link #epochNanos()} is derived from {@link System#nanoTime()} and a wall-clock reading
 * taken once at class initialisation, so it costs no allocation and stays monotonic; it does not follow later
 * adjustments of the system's wall clock, which is the right trade for packet timestamps.
 */
final class SystemClock implements Clock {

    static final SystemClock INSTANCE = new SystemClock();

    private final long epochMinusNano;

    private SystemClock() {
        Instant wall = Instant.now();
        long nano = System.nanoTime();
        this.epochMinusNano = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - nano;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long epochNanos() {
        return epochMinusNano + System.nanoTime();
    }

    @Override
    public String toString() {
        return "SystemClock";
    }
}
