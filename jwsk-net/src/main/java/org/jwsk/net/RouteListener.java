package org.jwsk.net;

/**
 * Told when a compartment's routes change: the notification point diagnostics use (a route monitor, {@code ip
 * monitor route}, the IP-FORWARD-MIB's view) and transports use to drop cached paths. Registered with {@link
 * NetStack#addRouteListener}.
 *
 * <p><b>Threads.</b> Called on the stack's thread, right after the change, while the stack is in the middle of
 * configuration or of handling a link event: a listener must not add or remove routes or interfaces from inside the
 * call.
 */
@FunctionalInterface
public interface RouteListener {

    /** What happened to a route. */
    enum Change {
        /** Added to the table (by configuration, with an address, from a router advertisement). */
        ADDED,
        /** Removed from the table (by configuration, with its address or interface, on expiry). */
        REMOVED,
        /** Still in the table, but its interface went down or lost carrier: route selection skips it. */
        UNUSABLE,
        /** Its interface came back: route selection considers it again. */
        USABLE
    }

    /**
     * {@code route} of {@code compartment} changed.
     *
     * @param route  the route as it is (or was) in the table
     * @param change what happened
     */
    void onRouteChange(CompartmentId compartment, Route route, Change change);
}
