package org.jwsk.link.tap;

import org.jwsk.link.internal.Syscalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import org.jwsk.link.Medium;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TapConfig} validation and the {@code struct ifreq} layout; no kernel needed. */
class TapConfigTest {

    @Test
    void factories_haveSafeDefaults() {
        TapConfig tap = TapConfig.tap("tap0");
        assertEquals(Medium.ETHERNET, tap.medium());
        assertEquals(0, tap.mtu());
        assertNull(tap.mac());
        assertTrue(tap.exclusive());
        assertFalse(tap.up());
        assertEquals(Medium.IP, TapConfig.tun("").medium());
        assertTrue(TapConfig.tun("").kernelChoosesName());
        TapConfig all = tap.withMtu(9000).withMac(MacAddress.parse("02:00:00:00:00:01")).withExclusive(false)
                .withUp(true);
        assertEquals(new TapConfig("tap0", Medium.ETHERNET, 9000, MacAddress.parse("02:00:00:00:00:01"), false, true),
                all);
    }

    @Test
    void name_longerThanIfnamsizLessOne_isRejected() {
        TapConfig.tap("a23456789012345");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TapConfig.tap("a234567890123456"));
        assertTrue(e.getMessage().contains("at most 15"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "a:b", ".", "..", "tab\t", "caf\u00e9", "nul\u0000"})
    void name_thatLinuxWouldRefuse_isRejected(String name) {
        assertThrows(IllegalArgumentException.class, () -> TapConfig.tap(name));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1, 1279, 65536})
    void mtu_outOfRange_isRejected(int mtu) {
        assertThrows(IllegalArgumentException.class, () -> TapConfig.tap("t").withMtu(mtu));
    }

    @Test
    void mac_onlyForTap_andUnicast() {
        assertThrows(IllegalArgumentException.class, () -> TapConfig.tun("t").withMac(MacAddress.parse("02:00:00:00:00:01")));
        assertThrows(IllegalArgumentException.class, () -> TapConfig.tap("t").withMac(MacAddress.BROADCAST));
        assertThrows(IllegalArgumentException.class, () -> TapConfig.tap("t").withMac(MacAddress.parse("01:00:5e:00:00:01")));
    }

    @Test
    void ifreq_layoutMatchesLinux() {
        try (Arena arena = Arena.ofConfined()) {
            IfReq req = new IfReq(arena);
            assertEquals(40, req.segment().byteSize());
            req.reset("jt0").setHwAddr(0x0200_0000_0033L);
            byte[] b = req.segment().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            assertEquals("jt0", req.name());
            assertEquals(0, b[3], "NUL-terminated");
            assertEquals(1, b[16] | b[17] << 8, "sa_family ARPHRD_ETHER, host order");
            assertEquals(0x02, b[18]);
            assertEquals(0x33, b[23]);
            assertEquals(0x0200_0000_0033L, req.hwAddr());
            req.reset("a23456789012345").setMtu(1400);
            assertEquals("a23456789012345", req.name());
            assertEquals(1400, req.mtu());
            assertEquals(0x1002, req.reset("x").setFlags(0x1002).flags());
        }
    }

    @Test
    void tunDeviceMissingOrForbidden_messagesSayWhatToDo() {
        TapException missing = TapSetup.openFailure(Syscalls.ENOENT);
        assertEquals(2, missing.errno());
        assertTrue(missing.getMessage().contains("modprobe tun"), missing.getMessage());
        assertTrue(missing.getMessage().startsWith("cannot open /dev/net/tun: ENOENT"), missing.getMessage());
        TapException denied = TapSetup.openFailure(Syscalls.EACCES);
        assertTrue(denied.getMessage().contains("run as root"), denied.getMessage());
        assertTrue(TapSetup.openFailure(Syscalls.EMFILE).getMessage().contains("ulimit -n"));
    }

    @Test
    void errnoText_namesTheError() {
        assertEquals("EBUSY (Device or resource busy)", Syscalls.describe(16));
        assertEquals("errno 4095", Syscalls.describe(4095));
        assertEquals("", new TapException("m", 0).errnoName());
    }
}
