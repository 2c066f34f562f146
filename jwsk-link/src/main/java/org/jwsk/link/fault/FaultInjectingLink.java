package org.jwsk.link.fault;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterGroup;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.link.ForwardingLinkDriver;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.LinkCounter;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.internal.CompositeCounterGroup;
import org.jwsk.link.internal.FrameHeap;

/**
 * A decorator that impairs the frames any driver sends, receives, or both, with the model of {@link
 * FaultInjector}: smoltcp's fault-injecting device, netem on an interface. Frames the model delays are held here
 * until they are due: sent frames are passed to the wrapped driver by the {@link #poll} (or {@link #send}) at or
 * after their time, received frames are delivered upward by the poll at or after theirs, and {@link
 * #nextDeadline()} announces the next one.
 *
 * <p><b>Buffers.</b> Every frame handed in is either passed on (down to the wrapped driver, or up to the
 * receiver) or released and counted here: tail drops and frames that do not fit the holding queue (including a
 * duplicate that finds it full) as {@link LinkCounter#OUT_DISCARDS} or {@link LinkCounter#IN_DISCARDS}, losses in
 * the fault counters, frames held when the decorator stops as discards. The decorator's own counters ({@link
 * #counters()}) count what passed through it: {@code ifHCOutFrames} what the fault model accepted from the stack,
 * {@code ifHCInFrames} what it delivered; the fault counters follow, prefixed {@code tx} and {@code rx}.
 *
 * <p><b>Checksums.</b> Corruption would go unseen where checksums are offloaded, so this decorator refuses to
 * corrupt sent frames over a driver declaring transmit checksum offload, and received frames over one declaring
 * verified receive checksums.
 *
 * <p><b>Threads.</b> Those of {@link LinkDriver}: one owner thread. {@link #setTxFaults} and {@link
 * #setRxFaults} may be called from any thread and take effect from the next frame.
 */
public final class FaultInjectingLink extends ForwardingLinkDriver {

    /** Frames held per direction at most, by default. */
    public static final int DEFAULT_HOLD_CAPACITY = 4096;

    private static final int BATCH = 32;

    private final FaultInjector tx;
    private final FaultInjector rx;
    private final CounterSet<LinkCounter> counters;
    private final CounterGroup counterGroup;
    private final FrameHeap txHeld;
    private final FrameHeap rxHeld;
    private final PacketBuf[] batch = new PacketBuf[BATCH];
    private final TxSink txSink = new TxSink();
    private final RxSide rxSide = new RxSide();
    private int batchSize;
    private LinkReceiver upstream;
    private boolean stopped;

    /**
     * A decorator with {@link #DEFAULT_HOLD_CAPACITY}; see {@link #FaultInjectingLink(LinkDriver, FaultConfig,
     * FaultConfig, RandomGenerator, int)}.
     */
    public FaultInjectingLink(LinkDriver inner, FaultConfig txFaults, FaultConfig rxFaults, RandomGenerator random) {
        this(inner, txFaults, rxFaults, random, DEFAULT_HOLD_CAPACITY);
    }

    /**
     * A decorator over {@code inner}, which it owns from now on.
     *
     * @param txFaults     the impairments of frames sent ({@link FaultConfig#NONE} to leave them alone)
     * @param rxFaults     the impairments of frames received
     * @param random       seeds the two directions' models (two values are drawn, send side first)
     * @param holdCapacity the most frames held per direction waiting for their time
     * @throws IllegalArgumentException if a configuration corrupts frames where the driver offloads checksums
     */
    public FaultInjectingLink(LinkDriver inner, FaultConfig txFaults, FaultConfig rxFaults, RandomGenerator random,
                              int holdCapacity) {
        super(inner);
        Objects.requireNonNull(random, "random");
        checkTx(Objects.requireNonNull(txFaults, "txFaults"));
        checkRx(Objects.requireNonNull(rxFaults, "rxFaults"));
        String group = "link." + inner.name() + ".fault";
        this.counters = CounterSet.of(group, LinkCounter.class);
        CounterSet<FaultCounter> txCounters = CounterSet.of(group + ".tx", FaultCounter.class);
        CounterSet<FaultCounter> rxCounters = CounterSet.of(group + ".rx", FaultCounter.class);
        this.tx = new FaultInjector(txFaults, new SplittableRandom(random.nextLong()), txCounters);
        this.rx = new FaultInjector(rxFaults, new SplittableRandom(random.nextLong()), rxCounters);
        this.counterGroup = CompositeCounterGroup.named(group).add(counters).add("tx", txCounters)
                .add("rx", rxCounters).build();
        this.txHeld = new FrameHeap(Math.min(holdCapacity, 64), holdCapacity);
        this.rxHeld = new FrameHeap(Math.min(holdCapacity, 64), holdCapacity);
    }

    private void checkTx(FaultConfig faults) {
        if (faults.corrupts() && inner().caps().txChecksumOffload()) {
            throw new IllegalArgumentException(inner().name() + " offloads transmit checksums: corrupting sent"
                    + " frames would go undetected");
        }
    }

    private void checkRx(FaultConfig faults) {
        if (faults.corrupts() && inner().caps().rxChecksumVerified()) {
            throw new IllegalArgumentException(inner().name() + " declares received checksums verified:"
                    + " corrupting received frames would go undetected");
        }
    }

    /** The impairments of sent frames now in force; any thread. */
    public FaultConfig txFaults() {
        return tx.config();
    }

    /** The impairments of received frames now in force; any thread. */
    public FaultConfig rxFaults() {
        return rx.config();
    }

    /** Changes the impairments of sent frames from the next one; any thread. */
    public void setTxFaults(FaultConfig faults) {
        checkTx(Objects.requireNonNull(faults, "faults"));
        tx.setConfig(faults);
    }

    /** Changes the impairments of received frames from the next one; any thread. */
    public void setRxFaults(FaultConfig faults) {
        checkRx(Objects.requireNonNull(faults, "faults"));
        rx.setConfig(faults);
    }

    /** What the model did to sent frames; any thread. */
    public CounterSet<FaultCounter> txFaultCounters() {
        return tx.counters();
    }

    /** What the model did to received frames; any thread. */
    public CounterSet<FaultCounter> rxFaultCounters() {
        return rx.counters();
    }

    /** This decorator's own counters only, without the fault counters; any thread. */
    public CounterSet<LinkCounter> linkCounters() {
        return counters;
    }

    @Override
    public LinkCaps caps() {
        return inner().caps();
    }

    @Override
    public void start(LinkReceiver receiver, Runnable wakeup) {
        this.upstream = Objects.requireNonNull(receiver, "receiver");
        inner().start(rxSide, wakeup);
    }

    @Override
    public int poll(long now, int budget) {
        if (stopped) {
            return 0;
        }
        flushTx(now);
        int delivered = deliverHeld(now, budget);
        if (delivered < budget) {
            inner().poll(now, budget - delivered);
            delivered += rxSide.takeDelivered();
            delivered += deliverHeld(now, budget - delivered);
        }
        return delivered;
    }

    @Override
    public long nextDeadline() {
        return Math.min(inner().nextDeadline(), Math.min(txHeld.peekDue(), rxHeld.peekDue()));
    }

    /**
     * Runs each frame through the send-side model. Takes ownership of every frame.
     *
     * @return frames the model accepted: all but those tail-dropped at its bottleneck, refused for want of room
     *         in the holding queue, or refused after {@link #stop()}. Frames it then loses on the wire count as
     *         accepted, as they would on a real link, and so do frames the wrapped driver refuses later; that
     *         driver counts those itself
     */
    @Override
    public int send(PacketBuf[] frames, int count, long now) {
        Objects.checkFromIndexSize(0, count, frames.length);
        flushTx(now);
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            if (sendOne(frames[i], now)) {
                accepted++;
            }
        }
        flushTx(now);
        return accepted;
    }

    /** Sends one frame as {@link #send(PacketBuf[], int, long)} does, without the default's array. */
    @Override
    public boolean send(PacketBuf frame, long now) {
        flushTx(now);
        boolean accepted = sendOne(frame, now);
        flushTx(now);
        return accepted;
    }

    private boolean sendOne(PacketBuf frame, long now) {
        if (stopped || txHeld.isFull()) {
            frame.release();
            counters.increment(LinkCounter.OUT_DISCARDS);
            return false;
        }
        int length = frame.length();
        txSink.now = now;
        if (!tx.apply(frame, now, txSink)) {
            counters.increment(LinkCounter.OUT_DISCARDS);
            return false;
        }
        counters.increment(LinkCounter.OUT_FRAMES);
        counters.add(LinkCounter.OUT_OCTETS, length);
        return true;
    }

    /** Passes every held sent frame that is due down to the wrapped driver. */
    private void flushTx(long now) {
        while (txHeld.hasDue(now)) {
            addToBatch(txHeld.poll(), now);
        }
        sendBatch(now);
    }

    private void addToBatch(PacketBuf frame, long now) {
        if (batchSize == BATCH) {
            sendBatch(now);
        }
        batch[batchSize++] = frame;
    }

    /** Hands the batch to the wrapped driver, which takes ownership and counts what it refuses. */
    private void sendBatch(long now) {
        if (batchSize == 0) {
            return;
        }
        int n = batchSize;
        batchSize = 0;
        inner().send(batch, n, now);
        Arrays.fill(batch, 0, n, null);
    }

    /** Delivers up to {@code budget} held received frames that are due. */
    private int deliverHeld(long now, int budget) {
        int delivered = 0;
        while (delivered < budget && !stopped && rxHeld.hasDue(now)) {
            deliverUp(rxHeld.poll(), now);
            delivered++;
        }
        return delivered;
    }

    private void deliverUp(PacketBuf frame, long now) {
        counters.increment(LinkCounter.IN_FRAMES);
        counters.add(LinkCounter.IN_OCTETS, frame.length());
        upstream.onFrame(frame, now);
    }

    @Override
    public CounterGroup counters() {
        return counterGroup;
    }

    /** Stops the wrapped driver and releases every held frame, counting them as discards. */
    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        inner().stop();
        counters.add(LinkCounter.OUT_DISCARDS, txHeld.releaseAll());
        counters.add(LinkCounter.IN_DISCARDS, rxHeld.releaseAll());
    }

    @Override
    public void close() {
        stop();
        inner().close();
    }

    @Override
    public String toString() {
        return "FaultInjectingLink[" + inner() + ", tx " + tx.config() + ", rx " + rx.config() + "]";
    }

    /** Where the send-side model puts frames: straight into the batch when due and nothing waits, else held. */
    private final class TxSink implements FrameSink {
        long now;

        @Override
        public void accept(PacketBuf frame, long dueAt) {
            if (dueAt <= now && txHeld.isEmpty()) {
                addToBatch(frame, now);
            } else if (!txHeld.add(frame, dueAt, 0)) {
                frame.release();
                counters.increment(LinkCounter.OUT_DISCARDS);
            }
        }
    }

    /** Receives from the wrapped driver and runs frames through the receive-side model. */
    private final class RxSide implements LinkReceiver, FrameSink {
        private long now;
        private int delivered;

        /** Frames delivered straight up since the last call. */
        int takeDelivered() {
            int n = delivered;
            delivered = 0;
            return n;
        }

        @Override
        public void onFrame(PacketBuf frame, long frameNow) {
            now = frameNow;
            if (stopped) {
                frame.release();
                counters.increment(LinkCounter.IN_DISCARDS);
            } else if (!rx.apply(frame, frameNow, this)) {
                counters.increment(LinkCounter.IN_DISCARDS);
            }
        }

        @Override
        public void accept(PacketBuf frame, long dueAt) {
            if (dueAt <= now && rxHeld.isEmpty()) {
                delivered++;
                deliverUp(frame, now);
            } else if (!rxHeld.add(frame, dueAt, 0)) {
                frame.release();
                counters.increment(LinkCounter.IN_DISCARDS);
            }
        }

        @Override
        public void onLinkState(boolean up, long stateNow) {
            upstream.onLinkState(up, stateNow);
        }
    }
}
