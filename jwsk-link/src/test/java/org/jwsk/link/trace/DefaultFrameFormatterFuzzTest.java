package org.jwsk.link.trace;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import org.jwsk.link.Medium;

/**
 * Untrusted bytes through the trace formatter on both media: it must describe anything, and never throw. Runs its
 * stored inputs in every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class DefaultFrameFormatterFuzzTest {

    private final DefaultFrameFormatter formatter = new DefaultFrameFormatter();

    @FuzzTest(maxDuration = "30s")
    void summarizeAnything(byte[] data) {
        MemorySegment seg = MemorySegment.ofArray(data);
        for (Medium medium : Medium.values()) {
            String summary = formatter.summarize(medium, seg, 0, data.length);
            assertFalse(summary.isEmpty());
        }
    }
}
