package org.jwsk.link.tap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.jwsk.common.testing.KernelAccess;
import org.jwsk.link.tap.NetNs;
import org.junit.jupiter.api.Test;

/** The fixture itself: unique names, clean-up on every path, commands and background processes inside. */
class NetnsFixtureTest {

    @Test
    void orphanDetection_onlyForOurPrefixAndDeadJvms() throws Exception {
        long self = ProcessHandle.current().pid();
        long dead = deadPid();
        assertFalse(NetnsFixture.isOrphan(NetnsFixture.PREFIX + self + "-1-abcd"));
        assertTrue(NetnsFixture.isOrphan(NetnsFixture.PREFIX + dead + "-1-abcd"));
        assertFalse(NetnsFixture.isOrphan("other-" + dead + "-1"));
        assertFalse(NetnsFixture.isOrphan(NetnsFixture.PREFIX + "x-1"));
    }

    @Test
    @KernelAccess.RequiresNetAdmin
    void namespace_isDeletedEvenWhenTheTestFails() {
        String[] name = new String[1];
        UnsupportedOperationException failure = assertThrows(UnsupportedOperationException.class, () -> {
            try (NetnsFixture ns = NetnsFixture.create()) {
                name[0] = ns.name();
                assertTrue(Files.exists(NetNs.NAMED_NAMESPACES.resolve(ns.name())));
                ns.ip("tuntap", "add", "dev", "jwskd0", "mode", "tap");
                throw new UnsupportedOperationException("the test failed");
            }
        });
        assertEquals("the test failed", failure.getMessage());
        assertFalse(Files.exists(NetNs.NAMED_NAMESPACES.resolve(name[0])));
    }

    @Test
    @KernelAccess.RequiresNetAdmin
    void namespacesOfDeadJvms_areRemovedByTheNextCreate() throws Exception {
        String orphan = NetnsFixture.PREFIX + deadPid() + "-1-dead";
        Commands.run(NetnsFixture.COMMAND_TIMEOUT, "ip", "netns", "add", orphan);
        try (NetnsFixture ns = NetnsFixture.create()) {
            assertFalse(Files.exists(NetNs.NAMED_NAMESPACES.resolve(orphan)));
            assertTrue(Files.exists(NetNs.NAMED_NAMESPACES.resolve(ns.name())));
        } finally {
            Commands.exec(NetnsFixture.COMMAND_TIMEOUT, "ip", "netns", "del", orphan);
        }
    }

    @Test
    @KernelAccess.RequiresNetAdmin
    void commandsAndBackgroundProcesses_runInside_andAreStoppedOnClose() {
        NetnsFixture.Background sleeper;
        try (NetnsFixture a = NetnsFixture.create(); NetnsFixture b = NetnsFixture.create()) {
            assertFalse(a.name().equals(b.name()));
            a.ip("tuntap", "add", "dev", "jwskd0", "mode", "tap");
            assertTrue(a.linkExists("jwskd0"));
            assertFalse(b.linkExists("jwskd0"), "namespaces are separate");
            assertEquals(1, a.exec("false").exitCode());
            assertThrows(IllegalStateException.class, () -> a.run("false"));
            assertEquals(0, a.interfaceStat("lo", "tx_errors"));
            sleeper = a.start("sh", "-c", "echo ready; exec sleep 60");
            sleeper.awaitOutput("ready", Duration.ofSeconds(5));
        }
        assertFalse(ProcessHandle.of(sleeper.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    /** A PID no process has now: that of a process that has just exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
