package org.jwsk.wire.pcap;

import java.io.IOException;

/**
 * A capture file is malformed: truncated, with an impossible length, a block whose trailing length differs from
 * its leading one, an unknown magic number. The message names the problem and the byte offset, from the start of
 * the input, of the block, record or field at fault.
 *
 * <p>The readers of this package throw this and nothing else for bad input: no runtime exception escapes them,
 * whatever the bytes (their fuzz tests hold them to that). Other {@link IOException}s come from the channel.
 */
public final class PcapFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param problem what is wrong, without the offset
     * @param offset  the byte offset of the faulty structure from the start of the input
     */
    public PcapFormatException(String problem, long offset) {
        super(problem + " (at byte offset " + offset + ")");
        this.offset = offset;
    }

    /** The byte offset of the faulty block, record or field, from the start of the input. */
    public long offset() {
        return offset;
    }
}
