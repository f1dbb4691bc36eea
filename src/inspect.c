/* The inspector-executor API over plans (plan.h): hints, forced variants,
 * optimize, describe, and values-only updates that keep the analysis. */
#include "expand.h"
#include "internal.h"
#include "kernels.h"
#include "ops.h"
#include "plan.h"
#include "profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static systec_status_t live_symmat(const systec_symmat_t *A)
{
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A is NULL");
    if (A->magic != SYSTEC_MAGIC_SYMMAT)
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a live systec_symmat_t handle");
    return SYSTEC_SUCCESS;
}

static systec_status_t live_csrmat(const systec_csrmat_t *G)
{
    if (!G) return systec__fail(SYSTEC_ERR_NULL_POINTER, "G is NULL");
    if (G->magic != SYSTEC_MAGIC_CSRMAT)
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a live systec_csrmat_t handle");
    return SYSTEC_SUCCESS;
}

/* The operation's row, if it is one a handle of this semiring serves. */
static systec_status_t op_of(systec_op_t op, systec_semiring_t sr, const systec__opdesc **d)
{
    *d = systec__op(op);
    if (!*d) return systec__fail(SYSTEC_ERR_INVALID_VALUE, "op = %d is not a matrix operation", (int)op);
    if ((*d)->semiring != sr)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "%s needs a %s handle", (*d)->name,
                            (*d)->semiring == SYSTEC_MIN_PLUS ? "min-plus" : "plus-times");
    return SYSTEC_SUCCESS;
}

systec_status_t systec_symmat_hint(systec_symmat_t *A, systec_op_t op, int64_t expected_calls,
                                   int nthreads)
{
    systec__clear_error();
    const systec__opdesc *d;
    systec_status_t st = live_symmat(A);
    if (!st) st = op_of(op, A->semiring, &d);
    if (st) return st;
    if (expected_calls < 0 || nthreads < 0)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "negative hint: expected_calls %lld, "
                            "nthreads %d", (long long)expected_calls, nthreads);
    A->plan.op[op].expected_calls = expected_calls;
    A->plan.op[op].nthreads = nthreads;
    return SYSTEC_SUCCESS;
}

systec_status_t systec_symmat_force(systec_symmat_t *A, systec_op_t op, const char *variant)
{
    systec__clear_error();
    const systec__opdesc *d;
    int st_k, sc_k;
    systec_status_t st = live_symmat(A);
    if (!st) st = op_of(op, A->semiring, &d);
    if (!st) st = systec__plan_parse_variant(variant, &st_k, &sc_k);
    if (st) return st;
    A->plan.op[op].force_storage = st_k;
    A->plan.op[op].force_sched = sc_k;
    return SYSTEC_SUCCESS;
}

systec_status_t systec_symmat_optimize(systec_symmat_t *A)
{
    systec__clear_error();
    systec_status_t st = live_symmat(A);
    return st ? st : systec__plan_symmat(A);
}

systec_status_t systec_csrmat_force(systec_csrmat_t *G, systec_op_t op, const char *variant)
{
    systec__clear_error();
    const systec__opdesc *d;
    int st_k, sc_k;
    systec_status_t st = live_csrmat(G);
    if (!st) st = op_of(op, G->semiring, &d);
    if (!st) st = systec__plan_parse_variant(variant, &st_k, &sc_k);
    if (st) return st;
    systec__opplan keep = G->plan.op[op];
    G->plan.op[op].force_storage = st_k;
    G->plan.op[op].force_sched = sc_k;
    if ((st = systec__plan_csrmat(G)) != SYSTEC_SUCCESS) G->plan.op[op] = keep;
    return st;
}

/* ----------------------------------------------- variants and profiles */

/* The checks of the variant queries: a live handle, an operation it
 * serves, a buffer. */
static systec_status_t variant_args(const systec_symmat_t *A, systec_op_t op, const char *buf,
                                    size_t len, const systec__opdesc **d)
{
    systec__clear_error();
    systec_status_t st = live_symmat(A);
    if (!st) st = op_of(op, A->semiring, d);
    if (!st && (!buf || !len)) st = systec__fail(SYSTEC_ERR_NULL_POINTER, "buf is NULL or empty");
    return st;
}

systec_status_t systec_symmat_variant(const systec_symmat_t *A, systec_op_t op,
                                      const systec_profile_t *P, char *buf, size_t len)
{
    const systec__opdesc *d;
    systec_status_t st = variant_args(A, op, buf, len, &d);
    if (st) return st;
    systec__opplan p = A->plan.op[op];
    if (P) systec__plan_preview(A, d, systec__profile_values(P), &p);
    /* the serial variant (a parallel plan runs its kernel in parts) */
    int sched = p.serial_kid >= 0 ? systec__kmeta(p.serial_kid)->sched : p.sched;
    systec__plan_variant_name(p.storage, sched, buf, len);
    return SYSTEC_SUCCESS;
}

systec_status_t systec_symmat_variant_threads(const systec_symmat_t *A, systec_op_t op,
                                              const systec_profile_t *P, int threads, char *buf,
                                              size_t len)
{
    const systec__opdesc *d;
    systec_status_t st = variant_args(A, op, buf, len, &d);
    if (!st && threads < 1) st = systec__fail(SYSTEC_ERR_INVALID_VALUE, "threads = %d", threads);
    if (st) return st;
    systec__opplan p;
    systec__plan_preview_threads(A, d, P ? systec__profile_values(P) : NULL, threads, &p);
    if (p.kid < 0)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s: its forced variant cannot run on %d "
                            "threads", d->name, threads);
    systec__plan_variant_name(p.storage, p.sched, buf, len);
    return SYSTEC_SUCCESS;
}

systec_status_t systec_symmat_variants(const systec_symmat_t *A, systec_op_t op, char *buf,
                                       size_t len)
{
    const systec__opdesc *d;
    systec_status_t st = variant_args(A, op, buf, len, &d);
    if (st) return st;
    int storage[SYSTEC__MAXVAR], sched[SYSTEC__MAXVAR];
    int n = systec__plan_candidates(d, A->dtype, A->itype, storage, sched, SYSTEC__MAXVAR);
    size_t w = 0;
    buf[0] = 0;
    for (int k = 0; k < n; k++) {
        char name[64];
        systec__plan_variant_name(storage[k], sched[k], name, sizeof name);
        w += (size_t)snprintf(buf + (w < len ? w : len), w < len ? len - w : 0, "%s%s",
                              k ? " " : "", name);
    }
    return w < len ? SYSTEC_SUCCESS
                   : systec__fail(SYSTEC_ERR_INVALID_SIZE, "buf of %zu bytes is too small", len);
}

systec_status_t systec_symmat_set_profile(systec_symmat_t *A, const systec_profile_t *P)
{
    systec__clear_error();
    systec_status_t st = live_symmat(A);
    if (st) return st;
    A->plan.own_tuning = P != NULL;
    if (P) A->plan.tuning = *systec__profile_values(P);
    return SYSTEC_SUCCESS;
}

/* ------------------------------------------------------------ describe */

/* Appends the description of every applicable operation (or of op) of a
 * plan to buf; returns the length of the whole text. */
static size_t describe_plan(const systec__plan *pl, systec_op_t op, systec_semiring_t sr,
                            const char *form, systec_dtype_t dt, systec_itype_t it, char *buf,
                            size_t len)
{
    int count;
    const systec__opdesc *ops = systec__ops(&count);
    size_t w = 0;
    for (int k = 0; k < count; k++) {
        if ((op != SYSTEC_OP_ALL && ops[k].op != op) || ops[k].semiring != sr) continue;
        w += systec__plan_describe(&pl->op[ops[k].op], &ops[k], pl, &pl->shape, form, dt, it,
                                   buf ? buf + (w < len ? w : len) : NULL,
                                   w < len ? len - w : 0);
    }
    return w;
}

static systec_status_t described(size_t w, char *buf, size_t len, size_t *needed)
{
    if (needed) *needed = w + 1;
    if (buf && len && w >= len) buf[len - 1] = 0;
    return SYSTEC_SUCCESS;
}

static systec_status_t check_buf(const char *buf, size_t len, systec_op_t op,
                                 systec_semiring_t sr)
{
    if (!buf && len) return systec__fail(SYSTEC_ERR_NULL_POINTER, "buf is NULL with len %zu", len);
    const systec__opdesc *d;
    return op == SYSTEC_OP_ALL ? SYSTEC_SUCCESS : op_of(op, sr, &d);
}

systec_status_t systec_symmat_describe(const systec_symmat_t *A, systec_op_t op, char *buf,
                                       size_t len, size_t *needed)
{
    systec__clear_error();
    systec_status_t st = live_symmat(A);
    if (!st) st = check_buf(buf, len, op, A->semiring);
    if (st) return st;
    size_t w = describe_plan(&A->plan, op, A->semiring, "a symmetric handle", A->dtype, A->itype,
                             buf, len);
    return described(w, buf, len, needed);
}

systec_status_t systec_csrmat_describe(const systec_csrmat_t *G, systec_op_t op, char *buf,
                                       size_t len, size_t *needed)
{
    systec__clear_error();
    systec_status_t st = live_csrmat(G);
    if (!st) st = check_buf(buf, len, op, G->semiring);
    if (st) return st;
    size_t w = describe_plan(&G->plan, op, G->semiring, "a general handle", G->dtype, G->itype,
                             buf, len);
    return described(w, buf, len, needed);
}

systec_status_t systec_describe_csr(systec_op_t op, int uplo, systec_dtype_t dtype,
                                    systec_itype_t itype, int64_t m, int64_t n,
                                    const void *rowptr, char *buf, size_t len, size_t *needed)
{
    systec__clear_error();
    const systec__opdesc *d = systec__op(op);
    if (!d) return systec__fail(SYSTEC_ERR_INVALID_VALUE, "op = %d is not a matrix operation", (int)op);
    if (uplo != 0 && uplo != SYSTEC_LOWER && uplo != SYSTEC_UPPER)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "uplo must be SYSTEC_LOWER, SYSTEC_UPPER "
                            "or 0 (a general matrix)");
    if ((dtype != SYSTEC_FLOAT && dtype != SYSTEC_DOUBLE) ||
        (itype != SYSTEC_INT32 && itype != SYSTEC_INT64))
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "unknown value or index type");
    if (m < 0 || n < 0 || (uplo && m != n))
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "m = %lld, n = %lld", (long long)m,
                            (long long)n);
    if (!rowptr) return systec__fail(SYSTEC_ERR_NULL_POINTER, "rowptr is NULL");
    systec_status_t st = check_buf(buf, len, SYSTEC_OP_ALL, d->semiring);
    if (st) return st;
    int64_t stored = systec__iget(rowptr, itype, m);
    systec__mshape s = {m, uplo ? (stored > n ? stored - n : 0) : stored, -1,
                        (int)systec__isize(itype), (int)systec__vsize(dtype), -1};
    systec__opplan p = {0};
    systec__plan_direct(&p, d, &s, uplo == SYSTEC_LOWER   ? SYSTEC_KST_trilo
                                   : uplo == SYSTEC_UPPER ? SYSTEC_KST_triup
                                                          : SYSTEC_KST_full,
                        dtype, itype);
    const char *form = uplo == SYSTEC_LOWER   ? "a direct call on the lower triangle"
                       : uplo == SYSTEC_UPPER ? "a direct call on the upper triangle"
                                              : "a direct call on a general matrix";
    size_t w = systec__plan_describe(&p, d, NULL, &s, form, dtype, itype, buf, len);
    return described(w, buf, len, needed);
}

/* ------------------------------------------------------- values update */

/* The position of column c in strictly-lower row r of A (sorted), or -1. */
static int64_t find_strict(const systec_symmat_t *A, int64_t r, int64_t c)
{
    int64_t lo = systec__iget(A->rowptr, A->itype, r), hi = systec__iget(A->rowptr, A->itype, r + 1);
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2, v = systec__iget(A->colidx, A->itype, mid);
        if (v == c) return mid;
        if (v < c) lo = mid + 1; else hi = mid;
    }
    return -1;
}

/* Accumulates the given triangle into val (nnz) and diag (n), combining
 * duplicates in the handle's semiring; hit/dhit mark what was given. */
static systec_status_t gather_values(const systec_symmat_t *A, const void *rowptr,
                                     const void *colidx, const void *val, double *v, double *d,
                                     unsigned char *hit, unsigned char *dhit)
{
    int minplus = A->semiring == SYSTEC_MIN_PLUS;
    for (int64_t r = 0; r < A->n; r++)
        for (int64_t q = systec__iget(rowptr, A->itype, r); q < systec__iget(rowptr, A->itype, r + 1);
             q++) {
            int64_t c = systec__iget(colidx, A->itype, q), i = r > c ? r : c, j = r > c ? c : r;
            double x = systec__vget(val, A->dtype, q);
            double *dst;
            unsigned char *h;
            if (i == j) {
                dst = &d[i];
                h = &dhit[i];
            } else {
                int64_t p = find_strict(A, i, j);
                if (p < 0)
                    return systec__fail(SYSTEC_ERR_PATTERN, "entry (%lld, %lld) is not in the "
                                        "handle's pattern", (long long)r, (long long)c);
                dst = &v[p];
                h = &hit[p];
            }
            *dst = !*h ? x : minplus ? (x < *dst ? x : *dst) : *dst + x;
            *h = 1;
        }
    for (int64_t p = 0; p < A->nnz; p++)
        if (!hit[p])
            return systec__fail(SYSTEC_ERR_PATTERN, "the handle's entry %lld has no new value "
                                "(the pattern must be the handle's)", (long long)p);
    return SYSTEC_SUCCESS;
}

/* Whether the rows storing a diagonal entry differ from A's. */
static int diagonals_change(const systec_symmat_t *A, const unsigned char *dhit)
{
    for (int64_t i = 0; i < A->n; i++)
        if ((!A->dhas || A->dhas[i]) != (dhit[i] != 0)) return 1;
    return 0;
}

/* A's expansion (if a plan runs on one) after new values: on `pattern`
 * when the stored diagonals changed, then refilled. */
static void refill_full(systec_symmat_t *A, systec__full *pattern)
{
    if (pattern) {
        pattern->seconds = A->full->seconds;
        systec__full_free(A->full);
        A->full = pattern;
        A->plan.full_bytes = systec__full_bytes(pattern, A->itype, A->dtype);
    }
    if (A->full) systec__full_values(A, A->full);
}

systec_status_t systec_symmat_update_values(systec_symmat_t *A, systec_uplo_t uplo,
                                            const void *rowptr, const void *colidx,
                                            const void *val)
{
    systec__clear_error();
    systec_status_t st = live_symmat(A);
    if (st) return st;
    if (uplo != SYSTEC_LOWER && uplo != SYSTEC_UPPER)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "uplo must be SYSTEC_LOWER or SYSTEC_UPPER");
    if ((st = systec__check_csr((int)uplo, A->n, A->n, rowptr, colidx, A->itype)) != SYSTEC_SUCCESS)
        return st;
    int64_t given = systec__iget(rowptr, A->itype, A->n);
    if (given > 0 && !val) return systec__fail(SYSTEC_ERR_NULL_POINTER, "val is NULL");
    double *v = systec__malloc(sizeof *v * (size_t)(A->nnz + 1)), *d = systec__malloc(sizeof *d * (size_t)(A->n + 1));
    unsigned char *hit = systec__calloc((size_t)A->nnz + 1, 1), *dhit = systec__calloc((size_t)A->n + 1, 1);
    if (!v || !d || !hit || !dhit)
        st = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "values update of %lld entries",
                          (long long)given);
    if (!st) st = gather_values(A, rowptr, colidx, val, v, d, hit, dhit);
    systec__full *pattern = NULL; /* the expansion's, when the stored diagonals change */
    if (!st && A->full && diagonals_change(A, dhit))
        st = systec__full_pattern(A, dhit, &pattern); /* all flags set: as NULL */
    if (!st) {
        double zero = systec__semiring_zero(A->semiring);
        A->ndiag = 0;
        for (int64_t p = 0; p < A->nnz; p++) systec__vset(A->val, A->dtype, p, v[p]);
        for (int64_t i = 0; i < A->n; i++) {
            systec__vset(A->diag, A->dtype, i, dhit[i] ? d[i] : zero);
            A->ndiag += dhit[i];
        }
        /* the rows with a stored diagonal (internal.h: NULL when all have one) */
        systec__free(A->dhas);
        A->dhas = A->ndiag < A->n ? dhit : NULL;
        if (A->dhas) dhit = NULL;
        refill_full(A, pattern);
    }
    systec__free(v);
    systec__free(d);
    systec__free(hit);
    systec__free(dhit);
    return st;
}
