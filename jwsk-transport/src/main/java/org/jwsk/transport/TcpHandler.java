package org.jwsk.transport;

/**
 * A connection's events. Every method has an empty default; implement those you need.
 *
 * <p><b>Threads and re-entrancy.</b> Called on the stack's thread, after the connection has finished processing
 * whatever caused the event, so a handler may call any method of the connection (read, send, close) from inside.
 * Events are edge-triggered: {@link #onReadable} fires when new data (or the peer's FIN) arrives, not while data is
 * waiting; {@link #onWritable} fires when room opens in a send buffer that a short {@code send} found full.
 */
public interface TcpHandler {

    /** The handshake completed (an active open reached ESTABLISHED). Accepted connections are connected already. */
    default void onConnected(TcpConnection connection, long now) {
    }

    /** New in-order data arrived. */
    default void onReadable(TcpConnection connection, long now) {
    }

    /** The send buffer has room again after a {@code send} that could not take everything. */
    default void onWritable(TcpConnection connection, long now) {
    }

    /**
     * The peer closed its side (its FIN arrived, after all its data): once the data is read, {@code receive}
     * returns -1. This side may still send.
     */
    default void onPeerClosed(TcpConnection connection, long now) {
    }

    /**
     * The connection ended: exactly once, last of all events. After it only {@code state}, {@code info} and the
     * endpoints may be asked; unread data may still be read.
     */
    default void onClosed(TcpConnection connection, CloseReason reason, long now) {
    }
}
