/*
 * systec-bench -- side-by-side benchmark of libsystec's symmetric matrix
 * kernels (--op symv, syprd, minplus, symm, syrk, syrk_dense) and, in
 * tensors.c, of its symmetric tensor kernels (--op mttkrp, ttm).
 *
 * For every matrix: the symmetric kernel on a handle against the
 * non-symmetric baseline generated from the same spec, serial, in one
 * process, warm, same inputs. The speedup is the median over timed rounds of
 * the paired ratio t(full)/t(sym) measured in the same round. A plain
 * full-CSR loop (plain_csr.c) and, for SSYMV and SSYRK, the peer libraries
 * (peers.c, peers_syrk.c) are timed in the same way as reference points.
 * Every result is checked against an independent reference. Uses only the
 * public API; all printing is here (the library never prints). See
 * bench/README.md.
 */
#include "systec.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "peers.h"      /* librsb, GraphBLAS, OpenBLAS: what users run instead */
#include "peers_syrk.h" /* CHOLMOD, GraphBLAS, OpenBLAS: the same for SSYRK */
#include "plain_csr.h"  /* the plain full-CSR loops, the reference most users have */
#include "paper.h"      /* --paper, and the SySTeC paper's figures beside ours */
#include "plots.h"      /* --paper, --report: PNG figures through gnuplot */
#include "results.h"    /* the CSV rows */
#include "stream.h"     /* the STREAM bandwidth, measured at start */
#include "tensors.h"    /* --op mttkrp, ttm; the timing rules and helpers shared with them */

/* The operation benchmarked (--op). */
typedef enum { OP_SYMV, OP_SYPRD, OP_MINPLUS, OP_SYMM, OP_SYRK, OP_SYRKD, OP_MTTKRP, OP_TTM } op_t;
static op_t g_op = OP_SYMV;
static int64_t g_cols = 8; /* columns of X and Y for SSYMM (--cols) */
static const char *const op_label[] = {"SSYMV", "SYPRD (x^T A x)", "min-plus SSYMV", "SSYMM",
                                       "SSYRK (C = A*A^T, numeric phase)",
                                       "SSYRK into a dense output", "MTTKRP", "TTM"};
static const char *const op_call[] = {"symv", "syprd", "symv_minplus", "symm", "syrk_numeric",
                                      "syrk_dense", "mttkrp", "ttm"};
static const char *const op_base[] = {"gemv", "geprd", "gemv_minplus", "gemm", "aat_numeric",
                                      "aat_dense", "mttkrp_csf", "ttm_csf"};
#define DENSE_OUT_MAX 4096 /* syrk_dense: the m-by-m output is allocated */
/* the synthetic sizes: smaller for SSYRK, whose products grow as (nnz/row)^2,
 * and for its dense output, which grows as m^2 */
static int stencil_side(void) { return g_op == OP_SYRK ? 40 : g_op == OP_SYRKD ? 16 : 100; }
static int64_t random_rows(void)
{
    return g_op == OP_SYRK ? 100000 : g_op == OP_SYRKD ? 4000 : 1000000;
}
/* columns of x and y: k for SSYMM, else 1 */
static int64_t cols(void) { return g_op == OP_SYMM ? g_cols : 1; }
/* output length: a vector or n-by-k block, or the scalar of x^T A x */
static int64_t out_len(int64_t n) { return g_op == OP_SYPRD ? 1 : n * cols(); }

#define DEFAULT_REPS 25
#define DEFAULT_WARMUP 3
#define QUICK_REPS 7
#define QUICK_WARMUP 1
#define QUICK_PEER_REPS 3 /* the SSYRK peers' timed rounds with --quick */
/* MIN_SAMPLE_S, MAX_INNER and the tolerances are in tensors.h (shared with --op mttkrp) */
#define X_SEED 0x5eed0001u
#define RANDOM_SEED 0x5eed0002u

const char *prog = "systec-bench";

/* ------------------------------------------------------------ utilities */
double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* splitmix64: small fixed-seed generator for x and the random matrix */
uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
/* uniform in [0, 1) */
double rng_u01(uint64_t *s) { return (double)(rng_next(s) >> 11) * 0x1.0p-53; }
/* uniform in [-1, 1) */
static double rng_sym(uint64_t *s) { return 2.0 * rng_u01(s) - 1.0; }

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        fprintf(stderr, "%s: out of memory (%zu bytes)\n", prog, size);
        exit(1);
    }
    return p;
}

char *xstrdup(const char *s)
{
    size_t l = strlen(s) + 1;
    char *p = xmalloc(l);
    memcpy(p, s, l);
    return p;
}

/* 64-byte aligned buffer (size rounded up, as C11 aligned_alloc requires) */
void *xalloc_aligned(size_t size)
{
    size_t sz = (size + 63) / 64 * 64;
    void *p = aligned_alloc(64, sz ? sz : 64);
    if (!p) {
        fprintf(stderr, "%s: out of memory (%zu bytes)\n", prog, size);
        exit(1);
    }
    return p;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* q-quantile (0..1) of v[0..k-1], linear interpolation; sorts a copy */
double quantile(const double *v, int k, double q)
{
    if (k <= 0) return NAN;
    double *s = xmalloc((size_t)k * sizeof *s);
    memcpy(s, v, (size_t)k * sizeof *s);
    qsort(s, (size_t)k, sizeof *s, cmp_double);
    double pos = q * (k - 1);
    int lo = (int)floor(pos);
    int hi = lo + 1 < k ? lo + 1 : lo;
    double r = s[lo] + (pos - lo) * (s[hi] - s[lo]);
    free(s);
    return r;
}

int has_suffix(const char *s, const char *suf)
{
    size_t ls = strlen(s), lf = strlen(suf);
    return ls >= lf && strcmp(s + ls - lf, suf) == 0;
}

/* "dir/bcsstk13.mtx.gz" -> "bcsstk13" */
static char *matrix_name(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b && b[1] ? b + 1 : path; /* "dir/" keeps the whole path */
    char *n = xstrdup(b);
    if (has_suffix(n, ".mtx.gz"))
        n[strlen(n) - 7] = '\0';
    else if (has_suffix(n, ".mtx"))
        n[strlen(n) - 4] = '\0';
    else if (has_suffix(n, ".gz"))
        n[strlen(n) - 3] = '\0';
    return n;
}

/* Formats a time in ms with about 4 significant digits, fixed notation. */
const char *fmt_ms(char *buf, size_t size, double ms)
{
    if (!(ms > 0) || !isfinite(ms)) {
        snprintf(buf, size, "-");
        return buf;
    }
    int dec = 3 - (int)floor(log10(ms));
    if (dec < 0) dec = 0;
    if (dec > 8) dec = 8;
    snprintf(buf, size, "%.*f", dec, ms);
    return buf;
}

/* ------------------------------------------------------- machine facts */
void read_cpu_model(char *out, size_t size)
{
    snprintf(out, size, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10) == 0) {
            char *c = strchr(line, ':');
            if (!c) continue;
            c++;
            while (*c == ' ' || *c == '\t') c++;
            size_t l = strlen(c);
            while (l > 0 && isspace((unsigned char)c[l - 1])) c[--l] = '\0';
            snprintf(out, size, "%s", c);
            break;
        }
    }
    fclose(f);
}

const char *compiler_string(void)
{
#if defined(__clang__) && defined(__VERSION__)
    return "clang " __VERSION__;
#elif defined(__GNUC__) && defined(__VERSION__)
    return "gcc " __VERSION__;
#elif defined(__VERSION__)
    return __VERSION__;
#else
    return "unknown";
#endif
}

/* The selected word of /sys/kernel/mm/transparent_hugepage/enabled. */
void read_thp_mode(char *out, size_t size)
{
    snprintf(out, size, "unknown");
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (!f) return;
    char line[256];
    if (fgets(line, sizeof line, f)) {
        char *a = strchr(line, '['), *b = a ? strchr(a, ']') : NULL;
        if (a && b) {
            *b = '\0';
            snprintf(out, size, "%s", a + 1);
        }
    }
    fclose(f);
}

/* AnonHugePages in kB: this process (smaps_rollup) or, if that is not
 * available, the whole system (meminfo). -1 if neither can be read. */
long long read_anon_huge_kb(int *system_wide)
{
    const char *files[2] = {"/proc/self/smaps_rollup", "/proc/meminfo"};
    for (int k = 0; k < 2; k++) {
        FILE *f = fopen(files[k], "r");
        if (!f) continue;
        char line[256];
        long long v = -1;
        while (fgets(line, sizeof line, f))
            if (sscanf(line, "AnonHugePages: %lld kB", &v) == 1) break;
        fclose(f);
        if (v >= 0) {
            *system_wide = k == 1;
            return v;
        }
    }
    return -1;
}

/* The page-policy line of the report, from the THP mode and the largest
 * AnonHugePages figure seen (-1: unknown). Neither libsystec nor the bench
 * calls madvise, so the mode alone decides unless huge pages show up. */
void page_policy_line(char *out, size_t size, const char *thp, long long anon, int system_wide)
{
    const char *claim;
    if (anon > 0)
        claim = "-> some arrays ARE on 2 MiB pages (THP), for both kernels alike";
    else if (!strcmp(thp, "always"))
        claim = "-> the kernel may use 2 MiB pages for both kernels (none seen in use)";
    else
        claim = "-> 4 KiB pages for both kernels";
    char anon_s[96];
    if (anon >= 0)
        snprintf(anon_s, sizeof anon_s, "%lld kB%s", anon,
                 system_wide ? " system-wide (/proc/meminfo)" : "");
    else
        snprintf(anon_s, sizeof anon_s, "unknown");
    snprintf(out, size,
             "THP mode [%s]; no madvise by libsystec or systec-bench %s "
             "(AnonHugePages in use: %s)",
             thp, claim, anon_s);
}

/* Machine facts for the CSV rows; the STREAM figure is filled in later. */
static void machine_facts(bench_machine_t *m)
{
    memset(m, 0, sizeof *m);
    read_cpu_model(m->cpu, sizeof m->cpu);
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    m->cores = c > 0 ? (int)c : -1;
    m->compiler = compiler_string();
    m->library = systec_version_string();
    read_thp_mode(m->thp, sizeof m->thp);
    m->anon_huge_kb = -1;
    m->stream_gbs = NAN;
    m->stream_threads = -1;
}

/* --------------------------------------------------------------- inputs */
enum { SRC_FILE, SRC_STENCIL, SRC_RANDOM };

typedef struct item {
    int kind;
    char *path; /* SRC_FILE */
    char *name;
    char *dir_error; /* set if a directory could not be listed */
} item_t;

typedef struct items {
    item_t *v;
    int n, cap;
} items_t;

static void items_push(items_t *it, int kind, const char *path, const char *name)
{
    if (it->n == it->cap) {
        it->cap = it->cap ? 2 * it->cap : 16;
        item_t *nv = realloc(it->v, (size_t)it->cap * sizeof *nv);
        if (!nv) {
            fprintf(stderr, "%s: out of memory\n", prog);
            exit(1);
        }
        it->v = nv;
    }
    item_t *e = &it->v[it->n++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->path = path ? xstrdup(path) : NULL;
    e->name = name ? xstrdup(name) : matrix_name(path);
}

/* The files directly inside dir whose names accept() takes (not hidden, not
 * directories), as full paths sorted by name, in *out (free each and the
 * array); returns how many, or -1 if dir cannot be listed (errno set). */
int list_files(const char *dir, int (*accept)(const char *name), char ***out)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    char **names = NULL;
    int nn = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *s = de->d_name;
        if (s[0] == '.' || !accept(s)) continue;
        size_t l = strlen(dir) + strlen(s) + 2;
        char *full = xmalloc(l);
        snprintf(full, l, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", s);
        struct stat st;
        if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
            free(full);
            continue;
        }
        if (nn == cap) {
            cap = cap ? 2 * cap : 32;
            char **nv = realloc(names, (size_t)cap * sizeof *nv);
            if (!nv) {
                fprintf(stderr, "%s: out of memory\n", prog);
                exit(1);
            }
            names = nv;
        }
        names[nn++] = full;
    }
    closedir(d);
    if (nn > 0) qsort(names, (size_t)nn, sizeof *names, cmp_str);
    *out = names;
    return nn;
}

static int is_matrix_file(const char *name)
{
    return has_suffix(name, ".mtx") || has_suffix(name, ".mtx.gz");
}

/* Adds every *.mtx / *.mtx.gz directly inside dir, sorted by name. */
static void add_directory(items_t *it, const char *dir)
{
    char **names = NULL;
    int nn = list_files(dir, is_matrix_file, &names);
    if (nn < 0) {
        items_push(it, SRC_FILE, dir, dir);
        char msg[512];
        snprintf(msg, sizeof msg, "cannot list directory: %s", strerror(errno));
        it->v[it->n - 1].dir_error = xstrdup(msg);
        return;
    }
    for (int k = 0; k < nn; k++) {
        items_push(it, SRC_FILE, names[k], NULL);
        free(names[k]);
    }
    free(names);
    if (nn == 0) fprintf(stderr, "%s: warning: no *.mtx or *.mtx.gz files in %s\n", prog, dir);
}

/* ------------------------------------------------- matrix source data */
/* The data the handle was built from, kept only to compute the reference
 * y_ref = A x and (|A| |x|)_i independently of the library. */
typedef struct source {
    int64_t n;
    int is_coo;
    systec_coo_t coo;                 /* file matrices */
    int32_t *rowptr, *colidx;         /* synthetic: lower CSR incl. diagonal */
    double *val;
} source_t;

static void source_free(source_t *s)
{
    if (s->is_coo) systec_coo_free(&s->coo);
    free(s->rowptr);
    free(s->colidx);
    free(s->val);
    memset(s, 0, sizeof *s);
}

/* |a - b|, and 0 when they are equal (so +inf == +inf, as in min-plus). */
static double absdiff(double a, double b) { return a == b ? 0.0 : fabs(a - b); }

/* One entry (r, j, v) of the full matrix into the reference. */
static int g_float = 0; /* --float: the reference sees A rounded as the kernels do */

static void ref_entry(int64_t r, int64_t j, double v, const double *x, double *yref, double *ax)
{
    if (g_float) v = (double)(float)v;
    if (g_op == OP_MINPLUS) {
        yref[r] = fmin(yref[r], v + x[j]);
    } else {
        int64_t kc = cols();
        for (int64_t c = 0; c < kc; c++) {
            yref[r * kc + c] += v * x[j * kc + c];
            ax[r * kc + c] += fabs(v) * fabs(x[j * kc + c]);
        }
    }
}

/* The operation's reference result in double, from the source entries:
 * y = A x (SSYMV), Y = A X (SSYMM, row-major), s = x^T A x (SYPRD, in
 * yref[0]), or y = A (min,+) x with y starting at +inf (min-plus). ax gets
 * the matching sum of |terms|, the scale of the tolerance. */
static void reference(const source_t *s, const double *x, double *yref, double *ax)
{
    int64_t n = s->n;
    for (int64_t i = 0; i < n * cols(); i++) {
        yref[i] = g_op == OP_MINPLUS ? INFINITY : 0.0;
        ax[i] = 0.0;
    }
    if (s->is_coo) {
        const systec_coo_t *c = &s->coo;
        for (int64_t k = 0; k < c->nnz; k++) {
            int64_t r = c->row[k], j = c->col[k];
            double v = c->val ? c->val[k] : 1.0;
            ref_entry(r, j, v, x, yref, ax);
            if (c->symmetric && r != j) ref_entry(j, r, v, x, yref, ax);
        }
    } else {
        for (int64_t r = 0; r < n; r++)
            for (int32_t p = s->rowptr[r]; p < s->rowptr[r + 1]; p++) {
                ref_entry(r, s->colidx[p], s->val[p], x, yref, ax);
                if (r != s->colidx[p]) ref_entry(s->colidx[p], r, s->val[p], x, yref, ax);
            }
    }
    if (g_op == OP_SYPRD) {
        double t = 0, b = 0;
        for (int64_t i = 0; i < n; i++) {
            t += x[i] * yref[i];
            b += fabs(x[i]) * ax[i];
        }
        yref[0] = t;
        ax[0] = b;
    }
}

/* 27-point stencil on a g^3 grid, natural ordering (k fastest), lower
 * triangle including the diagonal, rows sorted: 26 on the diagonal, -1 off. */
static void gen_stencil(source_t *s, int g)
{
    int64_t n = (int64_t)g * g * g;
    s->n = n;
    s->rowptr = xmalloc((size_t)(n + 1) * sizeof *s->rowptr);
    s->colidx = xmalloc((size_t)n * 14 * sizeof *s->colidx); /* <= 13 lower + diag */
    s->val = xmalloc((size_t)n * 14 * sizeof *s->val);
    int64_t w = 0;
    s->rowptr[0] = 0;
    for (int i = 0; i < g; i++)
        for (int j = 0; j < g; j++)
            for (int k = 0; k < g; k++) {
                int64_t r = ((int64_t)i * g + j) * g + k;
                /* lexicographic (di, dj, dk) gives ascending column offsets;
                 * the first 13 are below the diagonal, the 14th is it */
                for (int di = -1; di <= 1; di++)
                    for (int dj = -1; dj <= 1; dj++)
                        for (int dk = -1; dk <= 1; dk++) {
                            int64_t off = ((int64_t)di * g + dj) * g + dk;
                            if (off > 0) continue;
                            int a = i + di, b = j + dj, c = k + dk;
                            if (a < 0 || a >= g || b < 0 || b >= g || c < 0 || c >= g) continue;
                            s->colidx[w] = (int32_t)(r + off);
                            s->val[w] = off == 0 ? 26.0 : -1.0;
                            w++;
                        }
                s->rowptr[r + 1] = (int32_t)w;
            }
}

/* Grows the entry arrays of a generated lower CSR by a quarter (at least 16). */
static void grow_entries(source_t *s, size_t *cap)
{
    *cap += *cap / 4 + 16;
    int32_t *ci = realloc(s->colidx, *cap * sizeof *ci);
    double *cv = realloc(s->val, *cap * sizeof *cv);
    if (!ci || !cv) {
        fprintf(stderr, "%s: out of memory\n", prog);
        exit(1);
    }
    s->colidx = ci;
    s->val = cv;
}

/* Uniform random symmetric pattern G(n, p) with p = (per_row - 1) / (n - 1):
 * every strictly-lower (r, c) is present independently with probability p
 * (drawn by geometric skipping, so rows come out sorted and duplicate-free),
 * plus the full diagonal; about per_row entries per full row. Values are
 * uniform in [-1, 1). */
static void gen_random(source_t *s, int64_t n, double per_row, uint64_t seed)
{
    double p = (per_row - 1.0) / (double)(n - 1);
    double lq = log1p(-p);
    double expect = p * (double)n * (double)(n - 1) / 2.0;
    size_t cap = (size_t)(expect + 10.0 * sqrt(expect) + 1000.0) + (size_t)n;
    s->n = n;
    s->rowptr = xmalloc((size_t)(n + 1) * sizeof *s->rowptr);
    s->colidx = xmalloc(cap * sizeof *s->colidx);
    s->val = xmalloc(cap * sizeof *s->val);
    size_t w = 0;
    s->rowptr[0] = 0;
    for (int64_t r = 0; r < n; r++) {
        double c = -1.0;
        for (;;) {
            double u = 1.0 - rng_u01(&seed); /* (0, 1] */
            c += 1.0 + floor(log(u) / lq);
            if (c >= (double)r) break;
            if (w + 1 >= cap) grow_entries(s, &cap);
            s->colidx[w] = (int32_t)c;
            s->val[w] = rng_sym(&seed);
            w++;
        }
        if (w + 1 >= cap) grow_entries(s, &cap); /* room for the diagonal */
        s->colidx[w] = (int32_t)r;
        s->val[w] = rng_sym(&seed);
        w++;
        s->rowptr[r + 1] = (int32_t)w;
    }
}

/* --------------------------------------------------------------- timing */
typedef struct kern {
    int dbl;
    int64_t n;
    systec_symmat_t *S;
    systec_csrmat_t *G;
    void *x, *ys, *yg, *yp;
    systec_csrmat_t *U, *F; /* SSYRK: the upper and the full product of G */
    double *Cs, *Cf;        /* SSYRK into a dense output: m-by-m, symmetric and full */
    int64_t cols;       /* columns of x and y (SSYMM) */
    long inner;         /* calls per timed sample */
    int32_t *prp, *pci; /* the plain reference loop's own full CSR */
    void *pv;
    systec_status_t err; /* first non-success status seen from a kernel */
    int err_which;       /* which kernel returned err */
    char err_detail[256];
} kern_t;

/* For SSYRK, which has no plain loop, the third slot is libsystec's whole
 * call, systec_syrk (symbolic + numeric phases). */
enum { K_SYM = 0, K_FULL = 1, K_PLAIN = 2 };

/* One whole SSYRK call as a user makes it: the result handle is created
 * (symbolic phase, then numeric) and freed, as a peer library's product is. */
static systec_status_t syrk_call(const systec_csrmat_t *G)
{
    systec_csrmat_t *C = NULL;
    systec_status_t st = systec_syrk(G, &C);
    systec_csrmat_free(&C);
    return st;
}

/* Runs `inner` back-to-back calls of one kernel; returns seconds per call. */
static double sample(kern_t *k, int which, long inner)
{
    systec_status_t st = SYSTEC_SUCCESS, s;
    double t0 = now_s();
#define REPEAT(call)                                                                             \
    for (long r = 0; r < inner; r++)                                                             \
        if ((s = (call)) != SYSTEC_SUCCESS) st = s;
#define PLAIN(sfx, T)                                                                            \
    for (long r = 0; r < inner; r++) {                                                           \
        if (g_op == OP_SYMV)                                                                     \
            bench_plain_##sfx##mv(k->n, k->prp, k->pci, k->pv, k->x, k->yp);                     \
        else if (g_op == OP_SYMM)                                                                \
            bench_plain_##sfx##mm(k->n, k->cols, k->prp, k->pci, k->pv, k->x, k->yp);            \
        else if (g_op == OP_SYPRD)                                                               \
            bench_plain_##sfx##prd(k->n, k->prp, k->pci, k->pv, k->x, k->yp);                    \
        else                                                                                     \
            bench_plain_##sfx##minplus(k->n, k->prp, k->pci, k->pv, k->x, k->yp);                \
    }
#define LIB(sfx, T)                                                                              \
    {                                                                                            \
        const T *x = k->x;                                                                       \
        T *y = which == K_SYM ? k->ys : k->yg;                                                   \
        if (which == K_SYM && g_op == OP_SYMV) REPEAT(systec_##sfx##symv(k->S, 1, x, 0, y))      \
        if (which == K_SYM && g_op == OP_SYPRD) REPEAT(systec_##sfx##syprd(k->S, 1, x, 0, y))    \
        if (which == K_SYM && g_op == OP_MINPLUS) REPEAT(systec_##sfx##symv_minplus(k->S, x, y)) \
        if (which == K_SYM && g_op == OP_SYMM)                                                   \
            REPEAT(systec_##sfx##symm(k->S, k->cols, 1, x, 0, y))                                \
        if (which == K_FULL && g_op == OP_SYMM)                                                  \
            REPEAT(systec_##sfx##gemm(k->G, k->cols, 1, x, 0, y))                                \
        if (which == K_FULL && g_op == OP_SYMV) REPEAT(systec_##sfx##gemv(k->G, 1, x, 0, y))     \
        if (which == K_FULL && g_op == OP_SYPRD) REPEAT(systec_##sfx##geprd(k->G, 1, x, 0, y))   \
        if (which == K_FULL && g_op == OP_MINPLUS)                                               \
            REPEAT(systec_##sfx##gemv_minplus(k->G, x, y))                                       \
    }
    if (g_op == OP_SYRK) { /* the numeric phases, and the whole call; no plain loop */
        if (which == K_SYM) REPEAT(systec_syrk_numeric(k->G, k->U))
        if (which == K_FULL) REPEAT(systec_aat_numeric(k->G, k->F))
        if (which == K_PLAIN) REPEAT(syrk_call(k->G))
    } else if (g_op == OP_SYRKD) {
        if (which == K_SYM) REPEAT(systec_dsyrk_dense(k->G, k->Cs, k->n))
        if (which == K_FULL) REPEAT(systec_daat_dense(k->G, k->Cf, k->n))
    } else if (which == K_PLAIN && k->dbl) {
        PLAIN(d, double)
    } else if (which == K_PLAIN) {
        PLAIN(s, float)
    } else if (k->dbl) {
        LIB(d, double)
    } else {
        LIB(s, float)
    }
#undef REPEAT
#undef PLAIN
#undef LIB
    double t = now_s() - t0;
    if (st != SYSTEC_SUCCESS && k->err == SYSTEC_SUCCESS) {
        k->err = st;
        k->err_which = which;
        snprintf(k->err_detail, sizeof k->err_detail, "%s", systec_last_error());
    }
    return t / (double)inner;
}

/* Calls per sample so that the faster kernel's sample lasts >= MIN_SAMPLE_S. */
long calls_per_sample(double (*time_calls)(void *ctx, long inner), void *ctx)
{
    long inner = 1;
    for (;;) {
        double t = time_calls(ctx, inner);
        if (t < 0 || t >= MIN_SAMPLE_S || inner >= MAX_INNER) break;
        if (t >= MIN_SAMPLE_S / 10) {
            inner = (long)ceil((double)inner * 1.1 * MIN_SAMPLE_S / t);
            break;
        }
        inner *= 8;
    }
    return inner > MAX_INNER ? MAX_INNER : inner;
}

/* Seconds for `inner` calls of each kernel, the shorter of the two: both
 * make the same number of calls per sample. */
static double time_kernels(void *ctx, long inner)
{
    double ts = sample(ctx, K_SYM, inner) * (double)inner;
    double tg = sample(ctx, K_FULL, inner) * (double)inner;
    return ts < tg ? ts : tg;
}

/* Seconds for `inner` whole systec_syrk calls (the SSYRK peers' reference). */
static double time_syrk_call(void *ctx, long inner)
{
    return sample(ctx, K_PLAIN, inner) * (double)inner;
}

/* The plain reference loop's full CSR (both triangles, int32), built by the
 * bench from the source entries, independently of the library. */
static void build_plain(const source_t *s, kern_t *k)
{
    int64_t n = s->n, m = 0;
    int32_t *rp = xmalloc((size_t)(n + 2) * sizeof *rp);
    memset(rp, 0, (size_t)(n + 2) * sizeof *rp);
    /* pass 0 counts entries per row (stored in rp[r + 2]), pass 1 places them */
    for (int pass = 0; pass < 2; pass++) {
        int32_t *next = rp + 1;
#define PLACE(r, c, v)                                                                           \
    do {                                                                                         \
        if (pass == 0) {                                                                         \
            rp[(r) + 2]++;                                                                       \
        } else {                                                                                 \
            int32_t q_ = next[(r)]++;                                                            \
            k->pci[q_] = (int32_t)(c);                                                           \
            if (k->dbl)                                                                          \
                ((double *)k->pv)[q_] = (v);                                                     \
            else                                                                                 \
                ((float *)k->pv)[q_] = (float)(v);                                               \
        }                                                                                        \
    } while (0)
        if (s->is_coo) {
            const systec_coo_t *c = &s->coo;
            for (int64_t e = 0; e < c->nnz; e++) {
                double v = c->val ? c->val[e] : 1.0;
                PLACE(c->row[e], c->col[e], v);
                if (c->symmetric && c->row[e] != c->col[e]) PLACE(c->col[e], c->row[e], v);
            }
        } else {
            for (int64_t r = 0; r < n; r++)
                for (int32_t q = s->rowptr[r]; q < s->rowptr[r + 1]; q++) {
                    PLACE(r, s->colidx[q], s->val[q]);
                    if (s->colidx[q] != r) PLACE(s->colidx[q], r, s->val[q]);
                }
        }
#undef PLACE
        if (pass == 0) {
            for (int64_t r = 0; r < n; r++) rp[r + 2] += rp[r + 1];
            m = rp[n + 1];
            k->pci = xmalloc((size_t)(m > 0 ? m : 1) * sizeof *k->pci);
            k->pv = xmalloc((size_t)(m > 0 ? m : 1) * (k->dbl ? 8 : 4));
        }
    }
    k->prp = rp; /* rp[0..n] are the row pointers after pass 1 */
}

/* -------------------------------------------------------------- results */
enum { RS_OK = 0, RS_LOAD_ERROR, RS_KERNEL_ERROR, RS_CHECK_FAIL, RS_SKIPPED };

typedef struct result {
    const char *name, *origin, *path;
    int status;
    char error[768];
    int64_t n, nnz_full, nnz_strict;
    double load_ms, conv_ms, exp_ms;
    double t_sym, t_full, t_plain; /* median seconds per call */
    double tmin[3], tmax[3];       /* min, max over rounds, indexed by K_SYM, K_FULL, K_PLAIN */
    double sp_med, sp_min, sp_max, sp_p25, sp_p75;
    double pl_med, pl_min, pl_max; /* t_plain / t_sym, paired */
    /* SSYRK: systec_syrk's whole call (the third slot of the rounds), and the
     * paired ratio t_call / t_sym (whole call over numeric phase) */
    double t_call, call_med, call_min, call_max;
    double bytes_sym, bytes_full, gbs_sym, gbs_full;
    long inner;
    double max_err; /* max_i |difference| / (|A||x|)_i over the three comparisons */
    int64_t nbad;
    long long anon_huge_kb;
    /* peers (SSYMV and SSYRK in double): median time, paired ratio t_peer/t_ref,
     * set-up; t_ref is systec_dsymv's time (SSYMV) or systec_syrk's whole
     * call (SSYRK), whose median in the peers' rounds is peer_ref_t */
    int npeer;
    const char *peer_name[8];
    double peer_t[8], peer_ratio[8], peer_prep[8];
    double peer_tmin[8], peer_tmax[8], peer_rmin[8], peer_rmax[8]; /* over rounds */
    int peer_bad[8];
    int64_t peer_nbad[8]; /* SSYRK: entries that differ from the reference */
    double peer_ref_t;
    long peer_inner; /* SSYRK: calls per sample in the peers' rounds */
    char peer_err[256];
} result_t;

typedef struct options {
    int reps, warmup, synthetic, use_float, quick;
    const char *csv;
    int threads; /* --threads: the peers' (libsystec's kernels are serial) */
    int syrk_peer_reps; /* the SSYRK peers' timed rounds: --reps, or 3 with --quick */
} options_t;

static int anon_system_wide = 0;

static int g_peers = 0;      /* SSYMV: time the peer libraries too */
static int g_syrk_peers = 0; /* SSYRK: time its peer libraries too */

/* The peers on this matrix: set up from the full expansion G (and its lower
 * triangle), in the run's precision, then timed in rounds paired with
 * systec_[ds]symv, then checked against the reference like the library's
 * kernels. */
static void run_peers(const kern_t *k, const options_t *o, const double *yref, const double *ax,
                      result_t *res)
{
    const void *grp, *gci, *gv;
    systec_csrmat_data(k->G, &grp, &gci, &gv);
    const int32_t *frp = grp, *fci = gci;
    int64_t n = k->n;
    size_t vs = k->dbl ? sizeof(double) : sizeof(float);
    int32_t *lrp = xmalloc(sizeof *lrp * (size_t)(n + 1));
    int32_t *lci = xmalloc(sizeof *lci * (size_t)(frp[n] + 1));
    char *lv = xmalloc(vs * (size_t)(frp[n] + 1));
    int32_t w = 0;
    lrp[0] = 0;
    for (int64_t r = 0; r < n; r++) {
        for (int32_t p = frp[r]; p < frp[r + 1] && fci[p] <= r; p++) {
            lci[w] = fci[p];
            memcpy(lv + vs * (size_t)w++, (const char *)gv + vs * (size_t)p, vs);
        }
        lrp[r + 1] = w;
    }
    peer_matrix_t M = {n, lrp, lci, NULL, frp, fci, NULL, !k->dbl, NULL, NULL};
    if (k->dbl) {
        M.lv = (const double *)(void *)lv;
        M.fv = gv;
    } else {
        M.lvs = (const float *)(void *)lv;
        M.fvs = gv;
    }
    peer_t peers[8];
    int np = peers_prepare(&M, peers, 8, res->peer_err, sizeof res->peer_err);
    void *y = xalloc_aligned((size_t)(n > 0 ? n : 1) * vs);
    int R = o->reps;
    double *ts = xmalloc(sizeof *ts * (size_t)R * (size_t)(np + 1));
    for (int r = -o->warmup; r < R; r++)
        for (int q = 0; q <= np; q++) {
            int which = (q + r + o->warmup) % (np + 1); /* np: the library's kernel */
            double t0 = now_s();
            for (long c = 0; c < k->inner; c++) {
                if (which == np && k->dbl)
                    systec_dsymv(k->S, 1.0, k->x, 0.0, k->ys);
                else if (which == np)
                    systec_ssymv(k->S, 1.0f, k->x, 0.0f, k->ys);
                else if (k->dbl ? peers[which].run(peers[which].ctx, k->x, y)
                                : peers[which].run_s(peers[which].ctx, k->x, y))
                    res->peer_bad[which] = 1;
            }
            if (r >= 0) ts[(size_t)r * (size_t)(np + 1) + (size_t)which] = (now_s() - t0) / (double)k->inner;
        }
    double *v = xmalloc(sizeof *v * (size_t)R);
    double tol = k->dbl ? TOL_DOUBLE : TOL_FLOAT;
    for (int q = 0; q < np; q++) {
        res->peer_name[q] = peers[q].name;
        res->peer_prep[q] = peers[q].prep_ms;
        for (int r = 0; r < R; r++) v[r] = ts[(size_t)r * (size_t)(np + 1) + (size_t)q];
        res->peer_t[q] = quantile(v, R, 0.5);
        res->peer_tmin[q] = quantile(v, R, 0.0);
        res->peer_tmax[q] = quantile(v, R, 1.0);
        for (int r = 0; r < R; r++)
            v[r] = ts[(size_t)r * (size_t)(np + 1) + (size_t)q] / ts[(size_t)r * (size_t)(np + 1) + (size_t)np];
        res->peer_ratio[q] = quantile(v, R, 0.5);
        res->peer_rmin[q] = quantile(v, R, 0.0);
        res->peer_rmax[q] = quantile(v, R, 1.0);
        /* correctness of the peer's result */
        for (int64_t i = 0; i < n; i++)
            if (k->dbl)
                ((double *)y)[i] = NAN;
            else
                ((float *)y)[i] = NAN;
        if (k->dbl ? peers[q].run(peers[q].ctx, k->x, y) : peers[q].run_s(peers[q].ctx, k->x, y))
            res->peer_bad[q] = 1;
        for (int64_t i = 0; i < n && !res->peer_bad[q]; i++) {
            double yi = k->dbl ? ((double *)y)[i] : (double)((float *)y)[i];
            if (!(absdiff(yi, yref[i]) <= tol * ax[i])) res->peer_bad[q] = 1;
        }
        if (res->peer_bad[q] && res->status == RS_OK) {
            res->status = RS_CHECK_FAIL;
            snprintf(res->error, sizeof res->error, "peer %s: wrong result", peers[q].name);
        }
    }
    res->npeer = np;
    peers_release(peers, np);
    free(v);
    free(ts);
    free(y);
    free(lrp);
    free(lci);
    free(lv);
}

/* SSYRK into a dense output: the upper triangle written by systec_dsyrk_dense
 * against the same part written by systec_daat_dense, within
 * tol * (|A||A|^T)[i,j] from systec_daat_dense on |A|. */
static void syrk_dense_check(const kern_t *k, result_t *res)
{
    const void *arp, *aci, *av;
    int64_t m = k->n, an, annz;
    systec_csrmat_info(k->G, NULL, &an, &annz, NULL, NULL);
    systec_csrmat_data(k->G, &arp, &aci, &av);
    double *absv = xmalloc(sizeof(double) * (size_t)(annz + 1));
    for (int64_t q = 0; q < annz; q++) absv[q] = fabs(((const double *)av)[q]);
    systec_csrmat_t *Aabs = NULL;
    double *B = xmalloc(sizeof(double) * (size_t)(m * m + 1));
    systec_status_t st =
        systec_csrmat_create_csr(&Aabs, SYSTEC_DOUBLE, SYSTEC_INT32, m, an, arp, aci, absv);
    if (!st) st = systec_daat_dense(Aabs, B, m);
    int64_t nbad = 0, first = -1;
    double maxe = 0;
    for (int64_t i = 0; i < m && !st; i++)
        for (int64_t j = i; j < m; j++) {
            double d = fabs(k->Cs[i * m + j] - k->Cf[i * m + j]), b = B[i * m + j];
            if (!(d <= TOL_DOUBLE * b)) {
                if (first < 0) first = i;
                nbad++;
            }
            if (b > 0 && d / b > maxe) maxe = d / b;
        }
    if (st) {
        res->status = RS_KERNEL_ERROR;
        snprintf(res->error, sizeof res->error, "bound |A||A|^T: %s", systec_last_error());
    } else if (nbad) {
        res->status = RS_CHECK_FAIL;
        snprintf(res->error, sizeof res->error,
                 "dense upper and full products disagree in %lld entries; first row %lld",
                 (long long)nbad, (long long)first);
    }
    res->max_err = maxe;
    res->nbad = nbad;
    free(absv);
    free(B);
    systec_csrmat_free(&Aabs);
}

/* SSYRK: the upper product U against the full product F of the same A, entry
 * by entry (U's row i must be F's row i from column i on), within
 * tol * (|A||A|^T)[i,j], the bound computed by systec_aat on |A|. */
static void syrk_check(const kern_t *k, result_t *res)
{
    const void *frp, *fci, *fv, *urp, *uci, *uv, *arp, *aci, *av;
    int64_t m, an, annz;
    systec_csrmat_info(k->G, &m, &an, &annz, NULL, NULL);
    systec_csrmat_data(k->F, &frp, &fci, &fv);
    systec_csrmat_data(k->U, &urp, &uci, &uv);
    systec_csrmat_data(k->G, &arp, &aci, &av);
    /* |A| and its product */
    size_t vs = k->dbl ? 8 : 4;
    void *absv = xmalloc((size_t)(annz > 0 ? annz : 1) * vs);
    for (int64_t q = 0; q < annz; q++) {
        if (k->dbl)
            ((double *)absv)[q] = fabs(((const double *)av)[q]);
        else
            ((float *)absv)[q] = fabsf(((const float *)av)[q]);
    }
    systec_csrmat_t *Aabs = NULL, *B = NULL;
    systec_status_t st = systec_csrmat_create_csr(&Aabs, k->dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT,
                                                  SYSTEC_INT32, m, an, arp, aci, absv);
    if (!st) st = systec_aat(Aabs, &B);
    free(absv);
    if (st) {
        res->status = RS_KERNEL_ERROR;
        snprintf(res->error, sizeof res->error, "bound |A||A|^T: %s", systec_last_error());
        systec_csrmat_free(&Aabs);
        return;
    }
    const void *bv;
    systec_csrmat_data(B, NULL, NULL, &bv);
    double tol = k->dbl ? TOL_DOUBLE : TOL_FLOAT, maxe = 0;
    int64_t nbad = 0, first = -1;
#define I32(a, q) ((int64_t)((const int32_t *)(a))[q])
#define VAL(a, q) (k->dbl ? ((const double *)(a))[q] : (double)((const float *)(a))[q])
    for (int64_t i = 0; i < m; i++) {
        int64_t f = I32(frp, i), fe = I32(frp, i + 1);
        while (f < fe && I32(fci, f) < i) f++; /* F's row from the diagonal on */
        int64_t u = I32(urp, i), ue = I32(urp, i + 1);
        if (ue - u != fe - f) {
            if (first < 0) first = i;
            nbad++;
            continue;
        }
        for (; u < ue; u++, f++) {
            double d = fabs(VAL(uv, u) - VAL(fv, f)), bound = VAL(bv, f);
            if (I32(uci, u) != I32(fci, f) || !(d <= tol * bound)) {
                if (first < 0) first = i;
                nbad++;
                break;
            }
            if (bound > 0 && d / bound > maxe) maxe = d / bound;
        }
    }
#undef I32
#undef VAL
    res->max_err = maxe;
    res->nbad = nbad;
    if (nbad) {
        res->status = RS_CHECK_FAIL;
        snprintf(res->error, sizeof res->error,
                 "upper and full products disagree in %lld of %lld rows; first row %lld",
                 (long long)nbad, (long long)m, (long long)first);
    }
    systec_csrmat_free(&B);
    systec_csrmat_free(&Aabs);
}

/* The SSYRK peers on this matrix. Each computes the whole product in every
 * call (its own symbolic and numeric work), so each is paired, round by
 * round, with libsystec's whole call, systec_syrk with the result handle
 * created and freed (syrk_call). Checked against libsystec's upper triangle
 * k->U (itself checked against the full product by syrk_check) within
 * tol * (|A||A|^T)[i,j] (TOL_DOUBLE, or TOL_FLOAT with --float); a wrong
 * result is a failure, as for SSYMV. */
static void run_syrk_peers(kern_t *k, const options_t *o, result_t *res)
{
    const void *arp, *aci, *av, *urp, *uci, *uv, *brp, *bci, *bv;
    int64_t m = 0, an = 0, annz = 0, unnz = 0, bnnz = 0;
    systec_csrmat_info(k->G, &m, &an, &annz, NULL, NULL);
    systec_csrmat_info(k->U, NULL, NULL, &unnz, NULL, NULL);
    systec_csrmat_data(k->G, &arp, &aci, &av);
    systec_csrmat_data(k->U, &urp, &uci, &uv);
    /* the bound: the upper triangle of |A||A|^T, by systec_syrk on |A|; the
     * symbolic phase does not look at values, so its pattern must be U's */
    size_t vs = k->dbl ? sizeof(double) : sizeof(float);
    char *absv = xmalloc(vs * (size_t)(annz + 1));
    for (int64_t q = 0; q < annz; q++)
        if (k->dbl)
            ((double *)(void *)absv)[q] = fabs(((const double *)av)[q]);
        else
            ((float *)(void *)absv)[q] = fabsf(((const float *)av)[q]);
    double *uvd = NULL, *bvd = NULL; /* float runs: the reference and bound in double */
    systec_csrmat_t *Aabs = NULL, *Babs = NULL;
    systec_status_t st = systec_csrmat_create_csr(&Aabs, k->dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT,
                                                  SYSTEC_INT32, m, an, arp, aci, absv);
    if (!st) st = systec_syrk(Aabs, &Babs);
    if (!st) {
        systec_csrmat_info(Babs, NULL, NULL, &bnnz, NULL, NULL);
        systec_csrmat_data(Babs, &brp, &bci, &bv);
    }
    if (st || bnnz != unnz || memcmp(brp, urp, sizeof(int32_t) * (size_t)(m + 1)) != 0 ||
        memcmp(bci, uci, sizeof(int32_t) * (size_t)unnz) != 0) {
        res->status = RS_KERNEL_ERROR;
        snprintf(res->error, sizeof res->error, "peers' bound |A||A|^T: %s",
                 st ? systec_last_error() : "its pattern differs from the product's");
        goto out;
    }
    if (!k->dbl) {
        uvd = xmalloc(sizeof *uvd * (size_t)(unnz + 1));
        bvd = xmalloc(sizeof *bvd * (size_t)(unnz + 1));
        for (int64_t q = 0; q < unnz; q++) {
            uvd[q] = ((const float *)uv)[q];
            bvd[q] = ((const float *)bv)[q];
        }
    }
    syrk_problem_t P = {m,   an,  arp, aci, k->dbl ? av : NULL, urp, uci, k->dbl ? uv : uvd,
                        k->dbl ? bv : bvd, !k->dbl, k->dbl ? NULL : av};
    syrk_peer_t peers[8];
    int np = syrk_peers_prepare(&P, peers, 8, res->peer_err, sizeof res->peer_err);

    /* calls per sample: the main rounds' rule, for the reference of these
     * rounds (the whole call); every peer makes the same number of calls */
    long inner = calls_per_sample(time_syrk_call, k);
    res->peer_inner = inner;
    const int R = o->syrk_peer_reps;
    const size_t w = (size_t)np + 1; /* slot np: systec_syrk */
    double *ts = xmalloc(sizeof *ts * (size_t)R * w);
    for (int r = -o->warmup; r < R; r++)
        for (int q = 0; q <= np; q++) {
            int which = (q + r + o->warmup) % (np + 1); /* rotate the order */
            double t;
            if (which == np) {
                t = sample(k, K_PLAIN, inner);
            } else {
                double t0 = now_s();
                for (long c = 0; c < inner; c++)
                    if (peers[which].run(peers[which].ctx)) res->peer_bad[which] = 1;
                t = (now_s() - t0) / (double)inner;
            }
            if (r >= 0) ts[(size_t)r * w + (size_t)which] = t;
        }
    if (k->err != SYSTEC_SUCCESS) {
        res->status = RS_KERNEL_ERROR;
        snprintf(res->error, sizeof res->error, "systec_syrk (whole call) returned %s: %s",
                 systec_strerror(k->err), k->err_detail);
    }
    double *v = xmalloc(sizeof *v * (size_t)R);
    for (int r = 0; r < R; r++) v[r] = ts[(size_t)r * w + (size_t)np];
    res->peer_ref_t = quantile(v, R, 0.5);
    for (int q = 0; q < np; q++) {
        res->peer_name[q] = peers[q].name;
        res->peer_prep[q] = peers[q].prep_ms;
        for (int r = 0; r < R; r++) v[r] = ts[(size_t)r * w + (size_t)q];
        res->peer_t[q] = quantile(v, R, 0.5);
        res->peer_tmin[q] = quantile(v, R, 0.0);
        res->peer_tmax[q] = quantile(v, R, 1.0);
        for (int r = 0; r < R; r++) v[r] /= ts[(size_t)r * w + (size_t)np];
        res->peer_ratio[q] = quantile(v, R, 0.5);
        res->peer_rmin[q] = quantile(v, R, 0.0);
        res->peer_rmax[q] = quantile(v, R, 1.0);
        /* the last call's product against the reference */
        double tol = k->dbl ? TOL_DOUBLE : TOL_FLOAT;
        if (!res->peer_bad[q]) res->peer_nbad[q] = peers[q].check(peers[q].ctx, &P, tol);
        if (res->peer_nbad[q]) res->peer_bad[q] = 1;
        if (res->peer_bad[q] && res->status == RS_OK) {
            res->status = RS_CHECK_FAIL;
            if (res->peer_nbad[q])
                snprintf(res->error, sizeof res->error,
                         "peer %s: wrong result (%lld entries differ from systec_syrk's upper "
                         "triangle by more than %.0e * bound, or are missing or extra)",
                         peers[q].name, (long long)res->peer_nbad[q], tol);
            else
                snprintf(res->error, sizeof res->error, "peer %s: the call failed",
                         peers[q].name);
        }
    }
    res->npeer = np;
    syrk_peers_release(peers, np);
    free(v);
    free(ts);
out:
    systec_csrmat_free(&Babs);
    systec_csrmat_free(&Aabs);
    free(absv);
    free(uvd);
    free(bvd);
}

/* Loads or generates one matrix, builds both handles, times, checks. */
static void run_one(const item_t *it, const options_t *o, result_t *res)
{
    source_t src;
    memset(&src, 0, sizeof src);
    kern_t k;
    memset(&k, 0, sizeof k);
    k.dbl = !o->use_float;
    const systec_dtype_t dt = k.dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT;
    const size_t vs = k.dbl ? 8 : 4;
    systec_status_t st;
    double t0;
    double *xd = NULL, *yref = NULL, *ax = NULL;

    res->name = it->name;
    res->path = it->path;
    res->origin = it->kind == SRC_FILE ? "file" : "synthetic";
    res->anon_huge_kb = -1;
    res->t_call = res->call_med = res->call_min = res->call_max = res->peer_ref_t = NAN;

    if (it->dir_error) {
        res->status = RS_LOAD_ERROR;
        snprintf(res->error, sizeof res->error, "%s", it->dir_error);
        return;
    }

    /* ---- load / generate, then convert (timed separately) */
    t0 = now_s();
    if (it->kind == SRC_FILE) {
        st = systec_mm_read(it->path, &src.coo);
        res->load_ms = 1e3 * (now_s() - t0);
        if (st != SYSTEC_SUCCESS) {
            res->status = RS_LOAD_ERROR;
            snprintf(res->error, sizeof res->error, "systec_mm_read: %s: %s",
                     systec_strerror(st), systec_last_error());
            return;
        }
        src.is_coo = 1;
        src.n = src.coo.nrows;
        t0 = now_s();
        st = g_op == OP_MINPLUS ? systec_symmat_from_coo_minplus(&k.S, &src.coo, dt, SYSTEC_INT32)
                                : systec_symmat_from_coo(&k.S, &src.coo, dt, SYSTEC_INT32);
        res->conv_ms = 1e3 * (now_s() - t0);
        if (st != SYSTEC_SUCCESS) {
            res->status = RS_LOAD_ERROR;
            snprintf(res->error, sizeof res->error, "systec_symmat_from_coo: %s: %s",
                     systec_strerror(st), systec_last_error());
            goto done;
        }
    } else {
        if (it->kind == SRC_STENCIL)
            gen_stencil(&src, stencil_side());
        else
            gen_random(&src, random_rows(), 16.0, RANDOM_SEED);
        void *vals = src.val;
        int64_t nst = src.rowptr[src.n];
        if (!k.dbl) {
            float *f = xmalloc((size_t)nst * sizeof *f);
            for (int64_t p = 0; p < nst; p++) f[p] = (float)src.val[p];
            vals = f;
        }
        res->load_ms = 1e3 * (now_s() - t0);
        t0 = now_s();
        st = (g_op == OP_MINPLUS ? systec_symmat_create_csr_minplus : systec_symmat_create_csr)(
            &k.S, SYSTEC_LOWER, dt, SYSTEC_INT32, src.n, src.rowptr,
                                      src.colidx, vals);
        res->conv_ms = 1e3 * (now_s() - t0);
        if (vals != src.val) free(vals);
        if (st != SYSTEC_SUCCESS) {
            res->status = RS_LOAD_ERROR;
            snprintf(res->error, sizeof res->error, "systec_symmat_create_csr: %s: %s",
                     systec_strerror(st), systec_last_error());
            goto done;
        }
    }
    t0 = now_s();
    st = systec_csrmat_from_symmat(&k.G, k.S);
    res->exp_ms = 1e3 * (now_s() - t0);
    if (st != SYSTEC_SUCCESS) {
        res->status = RS_LOAD_ERROR;
        snprintf(res->error, sizeof res->error, "systec_csrmat_from_symmat: %s: %s",
                 systec_strerror(st), systec_last_error());
        goto done;
    }

    int64_t n = 0, nst = 0, gm = 0, gn = 0, gnnz = 0;
    if ((st = systec_symmat_info(k.S, &n, &nst, NULL, NULL)) != SYSTEC_SUCCESS ||
        (st = systec_csrmat_info(k.G, &gm, &gn, &gnnz, NULL, NULL)) != SYSTEC_SUCCESS) {
        res->status = RS_KERNEL_ERROR;
        snprintf(res->error, sizeof res->error, "info: %s: %s", systec_strerror(st),
                 systec_last_error());
        goto done;
    }
    k.n = n;
    res->n = n;
    res->nnz_strict = nst;
    res->nnz_full = gnnz;
    /* compulsory traffic: index 4 B + value vs per stored entry, 4 B per row
     * pointer (n + 1), the diagonal (sym only), x read once; y written once
     * (SSYMV), read and written (min-plus), or not at all (SYPRD: a scalar) */
    double ybytes = g_op == OP_SYPRD ? 0.0 : g_op == OP_MINPLUS ? 2.0 : 1.0;
    double kc = (double)cols();
    res->bytes_sym = (double)(4 + vs) * (double)nst + 4.0 * (double)(n + 1) +
                     (1.0 + kc + ybytes * kc) * (double)vs * (double)n;
    res->bytes_full = (double)(4 + vs) * (double)gnnz + 4.0 * (double)(gm + 1) +
                      kc * (double)vs * (double)gn + ybytes * kc * (double)vs * (double)gm;
    if (g_op == OP_SYRKD) { /* compute-bound: no traffic model */
        res->bytes_sym = res->bytes_full = 0;
        if (n > DENSE_OUT_MAX) {
            res->status = RS_SKIPPED;
            snprintf(res->error, sizeof res->error,
                     "skipped: the dense %lld-by-%lld output is over the %d-row limit",
                     (long long)n, (long long)n, DENSE_OUT_MAX);
            goto done;
        }
        if (!k.dbl) {
            res->status = RS_SKIPPED;
            snprintf(res->error, sizeof res->error, "syrk_dense is benchmarked in double only");
            goto done;
        }
        k.Cs = xmalloc(sizeof(double) * (size_t)(n * n + 1));
        k.Cf = xmalloc(sizeof(double) * (size_t)(n * n + 1));
        for (int64_t q = 0; q < n * n; q++) k.Cs[q] = k.Cf[q] = 0;
    }
    if (g_op == OP_SYRK) { /* compute-bound: no traffic model; the first calls in conv/expand */
        res->bytes_sym = res->bytes_full = 0;
        t0 = now_s();
        st = systec_syrk(k.G, &k.U);
        res->conv_ms = 1e3 * (now_s() - t0);
        if (!st) {
            t0 = now_s();
            st = systec_aat(k.G, &k.F);
            res->exp_ms = 1e3 * (now_s() - t0);
        }
        if (st) {
            res->status = RS_KERNEL_ERROR;
            snprintf(res->error, sizeof res->error, "systec_%s: %s: %s", k.U ? "aat" : "syrk",
                     systec_strerror(st), systec_last_error());
            goto done;
        }
    }

    /* ---- vectors: same x for all; y filled with NaN (beta = 0 must not read y,
     * and an entry a kernel never writes shows up in the check), or with +inf
     * for min-plus, whose y is an input (distances before the step) */
    const double y0 = g_op == OP_MINPLUS ? INFINITY : NAN;
    size_t nb = (size_t)(n > 0 ? n * cols() : 1);
    k.x = xalloc_aligned(nb * vs);
    k.ys = xalloc_aligned(nb * vs);
    k.yg = xalloc_aligned(nb * vs);
    xd = xmalloc(nb * sizeof *xd);
    yref = xmalloc(nb * sizeof *yref);
    ax = xmalloc(nb * sizeof *ax);
    uint64_t seed = X_SEED;
    for (int64_t i = 0; i < n * cols(); i++) {
        double v = rng_sym(&seed);
        if (k.dbl) {
            ((double *)k.x)[i] = v;
            ((double *)k.ys)[i] = ((double *)k.yg)[i] = y0;
            xd[i] = v;
        } else {
            ((float *)k.x)[i] = (float)v;
            ((float *)k.ys)[i] = ((float *)k.yg)[i] = (float)y0;
            xd[i] = (double)(float)v;
        }
    }
    if (n == 0) { /* SYPRD's scalar output exists even for n = 0 */
        if (k.dbl)
            ((double *)k.ys)[0] = ((double *)k.yg)[0] = y0;
        else
            ((float *)k.ys)[0] = ((float *)k.yg)[0] = (float)y0;
    }
    if (g_op != OP_SYRK && g_op != OP_SYRKD) reference(&src, xd, yref, ax);
    k.cols = cols();
    if (g_op == OP_MINPLUS) /* compared exactly (rounding commutes with min) */
        for (int64_t i = 0; i < n; i++) {
            ax[i] = 0.0;
            if (!k.dbl) yref[i] = (double)(float)yref[i];
        }
    if (g_op != OP_SYRK && g_op != OP_SYRKD) build_plain(&src, &k);
    k.yp = xalloc_aligned(nb * vs);
    for (int64_t i = 0; i < (int64_t)nb; i++) {
        if (k.dbl)
            ((double *)k.yp)[i] = y0;
        else
            ((float *)k.yp)[i] = (float)y0;
    }
    source_free(&src); /* not needed while timing */

    /* ---- timing: calibrate, warm up, timed rounds (order rotates) */
    long inner = calls_per_sample(time_kernels, &k);
    k.inner = inner;
    res->inner = inner;
    int R = o->reps;
    double *tsv = xmalloc((size_t)R * sizeof *tsv);
    double *tgv = xmalloc((size_t)R * sizeof *tgv);
    double *tpv = xmalloc((size_t)R * sizeof *tpv);
    double *rat = xmalloc((size_t)R * sizeof *rat);
    double *prat = xmalloc((size_t)R * sizeof *prat);
    for (int r = -o->warmup; r < R; r++) {
        double t[3];
        int first = (r + o->warmup) % 3; /* rotate which kernel goes first */
        for (int q = 0; q < 3; q++) {
            int which = (first + q) % 3;
            t[which] = sample(&k, which, inner);
        }
        if (r == -1 || (o->warmup == 0 && r == 0))
            res->anon_huge_kb = read_anon_huge_kb(&anon_system_wide);
        if (r >= 0) {
            tsv[r] = t[K_SYM];
            tgv[r] = t[K_FULL];
            tpv[r] = t[K_PLAIN];
            rat[r] = t[K_FULL] / t[K_SYM];
            prat[r] = t[K_PLAIN] / t[K_SYM];
        }
    }
    res->t_sym = quantile(tsv, R, 0.5);
    res->t_full = quantile(tgv, R, 0.5);
    res->t_plain = quantile(tpv, R, 0.5);
    const double *tv[3];
    tv[K_SYM] = tsv, tv[K_FULL] = tgv, tv[K_PLAIN] = tpv;
    for (int q = 0; q < 3; q++) {
        res->tmin[q] = quantile(tv[q], R, 0.0);
        res->tmax[q] = quantile(tv[q], R, 1.0);
    }
    res->sp_med = quantile(rat, R, 0.5);
    res->sp_min = quantile(rat, R, 0.0);
    res->sp_max = quantile(rat, R, 1.0);
    res->sp_p25 = quantile(rat, R, 0.25);
    res->sp_p75 = quantile(rat, R, 0.75);
    res->pl_med = quantile(prat, R, 0.5);
    res->pl_min = quantile(prat, R, 0.0);
    res->pl_max = quantile(prat, R, 1.0);
    res->gbs_sym = res->bytes_sym / res->t_sym * 1e-9;
    res->gbs_full = res->bytes_full / res->t_full * 1e-9;
    free(tsv);
    free(tgv);
    free(tpv);
    free(rat);
    free(prat);

    if (k.err != SYSTEC_SUCCESS) {
        res->status = RS_KERNEL_ERROR;
        snprintf(res->error, sizeof res->error, "systec_%s%s returned %s: %s",
                 g_op == OP_SYRK ? "" : k.dbl ? "d" : "s",
                 k.err_which == K_FULL    ? op_base[g_op]
                 : k.err_which == K_PLAIN ? "syrk (whole call)"
                                          : op_call[g_op],
                 systec_strerror(k.err), k.err_detail);
        goto done;
    }

    if (g_op == OP_SYRK || g_op == OP_SYRKD) {
        if (g_op == OP_SYRK) { /* the third slot was systec_syrk's whole call */
            res->t_call = res->t_plain;
            res->call_med = res->pl_med;
            res->call_min = res->pl_min;
            res->call_max = res->pl_max;
        }
        res->t_plain = res->pl_med = res->pl_min = res->pl_max = NAN;
        if (g_op == OP_SYRK) {
            syrk_check(&k, res);
            if (g_syrk_peers && res->status == RS_OK) run_syrk_peers(&k, o, res);
        } else {
            syrk_dense_check(&k, res);
        }
        goto done;
    }

    /* ---- correctness of the last timed results: sym vs full (the required
     * check), and each against the independent reference from the source data */
    {
        double tol = k.dbl ? TOL_DOUBLE : TOL_FLOAT;
        int64_t nbad = 0, first = -1;
        double maxe = 0.0;
        for (int64_t i = 0; i < out_len(n); i++) {
            double s = k.dbl ? ((double *)k.ys)[i] : (double)((float *)k.ys)[i];
            double g = k.dbl ? ((double *)k.yg)[i] : (double)((float *)k.yg)[i];
            double pl = k.dbl ? ((double *)k.yp)[i] : (double)((float *)k.yp)[i];
            double lim = tol * ax[i];
            double d1 = absdiff(s, g), d2 = absdiff(s, yref[i]), d3 = absdiff(g, yref[i]);
            if (!(d1 <= lim && d2 <= lim && d3 <= lim && absdiff(pl, yref[i]) <= lim)) {
                if (first < 0) first = i;
                nbad++;
            }
            double d = d1 > d2 ? d1 : d2;
            d = d > d3 ? d : d3;
            double e = isnan(d) || isnan(d1) || isnan(d2) || isnan(d3)
                           ? INFINITY
                           : (ax[i] > 0 ? d / ax[i] : (d > 0 ? INFINITY : 0.0));
            if (e > maxe) maxe = e;
        }
        res->max_err = maxe;
        res->nbad = nbad;
        if (nbad) {
            double s = k.dbl ? ((double *)k.ys)[first] : (double)((float *)k.ys)[first];
            double g = k.dbl ? ((double *)k.yg)[first] : (double)((float *)k.yg)[first];
            res->status = RS_CHECK_FAIL;
            snprintf(res->error, sizeof res->error,
                     "results disagree in %lld of %lld rows (tolerance %.0e * (|A||x|)_i); "
                     "first row %lld: sym %.17g, full %.17g, reference %.17g, (|A||x|)_i %.3g",
                     (long long)nbad, (long long)n, tol, (long long)first, s, g, yref[first],
                     ax[first]);
        }
    }

    if (g_peers && res->status == RS_OK) run_peers(&k, o, yref, ax, res);

done:
    source_free(&src);
    free(k.Cs);
    free(k.Cf);
    systec_csrmat_free(&k.U);
    systec_csrmat_free(&k.F);
    systec_csrmat_free(&k.G);
    systec_symmat_free(&k.S);
    free(k.x);
    free(k.ys);
    free(k.yg);
    free(k.yp);
    free(k.prp);
    free(k.pci);
    free(k.pv);
    free(xd);
    free(yref);
    free(ax);
}

/* ------------------------------------------------------------- output */
/* The line under a peer table: the geomean of the peer `name`'s ratio
 * (`what`) over the file matrices where it ran and was right; nothing if
 * there are none. */
/* The rest of a geomean line: "file matrices G" (the geomean from lsum, the
 * sum of logs over nfile file matrices, or "-") and "; synthetic NAME X" for
 * each synthetic input that ran, X the double at offset off in its result. */
static void geomean_tail(const result_t *res, int n, int nfile, double lsum, size_t off)
{
    if (nfile)
        printf("file matrices %.3f", exp(lsum / nfile));
    else
        printf("file matrices -");
    for (int i = 0; i < n; i++)
        if (strcmp(res[i].origin, "file") != 0 && res[i].status == RS_OK)
            printf("; synthetic %s %.3f", res[i].name,
                   *(const double *)(const void *)((const char *)&res[i] + off));
    printf("\n");
}

static void peer_geomean(const result_t *res, int n, const char *name, const char *what)
{
    double l = 0;
    int cnt = 0;
    for (int i = 0; i < n; i++)
        for (int q = 0; q < res[i].npeer; q++)
            if (!strcmp(res[i].peer_name[q], name) && !strcmp(res[i].origin, "file") &&
                !res[i].peer_bad[q]) {
                l += log(res[i].peer_ratio[q]);
                cnt++;
            }
    if (cnt)
        printf("geomean %s over %d file matri%s: %s %.3f\n", what, cnt, cnt == 1 ? "x" : "ces",
               name, exp(l / cnt));
}

/* The CSV rows of one matrix (results.h): libsystec's kernel, its
 * baseline, the plain loop or (SSYRK) the whole call, and every peer. */
static void write_rows(FILE *f, const result_t *r, const options_t *o, const bench_machine_t *m)
{
    static const char *const kernel[] = {"symv", "syprd", "symv_minplus", "symm", "syrk",
                                         "syrk_dense"};
    const char *status = r->status == RS_OK           ? "ok"
                         : r->status == RS_CHECK_FAIL ? "FAIL"
                         : r->status == RS_SKIPPED    ? "skipped"
                                                      : "ERROR";
    const int timed = r->status == RS_OK || r->status == RS_CHECK_FAIL ||
                      (r->status == RS_KERNEL_ERROR && r->t_sym > 0);
    bench_row_t b = bench_row_blank();
    b.kernel = kernel[g_op];
    b.input = r->name;
    b.origin = r->origin;
    b.path = r->path;
    b.precision = o->use_float ? "float" : "double";
    b.order = 2;
    b.reps = o->reps;
    b.warmup = o->warmup;
    b.check = status;
    b.note = r->status == RS_OK ? NULL : r->error;
    b.system = "libsystec";
    b.role = ROLE_SYSTEC;
    if (r->status != RS_LOAD_ERROR && r->status != RS_SKIPPED) {
        b.n = r->n;
        b.nnz = r->nnz_full;
    }
    if (g_op == OP_SYMM) b.param = g_cols;
    if (!timed) { /* one row saying why */
        bench_csv_row(f, &b, m);
        return;
    }
    b.calls_per_sample = r->inner;
    b.max_err = r->max_err;
    b.paper_speedup = paper_matrix(b.kernel, r->name);
    /* libsystec's symmetric kernel; its set-up is the conversion (SSYRK: the
     * first systec_syrk call) */
    b.t_ms = 1e3 * r->t_sym, b.t_min_ms = 1e3 * r->tmin[K_SYM], b.t_max_ms = 1e3 * r->tmax[K_SYM];
    b.gbs = r->bytes_sym > 0 ? r->gbs_sym : NAN;
    b.setup_ms = r->conv_ms;
    bench_csv_row(f, &b, m);
    b.paper_speedup = NAN;
    /* the generated non-symmetric baseline; set-up: the expansion (SSYRK:
     * the first systec_aat call) */
    b.system = "libsystec-baseline";
    b.role = ROLE_BASELINE;
    b.t_ms = 1e3 * r->t_full, b.t_min_ms = 1e3 * r->tmin[K_FULL],
    b.t_max_ms = 1e3 * r->tmax[K_FULL];
    b.paired_with = "libsystec";
    b.ratio_med = r->sp_med, b.ratio_min = r->sp_min, b.ratio_max = r->sp_max;
    b.gbs = r->bytes_full > 0 ? r->gbs_full : NAN;
    b.setup_ms = r->exp_ms;
    bench_csv_row(f, &b, m);
    /* the third slot: the plain loop, or SSYRK's whole call */
    b.setup_ms = NAN;
    b.gbs = NAN;
    b.role = ROLE_REFERENCE;
    b.t_min_ms = 1e3 * r->tmin[K_PLAIN], b.t_max_ms = 1e3 * r->tmax[K_PLAIN];
    if (g_op == OP_SYRK) {
        b.system = "libsystec-call";
        b.t_ms = 1e3 * r->t_call;
        b.ratio_med = r->call_med, b.ratio_min = r->call_min, b.ratio_max = r->call_max;
        bench_csv_row(f, &b, m);
    } else if (!isnan(r->t_plain)) {
        b.system = "plain-csr";
        b.t_ms = 1e3 * r->t_plain;
        b.ratio_med = r->pl_med, b.ratio_min = r->pl_min, b.ratio_max = r->pl_max;
        bench_csv_row(f, &b, m);
    }
    /* the peers, paired with systec_dsymv (SSYMV) or the whole systec_syrk call */
    for (int q = 0; q < r->npeer; q++) {
        b.system = r->peer_name[q];
        b.role = ROLE_PEER;
        b.threads = o->threads;
        b.paired_with = g_op == OP_SYRK ? "libsystec-call" : "libsystec";
        b.t_ms = 1e3 * r->peer_t[q], b.t_min_ms = 1e3 * r->peer_tmin[q],
        b.t_max_ms = 1e3 * r->peer_tmax[q];
        b.ratio_med = r->peer_ratio[q], b.ratio_min = r->peer_rmin[q],
        b.ratio_max = r->peer_rmax[q];
        b.setup_ms = r->peer_prep[q];
        b.check = r->peer_bad[q] ? "FAIL" : "ok";
        b.max_err = NAN;
        b.calls_per_sample = g_op == OP_SYRK ? r->peer_inner : r->inner;
        b.reps = g_op == OP_SYRK ? o->syrk_peer_reps : o->reps;
        b.note = r->peer_err[0] ? r->peer_err : NULL;
        bench_csv_row(f, &b, m);
    }
}

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: %s [options] [PATH...]\n"
            "\n"
            "Benchmarks one operation on symmetric sparse matrices (mttkrp, ttm: tensors) in\n"
            "libsystec: the symmetric kernel on a handle (strictly-lower CSR + diagonal)\n"
            "against the non-symmetric baseline on the full expansion (full CSR), int32\n"
            "indices, alpha = 1, beta = 0, same x, one process, warm\n"
            "(libsystec one thread; peers --threads), after measuring the STREAM roof:\n"
            "  symv     y = A*x           systec_dsymv vs systec_dgemv (default)\n"
            "  syprd    s = x^T A x       systec_dsyprd vs systec_dgeprd\n"
            "  minplus  y = min(y, A+x)   systec_dsymv_minplus vs systec_dgemv_minplus\n"
            "           (min-plus handles; y starts at +inf)\n"
            "  symm     Y = A*X           systec_dsymm vs systec_dgemm (X, Y n-by-k)\n"
            "  syrk     C = A*A^T         systec_syrk_numeric (upper part) vs\n"
            "           systec_aat_numeric (all of it), A the full matrix; the first\n"
            "           calls (symbolic + numeric) go in the conv/expand columns, the\n"
            "           whole call systec_syrk (result created and freed) is timed in\n"
            "           the plain loop's place ('syrk call'), and --synthetic uses a\n"
            "           40^3 stencil and 1e5 random rows. The peers CHOLMOD\n"
            "           (cholmod_aat, cholmod_ssmult upper; double only), GraphBLAS\n"
            "           (mxm; with the upper pattern as mask; mxm + select TRIU) and\n"
            "           OpenBLAS dsyrk/ssyrk (dense, m <= 4096) are timed against that\n"
            "           whole call\n"
            "  syrk_dense  the upper triangle of A*A^T into a dense m-by-m array:\n"
            "           systec_dsyrk_dense vs systec_daat_dense (m <= 4096; --synthetic\n"
            "           uses a 16^3 stencil and 4000 random rows; double only)\n"
            "  mttkrp   C[i,r] = sum A[i,k,l,..] B[k,r] B[l,r] ..  A a symmetric sparse\n"
            "           tensor of order 3, 4 or 5, the same n-by-R B in every mode:\n"
            "           systec_dmttkrp on the canonical handle vs systec_dmttkrp_csf on\n"
            "           the full tensor in CSF; inputs differ, see below\n"
            "  ttm      C[j,l,i] = sum_k A[j,l,k] B[k,i]  A a symmetric order-3 sparse\n"
            "           tensor: systec_dttm (canonical handle, the half j <= l of the\n"
            "           output, packed) vs systec_dttm_csf (full tensor in CSF, the full\n"
            "           n-by-n-by-R output); systec_dttm_expand (packed -> full) is\n"
            "           timed apart, in the same rounds\n"
            "\n"
            "PATH is a Matrix Market file (.mtx or .mtx.gz) or a directory, of which every\n"
            "*.mtx and *.mtx.gz directly inside is used, in sorted order.\n"
            "\n"
            "With --op mttkrp or ttm, PATH is a tensor file (.tns or .tns.gz: FROSTT; .ssten:\n"
            "LambdaTAME) holding one entry per orbit (sorted coordinates), or a directory,\n"
            "of which every *.tns, *.tns.gz and *.ssten directly inside, then those in its\n"
            "subdirectory lvgna_triangles/ if present, are used, each group in sorted\n"
            "order. An order the library has no kernel for is skipped (not a failure);\n"
            "ttm skips every order but 3, and ranks whose dense outputs would need more\n"
            "than 8 GB.\n"
            "B is uniform in [0.5, 1.5) (fixed seed). Per tensor, the handle build\n"
            "('create') and the expansion plus CSF build ('expand+csf') are timed once\n"
            "and reported apart from the kernels. --reps, --warmup, --quick, --float and\n"
            "--csv apply as below. With mttkrp and ttm (--tensor and --rank are refused\n"
            "with the other operations):\n"
            "  --synthetic   after the files, the SySTeC paper's configurations\n"
            "                (systec_tns_random_symmetric, fixed seed); mttkrp: order 3\n"
            "                n=500, order 4 n=100, order 5 n=40, each with sp 0.1 and\n"
            "                1e-4 and ranks 10 and n; ttm: order 3 n=500, sp 0.1 and\n"
            "                1e-3, ranks 10 and 500 (--rank does not apply to them)\n"
            "  --tensor ORDER:N:SP  then a random symmetric tensor of that order, mode\n"
            "                size and density, e.g. 3:200:0.01 (repeatable)\n"
            "  --rank R      the rank R for files and --tensor configurations (default 16)\n"
            "  --reference PROG  mttkrp only: also run PROG, a separately built program of\n"
            "                hand-written MTTKRP kernels, on each tensor and rank (the full\n"
            "                tensor written to a temporary file, 'PROG FILE R --threads 1',\n"
            "                its 'RES kernel=NAME ... time_s=T' lines parsed; see\n"
            "                bench/README.md) and print its times beside libsystec's\n"
            "\n"
            "Options:\n"
            "  --synthetic   also run two generated matrices, after the files:\n"
            "                stencil27-100^3 (27-point stencil on a 100^3 grid, n = 1e6) and\n"
            "                random-1e6x16 (uniform random symmetric pattern, n = 1e6,\n"
            "                about 16 nonzeros per row, fixed seed)\n"
            "  --reps N      timed rounds per matrix, N >= 1 (default %d; %d with --quick)\n"
            "  --warmup N    untimed warm-up rounds first, N >= 0 (default %d; %d with --quick)\n"
            "  --quick       fewer rounds (an explicit --reps/--warmup still wins); with\n"
            "                mttkrp and ttm the paper's configurations at their low rank only\n"
            "  --op OP       symv, syprd, minplus, symm, syrk, syrk_dense, mttkrp or\n"
            "                ttm (default symv)\n"
            "  --cols K      columns of X and Y for symm, K >= 1 (default 8)\n"
            "  --float       single precision (systec_s... calls)\n"
            "  --csv FILE    also write the CSV rows to FILE: one per system (libsystec,\n"
            "                its baseline, the reference loop, each peer) and input\n"
            "  --threads N   threads for the peer libraries and STREAM (default 1);\n"
            "                libsystec's kernels are serial and always use one\n"
            "  --stream-gbs G  take G GB/s as the STREAM triad figure instead of\n"
            "                measuring it at start (about 0.3 s)\n"
            "  --paper       run the SySTeC paper's evaluation set: every operation on\n"
            "                the matrices and tensors among the PATHs (a directory with\n"
            "                matrices/ and tensors/ is a data root) plus the synthetic\n"
            "                inputs and the paper's tensor configurations, then print a\n"
            "                summary beside the paper's figures and make PNG plots\n"
            "                (gnuplot); --quick, --reps, --warmup, --threads pass through\n"
            "  --out DIR     with --paper: where the CSVs and plots go (default out/paper)\n"
            "  --report DIR  PATHs are CSV files of earlier runs: print the --paper\n"
            "                summary of them and make the plots in DIR; nothing is timed\n"
            "  -h, --help    show this text and exit\n"
            "\n"
            "A round times the symmetric kernel, the full-CSR baseline and a plain CSR\n"
            "loop (a reference point, not part of libsystec), rotating which goes first;\n"
            "a sample repeats a call enough times that it lasts >= 1 ms and reports the\n"
            "time per call. The speedup is the median over rounds of t(full)/t(sym) from\n"
            "the same round, with [min-max]; 'x plain' is the same for t(plain)/t(sym).\n"
            "mttkrp has no plain loop: a round times the two kernels, alternating which\n"
            "goes first, and the speedup is t(base)/t(sym); both results are checked\n"
            "against the bench's own loop over the full tensor. ttm times three (the\n"
            "kernels and the expansion; in double also OpenBLAS dgemm on the densified\n"
            "tensor where it fits in memory), rotating, and also gives t(base)/(t(sym) +\n"
            "t(expand)); the expanded symmetric result and the baseline's are checked\n"
            "against the bench's loop, on 50 fixed j-slices where a reference for all\n"
            "would need over 3 GB. The peers of symv (librsb, GraphBLAS, OpenBLAS\n"
            "dsymv/ssymv) and syrk are timed in rounds of their own, in the run's\n"
            "precision, each paired with libsystec's call, and checked too.\n"
            "Progress goes to stderr, the table to stdout. See bench/README.md.\n"
            "\n"
            "Exit status: 0 all inputs ran (or were skipped) and both kernels matched the\n"
            "reference; 1 an input could not be read or converted, a kernel failed, or\n"
            "results disagreed (the other inputs still run); with --paper, an operation\n"
            "failed; with --report, a CSV could not be read or a plot failed; 2 bad\n"
            "command line, no inputs, or the CSV file cannot be created.\n",
            prog, DEFAULT_REPS, QUICK_REPS, DEFAULT_WARMUP, QUICK_WARMUP);
}

static int parse_int(const char *opt, const char *s, int min, int *out)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || *s == '\0' || *end != '\0' || errno || v < min || v > 1000000) {
        fprintf(stderr, "%s: %s needs an integer >= %d (up to 1000000), got '%s'\n", prog, opt,
                min, s ? s : "");
        return -1;
    }
    *out = (int)v;
    return 0;
}

/* The value of --threads (N, or --threads=N, before "--"); 1 when absent
 * or not a number from 1 to 1024 (the option parser reports that). */
static int threads_asked(int argc, char **argv)
{
    for (int a = 1; a < argc; a++) {
        const char *v = NULL;
        if (!strcmp(argv[a], "--")) break;
        if (!strcmp(argv[a], "--threads") && a + 1 < argc) v = argv[a + 1];
        if (!strncmp(argv[a], "--threads=", 10)) v = argv[a] + 10;
        if (v) {
            char *end;
            long t = strtol(v, &end, 10);
            return *end == '\0' && t >= 1 && t <= 1024 ? (int)t : 1;
        }
    }
    return 1;
}

int main(int argc, char **argv)
{
    /* The same thread count for everything timed, peers included (1 unless
     * --threads): libgomp (librsb, GraphBLAS) and OpenBLAS read their
     * variables when they load, so set them and start again. If the exec
     * fails, run on; the report states the count the libraries were told. */
    {
        char want[16];
        snprintf(want, sizeof want, "%d", threads_asked(argc, argv));
        const char *omp = getenv("OMP_NUM_THREADS");
        if (!omp || strcmp(omp, want) != 0) {
            setenv("OMP_NUM_THREADS", want, 1);
            setenv("OPENBLAS_NUM_THREADS", want, 1);
            setenv("OMP_WAIT_POLICY", "passive", 1);
            execv("/proc/self/exe", argv);
        }
    }
    options_t o = {DEFAULT_REPS, DEFAULT_WARMUP, 0, 0, 0, NULL, 1, 0};
    double stream_given = NAN;
    int paper = 0, op_set = 0;
    const char *outdir = NULL, *reportdir = NULL;
    int reps_set = 0, warmup_set = 0;
    items_t items = {0};
    char **paths = xmalloc((size_t)(argc + 1) * sizeof *paths);
    int npaths = 0, opts_done = 0;
    /* --op mttkrp only: --rank and the --tensor configurations */
    int64_t rank = 16;
    int rank_set = 0, ncfg = 0;
    const char *reference_prog = NULL; /* --op mttkrp only */
    tensor_cfg_t *cfg = xmalloc((size_t)(argc + 1) * sizeof *cfg);

    for (int a = 1; a < argc; a++) {
        const char *s = argv[a];
        if (opts_done || s[0] != '-' || strcmp(s, "-") == 0) {
            paths[npaths++] = argv[a];
            continue;
        }
        const char *val = NULL;
        char key[64];
        const char *eq = strchr(s, '=');
        if (strncmp(s, "--", 2) == 0 && eq && (size_t)(eq - s) < sizeof key) {
            memcpy(key, s, (size_t)(eq - s));
            key[eq - s] = '\0';
            val = eq + 1;
        } else {
            snprintf(key, sizeof key, "%s", s);
        }
        int takes = !strcmp(key, "--reps") || !strcmp(key, "--warmup") || !strcmp(key, "--csv") ||
                    !strcmp(key, "--op") || !strcmp(key, "--cols") || !strcmp(key, "--rank") ||
                    !strcmp(key, "--tensor") || !strcmp(key, "--threads") ||
                    !strcmp(key, "--stream-gbs") || !strcmp(key, "--out") ||
                    !strcmp(key, "--report") || !strcmp(key, "--reference");
        if (!takes && val) {
            fprintf(stderr, "%s: option %s takes no value\n", prog, key);
            return 2;
        }
        if (takes && !val) {
            if (a + 1 >= argc) {
                fprintf(stderr, "%s: option %s needs a value\n", prog, key);
                return 2;
            }
            val = argv[++a];
        }
        if (!strcmp(key, "--")) {
            opts_done = 1;
        } else if (!strcmp(key, "-h") || !strcmp(key, "--help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(key, "--synthetic")) {
            o.synthetic = 1;
        } else if (!strcmp(key, "--op")) {
            const char *v = val;
            op_set = 1;
            if (!strcmp(v, "symv"))
                g_op = OP_SYMV;
            else if (!strcmp(v, "syprd"))
                g_op = OP_SYPRD;
            else if (!strcmp(v, "minplus"))
                g_op = OP_MINPLUS;
            else if (!strcmp(v, "symm"))
                g_op = OP_SYMM;
            else if (!strcmp(v, "syrk"))
                g_op = OP_SYRK;
            else if (!strcmp(v, "syrk_dense"))
                g_op = OP_SYRKD;
            else if (!strcmp(v, "mttkrp"))
                g_op = OP_MTTKRP;
            else if (!strcmp(v, "ttm"))
                g_op = OP_TTM;
            else {
                fprintf(stderr, "%s: unknown --op %s (symv, syprd, minplus, symm, syrk, "
                        "syrk_dense, mttkrp or ttm)\n", prog, v);
                return 2;
            }
        } else if (!strcmp(key, "--cols")) {
            int c;
            if (parse_int(key, val, 1, &c)) return 2;
            g_cols = c;
        } else if (!strcmp(key, "--rank")) {
            int c;
            if (parse_int(key, val, 1, &c)) return 2;
            rank = c;
            rank_set = 1;
        } else if (!strcmp(key, "--tensor")) {
            if (parse_tensor_cfg(val, &cfg[ncfg])) return 2;
            ncfg++;
        } else if (!strcmp(key, "--reference")) {
            reference_prog = val;
        } else if (!strcmp(key, "--threads")) {
            if (parse_int(key, val, 1, &o.threads) || o.threads > 1024) {
                if (o.threads > 1024) fprintf(stderr, "%s: --threads at most 1024\n", prog);
                return 2;
            }
        } else if (!strcmp(key, "--stream-gbs")) {
            char *end;
            stream_given = strtod(val, &end);
            if (*end || !(stream_given > 0) || !isfinite(stream_given)) {
                fprintf(stderr, "%s: --stream-gbs needs a positive number, not '%s'\n", prog,
                        val);
                return 2;
            }
        } else if (!strcmp(key, "--paper")) {
            paper = 1;
        } else if (!strcmp(key, "--out")) {
            outdir = val;
        } else if (!strcmp(key, "--report")) {
            reportdir = val;
        } else if (!strcmp(key, "--float")) {
            g_float = 1;
            o.use_float = 1;
        } else if (!strcmp(key, "--quick")) {
            o.quick = 1;
        } else if (!strcmp(key, "--reps")) {
            if (parse_int("--reps", val, 1, &o.reps)) return 2;
            reps_set = 1;
        } else if (!strcmp(key, "--warmup")) {
            if (parse_int("--warmup", val, 0, &o.warmup)) return 2;
            warmup_set = 1;
        } else if (!strcmp(key, "--csv")) {
            if (!*val) {
                fprintf(stderr, "%s: --csv needs a file name\n", prog);
                return 2;
            }
            o.csv = val;
        } else {
            fprintf(stderr, "%s: unknown option '%s' (try --help)\n", prog, s);
            return 2;
        }
    }
    if (reportdir) { /* --report DIR CSV...: the summary and plots of earlier runs */
        if (paper || npaths == 0) {
            fprintf(stderr, "%s: --report DIR takes CSV files written by systec-bench, and no "
                            "--paper\n", prog);
            return 2;
        }
        if (paper_summary(paths, npaths)) {
            free(paths);
            free(cfg);
            return 1;
        }
        if (mkdir(reportdir, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "%s: cannot create %s: %s\n", prog, reportdir, strerror(errno));
            return 2;
        }
        char msg[2048];
        int prc = bench_plots((const char *const *)paths, npaths, reportdir, msg, sizeof msg);
        fprintf(prc ? stderr : stdout, "%s%s\n", prc ? "systec-bench: plots: " : "plots: ", msg);
        free(paths);
        free(cfg);
        return prc ? 1 : 0;
    }
    if (outdir && !paper) {
        fprintf(stderr, "%s: --out applies to --paper (use --csv FILE otherwise)\n", prog);
        return 2;
    }
    if (reference_prog && g_op != OP_MTTKRP) {
        fprintf(stderr, "%s: --reference applies only to --op mttkrp\n", prog);
        return 2;
    }
    if (paper && (op_set || o.csv || rank_set || ncfg || o.synthetic || o.use_float)) {
        fprintf(stderr, "%s: --paper runs every operation itself: no --op, --csv, --rank, "
                        "--tensor, --synthetic or --float with it\n", prog);
        return 2;
    }
    const int reps_given = reps_set ? o.reps : -1, warmup_given = warmup_set ? o.warmup : -1;
    if (o.quick) {
        if (!reps_set) o.reps = QUICK_REPS;
        if (!warmup_set) o.warmup = QUICK_WARMUP;
    }
    /* the SSYRK peers' rounds dominate a quick run (6 s a round on the
     * synthetic random matrix): 3 with --quick unless --reps says */
    o.syrk_peer_reps = o.quick && !reps_set && o.reps > QUICK_PEER_REPS ? QUICK_PEER_REPS : o.reps;

    /* ---- STREAM bandwidth, the roof for the GB/s figures (measured once) */
    static bench_machine_t machine;
    machine_facts(&machine);
    machine.stream_threads = o.threads;
    if (isfinite(stream_given)) {
        machine.stream_gbs = stream_given;
        fprintf(stderr, "STREAM triad %.1f GB/s (given by --stream-gbs)\n", stream_given);
    } else {
        stream_result_t sr;
        char serr[256];
        if (stream_measure(o.threads, &sr, serr, sizeof serr) == 0) {
            machine.stream_gbs = sr.triad_gbs;
            fprintf(stderr, "STREAM (measured now, %d thread%s, 3 x %zu MiB arrays, best of %d): "
                            "copy %.1f GB/s, triad %.1f GB/s (%.2f s)\n",
                    sr.threads, sr.threads == 1 ? "" : "s", sr.array_bytes >> 20, sr.passes,
                    sr.copy_gbs, sr.triad_gbs, sr.seconds);
        } else {
            fprintf(stderr, "%s: %s; GB/s are reported without the roof\n", prog, serr);
        }
    }
    if (paper) {
        paper_opts_t po = {"/proc/self/exe", outdir ? outdir : "out/paper", o.quick, reps_given,
                           warmup_given, o.threads, machine.stream_gbs, paths, npaths};
        int prc = paper_run(&po);
        free(paths);
        free(cfg);
        return prc;
    }
    if (g_op == OP_MTTKRP || g_op == OP_TTM) { /* tensors.c from here on */
        tensor_opts_t to = {g_op == OP_TTM, o.reps, o.warmup, o.quick, o.synthetic, o.use_float,
                            o.csv, rank, cfg, ncfg, o.threads, &machine, reference_prog};
        int rc = bench_tensors(&to, paths, npaths);
        free(cfg);
        free(paths);
        return rc;
    }
    free(cfg);
    if (rank_set || ncfg) { /* silently ignoring them would mislead */
        fprintf(stderr, "%s: --rank and --tensor apply only to --op mttkrp and ttm\n", prog);
        return 2;
    }
    if (npaths == 0 && !o.synthetic) {
        fprintf(stderr, "%s: no matrices: give Matrix Market files or directories, and/or "
                        "--synthetic (try --help)\n", prog);
        return 2;
    }
    FILE *csv = NULL;
    if (o.csv) {
        csv = fopen(o.csv, "w");
        if (!csv) {
            fprintf(stderr, "%s: cannot create CSV file %s: %s\n", prog, o.csv, strerror(errno));
            return 2;
        }
    }

    for (int p = 0; p < npaths; p++) {
        struct stat st;
        if (stat(paths[p], &st) == 0 && S_ISDIR(st.st_mode))
            add_directory(&items, paths[p]);
        else
            items_push(&items, SRC_FILE, paths[p], NULL); /* unreadable: reported when run */
    }
    free(paths);
    if (o.synthetic) {
        static char sname[48], rname[48];
        snprintf(sname, sizeof sname, "stencil27-%d^3", stencil_side());
        snprintf(rname, sizeof rname, "random-1e%dx16",
                 (int)(log10((double)random_rows()) + 0.5)); /* 1e6, 1e5 */
        if (random_rows() == 4000) snprintf(rname, sizeof rname, "random-4000x16");
        items_push(&items, SRC_STENCIL, NULL, sname);
        items_push(&items, SRC_RANDOM, NULL, rname);
    }

    char cpu[256], thp[64];
    read_cpu_model(cpu, sizeof cpu);
    read_thp_mode(thp, sizeof thp);
    const char *prec = o.use_float ? "float" : "double";

    result_t *res = calloc((size_t)(items.n ? items.n : 1), sizeof *res);
    g_peers = g_op == OP_SYMV;
    g_syrk_peers = g_op == OP_SYRK;
    const char *peer_line = g_peers || g_syrk_peers ? peers_init(o.threads) : NULL;
    if (g_syrk_peers) peer_line = syrk_peers_init(); /* after peers_init: GraphBLAS, OpenBLAS */
    if (peer_line) snprintf(machine.peers, sizeof machine.peers, "%s", peer_line);
    if (!res) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 1;
    }
    int failed = 0;
    for (int i = 0; i < items.n; i++) {
        const item_t *it = &items.v[i];
        fprintf(stderr, "[%d/%d] %s%s ...\n", i + 1, items.n, it->name,
                it->kind == SRC_FILE ? "" : " (synthetic)");
        fflush(stderr);
        run_one(it, &o, &res[i]);
        if (res[i].status != RS_OK && res[i].status != RS_SKIPPED) {
            failed = 1;
            fprintf(stderr, "%s: %s: %s%s\n", prog, it->name,
                    res[i].status == RS_CHECK_FAIL ? "FAILURE: " : "", res[i].error);
        }
    }

    /* ---- page policy line */
    long long anon = -1;
    for (int i = 0; i < items.n; i++)
        if (res[i].anon_huge_kb > anon) anon = res[i].anon_huge_kb;
    char policy[512];
    page_policy_line(policy, sizeof policy, thp, anon, anon_system_wide);

    /* ---- table */
    /* the calls carry a type prefix, except SSYRK's, whose handles carry the type */
    const char *tp = g_op == OP_SYRK ? "" : o.use_float ? "s" : "d";
    printf("systec-bench: %s, symmetric kernel (systec_%s%s on a handle) vs full-CSR "
           "baseline (systec_%s%s on the expansion)\n",
           op_label[g_op], tp, op_call[g_op], tp, op_base[g_op]);
    printf("library: libsystec %s (bench built against header %d.%d.%d)\n",
           systec_version_string(), SYSTEC_VERSION_MAJOR, SYSTEC_VERSION_MINOR,
           SYSTEC_VERSION_PATCH);
    printf("precision: %s values, int32 indices; threads: libsystec 1 (its kernels are serial), "
           "peers %d (--threads)\n", prec, o.threads);
    if (isfinite(machine.stream_gbs))
        printf("STREAM triad: %.1f GB/s with %d thread%s (the roof for the GB/s columns; "
               "'sym/roof' = GB/s sym / STREAM)\n",
               machine.stream_gbs, o.threads, o.threads == 1 ? "" : "s");
    else
        printf("STREAM triad: not measured\n");
    printf("cpu: %s\n", cpu);
    printf("compiler: %s (systec-bench)\n", compiler_string());
    printf("page policy: %s\n", policy);
    if (peer_line) printf("peers: %s\n", peer_line);
    printf("timing: %d timed round%s after %d warm-up round%s%s, CLOCK_MONOTONIC, samples of about 1 "
           "ms, per-call medians; speedup = median [min-max] over rounds of t_full/t_sym\n",
           o.reps, o.reps == 1 ? "" : "s", o.warmup, o.warmup == 1 ? "" : "s",
           o.quick ? " (--quick)" : "");
    printf("\n");

    int wname = 6;
    for (int i = 0; i < items.n; i++) {
        int l = (int)strlen(res[i].name);
        if (l > wname) wname = l;
    }
    /* SSYRK has no plain loop: those two columns hold systec_syrk's whole call
     * and its paired ratio to the numeric phase */
    const char *hplain = g_op == OP_SYRK ? "syrk call ms" : "t_plain ms";
    const char *hratio = g_op == OP_SYRK ? "x call/num [min-max]" : "x plain [min-max]";
    const int wp = (int)strlen(hplain) > 10 ? (int)strlen(hplain) : 10;
    const int wr = (int)strlen(hratio) > 19 ? (int)strlen(hratio) : 19;
    printf("%-*s %-9s %8s %10s %10s %10s %-19s %8s %9s %8s %9s %9s %*s %-*s %s\n", wname,
           "matrix", "origin", "n", "nnz(full)", "t_sym ms", "t_full ms", "speedup [min-max]",
           "GB/s sym", "GB/s full", "sym/roof", "conv ms", "expand ms", wp, hplain, wr, hratio,
           "check");
    for (int i = 0; i < items.n; i++) {
        const result_t *r = &res[i];
        if (r->status == RS_LOAD_ERROR || r->status == RS_SKIPPED ||
            (r->status == RS_KERNEL_ERROR && r->t_sym == 0)) {
            printf("%-*s %-9s %8s %10s %10s %10s %-19s %8s %9s %8s %9s %9s %*s %-*s %s\n", wname,
                   r->name, r->origin, "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", wp, "-",
                   wr, "-", r->status == RS_SKIPPED ? "skipped" : "ERROR");
            continue;
        }
        char a[32], b[32], c[32], d[32], e[32], sp[48], pl[48], gs[32], gf[32], roof[32];
        snprintf(sp, sizeof sp, "%.2f [%.2f-%.2f]", r->sp_med, r->sp_min, r->sp_max);
        const int call = g_op == OP_SYRK; /* the whole call in the plain loop's place */
        const double tpl = call ? r->t_call : r->t_plain;
        const double pmed = call ? r->call_med : r->pl_med, pmin = call ? r->call_min : r->pl_min,
                     pmax = call ? r->call_max : r->pl_max;
        if (isnan(pmed)) /* no plain loop (SSYRK into a dense output) */
            snprintf(pl, sizeof pl, "-");
        else
            snprintf(pl, sizeof pl, "%.2f [%.2f-%.2f]", pmed, pmin, pmax);
        snprintf(gs, sizeof gs, r->bytes_sym > 0 ? "%.2f" : "-", r->gbs_sym);
        snprintf(gf, sizeof gf, r->bytes_full > 0 ? "%.2f" : "-", r->gbs_full);
        snprintf(roof, sizeof roof,
                 r->bytes_sym > 0 && isfinite(machine.stream_gbs) ? "%.2f" : "-",
                 r->gbs_sym / machine.stream_gbs);
        printf("%-*s %-9s %8lld %10lld %10s %10s %-19s %8s %9s %8s %9s %9s %*s %-*s %s\n", wname,
               r->name, r->origin, (long long)r->n, (long long)r->nnz_full,
               fmt_ms(a, sizeof a, 1e3 * r->t_sym), fmt_ms(b, sizeof b, 1e3 * r->t_full), sp, gs,
               gf, roof, fmt_ms(c, sizeof c, r->conv_ms), fmt_ms(d, sizeof d, r->exp_ms), wp,
               isnan(tpl) ? "-" : fmt_ms(e, sizeof e, 1e3 * tpl), wr, pl,
               r->status == RS_OK ? "ok" : r->status == RS_CHECK_FAIL ? "FAIL" : "ERROR");
    }

    /* ---- peers: median time and paired ratio t_peer / t_sym (above 1: libsystec faster) */
    if (g_peers) {
        printf("\npeers, time per call in ms and x = t_peer/t_sym paired per round (above 1: "
               "libsystec's symmetric kernel is faster); set-up ms in brackets\n");
        for (int i = 0; i < items.n; i++) {
            const result_t *r = &res[i];
            if (!r->npeer) continue;
            printf("%-*s", wname, r->name);
            for (int q = 0; q < r->npeer; q++) {
                char a[32], b[32];
                printf("  %s %s x%.2f [%s]%s", r->peer_name[q],
                       fmt_ms(a, sizeof a, 1e3 * r->peer_t[q]), r->peer_ratio[q],
                       fmt_ms(b, sizeof b, r->peer_prep[q]), r->peer_bad[q] ? " WRONG" : "");
            }
            printf("%s%s\n", r->peer_err[0] ? "  (" : "", r->peer_err);
        }
        /* geomean of each peer's ratio over the file matrices, by peer name */
        const char *names[16];
        int nn = 0;
        for (int i = 0; i < items.n; i++)
            for (int q = 0; q < res[i].npeer; q++) {
                int seen = 0;
                for (int u = 0; u < nn; u++) seen |= !strcmp(names[u], res[i].peer_name[q]);
                if (!seen && nn < 16) names[nn++] = res[i].peer_name[q];
            }
        for (int u = 0; u < nn; u++) peer_geomean(res, items.n, names[u], "t_peer/t_sym");
    }

    /* ---- SSYRK peers: a table, one column per peer name, then geomeans */
    if (g_syrk_peers) {
        const char *const *all;
        int nall = syrk_peer_names(o.use_float, &all);
        printf("\nSSYRK peers (%s), time per call in ms; each computes the whole product "
               "(its symbolic and numeric work), so x = t_peer/t_call, paired per round with "
               "systec_syrk's whole call (symbolic + numeric, result created and freed; its "
               "median in these rounds is 'syrk call'); above 1: libsystec is faster; set-up ms "
               "in brackets; %d timed round%s\n",
               prec, o.syrk_peer_reps, o.syrk_peer_reps == 1 ? "" : "s");
        int wc[16];
        printf("%-*s %12s", wname, "matrix", "syrk call");
        for (int u = 0; u < nall && u < 16; u++) {
            wc[u] = (int)strlen(all[u]) > 27 ? (int)strlen(all[u]) : 27;
            printf("  %-*s", wc[u], all[u]);
        }
        printf("\n");
        for (int i = 0; i < items.n; i++) {
            const result_t *r = &res[i];
            if (!r->npeer) continue;
            char a[32];
            printf("%-*s %12s", wname, r->name, fmt_ms(a, sizeof a, 1e3 * r->peer_ref_t));
            for (int u = 0; u < nall && u < 16; u++) {
                char cell[96] = "-", b[32], c[32];
                for (int q = 0; q < r->npeer; q++)
                    if (!strcmp(r->peer_name[q], all[u]))
                        snprintf(cell, sizeof cell, "%s x%.2f [%s]%s",
                                 fmt_ms(b, sizeof b, 1e3 * r->peer_t[q]), r->peer_ratio[q],
                                 fmt_ms(c, sizeof c, r->peer_prep[q]),
                                 r->peer_bad[q] ? " WRONG" : "");
                printf("  %-*s", wc[u], cell);
            }
            printf("\n");
        }
        int nnote = 0;
        for (int i = 0; i < items.n; i++)
            if (res[i].peer_err[0])
                printf("%s  %s: %s\n", nnote++ ? "" : "notes:\n", res[i].name, res[i].peer_err);
        for (int u = 0; u < nall; u++) peer_geomean(res, items.n, all[u], "t_peer/t_call");
    }

    /* ---- summary */
    double lsum = 0.0, lpsum = 0.0;
    int nfile = 0;
    for (int i = 0; i < items.n; i++)
        if (res[i].status == RS_OK && !strcmp(res[i].origin, "file")) {
            lsum += log(res[i].sp_med);
            lpsum += log(res[i].pl_med);
            nfile++;
        }
    printf("\ngeomean speedup t_full/t_sym (%s): ", prec);
    if (nfile)
        printf("file matrices %.3f (%d matri%s)", exp(lsum / nfile), nfile,
               nfile == 1 ? "x" : "ces");
    else
        printf("file matrices - (none)");
    for (int i = 0; i < items.n; i++)
        if (strcmp(res[i].origin, "file") != 0) {
            if (res[i].status == RS_OK)
                printf("; synthetic %s %.3f", res[i].name, res[i].sp_med);
            else
                printf("; synthetic %s -", res[i].name);
        }
    printf("\n");
    if (g_op != OP_SYRK && g_op != OP_SYRKD) { /* the SSYRK ops have no plain loop */
        printf("geomean t_plain/t_sym (%s, plain one-accumulator CSR loop, a reference point): ", prec);
        geomean_tail(res, items.n, nfile, lpsum, offsetof(result_t, pl_med));
    }
    if (g_op == OP_SYRK) { /* what the symbolic phase and the allocation add */
        double l = 0;
        for (int i = 0; i < items.n; i++)
            if (res[i].status == RS_OK && !strcmp(res[i].origin, "file")) l += log(res[i].call_med);
        printf("geomean t_call/t_sym (%s, systec_syrk's whole call over its numeric phase): ",
               prec);
        geomean_tail(res, items.n, nfile, l, offsetof(result_t, call_med));
    }
    int nfail = 0, nskip = 0;
    for (int i = 0; i < items.n; i++) {
        nfail += res[i].status != RS_OK && res[i].status != RS_SKIPPED;
        nskip += res[i].status == RS_SKIPPED;
    }
    if (nskip) {
        printf("%d of %d matrices skipped:\n", nskip, items.n);
        for (int i = 0; i < items.n; i++)
            if (res[i].status == RS_SKIPPED) printf("  %s: %s\n", res[i].name, res[i].error);
    }
    if (nfail) {
        printf("%d of %d matrices FAILED (excluded from the geomean):\n", nfail, items.n);
        for (int i = 0; i < items.n; i++)
            if (res[i].status != RS_OK && res[i].status != RS_SKIPPED)
                printf("  %s: %s\n", res[i].name, res[i].error);
    }
    fflush(stdout);

    /* ---- CSV */
    int rc = failed ? 1 : 0;
    if (csv) {
        machine.anon_huge_kb = anon;
        snprintf(machine.policy, sizeof machine.policy, "%s", policy);
        bench_csv_header(csv);
        for (int i = 0; i < items.n; i++) write_rows(csv, &res[i], &o, &machine);
        int werr = ferror(csv);
        if (fclose(csv) != 0) werr = 1;
        if (werr) {
            fprintf(stderr, "%s: error writing CSV file %s\n", prog, o.csv);
            rc = 1;
        }
    }

    for (int i = 0; i < items.n; i++) {
        free(items.v[i].path);
        free(items.v[i].name);
        free(items.v[i].dir_error);
    }
    free(items.v);
    free(res);
    if (g_syrk_peers) syrk_peers_exit();
    if (g_peers || g_syrk_peers) peers_exit();
    return rc;
}
