package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;

/**
 * A zero-copy view of a Routing header ({@link Ipv6RoutingLayout}).
 *
 * <p><b>Contract.</b> {@link #check(MemorySegment, long, int)} first; only after {@link DropReason#NONE} may
 * the accessors run. {@link #setHeaderExtLength(int)} voids an earlier check. A view belongs to one thread at a
 * time and borrows the segment it wraps.
 */
public final class Ipv6RoutingView {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that {@code len} bytes at {@code off} start with a Routing header of at least 8 bytes whose stated
     * length fits ({@code IPV6_BAD_EXTENSION_HEADER} otherwise).
     *
     * @return {@link DropReason#NONE}, or why the header is malformed; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        if (len < Ipv6RoutingLayout.MIN_LENGTH
                || Ipv6OptionsLayout.headerLength(NetOrder.u8(seg, off + Ipv6RoutingLayout.HDR_EXT_LEN_OFFSET)) > len) {
            return DropReason.IPV6_BAD_EXTENSION_HEADER;
        }
        return DropReason.NONE;
    }

    /**
     * Points this view at {@code len} bytes of {@code seg} from {@code off}.
     *
     * @return this view
     */
    public Ipv6RoutingView wrap(MemorySegment seg, long off, int len) {
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

    /** The next header field. */
    public int nextHeader() {
        return NetOrder.u8(seg, off + Ipv6RoutingLayout.NEXT_HEADER_OFFSET);
    }

    /** The Hdr Ext Len field. */
    public int headerExtLength() {
        return NetOrder.u8(seg, off + Ipv6RoutingLayout.HDR_EXT_LEN_OFFSET);
    }

    /** The header length in bytes. */
    public int headerLength() {
        return Ipv6OptionsLayout.headerLength(headerExtLength());
    }

    /** The routing type. */
    public int routingType() {
        return NetOrder.u8(seg, off + Ipv6RoutingLayout.ROUTING_TYPE_OFFSET);
    }

    /** Segments left: route segments still to visit. */
    public int segmentsLeft() {
        return NetOrder.u8(seg, off + Ipv6RoutingLayout.SEGMENTS_LEFT_OFFSET);
    }

    /** Where the type-specific data starts in {@link #segment()}. */
    public long dataOffset() {
        return off + Ipv6RoutingLayout.DATA_OFFSET;
    }

    /** The type-specific data length: header length minus 4. */
    public int dataLength() {
        return headerLength() - Ipv6RoutingLayout.DATA_OFFSET;
    }

    /** Sets the next header field. */
    public void setNextHeader(int nextHeader) {
        NetOrder.setU8(seg, off + Ipv6RoutingLayout.NEXT_HEADER_OFFSET, nextHeader);
    }

    /** Sets the Hdr Ext Len field. Voids an earlier check. */
    public void setHeaderExtLength(int hdrExtLen) {
        NetOrder.setU8(seg, off + Ipv6RoutingLayout.HDR_EXT_LEN_OFFSET, hdrExtLen);
    }

    /** Sets the routing type. */
    public void setRoutingType(int routingType) {
        NetOrder.setU8(seg, off + Ipv6RoutingLayout.ROUTING_TYPE_OFFSET, routingType);
    }

    /** Sets segments left (a router processing the header decrements it, RFC 8200 §4.4). */
    public void setSegmentsLeft(int segmentsLeft) {
        NetOrder.setU8(seg, off + Ipv6RoutingLayout.SEGMENTS_LEFT_OFFSET, segmentsLeft);
    }
}
