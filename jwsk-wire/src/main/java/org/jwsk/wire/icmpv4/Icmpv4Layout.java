package org.jwsk.wire.icmpv4;

/**
 * ICMP for IPv4 (RFC 792), with the codes added by RFC 1122 §3.2.2 and RFC 1812 §5.2.7, and the next-hop MTU
 * of RFC 1191 §4.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     rest of header, by type:                  |
 * |  echo (0, 8):               Identifier     | Sequence Number  |
 * |  unreachable (3):           unused         | Next-Hop MTU     |  (MTU only with code 4)
 * |  redirect (5):              Gateway Internet Address          |
 * |  time exceeded (11):        unused                            |
 * |  parameter problem (12):    Pointer | unused                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  body: echo data, or the invoking datagram's IP header and    |
 * |  leading bytes (errors)                                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The checksum covers the whole message (RFC 792). Implementation limits and choices:
 * <ul>
 *   <li>The RFC 4884 length and extension structures of error messages are not interpreted: the extensions
 *       stay part of the quoted body, the length octet is read as unused and emitted as zero.</li>
 *   <li>Source Quench (deprecated, RFC 6633), Timestamp, Information and Address Mask messages are kept as
 *       uninterpreted messages, and so are echo messages with a code other than 0 (RFC 792 defines only 0;
 *       Linux answers such requests anyway).</li>
 *   <li>Unused bits of the rest-of-header word are ignored on receive and emitted as zero.</li>
 * </ul>
 */
public final class Icmpv4Layout {

    /** Type, 8 bits. */
    public static final int TYPE_OFFSET = 0;
    /** Code, 8 bits. */
    public static final int CODE_OFFSET = 1;
    /** Checksum, 16 bits. */
    public static final int CHECKSUM_OFFSET = 2;
    /** The 32-bit rest-of-header word. */
    public static final int REST_OFFSET = 4;
    /** Echo identifier, 16 bits. */
    public static final int IDENTIFIER_OFFSET = 4;
    /** Echo sequence number, 16 bits. */
    public static final int SEQUENCE_OFFSET = 6;
    /** Redirect gateway address. */
    public static final int GATEWAY_OFFSET = 4;
    /** Parameter problem pointer, 8 bits. */
    public static final int POINTER_OFFSET = 4;
    /** Next-hop MTU of a fragmentation-needed message, 16 bits (RFC 1191 §4). */
    public static final int NEXT_HOP_MTU_OFFSET = 6;
    /** Where the body starts. */
    public static final int BODY_OFFSET = 8;
    /** The header length: type, code, checksum and the rest-of-header word. */
    public static final int HEADER_LENGTH = 8;
    /** The shortest body of an error message: the invoking datagram's minimal IPv4 header. */
    public static final int MIN_QUOTED_LENGTH = 20;
    /**
     * The longest IPv4 datagram carrying an ICMP error (RFC 1812 §4.3.2.3): as much of the invoking datagram as
     * fits in 576 bytes.
     */
    public static final int MAX_ERROR_DATAGRAM_LENGTH = 576;
    /** The longest message: what an IPv4 datagram without options can carry. */
    public static final int MAX_MESSAGE_LENGTH = 0xffff - 20;

    /** Echo Reply. */
    public static final int TYPE_ECHO_REPLY = 0;
    /** Destination Unreachable. */
    public static final int TYPE_DEST_UNREACHABLE = 3;
    /** Source Quench (deprecated, RFC 6633). */
    public static final int TYPE_SOURCE_QUENCH = 4;
    /** Redirect. */
    public static final int TYPE_REDIRECT = 5;
    /** Echo (request). */
    public static final int TYPE_ECHO_REQUEST = 8;
    /** Time Exceeded. */
    public static final int TYPE_TIME_EXCEEDED = 11;
    /** Parameter Problem. */
    public static final int TYPE_PARAMETER_PROBLEM = 12;
    /** Timestamp (request). */
    public static final int TYPE_TIMESTAMP = 13;
    /** Timestamp Reply. */
    public static final int TYPE_TIMESTAMP_REPLY = 14;

    /** Unreachable: net unreachable (RFC 792). */
    public static final int UNREACH_NET = 0;
    /** Unreachable: host unreachable (RFC 792). */
    public static final int UNREACH_HOST = 1;
    /** Unreachable: protocol unreachable (RFC 792). */
    public static final int UNREACH_PROTOCOL = 2;
    /** Unreachable: port unreachable (RFC 792). */
    public static final int UNREACH_PORT = 3;
    /** Unreachable: fragmentation needed and DF set, with the next-hop MTU (RFC 792, RFC 1191 §4). */
    public static final int UNREACH_FRAG_NEEDED = 4;
    /** Unreachable: source route failed (RFC 792). */
    public static final int UNREACH_SOURCE_ROUTE_FAILED = 5;
    /** Unreachable: destination network unknown (RFC 1122 §3.2.2.1). */
    public static final int UNREACH_NET_UNKNOWN = 6;
    /** Unreachable: destination host unknown (RFC 1122 §3.2.2.1). */
    public static final int UNREACH_HOST_UNKNOWN = 7;
    /** Unreachable: source host isolated (RFC 1122 §3.2.2.1). */
    public static final int UNREACH_HOST_ISOLATED = 8;
    /** Unreachable: communication with destination network administratively prohibited (RFC 1122). */
    public static final int UNREACH_NET_PROHIBITED = 9;
    /** Unreachable: communication with destination host administratively prohibited (RFC 1122). */
    public static final int UNREACH_HOST_PROHIBITED = 10;
    /** Unreachable: network unreachable for type of service (RFC 1122 §3.2.2.1). */
    public static final int UNREACH_NET_TOS = 11;
    /** Unreachable: host unreachable for type of service (RFC 1122 §3.2.2.1). */
    public static final int UNREACH_HOST_TOS = 12;
    /** Unreachable: communication administratively prohibited (RFC 1812 §5.2.7.1). */
    public static final int UNREACH_ADMIN_PROHIBITED = 13;
    /** Unreachable: host precedence violation (RFC 1812 §5.2.7.1). */
    public static final int UNREACH_PRECEDENCE_VIOLATION = 14;
    /** Unreachable: precedence cutoff in effect (RFC 1812 §5.2.7.1). */
    public static final int UNREACH_PRECEDENCE_CUTOFF = 15;

    /** Redirect datagrams for the network (RFC 792; routers must not send it, RFC 1812 §5.2.7.2). */
    public static final int REDIRECT_NET = 0;
    /** Redirect datagrams for the host. */
    public static final int REDIRECT_HOST = 1;
    /** Redirect datagrams for the type of service and network. */
    public static final int REDIRECT_TOS_NET = 2;
    /** Redirect datagrams for the type of service and host. */
    public static final int REDIRECT_TOS_HOST = 3;

    /** Time exceeded: time to live exceeded in transit. */
    public static final int TIME_EXCEEDED_TTL = 0;
    /** Time exceeded: fragment reassembly time exceeded. */
    public static final int TIME_EXCEEDED_REASSEMBLY = 1;

    /** Parameter problem: the pointer indicates the error. */
    public static final int PARAMETER_POINTER = 0;
    /** Parameter problem: missing a required option (RFC 1108). */
    public static final int PARAMETER_MISSING_OPTION = 1;
    /** Parameter problem: bad length (IANA ICMP parameters). */
    public static final int PARAMETER_BAD_LENGTH = 2;

    private Icmpv4Layout() {
    }

    /** Whether messages of {@code type} are errors that quote the invoking datagram, as this package reads them. */
    public static boolean isError(int type) {
        return type == TYPE_DEST_UNREACHABLE || type == TYPE_REDIRECT || type == TYPE_TIME_EXCEEDED
                || type == TYPE_PARAMETER_PROBLEM;
    }
}
