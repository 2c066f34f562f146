package org.jwsk.wire.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the frames of a capture file, pcapng or classic pcap, one {@link CaptureRecord} at a time.
 *
 * <p>Files are untrusted: whatever the bytes, a reader returns records, returns {@code null} at a clean end, or
 * throws a {@link PcapFormatException} naming the problem and its byte offset. No runtime exception escapes; other
 * {@link IOException}s come only from the channel. After an exception the reader's position is unspecified: close
 * it.
 *
 * <p>Readers read blocking channels; they are not thread-safe (one thread at a time) and close their channel when
 * closed.
 */
public sealed interface CaptureReader extends Closeable permits PcapngReader, PcapReader {

    /**
     * The next frame, or {@code null} when the file ends cleanly (at a block or record boundary).
     *
     * @throws PcapFormatException if the file is malformed
     * @throws IOException         if the channel fails
     */
    CaptureRecord next() throws IOException;

    /** The byte offset, from the start of the input, of the next block or record to read. */
    long position();

    /** Calls {@code handler} with every remaining frame, in file order. */
    default void forEachRecord(RecordHandler handler) throws IOException {
        for (CaptureRecord r = next(); r != null; r = next()) {
            handler.onRecord(r);
        }
    }

    /** A consumer of records that may fail. */
    @FunctionalInterface
    interface RecordHandler {
        /** Handles one record. */
        void onRecord(CaptureRecord record) throws IOException;
    }

    /**
     * A reader for whichever format the channel holds, told apart by the first four bytes: a pcapng Section Header
     * Block or one of the four classic pcap magic numbers. The reader owns the channel from here on; if this method
     * throws, the caller still owns it.
     *
     * @throws PcapFormatException if the input is neither format or its first header is malformed
     */
    static CaptureReader open(ReadableByteChannel channel) throws IOException {
        ByteSource in = new ByteSource(channel);
        if (!in.request(4)) {
            throw new PcapFormatException("input of " + in.available() + " bytes is too short for a magic number", 0);
        }
        int magic = in.i32(0, ByteOrder.BIG_ENDIAN);
        if (magic == PcapngLayout.SHB) {
            return new PcapngReader(in);
        }
        if (PcapLayout.isMagic(magic)) {
            return new PcapReader(in);
        }
        throw new PcapFormatException(String.format("unknown magic number 0x%08x: neither pcapng nor pcap", magic), 0);
    }

    /** Opens {@code file} with {@link #open(ReadableByteChannel)}; the file is closed again if that fails. */
    static CaptureReader open(Path file) throws IOException {
        return ByteSource.openFile(file, CaptureReader::open);
    }

    /** Every frame of {@code file}, pcapng or pcap, read into memory. */
    static List<CaptureRecord> readAll(Path file) throws IOException {
        try (CaptureReader reader = open(file)) {
            return drain(reader);
        }
    }

    /** Every frame the channel holds, pcapng or pcap, read into memory; the channel is closed afterwards. */
    static List<CaptureRecord> readAll(ReadableByteChannel channel) throws IOException {
        try (channel; CaptureReader reader = open(channel)) {
            return drain(reader);
        }
    }

    private static List<CaptureRecord> drain(CaptureReader reader) throws IOException {
        List<CaptureRecord> records = new ArrayList<>();
        reader.forEachRecord(records::add);
        return records;
    }
}
