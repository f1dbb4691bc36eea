/* Cache sizes from sysfs (see topology.h). */
#include "topology.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static size_t cache[4] = {0, 32u << 10, 1u << 20, 32u << 20};
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The first line of a sysfs file, or "" */
static void read_line(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    buf[0] = 0;
    if (!f) return;
    if (!fgets(buf, (int)len, f)) buf[0] = 0;
    buf[strcspn(buf, "\n")] = 0;
    fclose(f);
}

static void read_caches(void)
{
    for (int k = 0; k < 8; k++) {
        char path[96], level[16], type[32], size[32];
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/level", k);
        read_line(path, level, sizeof level);
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/type", k);
        read_line(path, type, sizeof type);
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", k);
        read_line(path, size, sizeof size);
        int lv = level[0] >= '1' && level[0] <= '3' && !level[1] ? level[0] - '0' : 0;
        if (!lv || !strcmp(type, "Instruction")) continue;
        char unit = 0;
        unsigned long v = 0;
        if (sscanf(size, "%lu%c", &v, &unit) < 1 || !v) continue;
        cache[lv] = (size_t)v << (unit == 'K' ? 10 : unit == 'M' ? 20 : unit == 'G' ? 30 : 0);
    }
}

size_t systec__cache_bytes(int level)
{
    pthread_once(&once, read_caches);
    return level >= 1 && level <= 3 ? cache[level] : 0;
}
