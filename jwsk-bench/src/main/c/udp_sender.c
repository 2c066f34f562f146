/*
 * Traffic source for TapReceiveBenchmark: the kernel transmits identical 1442-byte UDP frames as fast as one
 * thread can, for a bounded time, through sendmmsg(2) in batches of 64.
 *
 * The frames leave through IFNAME, which in the benchmark is one end of a veth pair whose egress has a tc filter
 * (clsact, u32 matching everything) with N "mirred" actions that hand each frame N times to the TAP device under
 * test. That fan-out, done by the kernel with cheap clones, is what lets one sending CPU outpace one reading CPU:
 * a TAP read costs less than a send, so a sender without it cannot keep the TAP's queue full. When the queue is
 * full the TAP drops (its tx_dropped counter), so the sender never waits for the reader.
 *
 * Two modes:
 *   packet  (the benchmark's default) a packet socket (AF_PACKET, SOCK_RAW) hands complete frames to IFNAME:
 *           Ethernet, IPv4 (DF, TTL 64, header checksum) and UDP (checksum over the pseudo-header), built once
 *           here exactly as the kernel's UDP send path would build them.
 *   socket  a UDP socket bound to SRC and connected to DST: the kernel's whole UDP/IP send path (IFNAME must
 *           have SRC and a static neighbour entry for DST, so no ARP is needed). Costlier per frame.
 *
 * usage: udp_sender MODE IFNAME DST_MAC SRC_IPV4 DST_IPV4 DST_PORT PAYLOAD_BYTES DURATION_MS
 * runs until DURATION_MS has passed or SIGTERM arrives, then prints "sent=N nanos=T cpu_ns=C": N sends (each one
 * becomes N frames on the TAP after the fan-out), C the CPU time the sender used, user and kernel.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAX_PAYLOAD 9000

static volatile sig_atomic_t stopped;
static unsigned char frame[14 + 20 + 8 + MAX_PAYLOAD];

static void on_term(int sig) {
    (void) sig;
    stopped = 1;
}

static long long now_nanos(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what) {
    perror(what);
    exit(2);
}

static struct in_addr ipv4(const char *text) {
    struct in_addr a;
    if (inet_pton(AF_INET, text, &a) != 1) {
        fprintf(stderr, "not an IPv4 address: %s\n", text);
        exit(2);
    }
    return a;
}

/* RFC 1071 one's complement sum of 16-bit big-endian words, starting from `sum`. */
static uint32_t sum16(const unsigned char *p, size_t len, uint32_t sum) {
    for (size_t i = 0; i + 1 < len; i += 2) {
        sum += (uint32_t) (p[i] << 8 | p[i + 1]);
    }
    if (len & 1) {
        sum += (uint32_t) p[len - 1] << 8;
    }
    return sum;
}

static uint16_t fold(uint32_t sum) {
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return (uint16_t) ~sum;
}

/* Ethernet (RFC 894) + IPv4 (RFC 791) + UDP (RFC 768), as the kernel's UDP send path would build it. */
static size_t build_frame(const unsigned char dst_mac[6], const unsigned char src_mac[6], struct in_addr src,
                          struct in_addr dst, int dst_port, size_t payload) {
    unsigned char *eth = frame, *ip = frame + 14, *udp = ip + 20, *data = udp + 8;
    size_t udp_len = 8 + payload;
    memcpy(eth, dst_mac, 6);
    memcpy(eth + 6, src_mac, 6);
    eth[12] = 0x08;
    eth[13] = 0x00;
    ip[0] = 0x45;
    ip[2] = (unsigned char) ((20 + udp_len) >> 8);
    ip[3] = (unsigned char) (20 + udp_len);
    ip[6] = 0x40; /* DF */
    ip[8] = 64;
    ip[9] = 17;
    memcpy(ip + 12, &src, 4);
    memcpy(ip + 16, &dst, 4);
    uint16_t ip_sum = fold(sum16(ip, 20, 0));
    ip[10] = (unsigned char) (ip_sum >> 8);
    ip[11] = (unsigned char) ip_sum;
    udp[0] = 40000 >> 8;
    udp[1] = 40000 & 0xff;
    udp[2] = (unsigned char) (dst_port >> 8);
    udp[3] = (unsigned char) dst_port;
    udp[4] = (unsigned char) (udp_len >> 8);
    udp[5] = (unsigned char) udp_len;
    for (size_t i = 0; i < payload; i++) {
        data[i] = (unsigned char) i;
    }
    uint32_t pseudo = sum16(ip + 12, 8, 0) + 17 + (uint32_t) udp_len;
    uint16_t udp_sum = fold(sum16(udp, udp_len, pseudo));
    if (udp_sum == 0) {
        udp_sum = 0xffff;
    }
    udp[6] = (unsigned char) (udp_sum >> 8);
    udp[7] = (unsigned char) udp_sum;
    return 14 + 20 + udp_len;
}

/* A packet socket that sends to `ifname`; fills in the frame and the destination. */
static int packet_socket(const char *ifname, const char *dst_mac_text, struct in_addr src, struct in_addr dst,
                         int dst_port, size_t payload, struct iovec *iov, struct sockaddr_ll *to) {
    unsigned char dst_mac[6];
    if (sscanf(dst_mac_text, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx", &dst_mac[0], &dst_mac[1], &dst_mac[2],
               &dst_mac[3], &dst_mac[4], &dst_mac[5]) != 6) {
        fprintf(stderr, "not a MAC address: %s\n", dst_mac_text);
        exit(2);
    }
    int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0); /* protocol 0: this socket receives nothing */
    if (fd < 0) {
        die("socket(AF_PACKET)");
    }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
    if (ioctl(fd, SIOCGIFHWADDR, &ifr) != 0) {
        die("SIOCGIFHWADDR");
    }
    /* no PACKET_QDISC_BYPASS: the frames must pass the device's egress hook, where the fan-out filter sits */
    memset(to, 0, sizeof *to);
    to->sll_family = AF_PACKET;
    to->sll_protocol = htons(ETH_P_IP);
    to->sll_ifindex = (int) if_nametoindex(ifname);
    to->sll_halen = 6;
    memcpy(to->sll_addr, dst_mac, 6);
    iov->iov_base = frame;
    iov->iov_len = build_frame(dst_mac, (unsigned char *) ifr.ifr_hwaddr.sa_data, src, dst, dst_port, payload);
    return fd;
}

/* A UDP socket bound to `src` and connected to `dst`; the kernel builds the headers. */
static int udp_socket(struct in_addr src, struct in_addr dst, int dst_port, size_t payload, struct iovec *iov) {
    struct sockaddr_in from = {.sin_family = AF_INET, .sin_addr = src};
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_addr = dst, .sin_port = htons(dst_port)};
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *) &from, sizeof from) != 0
            || connect(fd, (struct sockaddr *) &to, sizeof to) != 0) {
        die("UDP socket");
    }
    for (size_t i = 0; i < payload; i++) {
        frame[i] = (unsigned char) i;
    }
    iov->iov_base = frame;
    iov->iov_len = payload;
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 9) {
        fprintf(stderr, "usage: %s packet|socket IFNAME DST_MAC SRC_IPV4 DST_IPV4 DST_PORT PAYLOAD_BYTES"
                        " DURATION_MS\n", argv[0]);
        return 2;
    }
    int packet = strcmp(argv[1], "packet") == 0;
    struct in_addr src = ipv4(argv[4]), dst = ipv4(argv[5]);
    int dst_port = atoi(argv[6]);
    size_t payload = (size_t) atoi(argv[7]);
    long long duration = atoll(argv[8]) * 1000000LL;
    if (payload > MAX_PAYLOAD) {
        return 2;
    }
    struct iovec iov;
    struct sockaddr_ll to;
    int fd = packet ? packet_socket(argv[2], argv[3], src, dst, dst_port, payload, &iov, &to)
                    : udp_socket(src, dst, dst_port, payload, &iov);
    struct mmsghdr msgs[BATCH];
    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < BATCH; i++) {
        msgs[i].msg_hdr.msg_iov = &iov;
        msgs[i].msg_hdr.msg_iovlen = 1;
        if (packet) {
            msgs[i].msg_hdr.msg_name = &to;
            msgs[i].msg_hdr.msg_namelen = sizeof to;
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    long long start = now_nanos(), end = start + duration, sent = 0, t = start;
    while (t < end && !stopped) {
        int n = sendmmsg(fd, msgs, BATCH, 0);
        if (n > 0) {
            sent += n;
        }
        t = now_nanos();
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    long long cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000LL
            + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
    printf("sent=%lld nanos=%lld cpu_ns=%lld\n", sent, t - start, cpu);
    close(fd);
    return 0;
}
