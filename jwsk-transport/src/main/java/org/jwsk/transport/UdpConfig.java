package org.jwsk.transport;

/**
 * How a transport's UDP behaves as a whole; per-endpoint behaviour is {@link UdpOptions}.
 *
 * @param ephemeralLow  the lowest ephemeral port (Linux ip_local_port_range: 32768)
 * @param ephemeralHigh the highest ephemeral port (Linux: 60999)
 */
public record UdpConfig(int ephemeralLow, int ephemeralHigh) {

    /** Linux's ephemeral range, 32768-60999. */
    public static final UdpConfig DEFAULTS = new UdpConfig(32768, 60999);

    public UdpConfig {
        if (ephemeralLow < 1 || ephemeralHigh > 0xffff || ephemeralLow > ephemeralHigh) {
            throw new IllegalArgumentException("ephemeral range must be within 1-65535 and not empty: "
                    + ephemeralLow + "-" + ephemeralHigh);
        }
    }

    /** This configuration with another ephemeral port range. */
    public UdpConfig withEphemeralRange(int low, int high) {
        return new UdpConfig(low, high);
    }
}
