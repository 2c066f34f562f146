package org.jwsk.wire.icmpv6;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.Octets;

/**
 * The validated meaning of an ICMPv6 message (RFC 4443): one record per message kind. Echo and the four errors
 * are here; NDP messages are {@link NdpRepr}, MLD messages {@link MldRepr}, and any other type is kept whole as
 * {@link Unknown}. Records are for the control plane and tests; the data path reads {@link Icmpv6View}, {@link
 * NdpView} and {@link MldView} without building them.
 *
 * <p>Codes that must be zero (echo, NDP, MLD) are not kept: parsing ignores them and emitting writes zero, so
 * the network layer checks them on the view (for example RFC 4861 §7.1.1, "ICMP Code is 0").
 */
public sealed interface Icmpv6Repr
        permits Icmpv6Repr.EchoRequest, Icmpv6Repr.EchoReply, Icmpv6Repr.DestinationUnreachable,
        Icmpv6Repr.PacketTooBig, Icmpv6Repr.TimeExceeded, Icmpv6Repr.ParameterProblem, Icmpv6Repr.Unknown,
        NdpRepr, MldRepr {

    /** The ICMPv6 type. */
    int type();

    /** The ICMPv6 code. */
    int code();

    /** The message length this record emits; also the upper-layer length of its pseudo-header. */
    int bufferLength();

    /** Writes every byte of the message at {@code off} of {@code seg}, the checksum field as zero. */
    void writeMessage(MemorySegment seg, long off);

    /**
     * Writes the message and, under {@link ChecksumPolicy#COMPUTE}, its checksum over {@code pseudoHeaderSum}
     * (from {@code InternetChecksum.pseudoHeaderV6(src, dst, 58, bufferLength())}, RFC 4443 §2.3); under
     * {@link ChecksumPolicy#OFFLOAD} the checksum field stays zero for the link to fill.
     */
    default void emit(MemorySegment seg, long off, int pseudoHeaderSum, ChecksumPolicy policy) {
        Objects.checkFromIndexSize(off, bufferLength(), seg.byteSize());
        writeMessage(seg, off);
        if (policy == ChecksumPolicy.COMPUTE) {
            NetOrder.setU16(seg, off + Icmpv6Layout.CHECKSUM_OFFSET,
                    InternetChecksum.compute(pseudoHeaderSum, seg, off, bufferLength()));
        }
    }

    /** {@link #emit(MemorySegment, long, int, ChecksumPolicy)} through a view of at least {@link #bufferLength()}. */
    default void emit(Icmpv6View view, int pseudoHeaderSum, ChecksumPolicy policy) {
        if (view.length() < bufferLength()) {
            throw new IndexOutOfBoundsException("message needs " + bufferLength() + " bytes, view has " + view.length());
        }
        emit(view.segment(), view.offset(), pseudoHeaderSum, policy);
    }

    /** Reads a message whose {@link Icmpv6View#check check} passed. */
    static Icmpv6Repr parse(Icmpv6View view) {
        int type = view.type();
        MemorySegment seg = view.segment();
        if (Icmpv6Type.isNdp(type)) {
            return NdpRepr.parse(new NdpView().wrap(seg, view.offset(), view.length()));
        }
        if (Icmpv6Type.isMld(type)) {
            return MldRepr.parse(new MldView().wrap(seg, view.offset(), view.length()));
        }
        return switch (type) {
            case Icmpv6Type.ECHO_REQUEST -> new EchoRequest(view.identifier(), view.sequenceNumber(),
                    Octets.copyOf(seg, view.echoDataOffset(), view.echoDataLength()));
            case Icmpv6Type.ECHO_REPLY -> new EchoReply(view.identifier(), view.sequenceNumber(),
                    Octets.copyOf(seg, view.echoDataOffset(), view.echoDataLength()));
            case Icmpv6Type.DESTINATION_UNREACHABLE -> new DestinationUnreachable(view.code(), invoking(view));
            case Icmpv6Type.PACKET_TOO_BIG -> new PacketTooBig(Integer.toUnsignedLong(view.mtu()), invoking(view));
            case Icmpv6Type.TIME_EXCEEDED -> new TimeExceeded(view.code(), invoking(view));
            case Icmpv6Type.PARAMETER_PROBLEM -> new ParameterProblem(view.code(),
                    Integer.toUnsignedLong(view.pointer()), invoking(view));
            default -> new Unknown(type, view.code(), Octets.copyOf(seg, view.bodyOffset(), view.bodyLength()));
        };
    }

    private static Octets invoking(Icmpv6View view) {
        return Octets.copyOf(view.segment(), view.invokingPacketOffset(), view.invokingPacketLength());
    }

    /**
     * Echo Request (RFC 4443 §4.1).
     *
     * @param identifier     0-65535
     * @param sequenceNumber 0-65535
     * @param data           the data the reply echoes
     */
    record EchoRequest(int identifier, int sequenceNumber, Octets data) implements Icmpv6Repr {

        public EchoRequest {
            checkEcho(identifier, sequenceNumber, data);
        }

        /** The reply that echoes this request (RFC 4443 §4.2). */
        public EchoReply reply() {
            return new EchoReply(identifier, sequenceNumber, data);
        }

        @Override
        public int type() {
            return Icmpv6Type.ECHO_REQUEST;
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public int bufferLength() {
            return Icmpv6Layout.ECHO_DATA_OFFSET + data.length();
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeEcho(seg, off, type(), identifier, sequenceNumber, data);
        }
    }

    /**
     * Echo Reply (RFC 4443 §4.2).
     *
     * @param identifier     the request's identifier
     * @param sequenceNumber the request's sequence number
     * @param data           the request's data
     */
    record EchoReply(int identifier, int sequenceNumber, Octets data) implements Icmpv6Repr {

        public EchoReply {
            checkEcho(identifier, sequenceNumber, data);
        }

        @Override
        public int type() {
            return Icmpv6Type.ECHO_REPLY;
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public int bufferLength() {
            return Icmpv6Layout.ECHO_DATA_OFFSET + data.length();
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeEcho(seg, off, type(), identifier, sequenceNumber, data);
        }
    }

    /**
     * Destination Unreachable (RFC 4443 §3.1).
     *
     * @param code           0-255 ({@link Icmpv6Code}: 0-7 are assigned)
     * @param invokingPacket as much of the invoking packet as fits {@link Icmpv6Layout#MAX_ERROR_LENGTH}
     */
    record DestinationUnreachable(int code, Octets invokingPacket) implements Icmpv6Repr {

        public DestinationUnreachable {
            Icmpv6Fields.requireRange("code", code, 0xff);
            Objects.requireNonNull(invokingPacket, "invokingPacket");
        }

        @Override
        public int type() {
            return Icmpv6Type.DESTINATION_UNREACHABLE;
        }

        @Override
        public int bufferLength() {
            return Icmpv6Layout.INVOKING_PACKET_OFFSET + invokingPacket.length();
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeError(seg, off, type(), code, 0, invokingPacket);
        }
    }

    /**
     * Packet Too Big (RFC 4443 §3.2); the code is sent as 0 and ignored on receipt.
     *
     * @param mtu            the MTU of the next-hop link, 0 to 2^32-1
     * @param invokingPacket as much of the invoking packet as fits
     */
    record PacketTooBig(long mtu, Octets invokingPacket) implements Icmpv6Repr {

        public PacketTooBig {
            Icmpv6Fields.requireU32("MTU", mtu);
            Objects.requireNonNull(invokingPacket, "invokingPacket");
        }

        @Override
        public int type() {
            return Icmpv6Type.PACKET_TOO_BIG;
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public int bufferLength() {
            return Icmpv6Layout.INVOKING_PACKET_OFFSET + invokingPacket.length();
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeError(seg, off, type(), 0, (int) mtu, invokingPacket);
        }
    }

    /**
     * Time Exceeded (RFC 4443 §3.3).
     *
     * @param code           {@link Icmpv6Code#HOP_LIMIT_EXCEEDED} or {@link Icmpv6Code#REASSEMBLY_TIME_EXCEEDED}
     *                       (any 0-255 is kept)
     * @param invokingPacket as much of the invoking packet as fits
     */
    record TimeExceeded(int code, Octets invokingPacket) implements Icmpv6Repr {

        public TimeExceeded {
            Icmpv6Fields.requireRange("code", code, 0xff);
            Objects.requireNonNull(invokingPacket, "invokingPacket");
        }

        @Override
        public int type() {
            return Icmpv6Type.TIME_EXCEEDED;
        }

        @Override
        public int bufferLength() {
            return Icmpv6Layout.INVOKING_PACKET_OFFSET + invokingPacket.length();
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeError(seg, off, type(), code, 0, invokingPacket);
        }
    }

    /**
     * Parameter Problem (RFC 4443 §3.4).
     *
     * @param code           0-255 ({@link Icmpv6Code}: 0-3 and the RFC 8883 limits)
     * @param pointer        offset of the offending byte in the invoking packet, 0 to 2^32-1
     * @param invokingPacket as much of the invoking packet as fits
     */
    record ParameterProblem(int code, long pointer, Octets invokingPacket) implements Icmpv6Repr {

        public ParameterProblem {
            Icmpv6Fields.requireRange("code", code, 0xff);
            Icmpv6Fields.requireU32("pointer", pointer);
            Objects.requireNonNull(invokingPacket, "invokingPacket");
        }

        @Override
        public int type() {
            return Icmpv6Type.PARAMETER_PROBLEM;
        }

        @Override
        public int bufferLength() {
            return Icmpv6Layout.INVOKING_PACKET_OFFSET + invokingPacket.length();
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            writeError(seg, off, type(), code, (int) pointer, invokingPacket);
        }
    }

    /**
     * A message of a type jwsk does not interpret, kept whole. RFC 4443 §2.4: an unknown error type must reach
     * the upper layer that sent the invoking packet, an unknown informational type is discarded; that is the
     * network layer's call ({@link Icmpv6Type#isError}).
     *
     * @param type a type {@link #parse} does not give its own record
     * @param code 0-255
     * @param body everything after the checksum
     */
    record Unknown(int type, int code, Octets body) implements Icmpv6Repr {

        public Unknown {
            Icmpv6Fields.requireRange("type", type, 0xff);
            Icmpv6Fields.requireRange("code", code, 0xff);
            Objects.requireNonNull(body, "body");
            if (hasOwnRecord(type)) {
                throw new IllegalArgumentException(Icmpv6Type.name(type) + " has its own record");
            }
        }

        @Override
        public int bufferLength() {
            return Icmpv6Layout.HEADER_LENGTH + body.length();
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            Icmpv6Fields.writeHeader(seg, off, type, code);
            body.copyTo(seg, off + Icmpv6Layout.HEADER_LENGTH);
        }

        private static boolean hasOwnRecord(int type) {
            return type >= Icmpv6Type.DESTINATION_UNREACHABLE && type <= Icmpv6Type.PARAMETER_PROBLEM
                    || type == Icmpv6Type.ECHO_REQUEST || type == Icmpv6Type.ECHO_REPLY
                    || Icmpv6Type.isNdp(type) || Icmpv6Type.isMld(type);
        }
    }

    private static void checkEcho(int identifier, int sequenceNumber, Octets data) {
        Icmpv6Fields.requireRange("identifier", identifier, 0xffff);
        Icmpv6Fields.requireRange("sequence number", sequenceNumber, 0xffff);
        Objects.requireNonNull(data, "data");
    }

    private static void writeEcho(MemorySegment seg, long off, int type, int identifier, int sequence, Octets data) {
        Icmpv6Fields.writeHeader(seg, off, type, 0);
        NetOrder.setU16(seg, off + Icmpv6Layout.IDENTIFIER_OFFSET, identifier);
        NetOrder.setU16(seg, off + Icmpv6Layout.SEQUENCE_OFFSET, sequence);
        data.copyTo(seg, off + Icmpv6Layout.ECHO_DATA_OFFSET);
    }

    private static void writeError(MemorySegment seg, long off, int type, int code, int word, Octets invoking) {
        Icmpv6Fields.writeHeader(seg, off, type, code);
        NetOrder.setI32(seg, off + Icmpv6Layout.ERROR_WORD_OFFSET, word);
        invoking.copyTo(seg, off + Icmpv6Layout.INVOKING_PACKET_OFFSET);
    }
}
