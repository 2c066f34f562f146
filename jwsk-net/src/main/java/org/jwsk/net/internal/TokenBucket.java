package org.jwsk.net.internal;

/**
 * A token bucket on the stack's clock: {@code rate} tokens per second, at most {@code burst} saved up. Used to limit
 * ICMP errors (RFC 1812 §4.3.2.8, RFC 4443 §2.4(f)). Owned by the stack's thread.
 */
final class TokenBucket {

    private final long nanosPerToken;
    private final long burst;
    private long tokens;
    private long last;
    private boolean started;

    TokenBucket(int ratePerSecond, int burst) {
        this.nanosPerToken = ratePerSecond == 0 ? Long.MAX_VALUE : 1_000_000_000L / ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    /** Takes a token if one is there. */
    boolean tryTake(long now) {
        if (!started) {
            started = true;
            last = now;
        } else if (nanosPerToken != Long.MAX_VALUE) {
            long earned = (now - last) / nanosPerToken;
            if (earned > 0) {
                tokens = Math.min(burst, tokens + earned);
                last += earned * nanosPerToken;
            }
        }
        if (tokens > 0) {
            tokens--;
            return true;
        }
        return false;
    }
}
