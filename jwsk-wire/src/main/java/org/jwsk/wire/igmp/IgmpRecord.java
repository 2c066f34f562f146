package org.jwsk.wire.igmp;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;

/**
 * One Group Record of a Version 3 Membership Report (RFC 3376 §4.2.4).
 *
 * @param recordType 0-255 ({@link IgmpLayout#MODE_IS_INCLUDE} to {@link IgmpLayout#BLOCK_OLD_SOURCES})
 * @param group      the multicast address
 * @param sources    0-65535 source addresses
 * @param auxData    auxiliary data, a multiple of 4 bytes up to 1020 (none is defined: RFC 3376 §4.2.10)
 */
public record IgmpRecord(int recordType, Ipv4Address group, List<Ipv4Address> sources, Octets auxData) {

    public IgmpRecord {
        IgmpRepr.requireRange("record type", recordType, 0xff);
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(auxData, "auxData");
        sources = List.copyOf(sources);
        IgmpRepr.requireRange("number of sources", sources.size(), 0xffff);
        if (auxData.length() % 4 != 0 || auxData.length() > 0xff * 4) {
            throw new IllegalArgumentException("aux data must be a multiple of 4 bytes up to 1020, not " + auxData.length());
        }
    }

    /** A record without auxiliary data. */
    public IgmpRecord(int recordType, Ipv4Address group, List<Ipv4Address> sources) {
        this(recordType, group, sources, Octets.EMPTY);
    }

    /** Reads the record under {@code cursor}. */
    public static IgmpRecord parse(IgmpRecordCursor cursor) {
        List<Ipv4Address> sources = new ArrayList<>(cursor.numberOfSources());
        for (int i = 0; i < cursor.numberOfSources(); i++) {
            sources.add(new Ipv4Address(cursor.source(i)));
        }
        return new IgmpRecord(cursor.recordType(), new Ipv4Address(cursor.multicastAddress()), sources,
                Octets.copyOf(cursor.segment(), cursor.auxDataOffset(), cursor.auxDataLength()));
    }

    /** The bytes the record occupies. */
    public int length() {
        return IgmpLayout.RECORD_SOURCES_OFFSET + IgmpLayout.ADDRESS_LENGTH * sources.size() + auxData.length();
    }

    /** Writes every byte of the record at {@code off} of {@code seg}. */
    public void emit(MemorySegment seg, long off) {
        NetOrder.setU8(seg, off + IgmpLayout.RECORD_TYPE_OFFSET, recordType);
        NetOrder.setU8(seg, off + IgmpLayout.RECORD_AUX_DATA_LENGTH_OFFSET, auxData.length() / 4);
        NetOrder.setU16(seg, off + IgmpLayout.RECORD_NUMBER_OF_SOURCES_OFFSET, sources.size());
        group.write(seg, off + IgmpLayout.RECORD_MULTICAST_ADDRESS_OFFSET);
        long p = off + IgmpLayout.RECORD_SOURCES_OFFSET;
        for (Ipv4Address source : sources) {
            source.write(seg, p);
            p += IgmpLayout.ADDRESS_LENGTH;
        }
        auxData.copyTo(seg, p);
    }
}
