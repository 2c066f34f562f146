package org.jwsk.net.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Makes the simulations of one test and disposes of them when it ends: each {@link SimNet} it {@link #create
 * creates} captures every wire into {@code target/sim-captures/<TestClass>/<test>-seed<seed>.pcapng}; when the test
 * passes the captures are deleted, when it fails they are kept and the failure carries, as suppressed notes, each
 * simulation's seed, virtual time, capture path and stack state. Every simulation is closed after the test (before
 * its {@code @AfterEach} methods), which also fails the test if a stack did not get all its buffers back.
 *
 * <p>Register it on an instance field, so each test gets its own:
 * <pre>{@code
 * @RegisterExtension
 * final SimNetExtension sims = new SimNetExtension();
 *
 * @ParameterizedTest
 * @ValueSource(longs = {1, 2, 3})
 * void routerForwards(long seed) {
 *     SimNet net = sims.create(seed);
 *     ...
 * }
 * }</pre>
 */
public final class SimNetExtension implements BeforeEachCallback, AfterTestExecutionCallback,
        TestExecutionExceptionHandler {

    /** Where captures go, relative to the module's directory (surefire's working directory). */
    public static final Path CAPTURE_ROOT = Path.of("target", "sim-captures");

    private final List<SimNet> sims = new ArrayList<>();
    private String directory = "unknown";
    private String test = "test";

    @Override
    public void beforeEach(ExtensionContext context) {
        sims.clear();
        directory = context.getRequiredTestClass().getSimpleName();
        String method = context.getRequiredTestMethod().getName();
        String shown = context.getDisplayName();
        test = sanitize(shown.startsWith(method + "(") ? method : method + "-" + shown);
    }

    /** A simulation with default options that captures every attached wire. */
    public SimNet create(long seed) {
        return create(seed, SimNet.Options.DEFAULTS);
    }

    /** A simulation with these options (its capture path is set here) that captures every attached wire. */
    public SimNet create(long seed, SimNet.Options options) {
        Path file = CAPTURE_ROOT.resolve(directory).resolve(test + "-seed" + seed + "-" + sims.size() + ".pcapng");
        SimNet net = new SimNet(seed, options.withCapture(file));
        sims.add(net);
        return net;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        for (SimNet net : sims) {
            failure.addSuppressed(new SimNet.SimNetNote(net.failureNote()));
        }
        throw failure;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        boolean passed = context.getExecutionException().isEmpty();
        AssertionError leaks = null;
        for (SimNet net : sims) {
            try {
                net.close(passed);
            } catch (AssertionError e) {
                if (leaks == null) {
                    leaks = e;
                } else {
                    leaks.addSuppressed(e);
                }
            }
            if (!passed || leaks != null) {
                net.capture().ifPresent(p -> context.publishReportEntry("capture", p.toAbsolutePath().toString()));
            }
        }
        sims.clear();
        if (leaks != null && passed) {
            throw leaks;
        }
    }

    private static String sanitize(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return clean.length() > 100 ? clean.substring(0, 100) : clean;
    }
}
