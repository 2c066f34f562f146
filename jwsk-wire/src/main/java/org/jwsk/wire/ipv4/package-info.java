/**
 * IPv4 (RFC 791) with its options: {@link org.jwsk.wire.ipv4.Ipv4Layout} (the bytes), {@link
 * org.jwsk.wire.ipv4.Ipv4View} (zero-copy access, header checksum, in-place TTL decrement for forwarding),
 * {@link org.jwsk.wire.ipv4.Ipv4OptionCursor} (allocation-free option walk), {@link
 * org.jwsk.wire.ipv4.Ipv4Option} (the options as records) and {@link org.jwsk.wire.ipv4.Ipv4Repr} (the
 * validated header).
 */
package org.jwsk.wire.ipv4;
