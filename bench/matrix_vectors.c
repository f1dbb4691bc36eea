/* The vector operations' data and check (matrix_vectors.h). */
#include "matrix_vectors.h"

#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "rng.h"
#include "util.h"

#define X_SEED 0x5eed0001u

static void put(const mat_ctx_t *k, void *a, int64_t i, double v)
{
    if (k->dbl)
        ((double *)a)[i] = v;
    else
        ((float *)a)[i] = (float)v;
}

static double get(const mat_ctx_t *k, const void *a, int64_t i)
{
    return k->dbl ? ((const double *)a)[i] : (double)((const float *)a)[i];
}

int vectors_setup(mat_ctx_t *k, const source_t *src, mat_result_t *res)
{
    (void)res;
    const mat_op_t *m = k->op->mat;
    const double y0 = m->minplus ? INFINITY : NAN;
    const size_t vs = k->dbl ? sizeof(double) : sizeof(float);
    const int64_t len = k->n * k->cols;
    const int64_t nb = len > 0 ? len : 1; /* SYPRD's scalar exists even for n = 0 */
    k->x = xalloc_aligned((size_t)nb * vs);
    double *xd = xmalloc((size_t)nb * sizeof *xd); /* x as the kernels see it */
    k->yref = xmalloc((size_t)nb * sizeof *k->yref);
    k->ax = xmalloc((size_t)nb * sizeof *k->ax);
    uint64_t seed = X_SEED;
    for (int64_t i = 0; i < len; i++) {
        put(k, k->x, i, rng_sym(&seed));
        xd[i] = get(k, k->x, i);
    }
    for (int s = 0; s < k->nslot; s++) {
        k->out[s] = xalloc_aligned((size_t)nb * vs);
        for (int64_t i = 0; i < nb; i++) put(k, k->out[s], i, y0);
    }
    source_reference(src, !k->dbl, m->minplus, m->scalar, k->cols, xd, k->yref, k->ax);
    if (m->minplus) /* compared exactly (rounding commutes with min) */
        for (int64_t i = 0; i < k->n; i++) {
            k->ax[i] = 0.0;
            if (!k->dbl) k->yref[i] = (double)(float)k->yref[i];
        }
    free(xd);
    return 0;
}

void vectors_check(mat_ctx_t *k, mat_result_t *res)
{
    const int64_t len = k->op->mat->scalar ? 1 : k->n * k->cols;
    check_t c = {k->dbl ? TOL_DOUBLE : TOL_FLOAT, 0, -1, 0.0};
    for (int64_t i = 0; i < len; i++) {
        double b[OP_MAX_BASE], pl = 0;
        for (int s = 1; s <= k->nbase; s++) b[s - 1] = get(k, k->out[s], i);
        if (k->ref >= 0) pl = get(k, k->out[k->ref], i);
        check_results(&c, i, get(k, k->out[SLOT_SYM], i), b, k->nbase, &pl, k->ref >= 0,
                      k->yref[i], k->ax[i]);
    }
    res->max_err = c.max_err;
    res->nbad = c.nbad;
    if (!c.nbad) return;
    const int64_t f = c.first;
    mat_fail(res, RUN_CHECK_FAIL,
             "results disagree in %lld of %lld rows (tolerance %.0e * (|A||x|)_i); "
             "first row %lld: sym %.17g, full %.17g, reference %.17g, (|A||x|)_i %.3g",
             (long long)c.nbad, (long long)k->n, c.tol, (long long)f,
             get(k, k->out[SLOT_SYM], f), get(k, k->out[res->base], f), k->yref[f], k->ax[f]);
}
