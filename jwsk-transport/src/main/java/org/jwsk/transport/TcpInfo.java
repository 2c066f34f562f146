package org.jwsk.transport;

/**
 * A connection's extended statistics at one instant, in the spirit of RFC 4898 (TCP-ESTATS) and Linux's {@code
 * tcp_info}: what {@code jwsk netstat} and {@code ss -ti} show. Times are nanoseconds; sizes bytes.
 *
 * @param state             the RFC 9293 state
 * @param local             the local endpoint
 * @param remote            the remote endpoint
 * @param mss               the effective send MSS
 * @param srtt              smoothed RTT (RFC 6298), 0 before a sample
 * @param rttVar            RTT variation
 * @param minRtt            the minimum RTT seen (RFC 8985's min_RTT)
 * @param rto               the current retransmission timeout
 * @param cwnd              congestion window
 * @param ssthresh          slow-start threshold ({@link Long#MAX_VALUE} before the first reduction)
 * @param bytesInFlight     sent and not yet acknowledged or declared lost
 * @param sendWindow        the peer's advertised window, scaled
 * @param receiveWindow     the window this side advertises, scaled
 * @param bytesAcked        data bytes the peer has acknowledged (RFC 4898 tcpEStatsAppHCThruOctetsAcked)
 * @param bytesReceived     data bytes received in order
 * @param segmentsOut       segments sent
 * @param segmentsIn        segments received
 * @param retransmits       segments retransmitted over the connection's life
 * @param lost              segments declared lost
 * @param sackedBytes       bytes currently SACKed above SND.UNA
 * @param reorderingEvents  times reordering was detected (RACK widened its window, D-SACK proved a retransmission
 *                          spurious)
 * @param congestionControl the algorithm in use
 * @param options           negotiated options as tcpdump would name them ({@code sack ts wscale 7/7 ecn})
 */
public record TcpInfo(TcpState state, IpEndpoint local, IpEndpoint remote, int mss, long srtt, long rttVar,
                      long minRtt, long rto, long cwnd, long ssthresh, long bytesInFlight, long sendWindow,
                      long receiveWindow, long bytesAcked, long bytesReceived, long segmentsOut, long segmentsIn,
                      long retransmits, long lost, long sackedBytes, long reorderingEvents,
                      CongestionControlKind congestionControl, String options) {
}
