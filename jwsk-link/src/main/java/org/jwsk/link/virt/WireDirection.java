package org.jwsk.link.virt;

/** One direction of a {@link VirtualWire}. */
public enum WireDirection {
    /** Frames sent by end A, received by end B. */
    A_TO_B("a", "b"),
    /** Frames sent by end B, received by end A. */
    B_TO_A("b", "a");

    private final String from;
    private final String to;

    WireDirection(String from, String to) {
        this.from = from;
        this.to = to;
    }

    /** A short label such as {@code a-b}. */
    public String label() {
        return from + "-" + to;
    }
}
