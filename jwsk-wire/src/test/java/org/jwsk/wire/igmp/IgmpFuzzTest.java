package org.jwsk.wire.igmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.testing.WireTesting;

/**
 * Untrusted bytes through the IGMP check, the record cursor and the records: nothing may throw, the cursor stays
 * inside what the check accepted, and whatever parses re-emits, with a verifying checksum, to the same meaning.
 * {@link #queryOrReport} forces a query or a Version 3 report so that fuzzing reaches their bodies quickly. Runs its
 * stored inputs in every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class IgmpFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void checkParseEmit(byte[] data) {
        roundTrip(data);
    }

    @FuzzTest(maxDuration = "30s")
    void queryOrReport(byte[] data) {
        if (data.length > 0) {
            data[0] = (byte) ((data[0] & 1) == 0 ? IgmpType.MEMBERSHIP_QUERY : IgmpType.V3_MEMBERSHIP_REPORT);
            roundTrip(data);
        }
    }

    private static void roundTrip(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (IgmpView.check(seg, 0, data.length) != DropReason.NONE) {
            return;
        }
        IgmpView view = new IgmpView().wrap(seg, 0, data.length);
        view.verifyChecksum();
        if (view.type() == IgmpType.V3_MEMBERSHIP_REPORT) {
            long end = IgmpLayout.RECORDS_OFFSET;
            for (IgmpRecordCursor c = new IgmpRecordCursor().reset(view); c.next(); ) {
                end = c.auxDataOffset() + c.auxDataLength();
            }
            assertTrue(end <= data.length);
        } else if (view.type() == IgmpType.MEMBERSHIP_QUERY) {
            assertTrue(view.queryVersion() >= 1 && view.queryVersion() <= 3);
            view.maxResponseTime();
        }
        IgmpRepr repr = IgmpRepr.parse(view);
        assertEquals(view.type(), repr.type());
        MemorySegment out = WireTesting.poisoned(repr.bufferLength());
        repr.emit(out, 0, ChecksumPolicy.COMPUTE);
        assertEquals(DropReason.NONE, IgmpView.check(out, 0, repr.bufferLength()));
        IgmpView again = new IgmpView().wrap(out, 0, repr.bufferLength());
        assertTrue(again.verifyChecksum());
        assertEquals(repr, IgmpRepr.parse(again));
    }
}
