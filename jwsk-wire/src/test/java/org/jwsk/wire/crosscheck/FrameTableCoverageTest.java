package org.jwsk.wire.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.jwsk.wire.arp.ArpOperation;
import org.jwsk.wire.icmpv4.Icmpv4Repr;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.icmpv6.MldRepr;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.jwsk.wire.ipv4.Ipv4Option;
import org.jwsk.wire.ipv6.Ipv6ExtensionRepr;
import org.jwsk.wire.ipv6.Ipv6FragmentRepr;
import org.jwsk.wire.ipv6.Ipv6Option;
import org.jwsk.wire.ipv6.Ipv6OptionsRepr;
import org.jwsk.wire.tcp.TcpFlags;
import org.jwsk.wire.tcp.TcpOption;

/**
 * The tshark cross-check's frame table covers every kind of record jwsk's wire formats have, and every code and
 * variant the acceptance lists, so that a frame dropped from the table fails here, without tshark.
 */
class FrameTableCoverageTest {

    /** Record kinds the table leaves out, and why. */
    private static final Map<Class<?>, String> LEFT_OUT = Map.of(Ipv6Option.JumboPayload.class,
            "jwsk does not accept jumbograms, and one needs a payload beyond 65535 bytes (RFC 2675 §2)");

    @Test
    void frameTable_hasEveryRecordKind() {
        Set<String> seen = new TreeSet<>();
        walk((family, record) -> seen.add(record.getClass().getName()));
        List<String> missing = new ArrayList<>();
        for (Class<?> sealed : List.of(Layer.class, Ipv4Option.class, Ipv6ExtensionRepr.class, Ipv6Option.class,
                TcpOption.class, Icmpv4Repr.class, Icmpv6Repr.class, NdpOption.class)) {
            for (Class<?> kind : leaves(sealed)) {
                if (!seen.contains(kind.getName()) && !LEFT_OUT.containsKey(kind)) {
                    missing.add(kind.getName());
                }
            }
        }
        assertEquals(List.of(), missing, "record kinds no frame carries");
        for (Class<?> left : LEFT_OUT.keySet()) {
            assertTrue(!seen.contains(left.getName()), left + " is carried now; drop it from LEFT_OUT");
        }
    }

    @Test
    void frameTable_hasEveryCodeAndVariant() {
        Set<String> seen = new TreeSet<>();
        walk((family, record) -> seen.addAll(variants(family, record)));
        Set<String> wanted = new TreeSet<>(List.of("arp request", "arp reply", "arp probe", "arp announcement",
                "udp over 4", "udp over 6", "tcp over 4", "tcp over 6", "ipv4 fragment first", "ipv4 fragment later",
                "ipv6 fragment first", "ipv6 fragment later"));
        for (int code = 0; code <= 15; code++) {
            wanted.add("icmpv4 unreachable " + code);
        }
        for (int code = 0; code <= 7; code++) {
            wanted.add("icmpv6 unreachable " + code);
        }
        for (int type = 1; type <= 6; type++) {
            wanted.add("mld record type " + type);
        }
        for (int blocks = 1; blocks <= 4; blocks++) {
            wanted.add("sack blocks " + blocks);
        }
        for (int bits : new int[] {TcpFlags.SYN, TcpFlags.SYN | TcpFlags.ACK, TcpFlags.ACK, TcpFlags.PSH | TcpFlags.ACK,
                TcpFlags.FIN | TcpFlags.ACK, TcpFlags.FIN | TcpFlags.PSH | TcpFlags.ACK, TcpFlags.RST,
                TcpFlags.RST | TcpFlags.ACK, TcpFlags.URG | TcpFlags.PSH | TcpFlags.ACK,
                TcpFlags.SYN | TcpFlags.ECE | TcpFlags.CWR, TcpFlags.SYN | TcpFlags.ACK | TcpFlags.ECE,
                TcpFlags.ACK | TcpFlags.ECE, TcpFlags.PSH | TcpFlags.ACK | TcpFlags.CWR}) {
            wanted.add("tcp flags " + TcpFlags.format(bits));
        }
        wanted.removeAll(seen);
        assertEquals(Set.of(), wanted, "codes and variants no frame carries");
    }

    /** What {@code record} shows of the acceptance's list, seen over IP version {@code family} (0 below IP). */
    private static List<String> variants(int family, Object record) {
        return switch (record) {
            case Layer.Arp a when a.repr().isProbe() -> List.of("arp probe");
            case Layer.Arp a when a.repr().isGratuitous() -> List.of("arp announcement");
            case Layer.Arp a -> List.of(a.repr().operation() == ArpOperation.REQUEST ? "arp request" : "arp reply");
            case Layer.Udp u -> List.of("udp over " + family);
            case Layer.Tcp t -> List.of("tcp over " + family, "tcp flags " + TcpFlags.format(t.repr().flags().bits()));
            case Layer.V4 v when v.repr().isFragment() ->
                    List.of("ipv4 fragment " + (v.repr().fragmentOffset() == 0 ? "first" : "later"));
            case Ipv6FragmentRepr f when !f.isAtomic() ->
                    List.of("ipv6 fragment " + (f.fragmentOffset() == 0 ? "first" : "later"));
            case Icmpv4Repr.DestinationUnreachable du -> List.of("icmpv4 unreachable " + du.code());
            case Icmpv6Repr.DestinationUnreachable du -> List.of("icmpv6 unreachable " + du.code());
            case MldRepr.V2Report r -> r.records().stream().map(m -> "mld record type " + m.recordType()).toList();
            case TcpOption.Sack s -> List.of("sack blocks " + s.blocks().size());
            default -> List.of();
        };
    }

    /** Every layer, header record and option of every frame, quoted and reassembled ones included. */
    private static void walk(BiConsumer<Integer, Object> visit) {
        for (Frame frame : CrossCheckFrames.all()) {
            walk(frame.packet().layers(), 0, visit);
        }
    }

    private static void walk(List<Layer> layers, int family, BiConsumer<Integer, Object> visit) {
        for (Layer layer : layers) {
            family = layer instanceof Layer.V4 ? 4 : layer instanceof Layer.V6 ? 6 : family;
            visit.accept(family, layer);
            List<?> parts = switch (layer) {
                case Layer.V4 v -> v.repr().options();
                case Layer.V6Ext x when x.repr() instanceof Ipv6OptionsRepr o -> concat(o, o.options());
                case Layer.V6Ext x -> List.of(x.repr());
                case Layer.Tcp t -> t.repr().options();
                case Layer.Icmp4 i -> List.of(i.repr());
                case Layer.Icmp6 i when i.repr() instanceof NdpRepr ndp -> concat(ndp, ndp.options());
                case Layer.Icmp6 i -> List.of(i.repr());
                default -> List.of();
            };
            for (Object part : parts) {
                visit.accept(family, part);
            }
            Built inner = layer instanceof Layer.Icmp4 i ? i.quoted() : layer instanceof Layer.Icmp6 i ? i.quoted() : null;
            if (inner != null) {
                walk(inner.layers(), 0, visit);
            }
            if (layer instanceof Layer.Data d) {
                walk(d.reassembled(), family, visit);
            }
        }
    }

    private static List<Object> concat(Object first, List<?> rest) {
        List<Object> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The records a sealed type permits, through nested sealed interfaces. */
    private static List<Class<?>> leaves(Class<?> sealed) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                out.addAll(leaves(sub));
            } else {
                out.add(sub);
            }
        }
        return out;
    }
}
