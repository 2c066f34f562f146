package org.jwsk.wire.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.EthernetRepr;
import org.jwsk.wire.ethernet.VlanTag;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.pcap.CaptureReader;
import org.jwsk.wire.pcap.CaptureRecord;
import org.jwsk.wire.pcap.LinkType;
import org.jwsk.wire.testing.WireTesting;
import org.junit.jupiter.api.Test;

class PacketPrinterTest {

    private static final Path CAPTURE = resource("/captures/linux-veth.pcap");

    static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(PacketPrinterTest.class.getResource(name), name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyFrameOfTheCapture_readsAsTcpdumpReadsIt() throws IOException {
        List<String> tcpdump = Files.readAllLines(resource("/captures/linux-veth.tcpdump.txt"), StandardCharsets.UTF_8);
        List<String> ours = new ArrayList<>();
        PacketPrinter printer = new PacketPrinter(false);
        try (CaptureReader reader = CaptureReader.open(CAPTURE)) {
            reader.forEachRecord(r -> ours.add(printer.describe(r.linkType(), r.data().toByteArray())));
        }
        assertEquals(tcpdump.size(), ours.size());
        for (int i = 0; i < ours.size(); i++) {
            String theirs = tcpdump.get(i);
            if (theirs.contains(": domain ")) {
                continue; // tcpdump decodes port 5353 as DNS; jwsk describes transports, not applications
            }
            // tcpdump names the application after the length ("length 3: HTTP"); jwsk notes an NA's R/S/O flags.
            assertEquals(theirs.replaceAll(": HTTP$", ""), ours.get(i).replaceAll("(tgt is \\S+) \\[R?S?O?]", "$1"),
                    "frame " + (i + 1));
        }
    }

    @Test
    void linkHeader_showsAddressesVlansAndEtherType() throws IOException {
        CaptureRecord arp;
        try (CaptureReader reader = CaptureReader.open(CAPTURE)) {
            for (int i = 0; i < 12; i++) {
                reader.next();
            }
            arp = reader.next();
        }
        assertEquals("02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: ARP, Request who-has"
                + " 192.0.2.2 tell 192.0.2.1, length 28", new PacketPrinter(true).describe(arp.linkType(),
                arp.data().toByteArray()));

        EthernetRepr tagged = new EthernetRepr(MacAddress.parse("02:00:00:00:00:02"),
                MacAddress.parse("02:00:00:00:00:01"), List.of(VlanTag.of(100)), 0x88b5);
        byte[] frame = new byte[tagged.headerLength() + 4];
        tagged.emit(java.lang.foreign.MemorySegment.ofArray(frame), 0);
        assertEquals("02:00:00:00:00:01 > 02:00:00:00:00:02, 802.1Q vlan 100, p 0, ethertype Unknown (0x88b5),"
                + " length 22", new PacketPrinter(true).describe(LinkType.ETHERNET, frame));
        assertEquals("vlan 100 ethertype Unknown (0x88b5), length 22", new PacketPrinter(false).describe(LinkType.ETHERNET,
                frame));
    }

    @Test
    void malformedHeaders_areNamedWhereTheyFail() {
        PacketPrinter p = new PacketPrinter(false);
        assertEquals("Ethernet [malformed ETHERNET_TRUNCATED], length 5", p.describe(LinkType.ETHERNET, new byte[5]));
        byte[] badIhl = WireTesting.hex("4300 0014 0000 0000 4006 0000 c000 0201 c000 0202");
        assertEquals("IP [malformed IPV4_BAD_HEADER_LENGTH]", p.describe(LinkType.RAW, badIhl));
        assertEquals("IP version 0 (not an IP packet), length 3", p.describe(LinkType.RAW, new byte[3]));
        assertEquals("link type 147, length 2", p.describe(147, new byte[2]).replace("LINKTYPE_", ""));
    }

    @Test
    void laterFragments_showTheirPlaceInTheDatagram() {
        Ipv4Address a = Ipv4Address.parse("192.0.2.1");
        Ipv4Address b = Ipv4Address.parse("192.0.2.2");
        Ipv4Repr first = new Ipv4Repr(0, 0, 4242, false, true, 0, 64, IpProtocol.UDP, a, b, List.of(), 16);
        Ipv4Repr later = new Ipv4Repr(0, 0, 4242, false, false, 2, 64, IpProtocol.UDP, a, b, List.of(), 8);
        byte[] f1 = new byte[36];
        byte[] f2 = new byte[28];
        first.emit(java.lang.foreign.MemorySegment.ofArray(f1), 0, ChecksumPolicy.COMPUTE);
        later.emit(java.lang.foreign.MemorySegment.ofArray(f2), 0, ChecksumPolicy.COMPUTE);
        byte[] udp = WireTesting.hex("9c40 0035 0018 0000");
        System.arraycopy(udp, 0, f1, 20, udp.length);
        PacketPrinter p = new PacketPrinter(false);
        assertEquals("IP 192.0.2.1.40000 > 192.0.2.2.53: UDP, length 16 (frag 4242:16@0+)", p.describe(LinkType.RAW, f1));
        assertEquals("IP 192.0.2.1 > 192.0.2.2: UDP (frag 4242:8@16)", p.describe(LinkType.RAW, f2));
    }

    @Test
    void capturePrinter_numbersTimesAndHexDumps() throws IOException {
        StringBuilder out = new StringBuilder();
        try (CaptureReader reader = CaptureReader.open(CAPTURE)) {
            assertEquals(2, new CapturePrinter(false, true, false, 2).print(reader, out));
        }
        String[] lines = out.toString().split("\n");
        assertEquals("     1  05:34:54.806210  IP6 :: > ff02::16: HBH ICMP6, multicast listener report v2,"
                + " 1 group record(s), length 28", lines[0]);
        assertEquals("\t0x0000:  3333 0000 0016 0200 0000 0002 86dd 6000", lines[1]);
        assertTrue(lines[lines.length - 1].startsWith("\t0x0050:  "), lines[lines.length - 1]);
    }

    @Test
    void capturePrinter_onPcapng_showsNanosecondsWhenAsked() throws IOException {
        StringBuilder out = new StringBuilder();
        try (InputStream in = Files.newInputStream(resource("/captures/linux-veth.pcapng"));
             CaptureReader reader = CaptureReader.open(java.nio.channels.Channels.newChannel(in))) {
            new CapturePrinter(false, false, true, 1).print(reader, out);
        }
        assertTrue(out.toString().matches("     1  \\d\\d:\\d\\d:\\d\\d\\.\\d{9}  IP6 .*\n"), out.toString());
    }
}
