package org.jwsk.bench.tap;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.tap.NetNs;
import org.jwsk.link.tap.TapConfig;
import org.jwsk.link.tap.TapDriver;

/**
 * How fast jwsk receives from a TAP device, against a C program reading the same device in the same run.
 *
 * <p><b>Set-up.</b> In a network namespace of its own ({@code jwskb-PID}) the benchmark creates a persistent TAP
 * device {@value #DEV} (no qdisc, no IPv6), and compiles with gcc the two C programs in {@code
 * jwsk-bench/src/main/c}: {@code tap_reader} (one {@code read()} per frame into a static buffer) and {@code
 * udp_sender}. The sender transmits identical 1442-byte UDP frames (1400-byte payloads, 192.0.2.1 to 192.0.2.2,
 * whose static neighbour entry means no ARP) on a veth {@value #SENDER_DEV}; a tc filter on that veth's egress
 * hands each frame {@code --fanout} times (default 16) to the TAP device. The fan-out is what lets the sender
 * outpace a reader on this kind of machine: a TAP read (about half a microsecond of CPU here) is cheaper than a send through
 * a socket, so a sender without it cannot keep the TAP's queue full and would measure itself, not the reader.
 *
 * <p><b>Runs.</b> Each run measures, in alternating order, (a) jwsk: a {@link TapDriver} attached to the device
 * and polled on one thread, which reads each frame into a pooled buffer and releases it, and (b) the C reader
 * attached to the same device. Both wait in {@code poll(2)} only when the device's queue is empty, both are pinned
 * to {@code --reader-cpu}, the sender to {@code --sender-cpu}. The clock starts at the first frame; frames are
 * counted over {@code --measure-ms} after {@code --warmup-ms}. A reader was the bottleneck when the device dropped
 * frames (its queue was full) and the reader rarely found the queue empty; each run prints both figures, with the
 * reader's CPU time per frame (user and kernel; for jwsk also heap bytes allocated, which should be zero).
 *
 * <p><b>Scheduling.</b> On a machine shared with other busy sessions, autogroup scheduling gives each session an
 * equal share of a CPU whatever the nice values inside it, so the benchmark sets its own session's autogroup nice
 * value ({@code --nice}, default -10) for the run and restores it afterwards (sched(7)).
 *
 * <p>Run as root from the repository root:
 * <pre>
 * setsid -w ./jwsk bench tap-rx [--runs 5] [--warmup-ms 1000] [--measure-ms 3000] [--reader-cpu 0]
 *   [--sender-cpu 1] [--sender packet|socket] [--fanout 16] [--nice -10] [--csrc jwsk-bench/src/main/c]
 * </pre>
 * ({@code setsid} gives the run a session, and so an autogroup, of its own; {@code --sender socket} sends through a
 * kernel UDP socket instead, which on this machine cannot keep the queue full.) It prints each run, the median rates,
 * and a final line {@code ratio: jwsk/C = X.XX}: the median of the per-run ratios, each of a jwsk and a C
 * measurement taken back to back, which drift in the machine's load (other sessions come and go) affects far less
 * than the ratio of the two medians, also printed. Everything it creates (the namespace with its devices,
 * the compiled programs, the processes) is removed on exit, also on failure or Ctrl-C.
 */
public final class TapReceiveBenchmark {

    static final String DEV = "jb0";
    /** The sending end of the veth pair whose egress fans each frame out to the TAP device. */
    static final String SENDER_DEV = "jbs0";
    static final String SENDER_PEER_DEV = "jbs1";
    static final String KERNEL_IP = "192.0.2.1";
    static final String PEER_IP = "192.0.2.2";
    static final String PEER_MAC = "02:00:00:00:00:02";
    static final int PAYLOAD = 1400;
    static final int FRAME = 14 + 20 + 8 + PAYLOAD;
    /** How long a reader sleeps in poll(2) when the device's queue is empty, as the C reader does. */
    static final Duration IDLE_WAIT = Duration.ofMillis(10);

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    private final Options options;
    private final PrintWriter out;
    private final Path reader;
    private final Path sender;
    private final BenchNamespace ns;

    private TapReceiveBenchmark(Options options, PrintWriter out, Path reader, Path sender, BenchNamespace ns) {
        this.options = options;
        this.out = out;
        this.reader = reader;
        this.sender = sender;
        this.ns = ns;
    }

    /** What one reader achieved in one run, and what the sender and device did meanwhile. */
    record Measurement(String who, long frames, long nanos, long empty, Cpu cpu, long sent, long senderNanos,
                       long senderCpuNanos, long deviceDrops) {
        double rate() {
            return frames * 1e9 / nanos;
        }

        double senderRate() {
            return senderNanos == 0 ? 0 : sent * 1e9 / senderNanos;
        }

        /** The share of one CPU the sender got while it ran. */
        double senderCpuShare() {
            return senderNanos == 0 ? 0 : (double) senderCpuNanos / senderNanos;
        }

        /** The reader's user-space, kernel and heap-allocation cost per frame, as text. */
        String costPerFrame() {
            double f = Math.max(1, frames);
            String alloc = cpu.allocatedBytes() < 0 ? "" : String.format(", %.2f B heap", cpu.allocatedBytes() / f);
            return String.format("per frame: user %,.0f ns, kernel %,.0f ns%s; queue empty %,d times", cpu.userNanos() / f,
                    cpu.sysNanos() / f, alloc, empty);
        }
    }

    /** What the reading thread spent in the measurement window; allocatedBytes is -1 where not measured (C). */
    record Cpu(long userNanos, long sysNanos, long allocatedBytes) {
        static Cpu ofCurrentThread() {
            long user = THREADS.getCurrentThreadUserTime();
            return new Cpu(user, THREADS.getCurrentThreadCpuTime() - user, THREADS.getCurrentThreadAllocatedBytes());
        }

        Cpu since(Cpu earlier) {
            return new Cpu(userNanos - earlier.userNanos, sysNanos - earlier.sysNanos,
                    allocatedBytes - earlier.allocatedBytes);
        }
    }

    /** Command-line options. */
    record Options(int runs, long warmupMillis, long measureMillis, int readerCpu, int senderCpu, String sender,
                   int fanout, int nice, Path csrc) {
        static Options parse(String[] args) throws URISyntaxException {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
                m.put(args[i].substring(2), args[i + 1]);
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
            }
            Path csrc = m.containsKey("csrc") ? Path.of(m.get("csrc")) : findCSources();
            return new Options(Integer.parseInt(m.getOrDefault("runs", "5")),
                    Long.parseLong(m.getOrDefault("warmup-ms", "1000")),
                    Long.parseLong(m.getOrDefault("measure-ms", "3000")),
                    Integer.parseInt(m.getOrDefault("reader-cpu", "0")),
                    Integer.parseInt(m.getOrDefault("sender-cpu", "1")), m.getOrDefault("sender", "packet"),
                    Integer.parseInt(m.getOrDefault("fanout", "16")), Integer.parseInt(m.getOrDefault("nice", "-10")),
                    csrc);
        }

        /** {@code src/main/c} of this module, found from where the class was loaded (target/classes or a jar). */
        private static Path findCSources() throws URISyntaxException {
            Path p = Path.of(TapReceiveBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (int up = 0; up < 4 && p != null; up++, p = p.getParent()) {
                Path c = p.resolve("src/main/c");
                if (Files.isRegularFile(c.resolve("tap_reader.c"))) {
                    return c;
                }
            }
            return Path.of("jwsk-bench/src/main/c");
        }
    }

    /** Runs the benchmark from the command line; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true); // a benchmark's report is its output
        try {
            run(args, out);
        } catch (IllegalStateException e) {
            out.println(e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Runs the benchmark with the options in {@code args} (see the class comment), reporting to {@code out}.
     *
     * @throws IllegalStateException if not run as root
     */
    public static void run(String[] args, PrintWriter out) throws Exception {
        Options options = Options.parse(args);
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the TAP receive benchmark needs root: it creates a network namespace and"
                    + " TAP devices");
        }
        Path work = Files.createTempDirectory("jwsk-tap-bench");
        BenchNamespace[] ns = new BenchNamespace[1];
        OptionalInt[] autogroupNice = {OptionalInt.empty()};
        Thread cleanup = Thread.ofPlatform().unstarted(() -> cleanUp(ns[0], work, autogroupNice[0]));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            autogroupNice[0] = ThreadScheduling.setAutogroupNice(options.nice());
            Path reader = compile(options.csrc().resolve("tap_reader.c"), work);
            Path sender = compile(options.csrc().resolve("udp_sender.c"), work);
            ns[0] = BenchNamespace.create();
            TapReceiveBenchmark bench = new TapReceiveBenchmark(options, out, reader, sender, ns[0]);
            bench.setUpDevices();
            bench.runAll();
        } finally {
            out.flush();
            cleanUp(ns[0], work, autogroupNice[0]);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down: the hook does the same, idempotent clean-up
            }
        }
    }

    private static synchronized void cleanUp(BenchNamespace ns, Path work, OptionalInt autogroupNice) {
        if (ns != null) {
            ns.close();
        }
        if (autogroupNice.isPresent()) {
            try {
                ThreadScheduling.setAutogroupNice(autogroupNice.getAsInt());
            } catch (IOException e) {
                // the process is ending, and its autogroup with it unless the session lives on
            }
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // already gone
        }
    }

    private static Path compile(Path source, Path dir) {
        String name = source.getFileName().toString().replace(".c", "");
        Path binary = dir.resolve(name);
        BenchNamespace.exec(Duration.ofSeconds(60), true, "gcc", "-O2", "-Wall", "-o", binary.toString(),
                source.toString());
        return binary;
    }

    /**
     * A persistent TAP device, so each reader in turn attaches to the same device with the same settings, without
     * a queueing discipline (frames go straight to the TAP's own queue); and the sender's veth pair, whose egress
     * filter hands every frame {@code fanout} times to the TAP (mirred: the kernel clones, no data is copied).
     */
    private void setUpDevices() {
        ns.run("ip", "tuntap", "add", "dev", DEV, "mode", "tap");
        ns.run("ip", "link", "add", SENDER_DEV, "type", "veth", "peer", "name", SENDER_PEER_DEV);
        for (String dev : List.of(DEV, SENDER_DEV, SENDER_PEER_DEV)) {
            ns.run("sysctl", "-q", "-w", "net.ipv6.conf." + dev + ".disable_ipv6=1"); // no IPv6 chatter
            ns.run("ip", "link", "set", dev, "up");
        }
        ns.run("tc", "qdisc", "replace", "dev", DEV, "root", "noqueue");
        ns.run("ip", "addr", "add", KERNEL_IP + "/24", "dev", SENDER_DEV);
        ns.run("ip", "neigh", "add", PEER_IP, "lladdr", PEER_MAC, "dev", SENDER_DEV, "nud", "permanent");
        ns.run("tc", "qdisc", "add", "dev", SENDER_DEV, "clsact");
        List<String> filter = new ArrayList<>(List.of("tc", "filter", "add", "dev", SENDER_DEV, "egress", "protocol",
                "all", "u32", "match", "u32", "0", "0"));
        for (int i = 1; i <= options.fanout(); i++) {
            filter.addAll(List.of("action", "mirred", "egress", i < options.fanout() ? "mirror" : "redirect", "dev",
                    DEV));
        }
        ns.run(filter.toArray(String[]::new));
    }

    private void runAll() throws Exception {
        out.printf("TAP receive rate: %d-byte frames (%d-byte UDP payloads), %d runs of %d ms after %d ms warm-up,"
                        + " readers on CPU %d, %s sender on CPU %d with %dx fan-out, nice %d, JDK %s%n", FRAME,
                PAYLOAD, options.runs(), options.measureMillis(), options.warmupMillis(), options.readerCpu(),
                options.sender(), options.senderCpu(), options.fanout(), options.nice(), Runtime.version());
        List<Measurement> jwsk = new ArrayList<>();
        List<Measurement> c = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            boolean jwskFirst = run % 2 == 1; // alternate, so drift during a run does not favour one reader
            for (int i = 0; i < 2; i++) {
                Measurement m = (i == 0) == jwskFirst ? measureJwsk() : measureC();
                (m.who().equals("jwsk") ? jwsk : c).add(m);
                out.printf("run %d  %-4s %,9.0f frames/s   %s; sender %,.0f sends/s on %.0f%% of a CPU,"
                                + " device dropped %,d%s%n",
                        run, m.who(), m.rate(), m.costPerFrame(), m.senderRate(), 100 * m.senderCpuShare(),
                        m.deviceDrops(),
                        m.deviceDrops() > 0 ? "" : " (no drops: the sender, not the reader, set this rate)");
            }
        }
        double jwskMedian = median(jwsk);
        double cMedian = median(c);
        double[] paired = new double[jwsk.size()];
        StringBuilder perRun = new StringBuilder();
        for (int i = 0; i < paired.length; i++) {
            paired[i] = jwsk.get(i).rate() / c.get(i).rate();
            perRun.append(String.format(" %.2f", paired[i]));
        }
        Arrays.sort(paired);
        out.printf("jwsk TapDriver:  median %,9.0f frames/s%n", jwskMedian);
        out.printf("C read() loop:   median %,9.0f frames/s%n", cMedian);
        out.printf("CPU per frame (user + kernel), medians: jwsk %,.0f ns, C %,.0f ns%n", medianCpu(jwsk),
                medianCpu(c));
        out.printf("jwsk/C per run:%s; ratio of the medians %.2f%n", perRun, jwskMedian / cMedian);
        out.printf("ratio: jwsk/C = %.2f%n", median(paired));
    }

    private static double median(List<Measurement> ms) {
        return median(ms.stream().mapToDouble(Measurement::rate).sorted().toArray());
    }

    private static double medianCpu(List<Measurement> ms) {
        return median(ms.stream().mapToDouble(m -> (m.cpu().userNanos() + m.cpu().sysNanos())
                / (double) Math.max(1, m.frames())).sorted().toArray());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private BenchNamespace.Proc startSender() {
        long millis = options.warmupMillis() + options.measureMillis() + 15_000; // a bound; stopped much earlier
        return ns.start("nice", "-n", String.valueOf(options.nice()), "taskset", "-c",
                String.valueOf(options.senderCpu()), sender.toString(), options.sender(), SENDER_DEV, PEER_MAC,
                KERNEL_IP, PEER_IP, "9", String.valueOf(PAYLOAD), String.valueOf(millis));
    }

    /** Stops the sender (SIGTERM makes it print its count) and parses {@code sent=N nanos=T cpu_ns=C}. */
    private static long[] stopSender(BenchNamespace.Proc s) {
        String line = s.stop().stdout().strip();
        return line.isEmpty() ? new long[] {0, 0, 0}
                : new long[] {field(line, "sent"), field(line, "nanos"), field(line, "cpu_ns")};
    }

    private static long field(String line, String key) {
        for (String part : line.split("\\s+")) {
            if (part.startsWith(key + "=")) {
                return Long.parseLong(part.substring(key.length() + 1));
            }
        }
        throw new IllegalStateException("no " + key + " in '" + line + "'");
    }

    private Measurement measureJwsk() throws Exception {
        try (BufPool pool = BufPool.create(BufPoolConfig.defaults("tap-bench"))) {
            TapDriver tap = NetNs.call(ns.name(), () -> TapDriver.open(TapConfig.tap(DEV).withExclusive(false), pool));
            try (tap) {
                Counting rx = new Counting();
                tap.start(rx, () -> { });
                long drops = ns.stat(DEV, "tx_dropped");
                BenchNamespace.Proc s = startSender();
                long[] result = new long[3];
                Cpu[] cpu = new Cpu[1];
                Throwable[] failure = new Throwable[1];
                Thread t = Thread.ofPlatform().name("tap-bench-reader").start(() -> {
                    try {
                        ThreadScheduling.pinCurrentThread(options.readerCpu(), options.nice());
                        cpu[0] = readFor(tap, rx, result);
                    } catch (Throwable e) {
                        failure[0] = e;
                    }
                });
                t.join();
                long[] sent = stopSender(s);
                if (failure[0] != null) {
                    throw new IllegalStateException("the jwsk reader failed", failure[0]);
                }
                return new Measurement("jwsk", result[0], result[1], result[2], cpu[0], sent[0], sent[1], sent[2],
                        ns.stat(DEV, "tx_dropped") - drops);
            }
        }
    }

    /** The jwsk reader: the clock starts at the first frame; frames are counted after the warm-up. */
    private Cpu readFor(TapDriver tap, Counting rx, long[] result) {
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (tap.poll(System.nanoTime(), 64) == 0) {
            if (System.nanoTime() - giveUp > 0) {
                throw new IllegalStateException("no frames arrived");
            }
            tap.awaitReadable(IDLE_WAIT);
        }
        long start = System.nanoTime() + options.warmupMillis() * 1_000_000;
        long end = start + options.measureMillis() * 1_000_000;
        long t;
        while ((t = System.nanoTime()) < start) {
            pollOrWait(tap, t);
        }
        long frames0 = rx.frames;
        long empty = 0;
        Cpu cpu0 = Cpu.ofCurrentThread();
        while ((t = System.nanoTime()) < end) {
            if (!pollOrWait(tap, t)) {
                empty++;
            }
        }
        result[0] = rx.frames - frames0;
        result[1] = t - start;
        result[2] = empty;
        return Cpu.ofCurrentThread().since(cpu0);
    }

    /** Polls once; if the queue was empty, waits in poll(2) and returns false. */
    private static boolean pollOrWait(TapDriver tap, long now) {
        if (tap.poll(now, 64) == 0) {
            tap.awaitReadable(IDLE_WAIT);
            return false;
        }
        return true;
    }

    private Measurement measureC() throws Exception {
        long drops = ns.stat(DEV, "tx_dropped");
        BenchNamespace.Proc r = ns.start("nice", "-n", String.valueOf(options.nice()), "taskset", "-c",
                String.valueOf(options.readerCpu()), reader.toString(), DEV, String.valueOf(options.warmupMillis()),
                String.valueOf(options.measureMillis()));
        if (!r.awaitOutput("attached", Duration.ofSeconds(10))) {
            throw new IllegalStateException("the C reader did not attach: " + r.stop().stderr());
        }
        BenchNamespace.Proc s = startSender();
        boolean done = r.waitFor(Duration.ofMillis(options.warmupMillis() + options.measureMillis() + 12_000));
        long[] sent = stopSender(s);
        BenchNamespace.Proc.Output o = r.stop();
        if (!done || o.exitCode() != 0) {
            throw new IllegalStateException("the C reader failed (exit " + o.exitCode() + "): " + o.stderr());
        }
        String line = o.stdout().lines().filter(l -> l.startsWith("frames=")).findFirst().orElseThrow();
        Cpu cpu = new Cpu(field(line, "user_ns"), field(line, "sys_ns"), -1);
        return new Measurement("C", field(line, "frames"), field(line, "nanos"), field(line, "empty"), cpu, sent[0],
                sent[1], sent[2], ns.stat(DEV, "tx_dropped") - drops);
    }

    /** Counts frames and gives each buffer straight back to the pool. */
    static final class Counting implements LinkReceiver {
        long frames;

        @Override
        public void onFrame(PacketBuf frame, long now) {
            frames++;
            frame.release();
        }
    }
}
