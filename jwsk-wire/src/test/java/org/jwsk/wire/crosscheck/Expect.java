package org.jwsk.wire.crosscheck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What tshark must show for one frame: for each {@link Pdml} path, the exact list of values in document order.
 * Layers add to it outermost first, so a path that matches several headers (the outer and the quoted IPv4
 * header of an ICMP error) collects their values in the order tshark shows them. A path registered with no
 * values must match nothing.
 */
final class Expect {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /** Appends the values to what {@code path} must show; each is printed with {@link String#valueOf}. */
    Expect add(String path, Object... shows) {
        List<String> list = values.computeIfAbsent(path, p -> new ArrayList<>());
        for (Object s : shows) {
            list.add(String.valueOf(s));
        }
        return this;
    }

    /** {@code "1"} under {@code path} when {@code flag} holds, else requires {@code path} to match nothing. */
    Expect flagOrAbsent(String path, boolean flag) {
        return flag ? add(path, "1") : add(path);
    }

    /** {@code show} under {@code path}, or, when it is null, requires {@code path} to match nothing. */
    Expect orAbsent(String path, Object show) {
        return show != null ? add(path, show) : add(path);
    }

    /** The paths and their values, in the order they were first added. */
    Map<String, List<String>> values() {
        return Collections.unmodifiableMap(values);
    }

    /** How many values are expected, over every path. */
    int count() {
        int n = 0;
        for (List<String> v : values.values()) {
            n += v.size();
        }
        return n;
    }

    /** {@code 0x} and four hex digits, as tshark shows 16-bit identifiers and EtherTypes. */
    static String hex16(int value) {
        return String.format("0x%04x", value & 0xffff);
    }

    /** {@code 0x} and two hex digits, as tshark shows flag bytes. */
    static String hex8(int value) {
        return String.format("0x%02x", value & 0xff);
    }

    /** {@code 0x} and eight hex digits. */
    static String hex32(int value) {
        return String.format("0x%08x", value);
    }

    /** An unsigned 32-bit value in decimal. */
    static String u32(int value) {
        return Integer.toUnsignedString(value);
    }

    /** {@code 0} or {@code 1}. */
    static String bit(boolean b) {
        return b ? "1" : "0";
    }
}
