/* The dispatcher's decisions, one function per decision, each reading its
 * thresholds from the tuning table and returning the rule that decided, so
 * a plan can say why (plan.c renders the rules as text). The inputs are
 * the same quantities whether the operand came through a direct call or a
 * handle (systec__mshape). */
#ifndef SYSTEC_DISPATCH_H
#define SYSTEC_DISPATCH_H

#include "systec.h"

#include <stddef.h>
#include <stdint.h>

/* What the dispatcher knows of a sparse matrix operand. */
typedef struct systec__mshape {
    int64_t n;       /* rows */
    int64_t entries; /* entries the row loop visits, a triangle's diagonal not
                        counted: strictly-triangular entries of a symmetric
                        operand (a direct call on a triangle estimates them as
                        its stored entries minus n: exact when every row
                        stores its diagonal), all entries of a general one */
    double change;   /* share of rows whose length differs from the previous
                        row's, or -1 if not measured (direct calls, O(n)) */
    int isize, vsize; /* bytes per index and per value */
    double spread;   /* share of entries whose column lies farther from their
                        row than the window whose x and y rows stay cached
                        (systec__spread_window), or -1 if not measured
                        (direct calls, O(entries)) */
} systec__mshape;

/* Rules, as recorded in plans. */
typedef enum {
    SYSTEC__RULE_NONE = 0,
    /* row-loop schedule */
    SYSTEC__RULE_SHORT_ROWS,   /* short rows, cache-sized: plain loop */
    SYSTEC__RULE_LONG_ROWS,    /* long rows: unrolled loop */
    SYSTEC__RULE_LARGE,        /* short rows but memory-resident: unrolled with prefetch */
    SYSTEC__RULE_IRREGULAR,    /* entries reach far and x, y exceed the L2: indirect prefetch */
    SYSTEC__RULE_ONE_SCHEDULE, /* the kernel has one schedule (dense index) */
    /* entry stream */
    SYSTEC__RULE_STREAM_IRREGULAR, /* many short rows of irregular length */
    SYSTEC__RULE_STREAM_REDUCE,    /* a reduction over very short rows */
    SYSTEC__RULE_STREAM_SCATTER,   /* a scattering operation over nearly empty rows */
    SYSTEC__RULE_FEW_ROWS,         /* too few rows for the stream to pay */
    SYSTEC__RULE_LONG_ROWS_ROWLOOP, /* rows too long for the stream to pay */
    SYSTEC__RULE_REGULAR,          /* rows too regular for the stream to pay */
    SYSTEC__RULE_FEW_CALLS,        /* not enough expected calls to repay the stream */
    SYSTEC__RULE_DIRECT,           /* a direct call: no storage is built */
    SYSTEC__RULE_STREAM_SCHED,     /* the stream's schedule, by its size */
    /* tensors */
    SYSTEC__RULE_TREE_SHARED,  /* entries share prefixes: tree kernel */
    SYSTEC__RULE_TREE_PATHS,   /* entries are paths: per-entry kernel */
    SYSTEC__RULE_RANK_FIXED,   /* a column block with the rank compiled in */
    SYSTEC__RULE_RANK_BLOCKED, /* the rest in the run-time form */
    SYSTEC__RULE_TPAR_OWNER,   /* parallel: parts own output rows (no buffers) */
    SYSTEC__RULE_TPAR_PRIVATE, /* parallel: per-part output copies, summed */
    SYSTEC__RULE_TPAR_BUFFERS, /* the copies would be large against the entries: serial */
    /* parallel schedules */
    SYSTEC__RULE_PAR_SERIAL_BUILD, /* built without OpenMP */
    SYSTEC__RULE_PAR_ONE_THREAD,   /* one thread */
    SYSTEC__RULE_PAR_SMALL,        /* too little work per thread */
    SYSTEC__RULE_PAR_ROWS,         /* row parts, buffers small */
    SYSTEC__RULE_PAR_BUFFERS_FEW_CALLS, /* large buffers, too few calls for a colouring: serial */
    SYSTEC__RULE_PAR_BUFFERS_NO_COLOR,  /* large buffers, no colouring with few colours: serial */
    SYSTEC__RULE_PAR_COLOR,        /* large buffers: conflict-free blocks */
    SYSTEC__RULE_PAR_EXPAND,       /* large buffers, no colouring: row parts on the
                                      full expansion */
    /* coordinate kernels (format coo) */
    SYSTEC__RULE_COO_ORBITS,   /* output symmetric in free indices: orbits per row (byrow) */
    SYSTEC__RULE_COO_FEW,      /* too few entries for byrow */
    SYSTEC__RULE_COO_STREAMS,  /* the per-entry kernel writes one row per entry */
    SYSTEC__RULE_COO_CACHED,   /* its scattered rows stay in cache */
    SYSTEC__RULE_COO_SCATTER,  /* its scattered rows leave the cache: ordered updates */
    SYSTEC__RULE_TTM_ROWS,     /* TTM: the rows A reaches are few: sparse output */
    SYSTEC__RULE_TTM_PACKED,   /* TTM: they are many: the packed output */
    /* any */
    SYSTEC__RULE_FORCED,       /* forced by the caller (systec_*_force) */
    SYSTEC__RULE_MEASURED      /* timed on the matrix at optimize (expected-calls hint) */
} systec__rule;

/* What the parallel decisions read besides the matrix's shape. */
typedef struct systec__pshape {
    int threads;            /* threads the plan may use */
    int64_t expected_calls; /* hint; 0: unknown (many) */
    double buffer_share;    /* omp_rows: buffer rows over n (-1: not built) */
    int ncolors, nblocks;   /* omp_color's colouring (0: none within 64 colours;
                               -1: the storage has no coloured kernel) */
} systec__pshape;

/* Which operations may run on the entry stream (symmat.stream bits): the
 * scattering ones and the reductions to a scalar follow different rules. */
enum { SYSTEC__STREAM_SCATTER = 1, SYSTEC__STREAM_REDUCE = 2 };

/* The row-loop schedule (SYSTEC_KSC_serial or serial_short) for a matrix. */
int systec__choose_sched(const systec__mshape *s, systec__rule *why);
/* The stream's own schedule, from its size. */
int systec__choose_stream_sched(const systec__mshape *s, systec__rule *why);
/* Whether an operation of kind `use` (SYSTEC__STREAM_*) runs on the entry
 * stream; expected_calls 0 means unknown (many). Needs s->change. */
int systec__choose_stream(unsigned use, const systec__mshape *s, int64_t expected_calls,
                          systec__rule *why);
/* The share of rows whose length differs from the previous row's (O(n)). */
double systec__row_change(int64_t n, const void *rowptr, systec_itype_t it);
/* MTTKRP: 1 for the tree kernel, from the canonical entries, the order and
 * the nodes of their tree over all levels. */
int systec__choose_mttkrp_tree(int64_t nnz, int order, int64_t nodes, systec__rule *why);
/* Tensor kernels at `threads` threads over `entries` canonical entries
 * (or stored updates) and R columns: SYSTEC__TPAR_OWNER where the kernels have omp_owner
 * (have_owner), else SYSTEC__TPAR_PRIVATE where they have omp_private and
 * the copies (output rows `rows` per thread beyond the first) are small
 * against the entries, else SYSTEC__TPAR_SERIAL (also: no OpenMP, one
 * thread, too little work (entries x R) per thread). */
enum { SYSTEC__TPAR_SERIAL, SYSTEC__TPAR_PRIVATE, SYSTEC__TPAR_OWNER };
int systec__choose_tensor_par(int threads, int have_private, int have_owner, int64_t entries,
                              int64_t R, int64_t rows, systec__rule *why);
/* Tensor kernels: the next column block of a call with `remaining` columns
 * left: the widest of the compiled ranks ranks[0..nranks) (widest first)
 * that fits, or 0 for the run-time form over all that remain. inner: the
 * kernel's run-time form makes one pass over the tensor (blocks inside each
 * entry or fiber), so a compiled rank is taken only for exactly all that
 * remain. */
int64_t systec__choose_rank_block(int64_t remaining, const int64_t *ranks, int nranks, int inner,
                                  systec__rule *why);
/* The rows whose x and y values (vsize bytes each) fit in half the level-2
 * cache: an entry reaching farther than this from its row is a likely miss. */
int64_t systec__spread_window(int vsize);
/* The share of the m rows' entries whose column is more than `window` away
 * from their row (O(entries)). */
double systec__col_spread(int64_t m, const void *rowptr, const void *colidx, systec_itype_t it,
                          int64_t window);
/* Whether an operation runs in parallel: 1, or 0 with the rule that keeps
 * it serial (no OpenMP, one thread, too little work per thread). */
int systec__choose_par(const systec__mshape *s, const systec__pshape *ps, systec__rule *why);
/* Parallel and the omp_rows partition built (ps->buffer_share): 0 with
 * SYSTEC__RULE_PAR_ROWS when its buffers are small (row parts run), 0 with
 * SYSTEC__RULE_PAR_BUFFERS_FEW_CALLS when they are large and the expected
 * calls do not repay a colouring (the serial kernel runs), else 1: try a
 * colouring. */
int systec__choose_try_color(const systec__pshape *ps, systec__rule *why);
/* A colouring was tried (ps->ncolors; 0: none within 64 colours, -1: the
 * storage has no coloured kernel): whether omp_color takes it, else the
 * serial kernel runs (SYSTEC__RULE_PAR_BUFFERS_NO_COLOR). */
int systec__choose_color(const systec__pshape *ps, systec__rule *why);
/* Row parts' buffers too large and no colouring taken: 1 when the expected
 * calls (unknown: many) repay the full expansion, whose row parts need no
 * buffers (SYSTEC__RULE_PAR_EXPAND); else 0 and *why is left as it was
 * (the serial kernel runs). */
int systec__choose_expand(const systec__pshape *ps, systec__rule *why);
/* The text of a parallel rule, with its quantities. */
void systec__par_rule_text(systec__rule r, const systec__mshape *s, const systec__pshape *ps,
                           char *buf, size_t len);
/* Coordinate kernels: which storage runs a symmetric spec's kernel, from
 * what the generator emitted (have_byout, have_byrow) and measured
 * (scatter: systec_kmeta_t.scatter of its per-entry kernel) and the
 * output's size: SYSTEC__COO_BYROW (the output symmetry's orbits
 * accumulated per row: fewer multiply-adds, rows written once), else
 * SYSTEC__COO_BYOUT (updates ordered by output row) when the per-entry
 * kernel's scattered rows leave the cache, else SYSTEC__COO_ENTRY (nnz:
 * canonical entries). */
enum { SYSTEC__COO_ENTRY, SYSTEC__COO_BYOUT, SYSTEC__COO_BYROW };
int systec__choose_coo_storage(int scatter, int have_byout, int have_byrow, int64_t nnz,
                               double out_bytes, systec__rule *why);
/* TTM: 1 for the sparse output (its rows) over the packed one (packed
 * rows, n(n+1)/2). */
int systec__choose_ttm_rows(int64_t packed, int64_t rows, systec__rule *why);
/* SSYRK: whether to reserve an output bound of `bound` entries up front. */
int systec__syrk_reserve(int64_t bound);

/* The text of a rule, with the thresholds and quantities it compared, for
 * descriptions and SYSTEC_VERBOSE logs. */
void systec__rule_text(systec__rule r, const systec__mshape *s, char *buf, size_t len);

#endif
