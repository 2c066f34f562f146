package org.jwsk.wire.pcap;

import static org.jwsk.wire.testing.WireTesting.hex;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The captured vectors of {@code captures/} (see its README.md) and what tcpdump and tshark say about them,
 * recorded here as the expected values the readers must reproduce.
 */
final class CaptureVectors {

    /** One frame as the dissector printed it: capture time in epoch nanoseconds, and length. */
    record Frame(long epochNanos, int length) {
    }

    /**
     * {@code tshark -r linux-veth.pcapng -T fields -e frame.time_epoch -e frame.len} (TShark 4.0.17): 50 frames,
     * none truncated ({@code frame.cap_len} equals {@code frame.len} for all).
     */
    static final List<Frame> PCAPNG_FRAMES = frames("""
            1795239294.806210588 90 | 1795239294.806239091 90 | 1795239294.906287583 86
            1795239295.026230283 90 | 1795239295.558265371 86 | 1795239295.814224268 90
            1795239295.910286449 90 | 1795239295.910313529 70 | 1795239296.294231282 90
            1795239296.582261496 90 | 1795239296.582289237 70 | 1795239297.318278648 90
            1795239297.800963677 42 | 1795239297.800986200 42 | 1795239297.800990246 98
            1795239297.801045689 98 | 1795239298.002284068 98 | 1795239298.002307714 98
            1795239298.005860189 86 | 1795239298.005877916 86 | 1795239298.005883364 118
            1795239298.005890565 118 | 1795239298.206298606 118 | 1795239298.206321260 118
            1795239298.209759956 1442 | 1795239298.209776070 1442 | 1795239298.719712167 52
            1795239298.719819768 80 | 1795239298.725497013 73 | 1795239298.729804515 74
            1795239298.729835661 74 | 1795239298.729852356 66 | 1795239298.729959305 69
            1795239298.729965314 66 | 1795239298.729978394 66 | 1795239298.731433360 79
            1795239298.731453470 66 | 1795239298.731890745 66 | 1795239298.731915131 66
            1795239298.737402331 94 | 1795239298.737427428 94 | 1795239298.737438505 86
            1795239298.737750460 90 | 1795239298.737755267 86 | 1795239298.737768186 86
            1795239298.738975021 99 | 1795239298.739000749 86 | 1795239298.739408261 86
            1795239298.739431556 86 | 1795239299.942202836 70""");

    /** {@code tcpdump -r linux-veth.pcap -nn -tt -e} (tcpdump 4.99): 49 frames, time and "length N". */
    static final List<Frame> PCAP_FRAMES = frames("""
            1795239294.806210 90 | 1795239294.806239 90 | 1795239294.906287 86 | 1795239295.026230 90
            1795239295.558265 86 | 1795239295.814224 90 | 1795239295.910286 90 | 1795239295.910313 70
            1795239296.294231 90 | 1795239296.582261 90 | 1795239296.582289 70 | 1795239297.318278 90
            1795239297.800963 42 | 1795239297.800986 42 | 1795239297.800990 98 | 1795239297.801045 98
            1795239298.002284 98 | 1795239298.002307 98 | 1795239298.005860 86 | 1795239298.005877 86
            1795239298.005883 118 | 1795239298.005890 118 | 1795239298.206298 118 | 1795239298.206321 118
            1795239298.209759 1442 | 1795239298.209776 1442 | 1795239298.719712 52 | 1795239298.719819 80
            1795239298.725497 73 | 1795239298.729805 74 | 1795239298.729835 74 | 1795239298.729852 66
            1795239298.729959 69 | 1795239298.729965 66 | 1795239298.729978 66 | 1795239298.731433 79
            1795239298.731453 66 | 1795239298.731890 66 | 1795239298.731915 66 | 1795239298.737403 94
            1795239298.737427 94 | 1795239298.737438 86 | 1795239298.737751 90 | 1795239298.737755 86
            1795239298.737768 86 | 1795239298.738975 99 | 1795239298.739001 86 | 1795239298.739408 86
            1795239298.739432 86""");

    /** Frame 1 of both files, {@code tshark -x}: an MLDv2 report from fe80::ff:fe00:2 before DAD. */
    static final byte[] FRAME_1 = hex("""
            3333 0000 0016 0200 0000 0002 86dd 6000 0000 0024 0001 0000 0000 0000 0000 0000
            0000 0000 0000 ff02 0000 0000 0000 0000 0000 0000 0016 3a00 0502 0000 0100 8f00
            6f88 0000 0001 0400 0000 ff02 0000 0000 0000 0000 0001 ff00 0002""");

    /** Frame 13 of both files, {@code tcpdump -xx}: ARP who-has 192.0.2.2 tell 192.0.2.1. */
    static final byte[] FRAME_13 = hex("""
            ffff ffff ffff 0200 0000 0001 0806 0001 0800 0604 0001 0200 0000 0001 c000 0201
            0000 0000 0000 c000 0202""");

    /** Frame 27 of both files, {@code tcpdump -xx}: UDP 192.0.2.1.60317 > 192.0.2.2.9999, "udp hello\n". */
    static final byte[] FRAME_27 = hex("""
            0200 0000 0002 0200 0000 0001 0800 4500 0026 06bc 4000 4011 b007 c000 0201 c000
            0202 eb9d 270f 0012 8427 7564 7020 6865 6c6c 6f0a""");

    /** Frame 49 of both files, {@code tcpdump -xx}: the last ACK of the IPv6 TCP connection. */
    static final byte[] FRAME_49 = hex("""
            0200 0000 0002 0200 0000 0001 86dd 600d 9f94 0020 0640 2001 0db8 0000 0000 0000
            0000 0000 0001 2001 0db8 0000 0000 0000 0000 0000 0002 e934 1f90 2d27 c67b 87e3
            9f33 8010 0040 5b9b 0000 0101 080a 1652 b46d 3faf d1ba""");

    /** Frame 50 of the pcapng file only, {@code tshark -x}: a router solicitation from fe80::ff:fe00:1. */
    static final byte[] FRAME_50 = hex("""
            3333 0000 0002 0200 0000 0001 86dd 6000 0000 0010 3aff fe80 0000 0000 0000 0000
            00ff fe00 0001 ff02 0000 0000 0000 0000 0000 0000 0002 8500 7b2c 0000 0000 0101
            0200 0000 0001""");

    private CaptureVectors() {
    }

    /** The bytes of {@code captures/<name>}. */
    static byte[] capture(String name) {
        try (InputStream in = CaptureVectors.class.getResourceAsStream("/captures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource captures/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "seconds.fraction length" entries separated by '|' or line breaks. */
    private static List<Frame> frames(String table) {
        List<Frame> frames = new ArrayList<>();
        for (String entry : table.split("[|\\n]")) {
            String[] f = entry.trim().split(" ");
            long nanos = new BigDecimal(f[0]).movePointRight(9).longValueExact();
            frames.add(new Frame(nanos, Integer.parseInt(f[1])));
        }
        return List.copyOf(frames);
    }
}
