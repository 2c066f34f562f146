package org.jwsk.transport.internal.tcp.cc;

import java.util.Objects;
import org.jwsk.transport.CongestionControlKind;
import org.jwsk.transport.internal.tcp.CongestionControl;

/**
 * Makes congestion controls: the factory behind {@code TcpContext.newCongestionControl}. As Linux: CUBIC runs
 * HyStart (here HyStart++, RFC 9406) in its initial slow start and fast convergence; NewReno uses standard slow
 * start.
 */
public final class CongestionControls {

    private CongestionControls() {
    }

    /**
     * A new congestion control for one connection.
     *
     * @param kind                  the algorithm
     * @param mss                   the connection's SMSS in bytes, positive
     * @param initialWindowSegments the initial window in segments (RFC 6928: 10; {@code TcpConfig.initialWindow()}),
     *                              1 to 100
     * @return a congestion control with {@code cwnd} = IW × SMSS and {@code ssthresh} unbounded, owned by the caller's
     *         connection and used on its stack's thread
     */
    public static CongestionControl create(CongestionControlKind kind, int mss, int initialWindowSegments) {
        Objects.requireNonNull(kind, "kind");
        return switch (kind) {
            case NEW_RENO -> new NewReno(mss, initialWindowSegments, false);
            case CUBIC -> new Cubic(mss, initialWindowSegments, true, true);
        };
    }
}
