package org.jwsk.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.testing.KernelAccess;
import org.jwsk.common.time.Clock;
import org.jwsk.link.tap.TapConfig;
import org.jwsk.link.tap.TapDriver;
import org.jwsk.link.tap.testing.NetnsFixture;
import org.jwsk.net.InterfaceConfig;
import org.jwsk.net.Ipv6Options;
import org.jwsk.net.NetConfig;
import org.jwsk.net.NetStack;
import org.jwsk.net.StackRunner;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpConfig;
import org.jwsk.transport.UdpCounter;
import org.jwsk.transport.UdpDatagram;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpHandler;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.UdpStatus;
import org.jwsk.transport.internal.udp.UdpProtocol;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * UDP against the Linux kernel: a jwsk stack on a TAP device inside a network namespace this test creates
 * (documentation addresses only: jwsk 192.0.2.2 and 2001:db8::2, the kernel .1 and ::1), driven by a {@link
 * StackRunner} on the real clock, and {@code socat} in the namespace as the kernel's UDP peer.
 *
 * <ul>
 *   <li>socat clients send ten datagrams per family to a jwsk echo endpoint and read every echo;</li>
 *   <li>a jwsk endpoint sends ten datagrams per family to a socat echo server and reads every echo;</li>
 *   <li>a connected jwsk endpoint sending to a kernel port nobody listens on hears the kernel's port unreachable.</li>
 * </ul>
 * Bounded by socat's and the test's time-outs; the namespace is removed afterwards, also on failure.
 */
@KernelAccess.RequiresNetAdmin
@KernelAccess.RequiresTools({"socat"})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UdpKernelTest {

    private static final String DEV = "ju0";
    private static final MacAddress KERNEL_MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress JWSK_MAC = MacAddress.parse("02:00:00:00:00:02");
    private static final int COUNT = 10;

    private NetStack stack;
    private NetnsFixture ns;
    private StackRunner runner;
    private UdpProtocol udp;

    @BeforeEach
    void start() {
        stack = NetStack.create(NetConfig.defaults().withPool(BufPoolConfig.small("udp-kernel", 8)),
                new SplittableRandom(768));
        Clock clock = Clock.system();
        ns = NetnsFixture.create();
        TapDriver tap = ns.openTap(TapConfig.tap(DEV).withMac(KERNEL_MAC), stack.pool());
        stack.addInterface(tap, InterfaceConfig.of(DEV, JWSK_MAC, "192.0.2.2/24", "2001:db8::2/64")
                .withIpv6(Ipv6Options.STATIC), clock.nanoTime());
        udp = UdpProtocol.install(stack, UdpConfig.DEFAULTS, new SplittableRandom(6056));
        ns.ip("addr", "add", "192.0.2.1/24", "dev", DEV);
        ns.ip("-6", "addr", "add", "2001:db8::1/64", "dev", DEV, "nodad");
        ns.ip("link", "set", DEV, "up");
        runner = StackRunner.start(stack, clock, "jwsk-udp-kernel");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (runner != null) {
                runner.execute(s -> udp.close(runner.now())).get(10, TimeUnit.SECONDS);
                runner.close(); // closes the stack, and with it the TAP driver, on the stack's thread
            } else {
                stack.close();
            }
        } finally {
            ns.close();
        }
    }

    /** An endpoint that sends every datagram back where it came from. */
    private static final class Echo implements UdpHandler {
        @Override
        public void onReadable(UdpEndpoint e, long now) {
            for (UdpDatagram d = e.receiveBuf(now); d != null; d = e.receiveBuf(now)) {
                e.send(d.source(), d.data().data(), now);
                d.release();
            }
        }
    }

    /** An endpoint that keeps the text of every datagram, for the test thread. */
    private static final class Collect implements UdpHandler {
        final Queue<String> texts = new ConcurrentLinkedQueue<>();

        @Override
        public void onReadable(UdpEndpoint e, long now) {
            for (UdpDatagram d = e.receiveBuf(now); d != null; d = e.receiveBuf(now)) {
                texts.add(new String(d.data().toByteArray(), StandardCharsets.US_ASCII));
                d.release();
            }
        }
    }

    private <T> T onStack(java.util.function.Function<NetStack, T> task) throws Exception {
        return runner.submit(task).get(10, TimeUnit.SECONDS);
    }

    private UdpEndpoint open(String local, UdpHandler handler) throws Exception {
        IpEndpoint e = IpEndpoint.parse(local);
        return onStack(s -> {
            UdpEndpoint ep = udp.open(s.defaultCompartment(), e.version(), UdpOptions.DEFAULTS, handler);
            assertEquals(UdpStatus.OK, ep.bind(e, runner.now()));
            return ep;
        });
    }

    @Test
    void kernelClients_eachFamily_areEchoedByJwsk() throws Exception {
        open("192.0.2.2:5000", new Echo());
        open("[2001:db8::2]:5000", new Echo());
        for (String target : List.of("UDP4:192.0.2.2:5000", "UDP6:[2001:db8::2]:5000")) {
            String out = ns.run("sh", "-c", "for i in $(seq 1 " + COUNT + "); do echo \"ping $i\" | timeout 5 socat "
                    + "-T 2 -t 0.5 - " + target + "; done");
            for (int i = 1; i <= COUNT; i++) {
                assertTrue(out.contains("ping " + i + "\n"), target + " echo " + i + " missing:\n" + out);
            }
        }
        long in = onStack(s -> udp.counters().get(UdpCounter.IN_DATAGRAMS));
        assertEquals(2 * COUNT, in);
    }

    @Test
    void jwskClient_eachFamily_isEchoedByTheKernel() throws Exception {
        NetnsFixture.Background v4 = ns.start("socat", "-d", "-d", "-T", "1", "UDP4-RECVFROM:6000,fork", "EXEC:cat");
        NetnsFixture.Background v6 = ns.start("socat", "-d", "-d", "-T", "1", "UDP6-RECVFROM:6001,fork", "EXEC:cat");
        v4.awaitOutput("receiving on", Duration.ofSeconds(10));
        v6.awaitOutput("receiving on", Duration.ofSeconds(10));
        for (String server : List.of("192.0.2.1:6000", "[2001:db8::1]:6001")) {
            Collect c = new Collect();
            IpEndpoint to = IpEndpoint.parse(server);
            UdpEndpoint e = open(to.version() == 4 ? "0.0.0.0:0" : "[::]:0", c);
            for (int i = 1; i <= COUNT; i++) {
                byte[] b = ("hello " + i).getBytes(StandardCharsets.US_ASCII);
                assertEquals(UdpStatus.OK, onStack(s -> e.send(to, MemorySegment.ofArray(b), runner.now())));
                int expected = i;
                await(() -> c.texts.size() >= expected, server + " echo " + i);
            }
            for (int i = 1; i <= COUNT; i++) {
                assertTrue(c.texts.contains("hello " + i), server + ": " + c.texts);
            }
        }
    }

    @Test
    void connectedJwskEndpoint_hearsTheKernelsPortUnreachable() throws Exception {
        Collect c = new Collect();
        UdpEndpoint e = open("0.0.0.0:0", c);
        assertEquals(UdpStatus.OK, onStack(s -> e.connect(IpEndpoint.parse("192.0.2.1:6999"), runner.now())));
        assertEquals(UdpStatus.OK, onStack(s -> e.send(MemorySegment.ofArray(new byte[] {1}), runner.now())));
        await(() -> {
            try {
                return onStack(s -> e.takeError()) == UdpStatus.REFUSED;
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, "ECONNREFUSED from the kernel's ICMP port unreachable");
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10); // interop level: the kernel runs on real time
        }
    }
}
