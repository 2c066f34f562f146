package org.jwsk.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jwsk.common.testing.RandomCases;

/** Timestamp conversion (draft-ietf-opsawg-pcapng §4.2 if_tsresol, if_tsoffset; §4.3) against exact arithmetic. */
class PcapngInterfaceTest {

    private static final BigInteger NANOS = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** What the conversion must return, computed with BigInteger: floor(units * 10^9 / ticksPerSecond). */
    private static long exact(long units, int tsresol) {
        BigInteger u = new BigInteger(Long.toUnsignedString(units));
        int n = tsresol & 0x7f;
        BigInteger ticks = (tsresol & 0x80) == 0 ? BigInteger.TEN.pow(n) : BigInteger.TWO.pow(n);
        BigInteger nanos = u.multiply(NANOS).divide(ticks);
        return nanos.compareTo(LONG_MAX) > 0 ? -1 : nanos.longValueExact();
    }

    record Case(long units, int tsresol) {
    }

    static Stream<Case> cases() {
        return RandomCases.of(0x7357_1234L, 500, r -> {
            int tsresol = r.nextInt(256);
            long units = switch (r.nextInt(4)) {
                case 0 -> r.nextLong();
                case 1 -> r.nextLong() >>> r.nextInt(64);
                case 2 -> r.nextInt(1000);
                default -> -1L - r.nextInt(3);
            };
            return new Case(units, tsresol);
        });
    }

    @ParameterizedTest
    @MethodSource("cases")
    void unitsToNanos_matchesExactArithmetic(Case c) {
        assertEquals(exact(c.units(), c.tsresol()), PcapngInterface.unitsToNanos(c.units(), c.tsresol()));
    }

    @Test
    void everyResolution_atTheEdges() {
        long[] edges = {0, 1, 999_999_999L, 9_223_372_036L, 9_223_372_037L, Long.MAX_VALUE, Long.MIN_VALUE, -1};
        for (int tsresol = 0; tsresol < 256; tsresol++) {
            for (long units : edges) {
                assertEquals(exact(units, tsresol), PcapngInterface.unitsToNanos(units, tsresol),
                        "units " + Long.toUnsignedString(units) + " tsresol " + tsresol);
            }
        }
    }

    @Test
    void toEpochNanos_addsTheOffset_andRefusesOverflow() {
        assertEquals(5_000_000_007L, new PcapngInterface(1, 0, "", 9, 5).toEpochNanos(7));
        assertEquals(-5_000_000_000L + 7_000, new PcapngInterface(1, 0, "", 6, -5).toEpochNanos(7));
        assertEquals(CaptureRecord.NO_TIMESTAMP, new PcapngInterface(1, 0, "", 9, Long.MAX_VALUE).toEpochNanos(0));
        assertEquals(CaptureRecord.NO_TIMESTAMP, new PcapngInterface(1, 0, "", 9, 9_223_372_036L)
                .toEpochNanos(900_000_000L));
        assertEquals(Long.MAX_VALUE, new PcapngInterface(1, 0, "", 9, 0).toEpochNanos(Long.MAX_VALUE));
        assertEquals(CaptureRecord.NO_TIMESTAMP, new PcapngInterface(1, 0, "", 9, -9_223_372_037L)
                .toEpochNanos(145_224_191L), "exactly Long.MIN_VALUE is the no-timestamp marker, so refused");
        assertTrue(new PcapngInterface(1, 0, "", 9, -9_223_372_036L).toEpochNanos(0) < 0);
    }
}
