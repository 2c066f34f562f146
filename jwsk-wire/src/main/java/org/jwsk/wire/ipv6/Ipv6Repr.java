package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * The validated meaning of an IPv6 fixed header (RFC 8200 §3). Extension headers are separate records ({@link
 * Ipv6ExtensionRepr}); the payload length counts them.
 *
 * @param trafficClass  traffic class, 0-255: DSCP and ECN ({@link #dscp()}, {@link #ecn()})
 * @param flowLabel     flow label, 0-0xfffff (RFC 6437)
 * @param payloadLength bytes after the fixed header, 0-65535
 * @param nextHeader    the first extension header or the upper-layer protocol, 0-255
 * @param hopLimit      hop limit, 0-255
 * @param src           source address
 * @param dst           destination address
 */
public record Ipv6Repr(int trafficClass, int flowLabel, int payloadLength, int nextHeader, int hopLimit,
        Ipv6Address src, Ipv6Address dst) {

    public Ipv6Repr {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        requireRange("traffic class", trafficClass, 0xff);
        requireRange("flow label", flowLabel, Ipv6Layout.MAX_FLOW_LABEL);
        requireRange("payload length", payloadLength, Ipv6Layout.MAX_PAYLOAD_LENGTH);
        requireRange("next header", nextHeader, 0xff);
        requireRange("hop limit", hopLimit, 0xff);
    }

    /** A header with traffic class 0 and flow label 0. */
    public Ipv6Repr(int payloadLength, int nextHeader, int hopLimit, Ipv6Address src, Ipv6Address dst) {
        this(0, 0, payloadLength, nextHeader, hopLimit, src, dst);
    }

    /** Reads a header whose {@link Ipv6View#check check} passed. */
    public static Ipv6Repr parse(Ipv6View view) {
        return new Ipv6Repr(view.trafficClass(), view.flowLabel(), view.payloadLength(), view.nextHeader(),
                view.hopLimit(), view.src(), view.dst());
    }

    /** The DSCP (RFC 2474). */
    public int dscp() {
        return Ipv6Layout.dscp(trafficClass);
    }

    /** The ECN codepoint (RFC 3168 §5). */
    public int ecn() {
        return Ipv6Layout.ecn(trafficClass);
    }

    /** The header length this record emits: always 40. */
    public int headerLength() {
        return Ipv6Layout.HEADER_LENGTH;
    }

    /** The whole packet's length: header plus payload. */
    public int packetLength() {
        return Ipv6Layout.HEADER_LENGTH + payloadLength;
    }

    /** This header with another payload length. */
    public Ipv6Repr withPayloadLength(int length) {
        return new Ipv6Repr(trafficClass, flowLabel, length, nextHeader, hopLimit, src, dst);
    }

    /** Writes all 40 header bytes through {@code view}, which must wrap at least 40 bytes. */
    public void emit(Ipv6View view) {
        if (view.length() < Ipv6Layout.HEADER_LENGTH) {
            throw new IndexOutOfBoundsException("header needs 40 bytes, view has " + view.length());
        }
        view.setVersionClassFlow(trafficClass, flowLabel);
        view.setPayloadLength(payloadLength);
        view.setNextHeader(nextHeader);
        view.setHopLimit(hopLimit);
        view.setSrc(src.hi(), src.lo());
        view.setDst(dst.hi(), dst.lo());
    }

    /** Writes the header at {@code off} of {@code seg}; convenience for control-plane code. */
    public void emit(MemorySegment seg, long off) {
        emit(new Ipv6View().wrap(seg, off, Ipv6Layout.HEADER_LENGTH));
    }

    private static void requireRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0-" + max + ", not " + value);
        }
    }
}
