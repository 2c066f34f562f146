package org.jwsk.wire.ethernet;

/**
 * One IEEE 802.1Q tag: the TPID announcing it and the fields of its TCI.
 *
 * @param tpid {@link EtherType#VLAN} (802.1Q) or {@link EtherType#QINQ} (802.1ad)
 * @param pcp  priority code point, 0-7
 * @param dei  drop eligible indicator
 * @param vid  VLAN identifier, 0-4095 (0 means priority-tagged only)
 */
public record VlanTag(int tpid, int pcp, boolean dei, int vid) {

    public VlanTag {
        if (!EtherType.isVlanTpid(tpid)) {
            throw new IllegalArgumentException(String.format("TPID 0x%04x is not 0x8100 or 0x88a8", tpid));
        }
        if (pcp < 0 || pcp > 7) {
            throw new IllegalArgumentException("PCP must be 0-7, not " + pcp);
        }
        if (vid < 0 || vid > 4095) {
            throw new IllegalArgumentException("VID must be 0-4095, not " + vid);
        }
    }

    /** A customer (802.1Q) tag with priority 0. */
    public static VlanTag of(int vid) {
        return new VlanTag(EtherType.VLAN, 0, false, vid);
    }

    /** The tag from its TPID and 16-bit TCI. */
    public static VlanTag of(int tpid, int tci) {
        return new VlanTag(tpid, tci >>> 13, (tci & 0x1000) != 0, tci & 0x0fff);
    }

    /** The 16-bit tag control information. */
    public int tci() {
        return pcp << 13 | (dei ? 0x1000 : 0) | vid;
    }
}
