package org.jwsk.wire.pcap;

/**
 * The classic libpcap file format (draft-ietf-opsawg-pcap): a 24-byte file header, then records of a 16-byte
 * header and unpadded packet data. Numbers are in the byte order of the writer, which the magic number reveals
 * (§4.1).
 *
 * <pre>
 * File Header (§4)
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Magic Number                         |  0xA1B2C3D4 us, 0xA1B23C4D ns
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Major Version         |         Minor Version         |  2.4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           Reserved1                           |  ignored
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           Reserved2                           |  ignored
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            SnapLen                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |FCS len|R|P|     Reserved3     |            LinkType           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Packet Record (§5)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Timestamp (Seconds)                      |  unsigned, since 1970
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Timestamp (Microseconds or nanoseconds)            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Captured Packet Length                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Original Packet Length                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /                 Packet Data, not padded                       /
 * </pre>
 *
 * <p><b>Implementation limits.</b> Records longer than {@link #MAX_CAPTURED_LENGTH} are refused, so a corrupt
 * length cannot make the reader buffer gigabytes (libpcap refuses anything beyond 256 KiB for most link types).
 */
public final class PcapLayout {

    /** Magic of a file with microsecond timestamps, as read in the file's own byte order. */
    public static final int MAGIC_MICROS = 0xA1B2C3D4;
    /** Magic of a file with nanosecond timestamps, as read in the file's own byte order. */
    public static final int MAGIC_NANOS = 0xA1B23C4D;
    /** The major version every pcap file since libpcap 0.4 carries. */
    public static final int MAJOR_VERSION = 2;
    /** The minor version of the current format. */
    public static final int MINOR_VERSION = 4;

    /** Length of the file header. */
    public static final int FILE_HEADER_LENGTH = 24;
    /** Offset of the major version in the file header. */
    public static final int MAJOR_OFFSET = 4;
    /** Offset of the minor version in the file header. */
    public static final int MINOR_OFFSET = 6;
    /** Offset of the snap length in the file header. */
    public static final int SNAPLEN_OFFSET = 16;
    /** Offset of the link type and additional information in the file header. */
    public static final int LINK_TYPE_OFFSET = 20;
    /** The LinkType bits of the link type field. */
    public static final int LINK_TYPE_MASK = 0x0000_FFFF;
    /** The FCS len bits of the link type field: 16-bit words of FCS per packet when the P bit is set. */
    public static final int FCS_LEN_MASK = 0xF000_0000;
    /** The P bit of the link type field: the FCS length is present. */
    public static final int FCS_PRESENT_BIT = 0x0400_0000;
    /** The R bit and Reserved3 of the link type field, which must be zero (§4). */
    public static final int RESERVED_MASK = 0x0BFF_0000;

    /** Length of a record header. */
    public static final int RECORD_HEADER_LENGTH = 16;
    /** Offset of the seconds in a record header. */
    public static final int TS_SECONDS_OFFSET = 0;
    /** Offset of the fraction (micro- or nanoseconds) in a record header. */
    public static final int TS_FRACTION_OFFSET = 4;
    /** Offset of the captured length in a record header. */
    public static final int CAPTURED_LENGTH_OFFSET = 8;
    /** Offset of the original length in a record header. */
    public static final int ORIGINAL_LENGTH_OFFSET = 12;
    /** The largest captured length the reader accepts, 16 MiB, as for pcapng blocks. */
    public static final int MAX_CAPTURED_LENGTH = 16 * 1024 * 1024;

    private PcapLayout() {
    }

    /** Whether {@code bigEndianWord}, the first four bytes read big-endian, is a pcap magic in either byte order. */
    public static boolean isMagic(int bigEndianWord) {
        return bigEndianWord == MAGIC_MICROS || bigEndianWord == MAGIC_NANOS
                || Integer.reverseBytes(bigEndianWord) == MAGIC_MICROS || Integer.reverseBytes(bigEndianWord) == MAGIC_NANOS;
    }
}
