package org.jwsk.wire.igmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwsk.wire.pcap.CaptureRecord;
import org.jwsk.wire.pcap.PcapReader;
import org.jwsk.wire.testing.WireTesting;

/**
 * IGMP test vectors: the frames of {@code captures/linux-igmp.pcap} (a Linux host and a Linux bridge querier, see
 * the captures README), read with jwsk's own pcap reader, and messages scapy's {@code scapy.contrib.igmpv3}
 * encodes as an independent oracle.
 */
final class IgmpVectors {

    private static final List<byte[]> FRAMES = read("/captures/linux-igmp.pcap");

    /**
     * scapy: {@code IGMPv3(type=0x11, mrcode=0x8a)/IGMPv3mq(gaddr='239.1.2.3', s=1, qrv=3, qqic=0x90,
     * srcaddrs=['192.0.2.7', '192.0.2.8'])}: a group-and-source-specific query with coded times.
     */
    static final byte[] SCAPY_V3_QUERY = WireTesting.hex("118a6dce ef010203 0b900002 c0000207 c0000208");
    /**
     * scapy: {@code IGMPv3(type=0x22)/IGMPv3mr(records=[IGMPv3gr(rtype=4, maddr='239.1.2.3'), IGMPv3gr(rtype=1,
     * maddr='239.9.9.9', srcaddrs=['192.0.2.7'])])}.
     */
    static final byte[] SCAPY_V3_REPORT = WireTesting.hex("22002ddd 00000002 04000000 ef010203 01000001 ef090909 c0000207");

    private IgmpVectors() {
    }

    /** The IGMP message of frame {@code number} (1-based, as tcpdump numbers them): after Ethernet and IPv4. */
    static byte[] captured(int number) {
        byte[] frame = FRAMES.get(number - 1);
        int ip = 14;
        int headerLength = (frame[ip] & 0x0f) * 4;
        int totalLength = (frame[ip + 2] & 0xff) << 8 | frame[ip + 3] & 0xff;
        return Arrays.copyOfRange(frame, ip + headerLength, ip + totalLength);
    }

    /** How many frames the capture holds. */
    static int frameCount() {
        return FRAMES.size();
    }

    private static List<byte[]> read(String resource) {
        try (InputStream in = IgmpVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<byte[]> frames = new ArrayList<>();
            try (PcapReader reader = PcapReader.open(Channels.newChannel(in))) {
                for (CaptureRecord r = reader.next(); r != null; r = reader.next()) {
                    frames.add(r.data().toByteArray());
                }
            }
            return List.copyOf(frames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
