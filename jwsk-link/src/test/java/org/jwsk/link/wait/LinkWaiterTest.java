package org.jwsk.link.wait;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jwsk.link.internal.Syscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Waiters wake for the right reasons. Real threads, no sleeps: each wait is bounded by the test's timeout. */
@Timeout(30)
class LinkWaiterTest {

    @Test
    void noDescriptors_parks_andAWakeupBeforeAwaitIsNotLost() {
        try (LinkWaiter w = LinkWaiter.forDescriptors()) {
            assertInstanceOf(ParkWaiter.class, w);
            w.wakeup();
            w.wakeup();
            w.await(Long.MAX_VALUE); // returns at once: the wake-ups coalesced into one pending
            assertThrows(IllegalStateException.class, () -> w.setDescriptors(3));
        }
    }

    @Test
    void parkWaiter_wakesFromAnotherThread() throws InterruptedException {
        try (LinkWaiter w = LinkWaiter.forDescriptors()) {
            assertWokenByOtherThread(w);
        }
    }

    @Test
    void pollWaiter_wakesFromAnotherThread() throws InterruptedException {
        try (Arena arena = Arena.ofConfined()) {
            Syscalls sys = new Syscalls(arena);
            int idle = sys.eventfd(0, Syscalls.EFD_NONBLOCK | Syscalls.EFD_CLOEXEC);
            try (LinkWaiter w = LinkWaiter.forDescriptors(idle)) {
                assertInstanceOf(PollWaiter.class, w);
                assertWokenByOtherThread(w);
                w.wakeup();
                w.await(Long.MAX_VALUE); // a pending wake-up returns at once
            } finally {
                sys.close(idle);
            }
        }
    }

    @Test
    void pollWaiter_returnsWhenAWatchedDescriptorIsReadable() {
        try (Arena arena = Arena.ofConfined()) {
            Syscalls sys = new Syscalls(arena);
            int driver = sys.eventfd(0, Syscalls.EFD_NONBLOCK | Syscalls.EFD_CLOEXEC);
            MemorySegment one = arena.allocate(JAVA_LONG);
            one.set(JAVA_LONG, 0, 1);
            try (LinkWaiter w = LinkWaiter.forDescriptors(driver)) {
                sys.write(driver, one, 0, 8);
                long start = System.nanoTime();
                w.await(TimeUnit.SECONDS.toNanos(20));
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "readable descriptor ends the wait");
                w.setDescriptors();  // no longer watched: only the timeout ends the next wait
                start = System.nanoTime();
                w.await(TimeUnit.MILLISECONDS.toNanos(20));
                assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(19), "timeout honoured");
            } finally {
                sys.close(driver);
            }
        }
    }

    private static void assertWokenByOtherThread(LinkWaiter w) throws InterruptedException {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch woke = new CountDownLatch(1);
        Thread loop = Thread.ofPlatform().start(() -> {
            waiting.countDown();
            w.await(Long.MAX_VALUE);
            woke.countDown();
        });
        waiting.await();
        // The loop may not be parked yet: a wake-up sent early is kept pending, so either order works.
        w.wakeup();
        assertTrue(woke.await(20, TimeUnit.SECONDS), "await returned after wakeup");
        loop.join(Duration.ofSeconds(5));
    }
}
