/* Thread control (see threads.h). */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "threads.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

int systec__threads_parse(const char *text)
{
    if (!text) return 0;
    while (*text == ' ' || *text == '\t') text++;
    long v = 0;
    int digits = 0;
    for (; *text >= '0' && *text <= '9' && v <= SYSTEC__MAX_THREADS; text++, digits++)
        v = v * 10 + (*text - '0');
    while (*text == ' ' || *text == '\t') text++;
    /* OMP_NUM_THREADS may list a count per nesting level: the first is ours */
    if (!digits || (*text && *text != ',') || v < 1 || v > SYSTEC__MAX_THREADS) return 0;
    return (int)v;
}

/* ------------------------------------------------------------- cores */

/* The quota of one cgroup directory in cores (rounded up), 0 if none:
 * cgroup v2 "cpu.max" ("max 100000" or "<quota> <period>"), or v1
 * "cpu.cfs_quota_us" / "cpu.cfs_period_us". */
static int dir_quota(const char *dir)
{
    char path[4200];
    long long quota = -1, period = 0;
    snprintf(path, sizeof path, "%s/cpu.max", dir);
    FILE *f = fopen(path, "r");
    if (f) {
        char q[32] = "";
        if (fscanf(f, "%31s %lld", q, &period) == 2 && strcmp(q, "max")) quota = atoll(q);
        fclose(f);
    } else {
        snprintf(path, sizeof path, "%s/cpu.cfs_quota_us", dir);
        if ((f = fopen(path, "r"))) {
            if (fscanf(f, "%lld", &quota) != 1) quota = -1;
            fclose(f);
        }
        snprintf(path, sizeof path, "%s/cpu.cfs_period_us", dir);
        if (quota > 0 && (f = fopen(path, "r"))) {
            if (fscanf(f, "%lld", &period) != 1) period = 0;
            fclose(f);
        }
    }
    if (quota <= 0 || period <= 0) return 0;
    long long cores = (quota + period - 1) / period;
    return cores > SYSTEC__MAX_THREADS ? SYSTEC__MAX_THREADS : (int)(cores < 1 ? 1 : cores);
}

int systec__threads_cgroup_quota(const char *mount, const char *rel)
{
    char dir[4200];
    int best = 0;
    snprintf(dir, sizeof dir, "%s%s", mount, rel);
    size_t root = strlen(mount);
    for (;;) {
        size_t len = strlen(dir);
        while (len > root && dir[len - 1] == '/') dir[--len] = 0;
        int q = dir_quota(dir);
        if (q && (!best || q < best)) best = q;
        char *slash = strrchr(dir, '/');
        if (len <= root || !slash || (size_t)(slash - dir) < root) break;
        *slash = 0;
    }
    return best;
}

/* Whether a v1 controller list ("cpu,cpuacct") names the cpu controller. */
static int has_cpu(const char *ctl)
{
    for (const char *c = ctl; *c;) {
        size_t len = strcspn(c, ",");
        if (len == 3 && !strncmp(c, "cpu", 3)) return 1;
        c += len + (c[len] == ',');
    }
    return 0;
}

/* The process's cgroup CPU quota in cores, 0 if none (v2, else v1). */
static int cgroup_quota(void)
{
    FILE *f = fopen("/proc/self/cgroup", "r");
    if (!f) return 0;
    char line[4096];
    int best = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2) continue;
        *c2 = 0;
        const char *ctl = c1 + 1, *rel = c2 + 1;
        int q = 0;
        if (!*ctl && line[0] == '0')
            q = systec__threads_cgroup_quota("/sys/fs/cgroup", rel);
        else if (has_cpu(ctl))
            q = systec__threads_cgroup_quota("/sys/fs/cgroup/cpu", rel);
        if (!q && has_cpu(ctl))
            q = systec__threads_cgroup_quota("/sys/fs/cgroup/cpu,cpuacct", rel);
        if (q && (!best || q < best)) best = q;
    }
    fclose(f);
    return best;
}

int systec__threads_cores(int *by_quota)
{
    int n = 1;
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) n = CPU_COUNT(&set);
    if (n < 1) n = 1;
    int q = cgroup_quota();
    *by_quota = q > 0 && q < n;
    return *by_quota ? q : n;
}

/* ----------------------------------------------------------- default */

static struct {
    int count;
    systec__thr_source src;
} deflt;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void read_default(void)
{
#ifdef _OPENMP
    int v = systec__threads_parse(getenv("SYSTEC_NUM_THREADS"));
    if (v) {
        deflt.count = v, deflt.src = SYSTEC__THR_ENV_SYSTEC;
        return;
    }
    v = systec__threads_parse(getenv("OMP_NUM_THREADS"));
    if (v) {
        deflt.count = v, deflt.src = SYSTEC__THR_ENV_OMP;
        return;
    }
    int by_quota;
    deflt.count = systec__threads_cores(&by_quota);
    deflt.src = by_quota ? SYSTEC__THR_CGROUP : SYSTEC__THR_AFFINITY;
#else
    deflt.count = 1;
    deflt.src = SYSTEC__THR_SERIAL_BUILD;
#endif
}

static atomic_int set_count; /* systec_set_num_threads; 0: the default */

int systec__threads_default(systec__thr_source *src)
{
    pthread_once(&once, read_default);
    int set = atomic_load(&set_count);
    if (set > 0 && systec__threads_openmp()) {
        if (src) *src = SYSTEC__THR_SET;
        return set;
    }
    if (src) *src = deflt.src;
    return deflt.count;
}

systec_status_t systec_set_num_threads(int n)
{
    systec__clear_error();
    if (n < 0) return systec__fail(SYSTEC_ERR_INVALID_VALUE, "negative thread count %d", n);
    atomic_store(&set_count, n > SYSTEC__MAX_THREADS ? SYSTEC__MAX_THREADS : n);
    return SYSTEC_SUCCESS;
}

int systec_get_num_threads(void) { return systec__threads_default(NULL); }

const char *systec__thr_source_name(systec__thr_source s)
{
    switch (s) {
    case SYSTEC__THR_ENV_SYSTEC: return "SYSTEC_NUM_THREADS";
    case SYSTEC__THR_ENV_OMP: return "OMP_NUM_THREADS";
    case SYSTEC__THR_AFFINITY: return "the CPU affinity mask";
    case SYSTEC__THR_CGROUP: return "the cgroup CPU quota";
    case SYSTEC__THR_SET: return "systec_set_num_threads";
    case SYSTEC__THR_SERIAL_BUILD:
    default: return "a build without OpenMP";
    }
}

int systec__threads_openmp(void)
{
#ifdef _OPENMP
    return 1;
#else
    return 0;
#endif
}

int systec__threads_for(int hint)
{
    if (hint > 0) return hint > SYSTEC__MAX_THREADS ? SYSTEC__MAX_THREADS : hint;
    return systec__threads_default(NULL);
}

int systec__threads_serial_now(int explicit_count)
{
#ifdef _OPENMP
    return !explicit_count && omp_in_parallel();
#else
    (void)explicit_count;
    return 0; /* no enclosing region without OpenMP: parts run one after another */
#endif
}
