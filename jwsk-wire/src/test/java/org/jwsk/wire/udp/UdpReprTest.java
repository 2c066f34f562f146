package org.jwsk.wire.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.testing.WireTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UdpReprTest {

    /** A datagram with random ports, data and addresses, over either family. */
    record Case(UdpRepr repr, byte[] payload, boolean ipv6, long seed) {
    }

    static Stream<Case> cases() {
        return RandomCases.of(768, 500, r -> {
            byte[] payload = RandomCases.bytesUpTo(r, r.nextInt(10) == 0 ? 2000 : 64);
            return new Case(new UdpRepr(r.nextInt(0x10000), r.nextInt(0x10000), payload.length), payload, r.nextBoolean(),
                    r.nextLong());
        });
    }

    @ParameterizedTest
    @MethodSource("cases")
    void parseOfEmit_isIdentity_andTheChecksumVerifies(Case c) {
        UdpRepr repr = c.repr();
        MemorySegment out = WireTesting.poisoned(repr.bufferLength());
        MemorySegment.copy(MemorySegment.ofArray(c.payload()), 0, out, UdpLayout.HEADER_LENGTH, c.payload().length);
        int pseudo = pseudo(c, repr.bufferLength());
        repr.emit(out, 0, ChecksumPolicy.COMPUTE, pseudo);
        assertEquals(DropReason.NONE, UdpView.check(out, 0, repr.bufferLength()));
        UdpView view = new UdpView().wrap(out, 0, repr.bufferLength());
        assertEquals(repr, UdpRepr.parse(view));
        assertNotEquals(0, view.checksum(), "a computed checksum is never sent as zero");
        assertEquals(DropReason.NONE, view.verifyChecksum(pseudo, c.ipv6()));
        int flipAt = UdpLayout.HEADER_LENGTH + (c.payload().length == 0 ? -8 : c.payload().length / 2);
        out.set(java.lang.foreign.ValueLayout.JAVA_BYTE, flipAt, (byte) ~out.get(java.lang.foreign.ValueLayout.JAVA_BYTE, flipAt));
        assertEquals(DropReason.UDP_BAD_CHECKSUM, view.verifyChecksum(pseudo, c.ipv6()), "a flipped byte is caught");
    }

    @Test
    void invalidValues_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new UdpRepr(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new UdpRepr(0, 0x10000, 0));
        assertThrows(IllegalArgumentException.class, () -> new UdpRepr(0, 0, 0xffff - 7));
        assertThrows(IllegalArgumentException.class, () -> new UdpRepr(0, 0, -1));
        assertEquals(0xffff, new UdpRepr(0, 0, 0xffff - 8).bufferLength());
        assertThrows(IndexOutOfBoundsException.class, () -> new UdpRepr(1, 2, 3)
                .emit(new UdpView().wrap(WireTesting.poisoned(10), 0, 10), ChecksumPolicy.COMPUTE, 0));
    }

    private static int pseudo(Case c, int length) {
        RandomGenerator r = new java.util.SplittableRandom(c.seed());
        if (c.ipv6()) {
            Ipv6Address s = WireTesting.randomIpv6(r);
            Ipv6Address d = WireTesting.randomIpv6(r);
            return InternetChecksum.pseudoHeaderV6(s.hi(), s.lo(), d.hi(), d.lo(), IpProtocol.UDP, length);
        }
        return InternetChecksum.pseudoHeaderV4(r.nextInt(), r.nextInt(), IpProtocol.UDP, length);
    }
}
