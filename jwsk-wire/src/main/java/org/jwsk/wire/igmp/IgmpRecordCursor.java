package org.jwsk.wire.igmp;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;

/**
 * A reusable, allocation-free cursor over the group records of a Version 3 Membership Report (RFC 3376 §4.2)
 * that passed {@link IgmpView#check}.
 *
 * <pre>{@code
 * for (cursor.reset(report); cursor.next(); ) {
 *     if (cursor.recordType() == IgmpLayout.CHANGE_TO_EXCLUDE_MODE) { ... cursor.multicastAddress() ... }
 * }
 * }</pre>
 *
 * <p>Belongs to one thread at a time; borrows the segment of the view it was reset to.
 */
public final class IgmpRecordCursor {

    private MemorySegment seg;
    private long next;
    private int remaining;
    private long at;

    /**
     * Starts over before the first record of {@code report}.
     *
     * @return this cursor
     */
    public IgmpRecordCursor reset(IgmpView report) {
        this.seg = report.segment();
        this.next = report.offset() + IgmpLayout.RECORDS_OFFSET;
        this.remaining = report.numberOfRecords();
        this.at = -1;
        return this;
    }

    /** Moves to the next record; {@code false} when there is none. */
    public boolean next() {
        if (remaining == 0) {
            return false;
        }
        remaining--;
        at = next;
        next = at + length();
        return true;
    }

    /** The segment the records live in. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the record starts in the segment. */
    public long offset() {
        return at;
    }

    /** The record's length: 8 bytes, the sources and the auxiliary data. */
    public int length() {
        return (int) IgmpView.recordLength(seg, at);
    }

    /** The record type ({@link IgmpLayout#MODE_IS_INCLUDE} ...). */
    public int recordType() {
        return NetOrder.u8(seg, at + IgmpLayout.RECORD_TYPE_OFFSET);
    }

    /** The multicast address. */
    public int multicastAddress() {
        return NetOrder.i32(seg, at + IgmpLayout.RECORD_MULTICAST_ADDRESS_OFFSET);
    }

    /** The number of sources. */
    public int numberOfSources() {
        return NetOrder.u16(seg, at + IgmpLayout.RECORD_NUMBER_OF_SOURCES_OFFSET);
    }

    /** Where source {@code i} sits in the segment. */
    public long sourceOffset(int i) {
        return at + IgmpLayout.RECORD_SOURCES_OFFSET + (long) i * IgmpLayout.ADDRESS_LENGTH;
    }

    /** Source {@code i}. */
    public int source(int i) {
        return NetOrder.i32(seg, sourceOffset(i));
    }

    /** Where the auxiliary data starts. */
    public long auxDataOffset() {
        return sourceOffset(numberOfSources());
    }

    /** The auxiliary data length in bytes. */
    public int auxDataLength() {
        return NetOrder.u8(seg, at + IgmpLayout.RECORD_AUX_DATA_LENGTH_OFFSET) * 4;
    }
}
