package org.jwsk.net;

import java.lang.foreign.MemorySegment;

/**
 * A classifier the network layer asks at each {@link NetLayer} whether a packet may pass. The filtering platform
 * implements it; without one every packet passes.
 *
 * <p><b>Threads and buffers.</b> Called on the stack's thread. The packet's bytes are borrowed for the call only
 * and must not be written.
 */
@FunctionalInterface
public interface PacketFilter {

    /** The filter of a stack that has none. */
    PacketFilter PERMIT_ALL = (layer, compartment, iface, seg, off, len) -> true;

    /**
     * Whether the packet at {@code [off, off + len)} of {@code seg} (from its IP header) may pass {@code layer}.
     *
     * @param compartment the compartment the packet is in
     * @param iface       the arrival interface for inbound layers, the departure interface otherwise
     */
    boolean permit(NetLayer layer, CompartmentId compartment, InterfaceId iface, MemorySegment seg, long off, int len);
}
