package org.jwsk.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.pcap.PcapngBytes.channel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureReaderTest {

    @TempDir
    Path dir;

    @Test
    void open_tellsTheFormatsApart() throws IOException {
        try (CaptureReader r = CaptureReader.open(channel(CaptureVectors.capture("linux-veth.pcap")))) {
            assertInstanceOf(PcapReader.class, r);
        }
        try (CaptureReader r = CaptureReader.open(channel(CaptureVectors.capture("linux-veth.pcapng")))) {
            assertInstanceOf(PcapngReader.class, r);
        }
    }

    @Test
    void readAll_paths() throws IOException {
        Path pcap = dir.resolve("a.pcap");
        Path pcapng = dir.resolve("a.pcapng");
        Files.write(pcap, CaptureVectors.capture("linux-veth.pcap"));
        Files.write(pcapng, CaptureVectors.capture("linux-veth.pcapng"));
        List<CaptureRecord> classic = CaptureReader.readAll(pcap);
        List<CaptureRecord> next = CaptureReader.readAll(pcapng);
        assertEquals(49, classic.size());
        assertEquals(50, next.size());
        assertEquals(classic.get(12).data(), next.get(12).data());
        assertEquals(49, PcapReaderTest.readAll(Files.readAllBytes(pcap)).size());
        try (PcapngReader r = PcapngReader.open(pcapng)) {
            assertEquals(CaptureVectors.PCAPNG_FRAMES.get(0).epochNanos(), r.next().epochNanos());
        }
        try (PcapReader r = PcapReader.open(pcap)) {
            assertEquals(CaptureVectors.PCAP_FRAMES.get(0).epochNanos(), r.next().epochNanos());
        }
    }

    @Test
    void readAll_channel() throws IOException {
        assertEquals(50, CaptureReader.readAll(channel(CaptureVectors.capture("linux-veth.pcapng"))).size());
    }

    @Test
    void unknownMagic_andShortInput() {
        PcapFormatException e = assertThrows(PcapFormatException.class,
                () -> CaptureReader.open(channel(new byte[] {'G', 'I', 'F', '8', '9', 'a'})));
        assertEquals("unknown magic number 0x47494638: neither pcapng nor pcap (at byte offset 0)", e.getMessage());
        e = assertThrows(PcapFormatException.class, () -> CaptureReader.open(channel(new byte[] {1, 2})));
        assertTrue(e.getMessage().startsWith("input of 2 bytes is too short"), e.getMessage());
    }

    @Test
    void open_path_closesTheFileWhenTheHeaderIsBad() throws IOException {
        Path bad = dir.resolve("bad.pcap");
        Files.write(bad, new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0});
        assertThrows(PcapFormatException.class, () -> CaptureReader.open(bad));
        assertThrows(PcapFormatException.class, () -> PcapReader.open(bad));
        assertThrows(PcapFormatException.class, () -> PcapngReader.open(bad));
        Files.delete(bad); // an open channel would not stop the delete on Linux, but the path is gone either way
    }
}
