package org.jwsk.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.pcap.PcapngBytes.channel;
import static org.jwsk.wire.pcap.PcapngBytes.i64;
import static org.jwsk.wire.pcap.PcapngBytes.opt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed pcapng input: every case is a {@link PcapFormatException} with a clear message and offset. */
class PcapngReaderMalformedTest {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final byte[] FRAME = {1, 2, 3, 4, 5};

    /** Reads {@code file} to the end and returns the format exception it must raise. */
    static PcapFormatException expect(byte[] file) {
        PcapFormatException e = assertThrows(PcapFormatException.class, () -> {
            try (PcapngReader reader = PcapngReader.open(channel(file))) {
                while (reader.next() != null) {
                    // read on until the problem
                }
            }
        });
        assertTrue(e.offset() >= 0 && e.offset() <= file.length, "offset " + e.offset() + " in " + file.length);
        assertTrue(e.getMessage().endsWith("(at byte offset " + e.offset() + ")"), e.getMessage());
        return e;
    }

    private static void expect(byte[] file, long offset, String fragment) {
        PcapFormatException e = expect(file);
        assertEquals(offset, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }

    private static PcapngBytes section() {
        return PcapngBytes.of(LE).shb();
    }

    private static final int SHB_LENGTH = 28;

    @Test
    void emptyAndTinyInputs() {
        expect(new byte[0], 0, "too short");
        expect(new byte[] {0x0a, 0x0d, 0x0d}, 0, "too short");
        expect(new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0}, 0, "truncated Section Header Block");
    }

    @Test
    void unknownMagic() {
        expect(PcapngBytes.of(LE).idb(1, 0).bytes(), 0, "first block type 0x01000000 is not a Section Header Block");
        expect(CaptureVectors.capture("linux-veth.pcap"), 0, "a classic pcap file, not pcapng");
    }

    @Test
    void badByteOrderMagic() {
        byte[] file = section().bytes();
        file[8] = 0x4c;
        expect(file, 8, "unknown byte-order magic 0x4c3c2b1a");
        byte[] second = section().shb().bytes();
        second[SHB_LENGTH + 9] = 0;
        expect(second, SHB_LENGTH + 8, "unknown byte-order magic");
    }

    @Test
    void impossibleBlockLengths() {
        expect(section().u32(PcapngLayout.IDB).u32(8).u32(8).bytes(), SHB_LENGTH, "impossible total length 8");
        expect(section().u32(PcapngLayout.IDB).u32(14).u32(0).u32(0).bytes(), SHB_LENGTH, "not a multiple of 4");
        expect(section().u32(PcapngLayout.EPB).u32(PcapngLayout.MAX_BLOCK_LENGTH + 4).bytes(), SHB_LENGTH,
                "beyond the limit");
        expect(section().u32(PcapngLayout.EPB).u32(-4).bytes(), SHB_LENGTH, "total length 4294967292");
        byte[] shb = section().bytes();
        ByteBuffer.wrap(shb).order(LE).putInt(4, 30);
        expect(shb, 0, "not a multiple of 4");
    }

    @Test
    void trailingLengthMismatch() {
        byte[] file = section().idb(1, 0).bytes();
        file[file.length - 4] = 24;
        expect(file, SHB_LENGTH, "block total length mismatch: block type 0x00000001 starts with length 20 but ends"
                + " with 24");
        byte[] shb = section().bytes();
        shb[SHB_LENGTH - 4] = 32;
        expect(shb, 0, "mismatch");
    }

    @Test
    void blocksShorterThanTheirFixedFields() {
        expect(PcapngBytes.of(LE).u32(PcapngLayout.SHB).u32(24).u32(PcapngLayout.BYTE_ORDER_MAGIC).u32(1).u32(0)
                .u32(24).bytes(), 0, "Section Header Block of 24 bytes is shorter than its fixed fields (28 bytes)");
        expect(section().block(PcapngLayout.IDB, new byte[4]).bytes(), SHB_LENGTH, "Interface Description Block of 16");
        expect(section().idb(1, 0).block(PcapngLayout.EPB, new byte[16]).bytes(), SHB_LENGTH + 20,
                "Enhanced Packet Block of 28");
        expect(section().idb(1, 0).block(PcapngLayout.PB, new byte[4]).bytes(), SHB_LENGTH + 20, "Packet Block of 16");
        expect(section().idb(1, 0).block(PcapngLayout.SPB, new byte[0]).bytes(), SHB_LENGTH + 20,
                "Simple Packet Block of 12");
    }

    @Test
    void capturedLengthOverrunsTheBlock() {
        expect(section().idb(1, 0).epbClaiming(0, 9, FRAME).bytes(), SHB_LENGTH + 20 + 20,
                "Enhanced Packet Block of 40 bytes cannot hold its captured length 9");
        expect(section().idb(1, 0).epbClaiming(0, 0xffff_ffffL, FRAME).bytes(), SHB_LENGTH + 20 + 20,
                "captured length 4294967295");
    }

    @Test
    void packetForAnUndescribedInterface() {
        expect(section().epb(0, 0, FRAME, 5).bytes(), SHB_LENGTH + 8,
                "Enhanced Packet Block refers to interface 0 but the section has described 0");
        expect(section().idb(1, 0).epb(-1, 0, FRAME, 5).bytes(), SHB_LENGTH + 20 + 8, "interface 4294967295");
        expect(section().idb(1, 0).pb(3, 0, 0, FRAME, 5).bytes(), SHB_LENGTH + 20 + 8, "Packet Block refers to"
                + " interface 3");
    }

    @Test
    void optionOverrunsItsBlock() {
        byte[] body = ByteBuffer.allocate(16).order(LE).putShort((short) 1).putShort((short) 0).putInt(0)
                .putShort((short) PcapngLayout.IF_NAME).putShort((short) 5).putInt(0x41414141).array();
        expect(section().block(PcapngLayout.IDB, body).bytes(), SHB_LENGTH + 16, "option 2 of 5 bytes overruns");
        byte[] shbOptions = ByteBuffer.allocate(4).order(LE).putShort((short) 1).putShort((short) 0xffff).array();
        byte[] shbBody = PcapngBytes.concat(ByteBuffer.allocate(16).order(LE).putInt(PcapngLayout.BYTE_ORDER_MAGIC)
                .putShort((short) 1).putShort((short) 0).putLong(-1).array(), shbOptions);
        expect(PcapngBytes.of(LE).block(PcapngLayout.SHB, shbBody).bytes(), 24, "option 1 of 65535 bytes overruns");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 8})
    void ifTsresol_mustBeOneByte(int length) {
        byte[] file = section().idb(1, 0, opt(PcapngLayout.IF_TSRESOL, new byte[length])).bytes();
        expect(file, SHB_LENGTH + 16, "if_tsresol option of " + length + " bytes, not 1");
    }

    @Test
    void ifTsoffsetAndEpbFlags_musthaveTheirLengths() {
        expect(section().idb(1, 0, opt(PcapngLayout.IF_TSOFFSET, new byte[4])).bytes(), SHB_LENGTH + 16,
                "if_tsoffset option of 4 bytes, not 8");
        expect(section().idb(1, 0).epb(0, 0, FRAME, 5, opt(PcapngLayout.EPB_FLAGS, new byte[2])).bytes(),
                SHB_LENGTH + 20 + 36, "epb_flags option of 2 bytes, not 4");
    }

    @Test
    void timestampsBeyondWhatNanosecondsHold() {
        expect(section().idb(1, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 0)).epb(0, 1L << 40, FRAME, 5).bytes(),
                SHB_LENGTH + 32 + 12, "timestamp 1099511627776 at if_tsresol 0x00 and if_tsoffset 0 s lies outside");
        expect(section().idb(1, 0, i64(PcapngLayout.IF_TSOFFSET, Long.MAX_VALUE)).epb(0, 0, FRAME, 5).bytes(),
                SHB_LENGTH + 36 + 12, "lies outside 1677-2262");
        expect(section().idb(1, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 9)).epb(0, -1L, FRAME, 5).bytes(),
                SHB_LENGTH + 32 + 12, "timestamp 18446744073709551615");
    }

    @Test
    void impossibleSectionLength() {
        expect(PcapngBytes.of(LE).shb(LE, 1, 0, -2).bytes(), 16, "impossible section length -2");
    }

    @Test
    void truncatedBlockHeader() {
        byte[] file = section().u32(PcapngLayout.IDB).bytes();
        expect(file, SHB_LENGTH, "truncated block header: the file ends 4 bytes into it");
    }

    @Test
    void truncatedBlock() {
        byte[] file = section().idb(1, 0).bytes();
        expect(Arrays.copyOf(file, file.length - 1), SHB_LENGTH,
                "truncated block: type 0x00000001 has total length 20 but the file ends 19 bytes into it");
    }

    @Test
    void everyTruncationOfAHandBuiltFile_failsUnlessAtABlockBoundary() throws IOException {
        PcapngBytes b = PcapngBytes.of(ByteOrder.BIG_ENDIAN).shb(PcapngBytes.string(PcapngLayout.SHB_USERAPPL, "x"));
        TreeMap<Integer, Integer> recordsAtBoundary = new TreeMap<>();
        recordsAtBoundary.put(b.bytes().length, 0);
        b.idb(LinkType.RAW, 0, opt(PcapngLayout.IF_TSRESOL, (byte) 9));
        recordsAtBoundary.put(b.bytes().length, 0);
        b.epb(0, 1, FRAME, 5, PcapngBytes.u32(PcapngLayout.EPB_FLAGS, 1));
        recordsAtBoundary.put(b.bytes().length, 1);
        b.spb(5, FRAME);
        recordsAtBoundary.put(b.bytes().length, 2);
        b.shb(LE, 1, 0, -1);
        recordsAtBoundary.put(b.bytes().length, 2);
        b.idb(1, 0);
        recordsAtBoundary.put(b.bytes().length, 2);
        b.pb(0, 0, 9, FRAME, 5);
        recordsAtBoundary.put(b.bytes().length, 3);
        checkEveryPrefix(b.bytes(), recordsAtBoundary);
    }

    @Test
    void everyTruncationOfTheRealCapture_failsUnlessAtABlockBoundary() throws IOException {
        byte[] file = CaptureVectors.capture("linux-veth.pcapng");
        TreeMap<Integer, Integer> recordsAtBoundary = new TreeMap<>();
        ByteBuffer le = ByteBuffer.wrap(file).order(LE);
        int records = 0;
        for (int at = 0; at < file.length; ) {
            if (le.getInt(at) == PcapngLayout.EPB) {
                records++;
            }
            at += le.getInt(at + 4);
            recordsAtBoundary.put(at, records);
        }
        assertEquals(50, records);
        checkEveryPrefix(file, recordsAtBoundary);
    }

    private static void checkEveryPrefix(byte[] file, TreeMap<Integer, Integer> recordsAtBoundary)
            throws IOException {
        for (int n = 0; n < file.length; n++) {
            byte[] prefix = Arrays.copyOf(file, n);
            Integer records = recordsAtBoundary.get(n);
            if (records == null) {
                PcapFormatException e = expect(prefix);
                Integer lastBoundary = recordsAtBoundary.floorKey(n);
                assertEquals(lastBoundary == null ? 0 : lastBoundary, e.offset(), "prefix of " + n + ": " + e);
            } else {
                assertEquals(records, PcapngReaderTest.readAll(prefix).size(), "prefix of " + n + " bytes");
            }
        }
    }
}
