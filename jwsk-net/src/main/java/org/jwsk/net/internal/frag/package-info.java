/**
 * Fragments for both families: fragmentation on send (RFC 791 §3.2, RFC 8200 §4.5) and bounded reassembly on receive
 * that rejects overlaps (RFC 5722) and times out with ICMP errors. {@link org.jwsk.net.internal.frag.FragmentEngine}
 * is the stack's {@link org.jwsk.net.internal.Fragmentation}.
 */
package org.jwsk.net.internal.frag;
