package org.jwsk.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.Deadlines;
import org.jwsk.link.testing.TestFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameHeapTest {

    private final BufPool pool = TestFrames.pool();

    @AfterEach
    void closePool() {
        pool.close();
    }

    private PacketBuf frame(int seq) {
        return TestFrames.ethernet(pool, seq, 60);
    }

    private static List<Integer> drain(FrameHeap heap) {
        List<Integer> seqs = new ArrayList<>();
        while (!heap.isEmpty()) {
            PacketBuf f = heap.poll();
            seqs.add(TestFrames.ethernetSeq(f));
            f.release();
        }
        return seqs;
    }

    @Test
    void poll_returnsEarliestDueFirst_andEqualDueInInsertionOrder() {
        FrameHeap heap = new FrameHeap(2, 16);
        heap.add(frame(0), 30, 0);
        heap.add(frame(1), 10, 0);
        heap.add(frame(2), 20, 0);
        heap.add(frame(3), 10, 0);
        heap.add(frame(4), 20, 0);
        assertEquals(10, heap.peekDue());
        assertEquals(List.of(1, 3, 2, 4, 0), drain(heap));
        assertEquals(Deadlines.NONE, heap.peekDue());
    }

    @Test
    void randomDueTimes_comeOutSortedAndStable() {
        SplittableRandom r = new SplittableRandom(7);
        FrameHeap heap = new FrameHeap(1, 1000);
        List<long[]> added = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long due = r.nextLong(50);
            heap.add(frame(i), due, i);
            added.add(new long[] {due, i});
        }
        added.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        assertEquals(added.stream().map(x -> (int) x[1]).toList(), drain(heap));
    }

    @Test
    void add_refusesAtMaxCapacity_andCallerKeepsTheFrame() {
        FrameHeap heap = new FrameHeap(1, 2);
        assertTrue(heap.add(frame(0), 1, 0));
        assertTrue(heap.add(frame(1), 2, 0));
        PacketBuf extra = frame(2);
        assertFalse(heap.add(extra, 0, 0));
        extra.release();
        assertEquals(2, heap.releaseAll());
        assertTrue(heap.isEmpty());
    }

    @Test
    void hasDue_comparesWithNow() {
        FrameHeap heap = new FrameHeap(4, 4);
        assertFalse(heap.hasDue(100));
        heap.add(frame(0), 100, 55);
        assertFalse(heap.hasDue(99));
        assertTrue(heap.hasDue(100));
        assertEquals(55, heap.peekStamp());
        heap.releaseAll();
    }

    @Test
    void discardIf_releasesSelected_andKeepsOrder() {
        FrameHeap heap = new FrameHeap(4, 64);
        for (int i = 0; i < 20; i++) {
            heap.add(frame(i), 100 - i, i % 3);
        }
        int dropped = heap.discardIf((f, due, stamp) -> stamp == 0);
        assertEquals(7, dropped);
        List<Integer> expected = new ArrayList<>();
        for (int i = 19; i >= 0; i--) {
            if (i % 3 != 0) {
                expected.add(i);
            }
        }
        assertEquals(expected, drain(heap));
    }

    @Test
    void poll_onEmpty_throws() {
        assertThrows(NoSuchElementException.class, () -> new FrameHeap(1, 1).poll());
    }

    @Test
    void capacities_areValidated() {
        assertThrows(IllegalArgumentException.class, () -> new FrameHeap(0, 4));
        assertThrows(IllegalArgumentException.class, () -> new FrameHeap(8, 4));
    }
}
