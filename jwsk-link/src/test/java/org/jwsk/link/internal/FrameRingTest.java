package org.jwsk.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.testing.TestFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameRingTest {

    private final BufPool pool = TestFrames.pool();

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void entries_comeOutInOrder_withTheirDueAndStamp_acrossWrapAround() {
        FrameRing ring = new FrameRing(4);
        FrameRing.Entry e = new FrameRing.Entry();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 3; i++) {
                assertTrue(ring.offer(TestFrames.ethernet(pool, round * 10 + i, 60), 1000 + i, 7 * i));
            }
            for (int i = 0; i < 3; i++) {
                assertTrue(ring.poll(e));
                assertEquals(round * 10 + i, TestFrames.ethernetSeq(e.frame));
                assertEquals(1000 + i, e.due);
                assertEquals(7 * i, e.stamp);
                e.frame.release();
            }
            assertFalse(ring.poll(e));
            ring.release(3);
        }
    }

    @Test
    void admission_countsFramesUntilReleased_notUntilPolled() {
        FrameRing ring = new FrameRing(2);
        FrameRing.Entry e = new FrameRing.Entry();
        PacketBuf a = TestFrames.ethernet(pool, 1, 60);
        PacketBuf b = TestFrames.ethernet(pool, 2, 60);
        assertTrue(ring.offer(a, 0, 0));
        assertTrue(ring.offer(b, 0, 0));
        assertTrue(ring.poll(e));
        assertSame(a, e.frame);
        assertFalse(ring.hasRoom(), "a polled frame is still in flight until released");
        PacketBuf c = TestFrames.ethernet(pool, 3, 60);
        assertFalse(ring.offer(c, 0, 0));
        a.release();
        ring.release(1);
        assertTrue(ring.offer(c, 0, 0));
        assertEquals(2, ring.releaseAll());
    }

    @Test
    void capacity_mustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new FrameRing(3));
        assertThrows(IllegalArgumentException.class, () -> new FrameRing(0));
        assertEquals(8, new FrameRing(8).capacity());
    }
}
