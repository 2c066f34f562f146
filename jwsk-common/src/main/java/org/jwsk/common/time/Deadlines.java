package org.jwsk.common.time;

/**
 * Deadlines are monotonic nanosecond instants ({@link Clock#nanoTime()} scale). Every pure protocol component
 * reports the earliest one it needs, and {@link #NONE} means it needs none.
 */
public final class Deadlines {

    /** No deadline: the component has nothing to do until something arrives. */
    public static final long NONE = Long.MAX_VALUE;

    private Deadlines() {
    }

    /** The earlier of two deadlines. */
    public static long earliest(long a, long b) {
        return Math.min(a, b);
    }

    /** Whether {@code deadline} is a real instant rather than {@link #NONE}. */
    public static boolean isSet(long deadline) {
        return deadline != NONE;
    }

    /** Whether {@code deadline} has been reached at {@code now}. {@link #NONE} is never reached. */
    public static boolean isDue(long deadline, long now) {
        return deadline != NONE && now - deadline >= 0;
    }

    /** {@code now + delayNanos}, saturating at {@link #NONE} instead of overflowing. */
    public static long after(long now, long delayNanos) {
        long t = now + delayNanos;
        return ((now ^ t) & (delayNanos ^ t)) < 0 || t == NONE ? NONE : t;
    }
}
