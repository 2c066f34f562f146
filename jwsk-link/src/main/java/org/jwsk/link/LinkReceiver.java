package org.jwsk.link;

import org.jwsk.common.buf.PacketBuf;

/**
 * The upcall a driver delivers received frames to. Owned by the link layer and implemented by the layer above
 * (the network layer's interface object), as NDIS protocol drivers implement the receive handler a miniport
 * calls, and gVisor's network dispatcher.
 *
 * <p><b>Threads.</b> Called only from inside {@link LinkDriver#poll(long, int)}, on the thread that polls the
 * driver (the stack's own thread); never concurrently, never re-entrantly from {@code send}.
 */
public interface LinkReceiver {

    /**
     * A frame arrived: an Ethernet frame or an IP packet, as the driver's {@link LinkCaps#medium()} says, from
     * {@link PacketBuf#offset()} for {@link PacketBuf#length()} bytes.
     *
     * @param frame the frame; the receiver <b>takes ownership</b> and must release it on every path
     * @param now   the monotonic time passed to {@code poll}
     */
    void onFrame(PacketBuf frame, long now);

    /**
     * The link went up or down (a TAP device's carrier, a virtual wire cut by a test). Frames may still be
     * delivered after a down notification that were already received.
     */
    default void onLinkState(boolean up, long now) {
    }
}
