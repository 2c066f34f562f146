package org.jwsk.wire.igmp;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;

/**
 * The validated meaning of an IGMP message: one record per message kind. Reserved fields, the unused byte of
 * reports and leaves, and bytes after the stated sources, records or the first 8 bytes of an IGMPv1/v2 message are
 * not kept (RFC 3376 §4.1.10, §4.2.11, RFC 2236 §2.5); emitting writes them as zero or leaves them out. Records are
 * for the control plane and tests; the data path reads {@link IgmpView} without building them.
 */
public sealed interface IgmpRepr
        permits IgmpRepr.V2Query, IgmpRepr.V3Query, IgmpRepr.V1Report, IgmpRepr.V2Report, IgmpRepr.V2Leave,
        IgmpRepr.V3Report, IgmpRepr.Unknown {

    /** The IGMP type. */
    int type();

    /** The message length this record emits. */
    int bufferLength();

    /** Writes every byte of the message at {@code off} of {@code seg}, the checksum field as zero. */
    void writeMessage(MemorySegment seg, long off);

    /**
     * Writes the message and, under {@link ChecksumPolicy#COMPUTE}, its checksum (RFC 3376 §4.1.2: over the whole
     * message, no pseudo-header); under {@link ChecksumPolicy#OFFLOAD} the checksum field stays zero.
     */
    default void emit(MemorySegment seg, long off, ChecksumPolicy policy) {
        Objects.checkFromIndexSize(off, bufferLength(), seg.byteSize());
        writeMessage(seg, off);
        if (policy == ChecksumPolicy.COMPUTE) {
            new IgmpView().wrap(seg, off, bufferLength()).fillChecksum();
        }
    }

    /** {@link #emit(MemorySegment, long, ChecksumPolicy)} through a view of at least {@link #bufferLength()}. */
    default void emit(IgmpView view, ChecksumPolicy policy) {
        if (view.length() < bufferLength()) {
            throw new IndexOutOfBoundsException("message needs " + bufferLength() + " bytes, view has " + view.length());
        }
        emit(view.segment(), view.offset(), policy);
    }

    /** Reads a message whose {@link IgmpView#check check} passed. The checksum is not verified here. */
    static IgmpRepr parse(IgmpView view) {
        Ipv4Address group = view.groupAddress();
        return switch (view.type()) {
            case IgmpType.MEMBERSHIP_QUERY -> view.isV3Query() ? parseV3Query(view)
                    : new V2Query(view.maxResponseCode(), group);
            case IgmpType.V1_MEMBERSHIP_REPORT -> new V1Report(group);
            case IgmpType.V2_MEMBERSHIP_REPORT -> new V2Report(group);
            case IgmpType.V2_LEAVE_GROUP -> new V2Leave(group);
            case IgmpType.V3_MEMBERSHIP_REPORT -> {
                List<IgmpRecord> records = new ArrayList<>(view.numberOfRecords());
                IgmpRecordCursor cursor = new IgmpRecordCursor().reset(view);
                while (cursor.next()) {
                    records.add(IgmpRecord.parse(cursor));
                }
                yield new V3Report(records);
            }
            default -> new Unknown(view.type(), view.maxResponseCode(), Octets.copyOf(view.segment(),
                    view.offset() + IgmpLayout.GROUP_OFFSET, view.length() - IgmpLayout.GROUP_OFFSET));
        };
    }

    private static V3Query parseV3Query(IgmpView view) {
        List<Ipv4Address> sources = new ArrayList<>(view.numberOfSources());
        for (int i = 0; i < view.numberOfSources(); i++) {
            sources.add(new Ipv4Address(view.source(i)));
        }
        return new V3Query(view.maxResponseCode(), view.groupAddress(), view.suppressRouterProcessing(),
                view.robustness(), view.qqic(), sources);
    }

    /**
     * Membership Query of 8 bytes: IGMPv2 (RFC 2236 §2), or IGMPv1 (RFC 1112) when the Max Response Time is 0.
     *
     * @param maxResponseTime tenths of a second, 0-255; 0 makes this an IGMPv1 query (RFC 3376 §7.1)
     * @param group           0.0.0.0 for a general query, else the group asked about
     */
    record V2Query(int maxResponseTime, Ipv4Address group) implements IgmpRepr {

        public V2Query {
            requireRange("max response time", maxResponseTime, 0xff);
            Objects.requireNonNull(group, "group");
        }

        /** Whether this is the IGMPv1 form (Max Response Time 0). */
        public boolean isV1() {
            return maxResponseTime == 0;
        }

        @Override
        public int type() {
            return IgmpType.MEMBERSHIP_QUERY;
        }

        @Override
        public int bufferLength() {
            return IgmpLayout.HEADER_LENGTH;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeHeader(seg, off, type(), maxResponseTime, group);
        }
    }

    /**
     * IGMPv3 Membership Query (RFC 3376 §4.1), 12 bytes plus 4 per source.
     *
     * @param maxResponseCode          the coded delay in tenths of a second, 0-255 ({@link IgmpLayout#encodeCode})
     * @param group                    0.0.0.0 for a general query, else the group asked about
     * @param suppressRouterProcessing the S flag (§4.1.5)
     * @param robustness               the QRV, 0-7 (§4.1.6)
     * @param qqic                     the coded query interval in seconds, 0-255 (§4.1.7)
     * @param sources                  sources of a group-and-source-specific query, 0-65535 of them
     */
    record V3Query(int maxResponseCode, Ipv4Address group, boolean suppressRouterProcessing, int robustness, int qqic,
                   List<Ipv4Address> sources) implements IgmpRepr {

        public V3Query {
            requireRange("max response code", maxResponseCode, 0xff);
            Objects.requireNonNull(group, "group");
            requireRange("QRV", robustness, 7);
            requireRange("QQIC", qqic, 0xff);
            sources = List.copyOf(sources);
            requireRange("number of sources", sources.size(), 0xffff);
        }

        /** The Maximum Response Time in tenths of a second. */
        public int maxResponseTime() {
            return IgmpLayout.decodeCode(maxResponseCode);
        }

        /** The Querier's Query Interval in seconds. */
        public int queryInterval() {
            return IgmpLayout.decodeCode(qqic);
        }

        @Override
        public int type() {
            return IgmpType.MEMBERSHIP_QUERY;
        }

        @Override
        public int bufferLength() {
            return IgmpLayout.SOURCES_OFFSET + IgmpLayout.ADDRESS_LENGTH * sources.size();
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeHeader(seg, off, type(), maxResponseCode, group);
            IgmpView view = new IgmpView().wrap(seg, off, bufferLength());
            view.setQueryFields(suppressRouterProcessing, robustness, qqic, sources.size());
            for (int i = 0; i < sources.size(); i++) {
                view.setSource(i, sources.get(i).value());
            }
        }
    }

    /**
     * Version 1 Membership Report (RFC 1112 appendix I), 8 bytes; the unused byte is sent as zero.
     *
     * @param group the group reported
     */
    record V1Report(Ipv4Address group) implements IgmpRepr {

        public V1Report {
            Objects.requireNonNull(group, "group");
        }

        @Override
        public int type() {
            return IgmpType.V1_MEMBERSHIP_REPORT;
        }

        @Override
        public int bufferLength() {
            return IgmpLayout.HEADER_LENGTH;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeHeader(seg, off, type(), 0, group);
        }
    }

    /**
     * Version 2 Membership Report (RFC 2236 §2), 8 bytes; the Max Response Time is sent as zero.
     *
     * @param group the group reported
     */
    record V2Report(Ipv4Address group) implements IgmpRepr {

        public V2Report {
            Objects.requireNonNull(group, "group");
        }

        @Override
        public int type() {
            return IgmpType.V2_MEMBERSHIP_REPORT;
        }

        @Override
        public int bufferLength() {
            return IgmpLayout.HEADER_LENGTH;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeHeader(seg, off, type(), 0, group);
        }
    }

    /**
     * Version 2 Leave Group (RFC 2236 §2), 8 bytes.
     *
     * @param group the group left
     */
    record V2Leave(Ipv4Address group) implements IgmpRepr {

        public V2Leave {
            Objects.requireNonNull(group, "group");
        }

        @Override
        public int type() {
            return IgmpType.V2_LEAVE_GROUP;
        }

        @Override
        public int bufferLength() {
            return IgmpLayout.HEADER_LENGTH;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeHeader(seg, off, type(), 0, group);
        }
    }

    /**
     * Version 3 Membership Report (RFC 3376 §4.2).
     *
     * @param records 0-65535 group records
     */
    record V3Report(List<IgmpRecord> records) implements IgmpRepr {

        public V3Report {
            records = List.copyOf(records);
            requireRange("number of records", records.size(), 0xffff);
        }

        @Override
        public int type() {
            return IgmpType.V3_MEMBERSHIP_REPORT;
        }

        @Override
        public int bufferLength() {
            int length = IgmpLayout.RECORDS_OFFSET;
            for (IgmpRecord record : records) {
                length += record.length();
            }
            return length;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            IgmpView view = new IgmpView().wrap(seg, off, bufferLength());
            view.setType(type());
            view.setChecksum(0);
            view.setReportHeader(records.size());
            long p = off + IgmpLayout.RECORDS_OFFSET;
            for (IgmpRecord record : records) {
                record.emit(seg, p);
                p += record.length();
            }
        }
    }

    /**
     * A message of a type jwsk does not interpret (DVMRP, mtrace, ...), kept whole; RFC 3376 §4 has hosts ignore
     * such types.
     *
     * @param type a type {@link #parse} does not give its own record
     * @param code the second byte, 0-255
     * @param body everything after the checksum, at least 4 bytes
     */
    record Unknown(int type, int code, Octets body) implements IgmpRepr {

        public Unknown {
            requireRange("type", type, 0xff);
            requireRange("code", code, 0xff);
            Objects.requireNonNull(body, "body");
            if (body.length() < IgmpLayout.HEADER_LENGTH - IgmpLayout.GROUP_OFFSET) {
                throw new IllegalArgumentException("an IGMP message has at least 8 bytes; body of " + body.length());
            }
            if (type == IgmpType.MEMBERSHIP_QUERY || type == IgmpType.V1_MEMBERSHIP_REPORT
                    || type == IgmpType.V2_MEMBERSHIP_REPORT || type == IgmpType.V2_LEAVE_GROUP
                    || type == IgmpType.V3_MEMBERSHIP_REPORT) {
                throw new IllegalArgumentException(IgmpType.name(type) + " has its own record");
            }
        }

        @Override
        public int bufferLength() {
            return IgmpLayout.GROUP_OFFSET + body.length();
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            NetOrder.setU8(seg, off + IgmpLayout.TYPE_OFFSET, type);
            NetOrder.setU8(seg, off + IgmpLayout.MAX_RESPONSE_CODE_OFFSET, code);
            NetOrder.setU16(seg, off + IgmpLayout.CHECKSUM_OFFSET, 0);
            body.copyTo(seg, off + IgmpLayout.GROUP_OFFSET);
        }
    }

    private static void writeHeader(MemorySegment seg, long off, int type, int code, Ipv4Address group) {
        IgmpView view = new IgmpView().wrap(seg, off, IgmpLayout.HEADER_LENGTH);
        view.setType(type);
        view.setMaxResponseCode(code);
        view.setChecksum(0);
        view.setGroup(group.value());
    }

    /** Throws unless {@code 0 <= value <= max}. */
    static void requireRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0-" + max + ", not " + value);
        }
    }
}
