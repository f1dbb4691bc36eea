/* One matrix through one operation (matrix_run.h). */
#include "matrix_run.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matrix_scaling.h"
#include "matrix_source.h"
#include "synthetic.h"
#include "timing.h"
#include "util.h"

#define RANDOM_SEED 0x5eed0002u
#define RANDOM_PER_ROW 16

void mat_fail(mat_result_t *res, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    res->status = status;
    vsnprintf(res->error, sizeof res->error, fmt, ap);
    va_end(ap);
}

const char *mat_slot_name(char *buf, size_t size, const mat_ctx_t *k, int slot)
{
    const mat_variant_t *v = k->var[slot];
    if (v->force && k->threads > 1) { /* the dispatcher's plan (see mat_sample) */
        char call[64];
        snprintf(call, sizeof call, "%.*s", (int)strcspn(v->call, ":"), v->call);
        return variant_name(buf, size, call, v->lib, k->dbl);
    }
    return variant_name(buf, size, v->call, v->lib, k->dbl);
}

double mat_sample(void *ctx, int s, long inner)
{
    mat_ctx_t *k = ctx;
    systec_status_t (*run)(const mat_ctx_t *, int) = k->var[s]->run;
    systec_status_t st = SYSTEC_SUCCESS, e;
    /* the candidate's schedule, once per sample; with several threads the
     * dispatcher's plan (a forced serial schedule would stay serial) */
    if (k->var[s]->force)
        st = systec_csrmat_force(k->G, k->op->mat->api, k->threads > 1 ? NULL : k->var[s]->force);
    double t0 = now_s();
    for (long r = 0; r < inner; r++)
        if ((e = run(k, s)) != SYSTEC_SUCCESS) st = e;
    double t = now_s() - t0;
    call_error_note(&k->err, st, s);
    return t / (double)inner;
}

/* The slots of op: the symmetric kernel, the candidates, the reference. */
static void ctx_init(mat_ctx_t *k, const bench_op_t *op, const bench_options_t *o)
{
    const mat_op_t *m = op->mat;
    memset(k, 0, sizeof *k);
    k->op = op;
    k->dbl = !o->use_float;
    k->threads = o->threads;
    k->cols = m->blocks ? o->cols : 1;
    k->var[k->nslot++] = &m->sym;
    for (int b = 0; b < OP_MAX_BASE && m->base[b].run; b++) k->var[k->nslot++] = &m->base[b];
    k->nbase = k->nslot - 1;
    k->ref = m->ref.run ? k->nslot : -1;
    if (m->ref.run) k->var[k->nslot++] = &m->ref;
}

static void ctx_free(mat_ctx_t *k)
{
    for (int s = 0; s < MAT_MAX_SLOTS; s++) {
        free(k->out[s]);
        systec_csrmat_free(&k->prod[s]);
    }
    systec_csrmat_free(&k->G);
    systec_symmat_free(&k->S);
    free(k->x);
    free(k->plain.rp);
    free(k->plain.ci);
    free(k->plain.v);
    free(k->yref);
    free(k->ax);
}

static void result_init(mat_result_t *res, const input_t *in, const mat_ctx_t *k)
{
    res->name = in->name;
    res->path = in->path;
    res->origin = in->kind == IN_FILE ? "file" : "synthetic";
    res->anon_huge_kb = -1;
    res->nslot = k->nslot;
    res->base = 1;
    res->ref = k->ref;
    for (int s = 0; s < MAT_MAX_SLOTS; s++) res->t[s] = res->x[s] = series_none();
    res->peers.ref_t = NAN;
}

/* A Matrix Market file: read (load), then the symmetric handle (conv). */
static int load_file(const input_t *in, mat_ctx_t *k, source_t *src, mat_result_t *res)
{
    const systec_dtype_t dt = k->dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT;
    double t0 = now_s();
    systec_status_t st = systec_mm_read(in->path, &src->coo);
    res->load_ms = 1e3 * (now_s() - t0);
    if (st != SYSTEC_SUCCESS) {
        mat_fail(res, RUN_LOAD_ERROR, "systec_mm_read: %s: %s", systec_strerror(st),
                 systec_last_error());
        return -1;
    }
    src->is_coo = 1;
    src->n = src->coo.nrows;
    t0 = now_s();
    st = k->op->mat->minplus ? systec_symmat_from_coo_minplus(&k->S, &src->coo, dt, SYSTEC_INT32)
                             : systec_symmat_from_coo(&k->S, &src->coo, dt, SYSTEC_INT32);
    res->conv_ms = 1e3 * (now_s() - t0);
    if (st == SYSTEC_SUCCESS) return 0;
    mat_fail(res, RUN_LOAD_ERROR, "systec_symmat_from_coo: %s: %s", systec_strerror(st),
             systec_last_error());
    return -1;
}

/* A generated matrix (load), then the symmetric handle from its lower CSR (conv). */
static int load_synthetic(const input_t *in, mat_ctx_t *k, source_t *src, mat_result_t *res)
{
    const mat_op_t *m = k->op->mat;
    double t0 = now_s();
    if (in->kind == IN_STENCIL)
        gen_stencil(src, m->stencil_side);
    else
        gen_random(src, m->random_rows, RANDOM_PER_ROW, RANDOM_SEED);
    void *vals = src->val;
    const int64_t nst = src->rowptr[src->n];
    if (!k->dbl) {
        float *f = xmalloc((size_t)nst * sizeof *f);
        for (int64_t p = 0; p < nst; p++) f[p] = (float)src->val[p];
        vals = f;
    }
    res->load_ms = 1e3 * (now_s() - t0);
    t0 = now_s();
    systec_status_t st = (m->minplus ? systec_symmat_create_csr_minplus : systec_symmat_create_csr)(
        &k->S, SYSTEC_LOWER, k->dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT, SYSTEC_INT32, src->n,
        src->rowptr, src->colidx, vals);
    res->conv_ms = 1e3 * (now_s() - t0);
    if (vals != src->val) free(vals);
    if (st == SYSTEC_SUCCESS) return 0;
    mat_fail(res, RUN_LOAD_ERROR, "systec_symmat_create_csr: %s: %s", systec_strerror(st),
             systec_last_error());
    return -1;
}

/* The full expansion (expand), the sizes, and the compulsory traffic: index
 * 4 B + value per stored entry, 4 B per row pointer (n + 1), the diagonal
 * (sym only), x read once; y moved y_passes times (0: a scalar). */
static int expand(mat_ctx_t *k, mat_result_t *res)
{
    double t0 = now_s();
    systec_status_t st = systec_csrmat_from_symmat(&k->G, k->S);
    res->exp_ms = 1e3 * (now_s() - t0);
    if (st != SYSTEC_SUCCESS) {
        mat_fail(res, RUN_LOAD_ERROR, "systec_csrmat_from_symmat: %s: %s", systec_strerror(st),
                 systec_last_error());
        return -1;
    }
    int64_t n = 0, nst = 0, gm = 0, gn = 0, gnnz = 0;
    if ((st = systec_symmat_info(k->S, &n, &nst, NULL, NULL)) != SYSTEC_SUCCESS ||
        (st = systec_csrmat_info(k->G, &gm, &gn, &gnnz, NULL, NULL)) != SYSTEC_SUCCESS) {
        mat_fail(res, RUN_KERNEL_ERROR, "info: %s: %s", systec_strerror(st), systec_last_error());
        return -1;
    }
    k->n = res->n = n;
    res->nnz_strict = nst;
    res->nnz_full = gnnz;
    const double yp = k->op->mat->y_passes, kc = (double)k->cols;
    const double vs = k->dbl ? 8.0 : 4.0;
    if (yp < 0) return 0; /* compute-bound: no traffic model */
    res->bytes_sym =
        (4 + vs) * (double)nst + 4.0 * (double)(n + 1) + (1.0 + kc + yp * kc) * vs * (double)n;
    res->bytes_full = (4 + vs) * (double)gnnz + 4.0 * (double)(gm + 1) + kc * vs * (double)gn +
                      yp * kc * vs * (double)gm;
    return 0;
}

/* Seconds for `inner` calls of the symmetric kernel and of each baseline
 * candidate, the shortest: they all make the same number of calls. */
static double time_kernels(void *ctx, long inner)
{
    mat_ctx_t *k = ctx;
    double best = INFINITY;
    for (int s = 0; s <= k->nbase; s++) best = fmin(best, mat_sample(k, s, inner) * (double)inner);
    return best;
}

/* Calibrate, warm up, timed rounds; the fastest candidate is the baseline. */
static void time_slots(mat_ctx_t *k, const bench_options_t *o, mat_result_t *res)
{
    k->inner = res->inner = calls_per_sample(time_kernels, k);
    long inner[MAT_MAX_SLOTS];
    for (int s = 0; s < k->nslot; s++) inner[s] = k->inner;
    const int R = o->reps, w = k->nslot;
    double *t = xmalloc(sizeof *t * (size_t)R * (size_t)w);
    rounds_t p = {w, NULL, inner, R, o->warmup, mat_sample, k, NULL, &res->anon_huge_kb};
    rounds_run(&p, t);
    for (int s = 0; s < w; s++) {
        res->t[s] = series_col(t, R, w, s);
        res->x[s] = series_ratio(t, R, w, s, SLOT_SYM);
        if (s >= 1 && s <= k->nbase && res->t[s].med < res->t[res->base].med) res->base = s;
    }
    free(t);
    mat_slot_name(res->base_name, sizeof res->base_name, k, res->base);
    if (k->ref >= 0) mat_slot_name(res->ref_name, sizeof res->ref_name, k, k->ref);
    res->gbs_sym = res->bytes_sym / res->t[SLOT_SYM].med * 1e-9;
    res->gbs_full = res->bytes_full / res->t[res->base].med * 1e-9;
}

void matrix_run_one(const bench_op_t *op, const input_t *in, const bench_options_t *o,
                    mat_result_t *res)
{
    const mat_op_t *m = op->mat;
    source_t src;
    memset(&src, 0, sizeof src);
    mat_ctx_t k;
    ctx_init(&k, op, o);
    result_init(res, in, &k);
    if (in->dir_error) {
        mat_fail(res, RUN_LOAD_ERROR, "%s", in->dir_error);
        return;
    }
    int rc = in->kind == IN_FILE ? load_file(in, &k, &src, res) : load_synthetic(in, &k, &src, res);
    if (!rc) rc = expand(&k, res);
    if (!rc) rc = m->setup(&k, &src, res);
    if (!rc) {
        for (int s = 0; s < k.nslot; s++)
            if (k.var[s]->prepare) k.var[s]->prepare(&k, &src);
        source_free(&src); /* not needed while timing */
        time_slots(&k, o, res);
        char name[64];
        if (k.err.st != SYSTEC_SUCCESS)
            mat_fail(res, RUN_KERNEL_ERROR, "%s returned %s: %s",
                     mat_slot_name(name, sizeof name, &k, k.err.slot), systec_strerror(k.err.st),
                     k.err.detail);
        else
            m->check(&k, res);
        if (m->peers && res->status == RUN_OK) m->peers->run(&k, o, res);
        if (res->status == RUN_OK) matrix_scaling(&k, o, res);
    }
    source_free(&src);
    ctx_free(&k);
}
