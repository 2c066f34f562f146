package org.jwsk.transport.internal.udp;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jwsk.net.CompartmentId;
import org.jwsk.transport.UdpStatus;

/**
 * The bound endpoints of one transport, by compartment and port: the demultiplexer's table (each compartment its
 * own port space) and the bind rules ({@link AddressSharing}) and ephemeral port choice (RFC 6056) that fill it.
 *
 * <p>A bucket lists the endpoints bound to one port of one compartment, the most recently bound first: among equally
 * specific matches for a unicast datagram, the newest endpoint wins, as in Linux.
 *
 * <p>Owned by the stack's thread.
 */
final class PortTable {

    private final LongObjectMap<ArrayList<UdpSocket>> buckets = new LongObjectMap<>();
    private final List<UdpSocket> bound = new ArrayList<>();

    private static long key(CompartmentId c, int port) {
        return (long) c.value() << 16 | port;
    }

    /** The endpoints bound to {@code port} in {@code c}, newest first, or null if none. */
    List<UdpSocket> bucket(CompartmentId c, int port) {
        return buckets.get(key(c, port));
    }

    /** Every bound endpoint, in bind order. */
    List<UdpSocket> bound() {
        return bound;
    }

    /**
     * Whether {@code s} may bind {@code (hi, lo)} (or the wildcard) and {@code port} beside the endpoints there: the
     * first refusal among overlapping endpoints, else OK.
     */
    UdpStatus check(UdpSocket s, boolean wildcard, long hi, long lo, int port) {
        List<UdpSocket> b = bucket(s.compartment(), port);
        if (b == null) {
            return UdpStatus.OK;
        }
        boolean v4 = UdpSocket.covers4(s.family(), s.dualStack(), wildcard, hi, lo);
        boolean v6 = UdpSocket.covers6(s.family(), wildcard, hi, lo);
        AddressSharing.Mode mode = AddressSharing.mode(s.options().reuseAddress(), s.options().exclusiveAddress());
        for (UdpSocket e : b) {
            boolean sameFamily = (v4 && e.covers4()) || (v6 && e.covers6());
            boolean sameAddress = wildcard || e.localWildcard || (hi == e.localHi && lo == e.localLo);
            if (!sameFamily || !sameAddress) {
                continue; // different specific addresses never conflict (WSK §6.3, and Linux alike)
            }
            UdpStatus v = AddressSharing.verdict(mode, wildcard, e.sharingMode(), e.localWildcard);
            if (!v.isOk()) {
                return v;
            }
        }
        return UdpStatus.OK;
    }

    /** Whether no endpoint of {@code c} uses {@code port}. */
    boolean isFree(CompartmentId c, int port) {
        return bucket(c, port) == null;
    }

    /**
     * An ephemeral port no endpoint of {@code c} uses, by RFC 6056 §3.3.1 (Algorithm 1, "simple port
     * randomization"): a random start in the range, then the following ports in turn, wrapping, until a free one
     * or every port was tried.
     *
     * @return the port, or -1 when the whole range is in use
     */
    int ephemeral(CompartmentId c, int low, int high, RandomGenerator random) {
        int num = high - low + 1;
        int next = low + random.nextInt(num);
        for (int count = num; count > 0; count--) {
            if (isFree(c, next)) {
                return next;
            }
            next = next == high ? low : next + 1;
        }
        return -1;
    }

    /** Adds a newly bound endpoint in front of its bucket. */
    void add(UdpSocket s) {
        long k = key(s.compartment(), s.localPort);
        ArrayList<UdpSocket> b = buckets.get(k);
        if (b == null) {
            b = new ArrayList<>(2);
            buckets.put(k, b);
        }
        b.addFirst(s);
        bound.add(s);
    }

    /** Removes an endpoint that is closing. */
    void remove(UdpSocket s) {
        long k = key(s.compartment(), s.localPort);
        ArrayList<UdpSocket> b = buckets.get(k);
        if (b != null && b.remove(s) && b.isEmpty()) {
            buckets.remove(k);
        }
        bound.remove(s);
    }
}
