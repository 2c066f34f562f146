package org.jwsk.wire.crosscheck;

import static org.jwsk.wire.crosscheck.Hosts.A4;
import static org.jwsk.wire.crosscheck.Hosts.A6;
import static org.jwsk.wire.crosscheck.Hosts.A_MAC;
import static org.jwsk.wire.crosscheck.Hosts.B4;
import static org.jwsk.wire.crosscheck.Hosts.B6;
import static org.jwsk.wire.crosscheck.Hosts.R_MAC;

import java.util.List;
import org.jwsk.wire.Octets;
import org.jwsk.wire.ipv4.Ipv4Layout;
import org.jwsk.wire.tcp.TcpFlags;
import org.jwsk.wire.tcp.TcpOption;
import org.jwsk.wire.tcp.TcpRepr;

/**
 * One TCP connection between host A (the client, on {@code clientPort}) and host B's port {@link
 * TransportFrames#SERVER_PORT}, over IPv4 or IPv6: builds its segments and frames as they pass A's LAN.
 *
 * @param v6         IPv6 rather than IPv4
 * @param clientPort A's port, which also tells the connection apart from the others in the capture
 */
record TcpPath(boolean v6, int clientPort) {

    /** A segment from the client ({@code fromClient}) or the server, urgent pointer 0. */
    TcpRepr segment(boolean fromClient, int flags, int seq, int ack, int window, List<TcpOption> options,
                    Octets payload) {
        int src = fromClient ? clientPort : TransportFrames.SERVER_PORT;
        int dst = fromClient ? TransportFrames.SERVER_PORT : clientPort;
        return new TcpRepr(src, dst, seq, ack, TcpFlags.of(flags), window, 0, options, payload);
    }

    /** A pure ACK with timestamps, as Linux sends them. */
    TcpRepr ack(boolean fromClient, int seq, int ack, int tsVal, int tsEcr) {
        return segment(fromClient, TcpFlags.ACK, seq, ack, fromClient ? 502 : 509, List.of(TcpOption.NOP,
                TcpOption.NOP, new TcpOption.Timestamps(tsVal, tsEcr)), Octets.EMPTY);
    }

    /** The frame carrying {@code tcp}, sent Not-ECT. */
    Frame frame(String name, boolean fromClient, TcpRepr tcp) {
        return frame(name, fromClient, tcp, Ipv4Layout.ECN_NOT_ECT);
    }

    /**
     * The frame carrying {@code tcp} with {@code ecn} in the IP header (RFC 3168 §5), DF set and an ID that
     * follows from the sequence number for IPv4, a per-direction flow label for IPv6 (RFC 6437).
     */
    Frame frame(String name, boolean fromClient, TcpRepr tcp, int ecn) {
        FrameBuilder b = new FrameBuilder().eth(fromClient ? R_MAC : A_MAC, fromClient ? A_MAC : R_MAC);
        if (v6) {
            int flowLabel = (fromClient ? 0x12345 : 0x6789a) ^ clientPort;
            b.ipv6(Headers.v6(fromClient ? A6 : B6, fromClient ? B6 : A6, ecn, flowLabel));
        } else {
            int id = (tcp.seqNumber() ^ tcp.seqNumber() >>> 16) & 0xffff;
            b.ipv4(Headers.v4Ecn(fromClient ? A4 : B4, fromClient ? B4 : A4, id, ecn));
        }
        String protocols = "eth:ethertype:" + (v6 ? "ipv6" : "ip") + ":tcp" + (tcp.payload().isEmpty() ? "" : ":data");
        return new Frame("tcp-" + (v6 ? "v6-" : "v4-") + name, b.tcp(tcp).build(), protocols);
    }
}
