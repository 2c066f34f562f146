/**
 * ICMP for IPv4 (RFC 792): {@link org.jwsk.wire.icmpv4.Icmpv4Layout} (the bytes), {@link
 * org.jwsk.wire.icmpv4.Icmpv4View} (zero-copy access, checksum, echo-to-reply in place) and {@link
 * org.jwsk.wire.icmpv4.Icmpv4Repr} (one record per message kind).
 */
package org.jwsk.wire.icmpv4;
