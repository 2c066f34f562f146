package org.jwsk.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.pcap.PcapngBytes.channel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jwsk.wire.Octets;

class PcapReaderTest {

    private static final byte[] FRAME = {1, 2, 3, 4, 5};

    /** A classic pcap file built by hand: header, then records of (seconds, fraction, data, original length). */
    private static final class PcapBytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteOrder order;

        PcapBytes(ByteOrder order, int magic, int major, int minor, int snaplen, int linkTypeField) {
            this.order = order;
            out.writeBytes(ByteBuffer.allocate(24).order(order).putInt(magic).putShort((short) major)
                    .putShort((short) minor).putInt(0).putInt(0).putInt(snaplen).putInt(linkTypeField).array());
        }

        PcapBytes record(long seconds, long fraction, byte[] data, long originalLength) {
            out.writeBytes(ByteBuffer.allocate(16).order(order).putInt((int) seconds).putInt((int) fraction)
                    .putInt(data.length).putInt((int) originalLength).array());
            out.writeBytes(data);
            return this;
        }

        PcapBytes raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static List<CaptureRecord> readAll(byte[] file) throws IOException {
        try (PcapReader reader = PcapReader.open(channel(file))) {
            List<CaptureRecord> records = new ArrayList<>();
            reader.forEachRecord(records::add);
            return records;
        }
    }

    private static PcapFormatException expect(byte[] file, long offset, String fragment) {
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> readAll(file));
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
        return e;
    }

    @Test
    void linuxVeth_readsEveryFrameAsTcpdumpDoes() throws IOException {
        try (PcapReader reader = PcapReader.open(channel(CaptureVectors.capture("linux-veth.pcap")))) {
            assertEquals(ByteOrder.LITTLE_ENDIAN, reader.byteOrder());
            assertFalse(reader.isNanosecond());
            assertEquals(2, reader.majorVersion());
            assertEquals(4, reader.minorVersion());
            assertEquals(262144, reader.snaplen());
            assertEquals(LinkType.ETHERNET, reader.linkType());
            assertEquals(-1, reader.fcsLength());
            List<CaptureRecord> records = new ArrayList<>();
            reader.forEachRecord(records::add);
            assertEquals(49, records.size());
            for (int i = 0; i < records.size(); i++) {
                CaptureRecord r = records.get(i);
                CaptureVectors.Frame expected = CaptureVectors.PCAP_FRAMES.get(i);
                assertEquals(expected.epochNanos(), r.epochNanos(), "timestamp of frame " + (i + 1));
                assertEquals(expected.length(), r.originalLength(), "length of frame " + (i + 1));
                assertEquals(expected.length(), r.capturedLength(), "captured length of frame " + (i + 1));
                assertEquals(new CaptureRecord(0, LinkType.ETHERNET, r.epochNanos(), r.originalLength(),
                        Direction.UNKNOWN, r.data()), r);
            }
            assertEquals(Octets.of(CaptureVectors.FRAME_1), records.get(0).data());
            assertEquals(Octets.of(CaptureVectors.FRAME_13), records.get(12).data());
            assertEquals(Octets.of(CaptureVectors.FRAME_27), records.get(26).data());
            assertEquals(Octets.of(CaptureVectors.FRAME_49), records.get(48).data());
            assertEquals(7634, reader.position());
        }
    }

    @Test
    void bothFiles_holdTheSameFirst49Frames() throws IOException {
        List<CaptureRecord> pcap = readAll(CaptureVectors.capture("linux-veth.pcap"));
        List<CaptureRecord> pcapng = PcapngReaderTest.readAll(CaptureVectors.capture("linux-veth.pcapng"));
        for (int i = 0; i < pcap.size(); i++) {
            assertEquals(pcapng.get(i).data(), pcap.get(i).data(), "frame " + (i + 1));
            long microsNg = pcapng.get(i).epochNanos() / 1000;
            assertTrue(Math.abs(pcap.get(i).epochNanos() / 1000 - microsNg) <= 1, "tcpdump rounds to microseconds");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"BIG_ENDIAN", "LITTLE_ENDIAN"})
    void nanosecondMagic_inBothByteOrders(String orderName) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] file = new PcapBytes(order, PcapLayout.MAGIC_NANOS, 2, 4, 65535, LinkType.RAW)
                .record(1_700_000_000L, 999_999_999L, FRAME, 5)
                .record(0xffff_ffffL, 0, new byte[0], 1500)
                .bytes();
        try (PcapReader reader = PcapReader.open(channel(file))) {
            assertEquals(order, reader.byteOrder());
            assertTrue(reader.isNanosecond());
            assertEquals(new CaptureRecord(0, LinkType.RAW, 1_700_000_000_999_999_999L, 5, Direction.UNKNOWN,
                    Octets.of(FRAME)), reader.next());
            CaptureRecord last = reader.next();
            assertEquals(0xffff_ffffL * 1_000_000_000L, last.epochNanos(), "seconds are unsigned: year 2106");
            assertTrue(last.isTruncated());
            assertNull(reader.next());
        }
    }

    @Test
    void microsecondMagic_bigEndian() throws IOException {
        byte[] file = new PcapBytes(ByteOrder.BIG_ENDIAN, PcapLayout.MAGIC_MICROS, 2, 4, 96, LinkType.ETHERNET)
                .record(10, 250_000, FRAME, 60).bytes();
        assertEquals(List.of(new CaptureRecord(0, LinkType.ETHERNET, 10_250_000_000L, 60, Direction.UNKNOWN,
                Octets.of(FRAME))), readAll(file));
    }

    @Test
    void fcsBits_andOldMinorVersions() throws IOException {
        int field = 0x2000_0000 | PcapLayout.FCS_PRESENT_BIT | LinkType.ETHERNET;
        try (PcapReader reader = PcapReader.open(channel(new PcapBytes(ByteOrder.LITTLE_ENDIAN,
                PcapLayout.MAGIC_MICROS, 2, 2, 0, field).bytes()))) {
            assertEquals(4, reader.fcsLength());
            assertEquals(LinkType.ETHERNET, reader.linkType());
            assertEquals(2, reader.minorVersion());
            assertEquals(0, reader.snaplen(), "a zero snap length is read as libpcap reads it");
            assertNull(reader.next());
        }
    }

    @Test
    void leniency_asLibpcap() throws IOException {
        byte[] file = new PcapBytes(ByteOrder.LITTLE_ENDIAN, PcapLayout.MAGIC_MICROS, 2, 4, 2, 1)
                .record(1, 1_500_000, FRAME, 3).bytes();
        CaptureRecord r = readAll(file).get(0);
        assertEquals(5, r.capturedLength(), "more than the snap length");
        assertEquals(3, r.originalLength(), "less than captured");
        assertEquals(2_500_000_000L, r.epochNanos(), "a fraction of 1.5 million microseconds");
    }

    @Test
    void malformedHeaders() {
        byte[] header = new PcapBytes(ByteOrder.LITTLE_ENDIAN, PcapLayout.MAGIC_MICROS, 2, 4, 65535, 1).bytes();
        for (int n = 0; n < 24; n++) {
            expect(Arrays.copyOf(header, n), 0, "truncated pcap file header: " + n + " of 24 bytes");
        }
        expect(new PcapBytes(ByteOrder.LITTLE_ENDIAN, PcapLayout.MAGIC_MICROS, 1, 0, 65535, 1).bytes(), 4,
                "unsupported pcap version 1.0");
        expect(new PcapBytes(ByteOrder.LITTLE_ENDIAN, PcapLayout.MAGIC_MICROS, 2, 4, 65535, 0x0001_0001).bytes(), 20,
                "reserved bits set in the link type field 0x00010001");
        expect(new PcapBytes(ByteOrder.BIG_ENDIAN, PcapLayout.MAGIC_MICROS, 2, 4, 65535, 0x0800_0001).bytes(), 20,
                "reserved bits");
        expect(new PcapBytes(ByteOrder.BIG_ENDIAN, 0xA1B2CD34, 2, 4, 65535, 1).bytes(), 0,
                "unknown pcap magic number 0xa1b2cd34");
    }

    @Test
    void pcapReaderGivenPcapng_saysSo() {
        PcapFormatException e = assertThrows(PcapFormatException.class,
                () -> PcapReader.open(channel(CaptureVectors.capture("linux-veth.pcapng"))));
        assertTrue(e.getMessage().contains("a pcapng file, not classic pcap"), e.getMessage());
    }

    @Test
    void malformedRecords() {
        PcapBytes good = new PcapBytes(ByteOrder.LITTLE_ENDIAN, PcapLayout.MAGIC_NANOS, 2, 4, 65535, 1)
                .record(1, 2, FRAME, 5);
        byte[] ok = good.bytes();
        expect(Arrays.copyOf(ok, 24 + 7), 24, "truncated record header: the file ends 7 bytes into it");
        expect(Arrays.copyOf(ok, 24 + 18), 24, "truncated record: 5 bytes of packet data but the file ends 2 bytes"
                + " into them");
        byte[] huge = new PcapBytes(ByteOrder.LITTLE_ENDIAN, PcapLayout.MAGIC_NANOS, 2, 4, 65535, 1)
                .raw(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(0)
                        .putInt(PcapLayout.MAX_CAPTURED_LENGTH + 1).putInt(0).array()).bytes();
        expect(huge, 32, "impossible captured length 16777217");
        byte[] maxLength = new PcapBytes(ByteOrder.LITTLE_ENDIAN, PcapLayout.MAGIC_NANOS, 2, 4, 65535, 1)
                .raw(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(0).putInt(-1).putInt(0)
                        .array()).bytes();
        expect(maxLength, 32, "impossible captured length 4294967295");
    }

    @Test
    void everyTruncationOfTheRealCapture_failsUnlessAtARecordBoundary() throws IOException {
        byte[] file = CaptureVectors.capture("linux-veth.pcap");
        ByteBuffer le = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        java.util.TreeMap<Integer, Integer> boundaries = new java.util.TreeMap<>();
        int records = 0;
        for (int at = 24; at <= file.length; at += 16 + le.getInt(at + 8)) {
            boundaries.put(at, records++);
            if (at == file.length) {
                break;
            }
        }
        for (int n = 24; n < file.length; n++) {
            byte[] prefix = Arrays.copyOf(file, n);
            Integer count = boundaries.get(n);
            if (count != null) {
                assertEquals(count, readAll(prefix).size(), "prefix of " + n);
            } else {
                PcapFormatException e = assertThrows(PcapFormatException.class, () -> readAll(prefix));
                assertEquals((long) boundaries.floorKey(n), e.offset(), e.getMessage());
            }
        }
    }
}
