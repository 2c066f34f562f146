package org.jwsk.wire.icmpv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;

/**
 * A reusable, allocation-free cursor over the multicast address records of a Version 2 Multicast Listener
 * Report (RFC 3810 §5.2) that passed {@link Icmpv6View#check}.
 *
 * <p>Belongs to one thread at a time; borrows the segment of the view it was reset to.
 */
public final class MldRecordCursor {

    private MemorySegment seg;
    private long next;
    private int remaining;
    private long at;

    /**
     * Starts over before the first record of {@code report}.
     *
     * @return this cursor
     */
    public MldRecordCursor reset(MldView report) {
        this.seg = report.segment();
        this.next = report.offset() + MldLayout.RECORDS_OFFSET;
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

    /** The record's length: 20 bytes, the sources and the auxiliary data. */
    public int length() {
        return (int) MldView.recordLength(seg, at);
    }

    /** The record type ({@link MldLayout#MODE_IS_INCLUDE} ...). */
    public int recordType() {
        return NetOrder.u8(seg, at + MldLayout.RECORD_TYPE_OFFSET);
    }

    /** The auxiliary data length in bytes (the field counts 32-bit words). */
    public int auxDataLength() {
        return NetOrder.u8(seg, at + MldLayout.RECORD_AUX_DATA_LENGTH_OFFSET) * 4;
    }

    /** The number of sources. */
    public int numberOfSources() {
        return NetOrder.u16(seg, at + MldLayout.RECORD_NUMBER_OF_SOURCES_OFFSET);
    }

    /** The first 64 bits of the multicast address. */
    public long multicastHi() {
        return NetOrder.i64(seg, at + MldLayout.RECORD_MULTICAST_ADDRESS_OFFSET);
    }

    /** The last 64 bits of the multicast address. */
    public long multicastLo() {
        return NetOrder.i64(seg, at + MldLayout.RECORD_MULTICAST_ADDRESS_OFFSET + 8);
    }

    /** Where source {@code i} starts in the segment. */
    public long sourceOffset(int i) {
        return at + MldLayout.RECORD_SOURCES_OFFSET + (long) i * MldLayout.ADDRESS_LENGTH;
    }

    /** Where the auxiliary data starts in the segment. */
    public long auxDataOffset() {
        return sourceOffset(numberOfSources());
    }
}
