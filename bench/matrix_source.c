/* The bench's own view of a matrix (matrix_source.h). */
#include "matrix_source.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void source_free(source_t *s)
{
    if (s->is_coo) systec_coo_free(&s->coo);
    free(s->rowptr);
    free(s->colidx);
    free(s->val);
    memset(s, 0, sizeof *s);
}

void source_foreach(const source_t *s, void (*visit)(void *ctx, int64_t r, int64_t c, double v),
                    void *ctx)
{
    if (s->is_coo) {
        const systec_coo_t *c = &s->coo;
        for (int64_t k = 0; k < c->nnz; k++) {
            int64_t r = c->row[k], j = c->col[k];
            double v = c->val ? c->val[k] : 1.0;
            visit(ctx, r, j, v);
            if (c->symmetric && r != j) visit(ctx, j, r, v);
        }
        return;
    }
    for (int64_t r = 0; r < s->n; r++)
        for (int32_t p = s->rowptr[r]; p < s->rowptr[r + 1]; p++) {
            visit(ctx, r, s->colidx[p], s->val[p]);
            if (r != s->colidx[p]) visit(ctx, s->colidx[p], r, s->val[p]);
        }
}

typedef struct ref_ctx {
    int single, minplus;
    int64_t cols;
    const double *x;
    double *yref, *ax;
} ref_ctx_t;

static void ref_entry(void *ctx, int64_t r, int64_t j, double v)
{
    const ref_ctx_t *c = ctx;
    if (c->single) v = (double)(float)v;
    if (c->minplus) {
        c->yref[r] = fmin(c->yref[r], v + c->x[j]);
        return;
    }
    const int64_t kc = c->cols;
    for (int64_t q = 0; q < kc; q++) {
        c->yref[r * kc + q] += v * c->x[j * kc + q];
        c->ax[r * kc + q] += fabs(v) * fabs(c->x[j * kc + q]);
    }
}

void source_reference(const source_t *s, int single, int minplus, int scalar, int64_t cols,
                      const double *x, double *yref, double *ax)
{
    const int64_t n = s->n;
    for (int64_t i = 0; i < n * cols; i++) {
        yref[i] = minplus ? INFINITY : 0.0;
        ax[i] = 0.0;
    }
    ref_ctx_t c = {single, minplus, cols, x, yref, ax};
    source_foreach(s, ref_entry, &c);
    if (!scalar) return;
    double t = 0, b = 0;
    for (int64_t i = 0; i < n; i++) {
        t += x[i] * yref[i];
        b += fabs(x[i]) * ax[i];
    }
    yref[0] = t;
    ax[0] = b;
}

/* pass 0 counts the entries of row r in rp[r + 2]; pass 1 places them at
 * next[r]++ (next = rp + 1) */
typedef struct csr_ctx {
    int pass, single;
    int32_t *rp, *ci;
    void *v;
} csr_ctx_t;

static void place(void *ctx, int64_t r, int64_t c, double v)
{
    csr_ctx_t *b = ctx;
    if (b->pass == 0) {
        b->rp[r + 2]++;
        return;
    }
    int32_t q = b->rp[r + 1]++;
    b->ci[q] = (int32_t)c;
    if (b->single)
        ((float *)b->v)[q] = (float)v;
    else
        ((double *)b->v)[q] = v;
}

void source_full_csr(const source_t *s, int single, int32_t **rp, int32_t **ci, void **v)
{
    const int64_t n = s->n;
    csr_ctx_t b = {0, single, xmalloc((size_t)(n + 2) * sizeof(int32_t)), NULL, NULL};
    memset(b.rp, 0, (size_t)(n + 2) * sizeof(int32_t));
    source_foreach(s, place, &b);
    for (int64_t r = 0; r < n; r++) b.rp[r + 2] += b.rp[r + 1];
    const int64_t m = b.rp[n + 1];
    b.ci = xmalloc((size_t)(m > 0 ? m : 1) * sizeof(int32_t));
    b.v = xmalloc((size_t)(m > 0 ? m : 1) * (single ? sizeof(float) : sizeof(double)));
    b.pass = 1;
    source_foreach(s, place, &b);
    *rp = b.rp; /* rp[0..n] are the row pointers after pass 1 */
    *ci = b.ci;
    *v = b.v;
}
