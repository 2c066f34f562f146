package org.jwsk.net;

/**
 * A routing compartment: an isolated instance of the IP layer with its own interfaces, addresses, routes,
 * neighbours, loopback and (for transports) port space. No packet crosses from one compartment to another, even with
 * forwarding on. Compartment 1 is the default one every stack starts with.
 *
 * @param value the compartment number, 1 or more
 */
public record CompartmentId(int value) {

    /** The default compartment. */
    public static final CompartmentId DEFAULT = new CompartmentId(1);

    public CompartmentId {
        if (value < 1) {
            throw new IllegalArgumentException("compartment ids start at 1, not " + value);
        }
    }

    @Override
    public String toString() {
        return "compartment " + value;
    }
}
