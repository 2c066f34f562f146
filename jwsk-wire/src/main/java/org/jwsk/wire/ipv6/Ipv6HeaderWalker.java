package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;

/**
 * Walks an IPv6 packet from its fixed header through its extension headers (RFC 8200 §4) to the upper-layer
 * protocol, checking each header on the way. A walker is a reusable cursor: it allocates nothing per packet,
 * and its results describe the last walk until the next one.
 *
 * <p>What a walk reports, every offset counted from the first byte of the IPv6 header (so that an offset is
 * also an ICMPv6 Parameter Problem pointer, RFC 4443 §3.4):
 * <ul>
 *   <li>the upper-layer protocol, its offset and length, and the offset of the next header field that named it
 *       (the pointer of a Parameter Problem code 1 when the protocol is not recognised);
 *   <li>the extension headers met, in order; the Router Alert value of the Hop-by-Hop header; the first Routing
 *       header's type and segments left (RFC 8200 §4.4 leaves its processing to the network layer);
 *   <li>the first (outermost) Fragment header and its fields. After a fragment with a non-zero offset the walk
 *       stops: what follows is fragment data, and {@link #upperProtocol()} is that header's next header;
 *   <li>on failure a {@link DropReason}, the offset of the offending field ({@link #errorPointer()}) and the
 *       Parameter Problem code that describes it, or {@link #NO_REPORT} where the RFCs (and Linux) discard
 *       silently ({@link #problemCode()}). Whether to send the ICMPv6 error (rate limits, the multicast rules of
 *       RFC 4443 §2.4(e)) is the network layer's decision.
 * </ul>
 *
 * <p>The rules applied (a failing walk stops at the first broken one):
 * <ul>
 *   <li>the fixed header as {@link Ipv6View#check}; the walk never reads beyond the payload length;
 *   <li>Hop-by-Hop only right after the IPv6 header (RFC 8200 §4.1): elsewhere {@code IPV6_HOP_BY_HOP_NOT_FIRST},
 *       Parameter Problem code 1 at the next header field that names it, as Linux answers;
 *   <li>at most {@link #maxExtensionHeaders()} extension headers: {@code IPV6_EXTENSION_CHAIN_TOO_LONG}, code 8
 *       "too many extension headers" (RFC 8883 §4.2) at the first header beyond the limit;
 *   <li>a header that does not fit the payload: {@code IPV6_BAD_EXTENSION_HEADER} at its length field (silent);
 *   <li>options (RFC 8200 §4.2) must tile their header ({@code IPV6_BAD_OPTION}); as Linux does after RFC 4942
 *       §2.1.9.5, a run of padding longer than 7 bytes and PadN data other than zeros are {@code IPV6_BAD_OPTION}
 *       (silent); more than {@link #maxOptions()} non-padding options in one header is {@code IPV6_BAD_OPTION}
 *       with code 9 "too many options" (RFC 8883 §4.2); an unrecognised option whose action is not "skip" is
 *       {@code IPV6_UNRECOGNIZED_OPTION} with code 2 at the option type, or silent, as its action says (RFC 8200
 *       §4.2). Router Alert (RFC 2711) is recognised in Hop-by-Hop, and must have 2 bytes of data. Jumbo
 *       Payload is not recognised: jwsk does not support jumbograms (RFC 2675);
 *   <li>a fragment whose M flag is set must carry a multiple of 8 bytes (code 0 at the payload length) and no
 *       fragment may reassemble beyond 65535 bytes (code 0 at the fragment offset): {@code IPV6_BAD_FRAGMENT}
 *       (RFC 8200 §4.5);
 *   <li>a first fragment (offset 0, M set) must carry the whole header chain through the upper-layer header
 *       (RFC 7112 §5, RFC 8200 §4.5): else {@code IPV6_INCOMPLETE_FIRST_FRAGMENT}, code 3, pointer 0. As Linux
 *       does ({@code ipv6frag_thdr_truncated}), the upper-layer header must have its fixed part: 20 bytes of TCP,
 *       8 of UDP, 8 of ICMPv6, 1 of anything else. Unlike Linux, an extension header cut short in a first
 *       fragment also counts as an incomplete chain (RFC 7112 §5 asks for the whole chain).
 * </ul>
 * ESP (50), AH (51) and No Next Header (59) end the walk as upper-layer protocols, as does any protocol that is
 * not one of the four extension headers above.
 *
 * <p>{@link #walkQuoted} walks the invoking packet quoted in an ICMPv6 error, which is usually cut short: the
 * payload length only bounds the walk, only the structure of headers and options is checked, and the fragment
 * rules do not apply.
 *
 * <p>Configure a walker ({@link #recognizeOption}) before use. A walker belongs to one thread at a time. It
 * borrows the walked segment only for the duration of {@link #walk}: its results are values, and the offsets
 * they hold index the caller's packet.
 */
public final class Ipv6HeaderWalker {

    /** The default limit on extension headers per packet: more than a conforming chain needs (RFC 8200 §4.1). */
    public static final int DEFAULT_MAX_EXTENSION_HEADERS = 8;
    /** The default limit on non-padding options per options header, Linux's {@code max_hbh_opts_number}. */
    public static final int DEFAULT_MAX_OPTIONS = 8;
    /** {@link #problemCode()} when the RFCs ask for a silent discard. */
    public static final int NO_REPORT = -1;
    /** Parameter Problem code 0: erroneous header field encountered (RFC 4443 §3.4). */
    public static final int PROBLEM_ERRONEOUS_HEADER_FIELD = 0;
    /** Parameter Problem code 1: unrecognized Next Header type encountered (RFC 4443 §3.4). */
    public static final int PROBLEM_UNRECOGNIZED_NEXT_HEADER = 1;
    /** Parameter Problem code 2: unrecognized IPv6 option encountered (RFC 4443 §3.4). */
    public static final int PROBLEM_UNRECOGNIZED_OPTION = 2;
    /** Parameter Problem code 3: IPv6 first fragment has incomplete IPv6 header chain (RFC 7112 §5). */
    public static final int PROBLEM_INCOMPLETE_HEADER_CHAIN = 3;
    /** Parameter Problem code 8: too many extension headers (RFC 8883 §4.2). */
    public static final int PROBLEM_TOO_MANY_EXTENSION_HEADERS = 8;
    /** Parameter Problem code 9: too many options in extension header (RFC 8883 §4.2). */
    public static final int PROBLEM_TOO_MANY_OPTIONS = 9;
    /** An offset or value that is absent: no such header was met. */
    public static final int ABSENT = -1;

    /** Longest run of padding bytes accepted: padding exists to align, so 7 is enough (RFC 4942 §2.1.9.5). */
    private static final int MAX_PADDING = 7;

    private final int maxExtensionHeaders;
    private final int maxOptions;
    private final long[] recognizedHopByHop = new long[4];
    private final long[] recognizedDestination = new long[4];
    private final int[] headerProtocols;
    private final int[] headerOffsets;

    private MemorySegment seg;
    private long base;
    private boolean quoted;
    private int end;
    private DropReason error;
    private int errorPointer;
    private int problemCode;
    private int upperProtocol;
    private int upperOffset;
    private int upperProtocolPointer;
    private int headerCount;
    private int routerAlert;
    private int routingHeaderOffset;
    private int routingType;
    private int segmentsLeft;
    private int fragmentHeaderOffset;
    private int fragmentPointer;
    private int fragmentWord;
    private int fragmentIdentification;
    private int fragmentNextHeader;

    /** A walker with the default limits. */
    public Ipv6HeaderWalker() {
        this(DEFAULT_MAX_EXTENSION_HEADERS, DEFAULT_MAX_OPTIONS);
    }

    /**
     * A walker with its own limits.
     *
     * @param maxExtensionHeaders extension headers accepted per packet, at least 1
     * @param maxOptions          non-padding options accepted per options header, at least 1
     */
    public Ipv6HeaderWalker(int maxExtensionHeaders, int maxOptions) {
        if (maxExtensionHeaders < 1 || maxOptions < 1) {
            throw new IllegalArgumentException("limits must be at least 1: " + maxExtensionHeaders + ", " + maxOptions);
        }
        this.maxExtensionHeaders = maxExtensionHeaders;
        this.maxOptions = maxOptions;
        this.headerProtocols = new int[maxExtensionHeaders];
        this.headerOffsets = new int[maxExtensionHeaders];
        recognizeOption(IpProtocol.HOPOPT, Ipv6OptionType.ROUTER_ALERT);
        start(MemorySegment.NULL, 0, false);
    }

    /**
     * Declares option {@code type} recognised in headers of {@code headerProtocol} ({@link IpProtocol#HOPOPT}
     * or {@link IpProtocol#IPV6_OPTS}): the walk lets it pass whatever its action bits say, and the network
     * layer processes it. Configuration, not for the data path.
     *
     * @return this walker
     */
    public Ipv6HeaderWalker recognizeOption(int headerProtocol, int type) {
        if (type < 0 || type > 0xff) {
            throw new IllegalArgumentException("option type must be 0-255, not " + type);
        }
        long[] set = switch (headerProtocol) {
            case IpProtocol.HOPOPT -> recognizedHopByHop;
            case IpProtocol.IPV6_OPTS -> recognizedDestination;
            default -> throw new IllegalArgumentException("options live in HOPOPT or IPV6_OPTS, not " + headerProtocol);
        };
        set[type >>> 6] |= 1L << (type & 63);
        return this;
    }

    /** The limit on extension headers per packet. */
    public int maxExtensionHeaders() {
        return maxExtensionHeaders;
    }

    /** The limit on non-padding options per options header. */
    public int maxOptions() {
        return maxOptions;
    }

    /**
     * Walks the packet in {@code len} bytes at {@code off} of {@code seg} (the packet plus any link padding),
     * applying every rule in the class description.
     *
     * @return {@link DropReason#NONE}, or why the packet must be dropped (also {@link #error()}); never throws
     *         for malformed input
     */
    public DropReason walk(MemorySegment seg, long off, int len) {
        return run(seg, off, len, false);
    }

    /**
     * Walks an invoking packet quoted in an ICMPv6 error (RFC 4443 §2.4(c)): {@code len} bytes that may end
     * anywhere. Only structure is checked; a chain that ends before its upper layer fails.
     *
     * @return {@link DropReason#NONE}, or why the quoted packet cannot be walked
     */
    public DropReason walkQuoted(MemorySegment seg, long off, int len) {
        return run(seg, off, len, true);
    }

    private DropReason run(MemorySegment seg, long off, int len, boolean quoted) {
        start(seg, off, quoted);
        try {
            return walkChain(len);
        } finally {
            this.seg = MemorySegment.NULL; // the results are values: the segment is not kept past the walk
        }
    }

    private DropReason walkChain(int len) {
        if (checkFixedHeader(len).isDrop()) {
            return error;
        }
        int nextHeader = u8(Ipv6Layout.NEXT_HEADER_OFFSET);
        int pointer = Ipv6Layout.NEXT_HEADER_OFFSET;
        int pos = Ipv6Layout.HEADER_LENGTH;
        while (IpProtocol.isIpv6Extension(nextHeader)) {
            if (nextHeader == IpProtocol.HOPOPT && pos != Ipv6Layout.HEADER_LENGTH) {
                return fail(DropReason.IPV6_HOP_BY_HOP_NOT_FIRST, pointer, PROBLEM_UNRECOGNIZED_NEXT_HEADER);
            }
            if (headerCount == maxExtensionHeaders) {
                return fail(DropReason.IPV6_EXTENSION_CHAIN_TOO_LONG, pos, PROBLEM_TOO_MANY_EXTENSION_HEADERS);
            }
            int length = extensionLength(nextHeader, pos);
            if (length < 0 || visit(nextHeader, pos, pointer, length).isDrop()) {
                return error;
            }
            pointer = pos;
            pos += length;
            if (nextHeader == IpProtocol.IPV6_FRAG && (u16(pointer + Ipv6FragmentLayout.OFFSET_FLAGS_OFFSET)
                    & Ipv6FragmentLayout.OFFSET_MASK) != 0) {
                nextHeader = u8(pointer);
                break; // RFC 8200 §4.5: a later fragment carries fragment data, not headers
            }
            nextHeader = u8(pointer);
        }
        upperProtocol = nextHeader;
        upperProtocolPointer = pointer;
        upperOffset = pos;
        return checkFirstFragmentCarriesChain();
    }

    private void start(MemorySegment seg, long off, boolean quoted) {
        this.seg = seg;
        this.base = off;
        this.quoted = quoted;
        this.end = 0;
        this.error = DropReason.NONE;
        this.errorPointer = ABSENT;
        this.problemCode = NO_REPORT;
        this.upperProtocol = ABSENT;
        this.upperOffset = ABSENT;
        this.upperProtocolPointer = ABSENT;
        this.headerCount = 0;
        this.routerAlert = ABSENT;
        this.routingHeaderOffset = ABSENT;
        this.routingType = ABSENT;
        this.segmentsLeft = ABSENT;
        this.fragmentHeaderOffset = ABSENT;
        this.fragmentPointer = ABSENT;
        this.fragmentWord = 0;
        this.fragmentIdentification = 0;
        this.fragmentNextHeader = ABSENT;
    }

    private DropReason checkFixedHeader(int len) {
        if (len < Ipv6Layout.HEADER_LENGTH) {
            return fail(DropReason.IPV6_TRUNCATED, 0, NO_REPORT);
        }
        if (u8(0) >>> 4 != Ipv6Layout.VERSION) {
            return fail(DropReason.IPV6_BAD_VERSION, 0, NO_REPORT);
        }
        int packetLength = Ipv6Layout.HEADER_LENGTH + u16(Ipv6Layout.PAYLOAD_LENGTH_OFFSET);
        if (packetLength > len && !quoted) {
            return fail(DropReason.IPV6_TRUNCATED, Ipv6Layout.PAYLOAD_LENGTH_OFFSET, NO_REPORT);
        }
        end = Math.min(packetLength, len);
        return DropReason.NONE;
    }

    /** The length of the extension header at {@code pos}, or -1 (with the error set) if it does not fit. */
    private int extensionLength(int protocol, int pos) {
        int available = end - pos;
        if (protocol == IpProtocol.IPV6_FRAG) {
            return available < Ipv6FragmentLayout.HEADER_LENGTH ? cutShort(Ipv6Layout.PAYLOAD_LENGTH_OFFSET)
                    : Ipv6FragmentLayout.HEADER_LENGTH;
        }
        if (available < Ipv6OptionsLayout.OPTIONS_OFFSET) {
            return cutShort(Ipv6Layout.PAYLOAD_LENGTH_OFFSET);
        }
        int length = Ipv6OptionsLayout.headerLength(u8(pos + Ipv6OptionsLayout.HDR_EXT_LEN_OFFSET));
        return length > available ? cutShort(pos + Ipv6OptionsLayout.HDR_EXT_LEN_OFFSET) : length;
    }

    private int cutShort(int pointer) {
        if (insideFirstFragment()) {
            fail(DropReason.IPV6_INCOMPLETE_FIRST_FRAGMENT, 0, PROBLEM_INCOMPLETE_HEADER_CHAIN);
        } else {
            fail(DropReason.IPV6_BAD_EXTENSION_HEADER, pointer, NO_REPORT);
        }
        return -1;
    }

    private DropReason visit(int protocol, int pos, int pointer, int length) {
        headerProtocols[headerCount] = protocol;
        headerOffsets[headerCount] = pos;
        headerCount++;
        return switch (protocol) {
            case IpProtocol.IPV6_FRAG -> onFragment(pos, pointer);
            case IpProtocol.IPV6_ROUTE -> onRouting(pos);
            default -> onOptions(protocol, pos, length);
        };
    }

    private DropReason onRouting(int pos) {
        if (routingHeaderOffset == ABSENT) {
            routingHeaderOffset = pos;
            routingType = u8(pos + Ipv6RoutingLayout.ROUTING_TYPE_OFFSET);
            segmentsLeft = u8(pos + Ipv6RoutingLayout.SEGMENTS_LEFT_OFFSET);
        }
        return DropReason.NONE;
    }

    private DropReason onFragment(int pos, int pointer) {
        if (fragmentHeaderOffset != ABSENT) {
            return DropReason.NONE; // only the outermost Fragment header describes this packet's fragmentation
        }
        fragmentHeaderOffset = pos;
        fragmentPointer = pointer;
        fragmentWord = u16(pos + Ipv6FragmentLayout.OFFSET_FLAGS_OFFSET);
        fragmentIdentification = NetOrder.i32(seg, base + pos + Ipv6FragmentLayout.IDENTIFICATION_OFFSET);
        fragmentNextHeader = u8(pos + Ipv6FragmentLayout.NEXT_HEADER_OFFSET);
        if (quoted) {
            return DropReason.NONE;
        }
        int dataLength = end - pos - Ipv6FragmentLayout.HEADER_LENGTH;
        if (moreFragments() && dataLength % Ipv6FragmentLayout.UNIT != 0) {
            // RFC 8200 §4.5: Parameter Problem code 0 pointing at the Payload Length field.
            return fail(DropReason.IPV6_BAD_FRAGMENT, Ipv6Layout.PAYLOAD_LENGTH_OFFSET, PROBLEM_ERRONEOUS_HEADER_FIELD);
        }
        if (fragmentOffsetBytes() + dataLength > Ipv6Layout.MAX_PAYLOAD_LENGTH) {
            // RFC 8200 §4.5: Parameter Problem code 0 pointing at the Fragment Offset field.
            return fail(DropReason.IPV6_BAD_FRAGMENT, pos + Ipv6FragmentLayout.OFFSET_FLAGS_OFFSET,
                    PROBLEM_ERRONEOUS_HEADER_FIELD);
        }
        return DropReason.NONE;
    }

    private DropReason onOptions(int protocol, int pos, int length) {
        int p = pos + Ipv6OptionsLayout.OPTIONS_OFFSET;
        int headerEnd = pos + length;
        int padding = 0;
        int options = 0;
        while (p < headerEnd) {
            int type = u8(p);
            if (type == Ipv6OptionType.PAD1) {
                if (++padding > MAX_PADDING && !quoted) {
                    return fail(DropReason.IPV6_BAD_OPTION, p, NO_REPORT);
                }
                p++;
                continue;
            }
            if (headerEnd - p < Ipv6OptionsLayout.OPTION_DATA_OFFSET) {
                return fail(DropReason.IPV6_BAD_OPTION, p, NO_REPORT);
            }
            int dataLength = u8(p + Ipv6OptionsLayout.OPTION_DATA_LENGTH_OFFSET);
            if (dataLength > headerEnd - p - Ipv6OptionsLayout.OPTION_DATA_OFFSET) {
                return fail(DropReason.IPV6_BAD_OPTION, p + Ipv6OptionsLayout.OPTION_DATA_LENGTH_OFFSET, NO_REPORT);
            }
            if (!quoted) {
                if (type == Ipv6OptionType.PADN) {
                    padding += Ipv6OptionsLayout.OPTION_DATA_OFFSET + dataLength;
                    if (checkPadN(p, dataLength, padding).isDrop()) {
                        return error;
                    }
                } else {
                    padding = 0;
                    if (++options > maxOptions) {
                        return fail(DropReason.IPV6_BAD_OPTION, p, PROBLEM_TOO_MANY_OPTIONS);
                    }
                    if (onOption(protocol, type, p, dataLength).isDrop()) {
                        return error;
                    }
                }
            }
            p += Ipv6OptionsLayout.OPTION_DATA_OFFSET + dataLength;
        }
        return DropReason.NONE;
    }

    private DropReason checkPadN(int p, int dataLength, int padding) {
        if (padding > MAX_PADDING) {
            return fail(DropReason.IPV6_BAD_OPTION, p, NO_REPORT);
        }
        for (int i = 0; i < dataLength; i++) {
            int at = p + Ipv6OptionsLayout.OPTION_DATA_OFFSET + i;
            if (u8(at) != 0) {
                return fail(DropReason.IPV6_BAD_OPTION, at, NO_REPORT); // RFC 4942 §2.1.9.5, as Linux
            }
        }
        return DropReason.NONE;
    }

    private DropReason onOption(int protocol, int type, int p, int dataLength) {
        long[] recognized = protocol == IpProtocol.HOPOPT ? recognizedHopByHop : recognizedDestination;
        if ((recognized[type >>> 6] & 1L << (type & 63)) != 0) {
            if (!Ipv6OptionsView.fixedLengthFits(type, dataLength)) {
                return fail(DropReason.IPV6_BAD_OPTION, p + Ipv6OptionsLayout.OPTION_DATA_LENGTH_OFFSET, NO_REPORT);
            }
            if (type == Ipv6OptionType.ROUTER_ALERT && protocol == IpProtocol.HOPOPT && routerAlert == ABSENT) {
                routerAlert = u16(p + Ipv6OptionsLayout.OPTION_DATA_OFFSET);
            }
            return DropReason.NONE;
        }
        // RFC 8200 §4.2: the two high bits of the type say what to do with an option we do not recognise.
        return switch (Ipv6OptionType.action(type)) {
            case Ipv6OptionType.ACTION_SKIP -> DropReason.NONE;
            case Ipv6OptionType.ACTION_DISCARD -> fail(DropReason.IPV6_UNRECOGNIZED_OPTION, p, NO_REPORT);
            case Ipv6OptionType.ACTION_DISCARD_SEND_ICMP ->
                    fail(DropReason.IPV6_UNRECOGNIZED_OPTION, p, PROBLEM_UNRECOGNIZED_OPTION);
            default -> fail(DropReason.IPV6_UNRECOGNIZED_OPTION, p,
                    u8(Ipv6Layout.DST_OFFSET) == 0xff ? NO_REPORT : PROBLEM_UNRECOGNIZED_OPTION);
        };
    }

    private DropReason checkFirstFragmentCarriesChain() {
        if (insideFirstFragment() && upperOffset + minimumUpperHeader(upperProtocol) > end) {
            return fail(DropReason.IPV6_INCOMPLETE_FIRST_FRAGMENT, 0, PROBLEM_INCOMPLETE_HEADER_CHAIN);
        }
        return DropReason.NONE;
    }

    /** The fixed part of an upper-layer header, as Linux's {@code ipv6frag_thdr_truncated} counts it. */
    private static int minimumUpperHeader(int protocol) {
        return switch (protocol) {
            case IpProtocol.TCP -> 20;
            case IpProtocol.UDP, IpProtocol.ICMPV6 -> 8;
            case IpProtocol.IPV6_NONXT -> 0; // nothing follows by definition (RFC 8200 §4.7)
            default -> 1;
        };
    }

    private boolean insideFirstFragment() {
        return !quoted && fragmentHeaderOffset != ABSENT && isFirstFragment();
    }

    private DropReason fail(DropReason reason, int pointer, int code) {
        error = reason;
        errorPointer = pointer;
        problemCode = code;
        return reason;
    }

    private int u8(int at) {
        return NetOrder.u8(seg, base + at);
    }

    private int u16(int at) {
        return NetOrder.u16(seg, base + at);
    }

    // ---- results of the last walk

    /** The outcome of the last walk: {@link DropReason#NONE} or why it failed. */
    public DropReason error() {
        return error;
    }

    /** Where the offending field of a failed walk is (a Parameter Problem pointer), or {@link #ABSENT}. */
    public int errorPointer() {
        return errorPointer;
    }

    /** The Parameter Problem code that describes the failure, or {@link #NO_REPORT} for a silent discard. */
    public int problemCode() {
        return problemCode;
    }

    /** The upper-layer protocol (or, after a non-first fragment, the Fragment header's next header). */
    public int upperProtocol() {
        return upperProtocol;
    }

    /** Where the upper-layer header (or the fragment data) starts. */
    public int upperOffset() {
        return upperOffset;
    }

    /** The upper-layer length: from {@link #upperOffset()} to the end of the payload (the checksum length). */
    public int upperLength() {
        return end - upperOffset;
    }

    /** The offset of the next header field that names {@link #upperProtocol()}. */
    public int upperProtocolPointer() {
        return upperProtocolPointer;
    }

    /** The end of the walked bytes: 40 plus the payload length (or the quote's end). */
    public int payloadEnd() {
        return end;
    }

    /** The number of extension headers met. */
    public int extensionHeaderCount() {
        return headerCount;
    }

    /** The protocol number of extension header {@code i} (0 is the first). */
    public int extensionHeaderProtocol(int i) {
        return headerProtocols[Objects.checkIndex(i, headerCount)];
    }

    /** Where extension header {@code i} starts. */
    public int extensionHeaderOffset(int i) {
        return headerOffsets[Objects.checkIndex(i, headerCount)];
    }

    /** Whether the packet has a Hop-by-Hop header (always at offset 40). */
    public boolean hasHopByHop() {
        return headerCount > 0 && headerProtocols[0] == IpProtocol.HOPOPT;
    }

    /** The Hop-by-Hop header's first Router Alert value (RFC 2711), or {@link #ABSENT}. */
    public int routerAlert() {
        return routerAlert;
    }

    /**
     * Where the first Routing header starts, or {@link #ABSENT}. Its routing type is at {@code +2}: the pointer
     * of the Parameter Problem an unrecognised type with segments left earns (RFC 8200 §4.4).
     */
    public int routingHeaderOffset() {
        return routingHeaderOffset;
    }

    /** The first Routing header's type, or {@link #ABSENT}. */
    public int routingType() {
        return routingType;
    }

    /** The first Routing header's segments left, or {@link #ABSENT}. */
    public int segmentsLeft() {
        return segmentsLeft;
    }

    /** Whether the packet has a Fragment header (atomic fragments included). */
    public boolean hasFragmentHeader() {
        return fragmentHeaderOffset != ABSENT;
    }

    /** Where the outermost Fragment header starts, or {@link #ABSENT}. */
    public int fragmentHeaderOffset() {
        return fragmentHeaderOffset;
    }

    /**
     * The offset of the next header field that names the Fragment header: the end of the unfragmentable part's
     * chain, which reassembly rewrites with the fragment's next header (RFC 8200 §4.5). {@link #ABSENT} if none.
     */
    public int fragmentPrecedingPointer() {
        return fragmentPointer;
    }

    /** Where the fragmentable part (the fragment data) starts, or {@link #ABSENT}. */
    public int fragmentDataOffset() {
        return fragmentHeaderOffset == ABSENT ? ABSENT : fragmentHeaderOffset + Ipv6FragmentLayout.HEADER_LENGTH;
    }

    /** The Fragment header's next header, or {@link #ABSENT}. */
    public int fragmentNextHeader() {
        return fragmentNextHeader;
    }

    /** The fragment offset in 8-byte units (0 without a Fragment header). */
    public int fragmentOffset() {
        return fragmentWord >>> 3;
    }

    /** The fragment offset in bytes. */
    public int fragmentOffsetBytes() {
        return fragmentOffset() * Ipv6FragmentLayout.UNIT;
    }

    /** The M flag (false without a Fragment header). */
    public boolean moreFragments() {
        return (fragmentWord & Ipv6FragmentLayout.MORE_FRAGMENTS) != 0;
    }

    /** The fragment identification, raw 32 bits (0 without a Fragment header). */
    public int fragmentIdentification() {
        return fragmentIdentification;
    }

    /** Whether this packet is a fragment that needs reassembly: a Fragment header that is not atomic. */
    public boolean isFragment() {
        return fragmentHeaderOffset != ABSENT && (fragmentOffset() != 0 || moreFragments());
    }

    /** Whether this is a first fragment: offset 0 and M set. */
    public boolean isFirstFragment() {
        return fragmentHeaderOffset != ABSENT && fragmentOffset() == 0 && moreFragments();
    }

    /** Whether this is an atomic fragment (RFC 6946): a Fragment header with offset 0 and M clear. */
    public boolean isAtomicFragment() {
        return fragmentHeaderOffset != ABSENT && fragmentOffset() == 0 && !moreFragments();
    }
}
