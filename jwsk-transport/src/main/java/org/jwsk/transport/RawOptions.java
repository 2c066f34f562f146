package org.jwsk.transport;

import java.util.Objects;
import org.jwsk.net.InterfaceId;

/**
 * A raw IP endpoint's options: what {@code setsockopt} sets on a {@code SOCK_RAW} socket.
 *
 * @param receiveBuffer      SO_RCVBUF in bytes, charged like a UDP endpoint's ({@link UdpOptions#receiveBuffer()})
 * @param headerIncluded     IP_HDRINCL (IPv4 only): the data sent begins with the IPv4 header, which the stack
 *                           validates and sends with its own identification and checksum; without options or
 *                           fragmentation fields, from an address of this host (deliberate limits: Linux sends any
 *                           header as given)
 * @param trafficClass       IP_TOS / IPV6_TCLASS of the packets sent
 * @param hopLimit           IP_TTL / IPV6_UNICAST_HOPS, 1-255, or -1 for the stack's default
 * @param multicastHopLimit  IP_MULTICAST_TTL / IPV6_MULTICAST_HOPS (default 1)
 * @param outgoingInterface  the interface multicast, limited broadcast and link-local IPv6 destinations leave by
 *                           (IP_MULTICAST_IF / IPV6_MULTICAST_IF and the scope id); null to let the route decide
 * @param icmpv6Filter       ICMP6_FILTER (RFC 3542 §3.2): which ICMPv6 types an ICMPv6 endpoint receives
 * @param checksumOffset     IPV6_CHECKSUM (RFC 3542 §3.1): for an IPv6 endpoint, where in the data the stack
 *                           computes the checksum of what it sends and verifies it on what it receives; -1 for none.
 *                           ICMPv6 endpoints always use 2, as the RFC requires
 */
public record RawOptions(int receiveBuffer, boolean headerIncluded, int trafficClass, int hopLimit,
                         int multicastHopLimit, InterfaceId outgoingInterface, RawIcmpv6Filter icmpv6Filter,
                         int checksumOffset) {

    /** Linux's receive buffer, the stack's header, hop limits and route; every ICMPv6 type; no checksum offset. */
    public static final RawOptions DEFAULTS = new RawOptions(UdpOptions.DEFAULT_RECEIVE_BUFFER, false, 0, -1, 1, null,
            RawIcmpv6Filter.PASS_ALL, -1);

    public RawOptions {
        if (receiveBuffer < UdpOptions.MIN_RECEIVE_BUFFER || receiveBuffer > 1 << 30) {
            throw new IllegalArgumentException("receive buffer must be 2 KiB-1 GiB, not " + receiveBuffer);
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
        Objects.requireNonNull(icmpv6Filter, "icmpv6Filter");
        if (checksumOffset < -1 || (checksumOffset & 1) != 0 && checksumOffset != -1) {
            throw new IllegalArgumentException("checksum offset must be even or -1 (RFC 3542 §3.1), not "
                    + checksumOffset);
        }
    }

    /** These options with another receive buffer. */
    public RawOptions withReceiveBuffer(int bytes) {
        return new RawOptions(bytes, headerIncluded, trafficClass, hopLimit, multicastHopLimit, outgoingInterface,
                icmpv6Filter, checksumOffset);
    }

    /** These options with IP_HDRINCL on or off. */
    public RawOptions withHeaderIncluded(boolean on) {
        return new RawOptions(receiveBuffer, on, trafficClass, hopLimit, multicastHopLimit, outgoingInterface,
                icmpv6Filter, checksumOffset);
    }

    /** These options with another traffic class. */
    public RawOptions withTrafficClass(int tclass) {
        return new RawOptions(receiveBuffer, headerIncluded, tclass, hopLimit, multicastHopLimit, outgoingInterface,
                icmpv6Filter, checksumOffset);
    }

    /** These options with another unicast hop limit. */
    public RawOptions withHopLimit(int hops) {
        return new RawOptions(receiveBuffer, headerIncluded, trafficClass, hops, multicastHopLimit, outgoingInterface,
                icmpv6Filter, checksumOffset);
    }

    /** These options with another multicast hop limit. */
    public RawOptions withMulticastHopLimit(int hops) {
        return new RawOptions(receiveBuffer, headerIncluded, trafficClass, hopLimit, hops, outgoingInterface,
                icmpv6Filter, checksumOffset);
    }

    /** These options with another outgoing interface. */
    public RawOptions withOutgoingInterface(InterfaceId id) {
        return new RawOptions(receiveBuffer, headerIncluded, trafficClass, hopLimit, multicastHopLimit, id,
                icmpv6Filter, checksumOffset);
    }

    /** These options with another ICMPv6 filter. */
    public RawOptions withIcmpv6Filter(RawIcmpv6Filter filter) {
        return new RawOptions(receiveBuffer, headerIncluded, trafficClass, hopLimit, multicastHopLimit,
                outgoingInterface, filter, checksumOffset);
    }

    /** These options with another checksum offset. */
    public RawOptions withChecksumOffset(int offset) {
        return new RawOptions(receiveBuffer, headerIncluded, trafficClass, hopLimit, multicastHopLimit,
                outgoingInterface, icmpv6Filter, offset);
    }
}
