package org.jwsk.net.testing;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.IcmpErrorReport;
import org.jwsk.net.IpRx;
import org.jwsk.net.TransportHandler;
import org.jwsk.wire.addr.IpAddress;

/**
 * A transport for tests: records what arrives (copying the bytes, releasing the buffer) and the ICMP errors it is
 * told of; refuses packets (as a closed port would) when asked to.
 */
public final class TestTransport implements TransportHandler {

    /** A packet as the transport saw it. */
    public record Received(int version, IpAddress src, IpAddress dst, int hopLimit, byte[] payload, boolean group) {
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
                rx.toMulticastOrBroadcast()));
        payload.release();
        return true;
    }

    @Override
    public void onIcmpError(IcmpErrorReport report, long now) {
        errors.add(report);
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
