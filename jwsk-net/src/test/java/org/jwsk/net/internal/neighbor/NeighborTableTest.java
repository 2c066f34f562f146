package org.jwsk.net.internal.neighbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.common.time.TimerQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The neighbour cache's hash table and recency list against a model (a {@link LinkedHashMap} in access order):
 * random adds, lookups, touches and removals over a small key space, so that probe runs collide, wrap and shift.
 */
class NeighborTableTest {

    private final TimerQueue timers = new TimerQueue();

    private record Key(long hi, long lo) {
    }

    /** A script of operations: each an opcode and a key index. */
    record Script(long seed, int[] ops, int[] keys) {
        @Override
        public String toString() {
            return "script " + seed + " (" + ops.length + " ops)";
        }
    }

    static Stream<Script> scripts() {
        return RandomCases.of(0x7ab1eL, 200, (RandomGenerator r) -> {
            int n = 1 + r.nextInt(400);
            int[] ops = new int[n];
            int[] keys = new int[n];
            for (int i = 0; i < n; i++) {
                ops[i] = r.nextInt(4);
                keys[i] = r.nextInt(1 + r.nextInt(64));
            }
            return new Script(r.nextLong(), ops, keys);
        });
    }

    private static Key key(int i) {
        // Few distinct high halves and low halves that differ in few bits: many collisions in a small table.
        return new Key(i % 3 == 0 ? 0 : 0x2001_0db8_0000_0000L, 0xc000_0200L + (i & 7) + ((long) (i >> 3) << 32));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void table_behavesLikeAnAccessOrderedMap(Script s) {
        NeighborTable table = new NeighborTable();
        Map<Key, Neighbor> index = new HashMap<>();
        Map<Key, Neighbor> order = new LinkedHashMap<>(16, 0.75f, true); // get and put move an entry to the end
        for (int i = 0; i < s.ops().length; i++) {
            Key k = key(s.keys()[i]);
            Neighbor n = table.get(k.hi(), k.lo());
            assertSame(index.get(k), n, "lookup of " + k + " at step " + i);
            switch (s.ops()[i]) {
                case 0, 1 -> {
                    if (n == null) {
                        Neighbor fresh = new Neighbor(timers, null);
                        fresh.reset(k.hi(), k.lo());
                        table.add(fresh);
                        index.put(k, fresh);
                        order.put(k, fresh);
                    }
                }
                case 2 -> {
                    if (n != null) {
                        table.touch(n);
                        order.get(k);
                    }
                }
                default -> {
                    if (n != null) {
                        table.remove(n);
                        index.remove(k);
                        order.remove(k);
                    }
                }
            }
            assertEquals(index.size(), table.size());
        }
        assertEquals(new ArrayList<>(order.values()), oldestFirst(table), "recency order");
        for (Map.Entry<Key, Neighbor> e : index.entrySet()) {
            assertSame(e.getValue(), table.get(e.getKey().hi(), e.getKey().lo()));
        }
    }

    private static List<Neighbor> oldestFirst(NeighborTable t) {
        List<Neighbor> list = new ArrayList<>();
        for (Neighbor n = t.oldest(); n != null; n = n.newer) {
            list.add(n);
        }
        List<Neighbor> back = new ArrayList<>();
        for (Neighbor n = t.newest(); n != null; n = n.older) {
            back.addFirst(n);
        }
        assertEquals(list, back, "both directions agree");
        return list;
    }

    @Test
    void growsPastItsFirstCapacity_andKeepsEveryEntry() {
        NeighborTable table = new NeighborTable();
        List<Neighbor> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Neighbor n = new Neighbor(timers, null);
            n.reset(0, 0xc000_0000L + i);
            table.add(n);
            all.add(n);
        }
        for (int i = 0; i < 5000; i++) {
            assertSame(all.get(i), table.get(0, 0xc000_0000L + i));
        }
        assertNull(table.get(0, 0xc000_0000L + 5000));
        assertSame(all.getFirst(), table.oldest());
        assertSame(all.getLast(), table.newest());
    }

    @Test
    void queue_isARingThatGivesUpItsOldestWhenFull() {
        Neighbor n = new Neighbor(timers, null);
        n.reset(0, 1);
        org.jwsk.common.buf.BufPool pool = org.jwsk.common.buf.BufPool.create(
                org.jwsk.common.buf.BufPoolConfig.small("queue", 1));
        try {
            List<org.jwsk.common.buf.PacketBuf> bufs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                bufs.add(pool.allocate(0, 1));
            }
            assertNull(n.enqueue(bufs.get(0), 3, 100));
            assertNull(n.enqueue(bufs.get(1), 3, 100));
            assertNull(n.enqueue(bufs.get(2), 3, 100));
            assertSame(bufs.get(0), n.enqueue(bufs.get(3), 3, 100));
            assertSame(bufs.get(1), n.dequeue());
            assertNull(n.enqueue(bufs.get(4), 3, 100));
            assertSame(bufs.get(2), n.dequeue());
            assertSame(bufs.get(3), n.dequeue());
            assertSame(bufs.get(4), n.dequeue());
            assertNull(n.dequeue());
            bufs.forEach(org.jwsk.common.buf.PacketBuf::release);
        } finally {
            pool.close();
        }
    }

    @Test
    void queue_isAlsoBoundedInBytes_keepingTheNewest() {
        Neighbor n = new Neighbor(timers, null);
        n.reset(0, 1);
        org.jwsk.common.buf.BufPool pool = org.jwsk.common.buf.BufPool.create(
                org.jwsk.common.buf.BufPoolConfig.small("queue-bytes", 1));
        try {
            List<org.jwsk.common.buf.PacketBuf> bufs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                bufs.add(pool.allocate(0, 600));
            }
            assertNull(n.enqueue(bufs.get(0), 10, 1500));
            assertNull(n.enqueue(bufs.get(1), 10, 1500));
            assertSame(bufs.get(0), n.enqueue(bufs.get(2), 10, 1500), "1800 bytes > 1500: the oldest goes");
            assertNull(n.overLimit(1500));
            assertSame(bufs.get(1), n.dequeue());
            assertSame(bufs.get(2), n.dequeue());
            bufs.forEach(org.jwsk.common.buf.PacketBuf::release);
        } finally {
            pool.close();
        }
    }
}
