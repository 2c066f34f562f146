package org.jwsk.transport.internal.udp;

import org.jwsk.net.InterfaceId;

/**
 * The last path an endpoint asked the IP layer for: its destination (and outgoing interface), and the answer's
 * source address, interface and MTU. An endpoint sending to one peer after another asks once; the entry goes stale
 * when any route of the stack changes and after {@link #MAX_AGE_NANOS} in any case (address states such as an IPv6
 * address becoming deprecated change source selection without a route change).
 *
 * <p>Owned by the stack's thread.
 */
final class PathCache {

    /** How long an answer is trusted without a route change: one second. */
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    private boolean valid;
    private long dstHi;
    private long dstLo;
    private InterfaceId via;
    private long generation;
    private long at;
    long srcHi;
    long srcLo;
    InterfaceId out;
    int mtu;

    /** Whether the entry answers for {@code (dHi, dLo)} through {@code v} under route generation {@code gen}. */
    boolean matches(long dHi, long dLo, InterfaceId v, long gen, long now) {
        return valid && dstHi == dHi && dstLo == dLo && java.util.Objects.equals(via, v) && generation == gen
                && now - at < MAX_AGE_NANOS;
    }

    /** Records an answer. */
    void fill(long dHi, long dLo, InterfaceId v, long gen, long now, long sHi, long sLo, InterfaceId o, int m) {
        valid = true;
        dstHi = dHi;
        dstLo = dLo;
        via = v;
        generation = gen;
        at = now;
        srcHi = sHi;
        srcLo = sLo;
        out = o;
        mtu = m;
    }

    /** Forgets the entry. */
    void invalidate() {
        valid = false;
    }
}
