package org.jwsk.transport;

import org.jwsk.net.InterfaceId;
import org.jwsk.wire.addr.IpAddress;

/**
 * What {@link RawEndpoint#receive} says of the packet it copied out.
 *
 * @param source       the packet's source address
 * @param destination  its destination (a local address, a group, a broadcast address)
 * @param ingress      the interface it arrived on
 * @param trafficClass the TOS byte or traffic class it arrived with
 * @param hopLimit     the TTL or hop limit it arrived with
 * @param length       bytes copied into the caller's memory
 * @param packetLength the bytes the endpoint received: for IPv4 the whole datagram from its IP header, for IPv6 the
 *                     upper-layer message; more than {@code length} when the caller's memory was too small
 */
public record RawMessage(IpAddress source, IpAddress destination, InterfaceId ingress, int trafficClass,
                         int hopLimit, int length, int packetLength) {

    /** Whether the packet did not fit and its tail was discarded. */
    public boolean truncated() {
        return length < packetLength;
    }
}
