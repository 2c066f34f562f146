package org.jwsk.wire.pcap;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jwsk.wire.Octets;

/**
 * One frame read from a capture file: a heap copy of its bytes plus what the file says about it.
 *
 * @param interfaceId    the interface the frame was captured on: the index of its Interface Description Block in
 *                       its pcapng section, always 0 in a classic pcap file
 * @param linkType       the interface's link type ({@link LinkType})
 * @param epochNanos     when it was captured, in nanoseconds since 1970-01-01T00:00:00Z (negative before), or
 *                       {@link #NO_TIMESTAMP} for a pcapng Simple Packet Block, which carries none
 * @param originalLength the frame's length on the wire, unsigned 32-bit; usually {@code data.length()}, more if
 *                       the capture truncated it (and, in files from careless writers, sometimes less)
 * @param direction      inbound or outbound when the file says so (pcapng epb_flags), otherwise unknown
 * @param data           the captured bytes, {@code capturedLength()} of them
 */
public record CaptureRecord(int interfaceId, int linkType, long epochNanos, long originalLength, Direction direction,
                            Octets data) {

    /** The {@link #epochNanos()} of a record whose file gives no timestamp. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public CaptureRecord {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(data, "data");
        if (interfaceId < 0) {
            throw new IllegalArgumentException("negative interface id " + interfaceId);
        }
        if (originalLength < 0 || originalLength > 0xffff_ffffL) {
            throw new IllegalArgumentException("original length is unsigned 32-bit: " + originalLength);
        }
    }

    /** How many bytes the file holds for this frame. */
    public int capturedLength() {
        return data.length();
    }

    /** Whether the capture kept fewer bytes than the frame had on the wire. */
    public boolean isTruncated() {
        return data.length() < originalLength;
    }

    /** Whether the file gave a timestamp (every format but the pcapng Simple Packet Block does). */
    public boolean hasTimestamp() {
        return epochNanos != NO_TIMESTAMP;
    }

    /** The capture time as an {@link Instant}, if the file gave one. */
    public Optional<Instant> instant() {
        if (!hasTimestamp()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)));
    }
}
