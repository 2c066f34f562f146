package org.jwsk.net;

import java.util.List;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.internal.Icmp6;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.net.internal.mcast.LinkScopeSender;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpOptionCursor;
import org.jwsk.wire.icmpv6.NdpOptionType;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.jwsk.wire.icmpv6.NdpView;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * A stand-in, for these tests, of the part of the neighbour engine (another module, not in this branch) that duplicate
 * address detection relies on: it hands Neighbor Solicitations and Advertisements about tentative targets to the
 * stack's {@link StackCore.DadHook} with the nonce as the hook's contract says, and answers a DAD probe for an address
 * the interface has with an advertisement to ff02::1 (RFC 4861 §7.2.4). Nothing else of neighbour discovery.
 */
final class NdRelay implements Icmp6.MessageHandler {

    private final StackCore core;
    private final LinkScopeSender sender;

    private NdRelay(StackCore core) {
        this.core = core;
        this.sender = new LinkScopeSender(core);
    }

    /** Installs the relay as {@code stack}'s neighbour handler. */
    static void install(NetStack stack) {
        StackCore core = stack.core();
        core.icmp6().setNeighborHandler(new NdRelay(core));
    }

    @Override
    public void onMessage(Nic nic, PacketBuf packet, int upperOffset, Ipv6View ip, Icmpv6View message, long now) {
        try {
            if (ip.hopLimit() != 255 || message.code() != 0) {
                return;
            }
            NdpView ndp = new NdpView().wrap(message.segment(), message.offset(), message.length());
            Addr6 target = nic.find6(ndp.targetHi(), ndp.targetLo());
            if (target == null) {
                return;
            }
            boolean fromUnspecified = ip.srcHi() == 0 && ip.srcLo() == 0;
            if (message.type() == Icmpv6Type.NEIGHBOR_SOLICITATION) {
                if (target.state() == Addr6.State.TENTATIVE) {
                    core.dad().onSolicitation(nic, target, fromUnspecified, nonce(ndp), now);
                } else if (target.isAssigned() && fromUnspecified) {
                    advertise(nic, target, now);
                }
            } else if (message.type() == Icmpv6Type.NEIGHBOR_ADVERTISEMENT && target.state() == Addr6.State.TENTATIVE) {
                core.dad().onAdvertisement(nic, target, now);
            }
        } finally {
            packet.release();
        }
    }

    private static long nonce(NdpView ndp) {
        for (NdpOptionCursor c = new NdpOptionCursor().reset(ndp); c.next(); ) {
            if (c.type() == NdpOptionType.NONCE && c.dataLength() >= 6) {
                return NetOrder.u48(c.segment(), c.dataOffset());
            }
        }
        return StackCore.DadHook.NO_NONCE;
    }

    /** RFC 4861 §7.2.4: the answer to a DAD probe goes to all nodes, solicited flag clear. */
    private void advertise(Nic nic, Addr6 target, long now) {
        Ipv6Address all = Ipv6Address.ALL_NODES;
        sender.sendIcmp6(nic, target.hi(), target.lo(), all.hi(), all.lo(), 255, false,
                new NdpRepr.NeighborAdvertisement(false, false, true, target.address(),
                        List.of(NdpOption.TargetLinkLayerAddress.of(nic.macAddress()))), now);
    }
}
