package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Linux kernel and a jwsk stack resolve each other over a TAP device in a throw-away network namespace: the
 * kernel's {@code ping} and {@code ping -6} get their replies (the core answers echo; ARP and Neighbor Discovery are
 * what this test is about), the kernel's neighbour table shows jwsk's MAC and jwsk's shows the kernel's. Addresses
 * from 192.0.2.0/24 and 2001:db8::/32 only; three echoes per family, bounded by ping's own deadline and a JUnit
 * time-out. The stack runs on its own thread ({@link StackRunner}) on the real clock.
 */
@KernelAccess.RequiresNetAdmin
@KernelAccess.RequiresTools({"ping"})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NeighborKernelTest {

    private static final String DEV = "jn0";
    private static final MacAddress KERNEL_MAC = MacAddress.parse("02:00:00:00:00:01");
    private static final MacAddress JWSK_MAC = MacAddress.parse("02:00:00:00:00:02");
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @Test
    void kernelPingsJwsk_bothFamilies_andEachSideLearnsTheOthersMac() throws Exception {
        NetStack stack = NetStack.create(NetConfig.defaults().withPool(BufPoolConfig.small("kernel-neigh", 4)),
                new SplittableRandom(4861));
        Clock clock = Clock.system();
        try (NetnsFixture ns = NetnsFixture.create()) {
            try {
                TapDriver tap = ns.openTap(TapConfig.tap(DEV).withMac(KERNEL_MAC), stack.pool());
                InterfaceId id = stack.addInterface(tap, InterfaceConfig.of(DEV, JWSK_MAC, "192.0.2.2/24",
                        "2001:db8::2/64").withIpv6(Ipv6Options.STATIC), clock.nanoTime());
                ns.ip("addr", "add", "192.0.2.1/24", "dev", DEV);
                ns.ip("-6", "addr", "add", "2001:db8::1/64", "dev", DEV, "nodad");
                ns.ip("link", "set", DEV, "up");
                try (StackRunner runner = StackRunner.start(stack, clock, "jwsk-neighbor-kernel")) {
                    String ping4 = ns.run("ping", "-c", "3", "-i", "0.2", "-w", "10", "192.0.2.2");
                    String ping6 = ns.run("ping", "-6", "-c", "3", "-i", "0.2", "-w", "10", "2001:db8::2");
                    assertAllReplied(ping4);
                    assertAllReplied(ping6);

                    String neigh4 = ns.ip("neigh", "show", "192.0.2.2", "dev", DEV);
                    String neigh6 = ns.ip("-6", "neigh", "show", "2001:db8::2", "dev", DEV);
                    assertTrue(neigh4.contains("lladdr " + JWSK_MAC), neigh4);
                    assertTrue(neigh6.contains("lladdr " + JWSK_MAC), neigh6);

                    List<NeighborInfo> ours = runner.submit(s -> s.neighbors(id)).get(10, TimeUnit.SECONDS);
                    System.out.printf("kernel: %s / %s%njwsk: %s%n", neigh4.strip(), neigh6.strip(), ours);
                    assertHas(ours, "192.0.2.1");
                    assertHas(ours, "2001:db8::1");
                    long failures = runner.submit(s -> NeighborFixture.counter(s, "netdrops", "ipNdpInvalid")
                            + NeighborFixture.counter(s, "netdrops", "ipArpInvalid")).get(10, TimeUnit.SECONDS);
                    assertEquals(0L, failures, "everything the kernel sent passed the validity checks");
                }
            } finally {
                stack.close(); // closes the TAP driver before the namespace goes
            }
        }
    }

    private static void assertAllReplied(String ping) {
        Matcher m = SUMMARY.matcher(ping);
        assertTrue(m.find(), ping);
        assertEquals("3", m.group(1), ping);
        assertEquals("3", m.group(2), ping);
    }

    private static void assertHas(List<NeighborInfo> ours, String address) {
        NeighborInfo e = ours.stream().filter(n -> n.address().equals(IpAddress.parse(address))).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for " + address + " in " + ours));
        assertEquals(KERNEL_MAC, e.mac(), e::toString);
    }
}
