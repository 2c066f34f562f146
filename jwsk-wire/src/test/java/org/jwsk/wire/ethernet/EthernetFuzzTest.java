package org.jwsk.wire.ethernet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.testing.WireTesting;

/**
 * Untrusted bytes through check, parse and emit: nothing may throw, and whatever parses re-emits to the same
 * meaning. Runs its stored inputs in every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class EthernetFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void checkParseEmit(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (EthernetView.check(seg, 0, data.length) != DropReason.NONE) {
            return;
        }
        EthernetView view = new EthernetView().wrap(seg, 0, data.length);
        EthernetRepr repr = EthernetRepr.parse(view);
        assertEquals(view.headerLength(), repr.headerLength());
        MemorySegment out = WireTesting.poisoned(repr.headerLength());
        repr.emit(out, 0);
        assertEquals(repr, EthernetRepr.parse(new EthernetView().wrap(out, 0, repr.headerLength())));
    }
}
