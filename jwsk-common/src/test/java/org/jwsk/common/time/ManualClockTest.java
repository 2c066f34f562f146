package org.jwsk.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void newClock_startsAtFixedInstants() {
        ManualClock clock = new ManualClock();
        assertEquals(ManualClock.START_NANOS, clock.nanoTime());
        assertEquals(ManualClock.DEFAULT_EPOCH.getEpochSecond() * 1_000_000_000L, clock.epochNanos());
    }

    @Test
    void advance_movesMonotonicAndWallTimeTogether() {
        ManualClock clock = new ManualClock(Instant.parse("2030-05-06T07:08:09.5Z"));
        long wall = clock.epochNanos();
        clock.advance(Duration.ofMillis(1500));
        clock.advanceNanos(7);
        assertEquals(ManualClock.START_NANOS + 1_500_000_007L, clock.nanoTime());
        assertEquals(wall + 1_500_000_007L, clock.epochNanos());
        clock.advanceTo(clock.nanoTime());
        assertEquals(ManualClock.START_NANOS + 1_500_000_007L, clock.nanoTime());
    }

    @Test
    void goingBackwards_isRejected() {
        ManualClock clock = new ManualClock();
        clock.advanceNanos(10);
        assertThrows(IllegalArgumentException.class, () -> clock.advanceNanos(-1));
        assertThrows(IllegalArgumentException.class, () -> clock.advanceTo(ManualClock.START_NANOS));
    }

    @Test
    void systemClock_isMonotonicAndNearWallTime() {
        Clock clock = Clock.system();
        long a = clock.nanoTime();
        long b = clock.nanoTime();
        assertTrue(b >= a);
        long wallMillis = clock.epochNanos() / 1_000_000;
        assertTrue(Math.abs(wallMillis - System.currentTimeMillis()) < 5_000, "epoch within 5 s of the wall clock");
    }

    @Test
    void deadlines_saturateAndCompare() {
        assertEquals(Deadlines.NONE, Deadlines.after(Long.MAX_VALUE - 5, 10));
        assertEquals(110, Deadlines.after(100, 10));
        assertTrue(Deadlines.isDue(100, 100));
        assertTrue(Deadlines.isDue(100, 101));
        assertFalse(Deadlines.isDue(100, 99));
        assertFalse(Deadlines.isDue(Deadlines.NONE, Long.MAX_VALUE));
        assertEquals(5, Deadlines.earliest(5, Deadlines.NONE));
        assertFalse(Deadlines.isSet(Deadlines.NONE));
    }
}
