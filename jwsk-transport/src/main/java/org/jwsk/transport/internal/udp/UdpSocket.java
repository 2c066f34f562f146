package org.jwsk.transport.internal.udp;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.InterfaceId;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpDatagram;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpEndpointInfo;
import org.jwsk.transport.UdpHandler;
import org.jwsk.transport.UdpMessage;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.UdpStatus;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * A UDP endpoint's state: its binding and peer in {@link Addrs}' 128-bit form, its options, its receive queue, its
 * pending error and multicast memberships. The protocol ({@link UdpProtocol}) demultiplexes to it and sends for it.
 *
 * <p>Owned by the stack's thread; see {@link UdpEndpoint} for the contract.
 */
final class UdpSocket implements UdpEndpoint {

    private final UdpProtocol proto;
    private final CompartmentId compartment;
    private final int family;
    private final DatagramQueue queue = new DatagramQueue();
    final PathCache path = new PathCache();
    private UdpOptions options;
    private UdpHandler handler;
    private boolean closed;
    boolean bound;
    boolean localWildcard;
    long localHi;
    long localLo;
    int localPort;
    /** The interface that owns the bound (or connect-chosen) address, or null. */
    InterfaceId localIface;
    /**
     * Whether the bound address is the source of what the endpoint sends: a unicast address. An endpoint bound to a
     * group or a broadcast address sends from the address the stack chooses, as in Linux ("use device").
     */
    boolean sourceBound;
    /** The local address was chosen by connect (and goes back to the wildcard with disconnect), as in Linux. */
    private boolean addressFromConnect;
    boolean connected;
    long remoteHi;
    long remoteLo;
    int remotePort;
    private UdpStatus pendingError;
    private List<Membership> memberships;
    private long drops;

    UdpSocket(UdpProtocol proto, CompartmentId compartment, int family, UdpOptions options, UdpHandler handler) {
        this.proto = proto;
        this.compartment = compartment;
        this.family = family;
        this.options = Objects.requireNonNull(options, "options");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    // ------------------------------------------------------------------------------------------ identity

    @Override
    public CompartmentId compartment() {
        return compartment;
    }

    @Override
    public int family() {
        return family;
    }

    /** Whether this IPv6 endpoint serves IPv4 too. */
    boolean dualStack() {
        return family == 6 && !options.v6Only();
    }

    @Override
    public IpEndpoint localEndpoint() {
        if (!bound) {
            return null;
        }
        return new IpEndpoint(Addrs.toAddress(localHi, localLo), localPort); // IPv4 traffic's addresses as IPv4
    }

    @Override
    public IpEndpoint remoteEndpoint() {
        return connected ? new IpEndpoint(Addrs.toAddress(remoteHi, remoteLo), remotePort) : null;
    }

    /** Whether a binding of this endpoint covers IPv4 traffic. */
    static boolean covers4(int family, boolean dual, boolean wildcard, long hi, long lo) {
        return family == 4 || (dual && (Addrs.isMapped(hi, lo) || (wildcard && hi == 0 && lo == 0)));
    }

    /** Whether a binding of this endpoint covers IPv6 traffic. */
    static boolean covers6(int family, boolean wildcard, long hi, long lo) {
        return family == 6 && !Addrs.isMapped(hi, lo);
    }

/** Whether this endpoint's binding covers IPv4 traffic. */
    boolean covers4() {
        return covers4(family, dualStack(), localWildcard, localHi, localLo);
    }

/** Whether this endpoint's binding covers IPv6 traffic. */
    boolean covers6() {
        return covers6(family, localWildcard, localHi, localLo);
    }

/** How this endpoint asked to share its address. */
    AddressSharing.Mode sharingMode() {
        return AddressSharing.mode(options.reuseAddress(), options.exclusiveAddress());
    }

    // ------------------------------------------------------------------------------------------ binding

    @Override
    public UdpStatus bind(IpEndpoint local, long now) {
        ensureOpen();
        Objects.requireNonNull(local, "local");
        if (bound) {
            throw new IllegalStateException("the endpoint is bound already, to " + localEndpoint());
        }
        IpAddress a = checkFamily(local.address(), "local address");
        return proto.bind(this, a, local.port(), now);
    }

    /** Binds to the wildcard and an ephemeral port, as the first send or connect of an unbound endpoint does. */
    UdpStatus autobind(long now) {
        return proto.bind(this, family == 4 ? Ipv4Address.ANY : Ipv6Address.ANY, 0, now);
    }

    /** Records a binding the protocol accepted. */
    void setBinding(boolean wildcard, long hi, long lo, int port, InterfaceId owner, boolean unicastSource) {
        bound = true;
        sourceBound = unicastSource;
        localWildcard = wildcard;
        localHi = hi;
        localLo = lo;
        localPort = port;
        localIface = owner;
    }

    @Override
    public UdpStatus connect(IpEndpoint remote, long now) {
        ensureOpen();
        Objects.requireNonNull(remote, "remote");
        if (remote.port() == 0) {
            throw new IllegalArgumentException("cannot connect to port 0");
        }
        IpAddress a = checkFamily(remote.address(), "peer");
        if (!bound) {
            UdpStatus b = autobind(now);
            if (!b.isOk()) {
                return b;
            }
        }
        return proto.connect(this, a, remote.port(), now);
    }

    /** Records the peer the protocol accepted, and the local address the path chose for a wildcard endpoint. */
    void setPeer(long hi, long lo, int port, long srcHi, long srcLo, InterfaceId out) {
        if (localWildcard) {
            localWildcard = false;
            localHi = srcHi;
            localLo = srcLo;
            localIface = out;
            sourceBound = true;
            addressFromConnect = true;
        }
        connected = true;
        remoteHi = hi;
        remoteLo = lo;
        remotePort = port;
        path.invalidate();
    }

    @Override
    public void disconnect(long now) {
        ensureOpen();
        connected = false;
        if (addressFromConnect) { // Linux __udp_disconnect: an address connect chose is given back
            addressFromConnect = false;
            localWildcard = true;
            localHi = 0;
            localLo = family == 4 ? Addrs.mappedLo(0) : 0;
            localIface = null;
            sourceBound = false;
        }
        path.invalidate();
    }

    /**
     * {@code a} as this endpoint may use it, or an exception: an IPv4 endpoint takes IPv4 addresses; an IPv6 one
     * IPv6 addresses, and IPv4 or v4-mapped ones only when dual-stack and not bound to a native IPv6 address.
     */
    IpAddress checkFamily(IpAddress a, String what) {
        Objects.requireNonNull(a, what);
        if (family == 4) {
            if (!(a instanceof Ipv4Address)) {
                throw new IllegalArgumentException(what + " " + a + " is not IPv4, and the endpoint is");
            }
            return a;
        }
        IpAddress u = Addrs.unmapped(a);
        boolean v4 = u instanceof Ipv4Address;
        if (v4 && !dualStack()) {
            throw new IllegalArgumentException(what + " " + a + " is IPv4, and the endpoint is IPv6-only");
        }
        if (bound && !localWildcard && v4 != Addrs.isMapped(localHi, localLo)) {
            throw new IllegalArgumentException(what + " " + a + " is of another family than the bound address");
        }
        return u;
    }

    // ------------------------------------------------------------------------------------------ sending

    @Override
    public UdpStatus send(IpEndpoint dst, MemorySegment data, long now) {
        ensureOpen();
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(data, "data");
        if (dst.port() == 0) {
            throw new IllegalArgumentException("cannot send to port 0");
        }
        IpAddress a = checkFamily(dst.address(), "destination");
        UdpStatus err = takeError();
        if (!err.isOk()) {
            return err; // Linux reports sk_err before sending (sock_alloc_send_pskb)
        }
        if (!bound) {
            UdpStatus b = autobind(now);
            if (!b.isOk()) {
                return b;
            }
        }
        return proto.sendFor(this, Addrs.hi(a), Addrs.lo(a), dst.port(), data, now);
    }

    @Override
    public UdpStatus send(MemorySegment data, long now) {
        ensureOpen();
        if (!connected) {
            throw new IllegalStateException("the endpoint is not connected: give a destination");
        }
        Objects.requireNonNull(data, "data");
        UdpStatus err = takeError();
        if (!err.isOk()) {
            return err;
        }
        return proto.sendFor(this, remoteHi, remoteLo, remotePort, data, now);
    }

    // ------------------------------------------------------------------------------------------ receiving

    /**
     * How well this endpoint matches an arriving datagram, or -1 if it must not get it: family (a native endpoint
     * before a dual-stack one), a specific local address (+2), a connected peer (+4). Highest wins (RFC 1122 §4.1.3.4
     * leaves the choice open; this is Linux's compute_score order).
     */
    int score(Arrival a) {
        if (closed || !bound) {
            return -1;
        }
        int score;
        if (a.version == 4) {
            if (family == 4) {
                score = 1;
            } else if (dualStack() && (localWildcard || Addrs.isMapped(localHi, localLo))) {
                score = 0;
            } else {
                return -1;
            }
        } else if (family == 6 && !Addrs.isMapped(localHi, localLo)) {
            score = 1;
        } else {
            return -1;
        }
        if (!localWildcard) {
            if (localHi != a.dstHi || localLo != a.dstLo) {
                return -1;
            }
            score += 2;
        }
        if (connected) {
            if (remoteHi != a.srcHi || remoteLo != a.srcLo || remotePort != a.srcPort) {
                return -1;
            }
            score += 4;
        }
        return score;
    }

    /** Whether this endpoint takes a multicast datagram that arrived on {@code in} for group {@code (hi, lo)}. */
    boolean wantsGroup(long hi, long lo, InterfaceId in) {
        if (options.multicastAll()) {
            return true; // Linux IP_MULTICAST_ALL / IPV6_MULTICAST_ALL, on by default
        }
        if (memberships == null) {
            return false;
        }
        for (Membership m : memberships) {
            if (m.iface().equals(in) && Addrs.hi(m.group()) == hi && Addrs.lo(m.group()) == lo) {
                return true;
            }
        }
        return false;
    }

    /** Whether a datagram charged {@code bytes} fits the receive buffer now. */
    boolean hasRoomFor(int bytes) {
        return queue.hasRoomFor(bytes, options.receiveBuffer());
    }

    /** Queues a datagram that {@link #hasRoomFor} admitted. <b>Takes ownership</b> of {@code data}. */
    void enqueue(PacketBuf data, Arrival a, int bytes) {
        queue.offer(data, a.srcHi, a.srcLo, a.dstHi, a.dstLo, a.ports(), a.ingress, a.tclassAndHops(), bytes);
    }

    /** Counts a datagram dropped for a full receive buffer. */
    void countDrop() {
        drops++;
    }

    @Override
    public UdpMessage receive(MemorySegment dst, long now) {
        ensureOpen();
        Objects.requireNonNull(dst, "dst");
        if (queue.isEmpty() || pendingError != null) {
            return null;
        }
        PacketBuf b = queue.headBuf();
        int n = (int) Math.min(dst.byteSize(), b.length());
        MemorySegment.copy(b.segment(), b.offset(), dst, 0, n);
        UdpMessage m = new UdpMessage(headSource(), headDestination(), queue.headIngress(), queue.headTrafficClass(),
                queue.headHopLimit(), n, b.length());
        queue.take().release();
        return m;
    }

    @Override
    public UdpDatagram receiveBuf(long now) {
        ensureOpen();
        if (queue.isEmpty() || pendingError != null) {
            return null;
        }
        IpEndpoint src = headSource();
        IpEndpoint dst = headDestination();
        InterfaceId in = queue.headIngress();
        int tclass = queue.headTrafficClass();
        int hops = queue.headHopLimit();
        return new UdpDatagram(src, dst, in, tclass, hops, queue.take());
    }

    private IpEndpoint headSource() {
        return new IpEndpoint(Addrs.toAddress(queue.headSrcHi(), queue.headSrcLo()), queue.headSrcPort());
    }

    private IpEndpoint headDestination() {
        return new IpEndpoint(Addrs.toAddress(queue.headDstHi(), queue.headDstLo()), queue.headDstPort());
    }

    @Override
    public int pending() {
        return queue.size();
    }

    @Override
    public int nextLength() {
        return queue.isEmpty() ? -1 : queue.headBuf().length();
    }

    /** Bytes charged against the receive buffer. */
    long queuedBytes() {
        return queue.charged();
    }

    // ------------------------------------------------------------------------------------------ errors

    @Override
    public UdpStatus takeError() {
        UdpStatus e = pendingError;
        pendingError = null;
        return e == null ? UdpStatus.OK : e;
    }

    /** Leaves an error for the next send, receive or {@link #takeError}. */
    void setPendingError(UdpStatus status) {
        pendingError = status;
    }

    // ------------------------------------------------------------------------------------------ multicast

    @Override
    public UdpStatus joinGroup(IpAddress group, InterfaceId iface, long now) {
        ensureOpen();
        IpAddress g = checkGroup(group, iface);
        Membership m = new Membership(g, iface);
        if (memberships != null && memberships.contains(m)) {
            return UdpStatus.ALREADY_MEMBER;
        }
        if (memberships == null) {
            memberships = new ArrayList<>(2);
        }
        proto.join(compartment, g, iface, now);
        memberships.add(m);
        return UdpStatus.OK;
    }

    @Override
    public UdpStatus leaveGroup(IpAddress group, InterfaceId iface, long now) {
        ensureOpen();
        IpAddress g = checkGroup(group, iface);
        if (memberships == null || !memberships.remove(new Membership(g, iface))) {
            return UdpStatus.NOT_MEMBER;
        }
        proto.leave(compartment, g, iface, now);
        return UdpStatus.OK;
    }

    private IpAddress checkGroup(IpAddress group, InterfaceId iface) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(iface, "iface");
        IpAddress g = checkFamily(group, "group");
        if (!Addrs.isMulticast(Addrs.hi(g), Addrs.lo(g))) {
            throw new IllegalArgumentException(group + " is not a multicast address");
        }
        proto.checkInterface(compartment, iface);
        return g;
    }

    @Override
    public List<Membership> memberships() {
        return memberships == null ? List.of() : List.copyOf(memberships);
    }

    // ------------------------------------------------------------------------------------------ options

    @Override
    public UdpOptions options() {
        return options;
    }

    @Override
    public void setOptions(UdpOptions o, long now) {
        ensureOpen();
        Objects.requireNonNull(o, "options");
        if (bound && (o.v6Only() != options.v6Only() || o.reuseAddress() != options.reuseAddress()
                || o.exclusiveAddress() != options.exclusiveAddress())) {
            throw new IllegalStateException("v6Only, reuseAddress and exclusiveAddress are set before bind");
        }
        if (o.multicastInterface() != null) {
            proto.checkInterface(compartment, o.multicastInterface());
        }
        options = o;
        path.invalidate();
    }

    @Override
    public UdpHandler handler() {
        return handler;
    }

    @Override
    public void setHandler(UdpHandler h) {
        this.handler = Objects.requireNonNull(h, "handler");
    }

    // ------------------------------------------------------------------------------------------ closing

    @Override
    public void close(long now) {
        if (closed) {
            return;
        }
        if (memberships != null) {
            for (Membership m : memberships) {
                proto.leave(compartment, m.group(), m.iface(), now);
            }
            memberships = null;
        }
        if (bound) {
            proto.unbind(this);
        }
        closed = true;
        queue.clear();
        proto.closed(this);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the endpoint is closed");
        }
    }

    /** A snapshot row for the endpoint table. */
    UdpEndpointInfo info() {
        return new UdpEndpointInfo(compartment, localEndpoint(), remoteEndpoint(), dualStack(), queue.size(),
                queue.charged(), options.receiveBuffer(), drops);
    }

    @Override
    public String toString() {
        return "udp[" + (bound ? localEndpoint() : "unbound") + (connected ? " -> " + remoteEndpoint() : "")
                + (closed ? " closed" : "") + "]";
    }
}
