package org.jwsk.bench.tap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Scheduling for the benchmark: pins the calling thread to one CPU and sets its nice value, as {@code taskset -c N
 * nice -n M} does for a process (through FFM), so the Java reader thread gets the same treatment as the C reader
 * process; and sets the nice value of the JVM's scheduler autogroup.
 *
 * <p>With autogroup scheduling on ({@code /proc/sys/kernel/sched_autogroup_enabled}), the CPU is shared fairly
 * between sessions first, and a nice value counts only inside its session: on a machine shared with other busy
 * sessions a reader at nice -10 still gets half a CPU. The nice value of the session's autogroup ({@code
 * /proc/self/autogroup}, sched(7)) is what decides; the benchmark sets it for its run and restores it after.
 */
final class ThreadScheduling {

    private static final Linker LINKER = Linker.nativeLinker();
    /** {@code int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask);} pid 0: this thread. */
    private static final MethodHandle SCHED_SETAFFINITY = bind("sched_setaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    /** {@code int setpriority(int which, id_t who, int prio);} with PRIO_PROCESS and a thread id: one thread. */
    private static final MethodHandle SETPRIORITY = bind("setpriority",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code pid_t gettid(void);} */
    private static final MethodHandle GETTID = bind("gettid", FunctionDescriptor.of(JAVA_INT));
    /** glibc's {@code cpu_set_t}: 1024 bits. */
    private static final int CPU_SET_BYTES = 128;
    private static final int PRIO_PROCESS = 0;

    private static final Path AUTOGROUP = Path.of("/proc/self/autogroup");

    private ThreadScheduling() {
    }

    /**
     * Sets the nice value of this process's autogroup (shared by its session, including the programs it starts)
     * and returns the previous one, or returns empty if the kernel does not use autogroups.
     */
    static OptionalInt setAutogroupNice(int nice) throws IOException {
        if (!Files.exists(AUTOGROUP)) {
            return OptionalInt.empty();
        }
        String current = Files.readString(AUTOGROUP).strip(); // "/autogroup-12 nice 0"
        int previous = Integer.parseInt(current.substring(current.lastIndexOf(' ') + 1));
        Files.writeString(AUTOGROUP, Integer.toString(nice));
        return OptionalInt.of(previous);
    }

    @SuppressWarnings("restricted") // run with --enable-native-access=ALL-UNNAMED
    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }

    /**
     * Restricts the calling thread to {@code cpu} and gives it nice value {@code nice} (-20 to 19; below 0 needs
     * root).
     *
     * @throws IllegalStateException if the kernel refuses
     */
    static void pinCurrentThread(int cpu, int nice) {
        if (cpu < 0 || cpu >= CPU_SET_BYTES * 8) {
            throw new IllegalArgumentException("no CPU " + cpu);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(CPU_SET_BYTES, 8);
            mask.set(JAVA_LONG, (cpu / 64) * 8L, 1L << (cpu % 64));
            if ((int) SCHED_SETAFFINITY.invokeExact(0, (long) CPU_SET_BYTES, mask) != 0) {
                throw new IllegalStateException("sched_setaffinity to CPU " + cpu + " failed");
            }
            int tid = (int) GETTID.invokeExact();
            if ((int) SETPRIORITY.invokeExact(PRIO_PROCESS, tid, nice) != 0) {
                throw new IllegalStateException("setpriority " + nice + " failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
