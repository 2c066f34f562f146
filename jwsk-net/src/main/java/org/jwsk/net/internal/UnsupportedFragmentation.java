package org.jwsk.net.internal;

import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.Deadlines;
import org.jwsk.net.IpCounter;
import org.jwsk.net.NetDrop;
import org.jwsk.net.SendStatus;

/**
 * The fragmentation engine of a stack built without one: fragments are counted as reassembly failures and dropped,
 * and datagrams too big for their link are dropped as fragmentation failures. Replaced by the real engine when the
 * stack is assembled.
 */
final class UnsupportedFragmentation implements Fragmentation {

    private final StackCore stack;

    UnsupportedFragmentation(StackCore stack) {
        this.stack = stack;
    }

    @Override
    public PacketBuf reassemble4(Nic nic, PacketBuf fragment, long now) {
        return refuse(4, fragment);
    }

    @Override
    public PacketBuf reassemble6(Nic nic, PacketBuf fragment, int fragmentHeaderOffset, long now) {
        return refuse(6, fragment);
    }

    private PacketBuf refuse(int version, PacketBuf fragment) {
        stack.ipCounters(version).increment(IpCounter.REASM_FAILS);
        stack.drop(NetDrop.REASSEMBLY_LIMIT);
        fragment.release();
        return null;
    }

    @Override
    public SendStatus fragment4(Nic nic, PacketBuf datagram, int mtu, long nextHop, long multicastMac, long now) {
        return tooBig(4, datagram);
    }

    @Override
    public SendStatus fragment6(Nic nic, PacketBuf packet, int mtu, long nextHopHi, long nextHopLo, long multicastMac,
                                long now) {
        return tooBig(6, packet);
    }

    private SendStatus tooBig(int version, PacketBuf packet) {
        stack.ipCounters(version).increment(IpCounter.OUT_FRAG_FAILS);
        stack.drop(NetDrop.FRAGMENT_NEEDED);
        packet.release();
        return SendStatus.MESSAGE_TOO_BIG;
    }

    @Override
    public long nextDeadline() {
        return Deadlines.NONE;
    }

    @Override
    public void expire(long now) {
        // nothing is ever held
    }
}
