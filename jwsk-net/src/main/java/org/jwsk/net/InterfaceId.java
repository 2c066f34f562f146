package org.jwsk.net;

/**
 * An interface of a stack: its IF-MIB {@code ifIndex}, unique within the stack and never reused while it runs.
 * Loopback interfaces take indexes too (one per compartment).
 *
 * @param value the index, 1 or more
 */
public record InterfaceId(int value) {

    public InterfaceId {
        if (value < 1) {
            throw new IllegalArgumentException("interface indexes start at 1, not " + value);
        }
    }

    @Override
    public String toString() {
        return "if" + value;
    }
}
