package org.jwsk.link.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few C library calls jwsk-link makes (the TAP/TUN driver, {@code NetNs}, the event-loop waiter), bound
 * through {@code java.lang.foreign}
 * (no JNI), with {@code errno} captured by the linker ({@link Linker.Option#captureCallState}) so that no other
 * call on the thread can overwrite it before it is read.
 *
 * <p>An instance owns one capture segment: the {@code errno} of its last failed call is {@link #errno()}. It is
 * used by one thread at a time (the thread that opens a device, then the driver's owner); the segment comes from
 * an automatic arena, so it may move between threads.
 *
 * <p>Constants are Linux's values for x86-64 and AArch64, which share the generic {@code asm} headers for
 * everything used here ({@code fcntl.h}, {@code socket.h}, {@code if_tun.h}, {@code sockios.h}).
 */
public final class Syscalls {

    // fcntl.h
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    // socket.h
    public static final int AF_INET = 2;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = 0x80000;
    // sched.h
    public static final int CLONE_NEWNET = 0x4000_0000;
    // poll.h
    public static final short POLLIN = 0x1;
    // sys/eventfd.h
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;

    // errno.h
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int EMSGSIZE = 90;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENOBUFS = 105;
    public static final int EBADFD = 77;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** {@code int open(const char *pathname, int flags);} */
    private static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code int close(int fd);} */
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /**
     * {@code int ioctl(int fd, unsigned long request, ...);} linked for the one variadic form used here, a
     * pointer third argument ({@code struct ifreq *}).
     */
    private static final MethodHandle IOCTL = downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    /** {@code ssize_t read(int fd, void *buf, size_t count);} */
    private static final MethodHandle READ = downcall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    /** {@code ssize_t write(int fd, const void *buf, size_t count);} */
    private static final MethodHandle WRITE = downcall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    /** {@code int socket(int domain, int type, int protocol);} */
    private static final MethodHandle SOCKET = downcall("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int setns(int fd, int nstype);} */
    private static final MethodHandle SETNS = downcall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int eventfd(unsigned int initval, int flags);} */
    private static final MethodHandle EVENTFD = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout);} */
    private static final MethodHandle POLL = downcall("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private final MemorySegment callState;

    /** Bindings whose captured {@code errno} lives in a segment of {@code arena}. */
    public Syscalls(Arena arena) {
        this.callState = arena.allocate(CAPTURE_LAYOUT);
    }

    @SuppressWarnings("restricted") // the point of this class; run with --enable-native-access=org.jwsk.link
    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no '" + name + "'"));
        return LINKER.downcallHandle(symbol, descriptor, all);
    }

    /** The {@code errno} left by the last call through this instance that failed. */
    public int errno() {
        return (int) ERRNO.get(callState, 0L);
    }

    /** {@code open(2)} of a NUL-terminated path. */
    public int open(MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(callState, path, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code close(2)}. */
    public int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(callState, fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code ioctl(2)} with a pointer argument. */
    public int ioctl(int fd, long request, MemorySegment arg) {
        try {
            return (int) IOCTL.invokeExact(callState, fd, request, arg);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code read(2)} of up to {@code count} bytes into {@code buf} at {@code off}; bounds-checked by FFM. */
    public long read(int fd, MemorySegment buf, long off, long count) {
        try {
            return (long) READ.invokeExact(callState, fd, buf.asSlice(off, count), count);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code write(2)} of {@code count} bytes of {@code buf} from {@code off}; bounds-checked by FFM. */
    public long write(int fd, MemorySegment buf, long off, long count) {
        try {
            return (long) WRITE.invokeExact(callState, fd, buf.asSlice(off, count), count);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code socket(2)}. */
    public int socket(int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(callState, domain, type, protocol);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code setns(2)}: moves the calling thread into the namespace {@code fd} refers to. */
    public int setns(int fd, int nstype) {
        try {
            return (int) SETNS.invokeExact(callState, fd, nstype);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code poll(2)} over {@code nfds} {@code struct pollfd}s (8 bytes each: fd, events, revents). */
    public int poll(MemorySegment fds, long nfds, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(callState, fds, nfds, timeoutMillis);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code eventfd(2)}: a counter descriptor that is readable while non-zero, for waking a thread in {@code poll}. */
    public int eventfd(int initval, int flags) {
        try {
            return (int) EVENTFD.invokeExact(callState, initval, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** A downcall cannot throw a checked exception; anything else is a binding bug, surfaced as is. */
    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("unexpected failure of a native call", t);
    }

    /** {@code EPERM (Operation not permitted)}-style text for the errno values this package meets. */
    public static String describe(int errno) {
        String text = switch (errno) {
            case EPERM -> "EPERM (Operation not permitted)";
            case ENOENT -> "ENOENT (No such file or directory)";
            case EINTR -> "EINTR (Interrupted system call)";
            case EIO -> "EIO (Input/output error)";
            case ENXIO -> "ENXIO (No such device or address)";
            case EBADF -> "EBADF (Bad file descriptor)";
            case EAGAIN -> "EAGAIN (Resource temporarily unavailable)";
            case ENOMEM -> "ENOMEM (Cannot allocate memory)";
            case EACCES -> "EACCES (Permission denied)";
            case EFAULT -> "EFAULT (Bad address)";
            case EBUSY -> "EBUSY (Device or resource busy)";
            case EEXIST -> "EEXIST (File exists)";
            case ENODEV -> "ENODEV (No such device)";
            case EINVAL -> "EINVAL (Invalid argument)";
            case ENFILE -> "ENFILE (Too many open files in system)";
            case EMFILE -> "EMFILE (Too many open files)";
            case EBADFD -> "EBADFD (File descriptor in bad state)";
            case EMSGSIZE -> "EMSGSIZE (Message too long)";
            case EADDRNOTAVAIL -> "EADDRNOTAVAIL (Cannot assign requested address)";
            case ENOBUFS -> "ENOBUFS (No buffer space available)";
            default -> null;
        };
        return text != null ? text : "errno " + errno;
    }
}
