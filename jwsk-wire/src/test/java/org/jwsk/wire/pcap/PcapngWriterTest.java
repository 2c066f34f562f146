package org.jwsk.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.testing.WireTesting.hex;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.wire.Octets;

class PcapngWriterTest {

    @TempDir
    Path dir;

    /** An in-memory channel that collects what is written. */
    static class Sink implements WritableByteChannel {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final WritableByteChannel out = Channels.newChannel(bytes);
        boolean open = true;
        int writes;

        @Override
        public int write(ByteBuffer src) throws IOException {
            writes++;
            return out.write(src);
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    static MemorySegment segment(byte[] b) {
        return MemorySegment.ofArray(b.clone());
    }

    @Test
    void layout_byteForByte() throws IOException {
        Sink sink = new Sink();
        try (PcapngWriter w = new PcapngWriter(sink, PcapngWriterConfig.of("jwsk"))) {
            assertEquals(0, w.addInterface("eth0", LinkType.ETHERNET, 65535));
            w.writePacket(0, 0x0000_0001_0000_0002L, Direction.OUTBOUND, segment(hex("deadbe")), 0, 3);
            w.writePacket(0, 7, Direction.UNKNOWN, segment(hex("00112233")), 1, 2, 9);
        }
        byte[] expected = hex("""
                0a0d0d0a 28000000 4d3c2b1a 01000000 ffffffff ffffffff 04000400 6a77736b 00000000 28000000
                01000000 28000000 01000000 ffff0000 02000400 65746830 09000100 09000000 00000000 28000000
                06000000 30000000 00000000 01000000 02000000 03000000 03000000 deadbe00
                                  02000400 02000000 00000000 30000000
                06000000 24000000 00000000 00000000 07000000 02000000 09000000 11220000 24000000""");
        assertEquals(hex(expected), hex(sink.toByteArray()));
        assertFalse(sink.open, "close closes the channel");
    }

    @Test
    void bigEndian_andNoUserAppl() throws IOException {
        Sink sink = new Sink();
        try (PcapngWriter w = new PcapngWriter(sink, PcapngWriterConfig.of("").withByteOrder(ByteOrder.BIG_ENDIAN))) {
            w.addInterface("", LinkType.RAW, 1500);
            w.writePacket(0, 1, Direction.INBOUND, segment(hex("45")), 0, 1);
        }
        byte[] expected = hex("""
                0a0d0d0a 0000001c 1a2b3c4d 00010000 ffffffff ffffffff 0000001c
                00000001 00000020 00650000 000005dc 00090001 09000000 00000000 00000020
                00000006 00000030 00000000 00000000 00000001 00000001 00000001 45000000
                                  00020004 00000001 00000000 00000030""");
        assertEquals(hex(expected), hex(sink.toByteArray()));
    }

    @Test
    void severalInterfaces_bothLinkTypes_roundTrip() throws IOException {
        Sink sink = new Sink();
        byte[] ip = Arrays.copyOfRange(CaptureVectors.FRAME_27, 14, CaptureVectors.FRAME_27.length);
        try (PcapngWriter w = new PcapngWriter(sink, PcapngWriterConfig.of("test"))) {
            int eth = w.addInterface("wire0.a", LinkType.ETHERNET, PcapngWriter.MAX_SNAPLEN);
            w.writePacket(eth, 1_000, Direction.OUTBOUND, segment(CaptureVectors.FRAME_13), 0, 42);
            int tun = w.addInterface("tun0", LinkType.RAW, 65535);
            int short64 = w.addInterface("eth.short", LinkType.ETHERNET, 64);
            w.writePacket(tun, 2_000, Direction.INBOUND, segment(ip), 0, ip.length);
            w.writePacket(eth, 3_000, Direction.INBOUND, segment(CaptureVectors.FRAME_27), 0, 52);
            w.writePacket(short64, 4_000, Direction.OUTBOUND, segment(CaptureVectors.FRAME_49), 0, 86);
            assertEquals(3, w.interfaceCount());
            assertEquals(4, w.packetsWritten());
        }
        try (PcapngReader r = PcapngReader.open(PcapngBytes.channel(sink.toByteArray()))) {
            assertEquals("test", r.section().userAppl());
            assertEquals(ByteOrder.LITTLE_ENDIAN, r.section().byteOrder());
            List<CaptureRecord> records = new ArrayList<>();
            r.forEachRecord(records::add);
            assertEquals(List.of(
                    new CaptureRecord(0, 1, 1_000, 42, Direction.OUTBOUND, Octets.of(CaptureVectors.FRAME_13)),
                    new CaptureRecord(1, 101, 2_000, 38, Direction.INBOUND, Octets.of(ip)),
                    new CaptureRecord(0, 1, 3_000, 52, Direction.INBOUND, Octets.of(CaptureVectors.FRAME_27)),
                    new CaptureRecord(2, 1, 4_000, 86, Direction.OUTBOUND,
                            Octets.of(Arrays.copyOf(CaptureVectors.FRAME_49, 64)))), records);
            assertEquals(List.of(
                    new PcapngInterface(LinkType.ETHERNET, PcapngWriter.MAX_SNAPLEN, "wire0.a", 9, 0),
                    new PcapngInterface(LinkType.RAW, 65535, "tun0", 9, 0),
                    new PcapngInterface(LinkType.ETHERNET, 64, "eth.short", 9, 0)), r.interfaces());
        }
    }

    @Test
    void zeroLengthAnd64KiBFrames_throughASmallBuffer() throws IOException {
        Sink sink = new Sink();
        byte[] big = new byte[65536];
        new java.util.Random(64).nextBytes(big);
        PcapngWriterConfig config = PcapngWriterConfig.of("x").withBufferSize(PcapngWriterConfig.MIN_BUFFER_SIZE);
        try (PcapngWriter w = new PcapngWriter(sink, config)) {
            w.addInterface("big", LinkType.ETHERNET, 65536); // the buffer grows to one 64 KiB block, no more
            w.writePacket(0, 1, Direction.OUTBOUND, segment(new byte[0]), 0, 0);
            w.writePacket(0, 2, Direction.INBOUND, segment(big), 0, 65535);
            w.writePacket(0, 3, Direction.INBOUND, segment(big), 0, 65536);
            w.writePacket(0, 4, Direction.UNKNOWN, MemorySegment.NULL, 0, 0);
        }
        List<CaptureRecord> r = PcapngReaderTest.readAll(sink.toByteArray());
        assertEquals(4, r.size());
        assertEquals(Octets.EMPTY, r.get(0).data());
        assertEquals(0, r.get(0).originalLength());
        assertArrayEquals(Arrays.copyOf(big, 65535), r.get(1).data().toByteArray());
        assertArrayEquals(big, r.get(2).data().toByteArray());
        assertEquals(Octets.EMPTY, r.get(3).data());
        assertTrue(sink.writes >= 3, "the buffer filled and was written out several times: " + sink.writes);
    }

    @Test
    void packetBuf_isBorrowed_notConsumed() throws IOException {
        try (BufPool pool = BufPool.create(BufPoolConfig.small("pcap", 1))) {
            PacketBuf frame = pool.copyOf(CaptureVectors.FRAME_13);
            Sink sink = new Sink();
            try (PcapngWriter w = new PcapngWriter(sink, PcapngWriterConfig.of("x"))) {
                w.addInterface("eth0", LinkType.ETHERNET, 1514);
                w.writePacket(0, 5, Direction.OUTBOUND, frame);
            }
            assertEquals(1, frame.refCnt(), "the writer neither retains nor releases");
            assertArrayEquals(CaptureVectors.FRAME_13, frame.toByteArray(), "nor changes the bytes");
            assertEquals(Octets.of(CaptureVectors.FRAME_13), PcapngReaderTest.readAll(sink.toByteArray()).get(0).data());
            frame.release();
        }
    }

    @Test
    void offHeapFrames() throws IOException {
        Sink sink = new Sink();
        try (Arena arena = Arena.ofConfined(); PcapngWriter w = new PcapngWriter(sink, PcapngWriterConfig.of("x"))) {
            MemorySegment frames = arena.allocate(100);
            MemorySegment.copy(CaptureVectors.FRAME_13, 0, frames, java.lang.foreign.ValueLayout.JAVA_BYTE, 50, 42);
            w.addInterface("eth0", LinkType.ETHERNET, 1514);
            w.writePacket(0, 5, Direction.INBOUND, frames, 50, 42);
        }
        assertEquals(Octets.of(CaptureVectors.FRAME_13), PcapngReaderTest.readAll(sink.toByteArray()).get(0).data());
    }

    @Test
    void steadyState_allocatesNothingPerPacket() throws IOException {
        WritableByteChannel discard = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = src.remaining();
                src.position(src.limit());
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        MemorySegment frame = MemorySegment.ofArray(new byte[1514]);
        try (PcapngWriter w = new PcapngWriter(discard, PcapngWriterConfig.of("x").withBufferSize(64 * 1024))) {
            w.addInterface("eth0", LinkType.ETHERNET, 1514);
            for (int i = 0; i < 50_000; i++) { // warm up: let the JIT settle
                w.writePacket(0, i, Direction.OUTBOUND, frame, 0, 60 + i % 1400);
            }
            long before = allocatedByThisThread();
            for (int i = 0; i < 100_000; i++) {
                w.writePacket(0, i, (i & 1) == 0 ? Direction.INBOUND : Direction.OUTBOUND, frame, 0, 60 + i % 1400);
            }
            long allocated = allocatedByThisThread() - before;
            assertTrue(allocated < 16 * 1024, allocated + " bytes allocated for 100000 packets");
        }
    }

    /**
     * Bytes this thread has allocated, from com.sun.management.ThreadMXBean; reached reflectively because the
     * tests compile inside module org.jwsk.wire, which does not read jdk.management (they run on the class path).
     */
    private static long allocatedByThisThread() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getThreadAllocatedBytes", long.class).invoke(bean, Thread.currentThread().threadId());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this JVM cannot measure allocation", e);
        }
    }

    @Test
    void create_writesAFileTheReadersRead() throws IOException {
        Path file = dir.resolve("out.pcapng");
        Files.write(file, new byte[100_000]); // truncated on create
        try (PcapngWriter w = PcapngWriter.create(file, PcapngWriterConfig.of("x"))) {
            w.addInterface("eth0", LinkType.ETHERNET, 1514);
            w.writePacket(0, 5, Direction.INBOUND, segment(CaptureVectors.FRAME_13), 0, 42);
            w.flush();
            assertTrue(Files.size(file) > 0, "flush writes through");
        }
        List<CaptureRecord> records = CaptureReader.readAll(file);
        assertEquals(1, records.size());
        assertEquals(Octets.of(CaptureVectors.FRAME_13), records.get(0).data());
    }

    @Test
    void misuse_isRefusedLoudly() throws IOException {
        Sink sink = new Sink();
        PcapngWriter w = new PcapngWriter(sink, PcapngWriterConfig.of("x"));
        MemorySegment f = segment(CaptureVectors.FRAME_13);
        assertThrows(IndexOutOfBoundsException.class, () -> w.writePacket(0, 1, Direction.INBOUND, f, 0, 42));
        w.addInterface("eth0", LinkType.ETHERNET, 1514);
        assertThrows(IndexOutOfBoundsException.class, () -> w.writePacket(1, 1, Direction.INBOUND, f, 0, 42));
        assertThrows(IndexOutOfBoundsException.class, () -> w.writePacket(0, 1, Direction.INBOUND, f, 1, 42));
        assertThrows(IllegalArgumentException.class, () -> w.writePacket(0, -1, Direction.INBOUND, f, 0, 42));
        assertThrows(IllegalArgumentException.class, () -> w.writePacket(0, 1, Direction.INBOUND, f, 0, 42, 41));
        assertThrows(IllegalArgumentException.class, () -> w.writePacket(0, 1, Direction.INBOUND, f, 0, 42, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> w.addInterface("x", 65536, 100));
        assertThrows(IllegalArgumentException.class, () -> w.addInterface("x", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> w.addInterface("x", 1, PcapngWriter.MAX_SNAPLEN + 1));
        assertThrows(IllegalArgumentException.class, () -> w.addInterface("x".repeat(65536), 1, 100));
        assertThrows(IllegalArgumentException.class, () -> PcapngWriterConfig.of("x").withBufferSize(100));
        w.close();
        w.close();
        assertThrows(ClosedChannelException.class, () -> w.writePacket(0, 1, Direction.INBOUND, f, 0, 42));
        assertThrows(ClosedChannelException.class, () -> w.addInterface("y", 1, 100));
        assertThrows(ClosedChannelException.class, w::flush);
        assertEquals(0, PcapngReaderTest.readAll(sink.toByteArray()).size(), "one section, one interface, no packets");
    }

    @Test
    void failedWrite_breaksTheWriter() throws IOException {
        IOException diskFull = new IOException("No space left on device");
        Sink sink = new Sink() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                throw diskFull;
            }
        };
        PcapngWriter w = new PcapngWriter(sink, PcapngWriterConfig.of("x"));
        w.addInterface("eth0", LinkType.ETHERNET, 1514);
        w.writePacket(0, 1, Direction.INBOUND, segment(CaptureVectors.FRAME_13), 0, 42);
        assertSame(diskFull, assertThrows(IOException.class, w::flush));
        IOException later = assertThrows(IOException.class,
                () -> w.writePacket(0, 2, Direction.INBOUND, segment(CaptureVectors.FRAME_13), 0, 42));
        assertSame(diskFull, later.getCause());
        assertTrue(later.getMessage().contains("No space left on device"), later.getMessage());
        w.close();
        assertFalse(sink.open);
    }
}
