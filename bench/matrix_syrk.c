/* SSYRK's products and checks (matrix_syrk.h). */
#include "matrix_syrk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "timing.h"
#include "util.h"

int syrk_setup(mat_ctx_t *k, const source_t *src, mat_result_t *res)
{
    (void)src;
    double t0 = now_s();
    systec_status_t st =
        k->dbl ? systec_dsyrk(k->G, &k->prod[SLOT_SYM]) : systec_ssyrk(k->G, &k->prod[SLOT_SYM]);
    res->conv_ms = 1e3 * (now_s() - t0);
    const char *call = "syrk";
    for (int b = 1; b <= k->nbase && !st; b++) {
        t0 = now_s();
        st = k->dbl ? systec_daat(k->G, &k->prod[b]) : systec_saat(k->G, &k->prod[b]);
        if (b == 1) res->exp_ms = 1e3 * (now_s() - t0);
        call = "aat";
    }
    if (!st) return 0;
    mat_fail(res, RUN_KERNEL_ERROR, "systec_%s%s: %s: %s", k->dbl ? "d" : "s", call,
             systec_strerror(st), systec_last_error());
    return -1;
}

systec_status_t syrk_abs_operand(const mat_ctx_t *k, systec_csrmat_t **out)
{
    const void *arp, *aci, *av;
    int64_t m, an, annz;
    systec_csrmat_info(k->G, &m, &an, &annz, NULL, NULL);
    systec_csrmat_data(k->G, &arp, &aci, &av);
    void *absv = xmalloc((size_t)(annz > 0 ? annz : 1) * (k->dbl ? sizeof(double) : sizeof(float)));
    for (int64_t q = 0; q < annz; q++) {
        if (k->dbl)
            ((double *)absv)[q] = fabs(((const double *)av)[q]);
        else
            ((float *)absv)[q] = fabsf(((const float *)av)[q]);
    }
    systec_status_t st = systec_csrmat_create_csr(out, k->dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT,
                                                  SYSTEC_INT32, m, an, arp, aci, absv);
    free(absv);
    return st;
}

#define I32(a, q) ((int64_t)((const int32_t *)(a))[q])
#define VAL(a, q) (k->dbl ? ((const double *)(a))[q] : (double)((const float *)(a))[q])

/* Row i of U against row i of F from the diagonal on, bounds bv (F's
 * pattern); 1 if they differ in pattern or beyond tol * bound. */
static int syrk_row_bad(const mat_ctx_t *k, int64_t i, const void *const *u, const void *const *f,
                        const void *bv, double tol, double *maxe)
{
    int64_t p = I32(f[0], i), pe = I32(f[0], i + 1);
    while (p < pe && I32(f[1], p) < i) p++; /* F's row from the diagonal on */
    int64_t q = I32(u[0], i), qe = I32(u[0], i + 1);
    if (qe - q != pe - p) return 1;
    for (; q < qe; q++, p++) {
        double d = fabs(VAL(u[2], q) - VAL(f[2], p)), bound = VAL(bv, p);
        if (I32(u[1], q) != I32(f[1], p) || !(d <= tol * bound)) return 1;
        if (bound > 0 && d / bound > *maxe) *maxe = d / bound;
    }
    return 0;
}

void syrk_check(mat_ctx_t *k, mat_result_t *res)
{
    const void *u[3], *f[3], *bv;
    int64_t m;
    systec_csrmat_info(k->G, &m, NULL, NULL, NULL, NULL);
    systec_csrmat_data(k->prod[res->base], &f[0], &f[1], &f[2]);
    systec_csrmat_data(k->prod[SLOT_SYM], &u[0], &u[1], &u[2]);
    systec_csrmat_t *Aabs = NULL, *B = NULL;
    systec_status_t st = syrk_abs_operand(k, &Aabs);
    if (!st) st = k->dbl ? systec_daat(Aabs, &B) : systec_saat(Aabs, &B);
    if (st) {
        mat_fail(res, RUN_KERNEL_ERROR, "bound |A||A|^T: %s", systec_last_error());
        systec_csrmat_free(&Aabs);
        return;
    }
    systec_csrmat_data(B, NULL, NULL, &bv);
    double tol = k->dbl ? TOL_DOUBLE : TOL_FLOAT, maxe = 0;
    int64_t nbad = 0, first = -1;
    for (int64_t i = 0; i < m; i++)
        if (syrk_row_bad(k, i, u, f, bv, tol, &maxe)) {
            if (first < 0) first = i;
            nbad++;
        }
    res->max_err = maxe;
    res->nbad = nbad;
    if (nbad)
        mat_fail(res, RUN_CHECK_FAIL,
                 "upper and full products disagree in %lld of %lld rows; first row %lld",
                 (long long)nbad, (long long)m, (long long)first);
    systec_csrmat_free(&B);
    systec_csrmat_free(&Aabs);
}
#undef I32
#undef VAL

int syrk_dense_setup(mat_ctx_t *k, const source_t *src, mat_result_t *res)
{
    (void)src;
    const int64_t n = k->n;
    if (n > DENSE_OUT_MAX) {
        mat_fail(res, RUN_SKIPPED,
                 "skipped: the dense %lld-by-%lld output is over the %d-row limit", (long long)n,
                 (long long)n, DENSE_OUT_MAX);
        return -1;
    }
    if (!k->dbl) {
        mat_fail(res, RUN_SKIPPED, "syrk_dense is benchmarked in double only");
        return -1;
    }
    for (int s = 0; s <= k->nbase; s++) {
        k->out[s] = xmalloc(sizeof(double) * (size_t)(n * n + 1));
        memset(k->out[s], 0, sizeof(double) * (size_t)(n * n));
    }
    return 0;
}

void syrk_dense_check(mat_ctx_t *k, mat_result_t *res)
{
    const int64_t m = k->n;
    const double *Cs = k->out[SLOT_SYM], *Cf = k->out[res->base];
    double *B = xmalloc(sizeof(double) * (size_t)(m * m + 1));
    systec_csrmat_t *Aabs = NULL;
    systec_status_t st = syrk_abs_operand(k, &Aabs);
    if (!st) st = systec_daat_dense(Aabs, B, m);
    int64_t nbad = 0, first = -1;
    double maxe = 0;
    for (int64_t i = 0; i < m && !st; i++)
        for (int64_t j = i; j < m; j++) {
            double d = fabs(Cs[i * m + j] - Cf[i * m + j]), b = B[i * m + j];
            if (!(d <= TOL_DOUBLE * b)) {
                if (first < 0) first = i;
                nbad++;
            }
            if (b > 0 && d / b > maxe) maxe = d / b;
        }
    if (st)
        mat_fail(res, RUN_KERNEL_ERROR, "bound |A||A|^T: %s", systec_last_error());
    else if (nbad)
        mat_fail(res, RUN_CHECK_FAIL,
                 "dense upper and full products disagree in %lld entries; first row %lld",
                 (long long)nbad, (long long)first);
    res->max_err = maxe;
    res->nbad = nbad;
    free(B);
    systec_csrmat_free(&Aabs);
}
