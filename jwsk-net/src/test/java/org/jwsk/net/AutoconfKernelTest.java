package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.testing.KernelAccess;
import org.jwsk.common.time.Clock;
import org.jwsk.link.tap.TapConfig;
import org.jwsk.link.tap.TapDriver;
import org.jwsk.link.tap.testing.NetnsFixture;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Autoconfiguration and multicast reporting against the Linux kernel, over a TAP device in a throw-away network
 * namespace, with a jwsk stack on its own runner thread behind the device. The kernel checks jwsk: a bridge with
 * multicast snooping learns groups from jwsk's MLDv2 and IGMPv3 reports (and queries it), tcpdump shows its DAD probes,
 * a kernel claiming jwsk's address makes it a duplicate, and the kernel forms an address from jwsk's advertisements.
 * Documentation addresses only; each test is bounded by its waits and a JUnit time-out.
 */
@KernelAccess.RequiresNetAdmin
@KernelAccess.RequiresTools({"tcpdump", "bridge"})
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AutoconfKernelTest {

    static final String DEV = "ja0";
    static final MacAddress KERNEL_MAC = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress JWSK_MAC = MacAddress.parse("02:00:00:00:00:02");
    static final Ipv6Address JWSK_LL = Ipv6Address.parse("fe80::ff:fe00:2");
    static final Duration WAIT = Duration.ofSeconds(20);

    /** A jwsk stack on a runner thread, owning the TAP driver; closing it closes the driver and the stack. */
    private record Jwsk(NetStack stack, StackRunner runner, InterfaceId id) implements AutoCloseable {
        <T> T call(Function<NetStack, T> task) {
            try {
                return runner.submit(task).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            runner.close();
        }
    }

    private static Jwsk start(NetnsFixture ns, InterfaceConfig config) {
        return start(ns, config, () -> { });
    }

    /**
     * Opens the TAP device, runs {@code beforeInterface} (the kernel side is there; jwsk has sent nothing yet), then
     * adds jwsk's interface over it and starts the runner.
     */
    private static Jwsk start(NetnsFixture ns, InterfaceConfig config, Runnable beforeInterface) {
        NetStack stack = NetStack.create(NetConfig.defaults().withPool(BufPoolConfig.small("autoconf-kernel", 4)),
                new SplittableRandom(7527));
        TapDriver tap = ns.openTap(TapConfig.tap(DEV).withMac(KERNEL_MAC), stack.pool());
        try {
            beforeInterface.run();
        } catch (RuntimeException | Error e) {
            tap.close();
            stack.close();
            throw e;
        }
        Clock clock = Clock.system();
        InterfaceId id = stack.addInterface(tap, config, clock.nanoTime());
        return new Jwsk(stack, StackRunner.start(stack, clock, "jwsk-autoconf"), id);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            pause(Duration.ofMillis(100));
        }
    }

    /** Real time passing: this is the interop level, where the kernel's clock runs. */
    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Ipv6AddressInfo.State state(Jwsk j, Ipv6Address a) {
        return j.call(s -> DadSimTest.state(s, j.id(), a));
    }

    @Test
    void bridgeLearnsJwsksGroups_fromItsMldv2AndIgmpv3Reports_andItsQueriesAreAnswered() {
        try (NetnsFixture ns = NetnsFixture.create()) {
            ns.ip("link", "add", "br0", "type", "bridge", "mcast_snooping", "1", "mcast_querier", "1",
                    "mcast_mld_version", "2", "mcast_igmp_version", "3", "mcast_query_interval", "300",
                    "mcast_query_response_interval", "100", "mcast_startup_query_interval", "100");
            ns.ip("addr", "add", "192.0.2.254/24", "dev", "br0");
            try (Jwsk j = start(ns, InterfaceConfig.of("e0", JWSK_MAC, "192.0.2.2/24"))) {
                ns.ip("link", "set", DEV, "master", "br0");
                ns.ip("link", "set", DEV, "up");
                ns.ip("link", "set", "br0", "up");
                await("jwsk's link-local address passes DAD", () -> state(j, JWSK_LL) == Ipv6AddressInfo.State.PREFERRED);
                j.call(s -> {
                    s.joinGroup(j.id(), IpAddress.parse("ff05::1:3"), j.runner().now());
                    s.joinGroup(j.id(), IpAddress.parse("239.1.2.3"), j.runner().now());
                    return null;
                });
                await("the bridge learns ff05::1:3 and 239.1.2.3 on " + DEV, () -> {
                    String mdb = ns.run("bridge", "mdb", "show", "dev", "br0");
                    return mdb.contains("port " + DEV + " grp ff05::1:3") && mdb.contains("port " + DEV + " grp 239.1.2.3");
                });
                await("the bridge's queries come, pass jwsk's checks and are answered", () -> j.call(s ->
                        DadSimTest.counter(s, "mld", "inQueries") >= 1 && DadSimTest.counter(s, "igmp", "inQueries") >= 1
                        && DadSimTest.counter(s, "mld", "outCurrentStateReports") >= 1
                        && DadSimTest.counter(s, "igmp", "outCurrentStateReports") >= 1));
                assertEquals(0L, (long) j.call(s -> DadSimTest.counter(s, "mld", "inInvalid")));
            }
        }
    }

    @Test
    void tcpdumpSeesJwsksDadProbesAndMldv2Reports_andTheLinkLocalAddressPassesDad() {
        try (NetnsFixture ns = NetnsFixture.create()) {
            NetnsFixture.Background[] dump = new NetnsFixture.Background[1];
            try (Jwsk j = start(ns, InterfaceConfig.of("e0", JWSK_MAC, new String[0])
                    .withIpv6(new Ipv6Options(true, true, 1, false, 0)), () -> {
                        ns.ip("link", "set", DEV, "up");
                        dump[0] = ns.start("tcpdump", "-i", DEV, "-nn", "-l", "-vv", "-c", "40", "ether", "src",
                                JWSK_MAC.toString());
                        dump[0].awaitOutput("listening on", Duration.ofSeconds(10));
                    })) {
                await("DAD passes", () -> state(j, JWSK_LL) == Ipv6AddressInfo.State.PREFERRED);
                pause(Duration.ofMillis(1500)); // the reports re-announced from the link-local address
                String out = dump[0].stop().stdout();
                assertTrue(out.contains(":: > ff02::1:ff00:2") && out.contains("neighbor solicitation, length 32, who has "
                        + JWSK_LL), out);
                assertTrue(out.contains(":: > ff02::16") && out.contains(JWSK_LL + " > ff02::16")
                        && out.contains("multicast listener report v2"), "from :: during DAD, then from the link-local: "
                        + out);
                assertTrue(out.contains("gaddr ff02::1:ff00:2 to_ex"), out);
                assertTrue(out.contains("sum ok") && !out.contains("bad"), "tcpdump verified every checksum: " + out);
            }
        }
    }

    @Test
    void kernelHoldingJwsksAddress_answersItsProbe_andJwskMarksTheAddressDuplicate() {
        try (NetnsFixture ns = NetnsFixture.create()) {
            try (Jwsk j = start(ns, InterfaceConfig.of("e0", JWSK_MAC, new String[0])
                    .withIpv6(new Ipv6Options(true, true, 1, false, 0)))) {
                ns.ip("-6", "addr", "add", "2001:db8::2/64", "dev", DEV, "nodad");
                ns.ip("link", "set", DEV, "up");
                await("jwsk's link-local address passes DAD", () -> state(j, JWSK_LL) == Ipv6AddressInfo.State.PREFERRED);
                Ipv6Address taken = Ipv6Address.parse("2001:db8::2");
                j.call(s -> {
                    s.addAddress(j.id(), InterfaceAddress.parse("2001:db8::2/64"), j.runner().now());
                    return null;
                });
                await("the kernel's advertisement makes it a duplicate",
                        () -> state(j, taken) == Ipv6AddressInfo.State.DUPLICATE);
                assertEquals(1L, (long) j.call(s -> DadSimTest.counter(s, "autoconf6", "ipv6DadDuplicates")));
                String addr = ns.ip("-6", "addr", "show", "dev", DEV);
                assertTrue(addr.contains("2001:db8::2/64") && !addr.contains("dadfailed"), "the kernel keeps it: " + addr);
            }
        }
    }

    @Test
    void jwskAsRouter_kernelFormsAnAddressFromTheAdvertisedPrefix_andTakesJwskAsDefaultRouter() {
        try (NetnsFixture ns = NetnsFixture.create()) {
            try (Jwsk j = start(ns, InterfaceConfig.of("e0", JWSK_MAC, "2001:db8:1::2/64")
                    .withIpv6(new Ipv6Options(true, true, 1, false, 0)).withForwarding(true))) {
                ns.sysctl("net.ipv6.conf." + DEV + ".accept_ra=1");
                ns.sysctl("net.ipv6.conf." + DEV + ".autoconf=1");
                j.call(s -> {
                    s.setRouterAdvertisements(j.id(), RouterAdvertisementConfig.of(IpPrefix.parse("2001:db8:1::/64"))
                            .withIntervals(Duration.ofSeconds(3), Duration.ofSeconds(4)).withLinkMtu(1480),
                            j.runner().now());
                    return null;
                });
                ns.ip("link", "set", DEV, "up");
                await("the kernel forms 2001:db8:1::ff:fe00:1 by SLAAC", () -> ns.ip("-6", "addr", "show", "dev", DEV)
                        .contains("2001:db8:1::ff:fe00:1/64 scope global dynamic"));
                await("the kernel takes jwsk as its default router", () -> ns.ip("-6", "route", "show", "default")
                        .contains("default via " + JWSK_LL + " dev " + DEV + " proto ra"));
                assertEquals("1480", ns.run("cat", "/proc/sys/net/ipv6/conf/" + DEV + "/mtu").trim(), "the MTU option");
                assertTrue(j.call(s -> DadSimTest.counter(s, "autoconf6", "ipv6RouterAdvertsOut")) >= 1);
            }
        }
    }
}
