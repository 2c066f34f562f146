package org.jwsk.transport.internal.udp;

import org.jwsk.net.CompartmentId;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.IpRx;

/**
 * What the demultiplexer knows of one arriving datagram, as primitives in {@link Addrs}' 128-bit form: filled in
 * from the IP layer's {@link IpRx} (or for a looped-back datagram by the sender) and reused. Owned by the stack's
 * thread; a new instance per nesting level (a handler may send a looped datagram while another is delivered).
 */
final class Arrival {

    int version;
    CompartmentId compartment;
    InterfaceId ingress;
    long srcHi;
    long srcLo;
    int srcPort;
    long dstHi;
    long dstLo;
    int dstPort;
    int trafficClass;
    int hopLimit;
    /** Sent to a multicast group or a broadcast address. */
    boolean group;
    /** Sent to a multicast group. */
    boolean multicast;

    /** Fills in the IP layer's part; the ports come from the UDP header. */
    Arrival from(IpRx rx, int sourcePort, int destinationPort) {
        version = rx.version();
        compartment = rx.compartment();
        ingress = rx.ingress();
        if (version == 4) {
            srcHi = 0;
            srcLo = Addrs.mappedLo(rx.srcV4());
            dstHi = 0;
            dstLo = Addrs.mappedLo(rx.dstV4());
        } else {
            srcHi = rx.srcHi();
            srcLo = rx.srcLo();
            dstHi = rx.dstHi();
            dstLo = rx.dstLo();
        }
        srcPort = sourcePort;
        dstPort = destinationPort;
        trafficClass = rx.trafficClass();
        hopLimit = rx.hopLimit();
        group = rx.toMulticastOrBroadcast();
        multicast = Addrs.isMulticast(dstHi, dstLo);
        return this;
    }

    /** The traffic class and hop limit packed as {@link DatagramQueue#offer} takes them. */
    int tclassAndHops() {
        return (trafficClass & 0xff) << 8 | (hopLimit & 0xff);
    }

    /** The ports packed as {@link DatagramQueue#offer} takes them. */
    int ports() {
        return srcPort << 16 | dstPort;
    }
}
