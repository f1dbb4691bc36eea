/*
 * The machine as the tools see it (topology.c): the cores this process may
 * use, NUMA nodes and the caches of its first core, from hwloc, or from
 * Linux's sysfs with a note when hwloc is missing or fails. Only the tools
 * use hwloc; the library keys profiles by sysfs alone.
 */
#ifndef TUNE_TOPOLOGY_H
#define TUNE_TOPOLOGY_H

typedef struct tk_topology {
    char source[160]; /* "hwloc 2.9.0", or "sysfs (...why not hwloc)" */
    int cores, pus;   /* usable by this process */
    int numa;         /* NUMA nodes (0: unknown) */
    double cache[4];  /* bytes of the data/unified caches L1..L3 of the first core; 0: none */
    double memory;    /* bytes of physical memory (0: unknown) */
} tk_topology_t;

void tk_topology_read(tk_topology_t *t);
/* "2 cores (2 PUs), 1 NUMA node; L1d 32 KiB, L2 1 MiB, L3 32 MiB; 23 GiB" */
void tk_topology_line(const tk_topology_t *t, char *buf, int len);

#endif /* TUNE_TOPOLOGY_H */
