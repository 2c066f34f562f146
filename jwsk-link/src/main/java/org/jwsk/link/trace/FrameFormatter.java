package org.jwsk.link.trace;

import java.lang.foreign.MemorySegment;
import org.jwsk.link.Medium;

/**
 * Turns a frame into the one-line summary a {@link TracingLink} reports. {@link DefaultFrameFormatter} describes
 * every protocol jwsk-wire knows, tcpdump style; another formatter plugs in here.
 *
 * <p>The bytes are untrusted: a formatter checks before it parses ({@code View.check}) and describes a malformed
 * frame instead of throwing.
 */
@FunctionalInterface
public interface FrameFormatter {

    /**
     * A summary of the frame at {@code [offset, offset + length)} of {@code segment}, which is borrowed for the
     * duration of the call and must not be kept or written.
     *
     * @param medium what the link carries: Ethernet frames or bare IP packets
     */
    String summarize(Medium medium, MemorySegment segment, long offset, int length);
}
