package org.jwsk.common.buf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Network byte order (big-endian) access to a {@link MemorySegment} at any offset, with the segment's bounds
 * checks always on.
 *
 * <p>Unsigned 8- and 16-bit fields are returned as non-negative {@code int}s; 32-bit fields as raw {@code int}
 * (use {@link Integer#toUnsignedLong(int)} where the arithmetic needs it) or as {@code long} through
 * {@link #u32(MemorySegment, long)}; 48-bit fields (MAC addresses) as {@code long}.
 */
public final class NetOrder {

    /** Big-endian unaligned 16-bit layout. */
    public static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** Big-endian unaligned 32-bit layout. */
    public static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** Big-endian unaligned 64-bit layout. */
    public static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private NetOrder() {
    }

    /** The unsigned byte at {@code off}. */
    public static int u8(MemorySegment seg, long off) {
        return seg.get(ValueLayout.JAVA_BYTE, off) & 0xff;
    }

    /** The unsigned big-endian 16-bit field at {@code off}. */
    public static int u16(MemorySegment seg, long off) {
        return seg.get(BE_SHORT, off) & 0xffff;
    }

    /** The big-endian 32-bit field at {@code off}, as a raw {@code int}. */
    public static int i32(MemorySegment seg, long off) {
        return seg.get(BE_INT, off);
    }

    /** The unsigned big-endian 32-bit field at {@code off}. */
    public static long u32(MemorySegment seg, long off) {
        return seg.get(BE_INT, off) & 0xffff_ffffL;
    }

    /** The big-endian 48-bit field at {@code off} (a MAC address), in the low 48 bits of the result. */
    public static long u48(MemorySegment seg, long off) {
        return ((long) u16(seg, off) << 32) | u32(seg, off + 2);
    }

    /** The big-endian 64-bit field at {@code off}. */
    public static long i64(MemorySegment seg, long off) {
        return seg.get(BE_LONG, off);
    }

    /** Writes the low 8 bits of {@code value} at {@code off}. */
    public static void setU8(MemorySegment seg, long off, int value) {
        seg.set(ValueLayout.JAVA_BYTE, off, (byte) value);
    }

    /** Writes the low 16 bits of {@code value}, big-endian, at {@code off}. */
    public static void setU16(MemorySegment seg, long off, int value) {
        seg.set(BE_SHORT, off, (short) value);
    }

    /** Writes {@code value} big-endian at {@code off}. */
    public static void setI32(MemorySegment seg, long off, int value) {
        seg.set(BE_INT, off, value);
    }

    /** Writes the low 48 bits of {@code value} big-endian at {@code off}. */
    public static void setU48(MemorySegment seg, long off, long value) {
        setU16(seg, off, (int) (value >>> 32));
        setI32(seg, off + 2, (int) value);
    }

    /** Writes {@code value} big-endian at {@code off}. */
    public static void setI64(MemorySegment seg, long off, long value) {
        seg.set(BE_LONG, off, value);
    }
}
