package org.jwsk.wire.icmpv6;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * The validated meaning of a Neighbor Discovery message (RFC 4861 §4): the fixed fields and every option in
 * order. Reserved fields are not kept and are emitted as zero. The validity checks of RFC 4861 §6.1 and §7.1
 * are the network layer's (see {@link NdpView}).
 */
public sealed interface NdpRepr extends Icmpv6Repr
        permits NdpRepr.RouterSolicitation, NdpRepr.RouterAdvertisement, NdpRepr.NeighborSolicitation,
        NdpRepr.NeighborAdvertisement, NdpRepr.Redirect {

    /** The options, in wire order. */
    List<NdpOption> options();

    @Override
    default int code() {
        return 0;
    }

    @Override
    default int bufferLength() {
        return NdpLayout.optionsOffset(type()) + Icmpv6Fields.optionsLength(options());
    }

    /** The first option of class {@code kind}, if any. */
    default <T extends NdpOption> Optional<T> option(Class<T> kind) {
        for (NdpOption option : options()) {
            if (kind.isInstance(option)) {
                return Optional.of(kind.cast(option));
            }
        }
        return Optional.empty();
    }

    /** Reads an NDP message whose {@link Icmpv6View#check check} passed. */
    static NdpRepr parse(NdpView view) {
        List<NdpOption> options = new ArrayList<>();
        NdpOptionCursor cursor = new NdpOptionCursor().reset(view);
        while (cursor.next()) {
            options.add(NdpOption.parse(cursor));
        }
        return switch (view.type()) {
            case Icmpv6Type.ROUTER_SOLICITATION -> new RouterSolicitation(options);
            case Icmpv6Type.ROUTER_ADVERTISEMENT -> new RouterAdvertisement(view.curHopLimit(), view.raFlags(),
                    view.routerLifetime(), Integer.toUnsignedLong(view.reachableTime()),
                    Integer.toUnsignedLong(view.retransTimer()), options);
            case Icmpv6Type.NEIGHBOR_SOLICITATION -> new NeighborSolicitation(view.target(), options);
            case Icmpv6Type.NEIGHBOR_ADVERTISEMENT -> new NeighborAdvertisement(view.router(), view.solicited(),
                    view.override(), view.target(), options);
            case Icmpv6Type.REDIRECT -> new Redirect(view.target(), view.destination(), options);
            default -> throw new IllegalArgumentException(Icmpv6Type.name(view.type()) + " is not an NDP message");
        };
    }

    /**
     * Router Solicitation (RFC 4861 §4.1).
     *
     * @param options typically the Source Link-layer Address (absent when sent from ::)
     */
    record RouterSolicitation(List<NdpOption> options) implements NdpRepr {

        public RouterSolicitation {
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return Icmpv6Type.ROUTER_SOLICITATION;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            NdpView view = new NdpView().wrap(seg, off, bufferLength());
            Icmpv6Fields.writeHeader(seg, off, type(), 0);
            view.setReservedOrFlags(0);
            Icmpv6Fields.writeOptions(seg, off + NdpLayout.optionsOffset(type()), options);
        }
    }

    /**
     * Router Advertisement (RFC 4861 §4.2).
     *
     * @param curHopLimit    the hop limit hosts should use, 0-255 (0: unspecified)
     * @param flags          the flags byte: {@link NdpLayout#RA_FLAG_MANAGED}, {@link NdpLayout#RA_FLAG_OTHER}, and
     *                       later ones (RFC 4191 preference, RFC 6275 home agent), 0-255
     * @param routerLifetime seconds as a default router, 0-65535 (0: not a default router)
     * @param reachableTime  milliseconds, 0 to 2^32-1 (0: unspecified)
     * @param retransTimer   milliseconds, 0 to 2^32-1 (0: unspecified)
     * @param options        Source Link-layer Address, MTU, Prefix Information, RDNSS, ...
     */
    record RouterAdvertisement(int curHopLimit, int flags, int routerLifetime, long reachableTime, long retransTimer,
            List<NdpOption> options) implements NdpRepr {

        public RouterAdvertisement {
            Icmpv6Fields.requireRange("cur hop limit", curHopLimit, 0xff);
            Icmpv6Fields.requireRange("flags", flags, 0xff);
            Icmpv6Fields.requireRange("router lifetime", routerLifetime, 0xffff);
            Icmpv6Fields.requireU32("reachable time", reachableTime);
            Icmpv6Fields.requireU32("retrans timer", retransTimer);
            options = List.copyOf(options);
        }

        /** The M flag: addresses are available from DHCPv6. */
        public boolean managed() {
            return (flags & NdpLayout.RA_FLAG_MANAGED) != 0;
        }

        /** The O flag: other configuration is available from DHCPv6. */
        public boolean otherConfig() {
            return (flags & NdpLayout.RA_FLAG_OTHER) != 0;
        }

        @Override
        public int type() {
            return Icmpv6Type.ROUTER_ADVERTISEMENT;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            NdpView view = new NdpView().wrap(seg, off, bufferLength());
            Icmpv6Fields.writeHeader(seg, off, type(), 0);
            view.setRaHeader(curHopLimit, flags, routerLifetime);
            view.setRaTimers((int) reachableTime, (int) retransTimer);
            Icmpv6Fields.writeOptions(seg, off + NdpLayout.optionsOffset(type()), options);
        }
    }

    /**
     * Neighbor Solicitation (RFC 4861 §4.3).
     *
     * @param target  the address whose link-layer address is sought
     * @param options Source Link-layer Address (never from ::), Nonce (DAD, RFC 7527), ...
     */
    record NeighborSolicitation(Ipv6Address target, List<NdpOption> options) implements NdpRepr {

        public NeighborSolicitation {
            Objects.requireNonNull(target, "target");
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return Icmpv6Type.NEIGHBOR_SOLICITATION;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            NdpView view = new NdpView().wrap(seg, off, bufferLength());
            Icmpv6Fields.writeHeader(seg, off, type(), 0);
            view.setReservedOrFlags(0);
            view.setTarget(target.hi(), target.lo());
            Icmpv6Fields.writeOptions(seg, off + NdpLayout.optionsOffset(type()), options);
        }
    }

    /**
     * Neighbor Advertisement (RFC 4861 §4.4).
     *
     * @param router    the R flag
     * @param solicited the S flag
     * @param override  the O flag
     * @param target    the address the advertisement is about
     * @param options   Target Link-layer Address, ...
     */
    record NeighborAdvertisement(boolean router, boolean solicited, boolean override, Ipv6Address target,
            List<NdpOption> options) implements NdpRepr {

        public NeighborAdvertisement {
            Objects.requireNonNull(target, "target");
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return Icmpv6Type.NEIGHBOR_ADVERTISEMENT;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            NdpView view = new NdpView().wrap(seg, off, bufferLength());
            Icmpv6Fields.writeHeader(seg, off, type(), 0);
            view.setNaFlags(router, solicited, override);
            view.setTarget(target.hi(), target.lo());
            Icmpv6Fields.writeOptions(seg, off + NdpLayout.optionsOffset(type()), options);
        }
    }

    /**
     * Redirect (RFC 4861 §4.5).
     *
     * @param target      the better first hop (or the destination itself when it is on-link)
     * @param destination the destination being redirected
     * @param options     Target Link-layer Address, Redirected Header, ...
     */
    record Redirect(Ipv6Address target, Ipv6Address destination, List<NdpOption> options) implements NdpRepr {

        public Redirect {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(destination, "destination");
            options = List.copyOf(options);
        }

        @Override
        public int type() {
            return Icmpv6Type.REDIRECT;
        }

        @Override
        public void writeMessage(MemorySegment seg, long off) {
            NdpView view = new NdpView().wrap(seg, off, bufferLength());
            Icmpv6Fields.writeHeader(seg, off, type(), 0);
            NetOrder.setI32(seg, off + Icmpv6Layout.HEADER_LENGTH, 0);
            view.setTarget(target.hi(), target.lo());
            view.setDestination(destination.hi(), destination.lo());
            Icmpv6Fields.writeOptions(seg, off + NdpLayout.optionsOffset(type()), options);
        }
    }
}
