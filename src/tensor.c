/* Symmetric sparse tensors and their kernels: the canonical handle
 * (systec_symten_t), the general CSF handle of the non-symmetric baselines
 * (systec_csften_t, which also keeps the full entry list of the plain-loop
 * baseline), and MTTKRP and TTM on both through the generated
 * rank-specialised kernels (gen/lower_ranked.c, docs/tensor-kernels.md).
 *
 * Canonical storage: one entry per orbit, coordinates sorted within the
 * tuple (i1 <= ... <= iN) and tuples in lexicographic order, int32
 * coordinates (entry e at coord[e*N .. e*N+N-1]). For the orders that have
 * an MTTKRP kernel the handle also keeps the values the folded kernel
 * reads: each value times its tie pattern's fold ratio, which the generator
 * derived and exported (systec_foldnum/den_mttkrpN). So the kernel runs one
 * branch-free loop over every entry, whatever its ties. */
#include "internal.h"
#include "kernels.h"
#include "profile.h"
#include "tensor.h"
#include "tensor_par.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The generated MTTKRP kernels by order: fold tables and kernel names. The
 * specs (gen/kernels/mttkrpN.spec) name their indices i, r, k, l, ... in
 * that order of first appearance, so the rank r has index id 1. */
typedef struct {
    int order;
    int kop; /* SYSTEC_KOP_mttkrpN */
    const int *num, *den, *pos;
} mttkrp_info;
static const mttkrp_info mttkrp_kernels[] = {
    {3, SYSTEC_KOP_mttkrp3, systec_foldnum_mttkrp3, systec_foldden_mttkrp3, systec_foldpos_mttkrp3},
    {4, SYSTEC_KOP_mttkrp4, systec_foldnum_mttkrp4, systec_foldden_mttkrp4, systec_foldpos_mttkrp4},
    {5, SYSTEC_KOP_mttkrp5, systec_foldnum_mttkrp5, systec_foldden_mttkrp5, systec_foldpos_mttkrp5},
};
#define MTTKRP_RANK_ID 1

static const mttkrp_info *mttkrp_for(int order)
{
    for (size_t k = 0; k < sizeof mttkrp_kernels / sizeof *mttkrp_kernels; k++)
        if (mttkrp_kernels[k].order == order) return &mttkrp_kernels[k];
    return NULL;
}

/* ------------------------------------------------------------- sorting */

/* Sorts tuples (order N, int64 coordinates) lexicographically, returning
 * the permutation: perm[k] is the entry at sorted position k. When the
 * tuples fit a 64-bit mixed-radix key (dim^N <= 2^63) an LSD radix sort on
 * the key does it in O(nnz) passes; otherwise a comparison sort. */
typedef struct {
    uint64_t key;
    int64_t pos;
} keyed;

/* -1, 0, 1 as tuple a sorts before, with, after tuple b (order N). */
static int tuple_cmp(const int64_t *ind, int N, int64_t a, int64_t b)
{
    const int64_t *x = ind + a * N, *y = ind + b * N;
    for (int t = 0; t < N; t++)
        if (x[t] != y[t]) return x[t] < y[t] ? -1 : 1;
    return 0;
}

/* Stable bottom-up merge sort of the entry numbers perm[0..n) by their
 * tuples, ping-ponging with tmp (n). Reentrant: the tuples travel as
 * arguments, not through the file-level state a qsort comparator needs. */
static void merge_sort_perm(int64_t *perm, int64_t *tmp, int64_t n, const int64_t *ind, int N)
{
    int64_t *src = perm, *dst = tmp;
    for (int64_t w = 1; w < n; w = w > n / 2 ? n : 2 * w) {
        for (int64_t lo = 0; lo < n; lo += 2 * w) {
            int64_t mid = lo + w < n ? lo + w : n, hi = mid + w < n ? mid + w : n;
            int64_t p = lo, q = mid, o = lo;
            while (p < mid && q < hi)
                dst[o++] = tuple_cmp(ind, N, src[q], src[p]) < 0 ? src[q++] : src[p++];
            while (p < mid) dst[o++] = src[p++];
            while (q < hi) dst[o++] = src[q++];
        }
        int64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != perm) memcpy(perm, src, sizeof *perm * (size_t)n);
}

static systec_status_t sort_tuples(const int64_t *ind, int N, int64_t dim, int64_t nnz,
                                   int64_t **perm_out)
{
    int64_t *perm = systec__malloc(sizeof *perm * (size_t)(nnz + 1));
    if (!perm) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "tensor sort: %lld entries",
                                   (long long)nnz);
    /* does dim^N fit in 63 bits? */
    uint64_t span = 1;
    int fits = 1;
    for (int t = 0; t < N && fits; t++) {
        uint64_t d = dim > 0 ? (uint64_t)dim : 1;
        if (span > (UINT64_C(1) << 63) / d) fits = 0;
        span *= d;
    }
    keyed *a = fits ? systec__malloc(sizeof *a * (size_t)(nnz + 1)) : NULL;
    keyed *b = fits ? systec__malloc(sizeof *b * (size_t)(nnz + 1)) : NULL;
    if (fits && a && b) {
        for (int64_t e = 0; e < nnz; e++) {
            uint64_t k = 0;
            for (int t = 0; t < N; t++) k = k * (uint64_t)dim + (uint64_t)ind[e * N + t];
            a[e].key = k;
            a[e].pos = e;
        }
        int bits = 0;
        while (bits < 64 && (span - 1) >> bits) bits++;
        for (int shift = 0; shift < bits; shift += 11) {
            int64_t count[2049] = {0};
            for (int64_t e = 0; e < nnz; e++) count[((a[e].key >> shift) & 2047) + 1]++;
            for (int d = 0; d < 2048; d++) count[d + 1] += count[d];
            for (int64_t e = 0; e < nnz; e++) b[count[(a[e].key >> shift) & 2047]++] = a[e];
            keyed *t = a;
            a = b;
            b = t;
        }
        for (int64_t e = 0; e < nnz; e++) perm[e] = a[e].pos;
    } else if (fits) {
        systec__free(a);
        systec__free(b);
        systec__free(perm);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "tensor sort: %lld entries",
                            (long long)nnz);
    } else {
        /* keys do not fit (dim^N > 2^63): a comparison sort */
        int64_t *tmp = systec__malloc(sizeof *tmp * (size_t)(nnz + 1));
        if (!tmp) {
            systec__free(perm);
            return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "tensor sort: %lld entries",
                                (long long)nnz);
        }
        for (int64_t e = 0; e < nnz; e++) perm[e] = e;
        merge_sort_perm(perm, tmp, nnz, ind, N);
        systec__free(tmp);
    }
    systec__free(a);
    systec__free(b);
    *perm_out = perm;
    return SYSTEC_SUCCESS;
}

/* The full form's agreement of two permutations: equal values, or both
 * NaN (as the matrix constructors compare A(i,j) with A(j,i)). */
static int same_value(double x, double y) { return x == y || (x != x && y != y); }

static int tuple_equal(const int64_t *x, const int64_t *y, int N)
{
    for (int t = 0; t < N; t++)
        if (x[t] != y[t]) return 0;
    return 1;
}

/* Number of distinct permutations of a sorted tuple: N! / prod m_u!. */
static int64_t orbit_size(const int64_t *c, int N)
{
    int64_t f = 1;
    int run = 1;
    for (int t = 1; t <= N; t++) f *= t;
    for (int t = 1; t <= N; t++) {
        if (t < N && c[t] == c[t - 1]) {
            run++;
            continue;
        }
        for (int q = 2; q <= run; q++) f /= q;
        run = 1;
    }
    return f;
}

static void sort_small(int64_t *c, int N)
{
    for (int x = 1; x < N; x++)
        for (int y = x; y > 0 && c[y - 1] > c[y]; y--) {
            int64_t t = c[y];
            c[y] = c[y - 1];
            c[y - 1] = t;
        }
}

/* Checks a coordinate list's shape and ranges. */
static systec_status_t check_tns(const systec_tns_t *T, int min_order)
{
    if (!T) return systec__fail(SYSTEC_ERR_NULL_POINTER, "tensor: T is NULL");
    if (T->order < min_order || T->order > SYSTEC_MAX_ORDER)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "tensor order %d outside %d..%d", T->order,
                            min_order, SYSTEC_MAX_ORDER);
    if (T->dim < 0 || T->nnz < 0)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "tensor dim %lld, nnz %lld",
                            (long long)T->dim, (long long)T->nnz);
    if (T->dim > INT32_MAX)
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW,
                            "tensor dim %lld does not fit the int32 coordinates",
                            (long long)T->dim);
    if (T->nnz > 0 && (!T->ind || !T->val))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "tensor with nnz=%lld has a NULL %s array",
                            (long long)T->nnz, !T->ind ? "ind" : "val");
    if (T->nnz > INT64_MAX / 8 / T->order)
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW, "tensor nnz %lld too large",
                            (long long)T->nnz);
    for (int64_t e = 0; e < T->nnz * T->order; e++)
        if (T->ind[e] < 0 || T->ind[e] >= T->dim)
            return systec__fail(SYSTEC_ERR_INDEX_OUT_OF_RANGE,
                                "tensor entry %lld: coordinate %lld outside 0..%lld",
                                (long long)(e / T->order), (long long)T->ind[e],
                                (long long)T->dim - 1);
    return SYSTEC_SUCCESS;
}

/* ----------------------------------------------------- symmetric handle */

static void symten_destroy(systec_symten_t *A)
{
    if (!A) return;
    systec__free(A->coord);
    systec__free(A->val);
    systec__free(A->fval);
    for (int u = 0; u < SYSTEC_FIBN_ttm; u++) {
        systec__free(A->fval_ttm[u]);
        for (int t = 0; t < SYSTEC_MAX_ORDER; t++) {
            systec__free(A->fptr[u][t]);
            systec__free(A->fidx[u][t]);
        }
    }
    for (int t = 0; t < SYSTEC_MAX_ORDER; t++) {
        systec__free(A->tptr[t]);
        systec__free(A->tidx[t]);
    }
    A->magic = SYSTEC_MAGIC_FREED;
    systec__free(A);
}

void systec_symten_free(systec_symten_t **A)
{
    if (!A || !*A) return;
    if ((*A)->magic == SYSTEC_MAGIC_SYMTEN) symten_destroy(*A);
    *A = NULL;
}

/* The folded values of the MTTKRP kernel: each value times the fold ratio
 * of its entry's tie pattern. */
static void fold_values(systec_symten_t *A, const mttkrp_info *mi)
{
    const int N = A->order;
    for (int64_t e = 0; e < A->nnz; e++) {
        const int32_t *c = A->coord + e * N;
        unsigned mask = 0; /* over the group's positions, as the generator keys it */
        for (int k = 0; k + 1 < N; k++)
            if (c[mi->pos[k]] == c[mi->pos[k + 1]]) mask |= 1u << k;
        double v = systec__vget(A->val, A->dtype, e) * mi->num[mask] / mi->den[mask];
        systec__vset(A->fval, A->dtype, e, v);
    }
}

/* Compressed sparse fibers of nnz distinct tuples (int32, N per entry) in
 * lexicographic order: levels in coordinate order, leaves in entry order
 * (so values stored per entry serve as leaf values). Allocates ptr[0..N-1)
 * and idx[0..N). */
static systec_status_t csf_from_sorted(int N, int64_t nnz, const int32_t *coord, int64_t **ptr,
                                       int32_t **idx, systec_csf_t *csf)
{
    int64_t nfib[SYSTEC_MAX_ORDER] = {0};
    for (int t = 0; t < N; t++) {
        idx[t] = systec__malloc(sizeof(int32_t) * (size_t)(nnz + 1));
        ptr[t] = t + 1 < N ? systec__malloc(sizeof(int64_t) * (size_t)(nnz + 2)) : NULL;
        if (!idx[t] || (t + 1 < N && !ptr[t]))
            return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "systec_symten_create: fibers");
    }
    for (int64_t e = 0; e < nnz; e++) {
        const int32_t *c = coord + e * N;
        int d = 0;
        while (e > 0 && d < N - 1 && (c - N)[d] == c[d]) d++; /* shared prefix with the previous entry */
        for (int t = d; t < N; t++) {
            if (t + 1 < N) ptr[t][nfib[t]] = nfib[t + 1];
            idx[t][nfib[t]++] = c[t];
        }
    }
    memset(csf, 0, sizeof *csf);
    csf->order = N;
    for (int t = 0; t < N; t++) {
        if (t + 1 < N) ptr[t][nfib[t]] = nfib[t + 1];
        csf->nfib[t] = nfib[t];
        csf->ptr[t] = ptr[t];
        csf->idx[t] = idx[t];
    }
    return SYSTEC_SUCCESS;
}

/* The canonical CSF of the (sorted, distinct) entries for the tree kernel. */
static systec_status_t build_tree(systec_symten_t *A)
{
    systec_status_t st = csf_from_sorted(A->order, A->nnz, A->coord, A->tptr, A->tidx, &A->tree);
    A->tree.val = A->fval;
    return st;
}

/* The tie pattern of a canonical tuple: bit k set when c[k] == c[k+1]. */
static unsigned tie_mask(const int32_t *c, int N)
{
    unsigned mask = 0;
    for (int k = 0; k + 1 < N; k++)
        if (c[k] == c[k + 1]) mask |= 1u << k;
    return mask;
}

/* The passes of TTM's per-update kernel: pass u holds every entry whose
 * tie pattern gives update u a nonzero weight (systec_fibw_ttm), its
 * coordinates in the pass's level order (systec_fiblev_ttm), its value
 * times the weight, sorted, as fibers. */
static systec_status_t build_ttm_fibers(systec_symten_t *A)
{
    const int N = A->order;
    int64_t *ind = systec__malloc(sizeof *ind * (size_t)(A->nnz * N + 1));
    double *v = systec__malloc(sizeof *v * (size_t)(A->nnz + 1));
    int32_t *c32 = systec__malloc(sizeof *c32 * (size_t)(A->nnz * N + 1));
    systec_status_t st = SYSTEC_SUCCESS;
    if (!ind || !v || !c32) st = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "systec_symten_create: TTM");
    for (int u = 0; u < SYSTEC_FIBN_ttm && !st; u++) {
        int64_t m = 0, *perm = NULL;
        for (int64_t e = 0; e < A->nnz; e++) {
            const int32_t *c = A->coord + e * N;
            int w = systec_fibw_ttm[tie_mask(c, N)][u];
            if (!w) continue;
            int32_t x[SYSTEC_MAX_ORDER]; /* the interior's coordinates */
            for (int g = 0; g < N; g++) x[systec_fibpos_ttm[g]] = c[g];
            for (int t = 0; t < N; t++) ind[m * N + t] = x[systec_fiblev_ttm[u][t]];
            v[m++] = systec__vget(A->val, A->dtype, e) * w;
        }
        if ((st = sort_tuples(ind, N, A->n, m, &perm))) break;
        A->fval_ttm[u] = systec__malloc(systec__vsize(A->dtype) * (size_t)(m + 1));
        if (!A->fval_ttm[u]) {
            systec__free(perm);
            st = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "systec_symten_create: TTM");
            break;
        }
        for (int64_t k = 0; k < m; k++) {
            for (int t = 0; t < N; t++) c32[k * N + t] = (int32_t)ind[perm[k] * N + t];
            systec__vset(A->fval_ttm[u], A->dtype, k, v[perm[k]]);
        }
        systec__free(perm);
        st = csf_from_sorted(N, m, c32, A->fptr[u], A->fidx[u], &A->ttm_fib[u]);
        A->ttm_fib[u].val = A->fval_ttm[u];
    }
    systec__free(ind);
    systec__free(v);
    systec__free(c32);
    if (!st) A->nfib = SYSTEC_FIBN_ttm;
    return st;
}

systec_status_t systec_symten_create(systec_symten_t **out, const systec_tns_t *T,
                                     systec_symform_t form, systec_dtype_t dtype)
{
    systec__clear_error();
    if (!out) return systec__fail(SYSTEC_ERR_NULL_POINTER, "systec_symten_create: A is NULL");
    systec_status_t st = check_tns(T, 2);
    if (st) return st;
    if (form != SYSTEC_SYM_CANONICAL && form != SYSTEC_SYM_FULL)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "systec_symten_create: form %d", (int)form);
    if (dtype != SYSTEC_FLOAT && dtype != SYSTEC_DOUBLE)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "systec_symten_create: dtype %d",
                            (int)dtype);
    const int N = T->order;
    const int64_t nnz = T->nnz;
    if (form == SYSTEC_SYM_CANONICAL)
        for (int64_t e = 0; e < nnz; e++)
            for (int t = 1; t < N; t++)
                if (T->ind[e * N + t] < T->ind[e * N + t - 1])
                    return systec__fail(SYSTEC_ERR_WRONG_TRIANGLE,
                                        "entry %lld is not canonical: coordinate %d (%lld) < "
                                        "coordinate %d (%lld)", (long long)e, t,
                                        (long long)T->ind[e * N + t], t - 1,
                                        (long long)T->ind[e * N + t - 1]);

    /* 1. sort the tuples as given and sum duplicates */
    int64_t *perm = NULL, *uind = NULL, *cind = NULL, *cperm = NULL, *kind = NULL;
    double *uval = NULL, *kval = NULL;
    systec_symten_t *A = NULL;
    st = sort_tuples(T->ind, N, T->dim, nnz, &perm);
    if (st) return st;
    uind = systec__malloc(sizeof *uind * (size_t)(nnz * N + 1));
    uval = systec__malloc(sizeof *uval * (size_t)(nnz + 1));
    if (!uind || !uval) {
        st = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "systec_symten_create: %lld entries",
                          (long long)nnz);
        goto fail;
    }
    int64_t nu = 0;
    for (int64_t k = 0; k < nnz; k++) {
        const int64_t *c = T->ind + perm[k] * N;
        if (nu > 0 && tuple_equal(uind + (nu - 1) * N, c, N)) {
            uval[nu - 1] += T->val[perm[k]];
        } else {
            memcpy(uind + nu * N, c, sizeof *c * (size_t)N);
            uval[nu++] = T->val[perm[k]];
        }
    }
    systec__free(perm);
    perm = NULL;

    /* 2. full form: group the permutations of each orbit; every orbit must
     * have all its distinct permutations, with one value */
    int64_t nc = nu;
    if (form == SYSTEC_SYM_FULL) {
        cind = systec__malloc(sizeof *cind * (size_t)(nu * N + 1));
        kind = systec__malloc(sizeof *kind * (size_t)(nu * N + 1));
        kval = systec__malloc(sizeof *kval * (size_t)(nu + 1));
        if (!cind || !kind || !kval) {
            st = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "systec_symten_create: %lld entries",
                              (long long)nu);
            goto fail;
        }
        for (int64_t e = 0; e < nu; e++) {
            memcpy(cind + e * N, uind + e * N, sizeof *cind * (size_t)N);
            sort_small(cind + e * N, N);
        }
        st = sort_tuples(cind, N, T->dim, nu, &cperm);
        if (st) goto fail;
        nc = 0;
        for (int64_t k = 0; k < nu;) {
            const int64_t *c = cind + cperm[k] * N;
            int64_t j = k;
            double v = uval[cperm[k]];
            while (j < nu && tuple_equal(cind + cperm[j] * N, c, N)) {
                if (!same_value(uval[cperm[j]], v)) {
                    const int64_t *a = uind + cperm[k] * N, *b = uind + cperm[j] * N;
                    st = systec__fail(SYSTEC_ERR_NOT_SYMMETRIC,
                                      "permutations disagree: entry (%lld,%lld,...) = %.17g but "
                                      "(%lld,%lld,...) = %.17g", (long long)a[0], (long long)a[1],
                                      v, (long long)b[0], (long long)b[1], uval[cperm[j]]);
                    goto fail;
                }
                j++;
            }
            if (j - k != orbit_size(c, N)) {
                st = systec__fail(SYSTEC_ERR_NOT_SYMMETRIC,
                                  "full form: the orbit of (%lld,%lld,...) has %lld of its %lld "
                                  "permutations", (long long)c[0], (long long)c[1],
                                  (long long)(j - k), (long long)orbit_size(c, N));
                goto fail;
            }
            /* keep one: the canonical coordinates and the common value */
            memcpy(kind + nc * N, c, sizeof *c * (size_t)N);
            kval[nc++] = v;
            k = j;
        }
        systec__free(uind);
        systec__free(uval);
        uind = kind;
        uval = kval;
        kind = NULL;
        kval = NULL;
    }

    /* 3. the handle */
    A = systec__calloc(1, sizeof *A);
    if (!A) {
        st = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "systec_symten_create");
        goto fail;
    }
    A->dtype = dtype;
    A->order = N;
    A->n = T->dim;
    A->nnz = nc;
    const mttkrp_info *mi = mttkrp_for(N);
    A->coord = systec__malloc(sizeof *A->coord * (size_t)(nc * N + 1));
    A->val = systec__malloc(systec__vsize(dtype) * (size_t)(nc + 1));
    A->fval = mi ? systec__malloc(systec__vsize(dtype) * (size_t)(nc + 1)) : NULL;
    if (!A->coord || !A->val || (mi && !A->fval)) {
        st = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "systec_symten_create: %lld entries",
                          (long long)nc);
        goto fail;
    }
    for (int64_t e = 0; e < nc * N; e++) A->coord[e] = (int32_t)uind[e];
    for (int64_t e = 0; e < nc; e++) {
        systec__vset(A->val, dtype, e, uval[e]);
        A->full_nnz += orbit_size(uind + e * N, N);
    }
    if (mi) {
        fold_values(A, mi);
        if ((st = build_tree(A))) goto fail;
    }
    if (N == 3 && (st = build_ttm_fibers(A))) goto fail;
    A->magic = SYSTEC_MAGIC_SYMTEN;
    systec__free(uind);
    systec__free(uval);
    systec__free(cind);
    systec__free(cperm);
    *out = A;
    return SYSTEC_SUCCESS;
fail:
    systec__free(perm);
    systec__free(uind);
    systec__free(uval);
    systec__free(cind);
    systec__free(cperm);
    systec__free(kind);
    systec__free(kval);
    symten_destroy(A);
    return st;
}

systec_status_t systec_symten_info(const systec_symten_t *A, int *order, int64_t *n,
                                   int64_t *nnz, int64_t *full_nnz, systec_dtype_t *dtype)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "systec_symten_info: A is NULL");
    if (!valid_symten(A))
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "systec_symten_info: not a symten handle");
    if (order) *order = A->order;
    if (n) *n = A->n;
    if (nnz) *nnz = A->nnz;
    if (full_nnz) *full_nnz = A->full_nnz;
    if (dtype) *dtype = A->dtype;
    return SYSTEC_SUCCESS;
}

/* Allocates a library-owned list of nnz entries. */
static systec_status_t tns_alloc(systec_tns_t *T, int order, int64_t dim, int64_t nnz)
{
    memset(T, 0, sizeof *T);
    T->ind = systec__malloc(sizeof *T->ind * (size_t)(nnz * order + 1));
    T->val = systec__malloc(sizeof *T->val * (size_t)(nnz + 1));
    if (!T->ind || !T->val) {
        systec__free(T->ind);
        systec__free(T->val);
        memset(T, 0, sizeof *T);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "tensor of %lld entries", (long long)nnz);
    }
    T->order = order;
    T->dim = dim;
    T->nnz = nnz;
    return SYSTEC_SUCCESS;
}

systec_status_t systec_symten_to_tns(const systec_symten_t *A, systec_tns_t *T)
{
    systec__clear_error();
    if (!A || !T) return systec__fail(SYSTEC_ERR_NULL_POINTER, "systec_symten_to_tns: NULL");
    if (!valid_symten(A))
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "systec_symten_to_tns: not a symten");
    systec_tns_t R;
    systec_status_t st = tns_alloc(&R, A->order, A->n, A->nnz);
    if (st) return st;
    for (int64_t e = 0; e < A->nnz * A->order; e++) R.ind[e] = A->coord[e];
    for (int64_t e = 0; e < A->nnz; e++) R.val[e] = systec__vget(A->val, A->dtype, e);
    *T = R;
    return SYSTEC_SUCCESS;
}

systec_status_t systec_symten_expand(const systec_symten_t *A, systec_tns_t *T)
{
    systec__clear_error();
    if (!A || !T) return systec__fail(SYSTEC_ERR_NULL_POINTER, "systec_symten_expand: NULL");
    if (!valid_symten(A))
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "systec_symten_expand: not a symten");
    const int N = A->order;
    systec_tns_t R;
    systec_status_t st = tns_alloc(&R, N, A->n, A->full_nnz);
    if (st) return st;
    int64_t w = 0;
    for (int64_t e = 0; e < A->nnz; e++) {
        int64_t c[SYSTEC_MAX_ORDER];
        for (int t = 0; t < N; t++) c[t] = A->coord[e * N + t];
        double v = systec__vget(A->val, A->dtype, e);
        do {
            memcpy(R.ind + w * N, c, sizeof c[0] * (size_t)N);
            R.val[w++] = v;
        } while (systec__next_arrangement(c, N));
    }
    *T = R;
    return SYSTEC_SUCCESS;
}

/* ------------------------------------------------------------ CSF handle */

static void csften_destroy(systec_csften_t *A)
{
    if (!A) return;
    for (int t = 0; t < SYSTEC_MAX_ORDER; t++) {
        systec__free(A->ptr[t]);
        systec__free(A->idx[t]);
    }
    systec__free(A->val);
    systec__free(A->coord);
    A->magic = SYSTEC_MAGIC_FREED;
    systec__free(A);
}

void systec_csften_free(systec_csften_t **A)
{
    if (!A || !*A) return;
    if ((*A)->magic == SYSTEC_MAGIC_CSFTEN) csften_destroy(*A);
    *A = NULL;
}

systec_status_t systec_csften_create(systec_csften_t **out, const systec_tns_t *T,
                                     systec_dtype_t dtype)
{
    systec__clear_error();
    if (!out) return systec__fail(SYSTEC_ERR_NULL_POINTER, "systec_csften_create: A is NULL");
    systec_status_t st = check_tns(T, 1);
    if (st) return st;
    if (dtype != SYSTEC_FLOAT && dtype != SYSTEC_DOUBLE)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "systec_csften_create: dtype %d",
                            (int)dtype);
    const int N = T->order;
    int64_t *perm = NULL;
    st = sort_tuples(T->ind, N, T->dim, T->nnz, &perm);
    if (st) return st;
    systec_csften_t *A = systec__calloc(1, sizeof *A);
    if (!A) {
        systec__free(perm);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "systec_csften_create");
    }
    A->dtype = dtype;
    A->order = N;
    A->n = T->dim;
    /* every level has at most nnz nodes; sized so, then filled in one pass */
    for (int t = 0; t < N; t++) {
        A->idx[t] = systec__malloc(sizeof(int32_t) * (size_t)(T->nnz + 1));
        A->ptr[t] = t + 1 < N ? systec__malloc(sizeof(int64_t) * (size_t)(T->nnz + 2)) : NULL;
        if (!A->idx[t] || (t + 1 < N && !A->ptr[t])) goto oom;
    }
    A->val = systec__malloc(systec__vsize(dtype) * (size_t)(T->nnz + 1));
    A->coord = systec__malloc(sizeof *A->coord * (size_t)(T->nnz * N + 1));
    if (!A->val || !A->coord) goto oom;
    int64_t nfib[SYSTEC_MAX_ORDER] = {0};
    const int64_t *prev = NULL;
    for (int64_t k = 0; k < T->nnz; k++) {
        const int64_t *c = T->ind + perm[k] * N;
        double v = T->val[perm[k]];
        /* the first level where this tuple leaves the previous one's path */
        int d = 0;
        if (prev) {
            while (d < N && c[d] == prev[d]) d++;
            if (d == N) { /* a duplicate: summed into the previous leaf */
                int64_t l = nfib[N - 1] - 1;
                systec__vset(A->val, dtype, l, systec__vget(A->val, dtype, l) + v);
                continue;
            }
        }
        for (int t = d; t < N; t++) {
            if (t + 1 < N) A->ptr[t][nfib[t]] = nfib[t + 1];
            A->idx[t][nfib[t]++] = (int32_t)c[t];
        }
        for (int t = 0; t < N; t++) A->coord[(nfib[N - 1] - 1) * N + t] = (int32_t)c[t];
        systec__vset(A->val, dtype, nfib[N - 1] - 1, v);
        prev = c;
    }
    systec__free(perm);
    perm = NULL;
    A->nnz = nfib[N - 1];
    A->csf.order = N;
    for (int t = 0; t < N; t++) {
        if (t + 1 < N) A->ptr[t][nfib[t]] = nfib[t + 1];
        A->nodes += nfib[t];
        A->csf.nfib[t] = nfib[t];
        A->csf.ptr[t] = A->ptr[t];
        A->csf.idx[t] = A->idx[t];
    }
    A->csf.val = A->val;
    A->magic = SYSTEC_MAGIC_CSFTEN;
    *out = A;
    return SYSTEC_SUCCESS;
oom:
    systec__free(perm);
    csften_destroy(A);
    return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "systec_csften_create: %lld entries",
                        (long long)T->nnz);
}

systec_status_t systec_csften_info(const systec_csften_t *A, int *order, int64_t *n,
                                   int64_t *nnz, int64_t *nodes)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "systec_csften_info: A is NULL");
    if (!valid_csften(A))
        return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "systec_csften_info: not a csften handle");
    if (order) *order = A->order;
    if (n) *n = A->n;
    if (nnz) *nnz = A->nnz;
    if (nodes) *nodes = A->nodes;
    return SYSTEC_SUCCESS;
}

/* ---------------------------------------------------------------- MTTKRP */

/* The ranks gen/lower_ranked.c compiles in, widest first, and their
 * schedules (a rank the generator stops emitting is a build error here). */
static const int64_t fixed_ranks[] = {64, 32, 16, 10, 8};
#define NFIXED ((int)(sizeof fixed_ranks / sizeof fixed_ranks[0]))

static int fixed_rank_sched(int64_t R)
{
    switch (R) {
    case 8: return SYSTEC_KSC_r8;
    case 10: return SYSTEC_KSC_r10;
    case 16: return SYSTEC_KSC_r16;
    case 32: return SYSTEC_KSC_r32;
    case 64: return SYSTEC_KSC_r64;
    default: return -1;
    }
}

static int mttkrp_op(int order)
{
    const mttkrp_info *mi = mttkrp_for(order);
    return mi ? mi->kop : -1;
}

/* Zeroes the first R elements of n rows of stride ld. */
static void zero_rows(void *C, int64_t n, int64_t R, int64_t ld, systec_dtype_t dt)
{
    size_t vs = systec__vsize(dt);
    if (ld == R) {
        memset(C, 0, (size_t)(n * R) * vs);
        return;
    }
    for (int64_t i = 0; i < n; i++) memset((char *)C + (size_t)(i * ld) * vs, 0, (size_t)R * vs);
}

/* One call of a rank-specialised tensor kernel family (gen/lower_ranked.c):
 * the operation and storage, the operand in the kernel's ABI (a tree, or a
 * list of entries), the dense operand and the output as rows. */
typedef struct {
    const char *fn, *what; /* the public call and the operation, for messages */
    int order, op, storage;
    systec_dtype_t dt;
    const systec_csf_t *csf;                         /* tree ABI, or NULL: */
    int64_t nnz;                                     /* entry ABI */
    const int32_t *coord;
    const void *val;
    int64_t *dims;
    int rank_id; /* the free index's id in dims */
    int64_t R, ldb, ldc;
    const void *B;
    void *C;
    int64_t rows; /* of C, all zeroed before the kernels run */
    int ntrees;   /* tree ABI: trees csf points to (0: one) */
    int64_t roots; /* omp_owner: the extent of the trees' root coordinate */
} ranked_call;

typedef void (*entry_fn)(int64_t, const int32_t *, const void *, const void *const *,
                         const int64_t *, const int64_t *, void *);
typedef void (*tree_fn)(const systec_csf_t *, const void *const *, const int64_t *,
                        const int64_t *, void *);
/* their parallel schedules (gen/lower_omp_tensor.c) */
typedef void (*entry_omp_fn)(const systec_kpart_t *, entry_fn, int64_t, const int32_t *,
                             const void *, const void *const *, const int64_t *,
                             const int64_t *, void *);
typedef void (*tree_omp_fn)(const systec_kpart_t *, tree_fn, const systec_csf_t *,
                            const void *const *, const int64_t *, const int64_t *, void *);

/* Starts the call's parallel run, if the dispatcher takes one. */
static void ranked_par(const ranked_call *c, systec__tpar *tp)
{
    int owner = c->roots > 0;
    systec__tpar_call pc = {c->op, c->storage, c->dt, c->csf, c->ntrees ? c->ntrees : 1,
                            c->nnz, c->coord, c->order, owner ? c->roots : c->rows, c->R};
    systec__tensor_par_begin(tp, &pc);
}

/* One kernel call on a block: serial, or its parallel schedule. */
static void ranked_block(const ranked_call *c, const systec_kimpl_t *tab, int k,
                         const systec__tpar *tp, const void *const *dense, const int64_t *ld,
                         void *out)
{
    if (tp->kind == SYSTEC__TPAR_SERIAL) {
        if (c->csf)
            ((tree_fn)tab[k].fn)(c->csf, dense, c->dims, ld, out);
        else
            ((entry_fn)tab[k].fn)(c->nnz, c->coord, c->val, dense, c->dims, ld, out);
    } else if (c->csf) {
        ((tree_omp_fn)tab[tp->kid].fn)(&tp->part, (tree_fn)tab[k].fn, c->csf, dense, c->dims,
                                       ld, out);
    } else {
        ((entry_omp_fn)tab[tp->kid].fn)(&tp->part, (entry_fn)tab[k].fn, c->nnz, c->coord,
                                        c->val, dense, c->dims, ld, out);
    }
}

/* The kernels of one call's family, looked up once per call: the run-time
 * form (rin: one pass, else rblk: one pass per block) and each compiled
 * rank's kernel, widest first. */
typedef struct {
    int run, inner; /* the run-time form's id (-1: none), whether it is rin */
    int nr;
    int64_t ranks[NFIXED];
    int kid[NFIXED];
} ranked_kernels;

static void ranked_lookup(const ranked_call *c, ranked_kernels *K)
{
    int rin = systec__kid(c->op, c->storage, SYSTEC_KSC_rin, c->dt, SYSTEC_INT32);
    K->inner = rin >= 0;
    K->run = rin >= 0 ? rin : systec__kid(c->op, c->storage, SYSTEC_KSC_rblk, c->dt, SYSTEC_INT32);
    K->nr = 0;
    for (int q = 0; q < NFIXED; q++) {
        int k = systec__kid(c->op, c->storage, fixed_rank_sched(fixed_ranks[q]), c->dt,
                            SYSTEC_INT32);
        if (k < 0) continue;
        K->ranks[K->nr] = fixed_ranks[q];
        K->kid[K->nr++] = k;
    }
}

/* Runs the call: SYSTEC_ERR_UNSUPPORTED (C untouched) when the kernels do
 * not exist; else zeroes C's rows and runs over the R columns in blocks
 * chosen by the dispatcher (systec__choose_rank_block): each a kernel with
 * that rank compiled in, on the block's first column of B and C with the
 * full leading dimensions, and the rest in the run-time form (all of R when
 * that form makes one pass). */
static systec_status_t ranked_run(ranked_call *c)
{
    const systec_kimpl_t *tab;
    systec_status_t st = systec__ktable_get(&tab);
    if (st) return st;
    ranked_kernels K;
    if (c->op >= 0) ranked_lookup(c, &K);
    if (c->op < 0 || K.run < 0)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: no %s kernel for order %d in this build",
                            c->fn, c->what, c->order);
    if (c->rows == 0 || c->R == 0) return SYSTEC_SUCCESS;
    systec__tpar tp;
    ranked_par(c, &tp);
    zero_rows(c->C, c->rows, c->R, c->ldc, c->dt);
    int64_t ld[2] = {c->ldb, c->ldc}, vs = (int64_t)systec__vsize(c->dt);
    for (int64_t off = 0; off < c->R;) {
        systec__rule why;
        int64_t w = systec__choose_rank_block(c->R - off, K.ranks, K.nr, K.inner, &why);
        int k = K.run;
        for (int q = 0; q < K.nr; q++)
            if (K.ranks[q] == w) k = K.kid[q];
        if (w == 0) w = c->R - off; /* the run-time form takes the rest */
        c->dims[c->rank_id] = w;
        const void *dense[1] = {(const char *)c->B + off * vs};
        void *out = (char *)c->C + off * vs;
        ranked_block(c, tab, k, &tp, dense, ld, out);
        off += w;
    }
    systec__tensor_par_end(&tp);
    c->dims[c->rank_id] = c->R;
    return SYSTEC_SUCCESS;
}

/* Whether [a, a+na) and [b, b+nb) (bytes) overlap. */
static int overlap(const void *a, int64_t na, const void *b, int64_t nb)
{
    return na > 0 && nb > 0 && (const char *)a < (const char *)b + nb &&
           (const char *)b < (const char *)a + na;
}

/* Checks shared by the MTTKRP calls: types, R, leading dimensions (>= R),
 * NULL pointers and overlap of B and C (n rows each). */
static systec_status_t mttkrp_args(const char *fn, int64_t n, systec_dtype_t have,
                                   systec_dtype_t want, int64_t R, const void *B, int64_t ldb,
                                   const void *C, int64_t ldc)
{
    if (have != want)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "%s: the handle holds %s values", fn,
                            have == SYSTEC_DOUBLE ? "double" : "float");
    if (R < 0) return systec__fail(SYSTEC_ERR_INVALID_SIZE, "%s: R = %lld", fn, (long long)R);
    if (ldb < R || ldc < R)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "%s: leading dimension %lld < R = %lld", fn,
                            (long long)(ldb < R ? ldb : ldc), (long long)R);
    if (n > 0 && R > 0 && (ldb > INT64_MAX / 8 / n || ldc > INT64_MAX / 8 / n))
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW, "%s: n*ld overflows", fn);
    if (n == 0 || R == 0) return SYSTEC_SUCCESS;
    if (!B || !C) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: %s is NULL", fn,
                                      !B ? "B" : "C");
    int64_t vs = (int64_t)systec__vsize(want);
    if (overlap(B, ((n - 1) * ldb + R) * vs, C, ((n - 1) * ldc + R) * vs))
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s: B and C overlap", fn);
    return SYSTEC_SUCCESS;
}


/* The specs' index sizes: n for every mode index, R for the rank. */
static void mttkrp_dims(int64_t n, int64_t R, int64_t *dims)
{
    for (int t = 0; t <= SYSTEC_MAX_ORDER; t++) dims[t] = n;
    dims[MTTKRP_RANK_ID] = R;
}

/* Nodes of the canonical tree over all levels. */
static int64_t tree_nodes(const systec_symten_t *A)
{
    int64_t s = 0;
    for (int t = 0; t < A->order; t++) s += A->tree.nfib[t];
    return s;
}

/* Whether A runs MTTKRP's tree kernel (else the per-entry one). */
static int mttkrp_tree(const systec_symten_t *A)
{
    systec__rule why;
    return systec__choose_mttkrp_tree(A->nnz, A->order, tree_nodes(A), &why);
}

systec_status_t systec_symten_variant(const systec_symten_t *A, const systec_profile_t *P,
                                      char *buf, size_t len)
{
    systec__clear_error();
    if (!A || !buf || !len) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A or buf is NULL");
    if (!valid_symten(A)) return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a symten");
    if (mttkrp_op(A->order) < 0)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "no MTTKRP kernel for order %d", A->order);
    const systec__tuning *t = P ? systec__profile_values(P) : A->own_tuning ? &A->tuning : NULL;
    const systec__tuning *prev = systec__tuning_scope(t);
    int tree = mttkrp_tree(A);
    systec__tuning_scope(prev);
    /* the schedule depends on the rank: the kernels are rank-specialised */
    snprintf(buf, len, "%s:ranked", tree ? "foldtree" : "fold");
    return SYSTEC_SUCCESS;
}

systec_status_t systec_symten_set_profile(systec_symten_t *A, const systec_profile_t *P)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A is NULL");
    if (!valid_symten(A)) return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a symten");
    A->own_tuning = P != NULL;
    if (P) A->tuning = *systec__profile_values(P);
    return SYSTEC_SUCCESS;
}

static systec_status_t mttkrp_sym(const char *fn, const systec_symten_t *A, systec_dtype_t dt,
                                  int64_t R, const void *B, int64_t ldb, void *C, int64_t ldc)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: A is NULL", fn);
    if (!valid_symten(A)) return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "%s: not a symten", fn);
    systec_status_t st = mttkrp_args(fn, A->n, A->dtype, dt, R, B, ldb, C, ldc);
    if (st) return st;
    /* the handle's own thresholds, if any, for its decisions */
    const systec__tuning *prev = systec__tuning_scope(A->own_tuning ? &A->tuning : NULL);
    int tree = mttkrp_tree(A);
    int64_t dims[SYSTEC_MAX_ORDER + 1];
    mttkrp_dims(A->n, R, dims);
    ranked_call c = {fn, "MTTKRP", A->order, mttkrp_op(A->order),
                     tree ? SYSTEC_KST_foldtree : SYSTEC_KST_fold, dt, tree ? &A->tree : NULL,
                     A->nnz, A->coord, A->fval, dims, MTTKRP_RANK_ID, R, ldb, ldc, B, C, A->n,
                     0, 0};
    st = ranked_run(&c);
    systec__tuning_scope(prev);
    return st;
}

systec_status_t systec_dmttkrp(const systec_symten_t *A, int64_t R, const double *B, double *C)
{
    return mttkrp_sym("systec_dmttkrp", A, SYSTEC_DOUBLE, R, B, R, C, R);
}

systec_status_t systec_smttkrp(const systec_symten_t *A, int64_t R, const float *B, float *C)
{
    return mttkrp_sym("systec_smttkrp", A, SYSTEC_FLOAT, R, B, R, C, R);
}

systec_status_t systec_dmttkrp_ld(const systec_symten_t *A, int64_t R, const double *B,
                                  int64_t ldb, double *C, int64_t ldc)
{
    return mttkrp_sym("systec_dmttkrp_ld", A, SYSTEC_DOUBLE, R, B, ldb, C, ldc);
}

systec_status_t systec_smttkrp_ld(const systec_symten_t *A, int64_t R, const float *B,
                                  int64_t ldb, float *C, int64_t ldc)
{
    return mttkrp_sym("systec_smttkrp_ld", A, SYSTEC_FLOAT, R, B, ldb, C, ldc);
}

/* The non-symmetric baselines on the full tensor: over its fibers (csf) or
 * as one plain loop over its entries (coo). */
static systec_status_t mttkrp_full(const char *fn, const systec_csften_t *A, systec_dtype_t dt,
                                   int coo, int64_t R, const void *B, int64_t ldb, void *C,
                                   int64_t ldc)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: A is NULL", fn);
    if (!valid_csften(A)) return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "%s: not a csften", fn);
    systec_status_t st = mttkrp_args(fn, A->n, A->dtype, dt, R, B, ldb, C, ldc);
    if (st) return st;
    int64_t dims[SYSTEC_MAX_ORDER + 1];
    mttkrp_dims(A->n, R, dims);
    ranked_call c = {fn, "MTTKRP", A->order, mttkrp_op(A->order),
                     coo ? SYSTEC_KST_coofull : SYSTEC_KST_csf, dt, coo ? NULL : &A->csf, A->nnz,
                     A->coord, A->val, dims, MTTKRP_RANK_ID, R, ldb, ldc, B, C, A->n, 0, 0};
    return ranked_run(&c);
}

systec_status_t systec_dmttkrp_csf(const systec_csften_t *A, int64_t R, const double *B,
                                   double *C)
{
    return mttkrp_full("systec_dmttkrp_csf", A, SYSTEC_DOUBLE, 0, R, B, R, C, R);
}

systec_status_t systec_smttkrp_csf(const systec_csften_t *A, int64_t R, const float *B, float *C)
{
    return mttkrp_full("systec_smttkrp_csf", A, SYSTEC_FLOAT, 0, R, B, R, C, R);
}

systec_status_t systec_dmttkrp_csf_ld(const systec_csften_t *A, int64_t R, const double *B,
                                      int64_t ldb, double *C, int64_t ldc)
{
    return mttkrp_full("systec_dmttkrp_csf_ld", A, SYSTEC_DOUBLE, 0, R, B, ldb, C, ldc);
}

systec_status_t systec_smttkrp_csf_ld(const systec_csften_t *A, int64_t R, const float *B,
                                      int64_t ldb, float *C, int64_t ldc)
{
    return mttkrp_full("systec_smttkrp_csf_ld", A, SYSTEC_FLOAT, 0, R, B, ldb, C, ldc);
}

systec_status_t systec_dmttkrp_coo(const systec_csften_t *A, int64_t R, const double *B,
                                   double *C)
{
    return mttkrp_full("systec_dmttkrp_coo", A, SYSTEC_DOUBLE, 1, R, B, R, C, R);
}

systec_status_t systec_smttkrp_coo(const systec_csften_t *A, int64_t R, const float *B, float *C)
{
    return mttkrp_full("systec_smttkrp_coo", A, SYSTEC_FLOAT, 1, R, B, R, C, R);
}

systec_status_t systec_dmttkrp_coo_ld(const systec_csften_t *A, int64_t R, const double *B,
                                      int64_t ldb, double *C, int64_t ldc)
{
    return mttkrp_full("systec_dmttkrp_coo_ld", A, SYSTEC_DOUBLE, 1, R, B, ldb, C, ldc);
}

systec_status_t systec_smttkrp_coo_ld(const systec_csften_t *A, int64_t R, const float *B,
                                      int64_t ldb, float *C, int64_t ldc)
{
    return mttkrp_full("systec_smttkrp_coo_ld", A, SYSTEC_FLOAT, 1, R, B, ldb, C, ldc);
}

/* ------------------------------------------------------------------- TTM */

/* The TTM spec (gen/kernels/ttm.spec) names its indices j, l, i, k in that
 * order of first appearance: dims = {n, n, R, n}. */
#define TTM_RANK_ID 2
static void ttm_dims(int64_t n, int64_t R, int64_t *dims)
{
    dims[0] = dims[1] = dims[3] = n;
    dims[TTM_RANK_ID] = R;
}

/* n*(n+1)/2 * R and n*n*R, checked against overflow. */
static systec_status_t ttm_sizes(const char *fn, int64_t n, int64_t R, int64_t *packed,
                                 int64_t *full)
{
    if (n < 0 || R < 0)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "%s: n = %lld, R = %lld", fn, (long long)n,
                            (long long)R);
    if (n > 0 && R > 0 && (n > INT64_MAX / 8 / n || n * n > INT64_MAX / 8 / R))
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW, "%s: n*n*R overflows", fn);
    if (packed) *packed = n * (n + 1) / 2 * R;
    if (full) *full = n * n * R;
    return SYSTEC_SUCCESS;
}

/* Checks shared by the TTM calls on a handle of order `order`, values
 * `have`, mode size n: types, order, R, leading dimensions (>= R), sizes
 * (the output has *rows rows, packed or full), NULL pointers and overlap of
 * B and the output. */
static systec_status_t ttm_args(const char *fn, systec_dtype_t have, systec_dtype_t want,
                                int order, int64_t n, int64_t R, const void *B, int64_t ldb,
                                const void *C, int64_t ldc, int packed, int64_t *rows)
{
    if (have != want)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "%s: the handle holds %s values", fn,
                            have == SYSTEC_DOUBLE ? "double" : "float");
    if (order != 3)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: TTM needs an order-3 tensor, not %d", fn,
                            order);
    int64_t cp = 0, cf = 0;
    systec_status_t st = ttm_sizes(fn, n, R, &cp, &cf);
    if (st) return st;
    if (ldb < R || ldc < R)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "%s: leading dimension %lld < R = %lld", fn,
                            (long long)(ldb < R ? ldb : ldc), (long long)R);
    *rows = packed ? n * (n + 1) / 2 : n * n;
    if (R == 0 || n == 0) return SYSTEC_SUCCESS;
    if (ldb > INT64_MAX / 8 / n || ldc > INT64_MAX / 8 / *rows)
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW, "%s: rows*ld overflows", fn);
    int64_t vs = (int64_t)systec__vsize(want);
    if (!B || !C)
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: %s is NULL", fn, !B ? "B" : "the output");
    if (overlap(B, ((n - 1) * ldb + R) * vs, C, ((*rows - 1) * ldc + R) * vs))
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s: B and the output overlap", fn);
    return SYSTEC_SUCCESS;
}

static systec_status_t ttm_sym(const char *fn, const systec_symten_t *A, systec_dtype_t dt,
                               int64_t R, const void *B, int64_t ldb, void *C, int64_t ldc)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: A is NULL", fn);
    if (!valid_symten(A)) return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "%s: not a symten", fn);
    int64_t rows = 0;
    systec_status_t st = ttm_args(fn, A->dtype, dt, A->order, A->n, R, B, ldb, C,
                                  ldc, 1, &rows);
    if (st) return st;
    int64_t dims[4];
    ttm_dims(A->n, R, dims);
    ranked_call c = {fn, "TTM", 3, SYSTEC_KOP_ttm, SYSTEC_KST_fibers, dt, A->ttm_fib, 0, NULL,
                     NULL, dims, TTM_RANK_ID, R, ldb, ldc, B, C, rows, SYSTEC_FIBN_ttm, A->n};
    return ranked_run(&c);
}

systec_status_t systec_dttm(const systec_symten_t *A, int64_t R, const double *B, double *C)
{
    return ttm_sym("systec_dttm", A, SYSTEC_DOUBLE, R, B, R, C, R);
}

systec_status_t systec_sttm(const systec_symten_t *A, int64_t R, const float *B, float *C)
{
    return ttm_sym("systec_sttm", A, SYSTEC_FLOAT, R, B, R, C, R);
}

systec_status_t systec_dttm_ld(const systec_symten_t *A, int64_t R, const double *B, int64_t ldb,
                               double *C, int64_t ldc)
{
    return ttm_sym("systec_dttm_ld", A, SYSTEC_DOUBLE, R, B, ldb, C, ldc);
}

systec_status_t systec_sttm_ld(const systec_symten_t *A, int64_t R, const float *B, int64_t ldb,
                               float *C, int64_t ldc)
{
    return ttm_sym("systec_sttm_ld", A, SYSTEC_FLOAT, R, B, ldb, C, ldc);
}

static systec_status_t ttm_expand(const char *fn, systec_dtype_t dt, int64_t n, int64_t R,
                                  const void *C, void *F)
{
    systec__clear_error();
    int64_t cp = 0, cf = 0;
    systec_status_t st = ttm_sizes(fn, n, R, &cp, &cf);
    if (st) return st;
    int64_t vs = (int64_t)systec__vsize(dt);
    if (cp > 0 && (!C || !F))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: %s is NULL", fn, !C ? "C" : "F");
    if (overlap(C, cp * vs, F, cf * vs))
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s: C and F overlap", fn);
    const char *src = C;
    char *dst = F;
    size_t row = (size_t)(R * vs);
    for (int64_t j = 0, p = 0; j < n; j++)
        for (int64_t l = j; l < n; l++, p++) {
            memcpy(dst + (j * n + l) * R * vs, src + p * R * vs, row);
            if (l != j) memcpy(dst + (l * n + j) * R * vs, src + p * R * vs, row);
        }
    return SYSTEC_SUCCESS;
}

systec_status_t systec_dttm_expand(int64_t n, int64_t R, const double *C, double *F)
{
    return ttm_expand("systec_dttm_expand", SYSTEC_DOUBLE, n, R, C, F);
}

systec_status_t systec_sttm_expand(int64_t n, int64_t R, const float *C, float *F)
{
    return ttm_expand("systec_sttm_expand", SYSTEC_FLOAT, n, R, C, F);
}

/* The non-symmetric baselines on the full tensor, the full output: over
 * its fibers (csf) or as one plain loop over its entries (coo). */
static systec_status_t ttm_full(const char *fn, const systec_csften_t *A, systec_dtype_t dt,
                                int coo, int64_t R, const void *B, int64_t ldb, void *F,
                                int64_t ldf)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: A is NULL", fn);
    if (!valid_csften(A)) return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "%s: not a csften", fn);
    int64_t rows = 0;
    systec_status_t st = ttm_args(fn, A->dtype, dt, A->order, A->n, R, B, ldb, F, ldf, 0, &rows);
    if (st) return st;
    int64_t dims[4];
    ttm_dims(A->n, R, dims);
    ranked_call c = {fn, "TTM", 3, SYSTEC_KOP_ttm, coo ? SYSTEC_KST_coofull : SYSTEC_KST_csf, dt,
                     coo ? NULL : &A->csf, A->nnz, A->coord, A->val, dims, TTM_RANK_ID, R, ldb,
                     ldf, B, F, rows, 0, 0};
    return ranked_run(&c);
}

systec_status_t systec_dttm_csf(const systec_csften_t *A, int64_t R, const double *B, double *F)
{
    return ttm_full("systec_dttm_csf", A, SYSTEC_DOUBLE, 0, R, B, R, F, R);
}

systec_status_t systec_sttm_csf(const systec_csften_t *A, int64_t R, const float *B, float *F)
{
    return ttm_full("systec_sttm_csf", A, SYSTEC_FLOAT, 0, R, B, R, F, R);
}

systec_status_t systec_dttm_csf_ld(const systec_csften_t *A, int64_t R, const double *B,
                                   int64_t ldb, double *F, int64_t ldf)
{
    return ttm_full("systec_dttm_csf_ld", A, SYSTEC_DOUBLE, 0, R, B, ldb, F, ldf);
}

systec_status_t systec_sttm_csf_ld(const systec_csften_t *A, int64_t R, const float *B,
                                   int64_t ldb, float *F, int64_t ldf)
{
    return ttm_full("systec_sttm_csf_ld", A, SYSTEC_FLOAT, 0, R, B, ldb, F, ldf);
}

systec_status_t systec_dttm_coo(const systec_csften_t *A, int64_t R, const double *B, double *F)
{
    return ttm_full("systec_dttm_coo", A, SYSTEC_DOUBLE, 1, R, B, R, F, R);
}

systec_status_t systec_sttm_coo(const systec_csften_t *A, int64_t R, const float *B, float *F)
{
    return ttm_full("systec_sttm_coo", A, SYSTEC_FLOAT, 1, R, B, R, F, R);
}

systec_status_t systec_dttm_coo_ld(const systec_csften_t *A, int64_t R, const double *B,
                                   int64_t ldb, double *F, int64_t ldf)
{
    return ttm_full("systec_dttm_coo_ld", A, SYSTEC_DOUBLE, 1, R, B, ldb, F, ldf);
}

systec_status_t systec_sttm_coo_ld(const systec_csften_t *A, int64_t R, const float *B,
                                   int64_t ldb, float *F, int64_t ldf)
{
    return ttm_full("systec_sttm_coo_ld", A, SYSTEC_FLOAT, 1, R, B, ldb, F, ldf);
}
