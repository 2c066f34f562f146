package org.jwsk.net.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.ForwardingLinkDriver;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;

/**
 * A test decorator around a stack's link: it keeps a copy of every frame the stack sends, with the stack's time of
 * sending, lets the test put frames of its own on the link ({@link #inject}), and can reflect every frame the stack
 * sends back to it, as a looped link does ({@link #echoing}).
 *
 * <p>Driven by the stack's thread, like the driver it wraps.
 */
public final class FrameLog extends ForwardingLinkDriver {

    /** A frame the stack sent, at {@code at} on its clock. */
    public record Frame(long at, byte[] bytes) {
    }

    private final List<Frame> sent = new ArrayList<>();
    private final boolean echo;
    private final ArrayDeque<PacketBuf> echoes = new ArrayDeque<>();
    private long echoAt;
    private LinkReceiver receiver;

    private FrameLog(LinkDriver inner, boolean echo) {
        super(inner);
        this.echo = echo;
    }

    /** A log of what the stack sends over {@code inner}. */
    public static FrameLog of(LinkDriver inner) {
        return new FrameLog(inner, false);
    }

    /** A log that also hands every sent frame back to the stack, as a link that loops frames back would. */
    public static FrameLog echoing(LinkDriver inner) {
        return new FrameLog(inner, true);
    }

    @Override
    public void start(LinkReceiver r, Runnable wakeup) {
        this.receiver = r;
        super.start(r, wakeup);
    }

    @Override
    public int send(PacketBuf[] frames, int count, long now) {
        for (int i = 0; i < count; i++) {
            PacketBuf f = frames[i];
            sent.add(new Frame(now, f.toByteArray()));
            if (echo) {
                PacketBuf copy = f.pool().tryAllocate(f.length());
                if (copy != null) {
                    copy.copyFrom(0, f.segment(), f.offset(), f.length());
                    echoes.add(copy);
                    echoAt = now;
                }
            }
        }
        return super.send(frames, count, now);
    }

    @Override
    public int poll(long now, int budget) {
        int n = 0;
        while (!echoes.isEmpty() && n < budget) {
            receiver.onFrame(echoes.poll(), now);
            n++;
        }
        return n + super.poll(now, budget - n);
    }

    @Override
    public long nextDeadline() {
        return echoes.isEmpty() ? super.nextDeadline() : Math.min(echoAt, super.nextDeadline());
    }

    @Override
    public void stop() {
        for (PacketBuf b = echoes.poll(); b != null; b = echoes.poll()) {
            b.release();
        }
        super.stop();
    }

    /** Puts {@code frame} on the link, as if the stack had sent it, without logging it. */
    public void inject(BufPool pool, byte[] frame, long now) {
        inner().send(pool.copyOf(frame), now);
    }

    /** Every frame sent so far, oldest first. */
    public List<Frame> sent() {
        return sent;
    }

    /** Forgets the frames logged so far. */
    public void clear() {
        sent.clear();
    }
}
