/**
 * UDP (RFC 768) over IPv4 and IPv6: {@link org.jwsk.wire.udp.UdpLayout} (the bytes), {@link
 * org.jwsk.wire.udp.UdpView} (zero-copy access, checksum verification with a caller-supplied pseudo-header
 * sum) and {@link org.jwsk.wire.udp.UdpRepr} (the validated header).
 */
package org.jwsk.wire.udp;
