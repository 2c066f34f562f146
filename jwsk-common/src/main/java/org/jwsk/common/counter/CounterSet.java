package org.jwsk.common.counter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A fixed table of counters named by an enum: one {@code long} slot per member, no allocation when counting.
 *
 * <p><b>Threads.</b> {@link #increment(Enum)}, {@link #add(Enum, long)} and {@link #set(Enum, long)} are for
 * the set's single writer (the thread that owns the stack): a plain read and a release write, so readers on
 * other threads see whole values without making the writer pay for atomics. Where several threads count into
 * the same slot, they use {@link #incrementShared(Enum)}, which is atomic. Readers use {@link #get(Enum)} and
 * {@link #forEach(CounterVisitor)} from any thread.
 *
 * @param <E> the enum naming the counters
 */
public final class CounterSet<E extends Enum<E> & CounterDescriptor> implements CounterGroup {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    private final String groupName;
    private final E[] keys;
    private final long[] values;

    private CounterSet(String groupName, Class<E> type) {
        this.groupName = Objects.requireNonNull(groupName, "groupName");
        this.keys = type.getEnumConstants();
        this.values = new long[keys.length];
    }

    /** A new set named {@code groupName} with one zeroed counter per member of {@code type}. */
    public static <E extends Enum<E> & CounterDescriptor> CounterSet<E> of(String groupName, Class<E> type) {
        return new CounterSet<>(groupName, type);
    }

    @Override
    public String groupName() {
        return groupName;
    }

    /** Adds one; single writer only. */
    public void increment(E key) {
        int i = key.ordinal();
        SLOTS.setRelease(values, i, values[i] + 1);
    }

    /** Adds {@code delta}; single writer only. A gauge may take a negative delta. */
    public void add(E key, long delta) {
        int i = key.ordinal();
        SLOTS.setRelease(values, i, values[i] + delta);
    }

    /** Sets a gauge; single writer only. */
    public void set(E key, long value) {
        SLOTS.setRelease(values, key.ordinal(), value);
    }

    /** Adds one atomically, for slots that several threads count into. */
    public void incrementShared(E key) {
        SLOTS.getAndAdd(values, key.ordinal(), 1L);
    }

    /** The counter's latest value; any thread. */
    public long get(E key) {
        return (long) SLOTS.getAcquire(values, key.ordinal());
    }

    @Override
    public void forEach(CounterVisitor visitor) {
        for (E key : keys) {
            if (key.counted()) {
                visitor.visit(key.counterName(), key.description(), get(key));
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(groupName).append('{');
        forEach((name, description, value) -> {
            if (value != 0) {
                sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ", ").append(name).append('=').append(value);
            }
        });
        return sb.append('}').toString();
    }
}
