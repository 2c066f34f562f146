package org.jwsk.link.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultConfigTest {

    @Test
    void none_isNone_andCorruptsNothing() {
        assertTrue(FaultConfig.NONE.isNone());
        assertFalse(FaultConfig.NONE.corrupts());
        assertEquals(FaultConfig.DEFAULT_QUEUE_LIMIT, FaultConfig.NONE.queueLimit());
    }

    @Test
    void withers_setOneKnobEach() {
        FaultConfig c = FaultConfig.NONE.withDelay(Duration.ofMillis(10), Duration.ofMillis(2)).withRate(1_000_000)
                .withQueueLimit(5).withLoss(0.1).withDuplication(0.2).withReordering(0.3).withCorruption(0.4, 3);
        assertEquals(new FaultConfig(10_000_000, 2_000_000, 1_000_000, 5, 0.1, 0.2, 0.3, 0.4, 3), c);
        assertFalse(c.isNone());
        assertTrue(c.corrupts());
        assertEquals(7_000_000, c.withDelay(Duration.ofMillis(7)).delayNanos());
        assertEquals(2_000_000, c.withDelay(Duration.ofMillis(7)).jitterNanos());
    }

    @Test
    void reorderingWithoutDelay_isStillNone() {
        assertTrue(FaultConfig.NONE.withReordering(0.5).isNone(), "netem's reorder needs a delay to act on");
    }

    @Test
    void impossibleValues_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> FaultConfig.NONE.withLoss(-0.1));
        assertThrows(IllegalArgumentException.class, () -> FaultConfig.NONE.withLoss(1.5));
        assertThrows(IllegalArgumentException.class, () -> FaultConfig.NONE.withDuplication(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FaultConfig.NONE.withReordering(2));
        assertThrows(IllegalArgumentException.class, () -> FaultConfig.NONE.withCorruption(0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> FaultConfig.NONE.withQueueLimit(0));
        assertThrows(IllegalArgumentException.class, () -> FaultConfig.NONE.withRate(-1));
        assertThrows(IllegalArgumentException.class, () -> FaultConfig.NONE.withDelay(Duration.ofMillis(-1)));
    }
}
