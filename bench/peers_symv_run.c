/* The SSYMV peers against libsystec (peers_symv_run.h). Each is set up
 * from the full expansion G (and its lower triangle), in the run's
 * precision, timed in rounds paired with libsystec's symmetric kernel, then
 * checked against the reference like the library's kernels. */
#include "peers_symv_run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fmt.h"
#include "matrix_report.h"
#include "peers.h"
#include "timing.h"
#include "util.h"

typedef struct lower {
    int32_t *rp, *ci;
    char *v;
} lower_t;

/* G's lower triangle with the diagonal, and M pointing at both */
static void peer_matrix(const mat_ctx_t *k, lower_t *L, peer_matrix_t *M)
{
    const void *grp, *gci, *gv;
    systec_csrmat_data(k->G, &grp, &gci, &gv);
    const int32_t *frp = grp, *fci = gci;
    const int64_t n = k->n;
    const size_t vs = k->dbl ? sizeof(double) : sizeof(float);
    L->rp = xmalloc(sizeof *L->rp * (size_t)(n + 1));
    L->ci = xmalloc(sizeof *L->ci * (size_t)(frp[n] + 1));
    L->v = xmalloc(vs * (size_t)(frp[n] + 1));
    int32_t w = 0;
    L->rp[0] = 0;
    for (int64_t r = 0; r < n; r++) {
        for (int32_t p = frp[r]; p < frp[r + 1] && fci[p] <= r; p++) {
            L->ci[w] = fci[p];
            memcpy(L->v + vs * (size_t)w++, (const char *)gv + vs * (size_t)p, vs);
        }
        L->rp[r + 1] = w;
    }
    peer_matrix_t m = {n, L->rp, L->ci, NULL, frp, fci, NULL, !k->dbl, NULL, NULL};
    if (k->dbl) {
        m.lv = (const double *)(void *)L->v;
        m.fv = gv;
    } else {
        m.lvs = (const float *)(void *)L->v;
        m.fvs = gv;
    }
    *M = m;
}

typedef struct round_ctx {
    mat_ctx_t *k;
    peer_t *peers;
    int np; /* slot np: libsystec's symmetric kernel */
    void *y;
    mat_peer_results_t *pr;
} round_ctx_t;

static int peer_call(const round_ctx_t *c, int q)
{
    const peer_t *p = &c->peers[q];
    return c->k->dbl ? p->run(p->ctx, c->k->x, c->y) : p->run_s(p->ctx, c->k->x, c->y);
}

static double sample(void *ctx, int s, long inner)
{
    round_ctx_t *c = ctx;
    double t0 = now_s();
    for (long i = 0; i < inner; i++) {
        if (s == c->np)
            c->k->var[SLOT_SYM]->run(c->k, SLOT_SYM);
        else if (peer_call(c, s))
            c->pr->bad[s] = 1;
    }
    return (now_s() - t0) / (double)inner;
}

/* peer q's result from NaN, against the reference */
static void check_peer(round_ctx_t *c, int q)
{
    const mat_ctx_t *k = c->k;
    const double tol = k->dbl ? TOL_DOUBLE : TOL_FLOAT;
    for (int64_t i = 0; i < k->n; i++)
        if (k->dbl)
            ((double *)c->y)[i] = NAN;
        else
            ((float *)c->y)[i] = NAN;
    if (peer_call(c, q)) c->pr->bad[q] = 1;
    for (int64_t i = 0; i < k->n && !c->pr->bad[q]; i++) {
        double yi = k->dbl ? ((double *)c->y)[i] : (double)((float *)c->y)[i];
        if (!(absdiff(yi, k->yref[i]) <= tol * k->ax[i])) c->pr->bad[q] = 1;
    }
}

static void run(mat_ctx_t *k, const bench_options_t *o, mat_result_t *res)
{
    mat_peer_results_t *pr = &res->peers;
    lower_t L;
    peer_matrix_t M;
    peer_matrix(k, &L, &M);
    peer_t peers[MAT_MAX_PEERS];
    const int np = peers_prepare(&M, peers, MAT_MAX_PEERS, pr->err, sizeof pr->err);
    round_ctx_t c = {k, peers, np, xalloc_aligned((size_t)(k->n > 0 ? k->n : 1) * 8), pr};
    long inner[MAT_MAX_PEERS + 1];
    for (int q = 0; q <= np; q++) inner[q] = k->inner;
    const int R = o->reps, w = np + 1;
    double *t = xmalloc(sizeof *t * (size_t)R * (size_t)w);
    rounds_t p = {w, NULL, inner, R, o->warmup, sample, &c, NULL, NULL};
    rounds_run(&p, t);
    pr->inner = k->inner;
    pr->reps = R;
    for (int q = 0; q < np; q++) {
        pr->name[q] = peers[q].name;
        pr->prep_ms[q] = peers[q].prep_ms;
        pr->t[q] = series_col(t, R, w, q);
        pr->ratio[q] = series_ratio(t, R, w, q, np);
        check_peer(&c, q);
        if (pr->bad[q] && res->status == RUN_OK)
            mat_fail(res, RUN_CHECK_FAIL, "peer %s: wrong result", peers[q].name);
    }
    pr->n = np;
    peers_release(peers, np);
    free(t);
    free(c.y);
    free(L.rp);
    free(L.ci);
    free(L.v);
}

/* median time and paired ratio t_peer / t_sym per peer (above 1: libsystec faster) */
static void report(const mat_result_t *res, int n, int wname, const bench_options_t *o)
{
    (void)o;
    printf("\npeers, time per call in ms and x = t_peer/t_sym paired per round (above 1: "
           "libsystec's symmetric kernel is faster); set-up ms in brackets\n");
    for (int i = 0; i < n; i++) {
        const mat_peer_results_t *pr = &res[i].peers;
        if (!pr->n) continue;
        printf("%-*s", wname, res[i].name);
        for (int q = 0; q < pr->n; q++) {
            char a[32], b[32];
            printf("  %s %s x%.2f [%s]%s", pr->name[q], fmt_ms(a, sizeof a, 1e3 * pr->t[q].med),
                   pr->ratio[q].med, fmt_ms(b, sizeof b, pr->prep_ms[q]),
                   pr->bad[q] ? " WRONG" : "");
        }
        printf("%s%s\n", pr->err[0] ? "  (" : "", pr->err);
    }
    /* geomean of each peer's ratio over the file matrices, by peer name */
    const char *names[16];
    int nn = 0;
    for (int i = 0; i < n; i++)
        for (int q = 0; q < res[i].peers.n; q++) {
            int seen = 0;
            for (int u = 0; u < nn; u++) seen |= !strcmp(names[u], res[i].peers.name[q]);
            if (!seen && nn < 16) names[nn++] = res[i].peers.name[q];
        }
    for (int u = 0; u < nn; u++) mat_peer_geomean(res, n, names[u], "t_peer/t_sym");
}

const mat_peers_t symv_peers = {peers_init, peers_exit, run, report, "libsystec"};
