package org.jwsk.net.internal.mcast;

import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.IpProtocol;

/**
 * The multicast membership module: MLD for IPv6 ({@link Mld}) and IGMP for IPv4 ({@link Igmp}) on hosts. It attaches
 * itself to the core as a membership observer (first joins and last leaves), an interface observer (reports stop while
 * an interface is down and start over when it is up), the MLD handler of ICMPv6 and the transport handler of IP
 * protocol 2, and registers itself as a module so that the API and autoconfiguration can reach it.
 *
 * <p>Owned by the stack's thread.
 */
public final class Multicast {

    private final Mld mld;
    private final Igmp igmp;

    private Multicast(StackCore core) {
        LinkScopeSender sender = new LinkScopeSender(core);
        this.mld = new Mld(core, sender);
        this.igmp = new Igmp(core, sender);
    }

    /** Creates the module and attaches it to {@code core}; called once, from {@code Modules.install}. */
    public static Multicast install(StackCore core) {
        Multicast m = new Multicast(core);
        core.addMembershipObserver(m.mld);
        core.addMembershipObserver(m.igmp);
        core.icmp6().setMldHandler(m.mld);
        core.registerTransport(IpProtocol.IGMP, m.igmp);
        core.registerModule(Multicast.class, m);
        core.addInterfaceObserver(new StackCore.InterfaceObserver() {
            @Override
            public void onInterfaceDown(Nic nic, long now) {
                m.mld.reporter().suspend(nic);
                m.igmp.reporter().suspend(nic);
            }

            @Override
            public void onInterfaceUp(Nic nic, long now) {
                m.interfaceUp(nic, now);
            }
        });
        return m;
    }

    /**
     * {@code nic} runs again: every group it listens to is reported as a state change, MLD and IGMP alike (RFC 3810
     * §6.1, RFC 3376 §5.1; Linux re-reports on a device coming up). The reports go when the timers run, after
     * duplicate address detection has made the link-local address tentative again, so MLD reports go from :: until
     * it passes ({@link #linkLocalReady} then announces again from it).
     */
    private void interfaceUp(Nic nic, long now) {
        mld.reporter().announceAll(nic, now);
        igmp.reporter().announceAll(nic, now);
    }

    /**
     * {@code nic}'s link-local address has become usable (DAD passed): its groups are announced again from it, since
     * the reports sent from :: before may have been ignored (RFC 3810 §5.2.13; Linux re-reports likewise).
     */
    public void linkLocalReady(Nic nic, long now) {
        mld.reporter().announceAll(nic, now);
    }

    /** The MLD version {@code nic} speaks now: 2, or 1 in MLDv1 compatibility mode (RFC 3810 §8.2.1). */
    public int mldVersion(Nic nic) {
        return mld.reporter().mode(nic);
    }

    /** The IGMP version {@code nic} speaks now: 3, or 2 or 1 in compatibility mode (RFC 3376 §7.2.1). */
    public int igmpVersion(Nic nic) {
        return igmp.reporter().mode(nic);
    }

    /** The Robustness Variable of {@code nic} for a family (4: IGMP, 6: MLD): the default 2, or the querier's QRV. */
    public int robustness(Nic nic, int version) {
        return (version == 4 ? igmp.reporter() : mld.reporter()).robustness(nic);
    }
}
