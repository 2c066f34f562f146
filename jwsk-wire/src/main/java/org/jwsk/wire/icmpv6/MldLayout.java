package org.jwsk.wire.icmpv6;

/**
 * Multicast Listener Discovery messages after the 4-byte ICMPv6 header: MLDv1 (RFC 2710 §3) and MLDv2 (RFC
 * 3810 §5), with the exponential encodings of the Maximum Response Code (§5.1.3) and the QQIC (§5.1.9).
 *
 * <pre>
 * Query (130); 24 bytes is MLDv1, 28 or more MLDv2 (RFC 3810 §8.1); Report (131) and Done (132) are 24:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Maximum Response Code      |           Reserved            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Multicast Address (128 bits)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  MLDv2 query only:
 * | Resv  |S| QRV |     QQIC      |     Number of Sources (N)     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Source Address [1..N] (128 bits each)        |
 *
 * Version 2 Multicast Listener Report (143):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Reserved            |Nr of Mcast Address Records (M)|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Multicast Address Record [1..M]              |
 *
 * one Multicast Address Record (RFC 3810 §5.2.4):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Record Type  |  Aux Data Len |     Number of Sources (N)     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Multicast Address (128 bits)                 |
 * |                  Source Address [1..N] (128 bits each)        |
 * |                  Auxiliary Data (Aux Data Len 32-bit words)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>RFC 3810 §5.1.12 and §5.2.11: bytes after the stated sources or records are covered by the checksum but
 * otherwise ignored.
 */
public final class MldLayout {

    /** Maximum Response Code (query) or Delay (MLDv1), 16 bits. */
    public static final int MAX_RESPONSE_CODE_OFFSET = 4;
    /** Reserved, 16 bits. */
    public static final int RESERVED_OFFSET = 6;
    /** Multicast address, 16 bytes. */
    public static final int MULTICAST_ADDRESS_OFFSET = 8;
    /** The length of an MLDv1 message (and the MLDv1 form of the query). */
    public static final int V1_LENGTH = 24;
    /** MLDv2 query: Resv (4 bits), S (1 bit), QRV (3 bits). */
    public static final int FLAGS_OFFSET = 24;
    /** MLDv2 query: QQIC, 8 bits. */
    public static final int QQIC_OFFSET = 25;
    /** MLDv2 query: number of sources, 16 bits. */
    public static final int NUMBER_OF_SOURCES_OFFSET = 26;
    /** MLDv2 query: where the sources start; the shortest MLDv2 query. */
    public static final int SOURCES_OFFSET = 28;
    /** MLDv2 query: the S flag, suppress router-side processing. */
    public static final int FLAG_SUPPRESS = 0x08;
    /** MLDv2 query: the QRV bits. */
    public static final int QRV_MASK = 0x07;
    /** MLDv2 report: number of records, 16 bits. */
    public static final int NUMBER_OF_RECORDS_OFFSET = 6;
    /** MLDv2 report: where the records start; the shortest report. */
    public static final int RECORDS_OFFSET = 8;
    /** Record: record type. */
    public static final int RECORD_TYPE_OFFSET = 0;
    /** Record: auxiliary data length in 32-bit words. */
    public static final int RECORD_AUX_DATA_LENGTH_OFFSET = 1;
    /** Record: number of sources. */
    public static final int RECORD_NUMBER_OF_SOURCES_OFFSET = 2;
    /** Record: multicast address. */
    public static final int RECORD_MULTICAST_ADDRESS_OFFSET = 4;
    /** Record: where the sources start; the shortest record. */
    public static final int RECORD_SOURCES_OFFSET = 20;
    /** The length of one address. */
    public static final int ADDRESS_LENGTH = 16;

    /** Record type MODE_IS_INCLUDE (RFC 3810 §5.2.12). */
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

    /** The longest Maximum Response Delay the code can express, in milliseconds. */
    public static final int MAX_RESPONSE_DELAY = 0x1fff << 10;
    /** The longest Querier's Query Interval the QQIC can express, in seconds. */
    public static final int MAX_QUERY_INTERVAL = 0x1f << 10;

    private MldLayout() {
    }

    /**
     * The Maximum Response Delay in milliseconds that a Maximum Response Code stands for (RFC 3810 §5.1.3):
     * below 32768 the code itself, else {@code (mant | 0x1000) << (exp + 3)} of the form {@code 1 exp mant}.
     */
    public static int maxResponseDelay(int code) {
        if (code < 0x8000) {
            return code;
        }
        int exp = (code >>> 12) & 0x7;
        int mant = code & 0xfff;
        return (mant | 0x1000) << (exp + 3);
    }

    /**
     * The Maximum Response Code for a delay in milliseconds, rounded down to what the code can express and
     * capped at {@link #MAX_RESPONSE_DELAY}.
     */
    public static int maxResponseCode(int delayMillis) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("negative delay " + delayMillis);
        }
        if (delayMillis < 0x8000) {
            return delayMillis;
        }
        for (int exp = 0; exp < 8; exp++) {
            int mant = delayMillis >>> (exp + 3);
            if (mant < 0x2000) {
                return 0x8000 | exp << 12 | (mant & 0xfff);
            }
        }
        return 0xffff;
    }

    /**
     * The Querier's Query Interval in seconds a QQIC stands for (RFC 3810 §5.1.9): below 128 the code itself,
     * else {@code (mant | 0x10) << (exp + 3)}.
     */
    public static int queryInterval(int qqic) {
        if (qqic < 0x80) {
            return qqic;
        }
        int exp = (qqic >>> 4) & 0x7;
        int mant = qqic & 0xf;
        return (mant | 0x10) << (exp + 3);
    }

    /** The QQIC for an interval in seconds, rounded down and capped at {@link #MAX_QUERY_INTERVAL}. */
    public static int qqic(int intervalSeconds) {
        if (intervalSeconds < 0) {
            throw new IllegalArgumentException("negative interval " + intervalSeconds);
        }
        if (intervalSeconds < 0x80) {
            return intervalSeconds;
        }
        for (int exp = 0; exp < 8; exp++) {
            int mant = intervalSeconds >>> (exp + 3);
            if (mant < 0x20) {
                return 0x80 | exp << 4 | (mant & 0xf);
            }
        }
        return 0xff;
    }
}
