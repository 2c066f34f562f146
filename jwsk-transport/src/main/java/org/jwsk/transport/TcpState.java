package org.jwsk.transport;

/**
 * The states of a TCP connection, named as RFC 9293 §3.3.2 names them (and numbered as TCP-MIB's
 * tcpConnectionState, RFC 4022, minus one). Listening sockets are {@link #LISTEN}; {@link #CLOSED} is a connection
 * that is gone or never was.
 */
public enum TcpState {
    CLOSED,
    LISTEN,
    SYN_SENT,
    SYN_RECEIVED,
    ESTABLISHED,
    FIN_WAIT_1,
    FIN_WAIT_2,
    CLOSE_WAIT,
    LAST_ACK,
    CLOSING,
    TIME_WAIT;

    /** Whether the handshake is done: SYNs have been exchanged and acknowledged (RFC 9293 §3.3.2, "synchronized"). */
    public boolean isSynchronized() {
        return ordinal() >= ESTABLISHED.ordinal();
    }

    /** Whether the user may still send (this side has not sent its FIN). */
    public boolean canSend() {
        return this == ESTABLISHED || this == CLOSE_WAIT;
    }

    /** Whether data may still arrive (the peer has not sent its FIN). */
    public boolean canReceive() {
        return this == ESTABLISHED || this == FIN_WAIT_1 || this == FIN_WAIT_2;
    }

    /** TCP-MIB tcpConnectionState (RFC 4022): closed(1) ... timeWait(11). */
    public int mibValue() {
        return ordinal() + 1;
    }
}
