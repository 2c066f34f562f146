package org.jwsk.link.tap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jwsk.common.testing.KernelAccess;
import org.jwsk.link.tap.testing.NetnsFixture;
import org.junit.jupiter.api.Test;

/** {@link NetNs} against real namespaces: where the task runs, and what comes back out of it. */
@KernelAccess.RequiresNetAdmin
class NetNsKernelTest {

    private static String currentNetns() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    @Test
    void task_runsInTheNamespace_onItsOwnPlatformThread_callerStaysPut() throws IOException {
        try (NetnsFixture ns = NetnsFixture.create()) {
            String mine = currentNetns();
            String expected = ns.run("readlink", "/proc/self/ns/net").strip();
            Thread caller = Thread.currentThread();

            String[] seen = ns.inside(() -> new String[] {currentNetns(), String.valueOf(Thread.currentThread().isVirtual()),
                    String.valueOf(Thread.currentThread() == caller)});

            assertEquals(expected, seen[0]);
            assertNotEquals(mine, seen[0]);
            assertEquals("false", seen[1]);
            assertEquals("false", seen[2]);
            assertEquals(mine, currentNetns(), "the caller's thread never moved");
            String again = NetNs.call(Path.of("/proc/thread-self/ns/net"), NetNsKernelTest::currentNetns);
            assertNotEquals(expected, again, "a new thread starts in the process's namespace, not the last one used");
        }
    }

    @Test
    void checkedException_propagatesWithItsType() {
        try (NetnsFixture ns = NetnsFixture.create()) {
            IOException thrown = new IOException("from inside");
            IOException e = assertThrows(IOException.class, () -> ns.inside(() -> {
                throw thrown;
            }));
            assertSame(thrown, e);
            IllegalStateException r = assertThrows(IllegalStateException.class, () -> ns.inside(() -> {
                throw new IllegalStateException("unchecked");
            }));
            assertEquals("unchecked", r.getMessage());
        }
    }

    @Test
    void interruptedCaller_waitsForTheTask_andKeepsItsInterrupt() {
        try (NetnsFixture ns = NetnsFixture.create()) {
            Thread.currentThread().interrupt();
            Object result = ns.inside(() -> "done");
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
            assertEquals("done", result);
        }
    }

    @Test
    void notANamespace_failsClearly() {
        TapException e = assertThrows(TapException.class, () -> NetNs.call(Path.of("/dev/null"), () -> 1));
        assertEquals(22, e.errno());
        assertTrue(e.getMessage().contains("not a network namespace"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetNs.call("../etc", () -> 1));
        assertFalse(e.errnoName().isEmpty());
        assertNotSame(null, e.getMessage());
    }
}
