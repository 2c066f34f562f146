package org.jwsk.transport.internal.udp;

import org.jwsk.transport.UdpStatus;

/**
 * Whether a second endpoint may bind an address and port that overlap a first one's: WSK's address-sharing matrix
 * (Windows' SO_REUSEADDR / SO_EXCLUSIVEADDRUSE rules) for endpoints that all belong to one principal, so that the
 * matrix's "access check" cells succeed. Two binds overlap when they are on one port of one compartment, cover a
 * common family, and name the same address or at least one wildcard; different specific addresses never conflict
 * and are not asked about.
 *
 * <pre>
 *  second \ first    none·W  none·S  REUSE·W REUSE·S EXCL·W  EXCL·S
 *  none·Wildcard     U       S       U       S       U       S
 *  none·Specific     S(C)    U       S(C)    D       D       U
 *  REUSE·Wildcard    D       S       S       S       D       S
 *  REUSE·Specific    S(C)    D       S       S       D       D
 *  EXCL·Wildcard     U       U       U       U       U       U
 *  EXCL·Specific     S(C)    U       S(C)    U       D       U
 * </pre>
 * S success, U address in use, D access denied, S(C) the access check, which one principal always passes.
 *
 * <p>Deliberate difference from Linux, which refuses a specific bind beside a wildcard one (and the reverse) unless
 * both set SO_REUSEADDR: WSK's rules are this transport's contract. Linux's rule for the same address is kept:
 * sharing needs both endpoints to ask.
 */
public final class AddressSharing {

    /** How an endpoint asked to share: neither, SO_REUSEADDR, SO_EXCLUSIVEADDRUSE. */
    public enum Mode { NONE, REUSE, EXCLUSIVE }

    private static final String[] MATRIX = {
        "USUSUS",
        "SUSDDU",
        "DSSSDS",
        "SDSSDD",
        "UUUUUU",
        "SUSUDU",
    };

    private AddressSharing() {
    }

    /** The mode of an endpoint's options. */
    public static Mode mode(boolean reuse, boolean exclusive) {
        return exclusive ? Mode.EXCLUSIVE : reuse ? Mode.REUSE : Mode.NONE;
    }

    /**
     * The verdict for a second bind over a first that overlaps it.
     *
     * @return {@link UdpStatus#OK}, {@link UdpStatus#ADDRESS_IN_USE} or {@link UdpStatus#ACCESS_DENIED}
     */
    public static UdpStatus verdict(Mode second, boolean secondWildcard, Mode first, boolean firstWildcard) {
        char c = MATRIX[index(second, secondWildcard)].charAt(index(first, firstWildcard));
        return switch (c) {
            case 'S' -> UdpStatus.OK;
            case 'U' -> UdpStatus.ADDRESS_IN_USE;
            default -> UdpStatus.ACCESS_DENIED;
        };
    }

    private static int index(Mode m, boolean wildcard) {
        return m.ordinal() * 2 + (wildcard ? 0 : 1);
    }
}
