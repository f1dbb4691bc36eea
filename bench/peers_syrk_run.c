/* The SSYRK peers against libsystec (peers_syrk_run.h). Each computes the
 * whole product in every call (its own symbolic and numeric work), so each
 * is paired, round by round, with libsystec's whole call: the operation's
 * reference slot, systec_[ds]syrk with the result created and freed. Checked
 * against libsystec's upper triangle (itself checked against the full
 * product) within tol * (|A||A|^T)[i,j]; a wrong result is a failure. */
#include "peers_syrk_run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fmt.h"
#include "matrix_report.h"
#include "matrix_syrk.h"
#include "peers.h"
#include "peers_syrk.h"
#include "timing.h"
#include "util.h"

#define QUICK_PEER_REPS 3 /* timed rounds with --quick: they dominate a quick run */

/* the peers' timed rounds: --reps, or QUICK_PEER_REPS with --quick */
static int peer_reps(const bench_options_t *o)
{
    return o->quick && !o->reps_set && o->reps > QUICK_PEER_REPS ? QUICK_PEER_REPS : o->reps;
}

/* The problem the peers get: A (k->G), the reference upper triangle U and
 * its bound, the upper triangle of |A||A|^T by systec_[ds]syrk on |A| (the
 * symbolic phase does not look at values, so its pattern must be U's). */
typedef struct problem {
    syrk_problem_t P;
    systec_csrmat_t *Aabs, *Babs;
    double *uvd, *bvd; /* single precision: the reference and bound in double */
} problem_t;

static int problem_make(const mat_ctx_t *k, problem_t *pb, mat_result_t *res)
{
    const void *arp, *aci, *av, *urp, *uci, *uv, *brp = NULL, *bci = NULL, *bv = NULL;
    int64_t m = 0, an = 0, unnz = 0, bnnz = 0;
    systec_csrmat_info(k->G, &m, &an, NULL, NULL, NULL);
    systec_csrmat_info(k->prod[SLOT_SYM], NULL, NULL, &unnz, NULL, NULL);
    systec_csrmat_data(k->G, &arp, &aci, &av);
    systec_csrmat_data(k->prod[SLOT_SYM], &urp, &uci, &uv);
    memset(pb, 0, sizeof *pb);
    systec_status_t st = syrk_abs_operand(k, &pb->Aabs);
    if (!st) st = k->dbl ? systec_dsyrk(pb->Aabs, &pb->Babs) : systec_ssyrk(pb->Aabs, &pb->Babs);
    if (!st) {
        systec_csrmat_info(pb->Babs, NULL, NULL, &bnnz, NULL, NULL);
        systec_csrmat_data(pb->Babs, &brp, &bci, &bv);
    }
    if (st || bnnz != unnz || memcmp(brp, urp, sizeof(int32_t) * (size_t)(m + 1)) != 0 ||
        memcmp(bci, uci, sizeof(int32_t) * (size_t)unnz) != 0) {
        mat_fail(res, RUN_KERNEL_ERROR, "peers' bound |A||A|^T: %s",
                 st ? systec_last_error() : "its pattern differs from the product's");
        return -1;
    }
    if (!k->dbl) {
        pb->uvd = xmalloc(sizeof *pb->uvd * (size_t)(unnz + 1));
        pb->bvd = xmalloc(sizeof *pb->bvd * (size_t)(unnz + 1));
        for (int64_t q = 0; q < unnz; q++) {
            pb->uvd[q] = ((const float *)uv)[q];
            pb->bvd[q] = ((const float *)bv)[q];
        }
    }
    syrk_problem_t P = {m,
                        an,
                        arp,
                        aci,
                        k->dbl ? av : NULL,
                        urp,
                        uci,
                        k->dbl ? uv : pb->uvd,
                        k->dbl ? bv : pb->bvd,
                        !k->dbl,
                        k->dbl ? NULL : av};
    pb->P = P;
    return 0;
}

static void problem_free(problem_t *pb)
{
    systec_csrmat_free(&pb->Babs);
    systec_csrmat_free(&pb->Aabs);
    free(pb->uvd);
    free(pb->bvd);
}

typedef struct round_ctx {
    mat_ctx_t *k;
    syrk_peer_t *peers;
    int np; /* slot np: libsystec's whole call */
    mat_peer_results_t *pr;
} round_ctx_t;

static double sample(void *ctx, int s, long inner)
{
    round_ctx_t *c = ctx;
    if (s == c->np) return mat_sample(c->k, c->k->ref, inner);
    double t0 = now_s();
    for (long i = 0; i < inner; i++)
        if (c->peers[s].run(c->peers[s].ctx)) c->pr->bad[s] = 1;
    return (now_s() - t0) / (double)inner;
}

/* Seconds for `inner` whole calls (the calibration of these rounds). */
static double time_call(void *ctx, long inner)
{
    mat_ctx_t *k = ctx;
    return mat_sample(k, k->ref, inner) * (double)inner;
}

/* the last call's product of peer q against the reference */
static void check_peer(const round_ctx_t *c, const problem_t *pb, int q, mat_result_t *res)
{
    mat_peer_results_t *pr = c->pr;
    const double tol = c->k->dbl ? TOL_DOUBLE : TOL_FLOAT;
    if (!pr->bad[q]) pr->nbad[q] = c->peers[q].check(c->peers[q].ctx, &pb->P, tol);
    if (pr->nbad[q]) pr->bad[q] = 1;
    if (!pr->bad[q] || res->status != RUN_OK) return;
    if (pr->nbad[q])
        mat_fail(res, RUN_CHECK_FAIL,
                 "peer %s: wrong result (%lld entries differ from libsystec's upper "
                 "triangle by more than %.0e * bound, or are missing or extra)",
                 c->peers[q].name, (long long)pr->nbad[q], tol);
    else
        mat_fail(res, RUN_CHECK_FAIL, "peer %s: the call failed", c->peers[q].name);
}

static void run(mat_ctx_t *k, const bench_options_t *o, mat_result_t *res)
{
    mat_peer_results_t *pr = &res->peers;
    problem_t pb;
    if (problem_make(k, &pb, res)) {
        problem_free(&pb);
        return;
    }
    syrk_peer_t peers[MAT_MAX_PEERS];
    const int np = syrk_peers_prepare(&pb.P, peers, MAT_MAX_PEERS, pr->err, sizeof pr->err);
    /* calls per sample: the main rounds' rule, for the whole call; every peer
     * makes the same number of calls */
    pr->inner = calls_per_sample(time_call, k);
    pr->reps = peer_reps(o);
    long inner[MAT_MAX_PEERS + 1];
    for (int q = 0; q <= np; q++) inner[q] = pr->inner;
    const int R = pr->reps, w = np + 1;
    double *t = xmalloc(sizeof *t * (size_t)R * (size_t)w);
    round_ctx_t c = {k, peers, np, pr};
    rounds_t p = {w, NULL, inner, R, o->warmup, sample, &c, NULL, NULL};
    rounds_run(&p, t);
    if (k->err.st != SYSTEC_SUCCESS) {
        char name[64];
        mat_fail(res, RUN_KERNEL_ERROR, "%s returned %s: %s",
                 mat_slot_name(name, sizeof name, k, k->ref), systec_strerror(k->err.st),
                 k->err.detail);
    }
    pr->ref_t = series_col(t, R, w, np).med;
    for (int q = 0; q < np; q++) {
        pr->name[q] = peers[q].name;
        pr->prep_ms[q] = peers[q].prep_ms;
        pr->t[q] = series_col(t, R, w, q);
        pr->ratio[q] = series_ratio(t, R, w, q, np);
        check_peer(&c, &pb, q, res);
    }
    pr->n = np;
    syrk_peers_release(peers, np);
    free(t);
    problem_free(&pb);
}

/* a table, one column per peer name, then the notes and geomeans */
static void report(const mat_result_t *res, int n, int wname, const bench_options_t *o)
{
    const char *const *all;
    const int nall = syrk_peer_names(o->use_float, &all);
    const int reps = peer_reps(o);
    printf("\nSSYRK peers (%s), time per call in ms; each computes the whole product "
           "(its symbolic and numeric work), so x = t_peer/t_call, paired per round with "
           "systec_%ssyrk's whole call (symbolic + numeric, result created and freed; its "
           "median in these rounds is 'syrk call'); above 1: libsystec is faster; set-up ms "
           "in brackets; %d timed round%s\n",
           o->use_float ? "float" : "double", o->use_float ? "s" : "d", reps, reps == 1 ? "" : "s");
    int wc[16];
    printf("%-*s %12s", wname, "matrix", "syrk call");
    for (int u = 0; u < nall && u < 16; u++) {
        wc[u] = (int)strlen(all[u]) > 27 ? (int)strlen(all[u]) : 27;
        printf("  %-*s", wc[u], all[u]);
    }
    printf("\n");
    for (int i = 0; i < n; i++) {
        const mat_peer_results_t *pr = &res[i].peers;
        if (!pr->n) continue;
        char a[32];
        printf("%-*s %12s", wname, res[i].name, fmt_ms(a, sizeof a, 1e3 * pr->ref_t));
        for (int u = 0; u < nall && u < 16; u++) {
            char cell[96] = "-", b[32], c[32];
            for (int q = 0; q < pr->n; q++)
                if (!strcmp(pr->name[q], all[u]))
                    snprintf(cell, sizeof cell, "%s x%.2f [%s]%s",
                             fmt_ms(b, sizeof b, 1e3 * pr->t[q].med), pr->ratio[q].med,
                             fmt_ms(c, sizeof c, pr->prep_ms[q]), pr->bad[q] ? " WRONG" : "");
            printf("  %-*s", wc[u], cell);
        }
        printf("\n");
    }
    int nnote = 0;
    for (int i = 0; i < n; i++)
        if (res[i].peers.err[0])
            printf("%s  %s: %s\n", nnote++ ? "" : "notes:\n", res[i].name, res[i].peers.err);
    for (int u = 0; u < nall; u++) mat_peer_geomean(res, n, all[u], "t_peer/t_call");
}

static const char *init(int threads)
{
    peers_init(threads);      /* GraphBLAS, OpenBLAS: shared with the SSYMV peers */
    return syrk_peers_init(); /* after peers_init */
}

static void fini(void)
{
    syrk_peers_exit();
    peers_exit();
}

const mat_peers_t syrk_peers = {init, fini, run, report, "libsystec-call"};
