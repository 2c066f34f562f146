package org.jwsk.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Untrusted files through the pcapng reader: it returns records and ends cleanly at the end of the input, or throws
 * a {@link PcapFormatException} with an offset inside the input; nothing else may escape. Runs its stored inputs
 * (the real capture, truncations of it, hand-built edge cases) in every {@code mvn test}; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class PcapngReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readAll(byte[] data) {
        readThroughout(data);
        CaptureReaderFuzzing.sniffAndRead(data);
    }

    private static void readThroughout(byte[] data) {
        try (PcapngReader reader = PcapngReader.open(PcapngBytes.channel(data))) {
            for (CaptureRecord r = reader.next(); r != null; r = reader.next()) {
                assertTrue(r.capturedLength() <= data.length);
                assertTrue(reader.position() <= data.length);
                assertTrue(r.interfaceId() < reader.interfaces().size());
            }
            assertEquals(data.length, reader.position(), "a clean end is the end of the input");
        } catch (PcapFormatException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= data.length, e::getMessage);
        } catch (IOException e) {
            fail("in-memory input may only fail with PcapFormatException", e);
        }
    }
}
