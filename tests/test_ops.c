/* The generated matrix kernels -- SSYMV, SYPRD (x^T A x), min-plus SSYMV,
 * SSYMM and the bilinear form x^T A y -- and their non-symmetric baselines,
 * against plain references.
 *
 * Every kernel in the generated registry is called directly through its
 * call thunk, in every instruction-set variant this CPU runs (so no
 * variant, schedule or ISA hides behind dispatch), and every public call is
 * exercised,
 * on random symmetric matrices of many shapes (both tie patterns: strict
 * interior and diagonal) and on real matrices.
 *   symv, syprd, symm: |out - ref| <= tol * (sum of |terms|) per element,
 *                tol = 1e-12 for double, 1e-12 * FLT_EPSILON/DBL_EPSILON
 *                for float (plus one rounding of the float result);
 *   min-plus:    exact. Rounding to nearest is monotone, so min commutes
 *                with it: the float result must equal the rounded double
 *                reference.
 *
 * usage: test_ops [DIR_OR_MTX...]   (real matrices; default: none) */
#include "internal.h"
#include "kernels.h"
#include "partition.h"
#include "testutil.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A test problem: one triangle (as the user gives it) of a symmetric matrix. */
typedef struct {
    const char *label;
    int64_t n, nnz;
    int64_t *rp;     /* lower triangle CSR, rows as generated (unsorted, dups) */
    int64_t *ci;
    double *v;
    double *dense;   /* n*n when n <= DENSE_MAX, else NULL */
    double *dabs;    /* n*n, sum of |entries| per cell */
} Prob;

#define DENSE_MAX 4000

/* ---------------------------------------------------------- problem setup */

static void prob_free(Prob *P)
{
    free(P->rp);
    free(P->ci);
    free(P->v);
    free(P->dense);
    free(P->dabs);
    memset(P, 0, sizeof *P);
}

static void prob_dense(Prob *P)
{
    int64_t n = P->n;
    if (n > DENSE_MAX) return;
    P->dense = calloc((size_t)(n * n + 1), sizeof(double));
    P->dabs = calloc((size_t)(n * n + 1), sizeof(double));
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            int64_t c = P->ci[p];
            P->dense[r * n + c] += P->v[p];
            P->dabs[r * n + c] += fabs(P->v[p]);
            if (c != r) {
                P->dense[c * n + r] += P->v[p];
                P->dabs[c * n + r] += fabs(P->v[p]);
            }
        }
}

/* Random lower triangle: each strictly-lower cell present with probability
 * dens, diagonal with probability ddens; rows shuffled; some duplicates and
 * explicit zeros. */
static void prob_random(Prob *P, const char *label, int64_t n, double dens, double ddens,
                        double dup, double zeros)
{
    memset(P, 0, sizeof *P);
    P->label = label;
    P->n = n;
    int64_t cap = 16;
    P->rp = calloc((size_t)n + 1, sizeof(int64_t));
    P->ci = malloc(sizeof(int64_t) * (size_t)cap);
    P->v = malloc(sizeof(double) * (size_t)cap);
    for (int64_t r = 0; r < n; r++) {
        int64_t start = P->nnz;
        for (int64_t c = 0; c <= r; c++) {
            double pr = c == r ? ddens : dens;
            if (rnd_unit() >= pr) continue;
            int copies = rnd_unit() < dup ? 2 : 1;
            for (int k = 0; k < copies; k++) {
                if (P->nnz + 1 > cap) {
                    cap *= 2;
                    P->ci = realloc(P->ci, sizeof(int64_t) * (size_t)cap);
                    P->v = realloc(P->v, sizeof(double) * (size_t)cap);
                }
                P->ci[P->nnz] = c;
                P->v[P->nnz] = rnd_unit() < zeros ? 0.0 : rnd_sym();
                P->nnz++;
            }
        }
        /* shuffle the row */
        for (int64_t k = P->nnz - 1; k > start; k--) {
            int64_t j = start + (int64_t)(rnd_unit() * (double)(k - start + 1));
            if (j > k) j = k;
            int64_t tc = P->ci[k];
            P->ci[k] = P->ci[j];
            P->ci[j] = tc;
            double tv = P->v[k];
            P->v[k] = P->v[j];
            P->v[j] = tv;
        }
        P->rp[r + 1] = P->nnz;
    }
    prob_dense(P);
}

/* Lower triangle from a COO (symmetric: one entry per pair, either triangle). */
static int prob_from_coo(Prob *P, const char *label, const systec_coo_t *A)
{
    memset(P, 0, sizeof *P);
    P->label = label;
    P->n = A->nrows;
    int64_t n = P->n;
    P->rp = calloc((size_t)n + 1, sizeof(int64_t));
    for (int64_t k = 0; k < A->nnz; k++) {
        int64_t r = A->row[k] > A->col[k] ? A->row[k] : A->col[k];
        if (!A->symmetric && A->row[k] < A->col[k]) continue; /* full: keep the lower */
        P->rp[r + 1]++;
    }
    for (int64_t r = 0; r < n; r++) P->rp[r + 1] += P->rp[r];
    P->nnz = P->rp[n];
    P->ci = malloc(sizeof(int64_t) * (size_t)(P->nnz + 1));
    P->v = malloc(sizeof(double) * (size_t)(P->nnz + 1));
    int64_t *next = malloc(sizeof(int64_t) * (size_t)(n + 1));
    memcpy(next, P->rp, sizeof(int64_t) * (size_t)n);
    for (int64_t k = 0; k < A->nnz; k++) {
        if (!A->symmetric && A->row[k] < A->col[k]) continue;
        int64_t r = A->row[k] > A->col[k] ? A->row[k] : A->col[k];
        int64_t c = A->row[k] > A->col[k] ? A->col[k] : A->row[k];
        P->ci[next[r]] = c;
        P->v[next[r]++] = A->val[k];
    }
    free(next);
    prob_dense(P);
    return 0;
}

/* The same matrix as an upper triangle (row c, column r for each lower (r,c)). */
static void to_upper(const Prob *P, int64_t **rp, int64_t **ci, double **v)
{
    int64_t n = P->n;
    *rp = calloc((size_t)n + 1, sizeof(int64_t));
    *ci = malloc(sizeof(int64_t) * (size_t)(P->nnz + 1));
    *v = malloc(sizeof(double) * (size_t)(P->nnz + 1));
    for (int64_t p = 0; p < P->nnz; p++) (*rp)[P->ci[p] + 1]++;
    for (int64_t r = 0; r < n; r++) (*rp)[r + 1] += (*rp)[r];
    int64_t *next = malloc(sizeof(int64_t) * (size_t)(n + 1));
    memcpy(next, *rp, sizeof(int64_t) * (size_t)n);
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            int64_t c = P->ci[p];
            (*ci)[next[c]] = r;
            (*v)[next[c]++] = P->v[p];
        }
    free(next);
}

/* The full matrix (both triangles) as general CSR, rows unsorted. */
static void to_full(const Prob *P, int64_t **rp, int64_t **ci, double **v, int64_t *nnz)
{
    int64_t n = P->n, m = 0;
    *rp = calloc((size_t)n + 1, sizeof(int64_t));
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            (*rp)[r + 1]++;
            if (P->ci[p] != r) (*rp)[P->ci[p] + 1]++;
        }
    for (int64_t r = 0; r < n; r++) (*rp)[r + 1] += (*rp)[r];
    m = (*rp)[n];
    *ci = malloc(sizeof(int64_t) * (size_t)(m + 1));
    *v = malloc(sizeof(double) * (size_t)(m + 1));
    int64_t *next = malloc(sizeof(int64_t) * (size_t)(n + 1));
    memcpy(next, *rp, sizeof(int64_t) * (size_t)n);
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            int64_t c = P->ci[p];
            (*ci)[next[r]] = c;
            (*v)[next[r]++] = P->v[p];
            if (c != r) {
                (*ci)[next[c]] = r;
                (*v)[next[c]++] = P->v[p];
            }
        }
    free(next);
    *nnz = m;
}

/* Typed copies of index and value arrays. */
static void *idx_copy(const int64_t *a, int64_t n, int i64)
{
    void *o = malloc((size_t)(n + 1) * (i64 ? 8 : 4));
    for (int64_t k = 0; k < n; k++) {
        if (i64)
            ((int64_t *)o)[k] = a[k];
        else
            ((int32_t *)o)[k] = (int32_t)a[k];
    }
    return o;
}
static void *val_copy(const double *a, int64_t n, char dtype)
{
    void *o = malloc((size_t)(n + 1) * (dtype == 'd' ? 8 : 4));
    for (int64_t k = 0; k < n; k++) {
        if (dtype == 'd')
            ((double *)o)[k] = a[k];
        else
            ((float *)o)[k] = (float)a[k];
    }
    return o;
}


/* The split storage built by the test itself (independent of convert.c):
 * strictly-lower rows (unsorted, duplicates kept) and the diagonal with
 * duplicates combined in the op's semiring (absent: 0, or +inf in min-plus). */
static void to_split(const Prob *P, int minplus, int64_t **rp, int64_t **ci, double **v,
                     double **diag)
{
    int64_t n = P->n;
    *rp = calloc((size_t)n + 1, sizeof(int64_t));
    *ci = malloc(sizeof(int64_t) * (size_t)(P->nnz + 1));
    *v = malloc(sizeof(double) * (size_t)(P->nnz + 1));
    *diag = malloc(sizeof(double) * (size_t)(n + 1));
    for (int64_t r = 0; r < n; r++) (*diag)[r] = minplus ? INFINITY : 0.0;
    int64_t m = 0;
    for (int64_t r = 0; r < n; r++) {
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            if (P->ci[p] == r) {
                if (minplus)
                    (*diag)[r] = fmin((*diag)[r], P->v[p]);
                else
                    (*diag)[r] += P->v[p];
            } else {
                (*ci)[m] = P->ci[p];
                (*v)[m++] = P->v[p];
            }
        }
        (*rp)[r + 1] = m;
    }
}


/* ------------------------------------------------------------ operations */

typedef enum { OP_SYMV, OP_SYPRD, OP_MINPLUS, OP_SYMM, OP_BILIN, NOPS } Op;
static const char *const op_name[NOPS] = {"symv", "syprd", "symv_minplus", "symm", "bilin"};
static const int op_kop[NOPS] = {SYSTEC_KOP_symv, SYSTEC_KOP_syprd, SYSTEC_KOP_symv_minplus,
                                 SYSTEC_KOP_symm, SYSTEC_KOP_bilin};

#define KCOLS 3 /* columns of X and Y in SSYMM */

/* lengths of the operation's x and output; the bilinear form's y is x + n
 * (x buffers hold n * KCOLS + 1 values) */
static int64_t in_len(Op op, int64_t n) { return op == OP_SYMM ? n * KCOLS : n; }
static int64_t out_len(Op op, int64_t n)
{
    return op == OP_SYPRD || op == OP_BILIN ? 1 : in_len(op, n);
}
static const double *second_in(Op op, const double *x, int64_t n)
{
    return op == OP_BILIN ? x + n : NULL;
}

/* Float-rounded copy of a problem (values and dense matrix), so that the
 * reference for a float kernel sees exactly the kernel's inputs. */
static void prob_rounded(const Prob *P, Prob *Q)
{
    *Q = *P;
    Q->v = malloc(sizeof(double) * (size_t)(P->nnz + 1));
    for (int64_t p = 0; p < P->nnz; p++) Q->v[p] = (double)(float)P->v[p];
    Q->dense = Q->dabs = NULL;
    if (P->dense) prob_dense(Q); /* from the rounded values */
}

static void prob_rounded_free(Prob *Q)
{
    free(Q->v);
    free(Q->dense);
    free(Q->dabs);
}

/* out_ref and the per-element bound on |terms| (unused for min-plus). */
static void reference(Op op, const Prob *P, double alpha, const double *x, double beta,
                      const double *y0, double *ref, double *bound)
{
    int64_t n = P->n, len = out_len(op, n);
    if (op == OP_SYMM) { /* column by column: SSYMV on X(:, c) */
        double *xc = malloc(sizeof(double) * (size_t)(n + 1));
        double *yc = malloc(sizeof(double) * (size_t)(n + 1));
        double *rc = malloc(sizeof(double) * (size_t)(n + 1));
        double *bc = malloc(sizeof(double) * (size_t)(n + 1));
        for (int c = 0; c < KCOLS; c++) {
            for (int64_t i = 0; i < n; i++) xc[i] = x[i * KCOLS + c], yc[i] = y0[i * KCOLS + c];
            reference(OP_SYMV, P, alpha, xc, beta, yc, rc, bc);
            for (int64_t i = 0; i < n; i++) ref[i * KCOLS + c] = rc[i], bound[i * KCOLS + c] = bc[i];
        }
        free(xc);
        free(yc);
        free(rc);
        free(bc);
        return;
    }
    if (op == OP_MINPLUS) {
        for (int64_t i = 0; i < n; i++) ref[i] = y0[i];
        for (int64_t r = 0; r < n; r++)
            for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
                int64_t c = P->ci[p];
                ref[r] = fmin(ref[r], P->v[p] + x[c]);
                if (c != r) ref[c] = fmin(ref[c], P->v[p] + x[r]);
            }
        return;
    }
    /* (A v)_i and sum |a_ij v_j|, from the dense matrix when there is one;
     * v is x, or the bilinear form's y */
    const double *v = op == OP_BILIN ? second_in(op, x, n) : x;
    long double *ax = calloc((size_t)n + 1, sizeof *ax), *bx = calloc((size_t)n + 1, sizeof *bx);
    if (P->dense) {
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++) {
                ax[i] += (long double)P->dense[i * n + j] * v[j];
                bx[i] += (long double)P->dabs[i * n + j] * fabs(v[j]);
            }
    } else {
        for (int64_t r = 0; r < n; r++)
            for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
                int64_t c = P->ci[p];
                ax[r] += (long double)P->v[p] * v[c];
                bx[r] += fabsl((long double)P->v[p] * v[c]);
                if (c != r) {
                    ax[c] += (long double)P->v[p] * v[r];
                    bx[c] += fabsl((long double)P->v[p] * v[r]);
                }
            }
    }
    if (op == OP_SYPRD || op == OP_BILIN) {
        long double s = 0, b = 0;
        for (int64_t i = 0; i < n; i++) {
            s += (long double)x[i] * ax[i];
            b += fabsl((long double)x[i]) * bx[i];
        }
        ax[0] = s;
        bx[0] = b;
    }
    for (int64_t i = 0; i < len; i++) {
        double by = beta == 0 ? 0 : beta * y0[i];
        ref[i] = alpha * (double)ax[i] + by;
        bound[i] = fabs(alpha) * (double)bx[i] + fabs(by);
    }
    free(ax);
    free(bx);
}

static int compare(Op op, const char *what, const Prob *P, char dtype, const void *y,
                   const double *ref, const double *bound)
{
    double tol = dtype == 'd' ? 1e-12 : 1e-12 * (FLT_EPSILON / DBL_EPSILON);
    for (int64_t i = 0; i < out_len(op, P->n); i++) {
        double v = dtype == 'd' ? ((const double *)y)[i] : ((const float *)y)[i];
        int ok;
        double want = ref[i], allow = 0;
        if (op == OP_MINPLUS) {
            if (dtype == 's') want = (double)(float)want;
            ok = v == want || (isnan(v) && isnan(want));
        } else {
            /* float: the reference saw the inputs rounded as the kernel did */
            allow = tol * bound[i];
            ok = fabs(v - want) <= allow;
        }
        if (!ok)
            return check_fail("%s on %s (n=%lld): out[%lld] = %.17g, want %.17g (allowed %.3g)",
                              what, P->label, (long long)P->n, (long long)i, v, want, allow);
    }
    return check_true(1, what);
}

/* ----------------------------------------------- every registered kernel */

/* The storages a kernel may read, built by the test from the problem. */
typedef struct {
    int64_t *rp[5], *ci[5], nnz[5];
    double *v[5], *diag;
} Storages;
enum { S_TRILO, S_TRIUP, S_FULL, S_SPLIT, S_STREAM };

static void storages_build(const Prob *P, int minplus, Storages *S)
{
    S->rp[S_TRILO] = P->rp, S->ci[S_TRILO] = P->ci, S->v[S_TRILO] = P->v;
    S->nnz[S_TRILO] = P->nnz;
    to_upper(P, &S->rp[S_TRIUP], &S->ci[S_TRIUP], &S->v[S_TRIUP]);
    S->nnz[S_TRIUP] = P->nnz;
    to_full(P, &S->rp[S_FULL], &S->ci[S_FULL], &S->v[S_FULL], &S->nnz[S_FULL]);
    to_split(P, minplus, &S->rp[S_SPLIT], &S->ci[S_SPLIT], &S->v[S_SPLIT], &S->diag);
    S->nnz[S_SPLIT] = S->rp[S_SPLIT][P->n];
    /* stream: the split entries with their row in place of row pointers */
    int64_t nz = S->nnz[S_SPLIT];
    S->rp[S_STREAM] = malloc(sizeof(int64_t) * (size_t)(nz + 1));
    for (int64_t r = 0; r < P->n; r++)
        for (int64_t q = S->rp[S_SPLIT][r]; q < S->rp[S_SPLIT][r + 1]; q++) S->rp[S_STREAM][q] = r;
    S->ci[S_STREAM] = S->ci[S_SPLIT];
    S->v[S_STREAM] = S->v[S_SPLIT];
    S->nnz[S_STREAM] = nz;
}

static void storages_free(Storages *S)
{
    for (int k = S_TRIUP; k <= S_SPLIT; k++) {
        free(S->rp[k]);
        free(S->ci[k]);
        free(S->v[k]);
    }
    free(S->rp[S_STREAM]); /* its columns and values are the split's */
    free(S->diag);
}

static int storage_of(int kst)
{
    return kst == SYSTEC_KST_trilo ? S_TRILO : kst == SYSTEC_KST_triup ? S_TRIUP
           : kst == SYSTEC_KST_full ? S_FULL : kst == SYSTEC_KST_stream ? S_STREAM : S_SPLIT;
}

/* Calls kernel kid of ISA table tab through its thunk on storage st of the
 * problem, and compares its output with the reference for its type. */
static int run_kernel(const systec_kimpl_t *tab, int kid, const char *isa, Op op, const Prob *P,
                      const Storages *S, const double *x, double alpha, double beta,
                      const double *y0, double *const *ref, double *const *bnd)
{
    const systec_kmeta_t *e = systec__kmeta(kid);
    char dt = e->dtype;
    int i64 = e->i64, st = storage_of(e->storage);
    int64_t n = P->n, len = out_len(op, n);
    /* row pointers (n + 1), or for the stream one row per entry */
    void *Rp = idx_copy(S->rp[st], st == S_STREAM ? S->nnz[st] : n + 1, i64);
    void *Ci = idx_copy(S->ci[st], S->nnz[st], i64);
    void *V = val_copy(S->v[st], S->nnz[st], dt), *D = val_copy(S->diag, n, dt);
    void *X = val_copy(x, in_len(op, n) + (op == OP_BILIN ? n : 0), dt);
    void *Y = val_copy(y0, len, dt);
    systec_kargs_t a = {0};
    a.m = a.n = n;
    a.k = KCOLS;
    a.nnz = S->nnz[st];
    a.ptr = a.row = Rp;
    a.idx = Ci;
    a.val = V;
    a.diag = D;
    a.alpha = dt == 'd' ? alpha : (double)(float)alpha;
    a.beta = dt == 'd' ? beta : (double)(float)beta;
    a.in[0] = X;
    a.in[1] = (const char *)X + (size_t)n * (dt == 'd' ? 8 : 4);
    a.out = Y;
    /* a parallel schedule: a partition of the rows into 3 parts (of the
     * split storage's, or of the full matrix for the baseline), run by one
     * thread: this test covers every kernel in every ISA variant, test_omp
     * the threads */
    int gen = st == S_FULL, ps = gen ? S_FULL : S_SPLIT;
    const systec__csr csr = {n, S->rp[ps], S->ci[ps], SYSTEC_INT64, 0, gen};
    systec__part *part = NULL;
    systec_kpart_t kp;
    void *held = NULL;
    if (!strncmp(systec__kernels_sched_names[e->sched], "omp_", 4)) {
        if (systec__part_build(&csr, e->sched, 1, 3, &part) ||
            systec__part_begin(part, dt == 'd' ? SYSTEC_DOUBLE : SYSTEC_FLOAT, KCOLS, &kp, &held))
            return check_fail("%s: no partition", e->name);
        a.part = &kp;
    }
    tab[kid].call(&a);
    if (part) {
        systec__part_end(part, held);
        systec__part_free(part);
    }
    char what[192];
    snprintf(what, sizeof what, "%s [%s]", e->name, isa);
    int fails = compare(op, what, P, dt, Y, ref[dt == 's'], bnd[dt == 's']);
    free(Rp);
    free(Ci);
    free(V);
    free(D);
    free(X);
    free(Y);
    return fails;
}

/* Every generated kernel of op, in every ISA variant this CPU runs. */
static int run_registry(Op op, const Prob *P, const double *x, double alpha, double beta,
                        const double *y0, int *covered)
{
    int fails = 0, mp = op == OP_MINPLUS;
    int64_t n = P->n;
    Storages S;
    storages_build(P, mp, &S);
    /* references for double and for float-rounded inputs */
    Prob Q;
    prob_rounded(P, &Q);
    int64_t nin = in_len(OP_SYMM, n) + 1;
    double *xr = malloc(sizeof(double) * (size_t)nin), *y0r = malloc(sizeof(double) * (size_t)nin);
    for (int64_t i = 0; i < nin; i++) xr[i] = (double)(float)x[i], y0r[i] = (double)(float)y0[i];
    double *ref[2], *bnd[2];
    for (int k = 0; k < 2; k++) {
        ref[k] = malloc(sizeof(double) * (size_t)nin);
        bnd[k] = malloc(sizeof(double) * (size_t)nin);
    }
    reference(op, P, alpha, x, beta, y0, ref[0], bnd[0]);
    reference(op, &Q, (double)(float)alpha, xr, (double)(float)beta, y0r, ref[1], bnd[1]);
    for (int v = 0; v < systec__isa_count(); v++) {
        if (!systec__isa_runs(v)) continue;
        for (int kid = 0; kid < SYSTEC_K_COUNT; kid++) {
            if (systec__kmeta(kid)->op != op_kop[op]) continue;
            fails += run_kernel(systec__isa_table(v), kid, systec__isa_name(v), op, P, &S, x,
                                alpha, beta, y0, ref, bnd);
            covered[kid] = 1;
        }
    }
    for (int k = 0; k < 2; k++) {
        free(ref[k]);
        free(bnd[k]);
    }
    free(xr);
    free(y0r);
    prob_rounded_free(&Q);
    storages_free(&S);
    return fails;
}

/* ---------------------------------------------------------- public calls */

/* Runs one public double-precision call on the problem; returns its status. */
static systec_status_t call_direct(Op op, int ge, systec_uplo_t uplo, int i64, int64_t n,
                                   const void *rp, const void *ci, const double *v, double alpha,
                                   const double *x, double beta, double *out)
{
    const double *y = second_in(op, x, n);
    if (ge) { /* general CSR: the baselines */
        switch (op) {
        case OP_BILIN:
            return i64 ? systec_dgebilin_csr_i64(n, rp, ci, v, alpha, x, y, beta, out)
                       : systec_dgebilin_csr((int32_t)n, rp, ci, v, alpha, x, y, beta, out);
        case OP_SYMM:
            return i64 ? systec_dgemm_csr_i64(n, n, KCOLS, rp, ci, v, alpha, x, beta, out)
                       : systec_dgemm_csr((int32_t)n, (int32_t)n, KCOLS, rp, ci, v, alpha, x,
                                          beta, out);
        case OP_SYMV:
            return i64 ? systec_dgemv_csr_i64(n, n, rp, ci, v, alpha, x, beta, out)
                       : systec_dgemv_csr((int32_t)n, (int32_t)n, rp, ci, v, alpha, x, beta, out);
        case OP_SYPRD:
            return i64 ? systec_dgeprd_csr_i64(n, rp, ci, v, alpha, x, beta, out)
                       : systec_dgeprd_csr((int32_t)n, rp, ci, v, alpha, x, beta, out);
        default:
            return i64 ? systec_dgemv_minplus_csr_i64(n, n, rp, ci, v, x, out)
                       : systec_dgemv_minplus_csr((int32_t)n, (int32_t)n, rp, ci, v, x, out);
        }
    }
    switch (op) {
    case OP_BILIN:
        return i64 ? systec_dsybilin_csr_i64(uplo, n, rp, ci, v, alpha, x, y, beta, out)
                   : systec_dsybilin_csr(uplo, (int32_t)n, rp, ci, v, alpha, x, y, beta, out);
    case OP_SYMM:
        return i64 ? systec_dsymm_csr_i64(uplo, n, KCOLS, rp, ci, v, alpha, x, beta, out)
                   : systec_dsymm_csr(uplo, (int32_t)n, KCOLS, rp, ci, v, alpha, x, beta, out);
    case OP_SYMV:
        return i64 ? systec_dsymv_csr_i64(uplo, n, rp, ci, v, alpha, x, beta, out)
                   : systec_dsymv_csr(uplo, (int32_t)n, rp, ci, v, alpha, x, beta, out);
    case OP_SYPRD:
        return i64 ? systec_dsyprd_csr_i64(uplo, n, rp, ci, v, alpha, x, beta, out)
                   : systec_dsyprd_csr(uplo, (int32_t)n, rp, ci, v, alpha, x, beta, out);
    default:
        return i64 ? systec_dsymv_minplus_csr_i64(uplo, n, rp, ci, v, x, out)
                   : systec_dsymv_minplus_csr(uplo, (int32_t)n, rp, ci, v, x, out);
    }
}

static systec_status_t call_handle(Op op, const systec_symmat_t *A, const systec_csrmat_t *G,
                                   double alpha, const double *x, double beta, double *out)
{
    int64_t n = 0;
    if (A) systec_symmat_info(A, &n, NULL, NULL, NULL);
    if (G) systec_csrmat_info(G, &n, NULL, NULL, NULL, NULL);
    const double *y = second_in(op, x, n);
    switch (op) {
    case OP_BILIN:
        return A ? systec_dsybilin(A, alpha, x, y, beta, out)
                 : systec_dgebilin(G, alpha, x, y, beta, out);
    case OP_SYMM:
        return A ? systec_dsymm(A, KCOLS, alpha, x, beta, out)
                 : systec_dgemm(G, KCOLS, alpha, x, beta, out);
    case OP_SYMV:
        return A ? systec_dsymv(A, alpha, x, beta, out) : systec_dgemv(G, alpha, x, beta, out);
    case OP_SYPRD:
        return A ? systec_dsyprd(A, alpha, x, beta, out) : systec_dgeprd(G, alpha, x, beta, out);
    default:
        return A ? systec_dsymv_minplus(A, x, out) : systec_dgemv_minplus(G, x, out);
    }
}

static int run_public(Op op, const Prob *P, const double *x, double alpha, double beta,
                      const double *y0)
{
    int fails = 0, mp = op == OP_MINPLUS;
    int64_t n = P->n, len = out_len(op, n), nin = in_len(op, n) + 1;
    double *ref = malloc(sizeof(double) * (size_t)nin);
    double *bnd = malloc(sizeof(double) * (size_t)nin);
    double *out = malloc(sizeof(double) * (size_t)nin);
    reference(op, P, alpha, x, beta, y0, ref, bnd);
    Storages S;
    storages_build(P, mp, &S);
    char what[128];
    for (int i64 = 0; i64 < 2; i64++) {
        for (int form = 0; form < 3; form++) { /* lower, upper, general */
            int st = form == 0 ? S_TRILO : form == 1 ? S_TRIUP : S_FULL;
            /* row pointers (n + 1), or for the stream one row per entry */
        void *Rp = idx_copy(S.rp[st], st == S_STREAM ? S.nnz[st] : n + 1, i64);
        void *Ci = idx_copy(S.ci[st], S.nnz[st], i64);
        const int64_t nz = S.nnz[st];
        (void)nz; /* used by the stream calls only */
            memcpy(out, y0, sizeof(double) * (size_t)len);
            systec_status_t s = call_direct(op, form == 2, form == 1 ? SYSTEC_UPPER : SYSTEC_LOWER,
                                            i64, n, Rp, Ci, S.v[st], alpha, x, beta, out);
            snprintf(what, sizeof what, "public %s, %s CSR, %s", op_name[op],
                     form == 0 ? "lower" : form == 1 ? "upper" : "general",
                     i64 ? "int64" : "int32");
            fails += check_status(s, SYSTEC_SUCCESS, what);
            fails += compare(op, what, P, 'd', out, ref, bnd);
            if (form < 2) { /* handle from this triangle, then its expansion */
                systec_symmat_t *A = NULL;
                systec_itype_t it = i64 ? SYSTEC_INT64 : SYSTEC_INT32;
                systec_uplo_t uplo = form == 1 ? SYSTEC_UPPER : SYSTEC_LOWER;
                s = mp ? systec_symmat_create_csr_minplus(&A, uplo, SYSTEC_DOUBLE, it, n, Rp, Ci,
                                                          S.v[st])
                       : systec_symmat_create_csr(&A, uplo, SYSTEC_DOUBLE, it, n, Rp, Ci,
                                                  S.v[st]);
                fails += check_status(s, SYSTEC_SUCCESS, "handle constructor");
                if (A) {
                    memcpy(out, y0, sizeof(double) * (size_t)len);
                    fails += check_status(call_handle(op, A, NULL, alpha, x, beta, out),
                                          SYSTEC_SUCCESS, "handle call");
                    snprintf(what, sizeof what, "%s on a handle", op_name[op]);
                    fails += compare(op, what, P, 'd', out, ref, bnd);
                    systec_csrmat_t *G = NULL;
                    fails += check_status(systec_csrmat_from_symmat(&G, A), SYSTEC_SUCCESS,
                                          "expansion");
                    if (G) {
                        memcpy(out, y0, sizeof(double) * (size_t)len);
                        fails += check_status(call_handle(op, NULL, G, alpha, x, beta, out),
                                              SYSTEC_SUCCESS, "general handle call");
                        snprintf(what, sizeof what, "%s baseline on the expansion", op_name[op]);
                        fails += compare(op, what, P, 'd', out, ref, bnd);
                        systec_csrmat_free(&G);
                    }
                    systec_symmat_free(&A);
                }
            }
            free(Rp);
            free(Ci);
        }
    }
    storages_free(&S);
    free(ref);
    free(bnd);
    free(out);
    return fails;
}

static int run_problem(const Prob *P, int *covered)
{
    int fails = 0;
    int64_t n = P->n;
    int64_t nin = in_len(OP_SYMM, n) + 1; /* the largest x and output */
    double *x = malloc(sizeof(double) * (size_t)nin);
    double *y0 = malloc(sizeof(double) * (size_t)nin);
    for (int64_t i = 0; i < nin; i++) x[i] = rnd_sym();
    const double ab[][2] = {{1.0, 0.0}, {-0.75, 1.5}, {2.0, 1.0}};
    for (Op op = 0; op < NOPS; op++) {
        /* min-plus: y0 finite random, then all +inf (Bellman-Ford start) */
        for (size_t k = 0; k < 3; k++) {
            if (op == OP_MINPLUS && k == 2) break;
            for (int64_t i = 0; i < nin; i++) /* syprd's output exists for n = 0 */
                y0[i] = op == OP_MINPLUS && k == 1 ? INFINITY : rnd_sym();
            fails += run_registry(op, P, x, ab[k][0], ab[k][1], y0, covered);
            fails += run_public(op, P, x, ab[k][0], ab[k][1], y0);
        }
    }
    free(x);
    free(y0);
    return fails;
}

/* beta == 0 must not read the output (NaN stays out); alpha == 0 must not
 * read A; the wrong handle kind is refused and the output left alone. */
static int special_cases(void)
{
    int fails = 0;
    int32_t rp[4] = {0, 1, 3, 4}, ci[4] = {0, 0, 1, 2};
    double v[4] = {2, 1, 3, 4}, x[3] = {1, 2, 3}, y[3], s;
    double vnan[4] = {NAN, NAN, NAN, NAN};
    /* A = [2 1 0; 1 3 0; 0 0 4] */
    for (int i = 0; i < 3; i++) y[i] = NAN;
    CHECK_ST(systec_dsymv_csr(SYSTEC_LOWER, 3, rp, ci, v, 1.0, x, 0.0, y), SYSTEC_SUCCESS);
    CHECK(y[0] == 4 && y[1] == 7 && y[2] == 12, "beta=0 ignores NaN in y");
    for (int i = 0; i < 3; i++) y[i] = 1;
    CHECK_ST(systec_dsymv_csr(SYSTEC_LOWER, 3, rp, ci, vnan, 0.0, x, 2.0, y), SYSTEC_SUCCESS);
    CHECK(y[0] == 2 && y[1] == 2 && y[2] == 2, "alpha=0 does not read A");
    s = NAN;
    CHECK_ST(systec_dsyprd_csr(SYSTEC_LOWER, 3, rp, ci, v, 1.0, x, 0.0, &s), SYSTEC_SUCCESS);
    CHECK(s == 2 + 2 * 1 * 2 + 3 * 4 + 4 * 9, "syprd, beta=0 ignores NaN in s: %g", s);
    s = 1;
    CHECK_ST(systec_dsyprd_csr(SYSTEC_UPPER, 3, rp, ci, vnan, 0.0, x, 3.0, &s),
             SYSTEC_SUCCESS);
    CHECK(s == 3, "syprd, alpha=0 does not read A (and uplo is not checked against data)");
    /* min-plus on a path 0 - 1 - 2 with weights 5 and 1, no diagonal */
    int32_t mrp[4] = {0, 0, 1, 2}, mci[2] = {0, 1};
    double mv[2] = {5, 1}, d[3] = {0, INFINITY, INFINITY};
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr_minplus(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3,
                                              mrp, mci, mv),
             SYSTEC_SUCCESS);
    double dn[3];
    memcpy(dn, d, sizeof d);
    CHECK_ST(systec_dsymv_minplus(A, d, dn), SYSTEC_SUCCESS);
    CHECK(dn[0] == 0 && dn[1] == 5 && isinf(dn[2]), "one relaxation step");
    memcpy(d, dn, sizeof d);
    CHECK_ST(systec_dsymv_minplus(A, d, dn), SYSTEC_SUCCESS);
    CHECK(dn[0] == 0 && dn[1] == 5 && dn[2] == 6, "two relaxation steps");
    double keep[3] = {7, 8, 9};
    CHECK_ST(systec_dsymv(A, 1.0, x, 0.0, keep), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_dsyprd(A, 1.0, x, 0.0, keep), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK(keep[0] == 7 && keep[1] == 8 && keep[2] == 9, "refused call leaves output alone");
    systec_semiring_t sr;
    CHECK_ST(systec_symmat_semiring(A, &sr), SYSTEC_SUCCESS);
    CHECK(sr == SYSTEC_MIN_PLUS, "semiring recorded");
    systec_symmat_free(&A);
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3, rp, ci, v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_dsymv_minplus(A, x, keep), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_ssyprd(A, 1.0f, (const float *)x, 0.0f, (float *)keep),
             SYSTEC_ERR_TYPE_MISMATCH);
    CHECK(keep[0] == 7 && keep[1] == 8 && keep[2] == 9, "refused call leaves output alone");
    systec_csrmat_t *G = NULL;
    CHECK_ST(systec_csrmat_from_symmat(&G, A), SYSTEC_SUCCESS);
    CHECK_ST(systec_dgemv_minplus(G, x, keep), SYSTEC_ERR_TYPE_MISMATCH);
    systec_csrmat_free(&G);
    systec_symmat_free(&A);
    /* SSYMM: k < 0 and an int32 overflow of k are refused, Y left alone */
    CHECK_ST(systec_dsymm_csr(SYSTEC_LOWER, 3, -1, rp, ci, v, 1.0, x, 0.0, keep),
             SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3, rp, ci, v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_dsymm(A, (int64_t)1 << 40, 1.0, x, 0.0, keep), SYSTEC_ERR_INDEX_OVERFLOW);
    CHECK_ST(systec_dsymm(A, 1, 1.0, NULL, 0.0, keep), SYSTEC_ERR_NULL_POINTER);
    CHECK(keep[0] == 7 && keep[1] == 8 && keep[2] == 9, "refused symm leaves Y alone");
    CHECK_ST(systec_dsymm(A, 0, 1.0, x, 0.0, keep), SYSTEC_SUCCESS);
    CHECK(keep[0] == 7 && keep[1] == 8 && keep[2] == 9, "k = 0 touches nothing");
    systec_symmat_free(&A);
    /* min-plus full COO: a lone zero-weight edge is not symmetric (absent = +inf) */
    int64_t crow[1] = {0}, ccol[1] = {1};
    double cval[1] = {0.0};
    systec_coo_t lone = {2, 2, 1, crow, ccol, cval, 0, 0};
    CHECK_ST(systec_symmat_from_coo_minplus(&A, &lone, SYSTEC_DOUBLE, SYSTEC_INT32),
             SYSTEC_ERR_NOT_SYMMETRIC);
    CHECK(A == NULL, "no handle on error");
    /* ... and with its mirror it is, and the handle holds the edge */
    int64_t mrow[2] = {0, 1}, mcol[2] = {1, 0};
    double mval[2] = {0.0, 0.0};
    systec_coo_t pair = {2, 2, 2, mrow, mcol, mval, 0, 0};
    CHECK_ST(systec_symmat_from_coo_minplus(&A, &pair, SYSTEC_DOUBLE, SYSTEC_INT32),
             SYSTEC_SUCCESS);
    if (A) {
        double dx[2] = {5, 0}, dy[2] = {INFINITY, INFINITY};
        CHECK_ST(systec_dsymv_minplus(A, dx, dy), SYSTEC_SUCCESS);
        CHECK(dy[0] == 0 && dy[1] == 5, "min-plus edge kept: %g %g", dy[0], dy[1]);
        systec_symmat_free(&A);
    }
    /* x^T A x of a non-square general matrix */
    int32_t grp[3] = {0, 1, 2}, gci[2] = {0, 2};
    double gv[2] = {1, 1};
    CHECK_ST(systec_dgemv_csr(2, 3, grp, gci, gv, 1.0, x, 0.0, keep), SYSTEC_SUCCESS);
    CHECK(keep[0] == 1 && keep[1] == 3, "rectangular gemv");
    return fails;
}

static int real_matrices(int argc, char **argv, int *covered)
{
    int fails = 0;
    for (int a = 1; a < argc; a++) {
        char **files = NULL;
        int nf = list_matrix_files(argv[a], &files);
        for (int f = 0; f < nf; f++) {
            systec_coo_t coo;
            systec_status_t s = systec_mm_read(files[f], &coo);
            fails += check_status(s, SYSTEC_SUCCESS, files[f]);
            if (!s) {
                Prob P;
                prob_from_coo(&P, files[f], &coo);
                fails += run_problem(&P, covered);
                prob_free(&P);
                systec_coo_free(&coo);
            }
            free(files[f]);
        }
        free(files);
    }
    return fails;
}

int main(int argc, char **argv)
{
    if (tu_isa_unavailable()) return 77;
    int *covered = calloc((size_t)SYSTEC_K_COUNT, sizeof(int));
    rnd_seed(12345);
    struct {
        const char *label;
        int64_t n;
        double dens, ddens, dup, zeros;
    } shapes[] = {
        {"n=0", 0, 0, 0, 0, 0},
        {"n=1 empty", 1, 0, 0, 0, 0},
        {"n=1", 1, 0, 1, 0, 0},
        {"n=1 duplicate diagonal", 1, 0, 1, 1, 0},
        {"diagonal only", 40, 0, 1, 0, 0},
        {"empty diagonal", 40, 0.2, 0, 0, 0},
        {"explicit zeros", 40, 0.3, 0.5, 0, 0.3},
        {"dense", 37, 1, 1, 0, 0},
        {"very sparse", 300, 0.003, 0.1, 0, 0},
        {"duplicates", 50, 0.2, 0.8, 0.3, 0},
        {"empty matrix n=20", 20, 0, 0, 0, 0},
        {"medium", 513, 0.02, 0.9, 0.02, 0.02},
        {"long rows", 200, 0.4, 1, 0.01, 0},
        /* many short rows of irregular length: handles take the stream kernels */
        {"graph-like 20000", 20000, 0.0001, 0.5, 0, 0},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        Prob P;
        prob_random(&P, shapes[k].label, shapes[k].n, shapes[k].dens, shapes[k].ddens,
                    shapes[k].dup, shapes[k].zeros);
        /* the dispatch rule: which operations run on the stream kernels */
        systec_symmat_t *A = NULL;
        void *rp = idx_copy(P.rp, P.n + 1, 1), *ci = idx_copy(P.ci, P.nnz, 1);
        CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, P.n, rp,
                                          ci, P.v),
                 SYSTEC_SUCCESS);
        if (A) {
            /* the scatters: only the graph-like shape; the reductions (syprd,
             * bilin) also where rows hold under two strictly-lower entries on
             * average */
            int scatter = P.n >= 20000, reduce = scatter || (P.n > 0 && A->nnz < 2 * P.n);
            int got_scatter = A->plan.op[SYSTEC_OP_SYMV].storage == SYSTEC_KST_stream;
            int got_reduce = A->plan.op[SYSTEC_OP_SYPRD].storage == SYSTEC_KST_stream;
            int got_bilin = A->plan.op[SYSTEC_OP_BILIN].storage == SYSTEC_KST_stream;
            CHECK(got_scatter == scatter && got_reduce == reduce && got_bilin == reduce &&
                      (A->row != NULL) == (scatter || reduce),
                  "%s: stream for symv %d, syprd %d, bilin %d (row array %s), want %d, %d, %d",
                  P.label, got_scatter, got_reduce, got_bilin, A->row ? "built" : "absent",
                  scatter, reduce, reduce);
        }
        systec_symmat_free(&A);
        free(rp);
        free(ci);
        run_problem(&P, covered);
        prob_free(&P);
    }
    special_cases();
    /* the linked library is the one this header describes */
    int vmaj = -1, vmin = -1, vpat = -1;
    systec_version(&vmaj, &vmin, &vpat);
    CHECK(vmaj == SYSTEC_VERSION_MAJOR && vmin == SYSTEC_VERSION_MINOR &&
              vpat == SYSTEC_VERSION_PATCH,
          "systec_version %d.%d.%d", vmaj, vmin, vpat);
    real_matrices(argc, argv, covered);
    /* every generated kernel of these ops was called directly */
    for (int kid = 0; kid < SYSTEC_K_COUNT; kid++)
        for (Op op = 0; op < NOPS; op++)
            if (systec__kmeta(kid)->op == op_kop[op])
                check_true(covered[kid], systec__kmeta(kid)->name);
    free(covered);
    return check_summary();
}
