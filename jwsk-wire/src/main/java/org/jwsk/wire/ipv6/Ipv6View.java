package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * A zero-copy view of an IPv6 fixed header ({@link Ipv6Layout}): one instance is {@link #wrap wrapped} over
 * packet after packet and allocates nothing (except {@link #src()} and {@link #dst()}, which build records for
 * the control plane).
 *
 * <p><b>Contract.</b> Call {@link #check(MemorySegment, long, int)} on untrusted bytes first; only when it
 * returns {@link DropReason#NONE} may the accessors run, and then none of them reads outside the wrapped
 * range. The check covers the fixed header only: walk the extension headers with {@link Ipv6HeaderWalker}. For
 * emitting, wrap the buffer without checking and write every field (or use {@link Ipv6Repr#emit}).
 * {@link #setPayloadLength(int)} and {@link #setVersionClassFlow(int, int)} can void an earlier check.
 *
 * <p>A view belongs to one thread at a time and must not be kept beyond the buffer it wraps; it borrows the
 * segment and never releases it.
 */
public final class Ipv6View {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that {@code len} bytes at {@code off} hold an IPv6 fixed header whose payload length fits: at
     * least 40 bytes ({@code IPV6_TRUNCATED}), version 6 ({@code IPV6_BAD_VERSION}), and a payload length no
     * larger than the bytes after the header ({@code IPV6_TRUNCATED}, RFC 8200 §3). Bytes beyond the payload
     * length are link padding and pass.
     *
     * @return {@link DropReason#NONE}, or why the packet must be dropped; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        if (len < Ipv6Layout.HEADER_LENGTH) {
            return DropReason.IPV6_TRUNCATED;
        }
        if (NetOrder.u8(seg, off) >>> 4 != Ipv6Layout.VERSION) {
            return DropReason.IPV6_BAD_VERSION;
        }
        if (NetOrder.u16(seg, off + Ipv6Layout.PAYLOAD_LENGTH_OFFSET) > len - Ipv6Layout.HEADER_LENGTH) {
            return DropReason.IPV6_TRUNCATED;
        }
        return DropReason.NONE;
    }

    /**
     * Points this view at {@code len} bytes of {@code seg} from {@code off}: the packet plus any link padding.
     *
     * @return this view
     */
    public Ipv6View wrap(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.off = off;
        this.len = len;
        return this;
    }

    /** The segment this view reads. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the packet starts in {@link #segment()}. */
    public long offset() {
        return off;
    }

    /** The wrapped length: header, payload and any link padding. */
    public int length() {
        return len;
    }

    /** The version field (6 once checked). */
    public int version() {
        return NetOrder.u8(seg, off) >>> 4;
    }

    /** The traffic class, 8 bits: DSCP and ECN. */
    public int trafficClass() {
        return (NetOrder.u16(seg, off) >>> 4) & 0xff;
    }

    /** The DSCP, the upper six bits of the traffic class (RFC 2474). */
    public int dscp() {
        return Ipv6Layout.dscp(trafficClass());
    }

    /** The ECN codepoint, the lower two bits of the traffic class (RFC 3168 §5). */
    public int ecn() {
        return Ipv6Layout.ecn(trafficClass());
    }

    /** The flow label, 20 bits (RFC 6437). */
    public int flowLabel() {
        return NetOrder.i32(seg, off) & Ipv6Layout.MAX_FLOW_LABEL;
    }

    /** The payload length: extension headers plus upper-layer packet, without link padding. */
    public int payloadLength() {
        return NetOrder.u16(seg, off + Ipv6Layout.PAYLOAD_LENGTH_OFFSET);
    }

    /** The next header field: the first extension header or the upper-layer protocol. */
    public int nextHeader() {
        return NetOrder.u8(seg, off + Ipv6Layout.NEXT_HEADER_OFFSET);
    }

    /** The hop limit. */
    public int hopLimit() {
        return NetOrder.u8(seg, off + Ipv6Layout.HOP_LIMIT_OFFSET);
    }

    /** The first 64 bits of the source address. */
    public long srcHi() {
        return NetOrder.i64(seg, off + Ipv6Layout.SRC_OFFSET);
    }

    /** The last 64 bits of the source address. */
    public long srcLo() {
        return NetOrder.i64(seg, off + Ipv6Layout.SRC_OFFSET + 8);
    }

    /** The first 64 bits of the destination address. */
    public long dstHi() {
        return NetOrder.i64(seg, off + Ipv6Layout.DST_OFFSET);
    }

    /** The last 64 bits of the destination address. */
    public long dstLo() {
        return NetOrder.i64(seg, off + Ipv6Layout.DST_OFFSET + 8);
    }

    /** The source address as a record (allocates; the data path uses {@link #srcHi()}/{@link #srcLo()}). */
    public Ipv6Address src() {
        return new Ipv6Address(srcHi(), srcLo());
    }

    /** The destination address as a record (allocates; the data path uses {@link #dstHi()}/{@link #dstLo()}). */
    public Ipv6Address dst() {
        return new Ipv6Address(dstHi(), dstLo());
    }

    /** Whether the destination is a multicast address (ff00::/8). */
    public boolean isDstMulticast() {
        return NetOrder.u8(seg, off + Ipv6Layout.DST_OFFSET) == 0xff;
    }

    /** The packet length the header states: 40 plus the payload length. */
    public int packetLength() {
        return Ipv6Layout.HEADER_LENGTH + payloadLength();
    }

    /** Where the payload (the first extension header or the upper layer) starts in {@link #segment()}. */
    public long payloadOffset() {
        return off + Ipv6Layout.HEADER_LENGTH;
    }

    /** Link padding: wrapped bytes beyond the stated packet length. */
    public int paddingLength() {
        return len - packetLength();
    }

    /**
     * The upper-layer pseudo-header sum of this packet's addresses (RFC 8200 §8.1) for {@code upperProtocol}
     * and {@code upperLength} (the upper-layer packet length, without extension headers). Allocates nothing.
     */
    public int pseudoHeaderSum(int upperProtocol, int upperLength) {
        return InternetChecksum.pseudoHeaderV6(srcHi(), srcLo(), dstHi(), dstLo(), upperProtocol, upperLength);
    }

    /**
     * Writes version 6, the traffic class and the flow label. Voids an earlier check only if the buffer held
     * another version.
     */
    public void setVersionClassFlow(int trafficClass, int flowLabel) {
        NetOrder.setI32(seg, off, Ipv6Layout.VERSION << 28 | (trafficClass & 0xff) << 20
                | (flowLabel & Ipv6Layout.MAX_FLOW_LABEL));
    }

    /** Sets the traffic class, keeping version and flow label (for example to mark ECN CE on forwarding). */
    public void setTrafficClass(int trafficClass) {
        int word = NetOrder.i32(seg, off);
        NetOrder.setI32(seg, off, (word & 0xf00f_ffff) | (trafficClass & 0xff) << 20);
    }

    /** Sets the payload length. Voids an earlier check: the accessors trust the length to fit the view. */
    public void setPayloadLength(int payloadLength) {
        NetOrder.setU16(seg, off + Ipv6Layout.PAYLOAD_LENGTH_OFFSET, payloadLength);
    }

    /** Sets the next header field. */
    public void setNextHeader(int nextHeader) {
        NetOrder.setU8(seg, off + Ipv6Layout.NEXT_HEADER_OFFSET, nextHeader);
    }

    /** Sets the hop limit (forwarding decrements it, RFC 8200 §3). */
    public void setHopLimit(int hopLimit) {
        NetOrder.setU8(seg, off + Ipv6Layout.HOP_LIMIT_OFFSET, hopLimit);
    }

    /** Sets the source address from its two halves. */
    public void setSrc(long hi, long lo) {
        NetOrder.setI64(seg, off + Ipv6Layout.SRC_OFFSET, hi);
        NetOrder.setI64(seg, off + Ipv6Layout.SRC_OFFSET + 8, lo);
    }

    /** Sets the destination address from its two halves. */
    public void setDst(long hi, long lo) {
        NetOrder.setI64(seg, off + Ipv6Layout.DST_OFFSET, hi);
        NetOrder.setI64(seg, off + Ipv6Layout.DST_OFFSET + 8, lo);
    }
}
