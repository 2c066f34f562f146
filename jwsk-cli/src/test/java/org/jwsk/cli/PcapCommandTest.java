package org.jwsk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapCommandTest {

    @TempDir
    static Path files;

    /** The capture from jwsk-wire's test jar, copied out: inside a jar it is no file the command could open. */
    static Path capture() throws IOException {
        Path copy = files.resolve("linux-veth.pcap");
        if (!Files.exists(copy)) {
            try (InputStream in = PcapCommandTest.class.getResourceAsStream("/captures/linux-veth.pcap")) {
                Files.copy(java.util.Objects.requireNonNull(in, "captures/linux-veth.pcap on the test class path"), copy);
            }
        }
        return copy;
    }

    @Test
    void printsOneLinePerFrame() throws Exception {
        MainTest.Result r = MainTest.run("pcap", capture().toString());
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(49, lines.length);
        assertEquals("    13  05:34:57.800963  ARP, Request who-has 192.0.2.2 tell 192.0.2.1, length 28", lines[12]);
        assertTrue(lines[29].contains("IP 192.0.2.1.34554 > 192.0.2.2.8080: Flags [S], seq 418788153"), lines[29]);
    }

    @Test
    void optionsLimitAndShowTheLinkHeader() throws Exception {
        MainTest.Result r = MainTest.run("pcap", "-e", "-c", "1", capture().toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("     1  05:34:54.806210  02:00:00:00:00:02 > 33:33:00:00:00:16, ethertype IPv6 (0x86dd), length 90:"
                + " IP6 :: > ff02::16: HBH ICMP6, multicast listener report v2, 1 group record(s), length 28\n", r.out());
    }

    @Test
    void missingFile_isAUsageError() {
        MainTest.Result r = MainTest.run("pcap", "/nonexistent/file.pcap");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no such file: /nonexistent/file.pcap"), r.err());
    }

    @Test
    void malformedFile_printsWhatItCanAndSaysWhere(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(capture());
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, 24 + 16 + 90 + 10)); // one frame, then a torn record
        MainTest.Result r = MainTest.run("pcap", cut.toString());
        assertEquals(1, r.status());
        assertEquals(1, r.out().split("\n").length, r.out());
        assertTrue(r.err().startsWith("jwsk pcap: " + cut + ": "), r.err());
    }

    @Test
    void notACapture_isRefusedClearly(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a capture");
        MainTest.Result r = MainTest.run("pcap", text.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("neither pcapng nor pcap"), r.err());
    }
}
