package org.jwsk.wire.igmp;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.Ipv4Address;

/**
 * A zero-copy view of an IGMP message ({@link IgmpLayout}): the query in its three versions, the IGMPv1 and IGMPv2
 * reports and leave, and the Version 3 report, whose group records an {@link IgmpRecordCursor} walks.
 *
 * <p><b>Contract.</b> The view wraps exactly the IGMP message: the IPv4 payload, link padding excluded, since the
 * length decides a query's version and is what the checksum covers. Call {@link #check(MemorySegment, long, int)}
 * on untrusted bytes first; only when it returns {@link DropReason#NONE} may the accessors, the cursor or {@link
 * IgmpRepr#parse} run, and then none reads outside the wrapped range. Accessors of fields another message kind
 * lacks ({@link #qqic()} on a report) must not be called. Verify the checksum separately ({@link
 * #verifyChecksum()}). For emitting, wrap the buffer unchecked and write every field (or use {@link IgmpRepr}).
 *
 * <p>The rules of RFC 3376 §4 and §7 on the IP header (TTL 1, Router Alert, the destination) belong to the network
 * layer. A view belongs to one thread at a time and borrows the segment it wraps.
 */
public final class IgmpView {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that the {@code len}-byte IGMP message at {@code off} holds what its type needs: 8 bytes for any
     * message ({@code IGMP_TRUNCATED}); a query of 8 bytes, or of at least 12 whose sources fit ({@code
     * IGMP_BAD_RECORD}), since 9 to 11 bytes is no query (RFC 3376 §7.1, {@code IGMP_BAD_LENGTH}); a Version 3
     * report whose group records, each with its sources and auxiliary data, fit ({@code IGMP_BAD_RECORD}).
     *
     * @return {@link DropReason#NONE}, or why the message must be dropped; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        if (len < IgmpLayout.HEADER_LENGTH) {
            return DropReason.IGMP_TRUNCATED;
        }
        int type = NetOrder.u8(seg, off + IgmpLayout.TYPE_OFFSET);
        if (type == IgmpType.MEMBERSHIP_QUERY) {
            return checkQuery(seg, off, len);
        }
        return type == IgmpType.V3_MEMBERSHIP_REPORT ? checkReport(seg, off, len) : DropReason.NONE;
    }

    private static DropReason checkQuery(MemorySegment seg, long off, int len) {
        if (len == IgmpLayout.HEADER_LENGTH) {
            return DropReason.NONE;
        }
        if (len < IgmpLayout.SOURCES_OFFSET) {
            return DropReason.IGMP_BAD_LENGTH;
        }
        int sources = NetOrder.u16(seg, off + IgmpLayout.NUMBER_OF_SOURCES_OFFSET);
        return IgmpLayout.SOURCES_OFFSET + (long) sources * IgmpLayout.ADDRESS_LENGTH > len
                ? DropReason.IGMP_BAD_RECORD : DropReason.NONE;
    }

    private static DropReason checkReport(MemorySegment seg, long off, int len) {
        int records = NetOrder.u16(seg, off + IgmpLayout.NUMBER_OF_RECORDS_OFFSET);
        long p = IgmpLayout.RECORDS_OFFSET;
        for (int i = 0; i < records; i++) {
            if (len - p < IgmpLayout.RECORD_SOURCES_OFFSET) {
                return DropReason.IGMP_BAD_RECORD;
            }
            long length = recordLength(seg, off + p);
            if (length > len - p) {
                return DropReason.IGMP_BAD_RECORD;
            }
            p += length;
        }
        return DropReason.NONE;
    }

    /** The length of the group record at {@code at}: fixed part, sources and auxiliary data. */
    static long recordLength(MemorySegment seg, long at) {
        int sources = NetOrder.u16(seg, at + IgmpLayout.RECORD_NUMBER_OF_SOURCES_OFFSET);
        int auxWords = NetOrder.u8(seg, at + IgmpLayout.RECORD_AUX_DATA_LENGTH_OFFSET);
        return IgmpLayout.RECORD_SOURCES_OFFSET + (long) sources * IgmpLayout.ADDRESS_LENGTH + auxWords * 4L;
    }

    /**
     * Points this view at the {@code len}-byte IGMP message at {@code off} of {@code seg}.
     *
     * @return this view
     */
    public IgmpView wrap(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.off = off;
        this.len = len;
        return this;
    }

    /** The segment this view reads. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the message starts in {@link #segment()}. */
    public long offset() {
        return off;
    }

    /** The message length: what the checksum covers. */
    public int length() {
        return len;
    }

    /** The type ({@link IgmpType}). */
    public int type() {
        return NetOrder.u8(seg, off + IgmpLayout.TYPE_OFFSET);
    }

    /** The second byte: a query's Max Resp Code; unused (zero) in reports and leaves. */
    public int maxResponseCode() {
        return NetOrder.u8(seg, off + IgmpLayout.MAX_RESPONSE_CODE_OFFSET);
    }

    /**
     * A query's Maximum Response Time in tenths of a second: the IGMPv2 field as it stands, the IGMPv3 code decoded
     * (RFC 3376 §4.1.1); 0 for an IGMPv1 query, whose hosts use 10 seconds (RFC 3376 §7.1).
     */
    public int maxResponseTime() {
        return isV3Query() ? IgmpLayout.decodeCode(maxResponseCode()) : maxResponseCode();
    }

    /** The checksum field. */
    public int checksum() {
        return NetOrder.u16(seg, off + IgmpLayout.CHECKSUM_OFFSET);
    }

    /** The group address of a query (0 for a general query) or an IGMPv1/v2 report or leave. */
    public int group() {
        return NetOrder.i32(seg, off + IgmpLayout.GROUP_OFFSET);
    }

    /** The group address as a record (allocates). */
    public Ipv4Address groupAddress() {
        return new Ipv4Address(group());
    }

    /** Whether this is a query of the IGMPv3 form: 12 bytes or more. */
    public boolean isV3Query() {
        return type() == IgmpType.MEMBERSHIP_QUERY && len >= IgmpLayout.SOURCES_OFFSET;
    }

    /** A query's version by RFC 3376 §7.1: 1 (8 bytes, Max Resp Code 0), 2 (8 bytes) or 3 (12 or more). */
    public int queryVersion() {
        if (isV3Query()) {
            return 3;
        }
        return maxResponseCode() == 0 ? 1 : 2;
    }

    /** IGMPv3 query: the S flag, Suppress Router-Side Processing (RFC 3376 §4.1.5). */
    public boolean suppressRouterProcessing() {
        return (NetOrder.u8(seg, off + IgmpLayout.FLAGS_OFFSET) & IgmpLayout.FLAG_SUPPRESS) != 0;
    }

    /** IGMPv3 query: the Querier's Robustness Variable, 0-7 (RFC 3376 §4.1.6). */
    public int robustness() {
        return NetOrder.u8(seg, off + IgmpLayout.FLAGS_OFFSET) & IgmpLayout.QRV_MASK;
    }

    /** IGMPv3 query: the coded Querier's Query Interval (RFC 3376 §4.1.7). */
    public int qqic() {
        return NetOrder.u8(seg, off + IgmpLayout.QQIC_OFFSET);
    }

    /** IGMPv3 query: the Querier's Query Interval in seconds. */
    public int queryInterval() {
        return IgmpLayout.decodeCode(qqic());
    }

    /** IGMPv3 query: the number of sources. */
    public int numberOfSources() {
        return NetOrder.u16(seg, off + IgmpLayout.NUMBER_OF_SOURCES_OFFSET);
    }

    /** IGMPv3 query: where source {@code i} sits in {@link #segment()}. */
    public long sourceOffset(int i) {
        return off + IgmpLayout.SOURCES_OFFSET + (long) i * IgmpLayout.ADDRESS_LENGTH;
    }

    /** IGMPv3 query: source {@code i}, {@code 0 <= i < numberOfSources()}. */
    public int source(int i) {
        return NetOrder.i32(seg, sourceOffset(i));
    }

    /** Version 3 report: the number of group records. */
    public int numberOfRecords() {
        return NetOrder.u16(seg, off + IgmpLayout.NUMBER_OF_RECORDS_OFFSET);
    }

    /** Whether the checksum over the whole message verifies (RFC 3376 §4.1.2). Allocates nothing. */
    public boolean verifyChecksum() {
        return InternetChecksum.isValid(InternetChecksum.sum(seg, off, len));
    }

    /** Computes the checksum over the wrapped length and stores it. */
    public void fillChecksum() {
        setChecksum(0);
        setChecksum(InternetChecksum.compute(0, seg, off, len));
    }

    /** Sets the type. */
    public void setType(int type) {
        NetOrder.setU8(seg, off + IgmpLayout.TYPE_OFFSET, type);
    }

    /** Sets the second byte: a query's Max Resp Code, zero in reports and leaves. */
    public void setMaxResponseCode(int code) {
        NetOrder.setU8(seg, off + IgmpLayout.MAX_RESPONSE_CODE_OFFSET, code);
    }

    /** Sets the checksum field. */
    public void setChecksum(int checksum) {
        NetOrder.setU16(seg, off + IgmpLayout.CHECKSUM_OFFSET, checksum);
    }

    /** Sets the group address of a query or an IGMPv1/v2 message. */
    public void setGroup(int group) {
        NetOrder.setI32(seg, off + IgmpLayout.GROUP_OFFSET, group);
    }

    /** IGMPv3 query: writes the S flag, QRV (zero reserved bits), QQIC and the number of sources. */
    public void setQueryFields(boolean suppress, int robustness, int qqic, int numberOfSources) {
        NetOrder.setU8(seg, off + IgmpLayout.FLAGS_OFFSET,
                (suppress ? IgmpLayout.FLAG_SUPPRESS : 0) | robustness & IgmpLayout.QRV_MASK);
        NetOrder.setU8(seg, off + IgmpLayout.QQIC_OFFSET, qqic);
        NetOrder.setU16(seg, off + IgmpLayout.NUMBER_OF_SOURCES_OFFSET, numberOfSources);
    }

    /** IGMPv3 query: sets source {@code i}. */
    public void setSource(int i, int address) {
        NetOrder.setI32(seg, sourceOffset(i), address);
    }

    /** Version 3 report: zeroes both reserved fields and writes the number of group records. */
    public void setReportHeader(int records) {
        NetOrder.setU8(seg, off + IgmpLayout.MAX_RESPONSE_CODE_OFFSET, 0);
        NetOrder.setU16(seg, off + IgmpLayout.REPORT_RESERVED_OFFSET, 0);
        NetOrder.setU16(seg, off + IgmpLayout.NUMBER_OF_RECORDS_OFFSET, records);
    }
}
