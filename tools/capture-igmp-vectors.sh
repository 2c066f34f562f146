#!/usr/bin/env bash
# Captures real Linux IGMP traffic for jwsk's IGMP wire test vectors: a host namespace joined by a veth pair to a
# namespace whose bridge acts as IGMP querier (multicast snooping with multicast_querier on). Documentation
# addresses only (192.0.2.0/24), administratively scoped groups (239.1.2.x), a bounded exchange, everything removed
# at the end.
#
#   sudo tools/capture-igmp-vectors.sh OUTDIR
#
# Writes OUTDIR/linux-igmp.pcap (tcpdump, classic pcap, on the host's side) holding: the bridge's IGMPv3 general
# and group-specific queries and an IGMPv2 general query; the host's IGMPv3 state-change reports (a join, a
# source-specific join, leaves) and current-state reports answering the queries; an IGMPv2 report and leave; an
# IGMPv1 report. Needs root, iproute2, tcpdump and python3.
set -euo pipefail
out=${1:?usage: $0 OUTDIR}
mkdir -p "$out"
H=jwsk-igmp-h Q=jwsk-igmp-q
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  ip netns del $H 2>/dev/null || true
  ip netns del $Q 2>/dev/null || true
}
trap cleanup EXIT
ip netns add $H
ip netns add $Q
ip link add vh netns $H type veth peer name vq netns $Q
ip -n $H link set vh address 02:00:00:00:00:01
ip -n $Q link set vq address 02:00:00:00:00:02
ip -n $Q link add br0 type bridge mcast_snooping 1 mcast_querier 1 mcast_igmp_version 3 \
    mcast_startup_query_count 1 mcast_startup_query_interval 100 mcast_query_interval 400
ip -n $Q link set br0 address 02:00:00:00:00:03
ip -n $Q link set vq master br0
ip -n $Q addr add 192.0.2.254/24 dev br0
ip netns exec $H sysctl -q -w net.ipv6.conf.vh.disable_ipv6=1
ip netns exec $Q sysctl -q -w net.ipv6.conf.vq.disable_ipv6=1
ip netns exec $Q sysctl -q -w net.ipv6.conf.br0.disable_ipv6=1
ip -n $H addr add 192.0.2.1/24 dev vh
ip -n $H link set vh up                  # tcpdump needs the device up
ip netns exec $H tcpdump -i vh -U -w "$out/linux-igmp.pcap" igmp 2>/dev/null & pids+=($!)
sleep 1
ip -n $Q link set vq up
ip -n $Q link set br0 up
join() { # join GROUP SECONDS [SOURCE]: a socket in the host namespace listens, then leaves by closing
  ip netns exec $H timeout 20 python3 - "$@" <<'PY'
import socket, struct, sys, time
group, seconds = sys.argv[1], float(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
if len(sys.argv) > 3:
    s.setsockopt(socket.IPPROTO_IP, 39, socket.inet_aton(group) + socket.inet_aton('192.0.2.1')
                 + socket.inet_aton(sys.argv[3]))   # IP_ADD_SOURCE_MEMBERSHIP: ip_mreq_source
else:
    s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                 socket.inet_aton(group) + socket.inet_aton('192.0.2.1'))
time.sleep(seconds)
s.close()
PY
}
sleep 2                                  # the querier's first general query (IGMPv3)
join 239.1.2.3 5                         # IGMPv3 TO_EX, answers to the queries, TO_IN on leave (and the
                                         # bridge's group-specific query after the leave)
join 239.1.2.5 2 192.0.2.9               # IGMPv3 ALLOW with a source, BLOCK on leave
ip netns exec $H sysctl -q -w net.ipv4.conf.vh.force_igmp_version=2
join 239.1.2.4 2                         # IGMPv2 report and leave
ip netns exec $H sysctl -q -w net.ipv4.conf.vh.force_igmp_version=1
join 239.1.2.6 2                         # IGMPv1 report
ip netns exec $H sysctl -q -w net.ipv4.conf.vh.force_igmp_version=0
ip -n $Q link set br0 type bridge mcast_igmp_version 2
ip -n $Q link set br0 type bridge mcast_querier 0
ip -n $Q link set br0 type bridge mcast_querier 1   # restarts the querier: an IGMPv2 general query
sleep 2
for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null || true; done
sleep 1
