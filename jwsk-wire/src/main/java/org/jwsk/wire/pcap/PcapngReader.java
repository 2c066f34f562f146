package org.jwsk.wire.pcap;

import static org.jwsk.wire.pcap.PcapngLayout.pad4;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcapng files (draft-ietf-opsawg-pcapng): sections in either byte order, one after another; Interface
 * Description Blocks with if_name, if_tsresol (powers of 10 and of 2) and if_tsoffset; Enhanced, Simple and the
 * obsolete Packet Blocks. Every other block type, and every option it does not use, is skipped.
 *
 * <p><b>Validation.</b> Every block is framed before it is read: its total length must be at least 12, a multiple
 * of 4, at most {@link PcapngLayout#MAX_BLOCK_LENGTH}, present in full, and repeated at the block's end; the fixed
 * fields of a block type must fit; packet data and options must fit inside their block; options the reader uses
 * must have their specified length (§3.5 lets a reader stop on an option of invalid length, and this one does);
 * packets must name an interface the section has described (§4.3). Each failure is a {@link
 * PcapFormatException} at the offset of the faulty block or option.
 *
 * <p><b>Leniency.</b> A section of another major version, or of a minor version other than 0 and 2, is skipped
 * block by block up to the next Section Header Block, as §3.4 requires. A section length other than -1 is reported
 * but not enforced: Wireshark and libpcap ignore it too. An original length below the captured length is reported
 * as it stands. The direction bits value 11, undefined, reads as {@link Direction#UNKNOWN}.
 *
 * <p>See {@link CaptureReader} for the contract; one thread at a time.
 */
public final class PcapngReader implements CaptureReader {

    private final ByteSource in;
    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private PcapngSection section;
    private ByteOrder order;
    private int sectionCount;

    private final OptionCursor options = new OptionCursor();

    /** Reads the first Section Header Block; anything else at the start is a format error. */
    PcapngReader(ByteSource in) throws IOException {
        this.in = in;
        if (!in.request(4)) {
            throw new PcapFormatException("input of " + in.available() + " bytes is too short for a block type", 0);
        }
        int type = in.i32(0, ByteOrder.BIG_ENDIAN);
        if (type != PcapngLayout.SHB) {
            String what = PcapLayout.isMagic(type) ? "a classic pcap file, not pcapng"
                    : String.format("not a pcapng file: first block type 0x%08x is not a Section Header Block", type);
            throw new PcapFormatException(what, 0);
        }
        readSectionHeader();
    }

    /**
     * A reader of the pcapng file the channel holds, positioned after its first Section Header Block. The reader
     * owns the channel from here on; if this throws, the caller still owns it.
     *
     * @throws PcapFormatException if the input does not start with a well-formed Section Header Block
     */
    public static PcapngReader open(ReadableByteChannel channel) throws IOException {
        return new PcapngReader(new ByteSource(channel));
    }

    /** Opens {@code file} with {@link #open(ReadableByteChannel)}; the file is closed again if that fails. */
    public static PcapngReader open(Path file) throws IOException {
        return ByteSource.openFile(file, PcapngReader::open);
    }

    /** The section being read: the last Section Header Block seen. */
    public PcapngSection section() {
        return section;
    }

    /** How many Section Header Blocks have been read so far, the first included. */
    public int sectionCount() {
        return sectionCount;
    }

    /** The interfaces the current section has described so far, indexed by interface id. */
    public List<PcapngInterface> interfaces() {
        return List.copyOf(interfaces);
    }

    @Override
    public long position() {
        return in.offset();
    }

    @Override
    public CaptureRecord next() throws IOException {
        for (;;) {
            long blockStart = in.offset();
            if (!in.request(PcapngLayout.BLOCK_HEADER_LENGTH)) {
                if (in.available() == 0) {
                    return null;
                }
                throw new PcapFormatException("truncated block header: the file ends " + in.available()
                        + " bytes into it", blockStart);
            }
            if (in.i32(0, order) == PcapngLayout.SHB) {
                readSectionHeader();
                continue;
            }
            int length = frameBlock(blockStart, order);
            CaptureRecord record = section.isReadable() ? readBlock(in.i32(0, order), length, blockStart) : null;
            in.skip(length);
            if (record != null) {
                return record;
            }
        }
    }

    /**
     * Checks the framing of the block at the read position (§3.1) and buffers all of it.
     *
     * @return the block total length
     */
    private int frameBlock(long blockStart, ByteOrder byteOrder) throws IOException {
        long type = in.u32(0, byteOrder);
        long length = in.u32(4, byteOrder);
        if (length < PcapngLayout.MIN_BLOCK_LENGTH) {
            throw new PcapFormatException(String.format("block type 0x%08x has an impossible total length %d,"
                    + " below the minimum of 12", type, length), blockStart);
        }
        if (length % 4 != 0) {
            throw new PcapFormatException(String.format("block type 0x%08x has total length %d, not a multiple of 4",
                    type, length), blockStart);
        }
        if (length > PcapngLayout.MAX_BLOCK_LENGTH) {
            throw new PcapFormatException(String.format("block type 0x%08x has total length %d, beyond the limit of"
                    + " %d", type, length, PcapngLayout.MAX_BLOCK_LENGTH), blockStart);
        }
        if (!in.request((int) length)) {
            throw new PcapFormatException(String.format("truncated block: type 0x%08x has total length %d but the"
                    + " file ends %d bytes into it", type, length, in.available()), blockStart);
        }
        long trailer = in.u32((int) length - 4, byteOrder);
        if (trailer != length) {
            throw new PcapFormatException(String.format("block total length mismatch: block type 0x%08x starts with"
                    + " length %d but ends with %d", type, length, trailer), blockStart);
        }
        return (int) length;
    }

    /** Reads the Section Header Block at the read position and starts its section (§4.1). */
    private void readSectionHeader() throws IOException {
        long start = in.offset();
        if (!in.request(PcapngLayout.SHB_BYTE_ORDER_MAGIC_OFFSET + 4)) {
            throw new PcapFormatException("truncated Section Header Block: the file ends " + in.available()
                    + " bytes into it", start);
        }
        int magic = in.i32(PcapngLayout.SHB_BYTE_ORDER_MAGIC_OFFSET, ByteOrder.BIG_ENDIAN);
        ByteOrder byteOrder;
        if (magic == PcapngLayout.BYTE_ORDER_MAGIC) {
            byteOrder = ByteOrder.BIG_ENDIAN;
        } else if (magic == Integer.reverseBytes(PcapngLayout.BYTE_ORDER_MAGIC)) {
            byteOrder = ByteOrder.LITTLE_ENDIAN;
        } else {
            throw new PcapFormatException(String.format("Section Header Block with unknown byte-order magic 0x%08x",
                    magic), start + PcapngLayout.SHB_BYTE_ORDER_MAGIC_OFFSET);
        }
        int length = frameBlock(start, byteOrder);
        requireMinimum(length, PcapngLayout.SHB_MIN_LENGTH, "Section Header Block", start);
        int major = in.u16(PcapngLayout.SHB_MAJOR_OFFSET, byteOrder);
        int minor = in.u16(PcapngLayout.SHB_MINOR_OFFSET, byteOrder);
        long sectionLength = in.i64(PcapngLayout.SHB_SECTION_LENGTH_OFFSET, byteOrder);
        if (sectionLength < PcapngLayout.SECTION_LENGTH_UNSPECIFIED) {
            throw new PcapFormatException("Section Header Block with impossible section length " + sectionLength,
                    start + PcapngLayout.SHB_SECTION_LENGTH_OFFSET);
        }
        String[] strings = {"", "", ""};
        PcapngSection candidate = new PcapngSection(start, byteOrder, major, minor, sectionLength, "", "", "");
        if (candidate.isReadable()) {
            // Options of another version may be laid out differently; they are read only for version 1.
            options.start(PcapngLayout.SHB_OPTIONS_OFFSET, length, start, byteOrder);
            while (options.next()) {
                if (options.code >= PcapngLayout.SHB_HARDWARE && options.code <= PcapngLayout.SHB_USERAPPL) {
                    strings[options.code - PcapngLayout.SHB_HARDWARE] = in.utf8(options.valueAt, options.length);
                }
            }
        }
        section = new PcapngSection(start, byteOrder, major, minor, sectionLength, strings[0], strings[1], strings[2]);
        order = byteOrder;
        interfaces.clear(); // interface ids are unique only within their section (§4.2)
        sectionCount++;
        in.skip(length);
    }

    /** Reads the block types that matter; null for those that carry no packet or are skipped. */
    private CaptureRecord readBlock(int type, int length, long blockStart) throws IOException {
        return switch (type) {
            case PcapngLayout.IDB -> {
                readInterface(length, blockStart);
                yield null;
            }
            case PcapngLayout.EPB -> {
                requireMinimum(length, PcapngLayout.PACKET_MIN_LENGTH, "Enhanced Packet Block", blockStart);
                yield readPacket(in.u32(PcapngLayout.PACKET_INTERFACE_OFFSET, order), length, blockStart,
                        "Enhanced Packet Block");
            }
            case PcapngLayout.PB -> {
                requireMinimum(length, PcapngLayout.PACKET_MIN_LENGTH, "Packet Block", blockStart);
                yield readPacket(in.u16(PcapngLayout.PACKET_INTERFACE_OFFSET, order), length, blockStart,
                        "Packet Block");
            }
            case PcapngLayout.SPB -> readSimplePacket(length, blockStart);
            default -> null; // NRB, ISB, DSB, custom and unknown blocks: skipped (§3.1)
        };
    }

    /** An Interface Description Block (§4.2): link type, snap length, if_name, if_tsresol, if_tsoffset. */
    private void readInterface(int length, long blockStart) throws IOException {
        requireMinimum(length, PcapngLayout.IDB_MIN_LENGTH, "Interface Description Block", blockStart);
        int linkType = in.u16(PcapngLayout.IDB_LINK_TYPE_OFFSET, order);
        long snaplen = in.u32(PcapngLayout.IDB_SNAPLEN_OFFSET, order);
        String name = "";
        int tsresol = PcapngLayout.DEFAULT_TSRESOL;
        long tsoffset = 0;
        options.start(PcapngLayout.IDB_OPTIONS_OFFSET, length, blockStart, order);
        while (options.next()) {
            switch (options.code) {
                case PcapngLayout.IF_NAME -> name = in.utf8(options.valueAt, options.length);
                case PcapngLayout.IF_TSRESOL -> {
                    options.requireLength("if_tsresol", 1);
                    tsresol = in.u8(options.valueAt);
                }
                case PcapngLayout.IF_TSOFFSET -> {
                    options.requireLength("if_tsoffset", 8);
                    tsoffset = in.i64(options.valueAt, order);
                }
                default -> {
                }
            }
        }
        interfaces.add(new PcapngInterface(linkType, snaplen, name, tsresol, tsoffset));
    }

    /** The common body of the Enhanced Packet Block (§4.3) and the obsolete Packet Block (Appendix A). */
    private CaptureRecord readPacket(long interfaceId, int length, long blockStart, String blockName)
            throws IOException {
        PcapngInterface iface = interfaceFor(interfaceId, blockName,
                blockStart + PcapngLayout.PACKET_INTERFACE_OFFSET);
        long units = in.u32(PcapngLayout.PACKET_TIMESTAMP_HIGH_OFFSET, order) << 32
                | in.u32(PcapngLayout.PACKET_TIMESTAMP_LOW_OFFSET, order);
        long captured = in.u32(PcapngLayout.PACKET_CAPTURED_LENGTH_OFFSET, order);
        long original = in.u32(PcapngLayout.PACKET_ORIGINAL_LENGTH_OFFSET, order);
        if (captured > length - PcapngLayout.PACKET_MIN_LENGTH) {
            throw new PcapFormatException(blockName + " of " + length + " bytes cannot hold its captured length "
                    + captured, blockStart + PcapngLayout.PACKET_CAPTURED_LENGTH_OFFSET);
        }
        int flags = 0;
        options.start(PcapngLayout.PACKET_DATA_OFFSET + pad4((int) captured), length, blockStart, order);
        while (options.next()) {
            if (options.code == PcapngLayout.EPB_FLAGS) { // epb_flags and pack_flags share code and layout
                options.requireLength("epb_flags", 4);
                flags = in.i32(options.valueAt, order);
            }
        }
        long nanos = iface.toEpochNanos(units);
        if (nanos == CaptureRecord.NO_TIMESTAMP) {
            throw new PcapFormatException(String.format("%s timestamp %s at if_tsresol 0x%02x and if_tsoffset %d s"
                    + " lies outside 1677-2262", blockName, Long.toUnsignedString(units), iface.tsresol(),
                    iface.tsoffset()), blockStart + PcapngLayout.PACKET_TIMESTAMP_HIGH_OFFSET);
        }
        return new CaptureRecord((int) interfaceId, iface.linkType(), nanos, original, Direction.fromFlags(flags),
                in.octets(PcapngLayout.PACKET_DATA_OFFSET, (int) captured));
    }

    /**
     * A Simple Packet Block (§4.4): interface 0, no timestamp; the data is the original length cut to the
     * interface's snap length, and must fit the block.
     */
    private CaptureRecord readSimplePacket(int length, long blockStart) throws IOException {
        requireMinimum(length, PcapngLayout.SPB_MIN_LENGTH, "Simple Packet Block", blockStart);
        PcapngInterface iface = interfaceFor(0, "Simple Packet Block", blockStart);
        long original = in.u32(PcapngLayout.SPB_ORIGINAL_LENGTH_OFFSET, order);
        long captured = iface.snaplen() != 0 ? Math.min(original, iface.snaplen()) : original;
        if (captured > length - PcapngLayout.SPB_MIN_LENGTH) {
            throw new PcapFormatException("Simple Packet Block of " + length + " bytes cannot hold " + captured
                    + " bytes of packet data", blockStart + PcapngLayout.SPB_ORIGINAL_LENGTH_OFFSET);
        }
        return new CaptureRecord(0, iface.linkType(), CaptureRecord.NO_TIMESTAMP, original, Direction.UNKNOWN,
                in.octets(PcapngLayout.SPB_DATA_OFFSET, (int) captured));
    }

    private PcapngInterface interfaceFor(long interfaceId, String blockName, long offset) throws PcapFormatException {
        if (interfaceId >= interfaces.size()) {
            throw new PcapFormatException(blockName + " refers to interface " + interfaceId + " but the section has"
                    + " described " + interfaces.size(), offset);
        }
        return interfaces.get((int) interfaceId);
    }

    /**
     * Walks the options of one buffered block (§3.5): from a start offset to the block's trailer, stopping at
     * opt_endofopt or the end of the block, whichever comes first. One cursor per reader, reused block after block.
     */
    private final class OptionCursor {
        int code;
        int valueAt;
        int length;
        private int at;
        private int end;
        private long blockStart;
        private ByteOrder byteOrder;

        void start(int from, int blockLength, long blockOffset, ByteOrder blockOrder) {
            at = from;
            end = blockLength - 4;
            blockStart = blockOffset;
            byteOrder = blockOrder;
        }

        /** Moves to the next option; false at the end of the list. */
        boolean next() throws PcapFormatException {
            if (at >= end) {
                return false;
            }
            if (end - at < PcapngLayout.OPTION_HEADER_LENGTH) {
                throw new PcapFormatException("option header overruns its block", blockStart + at);
            }
            code = in.u16(at, byteOrder);
            length = in.u16(at + 2, byteOrder);
            if (code == PcapngLayout.OPT_ENDOFOPT) {
                at = end;
                return false;
            }
            if (pad4(length) > end - at - PcapngLayout.OPTION_HEADER_LENGTH) {
                throw new PcapFormatException("option " + code + " of " + length + " bytes overruns its block",
                        blockStart + at);
            }
            valueAt = at + PcapngLayout.OPTION_HEADER_LENGTH;
            at = valueAt + pad4(length);
            return true;
        }

        /** Options this reader interprets must have their specified length (§3.5 lets a reader stop here). */
        void requireLength(String name, int expected) throws PcapFormatException {
            if (length != expected) {
                throw new PcapFormatException(name + " option of " + length + " bytes, not " + expected,
                        blockStart + valueAt - PcapngLayout.OPTION_HEADER_LENGTH);
            }
        }
    }

    private static void requireMinimum(int length, int minimum, String blockName, long blockStart)
            throws PcapFormatException {
        if (length < minimum) {
            throw new PcapFormatException(blockName + " of " + length + " bytes is shorter than its fixed fields ("
                    + minimum + " bytes)", blockStart);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
