package org.jwsk.link.virt;

import java.util.random.RandomGenerator;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.fault.FaultCounter;
import org.jwsk.link.fault.FaultInjector;
import org.jwsk.link.fault.FrameSink;
import org.jwsk.link.internal.FrameHeap;
import org.jwsk.link.internal.FrameRing;

/**
 * One direction of a {@link VirtualWire}. The sending end's thread runs the fault model and publishes surviving
 * frames into a single-producer single-consumer ring, each with its arrival time and its send time. The
 * receiving end's thread drains the ring into a heap ordered by arrival time and delivers from there, so frames
 * leave in arrival order even when jitter or reordering gave a later frame an earlier arrival.
 *
 * <p>The ring admits at most {@code ringCapacity} frames between send and delivery, so the heap, sized the same,
 * never overflows; both are preallocated.
 *
 * <p><b>Cuts.</b> A frame that was on the wire when it was cut is lost: the first cut after its send came before its
 * arrival time. Each frame is stamped with the wire's cut count when it is sent, which orders it against cuts even
 * when both happen at the same instant. The receiving side learns of new cuts through that count, fetches their
 * times and checks the frames it holds; it remembers the last {@link VirtualWire#CUT_HISTORY} cuts and counts as
 * lost any frame that stayed in flight across more cuts than that.
 */
final class WireChannel implements FrameSink {

    private final VirtualWire wire;
    private final FaultInjector injector;
    private final FrameRing ring;

    // ---- producer side: the sending end's thread
    private long cutsAtSend;
    private int rejected;

    // ---- consumer side: the receiving end's thread
    private final FrameHeap heap;
    private final FrameRing.Entry entry = new FrameRing.Entry();
    private final long[] cuts = new long[VirtualWire.CUT_HISTORY];
    private final FrameHeap.EntryFilter lostToCut = (frame, due, stamp) -> lostToCut(stamp, due);
    private int cutsKnown;
    private long cutCountSeen;

    WireChannel(VirtualWire wire, FaultConfig faults, RandomGenerator random, CounterSet<FaultCounter> counters,
                int ringCapacity) {
        this.wire = wire;
        this.injector = new FaultInjector(faults, random, counters);
        this.ring = new FrameRing(ringCapacity);
        this.heap = new FrameHeap(Math.min(ringCapacity, 64), ringCapacity);
    }

    FaultInjector injector() {
        return injector;
    }

    // --------------------------------------------------------------------------------------------- producer

    /** Whether the ring can take one more frame; sending thread. */
    boolean hasRoom() {
        return ring.hasRoom();
    }

    /**
     * Runs a frame through the fault model into the ring; sending thread. Takes ownership.
     *
     * @param cuts the wire's cut count read before the sender found the wire up
     * @return {@code false} if the bottleneck queue tail-dropped it
     */
    boolean send(PacketBuf frame, long now, long cuts) {
        cutsAtSend = cuts;
        return injector.apply(frame, now, this);
    }

    /** Frames the ring refused since the last call (a duplicate finding it full); sending thread. */
    int takeRejected() {
        int n = rejected;
        rejected = 0;
        return n;
    }

    @Override
    public void accept(PacketBuf frame, long dueAt) {
        if (!ring.offer(frame, dueAt, cutsAtSend)) {
            frame.release();
            rejected++;
        }
    }

    // --------------------------------------------------------------------------------------------- consumer

    /**
     * Moves everything published into the arrival-ordered heap, dropping frames lost to a cut; receiving thread.
     *
     * @return how many frames were lost to a cut
     */
    int drain() {
        int lost = 0;
        if (wire.cutCount() != cutCountSeen) {
            cutCountSeen = wire.copyCuts(cuts);
            cutsKnown = (int) Math.min(cutCountSeen, cuts.length);
            lost += heap.discardIf(lostToCut);
        }
        while (ring.poll(entry)) {
            PacketBuf frame = entry.frame;
            entry.frame = null;
            if (lostToCut(entry.stamp, entry.due)) {
                frame.release();
                lost++;
            } else if (!heap.add(frame, entry.due, entry.stamp)) {
                throw new IllegalStateException("wire heap overflow: the ring admitted more than its capacity");
            }
        }
        ring.release(lost);
        return lost;
    }

    /** The earliest arrival held, after draining; receiving thread. */
    long nextArrival() {
        return heap.peekDue();
    }

    /** Whether a frame has arrived by {@code now}; receiving thread. */
    boolean hasArrived(long now) {
        return heap.hasDue(now);
    }

    /** Takes the earliest arrived frame; the caller owns it and reports it with {@link #delivered}. */
    PacketBuf take() {
        return heap.poll();
    }

    /** Reports {@code n} taken frames as delivered, making room in the ring; receiving thread. */
    void delivered(int n) {
        ring.release(n);
    }

    /** Releases every frame held for the receiver (the receiving end stopped); receiving thread. */
    int releaseHeld() {
        int n = heap.releaseAll();
        while (ring.poll(entry)) {
            entry.frame.release();
            entry.frame = null;
            n++;
        }
        ring.release(n);
        return n;
    }

    /** Releases everything, once neither end is active any more. */
    void releaseAll() {
        heap.releaseAll();
        ring.releaseAll();
    }

    /**
     * Whether a frame sent after {@code cutsAtSend} cuts and due at {@code due} was on the wire at the next cut.
     * Cut times never go back, so only the first cut after the send matters.
     */
    private boolean lostToCut(long cutsAtSend, long due) {
        if (cutsAtSend >= cutCountSeen) {
            return false;
        }
        long firstCut = cutsAtSend + 1;
        long oldestKnown = cutCountSeen - cutsKnown + 1;
        if (firstCut < oldestKnown) {
            return true; // in flight across more cuts than remembered
        }
        return cuts[(int) (firstCut - oldestKnown)] < due;
    }
}
