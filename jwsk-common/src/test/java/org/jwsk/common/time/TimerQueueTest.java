package org.jwsk.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TimerQueueTest {

    private final TimerQueue queue = new TimerQueue();
    private final List<String> fired = new ArrayList<>();

    @Test
    void firesInDeadlineOrder_onlyWhenDue() {
        TimerQueue.Timer a = queue.newTimer(now -> fired.add("a@" + now));
        TimerQueue.Timer b = queue.newTimer(now -> fired.add("b@" + now));
        a.schedule(30);
        b.schedule(10);
        assertEquals(10, queue.nextDeadline());
        assertEquals(0, queue.runDue(9));
        assertEquals(1, queue.runDue(10));
        assertEquals(List.of("b@10"), fired);
        assertFalse(b.isScheduled());
        assertEquals(1, queue.runDue(100));
        assertEquals(List.of("b@10", "a@100"), fired);
        assertEquals(Deadlines.NONE, queue.nextDeadline());
    }

    @Test
    void rescheduleAndCancel_moveTheTimer() {
        TimerQueue.Timer a = queue.newTimer(now -> fired.add("a"));
        a.schedule(50);
        a.schedule(5);
        assertEquals(5, queue.nextDeadline());
        a.schedule(70);
        assertEquals(70, a.deadline());
        a.cancel();
        assertFalse(a.isScheduled());
        assertEquals(Deadlines.NONE, a.deadline());
        assertEquals(0, queue.runDue(1000));
        a.schedule(Deadlines.NONE);
        assertEquals(0, queue.size());
    }

    @Test
    void aTaskMayRescheduleItself_andFiresAgainInTheSameRunWhenDue() {
        TimerQueue.Timer[] t = new TimerQueue.Timer[1];
        t[0] = queue.newTimer(now -> {
            fired.add("tick");
            if (fired.size() < 3) {
                t[0].schedule(now);
            }
        });
        t[0].schedule(1);
        assertEquals(3, queue.runDue(1));
        assertEquals(3, fired.size());
    }

    @Test
    void deadlinesCompareAcrossTheSignBoundary() {
        TimerQueue.Timer late = queue.newTimer(now -> fired.add("late"));
        TimerQueue.Timer early = queue.newTimer(now -> fired.add("early"));
        late.schedule(Long.MIN_VALUE + 5); // after MAX_VALUE - 10 in wrapping order
        early.schedule(Long.MAX_VALUE - 10);
        assertEquals(Long.MAX_VALUE - 10, queue.nextDeadline());
    }

    @Test
    void timersBelongToTheirQueue() {
        TimerQueue other = new TimerQueue();
        TimerQueue.Timer t = other.newTimer(now -> { });
        assertThrows(IllegalArgumentException.class, () -> queue.schedule(t, 5));
    }

    static Stream<long[]> schedules() {
        return RandomCases.of(7, 200, r -> r.longs(r.nextInt(1, 300), 0, 1000).toArray());
    }

    @ParameterizedTest
    @MethodSource("schedules")
    void randomScheduleMoveAndCancel_firesExactlyTheLiveTimersInOrder(long[] deadlines) {
        SplittableRandom r = new SplittableRandom(deadlines.length);
        List<Long> seen = new ArrayList<>();
        TimerQueue.Timer[] timers = new TimerQueue.Timer[deadlines.length];
        long[] expected = new long[deadlines.length];
        for (int i = 0; i < timers.length; i++) {
            timers[i] = queue.newTimer(seen::add);
            timers[i].schedule(deadlines[i]);
            expected[i] = deadlines[i];
        }
        for (int i = 0; i < timers.length; i++) {
            int action = r.nextInt(3);
            if (action == 0) {
                timers[i].cancel();
                expected[i] = Deadlines.NONE;
            } else if (action == 1) {
                long d = r.nextLong(0, 1000);
                timers[i].schedule(d);
                expected[i] = d;
            }
        }
        long live = java.util.Arrays.stream(expected).filter(d -> d != Deadlines.NONE).count();
        assertEquals(live, queue.size());
        List<Long> order = new ArrayList<>();
        while (queue.size() > 0) {
            long next = queue.nextDeadline();
            order.add(next);
            queue.runDue(next);
        }
        assertEquals(live, seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i - 1) <= seen.get(i), "fired in order");
        }
    }
}
