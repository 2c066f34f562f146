package org.jwsk.net;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterRegistry;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.link.LinkDriver;
import org.jwsk.net.internal.Addresses;
import org.jwsk.net.internal.Compartment;
import org.jwsk.net.internal.LinkResolver;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.Snapshots;
import org.jwsk.net.internal.StackCore;
import org.jwsk.net.internal.ping.Pinger;
import org.jwsk.net.internal.neighbor.NeighborDiscovery;
import org.jwsk.net.internal.autoconf.Autoconf;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;

/**
 * A jwsk TCP/IP stack's network layer: interfaces over link drivers, IPv4 and IPv6 sharing one set of transports
 * (the dual IP layer), routing compartments, and the machinery around them (neighbour discovery, ICMP, fragments).
 *
 * <h2>Driving it</h2>
 * A stack is passive: it reads no clock and starts no thread. Its owner calls {@link #poll(long)} with the current
 * time, and again by the deadline it returns or when an interface has frames (see {@link
 * org.jwsk.link.LinkDriver}). {@link StackRunner} is such an owner on a thread of its own, with a command queue for
 * other threads; a simulation calls {@code poll} itself on a virtual clock.
 *
 * <h2>Threads</h2>
 * Every method runs on the owning thread only (the runner's thread, or the test that drives it). Nothing here locks.
 * Other threads reach the stack through {@link StackRunner#submit}.
 *
 * <h2>Compartments</h2>
 * Every interface belongs to one compartment for good, and with it its addresses, its routes (a route's compartment
 * is its interface's), its neighbours and its share of the loopback. The per-compartment views ({@link
 * #interfaces(CompartmentId)}, {@link #routes(CompartmentId, int)}, {@link #snapshot(long)}) list exactly that, and
 * no packet ever crosses from one compartment to another inside the stack.
 *
 * <h2>Buffers</h2>
 * The stack owns one {@link BufPool} ({@link #pool()}); transports build packets from it. Methods that take a
 * {@link PacketBuf} take ownership of it.
 */
public final class NetStack implements AutoCloseable {

    private final StackCore core;
    private final IpSender ip;
    private boolean closed;

    private NetStack(NetConfig config, RandomGenerator random) {
        this.core = new StackCore(config, random);
        this.ip = new IpSender(core);
    }

    /**
     * A stack with its default compartment and that compartment's loopback interface (127.0.0.1/8, ::1).
     *
     * @param random the source of every random choice the stack makes (IP identifications, neighbour timers, ...):
     *               seeded in tests, {@link java.security.SecureRandom} or similar in production
     */
    public static NetStack create(NetConfig config, RandomGenerator random) {
        return new NetStack(config, random);
    }

    // ---------------------------------------------------------------------------------------- configuration

    /** The default compartment. */
    public CompartmentId defaultCompartment() {
        return CompartmentId.DEFAULT;
    }

    /** Creates a new compartment, with its own loopback interface (127.0.0.1/8, ::1) and empty route tables. */
    public CompartmentId addCompartment(long now) {
        return open().addCompartment(now).id();
    }

    /**
     * Removes a compartment with its loopback interface.
     *
     * @throws IllegalArgumentException for the default compartment or an unknown one
     * @throws IllegalStateException    if interfaces other than its loopback remain in it
     */
    public void removeCompartment(CompartmentId id, long now) {
        StackCore c = open();
        c.removeCompartment(c.compartment(id), now);
    }

    /** The compartments, the default one first. */
    public List<CompartmentId> compartments() {
        return open().compartments().stream().map(Compartment::id).toList();
    }

    /**
     * Adds an interface over {@code driver} and brings it up; the stack owns the driver from now on (removing the
     * interface closes it).
     *
     * @throws IllegalArgumentException if the name is taken, the compartment unknown, or an Ethernet link has no MAC
     */
    public InterfaceId addInterface(LinkDriver driver, InterfaceConfig config, long now) {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(config, "config");
        return open().addInterface(driver, config, now).id();
    }

    /** Takes an interface down and away with its addresses, routes and neighbours, and closes its driver. */
    public void removeInterface(InterfaceId id, long now) {
        StackCore c = open();
        c.removeInterface(c.nic(id), now);
    }

    /** The interfaces of every compartment, loopbacks included. */
    public List<InterfaceInfo> interfaces() {
        return open().nics().stream().map(NetStack::info).toList();
    }

    /** The interfaces of one compartment, its loopback first, in the order they were added. */
    public List<InterfaceInfo> interfaces(CompartmentId compartment) {
        return open().compartment(compartment).nics().stream().map(NetStack::info).toList();
    }

    /**
     * Every address of a compartment: its interfaces' addresses (loopback's included), interface by interface in the
     * order of {@link #interfaces(CompartmentId)}, each interface's IPv4 then IPv6 addresses in the order added
     * (tentative and deprecated IPv6 addresses included; {@link #snapshot} tells their states).
     */
    public List<InterfaceAddress> addresses(CompartmentId compartment) {
        return interfaces(compartment).stream().flatMap(i -> Stream.concat(i.ipv4().stream(), i.ipv6().stream()))
                .toList();
    }

    /** The interface with this name. */
    public InterfaceId interfaceNamed(String name) {
        return open().nics().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no interface named '" + name + "'")).id();
    }

    /** The compartment an interface belongs to. */
    public CompartmentId compartmentOf(InterfaceId id) {
        return open().nic(id).compartment().id();
    }

    /**
     * Takes an interface administratively down or brings it back up (the {@code Disable-NetAdapter}, {@code ip link
     * set down} of the stack). While down it neither sends nor receives, and route selection skips its routes
     * (they stay in the table; {@link RouteListener}s are told they became unusable), so routes through other
     * interfaces take over. A link that loses carrier has the same effect until it comes back.
     *
     * @throws IllegalArgumentException for a loopback interface
     */
    public void setInterfaceUp(InterfaceId id, boolean up, long now) {
        StackCore c = open();
        c.setInterfaceUp(c.nic(id), up, now);
    }

    /** Adds an address to an interface, with the on-link route of its prefix. */
    public void addAddress(InterfaceId id, InterfaceAddress address, long now) {
        Nic nic = open().nic(id);
        switch (address.address()) {
            case Ipv4Address v4 -> Addresses.add4(nic, v4.value(), address.prefixLength(), now);
            case Ipv6Address v6 -> Addresses.add6(nic, v6.hi(), v6.lo(), address.prefixLength(),
                    org.jwsk.net.internal.Addr6.Origin.MANUAL, now);
        }
    }

    /** Removes an address from an interface; returns whether it was there. */
    public boolean removeAddress(InterfaceId id, IpAddress address, long now) {
        Nic nic = open().nic(id);
        return switch (address) {
            case Ipv4Address v4 -> Addresses.remove4(nic, v4.value(), now);
            case Ipv6Address v6 -> Addresses.remove6(nic, v6.hi(), v6.lo(), now);
        };
    }

    /**
     * Adds a route to the compartment of its interface: a route's compartment is always its interface's, so a route
     * can never lead out of its compartment. A route equal to one present is ignored.
     */
    public void addRoute(Route route) {
        Nic nic = open().nic(route.interfaceId());
        nic.compartment().routes(route.destination().version()).add(route, nic);
    }

    /**
     * Adds a route to {@code compartment}.
     *
     * @throws IllegalArgumentException if the route's interface belongs to another compartment: routes never cross
     */
    public void addRoute(CompartmentId compartment, Route route) {
        StackCore c = open();
        Nic nic = c.nic(route.interfaceId());
        c.compartment(compartment).routes(route.destination().version()).add(route, nic);
    }

    /** Removes a route; returns whether it was there. */
    public boolean removeRoute(Route route) {
        Nic nic = open().nic(route.interfaceId());
        return nic.compartment().routes(route.destination().version()).remove(route);
    }

    /**
     * A compartment's routes of one family, in a stable order: longest prefixes first, then by destination, then in
     * selection order (metric, then age). Routes over interfaces that are down are included.
     */
    public List<Route> routes(CompartmentId compartment, int version) {
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException("IP version 4 or 6, not " + version);
        }
        return open().compartment(compartment).routes(version).routes();
    }

    /** Tells {@code listener} of every route change in every compartment from now on. */
    public void addRouteListener(RouteListener listener) {
        open().addRouteListener(listener);
    }

    /** Stops telling {@code listener}; returns whether it was registered. */
    public boolean removeRouteListener(RouteListener listener) {
        return open().removeRouteListener(listener);
    }

    /** Sets an interface's host model (strong or weak, for sending and receiving). */
    public void setHostModel(InterfaceId id, HostModel model) {
        open().nic(id).setHostModel(Objects.requireNonNull(model, "model"));
    }

    /** Turns forwarding on or off on an interface, per family. */
    public void setForwarding(InterfaceId id, boolean v4, boolean v6) {
        open().nic(id).setForwarding(v4, v6);
    }

    /**
     * Whether the interface sends redirects when it forwards a packet back out of the interface it came in on
     * (RFC 1812 §5.2.7.2, RFC 4861 §8.2). On by default, as Linux's {@code send_redirects}.
     */
    public void setSendRedirects(InterfaceId id, boolean on) {
        open().nic(id).setSendRedirects(on);
    }

    /**
     * Whether datagrams addressed to this interface's subnet-directed broadcast address are forwarded onto it. Off
     * by default (RFC 2644, BCP 34), as Linux's {@code bc_forwarding}.
     */
    public void setDirectedBroadcastForwarding(InterfaceId id, boolean on) {
        open().nic(id).setDirectedBroadcastForwarding(on);
    }

    /** Adds a permanent neighbour: the link address of {@code address} on an Ethernet interface. */
    public void addPermanentNeighbor(InterfaceId id, IpAddress address, MacAddress mac) {
        Nic nic = open().nic(id);
        if (!nic.isEthernet()) {
            throw new IllegalArgumentException(nic.name() + " is not an Ethernet interface");
        }
        long hi = address instanceof Ipv6Address v6 ? v6.hi() : 0;
        long lo = address instanceof Ipv6Address v6 ? v6.lo() : ((Ipv4Address) address).value() & 0xffff_ffffL;
        nic.resolver(address.version()).addPermanent(hi, lo, mac.value());
    }

    /**
     * The neighbour caches of an interface, ARP (IPv4) entries first, then Neighbor Discovery (IPv6): what {@code ip
     * neigh show dev} prints. Permanent entries included; empty on an IP link.
     */
    public List<NeighborInfo> neighbors(InterfaceId id) {
        Nic nic = open().nic(id);
        List<NeighborInfo> all = new java.util.ArrayList<>();
        for (int version : new int[] {4, 6}) {
            LinkResolver r = nic.resolver(version);
            if (r != null) {
                all.addAll(r.neighbors());
            }
        }
        return all;
    }

    /**
     * Other hosts' claims to this interface's IPv4 addresses (RFC 5227 §2.4), oldest first: the last few, with
     * whether the stack defended the address.
     */
    public List<AddressConflict> addressConflicts(InterfaceId id) {
        return NeighborDiscovery.conflicts(open().nic(id));
    }

    /**
     * The interface starts listening to a multicast group, for a socket or any other user; memberships are counted,
     * so every join needs its {@link #leaveGroup}. The first join is reported to the link's multicast routers (MLDv2,
     * RFC 3810; IGMPv3, RFC 3376).
     *
     * @throws IllegalArgumentException if {@code group} is not a multicast address
     */
    public void joinGroup(InterfaceId id, IpAddress group, long now) {
        Nic nic = open().nic(id);
        switch (requireMulticast(group)) {
            case Ipv4Address v4 -> nic.join4(v4.value(), now);
            case Ipv6Address v6 -> nic.join6(v6.hi(), v6.lo(), now);
        }
    }

    /**
     * Drops one membership of a multicast group; the last one is reported as a leave.
     *
     * @return whether the interface stopped listening to the group (false while other memberships remain, or if it
     *         was not listening)
     * @throws IllegalArgumentException if {@code group} is not a multicast address
     */
    public boolean leaveGroup(InterfaceId id, IpAddress group, long now) {
        Nic nic = open().nic(id);
        return switch (requireMulticast(group)) {
            case Ipv4Address v4 -> nic.leave4(v4.value(), now);
            case Ipv6Address v6 -> nic.leave6(v6.hi(), v6.lo(), now);
        };
    }

    /** The IPv6 addresses of an interface with their states, origins and lifetimes, in the order added. */
    public List<Ipv6AddressInfo> ipv6Addresses(InterfaceId id) {
        Nic nic = open().nic(id);
        return nic.addrs6().stream().map(a -> Autoconf.info(nic, a)).toList();
    }

    /** Installs the listener told of every IPv6 address change (null: none). */
    public void setIpv6AddressListener(Ipv6AddressListener listener) {
        open().module(Autoconf.class).setAddressListener(listener);
    }

    /**
     * Makes an interface an advertising router interface (RFC 4861 §6.2): Router Advertisements with {@code config},
     * periodically and in answer to solicitations. A new configuration replaces the old one; null stops advertising
     * (with a final advertisement of router lifetime zero).
     *
     * @throws IllegalStateException if the interface does not forward IPv6 ({@link #setForwarding})
     */
    public void setRouterAdvertisements(InterfaceId id, RouterAdvertisementConfig config, long now) {
        StackCore c = open();
        c.module(Autoconf.class).setRouterAdvertisements(c.nic(id), config, now);
    }

    private static IpAddress requireMulticast(IpAddress group) {
        Objects.requireNonNull(group, "group");
        boolean multicast = switch (group) {
            case Ipv4Address v4 -> v4.isMulticast();
            case Ipv6Address v6 -> v6.isMulticast();
        };
        if (!multicast) {
            throw new IllegalArgumentException(group + " is not a multicast address");
        }
        return group;
    }

    /** Installs the classifier asked at every {@link NetLayer}. */
    public void setPacketFilter(PacketFilter filter) {
        open().setFilter(filter);
    }

    // ------------------------------------------------------------------------------------------- transports

    /**
     * Registers the handler of an upper-layer protocol (TCP 6, UDP 17, ...) for both families.
     *
     * @throws IllegalStateException if the protocol has a handler already
     */
    public void registerTransport(int protocol, TransportHandler handler) {
        open().registerTransport(protocol, Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Adds a listener that sees every locally delivered packet before its protocol's handler: the hook raw sockets
     * are built on ({@link RawListener} says what it may do with the packet). Listeners are called in the order added.
     */
    public void addRawListener(RawListener listener) {
        open().addRawListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a raw listener; returns whether it was registered. */
    public boolean removeRawListener(RawListener listener) {
        return open().removeRawListener(listener);
    }

    /** How transports send and choose addresses. */
    public IpSender ip() {
        open();
        return ip;
    }

    /**
     * The stack's timer queue, for transports above it: their timers fire inside {@link #poll} and count in {@link
     * #nextDeadline}, so one loop drives every layer. Stack thread only.
     */
    public TimerQueue timers() {
        return open().timers();
    }

    // ------------------------------------------------------------------------------------------------- ping

    /**
     * Sends an ICMP or ICMPv6 echo request to {@code target} from {@code compartment} (RFC 792, RFC 4443 §4.1) and
     * calls {@code done} exactly once, on the stack's thread: with the reply and its round-trip time, with the ICMP
     * error that came back about the request (destination unreachable, time exceeded, ...), with a timeout, or at
     * once with {@link PingResult.Outcome#NOT_SENT} if the request could not be sent (no route, no buffer). Pings may
     * run concurrently: each request carries a sequence number no other outstanding one has.
     *
     * @param payloadSize  data bytes after the ICMP header, 0 to 65507 (IPv4) or 65527 (IPv6); larger than the path
     *                     MTU allows, the request is fragmented
     * @param hopLimit     the TTL or hop limit of the request, 1-255
     * @param timeout      how long to wait for an answer, positive
     * @throws IllegalArgumentException if an argument is out of range or the compartment unknown
     */
    public void ping(CompartmentId compartment, IpAddress target, int payloadSize, int hopLimit,
                     Duration timeout, long now, Consumer<PingResult> done) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(done, "done");
        int max = target.version() == 4 ? Pinger.MAX_PAYLOAD_V4 : Pinger.MAX_PAYLOAD_V6;
        if (payloadSize < 0 || payloadSize > max) {
            throw new IllegalArgumentException("payload size must be 0-" + max + ", not " + payloadSize);
        }
        if (hopLimit < 1 || hopLimit > 255) {
            throw new IllegalArgumentException("TTL or hop limit must be 1-255, not " + hopLimit);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        StackCore c = open();
        c.compartment(compartment);
        c.module(Pinger.class).ping(compartment, target, payloadSize, hopLimit, timeout, now, done);
    }

    /** The stack's packet buffers. */
    public BufPool pool() {
        return open().pool();
    }

    // ------------------------------------------------------------------------------------------------- run

    /**
     * Does all the work due at {@code now}: frames from every interface (within a budget per interface), timers.
     *
     * @return when to call again at the latest without an outside event; {@code now} if there may be more frames
     *         waiting; {@link org.jwsk.common.time.Deadlines#NONE} if nothing is pending
     */
    public long poll(long now) {
        return open().poll(now);
    }

    /** The deadline {@link #poll} would return now, without doing any work. */
    public long nextDeadline() {
        return open().nextDeadline();
    }

    /**
     * A consistent copy of the network layer's state for diagnostics: per compartment its interfaces with their
     * addresses, states and link counters, and its routes of both families; plus every counter of the stack. Built
     * in one pass on the stack's thread; the result is immutable and may be handed to any thread.
     *
     * @param now the stack's time, for the remaining lifetimes of addresses
     */
    public NetSnapshot snapshot(long now) {
        return Snapshots.take(open(), now);
    }

    /** The stack's counters: IP-MIB per family, ICMP, drops by reason. */
    public CounterRegistry counters() {
        return open().counters();
    }

    /** The internals, for the modules of this layer and the tests beside them. */
    StackCore core() {
        return open();
    }

    /** Closes every interface (and its driver) and frees the buffer pool. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            core.close(0);
        }
    }

    private StackCore open() {
        if (closed) {
            throw new IllegalStateException("the stack is closed");
        }
        return core;
    }

    private static InterfaceInfo info(Nic n) {
        return new InterfaceInfo(n.id(), n.name(), n.compartment().id(), n.macAddress(), n.caps().mtu(),
                n.isLoopback(), n.isUp(),
                n.addrs4().stream().map(a -> new InterfaceAddress(new Ipv4Address(a.address()), a.prefixLength()))
                        .toList(),
                n.addrs6().stream().map(a -> new InterfaceAddress(a.address(), a.prefixLength())).toList(),
                n.hostModel(), n.forwarding4(), n.forwarding6());
    }
}
