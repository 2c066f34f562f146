package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.Octets;

/**
 * One option of a Hop-by-Hop or Destination Options header (RFC 8200 §4.2): padding, the options jwsk knows,
 * or an unknown option kept with its type and data.
 */
public sealed interface Ipv6Option
        permits Ipv6Option.Pad1, Ipv6Option.PadN, Ipv6Option.RouterAlert, Ipv6Option.JumboPayload,
        Ipv6Option.Unknown {

    /** The option type byte. */
    int type();

    /** The bytes the option occupies: 1 for Pad1, otherwise 2 plus its data. */
    int length();

    /** Writes the option at {@code off} of {@code seg}; {@link #length()} bytes. */
    void emit(MemorySegment seg, long off);

    /** The action a node that does not recognise this option takes (RFC 8200 §4.2). */
    default int action() {
        return Ipv6OptionType.action(type());
    }

    /**
     * Reads the option under {@code cursor}, whose header passed {@link Ipv6OptionsView#check}. A Router Alert
     * or Jumbo Payload type whose data length is not its fixed one is kept as {@link Unknown}.
     */
    static Ipv6Option parse(Ipv6OptionCursor cursor) {
        if (!Ipv6OptionsView.fixedLengthFits(cursor.type(), cursor.dataLength())) {
            return new Unknown(cursor.type(), Octets.copyOf(cursor.segment(), cursor.dataOffset(), cursor.dataLength()));
        }
        return switch (cursor.type()) {
            case Ipv6OptionType.PAD1 -> Pad1.INSTANCE;
            case Ipv6OptionType.PADN -> new PadN(cursor.dataLength());
            case Ipv6OptionType.ROUTER_ALERT -> new RouterAlert(cursor.routerAlertValue());
            case Ipv6OptionType.JUMBO_PAYLOAD -> new JumboPayload(Integer.toUnsignedLong(cursor.jumboPayloadLength()));
            default -> new Unknown(cursor.type(), Octets.copyOf(cursor.segment(), cursor.dataOffset(), cursor.dataLength()));
        };
    }

    /** One byte of padding. */
    record Pad1() implements Ipv6Option {

        /** The one Pad1. */
        public static final Pad1 INSTANCE = new Pad1();

        @Override
        public int type() {
            return Ipv6OptionType.PAD1;
        }

        @Override
        public int length() {
            return 1;
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            NetOrder.setU8(seg, off, Ipv6OptionType.PAD1);
        }
    }

    /**
     * {@code dataLength + 2} bytes of padding; the data is emitted as zeros (RFC 8200 §4.2).
     *
     * @param dataLength 0-255 bytes of zero data
     */
    record PadN(int dataLength) implements Ipv6Option {

        public PadN {
            requireDataLength(dataLength);
        }

        @Override
        public int type() {
            return Ipv6OptionType.PADN;
        }

        @Override
        public int length() {
            return Ipv6OptionsLayout.OPTION_DATA_OFFSET + dataLength;
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitHeader(seg, off, Ipv6OptionType.PADN, dataLength);
            seg.asSlice(off + Ipv6OptionsLayout.OPTION_DATA_OFFSET, dataLength).fill((byte) 0);
        }
    }

    /**
     * Router Alert (RFC 2711 §2.1): routers should look at this datagram more closely.
     *
     * @param value 0-65535; {@link Ipv6OptionType#ROUTER_ALERT_MLD} for MLD
     */
    record RouterAlert(int value) implements Ipv6Option {

        public RouterAlert {
            if (value < 0 || value > 0xffff) {
                throw new IllegalArgumentException("router alert value must be 0-65535, not " + value);
            }
        }

        @Override
        public int type() {
            return Ipv6OptionType.ROUTER_ALERT;
        }

        @Override
        public int length() {
            return 4;
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitHeader(seg, off, Ipv6OptionType.ROUTER_ALERT, 2);
            NetOrder.setU16(seg, off + Ipv6OptionsLayout.OPTION_DATA_OFFSET, value);
        }
    }

    /**
     * Jumbo Payload (RFC 2675 §2). Parsed so that tools can show it; jwsk does not accept jumbograms (see
     * {@link Ipv6Layout}), and {@link Ipv6HeaderWalker} treats the option as unrecognised.
     *
     * @param payloadLength the jumbogram's length, 0 to 2^32-1 (RFC 2675 requires more than 65535)
     */
    record JumboPayload(long payloadLength) implements Ipv6Option {

        public JumboPayload {
            if (payloadLength < 0 || payloadLength > 0xffff_ffffL) {
                throw new IllegalArgumentException("jumbo payload length must fit 32 bits, not " + payloadLength);
            }
        }

        @Override
        public int type() {
            return Ipv6OptionType.JUMBO_PAYLOAD;
        }

        @Override
        public int length() {
            return 6;
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitHeader(seg, off, Ipv6OptionType.JUMBO_PAYLOAD, 4);
            NetOrder.setI32(seg, off + Ipv6OptionsLayout.OPTION_DATA_OFFSET, (int) payloadLength);
        }
    }

    /**
     * An option jwsk does not interpret, kept whole. Its type's high bits give the action ({@link #action()}).
     *
     * @param type any type but Pad1 and PadN; Router Alert and Jumbo Payload only with a data length other than
     *             their fixed 2 and 4 (otherwise they parse as their own records)
     * @param data 0-255 bytes
     */
    record Unknown(int type, Octets data) implements Ipv6Option {

        public Unknown {
            Objects.requireNonNull(data, "data");
            if (type < 0 || type > 0xff) {
                throw new IllegalArgumentException("option type must be 0-255, not " + type);
            }
            if (type == Ipv6OptionType.PAD1 || type == Ipv6OptionType.PADN
                    || (type == Ipv6OptionType.ROUTER_ALERT || type == Ipv6OptionType.JUMBO_PAYLOAD)
                    && Ipv6OptionsView.fixedLengthFits(type, data.length())) {
                throw new IllegalArgumentException(Ipv6OptionType.name(type) + " has its own record");
            }
            requireDataLength(data.length());
        }

        @Override
        public int length() {
            return Ipv6OptionsLayout.OPTION_DATA_OFFSET + data.length();
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitHeader(seg, off, type, data.length());
            data.copyTo(seg, off + Ipv6OptionsLayout.OPTION_DATA_OFFSET);
        }
    }

    private static void emitHeader(MemorySegment seg, long off, int type, int dataLength) {
        NetOrder.setU8(seg, off + Ipv6OptionsLayout.OPTION_TYPE_OFFSET, type);
        NetOrder.setU8(seg, off + Ipv6OptionsLayout.OPTION_DATA_LENGTH_OFFSET, dataLength);
    }

    private static void requireDataLength(int dataLength) {
        if (dataLength < 0 || dataLength > Ipv6OptionsLayout.MAX_OPTION_DATA_LENGTH) {
            throw new IllegalArgumentException("option data length must be 0-255, not " + dataLength);
        }
    }
}
