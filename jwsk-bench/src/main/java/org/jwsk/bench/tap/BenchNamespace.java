package org.jwsk.bench.tap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jwsk.link.tap.NetNs;

/**
 * The benchmark's own network namespace ({@code jwskb-<pid>}): every device and process of a run lives in it, and
 * {@link #close()} stops the processes (by PID) and deletes it, with its devices. Namespaces left by benchmark
 * JVMs that were killed outright are deleted by the next {@link #create()}.
 */
final class BenchNamespace implements AutoCloseable {

    static final String PREFIX = "jwskb-";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final List<Proc> started = new CopyOnWriteArrayList<>();
    private boolean closed;

    private BenchNamespace(String name) {
        this.name = name;
    }

    /** Creates the namespace, with loopback up. */
    static BenchNamespace create() {
        removeStale();
        BenchNamespace ns = new BenchNamespace(PREFIX + ProcessHandle.current().pid());
        exec(COMMAND_TIMEOUT, true, "ip", "netns", "add", ns.name);
        ns.run("ip", "link", "set", "lo", "up");
        return ns;
    }

    String name() {
        return name;
    }

    /** Runs a command inside the namespace; returns its standard output, throws on a non-zero exit. */
    String run(String... command) {
        return exec(COMMAND_TIMEOUT, true, inside(command))[0];
    }

    /** A kernel statistic of {@code device} inside the namespace ({@code /sys/class/net/DEV/statistics/NAME}). */
    long stat(String device, String stat) {
        return Long.parseLong(run("cat", "/sys/class/net/" + device + "/statistics/" + stat).strip());
    }

    /** Starts a command inside the namespace in the background; {@link #close()} stops it at the latest. */
    Proc start(String... command) {
        Proc p = Proc.start(inside(command));
        started.add(p);
        return p;
    }

    private String[] inside(String... command) {
        return Stream.concat(Stream.of("ip", "netns", "exec", name), Stream.of(command)).toArray(String[]::new);
    }

    /** Stops what was started and deletes the namespace. Idempotent; safe from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Proc p : started) {
            p.stop();
        }
        exec(COMMAND_TIMEOUT, false, "ip", "netns", "del", name);
    }

    private static void removeStale() {
        List<String> stale = new ArrayList<>();
        try (Stream<Path> files = Files.list(NetNs.NAMED_NAMESPACES)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(PREFIX)).forEach(n -> {
                try {
                    long pid = Long.parseLong(n.substring(PREFIX.length()));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        stale.add(n);
                    }
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            });
        } catch (IOException e) {
            return; // no named namespaces at all
        }
        for (String n : stale) {
            exec(COMMAND_TIMEOUT, false, "ip", "netns", "del", n);
        }
    }

    /** Runs a command to completion; returns {stdout, stderr}. */
    static String[] exec(Duration timeout, boolean check, String... command) {
        Proc p = Proc.start(command);
        boolean done = p.waitFor(timeout);
        Proc.Output out = p.stop();
        if (!done || (check && out.exitCode() != 0)) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' "
                    + (done ? "exited with " + out.exitCode() : "timed out") + ": " + out.stderr().strip());
        }
        return new String[] {out.stdout(), out.stderr()};
    }

    /** A process with its output in temporary files (never a full pipe); stopped by PID, never by name. */
    static final class Proc {
        private final Process process;
        private final Path out;
        private final Path err;
        private Output output;

        /** What a process printed, and how it ended (-1 if it had to be killed). */
        record Output(int exitCode, String stdout, String stderr) {
        }

        private Proc(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        static Proc start(String... command) {
            try {
                Path out = Files.createTempFile("jwsk-bench", ".out");
                Path err = Files.createTempFile("jwsk-bench", ".err");
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                return new Proc(p, out, err);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
            }
        }

        /** Waits until the process has printed {@code text} on its standard output; false on time-out or exit. */
        boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() - deadline < 0) {
                if (read(out).contains(text)) {
                    return true;
                }
                if (!process.isAlive()) {
                    return read(out).contains(text);
                }
                Thread.sleep(5);
            }
            return false;
        }

        /** Waits up to {@code timeout} for the process to exit by itself. */
        boolean waitFor(Duration timeout) {
            try {
                return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Ends the process (SIGTERM, SIGKILL after 5 s) if it still runs, and returns its output. Idempotent. */
        synchronized Output stop() {
            if (output != null) {
                return output;
            }
            if (process.isAlive()) {
                process.destroy();
                if (!waitFor(Duration.ofSeconds(5))) {
                    process.destroyForcibly();
                    waitFor(Duration.ofSeconds(5));
                }
            }
            output = new Output(process.isAlive() ? -1 : process.exitValue(), read(out), read(err));
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            } catch (IOException e) {
                // temporary files
            }
            return output;
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
