package org.jwsk.common.buf;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Fails any test that leaves a {@link PacketBuf} unreleased.
 *
 * <p>Registered for every test of every module through the ServiceLoader ({@code
 * META-INF/services/org.junit.jupiter.api.extension.Extension} in jwsk-common's test jar, with
 * {@code junit.jupiter.extensions.autodetection.enabled=true} set by the parent POM). It turns {@link
 * LeakTracker} tracking on and checks after each test, after the test's own {@code @AfterEach} methods have run,
 * that everything allocated since the test began has been released; buffers allocated in {@code @BeforeAll} are
 * checked after the class. A failure lists each leaked buffer with the stack that allocated it.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheckExtension.class);
    private static final String MARK = "mark";

    @Override
    public void beforeAll(ExtensionContext context) {
        LeakTracker.setTracking(true);
        context.getStore(NS).put(MARK, LeakTracker.mark());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        LeakTracker.setTracking(true);
        context.getStore(NS).put(MARK, LeakTracker.mark());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(context, "test " + context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context, "class " + context.getDisplayName());
    }

    private static void check(ExtensionContext context, String what) {
        Long mark = context.getStore(NS).get(MARK, Long.class);
        if (mark == null) {
            return;
        }
        List<LeakTracker.Leak> leaks = LeakTracker.leaksSince(mark);
        if (!leaks.isEmpty()) {
            throw new AssertionFailedError(leaks.size() + " packet buffer(s) leaked by " + what + ":\n"
                    + leaks.stream().map(LeakTracker.Leak::describe).collect(Collectors.joining("\n")));
        }
    }
}
