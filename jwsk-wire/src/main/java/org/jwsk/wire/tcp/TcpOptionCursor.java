package org.jwsk.wire.tcp;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.Octets;

/**
 * Walks a TCP option list one option at a time without allocating: the data path's single pass over the
 * options of a segment. One cursor is {@link #reset reset} over list after list.
 *
 * <pre>{@code
 * for (cursor.reset(view); cursor.next(); ) {
 *     if (!cursor.isWellFormed()) continue;          // a known kind of the wrong length: ignored
 *     switch (cursor.kind()) {
 *         case TcpOptionKind.MSS -> mss = cursor.mss();
 *         case TcpOptionKind.TIMESTAMPS -> { tsVal = cursor.tsVal(); tsEcr = cursor.tsEcr(); }
 *         default -> { }                                 // RFC 9293 §3.1 MUST-6: ignore the rest
 *     }
 * }
 * }</pre>
 *
 * <p><b>Malformed lists</b> (RFC 9293 §3.1 MUST-7). The walk ends at EOL (which it returns), at the end of the
 * option area, or at a malformed option: a kind byte with no room for its length byte, a length below 2, or a
 * length that runs past the area. A malformed option is not returned; {@link #isMalformed()} then says so, and
 * everything before it stands. This is what Linux's {@code tcp_parse_options} does: it returns at the bad option
 * and the segment is processed with what was parsed. A known kind whose length is legal for the list but not for
 * the kind (an MSS of length 3) is returned with {@link #isWellFormed()} false, and is skipped like Linux skips it.
 *
 * <p>Reads only inside the area it was reset over. A cursor belongs to one thread at a time and must not be
 * kept beyond the buffer it reads.
 */
public final class TcpOptionCursor {

    private MemorySegment seg;
    private long start;
    private long end;
    private long next;
    private long at;
    private int kind;
    private int length;
    private long malformedAt;

    /** A cursor over nothing; {@link #reset reset} it before use. */
    public TcpOptionCursor() {
        reset(MemorySegment.NULL, 0, 0);
    }

    /**
     * Points the cursor before the first option of a segment whose {@link TcpView#check check} passed.
     *
     * @return this cursor
     */
    public TcpOptionCursor reset(TcpView view) {
        return reset(view.segment(), view.optionsOffset(), view.optionsLength());
    }

    /**
     * Points the cursor before the first option of the {@code len}-byte option area at {@code off} of {@code
     * seg}. The bytes may be anything; the range itself must lie inside {@code seg}.
     *
     * @return this cursor
     */
    public TcpOptionCursor reset(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.start = off;
        this.end = off + len;
        this.next = off;
        this.at = -1;
        this.kind = -1;
        this.length = 0;
        this.malformedAt = -1;
        return this;
    }

    /**
     * Moves to the next option.
     *
     * @return false when the list has ended: after EOL, at the end of the area, or at a malformed option
     */
    public boolean next() {
        if (next >= end) {
            return false;
        }
        int k = NetOrder.u8(seg, next);
        if (k == TcpOptionKind.EOL || k == TcpOptionKind.NOP) {
            at = next;
            kind = k;
            length = TcpOptionKind.SINGLE_BYTE_LENGTH;
            next = k == TcpOptionKind.EOL ? end : next + 1; // RFC 9293 §3.2: what follows EOL is padding
            return true;
        }
        if (end - next < TcpOptionKind.TLV_HEADER_LENGTH) {
            return stop();
        }
        int l = NetOrder.u8(seg, next + 1);
        if (l < TcpOptionKind.TLV_HEADER_LENGTH || l > end - next) {
            return stop();
        }
        at = next;
        kind = k;
        length = l;
        next += l;
        return true;
    }

    private boolean stop() {
        malformedAt = next;
        next = end;
        at = -1;
        kind = -1;
        length = 0;
        return false;
    }

    /** The current option's kind. */
    public int kind() {
        return kind;
    }

    /** The current option's length, kind and length bytes included (1 for EOL and NOP). */
    public int length() {
        return length;
    }

    /** Where the current option starts in the segment. */
    public long offset() {
        return at;
    }

    /** Where the current option starts, counted from the start of the option area. */
    public int position() {
        return (int) (at - start);
    }

    /** Where the current option's data starts in the segment, after its kind and length bytes. */
    public long dataOffset() {
        return at + TcpOptionKind.TLV_HEADER_LENGTH;
    }

    /** The current option's data length (0 for EOL and NOP). */
    public int dataLength() {
        return Math.max(0, length - TcpOptionKind.TLV_HEADER_LENGTH);
    }

    /** Whether the current option has the length its kind requires ({@link TcpOptionKind#isWellFormed}). */
    public boolean isWellFormed() {
        return TcpOptionKind.isWellFormed(kind, length);
    }

    /** Whether the walk ended at a malformed option rather than at EOL or the end of the area. */
    public boolean isMalformed() {
        return malformedAt >= 0;
    }

    /** Where the malformed option starts, counted from the start of the option area, or -1. */
    public int malformedPosition() {
        return malformedAt < 0 ? -1 : (int) (malformedAt - start);
    }

    /** The MSS of the current option, which must be a well-formed MSS. */
    public int mss() {
        require(TcpOptionKind.MSS);
        return NetOrder.u16(seg, at + 2);
    }

    /** The raw shift count of the current option, which must be a well-formed Window Scale. */
    public int windowScale() {
        require(TcpOptionKind.WINDOW_SCALE);
        return NetOrder.u8(seg, at + 2);
    }

    /** TSval of the current option, which must be a well-formed Timestamps option. */
    public int tsVal() {
        require(TcpOptionKind.TIMESTAMPS);
        return NetOrder.i32(seg, at + 2);
    }

    /** TSecr of the current option, which must be a well-formed Timestamps option. */
    public int tsEcr() {
        require(TcpOptionKind.TIMESTAMPS);
        return NetOrder.i32(seg, at + 6);
    }

    /** The number of blocks, 1-4, of the current option, which must be a well-formed SACK. */
    public int sackBlockCount() {
        require(TcpOptionKind.SACK);
        return (length - TcpOptionKind.TLV_HEADER_LENGTH) / TcpOptionKind.SACK_BLOCK_LENGTH;
    }

    /** The left edge of block {@code i} (0 first) of the current option, which must be a well-formed SACK. */
    public int sackLeft(int i) {
        return NetOrder.i32(seg, sackBlockAt(i));
    }

    /** The right edge of block {@code i} (0 first) of the current option, which must be a well-formed SACK. */
    public int sackRight(int i) {
        return NetOrder.i32(seg, sackBlockAt(i) + 4);
    }

    private long sackBlockAt(int i) {
        if (i < 0 || i >= sackBlockCount()) {
            throw new IndexOutOfBoundsException("SACK block " + i + " of " + sackBlockCount());
        }
        return at + TcpOptionKind.TLV_HEADER_LENGTH + (long) i * TcpOptionKind.SACK_BLOCK_LENGTH;
    }

    private void require(int wanted) {
        if (kind != wanted || !isWellFormed()) {
            throw new IllegalStateException("current option is " + TcpOptionKind.name(kind) + " of length " + length
                    + ", not a well-formed " + TcpOptionKind.name(wanted));
        }
    }

    /**
     * The current option as a record: its own record when well-formed, {@link TcpOption.Unknown} otherwise.
     * Allocates; for the control plane and tests.
     */
    public TcpOption toOption() {
        if (at < 0) {
            throw new IllegalStateException("no current option");
        }
        if (!isWellFormed()) {
            return new TcpOption.Unknown(kind, Octets.copyOf(seg, dataOffset(), dataLength()));
        }
        return switch (kind) {
            case TcpOptionKind.EOL -> TcpOption.EOL;
            case TcpOptionKind.NOP -> TcpOption.NOP;
            case TcpOptionKind.MSS -> new TcpOption.Mss(mss());
            case TcpOptionKind.WINDOW_SCALE -> new TcpOption.WindowScale(windowScale());
            case TcpOptionKind.SACK_PERMITTED -> TcpOption.SACK_PERMITTED;
            case TcpOptionKind.TIMESTAMPS -> new TcpOption.Timestamps(tsVal(), tsEcr());
            case TcpOptionKind.SACK -> sackOption();
            default -> new TcpOption.Unknown(kind, Octets.copyOf(seg, dataOffset(), dataLength()));
        };
    }

    private TcpOption.Sack sackOption() {
        int n = sackBlockCount();
        List<SackBlock> blocks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            blocks.add(new SackBlock(sackLeft(i), sackRight(i)));
        }
        return new TcpOption.Sack(blocks);
    }

    /**
     * Walks the rest of the list and says whether it is clean: {@link DropReason#TCP_BAD_OPTION} if an option is
     * malformed or a known kind has a length its RFC does not allow, {@link DropReason#NONE} otherwise. Leaves
     * the cursor at the end of the list.
     */
    public DropReason validateRest() {
        while (next()) {
            if (!isWellFormed()) {
                return DropReason.TCP_BAD_OPTION;
            }
        }
        return isMalformed() ? DropReason.TCP_BAD_OPTION : DropReason.NONE;
    }
}
