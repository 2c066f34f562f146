package org.jwsk.wire.icmpv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.icmpv6.Icmpv6ViewTest.assertEmits;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.util.List;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv6.Icmpv6Vectors.Message;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6OptionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Multicast Listener Discovery: MLDv1 (RFC 2710) and MLDv2 (RFC 3810 §5). */
class MldTest {

    static final Ipv6Address SOLICITED_1 = Ipv6Address.parse("ff02::1:ff00:1");

    /** Every MLDv2 report in the capture: from :: or link-local, behind a Router Alert, one EXCLUDE record. */
    @ParameterizedTest
    @CsvSource({"1, ff02::1:ff00:2", "2, ff02::1:ff00:1", "4, ff02::1:ff00:2", "6, ff02::1:ff00:1", "7, ff02::1:ff00:1",
            "9, ff02::1:ff00:1", "10, ff02::1:ff00:2", "12, ff02::1:ff00:2"})
    void capturedReports(int frame, String group) {
        Message m = Icmpv6Vectors.captured(frame);
        assertTrue(m.view().verifyChecksum(m.pseudoHeaderSum()));
        MldView v = new MldView().wrap(m.segment(), m.offset(), m.length());
        assertEquals(Icmpv6Type.MLD_V2_REPORT, v.type());
        assertEquals(1, v.numberOfRecords());
        MldRecordCursor c = new MldRecordCursor().reset(v);
        assertTrue(c.next());
        assertEquals(MldLayout.CHANGE_TO_EXCLUDE_MODE, c.recordType());
        assertEquals(0, c.numberOfSources());
        assertEquals(0, c.auxDataLength());
        assertEquals(Ipv6Address.parse(group), new Ipv6Address(c.multicastHi(), c.multicastLo()));
        assertFalse(c.next());
        MldRepr expected = new MldRepr.V2Report(List.of(new MldRecord(MldLayout.CHANGE_TO_EXCLUDE_MODE,
                Ipv6Address.parse(group), List.of())));
        assertEquals(expected, Icmpv6Repr.parse(m.view()));
        assertEmits(expected, m);
    }

    @Test
    void capturedReport_isBehindARouterAlert() {
        byte[] p = org.jwsk.wire.ipv6.Captures.ipv6Packet(7);
        Ipv6HeaderWalker walker = new Ipv6HeaderWalker();
        assertEquals(DropReason.NONE, walker.walk(segment(p), 0, p.length));
        assertEquals(Ipv6OptionType.ROUTER_ALERT_MLD, walker.routerAlert(), "RFC 3810 §5: what the network layer checks");
        assertEquals(1, p[7], "hop limit 1");
    }

    @Test
    void v1Query_matchesScapy() {
        Message m = Icmpv6Vectors.message(Icmpv6Vectors.MLD_V1_QUERY);
        MldView v = new MldView().wrap(m.segment(), m.offset(), m.length());
        assertFalse(v.isV2Query(), "24 bytes: MLDv1 (RFC 3810 §8.1)");
        assertEquals(10000, v.maxResponseDelay());
        MldRepr expected = new MldRepr.V1Query(10000, Ipv6Address.ANY);
        assertEquals(expected, Icmpv6Repr.parse(m.view()));
        assertEmits(expected, m);
    }

    @Test
    void v2Query_matchesScapy() {
        Message m = Icmpv6Vectors.message(Icmpv6Vectors.MLD_V2_QUERY);
        MldView v = new MldView().wrap(m.segment(), m.offset(), m.length());
        assertTrue(v.isV2Query());
        assertEquals(0x8123, v.maxResponseCode());
        assertEquals((0x123 | 0x1000) << 3, v.maxResponseDelay());
        assertTrue(v.suppressRouterProcessing());
        assertEquals(2, v.robustness());
        assertEquals(125, v.qqic());
        assertEquals(125, v.queryInterval());
        assertEquals(2, v.numberOfSources());
        assertEquals(SOLICITED_1, v.multicastAddress());
        MldRepr.V2Query expected = new MldRepr.V2Query(0x8123, SOLICITED_1, true, 2, 125,
                List.of(Ipv6Address.parse("2001:db8::7"), Ipv6Address.parse("2001:db8::8")));
        assertEquals(expected, Icmpv6Repr.parse(m.view()));
        assertEquals(35096, expected.maxResponseDelay());
        assertEmits(expected, m);
    }

    @Test
    void v1ReportAndDone_matchScapy() {
        Message report = Icmpv6Vectors.message(Icmpv6Vectors.MLD_V1_REPORT);
        MldRepr r = new MldRepr.V1Report(Ipv6Address.parse("ff02::1:3"));
        assertEquals(r, Icmpv6Repr.parse(report.view()));
        assertEmits(r, report);
        Message done = Icmpv6Vectors.message(Icmpv6Vectors.MLD_V1_DONE);
        MldRepr d = new MldRepr.V1Done(Ipv6Address.parse("ff02::1:3"));
        assertEquals(d, Icmpv6Repr.parse(done.view()));
        assertEmits(d, done);
    }

    @Test
    void v2ReportWithSourcesAndAuxData_matchesScapy() {
        Message m = Icmpv6Vectors.message(Icmpv6Vectors.MLD_V2_REPORT);
        MldRepr expected = new MldRepr.V2Report(List.of(
                new MldRecord(MldLayout.MODE_IS_INCLUDE, Ipv6Address.parse("ff05::1:3"),
                        List.of(Ipv6Address.parse("2001:db8::7"), Ipv6Address.parse("2001:db8::8"))),
                new MldRecord(MldLayout.BLOCK_OLD_SOURCES, Ipv6Address.parse("ff0e::1234"),
                        List.of(Ipv6Address.parse("2001:db8::9")), Octets.of("AUXDATA!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))));
        assertEquals(expected, Icmpv6Repr.parse(m.view()));
        assertEmits(expected, m);
        MldRecordCursor c = new MldRecordCursor().reset(new MldView().wrap(m.segment(), m.offset(), m.length()));
        assertTrue(c.next());
        assertEquals(52, c.length());
        assertTrue(c.next());
        assertEquals(44, c.length());
        assertEquals(8, c.auxDataLength());
    }

    @Test
    void auxDataLengthInBytes_overrunsTheReport() {
        byte[] r = Icmpv6Vectors.SCAPY_MLD_V2_REPORT_AUX_IN_BYTES;
        assertEquals(DropReason.MLD_BAD_RECORD, Icmpv6View.check(segment(r), 0, r.length),
                "8 words of aux data do not fit; tshark also finds scapy's encoding malformed");
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 26, 27})
    void queryOf25To27Bytes_isIgnored(int length) {
        byte[] q = new byte[28];
        q[0] = (byte) Icmpv6Type.MLD_QUERY;
        assertEquals(DropReason.ICMPV6_BAD_LENGTH, Icmpv6View.check(segment(q), 0, length), "RFC 3810 §8.1");
    }

    @ParameterizedTest
    @ValueSource(ints = {130, 131, 132})
    void mldv1MessagesShorterThan24_areBadLength(int type) {
        byte[] q = new byte[24];
        q[0] = (byte) type;
        assertEquals(DropReason.ICMPV6_BAD_LENGTH, Icmpv6View.check(segment(q), 0, 23));
        assertEquals(DropReason.NONE, Icmpv6View.check(segment(q), 0, 24));
    }

    @Test
    void querySourcesBeyondTheMessage_areABadRecord() {
        byte[] q = Icmpv6Vectors.message(Icmpv6Vectors.MLD_V2_QUERY).bytes();
        assertEquals(DropReason.MLD_BAD_RECORD, Icmpv6View.check(segment(q), 0, q.length - 1));
        q[27] = 3;
        assertEquals(DropReason.MLD_BAD_RECORD, Icmpv6View.check(segment(q), 0, q.length));
    }

    @Test
    void recordsOverrunningTheReport_areBad() {
        byte[] r = Icmpv6Vectors.message(Icmpv6Vectors.MLD_V2_REPORT).bytes();
        assertEquals(DropReason.MLD_BAD_RECORD, Icmpv6View.check(segment(r), 0, r.length - 4), "aux data cut");
        assertEquals(DropReason.MLD_BAD_RECORD, Icmpv6View.check(segment(r), 0, 8 + 19), "record header cut");
        byte[] three = r.clone();
        three[7] = 3;
        assertEquals(DropReason.MLD_BAD_RECORD, Icmpv6View.check(segment(three), 0, three.length), "one record too many");
        assertEquals(DropReason.ICMPV6_BAD_LENGTH, Icmpv6View.check(segment(r), 0, 7));
    }

    @Test
    void bytesAfterTheStatedRecords_areIgnored() {
        byte[] r = hex("8f000000 00000000 deadbeef");
        assertEquals(DropReason.NONE, Icmpv6View.check(segment(r), 0, r.length), "RFC 3810 §5.2.11");
        assertEquals(new MldRepr.V2Report(List.of()), Icmpv6Repr.parse(new Icmpv6View().wrap(segment(r), 0, r.length)));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1000, 1000", "32767, 32767", "32768, 32768", "32776, 32776", "32777, 32776", "100000, 100000", "100001, 100000", "100016, 100016", "100017, 100016",
            "8387584, 8387584", "9000000, 8387584"})
    void maxResponseCode_roundsDownToWhatItCanSay(int delay, int expressed) {
        assertEquals(expressed, MldLayout.maxResponseDelay(MldLayout.maxResponseCode(delay)));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "125, 125", "127, 127", "128, 128", "130, 128", "136, 136", "1000, 992", "31744, 31744",
            "40000, 31744"})
    void qqic_roundsDownToWhatItCanSay(int seconds, int expressed) {
        assertEquals(expressed, MldLayout.queryInterval(MldLayout.qqic(seconds)));
    }

    @Test
    void exponentialCodes_decodeAsRfc3810Says() {
        assertEquals(0x1000 << 3, MldLayout.maxResponseDelay(0x8000), "mant 0, exp 0");
        assertEquals(0x1fff << 10, MldLayout.maxResponseDelay(0xffff), "mant 0xfff, exp 7");
        assertEquals(0x10 << 3, MldLayout.queryInterval(0x80));
        assertEquals(0x1f << 10, MldLayout.queryInterval(0xff));
        assertThrows(IllegalArgumentException.class, () -> MldLayout.maxResponseCode(-1));
        assertThrows(IllegalArgumentException.class, () -> MldLayout.qqic(-1));
    }

    @Test
    void invalidRecords_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MldRecord(1, SOLICITED_1, List.of(), Octets.ofHex("01")));
        assertThrows(IllegalArgumentException.class, () -> new MldRepr.V2Query(0, SOLICITED_1, false, 8, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MldRepr.V1Query(0x10000, SOLICITED_1));
    }
}
