package org.jwsk.net.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterRegistry;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.loopback.LoopbackDriver;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.HostModel;
import org.jwsk.net.IcmpCounter;
import org.jwsk.net.InterfaceConfig;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.IpCounter;
import org.jwsk.net.Ipv6Options;
import org.jwsk.net.NetConfig;
import org.jwsk.net.NetDrop;
import org.jwsk.net.IpRx;
import org.jwsk.net.PacketFilter;
import org.jwsk.net.RawListener;
import org.jwsk.net.Route;
import org.jwsk.net.RouteListener;
import org.jwsk.net.TransportHandler;
import org.jwsk.wire.DropReason;

/**
 * The wiring of one stack: its compartments and interfaces, the two IP layers, the transports registered above
 * them, the timers, counters and buffer pool they share, and the loop step that drives it all ({@link #poll}).
 *
 * <p>Owned by one thread (the stack's); see {@link org.jwsk.net.NetStack} for the public face.
 */
public final class StackCore {

    private final NetConfig config;
    private final BufPool pool;
    private final RandomGenerator random;
    private final TimerQueue timers = new TimerQueue();
    private final CounterRegistry counters = new CounterRegistry();
    private final CounterSet<IpCounter> ip4Counters;
    private final CounterSet<IpCounter> ip6Counters;
    private final CounterSet<IcmpCounter> icmp4Counters;
    private final CounterSet<IcmpCounter> icmp6Counters;
    private final CounterSet<NetDrop> drops;
    private final CounterSet<DropReason> wireDrops;
    private final TransportHandler[] transports = new TransportHandler[256];
    private final Map<Integer, Compartment> compartments = new LinkedHashMap<>();
    private final List<Nic> nics = new ArrayList<>();
    private final Ipv4Layer ipv4;
    private final Ipv6Layer ipv6;
    private final Icmp4 icmp4;
    private final Icmp6 icmp6;
    private final Redirects redirects;
    private Fragmentation fragmentation;
    private PathMtu pathMtu = PathMtu.LINK_MTU;
    private final Map<Class<?>, Object> modules = new HashMap<>();
    private ArpHandler arp = (nic, frame, now) -> {
        frame.release();
        drop(NetDrop.UNKNOWN_PROTOCOL);
    };
    private final List<AddressObserver> addressObservers = new ArrayList<>();
    private final List<MembershipObserver> membershipObservers = new ArrayList<>();
    private final List<InterfaceObserver> interfaceObservers = new ArrayList<>();
    private final List<RouteListener> routeListeners = new ArrayList<>();
    private final List<RawListener> rawListeners = new ArrayList<>();
    private DadHook dad = new DadHook() {
        @Override
        public void onSolicitation(Nic nic, Addr6 target, boolean fromUnspecified, long nonce, long now) {
        }

        @Override
        public void onAdvertisement(Nic nic, Addr6 target, long now) {
        }
    };
    private PacketFilter filter = PacketFilter.PERMIT_ALL;
    private Runnable wakeup = () -> { };
    private int nextIfIndex = 1;
    private int nextCompartment = 2;
    private int pollCursor;
    private long descriptorGeneration;

    /**
     * Told when addresses come and go: duplicate address detection starts here (it may make a new IPv6 address
     * tentative), and the neighbour layer announces new addresses (gratuitous ARP, unsolicited NA).
     */
    public interface AddressObserver {
        /** An IPv4 address was added to {@code nic}. */
        default void onAdded4(Nic nic, int address, long now) {
        }

        /** An IPv6 address was added (preferred unless an observer made it tentative). */
        default void onAdded6(Nic nic, Addr6 address, long now) {
        }

        /** An IPv6 address was removed. */
        default void onRemoved6(Nic nic, Addr6 address, long now) {
        }
    }

    /**
     * Duplicate address detection's view of Neighbor Discovery (RFC 4862 §5.4.3, §5.4.4): the neighbour layer hands it
     * solicitations and advertisements whose target is one of our tentative (or duplicate) addresses.
     */
    public interface DadHook {
        /** {@code nonce} of a solicitation without a Nonce option; DAD never sends a nonce of 0. */
        long NO_NONCE = 0;

        /**
         * A Neighbor Solicitation for {@code target}, tentative on {@code nic}; {@code fromUnspecified} for DAD probes.
         *
         * @param nonce the first six bytes of the solicitation's Nonce option (RFC 3971 §5.3.2, RFC 7527 §4.1) as an
         *              unsigned big-endian number in the low 48 bits, or {@link #NO_NONCE}
         */
        void onSolicitation(Nic nic, Addr6 target, boolean fromUnspecified, long nonce, long now);

        /** A Neighbor Advertisement for {@code target}: another node has the address. */
        void onAdvertisement(Nic nic, Addr6 target, long now);
    }

    /**
     * Told when an interface stops or starts running ({@link Nic#isRunning()}: attached, administratively up, with
     * carrier), so that the protocols with per-interface timers follow: duplicate address detection starts over on an
     * interface that becomes enabled (RFC 4862 §5.4, §5.3), MLD and IGMP report every group again (RFC 3810 §6.1,
     * RFC 3376 §5.1), router solicitations and advertisements start over (RFC 4861 §6.3.7, §6.2.4); and their timers
     * stop while it is down. Called once per transition, after the interface's routes changed usability and, when it
     * went down, after its neighbour caches were flushed. Not called when an interface is added or removed (the
     * address observers see that).
     */
    public interface InterfaceObserver {
        /** {@code nic} stopped running: administratively down, or its link lost carrier. */
        default void onInterfaceDown(Nic nic, long now) {
        }

        /** {@code nic} runs again: administratively up with carrier. */
        default void onInterfaceUp(Nic nic, long now) {
        }
    }

    /** Told when an interface first joins or last leaves a multicast group: MLD and IGMP report it. */
    public interface MembershipObserver {
        /** {@code nic} joined an IPv4 group. */
        default void onJoined4(Nic nic, int group, long now) {
        }

        /** {@code nic} left an IPv4 group. */
        default void onLeft4(Nic nic, int group, long now) {
        }

        /** {@code nic} joined an IPv6 group. */
        default void onJoined6(Nic nic, long hi, long lo, long now) {
        }

        /** {@code nic} left an IPv6 group. */
        default void onLeft6(Nic nic, long hi, long lo, long now) {
        }
    }

    /**
     * How large a packet this host originates towards a destination may be (RFC 1191, RFC 8201): the path MTU cache
     * installs itself here. Without one, every path has its link's MTU.
     */
    public interface PathMtu {
        /** Every path as wide as its first link: what a stack without a path MTU cache uses. */
        PathMtu LINK_MTU = new PathMtu() {
            @Override
            public int mtu4(Compartment c, int dst, int linkMtu) {
                return linkMtu;
            }

            @Override
            public int mtu6(Compartment c, long dstHi, long dstLo, int linkMtu) {
                return linkMtu;
            }
        };

        /** The MTU of the path to IPv4 {@code dst} whose first link has {@code linkMtu}; never above it. */
        int mtu4(Compartment c, int dst, int linkMtu);

        /** The MTU of the path to IPv6 {@code (dstHi, dstLo)} whose first link has {@code linkMtu}; never above it. */
        int mtu6(Compartment c, long dstHi, long dstLo, int linkMtu);
    }

    /** Where the link layer hands ARP frames; the neighbour layer installs itself here. */
    @FunctionalInterface
    public interface ArpHandler {
        /** An ARP packet from {@code frame.offset()}; <b>takes ownership</b>. */
        void onArp(Nic nic, PacketBuf frame, long now);
    }

    public StackCore(NetConfig config, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.pool = BufPool.create(config.pool());
        this.ip4Counters = counters.register(CounterSet.of("ipv4", IpCounter.class));
        this.ip6Counters = counters.register(CounterSet.of("ipv6", IpCounter.class));
        this.icmp4Counters = counters.register(CounterSet.of("icmp", IcmpCounter.class));
        this.icmp6Counters = counters.register(CounterSet.of("icmp6", IcmpCounter.class));
        this.drops = counters.register(CounterSet.of("netdrops", NetDrop.class));
        this.wireDrops = counters.register(CounterSet.of("wiredrops", DropReason.class));
        this.ipv4 = new Ipv4Layer(this);
        this.ipv6 = new Ipv6Layer(this);
        this.icmp4 = new Icmp4(this);
        this.icmp6 = new Icmp6(this);
        this.redirects = new Redirects(this);
        Modules.install(this);
        Objects.requireNonNull(fragmentation, "Modules.install installs the fragmentation engine");
        addCompartment(CompartmentId.DEFAULT, 0);
    }

    // ------------------------------------------------------------------------------------------- configuration

    /** Creates a compartment with its loopback interface. */
    public Compartment addCompartment(long now) {
        return addCompartment(new CompartmentId(nextCompartment++), now);
    }

    private Compartment addCompartment(CompartmentId id, long now) {
        Compartment c = new Compartment(this, id);
        compartments.put(id.value(), c);
        String name = id.value() == 1 ? "lo" : "lo" + id.value();
        InterfaceConfig lo = new InterfaceConfig(name, id, null, List.of(), HostModel.STRONG, false, false,
                Ipv6Options.STATIC);
        Nic nic = new Nic(this, new InterfaceId(nextIfIndex++), new LoopbackDriver(name), lo, c, true);
        c.setLoopback(nic);
        attach(nic, now);
        Addresses.add4(nic, 0x7f00_0001, 8, now);
        Addresses.add6(nic, 0, 1, 128, Addr6.Origin.MANUAL, now);
        return c;
    }

    /** Adds an interface over {@code driver} and brings it up. */
    public Nic addInterface(LinkDriver driver, InterfaceConfig config, long now) {
        Compartment c = compartment(config.compartment());
        for (Nic n : nics) {
            if (n.name().equals(config.name())) {
                throw new IllegalArgumentException("an interface named '" + config.name() + "' exists already");
            }
        }
        Nic nic = new Nic(this, new InterfaceId(nextIfIndex++), driver, config, c, false);
        attach(nic, now);
        Addresses.configure(nic, config, now);
        return nic;
    }

    private void attach(Nic nic, long now) {
        nic.compartment().nics().add(nic);
        nics.add(nic);
        nic.start(now);
        if (nic.driver().readableFd().isPresent()) {
            descriptorGeneration++;
        }
        wakeup.run();
    }

    /** Takes an interface down and away: its addresses, routes and resolver state go with it. */
    public void removeInterface(Nic nic, long now) {
        if (nic.isLoopback()) {
            throw new IllegalArgumentException("a compartment's loopback interface cannot be removed");
        }
        Addresses.removeAll(nic, now);
        nic.compartment().routes(4).removeAll(nic);
        nic.compartment().routes(6).removeAll(nic);
        nic.compartment().nics().remove(nic);
        nics.remove(nic);
        nic.stop(now);
        if (nic.driver().readableFd().isPresent()) {
            descriptorGeneration++;
        }
    }

    /**
     * Removes a compartment that has no interfaces left but its loopback (Windows likewise refuses to delete a
     * compartment in use). The default compartment stays.
     */
    public void removeCompartment(Compartment c, long now) {
        if (c.id().equals(CompartmentId.DEFAULT)) {
            throw new IllegalArgumentException("the default compartment cannot be removed");
        }
        if (c.nics().stream().anyMatch(n -> !n.isLoopback())) {
            throw new IllegalStateException(c + " still has interfaces: remove them first");
        }
        Nic lo = c.loopback();
        Addresses.removeAll(lo, now);
        c.routes(4).removeAll(lo);
        c.routes(6).removeAll(lo);
        c.nics().remove(lo);
        nics.remove(lo);
        lo.stop(now);
        compartments.remove(c.id().value());
    }

    /** Takes an interface administratively down or up; its routes become unusable or usable (not removed). */
    public void setInterfaceUp(Nic nic, boolean up, long now) {
        if (nic.isLoopback()) {
            throw new IllegalArgumentException("a compartment's loopback interface stays up");
        }
        nic.setAdminUp(up, now);
    }

    /**
     * An interface went down or came up (administratively or its link): its routes change usability, and if it
     * started or stopped running the interface observers are told.
     *
     * @param wasRunning {@link Nic#isRunning()} before the change
     */
    void interfaceStateChanged(Nic nic, boolean wasRunning, long now) {
        nic.compartment().routes(4).interfaceStateChanged(nic);
        nic.compartment().routes(6).interfaceStateChanged(nic);
        boolean running = nic.isRunning();
        if (running == wasRunning) {
            return;
        }
        for (int i = 0; i < interfaceObservers.size(); i++) {
            if (running) {
                interfaceObservers.get(i).onInterfaceUp(nic, now);
            } else {
                interfaceObservers.get(i).onInterfaceDown(nic, now);
            }
        }
    }

    /** Adds an observer of interfaces starting and stopping to run. */
    public void addInterfaceObserver(InterfaceObserver observer) {
        interfaceObservers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** Adds a listener of route changes in every compartment. */
    public void addRouteListener(RouteListener listener) {
        routeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener; returns whether it was registered. */
    public boolean removeRouteListener(RouteListener listener) {
        return routeListeners.remove(listener);
    }

    void routeChanged(Compartment c, Route route, RouteListener.Change change) {
        for (int i = 0; i < routeListeners.size(); i++) {
            routeListeners.get(i).onRouteChange(c.id(), route, change);
        }
    }

    /** The compartment with this id. */
    public Compartment compartment(CompartmentId id) {
        Compartment c = compartments.get(id.value());
        if (c == null) {
            throw new IllegalArgumentException("no " + id + " in this stack");
        }
        return c;
    }

    /** The interface with this id. */
    public Nic nic(InterfaceId id) {
        for (Nic n : nics) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no interface " + id + " in this stack");
    }

    /** Registers the handler of an upper-layer protocol for both families. */
    public void registerTransport(int protocol, TransportHandler handler) {
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("protocol numbers are 0-255, not " + protocol);
        }
        if (transports[protocol] != null && handler != null) {
            throw new IllegalStateException("protocol " + protocol + " already has a handler");
        }
        transports[protocol] = handler;
    }

    // ---------------------------------------------------------------------------------------------------- run

    /**
     * Receives from every interface (at most the configured budget of frames from each), runs due timers, and
     * returns the next deadline: {@code now} again if an interface may have more frames waiting.
     */
    public long poll(long now) {
        boolean more = false;
        int n = nics.size();
        for (int i = 0; i < n; i++) {
            Nic nic = nics.get((pollCursor + i) % n);
            if (nic.driver().poll(now, config.pollBudget()) == config.pollBudget()) {
                more = true;
            }
        }
        pollCursor = n == 0 ? 0 : (pollCursor + 1) % n;
        fragmentation.expire(now);
        timers.runDue(now);
        return more ? now : nextDeadline();
    }

    /** The earliest time {@link #poll} has work without an outside event. */
    public long nextDeadline() {
        long d = Deadlines.earliest(timers.nextDeadline(), fragmentation.nextDeadline());
        for (Nic nic : nics) {
            d = Deadlines.earliest(d, nic.driver().nextDeadline());
        }
        return d;
    }

    /** The readable descriptors of the interfaces, for the runner's waiter. */
    public int[] readableDescriptors() {
        return nics.stream().map(nic -> nic.driver().readableFd()).filter(java.util.OptionalInt::isPresent)
                .mapToInt(java.util.OptionalInt::getAsInt).toArray();
    }

    /** Bumped whenever {@link #readableDescriptors()} changes. */
    public long descriptorGeneration() {
        return descriptorGeneration;
    }

    /** Installs the runner's wake-up, given to every driver started from now on (and run once now). */
    public void setWakeup(Runnable wakeup) {
        this.wakeup = Objects.requireNonNull(wakeup, "wakeup");
    }

    /** Closes every interface and frees the buffer pool. */
    public void close(long now) {
        for (Nic nic : List.copyOf(nics)) {
            nic.stop(now);
        }
        nics.clear();
        fragmentation.close();
        pool.close();
    }

    // ------------------------------------------------------------------------------------------------ services

    public NetConfig config() {
        return config;
    }

    public BufPool pool() {
        return pool;
    }

    public RandomGenerator random() {
        return random;
    }

    public TimerQueue timers() {
        return timers;
    }

    public CounterRegistry counters() {
        return counters;
    }

    public Runnable wakeup() {
        return () -> wakeup.run();
    }

    public Ipv4Layer ipv4() {
        return ipv4;
    }

    public Ipv6Layer ipv6() {
        return ipv6;
    }

    public Icmp4 icmp4() {
        return icmp4;
    }

    public Icmp6 icmp6() {
        return icmp6;
    }

    /** The router's redirect sender (RFC 1812 §5.2.7.2, RFC 4861 §8.2). */
    public Redirects redirects() {
        return redirects;
    }

    public Fragmentation fragmentation() {
        return fragmentation;
    }

    /** Installs the fragmentation and reassembly engine. */
    public void setFragmentation(Fragmentation f) {
        this.fragmentation = Objects.requireNonNull(f, "fragmentation");
    }

    /** The path MTU cache (or {@link PathMtu#LINK_MTU} when none is installed). */
    public PathMtu pathMtu() {
        return pathMtu;
    }

    /** Installs the path MTU cache. */
    public void setPathMtu(PathMtu p) {
        this.pathMtu = Objects.requireNonNull(p, "pathMtu");
    }

    /**
     * Registers a module's object under its type, so that the public API can reach it (the ping module, for one).
     *
     * @throws IllegalStateException if the type has an object already
     */
    public <T> void registerModule(Class<T> type, T module) {
        Objects.requireNonNull(module, "module");
        if (modules.putIfAbsent(type, module) != null) {
            throw new IllegalStateException(type.getSimpleName() + " is registered already");
        }
    }

    /**
     * The module registered under {@code type}.
     *
     * @throws IllegalStateException if none is
     */
    public <T> T module(Class<T> type) {
        Object m = modules.get(type);
        if (m == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " in this stack");
        }
        return type.cast(m);
    }

    public DadHook dad() {
        return dad;
    }

    /** Installs duplicate address detection. */
    public void setDad(DadHook hook) {
        this.dad = Objects.requireNonNull(hook, "hook");
    }

    /** Adds an observer of multicast memberships. */
    public void addMembershipObserver(MembershipObserver observer) {
        membershipObservers.add(Objects.requireNonNull(observer, "observer"));
    }

    void membershipChanged(Nic nic, int version, boolean joined, long hi, long lo, long now) {
        for (MembershipObserver o : membershipObservers) {
            if (version == 4) {
                if (joined) {
                    o.onJoined4(nic, (int) lo, now);
                } else {
                    o.onLeft4(nic, (int) lo, now);
                }
            } else if (joined) {
                o.onJoined6(nic, hi, lo, now);
            } else {
                o.onLeft6(nic, hi, lo, now);
            }
        }
    }

    /** Adds an observer of address changes. */
    public void addAddressObserver(AddressObserver observer) {
        addressObservers.add(Objects.requireNonNull(observer, "observer"));
    }

    void addressAdded4(Nic nic, int address, long now) {
        for (AddressObserver o : addressObservers) {
            o.onAdded4(nic, address, now);
        }
    }

    void addressAdded6(Nic nic, Addr6 address, long now) {
        for (AddressObserver o : addressObservers) {
            o.onAdded6(nic, address, now);
        }
    }

    void addressRemoved6(Nic nic, Addr6 address, long now) {
        for (AddressObserver o : addressObservers) {
            o.onRemoved6(nic, address, now);
        }
    }

    /** Where ARP frames go. */
    public void setArpHandler(ArpHandler handler) {
        this.arp = Objects.requireNonNull(handler, "handler");
    }

    void arpInput(Nic nic, PacketBuf frame, long now) {
        arp.onArp(nic, frame, now);
    }

    public PacketFilter filter() {
        return filter;
    }

    public void setFilter(PacketFilter f) {
        this.filter = Objects.requireNonNull(f, "filter");
    }

    /** Adds a listener of every locally delivered packet (raw sockets). */
    public void addRawListener(RawListener listener) {
        rawListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a raw listener; returns whether it was registered. */
    public boolean removeRawListener(RawListener listener) {
        return rawListeners.remove(listener);
    }

    /**
     * Shows a locally delivered packet to the raw listeners, before its protocol's handler gets it. The packet is
     * <b>borrowed</b> (see {@link RawListener}).
     *
     * @return whether some listener took a copy
     */
    boolean rawDeliver(IpRx rx, PacketBuf packet, int upperOffset, long now) {
        boolean taken = false;
        for (int i = 0; i < rawListeners.size(); i++) {
            taken |= rawListeners.get(i).onPacket(rx, packet, upperOffset, now);
        }
        return taken;
    }

    /** The handler of a protocol, or null. */
    public TransportHandler transport(int protocol) {
        return transports[protocol];
    }

    public List<Nic> nics() {
        return nics;
    }

    public List<Compartment> compartments() {
        return List.copyOf(compartments.values());
    }

    public CounterSet<IpCounter> ipCounters(int version) {
        return version == 4 ? ip4Counters : ip6Counters;
    }

    public CounterSet<IcmpCounter> icmpCounters(int version) {
        return version == 4 ? icmp4Counters : icmp6Counters;
    }

    /** Counts a network-layer drop. */
    public void drop(NetDrop reason) {
        drops.increment(reason);
    }

    /** Counts a malformed packet. */
    public void wireDrop(DropReason reason) {
        wireDrops.increment(reason);
    }

    public CounterSet<NetDrop> drops() {
        return drops;
    }

    public CounterSet<DropReason> wireDrops() {
        return wireDrops;
    }
}
