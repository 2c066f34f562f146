package org.jwsk.wire.icmpv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * A zero-copy view of the body of an NDP message ({@link NdpLayout}): Router Solicitation and Advertisement,
 * Neighbor Solicitation and Advertisement, Redirect. It wraps the whole ICMPv6 message, header included, after
 * {@link Icmpv6View#check} passed for it and its type is NDP ({@link Icmpv6Type#isNdp}); accessors of fields
 * another type lacks must not be called.
 *
 * <p>The wire check covers lengths and options only. The validity checks of RFC 4861 §6.1 and §7.1 (hop limit
 * 255, code 0, the source-address rules, a Neighbor Solicitation target that is not multicast, no source
 * link-layer option from the unspecified address) belong to the network layer, which reads what it needs here
 * and in {@code Ipv6View}, allocation-free: {@link #targetHi()}/{@link #targetLo()}, the flags, {@link
 * #sourceLinkLayerAddress()} and an {@link NdpOptionCursor}.
 *
 * <p>A view belongs to one thread at a time and borrows the segment it wraps.
 */
public final class NdpView {

    /** {@link #sourceLinkLayerAddress()} and {@link #targetLinkLayerAddress()} when there is no such option. */
    public static final long NO_ADDRESS = -1;

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks an NDP message of {@code type}: at least its fixed part ({@code ICMPV6_BAD_LENGTH}), then options
     * that tile the rest, none of length zero (RFC 4861 §4.6: such a packet is silently discarded) and none
     * overrunning the message ({@code NDP_BAD_OPTION}).
     */
    static DropReason checkBody(MemorySegment seg, long off, int len, int type) {
        int optionsOffset = NdpLayout.optionsOffset(type);
        if (len < optionsOffset) {
            return DropReason.ICMPV6_BAD_LENGTH;
        }
        long p = off + optionsOffset;
        long end = off + len;
        while (p < end) {
            if (end - p < NdpLayout.OPTION_DATA_OFFSET) {
                return DropReason.NDP_BAD_OPTION;
            }
            int units = NetOrder.u8(seg, p + NdpLayout.OPTION_LENGTH_OFFSET);
            if (units == 0 || (long) units * NdpLayout.OPTION_UNIT > end - p) {
                return DropReason.NDP_BAD_OPTION;
            }
            p += (long) units * NdpLayout.OPTION_UNIT;
        }
        return DropReason.NONE;
    }

    /**
     * Points this view at the {@code len}-byte ICMPv6 message at {@code off} of {@code seg}.
     *
     * @return this view
     */
    public NdpView wrap(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.off = off;
        this.len = len;
        return this;
    }

    /** The segment this view reads. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the ICMPv6 message starts in {@link #segment()}. */
    public long offset() {
        return off;
    }

    /** The ICMPv6 message length. */
    public int length() {
        return len;
    }

    /** The ICMPv6 type: which NDP message this is. */
    public int type() {
        return NetOrder.u8(seg, off + Icmpv6Layout.TYPE_OFFSET);
    }

    /** Router Advertisement: Cur Hop Limit (0 means unspecified by this router). */
    public int curHopLimit() {
        return NetOrder.u8(seg, off + NdpLayout.RA_CUR_HOP_LIMIT_OFFSET);
    }

    /** Router Advertisement: the flags byte (M 0x80, O 0x40, and later flags). */
    public int raFlags() {
        return NetOrder.u8(seg, off + NdpLayout.RA_FLAGS_OFFSET);
    }

    /** Router Advertisement: the M flag, addresses from DHCPv6. */
    public boolean managed() {
        return (raFlags() & NdpLayout.RA_FLAG_MANAGED) != 0;
    }

    /** Router Advertisement: the O flag, other configuration from DHCPv6. */
    public boolean otherConfig() {
        return (raFlags() & NdpLayout.RA_FLAG_OTHER) != 0;
    }

    /** Router Advertisement: Router Lifetime in seconds (0: not a default router). */
    public int routerLifetime() {
        return NetOrder.u16(seg, off + NdpLayout.RA_ROUTER_LIFETIME_OFFSET);
    }

    /** Router Advertisement: Reachable Time in milliseconds, raw 32 bits (0: unspecified). */
    public int reachableTime() {
        return NetOrder.i32(seg, off + NdpLayout.RA_REACHABLE_TIME_OFFSET);
    }

    /** Router Advertisement: Retrans Timer in milliseconds, raw 32 bits (0: unspecified). */
    public int retransTimer() {
        return NetOrder.i32(seg, off + NdpLayout.RA_RETRANS_TIMER_OFFSET);
    }

    /** Neighbor Solicitation / Advertisement, Redirect: the first 64 bits of the target address. */
    public long targetHi() {
        return NetOrder.i64(seg, off + NdpLayout.TARGET_OFFSET);
    }

    /** Neighbor Solicitation / Advertisement, Redirect: the last 64 bits of the target address. */
    public long targetLo() {
        return NetOrder.i64(seg, off + NdpLayout.TARGET_OFFSET + 8);
    }

    /** The target address as a record (allocates; the data path uses {@link #targetHi()}/{@link #targetLo()}). */
    public Ipv6Address target() {
        return new Ipv6Address(targetHi(), targetLo());
    }

    /** Neighbor Advertisement: the R flag, the sender is a router. */
    public boolean router() {
        return (naFlags() & NdpLayout.NA_FLAG_ROUTER) != 0;
    }

    /** Neighbor Advertisement: the S flag, sent in response to a solicitation. */
    public boolean solicited() {
        return (naFlags() & NdpLayout.NA_FLAG_SOLICITED) != 0;
    }

    /** Neighbor Advertisement: the O flag, override an existing cache entry. */
    public boolean override() {
        return (naFlags() & NdpLayout.NA_FLAG_OVERRIDE) != 0;
    }

    private int naFlags() {
        return NetOrder.u8(seg, off + NdpLayout.NA_FLAGS_OFFSET);
    }

    /** Redirect: the first 64 bits of the destination address. */
    public long destinationHi() {
        return NetOrder.i64(seg, off + NdpLayout.REDIRECT_DESTINATION_OFFSET);
    }

    /** Redirect: the last 64 bits of the destination address. */
    public long destinationLo() {
        return NetOrder.i64(seg, off + NdpLayout.REDIRECT_DESTINATION_OFFSET + 8);
    }

    /** Redirect: the destination address as a record (allocates). */
    public Ipv6Address destination() {
        return new Ipv6Address(destinationHi(), destinationLo());
    }

    /** Where the options start in {@link #segment()}. */
    public long optionsOffset() {
        return off + NdpLayout.optionsOffset(type());
    }

    /** Where the message (and its options) ends in {@link #segment()}. */
    public long end() {
        return off + len;
    }

    /**
     * The first Source Link-layer Address option's 6-byte (Ethernet, RFC 2464 §6) address in the low 48 bits,
     * or {@link #NO_ADDRESS}. Allocates nothing.
     */
    public long sourceLinkLayerAddress() {
        return linkLayerAddress(NdpOptionType.SOURCE_LINK_LAYER_ADDRESS);
    }

    /** The first Target Link-layer Address option's 6-byte address, or {@link #NO_ADDRESS}. */
    public long targetLinkLayerAddress() {
        return linkLayerAddress(NdpOptionType.TARGET_LINK_LAYER_ADDRESS);
    }

    private long linkLayerAddress(int optionType) {
        long p = optionsOffset();
        long end = end();
        while (p < end) {
            int units = NetOrder.u8(seg, p + NdpLayout.OPTION_LENGTH_OFFSET);
            if (NetOrder.u8(seg, p) == optionType) {
                return units == 1 ? NetOrder.u48(seg, p + NdpLayout.OPTION_DATA_OFFSET) : NO_ADDRESS;
            }
            p += (long) units * NdpLayout.OPTION_UNIT;
        }
        return NO_ADDRESS;
    }

    /** Router Advertisement: writes Cur Hop Limit, the flags byte and Router Lifetime. */
    public void setRaHeader(int curHopLimit, int flags, int routerLifetime) {
        NetOrder.setU8(seg, off + NdpLayout.RA_CUR_HOP_LIMIT_OFFSET, curHopLimit);
        NetOrder.setU8(seg, off + NdpLayout.RA_FLAGS_OFFSET, flags);
        NetOrder.setU16(seg, off + NdpLayout.RA_ROUTER_LIFETIME_OFFSET, routerLifetime);
    }

    /** Router Advertisement: writes Reachable Time and Retrans Timer (raw 32 bits each). */
    public void setRaTimers(int reachableTime, int retransTimer) {
        NetOrder.setI32(seg, off + NdpLayout.RA_REACHABLE_TIME_OFFSET, reachableTime);
        NetOrder.setI32(seg, off + NdpLayout.RA_RETRANS_TIMER_OFFSET, retransTimer);
    }

    /** Writes the 32-bit word after the checksum: reserved (zero), or the NA flags in its high bits. */
    public void setReservedOrFlags(int word) {
        NetOrder.setI32(seg, off + Icmpv6Layout.HEADER_LENGTH, word);
    }

    /** Neighbor Advertisement: writes the R, S, O flags and zeroes the reserved bits. */
    public void setNaFlags(boolean router, boolean solicited, boolean override) {
        setReservedOrFlags((router ? NdpLayout.NA_FLAG_ROUTER : 0) << 24
                | (solicited ? NdpLayout.NA_FLAG_SOLICITED : 0) << 24 | (override ? NdpLayout.NA_FLAG_OVERRIDE : 0) << 24);
    }

    /** Sets the target address. */
    public void setTarget(long hi, long lo) {
        NetOrder.setI64(seg, off + NdpLayout.TARGET_OFFSET, hi);
        NetOrder.setI64(seg, off + NdpLayout.TARGET_OFFSET + 8, lo);
    }

    /** Redirect: sets the destination address. */
    public void setDestination(long hi, long lo) {
        NetOrder.setI64(seg, off + NdpLayout.REDIRECT_DESTINATION_OFFSET, hi);
        NetOrder.setI64(seg, off + NdpLayout.REDIRECT_DESTINATION_OFFSET + 8, lo);
    }
}
