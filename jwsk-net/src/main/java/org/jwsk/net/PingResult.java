package org.jwsk.net;

import java.time.Duration;
import java.util.Objects;
import org.jwsk.wire.addr.IpAddress;

/**
 * How one echo request of {@link NetStack#ping} ended: a reply, an ICMP error about it, a timeout, or no send at all.
 *
 * @param outcome     what happened
 * @param target      the address pinged
 * @param responder   who answered: the target for a reply, the reporting router or host for an error; null for a
 *                    timeout or a request never sent
 * @param identifier  the echo identifier the request carried (RFC 792, RFC 4443 §4.1)
 * @param sequence    the echo sequence number it carried
 * @param payloadSize the bytes of data after the ICMP header
 * @param rtt         from sending to the reply or error; the timeout for {@link Outcome#TIMEOUT}; zero if not sent
 * @param icmpType    the type of the answer (echo reply or the error's), or -1 for a timeout or a request not sent
 * @param icmpCode    the code of the answer, or -1
 * @param mtu         the next-hop MTU of a {@link Outcome#PACKET_TOO_BIG}, else 0
 * @param sendStatus  what became of the request when it was handed to the IP layer
 */
public record PingResult(Outcome outcome, IpAddress target, IpAddress responder, int identifier, int sequence,
                         int payloadSize, Duration rtt, int icmpType, int icmpCode, long mtu, SendStatus sendStatus) {

    /** The end of a ping, whichever family. */
    public enum Outcome {
        /** An echo reply came back from the target. */
        REPLY,
        /** No answer within the timeout. */
        TIMEOUT,
        /** A destination unreachable error (any code) about the request. */
        UNREACHABLE,
        /** A time exceeded error: the TTL or hop limit ran out on the way, or reassembly timed out. */
        TIME_EXCEEDED,
        /** Fragmentation needed with DF, or Packet Too Big: {@code mtu} says how much fits. */
        PACKET_TOO_BIG,
        /** A parameter problem about the request. */
        PARAMETER_PROBLEM,
        /** The request never left: no route, no source address, no buffer ({@code sendStatus} says). */
        NOT_SENT
    }

    public PingResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(rtt, "rtt");
        Objects.requireNonNull(sendStatus, "sendStatus");
    }

    /** Whether the target answered. */
    public boolean isReply() {
        return outcome == Outcome.REPLY;
    }
}
