/* The tools' view of the machine (topology.h). */
#define _GNU_SOURCE /* sched_getaffinity */
#include "topology.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef TK_HAVE_HWLOC
#include <hwloc.h>
#endif

static double physical_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? (double)pages * (double)size : 0;
}

/* sysfs: CPU 0's caches, the affinity mask, the NUMA nodes. */
static void from_sysfs(tk_topology_t *t)
{
    cpu_set_t set;
    t->pus = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : (int)sysconf(_SC_NPROCESSORS_ONLN);
    t->cores = t->pus; /* sysfs gives no cheap core count: PUs stand for cores */
    for (int idx = 0; idx < 16; idx++) {
        char path[96], type[32] = "";
        int level = 0;
        unsigned long long size = 0;
        char unit = 0;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/level", idx);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        int ok = fscanf(f, "%d", &level) == 1;
        fclose(f);
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/type", idx);
        if ((f = fopen(path, "r"))) ok &= fscanf(f, "%31s", type) == 1, fclose(f);
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", idx);
        if ((f = fopen(path, "r"))) ok &= fscanf(f, "%llu%c", &size, &unit) >= 1, fclose(f);
        if (!ok || level < 1 || level > 3 || !strcmp(type, "Instruction")) continue;
        t->cache[level] = (double)size * (unit == 'K' ? 1024.0 : unit == 'M' ? 1048576.0 : 1.0);
    }
    t->numa = 0;
    for (int node = 0; node < 1024; node++) {
        char path[64];
        snprintf(path, sizeof path, "/sys/devices/system/node/node%d", node);
        if (access(path, F_OK)) break;
        t->numa++;
    }
}

#ifdef TK_HAVE_HWLOC
/* 0, or -1 with the reason in t->source. */
static int from_hwloc(tk_topology_t *t)
{
    hwloc_topology_t topo;
    if (hwloc_topology_init(&topo) || hwloc_topology_load(topo)) {
        snprintf(t->source, sizeof t->source, "sysfs (hwloc could not load the topology)");
        return -1;
    }
    hwloc_bitmap_t set = hwloc_bitmap_alloc();
    if (!set || hwloc_get_cpubind(topo, set, HWLOC_CPUBIND_PROCESS))
        hwloc_bitmap_copy(set, hwloc_topology_get_allowed_cpuset(topo));
    t->pus = hwloc_bitmap_weight(set);
    t->cores = hwloc_get_nbobjs_inside_cpuset_by_type(topo, set, HWLOC_OBJ_CORE);
    t->numa = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_NUMANODE);
    hwloc_obj_t pu = hwloc_get_pu_obj_by_os_index(topo, (unsigned)hwloc_bitmap_first(set));
    for (hwloc_obj_t o = pu ? pu->parent : NULL; o; o = o->parent)
        if (hwloc_obj_type_is_dcache(o->type) && o->attr->cache.depth >= 1 &&
            o->attr->cache.depth <= 3)
            t->cache[o->attr->cache.depth] = (double)o->attr->cache.size;
    hwloc_obj_t root = hwloc_get_root_obj(topo);
    if (root && root->total_memory) t->memory = (double)root->total_memory;
    unsigned v = hwloc_get_api_version();
    snprintf(t->source, sizeof t->source, "hwloc %u.%u.%u", v >> 16, (v >> 8) & 0xff, v & 0xff);
    hwloc_bitmap_free(set);
    hwloc_topology_destroy(topo);
    return 0;
}
#endif

void tk_topology_read(tk_topology_t *t)
{
    memset(t, 0, sizeof *t);
#ifdef TK_HAVE_HWLOC
    if (from_hwloc(t) == 0) {
        if (!t->memory) t->memory = physical_memory();
        return;
    }
    memset(t->cache, 0, sizeof t->cache);
#else
    snprintf(t->source, sizeof t->source, "sysfs (built without hwloc: install libhwloc-dev)");
#endif
    from_sysfs(t);
    t->memory = physical_memory();
}

static void bytes(double b, char *buf, int len)
{
    if (b >= 1 << 30) snprintf(buf, (size_t)len, "%.0f GiB", b / (1 << 30));
    else if (b >= 1 << 20) snprintf(buf, (size_t)len, "%.0f MiB", b / (1 << 20));
    else snprintf(buf, (size_t)len, "%.0f KiB", b / 1024);
}

void tk_topology_line(const tk_topology_t *t, char *buf, int len)
{
    int w = snprintf(buf, (size_t)len, "%d core%s (%d PU%s) usable, %d NUMA node%s;", t->cores,
                     t->cores == 1 ? "" : "s", t->pus, t->pus == 1 ? "" : "s", t->numa,
                     t->numa == 1 ? "" : "s");
    for (int l = 1; l <= 3 && w < len; l++) {
        char b[32];
        if (!t->cache[l]) continue;
        bytes(t->cache[l], b, sizeof b);
        w += snprintf(buf + w, (size_t)(len - w), " L%d%s %s", l, l == 1 ? "d" : "", b);
    }
    if (t->memory > 0 && w < len) {
        char b[32];
        bytes(t->memory, b, sizeof b);
        snprintf(buf + w, (size_t)(len - w), "; memory %s", b);
    }
}
