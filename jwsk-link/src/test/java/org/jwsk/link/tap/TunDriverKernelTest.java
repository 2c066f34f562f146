package org.jwsk.link.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.link.tap.testing.TestFrames.ipv4Udp;
import static org.jwsk.link.tap.testing.TestFrames.ipv6Udp;
import static org.jwsk.link.tap.testing.TestFrames.isIpv4UdpTo;
import static org.jwsk.link.tap.testing.TestFrames.isIpv6UdpTo;
import static org.jwsk.link.tap.testing.TestFrames.withIpv4IdAndFlagsOf;
import static org.jwsk.link.tap.testing.TestFrames.withIpv6FlowLabelOf;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.testing.KernelAccess;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.Medium;
import org.jwsk.link.tap.testing.FrameCollector;
import org.jwsk.link.tap.testing.NetnsFixture;
import org.jwsk.link.tap.testing.TestFrames;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TUN driver (medium IP) against the Linux kernel inside a throw-away namespace, for IPv4 and IPv6: packets
 * arrive and leave without a link header. Addresses are from 192.0.2.0/24 and 2001:db8::/32.
 */
@KernelAccess.RequiresNetAdmin
class TunDriverKernelTest {

    static final String DEV = "jn0";
    static final Ipv4Address KERNEL_IP = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address JWSK_IP = Ipv4Address.parse("192.0.2.2");
    static final Ipv6Address KERNEL_IP6 = Ipv6Address.parse("2001:db8::1");
    static final Ipv6Address JWSK_IP6 = Ipv6Address.parse("2001:db8::2");
    static final Duration WAIT = Duration.ofSeconds(5);

    private BufPool pool;

    @BeforeEach
    void createPool() {
        pool = BufPool.create(BufPoolConfig.small("tun-test", 2));
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    /** jn0 up with 192.0.2.1 peer 192.0.2.2 and 2001:db8::1/64 (no duplicate address detection). */
    private TapDriver openConfigured(NetnsFixture ns) {
        TapDriver tun = ns.openTap(TapConfig.tun(DEV), pool);
        ns.ip("addr", "add", KERNEL_IP.toString(), "peer", JWSK_IP.toString(), "dev", DEV);
        ns.ip("-6", "addr", "add", KERNEL_IP6 + "/64", "dev", DEV, "nodad");
        ns.ip("link", "set", DEV, "up");
        return tun;
    }

    private static void sendFromKernel(NetnsFixture ns, IpAddress from, int srcPort, IpAddress to, int dstPort,
            byte[] payload) throws IOException {
        try (DatagramChannel ch = ns.inside(DatagramChannel::open)) {
            ch.bind(new InetSocketAddress(from.toInetAddress(), srcPort));
            ch.send(ByteBuffer.wrap(payload), new InetSocketAddress(to.toInetAddress(), dstPort));
        }
    }

    @Test
    void tunDevice_declaresIpMediumAndHasNoMac() {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tun = ns.openTap(TapConfig.tun(DEV).withMtu(9000), pool)) {
            assertEquals(LinkCaps.ip(9000), tun.caps());
            assertEquals(Medium.IP, tun.caps().medium());
            assertTrue(tun.deviceMac().isEmpty());
            assertTrue(ns.ip("-o", "link", "show", "dev", DEV).contains("link/none"));
        }
    }

    @Test
    void kernelSendsUdpV4_readAsBareIpPacket() throws IOException {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tun = openConfigured(ns)) {
            FrameCollector rx = new FrameCollector();
            tun.start(rx, () -> { });
            byte[] payload = "no link header on a TUN device".getBytes(StandardCharsets.US_ASCII);
            sendFromKernel(ns, KERNEL_IP, 40100, JWSK_IP, 9, payload);

            byte[] packet = rx.await(tun, p -> isIpv4UdpTo(p, 0, 9), WAIT);

            // identification and flags are the kernel's choice
            byte[] expected = withIpv4IdAndFlagsOf(ipv4Udp(KERNEL_IP, JWSK_IP, 40100, 9, payload), packet, 0);
            assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(packet));
        }
    }

    @Test
    void udpV4PacketWritten_deliveredToKernelSocket() throws IOException {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tun = openConfigured(ns);
                DatagramSocket socket = ns.inside(() -> new DatagramSocket(
                        new InetSocketAddress(KERNEL_IP.toInetAddress(), 5002)))) {
            socket.setSoTimeout((int) WAIT.toMillis());
            tun.start(new FrameCollector(), () -> { });
            byte[] payload = "an IPv4 packet, written as is".getBytes(StandardCharsets.US_ASCII);

            assertTrue(tun.send(TestFrames.toBuf(pool, ipv4Udp(JWSK_IP, KERNEL_IP, 4001, 5002, payload)),
                    System.nanoTime()));

            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            socket.receive(p);
            assertArrayEquals(payload, Arrays.copyOf(p.getData(), p.getLength()));
            assertEquals(new InetSocketAddress(JWSK_IP.toInetAddress(), 4001), p.getSocketAddress());
        }
    }

    @Test
    void udpV6_bothDirections() throws IOException {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tun = openConfigured(ns);
                DatagramSocket socket = ns.inside(() -> new DatagramSocket(
                        new InetSocketAddress(KERNEL_IP6.toInetAddress(), 5003)))) {
            socket.setSoTimeout((int) WAIT.toMillis());
            FrameCollector rx = new FrameCollector();
            tun.start(rx, () -> { });
            byte[] out = "IPv6 from the kernel".getBytes(StandardCharsets.US_ASCII);
            sendFromKernel(ns, KERNEL_IP6, 40101, JWSK_IP6, 9, out);

            byte[] packet = rx.await(tun, p -> isIpv6UdpTo(p, 0, 9), WAIT);
            byte[] expected = withIpv6FlowLabelOf(ipv6Udp(KERNEL_IP6, JWSK_IP6, 40101, 9, out), packet, 0);
            assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(packet));

            byte[] in = "IPv6 to the kernel".getBytes(StandardCharsets.US_ASCII);
            assertTrue(tun.send(TestFrames.toBuf(pool, ipv6Udp(JWSK_IP6, KERNEL_IP6, 4002, 5003, in)),
                    System.nanoTime()));
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            socket.receive(p);
            assertArrayEquals(in, Arrays.copyOf(p.getData(), p.getLength()));
            assertEquals(new InetSocketAddress(JWSK_IP6.toInetAddress(), 4002), p.getSocketAddress());
        }
    }
}
