package org.jwsk.wire.crosscheck;

import static org.jwsk.wire.crosscheck.Headers.counting;
import static org.jwsk.wire.crosscheck.Headers.text;
import static org.jwsk.wire.crosscheck.Hosts.A4;
import static org.jwsk.wire.crosscheck.Hosts.A6;
import static org.jwsk.wire.crosscheck.Hosts.A_MAC;
import static org.jwsk.wire.crosscheck.Hosts.B4;
import static org.jwsk.wire.crosscheck.Hosts.B6;
import static org.jwsk.wire.crosscheck.Hosts.R_MAC;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.wire.Octets;
import org.jwsk.wire.ipv4.Ipv4Layout;
import org.jwsk.wire.tcp.SackBlock;
import org.jwsk.wire.tcp.TcpFlags;
import org.jwsk.wire.tcp.TcpOption;
import org.jwsk.wire.tcp.TcpOptions;
import org.jwsk.wire.tcp.TcpRepr;

/**
 * UDP and TCP over IPv4 and IPv6. TCP: a whole connection (handshake with every SYN option, data both ways,
 * FIN close), then, each on a connection of its own so that tshark's sequence analysis stays content, SACK with
 * one to four blocks, a reset answering a SYN, urgent data, an ECN-capable connection (RFC 3168) with CE echoed
 * and CWR, and SYNs with an unknown option, an experimental one (RFC 6994) and an explicit EOL.
 */
final class TransportFrames {

    static final int SERVER_PORT = 4040;
    private static final int WSCALE = 7;

    private TransportFrames() {
    }

    static List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        frames.add(new Frame("udp-ipv4", new FrameBuilder().eth(R_MAC, A_MAC).ipv4(Headers.v4(A4, B4, 0x4e20, true))
                .udp(49150, 4041, text("jwsk datagram over IPv4")).build(), "eth:ethertype:ip:udp:data"));
        frames.add(new Frame("udp-ipv6", new FrameBuilder().eth(R_MAC, A_MAC).ipv6(Headers.v6(A6, B6, Headers.TTL))
                .udp(49151, 4041, text("jwsk datagram over IPv6")).build(), "eth:ethertype:ipv6:udp:data"));
        for (boolean v6 : new boolean[] {false, true}) {
            int port = v6 ? 49600 : 49500;
            frames.addAll(connection(new TcpPath(v6, port)));
            for (int blocks = 1; blocks <= 4; blocks++) {
                frames.add(sack(new TcpPath(v6, port + 10 + blocks), blocks));
            }
            frames.addAll(reset(new TcpPath(v6, port + 20), new TcpPath(v6, port + 23)));
            frames.add(urgent(new TcpPath(v6, port + 21)));
            frames.addAll(ecn(new TcpPath(v6, port + 22)));
            frames.addAll(synOptions(v6, port + 30));
        }
        return frames;
    }

    /** SYN, SYN-ACK, ACK, data each way with its ACK, the client's last data with FIN, the server's FIN, ACK. */
    private static List<Frame> connection(TcpPath p) {
        int c = p.v6() ? 0x7a6b5c4d : 0x1a2b3c4d;
        int s = p.v6() ? 0x0e1f2031 : 0x5e6f7081;
        int tc = 3_000_000;
        int ts = 9_000_000;
        int mss = p.v6() ? 1440 : 1460;
        return List.of(
                p.frame("syn", true, p.segment(true, TcpFlags.SYN, c, 0, 64240, TcpOptions.linuxLayout(List.of(
                        new TcpOption.Mss(mss), TcpOption.SACK_PERMITTED, new TcpOption.Timestamps(tc, 0),
                        new TcpOption.WindowScale(WSCALE))), Octets.EMPTY)),
                p.frame("syn-ack", false, p.segment(false, TcpFlags.SYN | TcpFlags.ACK, s, c + 1, 65160,
                        TcpOptions.linuxLayout(List.of(new TcpOption.Mss(mss), TcpOption.SACK_PERMITTED,
                                new TcpOption.Timestamps(ts, tc), new TcpOption.WindowScale(WSCALE))), Octets.EMPTY)),
                p.frame("ack", true, p.ack(true, c + 1, s + 1, tc + 1, ts)),
                p.frame("psh-ack-data", true, p.segment(true, TcpFlags.PSH | TcpFlags.ACK, c + 1, s + 1, 502,
                        timestamps(tc + 2, ts), counting(0x20, 100))),
                p.frame("ack-data", false, p.ack(false, s + 1, c + 101, ts + 1, tc + 2)),
                p.frame("server-psh-ack-data", false, p.segment(false, TcpFlags.PSH | TcpFlags.ACK, s + 1, c + 101,
                        509, timestamps(ts + 2, tc + 2), counting(0x40, 200))),
                p.frame("ack-server-data", true, p.ack(true, c + 101, s + 201, tc + 3, ts + 2)),
                p.frame("fin-psh-ack-data", true, p.segment(true, TcpFlags.FIN | TcpFlags.PSH | TcpFlags.ACK, c + 101,
                        s + 201, 502, timestamps(tc + 4, ts + 2), text("bye\n"))),
                p.frame("server-fin-ack", false, p.segment(false, TcpFlags.FIN | TcpFlags.ACK, s + 201, c + 106, 509,
                        timestamps(ts + 3, tc + 4), Octets.EMPTY)),
                p.frame("last-ack", true, p.ack(true, c + 106, s + 202, tc + 5, ts + 3)));
    }

    /**
     * A duplicate ACK from the client reporting {@code blocks} runs of 1448 bytes received beyond a hole: with
     * timestamps up to three blocks fit, four only without them (RFC 2018 §3).
     */
    private static Frame sack(TcpPath p, int blocks) {
        int c = 0x2000_0000 + p.clientPort();
        int hole = 0x6000_0000 + 1000;
        List<SackBlock> list = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            int left = hole + 1448 * (2 * i + 1);
            list.add(new SackBlock(left, left + 1448));
        }
        List<TcpOption> options = new ArrayList<>();
        if (blocks < 4) {
            options.addAll(timestamps(4_000_000, 8_000_000));
        }
        options.addAll(List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Sack(list.reversed())));
        return p.frame("sack-" + blocks, true, p.segment(true, TcpFlags.ACK, c, hole, 502, options, Octets.EMPTY));
    }

    /**
     * The two resets of RFC 9293 §3.10.7.1 for segments to a closed port: a SYN answered by RST-ACK (SEQ 0, ACK
     * SEG.SEQ + SEG.LEN), and a stray ACK answered by a bare RST whose SEQ is that SEG.ACK. Wireshark rates every
     * RST a warning ("Connection reset (RST)", tcp.connection.rst) whatever the context, so the resets allow it.
     */
    private static List<Frame> reset(TcpPath p, TcpPath stray) {
        int c = 0x3000_0000 + p.clientPort();
        int ack = 0x3300_0000;
        return List.of(
                p.frame("syn-to-closed-port", true, p.segment(true, TcpFlags.SYN, c, 0, 64240,
                        List.of(new TcpOption.Mss(1460)), Octets.EMPTY)),
                p.frame("rst-ack", false, p.segment(false, TcpFlags.RST | TcpFlags.ACK, 0, c + 1, 0, List.of(),
                        Octets.EMPTY)).allowing("tcp.connection.rst"),
                stray.frame("ack-to-closed-port", true, stray.segment(true, TcpFlags.ACK, c, ack, 502, List.of(),
                        Octets.EMPTY)),
                stray.frame("rst", false, stray.segment(false, TcpFlags.RST, ack, 0, 0, List.of(), Octets.EMPTY))
                        .allowing("tcp.connection.rst"));
    }

    /** Telnet's interrupt as urgent data, IAC IP IAC DM, the urgent pointer just past it (RFC 854, RFC 6093). */
    private static Frame urgent(TcpPath p) {
        int c = 0x4000_0000 + p.clientPort();
        Octets interrupt = Octets.ofHex("fff4fff2");
        TcpRepr urg = new TcpRepr(p.clientPort(), SERVER_PORT, c, 0x6100_0000, TcpFlags.of(TcpFlags.URG
                | TcpFlags.PSH | TcpFlags.ACK), 502, interrupt.length(), timestamps(5_000_000, 7_000_000), interrupt);
        return p.frame("urg-psh-ack", true, urg);
    }

    /**
     * An ECN-setup SYN (ECE and CWR) and SYN-ACK (ECE) (RFC 3168 §6.1.1), data marked CE on the way, the
     * receiver echoing ECE, and the sender's next data with CWR (§6.1.2, §6.1.3) sent ECT(0).
     */
    private static List<Frame> ecn(TcpPath p) {
        int c = 0x5000_0000 + p.clientPort();
        int s = 0x7000_0000;
        return List.of(
                p.frame("ecn-syn", true, p.segment(true, TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR, c, 0, 64240,
                        List.of(new TcpOption.Mss(1400)), Octets.EMPTY)),
                p.frame("ecn-syn-ack", false, p.segment(false, TcpFlags.SYN | TcpFlags.ACK | TcpFlags.ECE, s, c + 1,
                        65160, List.of(new TcpOption.Mss(1400)), Octets.EMPTY)),
                p.frame("ecn-ack", true, p.segment(true, TcpFlags.ACK, c + 1, s + 1, 64240, List.of(), Octets.EMPTY)),
                p.frame("ecn-data-ce", true, p.segment(true, TcpFlags.PSH | TcpFlags.ACK, c + 1, s + 1, 64240,
                        List.of(), text("congested")), Ipv4Layout.ECN_CE),
                p.frame("ecn-ece", false, p.segment(false, TcpFlags.ACK | TcpFlags.ECE, s + 1, c + 10, 65160,
                        List.of(), Octets.EMPTY)),
                p.frame("ecn-cwr-data", true, p.segment(true, TcpFlags.PSH | TcpFlags.ACK | TcpFlags.CWR, c + 10,
                        s + 1, 64240, List.of(), text("reduced")), Ipv4Layout.ECN_ECT0));
    }

    /**
     * SYNs with an option kind no RFC assigns (79), which TCP must ignore (RFC 9293 §3.1 MUST-6); an RFC 6994
     * experimental option with its ExID; and an option list ended by an explicit EOL before the padding.
     */
    private static List<Frame> synOptions(boolean v6, int port) {
        TcpPath unknown = new TcpPath(v6, port);
        TcpPath experimental = new TcpPath(v6, port + 1);
        TcpPath eol = new TcpPath(v6, port + 2);
        int mss = v6 ? 1440 : 1460;
        return List.of(
                unknown.frame("syn-unknown-option", true, unknown.segment(true, TcpFlags.SYN, 0x0a0b0c0d, 0, 64240,
                        TcpOptions.linuxLayout(List.of(new TcpOption.Mss(mss), TcpOption.SACK_PERMITTED,
                                new TcpOption.Timestamps(1, 0), new TcpOption.WindowScale(WSCALE),
                                new TcpOption.Unknown(79, Octets.ofHex("0102")))), Octets.EMPTY)),
                experimental.frame("syn-experimental-option", true, experimental.segment(true, TcpFlags.SYN,
                        0x0a0b0c0e, 0, 64240, List.of(new TcpOption.Mss(mss), TcpOption.NOP, TcpOption.NOP,
                                new TcpOption.Unknown(253, Octets.ofHex("4a57aabb"))), Octets.EMPTY)),
                eol.frame("syn-eol", true, eol.segment(true, TcpFlags.SYN, 0x0a0b0c0f, 0, 64240,
                        List.of(new TcpOption.Mss(mss), new TcpOption.WindowScale(WSCALE), TcpOption.EOL),
                        Octets.EMPTY)));
    }

    private static List<TcpOption> timestamps(int tsVal, int tsEcr) {
        return List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(tsVal, tsEcr));
    }
}
