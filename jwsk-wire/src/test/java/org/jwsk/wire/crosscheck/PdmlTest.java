package org.jwsk.wire.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PDML reader and its path language, on a hand-written document shaped like tshark's. */
class PdmlTest {

    private static final String DOCUMENT = """
            <?xml version="1.0" encoding="utf-8"?>
            <?xml-stylesheet type="text/xsl" href="pdml2html.xsl"?>
            <pdml version="0" creator="wireshark/4.0.17">
            <packet>
              <proto name="frame"><field name="frame.protocols" show="eth:ethertype:ip:icmp:ip:udp"/></proto>
              <proto name="ip">
                <field name="ip.src" show="192.0.2.1"/>
                <field name="ip.cur_rt" show="192.0.2.2"/>
                <field name="" show="Options: (12 bytes)">
                  <field name="ip.options.route" show="83:0b:04">
                    <field name="ip.opt.ptr" show="4"/>
                    <field name="ip.src_rt" show="203.0.113.1"/>
                    <field name="ip.dst" show="198.51.100.20"/>
                  </field>
                </field>
              </proto>
              <proto name="icmp">
                <field name="icmp.type" show="3"/>
                <field name="icmpv6.opt"><field name="icmpv6.opt.type" show="3"/><field name="x" show="a"/></field>
                <field name="icmpv6.opt"><field name="icmpv6.opt.type" show="24"/><field name="x" show="b"/></field>
                <proto name="ip"><field name="ip.src" show="192.0.2.10"/><field name="ip.dst" show="198.51.100.20"/></proto>
                <proto name="udp">
                  <field name="udp.checksum" show="0x1234">
                    <field name="_ws.expert">
                      <field name="udp.checksum.bad" show=""/>
                      <field name="_ws.expert.message" show="Bad checksum"/>
                      <field name="_ws.expert.severity" show="8388608"/>
                      <field name="_ws.expert.group" show="16777216"/>
                    </field>
                  </field>
                </proto>
              </proto>
            </packet>
            <packet><proto name="frame"/><proto name="_ws.malformed"/></packet>
            </pdml>
            """;

    @TempDir
    Path dir;

    private List<Pdml.Packet> read() throws Exception {
        Path file = dir.resolve("t.pdml");
        Files.writeString(file, DOCUMENT);
        return Pdml.read(file);
    }

    @Test
    void paths_distinguishChildrenFromDescendants_inDocumentOrder() throws Exception {
        Pdml.Packet p = read().getFirst();
        assertEquals(List.of("192.0.2.1", "192.0.2.10"), p.values("ip > ip.src"));
        assertEquals(List.of("192.0.2.2", "198.51.100.20"), p.values("ip > ip.dst|ip.cur_rt"));
        assertEquals(List.of("198.51.100.20", "198.51.100.20"), p.values("ip / ip.dst"));
        assertEquals(List.of("203.0.113.1", "198.51.100.20"), p.values("ip.options.route / ip.src_rt|ip.dst"));
        assertEquals(List.of(), p.values("ip > ip.opt.ptr"));
        assertEquals(List.of("b"), p.values("icmp > icmpv6.opt[icmpv6.opt.type=24] > x"));
        assertEquals(List.of("a", "b"), p.values("icmpv6.opt > x"));
        assertThrows(IllegalArgumentException.class, () -> p.values("icmpv6.opt[icmpv6.opt.type] > x"));
    }

    @Test
    void packet_reportsProtocolsExpertsAndMalformation() throws Exception {
        List<Pdml.Packet> packets = read();
        Pdml.Packet first = packets.getFirst();
        assertEquals("eth:ethertype:ip:icmp:ip:udp", first.protocols());
        assertEquals(List.of(new Pdml.Expert("udp.checksum.bad", Pdml.SEVERITY_ERROR, "Bad checksum")),
                first.experts());
        assertTrue(first.experts().getFirst().isWarningOrError());
        assertFalse(first.malformed());
        assertTrue(packets.get(1).malformed());
        assertEquals("", packets.get(1).protocols());
    }
}
