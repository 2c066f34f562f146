package org.jwsk.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How TCP behaves: per transport by default, per connection where the endpoint API allows. Every value has a
 * documented default; {@link #defaults()} is close to Linux's, and {@link #linuxCompatible()} matches Linux's
 * defaults exactly where scripts written against Linux (packetdrill) depend on them.
 *
 * @param features          which TCP extensions to offer and accept
 * @param buffers           receive and send buffer sizes and auto-tuning
 * @param timers            retransmission, delayed-ACK, keepalive and close timers, retry limits
 * @param congestionControl the default congestion control
 * @param initialWindow     the initial congestion window in segments (RFC 6928: 10)
 * @param listen            listener limits and SYN-flood defences
 */
public record TcpConfig(Features features, Buffers buffers, Timers timers, CongestionControlKind congestionControl,
                        int initialWindow, Listen listen) {

    public TcpConfig {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(buffers, "buffers");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(congestionControl, "congestionControl");
        Objects.requireNonNull(listen, "listen");
        if (initialWindow < 1 || initialWindow > 100) {
            throw new IllegalArgumentException("initial window must be 1-100 segments, not " + initialWindow);
        }
    }

    /** jwsk's defaults: every extension on, CUBIC, auto-tuned buffers, Linux-like timers, SYN cookies when needed. */
    public static TcpConfig defaults() {
        return new TcpConfig(Features.ALL, Buffers.DEFAULTS, Timers.DEFAULTS, CongestionControlKind.CUBIC, 10,
                Listen.DEFAULTS);
    }

    /**
     * Linux's defaults where behaviour visible on the wire depends on them: initial window 10, minimum RTO 200 ms,
     * initial RTO 1 s, delayed ACKs after 40 ms, SYN options in Linux's order (mss, sackOK, TS, nop, wscale), ECN
     * accepted but not requested.
     */
    public static TcpConfig linuxCompatible() {
        return new TcpConfig(new Features(true, true, true, EcnMode.ACCEPT, SynCookieMode.WHEN_NEEDED),
                Buffers.DEFAULTS, Timers.DEFAULTS, CongestionControlKind.CUBIC, 10, Listen.DEFAULTS);
    }

    /** This configuration with other features. */
    public TcpConfig withFeatures(Features f) {
        return new TcpConfig(f, buffers, timers, congestionControl, initialWindow, listen);
    }

    /** This configuration with other buffers. */
    public TcpConfig withBuffers(Buffers b) {
        return new TcpConfig(features, b, timers, congestionControl, initialWindow, listen);
    }

    /** This configuration with other timers. */
    public TcpConfig withTimers(Timers t) {
        return new TcpConfig(features, buffers, t, congestionControl, initialWindow, listen);
    }

    /** This configuration with another congestion control. */
    public TcpConfig withCongestionControl(CongestionControlKind kind) {
        return new TcpConfig(features, buffers, timers, kind, initialWindow, listen);
    }

    /** This configuration with other listener limits. */
    public TcpConfig withListen(Listen l) {
        return new TcpConfig(features, buffers, timers, congestionControl, initialWindow, l);
    }

    /** ECN use (RFC 3168 §6.1.1). Whatever the mode, a SYN with ECE and CWR is never refused. */
    public enum EcnMode {
        /** Neither request nor agree to ECN. */
        OFF,
        /** Agree when the peer asks; never ask (Linux's default, tcp_ecn=2). */
        ACCEPT,
        /** Ask on active opens and agree when asked. */
        ON
    }

    /** When a listener answers SYNs with SYN cookies instead of keeping state. */
    public enum SynCookieMode {
        /** Never: SYNs beyond the SYN queue are dropped. */
        OFF,
        /** When the listener's SYN queue is full (Linux's default, tcp_syncookies=1). */
        WHEN_NEEDED,
        /** Always (for tests). */
        ALWAYS
    }

    /**
     * TCP extensions.
     *
     * @param sack          SACK (RFC 2018) and D-SACK (RFC 2883)
     * @param timestamps    timestamps and PAWS (RFC 7323 §3, §5)
     * @param windowScaling window scaling (RFC 7323 §2)
     * @param ecn           explicit congestion notification (RFC 3168)
     * @param synCookies    SYN cookies at listeners
     */
    public record Features(boolean sack, boolean timestamps, boolean windowScaling, EcnMode ecn,
                           SynCookieMode synCookies) {

        /** Every extension, ECN accepted but not requested, SYN cookies when needed. */
        public static final Features ALL = new Features(true, true, true, EcnMode.ACCEPT, SynCookieMode.WHEN_NEEDED);

        public Features {
            Objects.requireNonNull(ecn, "ecn");
            Objects.requireNonNull(synCookies, "synCookies");
        }
    }

    /**
     * Buffer sizes in bytes. With auto-tuning the receive buffer grows from {@code receiveInitial} towards {@code
     * receiveMax} as the measured bandwidth-delay product asks (and the send buffer likewise); an endpoint that sets
     * a size explicitly opts out for that buffer. Memory comes from the stack's pool only when data is held.
     *
     * @param receiveInitial the receive buffer a new connection starts with (Linux tcp_rmem[1]: 131072)
     * @param receiveMax     the most auto-tuning grows it to (Linux tcp_rmem[2]: 6 MiB)
     * @param sendInitial    the send buffer a new connection starts with (Linux tcp_wmem[1]: 16384)
     * @param sendMax        the most auto-tuning grows it to (Linux tcp_wmem[2]: 4 MiB)
     * @param autoTune       grow buffers with the measured bandwidth-delay product
     */
    public record Buffers(int receiveInitial, int receiveMax, int sendInitial, int sendMax, boolean autoTune) {

        /** Linux's defaults. */
        public static final Buffers DEFAULTS = new Buffers(131072, 6 << 20, 16384, 4 << 20, true);

        public Buffers {
            if (receiveInitial < 1024 || receiveMax < receiveInitial || sendInitial < 1024 || sendMax < sendInitial) {
                throw new IllegalArgumentException("buffers must be at least 1 KiB, and max at least initial");
            }
            if (receiveMax > (1 << 30)) {
                throw new IllegalArgumentException("a receive window cannot exceed 2^30 bytes (RFC 7323 §2.3)");
            }
        }
    }

    /**
     * Timers and retry limits.
     *
     * @param rtoMin            the lowest RTO (RFC 6298 §2.4 says 1 s; Linux uses 200 ms, and so does jwsk)
     * @param rtoMax            the highest RTO (RFC 6298 §2.5: at least 60 s; Linux 120 s)
     * @param rtoInitial        the RTO before any sample (RFC 6298 §2.1: 1 s)
     * @param delayedAck        the longest an ACK is delayed (RFC 9293 §3.8.6.3: under 0.5 s; Linux 40 ms minimum)
     * @param timeWait          how long TIME-WAIT lasts (2·MSL; Linux 60 s)
     * @param finWait2          how long an orphaned FIN-WAIT-2 lasts (Linux tcp_fin_timeout: 60 s)
     * @param keepaliveIdle     idle time before the first keepalive probe (RFC 1122 §4.2.3.6: at least 2 h)
     * @param keepaliveInterval between keepalive probes (Linux 75 s)
     * @param keepaliveProbes   unanswered probes before the connection is dropped (Linux 9)
     * @param synRetries        SYN retransmissions before a connect fails (Linux 6)
     * @param synAckRetries     SYN-ACK retransmissions before a half-open connection is dropped (Linux 5)
     * @param retries           data retransmissions before a connection is dropped (Linux tcp_retries2: 15)
     * @param userTimeout       RFC 5482 user timeout: how long sent data may stay unacknowledged; zero for none
     */
    public record Timers(Duration rtoMin, Duration rtoMax, Duration rtoInitial, Duration delayedAck, Duration timeWait,
                         Duration finWait2, Duration keepaliveIdle, Duration keepaliveInterval, int keepaliveProbes,
                         int synRetries, int synAckRetries, int retries, Duration userTimeout) {

        /** Linux's defaults. */
        public static final Timers DEFAULTS = new Timers(Duration.ofMillis(200), Duration.ofSeconds(120),
                Duration.ofSeconds(1), Duration.ofMillis(40), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofHours(2), Duration.ofSeconds(75), 9, 6, 5, 15, Duration.ZERO);

        public Timers {
            Objects.requireNonNull(userTimeout, "userTimeout");
            for (Duration d : new Duration[] {rtoMin, rtoMax, rtoInitial, delayedAck, timeWait, finWait2, keepaliveIdle,
                    keepaliveInterval}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timer durations must be positive");
                }
            }
            if (rtoMax.compareTo(rtoMin) < 0 || delayedAck.toMillis() >= 500) {
                throw new IllegalArgumentException("rtoMax must be at least rtoMin; delayed ACK under 500 ms");
            }
            if (keepaliveProbes < 1 || synRetries < 0 || synAckRetries < 0 || retries < 1) {
                throw new IllegalArgumentException("retry limits must be positive");
            }
        }

        /** These timers with other RTO bounds. */
        public Timers withRto(Duration min, Duration initial, Duration max) {
            return new Timers(min, max, initial, delayedAck, timeWait, finWait2, keepaliveIdle, keepaliveInterval,
                    keepaliveProbes, synRetries, synAckRetries, retries, userTimeout);
        }
    }

    /**
     * Listener limits and SYN-flood defences.
     *
     * @param maxSynBacklog    half-open connections a listener keeps (Linux tcp_max_syn_backlog: 4096 on a
     *                         machine this size; also bounded by the listener's backlog)
     * @param maxAcceptBacklog the most a listener's accept queue may be set to (Linux somaxconn: 4096)
     * @param maxHalfOpen      half-open connections across all listeners of the transport
     */
    public record Listen(int maxSynBacklog, int maxAcceptBacklog, int maxHalfOpen) {

        /** Linux-like limits. */
        public static final Listen DEFAULTS = new Listen(4096, 4096, 65536);

        public Listen {
            if (maxSynBacklog < 1 || maxAcceptBacklog < 1 || maxHalfOpen < maxSynBacklog) {
                throw new IllegalArgumentException("listener limits must be positive, and the global one at least "
                        + "the per-listener one");
            }
        }
    }
}
