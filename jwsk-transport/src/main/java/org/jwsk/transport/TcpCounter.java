package org.jwsk.transport;

import org.jwsk.common.counter.CounterDescriptor;

/**
 * TCP's counters: the TCP-MIB scalars (RFC 4022) first, then jwsk's own, in the style of Linux's TcpExt. Kept once
 * per transport in the counter set named {@code tcp}.
 */
public enum TcpCounter implements CounterDescriptor {
    ACTIVE_OPENS("tcpActiveOpens", "transitions CLOSED to SYN-SENT"),
    PASSIVE_OPENS("tcpPassiveOpens", "transitions LISTEN to SYN-RECEIVED (SYNs answered)"),
    ATTEMPT_FAILS("tcpAttemptFails", "SYN-SENT or SYN-RECEIVED to CLOSED, and SYN-RECEIVED to LISTEN"),
    ESTAB_RESETS("tcpEstabResets", "ESTABLISHED or CLOSE-WAIT to CLOSED"),
    CURR_ESTAB("tcpCurrEstab", "connections now in ESTABLISHED or CLOSE-WAIT") {
        @Override
        public Kind kind() {
            return Kind.GAUGE;
        }
    },
    IN_SEGS("tcpInSegs", "segments received, errors included"),
    OUT_SEGS("tcpOutSegs", "segments sent, retransmissions excluded"),
    RETRANS_SEGS("tcpRetransSegs", "segments retransmitted"),
    IN_ERRS("tcpInErrs", "segments received in error (checksum, header)"),
    OUT_RSTS("tcpOutRsts", "segments sent with RST"),
    // ---- jwsk (Linux TcpExt names where one exists)
    NO_CONNECTION("tcpInNoConnection", "segments for no connection or listener (answered with RST where allowed)"),
    SYN_COOKIES_SENT("tcpSyncookiesSent", "SYN-ACKs sent with a SYN cookie"),
    SYN_COOKIES_RECV("tcpSyncookiesRecv", "connections established from a valid SYN cookie"),
    SYN_COOKIES_FAILED("tcpSyncookiesFailed", "ACKs carrying an invalid SYN cookie"),
    LISTEN_OVERFLOWS("tcpListenOverflows", "connections dropped because the accept queue was full"),
    LISTEN_DROPS("tcpListenDrops", "SYNs dropped at a listener (queue limits, memory)"),
    CHALLENGE_ACKS("tcpChallengeACK", "challenge ACKs sent (RFC 5961)"),
    CHALLENGE_ACKS_LIMITED("tcpChallengeACKLimited", "challenge ACKs not sent: rate limit (RFC 5961 §7)"),
    PAWS_REJECTED("tcpPAWSEstab", "segments rejected by PAWS (RFC 7323 §5)"),
    FAST_RETRANS("tcpFastRetrans", "fast retransmissions"),
    TIMEOUTS("tcpTimeouts", "retransmission timeouts"),
    LOSS_PROBES("tcpLossProbes", "tail loss probes sent (RFC 8985 §7)"),
    RACK_LOSSES("tcpRackLosses", "segments RACK marked lost (RFC 8985 §6)"),
    SACK_RECOVERY("tcpSackRecovery", "loss recoveries with SACK (RFC 6675)"),
    DSACKS_RECV("tcpDSACKRecv", "D-SACKs received (RFC 2883)"),
    DSACKS_SENT("tcpDSACKOldSent", "D-SACKs sent for duplicate data"),
    SPURIOUS_RETRANS("tcpSpuriousRTOs", "retransmissions found spurious and undone"),
    DELAYED_ACKS("tcpDelayedACKs", "ACKs sent by the delayed-ACK timer"),
    ZERO_WINDOW_PROBES("tcpWinProbe", "zero-window probes sent"),
    KEEPALIVE_PROBES("tcpKeepAliveProbes", "keepalive probes sent"),
    KEEPALIVE_TIMEOUTS("tcpKeepAliveTimeouts", "connections closed by keepalive"),
    ECN_NEGOTIATED("tcpECNNegotiated", "connections with ECN in use (RFC 3168)"),
    OFO_QUEUED("tcpOFOQueue", "segments queued out of order"),
    OFO_DROPPED("tcpOFODrop", "out-of-order segments dropped for want of buffer"),
    RCV_PRUNED("tcpRcvPruned", "received data dropped because the receive buffer was full");

    private final String counterName;
    private final String description;

    TcpCounter(String counterName, String description) {
        this.counterName = counterName;
        this.description = description;
    }

    @Override
    public String counterName() {
        return counterName;
    }

    @Override
    public String description() {
        return description;
    }
}
