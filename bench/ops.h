/*
 * systec-bench's operations, one descriptor each (ops.c), as the library
 * keeps one table row per operation: what the operation runs (libsystec's
 * symmetric kernel), its non-symmetric baseline candidates, reference
 * points and peers, what input it takes and the hooks that set up, check
 * and report it. The runners (matrices.c, tensors.c) read only this table;
 * there is no other per-operation switch.
 *
 * Baselines: an operation lists one or more candidates; per input every
 * candidate is timed in the same rounds and the fastest (median time) is
 * the baseline every speedup is taken against, named in the table and the
 * CSV's variant column. Adding a candidate is one line in its list.
 *
 * The plots and the --report summary read CSV files, possibly of earlier
 * runs, so they go by the CSV's kernel name, not by this table.
 */
#ifndef BENCH_OPS_H
#define BENCH_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "systec.h"

struct bench_options;
struct bench_machine;
struct mat_ctx;
struct mat_result;
struct source;
struct ten_ctx;
struct ten_row;
struct paper_tensor;

#define OP_MAX_BASE 4 /* baseline candidates an operation may list */
#define SLOT_SYM 0    /* every operation's timed slot 0: libsystec's symmetric kernel */

enum { INPUT_MATRIX, INPUT_TENSOR };

/* ------------------------------------------------------------ matrices */
/* One timed way to compute a matrix operation; run(k, slot) makes one call
 * writing slot's output. */
typedef struct mat_variant {
    const char *call; /* "gemv": systec_[ds]gemv (lib); else its own name */
    int lib;
    /* a baseline on the general handle: the schedule forced on it for this
     * candidate's samples (systec_csrmat_force), or NULL for the dispatcher's */
    const char *force;
    /* a reference point's CSV system, table headings and summary words */
    const char *system, *col_t, *col_x, *ratio, *about;
    void (*prepare)(struct mat_ctx *k, const struct source *src); /* its own input; or NULL */
    systec_status_t (*run)(const struct mat_ctx *k, int slot);
} mat_variant_t;

/* A matrix operation's peer libraries, timed in rounds of their own. */
typedef struct mat_peers {
    const char *(*init)(int threads); /* the report's peers line */
    void (*exit)(void);
    void (*run)(struct mat_ctx *k, const struct bench_options *o, struct mat_result *res);
    void (*report)(const struct mat_result *res, int n, int wname, const struct bench_options *o);
    const char *paired_with; /* the CSV system whose time divides theirs */
} mat_peers_t;

typedef struct mat_op {
    systec_op_t api; /* the library's name of the operation, for forced variants */
    mat_variant_t sym;
    mat_variant_t base[OP_MAX_BASE]; /* candidates, up to the first without run */
    mat_variant_t ref;               /* a reference point; run NULL: none */
    int minplus;                     /* min-plus handles: y starts at +inf and is read */
    int scalar;                      /* the output is one scalar (x^T A x) */
    int blocks;                      /* x and y are n-by-k blocks, k from --cols */
    double y_passes;  /* traffic model: y moved 0, 1 or 2 times; < 0: compute-bound, none */
    int stencil_side; /* --synthetic: the stencil's grid side and the random matrix's rows */
    int64_t random_rows;
    /* the outputs of every slot (and the reference), from the source data;
     * 0, or -1 with res's status and error set */
    int (*setup)(struct mat_ctx *k, const struct source *src, struct mat_result *res);
    void (*check)(struct mat_ctx *k, struct mat_result *res);
    const mat_peers_t *peers; /* NULL: none */
} mat_op_t;

/* ------------------------------------------------------------- tensors */
typedef struct ten_variant {
    const char *call; /* "mttkrp_csf": systec_[ds]mttkrp_csf */
    systec_status_t (*run)(const struct ten_ctx *k, int slot);
} ten_variant_t;

/* What a tensor operation's calls write. The symmetric kernel writes
 * sym_cells elements, the baselines (and an expansion of the symmetric
 * result, exp, timed in the same rounds when the operation has one)
 * base_cells. They are checked against the full result, by slices of its
 * first mode (n slices of slice_cells, a sample when they are many:
 * sliced) or as one (MTTKRP's n-by-R): element q of slice j is at j *
 * slice_cells + q of an output in the full layout, or read by at (TTM's
 * rows, whose layout is not the full one). */
typedef struct ten_shape {
    int64_t (*sym_cells)(const struct ten_ctx *k);
    int64_t (*base_cells)(const struct ten_ctx *k);
    int sliced;
    int64_t (*slice_cells)(const struct ten_ctx *k);
    const char *slice_word; /* "j-slices" */
    double (*at)(const struct ten_ctx *k, int slot, int64_t j, int64_t q);
} ten_shape_t;

/* An operation's own per-tensor input beside the handles (TTM's rows
 * objects: the symbolic phase), made once per tensor, its seconds reported
 * with the handle's creation. */
typedef struct ten_input {
    void *(*make)(const systec_symten_t *A, const systec_tns_t *F, int dbl, systec_status_t *st,
                  const char **what);
    void (*release)(void *in);
} ten_input_t;

typedef struct ten_op {
    ten_variant_t sym;
    ten_variant_t base[OP_MAX_BASE]; /* candidates, up to the first without run */
    const ten_shape_t *shape;
    ten_variant_t exp;
    /* the baselines run on the full coordinate list (ten_ctx.L), not its CSF */
    int list_baseline;
    const ten_input_t *input; /* NULL: none */
    int order; /* the one order it takes; 0: any with a kernel */
    int no_rank; /* no rank index (TTSV: y = A x^{N-1}): R = 1 on every input, no --rank */
    /* TTM's dense OpenBLAS peer (peers_ttm.h), in double where it fits; or NULL */
    const ten_variant_t *dense_peer;
    /* the reference on the slices with slot[j] >= 0 (shape->sliced), or all of it */
    void (*reference)(const systec_tns_t *F, int64_t R, const double *B, const int64_t *slot,
                      int64_t nsel, double *C, double *bound);
    const struct paper_tensor *paper; /* --synthetic: the paper's configurations */
    int npaper;
    void (*report)(const struct ten_row *rows, int n, const struct bench_options *o);
} ten_op_t;

/* ---------------------------------------------------------- operations */
typedef struct bench_op {
    const char *name;   /* --op */
    const char *kernel; /* the CSV's kernel column */
    const char *label;  /* short, in messages: "SSYMV", "TTM" */
    const char *title;  /* the report's first line */
    const char *help;   /* its --help lines */
    /* the report's first line: "symmetric kernel (<sym> <sym_on>) vs
     * <base_kind> (<baseline> <base_on>)" */
    const char *sym_on, *base_kind, *base_on;
    int input;    /* INPUT_MATRIX or INPUT_TENSOR */
    int by_order; /* the summary groups its rows by order (mttkrp3, ..) */
    int (*run)(const struct bench_op *op, const struct bench_options *o,
               const struct bench_machine *m);
    const mat_op_t *mat;
    const ten_op_t *ten;
} bench_op_t;

extern const bench_op_t bench_ops[];
extern const int bench_nops;

const bench_op_t *op_find(const char *name); /* NULL if none */
/* "symv, syprd, .. or ttm" */
const char *op_names(void);

/* A variant's name in the output: "systec_dgemv", "plain CSR loop". */
const char *variant_name(char *buf, size_t size, const char *call, int lib, int dbl);
/* The baseline candidates' names: "systec_dgemv", or "the fastest per input
 * of systec_dx, systec_dy". */
const char *baseline_names(char *buf, size_t size, const bench_op_t *op, int dbl);
/* The report's first line (title, the symmetric kernel, the baselines). */
void print_title(const bench_op_t *op, int dbl);

#endif /* BENCH_OPS_H */
