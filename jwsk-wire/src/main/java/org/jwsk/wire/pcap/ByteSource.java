package org.jwsk.wire.pcap;

import java.nio.file.StandardOpenOption;

import java.nio.file.Path;

import java.nio.channels.FileChannel;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import org.jwsk.wire.Octets;

/**
 * Buffered, bounds-checked reading of an untrusted capture file for the readers: a window of buffered bytes
 * starting at the read position, which the readers inspect at offsets relative to that position before they
 * {@link #skip} past a whole block or record.
 *
 * <p>The buffer grows at most to twice the bytes the input has actually delivered, so a length field claiming 16
 * MiB in a 40-byte file costs no 16 MiB allocation. Accessors never read beyond what {@link #request} made
 * available; callers check lengths first, so an out-of-range access is a bug in the reader, not bad input.
 *
 * <p>Not thread-safe: one reader, one thread.
 */
final class ByteSource implements Closeable {

    private static final int INITIAL_CAPACITY = 8 * 1024;
    private static final ValueLayout.OfShort U16_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort U16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt I32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong I64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final ReadableByteChannel channel;
    private byte[] buf = new byte[INITIAL_CAPACITY];
    private MemorySegment seg = MemorySegment.ofArray(buf);
    private int pos;
    private int limit;
    private long base;
    private boolean eof;

    ByteSource(ReadableByteChannel channel) {
        this.channel = channel;
    }

    /** The file offset of the read position. */
    long offset() {
        return base + pos;
    }

    /** Bytes buffered from the read position. */
    int available() {
        return limit - pos;
    }

    /**
     * Buffers at least {@code n} bytes from the read position, reading as needed.
     *
     * @return false if the input ends first; whatever it held stays buffered
     */
    boolean request(int n) throws IOException {
        while (limit - pos < n) {
            if (eof) {
                return false;
            }
            makeRoom(n);
            int read = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return true;
    }

    /** Frees space behind the buffered bytes: first by moving them to the front, then by growing toward n. */
    private void makeRoom(int n) {
        if (limit < buf.length) {
            return;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
            if (limit < buf.length) {
                return;
            }
        }
        // The buffer holds limit < n unread bytes and is full: at most double it, never beyond n.
        byte[] bigger = new byte[(int) Math.min(2L * buf.length, n)];
        System.arraycopy(buf, 0, bigger, 0, limit);
        buf = bigger;
        seg = MemorySegment.ofArray(bigger);
    }

    /** Moves the read position {@code n} buffered bytes on. */
    void skip(int n) {
        if (n < 0 || n > limit - pos) {
            throw new IllegalStateException("skip " + n + " with " + (limit - pos) + " bytes buffered");
        }
        pos += n;
    }

    /** The unsigned byte at {@code rel} bytes from the read position. */
    int u8(int rel) {
        return seg.get(ValueLayout.JAVA_BYTE, at(rel, 1)) & 0xff;
    }

    /** The unsigned 16-bit number at {@code rel}, in {@code order}. */
    int u16(int rel, ByteOrder order) {
        return seg.get(order == ByteOrder.BIG_ENDIAN ? U16_BE : U16_LE, at(rel, 2)) & 0xffff;
    }

    /** The 32-bit number at {@code rel}, in {@code order}, as a raw int. */
    int i32(int rel, ByteOrder order) {
        return seg.get(order == ByteOrder.BIG_ENDIAN ? I32_BE : I32_LE, at(rel, 4));
    }

    /** The unsigned 32-bit number at {@code rel}, in {@code order}. */
    long u32(int rel, ByteOrder order) {
        return i32(rel, order) & 0xffff_ffffL;
    }

    /** The 64-bit number at {@code rel}, in {@code order}. */
    long i64(int rel, ByteOrder order) {
        return seg.get(order == ByteOrder.BIG_ENDIAN ? I64_BE : I64_LE, at(rel, 8));
    }

    /** A copy of {@code len} bytes at {@code rel}. */
    Octets octets(int rel, int len) {
        return Octets.copyOf(seg, at(rel, len), len);
    }

    /**
     * A pcapng string option's value at {@code rel}: UTF-8, not necessarily zero-terminated, but ended by the
     * first zero byte if there is one (draft-ietf-opsawg-pcapng §3.5); invalid UTF-8 is repaired with U+FFFD
     * (§3.6.3 allows either discarding or repairing).
     */
    String utf8(int rel, int len) {
        int start = at(rel, len);
        int end = start;
        while (end < start + len && buf[end] != 0) {
            end++;
        }
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    private int at(int rel, int len) {
        if (rel < 0 || len < 0 || rel > limit - pos - len) {
            throw new IllegalStateException("read of " + len + " bytes at +" + rel + " with " + (limit - pos)
                    + " bytes buffered");
        }
        return pos + rel;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
    /** Opens a reader with {@code opener} over {@code file}; the file is closed again if that fails. */
    static <R> R openFile(Path file, Opener<R> opener) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return opener.open(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Makes a reader of a channel, taking the channel over on success. */
    @FunctionalInterface
    interface Opener<R> {
        /** The reader. */
        R open(ReadableByteChannel channel) throws IOException;
    }
}
