package org.jwsk.net.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.NeighborInfo;
import org.jwsk.net.NetDrop;
import org.jwsk.net.SendStatus;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ethernet.EtherType;

/**
 * A {@link LinkResolver} with permanent entries only, for one family of one interface: what an interface uses when
 * dynamic resolution is not running for that family. A next hop without an entry is unreachable.
 */
final class StaticResolver implements LinkResolver {

    private record Key(long hi, long lo) {
    }

    private final Nic nic;
    private final int etherType;
    private final Map<Key, Long> entries = new HashMap<>();

    StaticResolver(Nic nic, int etherType) {
        this.nic = nic;
        this.etherType = etherType;
    }

    @Override
    public SendStatus send(PacketBuf packet, long nextHopHi, long nextHopLo, long now) {
        Long mac = entries.get(new Key(nextHopHi, nextHopLo));
        if (mac == null) {
            packet.release();
            nic.stack().drop(NetDrop.NO_LINK_ADDRESS);
            return SendStatus.NETWORK_DOWN;
        }
        return nic.sendEthernet(packet, mac, etherType, now);
    }

    @Override
    public void addPermanent(long hi, long lo, long mac) {
        entries.put(new Key(hi, lo), mac);
    }

    @Override
    public void flush(long now) {
        // permanent entries survive a flush, and nothing is ever queued
    }

    /** The permanent entries (a dynamic resolver taking over copies them from here). */
    @Override
    public List<NeighborInfo> neighbors() {
        List<NeighborInfo> list = new ArrayList<>(entries.size());
        entries.forEach((k, mac) -> list.add(new NeighborInfo(nic.id(), etherType == EtherType.IPV4
                ? new Ipv4Address((int) k.lo()) : new Ipv6Address(k.hi(), k.lo()), new MacAddress(mac),
                NeighborInfo.State.PERMANENT, false, 0)));
        return list;
    }
}
