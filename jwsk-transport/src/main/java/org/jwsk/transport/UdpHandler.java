package org.jwsk.transport;

/**
 * A UDP endpoint's events. Every method has an empty default; implement those you need.
 *
 * <p><b>Threads and re-entrancy.</b> Called on the stack's thread, after the transport has finished processing the
 * datagram or error that caused the event, so a handler may call any method of the endpoint (receive, send, close)
 * or of another endpoint from inside. Events are edge-triggered: {@link #onReadable} fires once for each datagram
 * queued, not while datagrams wait.
 */
public interface UdpHandler {

    /** A datagram was queued for the endpoint. */
    default void onReadable(UdpEndpoint endpoint, long now) {
    }

    /**
     * An ICMP error arrived about a datagram the endpoint sent: always for a connected endpoint, and for an
     * unconnected one with {@link UdpOptions#receiveErrors()}. A hard error on a connected endpoint is also left
     * pending ({@link UdpError#pending()}).
     */
    default void onError(UdpEndpoint endpoint, UdpError error, long now) {
    }
}
