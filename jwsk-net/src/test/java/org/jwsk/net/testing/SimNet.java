package org.jwsk.net.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.ManualClock;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.Medium;
import org.jwsk.link.capture.CaptureLink;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.InterfaceAddress;
import org.jwsk.net.InterfaceConfig;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.InterfaceInfo;
import org.jwsk.net.NetConfig;
import org.jwsk.net.NetStack;
import org.jwsk.net.RouteListener;
import org.jwsk.wire.pcap.PcapngWriter;
import org.jwsk.wire.pcap.PcapngWriterConfig;

/**
 * A simulated network in one thread: stacks joined by virtual wires, all driven on one {@link ManualClock} that jumps
 * from deadline to deadline, so minutes of protocol time pass in milliseconds and every run with the same seed is
 * the same run.
 *
 * <h2>What it adds to bare stacks and wires</h2>
 * <ul>
 *   <li><b>Seeded impairments per wire.</b> Every random choice (each stack's, each wire's fault model) derives from
 *       the seed. {@link #ethernet}/{@link #ip} wires start with the {@link Options#faults() default impairments};
 *       {@link #impair} changes a wire's at any time; {@link #wire(WireConfig)} takes a configuration as given.</li>
 *   <li><b>A pcapng capture of every wire.</b> With {@link Options#capture()} set, each interface {@link #attach
 *       attached} through the simulation is wrapped in a {@link CaptureLink}: one file, one capture interface per
 *       wire end ({@code w1.a}, {@code w1.b}), timestamps from the virtual clock. {@link #close(boolean)} keeps the
 *       file when the test failed and deletes it when it passed; {@link SimNetExtension} does that for JUnit tests.</li>
 *   <li><b>Neighbours.</b> On Ethernet wires, {@link Neighbors#PERMANENT} (the default) gives each attached
 *       interface a permanent neighbour entry for every address of the interface at the other end of its wire, kept
 *       up to date at the start of every {@link #run}; {@link Neighbors#DYNAMIC} leaves resolution to the stacks'
 *       ARP and Neighbor Discovery. Switching is one option.</li>
 *   <li><b>Invariants.</b> After every step of {@link #run} the built-in invariants (IP-MIB counters never decrease;
 *       {@code InDelivers + InForwDatagrams <= InReceives}; {@code OutTransmits <= OutRequests + OutForwDatagrams
 *       + OutFragCreates}, RFC 4293 §5) and any {@link #addInvariant added} ones are checked; {@link #close} checks
 *       that every stack's buffers came back to its pool once everything is closed (no leaked buffers at the end).
 *       A failure names the seed, the virtual time and the kept capture.</li>
 * </ul>
 *
 * <p>Stacks and wires made elsewhere may still be joined by hand ({@code stack.addInterface(wire.endA(), ...)}); such
 * interfaces are simply not captured and get no neighbour entries.
 *
 * <p>Close it at the end of a test: it closes every wire (returning the frames in flight), then every stack.
 */
public final class SimNet implements AutoCloseable {

    /** How next hops on Ethernet wires find their link addresses. */
    public enum Neighbors {
        /** The simulation installs permanent neighbour entries for the peer across each wire. */
        PERMANENT,
        /** The stacks resolve by themselves (ARP, Neighbor Discovery). */
        DYNAMIC
    }

    /**
     * How a simulation is set up.
     *
     * @param faults    the impairments {@link #ethernet} and {@link #ip} wires start with, both directions
     * @param capture   the pcapng file every attached wire end is captured into, or null for none
     * @param neighbors how Ethernet next hops are resolved
     */
    public record Options(FaultConfig faults, Path capture, Neighbors neighbors) {

        /** Perfect wires, no capture, permanent neighbours. */
        public static final Options DEFAULTS = new Options(FaultConfig.NONE, null, Neighbors.PERMANENT);

        public Options {
            Objects.requireNonNull(faults, "faults");
            Objects.requireNonNull(neighbors, "neighbors");
        }

        /** These options with other default impairments. */
        public Options withFaults(FaultConfig f) {
            return new Options(f, capture, neighbors);
        }

        /** These options capturing into {@code file} (its directory is created). */
        public Options withCapture(Path file) {
            return new Options(faults, file, neighbors);
        }

        /** These options with another way to resolve neighbours. */
        public Options withNeighbors(Neighbors n) {
            return new Options(faults, capture, n);
        }
    }

    /** A check run after every step; it throws {@link AssertionError} when the network is in a state it must not be. */
    @FunctionalInterface
    public interface Invariant {
        /** Checks the network at the current virtual time. */
        void check(SimNet net);
    }

    /** An interface attached through the simulation: which stack, and which end of which wire. */
    private record Attachment(NetStack stack, InterfaceId id, VirtualWire wire, LinkDriver end) {
    }

    private final long seed;
    private final Options options;
    private final ManualClock clock = new ManualClock();
    private final SplittableRandom random;
    private final Map<NetStack, String> stacks = new LinkedHashMap<>();
    private final Map<NetStack, BufPool> pools = new IdentityHashMap<>();
    private final List<VirtualWire> wires = new ArrayList<>();
    private final List<Attachment> attachments = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private final Map<String, Invariant> invariants = new LinkedHashMap<>();
    private final MibInvariants mib = new MibInvariants();
    private final PcapngWriter writer;
    private boolean closed;

    /** A network whose every random choice derives from {@code seed}: perfect wires, no capture. */
    public SimNet(long seed) {
        this(seed, Options.DEFAULTS);
    }

    /** A network whose every random choice derives from {@code seed}, set up as {@code options} say. */
    public SimNet(long seed, Options options) {
        this.seed = seed;
        this.options = Objects.requireNonNull(options, "options");
        this.random = new SplittableRandom(seed);
        this.writer = options.capture() == null ? null : openCapture(options.capture(), seed);
        invariants.put("IP-MIB counters", mib);
    }

    private static PcapngWriter openCapture(Path file, long seed) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            return PcapngWriter.create(file, PcapngWriterConfig.of("jwsk SimNet seed " + seed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the capture " + file, e);
        }
    }

    /**
     * Runs {@code body} on a new network and closes it: the try/finally form of the capture rule, for tests that do
     * not use {@link SimNetExtension}. The capture (if any) is deleted when {@code body} returns and kept when it
     * throws; the failure then carries the seed and the capture's path.
     */
    public static void simulate(long seed, Options options, Consumer<SimNet> body) {
        SimNet net = new SimNet(seed, options);
        boolean passed = false;
        try {
            body.accept(net);
            passed = true;
        } catch (RuntimeException | AssertionError e) {
            e.addSuppressed(new SimNetNote(net.failureNote()));
            throw e;
        } finally {
            net.close(passed);
        }
    }

    // --------------------------------------------------------------------------------------------- building

    /** The seed every random choice derives from. */
    public long seed() {
        return seed;
    }

    /** The options the network was made with. */
    public Options options() {
        return options;
    }

    /** The shared clock. */
    public ManualClock clock() {
        return clock;
    }

    /** The current time on the shared clock. */
    public long now() {
        return clock.nanoTime();
    }

    /** A new stack with default settings and a small buffer pool. */
    public NetStack stack() {
        return stack("s" + stacks.size());
    }

    /** A new stack named {@code name} (for failure descriptions) with default settings and a small buffer pool. */
    public NetStack stack(String name) {
        return stack(name, NetConfig.defaults().withPool(BufPoolConfig.small("sim-" + name, 8)));
    }

    /** A new stack with these settings. */
    public NetStack stack(NetConfig config) {
        return stack("s" + stacks.size(), config);
    }

    /** A new stack named {@code name} with these settings. */
    public NetStack stack(String name, NetConfig config) {
        NetStack s = NetStack.create(config, random.split());
        stacks.put(s, name);
        pools.put(s, s.pool());
        // A new address brings its on-link route: the moment to give the peers across the wire an entry for it.
        s.addRouteListener((c, r, change) -> {
            if (change == RouteListener.Change.ADDED) {
                refreshNeighbors();
            }
        });
        return s;
    }

    /** A new virtual wire, exactly as configured. */
    public VirtualWire wire(WireConfig config) {
        VirtualWire w = VirtualWire.create(config, random.split());
        wires.add(w);
        return w;
    }

    /** A new Ethernet wire with the default impairments. */
    public VirtualWire ethernet(String name) {
        return wire(WireConfig.ethernet(name).withFaults(options.faults()));
    }

    /** A new IP (TUN-like) wire with the default impairments. */
    public VirtualWire ip(String name) {
        return wire(WireConfig.ip(name).withFaults(options.faults()));
    }

    /** Changes a wire's impairments, both directions, from the next frame sent. */
    public void impair(VirtualWire wire, FaultConfig faults) {
        wire.setFaults(faults);
    }

    /**
     * Adds an interface to {@code stack} over {@code end} (an end of a wire of this network), captured when the
     * network captures, and remembered for neighbour entries.
     */
    public InterfaceId attach(NetStack stack, LinkDriver end, InterfaceConfig config) {
        VirtualWire wire = wires.stream().filter(w -> w.endA() == end || w.endB() == end).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(end + " is not an end of a wire of this network"));
        LinkDriver driver = end;
        if (writer != null) {
            try {
                driver = CaptureLink.wrap(end, writer, clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        InterfaceId id = stack.addInterface(driver, config, now());
        attachments.add(new Attachment(stack, id, wire, end));
        refreshNeighbors();
        return id;
    }

    /**
     * A {@link Probe} on {@code end} (an end of a wire of this network): a raw sender and recorder with no stack,
     * polled with the network and captured like an attached end.
     */
    public Probe probe(LinkDriver end) {
        wires.stream().filter(w -> w.endA() == end || w.endB() == end).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(end + " is not an end of a wire of this network"));
        LinkDriver driver = end;
        if (writer != null) {
            try {
                driver = CaptureLink.wrap(end, writer, clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Probe p = new Probe(this, driver, end.name());
        probes.add(p);
        return p;
    }

    /** Adds a check run after every step of {@link #run}, under a name for its failures. */
    public void addInvariant(String name, Invariant invariant) {
        invariants.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(invariant, "invariant"));
    }

    /** The stacks, in the order made. */
    public List<NetStack> stacks() {
        return List.copyOf(stacks.keySet());
    }

    /** The capture file, if the network captures. */
    public Optional<Path> capture() {
        return Optional.ofNullable(options.capture());
    }

    // ------------------------------------------------------------------------------------------------- run

    /**
     * Runs every stack until nothing is due before {@code now + span}, jumping the clock from deadline to deadline,
     * and leaves the clock at {@code now + span}. Checks the invariants after every step.
     */
    public void run(Duration span) {
        refreshNeighbors();
        long end = clock.nanoTime() + span.toNanos();
        for (int rounds = 0; ; rounds++) {
            if (rounds > 10_000_000) {
                throw new IllegalStateException("the network never settles: a loop without progress?");
            }
            long now = clock.nanoTime();
            long next = Deadlines.NONE;
            for (NetStack s : stacks.keySet()) {
                next = Deadlines.earliest(next, s.poll(now));
            }
            for (Probe p : probes) {
                p.driver().poll(now, Integer.MAX_VALUE);
            }
            // A stack polled early in the round may have been sent frames by one polled later: ask again.
            for (NetStack s : stacks.keySet()) {
                next = Deadlines.earliest(next, s.nextDeadline());
            }
            for (Probe p : probes) {
                next = Deadlines.earliest(next, p.driver().nextDeadline());
            }
            checkInvariants();
            if (next - now <= 0) {
                continue; // more work at this instant
            }
            if (next == Deadlines.NONE || next - end > 0) {
                clock.advanceTo(end);
                return;
            }
            clock.advanceTo(next);
        }
    }

    /** Runs for one second of virtual time: long enough for any exchange without timeouts on an ideal wire. */
    public void settle() {
        run(Duration.ofSeconds(1));
    }

    private void checkInvariants() {
        for (Map.Entry<String, Invariant> e : invariants.entrySet()) {
            try {
                e.getValue().check(this);
            } catch (AssertionError failure) {
                AssertionError wrapped = new AssertionError("invariant '" + e.getKey() + "' broken: "
                        + failure.getMessage() + "\n" + failureNote(), failure);
                throw wrapped;
            }
        }
    }

    /**
     * Installs permanent neighbour entries for every address across every Ethernet wire (the {@link
     * Neighbors#PERMANENT} mode; nothing in {@link Neighbors#DYNAMIC}). Runs by itself when an interface is attached,
     * when an address (with its on-link route) is added, and at the start of every {@link #run}; call it after adding
     * a /128 address, which brings no route.
     */
    public void refreshNeighbors() {
        if (options.neighbors() != Neighbors.PERMANENT) {
            return;
        }
        for (Attachment a : attachments) {
            if (a.wire().config().medium() != Medium.ETHERNET) {
                continue;
            }
            for (Attachment peer : attachments) {
                if (peer.wire() == a.wire() && peer.end() != a.end() && !closed) {
                    InterfaceInfo info = info(peer);
                    if (info == null || info(a) == null) {
                        continue; // removed by the test
                    }
                    for (InterfaceAddress x : info.ipv4()) {
                        a.stack().addPermanentNeighbor(a.id(), x.address(), info.mac());
                    }
                    for (InterfaceAddress x : info.ipv6()) {
                        a.stack().addPermanentNeighbor(a.id(), x.address(), info.mac());
                    }
                }
            }
        }
    }

    private static InterfaceInfo info(Attachment a) {
        return a.stack().interfaces().stream().filter(i -> i.id().equals(a.id())).findFirst().orElse(null);
    }

    /**
     * Checks that no stack or probe holds a buffer now: call it when the network is quiet (everything delivered,
     * nothing queued for resolution or reassembly), as a leak check in the middle of a test.
     *
     * @throws AssertionError naming each stack that still holds buffers
     */
    public void assertAllBuffersReturned() {
        List<String> held = new ArrayList<>();
        stacks.forEach((s, name) -> {
            if (pools.get(s).outstanding() != 0) {
                held.add(name + ": " + pools.get(s).outstanding());
            }
        });
        for (Probe p : probes) {
            if (p.pool().outstanding() != 0) {
                held.add("probe " + p.driver().name() + ": " + p.pool().outstanding());
            }
        }
        if (!held.isEmpty()) {
            throw new AssertionError("buffers still held on a quiet network: " + held + "\n" + failureNote());
        }
    }

    // ----------------------------------------------------------------------------------------- diagnostics

    /** What a failure report says about this network: the seed, the time, the capture, every stack's state. */
    public String failureNote() {
        StringBuilder sb = new StringBuilder();
        sb.append("SimNet seed ").append(seed).append(" at t=").append(Duration.ofNanos(now() - ManualClock.START_NANOS));
        capture().ifPresent(p -> sb.append(", capture kept at ").append(p.toAbsolutePath()));
        if (!closed) {
            stacks.forEach((s, name) -> sb.append('\n').append(SimDescriber.describe(name, s.snapshot(now()))));
        }
        return sb.toString();
    }

    // ----------------------------------------------------------------------------------------------- close

    /** Closes the network and keeps the capture (if any); see {@link #close(boolean)}. */
    @Override
    public void close() {
        close(false);
    }

    /**
     * Closes every wire (releasing the frames in flight), then every stack, then checks that every stack's pool
     * got all its buffers back; closes the capture and deletes it if {@code passed} and nothing leaked. Idempotent.
     *
     * @throws AssertionError if a stack's buffers are still outstanding after everything is closed
     */
    public void close(boolean passed) {
        if (closed) {
            return;
        }
        closed = true;
        for (VirtualWire w : wires) {
            w.close();
        }
        for (NetStack s : stacks.keySet()) {
            s.close();
        }
        for (Probe p : probes) {
            p.driver().close();
        }
        List<String> leaks = new ArrayList<>();
        for (Probe p : probes) {
            if (p.pool().outstanding() != 0) {
                leaks.add("probe " + p.driver().name() + ": " + p.pool().outstanding() + " buffer(s)");
            }
            p.pool().close();
        }
        stacks.forEach((s, name) -> {
            long out = pools.get(s).outstanding();
            if (out != 0) {
                leaks.add(name + ": " + out + " buffer(s)");
            }
        });
        closeCapture(passed && leaks.isEmpty());
        if (!leaks.isEmpty()) {
            throw new AssertionError("buffers never returned to their pools after the network closed: " + leaks
                    + "\n" + failureNote());
        }
    }

    private void closeCapture(boolean delete) {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
            if (delete) {
                Files.deleteIfExists(options.capture());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A note attached to a failure: where to look. */
    static final class SimNetNote extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimNetNote(String message) {
            super(message, null, false, false);
        }
    }
}
