package org.jwsk.wire.ipv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.testing.WireTesting;

/**
 * Untrusted bytes through the IPv6 checks, the header-chain walker and the extension-header records: nothing may
 * throw, whatever passes parses, and every record re-emits to the same meaning. Runs its stored inputs in every
 * {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class Ipv6FuzzTest {

    private final Ipv6HeaderWalker walker = new Ipv6HeaderWalker();

    @FuzzTest(maxDuration = "30s")
    void fixedHeader(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (Ipv6View.check(seg, 0, data.length) != DropReason.NONE) {
            return;
        }
        Ipv6View view = new Ipv6View().wrap(seg, 0, data.length);
        Ipv6Repr repr = Ipv6Repr.parse(view);
        assertTrue(view.paddingLength() >= 0);
        MemorySegment out = WireTesting.poisoned(Ipv6Layout.HEADER_LENGTH);
        repr.emit(out, 0);
        assertEquals(repr, Ipv6Repr.parse(new Ipv6View().wrap(out, 0, Ipv6Layout.HEADER_LENGTH)));
    }

    @FuzzTest(maxDuration = "30s")
    void walk(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        walker.walkQuoted(seg, 0, data.length);
        DropReason reason = walker.walk(seg, 0, data.length);
        if (reason.isDrop()) {
            assertTrue(walker.errorPointer() >= 0 && walker.errorPointer() < Math.max(data.length, 1),
                    "pointer " + walker.errorPointer() + " of " + data.length);
            return;
        }
        assertEquals(DropReason.NONE, Ipv6View.check(seg, 0, data.length));
        int end = walker.payloadEnd();
        int at = Ipv6Layout.HEADER_LENGTH;
        for (int i = 0; i < walker.extensionHeaderCount(); i++) {
            assertEquals(at, walker.extensionHeaderOffset(i));
            Ipv6ExtensionRepr header = Ipv6ExtensionRepr.parse(walker.extensionHeaderProtocol(i), seg, at, end - at);
            assertNotNull(header, "a walked header passes its own check");
            reemits(header);
            at += header.headerLength();
        }
        assertEquals(at, walker.upperOffset());
        assertTrue(walker.upperLength() >= 0 && end <= data.length);
    }

    @FuzzTest(maxDuration = "30s")
    void optionsHeader(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (Ipv6OptionsView.check(seg, 0, data.length) != DropReason.NONE) {
            return;
        }
        Ipv6OptionsView view = new Ipv6OptionsView().wrap(seg, 0, data.length);
        int seen = 0;
        for (Ipv6OptionCursor c = new Ipv6OptionCursor().reset(view); c.next(); ) {
            seen += c.totalLength();
        }
        assertEquals(view.optionsLength(), seen);
        reemits(Ipv6OptionsRepr.parse(IpProtocol.IPV6_OPTS, view));
    }

    @FuzzTest(maxDuration = "30s")
    void routingHeader(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (Ipv6RoutingView.check(seg, 0, data.length) == DropReason.NONE) {
            reemits(Ipv6RoutingRepr.parse(new Ipv6RoutingView().wrap(seg, 0, data.length)));
        }
    }

    @FuzzTest(maxDuration = "30s")
    void fragmentHeader(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (Ipv6FragmentView.check(seg, 0, data.length) == DropReason.NONE) {
            reemits(Ipv6FragmentRepr.parse(new Ipv6FragmentView().wrap(seg, 0, data.length)));
        }
    }

    private static void reemits(Ipv6ExtensionRepr header) {
        MemorySegment out = WireTesting.poisoned(header.headerLength());
        header.emit(out, 0);
        assertEquals(header, Ipv6ExtensionRepr.parse(header.protocol(), out, 0, header.headerLength()));
    }
}
