package org.jwsk.net.internal;

import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.IpRx;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/** The reusable {@link IpRx} an IP layer fills in before each upcall. Owned by the stack's thread. */
final class RxContext implements IpRx {

    int version;
    CompartmentId compartment;
    InterfaceId ingress;
    int protocol;
    int hopLimit;
    int trafficClass;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    boolean multicastOrBroadcast;
    boolean checksumVerified;

    void setV4(Nic nic, int src, int dst, int protocol, int ttl, int tos, boolean group) {
        version = 4;
        compartment = nic.compartment().id();
        ingress = nic.id();
        this.protocol = protocol;
        hopLimit = ttl;
        trafficClass = tos;
        srcHi = 0;
        srcLo = src & 0xffff_ffffL;
        dstHi = 0;
        dstLo = dst & 0xffff_ffffL;
        multicastOrBroadcast = group;
        checksumVerified = nic.caps().rxChecksumVerified();
    }

    void setV6(Nic nic, long sHi, long sLo, long dHi, long dLo, int protocol, int hops, int tclass) {
        version = 6;
        compartment = nic.compartment().id();
        ingress = nic.id();
        this.protocol = protocol;
        hopLimit = hops;
        trafficClass = tclass;
        srcHi = sHi;
        srcLo = sLo;
        dstHi = dHi;
        dstLo = dLo;
        multicastOrBroadcast = (dHi >>> 56) == 0xff;
        checksumVerified = nic.caps().rxChecksumVerified();
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public CompartmentId compartment() {
        return compartment;
    }

    @Override
    public InterfaceId ingress() {
        return ingress;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public int hopLimit() {
        return hopLimit;
    }

    @Override
    public int trafficClass() {
        return trafficClass;
    }

    @Override
    public IpAddress src() {
        return version == 4 ? new Ipv4Address((int) srcLo) : new Ipv6Address(srcHi, srcLo);
    }

    @Override
    public IpAddress dst() {
        return version == 4 ? new Ipv4Address((int) dstLo) : new Ipv6Address(dstHi, dstLo);
    }

    @Override
    public int srcV4() {
        return version == 4 ? (int) srcLo : 0;
    }

    @Override
    public int dstV4() {
        return version == 4 ? (int) dstLo : 0;
    }

    @Override
    public long srcHi() {
        return srcHi;
    }

    @Override
    public long srcLo() {
        return srcLo;
    }

    @Override
    public long dstHi() {
        return dstHi;
    }

    @Override
    public long dstLo() {
        return dstLo;
    }

    @Override
    public boolean toMulticastOrBroadcast() {
        return multicastOrBroadcast;
    }

    @Override
    public int pseudoHeaderSum(int length) {
        return version == 4
                ? InternetChecksum.pseudoHeaderV4((int) srcLo, (int) dstLo, protocol, length)
                : InternetChecksum.pseudoHeaderV6(srcHi, srcLo, dstHi, dstLo, protocol, length);
    }

    @Override
    public boolean checksumVerified() {
        return checksumVerified;
    }
}
