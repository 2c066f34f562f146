package org.jwsk.wire.icmpv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.testing.WireTesting;

/**
 * Untrusted bytes through check, parse and emit, and an error's quoted header through the IPv4 quoted check:
 * nothing may throw, whatever parses re-emits to the same meaning, and turning a valid echo request into its
 * reply in place keeps its checksum valid. Runs its stored inputs in every {@code mvn test}; {@code
 * JAZZER_FUZZ=1} fuzzes.
 */
class Icmpv4FuzzTest {

    @FuzzTest(maxDuration = "30s")
    void checkParseEmit(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (Icmpv4View.check(seg, 0, data.length) != DropReason.NONE) {
            return;
        }
        Icmpv4View view = new Icmpv4View().wrap(seg, 0, data.length);
        boolean valid = view.checksumValid();
        Icmpv4Repr repr = Icmpv4Repr.parse(view);
        MemorySegment out = WireTesting.poisoned(repr.bufferLength());
        repr.emit(out, 0, ChecksumPolicy.COMPUTE);
        Icmpv4View emitted = new Icmpv4View().wrap(out, 0, repr.bufferLength());
        assertEquals(DropReason.NONE, Icmpv4View.check(out, 0, repr.bufferLength()));
        assertTrue(emitted.checksumValid());
        assertEquals(repr, Icmpv4Repr.parse(emitted));
        if (Icmpv4Layout.isError(view.type())
                && Ipv4View.checkQuoted(seg, view.bodyOffset(), view.bodyLength()) == DropReason.NONE) {
            Ipv4Repr.parse(new Ipv4View().wrap(seg, view.bodyOffset(), view.bodyLength()));
        }
        if (view.type() == Icmpv4Layout.TYPE_ECHO_REQUEST) {
            view.echoRequestToReply();
            assertEquals(valid, view.checksumValid());
        }
    }
}
