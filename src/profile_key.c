/* What a tuning profile is keyed by (profile.h): the build id (the library
 * version and a hash of everything that changes what the thresholds mean:
 * the generated kernel table, the tuning parameters, the compiler and its
 * flags) and the machine (CPU model, the ISA variant in use, the caches of
 * CPU 0, the CPUs this process may use). A profile whose key differs from
 * this process's is not used (profile.c). The thread counts its parallel
 * thresholds were measured at are its sections, chosen per plan. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "profile.h"
#include "systec_build_config.h"
#include "topology.h"

#include "kernels.h"

#include <ctype.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return (h ^ 0xff) * 0x100000001b3ull; /* a separator, so "ab"+"c" != "a"+"bc" */
}

static void build_id(char *buf, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    h = fnv(h, systec_version_string());
    for (int k = 0; k < SYSTEC_K_COUNT; k++) h = fnv(h, systec__kmeta(k)->name);
    int n;
    const systec__tuning_param *p = systec__tuning_params(&n);
    for (int k = 0; k < n; k++) h = fnv(h, p[k].name);
    h = fnv(h, SYSTEC_BUILD_FLAGS);
    snprintf(buf, len, "%s-%016llx", systec_version_string(), (unsigned long long)h);
}

/* Collapses runs of white space and trims both ends. */
static void squeeze(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++)
        if (!isspace((unsigned char)*r) || (w > s && !isspace((unsigned char)w[-1])))
            *w++ = isspace((unsigned char)*r) ? ' ' : *r;
    while (w > s && w[-1] == ' ') w--;
    *w = 0;
}

static void cpu_model(char *buf, size_t len)
{
    buf[0] = 0;
#if defined(__x86_64__) || defined(__i386__)
    unsigned r[12];
    if (__get_cpuid_max(0x80000000u, NULL) >= 0x80000004u) {
        for (unsigned k = 0; k < 3; k++)
            __get_cpuid(0x80000002u + k, &r[4 * k], &r[4 * k + 1], &r[4 * k + 2], &r[4 * k + 3]);
        snprintf(buf, len, "%.48s", (const char *)r);
    }
#endif
    FILE *f = buf[0] ? NULL : fopen("/proc/cpuinfo", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (colon && !strncmp(line, "model name", 10)) {
            snprintf(buf, len, "%s", colon + 1);
            break;
        }
    }
    if (f) fclose(f);
    squeeze(buf);
    if (!buf[0]) snprintf(buf, len, "unknown");
}

/* "L1d:32K L2:1024K L3:32768K" (topology.c reads sysfs) */
static void caches(char *buf, size_t len)
{
    systec__cache c[16];
    int n = systec__caches(c, 16);
    size_t w = 0;
    buf[0] = 0;
    for (int k = 0; k < n; k++) {
        int m = snprintf(buf + w, len - w, "%sL%d%s:%s", w ? " " : "", c[k].level,
                         c[k].data ? "d" : "", c[k].size);
        if (m < 0 || (size_t)m >= len - w) break;
        w += (size_t)m;
    }
    if (!buf[0]) snprintf(buf, len, "unknown");
}

static int usable_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static systec__pkey here;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void compute(void)
{
    build_id(here.build, sizeof here.build);
    cpu_model(here.cpu, sizeof here.cpu);
    snprintf(here.isa, sizeof here.isa, "%s", systec_isa());
    caches(here.caches, sizeof here.caches);
    here.cores = usable_cores();
}

const systec__pkey *systec__pkey_here(void)
{
    pthread_once(&once, compute);
    return &here;
}

const char *systec_build_id(void) { return systec__pkey_here()->build; }
