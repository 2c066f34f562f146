package org.jwsk.transport.internal.tcp;

/**
 * What the two SYNs agreed (RFC 9293 §3.7.1 MSS; RFC 7323 §2.2 window scaling and §3.2 timestamps, each used only
 * when both SYNs carried it; RFC 2018 §2 SACK-permitted likewise; RFC 3168 §6.1.1 ECN).
 *
 * @param sendMss         the largest segment this side may send: the peer's MSS option (536 for IPv4 or 1220 for
 *                        IPv6 without one, RFC 9293 §3.7.1 / RFC 8200 §8.3), at most what our path MTU allows
 * @param sendWindowShift how far to shift the peer's window fields (its scale), 0 without scaling
 * @param recvWindowShift how far the peer shifts ours (our scale), 0 without scaling
 * @param sack            SACK in use
 * @param timestamps      timestamps in use
 * @param ecn             ECN in use
 */
public record Negotiated(int sendMss, int sendWindowShift, int recvWindowShift, boolean sack, boolean timestamps,
                         boolean ecn) {

    public Negotiated {
        if (sendMss < 1 || sendWindowShift < 0 || sendWindowShift > 14 || recvWindowShift < 0 || recvWindowShift > 14) {
            throw new IllegalArgumentException("MSS must be positive and shifts 0-14");
        }
    }

    /** A short tcpdump-like summary: {@code sack ts wscale 7/7 ecn}. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        if (sack) {
            sb.append("sack ");
        }
        if (timestamps) {
            sb.append("ts ");
        }
        if (sendWindowShift > 0 || recvWindowShift > 0) {
            sb.append("wscale ").append(sendWindowShift).append('/').append(recvWindowShift).append(' ');
        }
        if (ecn) {
            sb.append("ecn ");
        }
        return sb.toString().strip();
    }
}
