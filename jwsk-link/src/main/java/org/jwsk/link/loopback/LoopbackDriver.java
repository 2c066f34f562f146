package org.jwsk.link.loopback;

import java.util.Objects;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterGroup;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.LinkCounter;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.Medium;
import org.jwsk.link.internal.Frames;

/**
 * The loopback link: every packet sent comes back to the sender on the next {@link #poll}, unchanged and
 * uncopied, in send order. It carries bare IP packets with the largest MTU jwsk allows and declares checksum
 * offload both ways, since nothing between send and receive can corrupt a packet (Linux's {@code lo} likewise
 * marks its packets as not needing checksum verification).
 *
 * <p>Packets wait in a bounded FIFO, as Linux's loopback waits in the per-CPU backlog ({@code netdev_max_backlog},
 * 1000 by default); a send finding it full is discarded and counted. A packet sent while a poll is delivering
 * (a reply sent from {@link LinkReceiver#onFrame}) is delivered by the following poll, never by the same one, so
 * a poll always ends.
 *
 * <p><b>Threads.</b> One owner thread, as {@link LinkDriver} says; sending and receiving happen on it, so the
 * driver needs no wakeup: {@link #nextDeadline()} announces waiting packets with their (past) send time.
 */
public final class LoopbackDriver implements LinkDriver {

    /** Packets waiting, by default: Linux's {@code netdev_max_backlog}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1000;

    private final String name;
    private final LinkCaps caps = new LinkCaps(Medium.IP, LinkCaps.MAX_MTU, 0, true, true);
    private final CounterSet<LinkCounter> counters;
    private final PacketBuf[] queue;
    private final long[] sentAt;
    private int head;
    private int size;
    private LinkReceiver receiver;
    private boolean started;
    private boolean stopped;

    /** A loopback named {@code name} with the default queue. */
    public LoopbackDriver(String name) {
        this(name, DEFAULT_QUEUE_CAPACITY);
    }

    /** A loopback named {@code name} holding at most {@code queueCapacity} packets between send and poll. */
    public LoopbackDriver(String name, int queueCapacity) {
        this.name = Objects.requireNonNull(name, "name");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, not " + queueCapacity);
        }
        this.counters = CounterSet.of("link." + name, LinkCounter.class);
        this.queue = new PacketBuf[queueCapacity];
        this.sentAt = new long[queueCapacity];
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
        if (started || stopped) {
            throw new IllegalStateException(name + " was already started or is closed");
        }
        this.receiver = receiver;
        started = true;
    }

    /** Delivers the packets that were waiting when the poll began, up to {@code budget}. */
    @Override
    public int poll(long now, int budget) {
        if (!started) {
            throw new IllegalStateException(name + " is not started");
        }
        int due = Math.min(budget, size);
        int delivered = 0;
        while (delivered < due && !stopped) {
            PacketBuf packet = queue[head];
            queue[head] = null;
            head = (head + 1) % queue.length;
            size--;
            delivered++;
            counters.increment(LinkCounter.IN_FRAMES);
            counters.add(LinkCounter.IN_OCTETS, packet.length());
            receiver.onFrame(packet, now);
        }
        return delivered;
    }

    @Override
    public long nextDeadline() {
        return size == 0 || stopped ? Deadlines.NONE : sentAt[head];
    }

    @Override
    public int send(PacketBuf[] frames, int count, long now) {
        Objects.checkFromIndexSize(0, count, frames.length);
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            if (send(frames[i], now)) {
                accepted++;
            }
        }
        return accepted;
    }

    @Override
    public boolean send(PacketBuf packet, long now) {
        LinkCounter refused = null;
        if (!Frames.fits(caps, packet.length())) {
            refused = LinkCounter.OUT_ERRORS;
        } else if (stopped || size == queue.length) {
            refused = LinkCounter.OUT_DISCARDS;
        }
        if (refused != null) {
            packet.release();
            counters.increment(refused);
            return false;
        }
        int tail = (head + size) % queue.length;
        queue[tail] = packet;
        sentAt[tail] = now;
        size++;
        counters.increment(LinkCounter.OUT_FRAMES);
        counters.add(LinkCounter.OUT_OCTETS, packet.length());
        return true;
    }

    @Override
    public CounterGroup counters() {
        return counters;
    }

    /** Stops the driver and releases the packets waiting, counting them as {@link LinkCounter#IN_DISCARDS}. */
    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        int n = size;
        for (int i = 0; i < n; i++) {
            int at = (head + i) % queue.length;
            queue[at].release();
            queue[at] = null;
        }
        head = 0;
        size = 0;
        counters.add(LinkCounter.IN_DISCARDS, n);
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "LoopbackDriver[" + name + ", " + size + " waiting]";
    }
}
