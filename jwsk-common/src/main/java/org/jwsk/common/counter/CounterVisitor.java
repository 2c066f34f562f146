package org.jwsk.common.counter;

/** Receives the counters of a {@link CounterGroup}, one call per counter, in the group's order. */
@FunctionalInterface
public interface CounterVisitor {

    /**
     * One counter.
     *
     * @param name        its MIB-style name
     * @param description what it counts
     * @param value       its value when read
     */
    void visit(String name, String description, long value);
}
