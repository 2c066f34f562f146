package org.jwsk.link.capture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterGroup;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.LinkCounter;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;

/**
 * The simplest driver a test can wrap: frames the test {@link #arrive queues} are delivered by {@link #poll}, and
 * frames handed to {@link #send} are kept in {@link #sent} (the test releases them); when {@link #full}, send drops
 * and releases frames as a driver with a full queue would.
 */
final class StubDriver implements LinkDriver {

    final List<PacketBuf> sent = new ArrayList<>();
    private final String name;
    private final LinkCaps caps;
    private final ArrayDeque<PacketBuf> arriving = new ArrayDeque<>();
    private final CounterSet<LinkCounter> counters;
    private LinkReceiver receiver;
    boolean full;
    boolean stopped;
    boolean closed;

    StubDriver(String name, LinkCaps caps) {
        this.name = name;
        this.caps = caps;
        this.counters = CounterSet.of("link." + name, LinkCounter.class);
    }

    /** Queues a frame for the next poll; the driver owns it until then. */
    void arrive(PacketBuf frame) {
        arriving.add(frame);
    }

    /** Tells the receiver the link went up or down. */
    void linkState(boolean up, long now) {
        receiver.onLinkState(up, now);
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
    public void start(LinkReceiver r, Runnable wakeup) {
        if (receiver != null) {
            throw new IllegalStateException("started twice");
        }
        receiver = r;
    }

    @Override
    public int poll(long now, int budget) {
        int n = 0;
        while (n < budget && !arriving.isEmpty()) {
            PacketBuf frame = arriving.poll();
            counters.increment(LinkCounter.IN_FRAMES);
            receiver.onFrame(frame, now);
            n++;
        }
        return n;
    }

    @Override
    public long nextDeadline() {
        return 12_345L;
    }

    @Override
    public OptionalInt readableFd() {
        return OptionalInt.of(7);
    }

    @Override
    public int send(PacketBuf[] frames, int count, long now) {
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            if (full) {
                frames[i].release();
                counters.increment(LinkCounter.OUT_DISCARDS);
            } else {
                sent.add(frames[i]);
                counters.increment(LinkCounter.OUT_FRAMES);
                accepted++;
            }
        }
        return accepted;
    }

    @Override
    public boolean send(PacketBuf frame, long now) {
        return send(new PacketBuf[] {frame}, 1, now) == 1;
    }

    @Override
    public CounterGroup counters() {
        return counters;
    }

    @Override
    public void stop() {
        stopped = true;
        while (!arriving.isEmpty()) {
            arriving.poll().release();
        }
    }

    @Override
    public void close() {
        stop();
        closed = true;
    }
}
