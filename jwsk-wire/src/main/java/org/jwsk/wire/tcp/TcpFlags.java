package org.jwsk.wire.tcp;

/**
 * The nine TCP control bits (RFC 9293 §3.1; CWR and ECE from RFC 3168 §6.1; AE from Accurate ECN,
 * draft-ietf-tcpm-accurate-ecn, formerly RFC 3540's NS) as one value that prints the way tcpdump does: {@code
 * [S]}, {@code [S.]}, {@code [P.]}, {@code [F.]}, {@code [R]}, {@code [none]}.
 *
 * <p>The data path works on the {@code int} bits directly ({@link TcpView#flags()}, the static {@link #has(int,
 * int)}, {@link #sequenceSpace(int)}); this record is for records, tests and printing.
 *
 * @param bits the control bits, a combination of {@link #FIN} ... {@link #AE} (0 to {@link #MASK})
 */
public record TcpFlags(int bits) {

    /** FIN: no more data from the sender; occupies one sequence number. */
    public static final int FIN = 0x001;
    /** SYN: synchronize sequence numbers; occupies one sequence number. */
    public static final int SYN = 0x002;
    /** RST: reset the connection. */
    public static final int RST = 0x004;
    /** PSH: push function. */
    public static final int PSH = 0x008;
    /** ACK: the acknowledgment number is significant. */
    public static final int ACK = 0x010;
    /** URG: the urgent pointer is significant. */
    public static final int URG = 0x020;
    /** ECE: ECN-Echo (RFC 3168 §6.1). */
    public static final int ECE = 0x040;
    /** CWR: Congestion Window Reduced (RFC 3168 §6.1). */
    public static final int CWR = 0x080;
    /** AE: Accurate ECN (draft-ietf-tcpm-accurate-ecn); the former ECN-nonce NS bit of RFC 3540 (historic). */
    public static final int AE = 0x100;
    /** Every control bit. */
    public static final int MASK = 0x1ff;

    /** No bit set. */
    public static final TcpFlags NONE = new TcpFlags(0);

    /** tcpdump's letters in tcpdump's printing order, and the bit each stands for ({@code print-tcp.c}). */
    private static final String LETTERS = "FSRP.UEWe";
    private static final int[] LETTER_BITS = {FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE};

    public TcpFlags {
        if ((bits & ~MASK) != 0) {
            throw new IllegalArgumentException(String.format("TCP control bits out of range: 0x%x", bits));
        }
    }

    /** The flags with {@code bits} set. */
    public static TcpFlags of(int bits) {
        return new TcpFlags(bits);
    }

    /**
     * Reads tcpdump's notation: letters from {@code FSRP.UEWe} in any order, optionally in brackets, or {@code
     * none}. For tests and tools.
     *
     * @throws IllegalArgumentException for any other character
     */
    public static TcpFlags parse(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.equals("none")) {
            return NONE;
        }
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            int at = LETTERS.indexOf(s.charAt(i));
            if (at < 0) {
                throw new IllegalArgumentException("not a tcpdump flag letter: '" + s.charAt(i) + "' in " + text);
            }
            bits |= LETTER_BITS[at];
        }
        return new TcpFlags(bits);
    }

    /** Whether every bit of {@code mask} is set in {@code bits}; allocation-free form of {@link #has(int)}. */
    public static boolean has(int bits, int mask) {
        return (bits & mask) == mask;
    }

    /**
     * The sequence numbers the control bits occupy: one each for SYN and FIN (RFC 9293 §3.4).
     */
    public static int sequenceSpace(int bits) {
        return ((bits & SYN) >>> 1) + (bits & FIN);
    }

    /**
     * SEG.LEN: the sequence space a segment occupies, its data plus one for SYN and one for FIN (RFC 9293 §3.4).
     */
    public static int segmentLength(int bits, int payloadLength) {
        return payloadLength + sequenceSpace(bits);
    }

    /** tcpdump's letters for {@code bits} without brackets, such as {@code S.}, or {@code none}. */
    public static String format(int bits) {
        if ((bits & MASK) == 0) {
            return "none";
        }
        StringBuilder b = new StringBuilder(LETTERS.length());
        for (int i = 0; i < LETTER_BITS.length; i++) {
            if ((bits & LETTER_BITS[i]) != 0) {
                b.append(LETTERS.charAt(i));
            }
        }
        return b.toString();
    }

    /** Whether every bit of {@code mask} is set. */
    public boolean has(int mask) {
        return has(bits, mask);
    }

    /** These flags with the bits of {@code mask} also set. */
    public TcpFlags with(int mask) {
        return new TcpFlags(bits | mask);
    }

    /** These flags with the bits of {@code mask} cleared. */
    public TcpFlags without(int mask) {
        return new TcpFlags(bits & ~mask);
    }

    /** Whether FIN is set. */
    public boolean fin() {
        return has(FIN);
    }

    /** Whether SYN is set. */
    public boolean syn() {
        return has(SYN);
    }

    /** Whether RST is set. */
    public boolean rst() {
        return has(RST);
    }

    /** Whether PSH is set. */
    public boolean psh() {
        return has(PSH);
    }

    /** Whether ACK is set. */
    public boolean ack() {
        return has(ACK);
    }

    /** Whether URG is set. */
    public boolean urg() {
        return has(URG);
    }

    /** Whether ECE is set. */
    public boolean ece() {
        return has(ECE);
    }

    /** Whether CWR is set. */
    public boolean cwr() {
        return has(CWR);
    }

    /** Whether AE is set. */
    public boolean ae() {
        return has(AE);
    }

    /** The sequence numbers these flags occupy; see {@link #sequenceSpace(int)}. */
    public int sequenceSpace() {
        return sequenceSpace(bits);
    }

    /** As tcpdump prints them: {@code [S.]}, {@code [FP.]}, {@code [none]}. */
    @Override
    public String toString() {
        return "[" + format(bits) + "]";
    }
}
