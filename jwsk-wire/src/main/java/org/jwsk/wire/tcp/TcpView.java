package org.jwsk.wire.tcp;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.DropReason;

/**
 * A zero-copy view of a TCP segment ({@link TcpLayout}): one instance is {@link #wrap wrapped} over segment
 * after segment and allocates nothing, option accessors included.
 *
 * <p><b>Contract.</b> Wrap exactly the segment, header and data: the IP payload, whose length the checksum
 * covers. Call {@link #check(MemorySegment, long, int)} on untrusted bytes first; only when it returns {@link
 * DropReason#NONE} may the accessors run, and then none of them throws or reads outside the wrapped range,
 * whatever the options hold. Checksums are verified separately ({@link #verifyChecksum(int)}), with the
 * pseudo-header sum the network layer computes. For emitting, wrap the buffer without checking (its old contents
 * mean nothing) and write every field through the setters or {@link TcpRepr#emit}; {@link #setFlags} and
 * {@link #setReservedBits} keep the data offset already in the buffer and so void nothing, while {@link
 * #setHeaderLengthAndFlags} changes where the options end and voids any earlier {@code check}.
 *
 * <p><b>Options.</b> {@link #mss()}, {@link #windowScale()}, {@link #tsVal()} and the SACK accessors each walk
 * the option list (at most 40 bytes) and report the last well-formed option of their kind, as Linux's {@code
 * tcp_parse_options} lets a later option overwrite an earlier one; absent options give a sentinel ({@link
 * #ABSENT}, {@code false} or 0). Options after a malformed one are not seen (see {@link TcpOptionCursor}); a
 * single pass over all options is {@link TcpOptionCursor}'s job. The view reports what is on the wire: which
 * options count on which segments (MSS, Window Scale and SACK-Permitted only on SYN) is the TCP layer's rule.
 *
 * <p>A view belongs to one thread at a time and must not be kept beyond the buffer it wraps.
 */
public final class TcpView {

    /** What option accessors return when the option is absent. */
    public static final int ABSENT = -1;

    /** NOP, NOP, Timestamps kind and length: the one layout every Linux segment after the SYN carries. */
    private static final int ALIGNED_TIMESTAMPS_WORD = 0x0101_080a;

    private final TcpOptionCursor cursor = new TcpOptionCursor();
    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that {@code len} bytes at {@code off} hold a TCP header the accessors may read: at least 20 bytes
     * ({@link DropReason#TCP_TRUNCATED}), and a data offset of 5 or more whose header fits in {@code len}
     * ({@link DropReason#TCP_BAD_DATA_OFFSET}; Linux {@code tcp_v4_rcv} drops both).
     *
     * <p>Option contents never fail this check: like Linux, jwsk processes a segment with a malformed option
     * list, using the options before the bad one ({@link TcpOptionCursor}); {@link #checkOptions()} reports
     * such a list as {@link DropReason#TCP_BAD_OPTION} for callers that count or refuse it.
     *
     * @return {@link DropReason#NONE}, or why the segment must be dropped; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        if (len < TcpLayout.HEADER_LENGTH) {
            return DropReason.TCP_TRUNCATED;
        }
        int dataOffset = NetOrder.u8(seg, off + TcpLayout.DATA_OFFSET_OFFSET) >>> 4;
        if (dataOffset < TcpLayout.MIN_DATA_OFFSET || TcpLayout.headerLength(dataOffset) > len) {
            return DropReason.TCP_BAD_DATA_OFFSET;
        }
        return DropReason.NONE;
    }

    /**
     * Points this view at {@code len} bytes of {@code seg} from {@code off}: the whole segment.
     *
     * @return this view
     */
    public TcpView wrap(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.off = off;
        this.len = len;
        return this;
    }

    /** The segment this view reads. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the TCP header starts in {@link #segment()}. */
    public long offset() {
        return off;
    }

    /** The wrapped length: header plus data. */
    public int length() {
        return len;
    }

    /** The source port. */
    public int srcPort() {
        return NetOrder.u16(seg, off + TcpLayout.SRC_PORT_OFFSET);
    }

    /** The destination port. */
    public int dstPort() {
        return NetOrder.u16(seg, off + TcpLayout.DST_PORT_OFFSET);
    }

    /** The sequence number, SEG.SEQ, as a raw 32-bit value. */
    public int seqNumber() {
        return NetOrder.i32(seg, off + TcpLayout.SEQ_OFFSET);
    }

    /** The acknowledgment number, SEG.ACK, as a raw 32-bit value; significant only with ACK. */
    public int ackNumber() {
        return NetOrder.i32(seg, off + TcpLayout.ACK_OFFSET);
    }

    /** The data offset in 32-bit words, 5-15 once {@code check} passed. */
    public int dataOffset() {
        return NetOrder.u8(seg, off + TcpLayout.DATA_OFFSET_OFFSET) >>> 4;
    }

    /** The header length in bytes, options included. */
    public int headerLength() {
        return TcpLayout.headerLength(dataOffset());
    }

    /** The three reserved bits, 0-7; zero from conforming senders and ignored on receipt (RFC 9293 §3.1). */
    public int reservedBits() {
        return (word12() & TcpLayout.RESERVED_MASK) >>> TcpLayout.RESERVED_SHIFT;
    }

    /** The nine control bits, AE to FIN ({@link TcpFlags}). */
    public int flags() {
        return word12() & TcpLayout.FLAGS_MASK;
    }

    /** Whether every control bit in {@code mask} is set. */
    public boolean hasFlags(int mask) {
        return TcpFlags.has(flags(), mask);
    }

    /** The window, unscaled, SEG.WND. */
    public int window() {
        return NetOrder.u16(seg, off + TcpLayout.WINDOW_OFFSET);
    }

    /** The checksum field. */
    public int checksum() {
        return NetOrder.u16(seg, off + TcpLayout.CHECKSUM_OFFSET);
    }

    /** The urgent pointer, SEG.UP; significant only with URG. */
    public int urgentPointer() {
        return NetOrder.u16(seg, off + TcpLayout.URGENT_POINTER_OFFSET);
    }

    /** Where the options start in {@link #segment()}. */
    public long optionsOffset() {
        return off + TcpLayout.OPTIONS_OFFSET;
    }

    /** The option area's length, padding included: 0-40. */
    public int optionsLength() {
        return headerLength() - TcpLayout.HEADER_LENGTH;
    }

    /** Where the data starts in {@link #segment()}. */
    public long payloadOffset() {
        return off + headerLength();
    }

    /** The data length: everything after the header. */
    public int payloadLength() {
        return len - headerLength();
    }

    /** SEG.LEN: the data length plus one for SYN and one for FIN (RFC 9293 §3.4). */
    public int segmentLength() {
        return TcpFlags.segmentLength(flags(), payloadLength());
    }

    private int word12() {
        return NetOrder.u16(seg, off + TcpLayout.DATA_OFFSET_OFFSET);
    }

    // ---- options

    /**
     * Whether the option list is clean: {@link DropReason#TCP_BAD_OPTION} if it holds a malformed option (a
     * length below 2, running past the header, or missing) or a known kind with a length its RFC does not
     * allow, {@link DropReason#NONE} otherwise. Segments that fail this are still processed by jwsk's TCP, as by
     * Linux; the reason is for counting and for callers that refuse them (a filter, a strict test peer).
     */
    public DropReason checkOptions() {
        return cursor.reset(this).validateRest();
    }

    /** The MSS option's value, 0-65535, or {@link #ABSENT}. */
    public int mss() {
        return find(TcpOptionKind.MSS) ? cursor.mss() : ABSENT;
    }

    /**
     * The Window Scale option's shift as sent, 0-255, or {@link #ABSENT}. A receiver uses at most 14 (RFC 7323
     * §2.3, {@link TcpOption.WindowScale#effectiveShift()}).
     */
    public int windowScale() {
        return find(TcpOptionKind.WINDOW_SCALE) ? cursor.windowScale() : ABSENT;
    }

    /** Whether a SACK-Permitted option is present. */
    public boolean sackPermitted() {
        return find(TcpOptionKind.SACK_PERMITTED);
    }

    /** Whether a Timestamps option is present. */
    public boolean hasTimestamps() {
        return timestampsAt() >= 0;
    }

    /** TSval as an unsigned value (cast to {@code int} for modular comparisons), or {@link #ABSENT}. */
    public long tsVal() {
        long at = timestampsAt();
        return at < 0 ? ABSENT : NetOrder.u32(seg, at + 2);
    }

    /** TSecr as an unsigned value (cast to {@code int} for modular comparisons), or {@link #ABSENT}. */
    public long tsEcr() {
        long at = timestampsAt();
        return at < 0 ? ABSENT : NetOrder.u32(seg, at + 6);
    }

    /** The number of blocks in the SACK option, 1-4, or 0 when there is none. */
    public int sackBlockCount() {
        return find(TcpOptionKind.SACK) ? cursor.sackBlockCount() : 0;
    }

    /**
     * The left edge of SACK block {@code i}, 0 being the first on the wire.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= i < sackBlockCount()}
     */
    public int sackLeft(int i) {
        requireSack(i);
        return cursor.sackLeft(i);
    }

    /**
     * The right edge of SACK block {@code i}, 0 being the first on the wire.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= i < sackBlockCount()}
     */
    public int sackRight(int i) {
        requireSack(i);
        return cursor.sackRight(i);
    }

    private void requireSack(int i) {
        if (!find(TcpOptionKind.SACK)) {
            throw new IndexOutOfBoundsException("no SACK option");
        }
        if (i < 0 || i >= cursor.sackBlockCount()) {
            throw new IndexOutOfBoundsException("SACK block " + i + " of " + cursor.sackBlockCount());
        }
    }

    /** Where the Timestamps option starts in the segment, or -1; with Linux's fast path for NOP NOP TS. */
    private long timestampsAt() {
        if (headerLength() == TcpLayout.HEADER_LENGTH + 12 && NetOrder.i32(seg, optionsOffset()) == ALIGNED_TIMESTAMPS_WORD) {
            return optionsOffset() + 2; // tcp_fast_parse_options: the only layout of a 32-byte header with TS
        }
        return find(TcpOptionKind.TIMESTAMPS) ? cursor.offset() : -1;
    }

    /**
     * Leaves {@link #cursor} on the last well-formed option of {@code kind} before the list ends, and says
     * whether there was one.
     */
    private boolean find(int kind) {
        long found = -1;
        cursor.reset(this);
        while (cursor.next()) {
            if (cursor.kind() == kind && cursor.isWellFormed()) {
                found = cursor.offset();
            }
        }
        if (found < 0) {
            return false;
        }
        long area = optionsOffset();
        cursor.reset(seg, found, (int) (area + optionsLength() - found)).next();
        return true;
    }

    // ---- checksum

    /**
     * The value the checksum field should hold for the wrapped segment and the pseudo-header sum {@code
     * pseudoHeaderSum}, computed as if the field were zero (RFC 9293 §3.1). Reads the whole segment.
     */
    public int computeChecksum(int pseudoHeaderSum) {
        int sum = InternetChecksum.sum(seg, off, TcpLayout.CHECKSUM_OFFSET);
        int after = TcpLayout.CHECKSUM_OFFSET + 2;
        sum = InternetChecksum.add(sum, InternetChecksum.sum(seg, off + after, len - after));
        return InternetChecksum.finish(InternetChecksum.add(pseudoHeaderSum, sum));
    }

    /**
     * Verifies the checksum of the wrapped segment against the pseudo-header sum the network layer computed
     * ({@code InternetChecksum.pseudoHeaderV4(src, dst, IpProtocol.TCP, length())} or {@code pseudoHeaderV6}).
     *
     * @return {@link DropReason#NONE} or {@link DropReason#TCP_BAD_CHECKSUM}
     */
    public DropReason verifyChecksum(int pseudoHeaderSum) {
        int sum = InternetChecksum.add(pseudoHeaderSum, InternetChecksum.sum(seg, off, len));
        return InternetChecksum.isValid(sum) ? DropReason.NONE : DropReason.TCP_BAD_CHECKSUM;
    }

    // ---- setters

    /** Sets the source port. */
    public void setSrcPort(int port) {
        NetOrder.setU16(seg, off + TcpLayout.SRC_PORT_OFFSET, port);
    }

    /** Sets the destination port. */
    public void setDstPort(int port) {
        NetOrder.setU16(seg, off + TcpLayout.DST_PORT_OFFSET, port);
    }

    /** Sets the sequence number. */
    public void setSeqNumber(int seq) {
        NetOrder.setI32(seg, off + TcpLayout.SEQ_OFFSET, seq);
    }

    /** Sets the acknowledgment number. */
    public void setAckNumber(int ack) {
        NetOrder.setI32(seg, off + TcpLayout.ACK_OFFSET, ack);
    }

    /**
     * Writes the data offset for a {@code headerLength}-byte header, zero reserved bits and the control bits in
     * one go, without reading the buffer. Changes where the options end: voids any earlier {@code check}.
     *
     * @param headerLength 20-60, a multiple of 4
     * @param flags        the control bits, {@link TcpFlags#MASK} at most
     */
    public void setHeaderLengthAndFlags(int headerLength, int flags) {
        if (headerLength < TcpLayout.HEADER_LENGTH || headerLength > TcpLayout.MAX_HEADER_LENGTH || (headerLength & 3) != 0) {
            throw new IllegalArgumentException("TCP header length must be 20-60 and a multiple of 4: " + headerLength);
        }
        int word = (headerLength / 4) << TcpLayout.DATA_OFFSET_SHIFT | (flags & TcpLayout.FLAGS_MASK);
        NetOrder.setU16(seg, off + TcpLayout.DATA_OFFSET_OFFSET, word);
    }

    /** Rewrites the control bits of a header whose data offset is already written, keeping the reserved bits. */
    public void setFlags(int flags) {
        int word = word12() & ~TcpLayout.FLAGS_MASK | (flags & TcpLayout.FLAGS_MASK);
        NetOrder.setU16(seg, off + TcpLayout.DATA_OFFSET_OFFSET, word);
    }

    /**
     * Rewrites the three reserved bits of a header whose data offset is already written: for test peers that
     * probe how receivers ignore them. jwsk's own segments carry zero (RFC 9293 §3.1).
     */
    public void setReservedBits(int bits) {
        int word = word12() & ~TcpLayout.RESERVED_MASK | (bits << TcpLayout.RESERVED_SHIFT & TcpLayout.RESERVED_MASK);
        NetOrder.setU16(seg, off + TcpLayout.DATA_OFFSET_OFFSET, word);
    }

    /** Sets the window. */
    public void setWindow(int window) {
        NetOrder.setU16(seg, off + TcpLayout.WINDOW_OFFSET, window);
    }

    /** Sets the checksum field. */
    public void setChecksum(int checksum) {
        NetOrder.setU16(seg, off + TcpLayout.CHECKSUM_OFFSET, checksum);
    }

    /**
     * Computes and stores the checksum of the wrapped segment, which must be complete, header and data ({@link
     * #computeChecksum(int)}).
     */
    public void setComputedChecksum(int pseudoHeaderSum) {
        setChecksum(computeChecksum(pseudoHeaderSum));
    }

    /** Sets the urgent pointer. */
    public void setUrgentPointer(int urgentPointer) {
        NetOrder.setU16(seg, off + TcpLayout.URGENT_POINTER_OFFSET, urgentPointer);
    }
}
