package org.jwsk.wire.pcap;

import static org.jwsk.wire.pcap.PcapngLayout.pad4;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import org.jwsk.common.buf.PacketBuf;

/**
 * Writes a pcapng file (draft-ietf-opsawg-pcapng) of one section: a Section Header Block with shb_userappl, one
 * Interface Description Block per {@link #addInterface interface} (link type, snap length, if_name, if_tsresol 9
 * for nanoseconds), and one Enhanced Packet Block per packet with its nanosecond timestamp, captured and original
 * lengths, and the direction in epb_flags.
 *
 * <p><b>Buffers.</b> Blocks are assembled in one reusable direct buffer and written to the channel when it fills,
 * on {@link #flush()} and on {@link #close()}; in steady state writing a packet allocates nothing. Frames are
 * <em>borrowed</em> for the duration of the call: the writer copies their bytes and keeps no reference, so the
 * caller's ownership of a {@link PacketBuf} or segment is untouched.
 *
 * <p><b>Threads.</b> Every method is synchronized, so several links on different threads may share one writer and
 * each block lands whole; packets appear in the order the calls took the lock. The channel must be blocking.
 *
 * <p><b>Failures.</b> Once a write to the channel fails, the writer is broken: every later call throws an
 * {@link IOException} naming the first failure, and {@link #close()} only closes the channel.
 */
public final class PcapngWriter implements Closeable {

    /** The largest snap length an interface may have: libpcap's maximum, 256 KiB. */
    public static final int MAX_SNAPLEN = 262_144;

    /** An epb_flags option (4-byte header, 4-byte value) and opt_endofopt. */
    private static final int FLAGS_OPTIONS_LENGTH = 12;
    /** An if_tsresol option (4-byte header, 1 byte padded to 4). */
    private static final int TSRESOL_OPTION_LENGTH = 8;

    private final WritableByteChannel channel;
    private final ValueLayout.OfShort u16;
    private final ValueLayout.OfInt u32;
    private final ValueLayout.OfLong i64;
    private ByteBuffer buffer;
    private MemorySegment block;
    private int pos;
    private int[] snaplens = new int[4];
    private int interfaceCount;
    private long packetsWritten;
    private boolean closed;
    private IOException failure;

    /**
     * A writer to {@code channel}, which it owns from now on and closes in {@link #close()}. The Section Header
     * Block is buffered at once; nothing is written until the buffer fills or is flushed.
     */
    public PcapngWriter(WritableByteChannel channel, PcapngWriterConfig config) {
        this.channel = Objects.requireNonNull(channel, "channel");
        ByteOrder order = config.byteOrder();
        this.u16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
        this.u32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
        this.i64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order);
        byte[] userAppl = config.userAppl().getBytes(StandardCharsets.UTF_8);
        int shbLength = PcapngLayout.SHB_MIN_LENGTH + stringOptionLength(userAppl) + endOfOptionsLength(userAppl);
        allocate(Math.max(config.bufferSize(), shbLength));
        writeSectionHeader(userAppl, shbLength);
    }

    /** A writer to a new file, or a truncated existing one, at {@code file}. */
    public static PcapngWriter create(Path file, PcapngWriterConfig config) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new PcapngWriter(channel, config);
    }

    private void allocate(int capacity) {
        buffer = ByteBuffer.allocateDirect(capacity);
        block = MemorySegment.ofBuffer(buffer);
    }

    /** SHB (§4.1): version 1.0, section length unspecified, shb_userappl. */
    private void writeSectionHeader(byte[] userAppl, int length) {
        long at = pos;
        block.set(u32, at, PcapngLayout.SHB);
        block.set(u32, at + 4, length);
        block.set(u32, at + PcapngLayout.SHB_BYTE_ORDER_MAGIC_OFFSET, PcapngLayout.BYTE_ORDER_MAGIC);
        block.set(u16, at + PcapngLayout.SHB_MAJOR_OFFSET, (short) PcapngLayout.MAJOR_VERSION);
        block.set(u16, at + PcapngLayout.SHB_MINOR_OFFSET, (short) PcapngLayout.MINOR_VERSION);
        block.set(i64, at + PcapngLayout.SHB_SECTION_LENGTH_OFFSET, PcapngLayout.SECTION_LENGTH_UNSPECIFIED);
        long opt = putStringOption(at + PcapngLayout.SHB_OPTIONS_OFFSET, PcapngLayout.SHB_USERAPPL, userAppl);
        if (userAppl.length > 0) {
            opt = putEndOfOptions(opt);
        }
        block.set(u32, opt, length);
        pos += length;
    }

    /**
     * Describes an interface with an Interface Description Block (§4.2) and returns its id, for {@link
     * #writePacket}: 0 for the first, then 1, 2, ...
     *
     * @param name     the if_name option, such as {@code wire0.a}; empty for none; at most 65535 bytes of UTF-8
     * @param linkType the {@link LinkType}, 0-65535
     * @param snaplen  the most bytes kept of each packet, 1 to {@link #MAX_SNAPLEN}
     * @throws IOException if the buffer had to be written out to make room and that failed
     */
    public synchronized int addInterface(String name, int linkType, int snaplen) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 0xffff) {
            throw new IllegalArgumentException("if_name longer than 65535 bytes");
        }
        if (linkType < 0 || linkType > 0xffff) {
            throw new IllegalArgumentException("link type is 16-bit: " + linkType);
        }
        if (snaplen < 1 || snaplen > MAX_SNAPLEN) {
            throw new IllegalArgumentException("snaplen must be 1-" + MAX_SNAPLEN + ", not " + snaplen);
        }
        checkWritable();
        int length = PcapngLayout.IDB_MIN_LENGTH + stringOptionLength(nameBytes) + TSRESOL_OPTION_LENGTH + 4;
        ensureCapacity(Math.max(length, maxPacketBlockLength(snaplen)));
        reserve(length);
        long at = pos;
        block.set(u32, at, PcapngLayout.IDB);
        block.set(u32, at + 4, length);
        block.set(u16, at + PcapngLayout.IDB_LINK_TYPE_OFFSET, (short) linkType);
        block.set(u16, at + PcapngLayout.IDB_RESERVED_OFFSET, (short) 0);
        block.set(u32, at + PcapngLayout.IDB_SNAPLEN_OFFSET, snaplen);
        long opt = putStringOption(at + PcapngLayout.IDB_OPTIONS_OFFSET, PcapngLayout.IF_NAME, nameBytes);
        block.set(u16, opt, (short) PcapngLayout.IF_TSRESOL);
        block.set(u16, opt + 2, (short) 1);
        block.set(u32, opt + 4, 0); // the value byte and its three bytes of padding
        block.set(ValueLayout.JAVA_BYTE, opt + 4, (byte) PcapngLayout.TSRESOL_NANOS);
        opt = putEndOfOptions(opt + TSRESOL_OPTION_LENGTH);
        block.set(u32, opt, length);
        pos += length;
        if (interfaceCount == snaplens.length) {
            snaplens = Arrays.copyOf(snaplens, 2 * snaplens.length);
        }
        snaplens[interfaceCount] = snaplen;
        return interfaceCount++;
    }

    /**
     * Writes the data of {@code frame} ({@code frame.length()} bytes from {@code frame.offset()}) as a packet;
     * see {@link #writePacket(int, long, Direction, MemorySegment, long, int, long)}. Borrows the frame.
     */
    public void writePacket(int interfaceId, long epochNanos, Direction direction, PacketBuf frame)
            throws IOException {
        writePacket(interfaceId, epochNanos, direction, frame.segment(), frame.offset(), frame.length(),
                frame.length());
    }

    /**
     * Writes {@code length} bytes of {@code frame} from {@code offset} as a packet of that original length; see
     * {@link #writePacket(int, long, Direction, MemorySegment, long, int, long)}. Borrows the segment.
     */
    public void writePacket(int interfaceId, long epochNanos, Direction direction, MemorySegment frame, long offset,
                            int length) throws IOException {
        writePacket(interfaceId, epochNanos, direction, frame, offset, length, length);
    }

    /**
     * Writes an Enhanced Packet Block (§4.3): the first {@code min(length, snaplen)} of the {@code length} bytes
     * at {@code offset} of {@code frame}, captured at {@code epochNanos}, with the direction in epb_flags
     * (omitted for {@link Direction#UNKNOWN}). Borrows the segment: the bytes are copied before this returns.
     *
     * @param interfaceId    an id {@link #addInterface} returned
     * @param epochNanos     nanoseconds since 1970-01-01T00:00:00Z, not negative
     * @param originalLength the frame's length on the wire, at least {@code length}, at most 2^32-1: more than
     *                       {@code length} when the caller already cut the frame short
     * @throws IOException if the buffer had to be written out and that failed, or the writer is closed or broken
     */
    public synchronized void writePacket(int interfaceId, long epochNanos, Direction direction, MemorySegment frame,
                                         long offset, int length, long originalLength) throws IOException {
        Objects.checkIndex(interfaceId, interfaceCount);
        Objects.requireNonNull(direction, "direction");
        Objects.checkFromIndexSize(offset, length, frame.byteSize());
        if (epochNanos < 0) {
            throw new IllegalArgumentException("timestamps before 1970 cannot be written: " + epochNanos);
        }
        if (originalLength < length || originalLength > 0xffff_ffffL) {
            throw new IllegalArgumentException("original length " + originalLength + " for " + length + " bytes");
        }
        checkWritable();
        int captured = Math.min(length, snaplens[interfaceId]);
        int padded = pad4(captured);
        boolean flags = direction != Direction.UNKNOWN;
        int blockLength = PcapngLayout.PACKET_MIN_LENGTH + padded + (flags ? FLAGS_OPTIONS_LENGTH : 0);
        reserve(blockLength);
        long at = pos;
        block.set(u32, at, PcapngLayout.EPB);
        block.set(u32, at + 4, blockLength);
        block.set(u32, at + PcapngLayout.PACKET_INTERFACE_OFFSET, interfaceId);
        block.set(u32, at + PcapngLayout.PACKET_TIMESTAMP_HIGH_OFFSET, (int) (epochNanos >>> 32));
        block.set(u32, at + PcapngLayout.PACKET_TIMESTAMP_LOW_OFFSET, (int) epochNanos);
        block.set(u32, at + PcapngLayout.PACKET_CAPTURED_LENGTH_OFFSET, captured);
        block.set(u32, at + PcapngLayout.PACKET_ORIGINAL_LENGTH_OFFSET, (int) originalLength);
        long data = at + PcapngLayout.PACKET_DATA_OFFSET;
        MemorySegment.copy(frame, offset, block, data, captured);
        zero(data + captured, padded - captured);
        long opt = data + padded;
        if (flags) {
            block.set(u16, opt, (short) PcapngLayout.EPB_FLAGS);
            block.set(u16, opt + 2, (short) 4);
            block.set(u32, opt + 4, direction.flagBits());
            opt = putEndOfOptions(opt + 8);
        }
        block.set(u32, opt, blockLength);
        pos += blockLength;
        packetsWritten++;
    }

    /** Writes everything buffered to the channel. */
    public synchronized void flush() throws IOException {
        checkWritable();
        flushBuffer();
    }

    /** Interfaces described so far. */
    public synchronized int interfaceCount() {
        return interfaceCount;
    }

    /** Packets written (or buffered) so far. */
    public synchronized long packetsWritten() {
        return packetsWritten;
    }

    /** Flushes and closes the channel. Idempotent; after a failed write it only closes the channel. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                flushBuffer();
            }
        } finally {
            channel.close();
        }
    }

    private void checkWritable() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (failure != null) {
            throw new IOException("pcapng writer broken by an earlier failed write: " + failure.getMessage(), failure);
        }
    }

    /** Grows the buffer so that one block of {@code length} bytes fits; setup time only. */
    private void ensureCapacity(int length) throws IOException {
        if (length > buffer.capacity()) {
            flushBuffer();
            allocate(length);
        }
    }

    /** Makes room for {@code length} more bytes, writing the buffer out if they do not fit behind it. */
    private void reserve(int length) throws IOException {
        if (pos + length > buffer.capacity()) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        if (pos == 0) {
            return;
        }
        buffer.clear();
        buffer.limit(pos);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        pos = 0;
    }

    private static int maxPacketBlockLength(int snaplen) {
        return PcapngLayout.PACKET_MIN_LENGTH + pad4(snaplen) + FLAGS_OPTIONS_LENGTH;
    }

    private static int stringOptionLength(byte[] value) {
        return value.length == 0 ? 0 : PcapngLayout.OPTION_HEADER_LENGTH + pad4(value.length);
    }

    private static int endOfOptionsLength(byte[] value) {
        return value.length == 0 ? 0 : PcapngLayout.OPTION_HEADER_LENGTH;
    }

    /** Writes a string option unless {@code value} is empty; returns the offset after it. */
    private long putStringOption(long at, int code, byte[] value) {
        if (value.length == 0) {
            return at;
        }
        block.set(u16, at, (short) code);
        block.set(u16, at + 2, (short) value.length);
        MemorySegment.copy(value, 0, block, ValueLayout.JAVA_BYTE, at + 4, value.length);
        zero(at + 4 + value.length, pad4(value.length) - value.length);
        return at + PcapngLayout.OPTION_HEADER_LENGTH + pad4(value.length);
    }

    /** Writes opt_endofopt (§3.5: writers MUST end an option list with it); returns the offset after it. */
    private long putEndOfOptions(long at) {
        block.set(u32, at, 0);
        return at + PcapngLayout.OPTION_HEADER_LENGTH;
    }

    /** Padding MUST be zeros (§3.6.2); at most three bytes, written one by one to allocate no slice. */
    private void zero(long at, int count) {
        for (int i = 0; i < count; i++) {
            block.set(ValueLayout.JAVA_BYTE, at + i, (byte) 0);
        }
    }
}
