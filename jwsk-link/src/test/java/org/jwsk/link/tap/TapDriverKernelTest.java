package org.jwsk.link.tap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.link.tap.testing.TestFrames.arp;
import static org.jwsk.link.tap.testing.TestFrames.ethernet;
import static org.jwsk.link.tap.testing.TestFrames.ipv4Udp;
import static org.jwsk.link.tap.testing.TestFrames.isEtherType;
import static org.jwsk.link.tap.testing.TestFrames.isIpv4UdpTo;
import static org.jwsk.link.tap.testing.TestFrames.withIpv4IdAndFlagsOf;
import static org.jwsk.wire.ethernet.EtherType.ARP;
import static org.jwsk.wire.ethernet.EtherType.IPV4;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.testing.KernelAccess;
import org.jwsk.link.LinkCounter;
import org.jwsk.link.tap.testing.FrameCollector;
import org.jwsk.link.tap.testing.NetnsFixture;
import org.jwsk.link.tap.testing.TestFrames;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.arp.ArpOperation;
import org.jwsk.wire.arp.ArpRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TAP driver against the Linux kernel, inside a throw-away network namespace: the kernel's ARP and UDP
 * frames are read byte for byte, and frames the driver writes are received by kernel sockets, the kernel's
 * neighbour table and its interface counters. Addresses are from 192.0.2.0/24 (RFC 5737).
 */
@KernelAccess.RequiresNetAdmin
class TapDriverKernelTest {

    static final String DEV = "jt0";
    /** The kernel's side of the TAP interface. */
    static final MacAddress KERNEL_MAC = MacAddress.parse("02:00:00:00:00:01");
    static final Ipv4Address KERNEL_IP = Ipv4Address.parse("192.0.2.1");
    /** The host "behind" the driver, played by the test. */
    static final MacAddress JWSK_MAC = MacAddress.parse("02:00:00:00:00:02");
    static final Ipv4Address JWSK_IP = Ipv4Address.parse("192.0.2.2");
    static final Duration WAIT = Duration.ofSeconds(5);

    private BufPool pool;

    @BeforeEach
    void createPool() {
        pool = BufPool.create(BufPoolConfig.small("tap-test", 2));
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    /** Opens jt0 with the kernel's MAC, no IPv6 (no router solicitations in the way), 192.0.2.1/24, up. */
    private TapDriver openConfigured(NetnsFixture ns) {
        TapDriver tap = ns.openTap(TapConfig.tap(DEV).withMac(KERNEL_MAC), pool);
        ns.sysctl("net.ipv6.conf." + DEV + ".disable_ipv6=1");
        ns.ip("addr", "add", KERNEL_IP + "/24", "dev", DEV);
        ns.ip("link", "set", DEV, "up");
        return tap;
    }

    private static void sendFromKernel(NetnsFixture ns, int srcPort, int dstPort, byte[] payload) throws IOException {
        try (DatagramChannel ch = ns.inside(() -> DatagramChannel.open(StandardProtocolFamily.INET))) {
            ch.bind(new InetSocketAddress(KERNEL_IP.toInetAddress(), srcPort));
            ch.send(ByteBuffer.wrap(payload), new InetSocketAddress(JWSK_IP.toInetAddress(), dstPort));
        }
    }

    @Test
    void kernelResolvingJwsk_sendsArpRequest_readByteForByte() throws IOException {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = openConfigured(ns)) {
            FrameCollector rx = new FrameCollector();
            tap.start(rx, () -> { });
            sendFromKernel(ns, 40000, 9, "who are you".getBytes(StandardCharsets.US_ASCII));

            byte[] frame = rx.await(tap, f -> isEtherType(f, ARP), WAIT);

            // RFC 826: who-has 192.0.2.2 tell 192.0.2.1, broadcast; Linux leaves the target MAC zero
            byte[] expected = ethernet(MacAddress.BROADCAST, KERNEL_MAC, ARP,
                    arp(ArpRepr.request(KERNEL_MAC, KERNEL_IP, JWSK_IP)));
            assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(frame));
            assertTrue(tap.counters().snapshot().get("ifHCInFrames") >= 1);
            assertEquals(0, tap.counters().snapshot().get("ifInErrors"));
        }
    }

    @Test
    void staticNeighbour_kernelSendsUdp_frameReadExactly() throws IOException {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = openConfigured(ns)) {
            ns.ip("neigh", "add", JWSK_IP.toString(), "lladdr", JWSK_MAC.toString(), "dev", DEV, "nud", "permanent");
            FrameCollector rx = new FrameCollector();
            tap.start(rx, () -> { });
            byte[] payload = "jwsk reads what the kernel sends".getBytes(StandardCharsets.US_ASCII);
            sendFromKernel(ns, 40001, 9, payload);

            byte[] frame = rx.await(tap, f -> isEtherType(f, IPV4) && isIpv4UdpTo(f, 14, 9), WAIT);

            byte[] expected = ethernet(JWSK_MAC, KERNEL_MAC, IPV4,
                    ipv4Udp(KERNEL_IP, JWSK_IP, 40001, 9, payload));
            assertEquals(HexFormat.of().formatHex(withIpv4IdAndFlagsOf(expected, frame, 14)),
                    HexFormat.of().formatHex(frame));
            long inOctets = tap.counters().snapshot().get("ifHCInOctets");
            assertTrue(inOctets >= frame.length, "ifHCInOctets " + inOctets);
        }
    }

    @Test
    void arpReplyWritten_kernelLearnsNeighbourAndSendsQueuedDatagram() throws IOException {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = openConfigured(ns)) {
            FrameCollector rx = new FrameCollector();
            tap.start(rx, () -> { });
            byte[] payload = "queued until ARP resolves".getBytes(StandardCharsets.US_ASCII);
            sendFromKernel(ns, 40002, 9, payload);
            rx.await(tap, f -> isEtherType(f, ARP), WAIT);

            byte[] reply = ethernet(KERNEL_MAC, JWSK_MAC, ARP,
                    arp(new ArpRepr(ArpOperation.REPLY, JWSK_MAC, JWSK_IP, KERNEL_MAC, KERNEL_IP)));
            assertTrue(tap.send(TestFrames.toBuf(pool, reply), System.nanoTime()));

            byte[] udp = rx.await(tap, f -> isEtherType(f, IPV4) && isIpv4UdpTo(f, 14, 9), WAIT);
            assertEquals(JWSK_MAC.toString(), MacAddress.read(java.lang.foreign.MemorySegment.ofArray(udp), 0).toString());
            String neigh = ns.ip("neigh", "show", JWSK_IP.toString(), "dev", DEV);
            assertTrue(neigh.contains("lladdr " + JWSK_MAC), neigh);
            assertEquals(1, tap.counters().snapshot().get("ifHCOutFrames"));
            assertEquals(reply.length, tap.counters().snapshot().get("ifHCOutOctets"));
        }
    }

    @Test
    void udpFrameWritten_deliveredToKernelSocket() throws IOException {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = openConfigured(ns);
                DatagramSocket socket = ns.inside(() -> new DatagramSocket(
                        new InetSocketAddress(KERNEL_IP.toInetAddress(), 5001)))) {
            socket.setSoTimeout((int) WAIT.toMillis());
            tap.start(new FrameCollector(), () -> { });
            long rxBefore = ns.interfaceStat(DEV, "rx_packets");
            byte[] payload = "hello kernel, from a hand-built frame".getBytes(StandardCharsets.US_ASCII);
            byte[] frame = ethernet(KERNEL_MAC, JWSK_MAC, IPV4, ipv4Udp(JWSK_IP, KERNEL_IP, 4000, 5001, payload));

            assertTrue(tap.send(TestFrames.toBuf(pool, frame), System.nanoTime()));

            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            socket.receive(p);
            assertArrayEquals(payload, Arrays.copyOf(p.getData(), p.getLength()));
            assertEquals(new InetSocketAddress(JWSK_IP.toInetAddress(), 4000), p.getSocketAddress());
            assertEquals(rxBefore + 1, ns.interfaceStat(DEV, "rx_packets"));
            assertEquals(frame.length, tap.counters().snapshot().get("ifHCOutOctets"));
        }
    }

    @Test
    @KernelAccess.RequiresTools({"tcpdump"})
    void rawFrameWritten_capturedByTcpdumpUnchanged() {
        try (NetnsFixture ns = NetnsFixture.create();
                TapDriver tap = ns.openTap(TapConfig.tap(DEV).withMac(KERNEL_MAC).withUp(true), pool)) {
            NetnsFixture.Background dump = ns.start("tcpdump", "-i", DEV, "-nn", "-xx", "-l", "-c", "1",
                    "ether", "proto", "0x88b5");
            dump.awaitOutput("listening on", WAIT);
            byte[] payload = new byte[46];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 7);
            }
            // 0x88b5: IEEE 802 "local experimental" EtherType, which the kernel's stack ignores
            byte[] frame = ethernet(KERNEL_MAC, JWSK_MAC, 0x88b5, payload);

            assertTrue(tap.send(TestFrames.toBuf(pool, frame), System.nanoTime()));

            String out = dump.awaitExit(WAIT).stdout();
            StringBuilder hex = new StringBuilder();
            for (String line : out.split("\n")) {
                String t = line.strip();
                if (t.startsWith("0x")) {
                    hex.append(t.substring(t.indexOf(':') + 1).replace(" ", ""));
                }
            }
            assertEquals(HexFormat.of().formatHex(frame), hex.toString(), out);
        }
    }

    @Test
    void interfaceDown_pollReturnsAtOnceWithoutErrors_thenBecomesReadable() throws IOException {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = ns.openTap(TapConfig.tap(DEV), pool)) {
            FrameCollector rx = new FrameCollector();
            tap.start(rx, () -> { });

            assertEquals(0, tap.poll(System.nanoTime(), 64), "EAGAIN: nothing queued");
            assertFalse(tap.awaitReadable(Duration.ofMillis(20)));
            assertEquals(0, tap.counters().snapshot().values().stream().mapToLong(Long::longValue).sum());

            ns.sysctl("net.ipv6.conf." + DEV + ".disable_ipv6=1");
            ns.ip("addr", "add", KERNEL_IP + "/24", "dev", DEV);
            ns.ip("link", "set", DEV, "up");
            ns.ip("neigh", "add", JWSK_IP.toString(), "lladdr", JWSK_MAC.toString(), "dev", DEV, "nud", "permanent");
            for (int i = 0; i < 5; i++) {
                sendFromKernel(ns, 40010 + i, 9, new byte[] {(byte) i});
            }
            assertTrue(tap.awaitReadable(WAIT));
            int received = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received < 5 && System.nanoTime() < deadline) {
                int n = tap.poll(System.nanoTime(), 2);
                assertTrue(n <= 2, "poll delivered " + n + " frames with a budget of 2");
                received += n;
                if (n == 0) {
                    tap.awaitReadable(Duration.ofMillis(50));
                }
            }
            assertEquals(5, rx.frames().stream().filter(f -> isIpv4UdpTo(f, 14, 9)).count());
            assertEquals(0, tap.counters().snapshot().get("ifInErrors"));
        }
    }

    @Test
    void interfaceDown_sendIsDiscardedNotAnError() {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = ns.openTap(TapConfig.tap(DEV), pool)) {
            tap.start(new FrameCollector(), () -> { });
            byte[] frame = ethernet(KERNEL_MAC, JWSK_MAC, 0x88b5, new byte[46]);

            assertFalse(tap.send(TestFrames.toBuf(pool, frame), System.nanoTime()), "EIO: the interface is down");
            assertEquals(1, tap.counters().snapshot().get("ifOutDiscards"));
            assertEquals(0, tap.counters().snapshot().get("ifOutErrors"));

            ns.ip("link", "set", DEV, "up");
            assertTrue(tap.send(TestFrames.toBuf(pool, frame), System.nanoTime()));
            assertEquals(1, tap.counters().snapshot().get("ifHCOutFrames"));
        }
    }

    @Test
    void frameLargerThanCaps_countedAsErrorAndNotDelivered() throws IOException {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = openConfigured(ns)) {
            assertEquals(1522, tap.caps().maxFrameLength());
            ns.ip("neigh", "add", JWSK_IP.toString(), "lladdr", JWSK_MAC.toString(), "dev", DEV, "nud", "permanent");
            ns.ip("link", "set", DEV, "mtu", "3000"); // behind the driver's back: its caps still say 1500
            FrameCollector rx = new FrameCollector();
            tap.start(rx, () -> { });

            sendFromKernel(ns, 40020, 9, new byte[2500]);
            sendFromKernel(ns, 40021, 9, new byte[100]);

            byte[] small = rx.await(tap, f -> isIpv4UdpTo(f, 14, 9), WAIT);
            assertEquals(14 + 20 + 8 + 100, small.length);
            assertEquals(1, tap.counters().snapshot().get("ifInErrors"), "the 2542-byte frame, truncated by read");
            assertEquals(1, rx.frames().stream().filter(f -> isIpv4UdpTo(f, 14, 9)).count());
        }
    }

    @Test
    void poolExhausted_frameReadAndDiscarded_thenDeliveryResumes() throws IOException {
        BufPool tiny = BufPool.create(new BufPoolConfig("tiny", BufPoolConfig.DEFAULT_HEADROOM,
                java.util.List.of(new BufPoolConfig.SizeClass(2048, 1, 1))));
        try (NetnsFixture ns = NetnsFixture.create();
                TapDriver tap = ns.openTap(TapConfig.tap(DEV).withMac(KERNEL_MAC), tiny)) {
            ns.sysctl("net.ipv6.conf." + DEV + ".disable_ipv6=1");
            ns.ip("addr", "add", KERNEL_IP + "/24", "dev", DEV);
            ns.ip("link", "set", DEV, "up");
            ns.ip("neigh", "add", JWSK_IP.toString(), "lladdr", JWSK_MAC.toString(), "dev", DEV, "nud", "permanent");
            FrameCollector rx = new FrameCollector();
            tap.start(rx, () -> { });
            PacketBuf held = tiny.allocate(100); // the pool's only buffer

            sendFromKernel(ns, 40030, 9, new byte[10]);
            assertTrue(tap.awaitReadable(WAIT));
            assertEquals(0, tap.poll(System.nanoTime(), 64));
            assertEquals(1, tap.counters().snapshot().get("ifInDiscards"));

            held.release();
            sendFromKernel(ns, 40031, 9, new byte[10]);
            rx.await(tap, f -> isIpv4UdpTo(f, 14, 9), WAIT);
            assertEquals(1, tap.counters().snapshot().get("ifInDiscards"));
        } finally {
            tiny.close();
        }
    }

    @Test
    void sendAfterStop_discardsAndReleases_oversizeIsAnError() {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = ns.openTap(TapConfig.tap(DEV), pool)) {
            tap.start(new FrameCollector(), () -> { });
            PacketBuf tooLong = pool.allocate(1523);
            PacketBuf empty = pool.allocate(0);
            assertEquals(0, tap.send(new PacketBuf[] {tooLong, empty}, 2, System.nanoTime()));
            assertEquals(2, tap.counters().snapshot().get("ifOutErrors"));

            tap.stop();
            assertFalse(tap.send(pool.copyOf(new byte[60]), System.nanoTime()));
            assertEquals(1, tap.counters().snapshot().get("ifOutDiscards"));
            assertEquals(0, tap.poll(System.nanoTime(), 64), "a stopped driver delivers nothing");
            assertEquals(0, pool.outstanding(), "every frame handed to send was released");
        }
    }

    @Test
    void counters_areNamedAfterTheInterface() {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = ns.openTap(TapConfig.tap(DEV), pool)) {
            assertEquals("link." + DEV, tap.counters().groupName());
            assertEquals(LinkCounter.values().length, tap.counters().snapshot().size());
        }
    }
}
