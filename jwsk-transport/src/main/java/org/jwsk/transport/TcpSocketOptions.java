package org.jwsk.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * A connection's options: what {@code setsockopt} sets on a TCP socket. Passed to connect and listen (accepted
 * connections inherit their listener's) and changeable on an open connection with {@link
 * TcpConnection#setOptions}. Every field has a default that defers to the transport's {@link TcpConfig}.
 *
 * @param noDelay           disable Nagle's algorithm (TCP_NODELAY; RFC 9293 §3.7.4)
 * @param keepAlive         send keepalive probes when idle (SO_KEEPALIVE; RFC 1122 §4.2.3.6)
 * @param keepaliveIdle     idle time before the first probe (TCP_KEEPIDLE), or null for the transport's
 * @param keepaliveInterval between probes (TCP_KEEPINTVL), or null for the transport's
 * @param keepaliveProbes   unanswered probes before the connection is dropped (TCP_KEEPCNT), or 0 for the
 *                          transport's
 * @param receiveBuffer     the receive buffer in bytes (SO_RCVBUF), or 0 to auto-tune within the transport's range;
 *                          a size set explicitly turns auto-tuning off for this connection, as in Linux
 * @param sendBuffer        the send buffer in bytes (SO_SNDBUF), or 0 to auto-tune
 * @param userTimeout       how long sent data may stay unacknowledged before the connection is dropped
 *                          (TCP_USER_TIMEOUT; RFC 5482), or null for the transport's; zero means none
 * @param linger            SO_LINGER: null for a normal close (the FIN goes out after queued data, in the
 *                          background); zero to abort on close (RST, queued data discarded); positive to abort if
 *                          the queued data is not acknowledged within that time after close
 * @param congestionControl the algorithm (TCP_CONGESTION), or null for the transport's
 * @param trafficClass      DSCP in the upper six bits (IP_TOS / IPV6_TCLASS); the ECN bits are TCP's and ignored
 */
public record TcpSocketOptions(boolean noDelay, boolean keepAlive, Duration keepaliveIdle, Duration keepaliveInterval,
                               int keepaliveProbes, int receiveBuffer, int sendBuffer, Duration userTimeout,
                               Duration linger, CongestionControlKind congestionControl, int trafficClass) {

    /** Nagle on, no keepalive, auto-tuned buffers, the transport's timers and congestion control. */
    public static final TcpSocketOptions DEFAULTS = new TcpSocketOptions(false, false, null, null, 0, 0, 0, null,
            null, null, 0);

    public TcpSocketOptions {
        positiveOrNull(keepaliveIdle, "keepaliveIdle");
        positiveOrNull(keepaliveInterval, "keepaliveInterval");
        if (keepaliveProbes < 0 || keepaliveProbes > 127) {
            throw new IllegalArgumentException("keepalive probes must be 0-127 (0 for the default), not "
                    + keepaliveProbes);
        }
        if (receiveBuffer != 0 && (receiveBuffer < 1024 || receiveBuffer > 1 << 30)) {
            throw new IllegalArgumentException("receive buffer must be 0 (auto) or 1 KiB-1 GiB, not " + receiveBuffer);
        }
        if (sendBuffer != 0 && (sendBuffer < 1024 || sendBuffer > 1 << 30)) {
            throw new IllegalArgumentException("send buffer must be 0 (auto) or 1 KiB-1 GiB, not " + sendBuffer);
        }
        if (userTimeout != null && userTimeout.isNegative()) {
            throw new IllegalArgumentException("user timeout must not be negative");
        }
        if (linger != null && linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
        if (trafficClass < 0 || trafficClass > 255) {
            throw new IllegalArgumentException("traffic class must be 0-255, not " + trafficClass);
        }
    }

    private static void positiveOrNull(Duration d, String name) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    public TcpSocketOptions withNoDelay(boolean on) {
        return new TcpSocketOptions(on, keepAlive, keepaliveIdle, keepaliveInterval, keepaliveProbes, receiveBuffer,
                sendBuffer, userTimeout, linger, congestionControl, trafficClass);
    }

    /** Keepalive on with these timers (null or 0 for the transport's). */
    public TcpSocketOptions withKeepAlive(boolean on, Duration idle, Duration interval, int probes) {
        return new TcpSocketOptions(noDelay, on, idle, interval, probes, receiveBuffer, sendBuffer, userTimeout,
                linger, congestionControl, trafficClass);
    }

    public TcpSocketOptions withBuffers(int receive, int send) {
        return new TcpSocketOptions(noDelay, keepAlive, keepaliveIdle, keepaliveInterval, keepaliveProbes, receive,
                send, userTimeout, linger, congestionControl, trafficClass);
    }

    public TcpSocketOptions withUserTimeout(Duration timeout) {
        return new TcpSocketOptions(noDelay, keepAlive, keepaliveIdle, keepaliveInterval, keepaliveProbes,
                receiveBuffer, sendBuffer, timeout, linger, congestionControl, trafficClass);
    }

    public TcpSocketOptions withLinger(Duration linger) {
        return new TcpSocketOptions(noDelay, keepAlive, keepaliveIdle, keepaliveInterval, keepaliveProbes,
                receiveBuffer, sendBuffer, userTimeout, linger, congestionControl, trafficClass);
    }

    public TcpSocketOptions withCongestionControl(CongestionControlKind kind) {
        return new TcpSocketOptions(noDelay, keepAlive, keepaliveIdle, keepaliveInterval, keepaliveProbes,
                receiveBuffer, sendBuffer, userTimeout, linger, kind, trafficClass);
    }

    public TcpSocketOptions withTrafficClass(int tclass) {
        return new TcpSocketOptions(noDelay, keepAlive, keepaliveIdle, keepaliveInterval, keepaliveProbes,
                receiveBuffer, sendBuffer, userTimeout, linger, congestionControl, tclass);
    }

    /** The user timeout in effect: this option's, else the transport's; zero for none. */
    public Duration effectiveUserTimeout(TcpConfig config) {
        return Objects.requireNonNullElse(userTimeout, config.timers().userTimeout());
    }
}
