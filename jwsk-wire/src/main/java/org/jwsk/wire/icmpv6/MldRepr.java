package org.jwsk.wire.icmpv6;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * The validated meaning of an MLD message: MLDv1 (RFC 2710 §3) query, report and done, and MLDv2 (RFC 3810 §5)
 * query and Version 2 report. A query of exactly 24 bytes is MLDv1, of 28 or more MLDv2 (RFC 3810 §8.1).
 * Reserved fields and bytes after the stated sources or records are not kept.
 */
public sealed interface MldRepr extends Icmpv6Repr
        permits MldRepr.V1Query, MldRepr.V2Query, MldRepr.V1Report, MldRepr.V1Done, MldRepr.V2Report {

    @Override
    default int code() {
        return 0;
    }

    /** Reads an MLD message whose {@link Icmpv6View#check check} passed. */
    static MldRepr parse(MldView view) {
        return switch (view.type()) {
            case Icmpv6Type.MLD_QUERY -> view.isV2Query() ? parseV2Query(view)
                    : new V1Query(view.maxResponseCode(), view.multicastAddress());
            case Icmpv6Type.MLD_V1_REPORT -> new V1Report(view.multicastAddress());
            case Icmpv6Type.MLD_V1_DONE -> new V1Done(view.multicastAddress());
            case Icmpv6Type.MLD_V2_REPORT -> {
                List<MldRecord> records = new ArrayList<>(view.numberOfRecords());
                MldRecordCursor cursor = new MldRecordCursor().reset(view);
                while (cursor.next()) {
                    records.add(MldRecord.parse(cursor));
                }
                yield new V2Report(records);
            }
            default -> throw new IllegalArgumentException(Icmpv6Type.name(view.type()) + " is not an MLD message");
        };
    }

    private static V2Query parseV2Query(MldView view) {
        List<Ipv6Address> sources = new ArrayList<>(view.numberOfSources());
        for (int i = 0; i < view.numberOfSources(); i++) {
            sources.add(Ipv6Address.read(view.segment(), view.sourceOffset(i)));
        }
        return new V2Query(view.maxResponseCode(), view.multicastAddress(), view.suppressRouterProcessing(),
                view.robustness(), view.qqic(), sources);
    }

    /**
     * MLDv1 Multicast Listener Query (RFC 2710 §3.4), 24 bytes.
     *
     * @param maxResponseDelay milliseconds, 0-65535
     * @param group            :: for a general query, else the group asked about
     */
    record V1Query(int maxResponseDelay, Ipv6Address group) implements MldRepr {

        public V1Query {
            Icmpv6Fields.requireRange("max response delay", maxResponseDelay, 0xffff);
            Objects.requireNonNull(group, "group");
        }

        @Override
        public int type() {
            return Icmpv6Type.MLD_QUERY;
        }

        @Override
        public int bufferLength() {
            return MldLayout.V1_LENGTH;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeV1(seg, off, type(), maxResponseDelay, group);
        }
    }

    /**
     * MLDv2 Multicast Listener Query (RFC 3810 §5.1), 28 bytes plus 16 per source.
     *
     * @param maxResponseCode          the coded delay, 0-65535 ({@link MldLayout#maxResponseCode(int)})
     * @param group                    :: for a general query, else the group asked about
     * @param suppressRouterProcessing the S flag (§5.1.7)
     * @param robustness               the QRV, 0-7 (§5.1.8)
     * @param qqic                     the coded query interval, 0-255 ({@link MldLayout#qqic(int)})
     * @param sources                  sources of a group-and-source-specific query, 0-65535 of them
     */
    record V2Query(int maxResponseCode, Ipv6Address group, boolean suppressRouterProcessing, int robustness, int qqic,
            List<Ipv6Address> sources) implements MldRepr {

        public V2Query {
            Icmpv6Fields.requireRange("max response code", maxResponseCode, 0xffff);
            Objects.requireNonNull(group, "group");
            Icmpv6Fields.requireRange("QRV", robustness, 7);
            Icmpv6Fields.requireRange("QQIC", qqic, 0xff);
            sources = List.copyOf(sources);
            Icmpv6Fields.requireRange("number of sources", sources.size(), 0xffff);
        }

        /** The Maximum Response Delay in milliseconds. */
        public int maxResponseDelay() {
            return MldLayout.maxResponseDelay(maxResponseCode);
        }

        /** The Querier's Query Interval in seconds. */
        public int queryInterval() {
            return MldLayout.queryInterval(qqic);
        }

        @Override
        public int type() {
            return Icmpv6Type.MLD_QUERY;
        }

        @Override
        public int bufferLength() {
            return MldLayout.SOURCES_OFFSET + MldLayout.ADDRESS_LENGTH * sources.size();
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeV1(seg, off, type(), maxResponseCode, group);
            MldView view = new MldView().wrap(seg, off, bufferLength());
            view.setQueryFields(suppressRouterProcessing, robustness, qqic, sources.size());
            for (int i = 0; i < sources.size(); i++) {
                sources.get(i).write(seg, view.sourceOffset(i));
            }
        }
    }

    /**
     * MLDv1 Multicast Listener Report (RFC 2710 §3), 24 bytes; the delay field is sent as zero.
     *
     * @param group the group listened to
     */
    record V1Report(Ipv6Address group) implements MldRepr {

        public V1Report {
            Objects.requireNonNull(group, "group");
        }

        @Override
        public int type() {
            return Icmpv6Type.MLD_V1_REPORT;
        }

        @Override
        public int bufferLength() {
            return MldLayout.V1_LENGTH;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeV1(seg, off, type(), 0, group);
        }
    }

    /**
     * MLDv1 Multicast Listener Done (RFC 2710 §3), 24 bytes.
     *
     * @param group the group left
     */
    record V1Done(Ipv6Address group) implements MldRepr {

        public V1Done {
            Objects.requireNonNull(group, "group");
        }

        @Override
        public int type() {
            return Icmpv6Type.MLD_V1_DONE;
        }

        @Override
        public int bufferLength() {
            return MldLayout.V1_LENGTH;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeV1(seg, off, type(), 0, group);
        }
    }

    /**
     * Version 2 Multicast Listener Report (RFC 3810 §5.2).
     *
     * @param records 0-65535 multicast address records
     */
    record V2Report(List<MldRecord> records) implements MldRepr {

        public V2Report {
            records = List.copyOf(records);
            Icmpv6Fields.requireRange("number of records", records.size(), 0xffff);
        }

        @Override
        public int type() {
            return Icmpv6Type.MLD_V2_REPORT;
        }

        @Override
        public int bufferLength() {
            int length = MldLayout.RECORDS_OFFSET;
            for (MldRecord record : records) {
                length += record.length();
            }
            return length;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            Icmpv6Fields.writeHeader(seg, off, type(), 0);
            new MldView().wrap(seg, off, bufferLength()).setNumberOfRecords(records.size());
            long p = off + MldLayout.RECORDS_OFFSET;
            for (MldRecord record : records) {
                record.emit(seg, p);
                p += record.length();
            }
        }
    }

    private static void writeV1(MemorySegment seg, long off, int type, int maxResponse, Ipv6Address group) {
        Icmpv6Fields.writeHeader(seg, off, type, 0);
        MldView view = new MldView().wrap(seg, off, MldLayout.V1_LENGTH);
        view.setMaxResponseCode(maxResponse);
        view.setMulticastAddress(group.hi(), group.lo());
    }
}
