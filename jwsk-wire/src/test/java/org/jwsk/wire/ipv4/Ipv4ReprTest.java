package org.jwsk.wire.ipv4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.testing.WireTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Ipv4ReprTest {

    static final Ipv4Address A = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address B = Ipv4Address.parse("192.0.2.2");

    static Stream<Ipv4Repr> reprs() {
        return RandomCases.of(791, 1000, Ipv4Samples::header);
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void parseOfEmit_isIdentity(Ipv4Repr repr) {
        MemorySegment out = WireTesting.poisoned(repr.totalLength());
        repr.emit(out, 0, ChecksumPolicy.COMPUTE);
        assertEquals(DropReason.NONE, Ipv4View.check(out, 0, repr.totalLength()));
        Ipv4View view = new Ipv4View().wrap(out, 0, repr.totalLength());
        assertTrue(view.checksumValid());
        assertEquals(repr.headerLength(), view.headerLength());
        assertEquals(repr.payloadLength(), view.payloadLength());
        assertEquals(repr.isFragment(), view.isFragment());
        assertEquals(repr, Ipv4Repr.parse(view));
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void cursorAndFind_agreeWithTheParsedOptions(Ipv4Repr repr) {
        MemorySegment out = WireTesting.poisoned(repr.headerLength());
        repr.emit(out, 0, ChecksumPolicy.COMPUTE);
        Ipv4View view = new Ipv4View().wrap(out, 0, repr.headerLength());
        List<Ipv4Option> withLength = repr.options().stream()
                .filter(o -> !(o instanceof Ipv4Option.Nop) && !(o instanceof Ipv4Option.Eol)).toList();
        Ipv4OptionCursor c = new Ipv4OptionCursor().reset(view);
        for (Ipv4Option o : withLength) {
            assertTrue(c.next());
            assertEquals(o.type(), c.type());
            assertEquals(o.length(), c.length());
        }
        assertFalse(c.next());
        int ra = withLength.stream().filter(o -> o instanceof Ipv4Option.RouterAlert).findFirst()
                .map(o -> ((Ipv4Option.RouterAlert) o).value()).orElse(-1);
        assertEquals(ra, view.routerAlert());
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void decrementTtl_equalsAFullRecomputation(Ipv4Repr repr) {
        if (repr.ttl() == 0) {
            return;
        }
        MemorySegment out = WireTesting.poisoned(repr.headerLength());
        repr.emit(out, 0, ChecksumPolicy.COMPUTE);
        Ipv4View view = new Ipv4View().wrap(out, 0, repr.headerLength());
        assertEquals(repr.ttl() - 1, view.decrementTtl());
        assertTrue(view.checksumValid());
        int incremental = view.checksum();
        view.fillChecksum();
        assertEquals(view.checksum(), incremental, "RFC 1624 eqn. 3 gives the same field as summing again");
    }

    @Test
    void decrementTtl_everyTtlOfTheCapturedHeader() {
        byte[] header = WireTesting.hex("4500 0054 7c53 4000 4001 3a52 c000 0201 c000 0202");
        for (int ttl = 1; ttl <= 255; ttl++) {
            MemorySegment seg = WireTesting.segment(header);
            Ipv4View v = new Ipv4View().wrap(seg, 0, 20);
            v.setTtl(ttl);
            v.fillChecksum();
            v.decrementTtl();
            int incremental = v.checksum();
            v.fillChecksum();
            assertEquals(v.checksum(), incremental, "TTL " + ttl);
        }
    }

    @Test
    void offload_leavesTheChecksumZero() {
        Ipv4Repr repr = new Ipv4Repr(A, B, IpProtocol.UDP, 64, 8);
        MemorySegment out = WireTesting.poisoned(20);
        repr.emit(out, 0, ChecksumPolicy.OFFLOAD);
        assertEquals(0, new Ipv4View().wrap(out, 0, 20).checksum());
        assertArrayEquals(WireTesting.hex("4500 001c 0000 0000 4011 0000 c000 0201 c000 0202"), WireTesting.bytes(out, 0, 20));
    }

    @Test
    void options_arePaddedWithEols_toWholeWords() {
        Ipv4Option.Eol eol = new Ipv4Option.Eol();
        Ipv4Option.Nop nop = new Ipv4Option.Nop();
        Ipv4Option.RecordRoute rr = new Ipv4Option.RecordRoute(4, List.of(Ipv4Address.ANY));
        Ipv4Repr r = withOptions(List.of(rr));
        assertEquals(List.of(rr, eol), r.options());
        assertEquals(28, r.headerLength());
        assertEquals(List.of(new Ipv4Option.RouterAlert(0)), withOptions(List.of(new Ipv4Option.RouterAlert(0))).options());
        assertEquals(List.of(nop, eol, eol, eol), withOptions(List.of(nop)).options());
        assertEquals(List.of(nop, eol, eol, eol), withOptions(List.of(nop, eol)).options());
        assertEquals(List.of(eol, eol, eol, eol), withOptions(List.of(eol)).options());
        assertEquals(24, withOptions(List.of(eol)).headerLength());
        assertEquals(32, withOptions(Collections.nCopies(9, eol)).headerLength(), "padding words are kept");
    }

    @Test
    void headerLength_survivesExtraPaddingWords() {
        byte[] b = WireTesting.hex("4800 0020 0000 0000 4011 0000 c000 0201 c000 0202 0100 0000 0000 0000 0000 0000");
        Ipv4Repr r = Ipv4Repr.parse(new Ipv4View().wrap(WireTesting.segment(b), 0, b.length));
        assertEquals(32, r.headerLength());
        assertEquals(12, r.options().size());
        assertEquals(0, r.payloadLength());
        b[27] = 0x55;
        assertEquals(r, Ipv4Repr.parse(new Ipv4View().wrap(WireTesting.segment(b), 0, b.length)),
                "octets after an EOL are padding, read as zero");
    }

    @Test
    void options_invalidLists_areRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> withOptions(List.of(new Ipv4Option.Eol(), new Ipv4Option.Nop())), "NOP after EOL");
        List<Ipv4Option> tooLong = new ArrayList<>(Collections.nCopies(37, new Ipv4Option.Nop()));
        tooLong.add(new Ipv4Option.RouterAlert(0));
        assertThrows(IllegalArgumentException.class, () -> withOptions(tooLong));
        assertThrows(IllegalArgumentException.class, () -> withOptions(Collections.nCopies(41, new Ipv4Option.Eol())));
        Ipv4Option.RecordRoute rr = new Ipv4Option.RecordRoute(4, List.of());
        assertThrows(IllegalArgumentException.class, () -> withOptions(List.of(rr, rr)));
        Ipv4Option.TimestampsOnly ts = new Ipv4Option.TimestampsOnly(5, 0, List.of());
        assertThrows(IllegalArgumentException.class, () -> withOptions(List.of(ts, ts)));
        assertThrows(IllegalArgumentException.class, () -> withOptions(List.of(
                new Ipv4Option.LooseSourceRoute(4, List.of()), new Ipv4Option.StrictSourceRoute(4, List.of()))));
        assertEquals(2, withOptions(List.of(new Ipv4Option.RouterAlert(0), new Ipv4Option.RouterAlert(1))).options().size());
        assertEquals(60, withOptions(Collections.nCopies(40, new Ipv4Option.Nop())).headerLength());
    }

    @Test
    void copiedOptions_areWhatLaterFragmentsCarry() {
        Ipv4Option.LooseSourceRoute lsrr = new Ipv4Option.LooseSourceRoute(4, List.of(B));
        Ipv4Option.RouterAlert ra = new Ipv4Option.RouterAlert(0);
        Ipv4Repr r = withOptions(List.of(new Ipv4Option.Nop(), new Ipv4Option.RecordRoute(4, List.of(Ipv4Address.ANY)),
                lsrr, new Ipv4Option.TimestampsOnly(5, 0, List.of(0)), ra));
        assertEquals(List.of(lsrr, ra), r.copiedOptions());
        assertFalse(new Ipv4Option.RecordRoute(4, List.of()).copied());
        assertTrue(new Ipv4Option.StrictSourceRoute(4, List.of()).copied());
    }

    @Test
    void routeOption_rules() {
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.RecordRoute(3, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.RecordRoute(256, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.RecordRoute(5, List.of(A)), "5 + 3 > 7");
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.LooseSourceRoute(4, Collections.nCopies(10, A)));
        assertThrows(NullPointerException.class, () -> new Ipv4Option.StrictSourceRoute(4, Collections.singletonList(null)));
        Ipv4Option.RecordRoute full = new Ipv4Option.RecordRoute(8, List.of(A));
        assertTrue(full.isFull());
        assertEquals(-1, full.nextIndex());
        assertEquals(39, new Ipv4Option.RecordRoute(4, Collections.nCopies(9, A)).length());
    }

    @Test
    void timestampOption_rules() {
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.TimestampsOnly(4, 0, List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.TimestampsOnly(5, 16, List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.TimestampsOnly(5, 0, Collections.nCopies(10, 0)));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.TimestampsOnly(6, 0, List.of(0)), "6 + 3 > 8");
        Ipv4Option.TimestampEntry e = new Ipv4Option.TimestampEntry(A, 1);
        assertThrows(IllegalArgumentException.class,
                () -> new Ipv4Option.TimestampsAndAddresses(5, 0, Collections.nCopies(5, e)));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.TimestampsPrespecified(9, 0, List.of(e)), "9 + 7 > 12");
        assertThrows(NullPointerException.class, () -> new Ipv4Option.TimestampEntry(null, 0));
        Ipv4Option.TimestampsPrespecified p = new Ipv4Option.TimestampsPrespecified(13, 15, List.of(e));
        assertTrue(p.isFull());
        assertEquals(8, p.slotLength());
        assertEquals(Ipv4Layout.TS_FLAG_PRESPECIFIED, p.flag());
        assertEquals(36, new Ipv4Option.TimestampsAndAddresses(5, 0, Collections.nCopies(4, e)).length());
        assertEquals(40, new Ipv4Option.TimestampsOnly(5, 0, Collections.nCopies(9, 0)).length());
    }

    @Test
    void otherOptions_rules() {
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.RouterAlert(0x10000));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.RouterAlert(-1));
        for (int interpreted : new int[] {0, 1, 7, 68, 131, 137, 148}) {
            assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.Unknown(interpreted, Octets.EMPTY));
        }
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.Unknown(256, Octets.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Option.Unknown(130, Octets.of(new byte[39])));
        assertEquals(40, new Ipv4Option.Unknown(130, Octets.of(new byte[38])).length());
    }

    @Test
    void invalidFieldValues_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Repr(64, 0, 0, false, false, 0, 64, 6, A, B, List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Repr(0, 4, 0, false, false, 0, 64, 6, A, B, List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Repr(0, 0, 0x10000, false, false, 0, 64, 6, A, B, List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Repr(0, 0, 0, false, false, 8192, 64, 6, A, B, List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Repr(A, B, 6, 256, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Repr(A, B, 256, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Repr(A, B, 6, 64, 0xffff - 19));
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Repr(A, B, 6, 64, -1));
        assertThrows(NullPointerException.class, () -> new Ipv4Repr(null, B, 6, 64, 0));
        assertEquals(0xffff, new Ipv4Repr(A, B, 6, 64, 0xffff - 20).totalLength());
        assertThrows(IllegalArgumentException.class, () -> new Ipv4Repr(0, 0, 0, false, false, 0, 64, 6, A, B,
                List.of(new Ipv4Option.RouterAlert(0)), 0xffff - 20), "options count against the total length");
        assertThrows(IndexOutOfBoundsException.class,
                () -> new Ipv4Repr(A, B, 6, 64, 0).emit(new Ipv4View().wrap(WireTesting.poisoned(19), 0, 19), ChecksumPolicy.COMPUTE));
    }

    private static Ipv4Repr withOptions(List<Ipv4Option> options) {
        return new Ipv4Repr(0, 0, 1, false, false, 0, 64, IpProtocol.UDP, A, B, options, 8);
    }
}
