package org.jwsk.link.tap;

import java.util.Objects;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.Medium;
import org.jwsk.wire.addr.MacAddress;

/**
 * How to open a TAP or TUN device.
 *
 * <pre>
 * TapConfig.tap("tap0").withMtu(1500).withMac(MacAddress.parse("02:00:00:00:00:01"))  // Ethernet frames
 * TapConfig.tun("")                                                                   // IP packets, tun0, tun1...
 * </pre>
 *
 * @param name      the interface name, at most 15 characters of printable ASCII without {@code /}, {@code :} or
 *                  spaces (Linux's {@code dev_valid_name}, restricted to ASCII); empty lets the kernel choose
 *                  ({@code tap0}, {@code tun1}, ...), and a {@code %d} in it is replaced by the kernel with the
 *                  first free number
 * @param medium    {@link Medium#ETHERNET} for a TAP device ({@code IFF_TAP}), {@link Medium#IP} for a TUN device
 *                  ({@code IFF_TUN})
 * @param mtu       the interface MTU to set, {@link LinkCaps#MIN_MTU} to {@link LinkCaps#MAX_MTU}; 0 keeps the
 *                  device's own (1500 for a new device)
 * @param mac       the MAC address of the kernel's side of a TAP interface, a unicast address; {@code null}
 *                  keeps the kernel's random one. Must be {@code null} for TUN. (jwsk's own MAC, the one the stack
 *                  behind the driver uses, is a different address and is no business of the driver.)
 * @param exclusive {@code true} to create a new device and fail with {@code EBUSY} if the name is taken
 *                  ({@code IFF_TUN_EXCL}); {@code false} to attach to an existing persistent device of that name
 *                  if there is one (one created with {@code ip tuntap add ... user USER}, which is how an
 *                  unprivileged process uses TAP), creating it otherwise
 * @param up        bring the interface up ({@code IFF_UP}) once configured; otherwise it stays down until someone
 *                  runs {@code ip link set NAME up}
 */
public record TapConfig(String name, Medium medium, int mtu, MacAddress mac, boolean exclusive, boolean up) {

    /** The longest interface name: {@code IFNAMSIZ} (16) less the terminating NUL. */
    public static final int MAX_NAME_LENGTH = 15;

    public TapConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(medium, "medium");
        checkName(name);
        if (mtu != 0 && (mtu < LinkCaps.MIN_MTU || mtu > LinkCaps.MAX_MTU)) {
            throw new IllegalArgumentException("MTU must be 0 (keep the device's) or " + LinkCaps.MIN_MTU + "-"
                    + LinkCaps.MAX_MTU + ", not " + mtu);
        }
        if (mac != null && medium != Medium.ETHERNET) {
            throw new IllegalArgumentException("a TUN device (medium IP) has no MAC address; leave mac null");
        }
        if (mac != null && !mac.isUnicast()) {
            throw new IllegalArgumentException("an interface MAC must be unicast, not " + mac);
        }
    }

    /** A new TAP device (Ethernet frames) named {@code name}, exclusive, down, with the kernel's MTU and MAC. */
    public static TapConfig tap(String name) {
        return new TapConfig(name, Medium.ETHERNET, 0, null, true, false);
    }

    /** A new TUN device (IP packets) named {@code name}, exclusive, down, with the kernel's MTU. */
    public static TapConfig tun(String name) {
        return new TapConfig(name, Medium.IP, 0, null, true, false);
    }

    /** This configuration with the interface MTU set to {@code mtu} (0 keeps the device's). */
    public TapConfig withMtu(int mtu) {
        return new TapConfig(name, medium, mtu, mac, exclusive, up);
    }

    /** This configuration with the kernel-side MAC of a TAP interface set to {@code mac}. */
    public TapConfig withMac(MacAddress mac) {
        return new TapConfig(name, medium, mtu, mac, exclusive, up);
    }

    /** This configuration, attaching to an existing persistent device ({@code false}) or not ({@code true}). */
    public TapConfig withExclusive(boolean exclusive) {
        return new TapConfig(name, medium, mtu, mac, exclusive, up);
    }

    /** This configuration, bringing the interface up on open ({@code true}) or leaving it as it is. */
    public TapConfig withUp(boolean up) {
        return new TapConfig(name, medium, mtu, mac, exclusive, up);
    }

    /** Whether the kernel chooses the name (it is empty). */
    public boolean kernelChoosesName() {
        return name.isEmpty();
    }

    private static void checkName(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("interface name '" + name + "' is " + name.length()
                    + " characters long; Linux allows at most " + MAX_NAME_LENGTH + " (IFNAMSIZ - 1)");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a valid interface name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c > '~' || c == '/' || c == ':') {
                throw new IllegalArgumentException("interface name '" + name + "' contains '" + c
                        + "' (U+" + String.format("%04X", (int) c) + "); use printable ASCII without '/', ':' or"
                        + " spaces");
            }
        }
    }
}
