package org.jwsk.wire.ethernet;

/**
 * The Ethernet II frame header (IEEE 802.3 clause 3.1.1 with the DIX type field; RFC 894, RFC 2464) and IEEE
 * 802.1Q VLAN tags. The frame check sequence is not part of what links hand to jwsk.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination MAC address                    |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                      Source MAC address                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     TPID 0x8100 / 0x88a8      |  PCP  |D|         VID         |  VLAN tag: 0, 1 or 2 of them
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           EtherType           |          payload ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Implementation limits: at most {@link #MAX_VLAN_TAGS} stacked tags (Q-in-Q); deeper stacks are dropped
 * with {@code ETHERNET_TOO_MANY_VLAN_TAGS}. IEEE 802.3 length frames (type field below 0x0600, LLC/SNAP) pass
 * the check and are left to the network layer, which counts them as unknown protocols.
 */
public final class EthernetLayout {

    /** Destination MAC, 6 bytes. */
    public static final int DST_OFFSET = 0;
    /** Source MAC, 6 bytes. */
    public static final int SRC_OFFSET = 6;
    /** EtherType of an untagged frame, or the TPID of the first VLAN tag. */
    public static final int TYPE_OFFSET = 12;
    /** The untagged header length. */
    public static final int HEADER_LENGTH = 14;
    /** Bytes one VLAN tag adds (TPID and TCI). */
    public static final int VLAN_TAG_LENGTH = 4;
    /** Offset of the TCI within a tag. */
    public static final int VLAN_TCI_OFFSET = 2;
    /** The deepest tag stack accepted. */
    public static final int MAX_VLAN_TAGS = 2;
    /** The longest header: two tags. */
    public static final int MAX_HEADER_LENGTH = HEADER_LENGTH + MAX_VLAN_TAGS * VLAN_TAG_LENGTH;
    /** The shortest frame on a real medium, without FCS; software links may deliver shorter ones. */
    public static final int MIN_FRAME_LENGTH = 60;

    private EthernetLayout() {
    }

    /** Where the type (or TPID) field sits after {@code tags} VLAN tags. */
    public static int typeOffset(int tags) {
        return TYPE_OFFSET + tags * VLAN_TAG_LENGTH;
    }
}
