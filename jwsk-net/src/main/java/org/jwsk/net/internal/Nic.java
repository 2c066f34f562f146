package org.jwsk.net.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.Medium;
import org.jwsk.net.HostModel;
import org.jwsk.net.InterfaceConfig;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.Ipv6Options;
import org.jwsk.net.NetDrop;
import org.jwsk.net.SendStatus;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.EthernetLayout;
import org.jwsk.wire.ethernet.EthernetView;

/**
 * One interface of a stack: a link driver, the addresses on it, its multicast memberships, its host-model and
 * forwarding switches, and the resolution of next hops on it. It receives frames from its driver ({@link
 * LinkReceiver}) and hands IP packets to the IP layers; the IP layers hand it packets to send.
 *
 * <p>Owned by the stack's thread.
 */
public final class Nic implements LinkReceiver {

    /** An IPv4 address of the interface and its on-link prefix. */
    public record Addr4(int address, int prefixLength) {
        /** The subnet-directed broadcast address, or 0 for /31 and /32 (RFC 3021: none). */
        public int broadcast() {
            return prefixLength >= 31 ? 0 : address | (-1 >>> prefixLength);
        }

        /** Whether {@code a} is on this address's subnet. */
        public boolean onLink(int a) {
            int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
            return (a & mask) == (address & mask);
        }
    }

    private final StackCore stack;
    private final InterfaceId id;
    private final String name;
    private final LinkDriver driver;
    private final LinkCaps caps;
    private final Compartment compartment;
    private final long mac;
    private final boolean loopback;
    private final EthernetView eth = new EthernetView();
    private final List<Addr4> addrs4 = new ArrayList<>();
    private final List<Addr6> addrs6 = new ArrayList<>();
    private final Map<Integer, Integer> groups4 = new HashMap<>();
    private final Map<Group6, Integer> groups6 = new HashMap<>();
    private LinkResolver resolver4;
    private LinkResolver resolver6;
    private HostModel hostModel;
    private boolean forwarding4;
    private boolean forwarding6;
    private Ipv6Options ipv6;
    private final Ipv6HostVariables hostVariables6;
    private int mtu6;
    private boolean up;
    /** Administrative state: an operator may take an attached interface down without removing it. */
    private boolean adminUp = true;
    /** Link state as the driver last reported it ({@link #onLinkState}). */
    private boolean carrier = true;
    /** RFC 1812 §5.2.7.2 / RFC 4861 §8.2: send redirects when forwarding back out this interface (Linux's default). */
    private boolean sendRedirects = true;
    /** RFC 2644: forward datagrams to this interface's subnet-directed broadcast address (off by default). */
    private boolean directedBroadcastForwarding;

    private record Group6(long hi, long lo) {
    }

    Nic(StackCore stack, InterfaceId id, LinkDriver driver, InterfaceConfig config, Compartment compartment,
        boolean loopback) {
        this.stack = stack;
        this.id = id;
        this.name = config.name();
        this.driver = driver;
        this.caps = driver.caps();
        this.compartment = compartment;
        this.loopback = loopback;
        if (caps.medium() == Medium.ETHERNET && config.mac() == null) {
            throw new IllegalArgumentException("interface " + name + " is on an Ethernet link and needs a MAC address");
        }
        this.mac = caps.medium() == Medium.ETHERNET ? config.mac().value() : 0;
        this.hostModel = config.hostModel();
        this.forwarding4 = config.forwardingV4();
        this.forwarding6 = config.forwardingV6();
        this.ipv6 = config.ipv6();
        this.mtu6 = caps.mtu();
        this.hostVariables6 = new Ipv6HostVariables(stack.config().defaultHopLimit(),
                stack.config().neighbors().baseReachableTime().toNanos(),
                stack.config().neighbors().retransTimer().toNanos(), stack.random());
        if (caps.medium() == Medium.ETHERNET) {
            this.resolver4 = new StaticResolver(this, EtherType.IPV4);
            this.resolver6 = new StaticResolver(this, EtherType.IPV6);
        }
    }

    // ------------------------------------------------------------------------------------------------ receive

    @Override
    public void onFrame(PacketBuf frame, long now) {
        if (!isUp()) {
            frame.release();
            stack.drop(NetDrop.INTERFACE_DOWN);
            return;
        }
        if (caps.medium() == Medium.IP) {
            dispatchIp(frame, now);
            return;
        }
        DropReason r = EthernetView.check(frame.segment(), frame.offset(), frame.length());
        if (r.isDrop()) {
            frame.release();
            stack.wireDrop(r);
            return;
        }
        eth.wrap(frame.segment(), frame.offset(), frame.length());
        long dst = eth.dst();
        if (dst != mac && (dst & 0x0100_0000_0000L) == 0) {
            frame.release(); // unicast to another station: a TAP or a hub-like wire shows us everything
            stack.drop(NetDrop.NOT_FOR_US);
            return;
        }
        int type = eth.etherType();
        long srcMac = eth.src();
        frame.trimFront(eth.headerLength());
        switch (type) {
            case EtherType.IPV4 -> stack.ipv4().input(this, frame, srcMac, now);
            case EtherType.IPV6 -> stack.ipv6().input(this, frame, srcMac, now);
            case EtherType.ARP -> stack.arpInput(this, frame, now);
            default -> {
                frame.release();
                stack.drop(NetDrop.UNKNOWN_PROTOCOL);
            }
        }
    }

    private void dispatchIp(PacketBuf packet, long now) {
        int version = packet.length() == 0 ? 0 : NetOrder.u8(packet.segment(), packet.offset()) >>> 4;
        switch (version) {
            case 4 -> stack.ipv4().input(this, packet, 0, now);
            case 6 -> stack.ipv6().input(this, packet, 0, now);
            default -> {
                packet.release();
                stack.wireDrop(DropReason.IPV4_BAD_VERSION);
            }
        }
    }

    @Override
    public void onLinkState(boolean linkUp, long now) {
        if (!linkUp) {
            flushResolvers(now);
        }
        if (carrier != linkUp) {
            boolean wasRunning = isRunning();
            carrier = linkUp;
            stack.interfaceStateChanged(this, wasRunning, now); // routes through it become unusable or usable again
        }
    }

    // ------------------------------------------------------------------------------------------------- send

    /**
     * Sends a finished IP packet to {@code nextHop} on this interface. <b>Takes ownership.</b>
     *
     * @param multicastMac the destination MAC for a multicast or broadcast packet, or -1 to resolve the next hop
     */
    public SendStatus sendIp(PacketBuf packet, int version, long nextHopHi, long nextHopLo, long multicastMac, long now) {
        if (!isUp()) {
            packet.release();
            stack.drop(NetDrop.INTERFACE_DOWN);
            return SendStatus.NETWORK_DOWN;
        }
        if (caps.medium() == Medium.IP) {
            return transmit(packet, now);
        }
        int type = version == 4 ? EtherType.IPV4 : EtherType.IPV6;
        if (multicastMac >= 0) {
            return sendEthernet(packet, multicastMac, type, now);
        }
        return (version == 4 ? resolver4 : resolver6).send(packet, nextHopHi, nextHopLo, now);
    }

    /** Prepends an Ethernet header to {@code payload} and sends it. <b>Takes ownership.</b> */
    public SendStatus sendEthernet(PacketBuf payload, long dstMac, int etherType, long now) {
        if (payload.headroom() < EthernetLayout.HEADER_LENGTH) {
            payload.release();
            stack.drop(NetDrop.NO_BUFFER);
            return SendStatus.NO_BUFFER;
        }
        long off = payload.prepend(EthernetLayout.HEADER_LENGTH);
        eth.wrap(payload.segment(), off, payload.length());
        eth.setDst(dstMac);
        eth.setSrc(mac);
        eth.setEtherType(0, etherType);
        return transmit(payload, now);
    }

    private SendStatus transmit(PacketBuf frame, long now) {
        if (driver.send(frame, now)) {
            return SendStatus.SENT;
        }
        stack.drop(NetDrop.LINK_DROPPED);
        return SendStatus.LINK_DROPPED;
    }

    // ----------------------------------------------------------------------------------------------- addresses

    /** The IPv4 addresses, in the order added: the first is the primary one. */
    public List<Addr4> addrs4() {
        return addrs4;
    }

    /** The IPv6 addresses in the order added. */
    public List<Addr6> addrs6() {
        return addrs6;
    }

    /** The address record for {@code address}, or null. */
    public Addr4 find4(int address) {
        for (Addr4 a : addrs4) {
            if (a.address == address) {
                return a;
            }
        }
        return null;
    }

    /** The address record for {@code (hi, lo)} in any state, or null. */
    public Addr6 find6(long hi, long lo) {
        for (Addr6 a : addrs6) {
            if (a.hi == hi && a.lo == lo) {
                return a;
            }
        }
        return null;
    }

    /** Whether {@code a} is one of this interface's IPv4 addresses, or any 127/8 address on a loopback interface. */
    public boolean owns4(int a) {
        return find4(a) != null || (loopback && (a >>> 24) == 127);
    }

    /** Whether {@code (hi, lo)} is an assigned (not tentative or duplicate) IPv6 address of this interface. */
    public boolean owns6(long hi, long lo) {
        Addr6 a = find6(hi, lo);
        return a != null && a.isAssigned();
    }

    /** Whether {@code a} is the subnet-directed broadcast address of one of this interface's subnets. */
    public boolean isBroadcast4(int a) {
        for (Addr4 x : addrs4) {
            if (x.broadcast() == a && a != 0) {
                return true;
            }
        }
        return false;
    }

    void addAddr4(Addr4 a) {
        addrs4.add(a);
    }

    boolean removeAddr4(int address) {
        return addrs4.removeIf(a -> a.address == address);
    }

    void addAddr6(Addr6 a) {
        addrs6.add(a);
    }

    boolean removeAddr6(long hi, long lo) {
        return addrs6.removeIf(a -> a.hi == hi && a.lo == lo);
    }

    // ----------------------------------------------------------------------------------------------- multicast

    /** Joins an IPv4 group; memberships are counted, so every join needs a leave. The first join is reported. */
    public void join4(int group, long now) {
        if (groups4.merge(group, 1, Integer::sum) == 1) {
            stack.membershipChanged(this, 4, true, 0, group & 0xffff_ffffL, now);
        }
    }

    /** Leaves an IPv4 group; the last leave is reported. Returns whether that was the last membership. */
    public boolean leave4(int group, long now) {
        if (!groups4.containsKey(group)) {
            return false;
        }
        boolean last = groups4.computeIfPresent(group, (g, c) -> c == 1 ? null : c - 1) == null;
        if (last) {
            stack.membershipChanged(this, 4, false, 0, group & 0xffff_ffffL, now);
        }
        return last;
    }

    /** Whether the interface listens to the IPv4 group (224.0.0.1, all hosts, always). */
    public boolean joined4(int group) {
        return group == 0xe000_0001 || groups4.containsKey(group);
    }

    /** Joins an IPv6 group; counted like {@link #join4}. The first join is reported. */
    public void join6(long hi, long lo, long now) {
        if (groups6.merge(new Group6(hi, lo), 1, Integer::sum) == 1) {
            stack.membershipChanged(this, 6, true, hi, lo, now);
        }
    }

    /** Leaves an IPv6 group; the last leave is reported. Returns whether that was the last membership. */
    public boolean leave6(long hi, long lo, long now) {
        Group6 g = new Group6(hi, lo);
        if (!groups6.containsKey(g)) {
            return false;
        }
        boolean last = groups6.computeIfPresent(g, (k, c) -> c == 1 ? null : c - 1) == null;
        if (last) {
            stack.membershipChanged(this, 6, false, hi, lo, now);
        }
        return last;
    }

    /** Whether the interface listens to the IPv6 group (ff02::1, all nodes, always). */
    public boolean joined6(long hi, long lo) {
        return (hi == 0xff02_0000_0000_0000L && lo == 1) || groups6.containsKey(new Group6(hi, lo));
    }

    /** The IPv6 groups joined, for membership reports. */
    public List<long[]> groups6() {
        return groups6.keySet().stream().map(g -> new long[] {g.hi(), g.lo()}).toList();
    }

    /** The IPv4 groups joined, for membership reports. */
    public List<Integer> groups4() {
        return List.copyOf(groups4.keySet());
    }

    // ------------------------------------------------------------------------------------------------- state

    void start(long now) {
        driver.start(this, stack.wakeup());
        up = true;
    }

    void stop(long now) {
        up = false;
        flushResolvers(now);
        driver.stop();
        driver.close();
    }

    private void flushResolvers(long now) {
        if (resolver4 != null) {
            resolver4.flush(now);
            resolver6.flush(now);
        }
    }

    public StackCore stack() {
        return stack;
    }

    public InterfaceId id() {
        return id;
    }

    public String name() {
        return name;
    }

    public LinkDriver driver() {
        return driver;
    }

    public LinkCaps caps() {
        return caps;
    }

    /** The IPv4 MTU: the link's. */
    public int mtu4() {
        return caps.mtu();
    }

    /** The IPv6 link MTU: the link's, or less if a router advertised less (RFC 4861 §6.3.4). */
    public int mtu6() {
        return mtu6;
    }

    /** Sets the IPv6 link MTU (from a router advertisement); never above the link's, never below 1280. */
    public void setMtu6(int mtu) {
        this.mtu6 = Math.max(1280, Math.min(caps.mtu(), mtu));
    }

    public Compartment compartment() {
        return compartment;
    }

    /** The interface's MAC in the low 48 bits, or 0 on an IP link. */
    public long mac() {
        return mac;
    }

    /** The MAC as a record, or null on an IP link. */
    public MacAddress macAddress() {
        return caps.medium() == Medium.ETHERNET ? new MacAddress(mac) : null;
    }

    public boolean isLoopback() {
        return loopback;
    }

    /** Whether the interface is attached and administratively up: it sends and receives. */
    public boolean isUp() {
        return up && adminUp;
    }

    /** Whether the link reports carrier (a cut wire, an unplugged cable: not). */
    public boolean hasCarrier() {
        return carrier;
    }

    /**
     * Whether routes through this interface may be used: up and with carrier. Deliberate deviation from Linux, which
     * keeps using routes over a link without carrier unless {@code ignore_routes_with_linkdown} is set: like the
     * Next Generation TCP/IP stack, a disconnected interface's routes drop out of route selection, so a route of
     * higher metric through another interface takes over.
     */
    public boolean isRunning() {
        return up && adminUp && carrier;
    }

    /** Whether the operator wants the interface up. */
    public boolean isAdminUp() {
        return adminUp;
    }

    /**
     * Takes the interface administratively down or brings it back up. Going down flushes the neighbour caches, which
     * drops the packets queued in them for resolution; the stack's interface observers hear of it either way.
     */
    void setAdminUp(boolean on, long now) {
        if (adminUp == on) {
            return;
        }
        boolean wasRunning = isRunning();
        adminUp = on;
        if (!on) {
            flushResolvers(now);
        }
        stack.interfaceStateChanged(this, wasRunning, now);
    }

    /** Whether this interface sends ICMP redirects (RFC 1812 §5.2.7.2, RFC 4861 §8.2). */
    public boolean sendRedirects() {
        return sendRedirects;
    }

    /** Turns the sending of redirects on or off. */
    public void setSendRedirects(boolean on) {
        this.sendRedirects = on;
    }

    /** Whether datagrams to this interface's subnet-directed broadcast address are forwarded (RFC 2644: no). */
    public boolean directedBroadcastForwarding() {
        return directedBroadcastForwarding;
    }

    /** Allows or forbids forwarding to this interface's subnet-directed broadcast address. */
    public void setDirectedBroadcastForwarding(boolean on) {
        this.directedBroadcastForwarding = on;
    }

    public boolean isEthernet() {
        return caps.medium() == Medium.ETHERNET;
    }

    public HostModel hostModel() {
        return hostModel;
    }

    public void setHostModel(HostModel model) {
        this.hostModel = model;
    }

    public boolean forwarding4() {
        return forwarding4;
    }

    public boolean forwarding6() {
        return forwarding6;
    }

    public void setForwarding(boolean v4, boolean v6) {
        this.forwarding4 = v4;
        this.forwarding6 = v6;
    }

    public Ipv6Options ipv6Options() {
        return ipv6;
    }

    /**
     * The RFC 4861 §6.3.2 host variables of this interface (CurHopLimit, ReachableTime, RetransTimer), which router
     * advertisements update and neighbour discovery reads.
     */
    public Ipv6HostVariables hostVariables6() {
        return hostVariables6;
    }

    /** The resolver for a family (4 or 6), or null on an IP link. */
    public LinkResolver resolver(int version) {
        return version == 4 ? resolver4 : resolver6;
    }

    /** Replaces the resolver of a family (dynamic ARP or NDP taking over from permanent entries). */
    public void setResolver(int version, LinkResolver resolver) {
        if (version == 4) {
            resolver4 = resolver;
        } else {
            resolver6 = resolver;
        }
    }

    @Override
    public String toString() {
        return name + " (" + id + ", " + compartment.id() + ")";
    }
}
