package org.jwsk.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;

/** The format-sniffing path, shared by both reader fuzz tests. */
final class CaptureReaderFuzzing {

    private CaptureReaderFuzzing() {
    }

    /** Reads {@code data} through {@link CaptureReader#readAll}: records, or a format exception inside the input. */
    static void sniffAndRead(byte[] data) {
        try {
            CaptureReader.readAll(PcapngBytes.channel(data));
        } catch (PcapFormatException e) {
            assertTrue(e.offset() >= 0 && e.offset() <= data.length, e::getMessage);
        } catch (IOException e) {
            fail("in-memory input may only fail with PcapFormatException", e);
        }
    }
}
