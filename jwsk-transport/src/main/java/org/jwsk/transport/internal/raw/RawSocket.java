package org.jwsk.transport.internal.raw;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.SendStatus;
import org.jwsk.transport.RawEndpoint;
import org.jwsk.transport.RawHandler;
import org.jwsk.transport.RawMessage;
import org.jwsk.transport.RawOptions;
import org.jwsk.transport.RawPacket;
import org.jwsk.transport.internal.udp.Addrs;
import org.jwsk.transport.internal.udp.DatagramQueue;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;

/**
 * A raw endpoint's state: its protocol and family, the local and remote address filters (in {@link Addrs}' 128-bit
 * form), options, and receive queue. {@link RawProtocol} delivers to it and sends for it.
 *
 * <p>Owned by the stack's thread; see {@link RawEndpoint} for the contract.
 */
final class RawSocket implements RawEndpoint {

    private final RawProtocol proto;
    private final CompartmentId compartment;
    private final int family;
    private final int protocol;
    private final DatagramQueue queue = new DatagramQueue();
    private RawOptions options;
    private RawHandler handler;
    private boolean closed;
    boolean bound;
    long localHi;
    long localLo;
    InterfaceId localIface;
    boolean connected;
    long remoteHi;
    long remoteLo;

    RawSocket(RawProtocol proto, CompartmentId compartment, int family, int protocol, RawOptions options,
              RawHandler handler) {
        this.proto = proto;
        this.compartment = compartment;
        this.family = family;
        this.protocol = protocol;
        this.options = check(family, Objects.requireNonNull(options, "options"));
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    static RawOptions check(int family, RawOptions o) {
        if (family == 6 && o.headerIncluded()) {
            throw new IllegalArgumentException("IP_HDRINCL is for IPv4 endpoints (RFC 3542 §3 has none for IPv6)");
        }
        if (family == 4 && o.checksumOffset() >= 0) {
            throw new IllegalArgumentException("IPV6_CHECKSUM is for IPv6 endpoints");
        }
        return o;
    }

    @Override
    public CompartmentId compartment() {
        return compartment;
    }

    @Override
    public int family() {
        return family;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public IpAddress localAddress() {
        return bound ? Addrs.toAddress(localHi, localLo) : null;
    }

    @Override
    public IpAddress remoteAddress() {
        return connected ? Addrs.toAddress(remoteHi, remoteLo) : null;
    }

    /** The checksum offset for IPv6: 2 for ICMPv6 (RFC 3542 §3.1), the option otherwise, -1 for IPv4. */
    int checksumOffset() {
        return family == 4 ? -1 : protocol == IpProtocol.ICMPV6 ? 2 : options.checksumOffset();
    }

    IpAddress checkFamily(IpAddress a, String what) {
        Objects.requireNonNull(a, what);
        if (a.version() != family || (a.version() == 6 && Addrs.isMapped(Addrs.hi(a), Addrs.lo(a)))) {
            throw new IllegalArgumentException(what + " " + a + " is not of the endpoint's family (IPv" + family
                    + "; raw endpoints are never dual-stack)");
        }
        return a;
    }

    @Override
    public boolean bind(IpAddress local, long now) {
        ensureOpen();
        checkFamily(local, "local address");
        InterfaceId owner = proto.owner(compartment, local);
        boolean group = local.isMulticast() || (local instanceof Ipv4Address v4 && v4.isLimitedBroadcast());
        if (owner == null && !local.isUnspecified() && !group) {
            return false; // Linux raw_bind: a local, multicast or broadcast address (EADDRNOTAVAIL)
        }
        bound = !local.isUnspecified();
        localHi = Addrs.hi(local);
        localLo = Addrs.lo(local);
        localIface = owner;
        return true;
    }

    @Override
    public void connect(IpAddress remote, long now) {
        ensureOpen();
        checkFamily(remote, "remote address");
        connected = true;
        remoteHi = Addrs.hi(remote);
        remoteLo = Addrs.lo(remote);
    }

    @Override
    public void disconnect(long now) {
        ensureOpen();
        connected = false;
    }

    @Override
    public SendStatus send(IpAddress dst, MemorySegment data, long now) {
        ensureOpen();
        checkFamily(dst, "destination");
        Objects.requireNonNull(data, "data");
        return proto.send(this, dst, data, now);
    }

    @Override
    public SendStatus send(MemorySegment data, long now) {
        ensureOpen();
        if (!connected) {
            throw new IllegalStateException("the endpoint is not connected: give a destination");
        }
        return send(Addrs.toAddress(remoteHi, remoteLo), data, now);
    }

    /**
     * Whether a delivered packet passes this endpoint's filters: compartment and family, bound destination,
     * connected source, and for ICMPv6 the type filter ({@code icmpType} -1 when the message is empty, which the
     * filter blocks, as Linux's).
     */
    boolean matches(int version, CompartmentId c, long sHi, long sLo, long dHi, long dLo, int icmpType) {
        if (closed || version != family || !compartment.equals(c)) {
            return false;
        }
        if ((bound && (localHi != dHi || localLo != dLo)) || (connected && (remoteHi != sHi || remoteLo != sLo))) {
            return false;
        }
        if (family == 6 && protocol == IpProtocol.ICMPV6) {
            return icmpType >= 0 && options.icmpv6Filter().passes(icmpType);
        }
        return true;
    }

    boolean hasRoomFor(int bytes) {
        return queue.hasRoomFor(bytes, options.receiveBuffer());
    }

    /** Queues a packet copy. <b>Takes ownership</b> of {@code data}. */
    void enqueue(PacketBuf data, long sHi, long sLo, long dHi, long dLo, InterfaceId in, int tclassAndHops,
                 int bytes) {
        queue.offer(data, sHi, sLo, dHi, dLo, 0, in, tclassAndHops, bytes);
    }

    @Override
    public RawMessage receive(MemorySegment dst, long now) {
        ensureOpen();
        Objects.requireNonNull(dst, "dst");
        if (queue.isEmpty()) {
            return null;
        }
        PacketBuf b = queue.headBuf();
        int n = (int) Math.min(dst.byteSize(), b.length());
        MemorySegment.copy(b.segment(), b.offset(), dst, 0, n);
        RawMessage m = new RawMessage(Addrs.toAddress(queue.headSrcHi(), queue.headSrcLo()),
                Addrs.toAddress(queue.headDstHi(), queue.headDstLo()), queue.headIngress(), queue.headTrafficClass(),
                queue.headHopLimit(), n, b.length());
        queue.take().release();
        return m;
    }

    @Override
    public RawPacket receiveBuf(long now) {
        ensureOpen();
        if (queue.isEmpty()) {
            return null;
        }
        IpAddress src = Addrs.toAddress(queue.headSrcHi(), queue.headSrcLo());
        IpAddress dst = Addrs.toAddress(queue.headDstHi(), queue.headDstLo());
        InterfaceId in = queue.headIngress();
        int tclass = queue.headTrafficClass();
        int hops = queue.headHopLimit();
        return new RawPacket(src, dst, in, tclass, hops, queue.take());
    }

    @Override
    public int pending() {
        return queue.size();
    }

    @Override
    public int nextLength() {
        return queue.isEmpty() ? -1 : queue.headBuf().length();
    }

    @Override
    public RawOptions options() {
        return options;
    }

    @Override
    public void setOptions(RawOptions o, long now) {
        ensureOpen();
        options = check(family, Objects.requireNonNull(o, "options"));
    }

    @Override
    public RawHandler handler() {
        return handler;
    }

    @Override
    public void setHandler(RawHandler h) {
        this.handler = Objects.requireNonNull(h, "handler");
    }

    @Override
    public void close(long now) {
        if (closed) {
            return;
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

    @Override
    public String toString() {
        return "raw[v" + family + " proto " + protocol + (bound ? " " + localAddress() : "")
                + (connected ? " <- " + remoteAddress() : "") + (closed ? " closed" : "") + "]";
    }
}
