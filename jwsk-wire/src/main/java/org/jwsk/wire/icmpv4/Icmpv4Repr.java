package org.jwsk.wire.icmpv4;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;

/**
 * The validated meaning of an ICMPv4 message: one record per message kind this package interprets, and {@link
 * Unknown} for the rest. Every record emits bytes that {@link Icmpv4View#check} accepts and that parse back to
 * the same record. Bodies are {@link Octets}: records are for the control plane and tests; the data path reads
 * through {@link Icmpv4View}.
 */
public sealed interface Icmpv4Repr {

    /** The type octet. */
    int type();

    /** The code octet. */
    int code();

    /** The rest-of-header word this record emits. */
    int restOfHeader();

    /** The body: echo data, or the quoted invoking datagram. */
    Octets body();

    /** The message length: header plus body. */
    default int bufferLength() {
        return Icmpv4Layout.HEADER_LENGTH + body().length();
    }

    /**
     * Writes the whole message through {@code view}, which must wrap at least {@link #bufferLength()} bytes.
     * With {@link ChecksumPolicy#COMPUTE} the checksum covers exactly {@link #bufferLength()} bytes; with {@link
     * ChecksumPolicy#OFFLOAD} it is stored as zero for the link to fill.
     */
    default void emit(Icmpv4View view, ChecksumPolicy policy) {
        int length = bufferLength();
        if (view.length() < length) {
            throw new IndexOutOfBoundsException("message needs " + length + " bytes, view has " + view.length());
        }
        view.setType(type());
        view.setCode(code());
        view.setChecksum(0);
        view.setRestOfHeader(restOfHeader());
        body().copyTo(view.segment(), view.bodyOffset());
        if (policy == ChecksumPolicy.COMPUTE) {
            view.setChecksum(InternetChecksum.compute(0, view.segment(), view.offset(), length));
        }
    }

    /** Writes the message at {@code off} of {@code seg}; convenience for control-plane code. */
    default void emit(MemorySegment seg, long off, ChecksumPolicy policy) {
        emit(new Icmpv4View().wrap(seg, off, bufferLength()), policy);
    }

    /** Reads a message whose {@link Icmpv4View#check check} passed. The checksum is not verified here. */
    static Icmpv4Repr parse(Icmpv4View view) {
        int code = view.code();
        Octets body = Octets.copyOf(view.segment(), view.bodyOffset(), view.bodyLength());
        int type = view.type();
        if (code == 0 && type == Icmpv4Layout.TYPE_ECHO_REQUEST) {
            return new EchoRequest(view.identifier(), view.sequence(), body);
        }
        if (code == 0 && type == Icmpv4Layout.TYPE_ECHO_REPLY) {
            return new EchoReply(view.identifier(), view.sequence(), body);
        }
        return switch (type) {
            case Icmpv4Layout.TYPE_DEST_UNREACHABLE -> new DestinationUnreachable(code,
                    code == Icmpv4Layout.UNREACH_FRAG_NEEDED ? view.nextHopMtu() : 0, body);
            case Icmpv4Layout.TYPE_REDIRECT -> new Redirect(code, new Ipv4Address(view.gateway()), body);
            case Icmpv4Layout.TYPE_TIME_EXCEEDED -> new TimeExceeded(code, body);
            case Icmpv4Layout.TYPE_PARAMETER_PROBLEM -> new ParameterProblem(code, view.pointer(), body);
            default -> new Unknown(type, code, view.restOfHeader(), body);
        };
    }

    /**
     * The leading bytes of an invoking datagram to quote in an error: as many of its {@code length} bytes as
     * keep the ICMP error's IPv4 datagram (with a 20-byte header) within 576 bytes (RFC 1812 §4.3.2.3; RFC 1122
     * §3.2.2 asks for at least the header and 8 bytes). Copies; for the control plane.
     */
    static Octets quote(MemorySegment seg, long off, int length) {
        int room = Icmpv4Layout.MAX_ERROR_DATAGRAM_LENGTH - 20 - Icmpv4Layout.HEADER_LENGTH;
        return Octets.copyOf(seg, off, Math.min(length, room));
    }

    /**
     * Echo (type 8, code 0; RFC 792).
     *
     * @param identifier matches replies to requests, 0-65535
     * @param sequence   sequence number, 0-65535
     * @param data       data to be returned in the reply
     */
    record EchoRequest(int identifier, int sequence, Octets data) implements Icmpv4Repr {
        public EchoRequest {
            checkEcho(identifier, sequence, data);
        }

        @Override
        public int type() {
            return Icmpv4Layout.TYPE_ECHO_REQUEST;
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public int restOfHeader() {
            return identifier << 16 | sequence;
        }

        @Override
        public Octets body() {
            return data;
        }

        /** The reply: the same identifier, sequence number and data (RFC 792; RFC 1122 §3.2.2.6). */
        public EchoReply reply() {
            return new EchoReply(identifier, sequence, data);
        }
    }

    /**
     * Echo Reply (type 0, code 0; RFC 792).
     *
     * @param identifier the request's identifier
     * @param sequence   the request's sequence number
     * @param data       the request's data
     */
    record EchoReply(int identifier, int sequence, Octets data) implements Icmpv4Repr {
        public EchoReply {
            checkEcho(identifier, sequence, data);
        }

        @Override
        public int type() {
            return Icmpv4Layout.TYPE_ECHO_REPLY;
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public int restOfHeader() {
            return identifier << 16 | sequence;
        }

        @Override
        public Octets body() {
            return data;
        }
    }

    /**
     * Destination Unreachable (type 3; RFC 792, RFC 1122 §3.2.2.1, RFC 1812 §5.2.7.1).
     *
     * @param code       why: {@link Icmpv4Layout#UNREACH_NET} to {@link Icmpv4Layout#UNREACH_PRECEDENCE_CUTOFF},
     *                   or any other value 0-255 as received
     * @param nextHopMtu with code {@link Icmpv4Layout#UNREACH_FRAG_NEEDED}, the MTU of the next hop (RFC 1191 §4;
     *                   0 from routers that predate it); 0 with every other code
     * @param datagram   the invoking datagram's IPv4 header and leading bytes, at least 20 bytes
     */
    record DestinationUnreachable(int code, int nextHopMtu, Octets datagram) implements Icmpv4Repr {
        public DestinationUnreachable {
            checkCode(code);
            if (nextHopMtu < 0 || nextHopMtu > 0xffff) {
                throw new IllegalArgumentException("next-hop MTU out of range: " + nextHopMtu);
            }
            if (nextHopMtu != 0 && code != Icmpv4Layout.UNREACH_FRAG_NEEDED) {
                throw new IllegalArgumentException("only fragmentation-needed carries a next-hop MTU, not code " + code);
            }
            checkQuoted(datagram);
        }

        /** Fragmentation needed and DF set, with the next hop's MTU (RFC 1191 §4). */
        public static DestinationUnreachable fragmentationNeeded(int nextHopMtu, Octets datagram) {
            return new DestinationUnreachable(Icmpv4Layout.UNREACH_FRAG_NEEDED, nextHopMtu, datagram);
        }

        /** Port unreachable: no listener for the quoted datagram's transport port. */
        public static DestinationUnreachable portUnreachable(Octets datagram) {
            return new DestinationUnreachable(Icmpv4Layout.UNREACH_PORT, 0, datagram);
        }

        @Override
        public int type() {
            return Icmpv4Layout.TYPE_DEST_UNREACHABLE;
        }

        @Override
        public int restOfHeader() {
            return nextHopMtu;
        }

        @Override
        public Octets body() {
            return datagram;
        }
    }

    /**
     * Redirect (type 5; RFC 792, RFC 1122 §3.2.2.2).
     *
     * @param code     {@link Icmpv4Layout#REDIRECT_NET} to {@link Icmpv4Layout#REDIRECT_TOS_HOST}, or any other
     *                 value 0-255 as received
     * @param gateway  the better first hop for the quoted datagram's destination
     * @param datagram the invoking datagram's IPv4 header and leading bytes, at least 20 bytes
     */
    record Redirect(int code, Ipv4Address gateway, Octets datagram) implements Icmpv4Repr {
        public Redirect {
            checkCode(code);
            Objects.requireNonNull(gateway, "gateway");
            checkQuoted(datagram);
        }

        @Override
        public int type() {
            return Icmpv4Layout.TYPE_REDIRECT;
        }

        @Override
        public int restOfHeader() {
            return gateway.value();
        }

        @Override
        public Octets body() {
            return datagram;
        }
    }

    /**
     * Time Exceeded (type 11; RFC 792, RFC 1812 §5.3.1 for routers).
     *
     * @param code     {@link Icmpv4Layout#TIME_EXCEEDED_TTL} or {@link Icmpv4Layout#TIME_EXCEEDED_REASSEMBLY}, or
     *                 any other value 0-255 as received
     * @param datagram the invoking datagram's IPv4 header and leading bytes, at least 20 bytes
     */
    record TimeExceeded(int code, Octets datagram) implements Icmpv4Repr {
        public TimeExceeded {
            checkCode(code);
            checkQuoted(datagram);
        }

        @Override
        public int type() {
            return Icmpv4Layout.TYPE_TIME_EXCEEDED;
        }

        @Override
        public int restOfHeader() {
            return 0;
        }

        @Override
        public Octets body() {
            return datagram;
        }
    }

    /**
     * Parameter Problem (type 12; RFC 792, RFC 1122 §3.2.2.5).
     *
     * @param code     {@link Icmpv4Layout#PARAMETER_POINTER} (the pointer is meaningful), or another value 0-255
     * @param pointer  the octet of the quoted header where the error was found, 0-255
     * @param datagram the invoking datagram's IPv4 header and leading bytes, at least 20 bytes
     */
    record ParameterProblem(int code, int pointer, Octets datagram) implements Icmpv4Repr {
        public ParameterProblem {
            checkCode(code);
            if (pointer < 0 || pointer > 0xff) {
                throw new IllegalArgumentException("pointer out of range: " + pointer);
            }
            checkQuoted(datagram);
        }

        @Override
        public int type() {
            return Icmpv4Layout.TYPE_PARAMETER_PROBLEM;
        }

        @Override
        public int restOfHeader() {
            return pointer << 24;
        }

        @Override
        public Octets body() {
            return datagram;
        }
    }

    /**
     * A message this package does not interpret (timestamp, source quench, address mask, echo with a non-zero
     * code, experiments), kept whole.
     *
     * @param type         the type; not one of the interpreted kinds (3, 5, 11, 12, and 0 or 8 with code 0)
     * @param code         the code, 0-255
     * @param restOfHeader the raw rest-of-header word
     * @param body         the bytes after the header
     */
    record Unknown(int type, int code, int restOfHeader, Octets body) implements Icmpv4Repr {
        public Unknown {
            checkCode(code);
            Objects.requireNonNull(body, "body");
            if (type < 0 || type > 0xff || Icmpv4Layout.isError(type)
                    || (code == 0 && (type == Icmpv4Layout.TYPE_ECHO_REQUEST || type == Icmpv4Layout.TYPE_ECHO_REPLY))) {
                throw new IllegalArgumentException("type " + type + " code " + code + " has its own record");
            }
            checkLength(body);
        }
    }

    private static void checkEcho(int identifier, int sequence, Octets data) {
        if (identifier < 0 || identifier > 0xffff) {
            throw new IllegalArgumentException("identifier out of range: " + identifier);
        }
        if (sequence < 0 || sequence > 0xffff) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        Objects.requireNonNull(data, "data");
        checkLength(data);
    }

    private static void checkCode(int code) {
        if (code < 0 || code > 0xff) {
            throw new IllegalArgumentException("code out of range: " + code);
        }
    }

    private static void checkQuoted(Octets datagram) {
        Objects.requireNonNull(datagram, "datagram");
        if (datagram.length() < Icmpv4Layout.MIN_QUOTED_LENGTH) {
            throw new IllegalArgumentException("an error quotes at least an IPv4 header, not " + datagram.length() + " bytes");
        }
        checkLength(datagram);
    }

    private static void checkLength(Octets body) {
        if (body.length() > Icmpv4Layout.MAX_MESSAGE_LENGTH - Icmpv4Layout.HEADER_LENGTH) {
            throw new IllegalArgumentException("body too long: " + body.length());
        }
    }
}
