package org.jwsk.wire.crosscheck;

import static org.jwsk.wire.crosscheck.Headers.counting;
import static org.jwsk.wire.crosscheck.Headers.v4;
import static org.jwsk.wire.crosscheck.Headers.v4Fragment;
import static org.jwsk.wire.crosscheck.Hosts.A4;
import static org.jwsk.wire.crosscheck.Hosts.A_MAC;
import static org.jwsk.wire.crosscheck.Hosts.B4;
import static org.jwsk.wire.crosscheck.Hosts.HOP1;
import static org.jwsk.wire.crosscheck.Hosts.R2_4;
import static org.jwsk.wire.crosscheck.Hosts.R4;
import static org.jwsk.wire.crosscheck.Hosts.R_MAC;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.icmpv4.Icmpv4Layout;
import org.jwsk.wire.icmpv4.Icmpv4Repr;
import org.jwsk.wire.ipv4.Ipv4Option;

/**
 * ICMPv4 (RFC 792): echo, every Destination Unreachable code of RFC 792, RFC 1122 and RFC 1812 (0-15),
 * fragmentation needed with the next-hop MTU (RFC 1191), both Time Exceeded codes, Parameter Problem, all four
 * Redirect codes, and Timestamp, which jwsk keeps as an uninterpreted message. Every error quotes a datagram jwsk
 * built, as it arrives at host A.
 */
final class Icmpv4Frames {

    private static final String[] UNREACHABLE = {"net", "host", "protocol", "port", "fragmentation-needed",
        "source-route-failed", "net-unknown", "host-unknown", "host-isolated", "net-prohibited", "host-prohibited",
        "net-tos", "host-tos", "admin-prohibited", "precedence-violation", "precedence-cutoff"};

    private Icmpv4Frames() {
    }

    static List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        Icmpv4Repr.EchoRequest ping = new Icmpv4Repr.EchoRequest(0x1f2e, 1, counting(0x10, 56));
        frames.add(message("icmpv4-echo-request", A4, B4, ping, null));
        frames.add(message("icmpv4-echo-reply", B4, A4, ping.reply(), null));
        for (int code = 0; code < UNREACHABLE.length; code++) {
            frames.add(unreachable(code));
        }
        Built ttlOne = new FrameBuilder().ipv4(v4(A4, B4, 0x2101, false, 1, List.of()))
                .udp(49200, 4041, counting(0x40, 32)).build();
        frames.add(message("icmpv4-time-exceeded-ttl", HOP1, A4,
                new Icmpv4Repr.TimeExceeded(Icmpv4Layout.TIME_EXCEEDED_TTL, ttlOne.octets()), ttlOne));
        Built firstFragment = new FrameBuilder().ipv4(v4Fragment(A4, B4, 0x2102, true, 0, IpProtocol.UDP))
                .data(counting(0x50, 24), List.of()).build();
        frames.add(message("icmpv4-time-exceeded-reassembly", B4, A4,
                new Icmpv4Repr.TimeExceeded(Icmpv4Layout.TIME_EXCEEDED_REASSEMBLY, firstFragment.octets()),
                firstFragment));
        frames.addAll(parameterProblems());
        for (int code = Icmpv4Layout.REDIRECT_NET; code <= Icmpv4Layout.REDIRECT_TOS_HOST; code++) {
            // RFC 792's "Internet Header + 64 bits of Original Data Datagram": tshark dissects no more of a
            // redirect's quote than that, so quoting more would leave the UDP checksum unverifiable.
            Built quoted = Ipv4Frames.udpDatagram(A4, B4, 0x2300 + code, 49210 + code, counting(0, 8))
                    .truncated(20 + 8);
            frames.add(message("icmpv4-redirect-" + code, R4, A4,
                    new Icmpv4Repr.Redirect(code, R2_4, quoted.octets()), quoted));
        }
        frames.addAll(timestamps());
        return frames;
    }

    /** Destination Unreachable {@code code}, from the router, or from B for protocol and port. */
    private static Frame unreachable(int code) {
        String name = "icmpv4-unreachable-" + code + "-" + UNREACHABLE[code];
        if (code == Icmpv4Layout.UNREACH_FRAG_NEEDED) {
            // A full-sized DF datagram, quoted as far as a 576-byte error allows (RFC 1812 §4.3.2.3).
            Built big = new FrameBuilder().ipv4(v4(A4, B4, 0x2204, true)).udp(49204, 4041, counting(0, 1472))
                    .build();
            Built quoted = big.truncated(576 - 20 - 8);
            return message(name, R4, A4, Icmpv4Repr.DestinationUnreachable.fragmentationNeeded(1400,
                    quoted.octets()), quoted);
        }
        if (code == Icmpv4Layout.UNREACH_PROTOCOL) {
            // A datagram of an experimental protocol (RFC 3692) that B does not speak.
            Built quoted = new FrameBuilder().ipv4(v4Fragment(A4, B4, 0x2202, false, 0, 253))
                    .data(counting(0x60, 16), List.of()).build();
            return message(name, B4, A4, new Icmpv4Repr.DestinationUnreachable(code, 0, quoted.octets()), quoted);
        }
        Built quoted = Ipv4Frames.udpDatagram(A4, B4, 0x2200 + code, 49300 + code, counting(0x30, 16));
        Ipv4Address from = code == Icmpv4Layout.UNREACH_PORT ? B4 : R4;
        return message(name, from, A4, new Icmpv4Repr.DestinationUnreachable(code, 0, quoted.octets()), quoted);
    }

    /** Pointer problem (at a Record Route pointer), missing required option, bad length (RFC 1812 §5.2.7.3). */
    private static List<Frame> parameterProblems() {
        Built withOptions = new FrameBuilder().ipv4(v4(A4, B4, 0x2400, false, Headers.TTL,
                        List.of(new Ipv4Option.Nop(), new Ipv4Option.RecordRoute(4, List.of(Ipv4Address.ANY)))))
                .udp(49220, 4041, counting(0, 8)).build();
        Built plain = Ipv4Frames.udpDatagram(A4, B4, 0x2401, 49221, counting(0, 8));
        return List.of(
                message("icmpv4-parameter-problem-pointer", HOP1, A4, new Icmpv4Repr.ParameterProblem(
                        Icmpv4Layout.PARAMETER_POINTER, 23, withOptions.octets()), withOptions),
                message("icmpv4-parameter-problem-missing-option", HOP1, A4, new Icmpv4Repr.ParameterProblem(
                        Icmpv4Layout.PARAMETER_MISSING_OPTION, 0, plain.octets()), plain),
                message("icmpv4-parameter-problem-bad-length", HOP1, A4, new Icmpv4Repr.ParameterProblem(
                        Icmpv4Layout.PARAMETER_BAD_LENGTH, 0, plain.octets()), plain));
    }

    /** Timestamp request and reply (RFC 792), which jwsk keeps as {@link Icmpv4Repr.Unknown}. */
    private static List<Frame> timestamps() {
        int idSeq = 0x3a3a << 16 | 7;
        int originate = Ipv4Frames.TS;
        Octets request = timestampBody(originate, 0, 0);
        Octets reply = timestampBody(originate, originate + 5, originate + 5);
        return List.of(
                message("icmpv4-timestamp-request", A4, R4, new Icmpv4Repr.Unknown(Icmpv4Layout.TYPE_TIMESTAMP, 0,
                        idSeq, request), null),
                message("icmpv4-timestamp-reply", R4, A4, new Icmpv4Repr.Unknown(
                        Icmpv4Layout.TYPE_TIMESTAMP_REPLY, 0, idSeq, reply), null));
    }

    private static Octets timestampBody(int originate, int receive, int transmit) {
        return Octets.of(ByteBuffer.allocate(12).putInt(originate).putInt(receive).putInt(transmit).array());
    }

    /** An ICMPv4 message on the LAN between A and the router; {@code quoted} is what an error's body holds. */
    private static Frame message(String name, Ipv4Address src, Ipv4Address dst, Icmpv4Repr message, Built quoted) {
        boolean toA = dst.equals(A4);
        Built packet = new FrameBuilder().eth(toA ? A_MAC : R_MAC, toA ? R_MAC : A_MAC)
                .ipv4(v4(src, dst, 0x3000 + name.length(), false)).icmpv4(message, quoted).build();
        return new Frame(name, packet, protocols(message, quoted));
    }

    private static String protocols(Icmpv4Repr message, Built quoted) {
        if (quoted == null) {
            return message instanceof Icmpv4Repr.Unknown ? "eth:ethertype:ip:icmp" : "eth:ethertype:ip:icmp:data";
        }
        boolean udp = quoted.layers().stream().anyMatch(l -> l instanceof Layer.Udp);
        boolean udpData = quoted.length() > 20 + 8;
        return "eth:ethertype:ip:icmp:ip:" + (udp ? (udpData ? "udp:data" : "udp") : "data");
    }
}
