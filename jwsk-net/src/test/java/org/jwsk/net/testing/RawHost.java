package org.jwsk.net.testing;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;

/**
 * A host without a stack on one end of a virtual wire: the test writes every byte it sends and reads every frame it
 * receives, as a packet crafter (scapy) would. Frames it sends come from its own pool, so a stack may hold them (as
 * fragments) without touching the stacks' pools.
 *
 * <p>Driven by the test's thread: {@link #received} polls the end. Close it after the wire and the stacks.
 */
public final class RawHost implements AutoCloseable {

    private final LinkDriver end;
    private final BufPool pool;
    private final List<byte[]> received = new ArrayList<>();

    /** A raw host on {@code end} whose frames come from a pool of the default shape. */
    public RawHost(LinkDriver end) {
        this(end, BufPoolConfig.defaults("raw"));
    }

    /** A raw host on {@code end} whose frames come from a pool of {@code config}'s shape. */
    public RawHost(LinkDriver end, BufPoolConfig config) {
        this.end = end;
        this.pool = BufPool.create(config);
        end.start(new LinkReceiver() {
            @Override
            public void onFrame(PacketBuf frame, long now) {
                received.add(frame.toByteArray());
                frame.release();
            }
        }, () -> { });
    }

    /** Sends {@code frame} (an Ethernet frame or an IP packet, as the wire carries) at {@code now}. */
    public boolean send(byte[] frame, long now) {
        PacketBuf buf = pool.allocate(frame.length);
        buf.copyFrom(0, frame, 0, frame.length);
        return end.send(buf, now);
    }

    /** Sends each frame in order. */
    public void sendAll(List<byte[]> frames, long now) {
        for (byte[] f : frames) {
            send(f, now);
        }
    }

    /** Every frame received so far (after taking what has arrived by {@code now}), oldest first; a live list. */
    public List<byte[]> received(long now) {
        while (end.poll(now, 64) > 0) {
            // keep taking
        }
        return received;
    }

    /** The pool the frames it sends come from. */
    public BufPool pool() {
        return pool;
    }

    @Override
    public void close() {
        end.close();
        pool.close();
    }
}
