package org.jwsk.transport;

/**
 * A raw endpoint's events, on the stack's thread, fired after the packet that caused them was queued (a handler may
 * call back into the endpoint). Edge-triggered: once per queued packet.
 */
@FunctionalInterface
public interface RawHandler {

    /** A packet was queued for the endpoint. */
    void onReadable(RawEndpoint endpoint, long now);
}
