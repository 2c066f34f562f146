/**
 * Wire formats: zero-copy views, validated records and documented layouts for every header jwsk speaks, the
 * Internet checksums over them, and pcapng/pcap capture files.
 *
 * <p>Depends on {@code org.jwsk.common} only. Nothing here keeps state between packets.
 */
module org.jwsk.wire {
    requires transitive org.jwsk.common;

    exports org.jwsk.wire;
    exports org.jwsk.wire.addr;
    exports org.jwsk.wire.arp;
    exports org.jwsk.wire.ethernet;
    exports org.jwsk.wire.tcp;
    exports org.jwsk.wire.pcap;
    exports org.jwsk.wire.icmpv4;
    exports org.jwsk.wire.ipv4;
    exports org.jwsk.wire.udp;
    exports org.jwsk.wire.print;
    exports org.jwsk.wire.icmpv6;
    exports org.jwsk.wire.ipv6;
    exports org.jwsk.wire.igmp;
}
