package org.jwsk.net.testing;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;

/**
 * A wire end with no stack behind it, for a test to speak raw frames: it injects hand-made packets (martian
 * addresses, options, extension headers the stacks would never send) and records every frame that reaches it.
 * Made by {@link SimNet#probe}, polled with the network, captured like any attached end.
 *
 * <p>Owned by the simulation's thread. Recorded frames are copies; the probe releases every buffer it receives.
 */
public final class Probe implements LinkReceiver {

    private final SimNet net;
    private final LinkDriver driver;
    private final BufPool pool;
    private final List<byte[]> received = new ArrayList<>();

    Probe(SimNet net, LinkDriver driver, String name) {
        this.net = net;
        this.driver = driver;
        this.pool = BufPool.create(BufPoolConfig.small("probe-" + name, 2));
        driver.start(this, () -> { });
    }

    /** Sends {@code frame} (an IP packet on an IP wire, an Ethernet frame on an Ethernet one) now. */
    public void inject(byte[] frame) {
        PacketBuf buf = pool.allocate(frame.length);
        buf.copyFrom(0, frame, 0, frame.length);
        driver.send(buf, net.now());
    }

    /** The frames that reached the probe, oldest first. */
    public List<byte[]> received() {
        return received;
    }

    @Override
    public void onFrame(PacketBuf frame, long now) {
        received.add(frame.toByteArray());
        frame.release();
    }

    @Override
    public void onLinkState(boolean up, long now) {
    }

    LinkDriver driver() {
        return driver;
    }

    BufPool pool() {
        return pool;
    }
}
