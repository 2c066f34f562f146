package org.jwsk.wire.arp;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.MacAddress;

/**
 * The validated meaning of an Ethernet/IPv4 ARP packet.
 *
 * @param operation request or reply
 * @param senderMac sender hardware address
 * @param senderIp  sender protocol address (0.0.0.0 in an RFC 5227 probe)
 * @param targetMac target hardware address (zero in a request: it is what the sender wants to learn)
 * @param targetIp  target protocol address
 */
public record ArpRepr(ArpOperation operation, MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac,
        Ipv4Address targetIp) {

    public ArpRepr {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(senderMac, "senderMac");
        Objects.requireNonNull(senderIp, "senderIp");
        Objects.requireNonNull(targetMac, "targetMac");
        Objects.requireNonNull(targetIp, "targetIp");
    }

    /** A request asking who has {@code targetIp} (RFC 826), target hardware address zero. */
    public static ArpRepr request(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address targetIp) {
        return new ArpRepr(ArpOperation.REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
    }

    /**
     * The reply to {@code request} from a host that owns its target address at {@code ownMac}: RFC 826 swaps the
     * sender and target fields and puts the local hardware address in the sender field.
     */
    public static ArpRepr replyTo(ArpRepr request, MacAddress ownMac) {
        return new ArpRepr(ArpOperation.REPLY, ownMac, request.targetIp, request.senderMac, request.senderIp);
    }

    /** An RFC 5227 §2.1.1 probe for {@code candidate}: a request from 0.0.0.0 with a zero target MAC. */
    public static ArpRepr probe(MacAddress senderMac, Ipv4Address candidate) {
        return request(senderMac, Ipv4Address.ANY, candidate);
    }

    /**
     * An RFC 5227 §2.3 announcement of {@code address}: a probe with the sender protocol address set too, so
     * sender and target addresses are equal (a gratuitous ARP request).
     */
    public static ArpRepr announcement(MacAddress senderMac, Ipv4Address address) {
        return request(senderMac, address, address);
    }

    /** Reads a packet whose {@link ArpView#check check} passed. */
    public static ArpRepr parse(ArpView view) {
        return new ArpRepr(ArpOperation.of(view.operation()), new MacAddress(view.senderMac()),
                new Ipv4Address(view.senderIp()), new MacAddress(view.targetMac()), new Ipv4Address(view.targetIp()));
    }

    /** See {@link ArpView#isGratuitous()}. */
    public boolean isGratuitous() {
        return !senderIp.isUnspecified() && senderIp.equals(targetIp);
    }

    /** See {@link ArpView#isProbe()}. */
    public boolean isProbe() {
        return operation == ArpOperation.REQUEST && senderIp.isUnspecified();
    }

    /** The number of bytes {@link #emit(ArpView)} writes: {@link ArpLayout#LENGTH}. */
    public int bufferLength() {
        return ArpLayout.LENGTH;
    }

    /**
     * Writes all 28 bytes through {@code view}, which must wrap at least {@link #bufferLength()} bytes; nothing
     * beyond them is touched (Ethernet padding is the link's business).
     */
    public void emit(ArpView view) {
        if (view.length() < ArpLayout.LENGTH) {
            throw new IndexOutOfBoundsException("ARP needs " + ArpLayout.LENGTH + " bytes, view has " + view.length());
        }
        view.setHardwareType(ArpLayout.HTYPE_ETHERNET);
        view.setProtocolType(ArpLayout.PTYPE_IPV4);
        view.setHardwareLength(ArpLayout.HLEN_ETHERNET);
        view.setProtocolLength(ArpLayout.PLEN_IPV4);
        view.setOperation(operation.code());
        view.setSenderMac(senderMac.value());
        view.setSenderIp(senderIp.value());
        view.setTargetMac(targetMac.value());
        view.setTargetIp(targetIp.value());
    }

    /** Writes the packet at {@code off} of {@code seg}; convenience for control-plane code. */
    public void emit(MemorySegment seg, long off) {
        emit(new ArpView().wrap(seg, off, ArpLayout.LENGTH));
    }
}
