package org.jwsk.wire.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.jwsk.common.testing.KernelAccess;
import org.jwsk.wire.pcap.Direction;
import org.jwsk.wire.pcap.LinkType;
import org.jwsk.wire.pcap.PcapngWriter;
import org.jwsk.wire.pcap.PcapngWriterConfig;

/**
 * Wireshark's dissectors as an independent oracle for jwsk's wire formats. Every frame of {@link
 * CrossCheckFrames} is emitted by jwsk alone (records emitted into buffers, checksums computed), written to a
 * pcapng file with jwsk's {@link PcapngWriter}, and dissected by {@code tshark} with checksum validation on.
 * For every frame tshark must
 * <ul>
 *   <li>find nothing malformed and raise no expert info of warning or error severity, but for the ones the
 *       frame table allows, each with its reason;</li>
 *   <li>dissect the protocols the frame was meant to carry ({@code frame.protocols});</li>
 *   <li>show, field by field, the values of the records jwsk emitted ({@link TsharkFields}), checksum status
 *       good included.</li>
 * </ul>
 * The capture and tshark's PDML stay in {@code target/tshark-crosscheck/} for inspection; a failure names
 * the frame, the field, tshark's value and jwsk's.
 */
class TsharkCrossCheckTest {

    /** 2025-01-01T00:00:00Z; frames follow a millisecond apart. */
    private static final long T0_NANOS = 1_735_689_600_000_000_000L;
    private static final long TSHARK_TIMEOUT_SECONDS = 120;

    @Test
    @KernelAccess.RequiresTools({"tshark"})
    void tshark_dissectsEveryFrame_asJwskEmittedIt() throws Exception {
        List<Frame> frames = CrossCheckFrames.all();
        Path dir = Files.createDirectories(Path.of("target", "tshark-crosscheck").toAbsolutePath());
        Path capture = dir.resolve("jwsk-crosscheck.pcapng");
        writeCapture(frames, capture);
        List<Pdml.Packet> packets = Pdml.read(runTshark(capture, dir));
        assertEquals(frames.size(), packets.size(), "frames tshark dissected in " + capture);
        List<String> problems = new ArrayList<>();
        int values = 0;
        for (int i = 0; i < frames.size(); i++) {
            values += check(i + 1, frames.get(i), packets.get(i), problems);
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " disagreements between tshark and jwsk; capture: " + capture + "\n  "
                    + String.join("\n  ", problems));
        }
        System.out.printf("tshark agrees with jwsk on %d frames, %d field values; capture: %s%n", frames.size(),
                values, capture);
    }

    /** Checks one frame, adding what is wrong to {@code problems}; returns how many values were compared. */
    static int check(int number, Frame frame, Pdml.Packet packet, List<String> problems) {
        String where = "frame " + number + " (" + frame.name() + "): ";
        if (packet.malformed()) {
            problems.add(where + "tshark found it malformed");
        }
        Set<String> allowedSeen = new HashSet<>();
        for (Pdml.Expert expert : packet.experts()) {
            if (!expert.isWarningOrError()) {
                continue;
            }
            if (frame.allowedExperts().contains(expert.field())) {
                allowedSeen.add(expert.field());
            } else {
                problems.add(where + "expert info " + severity(expert.severity()) + " " + expert.field() + ": "
                        + expert.message());
            }
        }
        for (String allowed : frame.allowedExperts()) {
            if (!allowedSeen.contains(allowed)) {
                problems.add(where + "allows expert info " + allowed + ", which tshark no longer raises");
            }
        }
        if (!packet.protocols().equals(frame.protocols())) {
            problems.add(where + "frame.protocols: tshark " + packet.protocols() + ", jwsk " + frame.protocols());
        }
        Expect expect = new Expect();
        TsharkFields.expect(frame.packet().layers(), frame.packet().complete(), expect);
        for (Map.Entry<String, List<String>> field : expect.values().entrySet()) {
            List<String> shown = packet.values(field.getKey());
            if (!shown.equals(field.getValue())) {
                problems.add(where + field.getKey() + ": tshark " + shown + ", jwsk " + field.getValue());
            }
        }
        return expect.count() + 1;
    }

    private static String severity(int severity) {
        return severity >= Pdml.SEVERITY_ERROR ? "error" : "warning";
    }

    /** The frames as one Ethernet interface, a millisecond apart. */
    private static void writeCapture(List<Frame> frames, Path file) throws IOException {
        try (PcapngWriter writer = PcapngWriter.create(file, PcapngWriterConfig.of("jwsk tshark cross-check"))) {
            int eth = writer.addInterface("jwsk0", LinkType.ETHERNET, PcapngWriter.MAX_SNAPLEN);
            for (int i = 0; i < frames.size(); i++) {
                byte[] bytes = frames.get(i).packet().bytes();
                writer.writePacket(eth, T0_NANOS + i * 1_000_000L, Direction.UNKNOWN, MemorySegment.ofArray(bytes),
                        0, bytes.length);
            }
        }
    }

    /**
     * tshark's PDML for {@code capture}, checksums validated (ICMP and ICMPv6 always are), sequence numbers
     * absolute, no name resolution.
     */
    private static Path runTshark(Path capture, Path dir) throws IOException, InterruptedException {
        Path pdml = dir.resolve("jwsk-crosscheck.pdml");
        Path err = dir.resolve("tshark.stderr");
        Process p = new ProcessBuilder("tshark", "-n", "-r", capture.toString(), "-T", "pdml",
                "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-o", "tcp.relative_sequence_numbers:FALSE")
                .redirectOutput(pdml.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TSHARK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tshark did not finish within " + TSHARK_TIMEOUT_SECONDS + " s on " + capture);
        }
        assertEquals(0, p.exitValue(), "tshark failed on " + capture + ": " + Files.readString(err));
        return pdml;
    }
}
