package org.jwsk.wire.icmpv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * A zero-copy view of an MLD message ({@link MldLayout}): the query in its MLDv1 and MLDv2 forms, the MLDv1
 * report and done, and the Version 2 report, whose records an {@link MldRecordCursor} walks. It wraps the whole
 * ICMPv6 message after {@link Icmpv6View#check} passed and its type is MLD ({@link Icmpv6Type#isMld}).
 *
 * <p>The validity rules of RFC 3810 §6.2 and §7.4 (link-local source, hop limit 1, Router Alert) belong to the
 * network layer, which finds them in {@code Ipv6View} and {@code Ipv6HeaderWalker.routerAlert()}.
 *
 * <p>A view belongs to one thread at a time and borrows the segment it wraps.
 */
public final class MldView {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks an MLD message of {@code type}: a query of exactly 24 bytes (MLDv1) or at least 28 whose sources
     * fit; a 25-27 byte query is ignored (RFC 3810 §8.1) as {@code ICMPV6_BAD_LENGTH}; MLDv1 report and done of
     * at least 24; a Version 2 report of at least 8 whose records, each with its sources and auxiliary data,
     * fit ({@code MLD_BAD_RECORD} otherwise, as for a query's sources).
     */
    static DropReason checkBody(MemorySegment seg, long off, int len, int type) {
        if (type == Icmpv6Type.MLD_V2_REPORT) {
            return checkReport(seg, off, len);
        }
        if (len < MldLayout.V1_LENGTH) {
            return DropReason.ICMPV6_BAD_LENGTH;
        }
        if (type != Icmpv6Type.MLD_QUERY || len == MldLayout.V1_LENGTH) {
            return DropReason.NONE;
        }
        if (len < MldLayout.SOURCES_OFFSET) {
            return DropReason.ICMPV6_BAD_LENGTH;
        }
        int sources = NetOrder.u16(seg, off + MldLayout.NUMBER_OF_SOURCES_OFFSET);
        return MldLayout.SOURCES_OFFSET + (long) sources * MldLayout.ADDRESS_LENGTH > len ? DropReason.MLD_BAD_RECORD
                : DropReason.NONE;
    }

    private static DropReason checkReport(MemorySegment seg, long off, int len) {
        if (len < MldLayout.RECORDS_OFFSET) {
            return DropReason.ICMPV6_BAD_LENGTH;
        }
        int records = NetOrder.u16(seg, off + MldLayout.NUMBER_OF_RECORDS_OFFSET);
        long p = MldLayout.RECORDS_OFFSET;
        for (int i = 0; i < records; i++) {
            if (len - p < MldLayout.RECORD_SOURCES_OFFSET) {
                return DropReason.MLD_BAD_RECORD;
            }
            long length = recordLength(seg, off + p);
            if (length > len - p) {
                return DropReason.MLD_BAD_RECORD;
            }
            p += length;
        }
        return DropReason.NONE;
    }

    /** The length of the record at {@code at}: fixed part, sources and auxiliary data. */
    static long recordLength(MemorySegment seg, long at) {
        int sources = NetOrder.u16(seg, at + MldLayout.RECORD_NUMBER_OF_SOURCES_OFFSET);
        int auxWords = NetOrder.u8(seg, at + MldLayout.RECORD_AUX_DATA_LENGTH_OFFSET);
        return MldLayout.RECORD_SOURCES_OFFSET + (long) sources * MldLayout.ADDRESS_LENGTH + auxWords * 4L;
    }

    /**
     * Points this view at the {@code len}-byte ICMPv6 message at {@code off} of {@code seg}.
     *
     * @return this view
     */
    public MldView wrap(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.off = off;
        this.len = len;
        return this;
    }

    /** The segment this view reads. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the ICMPv6 message starts in {@link #segment()}. */
    public long offset() {
        return off;
    }

    /** The ICMPv6 message length. */
    public int length() {
        return len;
    }

    /** The ICMPv6 type: which MLD message this is. */
    public int type() {
        return NetOrder.u8(seg, off + Icmpv6Layout.TYPE_OFFSET);
    }

    /** Query: whether this is the MLDv2 form, 28 bytes or more (RFC 3810 §8.1); 24 bytes is MLDv1. */
    public boolean isV2Query() {
        return len >= MldLayout.SOURCES_OFFSET;
    }

    /** Query, MLDv1: the Maximum Response Code (a delay in milliseconds for MLDv1). */
    public int maxResponseCode() {
        return NetOrder.u16(seg, off + MldLayout.MAX_RESPONSE_CODE_OFFSET);
    }

    /** Query: the Maximum Response Delay in milliseconds ({@link MldLayout#maxResponseDelay}). */
    public int maxResponseDelay() {
        return isV2Query() ? MldLayout.maxResponseDelay(maxResponseCode()) : maxResponseCode();
    }

    /** The first 64 bits of the multicast address (query, MLDv1 report and done). */
    public long multicastHi() {
        return NetOrder.i64(seg, off + MldLayout.MULTICAST_ADDRESS_OFFSET);
    }

    /** The last 64 bits of the multicast address. */
    public long multicastLo() {
        return NetOrder.i64(seg, off + MldLayout.MULTICAST_ADDRESS_OFFSET + 8);
    }

    /** The multicast address as a record (allocates); :: in a general query. */
    public Ipv6Address multicastAddress() {
        return new Ipv6Address(multicastHi(), multicastLo());
    }

    /** MLDv2 query: the S flag, suppress router-side processing (RFC 3810 §5.1.7). */
    public boolean suppressRouterProcessing() {
        return (NetOrder.u8(seg, off + MldLayout.FLAGS_OFFSET) & MldLayout.FLAG_SUPPRESS) != 0;
    }

    /** MLDv2 query: the Querier's Robustness Variable, 0-7 (RFC 3810 §5.1.8). */
    public int robustness() {
        return NetOrder.u8(seg, off + MldLayout.FLAGS_OFFSET) & MldLayout.QRV_MASK;
    }

    /** MLDv2 query: the Querier's Query Interval Code. */
    public int qqic() {
        return NetOrder.u8(seg, off + MldLayout.QQIC_OFFSET);
    }

    /** MLDv2 query: the Querier's Query Interval in seconds ({@link MldLayout#queryInterval}). */
    public int queryInterval() {
        return MldLayout.queryInterval(qqic());
    }

    /** MLDv2 query: the number of sources. */
    public int numberOfSources() {
        return NetOrder.u16(seg, off + MldLayout.NUMBER_OF_SOURCES_OFFSET);
    }

    /** MLDv2 query: where source {@code i} starts in {@link #segment()}. */
    public long sourceOffset(int i) {
        return off + MldLayout.SOURCES_OFFSET + (long) i * MldLayout.ADDRESS_LENGTH;
    }

    /** MLDv2 report: the number of multicast address records. */
    public int numberOfRecords() {
        return NetOrder.u16(seg, off + MldLayout.NUMBER_OF_RECORDS_OFFSET);
    }

    /** Writes the Maximum Response Code (or delay) and zeroes the reserved field after it. */
    public void setMaxResponseCode(int code) {
        NetOrder.setU16(seg, off + MldLayout.MAX_RESPONSE_CODE_OFFSET, code);
        NetOrder.setU16(seg, off + MldLayout.RESERVED_OFFSET, 0);
    }

    /** Sets the multicast address. */
    public void setMulticastAddress(long hi, long lo) {
        NetOrder.setI64(seg, off + MldLayout.MULTICAST_ADDRESS_OFFSET, hi);
        NetOrder.setI64(seg, off + MldLayout.MULTICAST_ADDRESS_OFFSET + 8, lo);
    }

    /** MLDv2 query: writes the S flag, QRV (zero reserved bits), QQIC and the number of sources. */
    public void setQueryFields(boolean suppress, int robustness, int qqic, int numberOfSources) {
        NetOrder.setU8(seg, off + MldLayout.FLAGS_OFFSET, (suppress ? MldLayout.FLAG_SUPPRESS : 0) | robustness & MldLayout.QRV_MASK);
        NetOrder.setU8(seg, off + MldLayout.QQIC_OFFSET, qqic);
        NetOrder.setU16(seg, off + MldLayout.NUMBER_OF_SOURCES_OFFSET, numberOfSources);
    }

    /** MLDv2 report: zeroes the reserved field and writes the number of records. */
    public void setNumberOfRecords(int records) {
        NetOrder.setU16(seg, off + Icmpv6Layout.HEADER_LENGTH, 0);
        NetOrder.setU16(seg, off + MldLayout.NUMBER_OF_RECORDS_OFFSET, records);
    }
}
