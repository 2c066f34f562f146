package org.jwsk.wire.pcap;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;

/**
 * Reads classic libpcap files (draft-ietf-opsawg-pcap, {@link PcapLayout}): magic 0xA1B2C3D4 (microseconds) or
 * 0xA1B23C4D (nanoseconds) in either byte order, version 2.x, one link type for the whole file.
 *
 * <p><b>Validation.</b> The header must be complete, with a known magic, major version 2, and the reserved bits of
 * the link type field clear (§4: "a reader SHOULD treat a non-zero value as an error"). Each record header must be
 * complete, its captured length at most {@link PcapLayout#MAX_CAPTURED_LENGTH} and present in full. Failures are
 * {@link PcapFormatException}s at the offset of the faulty header.
 *
 * <p><b>Leniency</b>, as libpcap: a zero snap length, captured lengths beyond the snap length, original lengths
 * below the captured length and fractions of a second of a million microseconds or more are all read as they
 * stand.
 *
 * <p>See {@link CaptureReader} for the contract; one thread at a time.
 */
public final class PcapReader implements CaptureReader {

    private final ByteSource in;
    private final ByteOrder order;
    private final boolean nanosecond;
    private final int majorVersion;
    private final int minorVersion;
    private final long snaplen;
    private final int linkType;
    private final int fcsLength;

    /** Reads the file header. */
    PcapReader(ByteSource in) throws IOException {
        this.in = in;
        if (!in.request(PcapLayout.FILE_HEADER_LENGTH)) {
            throw new PcapFormatException("truncated pcap file header: " + in.available() + " of "
                    + PcapLayout.FILE_HEADER_LENGTH + " bytes", 0);
        }
        int magic = in.i32(0, ByteOrder.BIG_ENDIAN);
        if (magic == PcapLayout.MAGIC_MICROS || magic == PcapLayout.MAGIC_NANOS) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == PcapLayout.MAGIC_MICROS
                || Integer.reverseBytes(magic) == PcapLayout.MAGIC_NANOS) {
            order = ByteOrder.LITTLE_ENDIAN;
            magic = Integer.reverseBytes(magic);
        } else {
            String what = magic == PcapngLayout.SHB ? "a pcapng file, not classic pcap"
                    : String.format("unknown pcap magic number 0x%08x", magic);
            throw new PcapFormatException(what, 0);
        }
        nanosecond = magic == PcapLayout.MAGIC_NANOS;
        majorVersion = in.u16(PcapLayout.MAJOR_OFFSET, order);
        minorVersion = in.u16(PcapLayout.MINOR_OFFSET, order);
        if (majorVersion != PcapLayout.MAJOR_VERSION) {
            throw new PcapFormatException("unsupported pcap version " + majorVersion + "." + minorVersion
                    + ", only 2.x is read", PcapLayout.MAJOR_OFFSET);
        }
        snaplen = in.u32(PcapLayout.SNAPLEN_OFFSET, order);
        int field = in.i32(PcapLayout.LINK_TYPE_OFFSET, order);
        if ((field & PcapLayout.RESERVED_MASK) != 0) {
            throw new PcapFormatException(String.format("reserved bits set in the link type field 0x%08x", field),
                    PcapLayout.LINK_TYPE_OFFSET);
        }
        linkType = field & PcapLayout.LINK_TYPE_MASK;
        fcsLength = (field & PcapLayout.FCS_PRESENT_BIT) != 0 ? 2 * ((field & PcapLayout.FCS_LEN_MASK) >>> 28) : -1;
        in.skip(PcapLayout.FILE_HEADER_LENGTH);
    }

    /**
     * A reader of the pcap file the channel holds, positioned after its file header. The reader owns the channel
     * from here on; if this throws, the caller still owns it.
     *
     * @throws PcapFormatException if the file header is malformed
     */
    public static PcapReader open(ReadableByteChannel channel) throws IOException {
        return new PcapReader(new ByteSource(channel));
    }

    /** Opens {@code file} with {@link #open(ReadableByteChannel)}; the file is closed again if that fails. */
    public static PcapReader open(Path file) throws IOException {
        return ByteSource.openFile(file, PcapReader::open);
    }

    /** The file's byte order, as its magic number showed. */
    public ByteOrder byteOrder() {
        return order;
    }

    /** Whether timestamps carry nanoseconds (magic 0xA1B23C4D) rather than microseconds. */
    public boolean isNanosecond() {
        return nanosecond;
    }

    /** The major version, always 2. */
    public int majorVersion() {
        return majorVersion;
    }

    /** The minor version, normally 4. */
    public int minorVersion() {
        return minorVersion;
    }

    /** The snap length, unsigned 32-bit. */
    public long snaplen() {
        return snaplen;
    }

    /** The link type of every record ({@link LinkType}). */
    public int linkType() {
        return linkType;
    }

    /** Bytes of FCS at the end of every packet, or -1 when the header does not say (its P bit is clear). */
    public int fcsLength() {
        return fcsLength;
    }

    @Override
    public long position() {
        return in.offset();
    }

    @Override
    public CaptureRecord next() throws IOException {
        long start = in.offset();
        if (!in.request(PcapLayout.RECORD_HEADER_LENGTH)) {
            if (in.available() == 0) {
                return null;
            }
            throw new PcapFormatException("truncated record header: the file ends " + in.available()
                    + " bytes into it", start);
        }
        long captured = in.u32(PcapLayout.CAPTURED_LENGTH_OFFSET, order);
        long original = in.u32(PcapLayout.ORIGINAL_LENGTH_OFFSET, order);
        if (captured > PcapLayout.MAX_CAPTURED_LENGTH) {
            throw new PcapFormatException("record with impossible captured length " + captured + ", beyond the limit"
                    + " of " + PcapLayout.MAX_CAPTURED_LENGTH, start + PcapLayout.CAPTURED_LENGTH_OFFSET);
        }
        int recordLength = PcapLayout.RECORD_HEADER_LENGTH + (int) captured;
        if (!in.request(recordLength)) {
            throw new PcapFormatException("truncated record: " + captured + " bytes of packet data but the file ends "
                    + (in.available() - PcapLayout.RECORD_HEADER_LENGTH) + " bytes into them", start);
        }
        long seconds = in.u32(PcapLayout.TS_SECONDS_OFFSET, order);
        long fraction = in.u32(PcapLayout.TS_FRACTION_OFFSET, order);
        // Both fit: (2^32 - 1) * 10^9 + (2^32 - 1) * 10^3 is below 2^63.
        long nanos = seconds * 1_000_000_000L + (nanosecond ? fraction : fraction * 1_000L);
        CaptureRecord record = new CaptureRecord(0, linkType, nanos, original, Direction.UNKNOWN,
                in.octets(PcapLayout.RECORD_HEADER_LENGTH, (int) captured));
        in.skip(recordLength);
        return record;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
