/* Thread control: how many threads the parallel kernels may use.
 *
 * The default is read once, at first use: SYSTEC_NUM_THREADS if set (a
 * positive integer), else OMP_NUM_THREADS (its first value), else the cores
 * this process may run on (its CPU affinity mask, capped by a cgroup CPU
 * quota), never the machine's core count. A handle's plan may ask for
 * another count per operation (systec_symmat_hint's nthreads). Inside an
 * enclosing OpenMP parallel region a call runs its serial kernel, unless its
 * plan was given a thread count explicitly. Built without OpenMP, every
 * count is 1. OpenMP (libgomp) is the only threading layer: the library
 * keeps no threads or pools of its own. */
#ifndef SYSTEC_THREADS_H
#define SYSTEC_THREADS_H

#include "internal.h"

/* Where the default thread count came from, for descriptions. */
typedef enum {
    SYSTEC__THR_SERIAL_BUILD, /* built without OpenMP */
    SYSTEC__THR_ENV_SYSTEC,   /* SYSTEC_NUM_THREADS */
    SYSTEC__THR_ENV_OMP,      /* OMP_NUM_THREADS */
    SYSTEC__THR_AFFINITY,     /* the CPU affinity mask */
    SYSTEC__THR_CGROUP,       /* the cgroup CPU quota (below the mask) */
    SYSTEC__THR_SET           /* systec_set_num_threads */
} systec__thr_source;

/* The default thread count (>= 1) and where it came from (may be NULL):
 * systec_set_num_threads's count, or the one read at first use. */
int systec__threads_default(systec__thr_source *src);
/* The text of a source, e.g. "SYSTEC_NUM_THREADS". */
const char *systec__thr_source_name(systec__thr_source s);
/* 1 when the library was built with OpenMP. */
int systec__threads_openmp(void);
/* The threads (parts) a plan uses: its hint if > 0 (capped at the limit
 * below; without OpenMP the parts of a forced parallel variant then run one
 * after another), else the default. */
int systec__threads_for(int hint);
/* Whether a call made now runs serially whatever its plan says: inside an
 * enclosing OpenMP parallel region, unless the plan's thread count was
 * asked for explicitly (explicit != 0). */
int systec__threads_serial_now(int explicit_count);

/* Parses a thread count (a positive integer, at most SYSTEC__MAX_THREADS;
 * for OMP_NUM_THREADS the first value of a list): the count, or 0 if the
 * text is not one. */
int systec__threads_parse(const char *text);
#define SYSTEC__MAX_THREADS 4096

/* The cores the process may use: the affinity mask's count, capped by the
 * cgroup CPU quota (rounded up); *by_quota set when the quota decided. */
int systec__threads_cores(int *by_quota);

/* The smallest cgroup CPU quota, in cores rounded up, on the way from the
 * cgroup at mount/rel up to mount (cgroup v2 cpu.max, or v1
 * cpu.cfs_quota_us over cpu.cfs_period_us); 0 if none. */
int systec__threads_cgroup_quota(const char *mount, const char *rel);

#endif
