package org.jwsk.link.tap.testing;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Drops a capability from the calling thread only, so a test running as root can see what an unprivileged
 * process gets (Linux capabilities are per thread; {@code capset(2)} changes the caller's alone). Use it on a
 * thread that ends afterwards, such as one running {@link org.jwsk.link.tap.NetNs#call}.
 */
public final class ThreadCapabilities {

    /** {@code CAP_NET_ADMIN} from {@code <linux/capability.h>}. */
    public static final int CAP_NET_ADMIN = 12;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x2008_0522;

    /** {@code int capget(cap_user_header_t hdrp, cap_user_data_t datap);} */
    private static final MethodHandle CAPGET = bind("capget");
    /** {@code int capset(cap_user_header_t hdrp, const cap_user_data_t datap);} */
    private static final MethodHandle CAPSET = bind("capset");

    private ThreadCapabilities() {
    }

    @SuppressWarnings("restricted") // test code, run with --enable-native-access
    private static MethodHandle bind(String name) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find(name).orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    /**
     * Removes {@code capability} (below 32) from the calling thread's effective set.
     *
     * @throws IllegalStateException if the kernel refuses
     */
    public static void dropEffective(int capability) {
        try (Arena arena = Arena.ofConfined()) {
            // struct __user_cap_header_struct { u32 version; int pid; }, pid 0 meaning the calling thread
            MemorySegment header = arena.allocate(8, 4);
            header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            header.set(JAVA_INT, 4, 0);
            // struct __user_cap_data_struct { u32 effective, permitted, inheritable; }[2] for version 3
            MemorySegment data = arena.allocate(24, 4);
            if ((int) CAPGET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capget failed");
            }
            data.set(JAVA_INT, 0, data.get(JAVA_INT, 0) & ~(1 << capability));
            if ((int) CAPSET.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capset failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
