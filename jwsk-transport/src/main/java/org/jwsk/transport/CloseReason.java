package org.jwsk.transport;

/** Why a connection ended, as its owner is told. */
public enum CloseReason {
    /** Both sides closed in order (FIN exchanged). */
    NORMAL,
    /** The peer reset the connection (RST). */
    RESET,
    /** A connection attempt was refused: RST in answer to our SYN, or an ICMP port unreachable. */
    REFUSED,
    /** Retransmissions or the user timeout ran out (RFC 9293 §3.8.3, RFC 5482). */
    TIMED_OUT,
    /** Keepalive probes went unanswered (RFC 1122 §4.2.3.6). */
    KEEPALIVE_TIMED_OUT,
    /** An ICMP error said the peer cannot be reached (in SYN-SENT, or a hard error on an established path). */
    UNREACHABLE,
    /** This side aborted (sent RST): the user asked, or linger expired. */
    ABORTED,
    /** The stack shut down or the interface went away. */
    SHUTDOWN
}
