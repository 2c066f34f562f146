package org.jwsk.wire.ipv6;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frames of {@code captures/linux-veth.pcap} (see its README), read with a minimal classic-pcap reader so
 * that the IPv6 and ICMPv6 tests can run over every captured IPv6 packet. Test code only: the pcap format itself
 * belongs to the capture package.
 */
public final class Captures {

    /** Bytes of the Ethernet header before the IPv6 packet in every captured frame. */
    public static final int ETHERNET_HEADER = 14;

    private static final List<byte[]> FRAMES = read("/captures/linux-veth.pcap");

    private Captures() {
    }

    /** Frame {@code number} as tcpdump numbers them (1-based), Ethernet header included. */
    public static byte[] frame(int number) {
        return FRAMES.get(number - 1).clone();
    }

    /** The IPv6 packet of frame {@code number}: the frame without its 14-byte Ethernet header. */
    public static byte[] ipv6Packet(int number) {
        byte[] frame = frame(number);
        return Arrays.copyOfRange(frame, ETHERNET_HEADER, frame.length);
    }

    /** The numbers of the frames whose EtherType is IPv6. */
    public static List<Integer> ipv6FrameNumbers() {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < FRAMES.size(); i++) {
            byte[] f = FRAMES.get(i);
            if ((f[12] & 0xff) == 0x86 && (f[13] & 0xff) == 0xdd) {
                numbers.add(i + 1);
            }
        }
        return numbers;
    }

    private static List<byte[]> read(String resource) {
        try (InputStream in = Captures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            ByteBuffer buf = ByteBuffer.wrap(in.readAllBytes());
            int magic = buf.getInt(0);
            buf.order(magic == 0xa1b2c3d4 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            buf.position(24);
            List<byte[]> frames = new ArrayList<>();
            while (buf.remaining() >= 16) {
                buf.position(buf.position() + 8);
                int captured = buf.getInt();
                buf.getInt();
                byte[] frame = new byte[captured];
                buf.get(frame);
                frames.add(frame);
            }
            return List.copyOf(frames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
