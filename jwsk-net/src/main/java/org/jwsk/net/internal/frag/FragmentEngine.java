package org.jwsk.net.internal.frag;

import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.SendStatus;
import org.jwsk.net.internal.Fragmentation;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;

/**
 * The stack's {@link Fragmentation}: fragmentation on send for both families ({@link Ipv4Fragmenter}, {@link
 * Ipv6Fragmenter}) and bounded reassembly on receive ({@link Reassembly}). Installed by {@link #install}.
 *
 * <p>Owned by the stack's thread. Every method that takes a {@link PacketBuf} takes ownership of it.
 */
public final class FragmentEngine implements Fragmentation {

    private final Reassembly reassembly;
    private final Ipv4Fragmenter fragmenter4;
    private final Ipv6Fragmenter fragmenter6;

    private FragmentEngine(StackCore core) {
        this.reassembly = new Reassembly(core);
        this.fragmenter4 = new Ipv4Fragmenter(core);
        this.fragmenter6 = new Ipv6Fragmenter(core);
    }

    /** Makes the engine of {@code core} and installs it. */
    public static FragmentEngine install(StackCore core) {
        FragmentEngine engine = new FragmentEngine(core);
        core.setFragmentation(engine);
        return engine;
    }

    @Override
    public PacketBuf reassemble4(Nic nic, PacketBuf fragment, long now) {
        return reassembly.add4(nic, fragment, now);
    }

    @Override
    public PacketBuf reassemble6(Nic nic, PacketBuf fragment, int fragmentHeaderOffset, long now) {
        return reassembly.add6(nic, fragment, fragmentHeaderOffset, now);
    }

    @Override
    public SendStatus fragment4(Nic nic, PacketBuf datagram, int mtu, long nextHop, long multicastMac, long now) {
        return fragmenter4.fragment(nic, datagram, mtu, nextHop, multicastMac, now);
    }

    @Override
    public SendStatus fragment6(Nic nic, PacketBuf packet, int mtu, long nextHopHi, long nextHopLo, long multicastMac,
                                long now) {
        return fragmenter6.fragment(nic, packet, mtu, nextHopHi, nextHopLo, multicastMac, now);
    }

    @Override
    public long nextDeadline() {
        return reassembly.nextDeadline();
    }

    @Override
    public void expire(long now) {
        reassembly.expire(now);
    }

    @Override
    public void close() {
        reassembly.clear();
    }

    /** Buffer bytes held by incomplete datagrams, both families: never above the configured limit. */
    public long heldBytes() {
        return reassembly.heldBytes();
    }

    /** Incomplete datagrams held, both families. */
    public int pendingDatagrams() {
        return reassembly.datagrams();
    }
}
