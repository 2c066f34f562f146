package org.jwsk.common.testing;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What tests that touch the kernel need, and the rule for when they may not run: outside CI they are skipped
 * with a message naming what is missing; under {@code CI=true} they must run, so a missing requirement fails
 * the test instead of skipping it.
 *
 * <pre>
 * &#64;KernelAccess.RequiresNetAdmin                  // root with CAP_NET_ADMIN, /dev/net/tun, iproute2
 * &#64;KernelAccess.RequiresTools({"tshark"})        // programs on the PATH
 * </pre>
 */
public final class KernelAccess {

    private static final int CAP_NET_ADMIN = 12;

    private KernelAccess() {
    }

    /** The test creates network namespaces, TAP/TUN or veth devices: needs CAP_NET_ADMIN, /dev/net/tun and ip. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(NetAdminCondition.class)
    public @interface RequiresNetAdmin {
    }

    /** The test runs these programs, which must be on the PATH. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(ToolsCondition.class)
    public @interface RequiresTools {
        /** Program names, such as {@code tshark}. */
        String[] value();
    }

    /** Whether this run is CI ({@code CI=true}), where nothing may be skipped for want of privileges or tools. */
    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** What is missing for network-namespace tests, or an empty list when everything is there. */
    public static List<String> missingForNetAdmin() {
        List<String> missing = new ArrayList<>();
        if (!hasCapNetAdmin()) {
            missing.add("CAP_NET_ADMIN (run as root)");
        }
        Path tun = Path.of("/dev/net/tun");
        if (!Files.exists(tun)) {
            missing.add("/dev/net/tun (modprobe tun)");
        } else if (!Files.isReadable(tun) || !Files.isWritable(tun)) {
            missing.add("read/write access to /dev/net/tun");
        }
        if (findOnPath("ip") == null) {
            missing.add("the ip command (apt-get install iproute2)");
        }
        return missing;
    }

    /** Whether the process's effective capabilities include CAP_NET_ADMIN. */
    public static boolean hasCapNetAdmin() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (caps & (1L << CAP_NET_ADMIN)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** The program's path on the PATH, or null. */
    public static Path findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static ConditionEvaluationResult decide(String what, List<String> missing) {
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled(what + ": available");
        }
        String message = what + " needs " + String.join(", ", missing);
        if (isCi()) {
            throw new IllegalStateException("CI=true, so this test may not be skipped, but it " + message);
        }
        return ConditionEvaluationResult.disabled("skipped: " + message + " (CI=true makes this a failure)");
    }

    /** The condition behind {@link RequiresNetAdmin}. */
    static final class NetAdminCondition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return decide("this test creates network namespaces and TAP devices;", missingForNetAdmin());
        }
    }

    /** The condition behind {@link RequiresTools}. */
    static final class ToolsCondition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            List<String> missing = new ArrayList<>();
            context.getElement().ifPresent(e -> {
                RequiresTools tools = e.getAnnotation(RequiresTools.class);
                if (tools != null) {
                    for (String t : tools.value()) {
                        if (findOnPath(t) == null) {
                            missing.add("the program '" + t + "'");
                        }
                    }
                }
            });
            return decide("this test runs external programs;", missing);
        }
    }
}
