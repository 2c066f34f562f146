package org.jwsk.link;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.SplittableRandom;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.ManualClock;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.fault.FaultInjectingLink;
import org.jwsk.link.testing.TestFrames;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.junit.jupiter.api.Test;

/**
 * The data path allocates nothing per frame once warm: a frame goes through a fault-injecting decorator and an
 * impaired virtual wire (delay, jitter, rate, loss, reordering) and is received, and the thread's allocation
 * counter barely moves. Duplication and corruption are left out: they copy frames by design.
 */
class SteadyStateAllocationTest {

    private static final int WARM_UP = 100_000;
    private static final int MEASURED = 50_000;

    /**
     * {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()}, bound to the platform bean. Found
     * reflectively because test sources compile inside this module, which does not read {@code jdk.management};
     * tests run on the class path, where it is readable. Null if the JVM does not count allocations per thread.
     */
    private static MethodHandle allocatedBytes() throws ReflectiveOperationException {
        Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
        if (!type.isInstance(bean) || !(boolean) type.getMethod("isThreadAllocatedMemoryEnabled").invoke(bean)) {
            return null;
        }
        return MethodHandles.publicLookup()
                .findVirtual(type, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class)).bindTo(bean);
    }

    @Test
    void wireAndFaultDecorator_allocateNothingPerFrame() throws Throwable {
        MethodHandle allocatedBytes = allocatedBytes();
        assumeTrue(allocatedBytes != null, "this JVM cannot count allocated bytes per thread");
        ManualClock clock = new ManualClock();
        FaultConfig wireFaults = FaultConfig.NONE.withDelay(Duration.ofMillis(1), Duration.ofMillis(1))
                .withRate(10_000_000_000L).withLoss(0.01).withReordering(0.1);
        long[] received = {0};
        try (BufPool pool = TestFrames.pool();
             VirtualWire wire = VirtualWire.create(WireConfig.ethernet("wire0").withFaults(wireFaults),
                     new SplittableRandom(1));
             FaultInjectingLink a = new FaultInjectingLink(wire.endA(),
                     FaultConfig.NONE.withDelay(Duration.ofNanos(20_000), Duration.ofNanos(10_000)),
                     FaultConfig.NONE, new SplittableRandom(2))) {
            LinkDriver b = wire.endB();
            a.start((frame, now) -> frame.release(), () -> { });
            b.start((frame, now) -> {
                received[0]++;
                frame.release();
            }, () -> { });
            PacketBuf frame = TestFrames.ethernet(pool, 0, 1000);
            run(a, b, frame, clock, WARM_UP);
            long before = (long) allocatedBytes.invokeExact();
            run(a, b, frame, clock, MEASURED);
            long allocated = (long) allocatedBytes.invokeExact() - before;
            frame.release();
            assertTrue(allocated < MEASURED / 10, allocated + " bytes allocated for " + MEASURED + " frames");
            assertTrue(received[0] > (WARM_UP + MEASURED) * 0.95, "frames went through: " + received[0]);
        }
    }

    /** Sends one frame every 10 us and polls both ends, so frames are always in flight and held. */
    private static void run(LinkDriver a, LinkDriver b, PacketBuf frame, ManualClock clock, int frames) {
        for (int i = 0; i < frames; i++) {
            long now = clock.nanoTime();
            a.send(frame.retain(), now);
            a.poll(now, 64);
            b.poll(now, 64);
            clock.advanceNanos(10_000);
        }
    }
}
