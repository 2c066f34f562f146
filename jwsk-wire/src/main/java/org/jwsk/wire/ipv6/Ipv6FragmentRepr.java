package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.wire.IpProtocol;

/**
 * The validated meaning of a Fragment header (RFC 8200 §4.5). The reserved fields are not kept: they are sent
 * as zero and ignored on receipt.
 *
 * @param nextHeader     next header of the fragmentable part, 0-255
 * @param fragmentOffset offset in 8-byte units, 0-8191
 * @param moreFragments  the M flag
 * @param identification the identification, raw 32 bits
 */
public record Ipv6FragmentRepr(int nextHeader, int fragmentOffset, boolean moreFragments, int identification)
        implements Ipv6ExtensionRepr {

    public Ipv6FragmentRepr {
        Ipv6RoutingRepr.requireByte("next header", nextHeader);
        if (fragmentOffset < 0 || fragmentOffset > Ipv6FragmentLayout.MAX_OFFSET) {
            throw new IllegalArgumentException("fragment offset must be 0-8191 units, not " + fragmentOffset);
        }
    }

    /** Reads a header whose {@link Ipv6FragmentView#check check} passed. */
    public static Ipv6FragmentRepr parse(Ipv6FragmentView view) {
        return new Ipv6FragmentRepr(view.nextHeader(), view.fragmentOffset(), view.moreFragments(), view.identification());
    }

    @Override
    public int protocol() {
        return IpProtocol.IPV6_FRAG;
    }

    @Override
    public int headerLength() {
        return Ipv6FragmentLayout.HEADER_LENGTH;
    }

    /** The fragment offset in bytes. */
    public int fragmentOffsetBytes() {
        return fragmentOffset * Ipv6FragmentLayout.UNIT;
    }

    /** Whether this is an atomic fragment (RFC 6946): offset 0 and M clear. */
    public boolean isAtomic() {
        return fragmentOffset == 0 && !moreFragments;
    }

    /** Writes the header through {@code view}, which must wrap at least 8 bytes. */
    public void emit(Ipv6FragmentView view) {
        if (view.length() < Ipv6FragmentLayout.HEADER_LENGTH) {
            throw new IndexOutOfBoundsException("header needs 8 bytes, view has " + view.length());
        }
        view.setNextHeader(nextHeader);
        view.setOffsetAndFlags(fragmentOffset, moreFragments);
        view.setIdentification(identification);
    }

    @Override
    public void emit(MemorySegment seg, long off) {
        emit(new Ipv6FragmentView().wrap(seg, off, Ipv6FragmentLayout.HEADER_LENGTH));
    }
}
