package org.jwsk.link.fault;

import org.jwsk.common.buf.PacketBuf;

/**
 * Where a {@link FaultInjector} puts the frames that survive it: a virtual wire's ring, a decorator's holding
 * queue. Called on the injector's thread, from inside {@link FaultInjector#apply}.
 */
@FunctionalInterface
public interface FrameSink {

    /**
     * A frame to deliver once {@code dueAt} is reached.
     *
     * @param frame the frame; the sink <b>takes ownership</b> and must release it on every path, counting any
     *              it drops
     * @param dueAt when it arrives, a monotonic time not before the {@code now} of the {@code apply} call
     */
    void accept(PacketBuf frame, long dueAt);
}
