package org.jwsk.wire.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpFlagsTest {

    /**
     * What tcpdump 4.99.3 printed for segments scapy built with these flags (scapy letters: F S R P A U E C, N for
     * AE); the AE letter {@code e} is tcpdump's newer {@code print-tcp.c}, which 4.99.3 predates.
     */
    @ParameterizedTest
    @CsvSource({
        "0x002, [S]", "0x012, [S.]", "0x018, [P.]", "0x011, [F.]", "0x004, [R]", "0x014, [R.]", "0x020, [U]",
        "0x030, [.U]", "0x040, [E]", "0x080, [W]", "0x0c2, [SEW]", "0x019, [FP.]", "0x000, [none]",
        "0x0ff, [FSRP.UEW]", "0x100, [e]", "0x1d2, [S.EWe]"})
    void printsLikeTcpdump(String bits, String printed) {
        TcpFlags flags = TcpFlags.of(Integer.decode(bits));
        assertEquals(printed, flags.toString());
        assertEquals(flags, TcpFlags.parse(printed));
    }

    @Test
    void parse_roundTripsEveryValue() {
        for (int bits = 0; bits <= TcpFlags.MASK; bits++) {
            assertEquals(bits, TcpFlags.parse(TcpFlags.format(bits)).bits());
        }
        assertEquals(TcpFlags.of(TcpFlags.SYN | TcpFlags.ACK), TcpFlags.parse(".S"));
        assertThrows(IllegalArgumentException.class, () -> TcpFlags.parse("[A]"));
    }

    @Test
    void accessorsAndEdits() {
        TcpFlags synAck = TcpFlags.of(TcpFlags.SYN).with(TcpFlags.ACK);
        assertTrue(synAck.syn());
        assertTrue(synAck.ack());
        assertFalse(synAck.fin() || synAck.rst() || synAck.psh() || synAck.urg() || synAck.ece() || synAck.cwr() || synAck.ae());
        assertTrue(synAck.has(TcpFlags.SYN | TcpFlags.ACK));
        assertFalse(synAck.has(TcpFlags.SYN | TcpFlags.FIN));
        assertEquals(TcpFlags.of(TcpFlags.ACK), synAck.without(TcpFlags.SYN));
        TcpFlags all = TcpFlags.of(TcpFlags.MASK);
        assertTrue(all.fin() && all.syn() && all.rst() && all.psh() && all.ack() && all.urg() && all.ece() && all.cwr() && all.ae());
        assertThrows(IllegalArgumentException.class, () -> TcpFlags.of(0x200));
        assertThrows(IllegalArgumentException.class, () -> TcpFlags.of(-1));
    }

    /** RFC 9293 §3.4: SYN and FIN each occupy one sequence number. */
    @Test
    void sequenceSpace_countsSynAndFin() {
        assertEquals(0, TcpFlags.sequenceSpace(TcpFlags.ACK | TcpFlags.PSH | TcpFlags.RST));
        assertEquals(1, TcpFlags.sequenceSpace(TcpFlags.SYN | TcpFlags.ACK));
        assertEquals(1, TcpFlags.sequenceSpace(TcpFlags.FIN | TcpFlags.ACK));
        assertEquals(2, TcpFlags.sequenceSpace(TcpFlags.SYN | TcpFlags.FIN));
        assertEquals(2, TcpFlags.of(TcpFlags.MASK).sequenceSpace());
        assertEquals(101, TcpFlags.segmentLength(TcpFlags.FIN | TcpFlags.ACK, 100));
    }
}
