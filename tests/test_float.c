/* Every public single-precision entry point, called and checked against a
 * reference computed in long double from the float-rounded inputs, with
 * the float tolerance: |out - ref| <= 1e-5 * (sum of |terms|) per element
 * (min-plus: exactly the rounded reference).
 *
 * The list of entry points is checked against include/systec.h: every
 * systec_s<name> that has a systec_d<name> twin must be in the table below,
 * so a new float entry point without a test fails here.
 *
 * Issue 14, defect 3: the float x^T A x (systec_ssyprd_csr, systec_sgeprd*,
 * the handle call) summed a million rows in float; on all-positive inputs
 * such as bcsstm25 (shared data) and a 1e6-row matrix it exceeded the
 * tolerance.
 *
 * usage: test_float HEADER [DIR_OR_MTX...]   (systec.h; real matrices) */
#include "testutil.h"
#include "opsutil.h"
#include "tuning.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the table */

enum { R_TRI, R_TRI64, R_GE, R_GE64, R_HANDLE, R_GEHANDLE, R_OTHER };

typedef struct {
    const char *name;
    Op op;     /* for the matrix operations */
    int route; /* R_*: which public route reaches it */
    int called;
} entry_t;

static entry_t entries[] = {
    {"systec_ssymv_csr", OP_SYMV, R_TRI, 0},
    {"systec_ssymv_csr_i64", OP_SYMV, R_TRI64, 0},
    {"systec_sgemv_csr", OP_SYMV, R_GE, 0},
    {"systec_sgemv_csr_i64", OP_SYMV, R_GE64, 0},
    {"systec_ssymv", OP_SYMV, R_HANDLE, 0},
    {"systec_sgemv", OP_SYMV, R_GEHANDLE, 0},
    {"systec_ssyprd_csr", OP_SYPRD, R_TRI, 0},
    {"systec_ssyprd_csr_i64", OP_SYPRD, R_TRI64, 0},
    {"systec_sgeprd_csr", OP_SYPRD, R_GE, 0},
    {"systec_sgeprd_csr_i64", OP_SYPRD, R_GE64, 0},
    {"systec_ssyprd", OP_SYPRD, R_HANDLE, 0},
    {"systec_sgeprd", OP_SYPRD, R_GEHANDLE, 0},
    {"systec_ssymm_csr", OP_SYMM, R_TRI, 0},
    {"systec_ssymm_csr_i64", OP_SYMM, R_TRI64, 0},
    {"systec_sgemm_csr", OP_SYMM, R_GE, 0},
    {"systec_sgemm_csr_i64", OP_SYMM, R_GE64, 0},
    {"systec_ssymm", OP_SYMM, R_HANDLE, 0},
    {"systec_sgemm", OP_SYMM, R_GEHANDLE, 0},
    {"systec_ssymv_minplus_csr", OP_MINPLUS, R_TRI, 0},
    {"systec_ssymv_minplus_csr_i64", OP_MINPLUS, R_TRI64, 0},
    {"systec_sgemv_minplus_csr", OP_MINPLUS, R_GE, 0},
    {"systec_sgemv_minplus_csr_i64", OP_MINPLUS, R_GE64, 0},
    {"systec_ssymv_minplus", OP_MINPLUS, R_HANDLE, 0},
    {"systec_sgemv_minplus", OP_MINPLUS, R_GEHANDLE, 0},
    {"systec_ssybilin_csr", OP_BILIN, R_TRI, 0},
    {"systec_ssybilin_csr_i64", OP_BILIN, R_TRI64, 0},
    {"systec_sgebilin_csr", OP_BILIN, R_GE, 0},
    {"systec_sgebilin_csr_i64", OP_BILIN, R_GE64, 0},
    {"systec_ssybilin", OP_BILIN, R_HANDLE, 0},
    {"systec_sgebilin", OP_BILIN, R_GEHANDLE, 0},
    {"systec_ssyrk", 0, R_OTHER, 0},
    {"systec_ssyrk_numeric", 0, R_OTHER, 0},
    {"systec_saat", 0, R_OTHER, 0},
    {"systec_saat_numeric", 0, R_OTHER, 0},
    {"systec_ssyrk_dense", 0, R_OTHER, 0},
    {"systec_saat_dense", 0, R_OTHER, 0},
    {"systec_smttkrp", 0, R_OTHER, 0},
    {"systec_smttkrp_csf", 0, R_OTHER, 0},
    {"systec_smttkrp_ld", 0, R_OTHER, 0},
    {"systec_smttkrp_coo", 0, R_OTHER, 0},
    {"systec_smttkrp_csf_ld", 0, R_OTHER, 0},
    {"systec_smttkrp_coo_ld", 0, R_OTHER, 0},
    {"systec_sttm_ld", 0, R_OTHER, 0},
    {"systec_sttm_coo", 0, R_OTHER, 0},
    {"systec_sttm_csf_ld", 0, R_OTHER, 0},
    {"systec_sttm_coo_ld", 0, R_OTHER, 0},
    {"systec_sttm", 0, R_OTHER, 0},
    {"systec_sttm_expand", 0, R_OTHER, 0},
    {"systec_sttm_csf", 0, R_OTHER, 0},
    {"systec_sttsv", 0, R_OTHER, 0},
    {"systec_sttmc", 0, R_OTHER, 0},
    {"systec_sttmc_coo", 0, R_OTHER, 0},
    {"systec_sttmc_expand", 0, R_OTHER, 0},
    {"systec_sttmc_plan", 0, R_OTHER, 0},
    {"systec_sttm_rows", 0, R_OTHER, 0},
    {"systec_sttsv_csf", 0, R_OTHER, 0},
};
#define NENTRIES ((int)(sizeof entries / sizeof *entries))

static entry_t *entry(const char *name)
{
    for (int k = 0; k < NENTRIES; k++)
        if (!strcmp(entries[k].name, name)) return &entries[k];
    return NULL;
}

static void mark(const char *name)
{
    entry_t *e = entry(name);
    if (e) e->called = 1;
    else check_fail("%s is not in the table", name);
}

/* Every systec_s<name> of the header with a systec_d<name> twin is in the table. */
static void table_complete(const char *header)
{
    FILE *f = fopen(header, "r");
    CHECK(f != NULL, "cannot open %s", header);
    if (!f) return;
    static char text[1 << 20];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    int found = 0;
    for (const char *p = text; (p = strstr(p, "systec_s")) != NULL; p++) {
        if (p > text && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z'))) continue;
        char name[96], twin[96];
        size_t n = 0;
        while (n + 1 < sizeof name && (p[n] == '_' || (p[n] >= 'a' && p[n] <= 'z') ||
                                       (p[n] >= '0' && p[n] <= '9')))
            name[n] = p[n], n++;
        name[n] = '\0';
        if (p[n] != '(') continue; /* a declaration or call, not a mention */
        snprintf(twin, sizeof twin, "systec_d%s", name + 8);
        if (!strstr(text, twin)) continue;
        found++;
        CHECK(entry(name) != NULL, "%s: a float entry point the test does not call", name);
    }
    CHECK(found >= NENTRIES, "found %d float entry points in %s, the table has %d", found, header,
          NENTRIES);
}

/* ------------------------------------------------------ matrix operations */

static double reference_terms(Op op, const Prob *P, const double *x, const double *y0, double *ref,
                              double *bnd);

typedef struct {
    Op op;
    int64_t len;
    const char *label;
    const double *ref, *bnd;
} fexpect;

static int check_float(void *ctx, const char *what, systec_status_t st, const double *out)
{
    const fexpect *E = ctx;
    if (check_status(st, SYSTEC_SUCCESS, what)) return 1;
    for (int64_t i = 0; i < E->len; i++) {
        double want = E->ref[i], allow = E->op == OP_MINPLUS ? 0 : 1e-5 * E->bnd[i];
        if (E->op == OP_MINPLUS) want = (double)(float)want;
        if (!(fabs(out[i] - want) <= allow) && !(out[i] == want))
            return check_fail("%s on %s: out[%lld] = %.9g, want %.9g (allowed %.3g)", what,
                              E->label, (long long)i, out[i], want, allow);
    }
    return check_true(1, what);
}

/* Every route of every matrix operation on P (values, x, y rounded to
 * float first), each against the reference. */
static void matrix_routes(const Prob *P0, int positive)
{
    Prob P = *P0;
    P.v = malloc(sizeof(double) * (size_t)(P0->nnz + 1));
    for (int64_t p = 0; p < P0->nnz; p++) P.v[p] = (double)(float)P0->v[p];
    int64_t n = P.n, nin = in_len(OP_SYMM, n) + 1;
    double *x = malloc(sizeof(double) * (size_t)nin), *y0 = malloc(sizeof(double) * (size_t)nin);
    double *ref = malloc(sizeof(double) * (size_t)nin), *bnd = malloc(sizeof(double) * (size_t)nin);
    for (int64_t i = 0; i < nin; i++) {
        x[i] = (double)(float)(positive ? 0.5 + rnd_unit() : rnd_sym());
        y0[i] = (double)(float)rnd_sym();
    }
    for (Op op = 0; op < NOPS; op++) {
        Storages S;
        storages_build(&P, op == OP_MINPLUS, &S);
        reference_terms(op, &P, x, y0, ref, bnd);
        fexpect E = {op, out_len(op, n), P.label, ref, bnd};
        /* alpha = 1, beta = 0.5: public_sweep makes every call of the op */
        public_sweep(op, &P, &S, 's', 1.0, x, 0.5, y0, check_float, &E);
        for (int k = 0; k < NENTRIES; k++)
            if (entries[k].route != R_OTHER && entries[k].op == op) entries[k].called = 1;
        storages_free(&S);
    }
    free(P.v);
    free(x);
    free(y0);
    free(ref);
    free(bnd);
}

/* out = A x + 0.5 y (min-plus: min(y, A (min,+) x)) term by term in long
 * double, and the sums of |terms|. */
static double reference_terms(Op op, const Prob *P, const double *x, const double *y0, double *ref,
                              double *bnd)
{
    int64_t n = P->n, len = out_len(op, n), cols = op == OP_SYMM ? KCOLS : 1;
    long double *s = calloc((size_t)(len + 1), sizeof *s), *m = calloc((size_t)(len + 1), sizeof *m);
    for (int64_t i = 0; i < len; i++) ref[i] = y0[i];
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            int64_t c = P->ci[p];
            long double v = P->v[p];
            if (op == OP_MINPLUS) {
                ref[r] = fmin(ref[r], P->v[p] + x[c]);
                if (c != r) ref[c] = fmin(ref[c], P->v[p] + x[r]);
                continue;
            }
            const double *y = op == OP_BILIN ? x + n : x; /* x^T A y: y after x */
            int scalar = op == OP_SYPRD || op == OP_BILIN;
            for (int64_t k = 0; k < cols; k++) {
                long double t1 = scalar ? x[r] * v * y[c] : v * x[c * cols + k];
                long double t2 = scalar ? x[c] * v * y[r] : v * x[r * cols + k];
                int64_t o1 = scalar ? 0 : r * cols + k, o2 = scalar ? 0 : c * cols + k;
                s[o1] += t1, m[o1] += fabsl(t1);
                if (c != r) s[o2] += t2, m[o2] += fabsl(t2);
            }
        }
    if (op != OP_MINPLUS)
        for (int64_t i = 0; i < len; i++) {
            ref[i] = (double)(s[i] + 0.5L * y0[i]);
            bnd[i] = (double)(m[i] + fabsl(0.5L * y0[i]));
        }
    free(s);
    free(m);
    return 0;
}

/* ------------------------------------------------------------- SSYRK */

static void syrk_dense_float(void)
{
    int64_t m = 23, kc = 17;
    int64_t *rp = calloc((size_t)m + 1, sizeof(int64_t)), *ci = malloc(8 * (size_t)(m * kc));
    float *v = malloc(4 * (size_t)(m * kc));
    double *D = calloc((size_t)(m * kc), sizeof(double));
    for (int64_t i = 0; i < m; i++) {
        rp[i + 1] = rp[i];
        for (int64_t j = 0; j < kc; j++)
            if (rnd_unit() < 0.3) {
                ci[rp[i + 1]] = j;
                v[rp[i + 1]] = (float)rnd_sym();
                D[i * kc + j] = v[rp[i + 1]++];
            }
    }
    systec_csrmat_t *G = NULL;
    CHECK_ST(systec_csrmat_create_csr(&G, SYSTEC_FLOAT, SYSTEC_INT64, m, kc, rp, ci, v),
             SYSTEC_SUCCESS);
    float *C = malloc(4 * (size_t)(m * m));
    for (int full = 0; full < 2 && G; full++) { /* the sparse products, then the dense */
        systec_csrmat_t *P = NULL;
        CHECK_ST(full ? systec_saat(G, &P) : systec_ssyrk(G, &P), SYSTEC_SUCCESS);
        if (P) CHECK_ST(full ? systec_saat_numeric(G, P) : systec_ssyrk_numeric(G, P), SYSTEC_SUCCESS);
        mark(full ? "systec_saat" : "systec_ssyrk");
        mark(full ? "systec_saat_numeric" : "systec_ssyrk_numeric");
        const int64_t *prp = NULL, *pci = NULL;
        const float *pv = NULL;
        if (P) systec_csrmat_data(P, (const void **)&prp, (const void **)&pci, (const void **)&pv);
        int bad = 0;
        for (int64_t i = 0; P && i < m; i++)
            for (int64_t p = prp[i]; p < prp[i + 1]; p++) {
                int64_t j = pci[p];
                long double sum = 0, b = 0;
                for (int64_t q = 0; q < kc; q++) {
                    sum += (long double)D[i * kc + q] * D[j * kc + q];
                    b += fabsl((long double)D[i * kc + q] * D[j * kc + q]);
                }
                bad += (!full && j < i) || !(fabs(pv[p] - (double)sum) <= 1e-5 * (double)b);
            }
        CHECK(P && bad == 0, "%s: %d entries off", full ? "saat" : "ssyrk", bad);
        systec_csrmat_free(&P);
    }
    for (int full = 0; full < 2 && G; full++) {
        for (int64_t q = 0; q < m * m; q++) C[q] = -3;
        CHECK_ST(full ? systec_saat_dense(G, C, m) : systec_ssyrk_dense(G, C, m), SYSTEC_SUCCESS);
        mark(full ? "systec_saat_dense" : "systec_ssyrk_dense");
        int bad = 0;
        for (int64_t i = 0; i < m; i++)
            for (int64_t j = 0; j < m; j++) {
                long double s = 0, b = 0;
                for (int64_t q = 0; q < kc; q++) {
                    s += (long double)D[i * kc + q] * D[j * kc + q];
                    b += fabsl((long double)D[i * kc + q] * D[j * kc + q]);
                }
                double want = !full && j < i ? -3 : (double)s;
                bad += !(fabs(C[i * m + j] - want) <= 1e-5 * (double)b);
            }
        CHECK(bad == 0, "%s: %d cells off", full ? "saat_dense" : "ssyrk_dense", bad);
    }
    systec_csrmat_free(&G);
    free(rp);
    free(ci);
    free(v);
    free(D);
    free(C);
}

/* ------------------------------------------------------------- tensors */

/* rows x R of a (row-major, R) copied into rows of ld (padding NaN), and back */
static float *pad_rows(const float *a, int64_t rows, int64_t R, int64_t ld)
{
    float *p = malloc(4 * (size_t)(rows * ld + 1));
    for (int64_t i = 0; i < rows; i++)
        for (int64_t r = 0; r < ld; r++) p[i * ld + r] = r < R ? a[i * R + r] : NAN;
    return p;
}
static void unpad_rows(const float *p, int64_t rows, int64_t R, int64_t ld, float *a)
{
    for (int64_t i = 0; i < rows; i++)
        for (int64_t r = 0; r < R; r++) a[i * R + r] = p[i * ld + r];
}

static int cells_off(const float *got, const long double *want, const long double *bound,
                     int64_t cells)
{
    int bad = 0;
    for (int64_t q = 0; q < cells; q++)
        bad += !(fabs(got[q] - (double)want[q]) <= 1e-5 * (double)bound[q]);
    return bad;
}

/* The leading-dimension and plain-loop MTTKRP calls: B in rows of R + 2,
 * C in rows of R + 1 for the _ld ones. */
static void mttkrp_ld_coo(const systec_symten_t *A, const systec_csften_t *G, int64_t dim,
                          int64_t R, const float *B, const long double *ms,
                          const long double *mb)
{
    static const char *const name[4] = {"systec_smttkrp_ld", "systec_smttkrp_coo",
                                        "systec_smttkrp_csf_ld", "systec_smttkrp_coo_ld"};
    int64_t ldb = R + 2, ldc = R + 1;
    float *Bp = pad_rows(B, dim, R, ldb), *Cp = malloc(4 * (size_t)(dim * ldc + 1));
    float *C = malloc(4 * (size_t)(dim * R + 1));
    for (int k = 0; k < 4; k++) {
        systec_status_t st = k == 0   ? systec_smttkrp_ld(A, R, Bp, ldb, Cp, ldc)
                             : k == 1 ? systec_smttkrp_coo(G, R, B, C)
                             : k == 2 ? systec_smttkrp_csf_ld(G, R, Bp, ldb, Cp, ldc)
                                      : systec_smttkrp_coo_ld(G, R, Bp, ldb, Cp, ldc);
        CHECK_ST(st, SYSTEC_SUCCESS);
        if (k != 1) unpad_rows(Cp, dim, R, ldc, C);
        mark(name[k]);
        int bad = cells_off(C, ms, mb, dim * R);
        CHECK(bad == 0, "%s: %d cells off", name[k], bad);
    }
    free(Bp);
    free(Cp);
    free(C);
}

/* The same for TTM (order 3): the packed symmetric call, the baselines'
 * full output, each against the full reference ts/tb. */
static void ttm_ld_coo(const systec_symten_t *A, const systec_csften_t *G, int64_t dim, int64_t R,
                       const float *B, const long double *ts, const long double *tb)
{
    static const char *const name[4] = {"systec_sttm_ld", "systec_sttm_coo", "systec_sttm_csf_ld",
                                        "systec_sttm_coo_ld"};
    int64_t ldb = R + 2, ldc = R + 1, packed = dim * (dim + 1) / 2, full = dim * dim;
    float *Bp = pad_rows(B, dim, R, ldb), *Cp = malloc(4 * (size_t)(full * ldc + 1));
    float *P = malloc(4 * (size_t)(packed * R + 1)), *X = malloc(4 * (size_t)(full * R + 1));
    for (int k = 0; k < 4; k++) {
        systec_status_t st = k == 0   ? systec_sttm_ld(A, R, Bp, ldb, Cp, ldc)
                             : k == 1 ? systec_sttm_coo(G, R, B, X)
                             : k == 2 ? systec_sttm_csf_ld(G, R, Bp, ldb, Cp, ldc)
                                      : systec_sttm_coo_ld(G, R, Bp, ldb, Cp, ldc);
        CHECK_ST(st, SYSTEC_SUCCESS);
        if (k == 0) {
            unpad_rows(Cp, packed, R, ldc, P);
            CHECK_ST(systec_sttm_expand(dim, R, P, X), SYSTEC_SUCCESS);
        } else if (k > 1) {
            unpad_rows(Cp, full, R, ldc, X);
        }
        mark(name[k]);
        int bad = cells_off(X, ts, tb, full * R);
        CHECK(bad == 0, "%s: %d cells off", name[k], bad);
    }
    free(Bp);
    free(Cp);
    free(P);
    free(X);
}

/* TTM into the sparse rows (order 3): the symmetric handle's rows and the
 * baseline's (from the full list, float values), each row against the full
 * reference; a pair without a row (of j <= l for the handle's) must have
 * no terms. */
static void ttm_rows_float(const systec_symten_t *A, const systec_tns_t *F, int64_t dim, int64_t R,
                           const float *B, const long double *ts, const long double *tb)
{
    for (int coo = 0; coo < 2; coo++) {
        systec_ttmrows_t *P = NULL;
        CHECK_ST(coo ? systec_ttmrows_create_coo(&P, F, SYSTEC_FLOAT) : systec_ttmrows_create(&P, A),
                 SYSTEC_SUCCESS);
        int64_t rows = 0;
        const int64_t *pairs = NULL;
        CHECK_ST(systec_ttmrows_info(P, NULL, &rows, &pairs), SYSTEC_SUCCESS);
        float *C = malloc(4 * (size_t)(rows * R + 1));
        char *seen = calloc((size_t)(dim * dim), 1);
        CHECK_ST(systec_sttm_rows(P, R, B, C), SYSTEC_SUCCESS);
        mark("systec_sttm_rows");
        int bad = 0;
        for (int64_t q = 0; q < rows; q++) {
            int64_t cell = pairs[2 * q] * dim + pairs[2 * q + 1];
            seen[cell] = 1;
            for (int64_t i = 0; i < R; i++)
                bad += !(fabs(C[q * R + i] - (double)ts[cell * R + i]) <= 1e-5 * (double)tb[cell * R + i]);
        }
        for (int64_t cell = 0; cell < dim * dim; cell++)
            for (int64_t i = 0; i < R && !seen[cell] && (coo || cell / dim <= cell % dim); i++)
                bad += tb[cell * R + i] != 0;
        CHECK(bad == 0, "sttm_rows%s: %d cells off", coo ? " (full list)" : "", bad);
        free(C);
        free(seen);
        systec_ttmrows_free(&P);
    }
}

static void tensor_float(void)
{
    for (int order = 3; order <= 5; order++) {
        int64_t dim = order == 3 ? 9 : 6, R = 4;
        systec_tns_t T = {0}, F = {0};
        CHECK_ST(systec_tns_random_symmetric(order, dim, 0.3, (uint64_t)order, &T), SYSTEC_SUCCESS);
        for (int64_t e = 0; e < T.nnz; e++) T.val[e] = (double)(float)rnd_sym();
        systec_symten_t *A = NULL;
        systec_csften_t *G = NULL;
        CHECK_ST(systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_FLOAT), SYSTEC_SUCCESS);
        CHECK_ST(systec_symten_expand(A, &F), SYSTEC_SUCCESS);
        CHECK_ST(systec_csften_create(&G, &F, SYSTEC_FLOAT), SYSTEC_SUCCESS);
        float *B = malloc(4 * (size_t)(dim * R));
        for (int64_t q = 0; q < dim * R; q++) B[q] = (float)rnd_sym();
        int64_t cells = dim * R, full = dim * dim * R;
        long double *ms = calloc((size_t)cells, sizeof *ms), *mb = calloc((size_t)cells, sizeof *mb);
        long double *ts = calloc((size_t)full, sizeof *ts), *tb = calloc((size_t)full, sizeof *tb);
        for (int64_t e = 0; e < F.nnz; e++) {
            const int64_t *c = F.ind + e * order;
            for (int64_t r = 0; r < R; r++) {
                long double p = F.val[e];
                for (int q = 1; q < order; q++) p *= B[c[q] * R + r];
                ms[c[0] * R + r] += p, mb[c[0] * R + r] += fabsl(p);
                if (order == 3) {
                    long double t = (long double)F.val[e] * B[c[2] * R + r];
                    ts[(c[0] * dim + c[1]) * R + r] += t, tb[(c[0] * dim + c[1]) * R + r] += fabsl(t);
                }
            }
        }
        float *C = malloc(4 * (size_t)(full + 1)), *X = malloc(4 * (size_t)(full + 1));
        for (int kern = 0; kern < 3; kern++) { /* per-entry, tree, CSF baseline */
            /* the tree kernel (any share of nodes) or the per-entry one (none) */
            CHECK_ST(systec__tuning_set("mttkrp_tree_max_share", kern == 1 ? 1e18 : 0),
                     SYSTEC_SUCCESS);
            CHECK_ST(kern == 2 ? systec_smttkrp_csf(G, R, B, C) : systec_smttkrp(A, R, B, C),
                     SYSTEC_SUCCESS);
            systec__tuning_reset();
            mark(kern == 2 ? "systec_smttkrp_csf" : "systec_smttkrp");
            int bad = 0;
            for (int64_t q = 0; q < cells; q++) bad += !(fabs(C[q] - (double)ms[q]) <= 1e-5 * (double)mb[q]);
            CHECK(bad == 0, "smttkrp order %d kernel %d: %d cells off", order, kern, bad);
        }
        mttkrp_ld_coo(A, G, dim, R, B, ms, mb);
        if (order == 3) ttm_ld_coo(A, G, dim, R, B, ts, tb);
        { /* TTSV: y[i] = sum A[i,j,k,...] x[j] x[k] ..., x the first column of B */
            float *x = malloc(4 * (size_t)dim), *y = malloc(4 * (size_t)dim);
            long double *ys = calloc((size_t)dim, sizeof *ys), *yb = calloc((size_t)dim, sizeof *yb);
            for (int64_t i = 0; i < dim; i++) x[i] = B[i * R];
            for (int64_t e = 0; e < F.nnz; e++) {
                const int64_t *c = F.ind + e * order;
                long double p = F.val[e];
                for (int q = 1; q < order; q++) p *= x[c[q]];
                ys[c[0]] += p, yb[c[0]] += fabsl(p);
            }
            for (int csf = 0; csf < 2; csf++) {
                CHECK_ST(csf ? systec_sttsv_csf(G, x, y) : systec_sttsv(A, x, y), SYSTEC_SUCCESS);
                mark(csf ? "systec_sttsv_csf" : "systec_sttsv");
                int bad = 0;
                for (int64_t i = 0; i < dim; i++) bad += !(fabs(y[i] - (double)ys[i]) <= 1e-5 * (double)yb[i]);
                CHECK(bad == 0, "sttsv%s order %d: %d elements off", csf ? "_csf" : "", order, bad);
            }
            free(x);
            free(y);
            free(ys);
            free(yb);
        }
        if (order <= 4) { /* TTMc: the full Y[i, r, s(, t)] against the terms */
            int64_t fullc = dim, packed = 0;
            for (int q = 1; q < order; q++) fullc *= R;
            CHECK_ST(systec_ttmc_size(order, dim, R, &packed, NULL), SYSTEC_SUCCESS);
            long double *ts2 = calloc((size_t)fullc, sizeof *ts2), *tb2 = calloc((size_t)fullc, sizeof *tb2);
            for (int64_t e = 0; e < F.nnz; e++) {
                const int64_t *c = F.ind + e * order;
                for (int64_t cell = 0; cell < fullc / dim; cell++) {
                    long double p = F.val[e];
                    for (int64_t q = order - 1, rest = cell; q >= 1; q--, rest /= R)
                        p *= B[c[q] * R + rest % R];
                    ts2[c[0] * (fullc / dim) + cell] += p, tb2[c[0] * (fullc / dim) + cell] += fabsl(p);
                }
            }
            float *Yp = malloc(4 * (size_t)(packed + 1)), *Y = malloc(4 * (size_t)(fullc + 1));
            static const char *const how[4] = {"", "_coo", "_plan byrow", "_plan per entry"};
            for (int coo = 0; coo < 4; coo++) {
                if (coo == 1) {
                    systec_tns_t Ff = F; /* double values, rounded by the call (within 1e-5) */
                    CHECK_ST(systec_sttmc_coo(&Ff, R, B, Y), SYSTEC_SUCCESS);
                    mark("systec_sttmc_coo");
                } else if (coo == 0) {
                    CHECK_ST(systec_sttmc(A, R, B, Yp), SYSTEC_SUCCESS);
                    CHECK_ST(systec_sttmc_expand(order, dim, R, Yp, Y), SYSTEC_SUCCESS);
                    mark("systec_sttmc");
                    mark("systec_sttmc_expand");
                } else { /* a plan in either coordinate storage: orbits per row, or per entry */
                    CHECK_ST(systec__tuning_set("coo_byrow_min_entries", coo == 2 ? 0 : 1e18),
                             SYSTEC_SUCCESS);
                    systec_ttmcplan_t *Q = NULL;
                    CHECK_ST(systec_ttmcplan_create(&Q, A), SYSTEC_SUCCESS);
                    systec__tuning_reset();
                    CHECK_ST(systec_sttmc_plan(Q, R, B, Yp), SYSTEC_SUCCESS);
                    CHECK_ST(systec_sttmc_expand(order, dim, R, Yp, Y), SYSTEC_SUCCESS);
                    systec_ttmcplan_free(&Q);
                    mark("systec_sttmc_plan");
                }
                int bad = 0;
                for (int64_t q = 0; q < fullc; q++) bad += !(fabs(Y[q] - (double)ts2[q]) <= 1e-5 * (double)tb2[q]);
                CHECK(bad == 0, "sttmc%s order %d: %d cells off", how[coo], order, bad);
            }
            free(ts2);
            free(tb2);
            free(Yp);
            free(Y);
        }
        if (order == 3) {
            CHECK_ST(systec_sttm(A, R, B, C), SYSTEC_SUCCESS);
            CHECK_ST(systec_sttm_expand(dim, R, C, X), SYSTEC_SUCCESS);
            mark("systec_sttm");
            mark("systec_sttm_expand");
            int bad = 0;
            for (int64_t q = 0; q < full; q++) bad += !(fabs(X[q] - (double)ts[q]) <= 1e-5 * (double)tb[q]);
            CHECK(bad == 0, "sttm + sttm_expand: %d cells off", bad);
            CHECK_ST(systec_sttm_csf(G, R, B, X), SYSTEC_SUCCESS);
            mark("systec_sttm_csf");
            bad = 0;
            for (int64_t q = 0; q < full; q++) bad += !(fabs(X[q] - (double)ts[q]) <= 1e-5 * (double)tb[q]);
            CHECK(bad == 0, "sttm_csf: %d cells off", bad);
            ttm_rows_float(A, &F, dim, R, B, ts, tb);
        }
        systec_symten_free(&A);
        systec_csften_free(&G);
        systec_tns_free(&T);
        systec_tns_free(&F);
        free(B);
        free(ms);
        free(mb);
        free(ts);
        free(tb);
        free(C);
        free(X);
    }
}

/* --------------------------------------------------------- defect 3 */

/* A 1e6-row all-positive matrix (a diagonal plus one strictly-lower entry
 * in every third row) and all-positive x: x^T A x through the float
 * calls, the handle's among them, within the float tolerance. */
static void large_positive(void)
{
    int64_t n = 1000000;
    Prob P;
    memset(&P, 0, sizeof P);
    P.label = "1e6 rows, all positive";
    P.n = n;
    P.rp = calloc((size_t)n + 1, sizeof(int64_t));
    P.ci = malloc(sizeof(int64_t) * (size_t)(2 * n));
    P.v = malloc(sizeof(double) * (size_t)(2 * n));
    for (int64_t r = 0; r < n; r++) {
        int64_t k = P.rp[r];
        if (r % 3 == 0 && r > 0) P.ci[k] = r / 2, P.v[k++] = (double)(float)(0.5 + rnd_unit());
        P.ci[k] = r, P.v[k++] = (double)(float)(1.0 + rnd_unit());
        P.rp[r + 1] = k;
    }
    P.nnz = P.rp[n];
    double *x = malloc(sizeof(double) * (size_t)n), ref, bnd;
    for (int64_t i = 0; i < n; i++) x[i] = (double)(float)(0.5 + rnd_unit());
    double y0 = 0;
    reference_terms(OP_SYPRD, &P, x, &y0, &ref, &bnd);
    Storages S;
    storages_build(&P, 0, &S);
    fexpect E = {OP_SYPRD, 1, P.label, &ref, &bnd};
    public_sweep(OP_SYPRD, &P, &S, 's', 1.0, x, 0.5, &y0, check_float, &E);
    storages_free(&S);
    free(x);
    prob_free(&P);
}

static void real_matrices(int argc, char **argv)
{
    for (int a = 2; a < argc; a++) {
        char **files = NULL;
        int nf = list_matrix_files(argv[a], &files);
        CHECK(nf > 0, "%s: no matrix files", argv[a]);
        for (int f = 0; f < nf; f++) {
            systec_coo_t coo;
            systec_status_t s = systec_mm_read(files[f], &coo);
            CHECK_ST(s, SYSTEC_SUCCESS);
            if (!s) {
                Prob P;
                prob_from_coo(&P, files[f], &coo);
                /* bcsstm25 is all positive: x too, as in the issue */
                matrix_routes(&P, strstr(files[f], "bcsstm25") != NULL);
                prob_free(&P);
                systec_coo_free(&coo);
            }
            free(files[f]);
        }
        free(files);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("usage: test_float HEADER [DIR_OR_MTX...]\n");
        return 2;
    }
    rnd_seed(4242);
    table_complete(argv[1]);
    static const struct {
        const char *label;
        int64_t n;
        double dens, ddens;
    } shapes[] = {{"n=1", 1, 0, 1},       {"no diagonal", 30, 0.2, 0},
                  {"dense", 40, 1, 1},    {"long rows", 300, 0.3, 1},
                  {"sparse", 500, 0.01, 0.7}};
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        Prob P;
        prob_random(&P, shapes[k].label, shapes[k].n, shapes[k].dens, shapes[k].ddens, 0, 0.05);
        matrix_routes(&P, 0);
        prob_free(&P);
    }
    syrk_dense_float();
    tensor_float();
    large_positive();
    real_matrices(argc, argv);
    for (int k = 0; k < NENTRIES; k++)
        CHECK(entries[k].called, "%s was never called", entries[k].name);
    printf("float entry points: %d called and checked\n", NENTRIES);
    return check_summary();
}
