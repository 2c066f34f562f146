/**
 * A kit for tests that put frames on Linux kernel interfaces, safely: {@link
 * org.jwsk.link.tap.testing.NetnsFixture} (a throw-away network namespace, always deleted, with commands,
 * background processes such as tcpdump, kernel sockets and TAP/TUN drivers inside it), {@link
 * org.jwsk.link.tap.testing.FrameCollector} (a receiver that copies frames and waits for one that matches), {@link
 * org.jwsk.link.tap.testing.TestFrames} (Ethernet, ARP, IPv4, IPv6, UDP, ICMP and ICMPv6 frames built with
 * jwsk-wire's records, and predicates that check before they read), {@link
 * org.jwsk.link.tap.testing.PingResponder} (a host behind the driver that answers ARP, Neighbor Solicitations and
 * echo requests, checking every frame), {@link org.jwsk.link.tap.testing.Commands} and {@link
 * org.jwsk.link.tap.testing.ThreadCapabilities}.
 *
 * <p>A kernel-peer test (an ARP or ICMP responder, say) reads like {@code TapDriverKernelTest}: annotate the class
 * with {@code KernelAccess.RequiresNetAdmin}, open the fixture and then the driver in one try-with-resources,
 * configure the kernel's side with {@code ns.ip(...)}, make the kernel send (a socket from {@code ns.inside(...)},
 * or {@code ns.run("ping", "-c", "1", ...)}), {@code await} the frame, {@code send} the answer, and check what the
 * kernel saw ({@code ns.ip("neigh", ...)}, {@code ns.interfaceStat(...)}, a socket, or a tcpdump from {@code
 * ns.start(...)}). {@code TapPingKernelTest} shows the other shape: a responder answers while {@code ping} runs
 * in the background. Use only 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32.
 */
package org.jwsk.link.tap.testing;
