package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;

/**
 * The validated meaning of a Routing header (RFC 8200 §4.4), generic over routing types: the type-specific
 * data is kept as bytes. Type 0 is deprecated (RFC 5095) but still representable, so tools can show it.
 *
 * @param nextHeader   0-255
 * @param routingType  0-255 ({@link Ipv6RoutingLayout}'s {@code TYPE_*})
 * @param segmentsLeft 0-255
 * @param data         type-specific data; its length plus 4 must be a multiple of 8, at most 2044 bytes
 */
public record Ipv6RoutingRepr(int nextHeader, int routingType, int segmentsLeft, Octets data)
        implements Ipv6ExtensionRepr {

    public Ipv6RoutingRepr {
        Objects.requireNonNull(data, "data");
        requireByte("next header", nextHeader);
        requireByte("routing type", routingType);
        requireByte("segments left", segmentsLeft);
        int length = Ipv6RoutingLayout.DATA_OFFSET + data.length();
        if (length % 8 != 0 || length > Ipv6RoutingLayout.MAX_LENGTH) {
            throw new IllegalArgumentException("routing data of " + data.length()
                    + " bytes: the header must be a multiple of 8 up to 2048 bytes");
        }
    }

    /** Reads a header whose {@link Ipv6RoutingView#check check} passed. */
    public static Ipv6RoutingRepr parse(Ipv6RoutingView view) {
        return new Ipv6RoutingRepr(view.nextHeader(), view.routingType(), view.segmentsLeft(),
                Octets.copyOf(view.segment(), view.dataOffset(), view.dataLength()));
    }

    @Override
    public int protocol() {
        return IpProtocol.IPV6_ROUTE;
    }

    @Override
    public int headerLength() {
        return Ipv6RoutingLayout.DATA_OFFSET + data.length();
    }

    /** Writes the header through {@code view}, which must wrap at least {@link #headerLength()} bytes. */
    public void emit(Ipv6RoutingView view) {
        if (view.length() < headerLength()) {
            throw new IndexOutOfBoundsException("header needs " + headerLength() + " bytes, view has " + view.length());
        }
        view.setNextHeader(nextHeader);
        view.setHeaderExtLength(headerLength() / 8 - 1);
        view.setRoutingType(routingType);
        view.setSegmentsLeft(segmentsLeft);
        data.copyTo(view.segment(), view.dataOffset());
    }

    @Override
    public void emit(MemorySegment seg, long off) {
        emit(new Ipv6RoutingView().wrap(seg, off, headerLength()));
    }

    static void requireByte(String what, int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException(what + " must be 0-255, not " + value);
        }
    }
}
