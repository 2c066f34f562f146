package org.jwsk.net.testing;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.IcmpErrorReport;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.IpRx;
import org.jwsk.net.NetStack;
import org.jwsk.net.SendStatus;
import org.jwsk.net.TransportHandler;
import org.jwsk.wire.addr.IpAddress;

/**
 * A transport for tests: records what arrives (copying the bytes, releasing the buffer) and the ICMP errors it is
 * told of; refuses packets (as a closed port would) when asked to.
 */
public final class TestTransport implements TransportHandler {

    /**
     * A packet as the transport saw it.
     *
     * @param compartment the compartment it arrived in
     * @param ingress     the interface it arrived on
     */
    public record Received(int version, IpAddress src, IpAddress dst, int hopLimit, byte[] payload, boolean group,
                           CompartmentId compartment, InterfaceId ingress) {

        /** The payload as US-ASCII text. */
        public String text() {
            return new String(payload, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private final List<Received> received = new ArrayList<>();
    private final List<IcmpErrorReport> errors = new ArrayList<>();
    private boolean refuse;

    @Override
    public boolean onPacket(IpRx rx, PacketBuf payload, long now) {
        if (refuse) {
            return false;
        }
        received.add(new Received(rx.version(), rx.src(), rx.dst(), rx.hopLimit(), payload.toByteArray(),
                rx.toMulticastOrBroadcast(), rx.compartment(), rx.ingress()));
        payload.release();
        return true;
    }

    @Override
    public void onIcmpError(IcmpErrorReport report, long now) {
        errors.add(report);
    }

    /** A payload for {@code stack} to send: {@code text} in US-ASCII, with the headroom the IP layer needs. */
    public static PacketBuf payload(NetStack stack, String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        PacketBuf buf = stack.pool().allocate(stack.ip().headroom(), b.length);
        buf.copyFrom(0, b, 0, b.length);
        return buf;
    }

    /** Sends {@code text} from {@code stack} to {@code dst} in {@code compartment}, the stack choosing the source. */
    public static SendStatus send(NetStack stack, CompartmentId compartment, String src, String dst, int protocol,
                                  String text, long now) {
        return stack.ip().send(compartment, src == null ? null : IpAddress.parse(src), IpAddress.parse(dst), protocol,
                payload(stack, text), now);
    }

    /** The texts received, in order. */
    public List<String> texts() {
        return received.stream().map(Received::text).toList();
    }

    /** Refuse packets from now on, as if no endpoint listened. */
    public TestTransport refusing() {
        this.refuse = true;
        return this;
    }

    public List<Received> received() {
        return received;
    }

    public List<IcmpErrorReport> errors() {
        return errors;
    }
}
