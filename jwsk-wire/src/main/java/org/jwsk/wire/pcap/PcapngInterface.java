package org.jwsk.wire.pcap;

import java.util.Objects;

/**
 * What a pcapng Interface Description Block (draft-ietf-opsawg-pcapng §4.2) says about the interface its packets
 * were captured on, as far as reading packets needs it.
 *
 * @param linkType the link type ({@link LinkType}), 0-65535
 * @param snaplen  the most bytes kept of each packet, unsigned 32-bit; 0 means no limit
 * @param name     the if_name option, or the empty string if there is none
 * @param tsresol  the if_tsresol byte: bit 7 clear, units of 10^-n seconds; set, 2^-n seconds (n the low 7 bits);
 *                 {@link PcapngLayout#DEFAULT_TSRESOL} (microseconds) when the option is missing
 * @param tsoffset the if_tsoffset option: seconds added to every timestamp, 0 when missing
 */
public record PcapngInterface(int linkType, long snaplen, String name, int tsresol, long tsoffset) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** 10^0 .. 10^19; 10^19 exceeds Long.MAX_VALUE and is meant as an unsigned value. */
    private static final long[] POW10 = new long[20];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    public PcapngInterface {
        Objects.requireNonNull(name, "name");
        if (linkType < 0 || linkType > 0xffff) {
            throw new IllegalArgumentException("link type is 16-bit: " + linkType);
        }
        if (snaplen < 0 || snaplen > 0xffff_ffffL) {
            throw new IllegalArgumentException("snaplen is unsigned 32-bit: " + snaplen);
        }
        if (tsresol < 0 || tsresol > 0xff) {
            throw new IllegalArgumentException("if_tsresol is one byte: " + tsresol);
        }
    }

    /**
     * The capture time of a packet whose timestamp field holds {@code units} (unsigned 64-bit) in this
     * interface's resolution, plus {@link #tsoffset()}, in nanoseconds since the epoch (§4.3). Finer resolutions
     * than nanoseconds are truncated toward the past.
     *
     * @return the epoch nanoseconds, or {@link CaptureRecord#NO_TIMESTAMP} if the instant lies outside what a
     *         signed 64-bit count of nanoseconds can hold (before 1677 or after 2262)
     */
    public long toEpochNanos(long units) {
        long nanos = unitsToNanos(units, tsresol);
        if (nanos < 0) {
            return CaptureRecord.NO_TIMESTAMP;
        }
        long offsetNanos = tsoffset * NANOS_PER_SECOND;
        if (Math.multiplyHigh(tsoffset, NANOS_PER_SECOND) != (offsetNanos >> 63)) {
            return CaptureRecord.NO_TIMESTAMP;
        }
        long sum = nanos + offsetNanos;
        if (((nanos ^ sum) & (offsetNanos ^ sum)) < 0 || sum == CaptureRecord.NO_TIMESTAMP) {
            return CaptureRecord.NO_TIMESTAMP;
        }
        return sum;
    }

    /** {@code units} (unsigned) of the given resolution in nanoseconds, or -1 if that exceeds Long.MAX_VALUE. */
    static long unitsToNanos(long units, int tsresol) {
        int exponent = tsresol & 0x7f;
        if ((tsresol & 0x80) != 0) {
            return binaryUnitsToNanos(units, exponent);
        }
        if (exponent <= 9) {
            long multiplier = POW10[9 - exponent];
            long low = units * multiplier;
            return Math.unsignedMultiplyHigh(units, multiplier) != 0 || low < 0 ? -1 : low;
        }
        int divisorExponent = exponent - 9;
        // 10^20 exceeds every unsigned 64-bit value, so finer resolutions than that truncate to zero nanoseconds.
        return divisorExponent >= POW10.length ? 0 : Long.divideUnsigned(units, POW10[divisorExponent]);
    }

    /** units * 10^9 / 2^exponent, through the exact 128-bit product. */
    private static long binaryUnitsToNanos(long units, int exponent) {
        long high = Math.unsignedMultiplyHigh(units, NANOS_PER_SECOND);
        long low = units * NANOS_PER_SECOND;
        long result;
        if (exponent == 0) {
            if (high != 0) {
                return -1;
            }
            result = low;
        } else if (exponent < 64) {
            if ((high >>> exponent) != 0) {
                return -1;
            }
            result = (low >>> exponent) | (high << (64 - exponent));
        } else {
            result = high >>> (exponent - 64);
        }
        return result < 0 ? -1 : result;
    }
}
