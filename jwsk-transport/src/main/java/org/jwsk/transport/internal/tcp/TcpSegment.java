package org.jwsk.transport.internal.tcp;

import org.jwsk.common.buf.PacketBuf;
import org.jwsk.wire.tcp.TcpFlags;
import org.jwsk.wire.tcp.TcpOptionCursor;
import org.jwsk.wire.tcp.TcpOptionKind;
import org.jwsk.wire.tcp.TcpView;

/**
 * An arriving segment as TCP's processing sees it: header fields, the options it carried, and its data. One
 * reusable instance per protocol, filled from a checked {@link TcpView} by {@link #load}; valid until the next
 * segment. Sequence numbers are raw 32-bit values (compare with {@link org.jwsk.common.seq.Seq32}).
 *
 * <p><b>Buffers.</b> {@link #payload} is a buffer holding exactly the segment's data (no headers), or null when it
 * carries none. Whoever handles the segment takes ownership of it: a connection that keeps the data keeps the
 * buffer; otherwise it must release it (or call {@link #releasePayload()}).
 */
public final class TcpSegment {

    /** Absent option values. */
    public static final int NONE = -1;
    /** The most SACK blocks a segment can carry (RFC 2018 §3: four, three with timestamps). */
    public static final int MAX_SACK_BLOCKS = 4;

    public int seq;
    public int ack;
    public int flags;
    /** The window field, unscaled. */
    public int window;
    public int urgentPointer;
    /** MSS option, or {@link #NONE}. */
    public int mss;
    /** Window scale option (raw shift), or {@link #NONE}. */
    public int windowScale;
    public boolean sackPermitted;
    public boolean hasTimestamps;
    public int tsVal;
    public int tsEcr;
    /** SACK blocks: {@code sackLeft[i]}, {@code sackRight[i]} for {@code i < sackCount}. */
    public final int[] sackLeft = new int[MAX_SACK_BLOCKS];
    public final int[] sackRight = new int[MAX_SACK_BLOCKS];
    public int sackCount;
    /** The option list was malformed after some point (those options were ignored, as Linux does). */
    public boolean optionsMalformed;
    /** The IP header's ECN field (RFC 3168): 0 Not-ECT, 1 ECT(1), 2 ECT(0), 3 CE. */
    public int ecn;
    /** The data, or null. */
    public PacketBuf payload;
    public int payloadLength;

    private final TcpOptionCursor cursor = new TcpOptionCursor();

    /**
     * Fills the fields from a segment whose {@link TcpView#check} passed. Does not touch {@link #payload}: the caller
     * cuts the data out of the packet and sets it.
     */
    public TcpSegment load(TcpView v, int ipEcn) {
        seq = v.seqNumber();
        ack = v.ackNumber();
        flags = v.flags();
        window = v.window();
        urgentPointer = v.urgentPointer();
        ecn = ipEcn;
        loadOptions(v);
        payload = null;
        payloadLength = v.length() - v.headerLength();
        return this;
    }

    private void loadOptions(TcpView v) {
        mss = NONE;
        windowScale = NONE;
        sackPermitted = false;
        hasTimestamps = false;
        sackCount = 0;
        cursor.reset(v);
        while (cursor.next()) {
            if (!cursor.isWellFormed()) {
                continue; // a known kind with the wrong length is ignored (RFC 9293 §3.2 MUST-6)
            }
            switch (cursor.kind()) {
                case TcpOptionKind.MSS -> mss = cursor.mss();
                case TcpOptionKind.WINDOW_SCALE -> windowScale = cursor.windowScale();
                case TcpOptionKind.SACK_PERMITTED -> sackPermitted = true;
                case TcpOptionKind.TIMESTAMPS -> {
                    hasTimestamps = true;
                    tsVal = cursor.tsVal();
                    tsEcr = cursor.tsEcr();
                }
                case TcpOptionKind.SACK -> {
                    sackCount = Math.min(cursor.sackBlockCount(), MAX_SACK_BLOCKS);
                    for (int i = 0; i < sackCount; i++) {
                        sackLeft[i] = cursor.sackLeft(i);
                        sackRight[i] = cursor.sackRight(i);
                    }
                }
                default -> { }
            }
        }
        optionsMalformed = cursor.isMalformed();
    }

    /** Whether every flag of {@code mask} is set. */
    public boolean has(int mask) {
        return (flags & mask) == mask;
    }

    public boolean syn() {
        return (flags & TcpFlags.SYN) != 0;
    }

    public boolean ack() {
        return (flags & TcpFlags.ACK) != 0;
    }

    public boolean fin() {
        return (flags & TcpFlags.FIN) != 0;
    }

    public boolean rst() {
        return (flags & TcpFlags.RST) != 0;
    }

    /** SEG.LEN: the data plus one for SYN and one for FIN (RFC 9293 §3.4). */
    public int segmentLength() {
        return payloadLength + (syn() ? 1 : 0) + (fin() ? 1 : 0);
    }

    /** Releases the payload if the segment still holds one. */
    public void releasePayload() {
        if (payload != null) {
            payload.release();
            payload = null;
        }
    }
}
