package org.jwsk.wire.ipv4;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;

/**
 * Allocation-free iteration over the options of an IPv4 header, for the data path:
 *
 * <pre>{@code
 * Ipv4OptionCursor c = cursor.reset(view);      // one cursor, reused for every packet
 * while (c.next()) {
 *     switch (c.type()) {
 *         case Ipv4Layout.OPT_RA -> ...;           // c.offset(), c.length(), c.dataOffset()
 *         default -> { }
 *     }
 * }
 * }</pre>
 *
 * <p>The cursor yields every option that has a length octet; NOP is skipped and EOL ends the walk. Run it over
 * a header whose {@link Ipv4View#check} passed. Over unchecked bytes it still never reads outside the options
 * area and always terminates, but it stops silently at the first malformed option.
 *
 * <p>A cursor belongs to one thread at a time and reads the buffer of the view it was reset with, which must
 * stay valid while the cursor is used.
 */
public final class Ipv4OptionCursor {

    private MemorySegment seg;
    private long pos;
    private long end;
    private long current = -1;
    private int type;
    private int length;

    /**
     * Starts a walk over the options of the header {@code view} wraps.
     *
     * @return this cursor
     */
    public Ipv4OptionCursor reset(Ipv4View view) {
        return reset(view.segment(), view.optionsOffset(), view.optionsLength());
    }

    /**
     * Starts a walk over {@code length} option bytes at {@code offset} of {@code seg}.
     *
     * @return this cursor
     */
    public Ipv4OptionCursor reset(MemorySegment seg, long offset, int length) {
        this.seg = seg;
        this.pos = offset;
        this.end = offset + length;
        this.current = -1;
        this.type = -1;
        this.length = 0;
        return this;
    }

    /** Moves to the next option; false when the options are exhausted (or an EOL or malformed option is met). */
    public boolean next() {
        while (pos < end) {
            int t = NetOrder.u8(seg, pos);
            if (t == Ipv4Layout.OPT_EOL) {
                break;
            }
            if (t == Ipv4Layout.OPT_NOP) {
                pos++;
                continue;
            }
            if (pos + 1 >= end) {
                break;
            }
            int l = NetOrder.u8(seg, pos + Ipv4Layout.OPT_LENGTH_OFFSET);
            if (l < 2 || l > end - pos) {
                break;
            }
            current = pos;
            type = t;
            length = l;
            pos += l;
            return true;
        }
        pos = end;
        current = -1;
        return false;
    }

    /** The current option's type octet. */
    public int type() {
        return type;
    }

    /** The current option's length octet: type, length and data. */
    public int length() {
        return length;
    }

    /** Where the current option's type octet sits in the segment. */
    public long offset() {
        return current;
    }

    /** Where the current option's data (after the length octet) starts in the segment. */
    public long dataOffset() {
        return current + 2;
    }

    /** The current option's data length. */
    public int dataLength() {
        return length - 2;
    }
}
