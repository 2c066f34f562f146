/**
 * ARP for Ethernet and IPv4 (RFC 826), with the RFC 5227 probe and announcement forms: {@link
 * org.jwsk.wire.arp.ArpLayout} (the bytes), {@link org.jwsk.wire.arp.ArpView} (zero-copy access) and {@link
 * org.jwsk.wire.arp.ArpRepr} (the validated meaning).
 */
package org.jwsk.wire.arp;
