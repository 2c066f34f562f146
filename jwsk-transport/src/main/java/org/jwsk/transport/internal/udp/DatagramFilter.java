package org.jwsk.transport.internal.udp;

import java.lang.foreign.MemorySegment;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.InterfaceId;
import org.jwsk.transport.IpEndpoint;

/**
 * Where the filtering platform classifies datagram traffic (UDP and raw IP): the hook points of WFP's datagram and
 * ALE layers, kept minimal so that it can later be served by the shared transport filter.
 *
 * <ul>
 *   <li>{@link #permitDatagram}: {@code FWPM_LAYER_DATAGRAM_DATA_V4/V6}, every datagram in either direction, after
 *       the transport header is checked (inbound: for the endpoint chosen; outbound: before the IP layer sees it);</li>
 *   <li>{@link #permitBind}: {@code FWPM_LAYER_ALE_RESOURCE_ASSIGNMENT_V4/V6}, an endpoint taking a local address and
 *       port (explicitly or by an automatic bind);</li>
 *   <li>{@link #permitConnect}: {@code FWPM_LAYER_ALE_AUTH_CONNECT_V4/V6}, an endpoint fixing a peer with connect.
 *       Unconnected sends are classified at the datagram layer only (WFP classifies them at ALE once per remote and
 *       caches the verdict; this hook does not).</li>
 * </ul>
 *
 * <p><b>Threads and buffers.</b> Called on the stack's thread. A {@code false} is a block: the datagram is dropped
 * and counted, the bind or connect fails with {@code FILTERED}. The datagram's bytes and the {@link DatagramFields}
 * are borrowed for the call: neither may be kept or written.
 */
public interface DatagramFilter {

    /** The filter of a transport that has none: everything passes. */
    DatagramFilter PERMIT_ALL = new DatagramFilter() {
    };

    /**
     * Whether a datagram may pass the DATAGRAM_DATA layer.
     *
     * @param fields what the transport knows of it (valid during the call only)
     * @param seg    the memory holding the datagram's data (after the UDP header; a raw datagram's whole packet as
     *               the endpoint sends or receives it)
     */
    default boolean permitDatagram(DatagramFields fields, MemorySegment seg, long off, int len) {
        return true;
    }

    /** Whether an endpoint of {@code protocol} may bind {@code local} (the port chosen when it was ephemeral). */
    default boolean permitBind(CompartmentId compartment, int protocol, IpEndpoint local) {
        return true;
    }

    /** Whether an endpoint bound to {@code local} may connect to {@code remote}. */
    default boolean permitConnect(CompartmentId compartment, int protocol, IpEndpoint local, IpEndpoint remote) {
        return true;
    }

    /**
     * The classifiable fields of one datagram, filled in by the transport before each call and reused for the next:
     * addresses in {@link Addrs}' 128-bit form (IPv4 mapped), ports 0 for raw IP.
     */
    final class DatagramFields {
        boolean inbound;
        int version;
        int protocol;
        CompartmentId compartment;
        InterfaceId iface;
        long localHi;
        long localLo;
        int localPort;
        long remoteHi;
        long remoteLo;
        int remotePort;

        /** Fills in every field; for the transports. */
        public DatagramFields set(boolean in, int ipVersion, int proto, CompartmentId c, InterfaceId ifc, long lHi,
                                  long lLo, int lPort, long rHi, long rLo, int rPort) {
            inbound = in;
            version = ipVersion;
            protocol = proto;
            compartment = c;
            iface = ifc;
            localHi = lHi;
            localLo = lLo;
            localPort = lPort;
            remoteHi = rHi;
            remoteLo = rLo;
            remotePort = rPort;
            return this;
        }

        /** Whether the datagram is arriving (else leaving). */
        public boolean inbound() {
            return inbound;
        }

        /** 4 or 6: the family of the packet on the wire. */
        public int version() {
            return version;
        }

        /** The IP protocol: 17 for UDP, the raw endpoint's protocol otherwise. */
        public int protocol() {
            return protocol;
        }

        /** The compartment of the endpoint. */
        public CompartmentId compartment() {
            return compartment;
        }

        /** The arrival interface of an inbound datagram; null for an outbound one (not chosen yet). */
        public InterfaceId iface() {
            return iface;
        }

        /** The high 64 bits of the local address. */
        public long localHi() {
            return localHi;
        }

        /** The low 64 bits of the local address (an IPv4 one mapped). */
        public long localLo() {
            return localLo;
        }

        /** The local port (0 for raw IP). */
        public int localPort() {
            return localPort;
        }

        /** The high 64 bits of the remote address. */
        public long remoteHi() {
            return remoteHi;
        }

        /** The low 64 bits of the remote address (an IPv4 one mapped). */
        public long remoteLo() {
            return remoteLo;
        }

        /** The remote port (0 for raw IP). */
        public int remotePort() {
            return remotePort;
        }
    }
}
