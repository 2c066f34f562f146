package org.jwsk.common.time;

/**
 * A source of time, injected into runners and link drivers.
 *
 * <p>Protocol code never holds a clock: it takes {@code now} (monotonic nanoseconds) as an argument and
 * reports its next deadline. Only runners, drivers and capture decorators read a clock, which is what lets a
 * test run an hour of timers in milliseconds with a {@link ManualClock}.
 *
 * <p>Implementations are safe to read from any thread.
 */
public interface Clock {

    /**
     * Monotonic time in nanoseconds. Only differences between two readings mean anything; the value never
     * goes backwards.
     */
    long nanoTime();

    /**
     * Wall-clock time in nanoseconds since the Unix epoch, for capture timestamps and logs. Never use it to
     * measure intervals.
     */
    long epochNanos();

    /** The clock backed by {@link System#nanoTime()}. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
