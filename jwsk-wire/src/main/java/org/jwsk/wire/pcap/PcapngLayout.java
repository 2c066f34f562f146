package org.jwsk.wire.pcap;

/**
 * The pcapng file format (draft-ietf-opsawg-pcapng, "PCAP Now Generic"): block types, fixed offsets inside
 * blocks, and option codes. Every block shares one frame (§3.1); all numbers are in the byte order of the section,
 * which its Section Header Block's byte-order magic announces (§3.6.1, §4.1):
 *
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Block Type                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Block Total Length                       |  multiple of 4, at least 12
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * /            Block Body, variable length, padded to 32 bits     /
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Block Total Length                       |  repeated for backward navigation
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Bodies this package reads and writes (offsets from the block start):
 * <pre>
 * SHB (§4.1)   8 byte-order magic 0x1A2B3C4D | 12 major u16 | 14 minor u16 | 16 section length i64 | 24 options
 * IDB (§4.2)   8 link type u16 | 10 reserved u16 | 12 snaplen u32 | 16 options
 * EPB (§4.3)   8 interface id u32 | 12 timestamp high u32 | 16 timestamp low u32 | 20 captured length u32
 *             | 24 original length u32 | 28 packet data, padded to 32 bits | options
 * SPB (§4.4)   8 original length u32 | 12 packet data, padded to 32 bits
 * PB (App. A)  8 interface id u16 | 10 drops count u16 | 12..28 as in the EPB | 28 packet data | options
 * </pre>
 *
 * Options (§3.5) are type-length-value: type u16, length u16 (without padding), value padded to 32 bits, ended by
 * opt_endofopt (type 0, length 0) or by the end of the block.
 *
 * <p><b>Implementation limits.</b> Blocks longer than {@link #MAX_BLOCK_LENGTH} are refused, as Wireshark refuses
 * them, so a corrupt length cannot make a reader buffer gigabytes.
 */
public final class PcapngLayout {

    /** Section Header Block, "\n\r\r\n": the same in either byte order (§4.1). */
    public static final int SHB = 0x0A0D0D0A;
    /** Interface Description Block (§4.2). */
    public static final int IDB = 0x00000001;
    /** Packet Block, obsolete (Appendix A). */
    public static final int PB = 0x00000002;
    /** Simple Packet Block (§4.4). */
    public static final int SPB = 0x00000003;
    /** Name Resolution Block (§4.5); skipped by the reader. */
    public static final int NRB = 0x00000004;
    /** Interface Statistics Block (§4.6); skipped by the reader. */
    public static final int ISB = 0x00000005;
    /** Enhanced Packet Block (§4.3). */
    public static final int EPB = 0x00000006;
    /** Decryption Secrets Block (§4.7); skipped by the reader. */
    public static final int DSB = 0x0000000A;
    /** Custom Block that rewriters may copy (§4.8); skipped by the reader. */
    public static final int CB_COPY = 0x00000BAD;
    /** Custom Block that rewriters should not copy (§4.8); skipped by the reader. */
    public static final int CB_NO_COPY = 0x40000BAD;

    /** The Byte-Order Magic of a Section Header Block, as written in the section's byte order. */
    public static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** The only major version this package reads and writes; sections of other versions are skipped (§3.4). */
    public static final int MAJOR_VERSION = 1;
    /** The minor version written; readers treat 2 as 0 (§4.1). */
    public static final int MINOR_VERSION = 0;
    /** The Section Length of a section whose length is not given. */
    public static final long SECTION_LENGTH_UNSPECIFIED = -1L;

    /** Block type plus leading total length. */
    public static final int BLOCK_HEADER_LENGTH = 8;
    /** The smallest block: header and trailing length, no body. */
    public static final int MIN_BLOCK_LENGTH = 12;
    /** The largest block the reader accepts (Wireshark's limit, 16 MiB). */
    public static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

    /** Offset of the Byte-Order Magic in an SHB. */
    public static final int SHB_BYTE_ORDER_MAGIC_OFFSET = 8;
    /** Offset of the major version in an SHB. */
    public static final int SHB_MAJOR_OFFSET = 12;
    /** Offset of the minor version in an SHB. */
    public static final int SHB_MINOR_OFFSET = 14;
    /** Offset of the 64-bit Section Length in an SHB. */
    public static final int SHB_SECTION_LENGTH_OFFSET = 16;
    /** Offset of the options in an SHB. */
    public static final int SHB_OPTIONS_OFFSET = 24;
    /** The shortest SHB: fixed fields and trailer. */
    public static final int SHB_MIN_LENGTH = 28;

    /** Offset of the link type in an IDB. */
    public static final int IDB_LINK_TYPE_OFFSET = 8;
    /** Offset of the reserved field in an IDB. */
    public static final int IDB_RESERVED_OFFSET = 10;
    /** Offset of the snap length in an IDB. */
    public static final int IDB_SNAPLEN_OFFSET = 12;
    /** Offset of the options in an IDB. */
    public static final int IDB_OPTIONS_OFFSET = 16;
    /** The shortest IDB. */
    public static final int IDB_MIN_LENGTH = 20;

    /** Offset of the interface id in an EPB (u32) or a PB (u16, followed by the drops count). */
    public static final int PACKET_INTERFACE_OFFSET = 8;
    /** Offset of the upper 32 timestamp bits in an EPB or PB. */
    public static final int PACKET_TIMESTAMP_HIGH_OFFSET = 12;
    /** Offset of the lower 32 timestamp bits in an EPB or PB. */
    public static final int PACKET_TIMESTAMP_LOW_OFFSET = 16;
    /** Offset of the captured length in an EPB or PB. */
    public static final int PACKET_CAPTURED_LENGTH_OFFSET = 20;
    /** Offset of the original length in an EPB or PB. */
    public static final int PACKET_ORIGINAL_LENGTH_OFFSET = 24;
    /** Offset of the packet data in an EPB or PB. */
    public static final int PACKET_DATA_OFFSET = 28;
    /** The shortest EPB or PB: no data, no options. */
    public static final int PACKET_MIN_LENGTH = 32;

    /** Offset of the original length in an SPB. */
    public static final int SPB_ORIGINAL_LENGTH_OFFSET = 8;
    /** Offset of the packet data in an SPB. */
    public static final int SPB_DATA_OFFSET = 12;
    /** The shortest SPB. */
    public static final int SPB_MIN_LENGTH = 16;

    /** Option header: type and length. */
    public static final int OPTION_HEADER_LENGTH = 4;
    /** opt_endofopt: ends an option list (§3.5). */
    public static final int OPT_ENDOFOPT = 0;
    /** opt_comment, any block (§3.5). */
    public static final int OPT_COMMENT = 1;
    /** shb_hardware (§4.1). */
    public static final int SHB_HARDWARE = 2;
    /** shb_os (§4.1). */
    public static final int SHB_OS = 3;
    /** shb_userappl (§4.1). */
    public static final int SHB_USERAPPL = 4;
    /** if_name (§4.2). */
    public static final int IF_NAME = 2;
    /** if_tsresol (§4.2), one byte: bit 7 clear, 10^-n seconds; set, 2^-n seconds. */
    public static final int IF_TSRESOL = 9;
    /** if_tsoffset (§4.2), a signed 64-bit number of seconds added to every timestamp. */
    public static final int IF_TSOFFSET = 14;
    /** epb_flags (§4.3, §4.3.1) and pack_flags (Appendix A), 32 bits. */
    public static final int EPB_FLAGS = 2;

    /** The if_tsresol a missing option means: microseconds (§4.2). */
    public static final int DEFAULT_TSRESOL = 6;
    /** The if_tsresol of nanoseconds, which the writer uses. */
    public static final int TSRESOL_NANOS = 9;

    private PcapngLayout() {
    }

    /** {@code n} rounded up to a multiple of 4. */
    public static long pad4(long n) {
        return (n + 3) & ~3L;
    }

    /** {@code n} rounded up to a multiple of 4. */
    public static int pad4(int n) {
        return (n + 3) & ~3;
    }
}
