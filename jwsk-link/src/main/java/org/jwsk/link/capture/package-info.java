/**
 * Capture: {@link org.jwsk.link.capture.CaptureLink}, the decorator that writes every frame a link receives and
 * sends into a pcapng file through {@link org.jwsk.wire.pcap.PcapngWriter}.
 */
package org.jwsk.link.capture;
