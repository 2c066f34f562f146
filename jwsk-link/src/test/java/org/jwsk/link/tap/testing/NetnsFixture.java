package org.jwsk.link.tap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jwsk.common.buf.BufPool;
import org.jwsk.link.tap.NetNs;
import org.jwsk.link.tap.TapConfig;
import org.jwsk.link.tap.TapDriver;

/**
 * A throw-away Linux network namespace for tests that put frames on kernel interfaces (network safety: every
 * device lives inside it and disappears with it; nothing touches the root namespace's interfaces).
 *
 * <pre>
 * try (NetnsFixture ns = NetnsFixture.create();
 *      TapDriver tap = ns.openTap(TapConfig.tap("jt0").withUp(true), pool)) {
 *     ns.ip("addr", "add", "192.0.2.1/24", "dev", "jt0");
 *     ns.ip("neigh", "add", "192.0.2.2", "lladdr", "02:00:00:00:00:02", "dev", "jt0", "nud", "permanent");
 *     DatagramChannel ch = ns.inside(DatagramChannel::open);   // a kernel socket inside the namespace
 *     ...
 * }
 * </pre>
 *
 * <p><b>Clean-up is unconditional.</b> {@link #close()} stops every process started with {@link #start} (by its
 * PID) and deletes the namespace, with every device still in it. A shutdown hook does the same if the JVM is
 * interrupted first (Ctrl-C, SIGTERM), and {@link #create()} deletes namespaces this fixture left behind in
 * JVMs that were killed outright (their names carry the PID of the JVM that made them, which no longer runs).
 * Open drivers before the fixture in try-with-resources order, so they close first.
 *
 * <p>Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN) and iproute2; annotate tests with {@code
 * KernelAccess.RequiresNetAdmin}. Use only documentation addresses (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24, 2001:db8::/32).
 */
public final class NetnsFixture implements AutoCloseable {

    /** The prefix of every namespace this fixture creates: {@code jwskt-<jvm pid>-<sequence>-<random>}. */
    public static final String PREFIX = "jwskt-";
    /** How long a command may take before it is killed and the test fails. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name;
    private final Thread shutdownHook;
    private final List<Background> started = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private NetnsFixture(String name) {
        this.name = name;
        this.shutdownHook = Thread.ofPlatform().unstarted(this::cleanUp);
    }

    /**
     * Creates a uniquely named namespace with its loopback interface up.
     *
     * @throws IllegalStateException if {@code ip netns add} fails
     */
    public static NetnsFixture create() {
        removeStale();
        String name = PREFIX + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet() + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        NetnsFixture ns = new NetnsFixture(name);
        Runtime.getRuntime().addShutdownHook(ns.shutdownHook); // before the namespace exists: no window to leak
        try {
            Commands.run(COMMAND_TIMEOUT, "ip", "netns", "add", name);
            ns.ip("link", "set", "lo", "up");
        } catch (RuntimeException | Error e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The namespace's name, as {@code ip netns} knows it. */
    public String name() {
        return name;
    }

    /** Runs {@code command} inside the namespace ({@code ip netns exec}) and returns its outcome, whatever it is. */
    public Commands.Result exec(String... command) {
        return Commands.exec(COMMAND_TIMEOUT, inNamespace(command));
    }

    /**
     * Runs {@code command} inside the namespace and returns its standard output.
     *
     * @throws IllegalStateException if it exits with a non-zero status (the message has its standard error)
     */
    public String run(String... command) {
        return Commands.run(COMMAND_TIMEOUT, inNamespace(command));
    }

    /** {@code ip ARGS...} inside the namespace; returns its output, fails on a non-zero status. */
    public String ip(String... args) {
        return run(Stream.concat(Stream.of("ip"), Stream.of(args)).toArray(String[]::new));
    }

    /**
     * Starts {@code command} inside the namespace in the background (a capture, a traffic source). It is stopped
     * by {@link Background#stop()} or, at the latest, when the fixture closes.
     */
    public Background start(String... command) {
        if (closed) {
            throw new IllegalStateException("namespace " + name + " is closed");
        }
        Background b = Background.start(inNamespace(command));
        started.add(b);
        return b;
    }

    /** Runs {@code task} on a thread inside the namespace: sockets and devices it creates live there. */
    public <T, X extends Exception> T inside(NetNs.Task<T, X> task) throws X {
        return NetNs.call(name, task);
    }

    /** Opens a TAP/TUN driver whose device is created directly inside the namespace. */
    public TapDriver openTap(TapConfig config, BufPool pool) {
        return NetNs.call(name, () -> TapDriver.open(config, pool));
    }

    /** Whether an interface named {@code device} exists inside the namespace. */
    public boolean linkExists(String device) {
        return exec("ip", "link", "show", "dev", device).exitCode() == 0;
    }

    /**
     * One of the kernel's interface statistics inside the namespace, such as {@code rx_packets} or {@code
     * tx_dropped} ({@code /sys/class/net/DEV/statistics}, which {@code ip netns exec} mounts for the namespace).
     */
    public long interfaceStat(String device, String stat) {
        return Long.parseLong(run("cat", "/sys/class/net/" + device + "/statistics/" + stat).trim());
    }

    /** Sets a sysctl inside the namespace, such as {@code net.ipv6.conf.jt0.disable_ipv6=1}. */
    public void sysctl(String assignment) {
        run("sysctl", "-q", "-w", assignment);
    }

    private String[] inNamespace(String... command) {
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = name;
        System.arraycopy(command, 0, full, 4, command.length);
        return full;
    }

    /** Stops the background processes and deletes the namespace. Idempotent. */
    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs (or ran) the same idempotent clean-up
        }
    }

    private synchronized void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        for (Background b : started) {
            b.stop();
        }
        Commands.Result r = Commands.exec(COMMAND_TIMEOUT, "ip", "netns", "del", name);
        if (r.exitCode() != 0 && Files.exists(NetNs.NAMED_NAMESPACES.resolve(name))) {
            throw new IllegalStateException("could not delete namespace " + name + ": " + r.stderr());
        }
    }

    /** Deletes namespaces named by this fixture in JVMs that no longer run. */
    private static void removeStale() {
        List<String> stale = new ArrayList<>();
        try (Stream<Path> files = Files.list(NetNs.NAMED_NAMESPACES)) {
            files.map(p -> p.getFileName().toString()).filter(NetnsFixture::isOrphan).forEach(stale::add);
        } catch (IOException e) {
            return; // no namespaces yet: /var/run/netns appears with the first one
        }
        for (String s : stale) {
            Commands.exec(COMMAND_TIMEOUT, "ip", "netns", "del", s);
        }
    }

    /** Whether {@code ns} is a fixture namespace whose JVM (the PID in its name) is gone. */
    static boolean isOrphan(String ns) {
        if (!ns.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = ns.substring(PREFIX.length()).split("-");
        try {
            long pid = Long.parseLong(parts[0]);
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A process running in the background, with its output collected in files so it can neither block on a full
     * pipe nor lose output. Stopped by PID, never by name.
     */
    public static final class Background {
        private final Process process;
        private final Path out;
        private final Path err;
        private Commands.Result result;

        private Background(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        static Background start(String... command) {
            try {
                Path out = Files.createTempFile("jwsk-bg", ".out");
                Path err = Files.createTempFile("jwsk-bg", ".err");
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .start();
                return new Background(p, out, err);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
            }
        }

        /** The process's PID. */
        public long pid() {
            return process.pid();
        }

        /** Whether the process is still running. */
        public boolean isAlive() {
            return process.isAlive();
        }

        /**
         * Waits until the process has written {@code text} to its standard output or error (tcpdump's
         * "listening on"), polling every 10 ms.
         *
         * @throws IllegalStateException on time-out, or if the process ends first
         */
        public void awaitOutput(String text, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!read(out).contains(text) && !read(err).contains(text)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("process ended before printing '" + text + "': " + read(err));
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("no '" + text + "' after " + timeout + ": " + read(err));
                }
                Commands.pause(Duration.ofMillis(10));
            }
        }

        /**
         * Waits for the process to exit by itself, up to {@code timeout}, then stops it if it has not.
         *
         * @return its output
         */
        public synchronized Commands.Result awaitExit(Duration timeout) {
            try {
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return stop();
        }

        /** Stops the process (SIGTERM, then SIGKILL after 5 s) and returns its output. Idempotent. */
        public synchronized Commands.Result stop() {
            if (result != null) {
                return result;
            }
            process.destroy();
            boolean exited = Commands.waitFor(process, Duration.ofSeconds(5));
            if (!exited) {
                process.destroyForcibly();
                Commands.waitFor(process, Duration.ofSeconds(5));
            }
            result = new Commands.Result(exited ? process.exitValue() : -1, read(out), read(err));
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            } catch (IOException e) {
                // temporary files; the OS cleans /tmp
            }
            return result;
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }
}
