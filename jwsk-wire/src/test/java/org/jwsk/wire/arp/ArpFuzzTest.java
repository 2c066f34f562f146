package org.jwsk.wire.arp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.testing.WireTesting;

/**
 * Untrusted bytes through check, parse and emit: nothing may throw, and whatever parses re-emits to the same
 * meaning. Runs its stored inputs in every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ArpFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void checkParseEmit(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (ArpView.check(seg, 0, data.length) != DropReason.NONE) {
            return;
        }
        ArpView view = new ArpView().wrap(seg, 0, data.length);
        ArpRepr repr = ArpRepr.parse(view);
        assertEquals(repr.isGratuitous(), view.isGratuitous());
        assertEquals(repr.isProbe(), view.isProbe());
        MemorySegment out = WireTesting.poisoned(repr.bufferLength());
        repr.emit(out, 0);
        assertEquals(repr, ArpRepr.parse(new ArpView().wrap(out, 0, repr.bufferLength())));
    }
}
