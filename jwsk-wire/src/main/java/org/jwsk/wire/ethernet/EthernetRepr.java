package org.jwsk.wire.ethernet;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jwsk.wire.addr.MacAddress;

/**
 * The validated meaning of an Ethernet II header: addresses, VLAN tags (outermost first) and the payload's
 * EtherType.
 *
 * @param dst       destination MAC
 * @param src       source MAC
 * @param vlanTags  VLAN tags, outermost first, at most {@link EthernetLayout#MAX_VLAN_TAGS}
 * @param etherType the payload's EtherType, 0-0xffff
 */
public record EthernetRepr(MacAddress dst, MacAddress src, List<VlanTag> vlanTags, int etherType) {

    public EthernetRepr {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(src, "src");
        vlanTags = List.copyOf(vlanTags);
        if (vlanTags.size() > EthernetLayout.MAX_VLAN_TAGS) {
            throw new IllegalArgumentException("at most " + EthernetLayout.MAX_VLAN_TAGS + " VLAN tags, not " + vlanTags.size());
        }
        if (etherType < 0 || etherType > 0xffff) {
            throw new IllegalArgumentException("EtherType out of range: " + etherType);
        }
        if (EtherType.isVlanTpid(etherType)) {
            throw new IllegalArgumentException("a VLAN TPID is not a payload EtherType; use vlanTags");
        }
    }

    /** An untagged header. */
    public EthernetRepr(MacAddress dst, MacAddress src, int etherType) {
        this(dst, src, List.of(), etherType);
    }

    /** Reads a frame whose {@link EthernetView#check check} passed. */
    public static EthernetRepr parse(EthernetView view) {
        int tags = view.vlanCount();
        List<VlanTag> vlanTags = new ArrayList<>(tags);
        for (int i = 0; i < tags; i++) {
            vlanTags.add(VlanTag.of(view.vlanTpid(i), view.vlanTci(i)));
        }
        return new EthernetRepr(new MacAddress(view.dst()), new MacAddress(view.src()), vlanTags, view.etherType());
    }

    /** The header length this record emits. */
    public int headerLength() {
        return EthernetLayout.HEADER_LENGTH + vlanTags.size() * EthernetLayout.VLAN_TAG_LENGTH;
    }

    /** Writes every header byte through {@code view}, which must wrap at least {@link #headerLength()} bytes. */
    public void emit(EthernetView view) {
        if (view.length() < headerLength()) {
            throw new IndexOutOfBoundsException("header needs " + headerLength() + " bytes, view has " + view.length());
        }
        view.setDst(dst.value());
        view.setSrc(src.value());
        for (int i = 0; i < vlanTags.size(); i++) {
            VlanTag tag = vlanTags.get(i);
            view.setVlanTag(i, tag.tpid(), tag.tci());
        }
        view.setEtherType(vlanTags.size(), etherType);
    }

    /** Writes the header at {@code off} of {@code seg}; convenience for control-plane code. */
    public void emit(MemorySegment seg, long off) {
        emit(new EthernetView().wrap(seg, off, headerLength()));
    }
}
