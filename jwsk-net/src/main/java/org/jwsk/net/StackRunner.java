package org.jwsk.net;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jwsk.common.time.Clock;
import org.jwsk.common.time.Deadlines;
import org.jwsk.link.wait.LinkWaiter;
import org.jwsk.net.internal.StackCore;

/**
 * Runs a {@link NetStack} on a thread of its own: the one writer the stack needs. Other threads reach the stack only
 * through {@link #submit}/{@link #execute}, which queue a command and wake the loop.
 *
 * <p>The loop: run queued commands, {@link NetStack#poll} the stack, then wait until its next deadline, a readable
 * TAP/TUN descriptor, a frame from another thread's virtual wire, or a command ({@link LinkWaiter}).
 *
 * <p>If the stack throws (a bug), the loop stops, queued and later commands fail with that cause, and {@link
 * #failure()} reports it.
 */
public final class StackRunner implements AutoCloseable {

    private final NetStack stack;
    private final StackCore core;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile LinkWaiter waiter;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long descriptorGeneration = -1;

    /** A queued task, and how to fail it if the loop is gone before it runs. */
    private record Command(Runnable task, Consumer<Throwable> reject) {
    }

    private StackRunner(NetStack stack, Clock clock, String threadName) {
        this.stack = stack;
        this.core = stack.core();
        this.clock = clock;
        this.waiter = LinkWaiter.forDescriptors(core.readableDescriptors());
        core.setWakeup(() -> waiter.wakeup());
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::loop);
    }

    /**
     * Starts a loop thread that owns {@code stack} from now on: after this call, only the loop may touch it.
     *
     * @param clock where the loop reads {@code now}
     */
    public static StackRunner start(NetStack stack, Clock clock, String threadName) {
        StackRunner r = new StackRunner(Objects.requireNonNull(stack, "stack"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(threadName, "threadName"));
        r.thread.start();
        return r;
    }

    /**
     * Runs {@code task} on the stack's thread and completes the future with its result (or its exception). Any
     * thread may call this; the task must not block.
     */
    public <T> CompletableFuture<T> submit(Function<NetStack, T> task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> f = new CompletableFuture<>();
        if (!running) {
            f.completeExceptionally(stoppedException());
            return f;
        }
        commands.add(new Command(() -> {
            try {
                f.complete(task.apply(stack));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        }, f::completeExceptionally));
        waiter.wakeup();
        if (!running) {
            failPending();
        }
        return f;
    }

    /** Like {@link #submit} for a task without a result. */
    public CompletableFuture<Void> execute(Consumer<NetStack> task) {
        Objects.requireNonNull(task, "task");
        return submit(s -> {
            task.accept(s);
            return null;
        });
    }

    /** Whether the calling thread is the stack's. */
    public boolean inStackThread() {
        return Thread.currentThread() == thread;
    }

    /** The reason the loop died, if it did. */
    public Throwable failure() {
        return failure;
    }

    /** The stack's clock reading, for commands that need {@code now}. */
    public long now() {
        return clock.nanoTime();
    }

    private void loop() {
        try {
            while (running) {
                runCommands();
                long now = clock.nanoTime();
                long next = stack.poll(now);
                refreshWaiter();
                if (next - now > 0 && commands.isEmpty()) {
                    waiter.await(next == Deadlines.NONE ? Long.MAX_VALUE : next - clock.nanoTime());
                }
            }
        } catch (Throwable t) {
            failure = t;
            running = false;
        } finally {
            failPending();
            try {
                stack.close();
            } finally {
                waiter.close();
            }
        }
    }

    private void runCommands() {
        for (Command c = commands.poll(); c != null; c = commands.poll()) {
            c.task().run();
        }
    }

    /** A TAP or TUN interface came or went: watch the new set of descriptors. */
    private void refreshWaiter() {
        if (descriptorGeneration == core.descriptorGeneration()) {
            return;
        }
        descriptorGeneration = core.descriptorGeneration();
        LinkWaiter old = waiter;
        waiter = LinkWaiter.forDescriptors(core.readableDescriptors());
        old.close();
    }

    /** Fails every queued command: the loop is gone. Both the loop and a late submitter may call it. */
    private void failPending() {
        for (Command c = commands.poll(); c != null; c = commands.poll()) {
            c.reject().accept(stoppedException());
        }
    }

    private IllegalStateException stoppedException() {
        return new IllegalStateException("the stack runner has stopped", failure);
    }

    /** Stops the loop, then closes the stack (and so its interfaces) on the loop's thread; waits for it. */
    @Override
    public void close() {
        running = false;
        waiter.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
