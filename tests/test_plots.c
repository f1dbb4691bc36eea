/* bench_plots (bench/plots.c): writes two small long-format CSVs (symv with
 * GB/s and a STREAM figure, mttkrp with the paper's speedup) into a
 * temporary directory, makes the plots and reads the numbers back from the
 * .dat files; then the failure paths: a missing CSV, a CSV in another
 * format, no gnuplot in PATH, a gnuplot that fails. The PNGs are checked
 * when gnuplot is in PATH. Standalone: bench/plots.c, bench/results.c, -lm.
 * An argument keeps the temporary directory (its path is printed). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plots.h"
#include "results.h"

static int passed, failed;

#define CHECK(cond, ...)                                                                         \
    do {                                                                                         \
        if (cond) {                                                                              \
            passed++;                                                                            \
        } else {                                                                                 \
            failed++;                                                                            \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                          \
            printf(__VA_ARGS__);                                                                 \
            printf("\n");                                                                        \
        }                                                                                        \
    } while (0)

/* ------------------------------------------------------------- files */
static char *path_of(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p) abort();
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static int exists(const char *dir, const char *name)
{
    char *p = path_of(dir, name);
    struct stat st;
    int ok = stat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
    free(p);
    return ok;
}

static char *slurp(const char *dir, const char *name)
{
    char *p = path_of(dir, name);
    FILE *f = fopen(p, "rb");
    free(p);
    if (!f) return NULL;
    size_t cap = 4096, len = 0, got;
    char *s = malloc(cap);
    while (s && (got = fread(s + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (len + 1 == cap) {
            char *t = realloc(s, cap *= 2);
            if (!t) free(s);
            s = t;
        }
    }
    fclose(f);
    if (s) s[len] = '\0';
    return s;
}

static int is_png(const char *dir, const char *name)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    char *p = path_of(dir, name);
    FILE *f = fopen(p, "rb");
    free(p);
    if (!f) return 0;
    unsigned char b[8];
    int ok = fread(b, 1, 8, f) == 8 && !memcmp(b, sig, 8);
    fclose(f);
    return ok;
}

static void rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            char *p = path_of(path, e->d_name);
            rm_rf(p);
            free(p);
        }
        if (d) closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static int have_gnuplot(void)
{
    const char *path = getenv("PATH");
    if (!path) return 0;
    char *copy = strdup(path);
    if (!copy) abort();
    int found = 0;
    for (char *save = NULL, *d = strtok_r(copy, ":", &save); d && !found;
         d = strtok_r(NULL, ":", &save)) {
        char *p = path_of(*d ? d : ".", "gnuplot");
        found = access(p, X_OK) == 0;
        free(p);
    }
    free(copy);
    return found;
}

/* ----------------------------------------------------- the .dat files */
/* A .dat read back: the column names of its "# x "input" ..." line and
 * per data line the input's name and the numbers. */
typedef struct {
    int ncol, nline;
    char col[16][64];
    char name[16][64];
    double v[16][16];
} dat_t;

/* the next double-quoted name at *s into out; 0 if none */
static int quoted(const char **s, char *out, size_t outlen)
{
    const char *p = strchr(*s, '"');
    if (!p) return 0;
    const char *q = strchr(p + 1, '"');
    if (!q) return 0;
    size_t n = (size_t)(q - p - 1) < outlen - 1 ? (size_t)(q - p - 1) : outlen - 1;
    memcpy(out, p + 1, n);
    out[n] = '\0';
    *s = q + 1;
    return 1;
}

static int dat_read(const char *dir, const char *name, dat_t *d)
{
    memset(d, 0, sizeof *d);
    char *text = slurp(dir, name);
    if (!text) return -1;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        const char *s = line;
        if (!strncmp(line, "# x ", 4)) {
            char tmp[64];
            if (!quoted(&s, tmp, sizeof tmp)) continue; /* "input" */
            while (d->ncol < 16 && quoted(&s, d->col[d->ncol], sizeof d->col[0])) d->ncol++;
            continue;
        }
        if (line[0] == '#' || d->nline == 16) continue;
        char *end;
        strtol(s, &end, 10);
        s = end;
        if (!quoted(&s, d->name[d->nline], sizeof d->name[0])) continue;
        for (int c = 0; c < 16; c++) {
            double x = strtod(s, &end);
            if (end == s) break;
            d->v[d->nline][c] = x;
            s = end;
        }
        d->nline++;
    }
    free(text);
    return 0;
}

/* the number in line `input`, column `col`; -999 when there is no such cell */
static double dat_get(const dat_t *d, const char *input, const char *col)
{
    for (int l = 0; l < d->nline; l++) {
        if (strcmp(d->name[l], input)) continue;
        for (int c = 0; c < d->ncol; c++)
            if (!strcmp(d->col[c], col)) return d->v[l][c];
    }
    return -999;
}

static int has_col(const dat_t *d, const char *col)
{
    for (int c = 0; c < d->ncol; c++)
        if (!strcmp(d->col[c], col)) return 1;
    return 0;
}

static int near(double got, double want) { return fabs(got - want) <= 1e-5 * fabs(want); }

#define CHECK_NUM(d, input, col, want)                                                           \
    do {                                                                                         \
        double got_ = dat_get(d, input, col);                                                    \
        CHECK(near(got_, want), "%s / %s: %g, want %g", input, col, got_, (double)(want));       \
    } while (0)
#define CHECK_NAN(d, input, col)                                                                 \
    do {                                                                                         \
        double got_ = dat_get(d, input, col);                                                    \
        CHECK(isnan(got_), "%s / %s: %g, want NaN (no bar)", input, col, got_);                  \
    } while (0)

/* ------------------------------------------------------------- CSVs */
static bench_machine_t machine(void)
{
    bench_machine_t m;
    memset(&m, 0, sizeof m);
    snprintf(m.cpu, sizeof m.cpu, "test cpu");
    m.cores = 2;
    m.compiler = "cc";
    m.library = "0.0";
    m.anon_huge_kb = -1;
    m.stream_gbs = 30.0;
    m.stream_threads = 2;
    return m;
}

/* one row: t_ms; ratio and paired_with for the baseline; gbs; check */
static void row(FILE *f, const bench_machine_t *m, const char *kernel, const char *input,
                long param, const char *system, const char *role, int threads, double t,
                double ratio, double gbs, const char *check, double paper)
{
    bench_row_t r = bench_row_blank();
    r.kernel = kernel;
    r.input = input;
    r.origin = "synthetic";
    r.precision = "double";
    r.threads = threads;
    r.system = system;
    r.role = role;
    r.order = 2;
    r.param = param;
    r.t_ms = t;
    r.t_min_ms = t;
    r.t_max_ms = t;
    if (!isnan(ratio)) {
        r.paired_with = "libsystec";
        r.ratio_med = r.ratio_min = r.ratio_max = ratio;
    }
    r.gbs = gbs;
    r.check = check;
    r.paper_speedup = paper;
    bench_csv_row(f, &r, m);
}

/* the input name with a space, a caret, a comma and quotes: CSV-quoted in
 * the file; in the .dat the quotes become ' */
#define ODD_NAME "stencil 10^3, \"q\""
#define ODD_DAT "stencil 10^3, 'q'"

static int write_symv(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    bench_machine_t m = machine();
    bench_csv_header(f);
    const double X = NAN;
    /* matA: baseline 2.0 paired; plain 2/1.6; librsb 2/4; GraphBLAS failed its check */
    row(f, &m, "symv", "matA", -1, "libsystec", "systec", 1, 1.0, X, 20.0, "ok", X);
    row(f, &m, "symv", "matA", -1, "libsystec-baseline", "baseline", 1, 2.0, 2.0, 25.0, "ok", X);
    row(f, &m, "symv", "matA", -1, "plain-csr", "reference", 1, 1.6, X, X, "ok", X);
    row(f, &m, "symv", "matA", -1, "librsb sym", "peer", 2, 4.0, X, X, "ok", X);
    row(f, &m, "symv", "matA", -1, "GraphBLAS mxv", "peer", 2, 0.5, X, X, "FAIL", X);
    /* the odd name: the paired ratio 2.5 is used, not the medians' 3.0 */
    row(f, &m, "symv", ODD_NAME, -1, "libsystec", "systec", 1, 1.0, X, 40.0, "ok", X);
    row(f, &m, "symv", ODD_NAME, -1, "libsystec-baseline", "baseline", 1, 3.0, 2.5, 30.0, "ok",
        X);
    row(f, &m, "symv", ODD_NAME, -1, "plain-csr", "reference", 1, 2.0, X, X, "ok", X);
    row(f, &m, "symv", ODD_NAME, -1, "librsb sym", "peer", 2, 0.75, X, X, "ok", X);
    row(f, &m, "symv", ODD_NAME, -1, "GraphBLAS mxv", "peer", 2, 6.0, X, X, "ok", X);
    /* matC: the baseline failed, so no speedup bars; libsystec's GB/s stays */
    row(f, &m, "symv", "matC", -1, "libsystec", "systec", 1, 1.0, X, 10.0, "ok", X);
    row(f, &m, "symv", "matC", -1, "libsystec-baseline", "baseline", 1, 9.0, 9.0, 5.0, "FAIL", X);
    row(f, &m, "symv", "matC", -1, "plain-csr", "reference", 1, 2.0, X, X, "ok", X);
    return fclose(f);
}

static int write_mttkrp(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    bench_machine_t m = machine();
    m.stream_gbs = NAN;
    bench_csv_header(f);
    const double X = NAN;
    row(f, &m, "mttkrp", "tns3", 16, "libsystec", "systec", 1, 1.0, X, X, "ok", 2.83);
    row(f, &m, "mttkrp", "tns3", 16, "libsystec-baseline", "baseline", 1, 5.0, 4.5, X, "ok", X);
    row(f, &m, "mttkrp", "tns3", 16, "csf", "reference", 1, 2.5, X, X, "ok", X);
    row(f, &m, "mttkrp", "tns3", 32, "libsystec", "systec", 1, 2.0, X, X, "ok", X);
    row(f, &m, "mttkrp", "tns3", 32, "libsystec-baseline", "baseline", 1, 4.0, 1.8, X, "ok", X);
    return fclose(f);
}

/* ------------------------------------------------------------- tests */
static void test_plots(const char *tmp, const char *symv, const char *mttkrp, int gnuplot)
{
    char *out = path_of(tmp, "plots out/sub dir"); /* spaces, two new levels */
    const char *csv[] = {symv, mttkrp};
    char msg[2048];
    int rc = bench_plots(csv, 2, out, msg, sizeof msg);
    CHECK(rc == 0, "bench_plots: %d (%s)", rc, msg);
    printf("msg: %s\n", msg);
    static const char *const files[] = {"symv.dat",     "symv.gp",    "symv_gbs.dat",
                                        "symv_gbs.gp",  "mttkrp.dat", "mttkrp.gp"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        CHECK(exists(out, files[i]), "%s/%s missing", out, files[i]);

    dat_t d;
    CHECK(dat_read(out, "symv.dat", &d) == 0, "cannot read symv.dat");
    CHECK(d.nline == 3, "symv.dat: %d inputs, want 3", d.nline);
    CHECK(d.ncol == 4, "symv.dat: %d systems, want 4 (the baseline is the line at 1)", d.ncol);
    CHECK(!has_col(&d, "libsystec-baseline"), "symv.dat: a column for the baseline");
    CHECK_NUM(&d, "matA", "libsystec", 2.0);
    CHECK_NUM(&d, "matA", "plain-csr", 2.0 / 1.6);
    CHECK_NUM(&d, "matA", "librsb sym", 0.5);
    CHECK_NAN(&d, "matA", "GraphBLAS mxv"); /* check FAIL: left out */
    CHECK_NUM(&d, ODD_DAT, "libsystec", 2.5);
    CHECK_NUM(&d, ODD_DAT, "plain-csr", 1.5);
    CHECK_NUM(&d, ODD_DAT, "librsb sym", 4.0);
    CHECK_NUM(&d, ODD_DAT, "GraphBLAS mxv", 0.5);
    CHECK_NAN(&d, "matC", "libsystec");
    CHECK_NAN(&d, "matC", "plain-csr");
    char *text = slurp(out, "symv.dat");
    CHECK(text && strstr(text, "# left out (check FAIL): matA / GraphBLAS mxv"),
          "symv.dat does not list the failed GraphBLAS row");
    CHECK(text && strstr(text, "# no baseline row with check ok for matC"),
          "symv.dat does not say matC has no baseline");
    free(text);

    CHECK(dat_read(out, "symv_gbs.dat", &d) == 0, "cannot read symv_gbs.dat");
    CHECK(d.ncol == 2, "symv_gbs.dat: %d systems, want 2", d.ncol);
    CHECK_NUM(&d, "matA", "libsystec", 20.0);
    CHECK_NUM(&d, "matA", "libsystec-baseline", 25.0);
    CHECK_NUM(&d, ODD_DAT, "libsystec", 40.0);
    CHECK_NUM(&d, "matC", "libsystec", 10.0);
    CHECK_NAN(&d, "matC", "libsystec-baseline");
    text = slurp(out, "symv_gbs.dat");
    CHECK(text && strstr(text, "# STREAM triad: 30 GB/s"), "symv_gbs.dat: no STREAM figure");
    free(text);
    text = slurp(out, "symv_gbs.gp");
    CHECK(text && strstr(text, "30 with lines") && strstr(text, "STREAM triad 30 GB/s"),
          "symv_gbs.gp: no roof line at 30 GB/s");
    free(text);

    CHECK(dat_read(out, "mttkrp.dat", &d) == 0, "cannot read mttkrp.dat");
    CHECK(d.nline == 2, "mttkrp.dat: %d inputs, want 2 (rank 16 and 32)", d.nline);
    CHECK_NUM(&d, "tns3 (rank=16)", "libsystec", 4.5);
    CHECK_NUM(&d, "tns3 (rank=16)", "csf", 2.0);
    CHECK_NUM(&d, "tns3 (rank=16)", "SySTeC paper", 2.83);
    CHECK_NUM(&d, "tns3 (rank=32)", "libsystec", 1.8);
    CHECK_NAN(&d, "tns3 (rank=32)", "csf");
    CHECK_NAN(&d, "tns3 (rank=32)", "SySTeC paper");
    text = slurp(out, "mttkrp.gp");
    CHECK(text && strstr(text, "set logscale y") && strstr(text, "set output 'mttkrp.png'") &&
              strstr(text, "'mttkrp.dat'") && strstr(text, "'SySTeC paper'"),
          "mttkrp.gp: not the expected script");
    free(text);

    static const char *const pngs[] = {"symv.png", "symv_gbs.png", "mttkrp.png"};
    for (size_t i = 0; i < sizeof pngs / sizeof pngs[0]; i++) {
        if (gnuplot) {
            CHECK(is_png(out, pngs[i]), "%s/%s: missing or not a PNG", out, pngs[i]);
            CHECK(strstr(msg, pngs[i]) != NULL, "msg does not list %s", pngs[i]);
        } else {
            CHECK(!exists(out, pngs[i]), "%s written without gnuplot", pngs[i]);
        }
    }
    CHECK(strstr(msg, "1 row with check != ok") || strstr(msg, "2 rows with check != ok"),
          "msg does not count the rows left out: %s", msg);
    free(out);
}

static void test_errors(const char *tmp, const char *symv)
{
    char msg[512];
    char *out = path_of(tmp, "err");
    /* a CSV that does not exist */
    char *missing = path_of(tmp, "no such file.csv");
    const char *one[] = {missing};
    msg[0] = '\0';
    int rc = bench_plots(one, 1, out, msg, sizeof msg);
    CHECK(rc == -1, "missing CSV: %d", rc);
    CHECK(strstr(msg, missing) != NULL, "missing CSV: msg does not name it: %s", msg);
    /* and next to a good one */
    const char *two[] = {symv, missing};
    rc = bench_plots(two, 2, out, msg, sizeof msg);
    CHECK(rc == -1 && strstr(msg, missing), "good + missing CSV: %d (%s)", rc, msg);

    /* a CSV in another format (no kernel column) */
    char *old = path_of(tmp, "old.csv");
    FILE *f = fopen(old, "w");
    if (f) {
        fputs("op,matrix,t_sym_ms\nsymv,a,1.0\n", f);
        fclose(f);
    }
    const char *o[] = {old};
    rc = bench_plots(o, 1, out, msg, sizeof msg);
    CHECK(rc == -1 && strstr(msg, old) && strstr(msg, "kernel"), "old format: %d (%s)", rc,
          msg);
    free(old);

    /* a tiny msg buffer: still terminated */
    char tiny[8];
    memset(tiny, 'x', sizeof tiny);
    rc = bench_plots(one, 1, out, tiny, sizeof tiny);
    CHECK(rc == -1 && memchr(tiny, '\0', sizeof tiny), "tiny msg: %d", rc);
    free(missing);
    free(out);
}

/* PATH without gnuplot, then with a gnuplot that fails */
static void test_path(const char *tmp, const char *symv)
{
    const char *saved = getenv("PATH");
    char *keep = saved ? strdup(saved) : NULL;
    char *bin = path_of(tmp, "bin");
    mkdir(bin, 0777);
    char msg[2048];
    const char *csv[] = {symv};

    setenv("PATH", bin, 1);
    char *out = path_of(tmp, "nognuplot");
    int rc = bench_plots(csv, 1, out, msg, sizeof msg);
    CHECK(rc == 0, "no gnuplot: %d (%s)", rc, msg);
    static const char want[] = "gnuplot not found (Debian: gnuplot-nox): wrote the .dat and "
                               ".gp scripts in ";
    CHECK(!strncmp(msg, want, strlen(want)) && strstr(msg, out) && strstr(msg, "no PNG"),
          "no gnuplot: msg: %s", msg);
    CHECK(exists(out, "symv.dat") && exists(out, "symv.gp") && !exists(out, "symv.png"),
          "no gnuplot: not just the .dat and .gp files");
    free(out);

    char *fake = path_of(bin, "gnuplot");
    FILE *f = fopen(fake, "w");
    if (f) {
        fputs("#!/bin/sh\necho \"line 3: this gnuplot always fails\" >&2\nexit 3\n", f);
        fclose(f);
        chmod(fake, 0755);
    }
    out = path_of(tmp, "badgnuplot");
    rc = bench_plots(csv, 1, out, msg, sizeof msg);
    CHECK(rc == -1, "failing gnuplot: %d (%s)", rc, msg);
    if (strstr(msg, "cannot run gnuplot")) /* e.g. TMPDIR mounted noexec */
        printf("note: the fake gnuplot in %s cannot be run: %s\n", bin, msg);
    else
        CHECK(strstr(msg, "gnuplot failed") && strstr(msg, "symv.gp") &&
                  strstr(msg, "status 3") && strstr(msg, "always fails"),
              "failing gnuplot: msg: %s", msg);
    free(out);
    free(fake);

    if (keep)
        setenv("PATH", keep, 1);
    else
        unsetenv("PATH");
    free(keep);
    free(bin);
}

int main(int argc, char **argv)
{
    (void)argv;
    const char *base = getenv("TMPDIR");
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/test_plots.XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    char *symv = path_of(tmp, "symv.csv");
    char *mttkrp = path_of(tmp, "mttkrp.csv");
    if (write_symv(symv) || write_mttkrp(mttkrp)) {
        printf("FAIL: cannot write the CSVs in %s\n", tmp);
        return 1;
    }
    int gnuplot = have_gnuplot();
    if (!gnuplot) printf("note: gnuplot not in PATH: the PNGs are not checked\n");

    test_plots(tmp, symv, mttkrp, gnuplot);
    test_errors(tmp, symv);
    test_path(tmp, symv);

    free(symv);
    free(mttkrp);
    if (argc > 1 || failed)
        printf("kept %s\n", tmp);
    else
        rm_rf(tmp);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
