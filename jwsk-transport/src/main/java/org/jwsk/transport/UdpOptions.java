package org.jwsk.transport;

import org.jwsk.net.InterfaceId;

/**
 * A UDP endpoint's options: what {@code setsockopt} sets on a datagram socket. Given when the endpoint is opened and
 * changeable with {@link UdpEndpoint#setOptions}, except {@link #v6Only}, {@link #reuseAddress} and {@link
 * #exclusiveAddress}, which (as in WSK) must be set before bind.
 *
 * @param broadcast          SO_BROADCAST: allow sending to broadcast addresses (255.255.255.255 and an interface's
 *                           subnet-directed broadcast); without it such a send is refused with {@link
 *                           UdpStatus#BROADCAST_NOT_ALLOWED}. Receiving broadcasts needs no option, only a wildcard
 *                           bind (or a bind to the broadcast address), as in Linux
 * @param receiveBuffer      SO_RCVBUF in bytes: queued datagrams are charged the memory they hold (the capacity of
 *                           their packet buffer, like Linux's truesize); a datagram arriving when the charge would
 *                           exceed this is dropped and counted (udpRcvbufErrors, udpInErrors). An empty queue always
 *                           takes one datagram. Unlike Linux, the value is not doubled
 * @param v6Only             IPV6_V6ONLY, for IPv6 endpoints: when false, an endpoint bound to {@code ::} (or to a
 *                           v4-mapped address) also serves IPv4, whose peers it reports as IPv4 endpoints. True by
 *                           default, as in Windows and WSK (Linux's default is false)
 * @param reuseAddress       SO_REUSEADDR: share the address and port with other endpoints that ask to share too (see
 *                           {@link UdpEndpoint#bind} for the rules); each sharer gets its own copy of multicast and
 *                           broadcast datagrams, and one of them (the most specific, then the newest) each unicast one
 * @param exclusiveAddress   SO_EXCLUSIVEADDRUSE: no other endpoint may bind an overlapping address on this port
 * @param trafficClass       IP_TOS / IPV6_TCLASS: DSCP and ECN of the datagrams sent
 * @param hopLimit           IP_TTL / IPV6_UNICAST_HOPS for unicast datagrams, 1-255, or -1 for the stack's default
 * @param multicastHopLimit  IP_MULTICAST_TTL / IPV6_MULTICAST_HOPS, 0-255 (default 1: the link only); 0 keeps
 *                           multicast on this host (looped back only, never sent), as in Linux
 * @param multicastLoop      IP_MULTICAST_LOOP: a multicast datagram sent to a group some endpoint of this transport
 *                           joined on the outgoing interface is also delivered here (as if received on that
 *                           interface); broadcasts are always looped, as in Linux
 * @param multicastInterface IP_MULTICAST_IF / IPV6_MULTICAST_IF: the interface multicast and limited broadcast leave
 *                           by, which is also the scope of link-local IPv6 destinations; null to use the interface of
 *                           the bound address, else the route (IPv4) or the compartment's only non-loopback
 *                           interface (IPv6)
 * @param multicastAll       IP_MULTICAST_ALL: receive multicast to the bound port for every group this host joined
 *                           on the arrival interface (true, Linux's default), or only for groups this endpoint joined
 *                           there (false)
 * @param dontFragment       IP_MTU_DISCOVER=IP_PMTUDISC_DO / IPV6_DONTFRAG: never fragment; a datagram larger than
 *                           the path MTU is refused with {@link UdpStatus#MESSAGE_TOO_BIG}, and an ICMP packet-too-big
 *                           about a connected endpoint's datagram becomes a pending error. Off by default: the stack
 *                           fragments
 * @param receiveErrors      IP_RECVERR: report ICMP errors to {@link UdpHandler#onError} for unconnected endpoints too
 *                           (connected ones always get them), without making them pending errors
 */
public record UdpOptions(boolean broadcast, int receiveBuffer, boolean v6Only, boolean reuseAddress,
                         boolean exclusiveAddress, int trafficClass, int hopLimit, int multicastHopLimit,
                         boolean multicastLoop, InterfaceId multicastInterface, boolean multicastAll,
                         boolean dontFragment, boolean receiveErrors) {

    /** Linux's net.core.rmem_default: 212992 bytes. */
    public static final int DEFAULT_RECEIVE_BUFFER = 212_992;
    /** The smallest receive buffer: one pooled 2 KiB buffer. */
    public static final int MIN_RECEIVE_BUFFER = 2048;

    /** No broadcast, Linux's receive buffer, IPv6-only, no sharing, TTL from the stack, multicast TTL 1 and loop on. */
    public static final UdpOptions DEFAULTS = new UdpOptions(false, DEFAULT_RECEIVE_BUFFER, true, false, false, 0, -1,
            1, true, null, true, false, false);

    public UdpOptions {
        if (receiveBuffer < MIN_RECEIVE_BUFFER || receiveBuffer > 1 << 30) {
            throw new IllegalArgumentException("receive buffer must be 2 KiB-1 GiB, not " + receiveBuffer);
        }
        if (reuseAddress && exclusiveAddress) {
            throw new IllegalArgumentException("reuseAddress and exclusiveAddress exclude each other");
        }
        if (trafficClass < 0 || trafficClass > 255) {
            throw new IllegalArgumentException("traffic class must be 0-255, not " + trafficClass);
        }
        if (hopLimit != -1 && (hopLimit < 1 || hopLimit > 255)) {
            throw new IllegalArgumentException("hop limit must be 1-255 or -1, not " + hopLimit);
        }
        if (multicastHopLimit < 0 || multicastHopLimit > 255) {
            throw new IllegalArgumentException("multicast hop limit must be 0-255, not " + multicastHopLimit);
        }
    }

    /** These options with SO_BROADCAST on or off. */
    public UdpOptions withBroadcast(boolean on) {
        return new UdpOptions(on, receiveBuffer, v6Only, reuseAddress, exclusiveAddress, trafficClass, hopLimit,
                multicastHopLimit, multicastLoop, multicastInterface, multicastAll, dontFragment, receiveErrors);
    }

    /** These options with another receive buffer size. */
    public UdpOptions withReceiveBuffer(int bytes) {
        return new UdpOptions(broadcast, bytes, v6Only, reuseAddress, exclusiveAddress, trafficClass, hopLimit,
                multicastHopLimit, multicastLoop, multicastInterface, multicastAll, dontFragment, receiveErrors);
    }

    /** These options with IPV6_V6ONLY on or off. */
    public UdpOptions withV6Only(boolean on) {
        return new UdpOptions(broadcast, receiveBuffer, on, reuseAddress, exclusiveAddress, trafficClass, hopLimit,
                multicastHopLimit, multicastLoop, multicastInterface, multicastAll, dontFragment, receiveErrors);
    }

    /** These options with SO_REUSEADDR on or off. */
    public UdpOptions withReuseAddress(boolean on) {
        return new UdpOptions(broadcast, receiveBuffer, v6Only, on, exclusiveAddress, trafficClass, hopLimit,
                multicastHopLimit, multicastLoop, multicastInterface, multicastAll, dontFragment, receiveErrors);
    }

    /** These options with SO_EXCLUSIVEADDRUSE on or off. */
    public UdpOptions withExclusiveAddress(boolean on) {
        return new UdpOptions(broadcast, receiveBuffer, v6Only, reuseAddress, on, trafficClass, hopLimit,
                multicastHopLimit, multicastLoop, multicastInterface, multicastAll, dontFragment, receiveErrors);
    }

    /** These options with another traffic class. */
    public UdpOptions withTrafficClass(int tclass) {
        return new UdpOptions(broadcast, receiveBuffer, v6Only, reuseAddress, exclusiveAddress, tclass, hopLimit,
                multicastHopLimit, multicastLoop, multicastInterface, multicastAll, dontFragment, receiveErrors);
    }

    /** These options with another unicast hop limit (-1: the stack's). */
    public UdpOptions withHopLimit(int hops) {
        return new UdpOptions(broadcast, receiveBuffer, v6Only, reuseAddress, exclusiveAddress, trafficClass, hops,
                multicastHopLimit, multicastLoop, multicastInterface, multicastAll, dontFragment, receiveErrors);
    }

    /** These options with another multicast hop limit. */
    public UdpOptions withMulticastHopLimit(int hops) {
        return new UdpOptions(broadcast, receiveBuffer, v6Only, reuseAddress, exclusiveAddress, trafficClass, hopLimit,
                hops, multicastLoop, multicastInterface, multicastAll, dontFragment, receiveErrors);
    }

    /** These options with multicast loopback on or off. */
    public UdpOptions withMulticastLoop(boolean on) {
        return new UdpOptions(broadcast, receiveBuffer, v6Only, reuseAddress, exclusiveAddress, trafficClass, hopLimit,
                multicastHopLimit, on, multicastInterface, multicastAll, dontFragment, receiveErrors);
    }

    /** These options with another multicast interface (null: none chosen). */
    public UdpOptions withMulticastInterface(InterfaceId id) {
        return new UdpOptions(broadcast, receiveBuffer, v6Only, reuseAddress, exclusiveAddress, trafficClass, hopLimit,
                multicastHopLimit, multicastLoop, id, multicastAll, dontFragment, receiveErrors);
    }

    /** These options with IP_MULTICAST_ALL on or off. */
    public UdpOptions withMulticastAll(boolean on) {
        return new UdpOptions(broadcast, receiveBuffer, v6Only, reuseAddress, exclusiveAddress, trafficClass, hopLimit,
                multicastHopLimit, multicastLoop, multicastInterface, on, dontFragment, receiveErrors);
    }

    /** These options with fragmentation forbidden or allowed. */
    public UdpOptions withDontFragment(boolean on) {
        return new UdpOptions(broadcast, receiveBuffer, v6Only, reuseAddress, exclusiveAddress, trafficClass, hopLimit,
                multicastHopLimit, multicastLoop, multicastInterface, multicastAll, on, receiveErrors);
    }

    /** These options with IP_RECVERR on or off. */
    public UdpOptions withReceiveErrors(boolean on) {
        return new UdpOptions(broadcast, receiveBuffer, v6Only, reuseAddress, exclusiveAddress, trafficClass, hopLimit,
                multicastHopLimit, multicastLoop, multicastInterface, multicastAll, dontFragment, on);
    }
}
