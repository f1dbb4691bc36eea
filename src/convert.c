/* Construction of the symmetric and general CSR handles.
 *
 * Not a hot path: index and value widths go through the internal.h
 * accessors, and all work is done on an int64/double intermediate CSR that
 * is built in O(nnz + n) by two stable counting-sort passes (by column, then
 * by row), which leaves every row sorted and lets duplicates be summed as
 * they are placed. */
#include "expand.h"
#include "internal.h"
#include "syrk_part.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* malloc/calloc of count elements; NULL on size overflow; never size 0. */
static void *xalloc(uint64_t count, size_t size, int zero)
{
    if (count > SIZE_MAX / size) return NULL;
    if (count == 0) count = 1;
    return zero ? systec__calloc((size_t)count, size) : systec__malloc((size_t)count * size);
}

static systec_status_t oom(void) { return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "out of memory"); }

static systec_status_t check_fits(int64_t n, systec_itype_t itype)
{
    if (itype == SYSTEC_INT32 && n > INT32_MAX)
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW, "n=%lld does not fit int32 indices",
                            (long long)n);
    return SYSTEC_SUCCESS;
}

static systec_status_t check_types(systec_dtype_t dtype, systec_itype_t itype)
{
    if (dtype != SYSTEC_FLOAT && dtype != SYSTEC_DOUBLE)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "invalid dtype %d", (int)dtype);
    if (itype != SYSTEC_INT32 && itype != SYSTEC_INT64)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "invalid itype %d", (int)itype);
    return SYSTEC_SUCCESS;
}

/* ------------------------------------------------------- entry source */
/* The caller's entries, read one by one: a CSR triangle (rowptr != NULL)
 * or a COO list. With fold set, (r, c) is returned as (max, min). */
typedef struct {
    const void *rowptr, *colidx; /* CSR, index type itype */
    systec_itype_t itype;
    const int64_t *row, *col; /* COO */
    const void *val;          /* value type dtype; NULL means every value is 1.0 */
    systec_dtype_t dtype;
    int64_t nnz;
    int fold;
    int lower_only; /* skip entries above the diagonal (a symmetric list of both triangles) */
    systec_semiring_t semiring; /* duplicates: summed, or their minimum */
    int64_t k, r;               /* cursor */
} source;

static int src_next(source *s, int64_t *r, int64_t *c, double *v)
{
    while (s->lower_only && s->k < s->nnz && s->row[s->k] < s->col[s->k]) s->k++;
    if (s->k >= s->nnz) return 0;
    int64_t i, j;
    if (s->rowptr) {
        while (systec__iget(s->rowptr, s->itype, s->r + 1) <= s->k) s->r++;
        i = s->r;
        j = systec__iget(s->colidx, s->itype, s->k);
    } else {
        i = s->row[s->k];
        j = s->col[s->k];
    }
    *v = s->val ? systec__vget(s->val, s->dtype, s->k) : 1.0;
    s->k++;
    *r = (s->fold && j > i) ? j : i;
    *c = (s->fold && j > i) ? i : j;
    return 1;
}

/* ------------------------------------- intermediate CSR (int64, double) */
typedef struct {
    int64_t n, nnz;
    int64_t *ptr, *col;
    double *val;
} tcsr;

static void tcsr_free(tcsr *t)
{
    systec__free(t->ptr);
    systec__free(t->col);
    systec__free(t->val);
}

/* Combines a duplicate into the entry already placed: summed, or their
 * minimum in min-plus. */
static double combine(const source *s, double have, double v)
{
    if (s->semiring == SYSTEC_MIN_PLUS) return v < have ? v : have;
    return have + v;
}

/* Columns of one row by a stable merge sort on (column, input order), for
 * matrices far wider than their entries (column buckets would not fit). */
static void sort_row(int64_t *col, double *val, int64_t *tc, double *tv, int64_t len)
{
    int64_t *sc = col, *dc = tc;
    double *sv = val, *dv = tv;
    for (int64_t w = 1; w < len; w = w > len / 2 ? len : 2 * w) {
        for (int64_t lo = 0; lo < len; lo += 2 * w) {
            int64_t mid = lo + w < len ? lo + w : len, hi = mid + w < len ? mid + w : len;
            int64_t p = lo, q = mid, o = lo;
            while (p < mid || q < hi) {
                int64_t k = q == hi || (p < mid && sc[p] <= sc[q]) ? p++ : q++;
                dc[o] = sc[k];
                dv[o++] = sv[k];
            }
        }
        int64_t *t = sc;
        sc = dc;
        dc = t;
        double *u = sv;
        sv = dv;
        dv = u;
    }
    if (sc != col) {
        memcpy(col, sc, sizeof *col * (size_t)len);
        memcpy(val, sv, sizeof *val * (size_t)len);
    }
}

/* m-by-n CSR of the source's entries, rows sorted, duplicates combined in
 * input order. Two stable passes: bucket by column, then into rows (each
 * row comes out sorted); or, when the columns far outnumber the entries
 * and rows (a 1-by-2^40 matrix), bucket by row and merge-sort each row, so
 * nothing is sized by n. */
static systec_status_t tcsr_build(source *s, int64_t m, int64_t n, tcsr *out)
{
    int64_t nt = s->nnz, r, c;
    double v;
    int by_col = n <= m + nt;
    int64_t nb = by_col ? n : m; /* buckets of the first pass */
    int64_t *bend = xalloc((uint64_t)nb + 1, 8, 1), *rptr = xalloc((uint64_t)m + 1, 8, 1);
    int64_t *fill = xalloc((uint64_t)m, 8, 0), *bkey = xalloc((uint64_t)nt, 8, 0);
    int64_t *col = xalloc((uint64_t)nt, 8, 0);
    double *bval = xalloc((uint64_t)nt, 8, 0), *val = xalloc((uint64_t)nt, 8, 0);
    systec_status_t st = SYSTEC_SUCCESS;
    if (!bend || !rptr || !fill || !bkey || !col || !bval || !val) {
        st = oom();
        systec__free(rptr);
        systec__free(col);
        systec__free(val);
        goto done;
    }
    /* counts; bend[b + 1] then becomes the start of bucket b */
    s->k = s->r = 0;
    while (src_next(s, &r, &c, &v)) bend[(by_col ? c : r) + 1]++, rptr[r + 1]++;
    for (int64_t i = 0; i < nb; i++) bend[i + 1] += bend[i];
    for (int64_t i = 0; i < m; i++) rptr[i + 1] += rptr[i];
    /* pass 1: bucket (by column: the row goes along; by row: the column);
     * afterwards bend[b] is the end of bucket b */
    s->k = s->r = 0;
    while (src_next(s, &r, &c, &v)) {
        int64_t p = bend[by_col ? c : r]++;
        bkey[p] = by_col ? r : c;
        bval[p] = v;
    }
    if (!by_col) /* rows in place, each sorted by column (bkey, bval as scratch) */
        for (r = 0; r < m; r++) {
            int64_t b = rptr[r], len = rptr[r + 1] - b;
            memcpy(col + b, bkey + b, sizeof *col * (size_t)len);
            memcpy(val + b, bval + b, sizeof *val * (size_t)len);
            sort_row(col + b, val + b, bkey + b, bval + b, len);
        }
    /* pass 2: entries in (row, column) order into rows; a repeat of the
     * column last placed in a row is a duplicate and is combined with it */
    memcpy(fill, rptr, (size_t)m * 8);
    for (int64_t b = 0; b < nb; b++) {
        for (int64_t p = b ? bend[b - 1] : 0; p < bend[b]; p++) {
            int64_t row = by_col ? bkey[p] : b, cc = by_col ? b : col[p];
            double vv = by_col ? bval[p] : val[p];
            int64_t q = fill[row];
            if (q > rptr[row] && col[q - 1] == cc) {
                val[q - 1] = combine(s, val[q - 1], vv);
            } else {
                col[q] = cc;
                val[q] = vv;
                fill[row]++;
            }
        }
    }
    /* squeeze out the gaps the combined duplicates left */
    int64_t w = 0;
    for (r = 0; r < m; r++) {
        int64_t b = rptr[r];
        rptr[r] = w;
        for (int64_t p = b; p < fill[r]; p++, w++) col[w] = col[p], val[w] = val[p];
    }
    rptr[m] = w;
    out->n = m;
    out->nnz = w;
    out->ptr = rptr;
    out->col = col;
    out->val = val;
done:
    systec__free(bend);
    systec__free(fill);
    systec__free(bkey);
    systec__free(bval);
    return st;
}

/* Transpose of a (sorted) tcsr; the result's rows come out sorted. On
 * failure t may hold partial allocations: the caller frees it. */
static systec_status_t tcsr_transpose(const tcsr *a, tcsr *t)
{
    int64_t n = a->n;
    t->n = n;
    t->nnz = a->nnz;
    t->ptr = xalloc((uint64_t)n + 1, 8, 1);
    t->col = xalloc((uint64_t)a->nnz, 8, 0);
    t->val = xalloc((uint64_t)a->nnz, 8, 0);
    if (!t->ptr || !t->col || !t->val) return oom(); /* the caller frees t */
    for (int64_t p = 0; p < a->nnz; p++) t->ptr[a->col[p] + 1]++;
    for (int64_t i = 0; i < n; i++) t->ptr[i + 1] += t->ptr[i];
    for (int64_t r = 0; r < n; r++) {
        for (int64_t p = a->ptr[r]; p < a->ptr[r + 1]; p++) {
            int64_t q = t->ptr[a->col[p]]++;
            t->col[q] = r;
            t->val[q] = a->val[p];
        }
    }
    for (int64_t i = n; i > 0; i--) t->ptr[i] = t->ptr[i - 1];
    t->ptr[0] = 0;
    return SYSTEC_SUCCESS;
}

static int same_value(double x, double y) { return x == y || (isnan(x) && isnan(y)); }

/* Compares A with its transpose T (a missing entry counts as 0, NaN equals
 * NaN); on a mismatch fails with NOT_SYMMETRIC naming both positions. */
/* A missing entry stands for the semiring's zero (0, or +inf in min-plus). */
static systec_status_t check_symmetric(const tcsr *a, const tcsr *t, systec_semiring_t sr)
{
    const double zero = systec__semiring_zero(sr);
    for (int64_t r = 0; r < a->n; r++) {
        int64_t p = a->ptr[r], pe = a->ptr[r + 1], q = t->ptr[r], qe = t->ptr[r + 1];
        while (p < pe || q < qe) {
            int64_t ca = p < pe ? a->col[p] : INT64_MAX, ct = q < qe ? t->col[q] : INT64_MAX;
            int64_t c = ca < ct ? ca : ct;
            double x = ca == c ? a->val[p++] : zero, y = ct == c ? t->val[q++] : zero;
            if (!same_value(x, y))
                return systec__fail(SYSTEC_ERR_NOT_SYMMETRIC,
                                    "A(%lld,%lld)=%.17g but A(%lld,%lld)=%.17g (0-based, "
                                    "duplicates combined)",
                                    (long long)r, (long long)c, x, (long long)c, (long long)r, y);
        }
    }
    return SYSTEC_SUCCESS;
}

/* ------------------------------------------------------ symmetric handle */
static void symmat_release(systec_symmat_t *A)
{
    systec__free(A->rowptr);
    systec__free(A->colidx);
    systec__free(A->val);
    systec__free(A->diag);
    systec__free(A->dhas);
    systec__free(A->row);
    systec__full_free(A->full);
    systec__plan_free(&A->plan);
    A->magic = SYSTEC_MAGIC_FREED;
    systec__free(A);
}

/* A->dhas from t: which rows store a diagonal entry (see internal.h). */
static systec_status_t diag_flags(systec_symmat_t *A, const tcsr *t)
{
    A->dhas = xalloc((uint64_t)t->n, 1, 0);
    if (!A->dhas) return oom();
    for (int64_t r = 0; r < t->n; r++) {
        int64_t p = t->ptr[r], pe = t->ptr[r + 1];
        while (p < pe && t->col[p] < r) p++;
        A->dhas[r] = p < pe && t->col[p] == r;
    }
    return SYSTEC_SUCCESS;
}

/* The handle for the lower triangle and diagonal of t (entries above the
 * diagonal are ignored). */
static systec_status_t symmat_from_tcsr(systec_symmat_t **out, const tcsr *t,
                                        systec_dtype_t dtype, systec_itype_t itype,
                                        systec_semiring_t semiring)
{
    int64_t n = t->n, nl = 0;
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = t->ptr[r]; p < t->ptr[r + 1] && t->col[p] < r; p++) nl++;
    if (itype == SYSTEC_INT32 && nl > INT32_MAX)
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW,
                            "%lld strictly-lower entries do not fit int32 indices", (long long)nl);
    size_t is = systec__isize(itype), vs = systec__vsize(dtype);
    systec_symmat_t *A = systec__calloc(1, sizeof *A);
    if (!A) return oom();
    A->rowptr = xalloc((uint64_t)n + 1, is, 0);
    A->colidx = xalloc((uint64_t)nl, is, 0);
    A->val = xalloc((uint64_t)nl, vs, 0);
    A->diag = xalloc((uint64_t)n, vs, 0);
    if (!A->rowptr || !A->colidx || !A->val || !A->diag) {
        symmat_release(A);
        return oom();
    }
    A->magic = SYSTEC_MAGIC_SYMMAT;
    A->dtype = dtype;
    A->itype = itype;
    A->semiring = semiring;
    A->n = n;
    A->nnz = nl;
    int64_t w = 0;
    systec__iset(A->rowptr, itype, 0, 0);
    for (int64_t r = 0; r < n; r++) {
        int64_t p = t->ptr[r], pe = t->ptr[r + 1];
        for (; p < pe && t->col[p] < r; p++, w++) {
            systec__iset(A->colidx, itype, w, t->col[p]);
            systec__vset(A->val, dtype, w, t->val[p]);
        }
        int stored = p < pe && t->col[p] == r;
        A->ndiag += stored;
        systec__vset(A->diag, dtype, r, stored ? t->val[p] : systec__semiring_zero(semiring));
        systec__iset(A->rowptr, itype, r + 1, w);
    }
    systec_status_t st = A->ndiag < n ? diag_flags(A, t) : SYSTEC_SUCCESS;
    if (!st) {
        systec__plan_init(&A->plan);
        A->plan.shape = (systec__mshape){n, nl, systec__row_change(n, A->rowptr, itype), (int)is,
                                         (int)vs, systec__col_spread(n, A->rowptr, A->colidx,
                                         itype, systec__spread_window((int)vs))};
        st = systec__plan_symmat(A);
    }
    if (st) {
        symmat_release(A);
        return st;
    }
    *out = A;
    return SYSTEC_SUCCESS;
}

/* Common tail of the constructors: entries -> handle, with the symmetry
 * check when the source holds both triangles unfolded. */
static systec_status_t symmat_build(systec_symmat_t **A, source *s, int64_t n,
                                    systec_dtype_t dtype, systec_itype_t itype)
{
    tcsr a = {0}, t = {0};
    systec_status_t st = tcsr_build(s, n, n, &a);
    if (!st && !s->fold) st = tcsr_transpose(&a, &t);
    if (!st && !s->fold) st = check_symmetric(&a, &t, s->semiring);
    if (!st) st = symmat_from_tcsr(A, &a, dtype, itype, s->semiring);
    tcsr_free(&a);
    tcsr_free(&t);
    return st;
}

static systec_status_t create_csr(systec_symmat_t **A, systec_uplo_t uplo, systec_dtype_t dtype,
                                  systec_itype_t itype, int64_t n, const void *rowptr,
                                  const void *colidx, const void *val, systec_semiring_t semiring)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A is NULL");
    if (uplo != SYSTEC_LOWER && uplo != SYSTEC_UPPER)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE,
                            "uplo must be SYSTEC_LOWER ('L') or SYSTEC_UPPER ('U'), got %d",
                            (int)uplo);
    systec_status_t st = check_types(dtype, itype);
    if (st) return st;
    if (n < 0) return systec__fail(SYSTEC_ERR_INVALID_SIZE, "negative n=%lld", (long long)n);
    if ((st = check_fits(n, itype)) != SYSTEC_SUCCESS) return st;
    st = systec__check_csr((int)uplo, n, n, rowptr, colidx, itype);
    if (st) return st;
    source s = {0};
    s.rowptr = rowptr;
    s.colidx = colidx;
    s.itype = itype;
    s.val = val;
    s.dtype = dtype;
    s.nnz = systec__iget(rowptr, itype, n);
    s.fold = 1;
    s.semiring = semiring;
    if (s.nnz > 0 && !val) return systec__fail(SYSTEC_ERR_NULL_POINTER, "val is NULL");
    return symmat_build(A, &s, n, dtype, itype);
}

static systec_status_t from_coo(systec_symmat_t **A, const systec_coo_t *coo,
                                systec_dtype_t dtype, systec_itype_t itype,
                                systec_semiring_t semiring)
{
    systec__clear_error();
    if (!A || !coo) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A or coo is NULL");
    systec_status_t st = check_types(dtype, itype);
    if (!st) st = systec__check_coo(coo);
    if (st) return st;
    if (coo->nrows != coo->ncols)
        return systec__fail(SYSTEC_ERR_NOT_SQUARE, "COO is %lldx%lld", (long long)coo->nrows,
                            (long long)coo->ncols);
    if ((st = check_fits(coo->nrows, itype)) != SYSTEC_SUCCESS) return st;
    int mirrored = systec__coo_mirrors("COO", SYSTEC_ERR_INVALID_VALUE, coo);
    if (mirrored < 0) return mirrored;
    source s = {0};
    s.lower_only = mirrored;
    s.row = coo->row;
    s.col = coo->col;
    s.val = coo->val; /* may be NULL for a pattern list (checked above) */
    s.dtype = SYSTEC_DOUBLE;
    s.nnz = coo->nnz;
    s.fold = coo->symmetric != 0;
    s.semiring = semiring;
    return symmat_build(A, &s, coo->nrows, dtype, itype);
}

systec_status_t systec_symmat_create_csr(systec_symmat_t **A, systec_uplo_t uplo,
                                         systec_dtype_t dtype, systec_itype_t itype, int64_t n,
                                         const void *rowptr, const void *colidx, const void *val)
{
    return create_csr(A, uplo, dtype, itype, n, rowptr, colidx, val, SYSTEC_PLUS_TIMES);
}

systec_status_t systec_symmat_create_csr_minplus(systec_symmat_t **A, systec_uplo_t uplo,
                                                 systec_dtype_t dtype, systec_itype_t itype,
                                                 int64_t n, const void *rowptr,
                                                 const void *colidx, const void *val)
{
    return create_csr(A, uplo, dtype, itype, n, rowptr, colidx, val, SYSTEC_MIN_PLUS);
}

systec_status_t systec_symmat_from_coo(systec_symmat_t **A, const systec_coo_t *coo,
                                       systec_dtype_t dtype, systec_itype_t itype)
{
    return from_coo(A, coo, dtype, itype, SYSTEC_PLUS_TIMES);
}

systec_status_t systec_symmat_from_coo_minplus(systec_symmat_t **A, const systec_coo_t *coo,
                                               systec_dtype_t dtype, systec_itype_t itype)
{
    return from_coo(A, coo, dtype, itype, SYSTEC_MIN_PLUS);
}

systec_status_t systec_symmat_semiring(const systec_symmat_t *A, systec_semiring_t *semiring)
{
    systec__clear_error();
    if (!A || !semiring) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A or semiring is NULL");
    if (A->magic != SYSTEC_MAGIC_SYMMAT)
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a live systec_symmat_t handle");
    *semiring = A->semiring;
    return SYSTEC_SUCCESS;
}

void systec_symmat_free(systec_symmat_t **A)
{
    /* A handle with the wrong magic (foreign or already freed) is left alone. */
    if (!A || !*A || (*A)->magic != SYSTEC_MAGIC_SYMMAT) return;
    symmat_release(*A);
    *A = NULL;
}

systec_status_t systec_symmat_info(const systec_symmat_t *A, int64_t *n, int64_t *nnz_strict,
                                   systec_dtype_t *dtype, systec_itype_t *itype)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A is NULL");
    if (A->magic != SYSTEC_MAGIC_SYMMAT)
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a live systec_symmat_t handle");
    if (n) *n = A->n;
    if (nnz_strict) *nnz_strict = A->nnz;
    if (dtype) *dtype = A->dtype;
    if (itype) *itype = A->itype;
    return SYSTEC_SUCCESS;
}

/* ------------------------------------------------------ general handle */
static void csrmat_release(systec_csrmat_t *G)
{
    systec__free(G->rowptr);
    systec__free(G->colidx);
    systec__free(G->val);
    systec__aat_plan_free(G->aat);
    systec__plan_free(&G->plan);
    G->magic = SYSTEC_MAGIC_FREED;
    systec__free(G);
}

/* The plan of a new general handle (its shape; nothing is forced, so
 * planning cannot fail). */
static void csrmat_plan(systec_csrmat_t *G)
{
    systec__plan_init(&G->plan);
    G->plan.shape = (systec__mshape){G->m, G->nnz, -1, (int)systec__isize(G->itype),
                                     (int)systec__vsize(G->dtype),
                                     systec__col_spread(G->m, G->rowptr, G->colidx, G->itype,
                                     systec__spread_window((int)systec__vsize(G->dtype)))};
    systec__plan_csrmat(G);
}

void systec__aat_plan_free(systec__aat_plan *p)
{
    if (!p) return;
    systec__syrk_par_free(p->par);
    systec__free(p->t_ptr);
    systec__free(p->t_idx);
    systec__free(p->src);
    systec__free(p->op_ptr);
    systec__free(p->t_val);
    systec__free(p->spa);
    systec__free(p->cur);
    systec__free(p);
}

static systec_status_t csrmat_wrap(systec_csrmat_t **out, systec_semiring_t sr,
                                   systec_dtype_t dt, systec_itype_t it, int64_t m, int64_t n,
                                   void *rowptr, void *colidx, void *val)
{
    systec_csrmat_t *G = systec__calloc(1, sizeof *G);
    if (!G) {
        systec__free(rowptr);
        systec__free(colidx);
        systec__free(val);
        return oom();
    }
    G->magic = SYSTEC_MAGIC_CSRMAT;
    G->dtype = dt;
    G->itype = it;
    G->semiring = sr;
    G->m = m;
    G->n = n;
    G->nnz = systec__iget(rowptr, it, m);
    G->rowptr = rowptr;
    G->colidx = colidx;
    G->val = val;
    csrmat_plan(G);
    *out = G;
    return SYSTEC_SUCCESS;
}

systec_status_t systec__csrmat_wrap(systec_csrmat_t **out, systec_dtype_t dt, systec_itype_t it,
                                    int64_t m, int64_t n, void *rowptr, void *colidx, void *val)
{
    return csrmat_wrap(out, SYSTEC_PLUS_TIMES, dt, it, m, n, rowptr, colidx, val);
}

systec_status_t systec_csrmat_create_csr(systec_csrmat_t **G, systec_dtype_t dtype,
                                         systec_itype_t itype, int64_t m, int64_t n,
                                         const void *rowptr, const void *colidx, const void *val)
{
    systec__clear_error();
    if (!G) return systec__fail(SYSTEC_ERR_NULL_POINTER, "G is NULL");
    systec_status_t st = check_types(dtype, itype);
    if (st) return st;
    if (m < 0 || n < 0)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "negative size %lldx%lld", (long long)m,
                            (long long)n);
    int64_t big = m > n ? m : n;
    if ((st = check_fits(big, itype)) != SYSTEC_SUCCESS) return st;
    if ((st = systec__check_csr(0, m, n, rowptr, colidx, itype)) != SYSTEC_SUCCESS) return st;
    source s = {0};
    s.rowptr = rowptr;
    s.colidx = colidx;
    s.itype = itype;
    s.val = val;
    s.dtype = dtype;
    s.nnz = systec__iget(rowptr, itype, m);
    s.semiring = SYSTEC_PLUS_TIMES;
    if (s.nnz > 0 && !val) return systec__fail(SYSTEC_ERR_NULL_POINTER, "val is NULL");
    tcsr t = {0};
    if ((st = tcsr_build(&s, m, n, &t)) != SYSTEC_SUCCESS) return st;
    size_t is = systec__isize(itype), vs = systec__vsize(dtype);
    void *rp = xalloc((uint64_t)m + 1, is, 0), *ci = xalloc((uint64_t)t.nnz, is, 0);
    void *v = xalloc((uint64_t)t.nnz, vs, 0);
    if (!rp || !ci || !v) {
        systec__free(rp);
        systec__free(ci);
        systec__free(v);
        tcsr_free(&t);
        return oom();
    }
    for (int64_t r = 0; r <= m; r++) systec__iset(rp, itype, r, t.ptr[r]);
    for (int64_t p = 0; p < t.nnz; p++) {
        systec__iset(ci, itype, p, t.col[p]);
        systec__vset(v, dtype, p, t.val[p]);
    }
    tcsr_free(&t);
    return systec__csrmat_wrap(G, dtype, itype, m, n, rp, ci, v);
}

systec_status_t systec_csrmat_data(const systec_csrmat_t *G, const void **rowptr,
                                   const void **colidx, const void **val)
{
    systec__clear_error();
    if (!G) return systec__fail(SYSTEC_ERR_NULL_POINTER, "G is NULL");
    if (G->magic != SYSTEC_MAGIC_CSRMAT)
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a live systec_csrmat_t handle");
    if (rowptr) *rowptr = G->rowptr;
    if (colidx) *colidx = G->colidx;
    if (val) *val = G->val;
    return SYSTEC_SUCCESS;
}

systec_status_t systec_csrmat_expand_upper(const systec_csrmat_t *U, systec_csrmat_t **F)
{
    systec__clear_error();
    if (!U || !F) return systec__fail(SYSTEC_ERR_NULL_POINTER, "U or F is NULL");
    if (U->magic != SYSTEC_MAGIC_CSRMAT)
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a live systec_csrmat_t handle");
    if (!U->upper)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE,
                            "the handle does not hold an upper triangle (not from systec_syrk)");
    /* upper triangle -> canonical symmetric storage -> full expansion */
    systec_symmat_t *S = NULL;
    systec_status_t st = create_csr(&S, SYSTEC_UPPER, U->dtype, U->itype, U->m, U->rowptr,
                                    U->colidx, U->val, SYSTEC_PLUS_TIMES);
    if (!st) st = systec_csrmat_from_symmat(F, S);
    systec_symmat_free(&S);
    return st;
}

systec_status_t systec_csrmat_from_symmat(systec_csrmat_t **G, const systec_symmat_t *A)
{
    systec__clear_error();
    if (!G || !A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "G or A is NULL");
    if (A->magic != SYSTEC_MAGIC_SYMMAT)
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a live systec_symmat_t handle");
    systec__full *F = NULL;
    systec_status_t st = systec__full_build(A, &F);
    if (st) return st;
    void *rp = F->rowptr, *ci = F->colidx, *v = F->val;
    F->rowptr = F->colidx = F->val = NULL;
    systec__full_free(F);
    return csrmat_wrap(G, A->semiring, A->dtype, A->itype, A->n, A->n, rp, ci, v);
}

void systec_csrmat_free(systec_csrmat_t **G)
{
    /* A handle with the wrong magic (foreign or already freed) is left alone. */
    if (!G || !*G || (*G)->magic != SYSTEC_MAGIC_CSRMAT) return;
    csrmat_release(*G);
    *G = NULL;
}

systec_status_t systec_csrmat_info(const systec_csrmat_t *G, int64_t *m, int64_t *n,
                                   int64_t *nnz, systec_dtype_t *dtype, systec_itype_t *itype)
{
    systec__clear_error();
    if (!G) return systec__fail(SYSTEC_ERR_NULL_POINTER, "G is NULL");
    if (G->magic != SYSTEC_MAGIC_CSRMAT)
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a live systec_csrmat_t handle");
    if (m) *m = G->m;
    if (n) *n = G->n;
    if (nnz) *nnz = G->nnz;
    if (dtype) *dtype = G->dtype;
    if (itype) *itype = G->itype;
    return SYSTEC_SUCCESS;
}
