/* The caches the dispatcher sizes its choices by: per level, the data (or
 * unified) cache one core sees, read once from sysfs
 * (/sys/devices/system/cpu/cpu0/cache), with defaults where it cannot be
 * read (32 KiB, 1 MiB, 32 MiB). */
#ifndef SYSTEC_TOPOLOGY_H
#define SYSTEC_TOPOLOGY_H

#include <stddef.h>

/* The size in bytes of the level-`level` (1-3) data or unified cache. */
size_t systec__cache_bytes(int level);

#endif
