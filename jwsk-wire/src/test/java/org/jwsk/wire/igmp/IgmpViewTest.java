package org.jwsk.wire.igmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.testing.WireTesting.bytes;
import static org.jwsk.wire.testing.WireTesting.POISON;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.poisoned;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.stream.IntStream;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IGMP views over real Linux frames and scapy's encodings: deconstruct, construct, and the length checks. */
class IgmpViewTest {

    static final Ipv4Address G3 = Ipv4Address.parse("239.1.2.3");
    static final Ipv4Address G4 = Ipv4Address.parse("239.1.2.4");
    static final Ipv4Address G5 = Ipv4Address.parse("239.1.2.5");
    static final Ipv4Address SOURCE = Ipv4Address.parse("192.0.2.9");

    static IntStream frames() {
        return IntStream.rangeClosed(1, IgmpVectors.frameCount());
    }

    private static IgmpView view(byte[] message) {
        MemorySegment seg = segment(message);
        assertEquals(DropReason.NONE, IgmpView.check(seg, 0, message.length));
        return new IgmpView().wrap(seg, 0, message.length);
    }

    /** The record parses from {@code message} and emits exactly its bytes, checksum included, into poison. */
    static void assertParsesAndEmits(IgmpRepr expected, byte[] message) {
        IgmpView v = view(message);
        assertTrue(v.verifyChecksum());
        assertEquals(expected, IgmpRepr.parse(v));
        MemorySegment out = poisoned(expected.bufferLength() + 4);
        expected.emit(out, 2, ChecksumPolicy.COMPUTE);
        assertArrayEquals(message, bytes(out, 2, expected.bufferLength()));
        assertEquals(POISON, out.get(ValueLayout.JAVA_BYTE, 2 + expected.bufferLength()),
                "nothing written past the message");
    }

    @ParameterizedTest
    @MethodSource("frames")
    void everyCapturedMessage_checksVerifiesAndReEmits(int frame) {
        byte[] m = IgmpVectors.captured(frame);
        IgmpView v = view(m);
        assertTrue(v.verifyChecksum(), "frame " + frame);
        IgmpRepr r = IgmpRepr.parse(v);
        MemorySegment out = poisoned(r.bufferLength());
        r.emit(out, 0, ChecksumPolicy.COMPUTE);
        assertArrayEquals(m, bytes(out, 0, r.bufferLength()), "frame " + frame);
    }

    @Test
    void capturedGeneralQuery_v3() {
        IgmpView v = view(IgmpVectors.captured(1));
        assertEquals(IgmpType.MEMBERSHIP_QUERY, v.type());
        assertTrue(v.isV3Query());
        assertEquals(3, v.queryVersion());
        assertEquals(100, v.maxResponseTime(), "10 s in tenths");
        assertEquals(0, v.group());
        assertFalse(v.suppressRouterProcessing());
        assertEquals(2, v.robustness());
        assertEquals(4, v.queryInterval(), "the bridge's mcast_query_interval of 4 s");
        assertEquals(0, v.numberOfSources());
        assertParsesAndEmits(new IgmpRepr.V3Query(100, Ipv4Address.ANY, false, 2, 4, List.of()),
                IgmpVectors.captured(1));
    }

    @Test
    void capturedGroupSpecificQuery_withTheSuppressFlag() {
        IgmpView v = view(IgmpVectors.captured(12));
        assertEquals(G3.value(), v.group());
        assertEquals(10, v.maxResponseTime());
        assertTrue(v.suppressRouterProcessing(), "RFC 3376 §4.1.5");
        assertParsesAndEmits(new IgmpRepr.V3Query(10, G3, true, 2, 4, List.of()), IgmpVectors.captured(12));
    }

    @Test
    void capturedGroupAndSourceSpecificQuery() {
        IgmpView v = view(IgmpVectors.captured(18));
        assertEquals(1, v.numberOfSources());
        assertEquals(SOURCE.value(), v.source(0));
        assertParsesAndEmits(new IgmpRepr.V3Query(10, G5, false, 2, 4, List.of(SOURCE)), IgmpVectors.captured(18));
    }

    @Test
    void capturedV2GeneralQuery_isEightBytesWithACode() {
        IgmpView v = view(IgmpVectors.captured(25));
        assertFalse(v.isV3Query());
        assertEquals(2, v.queryVersion());
        assertEquals(100, v.maxResponseTime());
        assertParsesAndEmits(new IgmpRepr.V2Query(100, Ipv4Address.ANY), IgmpVectors.captured(25));
    }

    @Test
    void v1Query_isEightBytesWithoutACode() {
        IgmpRepr.V2Query q = new IgmpRepr.V2Query(0, Ipv4Address.ANY);
        MemorySegment out = poisoned(8);
        q.emit(out, 0, ChecksumPolicy.COMPUTE);
        IgmpView v = new IgmpView().wrap(out, 0, 8);
        assertEquals(1, v.queryVersion(), "RFC 3376 §7.1");
        assertTrue(q.isV1());
        assertArrayEquals(hex("1100eeff 00000000"), bytes(out, 0, 8));
    }

    @Test
    void capturedV3Reports() {
        assertParsesAndEmits(new IgmpRepr.V3Report(List.of(record(IgmpLayout.CHANGE_TO_EXCLUDE_MODE, G3))),
                IgmpVectors.captured(2));
        assertParsesAndEmits(new IgmpRepr.V3Report(List.of(record(IgmpLayout.MODE_IS_EXCLUDE,
                Ipv4Address.parse("224.0.0.106")))), IgmpVectors.captured(4));
        assertParsesAndEmits(new IgmpRepr.V3Report(List.of(record(IgmpLayout.CHANGE_TO_INCLUDE_MODE, G3),
                record(IgmpLayout.ALLOW_NEW_SOURCES, G5, SOURCE))), IgmpVectors.captured(9));
        assertParsesAndEmits(new IgmpRepr.V3Report(List.of(record(IgmpLayout.MODE_IS_INCLUDE, G5, SOURCE))),
                IgmpVectors.captured(13));
        assertParsesAndEmits(new IgmpRepr.V3Report(List.of(record(IgmpLayout.BLOCK_OLD_SOURCES, G5, SOURCE))),
                IgmpVectors.captured(14));
    }

    @Test
    void capturedReportRecords_throughTheCursor() {
        IgmpView v = view(IgmpVectors.captured(9));
        assertEquals(IgmpType.V3_MEMBERSHIP_REPORT, v.type());
        assertEquals(2, v.numberOfRecords());
        IgmpRecordCursor c = new IgmpRecordCursor().reset(v);
        assertTrue(c.next());
        assertEquals(IgmpLayout.CHANGE_TO_INCLUDE_MODE, c.recordType());
        assertEquals(G3.value(), c.multicastAddress());
        assertEquals(0, c.numberOfSources());
        assertEquals(8, c.length());
        assertTrue(c.next());
        assertEquals(IgmpLayout.ALLOW_NEW_SOURCES, c.recordType());
        assertEquals(SOURCE.value(), c.source(0));
        assertEquals(12, c.length());
        assertEquals(0, c.auxDataLength());
        assertFalse(c.next());
    }

    @Test
    void capturedV1AndV2Messages() {
        assertParsesAndEmits(new IgmpRepr.V2Report(G4), IgmpVectors.captured(15));
        assertParsesAndEmits(new IgmpRepr.V2Leave(G4), IgmpVectors.captured(21));
        assertParsesAndEmits(new IgmpRepr.V1Report(Ipv4Address.parse("239.1.2.6")), IgmpVectors.captured(23));
        assertEquals(G4.value(), view(IgmpVectors.captured(21)).group());
    }

    @Test
    void scapyQueryWithCodedTimesAndSources() {
        IgmpView v = view(IgmpVectors.SCAPY_V3_QUERY);
        assertEquals((0xa | 0x10) << 3, v.maxResponseTime(), "0x8a: exp 0, mant 0xa");
        assertEquals(0x10 << 4, v.queryInterval(), "0x90: exp 1, mant 0");
        assertEquals(3, v.robustness());
        assertParsesAndEmits(new IgmpRepr.V3Query(0x8a, G3, true, 3, 0x90,
                List.of(Ipv4Address.parse("192.0.2.7"), Ipv4Address.parse("192.0.2.8"))), IgmpVectors.SCAPY_V3_QUERY);
    }

    @Test
    void scapyReportWithTwoRecords() {
        assertParsesAndEmits(new IgmpRepr.V3Report(List.of(record(IgmpLayout.CHANGE_TO_EXCLUDE_MODE, G3),
                record(IgmpLayout.MODE_IS_INCLUDE, Ipv4Address.parse("239.9.9.9"), Ipv4Address.parse("192.0.2.7")))),
                IgmpVectors.SCAPY_V3_REPORT);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 7})
    void shorterThanEightBytes_isTruncated(int length) {
        assertEquals(DropReason.IGMP_TRUNCATED, IgmpView.check(segment(IgmpVectors.captured(1)), 0, length));
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 10, 11})
    void queryOf9To11Bytes_isNoQuery(int length) {
        assertEquals(DropReason.IGMP_BAD_LENGTH, IgmpView.check(segment(IgmpVectors.captured(1)), 0, length),
                "RFC 3376 §7.1");
    }

    @Test
    void querySourcesBeyondTheMessage_areABadRecord() {
        byte[] q = IgmpVectors.SCAPY_V3_QUERY;
        assertEquals(DropReason.IGMP_BAD_RECORD, IgmpView.check(segment(q), 0, q.length - 1));
        byte[] more = q.clone();
        more[11] = 3;
        assertEquals(DropReason.IGMP_BAD_RECORD, IgmpView.check(segment(more), 0, more.length));
        more[10] = (byte) 0xff;
        assertEquals(DropReason.IGMP_BAD_RECORD, IgmpView.check(segment(more), 0, more.length), "65283 sources");
    }

    @Test
    void recordsOverrunningTheReport_areBad() {
        byte[] r = IgmpVectors.SCAPY_V3_REPORT;
        assertEquals(DropReason.IGMP_BAD_RECORD, IgmpView.check(segment(r), 0, r.length - 4), "source cut");
        assertEquals(DropReason.IGMP_BAD_RECORD, IgmpView.check(segment(r), 0, 8 + 8 + 7), "record header cut");
        byte[] three = r.clone();
        three[7] = 3;
        assertEquals(DropReason.IGMP_BAD_RECORD, IgmpView.check(segment(three), 0, three.length), "one too many");
        byte[] aux = r.clone();
        aux[17] = 1;
        assertEquals(DropReason.IGMP_BAD_RECORD, IgmpView.check(segment(aux), 0, aux.length), "aux data beyond");
        byte[] one = r.clone();
        one[7] = 1;
        assertEquals(DropReason.NONE, IgmpView.check(segment(one), 0, one.length), "the count decides, not the length");
    }

    @Test
    void bytesAfterTheStatedContents_areCoveredButIgnored() {
        byte[] report = hex("2200ddff 00000000 deadbeef");
        assertEquals(DropReason.NONE, IgmpView.check(segment(report), 0, report.length), "RFC 3376 §4.2.11");
        IgmpView v = view(report);
        assertEquals(new IgmpRepr.V3Report(List.of()), IgmpRepr.parse(v));
        v.fillChecksum();
        assertTrue(v.verifyChecksum(), "the checksum covers the extra bytes (RFC 3376 §4.1.10)");
        byte[] v2 = hex("1600f8f9 ef010204 0000");
        assertEquals(new IgmpRepr.V2Report(G4), IgmpRepr.parse(view(v2)), "RFC 2236 §2.5: past 8 bytes ignored");
    }

    @Test
    void unknownType_isKeptWhole() {
        byte[] mtrace = hex("1f05aaaa 01020304 05060708");
        IgmpRepr r = IgmpRepr.parse(view(mtrace));
        assertEquals(new IgmpRepr.Unknown(0x1f, 5, Octets.ofHex("0102030405060708")), r);
        MemorySegment out = poisoned(r.bufferLength());
        r.emit(out, 0, ChecksumPolicy.OFFLOAD);
        assertArrayEquals(hex("1f050000 01020304 05060708"), bytes(out, 0, 12), "checksum left zero for offload");
    }

    @Test
    void corruptedByte_failsTheChecksum() {
        byte[] m = IgmpVectors.captured(2);
        m[13] ^= 0x01;
        assertFalse(view(m).verifyChecksum());
    }

    @Test
    void construct_leaveIntoPoison_matchesLinux() {
        MemorySegment out = poisoned(12);
        new IgmpRepr.V2Leave(G4).emit(out, 2, ChecksumPolicy.COMPUTE);
        assertArrayEquals(IgmpVectors.captured(21), bytes(out, 2, 8));
        assertEquals(POISON, out.get(ValueLayout.JAVA_BYTE, 10));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "127, 127", "128, 128", "135, 128", "136, 136", "1000, 992", "31744, 31744", "40000, 31744"})
    void codedTimes_roundDownToWhatTheCodeCanSay(int value, int expressed) {
        assertEquals(expressed, IgmpLayout.decodeCode(IgmpLayout.encodeCode(value)));
    }

    @Test
    void codedTimes_decodeAsRfc3376Says() {
        assertEquals(0x10 << 3, IgmpLayout.decodeCode(0x80), "mant 0, exp 0");
        assertEquals(IgmpLayout.MAX_CODED_VALUE, IgmpLayout.decodeCode(0xff), "mant 0xf, exp 7");
        assertEquals(0x7f, IgmpLayout.encodeCode(0x7f));
    }

    static IgmpRecord record(int type, Ipv4Address group, Ipv4Address... sources) {
        return new IgmpRecord(type, group, List.of(sources));
    }
}
