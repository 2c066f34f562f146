package org.jwsk.link.fault;

import java.time.Duration;

/**
 * The impairments of one direction of a link, as data: what {@link FaultInjector} applies to each frame. The
 * knobs are those of Linux netem ({@code tc-netem(8)}): delay with jitter, a rate limit with a bounded queue,
 * loss, duplication, reordering and corruption. All zero means a perfect link ({@link #NONE}).
 *
 * <p>The model, in the order a frame meets it:
 * <ol>
 *   <li><b>Bottleneck.</b> With a rate, a frame is serialised for {@code ceil(length * 8 / rate)} after the
 *       frames queued before it. At most {@code queueLimit} frames wait or serialise at once; one more is
 *       tail-dropped. Without a rate there is no queue and frames leave at once.</li>
 *   <li><b>On the wire.</b> After leaving the bottleneck a frame is lost with probability {@code lossRate},
 *       copied with probability {@code duplicateRate}, and has {@code corruptBits} random bits flipped with
 *       probability {@code corruptRate}.</li>
 *   <li><b>Propagation.</b> It then arrives {@code delay} plus a uniform jitter in {@code [-jitter, +jitter]}
 *       later (never before it left); with probability {@code reorderRate} it skips that delay and overtakes the
 *       frames in flight, as netem's {@code reorder} does, which therefore needs a delay or jitter.</li>
 * </ol>
 *
 * @param delayNanos    propagation delay, nanoseconds, at least 0
 * @param jitterNanos   largest deviation from the delay either way, nanoseconds, at least 0; jitter reorders
 *                      frames whose arrival times cross, as on a path with several routes
 * @param bitsPerSecond bottleneck rate; 0 means unlimited (no serialisation time, no queue)
 * @param queueLimit    frames the bottleneck holds, waiting or serialising, at least 1 (netem's default is 1000)
 * @param lossRate      probability that a frame is lost, 0 to 1
 * @param duplicateRate probability that a frame is delivered twice, 0 to 1
 * @param reorderRate   probability that a frame skips the delay, 0 to 1
 * @param corruptRate   probability that a frame has bits flipped, 0 to 1
 * @param corruptBits   bits flipped in a corrupted frame, at least 1 (netem flips one, which the Internet checksum
 *                      always detects; more may go undetected)
 */
public record FaultConfig(long delayNanos, long jitterNanos, long bitsPerSecond, int queueLimit, double lossRate,
                          double duplicateRate, double reorderRate, double corruptRate, int corruptBits) {

    /** netem's default queue limit, in frames. */
    public static final int DEFAULT_QUEUE_LIMIT = 1000;

    /** A perfect link: no delay, no rate limit, nothing lost, copied, reordered or corrupted. */
    public static final FaultConfig NONE = new FaultConfig(0, 0, 0, DEFAULT_QUEUE_LIMIT, 0, 0, 0, 0, 1);

    public FaultConfig {
        if (delayNanos < 0 || jitterNanos < 0) {
            throw new IllegalArgumentException("delay and jitter must not be negative: " + delayNanos + ", "
                    + jitterNanos);
        }
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative: " + bitsPerSecond);
        }
        if (queueLimit < 1) {
            throw new IllegalArgumentException("queue limit must be at least 1, not " + queueLimit);
        }
        if (corruptBits < 1) {
            throw new IllegalArgumentException("a corrupted frame has at least 1 flipped bit, not " + corruptBits);
        }
        checkRate("loss", lossRate);
        checkRate("duplicate", duplicateRate);
        checkRate("reorder", reorderRate);
        checkRate("corrupt", corruptRate);
    }

    private static void checkRate(String what, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(what + " rate must be between 0 and 1, not " + rate);
        }
    }

    /** This configuration with a fixed propagation delay. */
    public FaultConfig withDelay(Duration delay) {
        return new FaultConfig(delay.toNanos(), jitterNanos, bitsPerSecond, queueLimit, lossRate, duplicateRate,
                reorderRate, corruptRate, corruptBits);
    }

    /** This configuration with a delay and a uniform jitter around it. */
    public FaultConfig withDelay(Duration delay, Duration jitter) {
        return new FaultConfig(delay.toNanos(), jitter.toNanos(), bitsPerSecond, queueLimit, lossRate,
                duplicateRate, reorderRate, corruptRate, corruptBits);
    }

    /** This configuration with a bottleneck of {@code bitsPerSecond} (0: unlimited). */
    public FaultConfig withRate(long bitsPerSecond) {
        return new FaultConfig(delayNanos, jitterNanos, bitsPerSecond, queueLimit, lossRate, duplicateRate,
                reorderRate, corruptRate, corruptBits);
    }

    /** This configuration with a bottleneck queue of {@code frames}. */
    public FaultConfig withQueueLimit(int frames) {
        return new FaultConfig(delayNanos, jitterNanos, bitsPerSecond, frames, lossRate, duplicateRate,
                reorderRate, corruptRate, corruptBits);
    }

    /** This configuration with a loss probability. */
    public FaultConfig withLoss(double rate) {
        return new FaultConfig(delayNanos, jitterNanos, bitsPerSecond, queueLimit, rate, duplicateRate,
                reorderRate, corruptRate, corruptBits);
    }

    /** This configuration with a duplication probability. */
    public FaultConfig withDuplication(double rate) {
        return new FaultConfig(delayNanos, jitterNanos, bitsPerSecond, queueLimit, lossRate, rate, reorderRate,
                corruptRate, corruptBits);
    }

    /** This configuration with a reordering probability (frames that skip the delay). */
    public FaultConfig withReordering(double rate) {
        return new FaultConfig(delayNanos, jitterNanos, bitsPerSecond, queueLimit, lossRate, duplicateRate, rate,
                corruptRate, corruptBits);
    }

    /** This configuration with a corruption probability, flipping one bit per corrupted frame. */
    public FaultConfig withCorruption(double rate) {
        return withCorruption(rate, 1);
    }

    /** This configuration with a corruption probability and the bits flipped per corrupted frame. */
    public FaultConfig withCorruption(double rate, int bits) {
        return new FaultConfig(delayNanos, jitterNanos, bitsPerSecond, queueLimit, lossRate, duplicateRate,
                reorderRate, rate, bits);
    }

    /** Whether this configuration may change a frame's bytes, which a link declaring checksum offload forbids. */
    public boolean corrupts() {
        return corruptRate > 0;
    }

    /** Whether this configuration leaves frames untouched, on time and in order. */
    public boolean isNone() {
        return delayNanos == 0 && jitterNanos == 0 && bitsPerSecond == 0 && lossRate == 0 && duplicateRate == 0
                && corruptRate == 0;
    }
}
