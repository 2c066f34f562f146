package org.jwsk.wire.icmpv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.testing.WireTesting;

/**
 * Untrusted bytes through the ICMPv6 check, the NDP and MLD cursors and the records: nothing may throw, the
 * cursors cover exactly what the check accepted, and whatever parses re-emits, with a verifying checksum, to
 * the same meaning. {@link #ndp} and {@link #mld} force an NDP or MLD type so that fuzzing reaches their
 * bodies quickly. Runs its stored inputs in every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class Icmpv6FuzzTest {

    private static final int[] NDP_TYPES = {133, 134, 135, 136, 137};
    private static final int[] MLD_TYPES = {130, 131, 132, 143};

    @FuzzTest(maxDuration = "30s")
    void message(byte[] data) {
        checkParseEmit(data);
    }

    @FuzzTest(maxDuration = "30s")
    void ndp(byte[] data) {
        if (data.length > 0) {
            data[0] = (byte) NDP_TYPES[(data[0] & 0xff) % NDP_TYPES.length];
            checkParseEmit(data);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void mld(byte[] data) {
        if (data.length > 0) {
            data[0] = (byte) MLD_TYPES[(data[0] & 0xff) % MLD_TYPES.length];
            checkParseEmit(data);
        }
    }

    private static void checkParseEmit(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (Icmpv6View.check(seg, 0, data.length) != DropReason.NONE) {
            return;
        }
        Icmpv6View view = new Icmpv6View().wrap(seg, 0, data.length);
        view.verifyChecksum(0);
        walkCursors(view);
        Icmpv6Repr repr = Icmpv6Repr.parse(view);
        assertEquals(view.type(), repr.type());
        int pseudo = data.length * 31 & 0xffff;
        MemorySegment out = WireTesting.poisoned(repr.bufferLength());
        repr.emit(out, 0, pseudo, ChecksumPolicy.COMPUTE);
        assertEquals(DropReason.NONE, Icmpv6View.check(out, 0, repr.bufferLength()));
        Icmpv6View again = new Icmpv6View().wrap(out, 0, repr.bufferLength());
        assertTrue(again.verifyChecksum(pseudo));
        assertEquals(repr, Icmpv6Repr.parse(again));
    }

    private static void walkCursors(Icmpv6View view) {
        if (Icmpv6Type.isNdp(view.type())) {
            NdpView ndp = new NdpView().wrap(view.segment(), view.offset(), view.length());
            long covered = 0;
            for (NdpOptionCursor c = new NdpOptionCursor().reset(ndp); c.next(); ) {
                covered += c.length();
            }
            assertEquals(ndp.end() - ndp.optionsOffset(), covered);
            ndp.sourceLinkLayerAddress();
            ndp.targetLinkLayerAddress();
        } else if (view.type() == Icmpv6Type.MLD_V2_REPORT) {
            MldView mld = new MldView().wrap(view.segment(), view.offset(), view.length());
            long end = view.offset() + MldLayout.RECORDS_OFFSET;
            for (MldRecordCursor c = new MldRecordCursor().reset(mld); c.next(); ) {
                end = c.auxDataOffset() + c.auxDataLength();
            }
            assertTrue(end <= view.offset() + view.length());
        }
    }
}
