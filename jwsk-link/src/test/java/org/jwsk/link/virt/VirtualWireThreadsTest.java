package org.jwsk.link.virt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterGroup;
import org.jwsk.common.time.ManualClock;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.testing.TestFrames;
import org.junit.jupiter.api.Test;

/**
 * The two ends of one wire driven by two threads, as two stacks on two event loops would: each thread polls its
 * own end, sends on it and parks until its wakeup runs. Real threads, bounded in time; the clock stands still, so
 * with no impairments every frame is due the moment it is sent.
 */
class VirtualWireThreadsTest {

    private static final int FRAMES = 100_000;
    private static final long TIME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** One end's owner: sends FRAMES numbered frames and checks that the peer's arrive once each, in order. */
    private static final class Side implements Runnable, LinkReceiver {
        private final LinkDriver end;
        private final BufPool pool;
        private final ManualClock clock;
        private final long giveUpAt;
        private final AtomicReference<String> failure;
        private volatile Thread thread;
        private int sent;
        private int received;
        private int refused;

        Side(LinkDriver end, BufPool pool, ManualClock clock, long giveUpAt, AtomicReference<String> failure) {
            this.end = end;
            this.pool = pool;
            this.clock = clock;
            this.giveUpAt = giveUpAt;
            this.failure = failure;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            end.start(this, () -> LockSupport.unpark(thread));
            try {
                while ((sent < FRAMES || received < FRAMES) && failure.get() == null) {
                    if (System.nanoTime() - giveUpAt > 0) {
                        failure.compareAndSet(null, end.name() + " timed out: sent " + sent + ", received " + received);
                        break;
                    }
                    int progress = end.poll(clock.nanoTime(), 256) + sendSome();
                    if (progress == 0) {
                        LockSupport.parkNanos(1_000_000); // until the peer's send wakes us
                    }
                }
            } finally {
                end.close();
            }
        }

        private int sendSome() {
            int n = 0;
            while (sent < FRAMES && n < 64) {
                // At most 2 x 256 frames are in flight, far fewer than the pool holds.
                if (!end.send(TestFrames.ethernet(pool, sent, 64), clock.nanoTime())) {
                    refused++; // the peer's ring is full: back off, resend this number later
                    break;
                }
                sent++;
                n++;
            }
            return n;
        }

        @Override
        public void onFrame(PacketBuf frame, long now) {
            int seq = TestFrames.ethernetSeq(frame);
            frame.release();
            if (seq != received) {
                failure.compareAndSet(null, end.name() + " expected frame " + received + " but got " + seq);
            }
            received++;
        }
    }

    @Test
    void twoThreads_exchange100kFramesEachWay_noneLostDuplicatedOrReordered() throws InterruptedException {
        ManualClock clock = new ManualClock();
        AtomicReference<String> failure = new AtomicReference<>();
        long giveUpAt = System.nanoTime() + TIME_LIMIT_NANOS;
        try (BufPool pool = TestFrames.pool()) {
            VirtualWire wire = VirtualWire.create(WireConfig.ethernet("wire0").withRingCapacity(256),
                    new SplittableRandom(1));
            Side a = new Side(wire.endA(), pool, clock, giveUpAt, failure);
            Side b = new Side(wire.endB(), pool, clock, giveUpAt, failure);
            Thread ta = Thread.ofPlatform().name("wire-end-a").start(a);
            Thread tb = Thread.ofPlatform().name("wire-end-b").start(b);
            boolean finished = ta.join(java.time.Duration.ofNanos(TIME_LIMIT_NANOS + 5_000_000_000L))
                    & tb.join(java.time.Duration.ofSeconds(5));
            failure.compareAndSet(null, finished ? null : "threads did not finish");
            assertEquals(null, failure.get());
            assertEquals(FRAMES, a.received);
            assertEquals(FRAMES, b.received);
            for (Side side : new Side[] {a, b}) {
                CounterGroup c = side.end.counters();
                assertEquals((long) FRAMES, c.snapshot().get("ifHCOutFrames"));
                assertEquals((long) FRAMES, c.snapshot().get("ifHCInFrames"));
                assertEquals((long) side.refused, c.snapshot().get("ifOutDiscards"), "only full-ring refusals");
            }
            assertEquals(0, pool.outstanding(), "every frame released");
        }
    }
}
