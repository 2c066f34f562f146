package org.jwsk.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwsk.common.testing.KernelAccess;

/** Wireshark's own reader, tshark, as the oracle for files {@link PcapngWriter} produces. */
class PcapngWriterTsharkTest {

    private static final long T0 = 1_795_239_297_800_963_677L;

    @TempDir
    Path dir;

    /** What one frame must look like to tshark. */
    record Expected(int interfaceId, String interfaceName, int length, int capturedLength, Direction direction,
                    long epochNanos, String protocolsSuffix) {
    }

    @Test
    @KernelAccess.RequiresTools({"tshark"})
    void tshark_readsEveryFrame_withLengthsDirectionsAndTimes() throws Exception {
        Path file = dir.resolve("jwsk.pcapng");
        byte[] ipv4 = Arrays.copyOfRange(CaptureVectors.FRAME_27, 14, CaptureVectors.FRAME_27.length);
        byte[] ipv6 = Arrays.copyOfRange(CaptureVectors.FRAME_49, 14, CaptureVectors.FRAME_49.length);
        byte[] big = new byte[65535];
        System.arraycopy(CaptureVectors.FRAME_27, 0, big, 0, 14); // Ethernet header, IPv4 EtherType, then zeros
        List<Expected> expected = new ArrayList<>();
        try (PcapngWriter w = PcapngWriter.create(file, PcapngWriterConfig.of("jwsk tshark test"))) {
            int eth = w.addInterface("veth-a", LinkType.ETHERNET, PcapngWriter.MAX_SNAPLEN);
            int tun = w.addInterface("tun0", LinkType.RAW, 65535);
            int cut = w.addInterface("short", LinkType.ETHERNET, 64);
            write(w, expected, eth, "veth-a", Direction.OUTBOUND, CaptureVectors.FRAME_13, 64, "eth:ethertype:arp");
            write(w, expected, eth, "veth-a", Direction.INBOUND, CaptureVectors.FRAME_27, 64, "ip:udp:data");
            write(w, expected, tun, "tun0", Direction.INBOUND, ipv4, 65535, "raw:ip:udp:data");
            write(w, expected, tun, "tun0", Direction.OUTBOUND, ipv6, 65535, "raw:ipv6:tcp");
            write(w, expected, cut, "short", Direction.OUTBOUND, CaptureVectors.FRAME_49, 64, "eth:ethertype:ipv6:tcp");
            write(w, expected, eth, "veth-a", Direction.UNKNOWN, CaptureVectors.FRAME_1, 262144,
                    "ipv6.hopopts:icmpv6");
            write(w, expected, eth, "veth-a", Direction.INBOUND, big, 262144, "eth:ethertype:ip");
        }
        List<String[]> lines = tshark(file);
        assertEquals(expected.size(), lines.size(), "frames tshark read");
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            String[] f = lines.get(i);
            String frame = "frame " + (i + 1) + ": " + String.join(" | ", f);
            assertEquals(Integer.toString(e.interfaceId()), f[0], frame);
            assertEquals(e.interfaceName(), f[1], frame);
            assertEquals(Integer.toString(e.length()), f[2], frame);
            assertEquals(Integer.toString(e.capturedLength()), f[3], frame);
            assertEquals(e.direction(), f[4].isEmpty() ? Direction.UNKNOWN : Direction.fromFlags(Long.decode(f[4])
                    .intValue()), frame);
            assertEquals(e.epochNanos(), new BigDecimal(f[5]).movePointRight(9).longValueExact(), frame);
            assertTrue(f[6].endsWith(e.protocolsSuffix()) || f[6].contains(e.protocolsSuffix() + ":"), frame);
        }
    }

    private static void write(PcapngWriter w, List<Expected> expected, int iface, String name, Direction direction,
                              byte[] frame, int snaplen, String protocols) throws IOException {
        long nanos = T0 + 1_000_003L * expected.size();
        w.writePacket(iface, nanos, direction, MemorySegment.ofArray(frame), 0, frame.length);
        expected.add(new Expected(iface, name, frame.length, Math.min(frame.length, snaplen), direction, nanos,
                protocols));
    }

    /** tshark's fields per frame: interface id and name, lengths, direction bits, epoch time, protocols. */
    private List<String[]> tshark(Path file) throws IOException, InterruptedException {
        Path out = dir.resolve("tshark.out");
        Path err = dir.resolve("tshark.err");
        Process p = new ProcessBuilder("tshark", "-n", "-r", file.toString(), "-T", "fields", "-E", "separator=/t",
                "-E", "occurrence=f", "-e", "frame.interface_id", "-e", "frame.interface_name", "-e", "frame.len",
                "-e", "frame.cap_len", "-e", "frame.packet_flags_direction", "-e", "frame.time_epoch",
                "-e", "frame.protocols")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tshark did not finish within 60 s");
        }
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), "tshark failed: " + stderr);
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            lines.add(line.split("\t", -1));
        }
        return lines;
    }
}
