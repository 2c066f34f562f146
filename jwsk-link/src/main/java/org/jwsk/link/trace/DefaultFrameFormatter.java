package org.jwsk.link.trace;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.link.Medium;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.EthernetView;

/**
 * The link-level summary, in the manner of {@code tcpdump -e}: on Ethernet the addresses, each VLAN tag and the
 * EtherType ({@code 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, vlan 100 p 5 (802.1ad), ethertype ARP (0x0806)}, or
 * {@code ethertype Unknown (0x88b5)} for a type jwsk does not name); on
 * an IP link the version ({@code IPv4}, {@code IPv6}). A frame that fails {@link EthernetView#check} is shown as
 * {@code malformed} with the drop reason's counter name.
 *
 * <p>Stateless and safe from any thread.
 */
public final class DefaultFrameFormatter implements FrameFormatter {

    /** The shared instance. */
    public static final DefaultFrameFormatter INSTANCE = new DefaultFrameFormatter();

    private DefaultFrameFormatter() {
    }

    @Override
    public String summarize(Medium medium, MemorySegment segment, long offset, int length) {
        return medium == Medium.ETHERNET ? ethernet(segment, offset, length) : ip(segment, offset, length);
    }

    private static String ethernet(MemorySegment segment, long offset, int length) {
        DropReason reason = EthernetView.check(segment, offset, length);
        if (reason != DropReason.NONE) {
            return "malformed Ethernet (" + reason.counterName() + ")";
        }
        EthernetView view = new EthernetView().wrap(segment, offset, length);
        StringBuilder sb = new StringBuilder(96);
        sb.append(new MacAddress(view.src())).append(" > ").append(new MacAddress(view.dst()));
        for (int i = 0; i < view.vlanCount(); i++) {
            int tci = view.vlanTci(i);
            sb.append(", vlan ").append(tci & 0x0fff).append(" p ").append(tci >>> 13);
            if ((tci & 0x1000) != 0) {
                sb.append(" dei");
            }
            sb.append(" (").append(EtherType.name(view.vlanTpid(i))).append(')');
        }
        int type = view.etherType();
        if (type < EtherType.MIN_ETHERTYPE) {
            // IEEE 802.3 length field (LLC frames), as tcpdump prints "802.3, length N".
            sb.append(", 802.3 length ").append(type);
        } else {
            String hex = String.format("0x%04x", type);
            String name = EtherType.name(type);
            sb.append(", ethertype ").append(name.equals(hex) ? "Unknown" : name).append(" (").append(hex).append(')');
        }
        return sb.toString();
    }

    private static String ip(MemorySegment segment, long offset, int length) {
        if (length < 1) {
            return "empty packet";
        }
        int version = NetOrder.u8(segment, offset) >>> 4;
        return switch (version) {
            case 4 -> "IPv4";
            case 6 -> "IPv6";
            default -> "malformed IP (version " + version + ")";
        };
    }
}
