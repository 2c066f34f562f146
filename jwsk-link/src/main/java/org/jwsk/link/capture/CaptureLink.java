package org.jwsk.link.capture;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.Clock;
import org.jwsk.link.ForwardingLinkDriver;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.Medium;
import org.jwsk.wire.pcap.Direction;
import org.jwsk.wire.pcap.LinkType;
import org.jwsk.wire.pcap.PcapngWriter;

/**
 * A capture decorator: wraps any {@link LinkDriver} and writes every frame it receives and every frame it is
 * handed to send into a pcapng file, as an NDIS filter driver or Linux's packet taps would (smoltcp's
 * {@code PcapWriter} device, gVisor's {@code sniffer} link endpoint).
 *
 * <p><b>The file.</b> Wrapping describes the link in the {@link PcapngWriter} with one Interface Description Block
 * named after {@link LinkDriver#name()}, with link type {@link LinkType#ETHERNET} for an Ethernet medium and {@link
 * LinkType#RAW} for an IP one. Several links may share one writer, so a whole simulated network lands in one file,
 * one interface per link. Each frame's Enhanced Packet Block carries its direction (inbound for frames the wrapped
 * driver delivers, outbound for frames handed to {@link #send}) and a timestamp read from the injected {@link
 * Clock#epochNanos()} when the frame passes, so a {@link org.jwsk.common.time.ManualClock} gives reproducible
 * files.
 *
 * <p><b>Buffers.</b> Capture never changes ownership: received frames go to the receiver, and frames to send go to
 * the wrapped driver, as the very same {@link PacketBuf}s, untouched; the writer copies their bytes while it
 * borrows them. Outbound frames are captured before the wrapped driver takes them over, so the file also shows
 * frames the driver then discards (queue full, link down), as Linux's taps see a frame in {@code xmit_one} before
 * the driver's {@code ndo_start_xmit} can drop it.
 *
 * <p><b>Threads.</b> Like the driver it wraps: every method but {@link #name()}, {@link #caps()} and {@link
 * #counters()} runs on the owning thread. The shared writer is itself synchronized, so links owned by different
 * threads may share it.
 *
 * <p>Closing it closes the wrapped driver; the writer stays open, since other links may share it.
 *
 * <p><b>Failures.</b> A failed capture write never disturbs the link: frames keep flowing, capture stops for this
 * link, and {@link #captureFailure()} reports why.
 */
public final class CaptureLink extends ForwardingLinkDriver {

    /** The snap length of a link's interface unless told otherwise: the writer's maximum, so nothing is cut. */
    public static final int DEFAULT_SNAPLEN = PcapngWriter.MAX_SNAPLEN;

    private final PcapngWriter writer;
    private final Clock clock;
    private final int interfaceId;
    private final Tap tap = new Tap();
    private LinkReceiver receiver;
    private long framesCaptured;
    private IOException failure;

    private CaptureLink(LinkDriver inner, PcapngWriter writer, Clock clock, int interfaceId) {
        super(inner);
        this.writer = writer;
        this.clock = clock;
        this.interfaceId = interfaceId;
    }

    /**
     * Wraps {@code inner}, capturing whole frames ({@link #DEFAULT_SNAPLEN}); see {@link #wrap(LinkDriver,
     * PcapngWriter, Clock, int)}.
     */
    public static CaptureLink wrap(LinkDriver inner, PcapngWriter writer, Clock clock) throws IOException {
        return wrap(inner, writer, clock, DEFAULT_SNAPLEN);
    }

    /**
     * Wraps {@code inner} and describes it in {@code writer} as a new interface. The link does not own the writer:
     * whoever created the writer closes it, after the last link that shares it. Call before {@link #start}, from the
     * thread that owns {@code inner}.
     *
     * @param snaplen the most bytes kept of each frame, 1 to {@link PcapngWriter#MAX_SNAPLEN}
     * @throws IOException if the writer cannot take the interface description (closed, or broken by a failed write)
     */
    public static CaptureLink wrap(LinkDriver inner, PcapngWriter writer, Clock clock, int snaplen)
            throws IOException {
        Objects.requireNonNull(inner, "inner");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(clock, "clock");
        int id = writer.addInterface(inner.name(), linkType(inner.caps().medium()), snaplen);
        return new CaptureLink(inner, writer, clock, id);
    }

    /** The capture link type of a medium: Ethernet frames, or bare IPv4 and IPv6 packets (LINKTYPE_RAW). */
    public static int linkType(Medium medium) {
        return switch (medium) {
            case ETHERNET -> LinkType.ETHERNET;
            case IP -> LinkType.RAW;
        };
    }

    /** This link's interface id in the capture file. */
    public int interfaceId() {
        return interfaceId;
    }

    /** Frames written to the capture so far, both directions. Owning thread. */
    public long framesCaptured() {
        return framesCaptured;
    }

    /** Why capture stopped on this link, if a write failed. Owning thread. */
    public Optional<IOException> captureFailure() {
        return Optional.ofNullable(failure);
    }

    /** Starts the wrapped driver with a receiver that captures each frame, then hands it on to {@code receiver}. */
    @Override
    public void start(LinkReceiver receiver, Runnable wakeup) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        inner().start(tap, wakeup);
    }

    /**
     * Captures {@code frames[0..count)} as outbound, then hands them to the wrapped driver, which <b>takes
     * ownership</b> of them as {@link LinkDriver#send} says.
     */
    @Override
    public int send(PacketBuf[] frames, int count, long now) {
        int accepted;
        try {
            for (int i = 0; i < count; i++) {
                capture(frames[i], Direction.OUTBOUND);
            }
        } finally {
            accepted = inner().send(frames, count, now); // ownership moves on whatever capture did
        }
        return accepted;
    }

    /** Captures {@code frame} as outbound, then hands it to the wrapped driver, which <b>takes ownership</b>. */
    @Override
    public boolean send(PacketBuf frame, long now) {
        boolean accepted;
        try {
            capture(frame, Direction.OUTBOUND);
        } finally {
            accepted = inner().send(frame, now); // ownership moves on whatever capture did
        }
        return accepted;
    }

    /** Writes the frame, borrowed, unless an earlier write failed. */
    private void capture(PacketBuf frame, Direction direction) {
        if (failure != null) {
            return;
        }
        try {
            writer.writePacket(interfaceId, clock.epochNanos(), direction, frame);
            framesCaptured++;
        } catch (IOException e) {
            failure = e;
        }
    }

    /** What the wrapped driver delivers to: capture, then hand the frame on with its ownership. */
    private final class Tap implements LinkReceiver {
        @Override
        public void onFrame(PacketBuf frame, long now) {
            try {
                capture(frame, Direction.INBOUND);
            } finally {
                receiver.onFrame(frame, now); // ownership moves on whatever capture did
            }
        }

        @Override
        public void onLinkState(boolean up, long now) {
            receiver.onLinkState(up, now);
        }
    }

    @Override
    public String toString() {
        return "CaptureLink[" + name() + " as interface " + interfaceId + "]";
    }
}
