package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;

/**
 * A zero-copy view of a Fragment header ({@link Ipv6FragmentLayout}).
 *
 * <p><b>Contract.</b> {@link #check(MemorySegment, long, int)} first; only after {@link DropReason#NONE} may
 * the accessors run. The rules that involve the whole packet (length a multiple of 8, reassembled length, the
 * first fragment carrying the whole header chain) are {@link Ipv6HeaderWalker}'s. A view belongs to one thread
 * at a time and borrows the segment it wraps.
 */
public final class Ipv6FragmentView {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that {@code len} bytes at {@code off} hold the 8-byte Fragment header ({@code
     * IPV6_BAD_EXTENSION_HEADER} otherwise).
     *
     * @return {@link DropReason#NONE}, or why the header is malformed; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        return len < Ipv6FragmentLayout.HEADER_LENGTH ? DropReason.IPV6_BAD_EXTENSION_HEADER : DropReason.NONE;
    }

    /**
     * Points this view at {@code len} bytes of {@code seg} from {@code off}.
     *
     * @return this view
     */
    public Ipv6FragmentView wrap(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.off = off;
        this.len = len;
        return this;
    }

    /** The segment this view reads. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the header starts in {@link #segment()}. */
    public long offset() {
        return off;
    }

    /** The wrapped length. */
    public int length() {
        return len;
    }

    /** The next header of the fragmentable part. */
    public int nextHeader() {
        return NetOrder.u8(seg, off + Ipv6FragmentLayout.NEXT_HEADER_OFFSET);
    }

    /** The fragment offset in 8-byte units, 0-8191. */
    public int fragmentOffset() {
        return NetOrder.u16(seg, off + Ipv6FragmentLayout.OFFSET_FLAGS_OFFSET) >>> 3;
    }

    /** The fragment offset in bytes. */
    public int fragmentOffsetBytes() {
        return fragmentOffset() * Ipv6FragmentLayout.UNIT;
    }

    /** The M flag: more fragments follow. */
    public boolean moreFragments() {
        return (NetOrder.u16(seg, off + Ipv6FragmentLayout.OFFSET_FLAGS_OFFSET) & Ipv6FragmentLayout.MORE_FRAGMENTS) != 0;
    }

    /** The identification, raw 32 bits. */
    public int identification() {
        return NetOrder.i32(seg, off + Ipv6FragmentLayout.IDENTIFICATION_OFFSET);
    }

    /** Whether this is an atomic fragment (RFC 6946): offset 0 and M clear. */
    public boolean isAtomic() {
        return fragmentOffset() == 0 && !moreFragments();
    }

    /** Sets the next header field. */
    public void setNextHeader(int nextHeader) {
        NetOrder.setU8(seg, off + Ipv6FragmentLayout.NEXT_HEADER_OFFSET, nextHeader);
    }

    /** Writes the reserved byte as zero, the offset in 8-byte units, zero reserved bits and the M flag. */
    public void setOffsetAndFlags(int fragmentOffset, boolean moreFragments) {
        NetOrder.setU8(seg, off + Ipv6FragmentLayout.RESERVED_OFFSET, 0);
        NetOrder.setU16(seg, off + Ipv6FragmentLayout.OFFSET_FLAGS_OFFSET,
                (fragmentOffset << 3) & Ipv6FragmentLayout.OFFSET_MASK | (moreFragments ? Ipv6FragmentLayout.MORE_FRAGMENTS : 0));
    }

    /** Sets the identification. */
    public void setIdentification(int identification) {
        NetOrder.setI32(seg, off + Ipv6FragmentLayout.IDENTIFICATION_OFFSET, identification);
    }
}
