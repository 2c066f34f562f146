package org.jwsk.wire.ipv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.testing.WireTesting;

/**
 * Untrusted bytes through check (and checkQuoted), the option walk, parse and emit: nothing may throw, the
 * cursor agrees with the parsed options, and whatever parses re-emits to the same meaning. Runs its stored
 * inputs in every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class Ipv4FuzzTest {

    @FuzzTest(maxDuration = "30s")
    void checkParseEmit(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        walkUnchecked(seg, data.length);
        if (Ipv4View.check(seg, 0, data.length) != DropReason.NONE) {
            return;
        }
        Ipv4View view = new Ipv4View().wrap(seg, 0, data.length);
        assertTrue(view.payloadOffset() + view.payloadLength() <= data.length);
        roundTrip(view);
    }

    @FuzzTest(maxDuration = "30s")
    void checkQuotedParseEmit(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (Ipv4View.checkQuoted(seg, 0, data.length) != DropReason.NONE) {
            return;
        }
        roundTrip(new Ipv4View().wrap(seg, 0, data.length));
    }

    /** The cursor and find never throw or loop, even over bytes no check has seen. */
    private static void walkUnchecked(MemorySegment seg, int length) {
        if (length < 20) {
            return;
        }
        Ipv4View view = new Ipv4View().wrap(seg, 0, length);
        int optionsLength = Math.min(view.optionsLength(), length - 20);
        if (optionsLength <= 0) {
            return;
        }
        Ipv4OptionCursor c = new Ipv4OptionCursor().reset(seg, 20, optionsLength);
        int steps = 0;
        while (c.next()) {
            assertTrue(c.offset() + c.length() <= 20 + optionsLength);
            assertTrue(++steps <= 20);
        }
    }

    private static void roundTrip(Ipv4View view) {
        view.checksumValid();
        view.findOption(Ipv4Layout.OPT_TS);
        view.routerAlert();
        Ipv4Repr repr = Ipv4Repr.parse(view);
        assertEquals(view.headerLength(), repr.headerLength());
        Ipv4OptionCursor c = new Ipv4OptionCursor().reset(view);
        for (Ipv4Option o : repr.options()) {
            if (!(o instanceof Ipv4Option.Nop) && !(o instanceof Ipv4Option.Eol)) {
                assertTrue(c.next());
                assertEquals(o.type(), c.type());
            }
        }
        MemorySegment out = WireTesting.poisoned(repr.headerLength());
        repr.emit(out, 0, ChecksumPolicy.COMPUTE);
        Ipv4View emitted = new Ipv4View().wrap(out, 0, repr.headerLength());
        assertEquals(DropReason.NONE, Ipv4View.checkQuoted(out, 0, repr.headerLength()));
        assertTrue(emitted.checksumValid());
        assertEquals(repr, Ipv4Repr.parse(emitted));
        if (emitted.ttl() > 0) {
            emitted.decrementTtl();
            assertTrue(emitted.checksumValid());
        }
    }
}
