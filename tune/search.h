/*
 * The threshold search (search.c). A case is one operation of one input at
 * one expected-calls hint; its regret under a profile is the cost of the
 * variant the dispatcher picks over the cost of the best variant measured.
 * Each threshold is searched in turn (coordinate descent, a few passes)
 * over its candidate values, the others held, by the summed log regret of
 * its cases -- those with unknown (many) expected calls, or for the
 * expected-calls threshold those with few; a value replaces the current
 * one only when it lowers that sum by more than the noise of the
 * difference (the paired rounds of the cases whose choice changes), so a
 * difference within the noise never moves a threshold, and only when none
 * of the cases it changes gets worse by more than its own noise band plus
 * 10% (a gain on many inputs never buys a clear loss on one).
 *
 * Which values are tried for a threshold is the table in search.c: one row
 * per parameter of the library's tuning table. A parameter without a row
 * (one added to the library later) is still searched, on a generic grid
 * around its default; parameters that are not decided by timing the
 * variants (a memory cap, the cost model's bandwidth) are marked derived
 * and set by systec-tune from what it measured.
 */
#ifndef TUNE_SEARCH_H
#define TUNE_SEARCH_H

#include <stdio.h>

#include "cases.h"

typedef struct tk_case {
    tk_group_t *g;
    int64_t hint;  /* expected calls; 0: unknown (many) */
    double weight; /* in the objective */
} tk_case_t;

/* The cases of n inputs: every timed group at hint 0, and the groups with
 * a stream variant also at a few small hints (their weights sum to one per
 * group). *out is malloc'ed; returns the count. */
int tk_cases(tk_input_t *const *in, int n, tk_case_t **out);

/* cost(choice) / cost(best) over the cases at hint 0 (hinted = 0) or at
 * small hints (1) under P (NULL: the process-wide profile). */
typedef struct tk_regret {
    double geo, worst;
    int n, unknown;          /* cases counted; cases whose choice was not timed */
    const tk_case_t *worst_case;
} tk_regret_t;
tk_regret_t tk_regret(const tk_case_t *c, int n, const systec_profile_t *P, int hinted);
/* The same over the cases of the groups on `threads` threads (0: serial). */
tk_regret_t tk_regret_at(const tk_case_t *c, int n, const systec_profile_t *P, int hinted,
                         int threads);

/* What the search did with one parameter. */
typedef struct tk_param_result {
    char name[48];
    double def, before, after;
    int searched, changed, ncand;
    int ndiffer;      /* cases whose choice the change moves */
    int vetoed;       /* candidates refused: a case got worse beyond its noise */
    double gain;      /* summed weighted log regret removed by the change (> 0) */
    double noise;     /* the noise band it had to exceed */
    char how[200];    /* how the value was found, for the profile's comment */
} tk_param_result_t;

typedef struct tk_search_opts {
    double l2_bytes, l3_bytes; /* caches of one core: candidates of byte thresholds */
    int passes;                /* coordinate-descent passes (at most) */
    FILE *trace;               /* if not NULL: every move and the cases it changes */
    int threads;               /* 0: the serial thresholds over the serial groups; >= 2:
                                  the per-thread-count ones (P's section for this count)
                                  over the groups on this many threads */
} tk_search_opts_t;

/* Searches every parameter the cases can decide, starting from P's values,
 * and leaves the result in P (with a note per changed value): the serial
 * ones, or with o->threads the per-thread-count ones in that section. One
 * result per parameter of the library's table, in its order, into res
 * (room for systec_profile_nparams()); returns their number. */
int tk_search(const tk_case_t *c, int n, systec_profile_t *P, const tk_search_opts_t *o,
              tk_param_result_t *res);

/* 1 if systec-tune sets parameter `name` from a measurement other than
 * the variants' times (model_gbs, syrk_reserve_entries,
 * measure_min_calls), with what it is derived from in *how. */
int tk_param_derived(const char *name, const char **how);

#endif /* TUNE_SEARCH_H */
