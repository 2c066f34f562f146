package org.jwsk.wire.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.testing.WireTesting;

/**
 * The TCP segments of {@code captures/linux-veth.pcap} (frames 30-39 over IPv4, 40-49 over IPv6; see the
 * capture's README), each with the pseudo-header sum of the IP header it arrived in. Reads the classic pcap
 * records and the few IP fields it needs by offset, so the TCP tests do not depend on the IP packages.
 */
final class CapturedTcp {

    /** A TCP segment from the capture, with the real pseudo-header sum for its addresses and length. */
    record Segment(int frame, byte[] bytes, int pseudoHeaderSum, boolean ipv6) {

        /** A fresh heap segment over a copy of the bytes. */
        MemorySegment segment() {
            return WireTesting.segment(bytes);
        }

        int length() {
            return bytes.length;
        }

        @Override
        public String toString() {
            return "frame " + frame + (ipv6 ? " (IPv6)" : " (IPv4)");
        }
    }

    private static final int ETHERNET_HEADER = 14;
    private static final List<byte[]> FRAMES = readFrames();

    private CapturedTcp() {
    }

    /** Frame {@code n} (1-based, tcpdump's numbering) as a TCP segment. */
    static Segment frame(int n) {
        byte[] f = FRAMES.get(n - 1);
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.BIG_ENDIAN);
        int etherType = b.getShort(12) & 0xffff;
        if (etherType == 0x0800) {
            int ihl = (b.get(ETHERNET_HEADER) & 0x0f) * 4;
            int total = b.getShort(ETHERNET_HEADER + 2) & 0xffff;
            check(b.get(ETHERNET_HEADER + 9) == IpProtocol.TCP, n);
            int tcpLength = total - ihl;
            int sum = InternetChecksum.pseudoHeaderV4(b.getInt(ETHERNET_HEADER + 12), b.getInt(ETHERNET_HEADER + 16),
                    IpProtocol.TCP, tcpLength);
            int start = ETHERNET_HEADER + ihl;
            return new Segment(n, Arrays.copyOfRange(f, start, start + tcpLength), sum, false);
        }
        check(etherType == 0x86dd && b.get(ETHERNET_HEADER + 6) == IpProtocol.TCP, n);
        int tcpLength = b.getShort(ETHERNET_HEADER + 4) & 0xffff;
        int src = ETHERNET_HEADER + 8;
        int dst = ETHERNET_HEADER + 24;
        int sum = InternetChecksum.pseudoHeaderV6(b.getLong(src), b.getLong(src + 8), b.getLong(dst), b.getLong(dst + 8),
                IpProtocol.TCP, tcpLength);
        int start = ETHERNET_HEADER + 40;
        return new Segment(n, Arrays.copyOfRange(f, start, start + tcpLength), sum, true);
    }

    private static void check(boolean ok, int n) {
        if (!ok) {
            throw new IllegalStateException("frame " + n + " of linux-veth.pcap is not TCP over IPv4/IPv6");
        }
    }

    private static List<byte[]> readFrames() {
        try (InputStream in = CapturedTcp.class.getResourceAsStream("/captures/linux-veth.pcap")) {
            if (in == null) {
                throw new IllegalStateException("captures/linux-veth.pcap is not on the test class path");
            }
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes());
            int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            b.order(magic == 0xa1b2c3d4 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            List<byte[]> frames = new ArrayList<>();
            int at = 24; // global header
            while (at + 16 <= b.limit()) {
                int captured = b.getInt(at + 8);
                byte[] frame = new byte[captured];
                b.get(at + 16, frame);
                frames.add(frame);
                at += 16 + captured;
            }
            return List.copyOf(frames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
