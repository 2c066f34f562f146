package org.jwsk.wire.arp;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;

/**
 * A zero-copy view of an Ethernet/IPv4 ARP packet ({@link ArpLayout}): one instance is {@link #wrap wrapped}
 * over packet after packet and allocates nothing.
 *
 * <p><b>Contract.</b> Call {@link #check(MemorySegment, long, int)} on untrusted bytes first; only when it
 * returns {@link DropReason#NONE} may the accessors run, and then none of them reads outside the wrapped
 * range. For emitting, wrap the buffer without checking and write every field through the setters or {@link
 * ArpRepr#emit}. The setters of the hardware and protocol types and lengths and of the operation can make a
 * checked packet fail the check again.
 *
 * <p>A view belongs to one thread at a time and must not be kept beyond the buffer it wraps, which the caller
 * owns throughout.
 */
public final class ArpView {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that {@code len} bytes at {@code off} hold an Ethernet/IPv4 ARP request or reply (RFC 826,
     * "Packet Reception": the hardware and protocol types must be ones this host speaks).
     *
     * @return {@link DropReason#NONE}, or why the packet must be dropped; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        if (len < ArpLayout.FIXED_LENGTH) {
            return DropReason.ARP_TRUNCATED;
        }
        if (NetOrder.u16(seg, off + ArpLayout.HTYPE_OFFSET) != ArpLayout.HTYPE_ETHERNET
                || NetOrder.u8(seg, off + ArpLayout.HLEN_OFFSET) != ArpLayout.HLEN_ETHERNET) {
            return DropReason.ARP_UNSUPPORTED_HARDWARE;
        }
        if (NetOrder.u16(seg, off + ArpLayout.PTYPE_OFFSET) != ArpLayout.PTYPE_IPV4
                || NetOrder.u8(seg, off + ArpLayout.PLEN_OFFSET) != ArpLayout.PLEN_IPV4) {
            return DropReason.ARP_UNSUPPORTED_PROTOCOL;
        }
        if (len < ArpLayout.LENGTH) {
            return DropReason.ARP_TRUNCATED;
        }
        int op = NetOrder.u16(seg, off + ArpLayout.OPER_OFFSET);
        if (op != ArpOperation.REQUEST.code() && op != ArpOperation.REPLY.code()) {
            return DropReason.ARP_BAD_OPERATION;
        }
        return DropReason.NONE;
    }

    /**
     * Points this view at {@code len} bytes of {@code seg} from {@code off}.
     *
     * @return this view
     */
    public ArpView wrap(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.off = off;
        this.len = len;
        return this;
    }

    /** The segment this view reads. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the packet starts in {@link #segment()}. */
    public long offset() {
        return off;
    }

    /** The wrapped length, which may include link padding after the 28 bytes of the packet. */
    public int length() {
        return len;
    }

    /** The hardware type; {@link ArpLayout#HTYPE_ETHERNET} after a passed check. */
    public int hardwareType() {
        return NetOrder.u16(seg, off + ArpLayout.HTYPE_OFFSET);
    }

    /** The protocol type; {@link ArpLayout#PTYPE_IPV4} after a passed check. */
    public int protocolType() {
        return NetOrder.u16(seg, off + ArpLayout.PTYPE_OFFSET);
    }

    /** The hardware address length; 6 after a passed check. */
    public int hardwareLength() {
        return NetOrder.u8(seg, off + ArpLayout.HLEN_OFFSET);
    }

    /** The protocol address length; 4 after a passed check. */
    public int protocolLength() {
        return NetOrder.u8(seg, off + ArpLayout.PLEN_OFFSET);
    }

    /** The raw operation field: 1 (request) or 2 (reply) after a passed check. */
    public int operation() {
        return NetOrder.u16(seg, off + ArpLayout.OPER_OFFSET);
    }

    /** Whether this is a request. */
    public boolean isRequest() {
        return operation() == ArpOperation.REQUEST.code();
    }

    /** Whether this is a reply. */
    public boolean isReply() {
        return operation() == ArpOperation.REPLY.code();
    }

    /** The sender hardware address in the low 48 bits. */
    public long senderMac() {
        return NetOrder.u48(seg, off + ArpLayout.SHA_OFFSET);
    }

    /** The sender protocol address as a raw network-order {@code int}. */
    public int senderIp() {
        return NetOrder.i32(seg, off + ArpLayout.SPA_OFFSET);
    }

    /** The target hardware address in the low 48 bits. */
    public long targetMac() {
        return NetOrder.u48(seg, off + ArpLayout.THA_OFFSET);
    }

    /** The target protocol address as a raw network-order {@code int}. */
    public int targetIp() {
        return NetOrder.i32(seg, off + ArpLayout.TPA_OFFSET);
    }

    /**
     * Whether this is a gratuitous ARP (an RFC 5227 §2.3 announcement, or the older reply form): the sender
     * announces its own address, so sender and target protocol addresses are equal (and not 0.0.0.0, which
     * would make it a probe). RFC 826's merge rule updates an existing entry for the sender from it.
     */
    public boolean isGratuitous() {
        int spa = senderIp();
        return spa != 0 && spa == targetIp();
    }

    /**
     * Whether this is an RFC 5227 §2.1.1 ARP probe: a request with sender protocol address 0.0.0.0, sent while
     * a host checks whether the target address is free. A receiver must not add the sender to its cache from it.
     */
    public boolean isProbe() {
        return isRequest() && senderIp() == 0;
    }

    /** Sets the hardware type. */
    public void setHardwareType(int htype) {
        NetOrder.setU16(seg, off + ArpLayout.HTYPE_OFFSET, htype);
    }

    /** Sets the protocol type. */
    public void setProtocolType(int ptype) {
        NetOrder.setU16(seg, off + ArpLayout.PTYPE_OFFSET, ptype);
    }

    /** Sets the hardware address length. */
    public void setHardwareLength(int hlen) {
        NetOrder.setU8(seg, off + ArpLayout.HLEN_OFFSET, hlen);
    }

    /** Sets the protocol address length. */
    public void setProtocolLength(int plen) {
        NetOrder.setU8(seg, off + ArpLayout.PLEN_OFFSET, plen);
    }

    /** Sets the operation field. */
    public void setOperation(int op) {
        NetOrder.setU16(seg, off + ArpLayout.OPER_OFFSET, op);
    }

    /** Sets the sender hardware address from the low 48 bits of {@code mac}. */
    public void setSenderMac(long mac) {
        NetOrder.setU48(seg, off + ArpLayout.SHA_OFFSET, mac);
    }

    /** Sets the sender protocol address. */
    public void setSenderIp(int ip) {
        NetOrder.setI32(seg, off + ArpLayout.SPA_OFFSET, ip);
    }

    /** Sets the target hardware address from the low 48 bits of {@code mac}. */
    public void setTargetMac(long mac) {
        NetOrder.setU48(seg, off + ArpLayout.THA_OFFSET, mac);
    }

    /** Sets the target protocol address. */
    public void setTargetIp(int ip) {
        NetOrder.setI32(seg, off + ArpLayout.TPA_OFFSET, ip);
    }
}
