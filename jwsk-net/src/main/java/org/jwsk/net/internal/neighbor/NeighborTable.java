package org.jwsk.net.internal.neighbor;

/**
 * The entries of one neighbour cache: an open-addressing hash table keyed by the address as two {@code long}s (no
 * key objects, no allocation on lookup), and a doubly linked recency list through the entries for least-recently
 * used eviction.
 *
 * <p>Linear probing with backward-shift deletion keeps lookups short without tombstones; the table doubles when it
 * is three quarters full. Owned by the stack's thread.
 */
final class NeighborTable {

    private Neighbor[] slots = new Neighbor[16];
    private int size;
    private Neighbor newest;
    private Neighbor oldest;

    /** The entry for {@code (hi, lo)}, or null. */
    Neighbor get(long hi, long lo) {
        int mask = slots.length - 1;
        for (int i = slot(hi, lo, mask); ; i = (i + 1) & mask) {
            Neighbor n = slots[i];
            if (n == null || n.is(hi, lo)) {
                return n;
            }
        }
    }

    /** Adds {@code n}, whose address is not in the table yet, as the most recently used entry. */
    void add(Neighbor n) {
        if ((size + 1) * 4 > slots.length * 3) {
            grow();
        }
        insert(slots, n);
        size++;
        linkNewest(n);
    }

    /** Removes {@code n}, which is in the table. */
    void remove(Neighbor n) {
        int mask = slots.length - 1;
        int i = slot(n.hi, n.lo, mask);
        while (slots[i] != n) {
            i = (i + 1) & mask;
        }
        slots[i] = null;
        // Backward-shift: move later members of the probe run into the hole when their home slot allows it.
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = slot(slots[j].hi, slots[j].lo, mask);
            if (((j - home) & mask) >= ((j - i) & mask)) {
                slots[i] = slots[j];
                slots[j] = null;
                i = j;
            }
        }
        size--;
        unlink(n);
    }

    /** Marks {@code n} as the most recently used entry. */
    void touch(Neighbor n) {
        if (newest != n) {
            unlink(n);
            linkNewest(n);
        }
    }

    int size() {
        return size;
    }

    /** The most recently used entry (then follow {@link Neighbor#older}), or null. */
    Neighbor newest() {
        return newest;
    }

    /** The least recently used entry (then follow {@link Neighbor#newer}), or null. */
    Neighbor oldest() {
        return oldest;
    }

    private void linkNewest(Neighbor n) {
        n.newer = null;
        n.older = newest;
        if (newest != null) {
            newest.newer = n;
        }
        newest = n;
        if (oldest == null) {
            oldest = n;
        }
    }

    private void unlink(Neighbor n) {
        if (n.newer != null) {
            n.newer.older = n.older;
        } else {
            newest = n.older;
        }
        if (n.older != null) {
            n.older.newer = n.newer;
        } else {
            oldest = n.newer;
        }
        n.newer = null;
        n.older = null;
    }

    private void grow() {
        Neighbor[] bigger = new Neighbor[slots.length * 2];
        for (Neighbor n : slots) {
            if (n != null) {
                insert(bigger, n);
            }
        }
        slots = bigger;
    }

    private static void insert(Neighbor[] table, Neighbor n) {
        int mask = table.length - 1;
        int i = slot(n.hi, n.lo, mask);
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = n;
    }

    private static int slot(long hi, long lo, int mask) {
        long h = hi * 0x9e37_79b9_7f4a_7c15L + lo * 0xc2b2_ae3d_27d4_eb4fL;
        h ^= h >>> 29;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
