package org.jwsk.link.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.LinkReceiver;

/**
 * A receiver that records each frame (sequence number, time, bytes) and releases it at once, and records link
 * state notifications. One thread.
 */
public final class RecordingReceiver implements LinkReceiver {

    /** One received frame. */
    public record Arrival(int seq, long now, byte[] bytes) {
    }

    private final ToIntFunction<PacketBuf> seqOf;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<Boolean> linkStates = new ArrayList<>();

    /** Records Ethernet test frames. */
    public RecordingReceiver() {
        this(TestFrames::ethernetSeq);
    }

    /** Records frames whose sequence number {@code seqOf} reads. */
    public RecordingReceiver(ToIntFunction<PacketBuf> seqOf) {
        this.seqOf = seqOf;
    }

    @Override
    public void onFrame(PacketBuf frame, long now) {
        try {
            arrivals.add(new Arrival(seqOf.applyAsInt(frame), now, frame.toByteArray()));
        } finally {
            frame.release();
        }
    }

    @Override
    public void onLinkState(boolean up, long now) {
        linkStates.add(up);
    }

    /** Every frame received so far. */
    public List<Arrival> arrivals() {
        return arrivals;
    }

    /** The sequence numbers received so far, in order. */
    public List<Integer> seqs() {
        return arrivals.stream().map(Arrival::seq).toList();
    }

    /** The times at which frames were received, in order. */
    public List<Long> times() {
        return arrivals.stream().map(Arrival::now).toList();
    }

    /** Link state notifications so far, in order. */
    public List<Boolean> linkStates() {
        return linkStates;
    }

    /** Forgets what was recorded. */
    public void clear() {
        arrivals.clear();
        linkStates.clear();
    }
}
