package org.jwsk.common.time;

import java.util.Arrays;
import java.util.Objects;

/**
 * The timers of one single-threaded component (a stack, a connection table), ordered by deadline in a binary
 * min-heap. A {@link Timer} is made once per purpose (a neighbour entry's retransmission, a reassembly's expiry) and
 * then scheduled, moved and cancelled as often as needed without allocating: the timer remembers its place in
 * the heap, so every operation is O(log n).
 *
 * <p>The queue reads no clock: {@link #runDue(long)} is given {@code now} and {@link #nextDeadline()} says when
 * to call it again. Tasks run inside {@code runDue} on the caller's thread, in deadline order (ties in scheduling
 * order is not promised), and may schedule or cancel any timer, themselves included.
 *
 * <p>Not thread-safe: owned by the thread that owns the component.
 */
public final class TimerQueue {

    /** What a timer does when it fires. */
    @FunctionalInterface
    public interface Task {
        /**
         * The timer fired. It is no longer scheduled; the task may schedule it again.
         *
         * @param now the time passed to {@link TimerQueue#runDue(long)}
         */
        void fire(long now);
    }

    /** A reusable timer: scheduled at most once at a time. */
    public static final class Timer {
        private final TimerQueue queue;
        private final Task task;
        private long deadline = Deadlines.NONE;
        private int index = -1;

        private Timer(TimerQueue queue, Task task) {
            this.queue = queue;
            this.task = task;
        }

        /** Whether the timer is scheduled. */
        public boolean isScheduled() {
            return index >= 0;
        }

        /** When it fires, or {@link Deadlines#NONE} when it is not scheduled. */
        public long deadline() {
            return deadline;
        }

        /** Schedules (or moves) this timer to fire at {@code deadline}; {@link Deadlines#NONE} cancels it. */
        public void schedule(long deadline) {
            queue.schedule(this, deadline);
        }

        /** Cancels the timer if it is scheduled. */
        public void cancel() {
            queue.cancel(this);
        }
    }

    private Timer[] heap = new Timer[16];
    private int size;

    /** A new, unscheduled timer that runs {@code task} when it fires. */
    public Timer newTimer(Task task) {
        return new Timer(this, Objects.requireNonNull(task, "task"));
    }

    /** How many timers are scheduled. */
    public int size() {
        return size;
    }

    /** The earliest deadline, or {@link Deadlines#NONE} when nothing is scheduled. */
    public long nextDeadline() {
        return size == 0 ? Deadlines.NONE : heap[0].deadline;
    }

    /**
     * Fires every timer whose deadline is at or before {@code now}, earliest first, including timers that tasks
     * schedule for times at or before {@code now} while this runs.
     *
     * @return how many timers fired
     */
    public int runDue(long now) {
        int fired = 0;
        while (size > 0 && heap[0].deadline - now <= 0) {
            Timer t = heap[0];
            removeAt(0);
            fired++;
            t.task.fire(now);
        }
        return fired;
    }

    void schedule(Timer t, long deadline) {
        if (t.queue != this) {
            throw new IllegalArgumentException("timer belongs to another queue");
        }
        if (deadline == Deadlines.NONE) {
            cancel(t);
            return;
        }
        long old = t.deadline;
        t.deadline = deadline;
        if (t.index < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            t.index = size;
            heap[size++] = t;
            siftUp(t.index);
        } else if (deadline - old < 0) {
            siftUp(t.index);
        } else {
            siftDown(t.index);
        }
    }

    void cancel(Timer t) {
        if (t.index >= 0) {
            removeAt(t.index);
        }
    }

    private void removeAt(int i) {
        Timer removed = heap[i];
        Timer last = heap[--size];
        heap[size] = null;
        removed.index = -1;
        removed.deadline = Deadlines.NONE;
        if (i < size) {
            heap[i] = last;
            last.index = i;
            siftDown(i);
            siftUp(last.index);
        }
    }

    private void siftUp(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (p.deadline - t.deadline <= 0) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = t;
        t.index = i;
    }

    private void siftDown(int i) {
        Timer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].deadline - heap[child].deadline < 0) {
                child = right;
            }
            if (t.deadline - heap[child].deadline <= 0) {
                break;
            }
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = t;
        t.index = i;
    }
}
