package org.jwsk.link.tap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs external programs for kernel tests, with a time limit and their output collected. */
public final class Commands {

    private Commands() {
    }

    /**
     * What a program did.
     *
     * @param exitCode its exit status, or -1 if it had to be killed
     * @param stdout   its standard output
     * @param stderr   its standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs {@code command} to completion (killed after {@code timeout}) and returns its outcome.
     *
     * @throws IllegalStateException if it does not finish in time
     */
    public static Result exec(Duration timeout, String... command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jwsk-cmd", ".out");
            err = Files.createTempFile("jwsk-cmd", ".err");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!waitFor(p, timeout)) {
                p.destroyForcibly();
                waitFor(p, Duration.ofSeconds(5));
                throw new IllegalStateException("'" + String.join(" ", command) + "' did not finish in " + timeout);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * Runs {@code command} and returns its standard output.
     *
     * @throws IllegalStateException if it exits with a non-zero status or does not finish in time
     */
    public static String run(Duration timeout, String... command) {
        Result r = exec(timeout, command);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' exited with " + r.exitCode() + ": "
                    + r.stderr().strip());
        }
        return r.stdout();
    }

    /** Waits up to {@code timeout} for {@code p} to exit; keeps waiting (and re-interrupts) if interrupted. */
    static boolean waitFor(Process p, Duration timeout) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    return p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sleeps briefly while polling an external program (interop tests only). */
    static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temporary file
            }
        }
    }
}
