/*
 * Reference TAP reader for TapReceiveBenchmark: what a plain C program gets from the same device.
 *
 * Attaches to an existing (persistent) TAP device with TUNSETIFF (IFF_TAP | IFF_NO_PI), non-blocking, then does
 * one read() per frame into a static buffer; when the queue is empty (EAGAIN) it waits in poll(), exactly as
 * jwsk's TapDriver is driven in the benchmark. The clock starts at the first frame: frames during the warm-up are
 * not counted, then frames are counted for the measurement window.
 *
 * usage: tap_reader IFNAME WARMUP_MS MEASURE_MS
 * prints "attached" once the device is open, then "frames=N nanos=T bytes=B errors=E empty=Q user_ns=U sys_ns=S":
 * Q is how often the queue was found empty (a wait in poll), U and S the CPU time this thread spent in user space
 * and in the kernel during the window.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static unsigned char frame[2048];

static long long now_nanos(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int attach(const char *name) {
    int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        perror("open /dev/net/tun");
        exit(2);
    }
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &ifr) != 0) {
        perror("TUNSETIFF");
        exit(2);
    }
    return fd;
}

static long long cpu_nanos(long long *sys) {
    struct rusage ru;
    getrusage(RUSAGE_THREAD, &ru);
    *sys = (long long) ru.ru_stime.tv_sec * 1000000000LL + ru.ru_stime.tv_usec * 1000LL;
    return (long long) ru.ru_utime.tv_sec * 1000000000LL + ru.ru_utime.tv_usec * 1000LL;
}

/* Reads one frame; returns its length, 0 if none is queued (after waiting up to 10 ms), -1 on an error. */
static long read_one(int fd) {
    long n = read(fd, frame, sizeof frame);
    if (n >= 0) {
        return n;
    }
    if (errno == EAGAIN || errno == EINTR) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        poll(&p, 1, 10);
        return 0;
    }
    return -1;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s IFNAME WARMUP_MS MEASURE_MS\n", argv[0]);
        return 2;
    }
    long long warmup = atoll(argv[2]) * 1000000LL;
    long long measure = atoll(argv[3]) * 1000000LL;
    int fd = attach(argv[1]);
    printf("attached\n");
    fflush(stdout);

    long long give_up = now_nanos() + 10000000000LL; /* no traffic within 10 s: fail */
    long n;
    while ((n = read_one(fd)) == 0) {
        if (now_nanos() > give_up) {
            fprintf(stderr, "no frames arrived\n");
            return 3;
        }
    }
    long long start = now_nanos() + warmup;
    long long end = start + measure;
    long long frames = 0, bytes = 0, errors = 0, empty = 0, t = now_nanos(), checked = 0;
    while (t < start) {
        if (read_one(fd) < 0) {
            errors++;
        }
        t = now_nanos();
    }
    long long sys0, sys1;
    long long user0 = cpu_nanos(&sys0);
    while (t < end) {
        n = read_one(fd);
        if (n > 0) {
            frames++;
            bytes += n;
        } else if (n < 0) {
            errors++;
        } else {
            empty++;
        }
        if (n <= 0 || ++checked % 64 == 0) {
            t = now_nanos(); /* the clock is read every 64 frames, or when the queue is empty */
        }
    }
    long long user1 = cpu_nanos(&sys1);
    printf("frames=%lld nanos=%lld bytes=%lld errors=%lld empty=%lld user_ns=%lld sys_ns=%lld\n", frames,
           t - start, bytes, errors, empty, user1 - user0, sys1 - sys0);
    close(fd);
    return 0;
}
