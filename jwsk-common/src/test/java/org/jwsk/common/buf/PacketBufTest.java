package org.jwsk.common.buf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PacketBufTest {

    private final BufPool pool = BufPool.create(BufPoolConfig.small("test", 2));

    @AfterEach
    void closePool() {
        assertEquals(0, pool.outstanding(), "every buffer returned to the pool");
        pool.close();
    }

    @Test
    void allocate_reservesHeadroomAndLength() {
        PacketBuf buf = pool.allocate(100);
        try {
            assertEquals(BufPoolConfig.DEFAULT_HEADROOM, buf.offset());
            assertEquals(100, buf.length());
            assertEquals(BufPoolConfig.DEFAULT_HEADROOM, buf.headroom());
            assertEquals(2048, buf.capacity());
            assertEquals(2048 - BufPoolConfig.DEFAULT_HEADROOM - 100, buf.tailroom());
            assertEquals(1, buf.refCnt());
            assertSame(pool, buf.pool());
        } finally {
            buf.release();
        }
    }

    @Test
    void allocate_largeLength_usesLargerClass() {
        PacketBuf buf = pool.allocate(9000);
        try {
            assertEquals(68 * 1024, buf.capacity());
        } finally {
            buf.release();
        }
    }

    @Test
    void allocate_tooLarge_returnsNullOrThrows() {
        assertNull(pool.tryAllocate(pool.config().maxLength() + 1));
        assertThrows(BufferExhaustedException.class, () -> pool.allocate(pool.config().maxLength() + 1));
        assertEquals(2, pool.allocationFailures());
    }

    @Test
    void trackedAllocation_isPoisoned() {
        PacketBuf buf = pool.allocate(64);
        try {
            for (int i = 0; i < 64; i++) {
                assertEquals(0xA5, buf.getU8(i), "byte " + i);
            }
        } finally {
            buf.release();
        }
    }

    @Test
    void prependAndAppend_moveTheWindow() {
        PacketBuf buf = pool.allocate(10);
        try {
            long payload = buf.offset();
            long header = buf.prepend(20);
            assertEquals(payload - 20, header);
            assertEquals(30, buf.length());
            long tail = buf.append(4);
            assertEquals(payload + 10, tail);
            assertEquals(34, buf.length());
            buf.trimFront(20);
            buf.trimBack(4);
            assertEquals(payload, buf.offset());
            assertEquals(10, buf.length());
            assertThrows(IndexOutOfBoundsException.class, () -> buf.prepend(buf.headroom() + 1));
            assertThrows(IndexOutOfBoundsException.class, () -> buf.append(buf.tailroom() + 1));
            assertThrows(IndexOutOfBoundsException.class, () -> buf.trimFront(11));
            assertThrows(IndexOutOfBoundsException.class, () -> buf.setLength(buf.capacity()));
            buf.reset(0, buf.capacity());
            assertEquals(0, buf.headroom());
            assertEquals(0, buf.tailroom());
        } finally {
            buf.release();
        }
    }

    @Test
    void copyFromAndToByteArray_roundTrip() {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        PacketBuf buf = pool.copyOf(data);
        try {
            assertArrayEquals(data, buf.toByteArray());
            assertEquals(data.length, buf.data().byteSize());
            assertThrows(IndexOutOfBoundsException.class, () -> buf.copyFrom(299, data, 0, 2));
        } finally {
            buf.release();
        }
    }

    @Test
    void retainAndRelease_countOwners() {
        PacketBuf buf = pool.allocate(10);
        buf.retain();
        assertEquals(2, buf.refCnt());
        assertTrue(buf.isShared());
        assertFalse(buf.release());
        assertFalse(buf.isShared());
        assertTrue(buf.release());
        assertEquals(0, buf.refCnt());
        assertThrows(IllegalStateException.class, buf::release, "double release is caught");
        assertThrows(IllegalStateException.class, buf::retain, "retain after release is caught");
        assertThrows(IllegalStateException.class, buf::segment, "access after release is caught");
    }

    @Test
    void slice_sharesMemoryAndKeepsParentAlive() {
        PacketBuf buf = pool.copyOf(new byte[] {1, 2, 3, 4, 5, 6});
        PacketBuf slice = buf.retainedSlice(2, 3);
        assertArrayEquals(new byte[] {3, 4, 5}, slice.toByteArray());
        assertEquals(0, slice.headroom());
        assertEquals(0, slice.tailroom());
        assertEquals(3, slice.segment().byteSize(), "a slice sees only its own bytes");
        assertTrue(slice.isShared());
        assertThrows(IndexOutOfBoundsException.class, () -> slice.prepend(1));

        assertFalse(buf.release(), "the slice still holds the memory");
        assertEquals(1, pool.outstanding());
        assertEquals(1, buf.refCnt(), "the slice's hold is counted on the buffer it came from");
        slice.copyFrom(0, new byte[] {9}, 0, 1);
        assertEquals(9, slice.getU8(0));
        assertTrue(slice.release());
        assertEquals(0, pool.outstanding());
    }

    @Test
    void sliceOfSlice_addressesTheRightBytes() {
        PacketBuf buf = pool.copyOf(new byte[] {10, 11, 12, 13, 14, 15, 16});
        PacketBuf outer = buf.retainedSlice(1, 5);
        PacketBuf inner = outer.retainedSlice(2, 2);
        buf.release();
        outer.release();
        assertArrayEquals(new byte[] {13, 14}, inner.toByteArray());
        assertEquals(1, pool.outstanding());
        inner.release();
        assertEquals(0, pool.outstanding());
    }

    @Test
    void exhaustion_returnsNullThenRecoversAfterRelease() {
        List<PacketBuf> held = new ArrayList<>();
        PacketBuf b;
        while ((b = pool.tryAllocate(1000)) != null) {
            held.add(b);
        }
        assertEquals(2 * 64, held.size(), "two slabs of 64 small buffers, and no borrowing from the large class");
        assertEquals(2 * 64L * 2048, pool.reservedBytes(), "no large slab was needed");
        held.removeFirst().release();
        PacketBuf again = pool.tryAllocate(1000);
        assertNotNull(again);
        again.release();
        held.forEach(PacketBuf::release);
    }

    @Test
    void buffersReleasedOnOtherThreads_returnToThePool() throws InterruptedException {
        int rounds = 20_000;
        Thread[] threads = IntStream.range(0, 4).mapToObj(t -> new Thread(() -> {
            for (int i = 0; i < rounds; i++) {
                PacketBuf x = pool.tryAllocate(100);
                if (x != null) {
                    PacketBuf s = x.retainedSlice(0, 10);
                    x.release();
                    s.release();
                }
            }
        })).toArray(Thread[]::new);
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, pool.outstanding());
        List<PacketBuf> all = new ArrayList<>();
        PacketBuf b;
        while ((b = pool.tryAllocate(100)) != null) {
            all.add(b);
        }
        assertEquals(128, all.size(), "no slot lost or duplicated by concurrent push and pop");
        assertEquals(128, all.stream().map(PacketBuf::segment).map(s -> s.address()).distinct().count());
        all.forEach(PacketBuf::release);
    }

    @Test
    void releaseAfterThePoolClosed_isStillCounted() {
        BufPool other = BufPool.create(BufPoolConfig.small("late", 1));
        PacketBuf buf = other.allocate(10);
        other.close();
        assertEquals(1, other.outstanding());
        assertTrue(buf.release(), "a holder may release late, after the pool's owner closed it");
        assertEquals(0, other.outstanding());
    }

    @Test
    void closedPool_refusesAllocationAndInvalidatesBuffers() {
        BufPool other = BufPool.create(BufPoolConfig.small("closing", 1));
        PacketBuf buf = other.allocate(10);
        buf.release();
        other.close();
        assertTrue(other.isClosed());
        assertThrows(IllegalStateException.class, () -> other.tryAllocate(10));
    }
}
