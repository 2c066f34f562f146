/**
 * Ethernet II framing with IEEE 802.1Q/802.1ad VLAN tags: {@link org.jwsk.wire.ethernet.EthernetLayout} (the
 * bytes), {@link org.jwsk.wire.ethernet.EthernetView} (zero-copy access) and {@link
 * org.jwsk.wire.ethernet.EthernetRepr} (the validated meaning).
 */
package org.jwsk.wire.ethernet;
