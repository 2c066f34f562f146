package org.jwsk.link.wait;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jwsk.link.internal.Syscalls;

/**
 * A {@link LinkWaiter} over {@code poll(2)}: the watched descriptors plus an eventfd that {@link #wakeup()} writes
 * to. The eventfd is drained after each wake-up; a flag keeps concurrent wake-ups to one write.
 */
final class PollWaiter implements LinkWaiter {

    private static final long POLLFD_SIZE = 8;
    private static final long EVENTS = 4;
    private static final long REVENTS = 6;

    private final Arena arena = Arena.ofShared();
    private final Syscalls loopCalls = new Syscalls(arena);
    private final Syscalls wakeCalls = new Syscalls(arena);
    private final MemorySegment counter = arena.allocate(JAVA_LONG);
    private final MemorySegment one = arena.allocate(JAVA_LONG);
    private final AtomicBoolean pending = new AtomicBoolean();
    private final int eventFd;
    private MemorySegment pollFds;
    private int count;
    private volatile boolean closed;

    PollWaiter(int... fds) {
        eventFd = loopCalls.eventfd(0, Syscalls.EFD_NONBLOCK | Syscalls.EFD_CLOEXEC);
        if (eventFd < 0) {
            int errno = loopCalls.errno();
            arena.close();
            throw new IllegalStateException("eventfd failed: " + Syscalls.describe(errno));
        }
        one.set(JAVA_LONG, 0, 1L);
        setDescriptors(fds);
    }

    /** Replaces the watched set. The old set's memory stays with the waiter until it closes: interface changes are rare. */
    @Override
    public void setDescriptors(int... fds) {
        pollFds = arena.allocate(POLLFD_SIZE * (fds.length + 1), 8);
        count = fds.length + 1;
        put(0, eventFd);
        for (int i = 0; i < fds.length; i++) {
            put(i + 1, fds[i]);
        }
    }

    private void put(int i, int fd) {
        pollFds.set(JAVA_INT, i * POLLFD_SIZE, fd);
        pollFds.set(JAVA_SHORT, i * POLLFD_SIZE + EVENTS, Syscalls.POLLIN);
    }

    @Override
    public void await(long timeoutNanos) {
        if (closed) {
            return;
        }
        if (pending.get()) {
            drain();
            return;
        }
        // poll(2) counts milliseconds: round up, so a loop never wakes before its deadline and spins.
        long millis = timeoutNanos <= 0 ? 0 : Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000);
        int timeout = timeoutNanos == Long.MAX_VALUE ? -1 : (int) millis;
        for (int i = 0; i < count; i++) {
            pollFds.set(JAVA_SHORT, i * POLLFD_SIZE + REVENTS, (short) 0);
        }
        loopCalls.poll(pollFds, count, timeout); // EINTR and errors simply end this wait; the loop goes round
        if (pending.get()) {
            drain();
        }
    }

    private void drain() {
        pending.set(false);
        loopCalls.read(eventFd, counter, 0, 8); // EAGAIN if a wake-up raced ahead of its write: harmless
    }

    @Override
    public void wakeup() {
        if (!closed && !pending.getAndSet(true)) {
            synchronized (wakeCalls) { // one capture segment for errno, shared by waking threads
                if (!closed) {         // close() may have won the race to the lock
                    wakeCalls.write(eventFd, one, 0, 8);
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (wakeCalls) {
            if (!closed) {
                closed = true;
                loopCalls.close(eventFd);
                arena.close();
            }
        }
    }
}
