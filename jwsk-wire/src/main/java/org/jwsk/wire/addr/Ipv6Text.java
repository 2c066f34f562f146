package org.jwsk.wire.addr;

import java.util.HexFormat;

/** The text forms of IPv6 addresses: RFC 4291 §2.2 parsing and RFC 5952 formatting. */
final class Ipv6Text {

    private Ipv6Text() {
    }

    /** The sixteen bytes of {@code text}, or null if it is not an IPv6 address. */
    static byte[] parse(String text) {
        if (text.isEmpty() || text.length() > 45 || text.indexOf('%') >= 0) {
            return null;
        }
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head, doubleColon < 0);
        int[] tailGroups = groups(tail, true);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            put(out, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            put(out, 8 - tailGroups.length + i, tailGroups[i]);
        }
        return out;
    }

    /** Colon-separated groups; a dotted quad may end the last part and counts as two groups. */
    private static int[] groups(String part, boolean mayEndInV4) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        int count = pieces.length;
        String last = pieces[count - 1];
        boolean v4 = last.indexOf('.') >= 0;
        if (v4 && !mayEndInV4) {
            return null;
        }
        int[] out = new int[count + (v4 ? 1 : 0)];
        for (int i = 0; i < count - (v4 ? 1 : 0); i++) {
            String p = pieces[i];
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(HexFormat::isHexDigit)) {
                return null;
            }
            out[i] = HexFormat.fromHexDigits(p);
        }
        if (v4) {
            try {
                int a = Ipv4Address.parse(last).value();
                out[count - 1] = a >>> 16;
                out[count] = a & 0xffff;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return out;
    }

    private static void put(byte[] out, int group, int value) {
        out[2 * group] = (byte) (value >>> 8);
        out[2 * group + 1] = (byte) value;
    }

    static String format(Ipv6Address a) {
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (a.hi() >>> (48 - 16 * i)) & 0xffff;
            g[4 + i] = (int) (a.lo() >>> (48 - 16 * i)) & 0xffff;
        }
        if (a.isV4Mapped()) {
            return "::ffff:" + new Ipv4Address((int) a.lo());
        }
        // RFC 5952 §4.2: shorten the longest run of at least two zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
