/* SSYRK (C = upper triangle of A*A^T) and its baseline (all of A*A^T), on the
 * kernels systec-gen derives from gen/kernels/syrk.spec: symbolic (the
 * pattern in one pass, each row's columns in the order met) and numeric
 * (the values on a known pattern). This file does what is not a kernel:
 * the operand's transpose, sizing the output while symbolic runs, sorting
 * its rows, and the workspaces. */
#include "internal.h"
#include "kernels.h"
#include "syrk_part.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static systec_status_t oom(void) { return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "out of memory"); }

static void *zalloc(int64_t count, size_t size) { return systec__calloc((size_t)(count > 0 ? count : 1), size); }

/* The transpose pattern of A (k-by-m, rows sorted), the entry of A behind
 * each transpose position, and the numeric workspaces (spa zeroed). */
static systec_status_t make_plan(const systec_csrmat_t *A, int full, systec__aat_plan **out)
{
    systec_itype_t it = A->itype;
    systec__aat_plan *p = systec__calloc(1, sizeof *p);
    if (!p) return oom();
    p->full = full;
    p->m = A->m;
    p->k = A->n;
    p->nnz = A->nnz;
    p->t_ptr = zalloc(A->n + 1, systec__isize(it));
    p->t_idx = zalloc(A->nnz, systec__isize(it));
    p->src = zalloc(A->nnz, systec__isize(it));
    p->op_ptr = zalloc(A->m + 1, systec__isize(it));
    p->t_val = zalloc(A->nnz, systec__vsize(A->dtype));
    p->spa = zalloc(A->m, systec__vsize(A->dtype));
    p->cur = zalloc(A->n, systec__isize(it));
    int64_t *next = zalloc(A->n + 1, sizeof(int64_t));
    if (!p->t_ptr || !p->t_idx || !p->src || !p->op_ptr || !p->t_val || !p->spa || !p->cur ||
        !next) {
        systec__free(next);
        systec__aat_plan_free(p);
        return oom();
    }
    for (int64_t q = 0; q < A->nnz; q++) next[systec__iget(A->colidx, it, q) + 1]++;
    for (int64_t c = 0; c < A->n; c++) next[c + 1] += next[c];
    for (int64_t c = 0; c <= A->n; c++) systec__iset(p->t_ptr, it, c, next[c]);
    for (int64_t r = 0; r < A->m; r++) /* ascending rows: transpose rows come out sorted */
        for (int64_t q = systec__iget(A->rowptr, it, r); q < systec__iget(A->rowptr, it, r + 1);
             q++) {
            int64_t w = next[systec__iget(A->colidx, it, q)]++;
            systec__iset(p->t_idx, it, w, r);
            systec__iset(p->src, it, w, q);
        }
    memcpy(p->op_ptr, A->rowptr, (size_t)(A->m + 1) * systec__isize(it));
    systec__free(next);
    *out = p;
    return SYSTEC_SUCCESS;
}

/* Sorts the columns of every row of an m-by-m pattern (rp, ci) in O(nnz)
 * by transposing it twice (counting sorts): a transpose built by visiting
 * rows in order has sorted rows, and so has the transpose of that. tp
 * (m + 1), ti (nnz) and cur (m) are scratch. A comparison sort per row
 * cost more than the rest of the symbolic phase. */
#define DEFINE_SORT_ROWS(NAME, IT)                                                               \
    static void NAME(int64_t m, const IT *rp, IT *ci, IT *tp, IT *ti, IT *cur)                  \
    {                                                                                            \
        memset(tp, 0, sizeof *tp * (size_t)(m + 1));                                             \
        for (IT q = 0; q < rp[m]; q++) tp[ci[q] + 1]++;                                          \
        for (int64_t c = 0; c < m; c++) tp[c + 1] += tp[c];                                      \
        memcpy(cur, tp, sizeof *cur * (size_t)m);                                                \
        for (int64_t r = 0; r < m; r++)                                                          \
            for (IT q = rp[r]; q < rp[r + 1]; q++) ti[cur[ci[q]]++] = (IT)r;                     \
        memcpy(cur, rp, sizeof *cur * (size_t)m);                                                \
        for (int64_t c = 0; c < m; c++)                                                          \
            for (IT q = tp[c]; q < tp[c + 1]; q++) ci[cur[ti[q]]++] = (IT)c;                     \
    }
DEFINE_SORT_ROWS(sort_rows_i32, int32_t)
DEFINE_SORT_ROWS(sort_rows_i64, int64_t)

/* The kernel of a phase (SYSTEC_KOP_syrk_symbolic, _numeric or
 * syrk_dense) in the upper (SSYRK) or full (baseline) variant, serial or
 * parallel, for A's types; -1 if the generator emitted none. */
static int phase_kid(int kop, int full, int par, const systec_csrmat_t *A)
{
    return systec__kid(kop, full ? SYSTEC_KST_full : SYSTEC_KST_upper,
                       par ? SYSTEC_KSC_omp_rows : SYSTEC_KSC_serial, A->dtype, A->itype);
}

/* The parallel partition of the plan's product when it has the work for
 * more than one thread (see syrk_part.h). */
static systec_status_t plan_threads(systec__aat_plan *p, const systec_csrmat_t *A)
{
    int64_t work = systec__syrk_work(p, A);
    if (work < 0) return oom();
    int t = systec__syrk_threads(work);
    return t > 1 ? systec__syrk_part(p, A, t) : SYSTEC_SUCCESS;
}

/* Points the arguments at the parallel kernels' partition and workspaces. */
static void par_args(systec_kargs_t *a, const systec__aat_plan *p)
{
    if (!p->par) return;
    a->part = &p->par->kp;
    a->cur = p->par->cur;
    a->spa = p->par->spa;
}

/* The arguments every phase takes: the operand, its transpose, the
 * cursors (the serial upper kernels': at the transpose's row starts). */
static systec_kargs_t phase_args(const systec_csrmat_t *A, const systec__aat_plan *p)
{
    systec_kargs_t a = {0};
    a.m = A->m;
    a.k = p->k;
    a.ptr = A->rowptr;
    a.idx = A->colidx;
    a.val = A->val;
    a.tptr = p->t_ptr;
    a.tidx = p->t_idx;
    a.tsrc = p->src;
    a.tval = p->t_val;
    a.cur = p->cur;
    if (!p->full) memcpy(p->cur, p->t_ptr, (size_t)p->k * systec__isize(A->itype));
    return a;
}

/* The first entry of A that is not in the column the plan's transpose has
 * it in (A holds another pattern than the plan's), or -1: the kernels
 * only say whether there is one (they make the transpose's values and check
 * the pattern on the way); this finds it for the message. */
static int64_t first_mismatch(const systec__aat_plan *p, const systec_csrmat_t *A)
{
    systec_itype_t it = A->itype;
    for (int64_t c = 0; c < p->k; c++)
        for (int64_t w = systec__iget(p->t_ptr, it, c); w < systec__iget(p->t_ptr, it, c + 1);
             w++) {
            int64_t q = systec__iget(p->src, it, w);
            if (systec__iget(A->colidx, it, q) != c) return q;
        }
    return -1;
}

/* Runs a numeric or dense phase's kernel (its arguments set but the
 * return); fails, the output untouched, if A's pattern is not the plan's. */
static systec_status_t run_values(const systec_kimpl_t *k, systec_kargs_t *a,
                                  const systec__aat_plan *p, const systec_csrmat_t *A)
{
    int64_t bad = 0;
    a->ret = &bad;
    k->call(a);
    if (!bad) return SYSTEC_SUCCESS;
    return systec__fail(SYSTEC_ERR_INVALID_VALUE,
                        "A's pattern differs from the operand's C was computed from (entry %lld)",
                        (long long)first_mismatch(p, A));
}

/* The values of C (pattern known) from A's current values; A's pattern is
 * checked against the plan's on the way (see run_values). */
static systec_status_t numeric(const systec_csrmat_t *A, systec_csrmat_t *C)
{
    const systec__aat_plan *p = C->aat;
    const systec_kimpl_t *tab;
    systec_status_t st = systec__ktable_get(&tab);
    if (st) return st;
    int kid = phase_kid(SYSTEC_KOP_syrk_numeric, p->full, p->par != NULL, A);
    if (kid < 0) return systec__fail(SYSTEC_ERR_INTERNAL, "no generated kernel");
    systec_kargs_t a = phase_args(A, p);
    a.cptr = C->rowptr;
    a.cidx = C->colidx;
    a.cval = C->val;
    a.spa = p->spa;
    par_args(&a, p);
    return run_values(&tab[kid], &a, p, A);
}

static systec_status_t check_operand(const systec_csrmat_t *A)
{
    if (A->magic != SYSTEC_MAGIC_CSRMAT)
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a live systec_csrmat_t handle");
    if (A->semiring != SYSTEC_PLUS_TIMES)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "A*A^T needs a plus-times handle");
    return SYSTEC_SUCCESS;
}

/* The parallel symbolic phase: the parts' offsets from the rows' bounds,
 * a mark array per thread, the omp_rows kernel, the gaps closed. */
static systec_status_t par_symbolic(const systec_csrmat_t *A, systec__aat_plan *p,
                                    systec_kargs_t *a, const int64_t *bound, void *ci)
{
    const systec_kimpl_t *tab;
    systec_status_t st = systec__ktable_get(&tab);
    if (st) return st;
    int kid = phase_kid(SYSTEC_KOP_syrk_symbolic, p->full, 1, A);
    size_t T = (size_t)p->par->kp.nthreads;
    void *mark = systec__malloc(T * (size_t)(A->m + 1) * systec__isize(A->itype));
    if (kid < 0 || !mark) {
        systec__free(mark);
        return kid < 0 ? systec__fail(SYSTEC_ERR_INTERNAL, "no generated kernel") : oom();
    }
    for (size_t q = 0; q < T * (size_t)A->m; q++) systec__iset(mark, A->itype, (int64_t)q, -1);
    systec__syrk_offsets(p->par, bound);
    a->mark = mark;
    a->cidx = ci;
    par_args(a, p);
    tab[kid].call(a);
    systec__free(mark);
    systec__syrk_close_gaps(p->par, A->itype, (void *)a->cptr, ci);
    return SYSTEC_SUCCESS;
}

/* C = A*A^T (upper part unless full): the pattern by the symbolic kernel,
 * the output sized as it goes; its rows sorted; then the values. */
static systec_status_t product(const systec_csrmat_t *A, int full, systec_csrmat_t **out)
{
    systec__clear_error();
    if (!A || !out) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A or C is NULL");
    systec_status_t st = check_operand(A);
    if (st) return st;
    systec_itype_t it = A->itype;
    systec_dtype_t dt = A->dtype;
    size_t is = systec__isize(it);
    int i64 = it == SYSTEC_INT64;
    const systec_kimpl_t *tab;
    if ((st = systec__ktable_get(&tab)) != SYSTEC_SUCCESS) return st;
    int ky = phase_kid(SYSTEC_KOP_syrk_symbolic, full, 0, A);
    if (ky < 0) return systec__fail(SYSTEC_ERR_INTERNAL, "no generated kernel");
    int64_t m = A->m;
    const int64_t imax = i64 ? INT64_MAX : INT32_MAX;
    systec__aat_plan *p = NULL;
    if ((st = make_plan(A, full, &p)) != SYSTEC_SUCCESS) return st;
    if ((st = plan_threads(p, A)) != SYSTEC_SUCCESS) {
        systec__aat_plan_free(p);
        return st;
    }
    /* each row's bound, for the parallel symbolic phase's offsets */
    int64_t *bound = p->par ? systec__malloc(sizeof(int64_t) * (size_t)(m + 1)) : NULL;
    /* The output's size is bounded by the products each row makes (at most
     * m per row). Reserving the bound costs address space only: the pages
     * of a large block that are never touched are never mapped, and the
     * unused part is given back at the end. Where the bound cannot be had
     * (more than the tuning table's syrk_reserve_entries, or refused), a
     * guess that doubles. */
    int64_t cap = 0;
    for (int64_t r = 0; r < m; r++) {
        int64_t row = 0;
        for (int64_t q = systec__iget(A->rowptr, it, r); q < systec__iget(A->rowptr, it, r + 1);
             q++) {
            int64_t c = systec__iget(A->colidx, it, q);
            row += systec__iget(p->t_ptr, it, c + 1) - systec__iget(p->t_ptr, it, c);
        }
        cap += row < m ? row : m;
        if (bound) bound[r] = row < m ? row : m;
    }
    int64_t whole = cap; /* every row's bound */
    if (cap < 1024) cap = 1024;
    if (cap > imax) cap = imax;
    void *mark = zalloc(m, is), *rp = zalloc(m + 1, is), *ci = NULL, *v = NULL;
    void *tp = NULL, *ti = NULL;
    if (systec__syrk_reserve(cap)) ci = systec__malloc((size_t)cap * is);
    if (!ci) { /* too large to reserve: start small and grow */
        cap = 2 * A->nnz + m < 1024 ? 1024 : 2 * A->nnz + m;
        if (cap > imax) cap = imax;
        ci = systec__malloc((size_t)cap * is);
    }
    if (!mark || !rp || !ci) {
        st = oom();
        goto fail;
    }
    for (int64_t r = 0; r < m; r++) systec__iset(mark, it, r, -1);
    systec_kargs_t a = phase_args(A, p);
    a.mark = mark;
    a.cptr = rp;
    if (bound && cap == whole && whole >= 1024) {
        /* parallel: every row's bound is reserved; each part writes its
         * rows from its offset, the gaps closed after */
        st = par_symbolic(A, p, &a, bound, ci);
        systec__free(bound);
        bound = NULL;
        if (st) goto fail;
    } else for (int64_t row = 0;;) {
        a.cidx = ci;
        a.cap = cap;
        a.row0 = row;
        a.ret = &row;
        tab[ky].call(&a);
        if (row >= m) break;
        /* row might not fit: room for its bound (at most m entries) */
        int64_t need = systec__iget(rp, it, row) + m;
        int64_t ncap = cap > imax / 2 ? imax : 2 * cap;
        if (ncap < need) ncap = need < imax ? need : imax;
        if (ncap <= cap) {
            st = systec__fail(SYSTEC_ERR_INDEX_OVERFLOW,
                              "A*A^T may have more than %lld entries (row %lld on), too many "
                              "for int32 indices",
                              (long long)imax, (long long)row);
            goto fail;
        }
        void *c = systec__realloc(ci, (size_t)ncap * is);
        if (!c) {
            st = oom();
            goto fail;
        }
        ci = c;
        cap = ncap;
    }
    systec__free(bound);
    bound = NULL;
    int64_t total = systec__iget(rp, it, m);
    if (total > 0 && total < cap) { /* give back the unused part (kept if refused) */
        void *c = systec__realloc(ci, (size_t)total * is);
        if (c) ci = c;
    }
    /* sort each row's columns; mark (m) is free now: the sort's cursor */
    tp = zalloc(m + 1, is), ti = zalloc(total, is), v = zalloc(total, systec__vsize(dt));
    if (!tp || !ti || !v) {
        st = oom();
        goto fail;
    }
    if (i64)
        sort_rows_i64(m, rp, ci, tp, ti, mark);
    else
        sort_rows_i32(m, rp, ci, tp, ti, mark);
    systec__free(tp);
    systec__free(ti);
    systec__free(mark);
    systec_csrmat_t *C = NULL;
    if ((st = systec__csrmat_wrap(&C, dt, it, m, m, rp, ci, v)) != SYSTEC_SUCCESS) {
        systec__aat_plan_free(p);
        return st;
    }
    C->upper = !full;
    C->aat = p;
    if ((st = numeric(A, C)) != SYSTEC_SUCCESS) {
        systec_csrmat_free(&C);
        return st;
    }
    *out = C;
    return SYSTEC_SUCCESS;
fail:
    systec__free(bound);
    systec__free(tp);
    systec__free(ti);
    systec__free(mark);
    systec__free(rp);
    systec__free(ci);
    systec__free(v);
    systec__aat_plan_free(p);
    return st;
}

/* Recomputes C's values from A's: C must come from the same kind of product
 * of an operand with A's pattern. */
static systec_status_t renumeric(const systec_csrmat_t *A, systec_csrmat_t *C, int full)
{
    systec__clear_error();
    if (!A || !C) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A or C is NULL");
    systec_status_t st = check_operand(A);
    if (st) return st;
    if (C->magic != SYSTEC_MAGIC_CSRMAT)
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "C is not a live systec_csrmat_t handle");
    const systec__aat_plan *p = C->aat;
    if (!p || p->full != full)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "C is not the result of %s",
                            full ? "systec_aat" : "systec_syrk");
    if (A->dtype != C->dtype || A->itype != C->itype)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "A and C differ in value or index type");
    if (A->m != p->m || A->n != p->k)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE,
                            "A is %lldx%lld, the operand C was computed from %lldx%lld",
                            (long long)A->m, (long long)A->n, (long long)p->m, (long long)p->k);
    if (A->nnz != p->nnz)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE,
                            "A's pattern differs from the operand's C was computed from (%lld "
                            "entries, not %lld)", (long long)A->nnz, (long long)p->nnz);
    /* the same pattern: the same row pointers here, the columns in numeric() */
    if (memcmp(A->rowptr, p->op_ptr, (size_t)(A->m + 1) * systec__isize(A->itype)))
        return systec__fail(SYSTEC_ERR_INVALID_VALUE,
                            "A's pattern differs from the operand's C was computed from (row "
                            "lengths)");
    return numeric(A, C);
}

systec_status_t systec_syrk(const systec_csrmat_t *A, systec_csrmat_t **C) { return product(A, 0, C); }
systec_status_t systec_aat(const systec_csrmat_t *A, systec_csrmat_t **C) { return product(A, 1, C); }
systec_status_t systec_syrk_numeric(const systec_csrmat_t *A, systec_csrmat_t *C)
{
    return renumeric(A, C, 0);
}
systec_status_t systec_aat_numeric(const systec_csrmat_t *A, systec_csrmat_t *C)
{
    return renumeric(A, C, 1);
}

/* ------------------------------------------------------ dense output */
/* C (row-major, leading dimension ldc) := the upper triangle (col >= row) of
 * A*A^T, or all of it (baseline); the rest of C is left alone. The operand's
 * transpose is built per call. */

static systec_status_t dense_product(const systec_csrmat_t *A, systec_dtype_t want, void *C,
                                     int64_t ldc, int full)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A is NULL");
    systec_status_t st = check_operand(A);
    if (st) return st;
    if (A->dtype != want)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "A holds %s values",
                            A->dtype == SYSTEC_DOUBLE ? "double" : "float");
    if (ldc < A->m)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "ldc = %lld < m = %lld", (long long)ldc,
                            (long long)A->m);
    if (A->itype == SYSTEC_INT32 && ldc > INT32_MAX)
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW, "ldc = %lld does not fit int32 indices",
                            (long long)ldc);
    if (!C && A->m > 0) return systec__fail(SYSTEC_ERR_NULL_POINTER, "C is NULL");
    const systec_kimpl_t *tab;
    if ((st = systec__ktable_get(&tab)) != SYSTEC_SUCCESS) return st;
    systec__aat_plan *p = NULL;
    if ((st = make_plan(A, full, &p)) != SYSTEC_SUCCESS) return st;
    if ((st = plan_threads(p, A)) != SYSTEC_SUCCESS) {
        systec__aat_plan_free(p);
        return st;
    }
    int kid = phase_kid(SYSTEC_KOP_syrk_dense, full, p->par != NULL, A);
    if (kid < 0) {
        systec__aat_plan_free(p);
        return systec__fail(SYSTEC_ERR_INTERNAL, "no generated kernel");
    }
    systec_kargs_t a = phase_args(A, p);
    a.out = C;
    a.ldc = ldc;
    par_args(&a, p);
    st = run_values(&tab[kid], &a, p, A); /* the plan is A's own: it succeeds */
    systec__aat_plan_free(p);
    return st;
}

systec_status_t systec_dsyrk_dense(const systec_csrmat_t *A, double *C, int64_t ldc)
{
    return dense_product(A, SYSTEC_DOUBLE, C, ldc, 0);
}
systec_status_t systec_ssyrk_dense(const systec_csrmat_t *A, float *C, int64_t ldc)
{
    return dense_product(A, SYSTEC_FLOAT, C, ldc, 0);
}
systec_status_t systec_daat_dense(const systec_csrmat_t *A, double *C, int64_t ldc)
{
    return dense_product(A, SYSTEC_DOUBLE, C, ldc, 1);
}
systec_status_t systec_saat_dense(const systec_csrmat_t *A, float *C, int64_t ldc)
{
    return dense_product(A, SYSTEC_FLOAT, C, ldc, 1);
}

/* The typed names check A's value type against the call's. */
static systec_status_t typed(const systec_csrmat_t *A, systec_dtype_t want, const char *fn)
{
    systec__clear_error();
    if (A && A->magic == SYSTEC_MAGIC_CSRMAT && A->dtype != want)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "%s: A holds %s values", fn,
                            A->dtype == SYSTEC_DOUBLE ? "double" : "float");
    return SYSTEC_SUCCESS;
}

#define TYPED_PRODUCT(D, DT)                                                                     \
    systec_status_t systec_##D##syrk(const systec_csrmat_t *A, systec_csrmat_t **C)              \
    {                                                                                            \
        systec_status_t st = typed(A, DT, "systec_" #D "syrk");                                  \
        return st ? st : product(A, 0, C);                                                       \
    }                                                                                            \
    systec_status_t systec_##D##aat(const systec_csrmat_t *A, systec_csrmat_t **C)               \
    {                                                                                            \
        systec_status_t st = typed(A, DT, "systec_" #D "aat");                                   \
        return st ? st : product(A, 1, C);                                                       \
    }                                                                                            \
    systec_status_t systec_##D##syrk_numeric(const systec_csrmat_t *A, systec_csrmat_t *C)       \
    {                                                                                            \
        systec_status_t st = typed(A, DT, "systec_" #D "syrk_numeric");                          \
        return st ? st : renumeric(A, C, 0);                                                     \
    }                                                                                            \
    systec_status_t systec_##D##aat_numeric(const systec_csrmat_t *A, systec_csrmat_t *C)        \
    {                                                                                            \
        systec_status_t st = typed(A, DT, "systec_" #D "aat_numeric");                           \
        return st ? st : renumeric(A, C, 1);                                                     \
    }
TYPED_PRODUCT(d, SYSTEC_DOUBLE)
TYPED_PRODUCT(s, SYSTEC_FLOAT)
