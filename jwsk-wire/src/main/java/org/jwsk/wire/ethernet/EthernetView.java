package org.jwsk.wire.ethernet;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;

/**
 * A zero-copy view of an Ethernet II frame ({@link EthernetLayout}): one instance is {@link #wrap wrapped}
 * over frame after frame and allocates nothing.
 *
 * <p><b>Contract.</b> Call {@link #check(MemorySegment, long, int)} on untrusted bytes first; only when it
 * returns {@link DropReason#NONE} may the accessors run, and then none of them reads outside the wrapped
 * range. For emitting, wrap the buffer without checking (its old contents mean nothing) and write every field
 * through the setters or {@link EthernetRepr#emit}.
 *
 * <p>A view belongs to one thread at a time and must not be kept beyond the buffer it wraps.
 */
public final class EthernetView {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that {@code len} bytes at {@code off} hold an Ethernet header, with at most {@link
     * EthernetLayout#MAX_VLAN_TAGS} VLAN tags, that the accessors may read.
     *
     * @return {@link DropReason#NONE}, or why the frame must be dropped; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        if (len < EthernetLayout.HEADER_LENGTH) {
            return DropReason.ETHERNET_TRUNCATED;
        }
        int tags = 0;
        while (EtherType.isVlanTpid(NetOrder.u16(seg, off + EthernetLayout.typeOffset(tags)))) {
            if (tags == EthernetLayout.MAX_VLAN_TAGS) {
                return DropReason.ETHERNET_TOO_MANY_VLAN_TAGS;
            }
            tags++;
            if (len < EthernetLayout.HEADER_LENGTH + tags * EthernetLayout.VLAN_TAG_LENGTH) {
                return DropReason.ETHERNET_TRUNCATED;
            }
        }
        return DropReason.NONE;
    }

    /**
     * Points this view at {@code len} bytes of {@code seg} from {@code off}.
     *
     * @return this view
     */
    public EthernetView wrap(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.off = off;
        this.len = len;
        return this;
    }

    /** The segment this view reads. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the frame starts in {@link #segment()}. */
    public long offset() {
        return off;
    }

    /** The wrapped length: header plus payload. */
    public int length() {
        return len;
    }

    /** The destination MAC in the low 48 bits. */
    public long dst() {
        return NetOrder.u48(seg, off + EthernetLayout.DST_OFFSET);
    }

    /** The source MAC in the low 48 bits. */
    public long src() {
        return NetOrder.u48(seg, off + EthernetLayout.SRC_OFFSET);
    }

    /** The number of VLAN tags, 0 to {@link EthernetLayout#MAX_VLAN_TAGS}. */
    public int vlanCount() {
        int tags = 0;
        while (tags < EthernetLayout.MAX_VLAN_TAGS
                && EtherType.isVlanTpid(NetOrder.u16(seg, off + EthernetLayout.typeOffset(tags)))) {
            tags++;
        }
        return tags;
    }

    /** The TPID of tag {@code i} (0 is the outermost). */
    public int vlanTpid(int i) {
        return NetOrder.u16(seg, off + EthernetLayout.typeOffset(i));
    }

    /** The TCI of tag {@code i} (0 is the outermost). */
    public int vlanTci(int i) {
        return NetOrder.u16(seg, off + EthernetLayout.typeOffset(i) + EthernetLayout.VLAN_TCI_OFFSET);
    }

    /** The EtherType of the payload, after any VLAN tags. */
    public int etherType() {
        return NetOrder.u16(seg, off + EthernetLayout.typeOffset(vlanCount()));
    }

    /** Header length including VLAN tags. */
    public int headerLength() {
        return EthernetLayout.HEADER_LENGTH + vlanCount() * EthernetLayout.VLAN_TAG_LENGTH;
    }

    /** Where the payload starts in {@link #segment()}. */
    public long payloadOffset() {
        return off + headerLength();
    }

    /** The payload length: everything after the header, including any padding. */
    public int payloadLength() {
        return len - headerLength();
    }

    /** Sets the destination MAC. */
    public void setDst(long mac) {
        NetOrder.setU48(seg, off + EthernetLayout.DST_OFFSET, mac);
    }

    /** Sets the source MAC. */
    public void setSrc(long mac) {
        NetOrder.setU48(seg, off + EthernetLayout.SRC_OFFSET, mac);
    }

    /** Writes VLAN tag {@code i} (0 is the outermost). Tags must be written outermost first. */
    public void setVlanTag(int i, int tpid, int tci) {
        long at = off + EthernetLayout.typeOffset(i);
        NetOrder.setU16(seg, at, tpid);
        NetOrder.setU16(seg, at + EthernetLayout.VLAN_TCI_OFFSET, tci);
    }

    /**
     * Writes the EtherType of a frame with {@code tags} VLAN tags. Taking the tag count, rather than reading it
     * from the buffer, keeps emission independent of the buffer's old contents.
     */
    public void setEtherType(int tags, int etherType) {
        NetOrder.setU16(seg, off + EthernetLayout.typeOffset(tags), etherType);
    }
}
