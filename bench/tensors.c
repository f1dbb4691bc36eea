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
 * output expansion (systec_dttm_expand), timed in the same rounds. Uses only
 * the public API. See bench/README.md.
 */
#include "tensors.h"

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
    double sp_med, sp_min, sp_max, sp_p25, sp_p75;
    /* TTM: the output expansion's median time, and the paired ratio
     * t_base / (t_sym + t_exp) of each round */
    double t_exp;
    double spx_med, spx_min, spx_max, spx_p25, spx_p75;
    int64_t checked; /* TTM: j-slices of the output checked (n: all), -1 unknown */
    long inner;
    double max_err; /* max |difference| / bound over the three comparisons */
    int64_t nbad;
    long long anon_huge_kb;
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
    systec_status_t err; /* first non-success status seen from a kernel */
    int err_which;       /* which kernel returned it */
    char err_detail[256];
} tkern_t;

enum { K_SYM = 0, K_BASE = 1, K_EXP = 2 }; /* K_EXP: TTM's systec_dttm_expand */

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
static long calibrate(tkern_t *k)
{
    long inner = 1;
    for (;;) {
        double ts = sample(k, K_SYM, inner) * (double)inner;
        double tb = sample(k, K_BASE, inner) * (double)inner;
        double t = ts < tb ? ts : tb;
        if (k->err != SYSTEC_SUCCESS) break; /* reported by the caller */
        if (t >= MIN_SAMPLE_S || inner >= MAX_INNER) break;
        if (t >= MIN_SAMPLE_S / 10) {
            inner = (long)ceil((double)inner * 1.1 * MIN_SAMPLE_S / t);
            break;
        }
        inner *= 8;
    }
    return inner > MAX_INNER ? MAX_INNER : inner;
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

/* One rank of one tensor: calibrate, warm up, timed rounds (the kernel that
 * goes first rotates), then check the last results against the reference.
 * MTTKRP: ref and bound are n-by-R. TTM: they hold the nsel j-slices sel[]
 * of the full output, n-by-R each, against which the baseline's full result
 * and the expansion of the symmetric one are checked. */
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
    }
    long inner = calibrate(k);
    row->inner = inner;
    const int R = o->reps, nk = g_ttm ? 3 : 2;
    double *ts = xmalloc(sizeof *ts * (size_t)R), *tb = xmalloc(sizeof *tb * (size_t)R);
    double *tx = xmalloc(sizeof *tx * (size_t)R);
    double *rat = xmalloc(sizeof *rat * (size_t)R), *ratx = xmalloc(sizeof *ratx * (size_t)R);
    /* The first round runs the symmetric kernel first, so every expansion
     * reads a finished symmetric result (all calls write the same values). */
    for (int r = -o->warmup; r < R && k->err == SYSTEC_SUCCESS; r++) {
        double t[3];
        int first = (r + o->warmup) % nk;
        for (int q = 0; q < nk; q++) {
            int which = (first + q) % nk;
            t[which] = sample(k, which, inner);
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
            }
        }
    }
    if (k->err != SYSTEC_SUCCESS) {
        row->status = ST_KERNEL_ERROR;
        snprintf(row->error, sizeof row->error, "%s returned %s: %s",
                 kern_name(k->dbl, k->err_which), systec_strerror(k->err), k->err_detail);
        goto done;
    }
    row->t_sym = quantile(ts, R, 0.5);
    row->t_base = quantile(tb, R, 0.5);
    row->sp_med = quantile(rat, R, 0.5);
    row->sp_min = quantile(rat, R, 0.0);
    row->sp_max = quantile(rat, R, 1.0);
    row->sp_p25 = quantile(rat, R, 0.25);
    row->sp_p75 = quantile(rat, R, 0.75);
    if (g_ttm) {
        row->t_exp = quantile(tx, R, 0.5);
        row->spx_med = quantile(ratx, R, 0.5);
        row->spx_min = quantile(ratx, R, 0.0);
        row->spx_max = quantile(ratx, R, 1.0);
        row->spx_p25 = quantile(ratx, R, 0.25);
        row->spx_p75 = quantile(ratx, R, 0.75);
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
done:
    free(ts);
    free(tb);
    free(tx);
    free(rat);
    free(ratx);
    free(k->Cs);
    free(k->Cb);
    free(k->Cx);
    k->Cs = k->Cb = k->Cx = NULL;
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
        run_rank(&k, o, ref[q], bound[q], sel[q], nsel[q], &rows[q]);
    }

done:
    systec_tns_free(&T);
    systec_tns_free(&F);
    systec_symten_free(&A);
    systec_csften_free(&C);
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

static void csv_num(FILE *f, const char *fmt, double v, int known)
{
    if (known && isfinite(v)) fprintf(f, fmt, v);
    fputc(',', f);
}

static void write_csv(FILE *f, const trow_t *rows, int nrows, const tensor_opts_t *o,
                      const char *prec, const char *cpu, const char *thp, const char *policy)
{
    fprintf(f, "op,input,origin,paper_config,path,precision,order,n,rank,sparsity,nnz_canonical,"
               "nnz_full,csf_nodes,t_sym_ms,t_base_ms,speedup_median,speedup_min,speedup_max,"
               "speedup_p25,speedup_p75,%sns_per_full_nnz_base,ns_per_canonical_nnz_sym,load_s,"
               "create_s,expand_csf_s,expand_s,csf_s,calls_per_sample,reps,warmup,check,%s"
               "max_err_rel_bound,threads,cpu,compiler,library_version,thp_mode,anon_huge_kb,"
               "page_policy,error\n",
            o->ttm ? "t_expand_ms,sym_expand_speedup_median,sym_expand_speedup_min,"
                     "sym_expand_speedup_max,sym_expand_speedup_p25,sym_expand_speedup_p75,"
                   : "",
            o->ttm ? "checked_j_slices," : "");
    for (int i = 0; i < nrows; i++) {
        const trow_t *r = &rows[i];
        const int t = timed(r);
        fprintf(f, "%s,", o->ttm ? "ttm" : "mttkrp");
        csv_field(f, r->in->name);
        fprintf(f, ",%s,%d,", r->in->kind == IN_FILE ? "file" : "synthetic",
                r->in->kind == IN_PAPER);
        csv_field(f, r->in->path ? r->in->path : "");
        fprintf(f, ",%s,", prec);
        csv_num(f, "%.0f", r->order, r->order > 0);
        csv_num(f, "%.0f", (double)r->n, r->n >= 0);
        fprintf(f, "%lld,", (long long)r->R);
        csv_num(f, "%g", r->in->cfg.sp, r->in->kind != IN_FILE);
        csv_num(f, "%.0f", (double)r->nnz, r->nnz >= 0);
        csv_num(f, "%.0f", (double)r->full_nnz, r->full_nnz >= 0);
        csv_num(f, "%.0f", (double)r->csf_nodes, r->csf_nodes >= 0);
        csv_num(f, "%.9g", 1e3 * r->t_sym, t);
        csv_num(f, "%.9g", 1e3 * r->t_base, t);
        csv_num(f, "%.6g", r->sp_med, t);
        csv_num(f, "%.6g", r->sp_min, t);
        csv_num(f, "%.6g", r->sp_max, t);
        csv_num(f, "%.6g", r->sp_p25, t);
        csv_num(f, "%.6g", r->sp_p75, t);
        if (o->ttm) {
            csv_num(f, "%.9g", 1e3 * r->t_exp, t);
            csv_num(f, "%.6g", r->spx_med, t);
            csv_num(f, "%.6g", r->spx_min, t);
            csv_num(f, "%.6g", r->spx_max, t);
            csv_num(f, "%.6g", r->spx_p25, t);
            csv_num(f, "%.6g", r->spx_p75, t);
        }
        csv_num(f, "%.6g", ns_per(r->t_base, r->full_nnz), t);
        csv_num(f, "%.6g", ns_per(r->t_sym, r->nnz), t);
        csv_num(f, "%.6g", r->load_s, 1);
        csv_num(f, "%.6g", r->create_s, 1);
        csv_num(f, "%.6g", r->expand_s + r->csf_s, 1);
        csv_num(f, "%.6g", r->expand_s, 1);
        csv_num(f, "%.6g", r->csf_s, 1);
        csv_num(f, "%.0f", (double)r->inner, r->inner > 0);
        fprintf(f, "%d,%d,%s,", o->reps, o->warmup, status_word(r->status));
        if (o->ttm) csv_num(f, "%.0f", (double)r->checked, r->checked >= 0);
        csv_num(f, "%.3g", r->max_err, t);
        fprintf(f, "1,");
        csv_field(f, cpu);
        fputc(',', f);
        csv_field(f, compiler_string());
        fputc(',', f);
        csv_field(f, systec_version_string());
        fprintf(f, ",%s,", thp);
        if (r->anon_huge_kb >= 0) fprintf(f, "%lld", r->anon_huge_kb);
        fputc(',', f);
        csv_field(f, policy);
        fputc(',', f);
        csv_field(f, r->status == ST_OK ? "" : r->error);
        fputc('\n', f);
    }
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
    if (o->synthetic && o->ttm)
        for (int s = 0; s < 2; s++) {
            tensor_cfg_t c = {3, PAPER_TTM_N, paper_ttm_sp[s]};
            add_synthetic(&in, IN_PAPER, c, 2, paper_ttm_rank);
        }
    else if (o->synthetic)
        for (int p = 0; p < NPAPER; p++)
            for (int s = 0; s < 2; s++) {
                tensor_cfg_t c = {paper[p].order, paper[p].n, paper_sp[s]};
                int64_t ranks[2] = {PAPER_RANK_LOW, paper[p].n};
                add_synthetic(&in, IN_PAPER, c, 2, ranks);
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
    printf("cpu: %s\n", cpu);
    printf("compiler: %s (systec-bench)\n", compiler_string());
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

    if (o->ttm)
        report_ttm(rows, nrows, o, prec);
    else
        report_mttkrp(rows, nrows, o, prec);
    int nfail = 0, nskip = 0;
    for (int i = 0; i < nrows; i++) {
        nfail += rows[i].status != ST_OK && rows[i].status != ST_SKIPPED;
        nskip += rows[i].status == ST_SKIPPED;
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
    fflush(stdout);

    /* ---- CSV */
    int rc = failed ? 1 : 0;
    if (csv) {
        write_csv(csv, rows, nrows, o, prec, cpu, thp, policy);
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
