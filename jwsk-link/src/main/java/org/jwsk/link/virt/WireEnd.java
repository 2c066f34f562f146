package org.jwsk.link.virt;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterGroup;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.LinkCounter;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.internal.CompositeCounterGroup;
import org.jwsk.link.internal.Frames;

/**
 * One end of a {@link VirtualWire}: sends into the outbound direction, receives from the inbound one. Follows the
 * {@link LinkDriver} contract; the ends of one wire may be owned by two different threads.
 */
final class WireEnd implements LinkDriver {

    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int STOPPED = 2;
    private static final int CLOSED = 3;

    private final VirtualWire wire;
    private final String name;
    private final LinkCaps caps;
    private final WireChannel outbound;
    private final WireChannel inbound;
    private final CounterSet<LinkCounter> counters;
    private final CounterGroup counterGroup;
    private final AtomicBoolean linkStateChanged = new AtomicBoolean();
    private WireEnd peer;
    private LinkReceiver receiver;
    private volatile Runnable wakeup;
    private volatile int state = NEW;

    WireEnd(VirtualWire wire, String name, LinkCaps caps, WireChannel outbound, WireChannel inbound,
            CounterGroup outboundFaults) {
        this.wire = wire;
        this.name = name;
        this.caps = caps;
        this.outbound = outbound;
        this.inbound = inbound;
        this.counters = CounterSet.of("link." + name, LinkCounter.class);
        this.counterGroup = CompositeCounterGroup.named("link." + name).add(counters).add(outboundFaults).build();
    }

    void connect(WireEnd peer) {
        this.peer = peer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LinkCaps caps() {
        return caps;
    }

    @Override
    public void start(LinkReceiver receiver, Runnable wakeup) {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(wakeup, "wakeup");
        if (state != NEW) {
            throw new IllegalStateException(name + " was already started or is closed");
        }
        this.receiver = receiver;
        this.wakeup = wakeup;
        state = STARTED;
    }

    @Override
    public int poll(long now, int budget) {
        int s = state;
        if (s == NEW) {
            throw new IllegalStateException(name + " is not started");
        }
        if (s != STARTED) {
            return 0;
        }
        if (linkStateChanged.get() && linkStateChanged.getAndSet(false)) {
            receiver.onLinkState(wire.isUp(), now);
        }
        countLost(inbound.drain());
        int delivered = 0;
        try {
            while (delivered < budget && state == STARTED && inbound.hasArrived(now)) {
                PacketBuf frame = inbound.take();
                delivered++;
                counters.increment(LinkCounter.IN_FRAMES);
                counters.add(LinkCounter.IN_OCTETS, frame.length());
                receiver.onFrame(frame, now);
            }
        } finally {
            inbound.delivered(delivered);
        }
        return delivered;
    }

    @Override
    public long nextDeadline() {
        if (state != STARTED) {
            return Deadlines.NONE;
        }
        countLost(inbound.drain());
        return inbound.nextArrival();
    }

    private void countLost(int lost) {
        if (lost > 0) {
            // A frame on the wire when it was cut reaches the receiver incomplete: a receive error (ifInErrors).
            counters.add(LinkCounter.IN_ERRORS, lost);
        }
    }

    @Override
    public int send(PacketBuf[] frames, int count, long now) {
        Objects.checkFromIndexSize(0, count, frames.length);
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            if (sendOne(frames[i], now)) {
                accepted++;
            }
        }
        if (accepted > 0) {
            peer.wake();
        }
        return accepted;
    }

    @Override
    public boolean send(PacketBuf frame, long now) {
        boolean accepted = sendOne(frame, now);
        if (accepted) {
            peer.wake();
        }
        return accepted;
    }

    /** Sends one frame, taking ownership; counts it as sent, discarded or in error. */
    private boolean sendOne(PacketBuf frame, long now) {
        int length = frame.length();
        if (state > STARTED) {
            return discard(frame, LinkCounter.OUT_DISCARDS);
        }
        if (!Frames.fits(caps, length)) {
            return discard(frame, LinkCounter.OUT_ERRORS);
        }
        // Read the cut count before the link state: a cut lowers the state first, so a cut racing with this send
        // either makes it a discard or leaves the frame stamped as sent before it, to be checked as in flight.
        long cutsAtSend = wire.cutCount();
        if (!wire.isUp() || peer.isStopped() || !outbound.hasRoom()) {
            return discard(frame, LinkCounter.OUT_DISCARDS);
        }
        if (!outbound.send(frame, now, cutsAtSend)) {
            counters.increment(LinkCounter.OUT_DISCARDS); // tail-dropped by the bottleneck queue, released there
            return false;
        }
        counters.increment(LinkCounter.OUT_FRAMES);
        counters.add(LinkCounter.OUT_OCTETS, length);
        int rejected = outbound.takeRejected();
        if (rejected > 0) {
            counters.add(LinkCounter.OUT_DISCARDS, rejected); // a duplicate that found the peer's ring full
        }
        return true;
    }

    private boolean discard(PacketBuf frame, LinkCounter why) {
        frame.release();
        counters.increment(why);
        return false;
    }

    /** Runs this end's wakeup, if it has started; any thread. */
    void wake() {
        Runnable w = wakeup;
        if (w != null) {
            w.run();
        }
    }

    /** Marks a link state change for the next poll and wakes the owner; any thread. */
    void onLinkStateChange() {
        linkStateChanged.set(true);
        wake();
    }

    /** Whether this end no longer receives; any thread. */
    boolean isStopped() {
        return state > STARTED;
    }

    @Override
    public CounterGroup counters() {
        return counterGroup;
    }

    @Override
    public void stop() {
        if (state <= STARTED) {
            state = STOPPED;
            counters.add(LinkCounter.IN_DISCARDS, inbound.releaseHeld());
        }
    }

    @Override
    public void close() {
        if (state != CLOSED) {
            stop();
            state = CLOSED;
            wire.onEndClosed();
        }
    }

    @Override
    public String toString() {
        return "WireEnd[" + name + ", " + caps + "]";
    }
}
