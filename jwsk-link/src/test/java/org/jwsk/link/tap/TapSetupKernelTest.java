package org.jwsk.link.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.testing.KernelAccess;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.tap.testing.Commands;
import org.jwsk.link.tap.testing.NetnsFixture;
import org.jwsk.link.tap.testing.ThreadCapabilities;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opening and closing TAP/TUN devices inside a throw-away namespace: names, configuration, persistence, and the
 * errors a user meets (name taken, not a TAP device, no CAP_NET_ADMIN, no such namespace).
 */
@KernelAccess.RequiresNetAdmin
class TapSetupKernelTest {

    private BufPool pool;

    @BeforeEach
    void createPool() {
        pool = BufPool.create(BufPoolConfig.small("tap-setup-test", 1));
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void device_livesOnlyInItsNamespace_andDisappearsOnClose() {
        try (NetnsFixture ns = NetnsFixture.create()) {
            TapDriver tap = ns.openTap(TapConfig.tap("jt-close"), pool);
            try (tap) {
                assertTrue(ns.linkExists("jt-close"));
                assertNotEquals(0, Commands.exec(NetnsFixture.COMMAND_TIMEOUT, "ip", "link", "show", "dev",
                        "jt-close").exitCode(), "the device is not in the root namespace (it was never there)");
                assertTrue(tap.readableFd().isPresent());
            }
            assertFalse(ns.linkExists("jt-close"), "a non-persistent device goes with its descriptor");
            assertTrue(tap.readableFd().isEmpty());
            tap.close(); // idempotent
        }
    }

    @Test
    void emptyOrPatternName_kernelChooses() {
        try (NetnsFixture ns = NetnsFixture.create();
                TapDriver tap = ns.openTap(TapConfig.tap(""), pool);
                TapDriver tun = ns.openTap(TapConfig.tun("jwn%d"), pool)) {
            assertTrue(tap.name().startsWith("tap"), tap.name());
            assertTrue(ns.linkExists(tap.name()));
            assertEquals("jwn0", tun.name());
            assertTrue(ns.linkExists("jwn0"));
        }
    }

    @Test
    void mtuMacAndUp_areApplied() {
        MacAddress mac = MacAddress.parse("02:00:00:00:00:33");
        try (NetnsFixture ns = NetnsFixture.create();
                TapDriver tap = ns.openTap(TapConfig.tap("jt-cfg").withMtu(1400).withMac(mac).withUp(true), pool)) {
            String link = ns.ip("-o", "link", "show", "dev", "jt-cfg");
            assertTrue(link.contains("mtu 1400"), link);
            assertTrue(link.contains("link/ether " + mac), link);
            assertTrue(link.matches("(?s).*<[^>]*\\bUP\\b[^>]*>.*"), link);
            assertEquals(LinkCaps.ethernet(1400), tap.caps());
            assertEquals(1422, tap.caps().maxFrameLength());
            assertEquals(mac, tap.deviceMac().orElseThrow());
        }
    }

    @Test
    void defaults_keepTheKernelsMtuAndRandomMac_andStayDown() {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver tap = ns.openTap(TapConfig.tap("jt-def"), pool)) {
            String link = ns.ip("-o", "link", "show", "dev", "jt-def");
            assertEquals(1500, tap.caps().mtu());
            assertTrue(link.contains("link/ether " + tap.deviceMac().orElseThrow()), link);
            assertFalse(link.matches("(?s).*<[^>]*\\bUP\\b[^>]*>.*"), link);
        }
    }

    @Test
    void nameTaken_exclusive_failsWithEbusy() {
        try (NetnsFixture ns = NetnsFixture.create(); TapDriver first = ns.openTap(TapConfig.tap("jt-busy"), pool)) {
            TapException e = assertThrows(TapException.class, () -> ns.openTap(TapConfig.tap("jt-busy"), pool));
            assertEquals(16, e.errno());
            assertTrue(e.getMessage().contains("already exists"), e.getMessage());
            assertTrue(e.errnoName().startsWith("EBUSY"));
            assertTrue(ns.linkExists(first.name()), "the failure left the first device alone");
        }
    }

    @Test
    void nameOfANonTapInterface_attach_failsWithEinval() {
        try (NetnsFixture ns = NetnsFixture.create()) {
            TapException e = assertThrows(TapException.class,
                    () -> ns.openTap(TapConfig.tap("lo").withExclusive(false), pool));
            assertEquals(22, e.errno());
            assertTrue(e.getMessage().contains("not a TAP device"), e.getMessage());
        }
    }

    @Test
    void persistentDevice_attachedAndLeftInPlace() {
        try (NetnsFixture ns = NetnsFixture.create()) {
            ns.ip("tuntap", "add", "dev", "jt-pers", "mode", "tap");
            try (TapDriver tap = ns.openTap(TapConfig.tap("jt-pers").withExclusive(false), pool)) {
                assertEquals("jt-pers", tap.name());
                TapException e = assertThrows(TapException.class,
                        () -> ns.openTap(TapConfig.tap("jt-pers").withExclusive(false), pool));
                assertEquals(16, e.errno(), "one reader per single-queue device");
                assertTrue(e.getMessage().contains("already attached"), e.getMessage());
            }
            assertTrue(ns.linkExists("jt-pers"), "a persistent device outlives the driver");
        }
    }

    @Test
    void withoutCapNetAdmin_failsWithEpermAndSaysWhatToDo() {
        try (NetnsFixture ns = NetnsFixture.create()) {
            TapException e = assertThrows(TapException.class, () -> ns.inside(() -> {
                ThreadCapabilities.dropEffective(ThreadCapabilities.CAP_NET_ADMIN); // this thread only
                return TapDriver.open(TapConfig.tap("jt-perm"), pool);
            }));
            assertEquals(1, e.errno());
            assertTrue(e.getMessage().contains("CAP_NET_ADMIN"), e.getMessage());
            assertTrue(e.getMessage().contains("ip tuntap add"), e.getMessage());
            assertFalse(ns.linkExists("jt-perm"));
        }
    }

    @Test
    void poolTooSmallForTheMtu_isRejectedAndTheDeviceRemoved() {
        BufPool small = BufPool.create(new BufPoolConfig("small", 64, List.of(new BufPoolConfig.SizeClass(1024, 1, 1))));
        try (NetnsFixture ns = NetnsFixture.create()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ns.openTap(TapConfig.tap("jt-pool"), small));
            assertTrue(e.getMessage().contains("1523"), e.getMessage());
            assertFalse(ns.linkExists("jt-pool"));
        } finally {
            small.close();
        }
    }

    @Test
    void missingNamespace_failsWithAdvice() {
        TapException e = assertThrows(TapException.class,
                () -> NetNs.call("jwsk-no-such-namespace", () -> TapDriver.open(TapConfig.tap("x"), pool)));
        assertEquals(2, e.errno());
        assertTrue(e.getMessage().contains("ip netns add jwsk-no-such-namespace"), e.getMessage());
    }

    @Test
    void twoDevices_independentDescriptors() {
        try (NetnsFixture ns = NetnsFixture.create();
                TapDriver a = ns.openTap(TapConfig.tap("jt-a"), pool);
                TapDriver b = ns.openTap(TapConfig.tun("jt-b"), pool)) {
            assertNotEquals(a.readableFd().getAsInt(), b.readableFd().getAsInt());
        }
    }
}
