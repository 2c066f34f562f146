package org.jwsk.link.tap;

import org.jwsk.link.internal.Syscalls;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Runs a task inside a Linux network namespace, so that the devices and sockets it creates belong to that
 * namespace from the start and never exist in the caller's.
 *
 * <p>The task runs on a new platform thread, created for it alone, that first joins the namespace with {@code
 * setns(2)} (a network namespace can be joined by one thread of a multi-threaded process; the rest of the JVM
 * stays where it is) and ends when the task returns, so the switch never leaks to any other work. Virtual threads
 * cannot be used: they move between carrier threads. File descriptors the task opens (a TAP device, a socket)
 * keep their namespace and may be used from any thread afterwards.
 *
 * <pre>
 * TapDriver tap = NetNs.call("jwsk-test", () -> TapDriver.open(TapConfig.tap("tap0"), pool));
 * DatagramChannel ch = NetNs.call("jwsk-test", DatagramChannel::open);   // a socket inside the namespace
 * </pre>
 *
 * <p>Entering a namespace needs {@code CAP_SYS_ADMIN} (root). Named namespaces are the files {@code ip netns add}
 * creates under {@link #NAMED_NAMESPACES}; any other namespace file ({@code /proc/PID/ns/net}) works through
 * {@link #call(Path, Task)}.
 */
public final class NetNs {

    /** Where {@code ip netns} keeps named namespaces (a bind mount of each namespace's file). */
    public static final Path NAMED_NAMESPACES = Path.of("/var/run/netns");

    /**
     * Work to run inside a namespace.
     *
     * @param <T> what it returns
     * @param <X> the checked exception it may throw
     */
    @FunctionalInterface
    public interface Task<T, X extends Exception> {
        /** Runs inside the namespace, on a thread of its own. */
        T run() throws X;
    }

    private NetNs() {
    }

    /**
     * Runs {@code task} inside the named namespace ({@code ip netns add NAME}) and returns its result. Blocks
     * the calling thread until the task ends. What the task throws is thrown here.
     *
     * @throws TapException if the namespace does not exist or cannot be entered
     */
    public static <T, X extends Exception> T call(String name, Task<T, X> task) throws X {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a namespace name: '" + name + "'");
        }
        return call(NAMED_NAMESPACES.resolve(name), task);
    }

    /**
     * Runs {@code task} inside the network namespace that {@code nsFile} refers to (a file under {@link
     * #NAMED_NAMESPACES} or {@code /proc/PID/ns/net}) and returns its result.
     *
     * @throws TapException if the file is not a network namespace or cannot be entered
     */
    public static <T, X extends Exception> T call(Path nsFile, Task<T, X> task) throws X {
        Objects.requireNonNull(nsFile, "nsFile");
        Objects.requireNonNull(task, "task");
        Outcome<T> outcome = new Outcome<>();
        Thread worker = Thread.ofPlatform().daemon().name("netns " + nsFile).unstarted(() -> {
            try {
                enter(nsFile);
                outcome.value = task.run();
            } catch (Throwable t) {
                outcome.failure = t;
            }
        });
        worker.start();
        joinUninterruptibly(worker);
        return outcome.<X>get();
    }

    /** The task's result or failure; written by the worker, read after {@code join}, which orders the two. */
    private static final class Outcome<T> {
        T value;
        Throwable failure;

        @SuppressWarnings("unchecked")
        <X extends Exception> T get() throws X {
            if (failure == null) {
                return value;
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw (X) failure; // Task.run declares only X among checked exceptions
        }
    }

    /**
     * Waits for the worker even if interrupted: returning early would leave the task (creating a device) running
     * unobserved. The interrupt is passed on to the task and restored afterwards.
     */
    private static void joinUninterruptibly(Thread worker) {
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                worker.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves the calling thread into the namespace of {@code nsFile}. */
    private static void enter(Path nsFile) {
        try (Arena arena = Arena.ofConfined()) {
            Syscalls sys = new Syscalls(arena);
            int fd = sys.open(arena.allocateFrom(nsFile.toString()), Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
            if (fd < 0) {
                int errno = sys.errno();
                String advice = errno == Syscalls.ENOENT
                        ? "no such namespace: create it first (ip netns add " + nsFile.getFileName() + ")"
                        : errno == Syscalls.EACCES || errno == Syscalls.EPERM ? "run as root" : "unexpected failure";
                throw new TapException("cannot open network namespace " + nsFile + ": " + Syscalls.describe(errno)
                        + ": " + advice, errno);
            }
            try {
                if (sys.setns(fd, Syscalls.CLONE_NEWNET) != 0) {
                    int errno = sys.errno();
                    String advice = errno == Syscalls.EPERM ? "entering a namespace needs CAP_SYS_ADMIN: run as root"
                            : errno == Syscalls.EINVAL ? "the file is not a network namespace" : "unexpected failure";
                    throw new TapException("cannot enter network namespace " + nsFile + " (setns): "
                            + Syscalls.describe(errno) + ": " + advice, errno);
                }
            } finally {
                sys.close(fd);
            }
        }
    }
}
