package org.jwsk.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.transport.udp.UdpHosts.text;

import java.util.HashSet;
import java.util.Set;
import org.jwsk.net.CompartmentId;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpConfig;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpEndpointInfo;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.UdpStatus;
import org.jwsk.transport.internal.udp.UdpProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Binding: local addresses, the sharing rules, compartments, ephemeral ports and their exhaustion, the table. */
class UdpBindTest {

    private static final UdpOptions REUSE = UdpOptions.DEFAULTS.withReuseAddress(true);
    private static final UdpOptions EXCL = UdpOptions.DEFAULTS.withExclusiveAddress(true);

    private final UdpHosts h = new UdpHosts(6056, UdpConfig.DEFAULTS.withEphemeralRange(40000, 40003));

    @AfterEach
    void close() {
        h.close();
    }

    private UdpStatus bind(String local, UdpOptions o) {
        IpEndpoint e = IpEndpoint.parse(local);
        return h.ua.open(h.a.defaultCompartment(), e.version(), o, new UdpHosts.Recorder()).bind(e, h.now());
    }

    @Test
    void localAddress_mustBeOneOfTheCompartments_groupsAndBroadcastsAllowed() {
        assertEquals(UdpStatus.ADDRESS_NOT_AVAILABLE, bind("192.0.2.2:1", UdpOptions.DEFAULTS), "b's, not a's");
        assertEquals(UdpStatus.ADDRESS_NOT_AVAILABLE, bind("[2001:db8::9]:1", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("192.0.2.1:1", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("127.0.0.1:1", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("[::1]:1", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("239.1.2.3:1", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("192.0.2.255:2", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("255.255.255.255:3", UdpOptions.DEFAULTS));
    }

    @Test
    void sameAddress_sharesOnlyWhenBothAsk() {
        assertEquals(UdpStatus.OK, bind("0.0.0.0:5000", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.ADDRESS_IN_USE, bind("0.0.0.0:5000", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.ACCESS_DENIED, bind("0.0.0.0:5000", REUSE), "WSK: the first did not ask to share");
        assertEquals(UdpStatus.OK, bind("0.0.0.0:5001", REUSE));
        assertEquals(UdpStatus.OK, bind("0.0.0.0:5001", REUSE));
        assertEquals(UdpStatus.ADDRESS_IN_USE, bind("0.0.0.0:5001", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("192.0.2.1:5002", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("127.0.0.1:5002", UdpOptions.DEFAULTS), "different addresses never conflict");
        assertEquals(UdpStatus.ADDRESS_IN_USE, bind("192.0.2.1:5002", UdpOptions.DEFAULTS));
    }

    @Test
    void wildcardAndSpecific_coexist_unlessTheWildcardIsExclusive() {
        assertEquals(UdpStatus.OK, bind("0.0.0.0:6000", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("192.0.2.1:6000", UdpOptions.DEFAULTS), "WSK: a more specific bind");
        assertEquals(UdpStatus.OK, bind("192.0.2.1:6001", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("0.0.0.0:6001", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("0.0.0.0:6002", EXCL));
        assertEquals(UdpStatus.ACCESS_DENIED, bind("192.0.2.1:6002", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.ACCESS_DENIED, bind("0.0.0.0:6002", REUSE));
        assertEquals(UdpStatus.OK, bind("192.0.2.1:6003", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.ADDRESS_IN_USE, bind("0.0.0.0:6003", EXCL));
    }

    @Test
    void dualStackWildcard_occupiesBothFamilies_v6OnlyDoesNot() {
        UdpOptions dual = UdpOptions.DEFAULTS.withV6Only(false);
        assertEquals(UdpStatus.OK, bind("0.0.0.0:7000", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.ADDRESS_IN_USE, bind("[::]:7000", dual), "Windows: busy in either table");
        assertEquals(UdpStatus.OK, bind("[::]:7000", UdpOptions.DEFAULTS), "IPv6-only: only the IPv6 table");
        assertEquals(UdpStatus.OK, bind("[::]:7001", dual));
        assertEquals(UdpStatus.ADDRESS_IN_USE, bind("0.0.0.0:7001", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.ADDRESS_IN_USE, bind("[::]:7001", UdpOptions.DEFAULTS));
        assertEquals(UdpStatus.OK, bind("[::ffff:192.0.2.1]:7002", dual));
        assertEquals(UdpStatus.ADDRESS_IN_USE, bind("192.0.2.1:7002", UdpOptions.DEFAULTS), "the same address");
        assertEquals(UdpStatus.OK, bind("[2001:db8::1]:7002", UdpOptions.DEFAULTS), "an IPv4-only binding");
    }

    @Test
    void compartments_haveTheirOwnPortSpaces() {
        CompartmentId other = h.a.addCompartment(h.now());
        assertEquals(UdpStatus.OK, bind("127.0.0.1:8000", UdpOptions.DEFAULTS));
        UdpEndpoint e = h.ua.open(other, 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertEquals(UdpStatus.OK, e.bind(IpEndpoint.parse("127.0.0.1:8000"), h.now()));
        assertEquals(other, e.compartment());
        e.close(h.now());
    }

    @Test
    void ephemeralPorts_comeFromTheRange_untilItIsExhausted_thenAClearError() {
        Set<Integer> ports = new HashSet<>();
        UdpEndpoint[] taken = new UdpEndpoint[4];
        for (int i = 0; i < 4; i++) {
            taken[i] = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
            assertEquals(UdpStatus.OK, taken[i].bind(IpEndpoint.anyV4(0), h.now()));
            ports.add(taken[i].localEndpoint().port());
        }
        assertEquals(Set.of(40000, 40001, 40002, 40003), ports);
        UdpEndpoint late = h.ua.open(h.a.defaultCompartment(), 6, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertEquals(UdpStatus.PORTS_EXHAUSTED, late.bind(IpEndpoint.anyV6(0), h.now()),
                "an ephemeral port is one no endpoint of the compartment uses, whatever its family");
        assertEquals(UdpStatus.PORTS_EXHAUSTED, late.send(IpEndpoint.parse("[2001:db8::2]:9"), text("x"), h.now()));
        assertEquals(UdpStatus.PORTS_EXHAUSTED, late.connect(IpEndpoint.parse("[2001:db8::2]:9"), h.now()));
        int freed = taken[2].localEndpoint().port();
        taken[2].close(h.now());
        assertEquals(UdpStatus.OK, late.bind(IpEndpoint.anyV6(0), h.now()));
        assertEquals(freed, late.localEndpoint().port());
    }

    @Test
    void ephemeralPorts_startAtRandom() {
        try (UdpHosts wide = new UdpHosts(1)) {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                UdpEndpoint e = wide.ua.open(wide.a.defaultCompartment(), 4, UdpOptions.DEFAULTS,
                        new UdpHosts.Recorder());
                e.bind(IpEndpoint.anyV4(0), wide.now());
                seen.add(e.localEndpoint().port() / 1000);
                e.close(wide.now());
            }
            assertTrue(seen.size() > 5, "RFC 6056 §3.3.1: spread over the range, not sequential: " + seen);
        }
    }

    @Test
    void endpointTable_listsBoundEndpoints_withPeers() {
        UdpProtocol udp = h.ua;
        UdpEndpoint e = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        assertTrue(udp.endpoints().isEmpty(), "unbound endpoints are not in the table");
        e.connect(IpEndpoint.parse("192.0.2.2:53"), h.now());
        UdpEndpointInfo row = udp.endpoints().getFirst();
        assertEquals(e.localEndpoint(), row.local());
        assertEquals(IpEndpoint.parse("192.0.2.2:53"), row.remote());
        assertNotEquals(0, row.local().port());
        e.disconnect(h.now());
        assertTrue(e.localEndpoint().isWildcard(), "connect's address choice is undone (Linux __udp_disconnect)");
        e.close(h.now());
        assertTrue(udp.endpoints().isEmpty());
    }
}
