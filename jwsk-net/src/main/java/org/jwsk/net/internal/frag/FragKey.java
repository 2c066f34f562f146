package org.jwsk.net.internal.frag;

/**
 * What names one datagram under reassembly: for IPv4 the source, destination, protocol and identification (RFC 791
 * §3.2), for IPv6 the source, destination and identification (RFC 8200 §4.5); always within one compartment, since
 * compartments never share packets.
 *
 * <p>One mutable instance is reused to look datagrams up without allocating; a {@link #copy()} becomes the key of a
 * new entry and is never changed again. The hash is keyed with a secret drawn per stack, so that a sender cannot
 * choose identities that collide in the table. Owned by the stack's thread.
 */
final class FragKey {

    private final long secret;
    private int version;
    private int compartment;
    private int scope;
    private int protocol;
    private int identification;
    private long srcHi;
    private long srcLo;
    private long dstHi;
    private long dstLo;

    /** A probe hashing with {@code secret}; every key of one table must share it. */
    FragKey(long secret) {
        this.secret = secret;
    }

    /** Sets this probe to an IPv4 datagram's identity. */
    FragKey set4(int compartment, int src, int dst, int protocol, int identification) {
        this.version = 4;
        this.compartment = compartment;
        this.scope = 0;
        this.protocol = protocol;
        this.identification = identification;
        this.srcHi = 0;
        this.srcLo = src & 0xffff_ffffL;
        this.dstHi = 0;
        this.dstLo = dst & 0xffff_ffffL;
        return this;
    }

    /**
     * Sets this probe to an IPv6 packet's identity.
     *
     * @param scope the arrival interface's index when an address is link-local or the destination multicast (the
     *              same addresses on two links are two conversations, as Linux keys them), else 0
     */
    FragKey set6(int compartment, int scope, long srcHi, long srcLo, long dstHi, long dstLo, int identification) {
        this.version = 6;
        this.compartment = compartment;
        this.scope = scope;
        this.protocol = 0;
        this.identification = identification;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        return this;
    }

    /** An immutable copy, for a table entry. */
    FragKey copy() {
        FragKey k = new FragKey(secret);
        k.version = version;
        k.compartment = compartment;
        k.scope = scope;
        k.protocol = protocol;
        k.identification = identification;
        k.srcHi = srcHi;
        k.srcLo = srcLo;
        k.dstHi = dstHi;
        k.dstLo = dstLo;
        return k;
    }

    int version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FragKey k && k.version == version && k.identification == identification
                && k.srcLo == srcLo && k.dstLo == dstLo && k.srcHi == srcHi && k.dstHi == dstHi
                && k.protocol == protocol && k.compartment == compartment && k.scope == scope;
    }

    @Override
    public int hashCode() {
        long h = (identification ^ secret) * 0x9e37_79b9_7f4a_7c15L;
        h = (h ^ srcLo) * 0xc2b2_ae3d_27d4_eb4fL;
        h = (h ^ dstLo) * 0x1656_67b1_9e37_79f9L;
        h = (h ^ srcHi ^ (dstHi << 1)) * 0x9e37_79b9_7f4a_7c15L;
        h ^= (long) protocol << 8 ^ (long) version << 16 ^ (long) compartment << 24 ^ (long) scope << 40;
        h = (h ^ (h >>> 29) ^ secret) * 0xbf58_476d_1ce4_e5b9L;
        return (int) (h ^ h >>> 32);
    }

    @Override
    public String toString() {
        return "FragKey[v" + version + " c" + compartment + " id " + Integer.toUnsignedString(identification) + "]";
    }
}
