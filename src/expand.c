/* The full expansion of a symmetric handle (see expand.h). Two passes over
 * the triangle, in the same order: the pattern (row lengths, then columns),
 * and the values, so a values update refills the values alone. */
#include "expand.h"

#include "internal.h"

#include <string.h>

static int has_diag(const unsigned char *dhas, int64_t r) { return !dhas || dhas[r]; }

/* Row pointers and columns of the expansion, and the cursor each row's
 * transposed part starts at. */
#define DEFINE_PATTERN(NAME, IT)                                                                 \
    static void NAME(int64_t n, const IT *rp, const IT *ci, const unsigned char *dhas, IT *frp,  \
                     IT *fci, int64_t *cur)                                                      \
    {                                                                                            \
        memset(cur, 0, sizeof *cur * (size_t)n);                                                 \
        for (int64_t p = 0; p < rp[n]; p++) cur[ci[p]]++;                                        \
        frp[0] = 0;                                                                              \
        for (int64_t r = 0; r < n; r++)                                                          \
            frp[r + 1] = (IT)(frp[r] + (rp[r + 1] - rp[r]) + has_diag(dhas, r) + cur[r]);        \
        for (int64_t r = 0; r < n; r++) {                                                        \
            int64_t w = frp[r], len = rp[r + 1] - rp[r];                                         \
            memcpy(fci + w, ci + rp[r], sizeof *ci * (size_t)len);                               \
            w += len;                                                                            \
            if (has_diag(dhas, r)) fci[w++] = (IT)r;                                             \
            cur[r] = w;                                                                          \
        }                                                                                        \
        for (int64_t r = 0; r < n; r++)                                                          \
            for (IT p = rp[r]; p < rp[r + 1]; p++) fci[cur[ci[p]]++] = (IT)r;                    \
    }
DEFINE_PATTERN(pattern_i32, int32_t)
DEFINE_PATTERN(pattern_i64, int64_t)

/* Values in the pattern's order: each row's lower part, its diagonal, then
 * the transposed entries appended to the rows of their columns. */
#define DEFINE_VALUES(NAME, IT, VT)                                                              \
    static void NAME(int64_t n, const IT *rp, const IT *ci, const VT *v, const VT *diag,         \
                     const unsigned char *dhas, const IT *frp, VT *fv, int64_t *cur)             \
    {                                                                                            \
        for (int64_t r = 0; r < n; r++) {                                                        \
            int64_t w = frp[r], len = rp[r + 1] - rp[r];                                         \
            memcpy(fv + w, v + rp[r], sizeof *v * (size_t)len);                                  \
            w += len;                                                                            \
            if (has_diag(dhas, r)) fv[w++] = diag[r];                                            \
            cur[r] = w;                                                                          \
        }                                                                                        \
        for (int64_t r = 0; r < n; r++)                                                          \
            for (IT p = rp[r]; p < rp[r + 1]; p++) fv[cur[ci[p]]++] = v[p];                      \
    }
DEFINE_VALUES(values_i32_d, int32_t, double)
DEFINE_VALUES(values_i64_d, int64_t, double)
DEFINE_VALUES(values_i32_s, int32_t, float)
DEFINE_VALUES(values_i64_s, int64_t, float)

void systec__full_free(systec__full *F)
{
    if (!F) return;
    systec__free(F->rowptr);
    systec__free(F->colidx);
    systec__free(F->val);
    systec__free(F->cur);
    systec__free(F);
}

static int64_t stored_diagonals(const systec_symmat_t *A, const unsigned char *dhas)
{
    if (!dhas) return A->n;
    int64_t nd = 0;
    for (int64_t r = 0; r < A->n; r++) nd += dhas[r] != 0;
    return nd;
}

systec_status_t systec__full_pattern(const systec_symmat_t *A, const unsigned char *dhas,
                                     systec__full **out)
{
    *out = NULL;
    const systec_itype_t it = A->itype;
    int64_t total = 2 * A->nnz + stored_diagonals(A, dhas);
    if (it == SYSTEC_INT32 && total > INT32_MAX)
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW, "the full matrix has %lld entries, too "
                            "many for int32 indices", (long long)total);
    size_t is = systec__isize(it), vs = systec__vsize(A->dtype), cnt = (size_t)(total + 1);
    systec__full *F = systec__calloc(1, sizeof *F);
    if (F) {
        F->rowptr = systec__malloc(is * (size_t)(A->n + 1));
        F->colidx = systec__malloc(is * cnt);
        F->val = systec__malloc(vs * cnt);
        F->cur = systec__malloc(sizeof *F->cur * (size_t)(A->n + 1));
    }
    if (!F || !F->rowptr || !F->colidx || !F->val || !F->cur) {
        systec__full_free(F);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "the full expansion (%lld entries)",
                            (long long)total);
    }
    F->n = A->n;
    F->nnz = total;
    if (it == SYSTEC_INT64)
        pattern_i64(A->n, A->rowptr, A->colidx, dhas, F->rowptr, F->colidx, F->cur);
    else
        pattern_i32(A->n, A->rowptr, A->colidx, dhas, F->rowptr, F->colidx, F->cur);
    *out = F;
    return SYSTEC_SUCCESS;
}

void systec__full_values(const systec_symmat_t *A, systec__full *F)
{
    int wide = A->itype == SYSTEC_INT64, dbl = A->dtype == SYSTEC_DOUBLE;
    if (wide && dbl)
        values_i64_d(A->n, A->rowptr, A->colidx, A->val, A->diag, A->dhas, F->rowptr, F->val, F->cur);
    else if (wide)
        values_i64_s(A->n, A->rowptr, A->colidx, A->val, A->diag, A->dhas, F->rowptr, F->val, F->cur);
    else if (dbl)
        values_i32_d(A->n, A->rowptr, A->colidx, A->val, A->diag, A->dhas, F->rowptr, F->val, F->cur);
    else
        values_i32_s(A->n, A->rowptr, A->colidx, A->val, A->diag, A->dhas, F->rowptr, F->val, F->cur);
}

systec_status_t systec__full_build(const systec_symmat_t *A, systec__full **out)
{
    systec_status_t st = systec__full_pattern(A, A->dhas, out);
    if (!st) systec__full_values(A, *out);
    return st;
}

double systec__full_bytes(const systec__full *F, systec_itype_t it, systec_dtype_t dt)
{
    return (double)(F->n + 1) * (double)systec__isize(it) +
           (double)F->nnz * (double)(systec__isize(it) + systec__vsize(dt));
}
