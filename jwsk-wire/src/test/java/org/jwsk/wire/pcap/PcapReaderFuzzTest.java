package org.jwsk.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Untrusted files through the classic pcap reader: records and a clean end at the end of the input, or a {@link
 * PcapFormatException} with an offset inside the input; nothing else may escape. Runs its stored inputs in every
 * {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class PcapReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readAll(byte[] data) {
        try (PcapReader reader = PcapReader.open(PcapngBytes.channel(data))) {
            for (CaptureRecord r = reader.next(); r != null; r = reader.next()) {
                assertTrue(r.capturedLength() <= data.length);
                assertEquals(reader.linkType(), r.linkType());
            }
            assertEquals(data.length, reader.position(), "a clean end is the end of the input");
        } catch (PcapFormatException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= data.length, e::getMessage);
        } catch (IOException e) {
            fail("in-memory input may only fail with PcapFormatException", e);
        }
        CaptureReaderFuzzing.sniffAndRead(data);
    }
}
