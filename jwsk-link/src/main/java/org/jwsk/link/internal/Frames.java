package org.jwsk.link.internal;

import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.Medium;
import org.jwsk.wire.ethernet.EthernetLayout;

/** Small frame helpers the drivers and decorators of this module share. */
public final class Frames {

    private Frames() {
    }

    /**
     * Whether a frame of {@code length} bytes fits a link with these capabilities: at least an Ethernet header on
     * an Ethernet link, at least one byte on an IP link, and never more than {@link LinkCaps#maxFrameLength()}.
     */
    public static boolean fits(LinkCaps caps, int length) {
        int min = caps.medium() == Medium.ETHERNET ? EthernetLayout.HEADER_LENGTH : 1;
        return length >= min && length <= caps.maxFrameLength();
    }

    /**
     * A private copy of the frame's data in a new buffer from the same pool, with the pool's default headroom, or
     * {@code null} if the pool has no buffer. The frame is borrowed; the caller owns the copy.
     */
    public static PacketBuf copy(PacketBuf frame) {
        PacketBuf copy = frame.pool().tryAllocate(frame.length());
        if (copy != null) {
            copy.copyFrom(0, frame.segment(), frame.offset(), frame.length());
        }
        return copy;
    }
}
