package org.jwsk.link;

import java.util.Objects;
import java.util.OptionalInt;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterGroup;

/**
 * The base of decorators (NDIS filter drivers): a driver that forwards every call to the driver it wraps.
 * Subclasses override what they change (typically {@link #start}, to interpose on the receiver, and {@link
 * #send(PacketBuf[], int, long)}) and inherit the rest.
 *
 * <p>The one-frame {@link #send(PacketBuf, long)} is deliberately <em>not</em> forwarded to the wrapped driver:
 * it calls this decorator's own {@link #send(PacketBuf[], int, long)} through a one-slot array kept per instance
 * (the owner thread is the only caller), so a subclass that overrides only the batch send sees every frame, and
 * nothing is allocated. A subclass may override the one-frame send too.
 *
 * <p>Threads and buffer ownership are those of {@link LinkDriver}; a decorator that drops a frame releases and
 * counts it.
 */
public abstract class ForwardingLinkDriver implements LinkDriver {

    private final LinkDriver inner;
    private final PacketBuf[] one = new PacketBuf[1];

    /** A decorator over {@code inner}, which it owns from now on (closing the decorator closes it). */
    protected ForwardingLinkDriver(LinkDriver inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** The wrapped driver. */
    public final LinkDriver inner() {
        return inner;
    }

    @Override
    public boolean send(PacketBuf frame, long now) {
        one[0] = frame;
        try {
            return send(one, 1, now) == 1;
        } finally {
            one[0] = null;
        }
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public LinkCaps caps() {
        return inner.caps();
    }

    @Override
    public void start(LinkReceiver receiver, Runnable wakeup) {
        inner.start(receiver, wakeup);
    }

    @Override
    public int poll(long now, int budget) {
        return inner.poll(now, budget);
    }

    @Override
    public long nextDeadline() {
        return inner.nextDeadline();
    }

    @Override
    public OptionalInt readableFd() {
        return inner.readableFd();
    }

    @Override
    public int send(PacketBuf[] frames, int count, long now) {
        return inner.send(frames, count, now);
    }

    @Override
    public CounterGroup counters() {
        return inner.counters();
    }

    @Override
    public void stop() {
        inner.stop();
    }

    @Override
    public void close() {
        inner.close();
    }
}
