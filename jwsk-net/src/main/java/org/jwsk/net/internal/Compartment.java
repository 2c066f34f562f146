package org.jwsk.net.internal;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.Route;
import org.jwsk.net.RouteListener;

/**
 * A routing compartment: its interfaces (a loopback among them), its route tables, and the answer to "is this
 * address ours?" within it. Nothing here ever looks at another compartment.
 *
 * <p>Owned by the stack's thread.
 */
public final class Compartment {

    private final StackCore stack;
    private final CompartmentId id;
    private final List<Nic> nics = new ArrayList<>();
    private final RouteTable routes4 = new RouteTable(this, 4);
    private final RouteTable routes6 = new RouteTable(this, 6);
    private Nic loopback;

    Compartment(StackCore stack, CompartmentId id) {
        this.stack = stack;
        this.id = id;
    }

    public CompartmentId id() {
        return id;
    }

    /** The stack the compartment belongs to. */
    public StackCore stack() {
        return stack;
    }

    /** The interfaces, loopback first. */
    public List<Nic> nics() {
        return nics;
    }

    public Nic loopback() {
        return loopback;
    }

    void setLoopback(Nic nic) {
        this.loopback = nic;
    }

    public RouteTable routes(int version) {
        return version == 4 ? routes4 : routes6;
    }

    /** The interface that owns IPv4 address {@code a} in this compartment, or null. */
    public Nic owner4(int a) {
        for (Nic n : nics) {
            if (n.owns4(a)) {
                return n;
            }
        }
        return null;
    }

    /** The interface on which {@code (hi, lo)} is an assigned IPv6 address, or null. */
    public Nic owner6(long hi, long lo) {
        if (hi == 0 && lo == 1) {
            return loopback;
        }
        for (Nic n : nics) {
            if (n.owns6(hi, lo)) {
                return n;
            }
        }
        return null;
    }

    /** A route of this compartment changed: tell the stack's listeners. */
    void routeChanged(Route route, RouteListener.Change change) {
        stack.routeChanged(this, route, change);
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
