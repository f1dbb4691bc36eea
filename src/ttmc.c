/* TTMc (tensor times the same matrix in every mode but the first) on a
 * symmetric tensor of order 3 or 4, through the kernels systec-gen derives
 * from gen/kernels/ttmc3.spec and ttmc4.spec:
 *   Y[i,r,s]   = sum A[i,j,k]   U[j,r] U[k,s]
 *   Y[i,r,s,t] = sum A[i,j,k,l] U[j,r] U[k,s] U[l,t].
 * Y is symmetric in its last N-1 modes (the generator finds it: a swap of
 * them is undone by a permutation of A's modes), so the symmetric kernel
 * computes each sorted run r <= s (<= t) once, packed. Its non-symmetric
 * baseline is the same spec lowered without symmetry over the full
 * coordinate list, writing the full output. */
#include "coo_order.h"
#include "dispatch.h"
#include "kernels.h"

#include <stdlib.h>
#include <string.h>

/* The generated tables and kernel names by order. */
static void ttmc_dims(int order, int64_t n, int64_t R, int64_t *dims);

typedef struct {
    int order;
    int op;
    const int (*facepos)[8]; /* per tie pattern, the group position of each stored coordinate */
    systec__insttab byrow;   /* the orbits of the output symmetry (storage byrow) */
    const int *key;          /* their order: the output row first */
} ttmc_info;
static const ttmc_info ttmc_kernels[] = {
    {3, SYSTEC_KOP_ttmc3, systec_facepos_ttmc3,
     {systec_rowinst_ttmc3, SYSTEC_NROWINST_ttmc3, 3, systec_facepos_ttmc3}, systec_instkey_ttmc3},
    {4, SYSTEC_KOP_ttmc4, systec_facepos_ttmc4,
     {systec_rowinst_ttmc4, SYSTEC_NROWINST_ttmc4, 4, systec_facepos_ttmc4}, systec_instkey_ttmc4},
};

/* Runs kernel k of the chosen table on the faces (work: one output row of
 * the byrow kernel, or NULL). */
static void run_kernel(const systec_kimpl_t *tab, int k, const systec_gface_t *faces, int order,
                       int64_t n, int64_t R, const void *U, void *Y, void *work)
{
    int64_t dims[2 * SYSTEC_MAX_ORDER];
    ttmc_dims(order, n, R, dims);
    const void *dense[1] = {U};
    systec_kargs_t a = {0};
    a.faces = faces;
    a.dense = dense;
    a.dims = dims;
    a.out = Y;
    a.work = work;
    tab[k].call(&a);
}

static const ttmc_info *ttmc_for(int order)
{
    for (size_t k = 0; k < sizeof ttmc_kernels / sizeof *ttmc_kernels; k++)
        if (ttmc_kernels[k].order == order) return &ttmc_kernels[k];
    return NULL;
}

/* dims by index id: the specs name i, then the output's rank indices, then
 * the contracted ones (i, r, s, j, k and i, r, s, t, j, k, l). */
static void ttmc_dims(int order, int64_t n, int64_t R, int64_t *dims)
{
    dims[0] = n;
    for (int k = 1; k < order; k++) dims[k] = R;
    for (int k = order; k < 2 * order - 1; k++) dims[k] = n;
}

/* C(R + m - 1, m): the sorted runs of m values in [0, R). */
static int64_t runs(int64_t R, int m)
{
    int64_t c = 1;
    for (int k = 1; k <= m; k++) c = c * (R + k - 1) / k; /* exact at each step */
    return c;
}

systec_status_t systec_ttmc_size(int order, int64_t n, int64_t R, int64_t *packed, int64_t *full)
{
    systec__clear_error();
    if (order != 3 && order != 4)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "systec_ttmc_size: order %d (3 or 4)", order);
    if (n < 0 || R < 0)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "systec_ttmc_size: n = %lld, R = %lld",
                            (long long)n, (long long)R);
    /* n * R^(order-1) elements of 8 bytes must be addressable */
    int64_t f = n;
    for (int k = 1; k < order; k++) {
        if (R > 0 && f > INT64_MAX / 8 / R)
            return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW, "systec_ttmc_size: n*R^%d overflows",
                                order - 1);
        f *= R;
    }
    if (packed) *packed = n * runs(R, order - 1);
    if (full) *full = f;
    return SYSTEC_SUCCESS;
}

static int overlap(const void *a, int64_t na, const void *b, int64_t nb)
{
    return na > 0 && nb > 0 && (const char *)a < (const char *)b + nb &&
           (const char *)b < (const char *)a + na;
}

/* Checks shared by the calls: order, sizes (*cells: the output's
 * elements), NULL pointers, U and Y disjoint. */
static systec_status_t ttmc_args(const char *fn, int order, int64_t n, int64_t R, const void *U,
                                 const void *Y, systec_dtype_t dt, int packed, int64_t *cells)
{
    int64_t cp = 0, cf = 0;
    if (order != 3 && order != 4)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: TTMc needs an order-3 or order-4 tensor, "
                            "not %d", fn, order);
    systec_status_t st = systec_ttmc_size(order, n, R, &cp, &cf);
    if (st) return systec__fail(st, "%s: n = %lld, R = %lld", fn, (long long)n, (long long)R);
    *cells = packed ? cp : cf;
    int64_t vs = (int64_t)systec__vsize(dt);
    if (*cells > 0 && (!U || !Y))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: %s is NULL", fn, !U ? "U" : "Y");
    if (overlap(U, n * R * vs, Y, *cells * vs))
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s: U and Y overlap", fn);
    return SYSTEC_SUCCESS;
}

/* The canonical entries as the generic kernel's face lists: per tie
 * pattern, each entry's coordinates at the positions facepos names. */
typedef struct {
    systec_gface_t face[1 << (SYSTEC_MAX_ORDER - 1)];
    int64_t *coord;
    void *val;
} faces_t;

static systec_status_t faces_build(const char *fn, const systec_tns_t *C, const ttmc_info *ti,
                                   systec_dtype_t dt, faces_t *F)
{
    const int N = C->order, nface = 1 << (N - 1);
    int64_t count[8] = {0}, start[8], cstart[8], w = 0, total = 0;
    int nv[8];
    for (int f = 0; f < nface; f++) {
        nv[f] = 0;
        while (nv[f] < 8 && ti->facepos[f][nv[f]] >= 0) nv[f]++;
    }
    for (int64_t e = 0; e < C->nnz; e++) count[systec__tie_mask(C->ind + e * N, N)]++;
    for (int f = 0; f < nface; f++) {
        start[f] = total;
        cstart[f] = w;
        total += count[f];
        w += count[f] * nv[f];
    }
    memset(F, 0, sizeof *F);
    F->coord = systec__malloc(sizeof *F->coord * (size_t)(w + 1));
    F->val = systec__malloc(systec__vsize(dt) * (size_t)(total + 1));
    if (!F->coord || !F->val) {
        systec__free(F->coord);
        systec__free(F->val);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: the tie pattern lists", fn);
    }
    for (int f = 0; f < nface; f++) {
        F->face[f].coord = F->coord + cstart[f];
        F->face[f].val = (char *)F->val + start[f] * (int64_t)systec__vsize(dt);
    }
    for (int64_t e = 0; e < C->nnz; e++) {
        const int64_t *c = C->ind + e * N;
        unsigned f = systec__tie_mask(c, N);
        int64_t k = F->face[f].nnz++;
        int64_t *dst = F->coord + cstart[f] + k * nv[f];
        for (int v = 0; v < nv[f]; v++) dst[v] = c[ti->facepos[f][v]];
        systec__vset(F->val, dt, start[f] + k, C->val[e]);
    }
    return SYSTEC_SUCCESS;
}

/* A TTMc plan: the symmetric handle's entries in the storage the
 * dispatcher chose, built once (the symbolic phase): byrow, one instance
 * per orbit of the output symmetry sorted by output row i (each row's
 * R^(N-1) accumulator folded into its canonical part once), or the tie
 * pattern lists of the per-entry kernel. */
#define SYSTEC_MAGIC_TTMCPLAN 0x54544d43u /* "TTMC" */
struct systec_ttmcplan {
    uint32_t magic;
    systec_dtype_t dt;
    int order;
    int64_t n;
    int storage; /* SYSTEC__COO_BYROW or SYSTEC__COO_ENTRY */
    systec__olist L; /* byrow */
    faces_t F;       /* per entry */
};

static int valid_plan(const systec_ttmcplan_t *P) { return P && P->magic == SYSTEC_MAGIC_TTMCPLAN; }

systec_status_t systec_ttmcplan_create(systec_ttmcplan_t **P, const systec_symten_t *A)
{
    static const char fn[] = "systec_ttmcplan_create";
    systec__clear_error();
    if (!P || !A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: %s is NULL", fn, P ? "A" : "P");
    int order = 0;
    int64_t n = 0, nnz = 0;
    systec_dtype_t dt;
    systec_status_t st = systec_symten_info(A, &order, &n, &nnz, NULL, &dt);
    if (st) return systec__fail(st, "%s: A is not a symmetric tensor handle", fn);
    const ttmc_info *ti = ttmc_for(order);
    if (!ti)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: TTMc needs an order-3 or order-4 "
                            "tensor, not %d", fn, order);
    int k = systec__kid(ti->op, SYSTEC_KST_coo, SYSTEC_KSC_generic, dt, SYSTEC_INT64);
    int kr = systec__kid(ti->op, SYSTEC_KST_byrow, SYSTEC_KSC_generic, dt, SYSTEC_INT64);
    if (k < 0) return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: no TTMc kernel in this build", fn);
    systec__rule why;
    int storage = systec__choose_coo_storage(systec__kmeta(k)->scatter, 0, kr >= 0, nnz, 0, &why);
    if (systec__verbose()) {
        char text[256];
        systec__rule_text(why, NULL, text, sizeof text);
        systec__log("%s: %s", fn, text);
    }
    systec_ttmcplan_t *Q = systec__calloc(1, sizeof *Q);
    if (!Q) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: the plan", fn);
    systec_tns_t C;
    if ((st = systec_symten_to_tns(A, &C))) {
        systec__free(Q);
        return st;
    }
    if (storage == SYSTEC__COO_BYROW) {
        st = systec__olist_instances(fn, order, C.nnz, C.ind, C.val, &ti->byrow, dt, &Q->L);
        if (!st) st = systec__olist_sort(fn, &Q->L, ti->key, n);
    } else {
        st = faces_build(fn, &C, ti, dt, &Q->F);
    }
    systec_tns_free(&C);
    if (st) {
        systec__olist_free(&Q->L);
        systec__free(Q);
        return st;
    }
    Q->magic = SYSTEC_MAGIC_TTMCPLAN;
    Q->dt = dt;
    Q->order = order;
    Q->n = n;
    Q->storage = storage;
    *P = Q;
    return SYSTEC_SUCCESS;
}

void systec_ttmcplan_free(systec_ttmcplan_t **P)
{
    if (!P || !valid_plan(*P)) return;
    systec__olist_free(&(*P)->L);
    systec__free((*P)->F.coord);
    systec__free((*P)->F.val);
    (*P)->magic = 0;
    systec__free(*P);
    *P = NULL;
}

static systec_status_t ttmc_plan(const char *fn, const systec_ttmcplan_t *P, systec_dtype_t dt,
                                 int64_t R, const void *U, void *Y)
{
    systec__clear_error();
    if (!valid_plan(P))
        return systec__fail(P ? SYSTEC_ERR_INVALID_OBJECT : SYSTEC_ERR_NULL_POINTER,
                            "%s: P is not a TTMc plan", fn);
    if (P->dt != dt)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "%s: the plan holds %s values", fn,
                            P->dt == SYSTEC_DOUBLE ? "double" : "float");
    int64_t cells = 0;
    systec_status_t st = ttmc_args(fn, P->order, P->n, R, U, Y, dt, 1, &cells);
    if (st) return st;
    const ttmc_info *ti = ttmc_for(P->order);
    const systec_kimpl_t *tab;
    if ((st = systec__ktable_get(&tab)) != SYSTEC_SUCCESS) return st;
    int byrow = P->storage == SYSTEC__COO_BYROW;
    int k = systec__kid(ti->op, byrow ? SYSTEC_KST_byrow : SYSTEC_KST_coo, SYSTEC_KSC_generic, dt,
                        SYSTEC_INT64);
    if (k < 0) return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: no TTMc kernel in this build", fn);
    if (cells == 0) return SYSTEC_SUCCESS;
    int64_t w = 1; /* byrow: one output row's accumulator */
    for (int q = 1; q < P->order && byrow; q++) w *= R;
    void *work = byrow ? systec__malloc(systec__vsize(dt) * (size_t)(w + 1)) : NULL;
    if (byrow && !work) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: a row accumulator", fn);
    systec_gface_t face = systec__olist_face(&P->L);
    memset(Y, 0, (size_t)cells * systec__vsize(dt));
    run_kernel(tab, k, byrow ? &face : P->F.face, P->order, P->n, R, U, Y, work);
    systec__free(work);
    return SYSTEC_SUCCESS;
}

systec_status_t systec_dttmc_plan(const systec_ttmcplan_t *P, int64_t R, const double *U,
                                  double *Y)
{
    return ttmc_plan("systec_dttmc_plan", P, SYSTEC_DOUBLE, R, U, Y);
}

systec_status_t systec_sttmc_plan(const systec_ttmcplan_t *P, int64_t R, const float *U, float *Y)
{
    return ttmc_plan("systec_sttmc_plan", P, SYSTEC_FLOAT, R, U, Y);
}

/* A direct call: its plan made and freed around it (the arguments checked
 * first, so that a bad call builds nothing). */
static systec_status_t ttmc_sym(const char *fn, const systec_symten_t *A, systec_dtype_t dt,
                                int64_t R, const void *U, void *Y)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: A is NULL", fn);
    int order = 0;
    int64_t n = 0, cells = 0;
    systec_dtype_t have;
    systec_status_t st = systec_symten_info(A, &order, &n, NULL, NULL, &have);
    if (st) return systec__fail(st, "%s: A is not a symmetric tensor handle", fn);
    if (have != dt)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "%s: the handle holds %s values", fn,
                            have == SYSTEC_DOUBLE ? "double" : "float");
    if ((st = ttmc_args(fn, order, n, R, U, Y, dt, 1, &cells))) return st;
    if (cells == 0) return SYSTEC_SUCCESS;
    systec_ttmcplan_t *P = NULL;
    if ((st = systec_ttmcplan_create(&P, A))) return st;
    st = ttmc_plan(fn, P, dt, R, U, Y);
    systec_ttmcplan_free(&P);
    return st;
}

systec_status_t systec_dttmc(const systec_symten_t *A, int64_t R, const double *U, double *Y)
{
    return ttmc_sym("systec_dttmc", A, SYSTEC_DOUBLE, R, U, Y);
}

systec_status_t systec_sttmc(const systec_symten_t *A, int64_t R, const float *U, float *Y)
{
    return ttmc_sym("systec_sttmc", A, SYSTEC_FLOAT, R, U, Y);
}

/* The baseline on a full coordinate list (every stored tuple, e.g.
 * systec_symten_expand's), its coordinates checked. */
static systec_status_t ttmc_coo(const char *fn, const systec_tns_t *T, systec_dtype_t dt,
                                int64_t R, const void *U, void *Y)
{
    systec__clear_error();
    if (!T) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: T is NULL", fn);
    int64_t cells = 0;
    systec_status_t st = ttmc_args(fn, T->order, T->dim, R, U, Y, dt, 0, &cells);
    if (st) return st;
    if (T->nnz < 0) return systec__fail(SYSTEC_ERR_INVALID_SIZE, "%s: nnz = %lld", fn,
                                        (long long)T->nnz);
    if (T->nnz > 0 && (!T->ind || !T->val))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: T's arrays are NULL", fn);
    for (int64_t e = 0; e < T->nnz * T->order; e++)
        if (T->ind[e] < 0 || T->ind[e] >= T->dim)
            return systec__fail(SYSTEC_ERR_INDEX_OUT_OF_RANGE, "%s: entry %lld has coordinate "
                                "%lld outside [0, %lld)", fn, (long long)(e / T->order),
                                (long long)T->ind[e], (long long)T->dim);
    const ttmc_info *ti = ttmc_for(T->order);
    const systec_kimpl_t *tab;
    if ((st = systec__ktable_get(&tab)) != SYSTEC_SUCCESS) return st;
    int k = systec__kid(ti->op, SYSTEC_KST_coofull, SYSTEC_KSC_generic, dt, SYSTEC_INT64);
    if (k < 0) return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: no TTMc kernel in this build", fn);
    if (cells == 0) return SYSTEC_SUCCESS;
    void *vals = NULL; /* float values: converted once per call */
    if (dt == SYSTEC_FLOAT && T->nnz > 0) {
        vals = systec__malloc(sizeof(float) * (size_t)T->nnz);
        if (!vals) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: float values", fn);
        for (int64_t e = 0; e < T->nnz; e++) ((float *)vals)[e] = (float)T->val[e];
    }
    memset(Y, 0, (size_t)cells * systec__vsize(dt));
    systec_gface_t face = {T->nnz, T->ind, vals ? vals : T->val, NULL};
    run_kernel(tab, k, &face, T->order, T->dim, R, U, Y, NULL);
    systec__free(vals);
    return SYSTEC_SUCCESS;
}

systec_status_t systec_dttmc_coo(const systec_tns_t *T, int64_t R, const double *U, double *Y)
{
    return ttmc_coo("systec_dttmc_coo", T, SYSTEC_DOUBLE, R, U, Y);
}

systec_status_t systec_sttmc_coo(const systec_tns_t *T, int64_t R, const float *U, float *Y)
{
    return ttmc_coo("systec_sttmc_coo", T, SYSTEC_FLOAT, R, U, Y);
}

/* Packed -> full: the sorted runs in lexicographic order (the packed
 * index), each written to every arrangement of itself. */
static systec_status_t ttmc_expand(const char *fn, systec_dtype_t dt, int order, int64_t n,
                                   int64_t R, const void *Yp, void *Y)
{
    systec__clear_error();
    int64_t cp = 0, cf = 0;
    if (order != 3 && order != 4)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: order %d (3 or 4)", fn, order);
    systec_status_t st = systec_ttmc_size(order, n, R, &cp, &cf);
    if (st) return systec__fail(st, "%s: n = %lld, R = %lld", fn, (long long)n, (long long)R);
    if (cf > 0 && (!Yp || !Y)) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: NULL", fn);
    int64_t vs = (int64_t)systec__vsize(dt);
    if (overlap(Yp, cp * vs, Y, cf * vs))
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s: the arrays overlap", fn);
    if (cf == 0) return SYSTEC_SUCCESS;
    const int m = order - 1;
    const int64_t per = cp / n;
    for (int64_t i = 0; i < n; i++) {
        int64_t a[SYSTEC_MAX_ORDER] = {0}, q = 0;
        for (;;) {
            double v = systec__vget(Yp, dt, i * per + q++);
            int64_t c[SYSTEC_MAX_ORDER];
            memcpy(c, a, sizeof c);
            do {
                int64_t off = i;
                for (int k = 0; k < m; k++) off = off * R + c[k];
                systec__vset(Y, dt, off, v);
            } while (systec__next_arrangement(c, m));
            int k = m - 1; /* the next sorted run */
            while (k >= 0 && a[k] == R - 1) k--;
            if (k < 0) break;
            a[k]++;
            for (int l = k + 1; l < m; l++) a[l] = a[k];
        }
    }
    return SYSTEC_SUCCESS;
}

systec_status_t systec_dttmc_expand(int order, int64_t n, int64_t R, const double *Yp, double *Y)
{
    return ttmc_expand("systec_dttmc_expand", SYSTEC_DOUBLE, order, n, R, Yp, Y);
}

systec_status_t systec_sttmc_expand(int order, int64_t n, int64_t R, const float *Yp, float *Y)
{
    return ttmc_expand("systec_sttmc_expand", SYSTEC_FLOAT, order, n, R, Yp, Y);
}
