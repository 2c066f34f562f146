package org.jwsk.transport.internal.udp;

import java.util.Arrays;

/**
 * A map from non-zero {@code long} keys to values, by open addressing with linear probing: a demultiplexer's lookup
 * table that boxes nothing and allocates nothing to look up. Removal shifts later entries back (no tombstones).
 *
 * <p>Not thread-safe: owned by the stack's thread.
 *
 * @param <V> the values
 */
public final class LongObjectMap<V> {

    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    private int size;

    /** The value for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public V get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    /**
     * Maps {@code key} to {@code value}, replacing any value it had.
     *
     * @throws IllegalArgumentException for key 0 (the empty-slot marker) or a null value
     */
    public void put(long key, V value) {
        if (key == 0 || value == null) {
            throw new IllegalArgumentException("key 0 and null values are not allowed");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** Removes {@code key}; returns whether it was there. */
    public boolean remove(long key) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != key) {
            if (keys[i] == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
        keys[i] = 0;
        values[i] = null;
        size--;
        // Shift back the entries of the same probe run that may have passed over slot i.
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                keys[j] = 0;
                values[j] = null;
                i = j;
            }
        }
        return true;
    }

    /** Entries held. */
    public int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[i];
                put(oldKeys[i], v);
            }
        }
        Arrays.fill(oldValues, null);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9e37_79b9_7f4a_7c15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
