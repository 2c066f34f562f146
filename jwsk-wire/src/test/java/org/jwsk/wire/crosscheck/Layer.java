package org.jwsk.wire.crosscheck;

import java.util.List;
import java.util.Objects;
import org.jwsk.wire.Octets;
import org.jwsk.wire.arp.ArpRepr;
import org.jwsk.wire.ethernet.EthernetRepr;
import org.jwsk.wire.icmpv4.Icmpv4Repr;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv6.Ipv6ExtensionRepr;
import org.jwsk.wire.ipv6.Ipv6Repr;
import org.jwsk.wire.tcp.TcpRepr;
import org.jwsk.wire.udp.UdpRepr;

/**
 * One header of a cross-check frame, as the record jwsk emitted it: {@link FrameBuilder} emits the layers and
 * {@link TsharkFields} turns the same records into the field values tshark must show.
 */
sealed interface Layer {

    /** The bytes this layer occupies in the frame. */
    int length();

    /** An Ethernet header, VLAN tags included. */
    record Eth(EthernetRepr repr) implements Layer {
        @Override
        public int length() {
            return repr.headerLength();
        }
    }

    /** An ARP packet. */
    record Arp(ArpRepr repr) implements Layer {
        @Override
        public int length() {
            return repr.bufferLength();
        }
    }

    /** An IPv4 header; its payload length is whatever follows it. */
    record V4(Ipv4Repr repr) implements Layer {
        @Override
        public int length() {
            return repr.headerLength();
        }
    }

    /** The IPv6 fixed header; its payload length is whatever follows it. */
    record V6(Ipv6Repr repr) implements Layer {
        @Override
        public int length() {
            return repr.headerLength();
        }
    }

    /** An IPv6 extension header. */
    record V6Ext(Ipv6ExtensionRepr repr) implements Layer {
        @Override
        public int length() {
            return repr.headerLength();
        }
    }

    /** A UDP header and its data. */
    record Udp(UdpRepr repr, Octets payload) implements Layer {
        public Udp {
            if (repr.payloadLength() != payload.length()) {
                throw new IllegalArgumentException("UDP length " + repr.payloadLength() + " for " + payload.length());
            }
        }

        @Override
        public int length() {
            return repr.bufferLength();
        }
    }

    /** A TCP segment. */
    record Tcp(TcpRepr repr) implements Layer {
        @Override
        public int length() {
            return repr.bufferLength();
        }
    }

    /** An ICMPv4 message; {@code quoted} is the datagram an error's body holds, or null. */
    record Icmp4(Icmpv4Repr repr, Built quoted) implements Layer {
        @Override
        public int length() {
            return repr.bufferLength();
        }
    }

    /**
     * An ICMPv6 message; {@code quoted} is the packet an error's body or a Redirected Header option holds, or
     * null.
     */
    record Icmp6(Icmpv6Repr repr, Built quoted) implements Layer {
        @Override
        public int length() {
            return repr.bufferLength();
        }
    }

    /**
     * Bytes that are not a header of their own here: a fragment's share of a datagram. {@code reassembled} are
     * the layers of the whole datagram when this fragment completes it, so tshark reassembles and dissects them
     * in this frame; empty otherwise.
     */
    record Data(Octets bytes, List<Layer> reassembled) implements Layer {
        public Data {
            Objects.requireNonNull(bytes, "bytes");
            reassembled = List.copyOf(reassembled);
        }

        @Override
        public int length() {
            return bytes.length();
        }
    }
}
