package org.jwsk.transport;

import java.util.Objects;
import org.jwsk.net.IcmpErrorReport;
import org.jwsk.wire.addr.IpAddress;

/**
 * An ICMP or ICMPv6 error about a datagram an endpoint sent, as {@link UdpHandler#onError} reports it (RFC 1122
 * §4.1.3.3: UDP passes ICMP errors up to the application).
 *
 * @param kind        what went wrong
 * @param destination where the datagram that drew the error was going (an IPv4 one for an IPv4 datagram of a
 *                    dual-stack endpoint)
 * @param reporter    the router or host that sent the error
 * @param info        the next-hop MTU for {@link IcmpErrorReport.Kind#PACKET_TOO_BIG}, the pointer for a parameter
 *                    problem, 0 otherwise
 * @param icmpType    the ICMP type as sent
 * @param icmpCode    the ICMP code as sent
 * @param pending     whether the error also became the endpoint's pending error, which the next send (or {@link
 *                    UdpEndpoint#takeError}) reports: hard errors on connected endpoints, as in Linux
 */
public record UdpError(IcmpErrorReport.Kind kind, IpEndpoint destination, IpAddress reporter, long info, int icmpType,
                       int icmpCode, boolean pending) {

    public UdpError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(reporter, "reporter");
    }

    /** The status a send reports for this error when it is pending. */
    public UdpStatus status() {
        return switch (kind) {
            case PORT_UNREACHABLE -> UdpStatus.REFUSED;
            case PACKET_TOO_BIG -> UdpStatus.MESSAGE_TOO_BIG;
            default -> UdpStatus.UNREACHABLE;
        };
    }
}
