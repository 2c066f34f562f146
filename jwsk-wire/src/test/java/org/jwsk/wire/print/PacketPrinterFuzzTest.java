package org.jwsk.wire.print;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jwsk.wire.pcap.LinkType;

/** Any bytes, as any of the link types the printer knows: a description comes back, nothing throws. */
class PacketPrinterFuzzTest {

    private final PacketPrinter withLinkHeader = new PacketPrinter(true);
    private final PacketPrinter plain = new PacketPrinter(false);

    @FuzzTest(maxDuration = "30s")
    void describe(byte[] data) {
        assertNotNull(withLinkHeader.describe(LinkType.ETHERNET, data));
        assertNotNull(plain.describe(LinkType.ETHERNET, data));
        assertNotNull(plain.describe(LinkType.RAW, data));
    }
}
