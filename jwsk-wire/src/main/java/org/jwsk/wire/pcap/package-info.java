/**
 * Capture files: a pcapng writer ({@link org.jwsk.wire.pcap.PcapngWriter}) for everything jwsk captures, and
 * readers for pcapng ({@link org.jwsk.wire.pcap.PcapngReader}) and classic libpcap files ({@link
 * org.jwsk.wire.pcap.PcapReader}) that turn any byte sequence into either records or a {@link
 * org.jwsk.wire.pcap.PcapFormatException} naming the problem and its byte offset.
 *
 * <p>Formats: draft-ietf-opsawg-pcapng (PCAP Now Generic) and draft-ietf-opsawg-pcap (the libpcap format); link
 * types from draft-ietf-opsawg-pcaplinktype ({@link org.jwsk.wire.pcap.LinkType}).
 *
 * <p>Unlike the packet views elsewhere in this module, which report malformed bytes as a {@link
 * org.jwsk.wire.DropReason}, the readers here read files, on the control plane or in tests, and report a malformed
 * file as a checked exception: a file is one untrusted input, not a stream of packets to count and drop.
 */
package org.jwsk.wire.pcap;
