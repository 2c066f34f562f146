package org.jwsk.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.pcap.PcapngBytes.channel;
import static org.jwsk.wire.pcap.PcapngBytes.i64;
import static org.jwsk.wire.pcap.PcapngBytes.opt;
import static org.jwsk.wire.pcap.PcapngBytes.string;
import static org.jwsk.wire.pcap.PcapngBytes.u32;

import java.io.IOException;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jwsk.wire.Octets;

class PcapngReaderTest {

    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final byte[] FRAME = {1, 2, 3, 4, 5};

    static List<CaptureRecord> readAll(byte[] file) throws IOException {
        try (PcapngReader reader = PcapngReader.open(channel(file))) {
            List<CaptureRecord> records = new ArrayList<>();
            reader.forEachRecord(records::add);
            return records;
        }
    }

    @Test
    void linuxVeth_readsEveryFrameAsTsharkDoes() throws IOException {
        byte[] file = CaptureVectors.capture("linux-veth.pcapng");
        List<CaptureRecord> records = readAll(file);
        assertEquals(50, records.size());
        for (int i = 0; i < records.size(); i++) {
            CaptureRecord r = records.get(i);
            CaptureVectors.Frame expected = CaptureVectors.PCAPNG_FRAMES.get(i);
            assertEquals(expected.epochNanos(), r.epochNanos(), "timestamp of frame " + (i + 1));
            assertEquals(expected.length(), r.originalLength(), "length of frame " + (i + 1));
            assertEquals(expected.length(), r.capturedLength(), "captured length of frame " + (i + 1));
            assertEquals(0, r.interfaceId());
            assertEquals(LinkType.ETHERNET, r.linkType());
            assertEquals(Direction.UNKNOWN, r.direction(), "dumpcap wrote no epb_flags");
        }
        assertEquals(Octets.of(CaptureVectors.FRAME_1), records.get(0).data());
        assertEquals(Octets.of(CaptureVectors.FRAME_13), records.get(12).data());
        assertEquals(Octets.of(CaptureVectors.FRAME_27), records.get(26).data());
        assertEquals(Octets.of(CaptureVectors.FRAME_49), records.get(48).data());
        assertEquals(Octets.of(CaptureVectors.FRAME_50), records.get(49).data());
        assertEquals(Instant.parse("2026-11-21T05:34:54.806210588Z"), records.get(0).instant().orElseThrow());
    }

    @Test
    void linuxVeth_sectionAndInterface() throws IOException {
        try (PcapngReader reader = PcapngReader.open(channel(CaptureVectors.capture("linux-veth.pcapng")))) {
            PcapngSection s = reader.section();
            assertEquals(LE, s.byteOrder());
            assertEquals(1, s.majorVersion());
            assertEquals(0, s.minorVersion());
            assertEquals(-1, s.sectionLength());
            assertEquals("AMD EPYC (with SSE4.2)", s.hardware());
            assertEquals("Linux 6.18.44-fc-v657", s.os());
            assertEquals("Dumpcap (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3)", s.userAppl());
            assertEquals(List.of(), reader.interfaces());
            assertTrue(reader.next() != null);
            assertEquals(List.of(new PcapngInterface(LinkType.ETHERNET, 262144, "vb", 9, 0)), reader.interfaces());
            int rest = 0;
            while (reader.next() != null) {
                rest++;
            }
            assertEquals(49, rest, "the trailing Interface Statistics Block is skipped");
            assertEquals(8932, reader.position());
            assertEquals(1, reader.sectionCount());
        }
    }

    @Test
    void bigEndianSection() throws IOException {
        byte[] file = PcapngBytes.of(BE).shb(string(PcapngLayout.SHB_USERAPPL, "big"))
                .idb(LinkType.RAW, 0, string(PcapngLayout.IF_NAME, "tun0"), opt(PcapngLayout.IF_TSRESOL, (byte) 9))
                .epb(0, 1_700_000_000_123_456_789L, FRAME, 5, u32(PcapngLayout.EPB_FLAGS, 2))
                .bytes();
        try (PcapngReader reader = PcapngReader.open(channel(file))) {
            assertEquals(BE, reader.section().byteOrder());
            assertEquals("big", reader.section().userAppl());
            CaptureRecord r = reader.next();
            assertEquals(new CaptureRecord(0, LinkType.RAW, 1_700_000_000_123_456_789L, 5, Direction.OUTBOUND,
                    Octets.of(FRAME)), r);
            assertEquals("tun0", reader.interfaces().get(0).name());
            assertNull(reader.next());
        }
    }

    @Test
    void severalSections_inBothByteOrders_restartInterfaceIds() throws IOException {
        byte[] file = PcapngBytes.of(LE).shb()
                .idb(LinkType.ETHERNET, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 9))
                .idb(LinkType.RAW, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 9))
                .epb(1, 10, FRAME, 5)
                .shb(BE, 1, 0, 64)
                .idb(LinkType.RAW, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 9))
                .epb(0, 20, FRAME, 5)
                .shb(LE, 1, 0, -1)
                .idb(LinkType.ETHERNET, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 9))
                .epb(0, 30, FRAME, 5)
                .bytes();
        try (PcapngReader reader = PcapngReader.open(channel(file))) {
            assertEquals(new CaptureRecord(1, LinkType.RAW, 10, 5, Direction.UNKNOWN, Octets.of(FRAME)), reader.next());
            assertEquals(2, reader.interfaces().size());
            assertEquals(new CaptureRecord(0, LinkType.RAW, 20, 5, Direction.UNKNOWN, Octets.of(FRAME)), reader.next());
            assertEquals(BE, reader.section().byteOrder());
            assertEquals(64, reader.section().sectionLength());
            assertEquals(1, reader.interfaces().size());
            assertEquals(new CaptureRecord(0, LinkType.ETHERNET, 30, 5, Direction.UNKNOWN, Octets.of(FRAME)),
                    reader.next());
            assertEquals(LE, reader.section().byteOrder());
            assertNull(reader.next());
            assertEquals(3, reader.sectionCount());
        }
    }

    @Test
    void epbReferringToAnInterfaceOfAnEarlierSection_isAnError() {
        byte[] file = PcapngBytes.of(LE).shb().idb(1, 0).idb(1, 0).shb().idb(1, 0).epb(1, 0, FRAME, 5).bytes();
        PcapFormatException e = PcapngReaderMalformedTest.expect(file);
        assertTrue(e.getMessage().contains("refers to interface 1 but the section has described 1"), e.getMessage());
    }

    @Test
    void timestampResolutions() throws IOException {
        byte[] file = PcapngBytes.of(LE).shb()
                .idb(1, 0) // no if_tsresol: microseconds
                .idb(1, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 3)) // milliseconds
                .idb(1, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 0x8a)) // 2^-10 s
                .idb(1, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 12)) // picoseconds: truncated to nanoseconds
                .idb(1, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 0x80)) // 2^0: seconds
                .epb(0, 1_000_001, FRAME, 5)
                .epb(1, 1_500, FRAME, 5)
                .epb(2, 5 * 1024 + 512, FRAME, 5)
                .epb(3, 7_000_123_456_789L, FRAME, 5)
                .epb(4, 3, FRAME, 5)
                .bytes();
        List<CaptureRecord> r = readAll(file);
        assertEquals(1_000_001_000L, r.get(0).epochNanos());
        assertEquals(1_500_000_000L, r.get(1).epochNanos());
        assertEquals(5_500_000_000L, r.get(2).epochNanos());
        assertEquals(7_000_123_456L, r.get(3).epochNanos());
        assertEquals(3_000_000_000L, r.get(4).epochNanos());
    }

    @Test
    void tsoffset_isAddedInSeconds() throws IOException {
        byte[] file = PcapngBytes.of(BE).shb()
                .idb(1, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 9), i64(PcapngLayout.IF_TSOFFSET, 1_700_000_000L))
                .idb(1, 0, i64(PcapngLayout.IF_TSOFFSET, -10))
                .epb(0, 250, FRAME, 5)
                .epb(1, 4_000_000, FRAME, 5)
                .bytes();
        List<CaptureRecord> r = readAll(file);
        assertEquals(1_700_000_000_000_000_250L, r.get(0).epochNanos());
        assertEquals(-6_000_000_000L, r.get(1).epochNanos(), "before the epoch");
        assertEquals(Instant.parse("1969-12-31T23:59:54Z"), r.get(1).instant().orElseThrow());
    }

    @Test
    void simplePacketBlock_usesInterfaceZero_andItsSnaplen() throws IOException {
        byte[] data = new byte[10];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        byte[] file = PcapngBytes.of(LE).shb()
                .idb(LinkType.RAW, 6)
                .idb(LinkType.ETHERNET, 0)
                .spb(1500, java.util.Arrays.copyOf(data, 6))
                .spb(4, java.util.Arrays.copyOf(data, 4))
                .bytes();
        List<CaptureRecord> r = readAll(file);
        CaptureRecord first = r.get(0);
        assertEquals(0, first.interfaceId());
        assertEquals(LinkType.RAW, first.linkType());
        assertFalse(first.hasTimestamp());
        assertTrue(first.instant().isEmpty());
        assertEquals(1500, first.originalLength());
        assertEquals(Octets.ofHex("000102030405"), first.data());
        assertTrue(first.isTruncated());
        assertEquals(Octets.ofHex("00010203"), r.get(1).data());
    }

    @Test
    void simplePacketBlock_tooShortForItsData_isAnError() {
        byte[] file = PcapngBytes.of(LE).shb().idb(1, 0).spb(9, FRAME).bytes();
        PcapFormatException e = PcapngReaderMalformedTest.expect(file);
        assertTrue(e.getMessage().contains("cannot hold 9 bytes"), e.getMessage());
    }

    @Test
    void simplePacketBlock_beforeAnyInterface_isAnError() {
        byte[] file = PcapngBytes.of(LE).shb().spb(5, FRAME).bytes();
        assertTrue(PcapngReaderMalformedTest.expect(file).getMessage().contains("refers to interface 0"));
    }

    @Test
    void obsoletePacketBlock_withPackFlags() throws IOException {
        byte[] file = PcapngBytes.of(BE).shb()
                .idb(LinkType.ETHERNET, 0)
                .idb(LinkType.RAW, 0)
                .pb(1, 0xffff, 2_000_000, FRAME, 60, u32(PcapngLayout.EPB_FLAGS, 1))
                .bytes();
        assertEquals(List.of(new CaptureRecord(1, LinkType.RAW, 2_000_000_000L, 60, Direction.INBOUND,
                Octets.of(FRAME))), readAll(file));
    }

    @Test
    void unknownBlocksAndOptions_areSkipped() throws IOException {
        byte[] file = PcapngBytes.of(LE).shb(string(PcapngLayout.OPT_COMMENT, "hello"), opt(0x8001, (byte) 7))
                .block(PcapngLayout.NRB, new byte[] {1, 0, 8, 0, (byte) 192, 0, 2, 1, 'a', 0, 0, 0, 0, 0, 0, 0})
                .block(PcapngLayout.CB_COPY, new byte[] {0, 0, 0x7f, (byte) 0xff, 1, 2})
                .block(0x8000_1234, new byte[0])
                .idb(1, 0, string(PcapngLayout.OPT_COMMENT, "if comment"), opt(0x8002))
                .block(PcapngLayout.ISB, new byte[20])
                .block(PcapngLayout.DSB, new byte[12])
                .epb(0, 0, FRAME, 5, string(PcapngLayout.OPT_COMMENT, "pkt"), opt(3, (byte) 2, (byte) 1, (byte) 2,
                        (byte) 3, (byte) 4), i64(4, 0))
                .bytes();
        assertEquals(List.of(new CaptureRecord(0, 1, 0, 5, Direction.UNKNOWN, Octets.of(FRAME))), readAll(file));
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void epbFlags_direction(Direction direction) throws IOException {
        byte[] file = PcapngBytes.of(LE).shb().idb(1, 0)
                .epb(0, 0, FRAME, 5, u32(PcapngLayout.EPB_FLAGS, 0x0100_0004 | direction.flagBits())).bytes();
        assertEquals(direction, readAll(file).get(0).direction());
    }

    @Test
    void epbFlags_undefinedDirectionBits_readAsUnknown() throws IOException {
        byte[] file = PcapngBytes.of(LE).shb().idb(1, 0).epb(0, 0, FRAME, 5, u32(PcapngLayout.EPB_FLAGS, 3)).bytes();
        assertEquals(Direction.UNKNOWN, readAll(file).get(0).direction());
    }

    @Test
    void optionsWithoutEndOfOptions_endAtTheBlockEnd() throws IOException {
        byte[] file = PcapngBytes.of(LE).noEndOfOptions().shb(string(PcapngLayout.SHB_OS, "os"))
                .idb(1, 0, string(PcapngLayout.IF_NAME, "eth0"))
                .epb(0, 0, FRAME, 5, u32(PcapngLayout.EPB_FLAGS, 1)).bytes();
        try (PcapngReader reader = PcapngReader.open(channel(file))) {
            assertEquals("os", reader.section().os());
            assertEquals(Direction.INBOUND, reader.next().direction());
            assertEquals("eth0", reader.interfaces().get(0).name());
        }
    }

    @Test
    void stringOptions_endAtAZeroByte() throws IOException {
        byte[] file = PcapngBytes.of(LE).shb().idb(1, 0, opt(PcapngLayout.IF_NAME, (byte) 'e', (byte) 0, (byte) 'x'))
                .epb(0, 0, FRAME, 5).bytes();
        try (PcapngReader reader = PcapngReader.open(channel(file))) {
            reader.next();
            assertEquals("e", reader.interfaces().get(0).name());
        }
    }

    @Test
    void minorVersion2_readsAsVersion1_0() throws IOException {
        byte[] file = PcapngBytes.of(LE).shb(LE, 1, 2, -1).idb(1, 0).epb(0, 0, FRAME, 5).bytes();
        assertEquals(1, readAll(file).size());
    }

    @Test
    void sectionsOfAnotherVersion_areSkippedWhole() throws IOException {
        byte[] file = PcapngBytes.of(LE).shb(LE, 2, 0, -1)
                .block(PcapngLayout.EPB, new byte[] {9, 9, 9}) // nonsense in version 1 terms: not read
                .shb(BE, 1, 1, -1).idb(1, 0).epb(0, 0, FRAME, 5)
                .shb(LE, 1, 0, -1).idb(1, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 9)).epb(0, 42, FRAME, 5)
                .bytes();
        try (PcapngReader reader = PcapngReader.open(channel(file))) {
            assertFalse(reader.section().isReadable());
            CaptureRecord only = reader.next();
            assertEquals(42, only.epochNanos());
            assertNull(reader.next());
            assertEquals(3, reader.sectionCount());
        }
    }

    @Test
    void emptySection_hasNoRecords() throws IOException {
        assertEquals(List.of(), readAll(PcapngBytes.of(BE).shb().bytes()));
    }

    @Test
    void zeroLengthPacket() throws IOException {
        byte[] file = PcapngBytes.of(LE).shb().idb(1, 0).epb(0, 0, new byte[0], 0).bytes();
        assertEquals(Octets.EMPTY, readAll(file).get(0).data());
    }

    @Test
    void originalLengthBelowCaptured_isReportedAsItStands() throws IOException {
        byte[] file = PcapngBytes.of(LE).shb().idb(1, 0).epb(0, 0, FRAME, 2).bytes();
        CaptureRecord r = readAll(file).get(0);
        assertEquals(2, r.originalLength());
        assertEquals(5, r.capturedLength());
        assertFalse(r.isTruncated());
    }

    @Test
    void largestUnsignedLengths_doNotOverflow() throws IOException {
        byte[] file = PcapngBytes.of(LE).shb().idb(0xffff, 0xffff_ffffL).epb(0, 0, FRAME, 0xffff_ffffL).bytes();
        try (PcapngReader reader = PcapngReader.open(channel(file))) {
            CaptureRecord r = reader.next();
            assertEquals(0xffff_ffffL, r.originalLength());
            assertEquals(0xffff, r.linkType());
            assertEquals(0xffff_ffffL, reader.interfaces().get(0).snaplen());
        }
    }

    @Test
    void hugeFrame_crossesTheReadBuffer() throws IOException {
        byte[] big = new byte[200_000];
        new java.util.Random(7).nextBytes(big);
        byte[] file = PcapngBytes.of(LE).shb().idb(1, 0).epb(0, 1, FRAME, 5).epb(0, 2, big, big.length)
                .epb(0, 3, FRAME, 5).bytes();
        List<CaptureRecord> r = readAll(file);
        assertEquals(3, r.size());
        assertArrayEquals(big, r.get(1).data().toByteArray());
    }
}
