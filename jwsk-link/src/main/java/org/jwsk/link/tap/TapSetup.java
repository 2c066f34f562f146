package org.jwsk.link.tap;

import org.jwsk.link.internal.Syscalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.Medium;
import org.jwsk.wire.addr.MacAddress;

/**
 * Creates (or attaches to) a TAP/TUN device and configures its interface, on the calling thread and therefore
 * in the calling thread's network namespace; every failure becomes a {@link TapException} that says what to do.
 *
 * <p>The steps follow the kernel's {@code Documentation/networking/tuntap.rst}: open {@code /dev/net/tun}, then
 * {@code TUNSETIFF} with {@code IFF_TAP} or {@code IFF_TUN}, {@code IFF_NO_PI} (frames without the 4-byte packet
 * information prefix) and the name. The MTU, MAC and up flag are then set through the ordinary interface ioctls
 * on a datagram socket; a socket belongs to the network namespace it was created in, which is the thread's.
 */
final class TapSetup {

    static final String TUN_PATH = "/dev/net/tun";

    // <linux/if_tun.h>
    /** {@code _IOW('T', 202, int)}. */
    static final long TUNSETIFF = 0x4004_54caL;
    static final int IFF_TUN = 0x0001;
    static final int IFF_TAP = 0x0002;
    static final int IFF_NO_PI = 0x1000;
    static final int IFF_TUN_EXCL = 0x8000;

    // <linux/sockios.h>, <linux/if.h>
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final long SIOCGIFMTU = 0x8921;
    static final long SIOCSIFMTU = 0x8922;
    static final long SIOCSIFHWADDR = 0x8924;
    static final long SIOCGIFHWADDR = 0x8927;
    static final int IFF_UP = 0x1;

    /** What set-up produced: the open descriptor and the interface as the kernel now has it. */
    record Device(int fd, String name, int mtu, MacAddress mac) {
    }

    private TapSetup() {
    }

    /**
     * Opens the device described by {@code config}. On failure nothing is left behind: the descriptor is closed,
     * and a new non-persistent device disappears with it.
     *
     * @throws TapException if any step fails
     */
    static Device open(TapConfig config, Syscalls sys) {
        requireLinux();
        try (Arena arena = Arena.ofConfined()) {
            int fd = openControlDevice(sys, arena);
            try {
                IfReq req = new IfReq(arena);
                String name = attach(sys, fd, req, config);
                return configure(sys, req, fd, name, config);
            } catch (RuntimeException | Error e) {
                sys.close(fd);
                throw e;
            }
        }
    }

    private static void requireLinux() {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux")) {
            throw new TapException("TAP/TUN devices through /dev/net/tun exist only on Linux, not on " + os, 0);
        }
    }

    private static int openControlDevice(Syscalls sys, Arena arena) {
        MemorySegment path = arena.allocateFrom(TUN_PATH);
        int fd = sys.open(path, Syscalls.O_RDWR | Syscalls.O_NONBLOCK | Syscalls.O_CLOEXEC);
        if (fd >= 0) {
            return fd;
        }
        throw openFailure(sys.errno());
    }

    /** The exception for a failed {@code open("/dev/net/tun")}, with what to do about it. */
    static TapException openFailure(int errno) {
        String advice = switch (errno) {
            case Syscalls.ENOENT -> TUN_PATH + " does not exist: load the TUN/TAP driver (modprobe tun), or in a"
                    + " container pass the device in (docker run --device /dev/net/tun --cap-add NET_ADMIN)";
            case Syscalls.ENODEV, Syscalls.ENXIO -> "the TUN/TAP driver is not loaded: modprobe tun";
            case Syscalls.EACCES, Syscalls.EPERM -> "no permission: run as root, or give the process"
                    + " CAP_NET_ADMIN and read-write access to " + TUN_PATH;
            case Syscalls.EMFILE, Syscalls.ENFILE -> "out of file descriptors: close some, or raise the limit"
                    + " (ulimit -n)";
            default -> "unexpected failure";
        };
        return new TapException("cannot open " + TUN_PATH + ": " + Syscalls.describe(errno) + ": " + advice, errno);
    }

    private static String attach(Syscalls sys, int fd, IfReq req, TapConfig config) {
        boolean tap = config.medium() == Medium.ETHERNET;
        int flags = (tap ? IFF_TAP : IFF_TUN) | IFF_NO_PI | (config.exclusive() ? IFF_TUN_EXCL : 0);
        req.reset(config.name()).setFlags(flags);
        if (sys.ioctl(fd, TUNSETIFF, req.segment()) == 0) {
            return req.name();
        }
        int errno = sys.errno();
        String kind = tap ? "TAP" : "TUN";
        String what = config.kernelChoosesName() ? "a " + kind + " device" : kind + " device '" + config.name() + "'";
        String advice = switch (errno) {
            case Syscalls.EPERM -> "creating a device needs CAP_NET_ADMIN in this network namespace: run as root"
                    + " (or grant the capability), or have an administrator create a persistent device you own"
                    + " (ip tuntap add dev NAME mode " + kind.toLowerCase() + " user USER) and open it with"
                    + " exclusive=false";
            case Syscalls.EBUSY -> config.exclusive()
                    ? "an interface of that name already exists in this network namespace: choose another name,"
                            + " or an empty one to let the kernel choose"
                    : "the device exists and another file descriptor is already attached to it";
            case Syscalls.EINVAL -> "the name is taken by an interface that is not a " + kind + " device, or"
                    + " the name is not one the kernel accepts (at most one %d)";
            case Syscalls.ENOMEM, Syscalls.ENOBUFS -> "the kernel is out of memory";
            default -> "unexpected failure";
        };
        throw new TapException("cannot create " + what + " (TUNSETIFF): " + Syscalls.describe(errno) + ": "
                + advice, errno);
    }

    private static Device configure(Syscalls sys, IfReq req, int fd, String name, TapConfig config) {
        int sock = sys.socket(Syscalls.AF_INET, Syscalls.SOCK_DGRAM | Syscalls.SOCK_CLOEXEC, 0);
        if (sock < 0) {
            int errno = sys.errno();
            throw new TapException("cannot open a socket to configure '" + name + "': " + Syscalls.describe(errno),
                    errno);
        }
        try {
            if (config.mtu() != 0) {
                control(sys, sock, SIOCSIFMTU, req.reset(name).setMtu(config.mtu()), name,
                        "set the MTU to " + config.mtu());
            }
            if (config.mac() != null) {
                control(sys, sock, SIOCSIFHWADDR, req.reset(name).setHwAddr(config.mac().value()), name,
                        "set the MAC address to " + config.mac());
            }
            if (config.up()) {
                control(sys, sock, SIOCGIFFLAGS, req.reset(name), name, "read the interface flags");
                int flags = req.flags() | IFF_UP;
                control(sys, sock, SIOCSIFFLAGS, req.reset(name).setFlags(flags), name, "bring the interface up");
            }
            control(sys, sock, SIOCGIFMTU, req.reset(name), name, "read the MTU");
            int mtu = req.mtu();
            if (mtu < LinkCaps.MIN_MTU || mtu > LinkCaps.MAX_MTU) {
                throw new TapException("interface '" + name + "' has MTU " + mtu + ", but jwsk links need "
                        + LinkCaps.MIN_MTU + "-" + LinkCaps.MAX_MTU + " (IPv6's minimum): set one with withMtu", 0);
            }
            MacAddress mac = null;
            if (config.medium() == Medium.ETHERNET) {
                control(sys, sock, SIOCGIFHWADDR, req.reset(name), name, "read the MAC address");
                mac = new MacAddress(req.hwAddr());
            }
            return new Device(fd, name, mtu, mac);
        } finally {
            sys.close(sock);
        }
    }

    private static void control(Syscalls sys, int sock, long request, IfReq req, String name, String what) {
        if (sys.ioctl(sock, request, req.segment()) == 0) {
            return;
        }
        int errno = sys.errno();
        String advice = switch (errno) {
            case Syscalls.EPERM, Syscalls.EACCES -> ": this needs CAP_NET_ADMIN in the device's network namespace";
            case Syscalls.EINVAL -> ": the device does not accept this value";
            case Syscalls.ENODEV -> ": the interface vanished, or the socket is in another network namespace";
            case Syscalls.EADDRNOTAVAIL -> ": not an address the device accepts (it must be unicast)";
            default -> "";
        };
        throw new TapException("cannot " + what + " of '" + name + "': " + Syscalls.describe(errno) + advice, errno);
    }
}
