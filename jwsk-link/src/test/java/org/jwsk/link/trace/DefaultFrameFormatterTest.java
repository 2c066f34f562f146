package org.jwsk.link.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.jwsk.link.Medium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultFrameFormatterTest {

    /** Frame 13 of captures/linux-veth.pcap: ARP who-has 192.0.2.2 tell 192.0.2.1, broadcast. */
    static final byte[] ARP_REQUEST = hex("""
            ffff ffff ffff 0200 0000 0001 0806 0001
            0800 0604 0001 0200 0000 0001 c000 0201
            0000 0000 0000 c000 0202""");

    /** Frame 15 of captures/linux-veth.pcap: ICMP echo request 192.0.2.1 > 192.0.2.2. */
    static final byte[] ICMP_ECHO_FRAME = hex("""
            0200 0000 0002 0200 0000 0001 0800 4500
            0054 7c53 4000 4001 3a52 c000 0201 c000
            0202 0800 2759 0e02 0001 812d 016b 0000
            0000 7538 0c00 0000 0000 1011 1213 1415
            1617 1819 1a1b 1c1d 1e1f 2021 2223 2425
            2627 2829 2a2b 2c2d 2e2f 3031 3233 3435
            3637""");

    /** Frame 19 of captures/linux-veth.pcap: neighbor solicitation for 2001:db8::2. */
    static final byte[] NEIGHBOR_SOLICITATION_FRAME = hex("""
            3333 ff00 0002 0200 0000 0001 86dd 6000
            0000 0020 3aff 2001 0db8 0000 0000 0000
            0000 0000 0001 ff02 0000 0000 0000 0000
            0001 ff00 0002 8700 1c27 0000 0000 2001
            0db8 0000 0000 0000 0000 0000 0002 0101
            0200 0000 0001""");

    /** An 802.1ad outer tag (VID 100, PCP 5) over an 802.1Q inner tag (VID 200, DEI) over IPv4. */
    static final byte[] QINQ_HEADER = hex("0200 0000 0002 0200 0000 0001 88a8 a064 8100 10c8 0800");

    private final DefaultFrameFormatter formatter = new DefaultFrameFormatter();

    private String ethernet(byte[] frame) {
        return formatter.summarize(Medium.ETHERNET, segment(frame), 0, frame.length);
    }

    private String ip(byte[] packet) {
        return formatter.summarize(Medium.IP, segment(packet), 0, packet.length);
    }

    @Test
    void capturedFrames_readAsTcpdumpWithLinkHeaders() {
        assertEquals("02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: ARP, Request who-has"
                + " 192.0.2.2 tell 192.0.2.1, length 28", ethernet(ARP_REQUEST));
        assertEquals("02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 98: IP 192.0.2.1 >"
                + " 192.0.2.2: ICMP echo request, id 3586, seq 1, length 64", ethernet(ICMP_ECHO_FRAME));
        assertEquals("02:00:00:00:00:01 > 33:33:ff:00:00:02, ethertype IPv6 (0x86dd), length 86: IP6 2001:db8::1 >"
                + " ff02::1:ff00:2: ICMP6, neighbor solicitation, who has 2001:db8::2, length 32",
                ethernet(NEIGHBOR_SOLICITATION_FRAME));
    }

    @Test
    void vlanTags_areShownOutermostFirst() {
        assertEquals("02:00:00:00:00:01 > 02:00:00:00:00:02, 802.1ad vlan 100, p 5, 802.1Q vlan 200, p 0,"
                + " ethertype IPv4 (0x0800), length 22: IP [malformed IPV4_TRUNCATED]", ethernet(QINQ_HEADER));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 13})
    void truncatedFrame_isReportedAsMalformed(int length) {
        assertEquals("Ethernet [malformed ETHERNET_TRUNCATED], length " + length,
                ethernet(Arrays.copyOf(ARP_REQUEST, length)));
    }

    @Test
    void ipLinks_describeBarePackets() {
        assertEquals("IP 192.0.2.1 > 192.0.2.2: ICMP echo request, id 3586, seq 1, length 64",
                ip(Arrays.copyOfRange(ICMP_ECHO_FRAME, 14, ICMP_ECHO_FRAME.length)));
        assertEquals("IP version 0 (not an IP packet), length 1", ip(new byte[] {0}));
    }

    @Test
    void summarize_readsOnlyItsRange() {
        byte[] padded = new byte[ICMP_ECHO_FRAME.length + 3];
        System.arraycopy(ICMP_ECHO_FRAME, 0, padded, 3, ICMP_ECHO_FRAME.length);
        MemorySegment seg = segment(padded);
        assertEquals("IP [malformed IPV4_TRUNCATED]", formatter.summarize(Medium.IP, seg, 3 + 14, 20));
        assertEquals("Ethernet [malformed ETHERNET_TRUNCATED], length 10",
                formatter.summarize(Medium.ETHERNET, seg, 3, 10));
    }
}
