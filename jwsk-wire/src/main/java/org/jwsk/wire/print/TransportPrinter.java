package org.jwsk.wire.print;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.seq.Seq32;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.tcp.TcpFlags;
import org.jwsk.wire.tcp.TcpOptionCursor;
import org.jwsk.wire.tcp.TcpOptionKind;
import org.jwsk.wire.tcp.TcpView;
import org.jwsk.wire.udp.UdpView;

/** The TCP and UDP parts of a {@link PacketPrinter} line. One per printer. */
final class TransportPrinter {

    private final TcpView tcp = new TcpView();
    private final TcpOptionCursor options = new TcpOptionCursor();
    private final UdpView udp = new UdpView();

    /**
     * {@code src.port > dst.port: ext} and the segment or datagram; malformed headers are named. In the first
     * fragment of a datagram ({@code firstFragment}) a UDP length beyond the fragment is expected, not malformed.
     */
    void describe(StringBuilder sb, int protocol, String src, String dst, CharSequence ext, MemorySegment seg,
                  long off, int len, boolean firstFragment) {
        if (protocol == IpProtocol.TCP) {
            tcp(sb, src, dst, ext, seg, off, len);
        } else if (firstFragment && len >= 8) {
            udp.wrap(seg, off, len);
            ports(sb, src, udp.srcPort(), dst, udp.dstPort()).append(ext).append("UDP, length ")
                    .append(Math.max(0, udp.udpLength() - 8));
        } else {
            udp(sb, src, dst, ext, seg, off, len);
        }
    }

    private void tcp(StringBuilder sb, String src, String dst, CharSequence ext, MemorySegment seg, long off, int len) {
        DropReason r = TcpView.check(seg, off, len);
        if (r.isDrop()) {
            sb.append(src).append(" > ").append(dst).append(": ").append(ext).append("TCP [malformed ").append(r)
                    .append(']');
            return;
        }
        tcp.wrap(seg, off, len);
        ports(sb, src, tcp.srcPort(), dst, tcp.dstPort()).append(ext);
        int flags = tcp.flags();
        sb.append("Flags [").append(TcpFlags.format(flags)).append(']');
        int dataLength = len - tcp.headerLength();
        // Like tcpdump: a sequence number where it means something (data, SYN, FIN, RST, or no flags at all).
        if (dataLength > 0 || (flags & (TcpFlags.SYN | TcpFlags.FIN | TcpFlags.RST)) != 0 || flags == 0) {
            sb.append(", seq ").append(Seq32.unsigned(tcp.seqNumber()));
            if (dataLength > 0) {
                sb.append(':').append(Seq32.unsigned(tcp.seqNumber() + dataLength));
            }
        }
        if (TcpFlags.has(flags, TcpFlags.ACK)) {
            sb.append(", ack ").append(Seq32.unsigned(tcp.ackNumber()));
        }
        sb.append(", win ").append(tcp.window());
        if (TcpFlags.has(flags, TcpFlags.URG)) {
            sb.append(", urg ").append(tcp.urgentPointer());
        }
        if (tcp.headerLength() > 20) {
            tcpOptions(sb);
        }
        sb.append(", length ").append(dataLength);
    }

    private void tcpOptions(StringBuilder sb) {
        sb.append(", options [");
        options.reset(tcp);
        boolean first = true;
        while (options.next()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            int kind = options.kind();
            if (!options.isWellFormed()) {
                sb.append(TcpOptionKind.name(kind)).append(" (bad length ").append(options.length()).append(')');
                continue;
            }
            switch (kind) {
                case TcpOptionKind.MSS -> sb.append("mss ").append(options.mss());
                case TcpOptionKind.WINDOW_SCALE -> sb.append("wscale ").append(options.windowScale());
                case TcpOptionKind.TIMESTAMPS -> sb.append("TS val ").append(Seq32.unsigned(options.tsVal()))
                        .append(" ecr ").append(Seq32.unsigned(options.tsEcr()));
                case TcpOptionKind.SACK -> {
                    sb.append("sack ").append(options.sackBlockCount());
                    for (int i = 0; i < options.sackBlockCount(); i++) {
                        sb.append(" {").append(Seq32.unsigned(options.sackLeft(i))).append(':')
                                .append(Seq32.unsigned(options.sackRight(i))).append('}');
                    }
                }
                case TcpOptionKind.EOL, TcpOptionKind.NOP, TcpOptionKind.SACK_PERMITTED ->
                        sb.append(TcpOptionKind.name(kind));
                default -> {
                    sb.append(TcpOptionKind.name(kind));
                    if (options.dataLength() > 0) {
                        sb.append(' ').append(Octets.copyOf(tcp.segment(), options.dataOffset(),
                                options.dataLength()));
                    }
                }
            }
        }
        if (options.isMalformed()) {
            sb.append(first ? "" : ",").append("[malformed at byte ").append(options.malformedPosition()).append(']');
        }
        sb.append(']');
    }

    private void udp(StringBuilder sb, String src, String dst, CharSequence ext, MemorySegment seg, long off, int len) {
        DropReason r = UdpView.check(seg, off, len);
        if (r.isDrop()) {
            sb.append(src).append(" > ").append(dst).append(": ").append(ext).append("UDP [malformed ").append(r)
                    .append(']');
            return;
        }
        udp.wrap(seg, off, len);
        ports(sb, src, udp.srcPort(), dst, udp.dstPort()).append(ext).append("UDP, length ")
                .append(udp.payloadLength());
    }

    private static StringBuilder ports(StringBuilder sb, String src, int srcPort, String dst, int dstPort) {
        return sb.append(src).append('.').append(srcPort).append(" > ").append(dst).append('.').append(dstPort)
                .append(": ");
    }
}
