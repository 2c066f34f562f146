package org.jwsk.wire.icmpv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;

/**
 * A reusable, allocation-free cursor over the options of an NDP message that passed {@link Icmpv6View#check}.
 *
 * <pre>{@code
 * for (cursor.reset(ndp); cursor.next(); ) {
 *     if (cursor.type() == NdpOptionType.PREFIX_INFORMATION && cursor.fits()) { ... cursor.dataOffset() ... }
 * }
 * }</pre>
 *
 * <p>Belongs to one thread at a time; borrows the segment of the view it was reset to.
 */
public final class NdpOptionCursor {

    private MemorySegment seg;
    private long next;
    private long end;
    private long at;

    /**
     * Starts over at the first option of {@code view}.
     *
     * @return this cursor
     */
    public NdpOptionCursor reset(NdpView view) {
        return reset(view.segment(), view.optionsOffset(), view.end());
    }

    /**
     * Starts over at the options in {@code [start, end)} of {@code seg}, which a check has found to tile the
     * range with non-zero lengths.
     *
     * @return this cursor
     */
    public NdpOptionCursor reset(MemorySegment seg, long start, long end) {
        this.seg = seg;
        this.next = start;
        this.end = end;
        this.at = -1;
        return this;
    }

    /** Moves to the next option; {@code false} when there is none. */
    public boolean next() {
        if (next >= end) {
            return false;
        }
        at = next;
        next = at + length();
        return true;
    }

    /** The segment the options live in. */
    public MemorySegment segment() {
        return seg;
    }

    /** The option type. */
    public int type() {
        return NetOrder.u8(seg, at + NdpLayout.OPTION_TYPE_OFFSET);
    }

    /** The option length in 8-byte units (never 0 after the check). */
    public int units() {
        return NetOrder.u8(seg, at + NdpLayout.OPTION_LENGTH_OFFSET);
    }

    /** The option length in bytes, type and length included. */
    public int length() {
        return units() * NdpLayout.OPTION_UNIT;
    }

    /** Where the option starts in the segment. */
    public long offset() {
        return at;
    }

    /** Where the option's fields after type and length start. */
    public long dataOffset() {
        return at + NdpLayout.OPTION_DATA_OFFSET;
    }

    /** The length of the option's fields after type and length. */
    public int dataLength() {
        return length() - NdpLayout.OPTION_DATA_OFFSET;
    }

    /** Whether the option has its type's layout ({@link NdpOptionType#fits}); read its fields only then. */
    public boolean fits() {
        return NdpOptionType.fits(type(), units());
    }

    /** A link-layer address option's 6-byte (Ethernet) address in the low 48 bits; one unit long only. */
    public long linkLayerAddress() {
        return NetOrder.u48(seg, dataOffset());
    }

    /** Reads the big-endian 32-bit field at {@code offset} bytes into the option (lifetimes, the MTU). */
    public int i32At(int offset) {
        return NetOrder.i32(seg, at + offset);
    }

    /** Reads the byte at {@code offset} bytes into the option. */
    public int u8At(int offset) {
        return NetOrder.u8(seg, at + offset);
    }

    /** Reads the big-endian 64-bit field at {@code offset} bytes into the option (half an address). */
    public long i64At(int offset) {
        return NetOrder.i64(seg, at + offset);
    }
}
