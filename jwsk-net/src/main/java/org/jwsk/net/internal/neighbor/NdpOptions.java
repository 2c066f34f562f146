package org.jwsk.net.internal.neighbor;

import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.icmpv6.NdpOptionCursor;
import org.jwsk.wire.icmpv6.NdpOptionType;
import org.jwsk.wire.icmpv6.NdpView;

/**
 * The options Neighbor Discovery acts on, read in one allocation-free pass over a checked message: the first
 * Source and Target Link-layer Address options (RFC 4861 §4.6.1) and the first Nonce (RFC 3971 §5.3.2). Other
 * options are skipped, as §4.6 asks for unrecognized ones. Reused message after message on the stack's thread.
 */
final class NdpOptions {

    private final NdpOptionCursor cursor = new NdpOptionCursor();
    /** The Source Link-layer Address, or {@link Neighbor#NO_MAC}. */
    long source;
    /** The Target Link-layer Address, or {@link Neighbor#NO_MAC}. */
    long target;
    /** The first 48 bits of the Nonce option (its minimum length, the length RFC 7527 uses), or 0. */
    long nonce;

    /**
     * Reads the options of {@code view}.
     *
     * @return false when a link-layer address option is not the one unit an Ethernet address takes (RFC 2464 §6;
     *         Linux drops such messages as invalid too)
     */
    boolean scan(NdpView view) {
        source = Neighbor.NO_MAC;
        target = Neighbor.NO_MAC;
        nonce = 0;
        boolean nonceSeen = false;
        for (cursor.reset(view); cursor.next(); ) {
            switch (cursor.type()) {
                case NdpOptionType.SOURCE_LINK_LAYER_ADDRESS -> {
                    if (cursor.units() != 1) {
                        return false;
                    }
                    source = source == Neighbor.NO_MAC ? cursor.linkLayerAddress() : source;
                }
                case NdpOptionType.TARGET_LINK_LAYER_ADDRESS -> {
                    if (cursor.units() != 1) {
                        return false;
                    }
                    target = target == Neighbor.NO_MAC ? cursor.linkLayerAddress() : target;
                }
                case NdpOptionType.NONCE -> {
                    if (!nonceSeen) {
                        nonceSeen = true;
                        nonce = NetOrder.u48(cursor.segment(), cursor.dataOffset());
                    }
                }
                default -> {
                }
            }
        }
        return true;
    }
}
