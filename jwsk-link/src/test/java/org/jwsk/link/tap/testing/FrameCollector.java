package org.jwsk.link.tap.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.tap.TapDriver;
import org.opentest4j.AssertionFailedError;

/**
 * A receiver for kernel tests: keeps a heap copy of every frame and releases the buffer at once (so the leak
 * check stays quiet), and waits for a frame that matches, polling a {@link TapDriver} and sleeping in {@code
 * poll(2)} between reads.
 *
 * <p>Frames that do not match stay in {@link #frames()}: a link that is up receives the kernel's own chatter
 * (IPv6 router solicitations, MLD reports), which a test filters out by what it waits for.
 */
public final class FrameCollector implements LinkReceiver {

    private final List<byte[]> frames = new ArrayList<>();
    private int consumed;

    @Override
    public void onFrame(PacketBuf frame, long now) {
        try {
            frames.add(frame.toByteArray());
        } finally {
            frame.release();
        }
    }

    /** Every frame received so far, oldest first. */
    public List<byte[]> frames() {
        return List.copyOf(frames);
    }

    /**
     * The first frame, not returned by an earlier call, that satisfies {@code match}: from those already
     * received, else from the driver as they arrive.
     *
     * @throws AssertionFailedError if none arrives within {@code timeout}; the message lists what did arrive
     */
    public byte[] await(TapDriver driver, Predicate<byte[]> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (; consumed < frames.size(); consumed++) {
                if (match.test(frames.get(consumed))) {
                    return frames.get(consumed++);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionFailedError("no matching frame within " + timeout + "; received "
                        + frames.size() + ":\n" + describe());
            }
            if (driver.poll(System.nanoTime(), 64) == 0) {
                driver.awaitReadable(Duration.ofNanos(Math.min(left, Duration.ofMillis(50).toNanos())));
            }
        }
    }

    private String describe() {
        StringBuilder sb = new StringBuilder();
        for (byte[] f : frames) {
            String hex = HexFormat.of().formatHex(f);
            sb.append("  ").append(f.length).append(" bytes: ").append(hex, 0, Math.min(hex.length(), 120))
                    .append('\n');
        }
        return sb.toString();
    }
}
