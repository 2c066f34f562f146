package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.testing.KernelAccess;
import org.jwsk.common.time.Clock;
import org.jwsk.link.tap.TapConfig;
import org.jwsk.link.tap.TapDriver;
import org.jwsk.link.tap.testing.NetnsFixture;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The network layer's acceptance against the Linux kernel: a jwsk stack on a TAP device inside a network namespace
 * this test creates (documentation addresses only), driven by a {@link StackRunner} on the real clock, and the
 * kernel's own {@code ping} on the other side.
 *
 * <ul>
 *   <li>{@code ping -c 20} and {@code ping -6 -c 20} get every reply;</li>
 *   <li>the same with {@code -s 8000}: the kernel fragments its requests, jwsk reassembles them and fragments its
 *       replies, for both families;</li>
 *   <li>{@code ip neigh} on the kernel's side shows jwsk's MAC as reachable for both families;</li>
 *   <li>pings to an address jwsk owns on another interface go unanswered (the strong host model), and jwsk counts
 *       them.</li>
 * </ul>
 * Bounded by ping's own deadlines and a JUnit time-out; the namespace is removed afterwards, also on failure.
 */
@KernelAccess.RequiresNetAdmin
@KernelAccess.RequiresTools({"ping"})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetKernelAcceptanceTest {

    private static final String DEV = "ja0";
    private static final MacAddress KERNEL_MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress JWSK_MAC = MacAddress.parse("02:00:00:00:00:02");
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    private NetStack stack;
    private NetnsFixture ns;
    private StackRunner runner;
    private VirtualWire other;

    @BeforeEach
    void start() throws Exception {
        stack = NetStack.create(NetConfig.defaults().withPool(BufPoolConfig.small("kernel-acceptance", 8)),
                new SplittableRandom(8200));
        Clock clock = Clock.system();
        ns = NetnsFixture.create();
        TapDriver tap = ns.openTap(TapConfig.tap(DEV).withMac(KERNEL_MAC), stack.pool());
        stack.addInterface(tap, InterfaceConfig.of(DEV, JWSK_MAC, "192.0.2.2/24", "2001:db8::2/64")
                .withIpv6(Ipv6Options.STATIC), clock.nanoTime());
        // A second interface, on a wire that leads nowhere, owns the addresses the strong-host check is about.
        other = VirtualWire.create(WireConfig.ip("elsewhere"), new SplittableRandom(1));
        stack.addInterface(other.endA(), InterfaceConfig.of("elsewhere", null, "198.51.100.2/24", "2001:db8:5::2/64")
                .withIpv6(Ipv6Options.STATIC), clock.nanoTime());
        ns.ip("addr", "add", "192.0.2.1/24", "dev", DEV);
        ns.ip("-6", "addr", "add", "2001:db8::1/64", "dev", DEV, "nodad");
        ns.ip("link", "set", DEV, "up");
        ns.ip("route", "add", "198.51.100.0/24", "via", "192.0.2.2");
        ns.ip("-6", "route", "add", "2001:db8:5::/64", "via", "2001:db8::2");
        runner = StackRunner.start(stack, clock, "jwsk-net-acceptance");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (runner != null) {
                runner.close(); // closes the stack, and with it the TAP driver, on the stack's thread
            } else {
                stack.close();
            }
            other.close();
        } finally {
            ns.close();
        }
    }

    @Test
    void twentyPings_eachFamily_allAnswered() throws Exception {
        assertReplies(20, ns.run("ping", "-c", "20", "-i", "0.05", "-w", "20", "192.0.2.2"));
        assertReplies(20, ns.run("ping", "-6", "-c", "20", "-i", "0.05", "-w", "20", "2001:db8::2"));
        String neigh4 = ns.ip("neigh", "show", "192.0.2.2", "dev", DEV);
        String neigh6 = ns.ip("-6", "neigh", "show", "2001:db8::2", "dev", DEV);
        assertTrue(neigh4.contains("lladdr " + JWSK_MAC) && neigh4.contains("REACHABLE"), neigh4);
        assertTrue(neigh6.contains("lladdr " + JWSK_MAC) && neigh6.contains("REACHABLE"), neigh6);
    }

    @Test
    void eightThousandBytePings_fragmentedBothWays_eachFamily_allAnswered() throws Exception {
        assertReplies(20, ns.run("ping", "-c", "20", "-i", "0.05", "-s", "8000", "-w", "20", "192.0.2.2"));
        assertReplies(20, ns.run("ping", "-6", "-c", "20", "-i", "0.05", "-s", "8000", "-w", "20", "2001:db8::2"));
        long reassembled4 = counter("ipv4", "ipSystemStatsReasmOKs");
        long reassembled6 = counter("ipv6", "ipSystemStatsReasmOKs");
        long fragmented4 = counter("ipv4", "ipSystemStatsOutFragOKs");
        long fragmented6 = counter("ipv6", "ipSystemStatsOutFragOKs");
        assertTrue(reassembled4 >= 20 && reassembled6 >= 20, "jwsk reassembled the requests: " + reassembled4 + "/"
                + reassembled6);
        assertTrue(fragmented4 >= 20 && fragmented6 >= 20, "jwsk fragmented its replies: " + fragmented4 + "/"
                + fragmented6);
    }

    @Test
    void pingsToAnotherInterfacesAddress_goUnanswered_strongHost() throws Exception {
        assertReplies(0, ns.exec("ping", "-c", "3", "-i", "0.2", "-w", "3", "198.51.100.2").stdout());
        assertReplies(0, ns.exec("ping", "-6", "-c", "3", "-i", "0.2", "-w", "3", "2001:db8:5::2").stdout());
        assertTrue(counter("netdrops", "ipInStrongHostMismatch") >= 6, "jwsk counted the refusals");
    }

    private long counter(String group, String name) throws Exception {
        return runner.submit(s -> s.counters().find(group).orElseThrow().snapshot().getOrDefault(name, 0L))
                .get(10, TimeUnit.SECONDS);
    }

    private static void assertReplies(int expected, String ping) {
        Matcher m = SUMMARY.matcher(ping);
        assertTrue(m.find(), ping);
        assertEquals(expected, Integer.parseInt(m.group(2)), ping);
    }
}
