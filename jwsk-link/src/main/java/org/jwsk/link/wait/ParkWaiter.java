package org.jwsk.link.wait;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/** A {@link LinkWaiter} for loops without descriptors: {@link LockSupport} park and unpark. */
final class ParkWaiter implements LinkWaiter {

    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Thread waiter;

    @Override
    public void await(long timeoutNanos) {
        if (pending.getAndSet(false) || timeoutNanos <= 0) {
            return;
        }
        waiter = Thread.currentThread();
        try {
            if (!pending.get()) { // a wake-up between the check above and publishing the waiter is not lost
                LockSupport.parkNanos(this, timeoutNanos);
            }
        } finally {
            waiter = null;
            pending.set(false);
        }
    }

    @Override
    public void wakeup() {
        if (!pending.getAndSet(true)) {
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    @Override
    public void setDescriptors(int... fds) {
        if (fds.length != 0) {
            throw new IllegalStateException("a parking waiter cannot watch descriptors; make a new waiter");
        }
    }

    @Override
    public void close() {
        pending.set(true);
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
