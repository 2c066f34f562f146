package org.jwsk.link;

/** What a link carries: whole Ethernet frames, or bare IP packets (a TUN device, a loopback of packets). */
public enum Medium {
    /** Ethernet II frames; the network layer resolves neighbours (ARP, NDP). */
    ETHERNET,
    /** IPv4 or IPv6 packets with no link header; the version nibble tells them apart. No neighbour resolution. */
    IP
}
