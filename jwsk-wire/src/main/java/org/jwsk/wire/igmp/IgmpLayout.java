package org.jwsk.wire.igmp;

/**
 * IGMP messages (RFC 1112 appendix I, RFC 2236 §2, RFC 3376 §4), carried directly in IPv4 (protocol 2), with the
 * 8-bit floating-point encoding of the Max Resp Code and the QQIC (RFC 3376 §4.1.1, §4.1.7).
 *
 * <pre>
 * Every message starts alike; IGMPv1 and IGMPv2 messages (query, reports, leave) are these 8 bytes:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      | Max Resp Code |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Group Address                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Resv  |S| QRV |     QQIC      |     Number of Sources (N)     |  IGMPv3 query only (12 bytes or more)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Source Address [1..N] (32 bits each)         |
 *
 * Version 3 Membership Report (0x22):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type = 0x22  |    Reserved   |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Reserved            |  Number of Group Records (M)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Group Record [1..M]                      |
 *
 * one Group Record (RFC 3376 §4.2.4):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Record Type  |  Aux Data Len |     Number of Sources (N)     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Multicast Address                       |
 * |                  Source Address [1..N] (32 bits each)         |
 * |                 Auxiliary Data (Aux Data Len words)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The checksum covers the whole IGMP message, without a pseudo-header (RFC 3376 §4.1.2). Bytes after the
 * stated sources or records, and after the first 8 bytes of an IGMPv1/v2 message, are covered by the checksum but
 * otherwise ignored (RFC 3376 §4.1.10, §4.2.11; RFC 2236 §2.5). The version of a query follows from its length and
 * Max Resp Code (RFC 3376 §7.1): 8 bytes with a zero code is IGMPv1, 8 bytes otherwise IGMPv2, 12 or more IGMPv3;
 * 9 to 11 bytes is no query at all.
 */
public final class IgmpLayout {

    /** The type, 8 bits. */
    public static final int TYPE_OFFSET = 0;
    /** Max Resp Code (query, tenths of a second), unused in reports, 8 bits. */
    public static final int MAX_RESPONSE_CODE_OFFSET = 1;
    /** The checksum, 16 bits. */
    public static final int CHECKSUM_OFFSET = 2;
    /** The group address of queries and IGMPv1/v2 messages, 32 bits. */
    public static final int GROUP_OFFSET = 4;
    /** The length of every IGMPv1 and IGMPv2 message; the shortest IGMP message. */
    public static final int HEADER_LENGTH = 8;
    /** IGMPv3 query: Resv (4 bits), S (1 bit), QRV (3 bits). */
    public static final int FLAGS_OFFSET = 8;
    /** IGMPv3 query: QQIC, 8 bits. */
    public static final int QQIC_OFFSET = 9;
    /** IGMPv3 query: number of sources, 16 bits. */
    public static final int NUMBER_OF_SOURCES_OFFSET = 10;
    /** IGMPv3 query: where the sources start; the shortest IGMPv3 query. */
    public static final int SOURCES_OFFSET = 12;
    /** IGMPv3 query: the S flag, suppress router-side processing (RFC 3376 §4.1.5). */
    public static final int FLAG_SUPPRESS = 0x08;
    /** IGMPv3 query: the QRV bits (RFC 3376 §4.1.6). */
    public static final int QRV_MASK = 0x07;
    /** IGMPv3 report: the reserved 16 bits before the record count. */
    public static final int REPORT_RESERVED_OFFSET = 4;
    /** IGMPv3 report: number of group records, 16 bits. */
    public static final int NUMBER_OF_RECORDS_OFFSET = 6;
    /** IGMPv3 report: where the records start; the shortest report. */
    public static final int RECORDS_OFFSET = 8;
    /** Record: record type. */
    public static final int RECORD_TYPE_OFFSET = 0;
    /** Record: auxiliary data length in 32-bit words. */
    public static final int RECORD_AUX_DATA_LENGTH_OFFSET = 1;
    /** Record: number of sources. */
    public static final int RECORD_NUMBER_OF_SOURCES_OFFSET = 2;
    /** Record: the multicast address. */
    public static final int RECORD_MULTICAST_ADDRESS_OFFSET = 4;
    /** Record: where the sources start; the shortest record. */
    public static final int RECORD_SOURCES_OFFSET = 8;
    /** The length of one IPv4 address. */
    public static final int ADDRESS_LENGTH = 4;

    /** Record type MODE_IS_INCLUDE (RFC 3376 §4.2.12). */
    public static final int MODE_IS_INCLUDE = 1;
    /** Record type MODE_IS_EXCLUDE. */
    public static final int MODE_IS_EXCLUDE = 2;
    /** Record type CHANGE_TO_INCLUDE_MODE. */
    public static final int CHANGE_TO_INCLUDE_MODE = 3;
    /** Record type CHANGE_TO_EXCLUDE_MODE. */
    public static final int CHANGE_TO_EXCLUDE_MODE = 4;
    /** Record type ALLOW_NEW_SOURCES. */
    public static final int ALLOW_NEW_SOURCES = 5;
    /** Record type BLOCK_OLD_SOURCES. */
    public static final int BLOCK_OLD_SOURCES = 6;

    /** 224.0.0.1, all systems: general queries go here, and it is never reported (RFC 3376 §5). */
    public static final int ALL_SYSTEMS = 0xe000_0001;
    /** 224.0.0.2, all routers: IGMPv2 Leave Group goes here (RFC 2236 §3). */
    public static final int ALL_ROUTERS = 0xe000_0002;
    /** 224.0.0.22, all IGMPv3-capable routers: Version 3 reports go here (RFC 3376 §4.2.14). */
    public static final int ALL_V3_ROUTERS = 0xe000_0016;

    /** The largest value the 8-bit floating-point code can express: {@code (0xf | 0x10) << (7 + 3)}. */
    public static final int MAX_CODED_VALUE = 0x1f << 10;

    private IgmpLayout() {
    }

    /**
     * The value an 8-bit Max Resp Code or QQIC stands for (RFC 3376 §4.1.1, §4.1.7): below 128 the code itself,
     * else {@code (mant | 0x10) << (exp + 3)} of the form {@code 1 exp mant}. Tenths of a second for the Max Resp
     * Code, seconds for the QQIC.
     */
    public static int decodeCode(int code) {
        if (code < 0x80) {
            return code;
        }
        int exp = (code >>> 4) & 0x7;
        int mant = code & 0xf;
        return (mant | 0x10) << (exp + 3);
    }

    /** The code for {@code value}, rounded down to what the code can express and capped at {@link #MAX_CODED_VALUE}. */
    public static int encodeCode(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        if (value < 0x80) {
            return value;
        }
        for (int exp = 0; exp < 8; exp++) {
            int mant = value >>> (exp + 3);
            if (mant < 0x20) {
                return 0x80 | exp << 4 | (mant & 0xf);
            }
        }
        return 0xff;
    }
}
