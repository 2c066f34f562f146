package org.jwsk.wire.icmpv6;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * One Multicast Address Record of a Version 2 Multicast Listener Report (RFC 3810 §5.2.4).
 *
 * @param recordType 0-255 ({@link MldLayout#MODE_IS_INCLUDE} to {@link MldLayout#BLOCK_OLD_SOURCES})
 * @param group      the multicast address
 * @param sources    0-65535 source addresses
 * @param auxData    auxiliary data, a multiple of 4 bytes up to 1020 (none is defined: RFC 3810 §5.2.10)
 */
public record MldRecord(int recordType, Ipv6Address group, List<Ipv6Address> sources, Octets auxData) {

    public MldRecord {
        Icmpv6Fields.requireRange("record type", recordType, 0xff);
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(auxData, "auxData");
        sources = List.copyOf(sources);
        Icmpv6Fields.requireRange("number of sources", sources.size(), 0xffff);
        if (auxData.length() % 4 != 0 || auxData.length() > 0xff * 4) {
            throw new IllegalArgumentException("aux data must be a multiple of 4 bytes up to 1020, not " + auxData.length());
        }
    }

    /** A record without auxiliary data. */
    public MldRecord(int recordType, Ipv6Address group, List<Ipv6Address> sources) {
        this(recordType, group, sources, Octets.EMPTY);
    }

    /** Reads the record under {@code cursor}. */
    public static MldRecord parse(MldRecordCursor cursor) {
        MemorySegment seg = cursor.segment();
        List<Ipv6Address> sources = new ArrayList<>(cursor.numberOfSources());
        for (int i = 0; i < cursor.numberOfSources(); i++) {
            sources.add(Ipv6Address.read(seg, cursor.sourceOffset(i)));
        }
        return new MldRecord(cursor.recordType(), new Ipv6Address(cursor.multicastHi(), cursor.multicastLo()), sources,
                Octets.copyOf(seg, cursor.auxDataOffset(), cursor.auxDataLength()));
    }

    /** The bytes the record occupies. */
    public int length() {
        return MldLayout.RECORD_SOURCES_OFFSET + MldLayout.ADDRESS_LENGTH * sources.size() + auxData.length();
    }

    /** Writes every byte of the record at {@code off} of {@code seg}. */
    public void emit(MemorySegment seg, long off) {
        NetOrder.setU8(seg, off + MldLayout.RECORD_TYPE_OFFSET, recordType);
        NetOrder.setU8(seg, off + MldLayout.RECORD_AUX_DATA_LENGTH_OFFSET, auxData.length() / 4);
        NetOrder.setU16(seg, off + MldLayout.RECORD_NUMBER_OF_SOURCES_OFFSET, sources.size());
        group.write(seg, off + MldLayout.RECORD_MULTICAST_ADDRESS_OFFSET);
        long p = off + MldLayout.RECORD_SOURCES_OFFSET;
        for (Ipv6Address source : sources) {
            source.write(seg, p);
            p += MldLayout.ADDRESS_LENGTH;
        }
        auxData.copyTo(seg, p);
    }
}
