package org.jwsk.net;

import org.jwsk.wire.addr.IpAddress;

/**
 * Where packets to a destination would go now: what a transport needs to open a connection (its source address and
 * the MSS the MTU allows).
 *
 * @param out     the outgoing interface
 * @param source  the source address the stack would choose (or the one asked for)
 * @param nextHop the next hop (the destination itself when on-link)
 * @param mtu     the MTU of the path as far as the stack knows (the link MTU, or less from the path MTU cache)
 */
public record PathInfo(InterfaceId out, IpAddress source, IpAddress nextHop, int mtu) {
}
