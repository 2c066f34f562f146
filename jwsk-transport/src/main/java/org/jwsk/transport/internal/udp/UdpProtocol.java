package org.jwsk.transport.internal.udp;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.IcmpErrorReport;
import org.jwsk.net.InterfaceAddress;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.InterfaceInfo;
import org.jwsk.net.IpRx;
import org.jwsk.net.NetStack;
import org.jwsk.net.TransportHandler;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpConfig;
import org.jwsk.transport.UdpCounter;
import org.jwsk.transport.UdpDatagram;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpEndpointInfo;
import org.jwsk.transport.UdpError;
import org.jwsk.transport.UdpForwarder;
import org.jwsk.transport.UdpHandler;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.UdpStatus;
import org.jwsk.transport.UdpTransport;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.udp.UdpLayout;
import org.jwsk.wire.udp.UdpView;

/**
 * UDP (RFC 768, RFC 1122 §4.1, RFC 8085) for both families of one stack: protocol 17's {@link TransportHandler} and
 * the {@link UdpTransport} endpoints are opened from. Install it with {@link #install}.
 *
 * <h2>Receiving</h2>
 * A datagram's header and checksum are checked first (RFC 768; a zero checksum means none over IPv4 and is an error
 * over IPv6, RFC 8200 §8.1: the RFC 6935/6936 zero-checksum tunnels are not supported; a link that verified checksums
 * spares the work). Then one demultiplexer serves both families ({@link PortTable}, addresses in {@link Addrs}'
 * 128-bit form): a unicast datagram goes to the best-matching endpoint (connected peer, then bound address, then
 * wildcard, then a dual-stack wildcard for IPv4; {@link UdpSocket#score}); a broadcast or multicast one to every
 * matching endpoint, each a retained slice of the same buffer (RFC 1122 §4.1.3.5). A unicast datagram no endpoint
 * wants goes to the {@link UdpForwarder} if one is installed; else {@link #onPacket} returns false and the IP layer
 * answers with a port unreachable under its rules (RFC 1122 §4.1.3.1).
 *
 * <h2>Sending</h2>
 * See {@link UdpOutput}: source selection per datagram, checksums always computed (RFC 8085 §3.4.1; a computed
 * zero goes out as 0xffff, RFC 768), broadcast only with SO_BROADCAST, multicast with its own hop limit, interface
 * and loopback.
 *
 * <h2>ICMP errors</h2>
 * An error is matched to the endpoint that sent the datagram it quotes (RFC 1122 §4.1.3.3). Connected endpoints hear
 * of every error ({@link UdpHandler#onError}) and keep hard ones (port and protocol unreachable, administratively
 * prohibited, parameter problems; packet-too-big with don't-fragment) as a pending error, as Linux does without
 * IP_RECVERR; unconnected ones hear of errors only with {@link UdpOptions#receiveErrors()}.
 *
 * <p><b>Threads.</b> The stack's thread only. Events are fired after the datagram or error that caused them is fully
 * processed, so handlers may call back into any endpoint.
 */
public final class UdpProtocol implements TransportHandler, UdpTransport {

    private final NetStack stack;
    private final UdpConfig config;
    private final RandomGenerator random;
    private final CounterSet<UdpCounter> counters = CounterSet.of("udp", UdpCounter.class);
    private final PortTable table = new PortTable();
    private final UdpOutput output;
    private final UdpView view = new UdpView();
    private final Arrival arrival = new Arrival();
    private final List<UdpSocket> ready = new ArrayList<>();
    private final List<UdpSocket> open = new ArrayList<>();
    private final Map<GroupKey, Integer> groups = new HashMap<>();
    private final DatagramFilter.DatagramFields fields = new DatagramFilter.DatagramFields();
    private DatagramFilter filter = DatagramFilter.PERMIT_ALL;
    private UdpForwarder forwarder;
    private boolean closed;

    /** A group joined on an interface, with how many endpoints joined it: multicast loopback asks. */
    private record GroupKey(InterfaceId iface, long hi, long lo) {
    }

    private UdpProtocol(NetStack stack, UdpConfig config, RandomGenerator random) {
        this.stack = stack;
        this.config = config;
        this.random = random;
        this.output = new UdpOutput(this, stack);
    }

    /**
     * Creates UDP for {@code stack}: registers it as protocol 17 and its counters as the set {@code udp}, and listens
     * to route changes (to refresh cached paths).
     *
     * @param random where ephemeral ports come from: seeded in tests, secure in production (RFC 6056 §3.3.1)
     * @throws IllegalStateException if the stack has a UDP handler already
     */
    public static UdpProtocol install(NetStack stack, UdpConfig config, RandomGenerator random) {
        Objects.requireNonNull(stack, "stack");
        UdpProtocol p = new UdpProtocol(stack, Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(random, "random"));
        stack.registerTransport(IpProtocol.UDP, p);
        stack.counters().register(p.counters);
        stack.addRouteListener((c, route, change) -> p.output.routesChanged());
        return p;
    }

    /** Installs the hook the filtering platform classifies datagrams, binds and connects through. */
    public void setFilter(DatagramFilter f) {
        this.filter = Objects.requireNonNull(f, "filter");
    }

/** The filter in force (the send path asks it). */
    DatagramFilter filter() {
        return filter;
    }

/** The reusable fields the filter is given. */
    DatagramFilter.DatagramFields fields() {
        return fields;
    }

    // ------------------------------------------------------------------------------------------ the API

    @Override
    public UdpEndpoint open(CompartmentId compartment, int family, UdpOptions options, UdpHandler handler) {
        ensureOpen();
        Objects.requireNonNull(compartment, "compartment");
        if (family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 4 or 6, not " + family);
        }
        if (!stack.compartments().contains(compartment)) {
            throw new IllegalArgumentException("no " + compartment + " in this stack");
        }
        if (options.multicastInterface() != null) {
            checkInterface(compartment, options.multicastInterface());
        }
        UdpSocket s = new UdpSocket(this, compartment, family, options, handler);
        open.add(s);
        return s;
    }

    @Override
    public void setForwarder(UdpForwarder f) {
        this.forwarder = f;
    }

    @Override
    public UdpStatus sendFrom(CompartmentId compartment, IpEndpoint from, IpEndpoint to, MemorySegment data,
                              int trafficClass, long now) {
        ensureOpen();
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(data, "data");
        IpAddress src = Addrs.unmapped(from.address());
        IpAddress dst = Addrs.unmapped(to.address());
        if (src.version() != dst.version() || src.isUnspecified() || to.port() == 0) {
            throw new IllegalArgumentException("a reply needs a specific source of the destination's family and a "
                    + "destination port: " + from + " -> " + to);
        }
        if (trafficClass < 0 || trafficClass > 255) {
            throw new IllegalArgumentException("traffic class must be 0-255, not " + trafficClass);
        }
        return output.sendFrom(compartment, src, from.port(), dst, to.port(), data, trafficClass, now);
    }

    @Override
    public List<UdpEndpointInfo> endpoints() {
        return table.bound().stream().map(UdpSocket::info).toList();
    }

    @Override
    public CounterSet<UdpCounter> counters() {
        return counters;
    }

    @Override
    public UdpConfig config() {
        return config;
    }

    @Override
    public void close(long now) {
        if (closed) {
            return;
        }
        for (UdpSocket s : List.copyOf(open)) {
            s.close(now);
        }
        closed = true;
    }

    /** Whether {@link #close} ran. */
    public boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("UDP is closed");
        }
    }

    // ------------------------------------------------------------------------------------------ binding

    /** Binds {@code s} to {@code a} (unmapped, checked for family) and {@code port} (0: ephemeral). */
    UdpStatus bind(UdpSocket s, IpAddress a, int port, long now) {
        boolean wildcard = a.isUnspecified();
        long hi = Addrs.hi(a);
        long lo = Addrs.lo(a);
        LocalAddress local = null;
        if (!wildcard) {
            local = localAddress(s.compartment(), a);
            if (local == null) {
                return UdpStatus.ADDRESS_NOT_AVAILABLE;
            }
        }
        int p = port;
        if (p == 0) {
            p = table.ephemeral(s.compartment(), config.ephemeralLow(), config.ephemeralHigh(), random);
            if (p < 0) {
                return UdpStatus.PORTS_EXHAUSTED;
            }
        } else {
            UdpStatus v = table.check(s, wildcard, hi, lo, p);
            if (!v.isOk()) {
                return v;
            }
        }
        if (filter != DatagramFilter.PERMIT_ALL
                && !filter.permitBind(s.compartment(), IpProtocol.UDP, new IpEndpoint(a, p))) {
            return UdpStatus.FILTERED;
        }
        s.setBinding(wildcard, hi, lo, p, local == null ? null : local.owner, local != null && local.unicast);
        table.add(s);
        return UdpStatus.OK;
    }

    /**
     * An address an endpoint may bind: whose it is (null for a group or a limited broadcast), and whether it is a
     * unicast address (the source of what the endpoint sends).
     */
    private record LocalAddress(InterfaceId owner, boolean unicast) {
    }

    /**
     * Whether {@code a} may be bound in {@code c}: an address of one of its interfaces, a multicast group, or (IPv4)
     * the limited broadcast address or an interface's subnet-directed broadcast address (as Linux allows).
     */
    private LocalAddress localAddress(CompartmentId c, IpAddress a) {
        if (a.isMulticast() || (a instanceof Ipv4Address v4 && v4.isLimitedBroadcast())) {
            return new LocalAddress(null, false);
        }
        for (InterfaceInfo i : stack.interfaces(c)) {
            for (InterfaceAddress x : a.version() == 4 ? i.ipv4() : i.ipv6()) {
                if (x.address().equals(a)) {
                    return new LocalAddress(i.id(), true);
                }
                if (a instanceof Ipv4Address v4 && x.prefixLength() < 31 && UdpOutput.broadcastOf(x) == v4.value()) {
                    return new LocalAddress(i.id(), false);
                }
            }
        }
        return null;
    }

    /** Connects a bound endpoint to {@code a} (unmapped, checked) and {@code port}. */
    UdpStatus connect(UdpSocket s, IpAddress a, int port, long now) {
        long hi = Addrs.hi(a);
        long lo = Addrs.lo(a);
        if (!output.path(s, hi, lo, now)) {
            return UdpStatus.NO_ROUTE; // Linux ip4_datagram_connect: ENETUNREACH without a route
        }
        long srcHi = s.sourceBound ? s.localHi : s.path.srcHi;
        long srcLo = s.sourceBound ? s.localLo : s.path.srcLo;
        if (filter != DatagramFilter.PERMIT_ALL && !filter.permitConnect(s.compartment(), IpProtocol.UDP,
                new IpEndpoint(Addrs.toAddress(srcHi, srcLo), s.localPort), new IpEndpoint(a, port))) {
            return UdpStatus.FILTERED;
        }
        s.setPeer(hi, lo, port, srcHi, srcLo, s.path.out);
        return UdpStatus.OK;
    }

/** An endpoint is closing: its port is free again. */
    void unbind(UdpSocket s) {
        table.remove(s);
    }

/** An endpoint closed. */
    void closed(UdpSocket s) {
        open.remove(s);
    }

    /** Sends for an endpoint; see {@link UdpOutput#send}. */
    UdpStatus sendFor(UdpSocket s, long dstHi, long dstLo, int dstPort, MemorySegment data, long now) {
        return output.send(s, dstHi, dstLo, dstPort, data, now);
    }

    // ------------------------------------------------------------------------------------------ multicast

    /** Throws unless {@code iface} is an interface of {@code c}. */
    void checkInterface(CompartmentId c, InterfaceId iface) {
        if (!stack.compartmentOf(iface).equals(c)) {
            throw new IllegalArgumentException(iface + " is not in " + c);
        }
    }

    /** One more endpoint membership: the interface joins (counted by the stack, reported on the first). */
    void join(CompartmentId c, IpAddress group, InterfaceId iface, long now) {
        stack.joinGroup(iface, group, now);
        groups.merge(new GroupKey(iface, Addrs.hi(group), Addrs.lo(group)), 1, Integer::sum);
    }

    /** One membership fewer. */
    void leave(CompartmentId c, IpAddress group, InterfaceId iface, long now) {
        stack.leaveGroup(iface, group, now);
        groups.computeIfPresent(new GroupKey(iface, Addrs.hi(group), Addrs.lo(group)), (k, n) -> n == 1 ? null : n - 1);
    }

    /**
     * Whether some endpoint joined {@code (hi, lo)} on {@code iface}, or it is an all-hosts / all-nodes group every
     * interface listens to: the condition for looping a sent multicast datagram back.
     */
    boolean joined(InterfaceId iface, long hi, long lo) {
        if ((hi == 0 && lo == Addrs.mappedLo(0xe000_0001)) || (hi == 0xff02_0000_0000_0000L && lo == 1)) {
            return true;
        }
        return groups.containsKey(new GroupKey(iface, hi, lo));
    }

    // ------------------------------------------------------------------------------------------ receiving

    @Override
    public boolean onPacket(IpRx rx, PacketBuf payload, long now) {
        counters.increment(UdpCounter.IN_RECEIVES);
        if (closed) {
            counters.increment(UdpCounter.NO_PORTS);
            return false;
        }
        DropReason r = UdpView.check(payload.segment(), payload.offset(), payload.length());
        if (r.isDrop()) {
            return inError(payload, UdpCounter.IN_HDR_ERRORS);
        }
        view.wrap(payload.segment(), payload.offset(), payload.length());
        if (rx.version() == 6 && view.checksum() == UdpLayout.NO_CHECKSUM) {
            return inError(payload, UdpCounter.IN_CSUM_ERRORS); // RFC 8200 §8.1; RFC 6936 exceptions unsupported
        }
        if (!rx.checksumVerified()
                && view.verifyChecksum(rx.pseudoHeaderSum(view.udpLength()), rx.version() == 6).isDrop()) {
            return inError(payload, UdpCounter.IN_CSUM_ERRORS); // RFC 1122 §4.1.3.4: silently discarded
        }
        Arrival a = arrival.from(rx, view.srcPort(), view.dstPort());
        if (a.version == 6 && (Addrs.isMapped(a.srcHi, a.srcLo) || Addrs.isMapped(a.dstHi, a.dstLo))) {
            return inError(payload, UdpCounter.IN_HDR_ERRORS); // RFC 4291 §2.5.5.2: never on the wire
        }
        int dataLength = view.payloadLength();
        return a.group ? deliverGroup(a, payload, dataLength, true, now) : deliverUnicast(a, payload, dataLength, now);
    }

    private boolean inError(PacketBuf payload, UdpCounter reason) {
        counters.increment(reason);
        counters.increment(UdpCounter.IN_ERRORS);
        payload.release();
        return true;
    }

    /** Trims {@code payload} (from the UDP header) to the datagram's data. */
    private static void toData(PacketBuf payload, int dataLength) {
        payload.trimFront(UdpLayout.HEADER_LENGTH);
        payload.setLength(dataLength);
    }

    private boolean deliverUnicast(Arrival a, PacketBuf payload, int dataLength, long now) {
        UdpSocket best = null;
        int bestScore = -1;
        List<UdpSocket> bucket = table.bucket(a.compartment, a.dstPort);
        if (bucket != null) {
            for (int i = 0, n = bucket.size(); i < n; i++) {
                UdpSocket s = bucket.get(i);
                int score = s.score(a);
                if (score > bestScore) { // ties: the first, the newest bound
                    best = s;
                    bestScore = score;
                }
            }
        }
        if (best == null) {
            return forward(a, payload, dataLength, now);
        }
        int charge = payload.capacity();
        toData(payload, dataLength);
        if (!permitIn(best, a, payload)) {
            return inError(payload, UdpCounter.IN_FILTERED);
        }
        if (!best.hasRoomFor(charge)) {
            best.countDrop();
            return inError(payload, UdpCounter.RCVBUF_ERRORS);
        }
        best.enqueue(payload, a, charge);
        counters.increment(UdpCounter.IN_DATAGRAMS);
        best.handler().onReadable(best, now);
        return true;
    }

    /**
     * A broadcast or multicast datagram: a copy for every endpoint that matches (and, for multicast, wants the
     * group), each a retained slice of the one buffer; the last receiver gets the buffer itself. <b>Takes
     * ownership</b> of {@code payload}.
     *
     * @param atHeader whether {@code payload} starts at the UDP header (from the wire) or at the data (looped back)
     */
    private boolean deliverGroup(Arrival a, PacketBuf payload, int dataLength, boolean atHeader, long now) {
        int start = ready.size();
        List<UdpSocket> bucket = table.bucket(a.compartment, a.dstPort);
        if (bucket != null) {
            for (int i = 0, n = bucket.size(); i < n; i++) {
                UdpSocket s = bucket.get(i);
                if (s.score(a) >= 0 && (!a.multicast || s.wantsGroup(a.dstHi, a.dstLo, a.ingress))) {
                    ready.add(s);
                }
            }
        }
        if (ready.size() == start) {
            counters.increment(UdpCounter.IGNORED_MULTI);
            payload.release();
            return true;
        }
        int charge = payload.capacity();
        if (atHeader) {
            toData(payload, dataLength);
        }
        int accepted = start;
        for (int i = start, n = ready.size(); i < n; i++) {
            UdpSocket s = ready.get(i);
            if (!permitIn(s, a, payload)) {
                counters.increment(UdpCounter.IN_FILTERED);
            } else if (!s.hasRoomFor(charge)) {
                s.countDrop();
                counters.increment(UdpCounter.RCVBUF_ERRORS);
            } else {
                ready.set(accepted++, s);
            }
        }
        truncate(accepted);
        if (accepted == start) {
            counters.increment(UdpCounter.IN_ERRORS);
            payload.release();
            return true;
        }
        for (int i = start; i < accepted; i++) {
            PacketBuf copy = i == accepted - 1 ? payload : payload.retainedSlice(0, payload.length());
            ready.get(i).enqueue(copy, a, charge);
        }
        counters.increment(UdpCounter.IN_DATAGRAMS);
        fireReadable(start, now);
        return true;
    }

    /** Fires onReadable for the endpoints queued from {@code start}, then forgets them (nesting-safe). */
    private void fireReadable(int start, long now) {
        for (int i = start; i < ready.size(); i++) {
            UdpSocket s = ready.get(i);
            if (!s.isClosed()) {
                s.handler().onReadable(s, now);
            }
        }
        truncate(start);
    }

    private void truncate(int size) {
        while (ready.size() > size) {
            ready.removeLast();
        }
    }

    private boolean permitIn(UdpSocket s, Arrival a, PacketBuf data) {
        if (filter == DatagramFilter.PERMIT_ALL) {
            return true;
        }
        fields.set(true, a.version, IpProtocol.UDP, a.compartment, a.ingress, a.dstHi, a.dstLo, a.dstPort, a.srcHi,
                a.srcLo, a.srcPort);
        return filter.permitDatagram(fields, data.segment(), data.offset(), data.length());
    }

    /** A unicast datagram no endpoint wants: the forwarder's, or refused (the IP layer sends port unreachable). */
    private boolean forward(Arrival a, PacketBuf payload, int dataLength, long now) {
        UdpForwarder f = forwarder;
        if (f == null) {
            counters.increment(UdpCounter.NO_PORTS);
            return false;
        }
        int headroom = (int) payload.offset();
        int length = payload.length();
        toData(payload, dataLength);
        UdpDatagram d = new UdpDatagram(new IpEndpoint(Addrs.toAddress(a.srcHi, a.srcLo), a.srcPort),
                new IpEndpoint(Addrs.toAddress(a.dstHi, a.dstLo), a.dstPort), a.ingress, a.trafficClass, a.hopLimit,
                payload);
        if (f.onDatagram(d, now)) {
            counters.increment(UdpCounter.FORWARDED);
            counters.increment(UdpCounter.IN_DATAGRAMS);
            return true;
        }
        payload.reset(headroom, length); // refused: the datagram goes back to the IP layer as it came
        counters.increment(UdpCounter.NO_PORTS);
        return false;
    }

    /**
     * Delivers a datagram this host sent to a group or broadcast address it also listens to (multicast loopback,
     * broadcast loopback), as if it had arrived on {@code a.ingress}. <b>Takes ownership</b> of {@code data} (the
     * datagram's data only).
     */
    void loopBack(Arrival a, PacketBuf data, long now) {
        counters.increment(UdpCounter.MULTICAST_LOOPED);
        counters.increment(UdpCounter.IN_RECEIVES);
        deliverGroup(a, data, data.length(), false, now);
    }

    // ------------------------------------------------------------------------------------------ ICMP errors

    @Override
    public void onIcmpError(IcmpErrorReport report, long now) {
        int ourPort = report.srcPort();
        int theirPort = report.dstPort();
        if (closed || ourPort < 0 || theirPort < 0) {
            return; // fewer than 4 bytes of the UDP header quoted: nothing to match (RFC 1122 §4.1.3.3)
        }
        if (report.kind() == IcmpErrorReport.Kind.PACKET_TOO_BIG) {
            output.routesChanged(); // the path MTU changed: cached paths carry the old one
        }
        Arrival a = new Arrival();
        a.version = report.version();
        a.compartment = report.compartment();
        a.srcHi = Addrs.hi(report.dst());
        a.srcLo = Addrs.lo(report.dst());
        a.srcPort = theirPort;
        a.dstHi = Addrs.hi(report.src());
        a.dstLo = Addrs.lo(report.src());
        a.dstPort = ourPort;
        UdpSocket s = bestMatch(a);
        if (s == null || (!s.connected && !s.options().receiveErrors())) {
            return; // Linux __udp4_lib_err: unconnected sockets without IP_RECVERR hear nothing
        }
        boolean pending = s.connected && hard(report, s.options().dontFragment());
        UdpError e = new UdpError(report.kind(), new IpEndpoint(report.dst(), theirPort), report.reporter(),
                report.info(), report.type(), report.code(), pending);
        if (pending) {
            s.setPendingError(e.status());
        }
        counters.increment(UdpCounter.ICMP_ERRORS);
        s.handler().onError(s, e, now);
    }

    private UdpSocket bestMatch(Arrival a) {
        List<UdpSocket> bucket = table.bucket(a.compartment, a.dstPort);
        UdpSocket best = null;
        int bestScore = -1;
        if (bucket != null) {
            for (UdpSocket s : bucket) {
                int score = s.score(a);
                if (score > bestScore) {
                    best = s;
                    bestScore = score;
                }
            }
        }
        return best;
    }

    /**
     * Whether an error is hard, so that a connected endpoint keeps it pending: Linux's icmp_err_convert and
     * icmpv6_err_convert "fatal" entries (port and protocol unreachable, prohibited, unknown network or host,
     * parameter problems), and packet-too-big when the endpoint forbids fragmentation.
     */
    private static boolean hard(IcmpErrorReport r, boolean dontFragment) {
        return switch (r.kind()) {
            case PORT_UNREACHABLE, PROTOCOL_UNREACHABLE, PARAMETER_PROBLEM -> true;
            case PACKET_TOO_BIG -> dontFragment;
            case TIME_EXCEEDED -> false;
            case UNREACHABLE -> r.version() == 4 ? switch (r.code()) {
                case 6, 7, 8, 9, 10, 13, 14, 15 -> true; // unknown net/host, isolated, prohibited, filtered
                default -> false;
            } : switch (r.code()) {
                case 1, 5, 6 -> true; // administratively prohibited, source policy failed, reject route
                default -> false;
            };
        };
    }

    // ------------------------------------------------------------------------------------------ for the output

/** The counters, for the send path. */
    CounterSet<UdpCounter> counterSet() {
        return counters;
    }
}
