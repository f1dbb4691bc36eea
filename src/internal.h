/* Internal declarations shared by the library's translation units.
 * Nothing here is exported from the shared library. */
#ifndef SYSTEC_INTERNAL_H
#define SYSTEC_INTERNAL_H

#include "systec.h"

#include <stddef.h>
#include <stdint.h>

#include "plan.h"

#define SYSTEC_MAGIC_SYMMAT 0x53594d41u /* "SYMA" */
#define SYSTEC_MAGIC_CSRMAT 0x43535241u /* "CSRA" */
#define SYSTEC_MAGIC_FREED 0xdeadbeefu

/* Canonical symmetric storage: strictly-lower CSR (row r holds columns c < r,
 * each row sorted ascending, no duplicates) plus a dense diagonal. Index
 * arrays are int32_t or int64_t (itype), values float or double (dtype). */
struct systec_symmat {
    uint32_t magic;
    systec_dtype_t dtype;
    systec_itype_t itype;
    systec_semiring_t semiring; /* what absent entries and duplicates mean */
    int64_t n;
    int64_t nnz; /* strictly-lower entries */
    void *rowptr; /* n + 1 */
    void *colidx; /* nnz */
    void *val;    /* nnz */
    void *diag;   /* n, the semiring's zero where no diagonal entry was given */
    int64_t ndiag; /* rows that store a diagonal entry */
    unsigned char *dhas; /* n flags, 1 where a diagonal entry is stored; NULL when every
                            row has one (the common case: the kernels' plain loop). An
                            absent diagonal contributes nothing, not 0*x (NaN for an
                            infinite x); the plus-times kernels take dhas, min-plus
                            needs none (+inf + x never wins a minimum) */
    void *row;    /* nnz or NULL: the row of each entry (the entry stream),
                     present while some operation's plan runs on it */
    struct systec__full *full; /* NULL or the full expansion (expand.h), present while
                                  some operation's plan runs on it */
    systec__plan plan; /* per operation: kernel, storage, schedule, why */
};

/* What systec_syrk_numeric / systec_aat_numeric need to recompute a product's
 * values from its operand: the operand's transpose pattern, the operand
 * entry behind each transpose position, and the workspaces. A plan serves
 * one call at a time: concurrent numeric calls on the same C are not
 * allowed (they would write the same C anyway). */
typedef struct systec__aat_plan {
    int full;          /* 1: all of A*A^T (systec_aat), 0: upper part (systec_syrk) */
    int64_t m, k;      /* operand shape */
    int64_t nnz;       /* operand entries */
    void *t_ptr;       /* k + 1, itype */
    void *t_idx;       /* nnz, itype */
    void *src;         /* nnz, itype: transpose position -> operand entry */
    void *op_ptr;      /* m + 1, itype: the operand's row pointers */
    /* workspaces of the numeric phase, kept between calls: */
    void *t_val;       /* nnz, dtype: the transposed values */
    void *spa;         /* m, dtype: zero between calls */
    void *cur;         /* k, itype: the cursors */
    struct systec__syrk_par *par; /* the parallel kernels' partition, or NULL */
} systec__aat_plan;
typedef struct systec__syrk_par systec__syrk_par;

/* General CSR with sorted rows. */
struct systec_csrmat {
    uint32_t magic;
    systec_dtype_t dtype;
    systec_itype_t itype;
    systec_semiring_t semiring;
    int64_t m, n, nnz;
    void *rowptr; /* m + 1 */
    void *colidx; /* nnz */
    void *val;    /* nnz */
    int upper;    /* 1: the upper triangle (col >= row) of a symmetric matrix */
    systec__aat_plan *aat;  /* set on products from systec_syrk / systec_aat */
    systec__plan plan;      /* per operation: kernel and schedule of the baselines */
};

/* Frees a product plan (NULL is a no-op). */
void systec__aat_plan_free(systec__aat_plan *p);
/* A new csrmat handle owning the given arrays (sorted rows); on failure the
 * arrays are freed. */
systec_status_t systec__csrmat_wrap(systec_csrmat_t **out, systec_dtype_t dt, systec_itype_t it,
                                    int64_t m, int64_t n, void *rowptr, void *colidx, void *val);

/* The heap, through one door (alloc.c): every allocation of the library
 * goes through these, so a test build can fail the k-th one. */
void *systec__malloc(size_t size);
void *systec__calloc(size_t count, size_t size);
void *systec__realloc(void *p, size_t size);
void systec__free(void *p);
char *systec__strdup(const char *s);
#ifdef SYSTEC_FAULT_INJECTION
/* Test build only: fail the k-th allocation from now on (0: none), the
 * allocations attempted since, and the blocks currently allocated. */
void systec__fault_arm(long k);
long systec__fault_count(void);
long systec__fault_live(void);
#endif

/* SYSTEC_VERBOSE (log.c): whether it is set, and one log line to stderr
 * when it is (nothing otherwise). */
int systec__verbose(void);
void systec__log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Records a printf-style detail for systec_last_error() in this thread and
 * returns status, so call sites read `return systec__fail(ST, "...", ...)`. */
systec_status_t systec__fail(systec_status_t status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Clears the thread's detail string (called at the start of public calls
 * that may fail, so a stale message never describes a later success). */
void systec__clear_error(void);

static inline size_t systec__isize(systec_itype_t t) { return t == SYSTEC_INT64 ? 8 : 4; }
static inline size_t systec__vsize(systec_dtype_t t) { return t == SYSTEC_DOUBLE ? 8 : 4; }
static inline int64_t systec__iget(const void *a, systec_itype_t t, int64_t k)
{
    return t == SYSTEC_INT64 ? ((const int64_t *)a)[k] : (int64_t)((const int32_t *)a)[k];
}
static inline void systec__iset(void *a, systec_itype_t t, int64_t k, int64_t v)
{
    if (t == SYSTEC_INT64)
        ((int64_t *)a)[k] = v;
    else
        ((int32_t *)a)[k] = (int32_t)v;
}
static inline double systec__vget(const void *a, systec_dtype_t t, int64_t k)
{
    return t == SYSTEC_DOUBLE ? ((const double *)a)[k] : (double)((const float *)a)[k];
}
static inline void systec__vset(void *a, systec_dtype_t t, int64_t k, double v)
{
    if (t == SYSTEC_DOUBLE)
        ((double *)a)[k] = v;
    else
        ((float *)a)[k] = (float)v;
}

/* The next distinct arrangement of c[0..n) in lexicographic order (start
 * sorted: every distinct permutation of a multiset once); 0 after the last. */
static inline int systec__next_arrangement(int64_t *c, int n)
{
    int i = n - 2;
    while (i >= 0 && c[i] >= c[i + 1]) i--;
    if (i < 0) return 0;
    int j = n - 1;
    while (c[j] <= c[i]) j--;
    int64_t t = c[i];
    c[i] = c[j];
    c[j] = t;
    for (int l = i + 1, r = n - 1; l < r; l++, r--) {
        t = c[l];
        c[l] = c[r];
        c[r] = t;
    }
    return 1;
}

/* The value an absent entry stands for: 0, or +inf in min-plus. */
static inline double systec__semiring_zero(systec_semiring_t s)
{
    return s == SYSTEC_MIN_PLUS ? __builtin_inf() : 0.0;
}

/* Structural checks shared by the check calls and the constructors.
 * uplo == 0 means "general" (no triangle condition). */
systec_status_t systec__check_csr(int uplo, int64_t m, int64_t n, const void *rowptr,
                                  const void *colidx, systec_itype_t itype);

/* Validates a COO (sizes, NULL arrays, coordinates in range); coo.c. */
systec_status_t systec__check_coo(const systec_coo_t *A);
/* A symmetric list (one entry per pair) that stores some entry (i,j) and
 * its mirror (j,i), i != j: 1 when every off-diagonal entry has its mirror
 * with the same value (duplicates summed, NaN matching NaN), so the list is
 * a full matrix whose lower triangle stands for it; else an error status
 * (SYSTEC_ERR_NOT_SYMMETRIC: a pair disagrees; `incomplete`: an entry has
 * no mirror). 0 for lists without mirrored pairs (or not symmetric). where
 * names the input in the detail. A must have passed systec__check_coo. */
int systec__coo_mirrors(const char *where, systec_status_t incomplete, const systec_coo_t *A);

#endif
