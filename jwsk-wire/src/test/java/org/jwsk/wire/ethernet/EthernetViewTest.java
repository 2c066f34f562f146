package org.jwsk.wire.ethernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jwsk.wire.testing.WireTesting.bytes;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.poisoned;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EthernetViewTest {

    /** Frame 13 of captures/linux-veth.pcap: ARP who-has 192.0.2.2 tell 192.0.2.1, broadcast. */
    static final byte[] ARP_REQUEST_FRAME = hex("""
            ffff ffff ffff 0200 0000 0001 0806 0001
            0800 0604 0001 0200 0000 0001 c000 0201
            0000 0000 0000 c000 0202""");

    /** An 802.1ad outer tag (VID 100, PCP 5) over an 802.1Q inner tag (VID 200, DEI) over IPv4, built by hand. */
    static final byte[] QINQ_HEADER = hex("0200 0000 0002 0200 0000 0001 88a8 a064 8100 10c8 0800");

    @Test
    void deconstruct_capturedFrame() {
        MemorySegment seg = segment(ARP_REQUEST_FRAME);
        assertEquals(DropReason.NONE, EthernetView.check(seg, 0, ARP_REQUEST_FRAME.length));
        EthernetView v = new EthernetView().wrap(seg, 0, ARP_REQUEST_FRAME.length);
        assertEquals(0xffff_ffff_ffffL, v.dst());
        assertEquals(0x0200_0000_0001L, v.src());
        assertEquals(0, v.vlanCount());
        assertEquals(EtherType.ARP, v.etherType());
        assertEquals(14, v.headerLength());
        assertEquals(14, v.payloadOffset());
        assertEquals(28, v.payloadLength());
        assertEquals(new EthernetRepr(MacAddress.BROADCAST, MacAddress.parse("02:00:00:00:00:01"), EtherType.ARP),
                EthernetRepr.parse(v));
    }

    @Test
    void construct_intoPoisonedBuffer() {
        EthernetRepr repr = new EthernetRepr(MacAddress.BROADCAST, MacAddress.parse("02:00:00:00:00:01"), EtherType.ARP);
        MemorySegment out = poisoned(20);
        repr.emit(out, 2);
        assertArrayEquals(bytes(segment(ARP_REQUEST_FRAME), 0, 14), bytes(out, 2, 14));
        assertEquals((byte) 0xA5, out.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 16), "nothing written past the header");
    }

    @Test
    void qinq_deconstructAndConstruct() {
        MemorySegment seg = segment(QINQ_HEADER);
        assertEquals(DropReason.NONE, EthernetView.check(seg, 0, QINQ_HEADER.length));
        EthernetView v = new EthernetView().wrap(seg, 0, QINQ_HEADER.length);
        assertEquals(2, v.vlanCount());
        assertEquals(22, v.headerLength());
        assertEquals(EtherType.IPV4, v.etherType());
        EthernetRepr repr = EthernetRepr.parse(v);
        assertEquals(List.of(new VlanTag(EtherType.QINQ, 5, false, 100), new VlanTag(EtherType.VLAN, 0, true, 200)),
                repr.vlanTags());
        MemorySegment out = poisoned(22);
        repr.emit(out, 0);
        assertArrayEquals(QINQ_HEADER, bytes(out, 0, 22));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6, 12, 13})
    void truncated_untagged(int length) {
        assertEquals(DropReason.ETHERNET_TRUNCATED, EthernetView.check(segment(ARP_REQUEST_FRAME), 0, length));
    }

    @ParameterizedTest
    @ValueSource(ints = {14, 17, 18, 21})
    void truncated_tagged(int length) {
        assertEquals(DropReason.ETHERNET_TRUNCATED, EthernetView.check(segment(QINQ_HEADER), 0, length));
    }

    @Test
    void threeTags_areRefused() {
        byte[] frame = hex("0200 0000 0002 0200 0000 0001 88a8 0064 8100 00c8 8100 0001 0800");
        assertEquals(DropReason.ETHERNET_TOO_MANY_VLAN_TAGS, EthernetView.check(segment(frame), 0, frame.length));
    }

    @Test
    void ieee8023LengthFrame_passesWithItsLengthAsType() {
        byte[] frame = hex("0180 c200 0000 0200 0000 0001 0026 4242 03");
        assertEquals(DropReason.NONE, EthernetView.check(segment(frame), 0, frame.length));
        EthernetView v = new EthernetView().wrap(segment(frame), 0, frame.length);
        assertEquals(0x26, v.etherType(), "below 0x0600: a length the network layer rejects as unknown");
    }

    @Test
    void checkAtAnOffset_readsOnlyItsRange() {
        byte[] padded = new byte[ARP_REQUEST_FRAME.length + 5];
        System.arraycopy(ARP_REQUEST_FRAME, 0, padded, 5, ARP_REQUEST_FRAME.length);
        assertEquals(DropReason.NONE, EthernetView.check(segment(padded), 5, ARP_REQUEST_FRAME.length));
        assertEquals(DropReason.ETHERNET_TRUNCATED, EthernetView.check(segment(padded), 5, 13));
    }
}
