package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.wire.IpProtocol;

/**
 * The validated meaning of one IPv6 extension header (RFC 8200 §4): options ({@link Ipv6OptionsRepr}),
 * routing ({@link Ipv6RoutingRepr}) or fragment ({@link Ipv6FragmentRepr}). A chain of them is a list whose
 * each {@link #nextHeader()} names the {@link #protocol()} of the one after.
 */
public sealed interface Ipv6ExtensionRepr permits Ipv6OptionsRepr, Ipv6RoutingRepr, Ipv6FragmentRepr {

    /** This header's own protocol number: what the preceding next header field holds for it. */
    int protocol();

    /** The next header field: the following extension header or the upper-layer protocol. */
    int nextHeader();

    /** The bytes this header occupies. */
    int headerLength();

    /** Writes every byte of the header at {@code off} of {@code seg}; {@link #headerLength()} bytes. */
    void emit(MemorySegment seg, long off);

    /**
     * Reads the extension header of type {@code protocol} at {@code off}, or returns {@code null} if the bytes
     * fail that header's check. For tools and tests; the data path uses {@link Ipv6HeaderWalker} and the views.
     */
    static Ipv6ExtensionRepr parse(int protocol, MemorySegment seg, long off, int len) {
        return switch (protocol) {
            case IpProtocol.HOPOPT, IpProtocol.IPV6_OPTS -> Ipv6OptionsView.check(seg, off, len).isDrop() ? null
                    : Ipv6OptionsRepr.parse(protocol, new Ipv6OptionsView().wrap(seg, off, len));
            case IpProtocol.IPV6_ROUTE -> Ipv6RoutingView.check(seg, off, len).isDrop() ? null
                    : Ipv6RoutingRepr.parse(new Ipv6RoutingView().wrap(seg, off, len));
            case IpProtocol.IPV6_FRAG -> Ipv6FragmentView.check(seg, off, len).isDrop() ? null
                    : Ipv6FragmentRepr.parse(new Ipv6FragmentView().wrap(seg, off, len));
            default -> throw new IllegalArgumentException(IpProtocol.name(protocol) + " is not an IPv6 extension header");
        };
    }
}
