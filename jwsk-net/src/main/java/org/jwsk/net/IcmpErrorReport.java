package org.jwsk.net;

import java.util.Objects;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.IpAddress;

/**
 * An ICMP or ICMPv6 error about a packet a transport sent, handed to that transport (RFC 1122 §4.2.3.9, RFC 4443
 * §2.4(b)). The quoted bytes begin at the transport header of the original packet, so the transport can find the
 * connection or endpoint by its ports.
 *
 * @param version      4 or 6
 * @param compartment  where the error arrived
 * @param kind         what went wrong, across both families
 * @param type         the ICMP type as sent
 * @param code         the ICMP code as sent
 * @param info         the next-hop MTU for {@link Kind#PACKET_TOO_BIG}, the pointer for {@link Kind#PARAMETER_PROBLEM},
 *                     0 otherwise
 * @param reporter     the router or host that sent the error
 * @param src          the source of the original packet (this host)
 * @param dst          the destination of the original packet
 * @param protocol     the original packet's upper-layer protocol
 * @param quoted       the quoted bytes from the transport header on (at least 8 when the error carried them)
 */
public record IcmpErrorReport(int version, CompartmentId compartment, Kind kind, int type, int code, long info,
                              IpAddress reporter, IpAddress src, IpAddress dst, int protocol, Octets quoted) {

    /** The meaning of an error, whichever family reported it. */
    public enum Kind {
        /** Port unreachable: a hard error for a connection (RFC 1122 §4.2.3.9: abort only in SYN-SENT). */
        PORT_UNREACHABLE,
        /** Protocol unreachable. */
        PROTOCOL_UNREACHABLE,
        /** Network or host unreachable, administratively prohibited, and the like: soft errors. */
        UNREACHABLE,
        /** Fragmentation needed with DF (RFC 1191) or Packet Too Big (RFC 8201): {@code info} is the MTU. */
        PACKET_TOO_BIG,
        /** TTL or hop limit exceeded in transit, or reassembly timed out. */
        TIME_EXCEEDED,
        /** A header field was wrong: {@code info} is the pointer. */
        PARAMETER_PROBLEM
    }

    public IcmpErrorReport {
        Objects.requireNonNull(compartment, "compartment");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(quoted, "quoted");
    }

    /** The source port of the original transport header, or -1 if fewer than 4 bytes were quoted. */
    public int srcPort() {
        return quoted.length() >= 2 ? quoted.get(0) << 8 | quoted.get(1) : -1;
    }

    /** The destination port of the original transport header, or -1 if fewer than 4 bytes were quoted. */
    public int dstPort() {
        return quoted.length() >= 4 ? quoted.get(2) << 8 | quoted.get(3) : -1;
    }
}
