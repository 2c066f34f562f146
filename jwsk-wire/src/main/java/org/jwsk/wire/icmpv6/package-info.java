/**
 * ICMPv6 (RFC 4443) with Neighbor Discovery (RFC 4861, RFC 8106) and Multicast Listener Discovery (RFC 2710,
 * RFC 3810): {@link org.jwsk.wire.icmpv6.Icmpv6View} checks every message kind and verifies the checksum over
 * the pseudo-header sum the network layer passes in; {@link org.jwsk.wire.icmpv6.NdpView} and {@link
 * org.jwsk.wire.icmpv6.MldView}, with their option and record cursors, give the data path zero-copy access; {@link
 * org.jwsk.wire.icmpv6.Icmpv6Repr} is the sealed family of records, one per message kind, for the control plane
 * and tests.
 */
package org.jwsk.wire.icmpv6;
