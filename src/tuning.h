/* The tuning table: every threshold the dispatcher uses, in one place, with
 * the values measured on the development machine as defaults. A profile
 * written by systec-tune replaces them per machine (the profile format and
 * its loader belong to systec-tune; the interface is systec__tuning_set()).
 * The table is read-only once the library has made its first decision. */
#ifndef SYSTEC_TUNING_H
#define SYSTEC_TUNING_H

#include "internal.h"

typedef struct systec__tuning {
    /* row-loop schedule: the plain loop (serial_short) for cache-sized
     * matrices with short rows, else the unrolled loop with prefetch */
    double short_row_entries;   /* stored triangle entries per row, below: short */
    double short_row_max_bytes; /* triangle bytes, above: memory-resident */
    /* the entry stream (split storage whose entries carry their row) */
    double stream_min_rows;     /* fewer rows: the branch predictor learns them */
    double stream_max_entries;  /* stored triangle entries per row, above: long rows */
    double stream_min_change;   /* share of rows whose length differs from the
                                   previous row's, below: regular enough */
    double reduce_stream_short; /* reductions (syprd) on any rows, below this
                                   many stored triangle entries per row */
    double stream_min_calls;    /* expected calls (hint) below which the stream
                                   is not built: its cost is not repaid */
    /* MTTKRP: the tree kernel when canonical entries per last-level fiber
     * reach this (shared prefixes), else the per-entry kernel */
    double mttkrp_tree_fanout;
    /* coordinate kernels (format coo): the per-entry symmetric kernel writes
     * several output rows per entry (systec_kmeta_t.scatter); above this many
     * output bytes those rows leave the cache and the updates ordered by
     * output row (storage byout) run instead */
    double coo_scatter_bytes;
    /* ... and with output symmetry over free indices, the orbits accumulated
     * per row (storage byrow) from this many canonical entries */
    double coo_byrow_min_entries;
    /* SSYRK: output entries reserved up front, above: start small and double */
    double syrk_reserve_entries;
    /* the cost model that reports preprocessing in kernel calls */
    double model_gbs;           /* memory bandwidth, GB/s */
} systec__tuning;

/* The table in force (defaults, or what systec__tuning_set changed). */
const systec__tuning *systec__tuning_get(void);

/* One parameter of the table, for profiles and descriptions. */
typedef struct {
    const char *name;
    size_t offset;
    double def, min, max;
    const char *what;
} systec__tuning_param;
/* The parameters, and their number. */
const systec__tuning_param *systec__tuning_params(int *count);
/* Sets parameter `name` of the table in force to v (before the first
 * kernel call; not thread-safe: for profile loading and tests). */
systec_status_t systec__tuning_set(const char *name, double v);
/* Restores every default. */
void systec__tuning_reset(void);

#endif
