package org.jwsk.link.trace;

/** Which way a traced frame went. */
public enum TraceDirection {
    /** Received from the link, on its way up to the stack. */
    RX,
    /** Sent by the stack, on its way down to the link. */
    TX;

    /** {@code rx} or {@code tx}, as trace lines show it. */
    public String label() {
        return this == RX ? "rx" : "tx";
    }
}
