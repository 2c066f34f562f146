package org.jwsk.transport.internal.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jwsk.transport.UdpStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WSK's address-sharing matrix, cell by cell (second bind over an overlapping first; W wildcard, S specific; the
 * access-check cells succeed for one principal), transcribed again from the WSK reference independently of the
 * implementation's table.
 */
class AddressSharingTest {

    @ParameterizedTest(name = "{0} over {1}: {2}")
    @CsvSource({
        "NONE·W, NONE·W, ADDRESS_IN_USE", "NONE·W, NONE·S, OK", "NONE·W, REUSE·W, ADDRESS_IN_USE",
        "NONE·W, REUSE·S, OK", "NONE·W, EXCLUSIVE·W, ADDRESS_IN_USE", "NONE·W, EXCLUSIVE·S, OK",
        "NONE·S, NONE·W, OK", "NONE·S, NONE·S, ADDRESS_IN_USE", "NONE·S, REUSE·W, OK",
        "NONE·S, REUSE·S, ACCESS_DENIED", "NONE·S, EXCLUSIVE·W, ACCESS_DENIED",
        "NONE·S, EXCLUSIVE·S, ADDRESS_IN_USE",
        "REUSE·W, NONE·W, ACCESS_DENIED", "REUSE·W, NONE·S, OK", "REUSE·W, REUSE·W, OK", "REUSE·W, REUSE·S, OK",
        "REUSE·W, EXCLUSIVE·W, ACCESS_DENIED", "REUSE·W, EXCLUSIVE·S, OK",
        "REUSE·S, NONE·W, OK", "REUSE·S, NONE·S, ACCESS_DENIED", "REUSE·S, REUSE·W, OK", "REUSE·S, REUSE·S, OK",
        "REUSE·S, EXCLUSIVE·W, ACCESS_DENIED", "REUSE·S, EXCLUSIVE·S, ACCESS_DENIED",
        "EXCLUSIVE·W, NONE·W, ADDRESS_IN_USE", "EXCLUSIVE·W, NONE·S, ADDRESS_IN_USE",
        "EXCLUSIVE·W, REUSE·W, ADDRESS_IN_USE", "EXCLUSIVE·W, REUSE·S, ADDRESS_IN_USE",
        "EXCLUSIVE·W, EXCLUSIVE·W, ADDRESS_IN_USE", "EXCLUSIVE·W, EXCLUSIVE·S, ADDRESS_IN_USE",
        "EXCLUSIVE·S, NONE·W, OK", "EXCLUSIVE·S, NONE·S, ADDRESS_IN_USE", "EXCLUSIVE·S, REUSE·W, OK",
        "EXCLUSIVE·S, REUSE·S, ADDRESS_IN_USE", "EXCLUSIVE·S, EXCLUSIVE·W, ACCESS_DENIED",
        "EXCLUSIVE·S, EXCLUSIVE·S, ADDRESS_IN_USE",
    })
    void matrixCell(String second, String first, UdpStatus expected) {
        assertEquals(expected, AddressSharing.verdict(mode(second), wildcard(second), mode(first), wildcard(first)));
    }

    private static AddressSharing.Mode mode(String s) {
        return AddressSharing.Mode.valueOf(s.substring(0, s.indexOf('·')));
    }

    private static boolean wildcard(String s) {
        return s.endsWith("W");
    }
}
