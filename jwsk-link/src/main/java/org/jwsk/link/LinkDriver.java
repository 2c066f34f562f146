package org.jwsk.link;

import java.util.OptionalInt;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterGroup;

/**
 * The miniport: what every link driver does, whether it moves frames through a TAP device, an in-memory wire
 * or back to itself. Decorators (capture, tracing, fault injection) implement it too and wrap another driver,
 * as NDIS intermediate and filter drivers do.
 *
 * <h2>Driving a driver</h2>
 * A driver is passive: it starts no thread of its own and never calls up except from {@link #poll}. Its owner (a
 * stack's event loop, or a test) calls {@link #start}, then repeatedly {@link #poll} to receive and {@link
 * #send} to transmit, and waits in between for whichever comes first of:
 * <ul>
 *   <li>{@link #nextDeadline()}: a time at which frames become due without any outside event (the delay of a
 *       virtual wire);</li>
 *   <li>{@link #readableFd()}: a file descriptor that becomes readable when frames arrive (TAP/TUN), for
 *       {@code poll(2)};</li>
 *   <li>the {@code wakeup} given to {@link #start}: run, from any thread, when frames arrive from another thread
 *       (the peer of a virtual wire driven by another loop).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * {@link #start}, {@link #poll}, {@link #send}, {@link #nextDeadline} and {@link #stop} are called by the owning
 * thread only. {@link #caps()}, {@link #name()} and {@link #counters()} may be read from any thread. {@link
 * #close()} is called by the owner after {@link #stop()}.
 *
 * <h2>Buffers</h2>
 * {@link #send} <b>takes ownership</b> of every frame handed to it, sent or dropped; frames delivered to {@link
 * LinkReceiver#onFrame} are owned by the receiver. Frames come from the pool the driver was created with.
 */
public interface LinkDriver extends AutoCloseable {

    /** A short name for diagnostics and captures, such as {@code tap0} or {@code wire0.a}. */
    String name();

    /** What this link is and can do; fixed for the driver's lifetime. */
    LinkCaps caps();

    /**
     * Starts the driver: frames will be delivered to {@code receiver} from {@link #poll}. Called once.
     *
     * @param receiver where received frames go
     * @param wakeup   run from any thread when frames have arrived that a {@code poll} would now deliver and
     *                 that no deadline or file descriptor announces; must be cheap and must not block
     * @throws IllegalStateException if the driver was already started or is closed
     */
    void start(LinkReceiver receiver, Runnable wakeup);

    /**
     * Delivers up to {@code budget} received frames to the receiver and returns how many were delivered. Never
     * blocks.
     *
     * @param now monotonic time, the stack's clock
     */
    int poll(long now, int budget);

    /**
     * The earliest monotonic time at which {@link #poll} will have frames to deliver without any outside event,
     * or {@link org.jwsk.common.time.Deadlines#NONE}.
     */
    long nextDeadline();

    /** A descriptor that becomes readable when {@link #poll} has frames, for drivers backed by the kernel. */
    default OptionalInt readableFd() {
        return OptionalInt.empty();
    }

    /**
     * Sends {@code count} frames, {@code frames[0..count)}: the NDIS send with its completion, always completed
     * before this returns. The driver <b>takes ownership</b> of all of them; those it cannot send (queue full,
     * link down) it releases and counts as {@link LinkCounter#OUT_DISCARDS}. The array itself is borrowed: the
     * driver keeps no reference to it.
     *
     * @return how many frames were accepted for transmission
     */
    int send(PacketBuf[] frames, int count, long now);

    /**
     * Sends one frame: {@link #send(PacketBuf[], int, long)} for a batch of one, without building an array. Takes
     * ownership.
     *
     * @return whether the frame was accepted for transmission
     */
    boolean send(PacketBuf frame, long now);

    /** The driver's counters ({@link LinkCounter}, plus any of its own). */
    CounterGroup counters();

    /** Stops delivering and sending; frames queued inside the driver are released. Idempotent. */
    void stop();

    /** Releases the driver's resources (a device, a file descriptor). Idempotent; stops first if needed. */
    @Override
    void close();
}
