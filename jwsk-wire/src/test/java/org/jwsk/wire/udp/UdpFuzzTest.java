package org.jwsk.wire.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.testing.WireTesting;

/**
 * Untrusted bytes through check, checksum verification, parse and emit: nothing may throw, whatever parses
 * re-emits to the same meaning, and a re-emitted datagram's checksum verifies. Runs its stored inputs in every
 * {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class UdpFuzzTest {

    private static final int SRC = 0xc000_0201;
    private static final int DST = 0xc000_0202;

    @FuzzTest(maxDuration = "30s")
    void checkParseEmit(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (UdpView.check(seg, 0, data.length) != DropReason.NONE) {
            return;
        }
        UdpView view = new UdpView().wrap(seg, 0, data.length);
        int pseudo = InternetChecksum.pseudoHeaderV4(SRC, DST, IpProtocol.UDP, view.udpLength());
        view.verifyChecksum(pseudo, false);
        view.verifyChecksum(pseudo, true);
        UdpRepr repr = UdpRepr.parse(view);
        MemorySegment out = WireTesting.poisoned(repr.bufferLength());
        MemorySegment.copy(seg, view.payloadOffset(), out, UdpLayout.HEADER_LENGTH, view.payloadLength());
        repr.emit(out, 0, ChecksumPolicy.COMPUTE, pseudo);
        UdpView emitted = new UdpView().wrap(out, 0, repr.bufferLength());
        assertEquals(repr, UdpRepr.parse(emitted));
        assertEquals(DropReason.NONE, emitted.verifyChecksum(pseudo, true));
    }
}
