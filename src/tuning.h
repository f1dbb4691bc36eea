/* The tuning table: every threshold the dispatcher uses, in one place, with
 * the values measured on the development machine as defaults. A profile
 * written by systec-tune replaces them per machine: the process-wide table
 * is filled once, at the first decision, from the profile profile.c finds
 * (or the defaults), and is read-only from then on. A handle may carry its
 * own table; while it is planned, this thread's decisions read that one
 * (systec__tuning_scope). */
#ifndef SYSTEC_TUNING_H
#define SYSTEC_TUNING_H

#include "systec.h"

#include <stddef.h>

#define SYSTEC__TUNING_SECTIONS 8   /* thread counts one table holds values for */
#define SYSTEC__TUNING_MAXPARAMS 48  /* parameters, at most */

typedef struct systec__tuning {
    /* row-loop schedule: the plain loop (serial_short) for cache-sized
     * matrices with short rows, else the unrolled loop with prefetch */
    double short_row_entries;   /* stored triangle entries per row, below: short */
    double short_row_max_bytes; /* triangle bytes, above: memory-resident */
    /* the indirect-prefetch schedule (serial_ipf): for matrices whose
     * entries reach far, when x and y exceed the L2 */
    double ipf_min_spread;      /* share of entries beyond the cached window */
    /* the entry stream (split storage whose entries carry their row) */
    double stream_min_rows;     /* fewer rows: the branch predictor learns them */
    double stream_max_entries;  /* stored triangle entries per row, above: long rows */
    double stream_min_change;   /* share of rows whose length differs from the
                                   previous row's, below: regular enough */
    double reduce_stream_short; /* reductions (syprd) on any rows, below this
                                   many stored triangle entries per row */
    double scatter_stream_short; /* scattering operations on any rows, below
                                    this many stored triangle entries per row
                                    (0: the rule is off) ... */
    double scatter_stream_min_rows; /* ... from this many rows */
    double stream_min_calls;    /* expected calls (hint) below which the stream
                                   is not built: its cost is not repaid */
    /* MTTKRP: the tree kernel while the canonical tree's nodes (all levels)
     * are at most a share of the entries' coordinates (nnz * order: the
     * prefixes are shared), else the per-entry kernel; the share is
     * mttkrp_tree_max_share at order 3, mttkrp_tree_share_step less per
     * order above (a deeper tree pays more per path) */
    double mttkrp_tree_max_share;
    double mttkrp_tree_share_step;
    /* tensor kernels: a call's columns run in blocks of the compiled ranks
     * up to this one (widest first), the rest in the blocked run-time form */
    double tensor_fixed_rank_max;
    /* coordinate kernels (format coo): the per-entry symmetric kernel writes
     * several output rows per entry (systec_kmeta_t.scatter); above this many
     * output bytes those rows leave the cache and the updates ordered by
     * output row (storage byout) run instead */
    double coo_scatter_bytes;
    /* ... and with output symmetry over free indices, the orbits accumulated
     * per row (storage byrow) from this many canonical entries */
    double coo_byrow_min_entries;
    /* TTM: the sparse output when the rows A reaches are at most this share
     * of the packed output's n(n+1)/2 */
    double ttm_rows_max_share;
    /* SSYRK: output entries reserved up front, above: start small and double */
    double syrk_reserve_entries;
    /* parallel schedules (threads from SYSTEC_NUM_THREADS, OMP_NUM_THREADS,
     * the affinity mask, or a plan's hint) */
    double par_min_entries;      /* stored triangle entries plus rows per thread,
                                    below: serial */
    double par_rows_max_buffer;  /* omp_rows buffers' rows over n, above: try a
                                    colouring */
    double par_parts_per_thread; /* omp_rows, omp_private: parts per thread, taken
                                    dynamically (absorbs uneven cores) ... */
    double par_parts_max_traffic; /* ... while their buffers' traffic stays within
                                     this share of a call's (else one per thread) */
    /* tensor kernels (gen/lower_omp_tensor.c): parallel from this many
     * canonical entries (or stored updates) times columns (R) per thread;
     * MTTKRP's per-thread
     * output copies (omp_private) while output rows x (threads - 1) are at
     * most tensor_par_max_copy x entries, else serial */
    double tensor_par_min_work;
    double tensor_par_max_copy;
    double color_min_calls;      /* expected calls (hint) below which no colouring
                                    is built */
    double color_blocks_per_thread; /* omp_color: blocks per thread */
    double color_max_colors;     /* omp_color only with at most this many colours */
    double expand_min_calls;     /* ... else row parts on the full expansion (both
                                    triangles, no buffers) from this many expected
                                    calls (hint), else serial */
    /* the cost model that reports preprocessing in kernel calls */
    double model_gbs;           /* memory bandwidth, GB/s */
    /* per-matrix measurement: optimize times the candidate variants of an
     * operation hinted to run at least this many calls */
    double measure_min_calls;
    /* keep last: the parameters marked per thread count (par_*, color_*)
     * measured at given thread counts, one section each (a profile's
     * "threads N" sections); a plan on N threads reads section N's values,
     * or the ones above when there is none (systec__tuning_threads) */
    int nsections;
    struct systec__tuning_section {
        int threads;                          /* >= 2, ascending */
        double v[SYSTEC__TUNING_MAXPARAMS];   /* by parameter index (per-thread ones) */
    } section[SYSTEC__TUNING_SECTIONS];
} systec__tuning;

/* The table in force for this thread's decisions: the scoped one while a
 * handle with its own thresholds is planned, else the process-wide one
 * (on first use filled from the profile, see profile.c). */
const systec__tuning *systec__tuning_get(void);
/* The table a plan on `threads` threads reads: this thread's table
 * (systec__tuning_get) with its section for that count applied, if it has
 * one. Valid until this thread's next call. */
const systec__tuning *systec__tuning_threads(int threads);
/* The index of t's section for `threads`, or -1. */
int systec__tuning_section(const systec__tuning *t, int threads);
/* Adds t's section for `threads` (>= 2) holding t's current values, or
 * finds it: its index, or -1 when every section is taken. */
int systec__tuning_add_section(systec__tuning *t, int threads);
/* The process-wide table (read from the profile on first use). */
const systec__tuning *systec__tuning_process(void);
/* Makes t the table this thread's decisions read (NULL: the process-wide
 * one) and returns the previous one, to restore after planning. */
const systec__tuning *systec__tuning_scope(const systec__tuning *t);

/* One parameter of the table, for profiles and descriptions. */
typedef struct {
    const char *name;
    size_t offset;
    double def, min, max;
    const char *what;
    int per_threads; /* decides a parallel plan: may differ per thread count */
} systec__tuning_param;
/* The parameters, and their number. */
const systec__tuning_param *systec__tuning_params(int *count);
/* The index of the parameter named `name`, or -1. */
int systec__tuning_find(const char *name);
/* Parameter k of a table. */
static inline double *systec__tuning_at(systec__tuning *t, int k)
{
    return (double *)((char *)t + systec__tuning_params(&(int){0})[k].offset);
}
/* Fills t with the compiled defaults. */
void systec__tuning_defaults(systec__tuning *t);
/* Checks v against parameter k's range; records why not. */
systec_status_t systec__tuning_check(int k, double v);
/* Sets parameter `name` of the process-wide table to v, in every section
 * too (not thread-safe: for tests). */
systec_status_t systec__tuning_set(const char *name, double v);
/* Restores every default of the process-wide table (tests). */
void systec__tuning_reset(void);

#endif
