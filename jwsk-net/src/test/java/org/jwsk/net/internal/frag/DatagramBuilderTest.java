package org.jwsk.net.internal.frag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * RFC 3168 §5.3 for reassembled datagrams, combination by combination of the ECN codepoints the fragments carried
 * (one bit each): what to add to fragment zero's ECN bits (3 = set CE), or -1 to drop the datagram.
 */
class DatagramBuilderTest {

    private static final int NOT_ECT = 1;
    private static final int ECT1 = 1 << 1;
    private static final int ECT0 = 1 << 2;
    private static final int CE = 1 << 3;

    @Test
    void ecnOfEveryCombination() {
        int[][] table = {
            {NOT_ECT, 0},
            {ECT1, 0},
            {ECT0, 0},
            {CE, 3},
            {ECT0 | ECT1, 0},
            {ECT0 | CE, 3},
            {ECT1 | CE, 3},
            {ECT0 | ECT1 | CE, 3},
            {NOT_ECT | ECT0, -1},
            {NOT_ECT | ECT1, -1},
            {NOT_ECT | CE, -1},
            {NOT_ECT | ECT0 | ECT1, -1},
            {NOT_ECT | ECT0 | CE, -1},
            {NOT_ECT | ECT1 | CE, -1},
            {NOT_ECT | ECT0 | ECT1 | CE, -1},
        };
        for (int[] row : table) {
            assertEquals(row[1], DatagramBuilder.ecnOf(row[0]), "codepoints seen: " + Integer.toBinaryString(row[0]));
        }
    }
}
