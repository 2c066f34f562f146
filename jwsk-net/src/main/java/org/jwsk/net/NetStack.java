package org.jwsk.net;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterRegistry;
import org.jwsk.link.LinkDriver;
import org.jwsk.net.internal.Addresses;
import org.jwsk.net.internal.Compartment;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
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

    /** Creates a new compartment, with its own loopback interface. */
    public CompartmentId addCompartment(long now) {
        return open().addCompartment(now).id();
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

    /** The interface with this name. */
    public InterfaceId interfaceNamed(String name) {
        return open().nics().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no interface named '" + name + "'")).id();
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

    /** Adds a route to the compartment of its interface. */
    public void addRoute(Route route) {
        Nic nic = open().nic(route.interfaceId());
        nic.compartment().routes(route.destination().version()).add(route, nic);
    }

    /** Removes a route; returns whether it was there. */
    public boolean removeRoute(Route route) {
        Nic nic = open().nic(route.interfaceId());
        return nic.compartment().routes(route.destination().version()).remove(route);
    }

    /** A compartment's routes of one family, longest prefixes first. */
    public List<Route> routes(CompartmentId compartment, int version) {
        return open().compartment(compartment).routes(version).routes();
    }

    /** Sets an interface's host model (strong or weak, for sending and receiving). */
    public void setHostModel(InterfaceId id, HostModel model) {
        open().nic(id).setHostModel(Objects.requireNonNull(model, "model"));
    }

    /** Turns forwarding on or off on an interface, per family. */
    public void setForwarding(InterfaceId id, boolean v4, boolean v6) {
        open().nic(id).setForwarding(v4, v6);
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

    /** How transports send and choose addresses. */
    public IpSender ip() {
        open();
        return ip;
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
