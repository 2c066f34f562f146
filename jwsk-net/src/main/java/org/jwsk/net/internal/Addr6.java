package org.jwsk.net.internal;

import org.jwsk.common.time.Deadlines;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * An IPv6 address of an interface, with the RFC 4862 §5.5.4 state it is in. Mutable: autoconfiguration moves it
 * through its states and lifetimes. Owned by the stack's thread.
 */
public final class Addr6 {

    /** RFC 4862 address states (invalid addresses are simply removed). */
    public enum State {
        /** Being checked for uniqueness by DAD: not usable yet, only DAD's own messages may use it. */
        TENTATIVE,
        /** Usable for new communication. */
        PREFERRED,
        /** Usable for existing communication; not chosen as a source for new communication. */
        DEPRECATED,
        /** DAD found another node using it: never used (RFC 4862 §5.4.5). */
        DUPLICATE
    }

    /** Where the address came from. */
    public enum Origin {
        /** Configured by API or configuration. */
        MANUAL,
        /** The interface's link-local address (RFC 4862 §5.3). */
        LINK_LOCAL,
        /** Formed from a router-advertised prefix (RFC 4862 §5.5.3). */
        SLAAC
    }

    final long hi;
    final long lo;
    final int prefixLength;
    final Origin origin;
    State state;
    /** When the address becomes invalid, or {@link Deadlines#NONE}. */
    long validUntil = Deadlines.NONE;
    /** When it becomes deprecated, or {@link Deadlines#NONE}. */
    long preferredUntil = Deadlines.NONE;

    Addr6(long hi, long lo, int prefixLength, Origin origin, State state) {
        this.hi = hi;
        this.lo = lo;
        this.prefixLength = prefixLength;
        this.origin = origin;
        this.state = state;
    }

    /** The address. Allocates. */
    public Ipv6Address address() {
        return new Ipv6Address(hi, lo);
    }

    /** Whether the address is {@code (hi, lo)}. */
    public boolean is(long h, long l) {
        return hi == h && lo == l;
    }

    /** Whether packets to this address are accepted (preferred or deprecated, RFC 4862 §5.5.4). */
    public boolean isAssigned() {
        return state == State.PREFERRED || state == State.DEPRECATED;
    }

    public long hi() {
        return hi;
    }

    public long lo() {
        return lo;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public Origin origin() {
        return origin;
    }

    public State state() {
        return state;
    }

    /** Moves the address to {@code next}. */
    public void setState(State next) {
        this.state = next;
    }

    /** Sets the lifetimes (RFC 4862 §5.5.3): absolute deadlines or {@link Deadlines#NONE} for infinity. */
    public void setLifetimes(long preferredUntil, long validUntil) {
        this.preferredUntil = preferredUntil;
        this.validUntil = validUntil;
    }

    public long validUntil() {
        return validUntil;
    }

    public long preferredUntil() {
        return preferredUntil;
    }

    @Override
    public String toString() {
        return address() + "/" + prefixLength + " " + state.name().toLowerCase(java.util.Locale.ROOT) + " ("
                + origin.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
