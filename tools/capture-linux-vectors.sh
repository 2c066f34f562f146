#!/usr/bin/env bash
# Captures real Linux traffic for jwsk's wire test vectors: two network namespaces joined by a veth pair,
# documentation addresses only (192.0.2.0/24, 2001:db8::/64), a bounded exchange, everything removed at the end.
#
#   sudo tools/capture-linux-vectors.sh OUTDIR
#
# Writes OUTDIR/linux-veth.pcap (tcpdump, classic pcap) and OUTDIR/linux-veth.pcapng (tshark), holding: MLDv2
# reports with a hop-by-hop router alert, DAD neighbor solicitations, router solicitations, ARP, ICMP echo (56 and
# 1400 bytes, DF), NDP NS/NA, ICMPv6 echo, UDP over both families, an ICMP port unreachable, and TCP connections
# over both families with MSS, SACK-permitted, timestamps, NOP and window scale.
# Needs root, iproute2, tcpdump, tshark, socat and iputils-ping.
set -euo pipefail
out=${1:?usage: $0 OUTDIR}
mkdir -p "$out"
A=jwsk-cap-a B=jwsk-cap-b
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  ip netns del $A 2>/dev/null || true
  ip netns del $B 2>/dev/null || true
}
trap cleanup EXIT
ip netns add $A
ip netns add $B
ip link add va netns $A type veth peer name vb netns $B
ip -n $A link set va address 02:00:00:00:00:01
ip -n $B link set vb address 02:00:00:00:00:02
ip -n $A addr add 192.0.2.1/24 dev va
ip -n $B addr add 192.0.2.2/24 dev vb
ip -n $A addr add 2001:db8::1/64 dev va nodad
ip -n $B addr add 2001:db8::2/64 dev vb nodad
ip -n $B link set vb up
ip netns exec $B tcpdump -i vb -U -w "$out/linux-veth.pcap" 2>/dev/null & pids+=($!)
ip netns exec $B tshark -i vb -w "$out/linux-veth.pcapng" -q 2>/dev/null & pids+=($!)
sleep 2
ip -n $A link set va up   # link-local setup: MLDv2 reports, DAD, router solicitations
sleep 3
ip netns exec $A ping -c 2 -i 0.2 -W 1 192.0.2.2 >/dev/null
ip netns exec $A ping -6 -c 2 -i 0.2 -W 1 2001:db8::2 >/dev/null
ip netns exec $A ping -c 1 -M do -s 1400 -W 1 192.0.2.2 >/dev/null
ip netns exec $B timeout 10 socat -u UDP6-RECV:5353 - >/dev/null & pids+=($!)
ip netns exec $B timeout 10 socat TCP6-LISTEN:8080,reuseaddr,fork,ipv6only=0 SYSTEM:'echo hello-from-b' >/dev/null 2>&1 & pids+=($!)
sleep 0.5
echo "udp hello" | ip netns exec $A socat -u - UDP4-SENDTO:192.0.2.2:9999        # no listener: port unreachable
echo "udp6 hello" | ip netns exec $A socat -u - UDP6-SENDTO:[2001:db8::2]:5353
echo hi | ip netns exec $A socat - TCP4:192.0.2.2:8080 >/dev/null
echo hi6 | ip netns exec $A socat - TCP6:[2001:db8::2]:8080 >/dev/null
sleep 1
for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null || true; done
sleep 2
