package org.jwsk.link.wait;

/**
 * How an event loop sleeps between turns: until one of its drivers has frames, another thread wakes it, or its next
 * deadline comes. {@link #forDescriptors(int...)} picks the mechanism: {@code poll(2)} over the drivers' descriptors
 * (TAP/TUN, {@link org.jwsk.link.LinkDriver#readableFd()}) plus an eventfd for wake-ups, or, when no driver has a
 * descriptor (virtual wires, loopback), parking the thread.
 *
 * <p><b>Threads.</b> {@link #await} and {@link #setDescriptors} are for the loop's own thread; {@link #wakeup()} may
 * be called from any thread, any number of times: wake-ups between two awaits coalesce into one.
 */
public sealed interface LinkWaiter extends AutoCloseable permits ParkWaiter, PollWaiter {

    /**
     * Returns when a watched descriptor is readable, after {@link #wakeup()}, or after {@code timeoutNanos}, whichever
     * comes first; at once if a wake-up came since the last await. A timeout of zero only checks; {@link
     * Long#MAX_VALUE} waits without limit. May also return early (a signal, a spurious unpark): callers loop.
     */
    void await(long timeoutNanos);

    /** Makes the loop's current or next {@link #await} return. Any thread; cheap when a wake-up is already pending. */
    void wakeup();

    /** Watches these descriptors from now on (the loop's interfaces changed). */
    void setDescriptors(int... fds);

    /** Releases the wake-up descriptor, if any. */
    @Override
    void close();

    /**
     * A waiter for a loop whose drivers have these readable descriptors; with none, a parking waiter whose {@link
     * #setDescriptors} must keep getting none (a loop that gains a descriptor makes a new waiter).
     *
     * @param fds the drivers' descriptors; may be empty
     */
    static LinkWaiter forDescriptors(int... fds) {
        return fds.length == 0 ? new ParkWaiter() : new PollWaiter(fds);
    }
}
