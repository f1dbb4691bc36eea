/* The caches the dispatcher sizes its choices by, and the machine key of
 * tuning profiles lists: the data (or unified) caches of cpu0, read once
 * from sysfs (/sys/devices/system/cpu/cpu0/cache), with defaults for the
 * sizes where it cannot be read (32 KiB, 1 MiB, 32 MiB). */
#ifndef SYSTEC_TOPOLOGY_H
#define SYSTEC_TOPOLOGY_H

#include <stddef.h>

/* One cache as sysfs describes it. */
typedef struct {
    int level;     /* 1, 2, 3, ... */
    int data;      /* 1: a data cache ("Data"), 0: unified */
    char size[32]; /* as sysfs writes it, e.g. "32K" */
    size_t bytes;
} systec__cache;

/* The caches of cpu0 in sysfs order, at most max; their number (0 when
 * sysfs says nothing). */
int systec__caches(systec__cache *out, int max);

/* The size in bytes of the level-`level` (1-3) data or unified cache. */
size_t systec__cache_bytes(int level);

#endif
