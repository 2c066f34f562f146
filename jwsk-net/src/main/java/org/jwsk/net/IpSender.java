package org.jwsk.net;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.LinkCaps;
import org.jwsk.net.internal.DestinationSelection;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.Paths;
import org.jwsk.net.internal.StackCore;
import org.jwsk.net.internal.neighbor.Reachability;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.ethernet.EthernetLayout;

/**
 * How transports send IP packets and learn paths: the IP layer's downward interface, shared by both families.
 * Obtained from {@link NetStack#ip()}.
 *
 * <p><b>Threads.</b> The stack's thread only. <b>Buffers.</b> {@code send} methods take ownership of the payload,
 * whatever the outcome; build payloads with at least {@link #headroom()} bytes in front.
 */
public final class IpSender {

    /**
     * The hop limit that asks for the default of the interface the packet leaves by: the IPv6 layer resolves it, once
     * the route is chosen, to that interface's CurHopLimit (RFC 4861 §6.3.2), which starts at {@link
     * NetConfig#defaultHopLimit()} and follows the Cur Hop Limit routers advertise on its link (§6.3.4). The value
     * -1 is the one the sockets API gives the same meaning (RFC 3493 §5.1 IPV6_UNICAST_HOPS; Linux resolves it per
     * route likewise). Multicast gets no special default here: the sockets' default of 1 (RFC 3493 §5.2) is the
     * transport's to pass explicitly.
     */
    public static final int DEFAULT_HOP_LIMIT = -1;

    private final StackCore core;

    IpSender(StackCore core) {
        this.core = core;
    }

    /**
     * The headroom a transport must leave in front of its header for the IP and link headers: an IPv6 header with
     * a fragment header, an Ethernet header with two VLAN tags, and any driver headroom.
     */
    public int headroom() {
        return 40 + 8 + EthernetLayout.MAX_HEADER_LENGTH + LinkCaps.MAX_DRIVER_HEADROOM;
    }

    /** The TTL of IPv4 packets this stack originates. */
    public int defaultTtl() {
        return core.config().defaultTtl();
    }

    /**
     * The stack-wide starting value of every interface's CurHopLimit ({@link NetConfig#defaultHopLimit()}). A router
     * advertisement may change an interface's; to send with whatever the outgoing interface's is, pass {@link
     * #DEFAULT_HOP_LIMIT}.
     */
    public int defaultHopLimit() {
        return core.config().defaultHopLimit();
    }

    /**
     * Sends an IPv4 datagram with {@code payload} (a transport header and data) as its body. <b>Takes ownership.</b>
     *
     * @param src 0 to let the stack choose
     * @param tos DSCP and ECN
     */
    public SendStatus sendV4(CompartmentId compartment, int src, int dst, int protocol, int ttl, int tos,
                             boolean dontFragment, PacketBuf payload, long now) {
        return core.ipv4().send(core.compartment(compartment), src, dst, protocol, ttl, tos, dontFragment, payload, now);
    }

    /**
     * Sends an IPv4 datagram out of a chosen interface: a multicast or limited-broadcast destination leaves through
     * {@code via} with no route lookup, as a socket's {@code IP_MULTICAST_IF} (or the interface of its bound source
     * address) makes it in Linux. For other destinations, or a null {@code via}, this is {@link #sendV4(CompartmentId,
     * int, int, int, int, int, boolean, PacketBuf, long)}. <b>Takes ownership.</b>
     *
     * @param via the outgoing interface for multicast and limited broadcast, or null; one of another compartment gives
     *            {@link SendStatus#NO_ROUTE}
     * @param src 0 to let the stack choose (on {@code via})
     */
    public SendStatus sendV4(CompartmentId compartment, InterfaceId via, int src, int dst, int protocol, int ttl,
                             int tos, boolean dontFragment, PacketBuf payload, long now) {
        Nic viaNic = via == null ? null : core.nic(via);
        return core.ipv4().send(core.compartment(compartment), viaNic, src, dst, protocol, ttl, tos, dontFragment,
                payload, now);
    }

    /**
     * Sends an IPv6 packet. <b>Takes ownership.</b>
     *
     * @param srcHi    and {@code srcLo} both 0 to let the stack choose
     * @param hopLimit 0-255, or {@link #DEFAULT_HOP_LIMIT} for the outgoing interface's CurHopLimit
     * @param scope    the interface for a link-local or multicast destination, or null; it must belong to {@code
     *                 compartment}: one of another compartment gives {@link SendStatus#NO_ROUTE}, counted as {@link
     *                 NetDrop#CROSS_COMPARTMENT}
     * @throws IllegalArgumentException if {@code hopLimit} is out of range (the payload is released)
     */
    public SendStatus sendV6(CompartmentId compartment, long srcHi, long srcLo, long dstHi, long dstLo, int nextHeader,
                             int hopLimit, int trafficClass, InterfaceId scope, PacketBuf payload, long now) {
        if (hopLimit < DEFAULT_HOP_LIMIT || hopLimit > 255) {
            payload.release();
            throw new IllegalArgumentException("hop limit must be 0-255 or DEFAULT_HOP_LIMIT, not " + hopLimit);
        }
        Nic scopeNic = scope == null ? null : core.nic(scope);
        return core.ipv6().send(core.compartment(compartment), srcHi, srcLo, dstHi, dstLo, nextHeader, hopLimit,
                trafficClass, scopeNic, payload, now);
    }

    /**
     * Sends {@code payload} to {@code dst} with the default TTL ({@link #defaultTtl()}) or hop limit (the outgoing
     * interface's CurHopLimit, {@link #DEFAULT_HOP_LIMIT}) and traffic class 0: the convenient form for control-plane
     * code. <b>Takes ownership.</b>
     *
     * @param src the source, or null to let the stack choose
     */
    public SendStatus send(CompartmentId compartment, IpAddress src, IpAddress dst, int protocol, PacketBuf payload,
                           long now) {
        Objects.requireNonNull(dst, "dst");
        return switch (dst) {
            case Ipv4Address v4 -> sendV4(compartment, src == null ? 0 : ((Ipv4Address) src).value(), v4.value(),
                    protocol, defaultTtl(), 0, false, payload, now);
            case Ipv6Address v6 -> sendV6(compartment, src == null ? 0 : ((Ipv6Address) src).hi(),
                    src == null ? 0 : ((Ipv6Address) src).lo(), v6.hi(), v6.lo(), protocol, DEFAULT_HOP_LIMIT, 0,
                    null, payload, now);
        };
    }

    /**
     * Tells neighbour unreachability detection that the path to IPv4 destination {@code dst} made forward progress
     * (RFC 4861 §7.3.1: TCP saw new data acknowledged), which confirms its next hop reachable and saves probes.
     * Allocation-free; cheap enough to call per acknowledgement.
     */
    public void confirmReachableV4(CompartmentId compartment, int dst, long now) {
        Reachability.confirm4(core.compartment(compartment), dst, now);
    }

    /**
     * Like {@link #confirmReachableV4} for IPv6 destination {@code (dstHi, dstLo)}.
     *
     * @param scope the interface of a link-local destination, or null
     */
    public void confirmReachableV6(CompartmentId compartment, long dstHi, long dstLo, InterfaceId scope, long now) {
        Reachability.confirm6(core.compartment(compartment), dstHi, dstLo, scope == null ? null : core.nic(scope), now);
    }

    /**
     * The path packets to {@code dst} would take now with a source the stack chooses (RFC 1122 §3.3.4.3 for IPv4,
     * RFC 6724 §5 for IPv6), or empty if there is no route or no usable source.
     */
    public Optional<PathInfo> pathTo(CompartmentId compartment, IpAddress dst) {
        return pathTo(compartment, null, dst, null);
    }

    /**
     * The path packets from {@code src} to {@code dst} would take now: the answer {@code send} would reach, strong
     * host send included (with a source of a strong-send interface only routes out of that interface count).
     *
     * @param src   the source (a bound socket's address), or null for the stack to choose
     * @param scope the interface for a link-local or multicast IPv6 destination, or the outgoing interface of an
     *              IPv4 multicast or limited-broadcast destination (as {@link #sendV4(CompartmentId, InterfaceId, int,
     *              int, int, int, int, boolean, PacketBuf, long)} takes it); or null
     * @return empty if there is no route, the source is not an address of the compartment, or there is no source
     * @throws IllegalArgumentException if {@code src} and {@code dst} differ in family, or the compartment or scope
     *                                  interface is unknown
     */
    public Optional<PathInfo> pathTo(CompartmentId compartment, IpAddress src, IpAddress dst, InterfaceId scope) {
        Objects.requireNonNull(dst, "dst");
        Nic scopeNic = scope == null ? null : core.nic(scope);
        return Paths.find(core.compartment(compartment), src, dst, scopeNic);
    }

    /**
     * Orders the addresses a name resolved to, IPv6 and IPv4 together, by RFC 6724 §6 destination address
     * selection: the order in which a socket layer should try them. Destinations the stack cannot reach now (no
     * route, no source) come last, in their original order. The list is not changed.
     *
     * @param scope the interface for link-local IPv6 destinations (a socket's scope id), or null
     */
    public List<IpAddress> sortDestinations(CompartmentId compartment, List<? extends IpAddress> destinations,
                                            InterfaceId scope) {
        Objects.requireNonNull(destinations, "destinations");
        Nic scopeNic = scope == null ? null : core.nic(scope);
        return DestinationSelection.sort(core.compartment(compartment), destinations, scopeNic);
    }
}
