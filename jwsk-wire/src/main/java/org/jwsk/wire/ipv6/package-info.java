/**
 * IPv6 (RFC 8200): the fixed header ({@link org.jwsk.wire.ipv6.Ipv6Layout}, {@link
 * org.jwsk.wire.ipv6.Ipv6View}, {@link org.jwsk.wire.ipv6.Ipv6Repr}); the extension headers, each with its
 * layout, view and record: Hop-by-Hop and Destination Options with their TLV options ({@link
 * org.jwsk.wire.ipv6.Ipv6OptionsView}, {@link org.jwsk.wire.ipv6.Ipv6Option}), Routing ({@link
 * org.jwsk.wire.ipv6.Ipv6RoutingView}) and Fragment ({@link org.jwsk.wire.ipv6.Ipv6FragmentView}); and the
 * allocation-free {@link org.jwsk.wire.ipv6.Ipv6HeaderWalker}, which the network layer runs on every received
 * packet to find the upper layer, the fragment header and, for a malformed packet, the Parameter Problem
 * pointer.
 *
 * <p>Not supported: jumbograms (RFC 2675), and processing of any routing type (RFC 8200 §4.4 leaves an
 * unrecognised type with segments left to a Parameter Problem, which the network layer sends).
 */
package org.jwsk.wire.ipv6;
