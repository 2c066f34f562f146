package org.jwsk.link.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.testing.KernelAccess;
import org.jwsk.link.tap.testing.Commands;
import org.jwsk.link.tap.testing.NetnsFixture;
import org.jwsk.link.tap.testing.PingResponder;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

/**
 * The link layer's acceptance interop test: the Linux kernel's {@code ping} reaches a host that jwsk plays
 * behind a TAP driver, inside a throw-away network namespace. The host is a {@link PingResponder}: ARP and
 * Neighbor Discovery answered, echo requests turned into replies, all by hand with jwsk-wire's views and
 * records, every frame checked first. Addresses are from 192.0.2.0/24 (RFC 5737) and 2001:db8::/32 (RFC 3849);
 * each test is bounded by {@link #PING_TIME}, {@link #MAX_FRAMES} and a JUnit time-out.
 */
@KernelAccess.RequiresNetAdmin
@KernelAccess.RequiresTools({"ping"})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TapPingKernelTest {

    static final String DEV = "jp0";
    /** The kernel's side of the TAP interface. */
    static final MacAddress KERNEL_MAC = MacAddress.parse("02:00:00:00:00:01");
    static final Ipv4Address KERNEL_IP = Ipv4Address.parse("192.0.2.1");
    static final Ipv6Address KERNEL_IP6 = Ipv6Address.parse("2001:db8::1");
    /** The host jwsk plays behind the driver. */
    static final MacAddress JWSK_MAC = MacAddress.parse("02:00:00:00:00:02");
    static final Ipv4Address JWSK_IP = Ipv4Address.parse("192.0.2.2");
    static final Ipv6Address JWSK_IP6 = Ipv6Address.parse("2001:db8::2");
    /** How long ping may run: five echoes a second apart, then at most 2 s ({@code -W 2}) for the last reply. */
    static final Duration PING_TIME = Duration.ofSeconds(20);
    /** The most frames a test reads: five echoes, address resolution and the kernel's own chatter, and room. */
    static final int MAX_FRAMES = 200;
    /** ping's summary line, such as "5 packets transmitted, 5 received, 0% packet loss, time 4005ms". */
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    private BufPool pool;

    @BeforeEach
    void createPool() {
        pool = BufPool.create(BufPoolConfig.small("ping-test", 2));
    }

    @AfterEach
    void closePool() {
        assertEquals(0, pool.outstanding(), "every frame and reply went back to the pool");
        pool.close();
    }

    private TapDriver openTap(NetnsFixture ns) {
        return ns.openTap(TapConfig.tap(DEV).withMac(KERNEL_MAC), pool);
    }

    /** The kernel's side gets 192.0.2.1/24 and no IPv6 (so no IPv6 chatter), then comes up. */
    private static void configureIpv4(NetnsFixture ns) {
        ns.sysctl("net.ipv6.conf." + DEV + ".disable_ipv6=1");
        ns.ip("addr", "add", KERNEL_IP + "/24", "dev", DEV);
        ns.ip("link", "set", DEV, "up");
    }

    private PingResponder startResponder(TapDriver tap) {
        PingResponder jwsk = new PingResponder(tap, pool, JWSK_MAC, JWSK_IP, JWSK_IP6);
        tap.start(jwsk, () -> { });
        return jwsk;
    }

    /** Runs {@code command} (a ping) inside the namespace while jwsk answers, and returns what it printed. */
    private static Commands.Result pingWhileServing(NetnsFixture ns, TapDriver tap, PingResponder jwsk,
            String... command) {
        NetnsFixture.Background ping = ns.start(command);
        boolean exited = PingResponder.serve(tap, () -> !ping.isAlive(), PING_TIME, MAX_FRAMES);
        Commands.Result result = ping.awaitExit(Duration.ofSeconds(1)); // returns at once if it exited
        assertTrue(exited, () -> "ping still running after " + PING_TIME + " or " + MAX_FRAMES + " frames; "
                + jwsk + "\n" + result.stdout() + result.stderr());
        return result;
    }

    /** Exit status 0 and, from ping's own summary, five echoes sent and five replies received. */
    private static void assertFiveOfFive(Commands.Result ping, PingResponder jwsk) {
        String output = ping.stdout() + ping.stderr() + "\n" + jwsk;
        Matcher summary = SUMMARY.matcher(ping.stdout());
        assertTrue(summary.find(), () -> "no summary in ping's output:\n" + output);
        assertEquals(0, ping.exitCode(), output);
        assertEquals(5, Integer.parseInt(summary.group(1)), output);
        assertEquals(5, Integer.parseInt(summary.group(2)), output);
    }

    private static void assertNothingMalformed(PingResponder jwsk) {
        assertEquals(0, jwsk.malformed(), () -> "malformed frames from the kernel: " + jwsk.problems());
        assertEquals(0, jwsk.sendFailures(), jwsk::toString);
    }

    @Test
    void kernelPingsJwskOverIpv4_arpAnsweredAndFiveEchoesReplied() {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = openTap(ns)) {
            configureIpv4(ns);
            PingResponder jwsk = startResponder(tap);

            Commands.Result ping = pingWhileServing(ns, tap, jwsk, "ping", "-c", "5", "-W", "2", JWSK_IP.toString());

            assertFiveOfFive(ping, jwsk);
            assertEquals(5, jwsk.echoReplies(), jwsk::toString);
            assertTrue(jwsk.arpReplies() >= 1, jwsk::toString);
            String neigh = ns.ip("neigh", "show", JWSK_IP.toString(), "dev", DEV);
            assertTrue(neigh.contains("lladdr " + JWSK_MAC), neigh);
            assertNothingMalformed(jwsk);
        }
    }

    @Test
    void kernelPingsJwskOverIpv6_neighborSolicitationAnsweredAndFiveEchoesReplied() {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = openTap(ns)) {
            ns.ip("-6", "addr", "add", KERNEL_IP6 + "/64", "dev", DEV, "nodad");
            ns.ip("link", "set", DEV, "up");
            PingResponder jwsk = startResponder(tap);

            Commands.Result ping = pingWhileServing(ns, tap, jwsk, "ping", "-6", "-c", "5", "-W", "2",
                    JWSK_IP6.toString());

            assertFiveOfFive(ping, jwsk);
            assertEquals(5, jwsk.echoReplies6(), jwsk::toString);
            assertTrue(jwsk.neighborAdvertisements() >= 1, jwsk::toString);
            String neigh = ns.ip("-6", "neigh", "show", JWSK_IP6.toString(), "dev", DEV);
            assertTrue(neigh.contains("lladdr " + JWSK_MAC), neigh);
            assertNothingMalformed(jwsk);
        }
    }

    @Test
    void testFailsMidPing_namespaceDeviceAndPingAreGone() {
        String[] namespace = new String[1];
        long[] pingPid = new long[1];
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> {
            try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = openTap(ns)) {
                namespace[0] = ns.name();
                configureIpv4(ns);
                PingResponder jwsk = startResponder(tap);
                NetnsFixture.Background ping = ns.start("ping", "-c", "5", "-W", "2", JWSK_IP.toString());
                pingPid[0] = ping.pid();
                boolean answered = PingResponder.serve(tap, () -> jwsk.echoReplies() >= 1, PING_TIME, MAX_FRAMES);
                assertTrue(answered, jwsk::toString);
                fail("on purpose, while ping still runs");
            }
        });
        assertEquals("on purpose, while ping still runs", failure.getMessage());
        String namespaces = Commands.run(NetnsFixture.COMMAND_TIMEOUT, "ip", "netns", "list");
        assertFalse(namespaces.contains(namespace[0]), namespaces);
        assertFalse(ProcessHandle.of(pingPid[0]).map(ProcessHandle::isAlive).orElse(false), "ping was stopped");
    }
}
