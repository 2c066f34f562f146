package org.jwsk.wire.ipv4;

/**
 * The IPv4 header (RFC 791 §3.1) with DSCP (RFC 2474 §3) and ECN (RFC 3168 §5) in the former type-of-service
 * octet, and the option formats of RFC 791 §3.1 and RFC 2113.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |    DSCP   |ECN|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |0|D|M|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (0-40 bytes)       |    Padding    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *  Options: EOL (0) and NOP (1) are one octet; every other option is
 *  +--------+--------+--------...    type = copied(1) | class(2) | number(5)
 *  |  type  | length |  data         length counts type and length octets
 *  +--------+--------+--------...
 *
 *  Record Route (7), Loose (131) / Strict (137) Source Route:
 *  +--------+--------+--------+---------//--------+
 *  |  type  | 3 + 4n |pointer |  n addresses     |   pointer >= 4, names the next free slot
 *  +--------+--------+--------+---------//--------+
 *
 *  Timestamp (68):
 *  +--------+--------+--------+--------+
 *  |   68   | length |pointer |oflw|flg|   pointer >= 5; flg 0: timestamps only,
 *  +--------+--------+--------+--------+   1: (address, timestamp) pairs, 3: prespecified
 *  |  [internet address]               |   addresses with their timestamps
 *  +-----------------------------------+
 *  |  timestamp                        |   repeated
 *  +-----------------------------------+
 *
 *  Router Alert (148, RFC 2113 §2.1):
 *  +--------+--------+--------+--------+
 *  |   148  |    4   |  value (0)      |
 *  +--------+--------+--------+--------+
 * </pre>
 *
 * <p>Implementation limits and choices:
 * <ul>
 *   <li>The reserved flag bit is ignored on receive (as Linux does) and emitted as zero (RFC 791 §3.1).</li>
 *   <li>Options are checked for syntax only. Beyond Linux ({@code ip_options_compile}), the check also
 *       requires that route data be whole addresses (length 3 + 4n), timestamp data be whole slots, the
 *       timestamp flag be 0, 1 or 3 and Router Alert be exactly 4 bytes long: anything else has no meaning
 *       and is dropped with {@code IPV4_BAD_OPTION}. Linux's pointer rules are kept: a route pointer of at
 *       least 4 (timestamp: 5) that either lies past the option (the option is full) or leaves room for a
 *       whole slot. As in Linux, Record Route, Timestamp and a source route (loose or strict) may each appear
 *       only once (RFC 1122 §3.2.1.8 leaves several source routes implementation-specific). After an EOL, the
 *       rest of the options area is padding, read as zero (EOL) octets whatever it holds, as Linux
 *       rewrites it.</li>
 *   <li>Bytes after {@code Total Length} (Ethernet minimum-frame padding) are not payload.</li>
 *   <li>GSO super-packets with a zero total length (Linux BIG TCP) are not accepted.</li>
 * </ul>
 */
public final class Ipv4Layout {

    /** Version (high nibble) and IHL (low nibble, in 32-bit words). */
    public static final int VERSION_IHL_OFFSET = 0;
    /** DSCP (high six bits) and ECN (low two bits). */
    public static final int DSCP_ECN_OFFSET = 1;
    /** Total length of header and data, 16 bits. */
    public static final int TOTAL_LENGTH_OFFSET = 2;
    /** Identification, 16 bits. */
    public static final int IDENT_OFFSET = 4;
    /** Flags (high three bits) and fragment offset (low 13 bits, in 8-byte units). */
    public static final int FLAGS_FRAGMENT_OFFSET = 6;
    /** Time to live, 8 bits. */
    public static final int TTL_OFFSET = 8;
    /** Protocol, 8 bits. */
    public static final int PROTOCOL_OFFSET = 9;
    /** Header checksum, 16 bits. */
    public static final int CHECKSUM_OFFSET = 10;
    /** Source address. */
    public static final int SRC_OFFSET = 12;
    /** Destination address. */
    public static final int DST_OFFSET = 16;
    /** Options start here, when IHL is above 5. */
    public static final int OPTIONS_OFFSET = 20;
    /** The header length without options. */
    public static final int MIN_HEADER_LENGTH = 20;
    /** The header length with 40 bytes of options (IHL 15). */
    public static final int MAX_HEADER_LENGTH = 60;
    /** The most option bytes a header can carry. */
    public static final int MAX_OPTIONS_LENGTH = MAX_HEADER_LENGTH - MIN_HEADER_LENGTH;
    /** The largest total length. */
    public static final int MAX_TOTAL_LENGTH = 0xffff;
    /** The version this header carries. */
    public static final int VERSION = 4;

    /** Reserved flag, must be zero (RFC 791 §3.1). */
    public static final int FLAG_RESERVED = 0x8000;
    /** Don't Fragment. */
    public static final int FLAG_DF = 0x4000;
    /** More Fragments. */
    public static final int FLAG_MF = 0x2000;
    /** The fragment offset bits of the flags/fragment word. */
    public static final int FRAGMENT_OFFSET_MASK = 0x1fff;
    /** The largest fragment offset value, in 8-byte units. */
    public static final int MAX_FRAGMENT_OFFSET = FRAGMENT_OFFSET_MASK;

    /** ECN codepoint Not-ECT (RFC 3168 §5). */
    public static final int ECN_NOT_ECT = 0;
    /** ECN codepoint ECT(1). */
    public static final int ECN_ECT1 = 1;
    /** ECN codepoint ECT(0). */
    public static final int ECN_ECT0 = 2;
    /** ECN codepoint CE, congestion experienced. */
    public static final int ECN_CE = 3;

    /** Option type End of Option List. */
    public static final int OPT_EOL = 0;
    /** Option type No Operation. */
    public static final int OPT_NOP = 1;
    /** Option type Record Route. */
    public static final int OPT_RR = 7;
    /** Option type Internet Timestamp. */
    public static final int OPT_TS = 68;
    /** Option type Loose Source and Record Route. */
    public static final int OPT_LSRR = 131;
    /** Option type Strict Source and Record Route. */
    public static final int OPT_SSRR = 137;
    /** Option type Router Alert (RFC 2113). */
    public static final int OPT_RA = 148;
    /** The copied flag of an option type: copy into every fragment (RFC 791 §3.1). */
    public static final int OPT_COPIED = 0x80;

    /** Offset of an option's length octet. */
    public static final int OPT_LENGTH_OFFSET = 1;
    /** Offset of the pointer octet in route and timestamp options. */
    public static final int OPT_POINTER_OFFSET = 2;
    /** Offset of the first address in a route option. */
    public static final int OPT_ROUTE_DATA_OFFSET = 3;
    /** Offset of the overflow/flag octet of a timestamp option. */
    public static final int OPT_TS_FLAGS_OFFSET = 3;
    /** Offset of the first slot of a timestamp option. */
    public static final int OPT_TS_DATA_OFFSET = 4;
    /** Offset of the 16-bit value of a Router Alert option. */
    public static final int OPT_RA_VALUE_OFFSET = 2;
    /** The length of a Router Alert option. */
    public static final int OPT_RA_LENGTH = 4;
    /** The smallest route pointer: the first slot. */
    public static final int OPT_ROUTE_MIN_POINTER = 4;
    /** The smallest timestamp pointer: the first slot. */
    public static final int OPT_TS_MIN_POINTER = 5;
    /** Timestamp flag: timestamps only. */
    public static final int TS_FLAG_TIMESTAMPS = 0;
    /** Timestamp flag: each timestamp preceded by the address of the registering module. */
    public static final int TS_FLAG_ADDRESSES = 1;
    /** Timestamp flag: the addresses are prespecified; only those modules register. */
    public static final int TS_FLAG_PRESPECIFIED = 3;

    private Ipv4Layout() {
    }

    /** Whether an option of {@code type} is copied into every fragment (RFC 791 §3.1, §3.2 "Fragmentation"). */
    public static boolean isCopied(int type) {
        return (type & OPT_COPIED) != 0;
    }
}
