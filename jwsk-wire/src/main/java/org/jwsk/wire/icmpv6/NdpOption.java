package org.jwsk.wire.icmpv6;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;

/**
 * One NDP option (RFC 4861 §4.6): the options jwsk knows, and unknown ones kept with their type and bytes. An
 * option of a known type whose length does not fit its layout ({@link NdpOptionType#fits}) is kept as {@link
 * Unknown} too.
 */
public sealed interface NdpOption
        permits NdpOption.SourceLinkLayerAddress, NdpOption.TargetLinkLayerAddress, NdpOption.PrefixInformation,
        NdpOption.RedirectedHeader, NdpOption.Mtu, NdpOption.Nonce, NdpOption.RecursiveDnsServer,
        NdpOption.Unknown {

    /** The option type. */
    int type();

    /** The option length in bytes, a multiple of 8. */
    int length();

    /** Writes every byte of the option at {@code off} of {@code seg}. */
    void emit(MemorySegment seg, long off);

    /** Reads the option under {@code cursor}. */
    static NdpOption parse(NdpOptionCursor cursor) {
        MemorySegment seg = cursor.segment();
        if (!cursor.fits()) {
            return new Unknown(cursor.type(), Octets.copyOf(seg, cursor.dataOffset(), cursor.dataLength()));
        }
        Octets data = Octets.copyOf(seg, cursor.dataOffset(), cursor.dataLength());
        return switch (cursor.type()) {
            case NdpOptionType.SOURCE_LINK_LAYER_ADDRESS -> new SourceLinkLayerAddress(data);
            case NdpOptionType.TARGET_LINK_LAYER_ADDRESS -> new TargetLinkLayerAddress(data);
            case NdpOptionType.PREFIX_INFORMATION -> new PrefixInformation(cursor.u8At(NdpLayout.PREFIX_LENGTH_OFFSET),
                    cursor.u8At(NdpLayout.PREFIX_FLAGS_OFFSET),
                    Integer.toUnsignedLong(cursor.i32At(NdpLayout.PREFIX_VALID_LIFETIME_OFFSET)),
                    Integer.toUnsignedLong(cursor.i32At(NdpLayout.PREFIX_PREFERRED_LIFETIME_OFFSET)),
                    Ipv6Address.read(seg, cursor.offset() + NdpLayout.PREFIX_OFFSET));
            case NdpOptionType.REDIRECTED_HEADER -> new RedirectedHeader(Octets.copyOf(seg,
                    cursor.offset() + NdpLayout.REDIRECTED_PACKET_OFFSET, cursor.length() - NdpLayout.REDIRECTED_PACKET_OFFSET));
            case NdpOptionType.MTU -> new Mtu(Integer.toUnsignedLong(cursor.i32At(NdpLayout.MTU_OFFSET)));
            case NdpOptionType.NONCE -> new Nonce(data);
            case NdpOptionType.RECURSIVE_DNS_SERVER -> parseRdnss(cursor);
            default -> new Unknown(cursor.type(), data);
        };
    }

    private static RecursiveDnsServer parseRdnss(NdpOptionCursor cursor) {
        List<Ipv6Address> servers = new ArrayList<>();
        for (int p = NdpLayout.RDNSS_ADDRESSES_OFFSET; p < cursor.length(); p += 16) {
            servers.add(Ipv6Address.read(cursor.segment(), cursor.offset() + p));
        }
        return new RecursiveDnsServer(Integer.toUnsignedLong(cursor.i32At(NdpLayout.RDNSS_LIFETIME_OFFSET)), servers);
    }

    /**
     * Source Link-layer Address (RFC 4861 §4.6.1): the sender's link-layer address.
     *
     * @param address the address bytes, padding included; 6 for Ethernet (RFC 2464 §6), length ≡ 6 mod 8
     */
    record SourceLinkLayerAddress(Octets address) implements NdpOption {

        public SourceLinkLayerAddress {
            requireDataLength("link-layer address", address, 6);
        }

        /** The option for an Ethernet address. */
        public static SourceLinkLayerAddress of(MacAddress mac) {
            return new SourceLinkLayerAddress(macOctets(mac));
        }

        /** The address as a MAC, for a 6-byte (Ethernet) address. */
        public MacAddress mac() {
            return NdpOption.mac(address);
        }

        @Override
        public int type() {
            return NdpOptionType.SOURCE_LINK_LAYER_ADDRESS;
        }

        @Override
        public int length() {
            return NdpLayout.OPTION_DATA_OFFSET + address.length();
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitData(seg, off, type(), address);
        }
    }

    /**
     * Target Link-layer Address (RFC 4861 §4.6.1): the target's link-layer address.
     *
     * @param address the address bytes, padding included; 6 for Ethernet, length ≡ 6 mod 8
     */
    record TargetLinkLayerAddress(Octets address) implements NdpOption {

        public TargetLinkLayerAddress {
            requireDataLength("link-layer address", address, 6);
        }

        /** The option for an Ethernet address. */
        public static TargetLinkLayerAddress of(MacAddress mac) {
            return new TargetLinkLayerAddress(macOctets(mac));
        }

        /** The address as a MAC, for a 6-byte (Ethernet) address. */
        public MacAddress mac() {
            return NdpOption.mac(address);
        }

        @Override
        public int type() {
            return NdpOptionType.TARGET_LINK_LAYER_ADDRESS;
        }

        @Override
        public int length() {
            return NdpLayout.OPTION_DATA_OFFSET + address.length();
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitData(seg, off, type(), address);
        }
    }

    /**
     * Prefix Information (RFC 4861 §4.6.2), 32 bytes. The reserved fields are not kept.
     *
     * @param prefixLength      valid leading bits of the prefix, 0-255 as on the wire (128 is the sensible limit)
     * @param flags             the flags byte: {@link NdpLayout#PREFIX_FLAG_ON_LINK}, {@link
     *                          NdpLayout#PREFIX_FLAG_AUTONOMOUS} and later ones
     * @param validLifetime     seconds, 0 to 2^32-1 ({@link NdpLayout#INFINITE_LIFETIME})
     * @param preferredLifetime seconds, 0 to 2^32-1
     * @param prefix            the prefix
     */
    record PrefixInformation(int prefixLength, int flags, long validLifetime, long preferredLifetime,
            Ipv6Address prefix) implements NdpOption {

        public PrefixInformation {
            Objects.requireNonNull(prefix, "prefix");
            requireRange("prefix length", prefixLength, 0xff);
            requireRange("prefix flags", flags, 0xff);
            requireU32("valid lifetime", validLifetime);
            requireU32("preferred lifetime", preferredLifetime);
        }

        /** The L flag: the prefix is on-link. */
        public boolean onLink() {
            return (flags & NdpLayout.PREFIX_FLAG_ON_LINK) != 0;
        }

        /** The A flag: the prefix may be used for SLAAC (RFC 4862). */
        public boolean autonomous() {
            return (flags & NdpLayout.PREFIX_FLAG_AUTONOMOUS) != 0;
        }

        @Override
        public int type() {
            return NdpOptionType.PREFIX_INFORMATION;
        }

        @Override
        public int length() {
            return NdpLayout.PREFIX_OPTION_LENGTH;
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitHeader(seg, off, type(), NdpLayout.PREFIX_OPTION_LENGTH);
            NetOrder.setU8(seg, off + NdpLayout.PREFIX_LENGTH_OFFSET, prefixLength);
            NetOrder.setU8(seg, off + NdpLayout.PREFIX_FLAGS_OFFSET, flags);
            NetOrder.setI32(seg, off + NdpLayout.PREFIX_VALID_LIFETIME_OFFSET, (int) validLifetime);
            NetOrder.setI32(seg, off + NdpLayout.PREFIX_PREFERRED_LIFETIME_OFFSET, (int) preferredLifetime);
            NetOrder.setI32(seg, off + NdpLayout.PREFIX_PREFERRED_LIFETIME_OFFSET + 4, 0);
            prefix.write(seg, off + NdpLayout.PREFIX_OFFSET);
        }
    }

    /**
     * Redirected Header (RFC 4861 §4.6.3): the start of the packet that triggered a Redirect.
     *
     * @param packet the IPv6 packet, cut to a multiple of 8 bytes (Linux cuts so, {@code ndisc_send_redirect})
     */
    record RedirectedHeader(Octets packet) implements NdpOption {

        public RedirectedHeader {
            Objects.requireNonNull(packet, "packet");
            if (packet.length() % NdpLayout.OPTION_UNIT != 0
                    || packet.length() + NdpLayout.REDIRECTED_PACKET_OFFSET > NdpLayout.MAX_OPTION_LENGTH) {
                throw new IllegalArgumentException("redirected packet must be a multiple of 8 bytes up to 2032, not "
                        + packet.length());
            }
        }

        @Override
        public int type() {
            return NdpOptionType.REDIRECTED_HEADER;
        }

        @Override
        public int length() {
            return NdpLayout.REDIRECTED_PACKET_OFFSET + packet.length();
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitHeader(seg, off, type(), length());
            seg.asSlice(off + NdpLayout.OPTION_DATA_OFFSET, NdpLayout.REDIRECTED_PACKET_OFFSET - NdpLayout.OPTION_DATA_OFFSET)
                    .fill((byte) 0);
            packet.copyTo(seg, off + NdpLayout.REDIRECTED_PACKET_OFFSET);
        }
    }

    /**
     * MTU (RFC 4861 §4.6.4), 8 bytes: the link MTU a router advertises.
     *
     * @param mtu 0 to 2^32-1
     */
    record Mtu(long mtu) implements NdpOption {

        public Mtu {
            requireU32("MTU", mtu);
        }

        @Override
        public int type() {
            return NdpOptionType.MTU;
        }

        @Override
        public int length() {
            return NdpLayout.OPTION_UNIT;
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitHeader(seg, off, type(), NdpLayout.OPTION_UNIT);
            NetOrder.setU16(seg, off + NdpLayout.OPTION_DATA_OFFSET, 0);
            NetOrder.setI32(seg, off + NdpLayout.MTU_OFFSET, (int) mtu);
        }
    }

    /**
     * Nonce (RFC 3971 §5.3.2): a random value that Linux sends in DAD solicitations to detect looped-back
     * copies of its own (RFC 7527 §4.1).
     *
     * @param nonce at least 6 bytes, length ≡ 6 mod 8
     */
    record Nonce(Octets nonce) implements NdpOption {

        public Nonce {
            requireDataLength("nonce", nonce, 6);
        }

        @Override
        public int type() {
            return NdpOptionType.NONCE;
        }

        @Override
        public int length() {
            return NdpLayout.OPTION_DATA_OFFSET + nonce.length();
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitData(seg, off, type(), nonce);
        }
    }

    /**
     * Recursive DNS Server (RFC 8106 §5.1).
     *
     * @param lifetime seconds the servers may be used, 0 to 2^32-1 ({@link NdpLayout#INFINITE_LIFETIME})
     * @param servers  1 to 127 server addresses
     */
    record RecursiveDnsServer(long lifetime, List<Ipv6Address> servers) implements NdpOption {

        public RecursiveDnsServer {
            requireU32("lifetime", lifetime);
            servers = List.copyOf(servers);
            if (servers.isEmpty() || servers.size() > 127) {
                throw new IllegalArgumentException("RDNSS carries 1-127 addresses, not " + servers.size());
            }
        }

        @Override
        public int type() {
            return NdpOptionType.RECURSIVE_DNS_SERVER;
        }

        @Override
        public int length() {
            return NdpLayout.RDNSS_ADDRESSES_OFFSET + 16 * servers.size();
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitHeader(seg, off, type(), length());
            NetOrder.setU16(seg, off + NdpLayout.OPTION_DATA_OFFSET, 0);
            NetOrder.setI32(seg, off + NdpLayout.RDNSS_LIFETIME_OFFSET, (int) lifetime);
            for (int i = 0; i < servers.size(); i++) {
                servers.get(i).write(seg, off + NdpLayout.RDNSS_ADDRESSES_OFFSET + 16L * i);
            }
        }
    }

    /**
     * An option jwsk does not interpret, or a known type whose length does not fit its layout.
     *
     * @param type 1-255; a known type only with a length that does not fit it
     * @param data the bytes after type and length, length ≡ 6 mod 8
     */
    record Unknown(int type, Octets data) implements NdpOption {

        public Unknown {
            requireRange("option type", type, 0xff);
            requireDataLength("option data", data, 6);
            if (NdpOptionType.isKnown(type) && NdpOptionType.fits(type, (data.length() + 2) / NdpLayout.OPTION_UNIT)) {
                throw new IllegalArgumentException(NdpOptionType.name(type) + " of this length has its own record");
            }
        }

        @Override
        public int length() {
            return NdpLayout.OPTION_DATA_OFFSET + data.length();
        }

        @Override
        public void emit(MemorySegment seg, long off) {
            emitData(seg, off, type, data);
        }
    }

    private static void emitHeader(MemorySegment seg, long off, int type, int length) {
        NetOrder.setU8(seg, off + NdpLayout.OPTION_TYPE_OFFSET, type);
        NetOrder.setU8(seg, off + NdpLayout.OPTION_LENGTH_OFFSET, length / NdpLayout.OPTION_UNIT);
    }

    private static void emitData(MemorySegment seg, long off, int type, Octets data) {
        emitHeader(seg, off, type, NdpLayout.OPTION_DATA_OFFSET + data.length());
        data.copyTo(seg, off + NdpLayout.OPTION_DATA_OFFSET);
    }

    private static Octets macOctets(MacAddress mac) {
        byte[] b = new byte[6];
        mac.write(MemorySegment.ofArray(b), 0);
        return Octets.of(b);
    }

    private static MacAddress mac(Octets address) {
        if (address.length() != 6) {
            throw new IllegalStateException("a " + address.length() + "-byte link-layer address is not a MAC");
        }
        return MacAddress.read(MemorySegment.ofArray(address.toByteArray()), 0);
    }

    private static void requireDataLength(String what, Octets data, int minimum) {
        Objects.requireNonNull(data, what);
        int length = data.length() + NdpLayout.OPTION_DATA_OFFSET;
        if (data.length() < minimum || length % NdpLayout.OPTION_UNIT != 0 || length > NdpLayout.MAX_OPTION_LENGTH) {
            throw new IllegalArgumentException(what + " of " + data.length()
                    + " bytes: the option must be a multiple of 8 bytes, 8 to 2040");
        }
    }

    private static void requireRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0-" + max + ", not " + value);
        }
    }

    private static void requireU32(String what, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " must fit 32 bits, not " + value);
        }
    }
}
