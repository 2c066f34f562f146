package org.jwsk.transport.internal.tcp;

import org.jwsk.net.CompartmentId;
import org.jwsk.net.IpRx;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * A connection's identity: compartment, family and the 4-tuple, as primitives so that demultiplexing allocates
 * nothing. An IPv4 address lives in the low 32 bits of its {@code lo} word with {@code hi} zero; an IPv4-mapped
 * IPv6 socket's connections are keyed as IPv4 (the wire decides).
 *
 * <p>Keys stored in tables are immutable once stored; a demultiplexer fills one reusable probe key per packet
 * ({@link #setFrom}) and looks it up. Owned by the stack's thread.
 */
public final class FlowKey {

    int compartment;
    int version;
    long localHi;
    long localLo;
    int localPort;
    long remoteHi;
    long remoteLo;
    int remotePort;

    /** An empty key, to fill. */
    public FlowKey() {
    }

    /** A key for an outgoing or accepted connection. */
    public static FlowKey of(CompartmentId compartment, IpEndpoint local, IpEndpoint remote) {
        if (local.version() != remote.version()) {
            throw new IllegalArgumentException("local " + local + " and remote " + remote + " differ in family");
        }
        FlowKey k = new FlowKey();
        k.compartment = compartment.value();
        k.version = local.version();
        k.localHi = hi(local.address());
        k.localLo = lo(local.address());
        k.localPort = local.port();
        k.remoteHi = hi(remote.address());
        k.remoteLo = lo(remote.address());
        k.remotePort = remote.port();
        return k;
    }

    /** Fills this key from an arriving packet: local is its destination, remote its source. */
    public FlowKey setFrom(IpRx rx, int srcPort, int dstPort) {
        compartment = rx.compartment().value();
        version = rx.version();
        localHi = rx.dstHi();
        localLo = rx.dstLo();
        localPort = dstPort;
        remoteHi = rx.srcHi();
        remoteLo = rx.srcLo();
        remotePort = srcPort;
        return this;
    }

    /** An immutable copy, to store in a table. */
    public FlowKey copy() {
        FlowKey k = new FlowKey();
        k.compartment = compartment;
        k.version = version;
        k.localHi = localHi;
        k.localLo = localLo;
        k.localPort = localPort;
        k.remoteHi = remoteHi;
        k.remoteLo = remoteLo;
        k.remotePort = remotePort;
        return k;
    }

    public int compartment() {
        return compartment;
    }

    public int version() {
        return version;
    }

    public long localHi() {
        return localHi;
    }

    public long localLo() {
        return localLo;
    }

    public int localPort() {
        return localPort;
    }

    public long remoteHi() {
        return remoteHi;
    }

    public long remoteLo() {
        return remoteLo;
    }

    public int remotePort() {
        return remotePort;
    }

    /** The local endpoint. Allocates. */
    public IpEndpoint local() {
        return new IpEndpoint(address(version, localHi, localLo), localPort);
    }

    /** The remote endpoint. Allocates. */
    public IpEndpoint remote() {
        return new IpEndpoint(address(version, remoteHi, remoteLo), remotePort);
    }

    public CompartmentId compartmentId() {
        return new CompartmentId(compartment);
    }

    private static IpAddress address(int version, long hi, long lo) {
        return version == 4 ? new Ipv4Address((int) lo) : new Ipv6Address(hi, lo);
    }

    static long hi(IpAddress a) {
        return a instanceof Ipv6Address v6 ? v6.hi() : 0;
    }

    static long lo(IpAddress a) {
        return a instanceof Ipv6Address v6 ? v6.lo() : ((Ipv4Address) a).value() & 0xffff_ffffL;
    }

    /** A hash mixing every field with {@code secret}, so remote peers cannot choose colliding keys. */
    public int hash(long secret) {
        long h = secret ^ (compartment * 0x9e37_79b9L) ^ version;
        h = mix(h ^ localHi) ^ localLo;
        h = mix(h ^ remoteHi) ^ remoteLo;
        h = mix(h ^ ((long) localPort << 16 | remotePort));
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long x) {
        x *= 0xbf58_476d_1ce4_e5b9L;
        return x ^ (x >>> 31);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k && k.compartment == compartment && k.version == version && k.localHi == localHi
                && k.localLo == localLo && k.localPort == localPort && k.remoteHi == remoteHi
                && k.remoteLo == remoteLo && k.remotePort == remotePort;
    }

    @Override
    public int hashCode() {
        return hash(0);
    }

    @Override
    public String toString() {
        return local() + " <-> " + remote() + " (compartment " + compartment + ")";
    }
}
