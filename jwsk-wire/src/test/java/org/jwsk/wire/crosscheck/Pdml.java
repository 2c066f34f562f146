package org.jwsk.wire.crosscheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * tshark's PDML output ({@code tshark -T pdml}), read with the JDK's DOM parser, and a small path language to
 * pick field values out of one packet.
 *
 * <p>PDML is a tree: a {@code <packet>} holds {@code <proto>} elements, which hold nested {@code <field>}s;
 * both carry a {@code name} and fields a {@code show} (the displayed value). Protocols dissected inside another
 * (the datagram an ICMP error quotes, the IPv6 extension headers) are nested inside it.
 *
 * <p><b>Paths.</b> A path is a list of steps; each step names one or more elements, alternatives separated by
 * {@code |}. The first step matches elements at any depth of the packet; a step after {@code " > "} matches
 * direct children of the previous step's matches, one after {@code " / "} matches descendants at any depth.
 * A step may end in a filter, {@code [child=value]}: then it only matches elements with a direct child of that
 * name showing that value. The values are the {@code show} attributes of the last step's matches in document
 * order. Examples: {@code "ip > ip.src"} is the source of every IPv4 header, the quoted one of an ICMP error
 * included, but not the addresses inside options; {@code "ip.options.route / ip.src_rt|ip.dst"} are the route
 * entries of an LSRR option; {@code "icmpv6.opt[icmpv6.opt.type=5] > icmpv6.opt.mtu"} is the MTU option's MTU.
 */
final class Pdml {

    /** Expert info severities, as {@code _ws.expert.severity} shows them (Wireshark's {@code PI_*} values). */
    static final int SEVERITY_NOTE = 0x0040_0000;
    /** {@code PI_WARN}. */
    static final int SEVERITY_WARN = 0x0060_0000;
    /** {@code PI_ERROR}. */
    static final int SEVERITY_ERROR = 0x0080_0000;

    private Pdml() {
    }

    /** One expert info item: the field that raised it (such as {@code tcp.connection.rst}), severity, text. */
    record Expert(String field, int severity, String message) {
        /** Whether this is a warning or an error. */
        boolean isWarningOrError() {
            return severity >= SEVERITY_WARN;
        }
    }

    /** Reads every {@code <packet>} of a PDML file, in order. */
    static List<Packet> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Element root = builder().parse(in).getDocumentElement();
            List<Packet> packets = new ArrayList<>();
            for (Element e : children(root)) {
                if (e.getTagName().equals("packet")) {
                    packets.add(new Packet(e));
                }
            }
            return packets;
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("not PDML: " + file + ": " + e.getMessage(), e);
        }
    }

    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }

    /** One dissected packet. */
    static final class Packet {

        private final Element element;

        Packet(Element element) {
            this.element = element;
        }

        /** The {@code show} values {@code path} selects, in document order; empty when nothing matches. */
        List<String> values(String path) {
            List<Element> current = List.of(element);
            boolean anyDepth = true;
            for (String token : path.trim().split("\\s+")) {
                switch (token) {
                    case ">" -> anyDepth = false;
                    case "/" -> anyDepth = true;
                    default -> {
                        current = step(current, Step.of(token), anyDepth);
                        anyDepth = true;
                    }
                }
            }
            List<String> shows = new ArrayList<>(current.size());
            for (Element e : current) {
                shows.add(e.getAttribute("show"));
            }
            return shows;
        }

        /** {@code frame.protocols}: the protocol stack, such as {@code eth:ethertype:ip:tcp}. */
        String protocols() {
            List<String> p = values("frame > frame.protocols");
            return p.isEmpty() ? "" : p.getFirst();
        }

        /** Whether any dissector flagged the packet malformed (a {@code _ws.malformed} protocol or field). */
        boolean malformed() {
            return !values("_ws.malformed").isEmpty();
        }

        /** Every expert info item of the packet, in document order. */
        List<Expert> experts() {
            List<Element> items = new ArrayList<>();
            collect(element, Step.of("_ws.expert"), true, items);
            List<Expert> experts = new ArrayList<>(items.size());
            for (Element item : items) {
                String field = "";
                String severity = "0";
                String message = "";
                for (Element c : children(item)) {
                    String name = c.getAttribute("name");
                    switch (name) {
                        case "_ws.expert.severity" -> severity = c.getAttribute("show");
                        case "_ws.expert.message" -> message = c.getAttribute("show");
                        case "_ws.expert.group" -> { }
                        default -> field = field.isEmpty() ? name : field;
                    }
                }
                experts.add(new Expert(field, Integer.parseInt(severity), message));
            }
            return experts;
        }
    }

    /** One path step: the names it accepts and an optional {@code [child=value]} filter (null key for none). */
    private record Step(List<String> names, String filterChild, String filterValue) {

        static Step of(String token) {
            int bracket = token.indexOf('[');
            if (bracket < 0) {
                return new Step(List.of(token.split("\\|")), null, null);
            }
            if (!token.endsWith("]") || token.indexOf('=', bracket) < 0) {
                throw new IllegalArgumentException("bad path step: " + token);
            }
            int eq = token.indexOf('=', bracket);
            return new Step(List.of(token.substring(0, bracket).split("\\|")), token.substring(bracket + 1, eq),
                    token.substring(eq + 1, token.length() - 1));
        }

        boolean matches(Element e) {
            if (!names.contains(e.getAttribute("name"))) {
                return false;
            }
            if (filterChild == null) {
                return true;
            }
            for (Element c : children(e)) {
                if (c.getAttribute("name").equals(filterChild) && c.getAttribute("show").equals(filterValue)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static List<Element> step(List<Element> from, Step step, boolean anyDepth) {
        List<Element> out = new ArrayList<>();
        for (Element e : from) {
            collect(e, step, anyDepth, out);
        }
        return out;
    }

    /** The children (or, with {@code anyDepth}, descendants) of {@code e} that {@code step} matches. */
    private static void collect(Element e, Step step, boolean anyDepth, List<Element> out) {
        for (Element c : children(e)) {
            if (step.matches(c)) {
                out.add(c);
            }
            if (anyDepth) {
                collect(c, step, true, out);
            }
        }
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }
}
