package org.jwsk.transport.internal.tcp;

/**
 * A passive open's completed handshake, as a listener hands it to a new connection (RFC 9293 §3.5: the final ACK of
 * the three-way handshake was acceptable): what the SYN and SYN-ACK agreed. The connection starts in ESTABLISHED
 * with {@code SND.UNA = SND.NXT = iss + 1} and {@code RCV.NXT = irs + 1}.
 *
 * @param iss           our initial sequence number (the SYN-ACK's)
 * @param irs           the peer's initial sequence number (its SYN's)
 * @param negotiated    the options both SYNs agreed
 * @param peerWindow    the window field of the segment that completed the handshake, unscaled
 * @param peerWindowSeq SEG.SEQ of that segment (RFC 9293 §3.10.7.4: SND.WL1)
 * @param peerWindowAck SEG.ACK of that segment (SND.WL2)
 * @param tsRecent      the peer's latest timestamp (TS.Recent, RFC 7323 §4.3), when timestamps are in use
 * @param tsOffset      our timestamp offset for this connection (RFC 7323 §5.4)
 * @param synAckSentAt  when the SYN-ACK that was acknowledged was sent, for a first RTT sample; 0 if unknown (a
 *                      SYN cookie, or the SYN-ACK was retransmitted: Karn)
 * @param receiveWindow the window the SYN-ACK announced (unscaled, as SYN windows are, RFC 7323 §2.2)
 */
public record Handshake(int iss, int irs, Negotiated negotiated, int peerWindow, int peerWindowSeq,
                        int peerWindowAck, int tsRecent, int tsOffset, long synAckSentAt, int receiveWindow) {
}
