package org.jwsk.wire.arp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.testing.WireTesting.bytes;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.poisoned;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArpViewTest {

    /** Frame 13 of captures/linux-veth.pcap after its Ethernet header: who-has 192.0.2.2 tell 192.0.2.1. */
    static final byte[] REQUEST = hex("0001 0800 0604 0001 0200 0000 0001 c000 0201 0000 0000 0000 c000 0202");

    /** Frame 14 after its Ethernet header: 192.0.2.2 is-at 02:00:00:00:00:02. */
    static final byte[] REPLY = hex("0001 0800 0604 0002 0200 0000 0002 c000 0202 0200 0000 0001 c000 0201");

    /** scapy: {@code ARP(op=1, hwsrc='02:00:00:00:00:01', psrc='192.0.2.1', pdst='192.0.2.1')}. */
    static final byte[] ANNOUNCEMENT = hex("0001 0800 0604 0001 0200 0000 0001 c000 0201 0000 0000 0000 c000 0201");

    /** scapy: {@code ARP(op=1, hwsrc='02:00:00:00:00:01', psrc='0.0.0.0', pdst='192.0.2.7')}. */
    static final byte[] PROBE = hex("0001 0800 0604 0001 0200 0000 0001 0000 0000 0000 0000 0000 c000 0207");

    static final MacAddress MAC1 = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress MAC2 = MacAddress.parse("02:00:00:00:00:02");
    static final Ipv4Address IP1 = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address IP2 = Ipv4Address.parse("192.0.2.2");

    @Test
    void deconstruct_capturedRequest() {
        MemorySegment seg = segment(REQUEST);
        assertEquals(DropReason.NONE, ArpView.check(seg, 0, REQUEST.length));
        ArpView v = new ArpView().wrap(seg, 0, REQUEST.length);
        assertEquals(ArpLayout.HTYPE_ETHERNET, v.hardwareType());
        assertEquals(ArpLayout.PTYPE_IPV4, v.protocolType());
        assertEquals(6, v.hardwareLength());
        assertEquals(4, v.protocolLength());
        assertEquals(1, v.operation());
        assertTrue(v.isRequest());
        assertFalse(v.isReply());
        assertEquals(MAC1.value(), v.senderMac());
        assertEquals(IP1.value(), v.senderIp());
        assertEquals(0L, v.targetMac());
        assertEquals(IP2.value(), v.targetIp());
        assertFalse(v.isGratuitous());
        assertFalse(v.isProbe());
        assertEquals(ArpRepr.request(MAC1, IP1, IP2), ArpRepr.parse(v));
    }

    @Test
    void deconstruct_capturedReply() {
        MemorySegment seg = segment(REPLY);
        assertEquals(DropReason.NONE, ArpView.check(seg, 0, REPLY.length));
        ArpView v = new ArpView().wrap(seg, 0, REPLY.length);
        assertTrue(v.isReply());
        assertEquals(new ArpRepr(ArpOperation.REPLY, MAC2, IP2, MAC1, IP1), ArpRepr.parse(v));
    }

    @Test
    void construct_requestAndReply_matchTheCapture() {
        ArpRepr request = ArpRepr.request(MAC1, IP1, IP2);
        MemorySegment out = poisoned(32);
        request.emit(out, 2);
        assertArrayEquals(REQUEST, bytes(out, 2, 28));
        assertEquals((byte) 0xA5, out.get(ValueLayout.JAVA_BYTE, 30), "nothing written past the packet");

        MemorySegment reply = poisoned(28);
        ArpRepr.replyTo(request, MAC2).emit(reply, 0);
        assertArrayEquals(REPLY, bytes(reply, 0, 28), "RFC 826: swap sender and target, fill in our MAC");
    }

    @Test
    void announcementAndProbe_matchScapyAndAreRecognised() {
        MemorySegment ann = poisoned(28);
        ArpRepr.announcement(MAC1, IP1).emit(ann, 0);
        assertArrayEquals(ANNOUNCEMENT, bytes(ann, 0, 28));
        ArpView a = new ArpView().wrap(ann, 0, 28);
        assertTrue(a.isGratuitous());
        assertFalse(a.isProbe());

        MemorySegment probe = poisoned(28);
        ArpRepr.probe(MAC1, Ipv4Address.parse("192.0.2.7")).emit(probe, 0);
        assertArrayEquals(PROBE, bytes(probe, 0, 28));
        ArpView p = new ArpView().wrap(probe, 0, 28);
        assertTrue(p.isProbe());
        assertFalse(p.isGratuitous(), "a probe's sender address is 0.0.0.0, it announces nothing");
        assertTrue(ArpRepr.parse(p).isProbe());
        assertTrue(ArpRepr.parse(a).isGratuitous());
    }

    @Test
    void gratuitousReply_isGratuitousButNoProbe() {
        byte[] garp = hex("0001 0800 0604 0002 0200 0000 0001 c000 0201 ffff ffff ffff c000 0201");
        ArpView v = new ArpView().wrap(segment(garp), 0, garp.length);
        assertEquals(DropReason.NONE, ArpView.check(segment(garp), 0, garp.length));
        assertTrue(v.isGratuitous());
        assertFalse(v.isProbe(), "only requests are probes");
        byte[] replyFromZero = hex("0001 0800 0604 0002 0200 0000 0001 0000 0000 ffff ffff ffff c000 0201");
        assertFalse(new ArpView().wrap(segment(replyFromZero), 0, 28).isProbe());
    }

    @Test
    void ethernetPadding_isIgnored() {
        byte[] padded = new byte[46];
        System.arraycopy(REQUEST, 0, padded, 0, REQUEST.length);
        assertEquals(DropReason.NONE, ArpView.check(segment(padded), 0, padded.length));
        assertEquals(ArpRepr.request(MAC1, IP1, IP2), ArpRepr.parse(new ArpView().wrap(segment(padded), 0, 46)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 20, 27})
    void truncated(int length) {
        assertEquals(DropReason.ARP_TRUNCATED, ArpView.check(segment(REQUEST), 0, length));
    }

    @Test
    void otherHardware_isUnsupported() {
        assertEquals(DropReason.ARP_UNSUPPORTED_HARDWARE, checkWith(0, 0x0006));
        assertEquals(DropReason.ARP_UNSUPPORTED_HARDWARE, checkWith(4, 0x0804));
    }

    @Test
    void otherProtocol_isUnsupported() {
        assertEquals(DropReason.ARP_UNSUPPORTED_PROTOCOL, checkWith(2, 0x86dd));
        assertEquals(DropReason.ARP_UNSUPPORTED_PROTOCOL, checkWith(4, 0x0610));
    }

    @Test
    void unsupportedHardware_isReportedBeforeTruncation() {
        byte[] ieee802 = hex("0006 0800 0604 0001");
        assertEquals(DropReason.ARP_UNSUPPORTED_HARDWARE, ArpView.check(segment(ieee802), 0, ieee802.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 8, 9, 0xffff})
    void otherOperations_areRefused(int op) {
        assertEquals(DropReason.ARP_BAD_OPERATION, checkWith(6, op));
    }

    @Test
    void checkAtAnOffset_readsOnlyItsRange() {
        byte[] shifted = new byte[REQUEST.length + 3];
        System.arraycopy(REQUEST, 0, shifted, 3, REQUEST.length);
        assertEquals(DropReason.NONE, ArpView.check(segment(shifted), 3, REQUEST.length));
        assertEquals(DropReason.ARP_TRUNCATED, ArpView.check(segment(shifted), 3, REQUEST.length - 1));
    }

    /** The request with the 16-bit word at {@code at} replaced. */
    private static DropReason checkWith(int at, int word) {
        byte[] b = REQUEST.clone();
        b[at] = (byte) (word >>> 8);
        b[at + 1] = (byte) word;
        return ArpView.check(segment(b), 0, b.length);
    }
}
