package org.jwsk.link.trace;

import java.util.Objects;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterGroup;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.link.ForwardingLinkDriver;
import org.jwsk.link.LinkCounter;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;

/**
 * A decorator that reports every frame passing through it, in both directions, to a {@link TraceSink}: smoltcp's
 * tracer device, gVisor's sniffer. Each report carries the time, the direction, the length and a summary from the
 * {@link FrameFormatter} ({@link DefaultFrameFormatter} unless another is given).
 *
 * <p>Sent frames are reported as the stack hands them down, before the wrapped driver takes them (so a frame the
 * driver then discards is still reported); received frames as the wrapped driver hands them up, before the
 * receiver gets them. Tracing never changes, keeps or copies a frame: ownership passes straight through. The
 * decorator counts what it saw in its own {@link LinkCounter}s.
 *
 * <p>Tracing can be switched off and on at run time ({@link #setEnabled}), from any thread; when off, frames pass
 * with no formatting cost. Otherwise the threads are those of {@link LinkDriver}: the sink and the formatter run on
 * the owner thread.
 */
public final class TracingLink extends ForwardingLinkDriver {

    private final TraceSink sink;
    private final FrameFormatter formatter;
    private final CounterSet<LinkCounter> counters;
    private volatile boolean enabled = true;
    private LinkReceiver upstream;

    /** Traces {@code inner} with the default formatter. */
    public TracingLink(LinkDriver inner, TraceSink sink) {
        this(inner, sink, new DefaultFrameFormatter());
    }

    /** Traces {@code inner}, which it owns from now on, summarising frames with {@code formatter}. */
    public TracingLink(LinkDriver inner, TraceSink sink, FrameFormatter formatter) {
        super(inner);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.formatter = Objects.requireNonNull(formatter, "formatter");
        this.counters = CounterSet.of("link." + inner.name() + ".trace", LinkCounter.class);
    }

    /** Whether frames are being reported; any thread. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Switches reporting on or off from the next frame; any thread. */
    public void setEnabled(boolean on) {
        enabled = on;
    }

    @Override
    public void start(LinkReceiver receiver, Runnable wakeup) {
        this.upstream = Objects.requireNonNull(receiver, "receiver");
        inner().start(new LinkReceiver() {
            @Override
            public void onFrame(PacketBuf frame, long now) {
                counters.increment(LinkCounter.IN_FRAMES);
                counters.add(LinkCounter.IN_OCTETS, frame.length());
                try {
                    trace(TraceDirection.RX, frame, now);
                } finally {
                    upstream.onFrame(frame, now); // ownership moves on even if the sink or formatter threw
                }
            }

            @Override
            public void onLinkState(boolean up, long now) {
                upstream.onLinkState(up, now);
            }
        }, wakeup);
    }

    /** Reports each frame, then passes them all down; takes ownership of every frame, as the wrapped driver does. */
    @Override
    public int send(PacketBuf[] frames, int count, long now) {
        Objects.checkFromIndexSize(0, count, frames.length);
        int sent;
        try {
            for (int i = 0; i < count; i++) {
                traceSent(frames[i], now);
            }
        } finally {
            sent = inner().send(frames, count, now); // ownership moves on even if the sink or formatter threw
        }
        return sent;
    }

    /** Reports the frame, then passes it down without the default's array; takes ownership. */
    @Override
    public boolean send(PacketBuf frame, long now) {
        boolean sentOne;
        try {
            traceSent(frame, now);
        } finally {
            sentOne = inner().send(frame, now);
        }
        return sentOne;
    }

    private void traceSent(PacketBuf frame, long now) {
        counters.increment(LinkCounter.OUT_FRAMES);
        counters.add(LinkCounter.OUT_OCTETS, frame.length());
        trace(TraceDirection.TX, frame, now);
    }

    private void trace(TraceDirection direction, PacketBuf frame, long now) {
        if (enabled) {
            String summary = formatter.summarize(caps().medium(), frame.segment(), frame.offset(), frame.length());
            sink.trace(new TraceRecord(now, name(), direction, frame.length(), summary));
        }
    }

    @Override
    public CounterGroup counters() {
        return counters;
    }

    @Override
    public String toString() {
        return "TracingLink[" + inner() + "]";
    }
}
