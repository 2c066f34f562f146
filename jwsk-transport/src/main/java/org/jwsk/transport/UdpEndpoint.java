package org.jwsk.transport;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.InterfaceId;
import org.jwsk.wire.addr.IpAddress;

/**
 * A UDP endpoint (RFC 768): a datagram socket of one family in one compartment. Obtained from {@link
 * UdpTransport#open}; implemented by the transport only.
 *
 * <h2>Addresses</h2>
 * An endpoint is opened unbound, then {@link #bind bound} to a local address (or the wildcard) and port (or an
 * ephemeral one), explicitly or by its first send. {@link #connect} fixes a peer: a connected endpoint receives only
 * from its peer, sends to it by default, and hears of ICMP errors about its datagrams. An IPv6 endpoint with {@link
 * UdpOptions#v6Only()} off serves IPv4 too when bound to {@code ::} (WSK's dual-stack socket): it receives IPv4
 * datagrams and reports their senders as IPv4 endpoints, and it may send to IPv4 endpoints (or v4-mapped addresses).
 *
 * <h2>Receiving</h2>
 * Arriving datagrams queue until read, up to {@link UdpOptions#receiveBuffer()}; {@link UdpHandler#onReadable}
 * announces each. {@link #receive} copies one out, {@link #receiveBuf} hands one over without copying. When an ICMP
 * error is pending (see {@link #takeError}), both return null without consuming a datagram until the error is taken,
 * as Linux reports {@code ECONNREFUSED} before queued data.
 *
 * <h2>Threads and buffers</h2>
 * Every method runs on the stack's thread. {@code send} copies from the caller's memory during the call and keeps
 * nothing; {@code receive} copies out; {@code receiveBuf} hands over a pooled buffer the caller must release.
 */
public interface UdpEndpoint {

    /** The compartment the endpoint lives in, for good. */
    CompartmentId compartment();

    /** 4 or 6: the family the endpoint was opened for (a dual-stack IPv6 endpoint is 6). */
    int family();

    /** The bound address and port, or null while unbound. */
    IpEndpoint localEndpoint();

    /** The connected peer, or null. */
    IpEndpoint remoteEndpoint();

    /**
     * Binds the endpoint to {@code local}: an address of the compartment (or a multicast group, or for IPv4 a
     * broadcast address), or the wildcard; a port, or 0 for an ephemeral one (RFC 6056 §3.3.1, from the transport's
     * range). Address sharing on one port follows WSK's matrix (Windows' SO_REUSEADDR and SO_EXCLUSIVEADDRUSE rules,
     * with every endpoint one principal): two different specific addresses never conflict; a wildcard and a specific
     * address coexist unless the wildcard endpoint is exclusive; the same address, or two wildcards, coexist only
     * when both ask to share ({@link UdpOptions#reuseAddress()}). A refusal is {@link UdpStatus#ADDRESS_IN_USE} or
     * {@link UdpStatus#ACCESS_DENIED}, as the matrix's cell says (WSK reference §6.3). A dual-stack wildcard occupies
     * the port in both families. An ephemeral port is always one no endpoint of the compartment uses.
     *
     * @return {@link UdpStatus#OK}, {@link UdpStatus#ADDRESS_IN_USE}, {@link UdpStatus#ACCESS_DENIED}, {@link
     *         UdpStatus#ADDRESS_NOT_AVAILABLE}, {@link UdpStatus#PORTS_EXHAUSTED} or {@link UdpStatus#FILTERED}
     * @throws IllegalStateException    if the endpoint is bound already or closed
     * @throws IllegalArgumentException if the address is of the wrong family (a v4-mapped one needs a dual-stack
     *                                  endpoint)
     */
    UdpStatus bind(IpEndpoint local, long now);

    /**
     * Fixes the peer: binds first if unbound (wildcard, ephemeral port), then only datagrams from {@code remote}
     * are received, {@link #send(MemorySegment, long)} sends to it, and ICMP errors about datagrams to it are
     * reported. Connecting again replaces the peer; datagrams already queued stay.
     *
     * @return {@link UdpStatus#OK}, {@link UdpStatus#NO_ROUTE} (no route or source towards it), a bind failure, or
     *         {@link UdpStatus#FILTERED}
     * @throws IllegalArgumentException for port 0 or a wrong family
     */
    UdpStatus connect(IpEndpoint remote, long now);

    /** Forgets the peer: the endpoint receives from anyone again. Idempotent. */
    void disconnect(long now);

    /**
     * Sends {@code data} (from position 0 to its size) as one datagram to {@code dst}. Binds first if unbound. A
     * pending error is reported (and cleared) instead of sending.
     *
     * @return {@link UdpStatus#OK} when the datagram left or waits for address resolution, otherwise why not
     * @throws IllegalArgumentException for port 0, or a destination of another family
     * @throws IllegalStateException    if the endpoint is closed
     */
    UdpStatus send(IpEndpoint dst, MemorySegment data, long now);

    /**
     * Sends {@code data} to the connected peer.
     *
     * @throws IllegalStateException if the endpoint is not connected, or closed
     */
    UdpStatus send(MemorySegment data, long now);

    /**
     * Copies the oldest queued datagram into {@code dst} and consumes it; a datagram longer than {@code dst} is
     * truncated and its tail discarded (see {@link UdpMessage#truncated()}).
     *
     * @return what was received, or null when no datagram waits (or an error is pending)
     */
    UdpMessage receive(MemorySegment dst, long now);

    /**
     * Takes the oldest queued datagram without copying: the caller <b>owns</b> the returned datagram's buffer and
     * must release it.
     *
     * @return the datagram, or null when none waits (or an error is pending)
     */
    UdpDatagram receiveBuf(long now);

    /** Datagrams waiting to be read. */
    int pending();

    /** The data bytes of the oldest waiting datagram (what FIONREAD says for UDP), or -1 when none waits. */
    int nextLength();

    /**
     * Takes the pending error (SO_ERROR): {@link UdpStatus#OK} when none. Reading clears it.
     */
    UdpStatus takeError();

    /**
     * Joins {@code group} on {@code iface} for this endpoint (IP_ADD_MEMBERSHIP / IPV6_JOIN_GROUP). The interface
     * listens to the group as long as any endpoint (or anything else in the stack) is a member; its first membership
     * is reported to the link's multicast routers (IGMPv3, MLDv2).
     *
     * @return {@link UdpStatus#OK} or {@link UdpStatus#ALREADY_MEMBER}
     * @throws IllegalArgumentException if {@code group} is not a multicast address of the endpoint's family (an IPv4
     *                                  group for a dual-stack endpoint is allowed), or the interface is not in the
     *                                  endpoint's compartment
     */
    UdpStatus joinGroup(IpAddress group, InterfaceId iface, long now);

    /**
     * Leaves a group joined with {@link #joinGroup}; closing the endpoint leaves all its groups.
     *
     * @return {@link UdpStatus#OK} or {@link UdpStatus#NOT_MEMBER}
     */
    UdpStatus leaveGroup(IpAddress group, InterfaceId iface, long now);

    /** The groups this endpoint has joined, as (group, interface) pairs in the order joined. */
    List<Membership> memberships();

    /** The options in force. */
    UdpOptions options();

    /**
     * Changes the options.
     *
     * @throws IllegalStateException if the endpoint is bound and {@link UdpOptions#v6Only()}, {@link
     *                               UdpOptions#reuseAddress()} or {@link UdpOptions#exclusiveAddress()} change
     *                               (they are set before bind)
     */
    void setOptions(UdpOptions options, long now);

    /** The event handler. */
    UdpHandler handler();

    /** Replaces the event handler. */
    void setHandler(UdpHandler handler);

    /**
     * Closes the endpoint: frees its port, leaves its groups, releases its queued datagrams. Idempotent; no event
     * follows.
     */
    void close(long now);

    /** Whether {@link #close} ran. */
    boolean isClosed();

    /**
     * A multicast membership of an endpoint.
     *
     * @param group the group
     * @param iface the interface it was joined on
     */
    record Membership(IpAddress group, InterfaceId iface) {
    }
}
