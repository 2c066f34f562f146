package org.jwsk.wire.pcap;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a {@link PcapngWriter} writes its section.
 *
 * @param userAppl   the shb_userappl option: the application that wrote the file; empty for none
 * @param byteOrder  the section's byte order; little-endian by default, so files are the same on every machine
 * @param bufferSize bytes buffered before the channel is written, at least {@link #MIN_BUFFER_SIZE}; the buffer
 *                   also grows, once, to hold the largest block an interface's snap length allows
 */
public record PcapngWriterConfig(String userAppl, ByteOrder byteOrder, int bufferSize) {

    /** The smallest buffer. */
    public static final int MIN_BUFFER_SIZE = 4096;
    /** The default buffer: 256 KiB. */
    public static final int DEFAULT_BUFFER_SIZE = 256 * 1024;

    public PcapngWriterConfig {
        Objects.requireNonNull(userAppl, "userAppl");
        Objects.requireNonNull(byteOrder, "byteOrder");
        if (userAppl.getBytes(StandardCharsets.UTF_8).length > 0xffff) {
            throw new IllegalArgumentException("shb_userappl longer than 65535 bytes");
        }
        if (bufferSize < MIN_BUFFER_SIZE) {
            throw new IllegalArgumentException("buffer of " + bufferSize + " bytes, below " + MIN_BUFFER_SIZE);
        }
    }

    /** Little-endian, the default buffer, and {@code userAppl} as the writing application. */
    public static PcapngWriterConfig of(String userAppl) {
        return new PcapngWriterConfig(userAppl, ByteOrder.LITTLE_ENDIAN, DEFAULT_BUFFER_SIZE);
    }

    /** This configuration with another byte order. */
    public PcapngWriterConfig withByteOrder(ByteOrder order) {
        return new PcapngWriterConfig(userAppl, order, bufferSize);
    }

    /** This configuration with another buffer size. */
    public PcapngWriterConfig withBufferSize(int size) {
        return new PcapngWriterConfig(userAppl, byteOrder, size);
    }
}
