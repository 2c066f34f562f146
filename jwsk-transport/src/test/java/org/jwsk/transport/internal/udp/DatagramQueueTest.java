package org.jwsk.transport.internal.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.InterfaceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receive queue: order and metadata through growth and wrap-around, charges, admission, clearing. */
class DatagramQueueTest {

    private final BufPool pool = BufPool.create(BufPoolConfig.small("queue-test", 2));

    @AfterEach
    void close() {
        assertEquals(0, pool.outstanding());
        pool.close();
    }

    private PacketBuf buf(int n) {
        PacketBuf b = pool.allocate(1);
        b.copyFrom(0, new byte[] {(byte) n}, 0, 1);
        return b;
    }

    @Test
    void fifo_withMetadata_acrossGrowthAndWrap() {
        DatagramQueue q = new DatagramQueue();
        InterfaceId in = new InterfaceId(3);
        int next = 0;
        int expect = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 7; i++, next++) {
                q.offer(buf(next), next, next + 1, next + 2, next + 3, next << 16 | (next + 5), in, 0x2e40 | next, 10);
            }
            for (int i = 0; i < 4; i++, expect++) {
                assertEquals(expect, q.headSrcHi());
                assertEquals(expect + 1, q.headSrcLo());
                assertEquals(expect + 2, q.headDstHi());
                assertEquals(expect + 3, q.headDstLo());
                assertEquals(expect, q.headSrcPort());
                assertEquals(expect + 5, q.headDstPort());
                assertEquals(0x2e, q.headTrafficClass());
                assertEquals((0x40 | expect) & 0xff, q.headHopLimit());
                assertEquals(in, q.headIngress());
                PacketBuf b = q.take();
                assertEquals(expect, b.getU8(0));
                b.release();
            }
        }
        assertEquals(next - expect, q.size());
        assertEquals(10L * q.size(), q.charged());
        q.clear();
        assertTrue(q.isEmpty());
        assertEquals(0, q.charged());
    }

    @Test
    void admission_alwaysTakesOneIntoAnEmptyQueue_thenRespectsTheLimit() {
        DatagramQueue q = new DatagramQueue();
        assertTrue(q.hasRoomFor(5000, 2048), "Linux: an empty queue takes a datagram larger than the buffer");
        q.offer(buf(1), 0, 0, 0, 0, 0, null, 0, 5000);
        assertFalse(q.hasRoomFor(1, 2048));
        q.clear();
        q.offer(buf(1), 0, 0, 0, 0, 0, null, 0, 1000);
        assertTrue(q.hasRoomFor(1048, 2048));
        assertFalse(q.hasRoomFor(1049, 2048));
        q.clear();
    }
}
