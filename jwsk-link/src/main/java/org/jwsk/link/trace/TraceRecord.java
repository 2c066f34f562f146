package org.jwsk.link.trace;

import java.util.Objects;

/**
 * One traced frame.
 *
 * @param now       the monotonic time of the send or poll that carried it, nanoseconds
 * @param link      the traced driver's name
 * @param direction which way it went
 * @param length    its length in bytes
 * @param summary   what the {@link FrameFormatter} made of it
 */
public record TraceRecord(long now, String link, TraceDirection direction, int length, String summary) {

    public TraceRecord {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(summary, "summary");
    }

    /**
     * The record as one line: time in seconds with nanoseconds, link, direction, length and summary, such as
     * {@code 1.000000000 wire0.a tx 42 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806)}.
     */
    public String line() {
        return Long.toString(Math.floorDiv(now, 1_000_000_000L)) + '.'
                + String.format("%09d", Math.floorMod(now, 1_000_000_000L)) + ' ' + link + ' '
                + direction.label() + ' ' + length + ' ' + summary;
    }

    @Override
    public String toString() {
        return line();
    }
}
