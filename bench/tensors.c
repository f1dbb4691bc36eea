/*
 * systec-bench --op mttkrp and --op ttm: kernels on symmetric sparse
 * tensors.
 *   mttkrp  C[i,r] = sum A[i,k,l,..] B[k,r] B[l,r] .., the same B in every
 *           mode (orders 3 to 5);
 *   ttm     C[j,l,i] = sum_k A[j,l,k] B[k,i] (order 3), symmetric in (j, l):
 *           the symmetric kernel writes the canonical half j <= l, packed,
 *           and the expansion to both halves is a separate call.
 *
 * For every tensor and rank: the generated symmetric kernel on the canonical
 * handle (systec_dmttkrp, systec_dttm) against the generated non-symmetric
 * baseline on the full tensor in CSF (systec_dmttkrp_csf, systec_dttm_csf),
 * serial, in one process, warm, same B. Timed by the rules of the matrix
 * operations in systec-bench.c (paired rounds, rotating order, samples of
 * >= 1 ms, median of the paired ratios) and checked against a plain loop
 * over the full tensor written here. Preprocessing (handle, expansion, CSF)
 * is timed once per tensor and reported apart from the kernels; so is TTM's
 * output expansion (systec_dttm_expand), timed in the same rounds. TTM in
 * double also times a dense peer in the same rounds, one OpenBLAS dgemm on
 * the densified tensor (peers_ttm.c), where it fits in memory. Uses only
 * the public API. See bench/README.md.
 */
#include "tensors.h"

#include "peers_ttm.h"
#include "reference.h"
#include "systec.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define TENSOR_SEED 0x5eed0003u /* systec_tns_random_symmetric */
#define B_SEED 0x5eed0004u      /* the factor matrix B */
#define MAX_RANKS 2             /* ranks per tensor: the paper's two, or --rank */

/* The SySTeC paper's MTTKRP evaluation (Patel, Ahrens, Amarasinghe, "SySTeC:
 * A Symmetric Sparse Tensor Compiler", CGO 2025): the configurations of its
 * section 6.2 -- each order at one mode size n, sparsities 0.1 and 1e-4,
 * ranks 10 and n -- and the geomean (min-max) speedup of SySTeC over naive
 * Finch on the full tensor that its section 6.3 reports for them. Numbers
 * from /work/shared/reference/systec-paper.md, sections 6.2 and 6.3 (there
 * computed from the artifact's reference JSONs, the paper's figure data). */
static const struct paper_cfg {
    int order;
    int64_t n;
    double geomean, lo, hi;
} paper[] = {
    {3, 500, 2.83, 2.38, 3.38},
    {4, 100, 6.17, 5.09, 7.35},
    {5, 40, 16.3, 10.4, 29.8},
};
#define NPAPER ((int)(sizeof paper / sizeof paper[0]))
static const double paper_sp[2] = {0.1, 1e-4};
#define PAPER_RANK_LOW 10 /* the other rank is n */
/* and its speedup per configuration (section 6.3's detail; the same
 * source), by paper[] index, sparsity (paper_sp) and rank (10, n) */
static const double paper_cfg_speedup[3][2][2] = {
    {{3.08, 3.38}, {2.38, 2.58}}, /* order 3, n 500: sp 0.1 (R 10, R 500); sp 1e-4 */
    {{7.35, 7.07}, {5.09, 5.49}}, /* order 4, n 100 */
    {{29.8, 16.5}, {13.7, 10.4}}, /* order 5, n 40 */
};

/* The same paper's TTM evaluation: order 3, n = 500, sparsities 0.1 and
 * 1e-3, ranks 10 and 500 (section 6.2), and SySTeC's speedup over naive
 * Finch per configuration and their geomean (min-max), 1.36 (1.01-2.09)
 * (section 6.3). There the output expansion ("replication") is not timed,
 * as t_sym here. Same source as above. */
#define PAPER_TTM_N 500
static const double paper_ttm_sp[2] = {0.1, 1e-3};
static const int64_t paper_ttm_rank[2] = {10, 500};
static const double paper_ttm_speedup[2][2] = {{2.09, 1.01},  /* sp 0.1: R 10, 500 */
                                               {1.30, 1.23}}; /* sp 1e-3 */
static const double paper_ttm_geo[3] = {1.36, 1.01, 2.09};

/* TTM's outputs are dense: the packed n(n+1)/2-by-R result, the full
 * n-by-n-by-R one of the baseline and the expansion of the packed one are
 * all allocated. A tensor whose three would take more than this is skipped
 * (not a failure): LVGNA's human_Y2H1 (n = 9996) needs 32 GB at R = 16. */
#define TTM_OUT_LIMIT 8e9 /* bytes */
/* The reference holds a long double sum, a result and a bound per full
 * output element. When that would take more than this, it is computed (and
 * the outputs are checked) on a fixed pseudo-random sample of REF_SLICES
 * j-slices (all l and i), e.g. at n = 500, R = 500 (4 GB). */
#define REF_LIMIT 3e9 /* bytes */
#define REF_SLICES 50
#define SLICE_SEED 0x5eed0005u

/* --------------------------------------------------------------- inputs */
enum { IN_FILE, IN_PAPER, IN_CUSTOM };

/* One tensor, run at one or two ranks. */
typedef struct tinput {
    int kind;
    char *path, *name;
    tensor_cfg_t cfg; /* IN_PAPER, IN_CUSTOM */
    int nrank;
    int64_t rank[MAX_RANKS];
    char *dir_error; /* set if a directory could not be listed */
} tinput_t;

typedef struct tinputs {
    tinput_t *v;
    int n, cap;
} tinputs_t;

static tinput_t *inputs_push(tinputs_t *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        tinput_t *nv = realloc(l->v, (size_t)l->cap * sizeof *nv);
        if (!nv) {
            fprintf(stderr, "%s: out of memory\n", prog);
            exit(1);
        }
        l->v = nv;
    }
    tinput_t *e = &l->v[l->n++];
    memset(e, 0, sizeof *e);
    return e;
}

static int is_tensor_file(const char *s)
{
    return has_suffix(s, ".tns") || has_suffix(s, ".tns.gz") || has_suffix(s, ".ssten");
}

/* "dir/fly_Y2H1.ssten" -> "fly_Y2H1" */
static char *tensor_name(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b && b[1] ? b + 1 : path;
    char *n = xstrdup(b);
    static const char *const ext[] = {".tns.gz", ".tns", ".ssten", ".gz"};
    for (int k = 0; k < 4; k++)
        if (has_suffix(n, ext[k])) {
            n[strlen(n) - strlen(ext[k])] = '\0';
            break;
        }
    return n;
}

static void add_file(tinputs_t *l, const char *path, int64_t rank)
{
    tinput_t *e = inputs_push(l);
    e->kind = IN_FILE;
    e->path = xstrdup(path);
    e->name = tensor_name(path);
    e->nrank = 1;
    e->rank[0] = rank;
}

/* Adds the tensor files directly inside dir, sorted; returns how many, or -1
 * if dir cannot be listed. */
static int add_files_in(tinputs_t *l, const char *dir, int64_t rank)
{
    char **names = NULL;
    int nn = list_files(dir, is_tensor_file, &names);
    for (int k = 0; k < nn; k++) {
        add_file(l, names[k], rank);
        free(names[k]);
    }
    free(names);
    return nn;
}

/* A directory: its own tensor files, then those of lvgna_triangles/ (where
 * the shared data keeps the LVGNA triangle tensors). */
static void add_directory(tinputs_t *l, const char *dir, int64_t rank)
{
    int nn = add_files_in(l, dir, rank);
    if (nn < 0) {
        tinput_t *e = inputs_push(l);
        e->kind = IN_FILE;
        e->path = xstrdup(dir);
        e->name = xstrdup(dir);
        e->nrank = 1;
        e->rank[0] = rank;
        char msg[512];
        snprintf(msg, sizeof msg, "cannot list directory: %s", strerror(errno));
        e->dir_error = xstrdup(msg);
        return;
    }
    size_t len = strlen(dir) + 32;
    char *sub = xmalloc(len);
    snprintf(sub, len, "%s%slvgna_triangles", dir, has_suffix(dir, "/") ? "" : "/");
    struct stat st;
    if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
        int ns = add_files_in(l, sub, rank);
        if (ns < 0) {
            fprintf(stderr, "%s: warning: cannot list %s: %s\n", prog, sub, strerror(errno));
        } else {
            nn += ns;
        }
    }
    free(sub);
    if (nn == 0)
        fprintf(stderr, "%s: warning: no *.tns, *.tns.gz or *.ssten files in %s\n", prog, dir);
}

static void add_synthetic(tinputs_t *l, int kind, tensor_cfg_t c, int nrank, const int64_t *rank)
{
    tinput_t *e = inputs_push(l);
    e->kind = kind;
    e->cfg = c;
    char buf[96];
    snprintf(buf, sizeof buf, "sym%d-n%lld-sp%g", c.order, (long long)c.n, c.sp);
    e->name = xstrdup(buf);
    e->nrank = nrank;
    for (int q = 0; q < nrank; q++) e->rank[q] = rank[q];
}

int parse_tensor_cfg(const char *s, tensor_cfg_t *out)
{
    char *end;
    errno = 0;
    long order = strtol(s, &end, 10);
    int ok = end != s && *end == ':' && order >= 2 && order <= SYSTEC_MAX_ORDER;
    long long n = 0;
    double sp = 0;
    if (ok) {
        const char *p = end + 1;
        n = strtoll(p, &end, 10);
        ok = end != p && *end == ':' && n >= 1 && n <= INT32_MAX;
    }
    if (ok) {
        const char *p = end + 1;
        sp = strtod(p, &end);
        ok = end != p && *end == '\0' && sp > 0 && sp <= 1;
    }
    if (!ok || errno) {
        fprintf(stderr,
                "%s: --tensor needs ORDER:N:SP (ORDER 2..%d, N >= 1, 0 < SP <= 1), got '%s'\n",
                prog, SYSTEC_MAX_ORDER, s);
        return -1;
    }
    out->order = (int)order;
    out->n = n;
    out->sp = sp;
    return 0;
}

/* -------------------------------------------------------------- results */
enum { ST_OK = 0, ST_LOAD_ERROR, ST_KERNEL_ERROR, ST_CHECK_FAIL, ST_SKIPPED };
#define PEER_NONE (-1) /* trow_t.peer_status: the peer was not considered */

/* One tensor at one rank: a row of the table and of the CSV. Counts are -1
 * and times NaN until known. */
typedef struct trow {
    const tinput_t *in;
    int64_t R;
    int status;
    char error[768];
    int order;
    int64_t n, nnz, full_nnz, csf_nodes;
    double load_s, create_s, expand_s, csf_s; /* per tensor, repeated on its rows */
    double t_sym, t_base;                     /* median seconds per call */
    double t_sym_min, t_sym_max, t_base_min, t_base_max;
    double sp_med, sp_min, sp_max; /* t_base / t_sym per round */
    /* TTM: the output expansion's median time, the paired ratio
     * t_base / (t_sym + t_exp) of each round, t_sym + t_exp of each round
     * and its inverse ratio (t_sym + t_exp) / t_base */
    double t_exp;
    double spx_med, spx_min, spx_max;
    double t_se, t_se_min, t_se_max;
    double rse_med, rse_min, rse_max;
    int64_t checked; /* TTM: j-slices of the output checked (n: all), -1 unknown */
    long inner;
    double max_err; /* max |difference| / bound over the three comparisons */
    int64_t nbad;
    long long anon_huge_kb;
    /* TTM's dense OpenBLAS peer: PEER_NONE (not compiled in, --float, MTTKRP),
     * ST_SKIPPED (peer_note says why), or the outcome of its run and check */
    int peer_status;
    char peer_note[512];
    /* --reference: the hand-written program's times, or why there are none */
    int ref_status;
    ref_times_t ref;
    char ref_note[512];
    double peer_setup_s; /* the densification */
    double t_peer, t_peer_min, t_peer_max;
    double pr_med, pr_min, pr_max; /* t_peer / t_sym per round */
    long peer_inner;
    double peer_max_err;
} trow_t;

static int anon_system_wide = 0;
static int g_ttm = 0; /* --op ttm: the whole file's operation, from bench_tensors() */

/* The same outcome for every rank of a tensor (it failed before the ranks ran). */
static void set_status(trow_t *rows, int nr, int status, const char *msg)
{
    for (int q = 0; q < nr; q++) {
        rows[q].status = status;
        snprintf(rows[q].error, sizeof rows[q].error, "%s", msg);
    }
}

/* "<call>: <status>: <last error>" */
static void call_failed(trow_t *rows, int nr, int status, const char *call, systec_status_t st)
{
    char msg[768];
    snprintf(msg, sizeof msg, "%s: %s: %s", call, systec_strerror(st), systec_last_error());
    set_status(rows, nr, status, msg);
}

/* --------------------------------------------------------------- timing */
typedef struct tkern {
    int dbl;
    int64_t n, R;
    const systec_symten_t *A;
    const systec_csften_t *F;
    const void *B;
    void *Cs, *Cb; /* TTM: Cs packed (j <= l), Cb full */
    void *Cx;      /* TTM: the expansion of Cs, full */
    const double *Ad; /* TTM's peer: the dense tensor, or NULL (no peer) */
    double *Cp;       /* TTM's peer: its full output */
    systec_status_t err; /* first non-success status seen from a kernel */
    int err_which;       /* which kernel returned it */
    char err_detail[256];
} tkern_t;

/* K_EXP: TTM's systec_dttm_expand; K_PEER: TTM's OpenBLAS dgemm */
enum { K_SYM = 0, K_BASE = 1, K_EXP = 2, K_PEER = 3 };

/* the call behind a kernel slot, for messages */
static const char *kern_name(int dbl, int which)
{
    static const char *const name[2][2][3] = {
        {{"systec_smttkrp", "systec_smttkrp_csf", "-"},
         {"systec_sttm", "systec_sttm_csf", "systec_sttm_expand"}},
        {{"systec_dmttkrp", "systec_dmttkrp_csf", "-"},
         {"systec_dttm", "systec_dttm_csf", "systec_dttm_expand"}}};
    return name[dbl != 0][g_ttm != 0][which];
}

/* Runs `inner` back-to-back calls of one kernel; returns seconds per call. */
static double sample(tkern_t *k, int which, long inner)
{
    systec_status_t st = SYSTEC_SUCCESS, s;
    double t0 = now_s();
    if (which == K_PEER) { /* a void call: nothing to record */
        for (long c = 0; c < inner; c++) ttm_peer_run(k->n, k->R, k->Ad, k->B, k->Cp);
        return (now_s() - t0) / (double)inner;
    }
#define REPEAT(call)                                                                             \
    {                                                                                            \
        for (long c = 0; c < inner; c++)                                                         \
            if ((s = (call)) != SYSTEC_SUCCESS) st = s;                                          \
    }
    if (g_ttm) {
        if (k->dbl && which == K_SYM)
            REPEAT(systec_dttm(k->A, k->R, k->B, k->Cs))
        else if (k->dbl && which == K_BASE)
            REPEAT(systec_dttm_csf(k->F, k->R, k->B, k->Cb))
        else if (k->dbl)
            REPEAT(systec_dttm_expand(k->n, k->R, k->Cs, k->Cx))
        else if (which == K_SYM)
            REPEAT(systec_sttm(k->A, k->R, k->B, k->Cs))
        else if (which == K_BASE)
            REPEAT(systec_sttm_csf(k->F, k->R, k->B, k->Cb))
        else
            REPEAT(systec_sttm_expand(k->n, k->R, k->Cs, k->Cx))
    } else if (k->dbl && which == K_SYM)
        REPEAT(systec_dmttkrp(k->A, k->R, k->B, k->Cs))
    else if (k->dbl)
        REPEAT(systec_dmttkrp_csf(k->F, k->R, k->B, k->Cb))
    else if (which == K_SYM)
        REPEAT(systec_smttkrp(k->A, k->R, k->B, k->Cs))
    else
        REPEAT(systec_smttkrp_csf(k->F, k->R, k->B, k->Cb))
#undef REPEAT
    double t = now_s() - t0;
    if (st != SYSTEC_SUCCESS && k->err == SYSTEC_SUCCESS) {
        k->err = st;
        k->err_which = which;
        snprintf(k->err_detail, sizeof k->err_detail, "%s", systec_last_error());
    }
    return t / (double)inner;
}

/* Calls per sample so that the faster kernel's sample lasts >= MIN_SAMPLE_S
 * (the matrix operations' rule). */
/* Seconds for `inner` calls of each kernel, the shorter of the two (the
 * count is shared); negative after a kernel error (the caller reports it). */
static double time_kernels(void *ctx, long inner)
{
    tkern_t *k = ctx;
    double ts = sample(k, K_SYM, inner) * (double)inner;
    double tb = sample(k, K_BASE, inner) * (double)inner;
    return k->err != SYSTEC_SUCCESS ? -1.0 : ts < tb ? ts : tb;
}

/* The peer gets its own calls per sample, by the same rule: a dense
 * product costs far more than the sparse kernels (a dgemm at n = 500,
 * R = 500 takes a second or more), so it gets one call per sample once a
 * call lasts MIN_SAMPLE_S, whatever count the kernels use. */
static double time_peer(void *ctx, long inner)
{
    return sample(ctx, K_PEER, inner) * (double)inner;
}

/* ------------------------------------------------------------ reference */
/* The result the kernels must produce, in double, by the plainest loop over
 * the full tensor F, summed in long double: C[i,r] = sum over entries (i, c1, .., cN-1) of
 * v * B[c1,r] * .. * B[cN-1,r], and bound[i,r] the same sum of |terms|, the
 * scale of the tolerance. F is the expansion the baseline's CSF is built
 * from; it carries the values as the handle holds them (rounded to float
 * with --float), and B is passed as the kernels see it. */
static void reference(const systec_tns_t *F, int64_t R, const double *B, double *C, double *bound)
{
    const int N = F->order;
    /* long double sums: an output row may sum 1e5 terms or more (the padding
     * nodes of symprop_contact-5), and a plain double sum in this order can
     * be further from the exact result than the kernels are */
    long double *acc = xmalloc(sizeof *acc * (size_t)(F->dim * R + 1));
    for (int64_t k = 0; k < F->dim * R; k++) acc[k] = 0;
    memset(bound, 0, sizeof *bound * (size_t)(F->dim * R));
    long double *term = xmalloc(sizeof *term * (size_t)(R + 1));
    for (int64_t e = 0; e < F->nnz; e++) {
        const int64_t *c = F->ind + e * N;
        for (int64_t r = 0; r < R; r++) term[r] = F->val[e];
        for (int t = 1; t < N; t++) {
            const double *b = B + c[t] * R;
            for (int64_t r = 0; r < R; r++) term[r] *= b[r];
        }
        long double *ci = acc + c[0] * R;
        double *bi = bound + c[0] * R;
        for (int64_t r = 0; r < R; r++) {
            ci[r] += term[r];
            bi[r] += (double)fabsl(term[r]);
        }
    }
    for (int64_t k = 0; k < F->dim * R; k++) C[k] = (double)acc[k];
    free(term);
    free(acc);
}

/* TTM's reference, by the same kind of loop and in long double for the same
 * reason: F[j,l,i] = sum over the full entries (j, l, k) of v * B[k,i], and
 * bound[j,l,i] the sum of |terms|, for the j-slices with slot[j] >= 0 only;
 * slice s (slot[j] = s) is C[s*n*R ..] and bound[s*n*R ..], n-by-R each. */
static void ttm_reference(const systec_tns_t *F, int64_t R, const double *B, const int64_t *slot,
                          int64_t nsel, double *C, double *bound)
{
    const int64_t n = F->dim, cells = nsel * n * R;
    long double *acc = xmalloc(sizeof *acc * (size_t)(cells + 1));
    for (int64_t q = 0; q < cells; q++) acc[q] = 0;
    memset(bound, 0, sizeof *bound * (size_t)cells);
    for (int64_t e = 0; e < F->nnz; e++) {
        const int64_t *c = F->ind + e * 3;
        if (slot[c[0]] < 0) continue;
        const int64_t off = (slot[c[0]] * n + c[1]) * R;
        long double *ci = acc + off;
        double *bi = bound + off;
        const double *b = B + c[2] * R;
        const long double v = F->val[e];
        for (int64_t i = 0; i < R; i++) {
            long double t = v * b[i];
            ci[i] += t;
            bi[i] += (double)fabsl(t);
        }
    }
    for (int64_t q = 0; q < cells; q++) C[q] = (double)acc[q];
    free(acc);
}

/* The j-slices of TTM's output that are checked: all n when the reference
 * fits in REF_LIMIT, else REF_SLICES distinct ones drawn with a fixed seed
 * (a partial Fisher-Yates shuffle), so that every run checks the same
 * slices. Fills sel (ascending) and slot (slot[j]: j's place in sel, -1 if
 * unchecked); returns how many. */
static int64_t ttm_slices(int64_t n, int64_t R, int64_t *sel, int64_t *slot)
{
    const double per_elem = sizeof(long double) + 2 * sizeof(double); /* sum, result, bound */
    int64_t nsel = n;
    if ((double)n * (double)n * (double)R * per_elem > REF_LIMIT && n > REF_SLICES) {
        nsel = REF_SLICES;
        for (int64_t j = 0; j < n; j++) slot[j] = j;
        uint64_t seed = SLICE_SEED;
        for (int64_t t = 0; t < nsel; t++) { /* slot[0..nsel) becomes the sample */
            int64_t u = t + (int64_t)(rng_next(&seed) % (uint64_t)(n - t));
            int64_t sw = slot[t];
            slot[t] = slot[u];
            slot[u] = sw;
        }
        for (int64_t t = 0; t < nsel; t++) sel[t] = slot[t];
        for (int64_t j = 0; j < n; j++) slot[j] = -1;
        for (int64_t t = 0; t < nsel; t++) slot[sel[t]] = 0; /* mark, then number in order */
    } else {
        for (int64_t j = 0; j < n; j++) slot[j] = 0;
    }
    int64_t w = 0;
    for (int64_t j = 0; j < n; j++)
        if (slot[j] >= 0) {
            sel[w] = j;
            slot[j] = w++;
        }
    return w;
}

/* The element q of an output, as a double. */
static double out_at(const tkern_t *k, const void *C, int64_t q)
{
    return k->dbl ? ((const double *)C)[q] : (double)((const float *)C)[q];
}

/* --reference: the hand-written program on the full tensor F at each
 * rank, in this process's session (before libsystec's rounds). */
static void run_reference(const char *prog_path, const systec_tns_t *F, trow_t *rows, int nr)
{
    for (int q = 0; q < nr; q++) {
        trow_t *r = &rows[q];
        for (int k = 0; k < REF_NKERNELS; k++) r->ref.t[k] = NAN;
        if (r->status == ST_SKIPPED) continue;
        fprintf(stderr, "  reference program, R = %lld ...\n", (long long)r->R);
        r->ref_status = reference_run(prog_path, F, r->R, &r->ref, r->ref_note,
                                      sizeof r->ref_note) ? ST_KERNEL_ERROR : ST_OK;
    }
}

/* One rank of one tensor: calibrate, warm up, timed rounds (the kernel that
 * goes first rotates), then check the last results against the reference.
 * MTTKRP: ref and bound are n-by-R. TTM: they hold the nsel j-slices sel[]
 * of the full output, n-by-R each, against which the baseline's full result,
 * the expansion of the symmetric one and the peer's result (k->Ad set) are
 * checked. */
static void run_rank(tkern_t *k, const tensor_opts_t *o, const double *ref, const double *bound,
                     const int64_t *sel, int64_t nsel, trow_t *row)
{
    const int64_t n = k->n, slice = n * k->R;
    /* elements of the symmetric result (TTM: packed) and of the baseline's */
    const int64_t cs = g_ttm ? n * (n + 1) / 2 * k->R : slice, cb = g_ttm ? n * slice : slice;
    const size_t vs = k->dbl ? sizeof(double) : sizeof(float);
    k->Cs = xalloc_aligned((size_t)cs * vs);
    k->Cb = xalloc_aligned((size_t)cb * vs);
    if (g_ttm) k->Cx = xalloc_aligned((size_t)cb * vs);
    if (k->Ad) { /* the peer's output (double, full); without it, no peer */
        void *p = NULL;
        if (posix_memalign(&p, 64, (size_t)(cb > 0 ? cb : 1) * sizeof(double)) != 0 || !p) {
            k->Ad = NULL;
            row->peer_status = ST_KERNEL_ERROR;
            snprintf(row->peer_note, sizeof row->peer_note,
                     "cannot allocate its output (%.2f GB)", (double)cb * sizeof(double) * 1e-9);
        } else {
            k->Cp = p;
        }
    }
    /* NaN: an element a kernel (or the expansion) never writes fails the check */
    for (int64_t q = 0; q < cb; q++) {
        if (k->dbl) {
            if (q < cs) ((double *)k->Cs)[q] = NAN;
            ((double *)k->Cb)[q] = NAN;
            if (k->Cx) ((double *)k->Cx)[q] = NAN;
        } else {
            if (q < cs) ((float *)k->Cs)[q] = NAN;
            ((float *)k->Cb)[q] = NAN;
            if (k->Cx) ((float *)k->Cx)[q] = NAN;
        }
        if (k->Cp) k->Cp[q] = NAN;
    }
    long inner = calls_per_sample(time_kernels, k);
    row->inner = inner;
    long inner_p = 0;
    if (k->Ad && k->err == SYSTEC_SUCCESS) inner_p = calls_per_sample(time_peer, k);
    row->peer_inner = k->Ad ? inner_p : -1;
    const int R = o->reps, nk = g_ttm ? (k->Ad ? 4 : 3) : 2;
    double *ts = xmalloc(sizeof *ts * (size_t)R), *tb = xmalloc(sizeof *tb * (size_t)R);
    double *tx = xmalloc(sizeof *tx * (size_t)R), *tse = xmalloc(sizeof *tse * (size_t)R);
    double *tp = xmalloc(sizeof *tp * (size_t)R);
    double *rat = xmalloc(sizeof *rat * (size_t)R), *ratx = xmalloc(sizeof *ratx * (size_t)R);
    double *rse = xmalloc(sizeof *rse * (size_t)R), *rp = xmalloc(sizeof *rp * (size_t)R);
    /* The first round runs the symmetric kernel first, so every expansion
     * reads a finished symmetric result (all calls write the same values).
     * The cycle rotates, so each kernel always follows the same one: the
     * peer goes between the baseline and the expansion, so that the
     * symmetric kernel still follows the expansion and the baseline the
     * symmetric kernel, as without the peer (its dgemm streams the dense
     * tensor and evicts the caches). */
    static const int cycle[4] = {K_SYM, K_BASE, K_PEER, K_EXP},
                     cycle3[3] = {K_SYM, K_BASE, K_EXP};
    const int *order = nk == 4 ? cycle : cycle3; /* MTTKRP: the first two */
    for (int r = -o->warmup; r < R && k->err == SYSTEC_SUCCESS; r++) {
        double t[4];
        int first = (r + o->warmup) % nk;
        for (int q = 0; q < nk; q++) {
            int which = order[(first + q) % nk];
            t[which] = sample(k, which, which == K_PEER ? inner_p : inner);
        }
        if (r == -1 || (o->warmup == 0 && r == 0))
            row->anon_huge_kb = read_anon_huge_kb(&anon_system_wide);
        if (r >= 0) {
            ts[r] = t[K_SYM];
            tb[r] = t[K_BASE];
            rat[r] = t[K_BASE] / t[K_SYM];
            if (g_ttm) {
                tx[r] = t[K_EXP];
                ratx[r] = t[K_BASE] / (t[K_SYM] + t[K_EXP]);
                tse[r] = t[K_SYM] + t[K_EXP];
                rse[r] = tse[r] / t[K_BASE];
            }
            if (k->Ad) {
                tp[r] = t[K_PEER];
                rp[r] = t[K_PEER] / t[K_SYM];
            }
        }
    }
    if (k->err != SYSTEC_SUCCESS) {
        row->status = ST_KERNEL_ERROR;
        snprintf(row->error, sizeof row->error, "%s returned %s: %s",
                 kern_name(k->dbl, k->err_which), systec_strerror(k->err), k->err_detail);
        if (k->Ad) {
            row->peer_status = ST_SKIPPED;
            snprintf(row->peer_note, sizeof row->peer_note, "not timed: %s failed",
                     kern_name(k->dbl, k->err_which));
        }
        goto done;
    }
    row->t_sym = quantile(ts, R, 0.5);
    row->t_sym_min = quantile(ts, R, 0.0);
    row->t_sym_max = quantile(ts, R, 1.0);
    row->t_base = quantile(tb, R, 0.5);
    row->t_base_min = quantile(tb, R, 0.0);
    row->t_base_max = quantile(tb, R, 1.0);
    row->sp_med = quantile(rat, R, 0.5);
    row->sp_min = quantile(rat, R, 0.0);
    row->sp_max = quantile(rat, R, 1.0);
    if (g_ttm) {
        row->t_exp = quantile(tx, R, 0.5);
        row->spx_med = quantile(ratx, R, 0.5);
        row->spx_min = quantile(ratx, R, 0.0);
        row->spx_max = quantile(ratx, R, 1.0);
        row->t_se = quantile(tse, R, 0.5);
        row->t_se_min = quantile(tse, R, 0.0);
        row->t_se_max = quantile(tse, R, 1.0);
        row->rse_med = quantile(rse, R, 0.5);
        row->rse_min = quantile(rse, R, 0.0);
        row->rse_max = quantile(rse, R, 1.0);
    }
    if (k->Ad) {
        row->t_peer = quantile(tp, R, 0.5);
        row->t_peer_min = quantile(tp, R, 0.0);
        row->t_peer_max = quantile(tp, R, 1.0);
        row->pr_med = quantile(rp, R, 0.5);
        row->pr_min = quantile(rp, R, 0.0);
        row->pr_max = quantile(rp, R, 1.0);
    }

    /* ---- correctness: sym vs base, and each against the reference; for
     * TTM the symmetric result as expanded, on the checked j-slices */
    {
        const void *S = g_ttm ? k->Cx : k->Cs;
        const int64_t cells = g_ttm ? nsel * slice : slice;
        double tol = k->dbl ? TOL_DOUBLE : TOL_FLOAT, maxe = 0;
        int64_t nbad = 0, first = -1, first_q = -1;
        for (int64_t q = 0; q < cells; q++) {
            /* q indexes ref and bound; qo the outputs */
            int64_t qo = g_ttm ? sel[q / slice] * slice + q % slice : q;
            double s = out_at(k, S, qo), b = out_at(k, k->Cb, qo);
            double lim = tol * bound[q];
            double d1 = fabs(s - b), d2 = fabs(s - ref[q]), d3 = fabs(b - ref[q]);
            if (!(d1 <= lim && d2 <= lim && d3 <= lim)) {
                if (first < 0) first = q, first_q = qo;
                nbad++;
            }
            double d = fmax(d1, fmax(d2, d3));
            double e = isnan(d1) || isnan(d2) || isnan(d3)
                           ? INFINITY
                           : (bound[q] > 0 ? d / bound[q] : (d > 0 ? INFINITY : 0.0));
            if (e > maxe) maxe = e;
        }
        row->max_err = maxe;
        row->nbad = nbad;
        row->checked = g_ttm ? nsel : -1;
        if (nbad) {
            const int64_t R1 = k->R;
            char where[96];
            if (g_ttm)
                snprintf(where, sizeof where, "F[%lld,%lld,%lld]", (long long)(first_q / slice),
                         (long long)(first_q / R1 % n), (long long)(first_q % R1));
            else
                snprintf(where, sizeof where, "C[%lld,%lld]", (long long)(first_q / R1),
                         (long long)(first_q % R1));
            row->status = ST_CHECK_FAIL;
            snprintf(row->error, sizeof row->error,
                     "results disagree in %lld of %lld %selements (tolerance %.0e * bound); "
                     "first %s: sym%s %.17g, base %.17g, reference %.17g, bound %.3g",
                     (long long)nbad, (long long)cells, g_ttm && nsel < n ? "checked " : "", tol,
                     where, g_ttm ? " (expanded)" : "", out_at(k, S, first_q),
                     out_at(k, k->Cb, first_q), ref[first], bound[first]);
        }
    }

    /* ---- the peer's last result against the same reference, on the same
     * j-slices, within the same tolerance (it runs in double only) */
    if (k->Ad) {
        const int64_t cells = nsel * slice;
        double maxe = 0;
        int64_t nbad = 0, first = -1, first_q = -1;
        for (int64_t q = 0; q < cells; q++) {
            int64_t qo = sel[q / slice] * slice + q % slice;
            double d = fabs(k->Cp[qo] - ref[q]), lim = TOL_DOUBLE * bound[q];
            if (!(d <= lim)) {
                if (first < 0) first = q, first_q = qo;
                nbad++;
            }
            double e = isnan(d) ? INFINITY
                                : (bound[q] > 0 ? d / bound[q] : (d > 0 ? INFINITY : 0.0));
            if (e > maxe) maxe = e;
        }
        row->peer_max_err = maxe;
        if (nbad) {
            const int64_t R1 = k->R;
            row->peer_status = ST_CHECK_FAIL;
            snprintf(row->peer_note, sizeof row->peer_note,
                     "results disagree in %lld of %lld %selements (tolerance %.0e * bound); "
                     "first F[%lld,%lld,%lld]: dgemm %.17g, reference %.17g, bound %.3g",
                     (long long)nbad, (long long)cells, nsel < n ? "checked " : "", TOL_DOUBLE,
                     (long long)(first_q / slice), (long long)(first_q / R1 % n),
                     (long long)(first_q % R1), k->Cp[first_q], ref[first], bound[first]);
        }
    }
done:
    free(ts);
    free(tb);
    free(tx);
    free(tse);
    free(tp);
    free(rat);
    free(ratx);
    free(rse);
    free(rp);
    free(k->Cs);
    free(k->Cb);
    free(k->Cx);
    free(k->Cp);
    k->Cs = k->Cb = k->Cx = NULL;
    k->Cp = NULL;
}

/* TTM's dense peer for the ranks that run: for each, whether cblas_dgemm
 * takes its sizes and its dense A and C fit in the budget (peer_status
 * ST_OK, else ST_SKIPPED with the reason); if any rank is left, densifies
 * the full list F once (the set-up time of every such rank) and returns it,
 * else NULL. A densification that fails is an ERROR for those ranks. */
static double *peer_prepare(const systec_tns_t *F, int64_t n, trow_t *rows, int nr)
{
    double avail, budget = ttm_peer_budget(&avail);
    int want = 0;
    for (int q = 0; q < nr; q++) {
        trow_t *w = &rows[q];
        if (w->status != ST_OK) continue;
        double need = ttm_peer_bytes(n, w->R), da = ttm_peer_bytes(n, 0);
        if (ttm_peer_fits_int(n, w->R, w->peer_note, sizeof w->peer_note)) {
            w->peer_status = ST_SKIPPED;
        } else if (need > budget) {
            w->peer_status = ST_SKIPPED;
            char av[64];
            if (isfinite(avail))
                snprintf(av, sizeof av, "half of MemAvailable, %.1f GB,", 0.5 * avail * 1e-9);
            else
                snprintf(av, sizeof av, "half of MemAvailable (unknown)");
            snprintf(w->peer_note, sizeof w->peer_note,
                     "dense A (%.2f GB) and C (%.2f GB) need %.2f GB, over its budget of %.2f GB "
                     "(the smaller of %s and %.0f GiB)",
                     da * 1e-9, (need - da) * 1e-9, need * 1e-9, budget * 1e-9, av,
                     TTM_PEER_CAP / (1024.0 * 1024 * 1024));
        } else {
            w->peer_status = ST_OK;
            want = 1;
        }
    }
    if (!want) return NULL;
    char err[256];
    double t0 = now_s();
    double *A = ttm_peer_densify(F, err, sizeof err);
    double t = now_s() - t0;
    for (int q = 0; q < nr; q++) {
        if (rows[q].peer_status != ST_OK) continue;
        if (A) {
            rows[q].peer_setup_s = t;
        } else {
            rows[q].peer_status = ST_KERNEL_ERROR;
            snprintf(rows[q].peer_note, sizeof rows[q].peer_note, "%s", err);
        }
    }
    return A;
}

/* Loads or generates one tensor, builds the handle, the expansion and the
 * CSF, then runs each rank; everything is freed before returning. */
static void run_tensor(const tinput_t *in, const tensor_opts_t *o, trow_t *rows)
{
    const int nr = in->nrank, dbl = !o->use_float;
    const systec_dtype_t dt = dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT;
    const size_t vs = dbl ? sizeof(double) : sizeof(float);
    const char *opname = g_ttm ? "TTM" : "MTTKRP";
    systec_tns_t T, F;
    memset(&T, 0, sizeof T);
    memset(&F, 0, sizeof F);
    systec_symten_t *A = NULL;
    systec_csften_t *C = NULL;
    double *Bd[MAX_RANKS] = {0}, *ref[MAX_RANKS] = {0}, *bound[MAX_RANKS] = {0};
    void *Bk[MAX_RANKS] = {0};
    int64_t *sel[MAX_RANKS] = {0}, *slot[MAX_RANKS] = {0}, nsel[MAX_RANKS] = {0};
    double *Ad = NULL; /* TTM's peer: the dense tensor */
    systec_status_t st;
    char msg[512];
    for (int q = 0; q < nr; q++) {
        trow_t *w = &rows[q];
        memset(w, 0, sizeof *w);
        w->in = in;
        w->R = in->rank[q];
        w->n = w->nnz = w->full_nnz = w->csf_nodes = w->checked = -1;
        w->load_s = w->create_s = w->expand_s = w->csf_s = NAN;
        w->t_sym = w->t_base = w->t_exp = NAN;
        w->anon_huge_kb = -1;
        /* the dense peer: TTM in double, when compiled in */
        w->peer_status = g_ttm && dbl && ttm_peer_compiled() ? ST_SKIPPED : PEER_NONE;
        w->peer_setup_s = w->t_peer = NAN;
        w->peer_inner = -1;
        w->peer_max_err = NAN;
    }
    if (in->dir_error) {
        set_status(rows, nr, ST_LOAD_ERROR, in->dir_error);
        return;
    }
    if (g_ttm && in->kind != IN_FILE && in->cfg.order != 3) { /* not worth generating */
        for (int q = 0; q < nr; q++) rows[q].order = in->cfg.order;
        set_status(rows, nr, ST_SKIPPED, "TTM needs order 3");
        return;
    }

    /* ---- load or generate (the CSV's load_s), then the handle ("create") */
    double t0 = now_s();
    const char *what = "systec_tns_random_symmetric";
    if (in->kind == IN_FILE) {
        int ssten = has_suffix(in->path, ".ssten");
        what = ssten ? "systec_ssten_read" : "systec_tns_read";
        st = ssten ? systec_ssten_read(in->path, &T) : systec_tns_read(in->path, &T);
    } else {
        st = systec_tns_random_symmetric(in->cfg.order, in->cfg.n, in->cfg.sp, TENSOR_SEED, &T);
    }
    double load_s = now_s() - t0;
    for (int q = 0; q < nr; q++) rows[q].load_s = load_s;
    if (st != SYSTEC_SUCCESS) {
        call_failed(rows, nr, ST_LOAD_ERROR, what, st);
        goto done;
    }
    for (int q = 0; q < nr; q++) rows[q].order = T.order;
    if (g_ttm && T.order != 3) {
        set_status(rows, nr, ST_SKIPPED, "TTM needs order 3");
        goto done;
    }
    if (T.order < 2) { /* not even a handle; MTTKRP needs two modes */
        snprintf(msg, sizeof msg, "no MTTKRP kernel for order %d", T.order);
        set_status(rows, nr, ST_SKIPPED, msg);
        goto done;
    }
    t0 = now_s();
    st = systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, dt);
    double create_s = now_s() - t0;
    systec_tns_free(&T); /* the handle and its expansion have everything now */
    if (st != SYSTEC_SUCCESS) {
        call_failed(rows, nr, ST_LOAD_ERROR, "systec_symten_create", st);
        goto done;
    }
    int order = 0;
    int64_t n = 0, nnz = 0, full_nnz = 0;
    systec_symten_info(A, &order, &n, &nnz, &full_nnz, NULL);
    for (int q = 0; q < nr; q++) {
        rows[q].create_s = create_s;
        rows[q].order = order;
        rows[q].n = n;
        rows[q].nnz = nnz;
        rows[q].full_nnz = full_nnz;
    }

    /* ---- TTM's dense outputs must fit (per rank; skipped ranks stay so) */
    int nrun = nr;
    if (g_ttm) {
        nrun = 0;
        for (int q = 0; q < nr; q++) {
            double bytes = ((double)n * (double)(n + 1) / 2 + 2.0 * (double)n * (double)n) *
                           (double)rows[q].R * (double)vs;
            if (bytes > TTM_OUT_LIMIT) {
                rows[q].status = ST_SKIPPED;
                snprintf(rows[q].error, sizeof rows[q].error,
                         "the packed, full and expanded outputs need %.1f GB, over the bench's "
                         "%.0f GB limit",
                         bytes * 1e-9, TTM_OUT_LIMIT * 1e-9);
            } else {
                nrun++;
            }
        }
        if (!nrun) goto done;
    }

    /* ---- does this build have a kernel for the order? Asked with one
     * rank-1 call, before the expansion is paid for. */
    {
        int64_t cells = g_ttm ? n * (n + 1) / 2 : n;
        void *b1 = xalloc_aligned((size_t)(n > 0 ? n : 1) * vs);
        void *c1 = xalloc_aligned((size_t)(cells > 0 ? cells : 1) * vs);
        memset(b1, 0, (size_t)(n > 0 ? n : 1) * vs);
        if (g_ttm)
            st = dbl ? systec_dttm(A, 1, b1, c1) : systec_sttm(A, 1, b1, c1);
        else
            st = dbl ? systec_dmttkrp(A, 1, b1, c1) : systec_smttkrp(A, 1, b1, c1);
        free(b1);
        free(c1);
        if (st == SYSTEC_ERR_UNSUPPORTED) {
            snprintf(msg, sizeof msg, "no %s kernel for order %d", opname, order);
            set_status(rows, nr, ST_SKIPPED, msg);
            goto done;
        }
        if (st != SYSTEC_SUCCESS) {
            call_failed(rows, nr, ST_KERNEL_ERROR, kern_name(dbl, K_SYM), st);
            goto done;
        }
    }

    /* ---- the baseline's input: the full tensor, then its CSF ("expand+csf") */
    t0 = now_s();
    st = systec_symten_expand(A, &F);
    double expand_s = now_s() - t0;
    if (st != SYSTEC_SUCCESS) {
        call_failed(rows, nr, ST_LOAD_ERROR, "systec_symten_expand", st);
        goto done;
    }
    t0 = now_s();
    st = systec_csften_create(&C, &F, dt);
    double csf_s = now_s() - t0;
    if (st != SYSTEC_SUCCESS) {
        call_failed(rows, nr, ST_LOAD_ERROR, "systec_csften_create", st);
        goto done;
    }
    int64_t csf_nnz = 0, nodes = 0;
    systec_csften_info(C, NULL, NULL, &csf_nnz, &nodes);
    for (int q = 0; q < nr; q++) {
        rows[q].expand_s = expand_s;
        rows[q].csf_s = csf_s;
        rows[q].csf_nodes = nodes;
    }
    /* the three counts of the full tensor must agree, or the two kernels
     * would not be computing the same thing */
    if (F.nnz != full_nnz || csf_nnz != full_nnz) {
        snprintf(msg, sizeof msg,
                 "full tensor sizes disagree: handle %lld, expansion %lld, CSF %lld entries",
                 (long long)full_nnz, (long long)F.nnz, (long long)csf_nnz);
        set_status(rows, nr, ST_CHECK_FAIL, msg);
        goto done;
    }

    /* ---- per rank: B (the same values for both kernels and the reference)
     * and the reference, computed while the full list exists */
    for (int q = 0; q < nr; q++) {
        if (rows[q].status == ST_SKIPPED) continue;
        int64_t R = rows[q].R, cells = n * R;
        size_t m = (size_t)(cells > 0 ? cells : 1);
        Bd[q] = xmalloc(m * sizeof(double));
        Bk[q] = xalloc_aligned(m * vs);
        uint64_t seed = B_SEED;
        for (int64_t e = 0; e < cells; e++) {
            double v = 0.5 + rng_u01(&seed); /* [0.5, 1.5) */
            if (dbl) {
                ((double *)Bk[q])[e] = v;
                Bd[q][e] = v;
            } else {
                ((float *)Bk[q])[e] = (float)v;
                Bd[q][e] = (double)(float)v;
            }
        }
        if (g_ttm) {
            sel[q] = xmalloc(sizeof(int64_t) * (size_t)(n + 1));
            slot[q] = xmalloc(sizeof(int64_t) * (size_t)(n + 1));
            nsel[q] = ttm_slices(n, R, sel[q], slot[q]);
            size_t rc = (size_t)(nsel[q] * cells > 0 ? nsel[q] * cells : 1);
            ref[q] = xmalloc(rc * sizeof(double));
            bound[q] = xmalloc(rc * sizeof(double));
            ttm_reference(&F, R, Bd[q], slot[q], nsel[q], ref[q], bound[q]);
        } else {
            ref[q] = xmalloc(m * sizeof(double));
            bound[q] = xmalloc(m * sizeof(double));
            reference(&F, R, Bd[q], ref[q], bound[q]);
        }
    }
    if (g_ttm && dbl && ttm_peer_compiled()) Ad = peer_prepare(&F, n, rows, nr);
    if (o->reference && !g_ttm) run_reference(o->reference, &F, rows, nr);
    systec_tns_free(&F); /* not needed while timing */

    for (int q = 0; q < nr; q++) {
        if (rows[q].status == ST_SKIPPED) continue;
        tkern_t k;
        memset(&k, 0, sizeof k);
        k.dbl = dbl;
        k.n = n;
        k.R = rows[q].R;
        k.A = A;
        k.F = C;
        k.B = Bk[q];
        k.Ad = rows[q].peer_status == ST_OK ? Ad : NULL;
        run_rank(&k, o, ref[q], bound[q], sel[q], nsel[q], &rows[q]);
    }

done:
    systec_tns_free(&T);
    systec_tns_free(&F);
    systec_symten_free(&A);
    systec_csften_free(&C);
    free(Ad);
    for (int q = 0; q < MAX_RANKS; q++) {
        free(Bd[q]);
        free(Bk[q]);
        free(ref[q]);
        free(bound[q]);
        free(sel[q]);
        free(slot[q]);
    }
}

/* ------------------------------------------------------------- output */
static const char *status_word(int s)
{
    return s == ST_OK           ? "ok"
           : s == ST_CHECK_FAIL ? "FAIL"
           : s == ST_SKIPPED    ? "skipped"
                                : "ERROR";
}

/* an int64 count, or "-" when unknown */
static const char *fmt_count(char *buf, size_t size, int64_t v)
{
    if (v < 0)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%lld", (long long)v);
    return buf;
}

static int timed(const trow_t *r) { return r->status == ST_OK || r->status == ST_CHECK_FAIL; }

/* ns per entry: t per call over the entries it reads */
static double ns_per(double t, int64_t entries)
{
    return entries > 0 ? 1e9 * t / (double)entries : NAN;
}

/* the paper configuration of this row (index into paper[]), or -1 */
static int paper_index(const trow_t *r)
{
    if (r->in->kind != IN_PAPER) return -1;
    for (int p = 0; p < NPAPER; p++)
        if (paper[p].order == r->in->cfg.order) return p;
    return -1;
}

/* MTTKRP's table and summary: per order, the paper's configurations. */
static void report_mttkrp(const trow_t *rows, int nrows, const tensor_opts_t *o, const char *prec)
{
    /* ---- table */
    int wname = 5;
    for (int i = 0; i < nrows; i++) {
        int l = (int)strlen(rows[i].in->name);
        if (l > wname) wname = l;
    }
    printf("%-*s %5s %6s %5s %11s %11s %10s %11s %10s %10s %-20s %13s %13s %s\n", wname, "input",
           "order", "n", "R", "nnz(canon)", "nnz(full)", "create s", "expand+csf", "t_sym ms",
           "t_base ms", "speedup [min-max]", "ns/full(base)", "ns/canon(sym)", "check");
    for (int i = 0; i < nrows; i++) {
        const trow_t *r = &rows[i];
        char a[32], b[32], c[32], d[32], e[32], f[32], g[32], h[32], sp[48];
        snprintf(a, sizeof a, r->order > 0 ? "%d" : "-", r->order);
        fmt_count(b, sizeof b, r->n);
        fmt_count(c, sizeof c, r->nnz);
        fmt_count(d, sizeof d, r->full_nnz);
        fmt_ms(e, sizeof e, r->create_s);
        fmt_ms(f, sizeof f, r->expand_s + r->csf_s);
        if (timed(r)) {
            char ts[32], tb[32];
            snprintf(sp, sizeof sp, "%.2f [%.2f-%.2f]", r->sp_med, r->sp_min, r->sp_max);
            printf("%-*s %5s %6s %5lld %11s %11s %10s %11s %10s %10s %-20s %13s %13s %s\n",
                   wname, r->in->name, a, b, (long long)r->R, c, d, e, f,
                   fmt_ms(ts, sizeof ts, 1e3 * r->t_sym), fmt_ms(tb, sizeof tb, 1e3 * r->t_base),
                   sp, fmt_ms(g, sizeof g, ns_per(r->t_base, r->full_nnz)),
                   fmt_ms(h, sizeof h, ns_per(r->t_sym, r->nnz)), status_word(r->status));
        } else {
            printf("%-*s %5s %6s %5lld %11s %11s %10s %11s %10s %10s %-20s %13s %13s %s\n",
                   wname, r->in->name, a, b, (long long)r->R, c, d, e, f, "-", "-", "-", "-",
                   "-", status_word(r->status));
        }
    }

    /* ---- summary: geomean per order, files and synthetic also apart */
    printf("\ngeomean speedup t_base/t_sym (%s), per order, over the runs that passed:\n", prec);
    int any = 0;
    for (int ord = 1; ord <= SYSTEC_MAX_ORDER; ord++) {
        double l[3] = {0, 0, 0}; /* all, files, synthetic */
        int cnt[3] = {0, 0, 0};
        for (int i = 0; i < nrows; i++) {
            const trow_t *r = &rows[i];
            if (r->status != ST_OK || r->order != ord) continue;
            int s = r->in->kind == IN_FILE ? 1 : 2;
            l[0] += log(r->sp_med);
            l[s] += log(r->sp_med);
            cnt[0]++;
            cnt[s]++;
        }
        if (!cnt[0]) continue;
        any = 1;
        printf("  order %d: %.3f over %d run%s", ord, exp(l[0] / cnt[0]), cnt[0],
               cnt[0] == 1 ? "" : "s");
        if (cnt[1] && cnt[2])
            printf(" (files %.3f over %d; synthetic %.3f over %d)", exp(l[1] / cnt[1]), cnt[1],
                   exp(l[2] / cnt[2]), cnt[2]);
        else
            printf(" (%s)", cnt[1] ? "files" : "synthetic");
        printf("\n");
    }
    if (!any) printf("  - (none passed)\n");
    if (o->synthetic) {
        printf("the SySTeC paper's configurations, ours (libsystec's symmetric kernel over its "
               "CSF baseline, this machine) beside the paper's (SySTeC over naive Finch on the "
               "full tensor, serial, Xeon E5-2680 v3; Patel, Ahrens, Amarasinghe, CGO 2025, "
               "section 6.3), geomean (min-max) over sp {0.1, 1e-4} x R {10, n}, and the work "
               "ratio of symmetry alone, (order-1)!:\n");
        for (int p = 0; p < NPAPER; p++) {
            double l = 0, lo = INFINITY, hi = -INFINITY;
            int cnt = 0;
            for (int i = 0; i < nrows; i++)
                if (rows[i].status == ST_OK && paper_index(&rows[i]) == p) {
                    l += log(rows[i].sp_med);
                    lo = fmin(lo, rows[i].sp_med);
                    hi = fmax(hi, rows[i].sp_med);
                    cnt++;
                }
            int ideal = 1;
            for (int t = 2; t < paper[p].order; t++) ideal *= t;
            printf("  order %d, n=%lld: ours ", paper[p].order, (long long)paper[p].n);
            if (cnt)
                printf("%.2f (%.2f-%.2f)", exp(l / cnt), lo, hi);
            else
                printf("-");
            printf(" over %d of 4 configurations; paper %.2f (%.2f-%.2f); work ratio %d\n", cnt,
                   paper[p].geomean, paper[p].lo, paper[p].hi, ideal);
        }
    }
}

/* The paper configuration of a TTM row: *s the sparsity's index, *q the
 * rank's; 0 if the row is not one. */
static int paper_ttm_index(const trow_t *r, int *s, int *q)
{
    if (r->in->kind != IN_PAPER) return 0;
    for (*s = 0; *s < 2; (*s)++)
        for (*q = 0; *q < 2; (*q)++)
            if (r->in->cfg.sp == paper_ttm_sp[*s] && r->R == paper_ttm_rank[*q]) return 1;
    return 0;
}

/* geomean, min and max of v over the rows that passed and pass `pick` */
typedef struct geo {
    double l, lo, hi;
    int cnt;
} geo_t;

static void geo_add(geo_t *g, double v)
{
    if (!g->cnt) g->lo = INFINITY, g->hi = -INFINITY;
    g->l += log(v);
    g->lo = fmin(g->lo, v);
    g->hi = fmax(g->hi, v);
    g->cnt++;
}

static double geo_mean(const geo_t *g) { return g->cnt ? exp(g->l / g->cnt) : NAN; }

/* --reference: the hand-written program's kernels beside libsystec's, per
 * row, and per order the geomeans of the ratios (above 1: libsystec is
 * faster; the targets: the symmetric kernel within 10% of the program's
 * best symmetric one, the baseline within 10% of its full CSF). */
static void report_reference(const trow_t *rows, int nrows, const tensor_opts_t *o)
{
    printf("\nreference program side by side (%s, run in this session after each tensor's "
           "set-up, its own timing: median of >= 7 samples of >= 30 ms, 1 thread); "
           "x = t_ref / t_libsystec (above 1: libsystec is faster):\n", o->reference);
    printf("%-24s %5s %10s %12s %8s %10s %12s %8s %12s %8s %s\n", "input", "R", "t_sym ms",
           "ref sym ms", "x sym", "t_base ms", "ref csf ms", "x base", "ref coo ms", "x coo",
           "best ref sym");
    geo_t gs[SYSTEC_MAX_ORDER + 1], gb[SYSTEC_MAX_ORDER + 1], gr[SYSTEC_MAX_ORDER + 1];
    geo_t go[SYSTEC_MAX_ORDER + 1];
    memset(gs, 0, sizeof gs);
    memset(gb, 0, sizeof gb);
    memset(gr, 0, sizeof gr);
    memset(go, 0, sizeof go);
    for (int i = 0; i < nrows; i++) {
        const trow_t *r = &rows[i];
        if (r->status == ST_SKIPPED) continue;
        if (r->ref_status != ST_OK || !timed(r)) {
            printf("%-24s %5lld %s\n", r->in->name, (long long)r->R,
                   r->ref_status != ST_OK ? r->ref_note : "libsystec's kernels did not run");
            continue;
        }
        const double *t = r->ref.t;
        int best = t[REF_SYM_PFX] <= t[REF_SYM_CSF] ? REF_SYM_PFX : REF_SYM_CSF;
        double xs = t[best] / r->t_sym, xb = t[REF_FULL_CSF] / r->t_base;
        double xc = t[REF_FULL_COO] / r->t_base;
        char a[32], b[32], c[32], d[32], e[32];
        printf("%-24s %5lld %10s %12s %8.2f %10s %12s %8.2f %12s %8.2f %s\n", r->in->name,
               (long long)r->R, fmt_ms(a, sizeof a, 1e3 * r->t_sym),
               fmt_ms(b, sizeof b, 1e3 * t[best]), xs, fmt_ms(c, sizeof c, 1e3 * r->t_base),
               fmt_ms(d, sizeof d, 1e3 * t[REF_FULL_CSF]), xb,
               fmt_ms(e, sizeof e, 1e3 * t[REF_FULL_COO]), xc, ref_kernel_names[best]);
        if (r->order >= 1 && r->order <= SYSTEC_MAX_ORDER && r->status == ST_OK) {
            geo_add(&gs[r->order], xs);
            geo_add(&gb[r->order], xb);
            geo_add(&gr[r->order], t[REF_FULL_CSF] / r->t_sym);
            geo_add(&go[r->order], t[REF_FULL_CSF] / t[best]);
        }
    }
    printf("geomean per order: x sym, x base; and over the program's full CSF: libsystec's "
           "symmetric kernel, the program's best symmetric one\n");
    for (int ord = 1; ord <= SYSTEC_MAX_ORDER; ord++)
        if (gs[ord].cnt)
            printf("  order %d: x sym %.2f, x base %.2f; full_csf/t_sym %.2f, "
                   "full_csf/ref sym %.2f (%d run%s)\n", ord, geo_mean(&gs[ord]),
                   geo_mean(&gb[ord]), geo_mean(&gr[ord]), geo_mean(&go[ord]), gs[ord].cnt,
                   gs[ord].cnt == 1 ? "" : "s");
}

/* TTM's table and summary: both ratios (the kernel alone, and with the
 * expansion a user who wants both halves pays), the paper's figures. */
static void report_ttm(const trow_t *rows, int nrows, const tensor_opts_t *o, const char *prec)
{
    int wname = 5;
    for (int i = 0; i < nrows; i++) {
        int l = (int)strlen(rows[i].in->name);
        if (l > wname) wname = l;
    }
    printf("%-*s %6s %5s %11s %11s %9s %11s %10s %10s %-20s %10s %-20s %10s %s\n", wname,
           "input", "n", "R", "nnz(canon)", "nnz(full)", "create s", "expand+csf", "t_sym ms",
           "t_base ms", "speedup [min-max]", "t_exp ms", "x sym+exp [min-max]", "checked",
           "check");
    for (int i = 0; i < nrows; i++) {
        const trow_t *r = &rows[i];
        char b[32], c[32], d[32], e[32], f[32], ck[48];
        fmt_count(b, sizeof b, r->n);
        fmt_count(c, sizeof c, r->nnz);
        fmt_count(d, sizeof d, r->full_nnz);
        fmt_ms(e, sizeof e, r->create_s);
        fmt_ms(f, sizeof f, r->expand_s + r->csf_s);
        if (r->checked < 0)
            snprintf(ck, sizeof ck, "-");
        else if (r->checked == r->n)
            snprintf(ck, sizeof ck, "all");
        else
            snprintf(ck, sizeof ck, "%lld/%lld j", (long long)r->checked, (long long)r->n);
        if (timed(r)) {
            char ts[32], tb[32], tx[32], sp[48], spx[48];
            snprintf(sp, sizeof sp, "%.2f [%.2f-%.2f]", r->sp_med, r->sp_min, r->sp_max);
            snprintf(spx, sizeof spx, "%.2f [%.2f-%.2f]", r->spx_med, r->spx_min, r->spx_max);
            printf("%-*s %6s %5lld %11s %11s %9s %11s %10s %10s %-20s %10s %-20s %10s %s\n", wname,
                   r->in->name, b, (long long)r->R, c, d, e, f,
                   fmt_ms(ts, sizeof ts, 1e3 * r->t_sym), fmt_ms(tb, sizeof tb, 1e3 * r->t_base),
                   sp, fmt_ms(tx, sizeof tx, 1e3 * r->t_exp), spx, ck, status_word(r->status));
        } else {
            printf("%-*s %6s %5lld %11s %11s %9s %11s %10s %10s %-20s %10s %-20s %10s %s\n", wname,
                   r->in->name, b, (long long)r->R, c, d, e, f, "-", "-", "-", "-", "-", ck,
                   status_word(r->status));
        }
    }

    /* ---- summary: geomeans over the runs that passed, files and synthetic apart */
    geo_t g[3][2]; /* all, files, synthetic; t_base/t_sym, t_base/(t_sym+t_exp) */
    memset(g, 0, sizeof g);
    for (int i = 0; i < nrows; i++) {
        const trow_t *r = &rows[i];
        if (r->status != ST_OK) continue;
        int s = r->in->kind == IN_FILE ? 1 : 2;
        geo_add(&g[0][0], r->sp_med);
        geo_add(&g[0][1], r->spx_med);
        geo_add(&g[s][0], r->sp_med);
        geo_add(&g[s][1], r->spx_med);
    }
    printf("\ngeomean over the runs that passed (%s): t_base/t_sym ", prec);
    if (g[0][0].cnt) {
        printf("%.3f, with the expansion t_base/(t_sym+t_exp) %.3f, over %d run%s",
               geo_mean(&g[0][0]), geo_mean(&g[0][1]), g[0][0].cnt, g[0][0].cnt == 1 ? "" : "s");
        if (g[1][0].cnt && g[2][0].cnt)
            printf(" (files %.3f and %.3f over %d; synthetic %.3f and %.3f over %d)",
                   geo_mean(&g[1][0]), geo_mean(&g[1][1]), g[1][0].cnt, geo_mean(&g[2][0]),
                   geo_mean(&g[2][1]), g[2][0].cnt);
        else
            printf(" (%s)", g[1][0].cnt ? "files" : "synthetic");
        printf("\n");
    } else {
        printf("- (none passed)\n");
    }
    if (o->synthetic) {
        printf("the SySTeC paper's TTM configurations (order 3, n=%d), ours (libsystec's "
               "symmetric kernel over its CSF baseline, this machine) beside the paper's (SySTeC "
               "over naive Finch on the full tensor, serial, Xeon E5-2680 v3, the expansion not "
               "timed; Patel, Ahrens, Amarasinghe, CGO 2025, sections 6.2-6.3); symmetry alone "
               "halves the work (3 updates per orbit instead of 6):\n",
               PAPER_TTM_N);
        geo_t gs = {0}, gx = {0};
        for (int s = 0; s < 2; s++)
            for (int q = 0; q < 2; q++) {
                printf("  sp %-6g R %-4lld: ours ", paper_ttm_sp[s], (long long)paper_ttm_rank[q]);
                int found = 0;
                for (int i = 0; i < nrows; i++) {
                    int si, qi;
                    if (rows[i].status != ST_OK || !paper_ttm_index(&rows[i], &si, &qi) ||
                        si != s || qi != q)
                        continue;
                    printf("%.2f (with the expansion %.2f)", rows[i].sp_med, rows[i].spx_med);
                    geo_add(&gs, rows[i].sp_med);
                    geo_add(&gx, rows[i].spx_med);
                    found = 1;
                }
                if (!found) printf("-");
                printf("; paper %.2f\n", paper_ttm_speedup[s][q]);
            }
        printf("  geomean (min-max): ours ");
        if (gs.cnt)
            printf("%.2f (%.2f-%.2f), with the expansion %.2f (%.2f-%.2f)", geo_mean(&gs), gs.lo,
                   gs.hi, geo_mean(&gx), gx.lo, gx.hi);
        else
            printf("-");
        printf(" over %d of 4 configurations; paper %.2f (%.2f-%.2f); work ratio 2\n", gs.cnt,
               paper_ttm_geo[0], paper_ttm_geo[1], paper_ttm_geo[2]);
    }
    int nsampled = 0;
    for (int i = 0; i < nrows; i++) nsampled += timed(&rows[i]) && rows[i].checked < rows[i].n;
    if (nsampled) {
        printf("checked on a sample (a reference for every element would need more than %.0f "
               "GB; the same fixed pseudo-random j-slices in every run, all l and i):\n",
               REF_LIMIT * 1e-9);
        for (int i = 0; i < nrows; i++)
            if (timed(&rows[i]) && rows[i].checked < rows[i].n)
                printf("  %s R=%lld: checked on %lld of %lld j-slices\n", rows[i].in->name,
                       (long long)rows[i].R, (long long)rows[i].checked, (long long)rows[i].n);
    }
}

/* TTM's dense peer: a table of its runs beside the symmetric kernel, the
 * reasons it did not run, its geomean ratio. */
static void report_ttm_peer(const trow_t *rows, int nrows, const tensor_opts_t *o)
{
    if (!ttm_peer_compiled()) {
        printf("\npeer %s: not compiled in (CMake did not find OpenBLAS; Debian: "
               "libopenblas-dev)\n", TTM_PEER_NAME);
        return;
    }
    if (o->use_float) {
        printf("\npeer %s: double only, not run with --float\n", TTM_PEER_NAME);
        return;
    }
    int wname = 5, any = 0;
    for (int i = 0; i < nrows; i++) {
        if (!timed(&rows[i]) || rows[i].peer_status == PEER_NONE) continue;
        int l = (int)strlen(rows[i].in->name);
        if (l > wname) wname = l;
        any = 1;
    }
    printf("\npeer %s: the tensor densified (n^3 doubles, an (n*n)-by-n row-major matrix), "
           "C = A*B by one cblas_dgemm (n^2 x n times n x R: the full output, as the "
           "baseline's), %d thread%s (--threads; OpenBLAS reports %d); timed in the same rounds, "
           "x = median [min-max] over rounds of t_peer/t_sym (above 1: libsystec's symmetric "
           "kernel is faster); set-up = the densification, not in the time; checked like the "
           "kernels:\n",
           TTM_PEER_NAME, o->threads, o->threads == 1 ? "" : "s", ttm_peer_threads());
    if (!any) {
        printf("  - (no run was timed)\n");
        return;
    }
    printf("%-*s %5s %10s %11s %-22s %12s %6s %s\n", wname, "input", "R", "t_sym ms", "dgemm ms",
           "x dgemm [min-max]", "set-up ms", "calls", "check");
    geo_t g = {0}, gp = {0};
    for (int i = 0; i < nrows; i++) {
        const trow_t *r = &rows[i];
        if (!timed(r) || r->peer_status == PEER_NONE) continue;
        char ts[32], tp[32], su[32], x[64];
        fmt_ms(ts, sizeof ts, 1e3 * r->t_sym);
        if (r->peer_status == ST_OK || r->peer_status == ST_CHECK_FAIL) {
            fmt_ms(tp, sizeof tp, 1e3 * r->t_peer);
            fmt_ms(su, sizeof su, 1e3 * r->peer_setup_s);
            snprintf(x, sizeof x, "%.2f [%.2f-%.2f]", r->pr_med, r->pr_min, r->pr_max);
            printf("%-*s %5lld %10s %11s %-22s %12s %6ld %s\n", wname, r->in->name,
                   (long long)r->R, ts, tp, x, su, r->peer_inner, status_word(r->peer_status));
            int s, q;
            if (r->peer_status == ST_OK && r->status == ST_OK) {
                geo_add(&g, r->pr_med);
                if (paper_ttm_index(r, &s, &q)) geo_add(&gp, r->pr_med);
            }
        } else {
            printf("%-*s %5lld %10s %11s %-22s %12s %6s %s\n", wname, r->in->name,
                   (long long)r->R, ts, "-", "-", "-", "-", status_word(r->peer_status));
        }
    }
    printf("geomean t_peer/t_sym over the runs where both passed: ");
    if (g.cnt)
        printf("%.3f (%.2f-%.2f) over %d run%s", geo_mean(&g), g.lo, g.hi, g.cnt,
               g.cnt == 1 ? "" : "s");
    else
        printf("-");
    if (o->synthetic) {
        printf("; the paper's configurations: ");
        if (gp.cnt)
            printf("%.3f (%.2f-%.2f) over %d of 4", geo_mean(&gp), gp.lo, gp.hi, gp.cnt);
        else
            printf("- (none)");
    }
    printf("\n");
    int nnote = 0;
    for (int i = 0; i < nrows; i++) {
        const trow_t *r = &rows[i];
        if (!timed(r) || r->peer_status == PEER_NONE || r->peer_status == ST_OK) continue;
        if (!nnote++) printf("peer notes:\n");
        printf("  %s R=%lld: %s (%s)\n", r->in->name, (long long)r->R,
               status_word(r->peer_status), r->peer_note);
    }
}

/* The SySTeC paper's speedup for a row that is one of its configurations
 * (MTTKRP or TTM), else NAN. */
static double paper_speedup(const trow_t *r)
{
    if (r->in->kind != IN_PAPER) return NAN;
    int s, q;
    if (g_ttm) return paper_ttm_index(r, &s, &q) ? paper_ttm_speedup[s][q] : NAN;
    int p = paper_index(r);
    if (p < 0 || paper[p].n != r->in->cfg.n) return NAN;
    for (s = 0; s < 2; s++)
        if (r->in->cfg.sp == paper_sp[s]) {
            if (r->R == PAPER_RANK_LOW) return paper_cfg_speedup[p][s][0];
            if (r->R == paper[p].n) return paper_cfg_speedup[p][s][1];
        }
    return NAN;
}

/* The compulsory-traffic model of the CSV's gbs (bench/README.md): bytes
 * the kernel must move at least once, V bytes per value, int32 indices.
 * Symmetric: the canonical entries as a coordinate list (order indices and
 * a value each), B read once, its output (TTM: the packed half) written
 * once. Baseline: the CSF (an index per fiber node, an int64 child pointer
 * per non-leaf node, a value per leaf), B read once, its output (TTM: all
 * of it) written once. NAN when a count is unknown. */
static double traffic_sym(const trow_t *r, double V)
{
    if (r->nnz < 0 || r->n < 0 || r->order <= 0) return NAN;
    const double n = (double)r->n, R = (double)r->R;
    const double out = g_ttm ? n * (n + 1) / 2 * R : n * R;
    return (double)r->nnz * (4.0 * r->order + V) + n * R * V + out * V;
}

static double traffic_base(const trow_t *r, double V)
{
    if (r->csf_nodes < 0 || r->full_nnz < 0 || r->n < 0) return NAN;
    const double n = (double)r->n, R = (double)r->R, nodes = (double)r->csf_nodes;
    const double full = (double)r->full_nnz, out = g_ttm ? n * n * R : n * R;
    return 4.0 * nodes + 8.0 * (nodes - full) + V * full + n * R * V + out * V;
}

static double gbs(double bytes, double t) { return t > 0 ? bytes / t * 1e-9 : NAN; }

/* The long CSV (results.h): per tensor and rank, a row for libsystec's
 * symmetric kernel, its CSF baseline, for TTM the symmetric kernel plus the
 * expansion and the dense OpenBLAS peer; one libsystec row saying why for a
 * run that was not timed. */
static void write_csv(FILE *f, const trow_t *rows, int nrows, const tensor_opts_t *o,
                      const bench_machine_t *m)
{
    const double V = o->use_float ? (double)sizeof(float) : (double)sizeof(double);
    bench_csv_header(f);
    for (int i = 0; i < nrows; i++) {
        const trow_t *r = &rows[i];
        char sampled[96] = ""; /* TTM: checked on a sample of j-slices */
        if (g_ttm && r->checked >= 0 && r->checked < r->n)
            snprintf(sampled, sizeof sampled, "checked on %lld of %lld j-slices",
                     (long long)r->checked, (long long)r->n);
        bench_row_t b = bench_row_blank();
        b.kernel = o->ttm ? "ttm" : "mttkrp";
        b.input = r->in->name;
        b.origin = r->in->kind == IN_FILE ? "file" : r->in->kind == IN_PAPER ? "paper" : "synthetic";
        b.path = r->in->path;
        b.precision = o->use_float ? "float" : "double";
        b.threads = 1; /* libsystec's kernels are serial */
        b.system = "libsystec";
        b.role = ROLE_SYSTEC;
        b.order = r->order > 0 ? r->order : -1;
        b.n = r->n;
        b.nnz = r->full_nnz;
        b.param = r->R;
        b.reps = o->reps;
        b.warmup = o->warmup;
        b.check = status_word(r->status);
        b.note = r->status != ST_OK ? r->error : sampled[0] ? sampled : NULL;
        b.setup_ms = 1e3 * r->create_s;
        b.paper_speedup = paper_speedup(r);
        if (!timed(r)) { /* one row saying why */
            bench_csv_row(f, &b, m);
            continue;
        }
        b.calls_per_sample = r->inner;
        b.max_err = r->max_err;
        /* libsystec's symmetric kernel; set-up: the handle; TTM: the
         * expansion's time beside it */
        b.t_ms = 1e3 * r->t_sym, b.t_min_ms = 1e3 * r->t_sym_min, b.t_max_ms = 1e3 * r->t_sym_max;
        b.gbs = gbs(traffic_sym(r, V), r->t_sym);
        if (g_ttm) b.expand_ms = 1e3 * r->t_exp;
        bench_csv_row(f, &b, m);
        /* the CSF baseline, paired with it: ratio = t_base/t_sym, the speedup */
        b.paper_speedup = NAN;
        b.expand_ms = NAN;
        b.system = "libsystec-baseline";
        b.role = ROLE_BASELINE;
        b.t_ms = 1e3 * r->t_base, b.t_min_ms = 1e3 * r->t_base_min,
        b.t_max_ms = 1e3 * r->t_base_max;
        b.paired_with = "libsystec";
        b.ratio_med = r->sp_med, b.ratio_min = r->sp_min, b.ratio_max = r->sp_max;
        b.gbs = gbs(traffic_base(r, V), r->t_base);
        b.setup_ms = 1e3 * (r->expand_s + r->csf_s);
        bench_csv_row(f, &b, m);
        if (!g_ttm) continue;
        /* TTM: the symmetric kernel plus the expansion, t_sym + t_exp per
         * round, against the baseline: ratio = (t_sym + t_exp)/t_base */
        b.system = "libsystec+expand";
        b.role = ROLE_REFERENCE;
        b.t_ms = 1e3 * r->t_se, b.t_min_ms = 1e3 * r->t_se_min, b.t_max_ms = 1e3 * r->t_se_max;
        b.paired_with = "libsystec-baseline";
        b.ratio_med = r->rse_med, b.ratio_min = r->rse_min, b.ratio_max = r->rse_max;
        b.gbs = NAN;
        b.setup_ms = 1e3 * r->create_s;
        b.expand_ms = 1e3 * r->t_exp;
        bench_csv_row(f, &b, m);
        if (r->peer_status == PEER_NONE) continue;
        /* the dense peer, paired with libsystec: ratio = t_peer/t_sym; set-up:
         * the densification */
        const int ran = r->peer_status == ST_OK || r->peer_status == ST_CHECK_FAIL;
        b.system = TTM_PEER_NAME;
        b.role = ROLE_PEER;
        b.threads = o->threads;
        b.paired_with = "libsystec";
        b.t_ms = ran ? 1e3 * r->t_peer : NAN;
        b.t_min_ms = ran ? 1e3 * r->t_peer_min : NAN;
        b.t_max_ms = ran ? 1e3 * r->t_peer_max : NAN;
        b.ratio_med = ran ? r->pr_med : NAN;
        b.ratio_min = ran ? r->pr_min : NAN;
        b.ratio_max = ran ? r->pr_max : NAN;
        b.setup_ms = 1e3 * r->peer_setup_s;
        b.expand_ms = NAN;
        b.check = status_word(r->peer_status);
        b.max_err = ran ? r->peer_max_err : NAN;
        b.calls_per_sample = ran ? r->peer_inner : -1;
        b.note = r->peer_note[0] ? r->peer_note : ran && sampled[0] ? sampled : NULL;
        bench_csv_row(f, &b, m);
    }
}

int bench_tensors(const tensor_opts_t *o, char *const *paths, int npaths)
{
    g_ttm = o->ttm;
    tinputs_t in = {0};
    for (int p = 0; p < npaths; p++) {
        struct stat st;
        if (stat(paths[p], &st) == 0 && S_ISDIR(st.st_mode))
            add_directory(&in, paths[p], o->rank);
        else
            add_file(&in, paths[p], o->rank); /* unreadable: reported when run */
    }
    /* the paper's configurations; --quick keeps their low rank only (the
     * high ranks' dense outputs and references take most of the time) */
    const int nrank = o->quick ? 1 : 2;
    if (o->synthetic && o->ttm)
        for (int s = 0; s < 2; s++) {
            tensor_cfg_t c = {3, PAPER_TTM_N, paper_ttm_sp[s]};
            add_synthetic(&in, IN_PAPER, c, nrank, paper_ttm_rank);
        }
    else if (o->synthetic)
        for (int p = 0; p < NPAPER; p++)
            for (int s = 0; s < 2; s++) {
                tensor_cfg_t c = {paper[p].order, paper[p].n, paper_sp[s]};
                int64_t ranks[2] = {PAPER_RANK_LOW, paper[p].n};
                add_synthetic(&in, IN_PAPER, c, nrank, ranks);
            }
    for (int c = 0; c < o->ncfg; c++) add_synthetic(&in, IN_CUSTOM, o->cfg[c], 1, &o->rank);
    if (in.n == 0) {
        fprintf(stderr, "%s: no tensors: give tensor files or directories, --synthetic and/or "
                        "--tensor ORDER:N:SP (try --help)\n", prog);
        free(in.v);
        return 2;
    }
    FILE *csv = NULL;
    if (o->csv) {
        csv = fopen(o->csv, "w");
        if (!csv) {
            fprintf(stderr, "%s: cannot create CSV file %s: %s\n", prog, o->csv, strerror(errno));
            for (int i = 0; i < in.n; i++) {
                free(in.v[i].path);
                free(in.v[i].name);
                free(in.v[i].dir_error);
            }
            free(in.v);
            return 2;
        }
    }

    int nrows = 0;
    for (int i = 0; i < in.n; i++) nrows += in.v[i].nrank;
    trow_t *rows = calloc((size_t)nrows, sizeof *rows);
    if (!rows) {
        fprintf(stderr, "%s: out of memory\n", prog);
        exit(1);
    }
    int failed = 0;
    for (int i = 0, w = 0; i < in.n; w += in.v[i].nrank, i++) {
        const tinput_t *t = &in.v[i];
        fprintf(stderr, "[%d/%d] %s%s, R =", i + 1, in.n, t->name,
                t->kind == IN_FILE ? "" : " (synthetic)");
        for (int q = 0; q < t->nrank; q++) fprintf(stderr, " %lld", (long long)t->rank[q]);
        fprintf(stderr, " ...\n");
        fflush(stderr);
        run_tensor(t, o, &rows[w]);
        for (int q = 0; q < t->nrank; q++) {
            const trow_t *r = &rows[w + q];
            if (r->status == ST_SKIPPED && (q == 0 || strcmp(r->error, rows[w].error) != 0))
                fprintf(stderr, "%s: %s R=%lld: skipped (%s)\n", prog, t->name,
                        (long long)r->R, r->error);
            if (r->status != ST_OK && r->status != ST_SKIPPED) {
                failed = 1;
                fprintf(stderr, "%s: %s R=%lld: %s%s\n", prog, t->name, (long long)r->R,
                        r->status == ST_CHECK_FAIL ? "FAILURE: " : "", r->error);
            }
            if (r->peer_status == ST_CHECK_FAIL || r->peer_status == ST_KERNEL_ERROR) {
                failed = 1; /* a wrong or missing peer result is a failure too */
                fprintf(stderr, "%s: %s R=%lld: %s%s: %s\n", prog, t->name, (long long)r->R,
                        r->peer_status == ST_CHECK_FAIL ? "FAILURE: " : "", TTM_PEER_NAME,
                        r->peer_note);
            }
        }
    }

    /* ---- header */
    char cpu[256], thp[64], policy[512];
    read_cpu_model(cpu, sizeof cpu);
    read_thp_mode(thp, sizeof thp);
    long long anon = -1;
    for (int i = 0; i < nrows; i++)
        if (rows[i].anon_huge_kb > anon) anon = rows[i].anon_huge_kb;
    page_policy_line(policy, sizeof policy, thp, anon, anon_system_wide);
    const char *prec = o->use_float ? "float" : "double", *tp = o->use_float ? "s" : "d";
    if (o->ttm)
        printf("systec-bench: TTM (C[j,l,i] = sum_k A[j,l,k] B[k,i], symmetric order-3 A), "
               "symmetric kernel (systec_%sttm on the canonical handle, the half j <= l packed) "
               "vs non-symmetric baseline (systec_%sttm_csf on the full tensor in CSF, all of "
               "the n-by-n-by-R output); the expansion of the packed result "
               "(systec_%sttm_expand) is timed apart\n",
               tp, tp, tp);
    else
        printf("systec-bench: MTTKRP (C[i,r] = sum A[i,k,..] B[k,r] .., symmetric A, the same B "
               "in every mode), symmetric kernel (systec_%smttkrp on the canonical handle) vs "
               "non-symmetric baseline (systec_%smttkrp_csf on the full tensor in CSF)\n",
               tp, tp);
    printf("library: libsystec %s (bench built against header %d.%d.%d)\n",
           systec_version_string(), SYSTEC_VERSION_MAJOR, SYSTEC_VERSION_MINOR,
           SYSTEC_VERSION_PATCH);
    printf("precision: %s values, int32 coordinates; threads: 1 (the kernels are serial)\n", prec);
    if (o->ttm && !o->use_float) {
        if (ttm_peer_compiled())
            printf("peer: %s (%s), %d thread%s (--threads)\n", TTM_PEER_NAME,
                   ttm_peer_library(), o->threads, o->threads == 1 ? "" : "s");
        else
            printf("peer: %s not compiled in (OpenBLAS not found)\n", TTM_PEER_NAME);
    }
    printf("cpu: %s\n", cpu);
    printf("compiler: %s (systec-bench)\n", compiler_string());
    if (o->machine && isfinite(o->machine->stream_gbs))
        printf("STREAM triad: %.1f GB/s with %d thread%s (the roof for the CSV's gbs)\n",
               o->machine->stream_gbs, o->machine->stream_threads,
               o->machine->stream_threads == 1 ? "" : "s");
    printf("page policy: %s\n", policy);
    printf("timing: %d timed round%s after %d warm-up round%s%s, CLOCK_MONOTONIC, samples of about "
           "1 ms, per-call medians; speedup = median [min-max] over rounds of t_base/t_sym%s\n",
           o->reps, o->reps == 1 ? "" : "s", o->warmup, o->warmup == 1 ? "" : "s",
           o->quick ? " (--quick)" : "",
           o->ttm ? "; x sym+exp = the same of t_base/(t_sym+t_exp), the three timed in the "
                    "same rounds"
                  : "");
    printf("data: B n-by-R row-major, uniform in [0.5, 1.5), fixed seed; synthetic tensors from "
           "systec_tns_random_symmetric (values in (0, 1], fixed seed); files read as canonical "
           "lists; create and expand+csf are one cold call each, per tensor (repeated on its "
           "rows), not in the kernel times\n");
    printf("\n");

    if (o->ttm) {
        report_ttm(rows, nrows, o, prec);
        report_ttm_peer(rows, nrows, o);
    } else {
        report_mttkrp(rows, nrows, o, prec);
        if (o->reference) report_reference(rows, nrows, o);
    }
    int nfail = 0, nskip = 0, npfail = 0;
    for (int i = 0; i < nrows; i++) {
        nfail += rows[i].status != ST_OK && rows[i].status != ST_SKIPPED;
        nskip += rows[i].status == ST_SKIPPED;
        npfail += rows[i].peer_status == ST_CHECK_FAIL || rows[i].peer_status == ST_KERNEL_ERROR;
    }
    if (nskip) {
        printf("%d of %d runs skipped:\n", nskip, nrows);
        for (int i = 0; i < nrows; i++)
            if (rows[i].status == ST_SKIPPED)
                printf("  %s R=%lld: skipped (%s)\n", rows[i].in->name, (long long)rows[i].R,
                       rows[i].error);
    }
    if (nfail) {
        printf("%d of %d runs FAILED (excluded from the geomeans):\n", nfail, nrows);
        for (int i = 0; i < nrows; i++)
            if (rows[i].status != ST_OK && rows[i].status != ST_SKIPPED)
                printf("  %s R=%lld: %s\n", rows[i].in->name, (long long)rows[i].R,
                       rows[i].error);
    }
    if (npfail) { /* the peer wrong or not run: a failure (exit 1), libsystec's rows stand */
        printf("%d of %d %s runs FAILED (excluded from its geomean):\n", npfail, nrows,
               TTM_PEER_NAME);
        for (int i = 0; i < nrows; i++)
            if (rows[i].peer_status == ST_CHECK_FAIL || rows[i].peer_status == ST_KERNEL_ERROR)
                printf("  %s R=%lld: %s: %s\n", rows[i].in->name, (long long)rows[i].R,
                       status_word(rows[i].peer_status), rows[i].peer_note);
    }
    fflush(stdout);

    /* ---- CSV */
    int rc = failed ? 1 : 0;
    if (csv) {
        /* the run's machine facts, with this run's page policy and peer */
        bench_machine_t m;
        if (o->machine) {
            m = *o->machine;
        } else {
            memset(&m, 0, sizeof m);
            snprintf(m.cpu, sizeof m.cpu, "%s", cpu);
            m.cores = -1;
            m.compiler = compiler_string();
            m.library = systec_version_string();
            snprintf(m.thp, sizeof m.thp, "%s", thp);
            m.stream_gbs = NAN;
            m.stream_threads = -1;
        }
        m.anon_huge_kb = anon;
        snprintf(m.policy, sizeof m.policy, "%s", policy);
        if (o->ttm && !o->use_float) {
            if (ttm_peer_compiled())
                snprintf(m.peers, sizeof m.peers, "%s (%s)", ttm_peer_library(),
                         TTM_PEER_NAME);
            else
                snprintf(m.peers, sizeof m.peers, "OpenBLAS not found (install libopenblas-dev)");
        }
        write_csv(csv, rows, nrows, o, &m);
        int werr = ferror(csv);
        if (fclose(csv) != 0) werr = 1;
        if (werr) {
            fprintf(stderr, "%s: error writing CSV file %s\n", prog, o->csv);
            rc = 1;
        }
    }

    for (int i = 0; i < in.n; i++) {
        free(in.v[i].path);
        free(in.v[i].name);
        free(in.v[i].dir_error);
    }
    free(in.v);
    free(rows);
    return rc;
}
