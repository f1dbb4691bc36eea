/* Coordinate lists: freeing, and the validation shared by the writer and the
 * symmetric-handle constructor. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* systec__check_coo (internal.h): val may be NULL for a pattern list. */

void systec_coo_free(systec_coo_t *A)
{
    if (!A) return;
    systec__free(A->row);
    systec__free(A->col);
    systec__free(A->val);
    memset(A, 0, sizeof *A);
}

systec_status_t systec__check_coo(const systec_coo_t *A)
{
    if (A->nrows < 0 || A->ncols < 0 || A->nnz < 0)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "negative COO size: %lldx%lld, nnz=%lld",
                            (long long)A->nrows, (long long)A->ncols, (long long)A->nnz);
    if (A->symmetric && A->nrows != A->ncols)
        return systec__fail(SYSTEC_ERR_NOT_SQUARE, "symmetric COO is %lldx%lld",
                            (long long)A->nrows, (long long)A->ncols);
    if (A->nnz > 0 && (!A->row || !A->col || (!A->val && !A->pattern)))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "COO with nnz=%lld has a NULL %s array",
                            (long long)A->nnz, !A->row ? "row" : !A->col ? "col" : "val");
    for (int64_t k = 0; k < A->nnz; k++) {
        if (A->row[k] < 0 || A->row[k] >= A->nrows || A->col[k] < 0 || A->col[k] >= A->ncols)
            return systec__fail(SYSTEC_ERR_INDEX_OUT_OF_RANGE,
                                "COO entry %lld: (%lld,%lld) outside the %lldx%lld matrix",
                                (long long)k, (long long)A->row[k], (long long)A->col[k],
                                (long long)A->nrows, (long long)A->ncols);
    }
    return SYSTEC_SUCCESS;
}

/* ------------------------------------------ symmetric lists, both triangles */
/* A symmetric list stores one triangle (either), each entry standing for
 * itself and its mirror. Some writers store both; read as declared, each
 * pair would count twice (A(1,0) = 10 for a stored 5). */
typedef struct {
    int64_t lo, hi, k; /* the pair, and the entry's position in the list */
    int up;            /* 1: stored above the diagonal */
} mirror_key;

static int cmp_mirror(const void *x, const void *y)
{
    const mirror_key *a = x, *b = y;
    if (a->lo != b->lo) return a->lo < b->lo ? -1 : 1;
    if (a->hi != b->hi) return a->hi < b->hi ? -1 : 1;
    if (a->up != b->up) return a->up - b->up;
    return (a->k > b->k) - (a->k < b->k);
}

static int same_value(double x, double y) { return x == y || (x != x && y != y); }

/* Every pair of the sorted keys must have both sides, with equal sums. */
static systec_status_t check_mirrors(const char *where, systec_status_t incomplete,
                                     const mirror_key *key, int64_t nk, const double *val)
{
    for (int64_t g = 0; g < nk;) {
        int64_t e = g;
        double sum[2] = {0, 0};
        int seen[2] = {0, 0};
        for (; e < nk && key[e].lo == key[g].lo && key[e].hi == key[g].hi; e++) {
            sum[key[e].up] += val ? val[key[e].k] : 1.0;
            seen[key[e].up] = 1;
        }
        long long i = key[g].hi + 1, j = key[g].lo + 1; /* 1-based, i > j */
        if (!seen[0] || !seen[1])
            return systec__fail(incomplete,
                                "%s: symmetric, with entries in both triangles, but (%lld,%lld) "
                                "has no mirror (%lld,%lld) (1-based): one triangle expected",
                                where, seen[0] ? i : j, seen[0] ? j : i, seen[0] ? j : i,
                                seen[0] ? i : j);
        if (!same_value(sum[0], sum[1]))
            return systec__fail(SYSTEC_ERR_NOT_SYMMETRIC,
                                "%s: symmetric, with both triangles stored, and A(%lld,%lld) = "
                                "%.17g but A(%lld,%lld) = %.17g (1-based)", where, i, j, sum[0],
                                j, i, sum[1]);
        g = e;
    }
    return SYSTEC_SUCCESS;
}

int systec__coo_mirrors(const char *where, systec_status_t incomplete, const systec_coo_t *A)
{
    int64_t lower = 0, upper = 0;
    for (int64_t k = 0; k < A->nnz; k++)
        lower += A->row[k] > A->col[k], upper += A->row[k] < A->col[k];
    if (!A->symmetric || !lower || !upper) return 0;
    mirror_key *key = systec__malloc(sizeof *key * (size_t)(lower + upper));
    if (!key) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: out of memory", where);
    int64_t nk = 0;
    for (int64_t k = 0; k < A->nnz; k++) {
        int64_t r = A->row[k], c = A->col[k];
        if (r == c) continue;
        mirror_key mk = {r < c ? r : c, r < c ? c : r, k, r < c};
        key[nk++] = mk;
    }
    qsort(key, (size_t)nk, sizeof *key, cmp_mirror);
    int mirrored = 0;
    for (int64_t g = 1; g < nk && !mirrored; g++)
        mirrored = key[g].lo == key[g - 1].lo && key[g].hi == key[g - 1].hi &&
                   key[g].up != key[g - 1].up;
    systec_status_t st = mirrored ? check_mirrors(where, incomplete, key, nk,
                                                  A->pattern ? NULL : A->val)
                                  : SYSTEC_SUCCESS;
    systec__free(key);
    return st ? st : mirrored;
}
