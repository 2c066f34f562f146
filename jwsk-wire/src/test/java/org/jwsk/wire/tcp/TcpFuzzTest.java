package org.jwsk.wire.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.testing.WireTesting;

/**
 * Untrusted bytes through check, the view's accessors, the option cursor, parse and emit: nothing may throw, the
 * accessors agree with the parsed record, and whatever parses re-emits to the same meaning with a valid checksum.
 * Runs its stored inputs in every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class TcpFuzzTest {

    private static final int PSEUDO_HEADER_SUM = 0x8432;

    /** Whole segments: header, options and data as the fuzzer makes them. */
    @FuzzTest(maxDuration = "30s")
    void checkParseEmit(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        if (TcpView.check(seg, 0, data.length) != DropReason.NONE) {
            return;
        }
        exercise(new TcpView().wrap(seg, 0, data.length));
    }

    /**
     * The fuzzer's bytes as the option area (up to 40 bytes, zero-padded to a word) of a fixed header, so the
     * fuzzer spends its effort on option lists.
     */
    @FuzzTest(maxDuration = "30s")
    void optionArea(byte[] options) {
        int used = Math.min(options.length, TcpLayout.MAX_OPTIONS_LENGTH);
        int length = TcpLayout.HEADER_LENGTH + TcpLayout.align4(used);
        byte[] segment = new byte[length + 1];
        segment[12] = (byte) (length / 4 << 4);
        segment[13] = TcpFlags.SYN | TcpFlags.ACK;
        System.arraycopy(options, 0, segment, TcpLayout.HEADER_LENGTH, used);
        segment[length] = 'x';
        MemorySegment seg = MemorySegment.ofArray(segment);
        assertEquals(DropReason.NONE, TcpView.check(seg, 0, segment.length));
        exercise(new TcpView().wrap(seg, 0, segment.length));
    }

    private static void exercise(TcpView view) {
        DropReason options = view.checkOptions();
        view.verifyChecksum(PSEUDO_HEADER_SUM);
        walk(new TcpOptionCursor().reset(view));
        TcpRepr repr = TcpRepr.parse(view);
        TcpTesting.assertViewAgreesWithRepr(view, repr);
        assertEquals(view.payloadLength(), repr.payload().length());

        MemorySegment out = WireTesting.poisoned(repr.bufferLength());
        repr.emit(out, 0, PSEUDO_HEADER_SUM, ChecksumPolicy.COMPUTE);
        assertEquals(DropReason.NONE, TcpView.check(out, 0, repr.bufferLength()));
        TcpView emitted = new TcpView().wrap(out, 0, repr.bufferLength());
        assertEquals(repr, TcpRepr.parse(emitted));
        assertEquals(DropReason.NONE, emitted.verifyChecksum(PSEUDO_HEADER_SUM));
        if (options == DropReason.NONE) {
            assertEquals(DropReason.NONE, emitted.checkOptions(), "a clean list stays clean");
        }
    }

    /** One pass with every typed reader the cursor offers, as a TCP receive path would make it. */
    private static void walk(TcpOptionCursor cursor) {
        while (cursor.next()) {
            if (!cursor.isWellFormed()) {
                continue;
            }
            switch (cursor.kind()) {
                case TcpOptionKind.MSS -> cursor.mss();
                case TcpOptionKind.WINDOW_SCALE -> cursor.windowScale();
                case TcpOptionKind.TIMESTAMPS -> {
                    cursor.tsVal();
                    cursor.tsEcr();
                }
                case TcpOptionKind.SACK -> {
                    for (int i = 0; i < cursor.sackBlockCount(); i++) {
                        cursor.sackLeft(i);
                        cursor.sackRight(i);
                    }
                }
                default -> cursor.toOption();
            }
        }
    }
}
