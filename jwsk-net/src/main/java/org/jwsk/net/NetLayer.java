package org.jwsk.net;

/**
 * The network-layer filtering points, named after the Windows Filtering Platform layers they correspond to (WFP
 * {@code FWPM_LAYER_INBOUND_IPPACKET_V4} and so on). The filtering platform attaches here through {@link
 * PacketFilter}.
 */
public enum NetLayer {
    /** Receive path, right after the IPv4 header is checked; before reassembly and local delivery. */
    INBOUND_IPPACKET_V4(4, true),
    /** Receive path, right after the IPv6 header and extension-header chain are checked. */
    INBOUND_IPPACKET_V6(6, true),
    /** Send path, the header final, before fragmentation. */
    OUTBOUND_IPPACKET_V4(4, false),
    /** Send path, the header final, before fragmentation. */
    OUTBOUND_IPPACKET_V6(6, false),
    /** The forwarding path, after the TTL is decremented and the outgoing interface chosen. */
    IPFORWARD_V4(4, false),
    /** The forwarding path, after the hop limit is decremented and the outgoing interface chosen. */
    IPFORWARD_V6(6, false);

    private final int version;
    private final boolean inbound;

    NetLayer(int version, boolean inbound) {
        this.version = version;
        this.inbound = inbound;
    }

    /** 4 or 6. */
    public int version() {
        return version;
    }

    /** Whether the layer sees packets arriving. */
    public boolean inbound() {
        return inbound;
    }
}
