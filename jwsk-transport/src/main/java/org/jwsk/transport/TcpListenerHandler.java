package org.jwsk.transport;

/** A listener's events, on the stack's thread. */
@FunctionalInterface
public interface TcpListenerHandler {

    /** A connection joined the accept queue (edge-triggered: once per connection). */
    void onAcceptable(TcpListener listener, long now);
}
