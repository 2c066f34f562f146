package org.jwsk.common.buf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The buffers of one size class: slabs carved into fixed-size slots, and a lock-free free list of slot
 * indices.
 *
 * <p>The free list is a Treiber stack over an index array. Its head packs a tag (high 32 bits, bumped by every
 * successful update, so a slot popped and pushed back between a reader's load and its CAS cannot fool it) and
 * the top slot's index plus one (low 32 bits, zero when empty). Pop and push allocate nothing. Slabs are added
 * under a lock, which only growth takes.
 */
final class SizeClassPool {

    private static final VarHandle INT_ARRAY = MethodHandles.arrayElementVarHandle(int[].class);
    private static final long EMPTY = 0;

    final BufPool pool;
    final int bufferSize;
    private final int slabShift;
    private final int slabMask;
    private final int maxSlabs;
    private final Slab[] slabs;
    private final AtomicLong head = new AtomicLong(EMPTY);
    private volatile int slabCount;

    /** One slab: its memory, the root buffer of each slot, and the free-list links of its slots. */
    private record Slab(MemorySegment memory, PacketBuf[] buffers, int[] next) {
    }

    SizeClassPool(BufPool pool, BufPoolConfig.SizeClass shape) {
        this.pool = pool;
        this.bufferSize = shape.bufferSize();
        this.slabShift = Integer.numberOfTrailingZeros(shape.buffersPerSlab());
        this.slabMask = shape.buffersPerSlab() - 1;
        this.maxSlabs = shape.maxSlabs();
        this.slabs = new Slab[maxSlabs];
    }

    /** Pops a free root buffer, growing by one slab if the list is empty; null when the class is exhausted. */
    PacketBuf pop(Arena arena) {
        PacketBuf buf = tryPop();
        while (buf == null) {
            if (!grow(arena)) {
                return tryPop();
            }
            buf = tryPop();
        }
        return buf;
    }

    private PacketBuf tryPop() {
        for (;;) {
            long h = head.get();
            int top = (int) h;
            if (top == 0) {
                return null;
            }
            int slot = top - 1;
            Slab slab = slabs[slot >>> slabShift];
            int next = (int) INT_ARRAY.getAcquire(slab.next, slot & slabMask);
            if (head.compareAndSet(h, nextHead(h, next))) {
                return slab.buffers[slot & slabMask];
            }
        }
    }

    /** Returns a root buffer's slot to the free list. Any thread may call this. */
    void push(int slot) {
        Slab slab = slabs[slot >>> slabShift];
        for (;;) {
            long h = head.get();
            INT_ARRAY.setRelease(slab.next, slot & slabMask, (int) h);
            if (head.compareAndSet(h, nextHead(h, slot + 1))) {
                return;
            }
        }
    }

    private static long nextHead(long h, int top) {
        return ((h >>> 32) + 1) << 32 | (top & 0xffff_ffffL);
    }

    private synchronized boolean grow(Arena arena) {
        if ((int) head.get() != 0) {
            return true; // another thread grew the class or released a buffer meanwhile
        }
        int index = slabCount;
        if (index == maxSlabs || pool.isClosed()) {
            return false;
        }
        int perSlab = slabMask + 1;
        MemorySegment memory = arena.allocate((long) bufferSize * perSlab, 64);
        PacketBuf[] buffers = new PacketBuf[perSlab];
        for (int i = 0; i < perSlab; i++) {
            int slot = (index << slabShift) | i;
            buffers[i] = new PacketBuf(this, slot, memory.asSlice((long) i * bufferSize, bufferSize));
        }
        slabs[index] = new Slab(memory, buffers, new int[perSlab]);
        slabCount = index + 1;
        for (int i = perSlab - 1; i >= 0; i--) {
            push((index << slabShift) | i);
        }
        return true;
    }

    /** Slabs allocated so far. */
    int slabCount() {
        return slabCount;
    }

    /** Bytes of native memory this class holds. */
    long reservedBytes() {
        return (long) slabCount * (slabMask + 1) * bufferSize;
    }
}
