/*
 * What the tuner measures (cases.c): per input, per operation (a "group"),
 * every variant the library can run it with, timed in interleaved rounds --
 * the oracle the thresholds are searched against -- and the dispatcher's
 * choice among those variants under any profile (tk_choose). Nothing here
 * decides: the library's dispatcher does, through the plan API
 * (systec_symmat_variants, _force, _variant with a profile; for MTTKRP
 * systec_symten_variant and per-handle profiles).
 *
 * systec-tune measures its generated families; systec-bench --regret
 * measures held-out inputs the same way.
 */
#ifndef TUNE_CASES_H
#define TUNE_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "systec.h"

#define TK_MAXVAR 16  /* variants of one operation */
#define TK_MAXGROUP 8 /* operations of one input */

typedef struct tk_input tk_input_t;

/* One operation of one input and its variants' times. */
typedef struct tk_group {
    char op[24];           /* "symv", "syprd", "symm", "sybilin", "symv_minplus", "mttkrp" */
    systec_op_t sop;       /* the matrix operation, or 0 (MTTKRP) */
    int nvar;
    char var[TK_MAXVAR][40]; /* the library's names ("stream:serial_short", "fold:entry") */
    double prep[TK_MAXVAR];  /* seconds to build the variant's own storage once */
    int reps[TK_MAXVAR];     /* calls per timed sample */
    int batches[TK_MAXVAR];  /* batches per sample (the fastest counts) */
    int rounds;              /* timed rounds (0: not timed) */
    double *t;               /* rounds x nvar: seconds per call, round-major */
    double med[TK_MAXVAR];   /* median over the rounds */
    int threads;             /* 0: the serial variants; >= 2: a plan on this many
                                threads (serial and parallel variants) */
    tk_input_t *in;
} tk_group_t;

struct tk_input {
    char name[64], family[24];
    int is_tensor;
    int64_t n, entries; /* rows or mode size; stored strictly-triangular (canonical) entries */
    int ngroups;
    tk_group_t g[TK_MAXGROUP];
    /* matrices: per semiring (plus-times, min-plus) the handle the
     * dispatcher is asked on (unforced) and, while timing, one with every
     * operation on the entry stream */
    systec_symmat_t *q[2], *s[2];
    /* tensors: the handle and MTTKRP's rank and operands */
    systec_symten_t *ten;
    int64_t rank;
    double *x, *y; /* operands, sized for the largest operation */
    double setup_seconds; /* building the handles */
    double stream_prep[2]; /* the wall clock's entry-stream build time per semiring (0: not yet) */
};

/* A source of times, so the search can be tested on fake ones. The wall
 * clock (tk_wall_timer) runs the variant; a fake one returns what it likes. */
typedef struct tk_timer {
    /* seconds per call of variant v of g, as sample `round` (reps[v] calls) */
    double (*sample)(void *ctx, tk_group_t *g, int v, int round);
    /* seconds to build variant v's own storage (the entry stream), once */
    double (*prep)(void *ctx, tk_group_t *g, int v);
    void *ctx;
} tk_timer_t;
extern const tk_timer_t tk_wall_timer;

double tk_now(void); /* monotonic seconds */

/* An input from a CSR triangle (int32, double, uplo as the library takes
 * it) or a coordinate list: the handles of both semirings and the groups
 * of every matrix operation. 0, or -1 with the reason in err. */
int tk_input_csr(tk_input_t *in, const char *name, const char *family, int64_t n,
                 const int32_t *rowptr, const int32_t *colidx, const double *val, char *err,
                 size_t errlen);
int tk_input_coo(tk_input_t *in, const char *name, const char *family, const systec_coo_t *coo,
                 char *err, size_t errlen);
/* A symmetric tensor (canonical list) and MTTKRP's rank: one group. */
int tk_input_tensor(tk_input_t *in, const char *name, const char *family, const systec_tns_t *T,
                    int64_t rank, char *err, size_t errlen);
void tk_input_free(tk_input_t *in);
/* Adds, before timing, SYMV of a matrix input on `threads` (>= 2) threads:
 * its serial variants and the parallel ones the dispatcher can take (row
 * parts, with or without indirect prefetch, and the colouring, per
 * storage; row parts on the full expansion). 1 if added, 0 if not (a
 * tensor, no room). */
int tk_input_add_threads(tk_input_t *in, int threads);

/* Seconds one round of every variant takes, from one probe call each:
 * sets the calls per sample so a sample lasts about min_sample seconds, in
 * three batches (at least one call each: on a machine others share, a
 * single call of a memory-bound kernel is too often slowed). */
double tk_input_probe(tk_input_t *in, const tk_timer_t *timer, double min_sample);
/* Times every variant of every group in `rounds` interleaved rounds (each
 * round visits the variants in a rotated order) and takes the medians;
 * then frees what only timing needed (the stream handles). */
void tk_input_time(tk_input_t *in, const tk_timer_t *timer, int rounds);

/* The variant the dispatcher picks for g under P (NULL: the process-wide
 * profile) when hint calls are expected (0: unknown), on g->threads
 * threads: its index, or -1. */
int tk_choose(const tk_group_t *g, const systec_profile_t *P, int64_t hint);
/* The cost per call of variant v with hint calls expected (the variant's
 * preparation spread over them; 0: unknown, preparation not counted). */
double tk_cost(const tk_group_t *g, int v, int64_t hint);
/* The index of the cheapest variant at that hint. */
int tk_best(const tk_group_t *g, int64_t hint);
/* Half-width of the band within which the medians of a and b are not told
 * apart, in log(t_a / t_b): four standard errors of the median of the
 * paired ratios of their rounds (at least 0.2%). */
double tk_noise(const tk_group_t *g, int a, int b);

#endif /* TUNE_CASES_H */
