package org.jwsk.transport;

import org.jwsk.net.CompartmentId;

/**
 * A listening endpoint: answers SYNs to its address and port, completes handshakes in the background (with SYN
 * cookies when its SYN queue fills), and queues finished connections for {@link #accept}. Obtained from {@code
 * Transport.listen}; implemented by the transport only.
 *
 * <p><b>Threads.</b> The stack's thread only.
 */
public interface TcpListener {

    CompartmentId compartment();

    /** The address and port listened on (the port chosen if 0 was asked for). */
    IpEndpoint localEndpoint();

    /**
     * Takes the oldest established connection from the accept queue.
     *
     * @param handler the connection's event handler
     * @return the connection, or null if none is waiting
     * @throws IllegalStateException if the listener is closed
     */
    TcpConnection accept(TcpHandler handler, long now);

    /** Connections waiting in the accept queue. */
    int pending();

    /** The accept queue's limit. */
    int backlog();

    /**
     * Stops listening: frees the port, drops half-open connections and resets those not yet accepted (as Linux
     * does). Idempotent.
     */
    void close(long now);

    boolean isClosed();
}
