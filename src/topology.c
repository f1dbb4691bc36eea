/* Caches from sysfs (see topology.h). */
#include "topology.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define MAX_CACHES 16

static systec__cache found[MAX_CACHES];
static int nfound;
static size_t bytes[4] = {0, 32u << 10, 1u << 20, 32u << 20};
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The first line of a sysfs file without its newline, or "" */
static void read_line(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    buf[0] = 0;
    if (!f) return;
    if (!fgets(buf, (int)len, f)) buf[0] = 0;
    buf[strcspn(buf, " \t\n")] = 0;
    fclose(f);
}

static void read_caches(void)
{
    for (int k = 0; k < MAX_CACHES; k++) {
        char path[96], level[16], type[32];
        systec__cache *c = &found[nfound];
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/level", k);
        read_line(path, level, sizeof level);
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/type", k);
        read_line(path, type, sizeof type);
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", k);
        read_line(path, c->size, sizeof c->size);
        if (sscanf(level, "%d", &c->level) != 1 || !strcmp(type, "Instruction")) continue;
        c->data = !strcmp(type, "Data");
        char unit = 0;
        unsigned long v = 0;
        sscanf(c->size, "%lu%c", &v, &unit);
        c->bytes = (size_t)v << (unit == 'K' ? 10 : unit == 'M' ? 20 : unit == 'G' ? 30 : 0);
        if (c->level >= 1 && c->level <= 3 && c->bytes) bytes[c->level] = c->bytes;
        nfound++;
    }
}

int systec__caches(systec__cache *out, int max)
{
    pthread_once(&once, read_caches);
    int n = nfound < max ? nfound : max;
    memcpy(out, found, sizeof *out * (size_t)(n > 0 ? n : 0));
    return n;
}

size_t systec__cache_bytes(int level)
{
    pthread_once(&once, read_caches);
    return level >= 1 && level <= 3 ? bytes[level] : 0;
}
