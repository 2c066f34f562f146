package org.jwsk.common.buf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Presence-style leak detection for {@link PacketBuf}s, in the manner of Netty's leak presence detector: while
 * tracking is on, every live buffer and slice is recorded with the stack that allocated it, and a check lists
 * every buffer allocated after a mark and still unreleased, without waiting for the garbage collector.
 *
 * <p>The test suites turn tracking on for every test through {@code LeakCheckExtension}, which fails any test
 * that leaves a buffer behind. Tracking also poisons buffers with {@code 0xA5} when they are allocated and when
 * they are freed, so code that emits into a buffer without writing every byte, or reads after release, fails
 * visibly. Production code leaves tracking off, where it costs one volatile read per allocation.
 *
 * <p>All methods are safe from any thread.
 */
public final class LeakTracker {

    private static final int MAX_TOUCHES = 16;
    private static final String PACKAGE = LeakTracker.class.getPackageName() + ".";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final ConcurrentHashMap<PacketBuf, Record> LIVE = new ConcurrentHashMap<>();
    private static volatile boolean tracking;

    private LeakTracker() {
    }

    /** A buffer still live after a check: where it was allocated and where it has been. */
    public record Leak(long sequence, String buffer, String thread, StackTraceElement[] allocatedAt,
                       List<String> touches) {

        public Leak {
            allocatedAt = allocatedAt.clone();
            touches = List.copyOf(touches);
        }

        @Override
        public StackTraceElement[] allocatedAt() {
            return allocatedAt.clone();
        }

        /** A multi-line report: the buffer, its allocation stack and its touches. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(buffer).append(", allocated on thread '").append(thread).append("' at:\n");
            for (StackTraceElement e : allocatedAt) {
                sb.append("\t").append(e).append('\n');
            }
            for (String t : touches) {
                sb.append("\ttouched: ").append(t).append('\n');
            }
            return sb.toString();
        }
    }

    /** The bookkeeping of one live buffer. */
    static final class Record {
        final long sequence = SEQUENCE.incrementAndGet();
        final String thread = Thread.currentThread().getName();
        final Throwable site = new Throwable("allocated here");
        final List<String> touches = new ArrayList<>(2);
        volatile boolean reported;
    }

    /** Turns tracking on or off. Buffers allocated while it was off are never reported. */
    public static void setTracking(boolean on) {
        tracking = on;
    }

    /** Whether tracking is on. */
    public static boolean isTracking() {
        return tracking;
    }

    /** A mark: {@link #leaksSince(long)} reports buffers allocated after it. */
    public static long mark() {
        return SEQUENCE.get();
    }

    /**
     * The buffers allocated after {@code mark} that are still live and not yet reported, oldest first. Each one
     * is reported once: later calls leave it out.
     */
    public static List<Leak> leaksSince(long mark) {
        List<PacketBuf> found = new ArrayList<>();
        LIVE.forEach((buf, rec) -> {
            if (rec.sequence > mark && !rec.reported) {
                found.add(buf);
            }
        });
        List<Leak> leaks = new ArrayList<>(found.size());
        for (PacketBuf buf : found) {
            Record rec = buf.leakRecord;
            if (rec == null || rec.reported) {
                continue; // released meanwhile
            }
            rec.reported = true;
            List<String> touches;
            synchronized (rec.touches) {
                touches = List.copyOf(rec.touches);
            }
            leaks.add(new Leak(rec.sequence, buf.toString(), rec.thread, callerFrames(rec.site), touches));
        }
        leaks.sort(Comparator.comparingLong(Leak::sequence));
        return leaks;
    }

    /** The allocation stack without the frames inside this package, so the report starts at the caller. */
    private static StackTraceElement[] callerFrames(Throwable site) {
        StackTraceElement[] stack = site.getStackTrace();
        int first = 0;
        while (first < stack.length - 1 && stack[first].getClassName().startsWith(PACKAGE)) {
            first++;
        }
        return Arrays.copyOfRange(stack, first, stack.length);
    }

    /** How many tracked buffers are live now. */
    public static int liveCount() {
        return LIVE.size();
    }

    static void onAllocate(PacketBuf buf) {
        if (tracking) {
            Record rec = new Record();
            buf.leakRecord = rec;
            LIVE.put(buf, rec);
        }
    }

    static void onRelease(PacketBuf buf) {
        if (buf.leakRecord != null) {
            LIVE.remove(buf);
            buf.leakRecord = null;
        }
    }

    static void onTouch(PacketBuf buf, Object hint) {
        Record rec = buf.leakRecord;
        if (rec != null) {
            StackTraceElement[] stack = new Throwable().getStackTrace();
            String where = stack.length > 2 ? String.valueOf(stack[2]) : "?";
            synchronized (rec.touches) {
                if (rec.touches.size() < MAX_TOUCHES) {
                    rec.touches.add(hint + " at " + where);
                }
            }
        }
    }
}
