package org.jwsk.link.tap;

import org.jwsk.link.internal.Syscalls;

/**
 * Setting up a TAP/TUN device, or entering the network namespace it is to live in, failed. The message says
 * what was attempted, what the kernel answered and what to do about it (run as root, {@code modprobe tun}, pick
 * another name, ...); {@link #errno()} is the kernel's answer for code that wants to react to it.
 *
 * <p>Only set-up throws this. Once a {@link TapDriver} is open, failed reads and writes are counted, never
 * thrown (see {@link org.jwsk.link.LinkCounter}).
 */
public final class TapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    TapException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The C library's {@code errno} for the call that failed, or 0 if no system call failed. */
    public int errno() {
        return errno;
    }

    /** The errno as text, such as {@code EBUSY (Device or resource busy)}, or an empty string for 0. */
    public String errnoName() {
        return errno == 0 ? "" : Syscalls.describe(errno);
    }
}
