/*
 * systec-bench's plots (plots.h): per kernel, a .dat file and a gnuplot
 * script written from the long CSVs (results.h), then gnuplot run on each
 * script (fork/execvp in the output directory, no shell) to make the PNGs.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "plots.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "results.h"

/* ------------------------------------------------------------ strings */
/* A growing string; after an allocation failure it stays as it was and
 * oom is set. */
typedef struct {
    char *s;
    size_t n, cap;
    int oom;
} sbuf_t;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_printf(sbuf_t *b, const char *fmt, ...)
{
    if (b->oom) return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = b->cap - b->n;
        int k = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? room : 0, fmt, ap);
        va_end(ap);
        if (k < 0) {
            b->oom = 1;
            return;
        }
        if (b->s && (size_t)k < room) {
            b->n += (size_t)k;
            return;
        }
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + (size_t)k + 1) cap *= 2;
        char *s = realloc(b->s, cap);
        if (!s) {
            b->oom = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
}

static const char *sb_str(const sbuf_t *b) { return b->s ? b->s : ""; }

/* msg = text, truncated to msglen with "..." at the end when it does not fit */
static void set_msg(char *msg, size_t msglen, const char *text)
{
    if (!msg || msglen == 0) return;
    size_t n = strlen(text);
    if (n < msglen) {
        memcpy(msg, text, n + 1);
        return;
    }
    memcpy(msg, text, msglen - 1);
    msg[msglen - 1] = '\0';
    if (msglen > 4) memcpy(msg + msglen - 4, "...", 3);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void fmt_msg(char *msg, size_t msglen, const char *fmt, ...)
{
    if (!msg || msglen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, msglen, fmt, ap);
    va_end(ap);
}

/* name with characters other than [A-Za-z0-9._-] made '_' (a file name) */
static void file_stem(char *out, size_t outlen, const char *name)
{
    size_t i = 0;
    for (; name[i] && i + 1 < outlen; i++) {
        char c = name[i];
        int okc = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
        out[i] = okc ? c : '_';
    }
    out[i] = '\0';
    if (i == 0 || !strcmp(out, ".") || !strcmp(out, "..")) snprintf(out, outlen, "kernel");
}

/* s between quotes q, each q inside written as `inner`, line breaks as
 * spaces */
static void quoted(sbuf_t *b, const char *s, char q, const char *inner)
{
    sb_printf(b, "%c", q);
    for (; *s; s++) {
        if (*s == q)
            sb_printf(b, "%s", inner);
        else if (*s == '\n' || *s == '\r')
            sb_printf(b, " ");
        else
            sb_printf(b, "%c", *s);
    }
    sb_printf(b, "%c", q);
}

/* s as a gnuplot single-quoted string (' doubled) */
static void gp_str(sbuf_t *b, const char *s) { quoted(b, s, '\'', "''"); }

/* s as a double-quoted field of a gnuplot data file, which has no escape
 * for '"': it becomes ' */
static void dat_str(sbuf_t *b, const char *s) { quoted(b, s, '"', "'"); }

/* text for a .dat comment: one line */
static void comment_str(sbuf_t *b, const char *s)
{
    for (; *s; s++) sb_printf(b, "%c", (*s == '\n' || *s == '\r') ? ' ' : *s);
}

static void dat_num(sbuf_t *b, double v)
{
    if (isfinite(v))
        sb_printf(b, " %.6g", v);
    else
        sb_printf(b, " NaN");
}

/* ------------------------------------------------------------- rows */
typedef struct {
    const char *kernel, *input, *param, *system, *role, *paired, *check;
    int threads;
    double t, ratio, gbs, paper, stream, stream_threads;
} prow_t;

static int is_ok(const prow_t *r) { return !strcmp(r->check, "ok"); }

static int role_rank(const char *role)
{
    if (!strcmp(role, ROLE_SYSTEC)) return 0;
    if (!strcmp(role, ROLE_BASELINE)) return 1;
    if (!strcmp(role, ROLE_REFERENCE)) return 2;
    if (!strcmp(role, ROLE_PEER)) return 3;
    return 4;
}

static const char *const required[] = {"kernel", "input", "system", "role", "t_ms", "check"};

/* ------------------------------------------------------------ gnuplot */
/* The gnuplot executable found in PATH (absolute; malloc'd), or NULL. */
static char *find_gnuplot(void)
{
    const char *path = getenv("PATH");
    if (!path) path = "/usr/local/bin:/usr/bin:/bin";
    const char *p = path;
    for (;;) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        sbuf_t c = {0};
        if (len == 0)
            sb_printf(&c, "./gnuplot");
        else
            sb_printf(&c, "%.*s/gnuplot", (int)len, p);
        struct stat st;
        if (!c.oom && stat(c.s, &st) == 0 && S_ISREG(st.st_mode) && access(c.s, X_OK) == 0) {
            if (c.s[0] == '/') return c.s;
            char cwd[4096];
            sbuf_t a = {0};
            if (getcwd(cwd, sizeof cwd)) sb_printf(&a, "%s/%s", cwd, c.s);
            free(c.s);
            if (a.oom) {
                free(a.s);
                return NULL;
            }
            return a.s;
        }
        free(c.s);
        if (!end) return NULL;
        p = end + 1;
    }
}

/* Runs `exe script` with dir as working directory, its stdout and stderr
 * captured into out (first outlen-1 bytes), stdin /dev/null. Returns the
 * wait status, or -1 if it could not be started (out says why). */
static int run_gnuplot(const char *exe, const char *dir, const char *script, char *out,
                       size_t outlen)
{
    out[0] = '\0';
    int fd[2];
    if (pipe(fd) != 0) {
        snprintf(out, outlen, "pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(out, outlen, "fork: %s", strerror(errno));
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) { /* the child: only async-signal-safe calls */
        close(fd[0]);
        dup2(fd[1], STDOUT_FILENO);
        dup2(fd[1], STDERR_FILENO);
        if (fd[1] > STDERR_FILENO) close(fd[1]);
        int nul = open("/dev/null", O_RDONLY);
        if (nul >= 0 && nul != STDIN_FILENO) {
            dup2(nul, STDIN_FILENO);
            close(nul);
        }
        if (chdir(dir) != 0) {
            static const char e[] = "cannot enter the output directory\n";
            ssize_t w = write(STDERR_FILENO, e, sizeof e - 1);
            (void)w;
            _exit(126);
        }
        char *const argv[] = {(char *)"gnuplot", (char *)script, NULL};
        execvp(exe, argv);
        static const char e[] = "cannot run gnuplot\n";
        ssize_t w = write(STDERR_FILENO, e, sizeof e - 1);
        (void)w;
        _exit(127);
    }
    close(fd[1]);
    size_t len = 0;
    char buf[1024];
    for (;;) {
        ssize_t k = read(fd[0], buf, sizeof buf);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        size_t take = (size_t)k;
        if (len + 1 < outlen) {
            if (take > outlen - 1 - len) take = outlen - 1 - len;
            memcpy(out + len, buf, take);
            len += take;
            out[len] = '\0';
        }
    }
    close(fd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            snprintf(out, outlen, "waitpid: %s", strerror(errno));
            return -1;
        }
    }
    return status;
}

/* ------------------------------------------------------- one kernel */
typedef struct {
    const char *outdir;
    char *gnuplot;   /* absolute path; NULL: not found */
    sbuf_t pngs;     /* the PNGs written, for msg */
    sbuf_t notes;    /* remarks for msg */
    int npng, nleft; /* PNGs written; rows left out (check != ok) */
    char *msg;
    size_t msglen;
} ctx_t;

typedef struct {
    const char *input, *param;
} group_t;

typedef struct {
    char *label;     /* the system, with its threads when it ran with several */
    int rank;        /* role_rank of its first row */
    int first;       /* order of appearance */
} col_t;

/* One kernel's rows as a table: groups (input + param) by columns (systems). */
typedef struct {
    const char *kernel;
    char stem[200];      /* kernel as a file name */
    const prow_t *const *rows;
    int n, ng, nc;
    group_t *grp;        /* ng, in order of appearance */
    const char **xlab;   /* ng x-axis labels */
    char **xlab_own;     /* the labels built here (input + param) */
    col_t *col;          /* nc: systec, baseline, reference, peer, other roles */
    int *rgrp, *rcol;    /* row -> group, column */
    int *base;           /* group -> its baseline row, -1: none ok */
    const char *base_name;
    double *val, *gbs;   /* [g * nc + k]: speedup over the baseline, GB/s; NAN: none */
    double *paper;       /* group -> the paper's speedup; NAN */
    int have_paper, nleft, ndup;
    const char *param;   /* the param of every group when they share one, else NULL */
    const char *pname;   /* what param is: "k" (symm) or "rank" */
    int th_sys[64], nts, th_peer[64], ntp; /* distinct threads: libsystec's rows, peers' */
    int *use, *dcol;     /* scratch, nc each: column plotted; its .dat column */
} table_t;

static const char *const colors[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                     "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                                     "#bcbd22", "#17becf", "#393b79", "#637939"};
#define NCOLORS (sizeof colors / sizeof colors[0])
#define PAPER_TITLE "SySTeC paper"
/* the speedup plots' note, under the key */
#define NOTE                                                                               \
    "Each bar: speedup over the baseline.\n"                                               \
    "libsystec: the median over the rounds\n"                                              \
    "of t(baseline) / t(libsystec), paired.\n"                                             \
    "Other systems: t(baseline) / t(system),\n"                                            \
    "median times per call."
#define NOTE_PAPER                                                                         \
    "\n\nSySTeC paper (hatched): the paper's\n"                                             \
    "figure for this input, over naive Finch\n"                                            \
    "code on a Xeon E5-2680 v3: another\n"                                                 \
    "baseline and machine."

/* The key's entries: the label of every plotted column, with room for
 * `extra` more after them; *n set to how many are filled. NULL: out of
 * memory. */
static const char **system_keys(const table_t *t, int nc, int extra, int *n)
{
    const char **keys = calloc((size_t)(nc + extra + 1), sizeof *keys);
    if (!keys) return NULL;
    *n = 0;
    for (int k = 0; k < nc; k++)
        if (t->use[k]) keys[(*n)++] = t->col[k].label;
    return keys;
}

static int cmp_col(const void *a, const void *b)
{
    const col_t *x = a, *y = b;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* text into outdir/stem.ext */
static int write_file(ctx_t *c, const char *stem, const char *ext, const sbuf_t *text)
{
    sbuf_t p = {0};
    sb_printf(&p, "%s/%s.%s", c->outdir, stem, ext);
    if (p.oom || text->oom) {
        fmt_msg(c->msg, c->msglen, "out of memory writing %s/%s.%s", c->outdir, stem, ext);
        free(p.s);
        return -1;
    }
    FILE *f = fopen(p.s, "w");
    int bad = !f;
    if (f) {
        if (fwrite(sb_str(text), 1, text->n, f) != text->n) bad = 1;
        if (fclose(f) != 0) bad = 1;
    }
    if (bad) fmt_msg(c->msg, c->msglen, "cannot write %s: %s", p.s, strerror(errno));
    free(p.s);
    return bad ? -1 : 0;
}

/* gnuplot on stem.gp in outdir; then stem.png must exist */
static int make_png(ctx_t *c, const char *stem)
{
    if (!c->gnuplot) return 0;
    char script[300], png[300], out[1024];
    snprintf(script, sizeof script, "%s.gp", stem);
    snprintf(png, sizeof png, "%s.png", stem);
    int st = run_gnuplot(c->gnuplot, c->outdir, script, out, sizeof out);
    for (char *q = out; *q; q++) /* gnuplot's first lines, on one line */
        if (*q == '\n' || *q == '\r') *q = ' ';
    if (st < 0) {
        fmt_msg(c->msg, c->msglen, "cannot run gnuplot on %s/%s: %s", c->outdir, script, out);
        return -1;
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        if (WIFEXITED(st))
            fmt_msg(c->msg, c->msglen, "gnuplot failed on %s/%s (exit status %d): %s",
                    c->outdir, script, WEXITSTATUS(st), out);
        else
            fmt_msg(c->msg, c->msglen, "gnuplot failed on %s/%s (signal %d): %s", c->outdir,
                    script, WIFSIGNALED(st) ? WTERMSIG(st) : 0, out);
        return -1;
    }
    sbuf_t p = {0};
    sb_printf(&p, "%s/%s", c->outdir, png);
    struct stat sst;
    int have = !p.oom && stat(p.s, &sst) == 0 && sst.st_size > 0;
    free(p.s);
    if (!have) {
        fmt_msg(c->msg, c->msglen, "gnuplot ran %s/%s but wrote no %s: %s", c->outdir, script,
                png, out);
        return -1;
    }
    sb_printf(&c->pngs, "%s%s", c->npng ? ", " : "", png);
    c->npng++;
    return 0;
}

static void add_distinct(int *v, int *n, int cap, int x)
{
    for (int i = 0; i < *n; i++)
        if (v[i] == x) return;
    if (*n < cap) v[(*n)++] = x;
}

/* "1", "1,2" or "1-8" from the distinct thread counts th[0..n) */
static void threads_text(sbuf_t *b, const int *th, int n)
{
    int lo = 0, hi = 0;
    for (int i = 0; i < n; i++) {
        if (i == 0 || th[i] < lo) lo = th[i];
        if (i == 0 || th[i] > hi) hi = th[i];
    }
    if (n == 0)
        sb_printf(b, "?");
    else if (n == 1)
        sb_printf(b, "%d", lo);
    else if (n == 2)
        sb_printf(b, "%d,%d", lo, hi);
    else
        sb_printf(b, "%d-%d", lo, hi);
}

/* "threads: 1" or "threads: libsystec 1, peers 4" */
static void threads_title(sbuf_t *b, const table_t *t)
{
    sb_printf(b, "threads: ");
    if (t->ntp == 0 || (t->nts == 1 && t->ntp == 1 && t->th_sys[0] == t->th_peer[0])) {
        threads_text(b, t->nts ? t->th_sys : t->th_peer, t->nts ? t->nts : t->ntp);
        return;
    }
    sb_printf(b, "libsystec ");
    threads_text(b, t->th_sys, t->nts);
    sb_printf(b, ", peers ");
    threads_text(b, t->th_peer, t->ntp);
}

/* The picture's layout: its width from the bars, the title and the right
 * margin (the key, a note under it); pixel widths estimated for the cairo
 * Sans font at 11 points (7.6 px a character, 8.6 for the key's mixed case;
 * 12 points: 8.3; 9 points: 6). */
typedef struct {
    const char *title1, *title2;
    const char *const *keys; /* the key's entries */
    int nkeys;
    const char *note;        /* lines under the key ('\n' between them), or NULL */
    int nbars;               /* bars per input */
    int key_bottom;          /* the key at the bottom of the right margin */
} layout_t;

#define XLABEL_MAX 28 /* characters of an input's name on the x axis */

static double longest_line(const char *s)
{
    size_t best = 0, cur = 0;
    for (; s && *s; s++) {
        if (*s == '\n') {
            cur = 0;
            continue;
        }
        if (((unsigned char)*s & 0xC0) != 0x80) cur++; /* UTF-8: count characters */
        if (cur > best) best = cur;
    }
    return (double)best;
}

/* s as a gnuplot single-quoted string of at most max characters ("..." at the end) */
static void gp_str_short(sbuf_t *b, const char *s, size_t max)
{
    size_t chars = 0, cut = 0, len = strlen(s);
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars == max - 2) cut = i;
    if (chars <= max || max < 4) {
        gp_str(b, s);
        return;
    }
    char *c = malloc(cut + 4);
    if (!c) {
        b->oom = 1;
        return;
    }
    memcpy(c, s, cut);
    memcpy(c + cut, "...", 4);
    gp_str(b, c);
    free(c);
}

/* The common head of a script: terminal and size, output, a two-line
 * title, the x axis (one tic per input, light lines between inputs), the
 * key and the note in the right margin, the y grid. */
static void gp_head(sbuf_t *g, const char *stem, const table_t *t, const layout_t *l)
{
    double keyw = 0, notew = l->note ? 6.0 * longest_line(l->note) + 10 : 0;
    for (int i = 0; i < l->nkeys; i++)
        if (8.6 * longest_line(l->keys[i]) + 90 > keyw) keyw = 8.6 * longest_line(l->keys[i]) + 90;
    double right = (keyw > notew ? keyw : notew) + 30, left = 95;
    double per = l->nbars * 7 + 12 < 48 ? 48 : l->nbars * 7 + 12;
    /* the first input's label, rotated by 35 degrees, ends 0.6 bars' width
     * right of the axis and must not leave the picture */
    if (t->ng > 0) {
        double chars = longest_line(t->xlab[0]);
        double need = 6.3 * (chars < XLABEL_MAX ? chars : XLABEL_MAX) - 0.6 * per + 15;
        if (need > left) left = need;
    }
    double titlew = 8.3 * (longest_line(l->title1) > longest_line(l->title2)
                               ? longest_line(l->title1)
                               : longest_line(l->title2));
    double plotw = t->ng * per;
    if (plotw < titlew - 2 * left + 20) plotw = titlew - 2 * left + 20;
    double w = left + plotw + right;
    int width = w < 1000 ? 1000 : w > 3600 ? 3600 : (int)w, height = 760;

    sb_printf(g, "# systec-bench (bench/plots.c); run in this directory: gnuplot %s.gp\n", stem);
    sb_printf(g, "if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {\n"
                 "    set terminal pngcairo noenhanced size %d,%d font 'Sans,11'\n"
                 "} else {\n"
                 "    set terminal png noenhanced size %d,%d\n"
                 "}\n",
              width, height, width, height);
    sb_printf(g, "set output '%s.png'\n", stem);
    sb_printf(g, "set title ");
    gp_str(g, l->title1);
    sb_printf(g, ".\"\\n\".");
    gp_str(g, l->title2);
    sb_printf(g, " font ',12'\n");
    sb_printf(g, "set datafile missing 'NaN'\n");
    sb_printf(g, "set xrange [-0.6:%g]\n", t->ng - 0.4);
    sb_printf(g, "set xtics nomirror rotate by 35 right scale 0 (");
    for (int i = 0; i < t->ng; i++) {
        sb_printf(g, "%s", i ? ", " : "");
        gp_str_short(g, t->xlab[i], XLABEL_MAX);
        sb_printf(g, " %d", i);
    }
    sb_printf(g, ")\n");
    sb_printf(g, "set xlabel 'input");
    if (t->param) {
        sb_printf(g, " (%s = ' . ", t->pname);
        gp_str(g, t->param);
        sb_printf(g, " . ')");
    }
    sb_printf(g, "'\n");
    if (t->ng > 1)
        sb_printf(g, "do for [i=0:%d] {\n"
                     "    set arrow from first i+0.5, graph 0 to first i+0.5, graph 1 nohead "
                     "lc rgb '#cccccc' back\n"
                     "}\n",
                  t->ng - 2);
    double rm = 1 - right / width;
    sb_printf(g, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n", left / width, rm);
    sb_printf(g, "set key outside right %s vertical Left reverse box samplen 2 spacing 1.2 "
                 "width 2\n",
              l->key_bottom ? "bottom" : "top");
    if (l->note) {
        /* under the key: 80 px of title, 21 px a key entry */
        double y = 1 - (80.0 + 21.0 * l->nkeys + 40.0) / height;
        sb_printf(g, "set label ");
        sb_printf(g, "\"");
        for (const char *s = l->note; *s; s++) {
            if (*s == '\n')
                sb_printf(g, "\\n");
            else if (*s == '"' || *s == '\\')
                sb_printf(g, "\\%c", *s);
            else
                sb_printf(g, "%c", *s);
        }
        sb_printf(g, "\" at screen %.4f, screen %.4f left font ',9' tc rgb '#333333'\n",
                  rm + 20.0 / width, y);
    }
    sb_printf(g, "set border 3\nset ytics nomirror\nset grid ytics lc rgb '#dddddd'\n");
}

/* one bar series: column col of stem.dat at x + off, from ylow */
static void gp_bars(sbuf_t *g, int first, const char *stem, double off, double hw, int col,
                    double ylow, const char *fill, const char *color, const char *title)
{
    sb_printf(g, "%s  '%s.dat' using ($1%+.4f):%d:($1%+.4f):($1%+.4f):(%g):%d with boxxyerror "
                 "fs %s border lc rgb '#404040' lc rgb '%s' title ",
              first ? "" : ", \\\n", stem, off, col, off - hw, off + hw, ylow, col, fill, color);
    gp_str(g, title);
}

/* ticks on a log axis over [lo, hi]: finer the narrower the range (1-2-5
 * over a few decades, powers of 10 over many) */
static void log_ticks(sbuf_t *g, double lo, double hi)
{
    static const double vfine[] = {1, 1.1, 1.2, 1.3, 1.5, 1.7, 2, 2.5, 3, 4, 5, 6, 7, 8, 9};
    static const double fine[] = {1, 1.5, 2, 3, 5, 7}, m125[] = {1, 2, 5};
    int e0 = (int)floor(log10(lo)), e1 = (int)ceil(log10(hi));
    double decades = log10(hi / lo);
    const double *m = decades < 0.6 ? vfine : decades < 1.3 ? fine : m125;
    int steps = decades < 0.6 ? 15 : decades < 1.3 ? 6 : (e1 - e0) <= 5 ? 3 : 1;
    int first = 1;
    sb_printf(g, "set ytics (");
    for (int e = e0; e <= e1; e++)
        for (int k = 0; k < steps; k++) {
            double v = m[k] * pow(10.0, e);
            if (v < lo * 0.999 || v > hi * 1.001) continue;
            sb_printf(g, "%s'%g' %g", first ? "" : ", ", v, v);
            first = 0;
        }
    sb_printf(g, ")\n");
}

static void table_free(table_t *t)
{
    if (t->col)
        for (int k = 0; k < t->nc; k++) free(t->col[k].label);
    if (t->xlab_own)
        for (int g = 0; g < t->ng; g++) free(t->xlab_own[g]);
    free(t->grp);
    free(t->xlab);
    free(t->xlab_own);
    free(t->col);
    free(t->rgrp);
    free(t->rcol);
    free(t->base);
    free(t->val);
    free(t->gbs);
    free(t->paper);
    free(t->use);
    free(t->dcol);
    memset(t, 0, sizeof *t);
}

/* Builds the table of one kernel's rows; 0, or -1 when out of memory. */
static int table_build(table_t *t, const char *kernel, const prow_t *const *rows, int n)
{
    memset(t, 0, sizeof *t);
    t->kernel = kernel;
    t->rows = rows;
    t->n = n;
    file_stem(t->stem, sizeof t->stem, kernel);
    size_t sn = (size_t)n + 1;
    t->grp = calloc(sn, sizeof *t->grp);
    t->xlab = calloc(sn, sizeof *t->xlab);
    t->xlab_own = calloc(sn, sizeof *t->xlab_own);
    t->col = calloc(sn, sizeof *t->col);
    t->rgrp = calloc(sn, sizeof *t->rgrp);
    t->rcol = calloc(sn, sizeof *t->rcol);
    t->base = calloc(sn, sizeof *t->base);
    t->paper = calloc(sn, sizeof *t->paper);
    t->use = calloc(sn, sizeof *t->use);
    t->dcol = calloc(sn, sizeof *t->dcol);
    if (!t->grp || !t->xlab || !t->xlab_own || !t->col || !t->rgrp || !t->rcol || !t->base ||
        !t->paper || !t->use || !t->dcol)
        return -1;

    /* groups: input + param, in order of appearance */
    for (int i = 0; i < n; i++) {
        int g = 0;
        while (g < t->ng && (strcmp(t->grp[g].input, rows[i]->input) ||
                             strcmp(t->grp[g].param, rows[i]->param)))
            g++;
        if (g == t->ng) t->grp[t->ng++] = (group_t){rows[i]->input, rows[i]->param};
        t->rgrp[i] = g;
    }
    /* one param for every group goes under the axis, not in every label */
    t->param = t->grp[0].param[0] ? t->grp[0].param : NULL;
    for (int g = 1; g < t->ng; g++)
        if (strcmp(t->grp[g].param, t->grp[0].param)) t->param = NULL;
    t->pname = !strcmp(kernel, "symm") ? "k" : "rank";
    for (int g = 0; g < t->ng; g++) {
        t->xlab[g] = t->grp[g].input;
        if (t->param || !t->grp[g].param[0]) continue;
        sbuf_t l = {0};
        sb_printf(&l, "%s (%s=%s)", t->grp[g].input, t->pname, t->grp[g].param);
        if (l.oom) {
            free(l.s);
            return -1;
        }
        t->xlab[g] = t->xlab_own[g] = l.s;
    }

    /* columns: the system, with its threads if it ran with several */
    for (int i = 0; i < n; i++) {
        int th[64], nt = 0;
        for (int j = 0; j < n; j++)
            if (!strcmp(rows[j]->system, rows[i]->system))
                add_distinct(th, &nt, 64, rows[j]->threads);
        sbuf_t l = {0};
        if (nt > 1)
            sb_printf(&l, "%s (%d thread%s)", rows[i]->system, rows[i]->threads,
                      rows[i]->threads == 1 ? "" : "s");
        else
            sb_printf(&l, "%s", rows[i]->system);
        if (l.oom) {
            free(l.s);
            return -1;
        }
        int k = 0;
        while (k < t->nc && strcmp(t->col[k].label, l.s)) k++;
        if (k == t->nc)
            t->col[t->nc++] = (col_t){l.s, role_rank(rows[i]->role), k};
        else
            free(l.s);
        t->rcol[i] = k;
    }
    /* sort them by role (stable: appearance) and renumber the rows' columns */
    qsort(t->col, (size_t)t->nc, sizeof *t->col, cmp_col);
    for (int k = 0; k < t->nc; k++) t->dcol[t->col[k].first] = k;
    for (int i = 0; i < n; i++) t->rcol[i] = t->dcol[t->rcol[i]];

    /* each group's baseline: its ok baseline row with the fewest threads */
    for (int g = 0; g < t->ng; g++) t->base[g] = -1;
    for (int i = 0; i < n; i++) {
        if (strcmp(rows[i]->role, ROLE_BASELINE) || !is_ok(rows[i])) continue;
        int g = t->rgrp[i];
        if (t->base[g] < 0 || rows[i]->threads <= rows[t->base[g]]->threads) t->base[g] = i;
        if (!t->base_name) t->base_name = rows[i]->system;
    }
    if (!t->base_name) t->base_name = "the generated non-symmetric baseline";

    /* the values */
    size_t cells = (size_t)t->ng * (size_t)t->nc + 1;
    t->val = malloc(cells * sizeof *t->val);
    t->gbs = malloc(cells * sizeof *t->gbs);
    if (!t->val || !t->gbs) return -1;
    for (size_t i = 0; i < cells; i++) t->val[i] = t->gbs[i] = NAN;
    for (int g = 0; g < t->ng; g++) t->paper[g] = NAN;
    for (int i = 0; i < n; i++) {
        const prow_t *r = rows[i];
        int g = t->rgrp[i], cell = g * t->nc + t->rcol[i];
        if (strcmp(r->role, ROLE_PEER)) add_distinct(t->th_sys, &t->nts, 64, r->threads);
        else add_distinct(t->th_peer, &t->ntp, 64, r->threads);
        if (isnan(t->paper[g]) && isfinite(r->paper) && r->paper > 0) {
            t->paper[g] = r->paper;
            t->have_paper = 1;
        }
        if (!is_ok(r)) {
            t->nleft++;
            continue;
        }
        if (isfinite(t->gbs[cell]) || isfinite(t->val[cell])) t->ndup++;
        if (isfinite(r->gbs) && r->gbs > 0) t->gbs[cell] = r->gbs;
        if (!strcmp(r->role, ROLE_BASELINE) || t->base[g] < 0) continue;
        const prow_t *b = rows[t->base[g]];
        double v = NAN;
        if (!strcmp(r->role, ROLE_SYSTEC) && !strcmp(b->paired, r->system) &&
            isfinite(b->ratio))
            v = b->ratio; /* paired per round: t_baseline / t_libsystec */
        else if (isfinite(b->t) && isfinite(r->t) && r->t > 0)
            v = b->t / r->t; /* medians */
        if (isfinite(v) && v > 0) t->val[cell] = v;
    }
    return 0;
}

/* <kernel>.dat, .gp and .png: the speedup bars */
/* A .dat file's column line and rows: per group its x position and label,
 * then values[g * nc + k] for every column k with t->dcol[k] set, which is
 * renumbered to the column's place in the file (0: not in it), then the
 * paper's figure when with_paper. Returns the paper's column (0: none). */
static int dat_rows(sbuf_t *d, table_t *t, const double *values, int with_paper)
{
    const int nc = t->nc;
    int nd = 2;
    sb_printf(d, "# columns:\n# x \"input\"");
    for (int k = 0; k < nc; k++) {
        if (!t->dcol[k]) continue;
        t->dcol[k] = ++nd;
        sb_printf(d, " ");
        dat_str(d, t->col[k].label);
    }
    int paper_col = with_paper ? ++nd : 0;
    if (with_paper) sb_printf(d, " \"SySTeC paper\"");
    sb_printf(d, "\n");
    for (int r = 0; r < t->ng; r++) {
        sb_printf(d, "%d ", r);
        dat_str(d, t->xlab[r]);
        for (int k = 0; k < nc; k++)
            if (t->dcol[k]) dat_num(d, values[r * nc + k]);
        if (with_paper) dat_num(d, t->paper[r]);
        sb_printf(d, "\n");
    }
    return paper_col;
}

static int speedup_plot(ctx_t *c, table_t *t)
{
    const int nc = t->nc;
    int rc = -1;
    sbuf_t d = {0}, g = {0}, t1 = {0}, t2 = {0}, one = {0};
    const char **keys = NULL;

    /* the .dat: one line per group, one column per system but the baseline */
    sb_printf(&d, "# systec-bench plots: %s, speedup over ", t->kernel);
    comment_str(&d, t->base_name);
    sb_printf(&d, " per input (input + param)\n"
                  "# libsystec's column: the baseline row's ratio_median (paired per round);\n"
                  "# every other system: t_ms(baseline) / t_ms(system), medians. NaN: no bar.\n");
    if (t->have_paper)
        sb_printf(&d, "# last column: the SySTeC paper's speedup (paper_speedup; over naive "
                      "Finch code on an Intel Xeon E5-2680 v3)\n");
    for (int i = 0; i < t->n; i++) {
        const prow_t *r = t->rows[i];
        if (is_ok(r)) continue;
        sb_printf(&d, "# left out (check %s): ", r->check[0] ? r->check : "empty");
        comment_str(&d, t->xlab[t->rgrp[i]]);
        sb_printf(&d, " / ");
        comment_str(&d, t->col[t->rcol[i]].label);
        sb_printf(&d, "\n");
    }
    for (int k = 0; k < t->ng; k++)
        if (t->base[k] < 0) {
            sb_printf(&d, "# no baseline row with check ok for ");
            comment_str(&d, t->xlab[k]);
            sb_printf(&d, ": no bars\n");
        }
    if (t->ndup) sb_printf(&d, "# %d duplicate rows: the last of each is used\n", t->ndup);
    for (int k = 0; k < nc; k++) t->dcol[k] = t->col[k].rank != 1; /* all but the baseline */
    int paper_col = dat_rows(&d, t, t->val, t->have_paper);
    if (write_file(c, t->stem, "dat", &d)) goto out;

    /* which columns have a bar somewhere; the y range, 1 included */
    int nbar = t->have_paper;
    double lo = 1, hi = 1;
    for (int k = 0; k < nc; k++) {
        t->use[k] = 0;
        for (int r = 0; r < t->ng && t->dcol[k]; r++) {
            double v = t->val[r * nc + k];
            if (!isfinite(v)) continue;
            t->use[k] = 1;
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        nbar += t->use[k];
    }
    for (int r = 0; r < t->ng; r++)
        if (isfinite(t->paper[r])) {
            lo = t->paper[r] < lo ? t->paper[r] : lo;
            hi = t->paper[r] > hi ? t->paper[r] : hi;
        }
    lo /= 1.5;
    hi *= 1.5;

    /* the .gp */
    sb_printf(&t1, "%s: speedup over %s (the same kernel generated without symmetry)", t->kernel,
              t->base_name);
    threads_title(&t2, t);
    if (!strcmp(t->kernel, "syrk")) /* the baseline is a numeric phase; the peers are not */
        sb_printf(&t2, "\nthe peers compute the whole product (symbolic + numeric): compare "
                       "them with libsystec-call, not with libsystec (its numeric phase)");
    if (t->nleft)
        sb_printf(&t2, "; %d row%s with check != ok left out (see %s.dat)", t->nleft,
                  t->nleft == 1 ? "" : "s", t->stem);
    sb_printf(&one, "%s = 1", t->base_name);
    int nkeys = 0;
    if (!(keys = system_keys(t, nc, 2, &nkeys))) {
        fmt_msg(c->msg, c->msglen, "out of memory (the plots of %s)", t->kernel);
        goto out;
    }
    if (t->have_paper) keys[nkeys++] = PAPER_TITLE;
    keys[nkeys++] = sb_str(&one);
    layout_t lay = {sb_str(&t1), sb_str(&t2), keys, nkeys,
                    t->have_paper ? NOTE NOTE_PAPER : NOTE, nbar, 0};
    gp_head(&g, t->stem, t, &lay);
    sb_printf(&g, "set logscale y\nset yrange [%g:%g]\n", lo, hi);
    log_ticks(&g, lo, hi);
    sb_printf(&g, "set ylabel 'speedup over the baseline (log scale; above 1: faster)'\n");
    if (nbar == 0)
        sb_printf(&g, "set label 'no bars: no row with check ok that has a baseline' at graph "
                      "0.5, graph 0.5 center\n");
    sb_printf(&g, "plot \\\n");
    double w = 0.84 / (nbar ? nbar : 1), hw = w * 0.45;
    int j = 0, paper_done = !t->have_paper;
    for (int k = 0; k <= nc; k++) {
        /* the paper's bar beside libsystec's, or last if libsystec has none */
        if (!paper_done && (k == nc || (k > 0 && t->col[k - 1].rank == 0 && t->use[k - 1]))) {
            gp_bars(&g, j == 0, t->stem, -0.42 + (j + 0.5) * w, hw, paper_col, 1,
                    "pattern 4", "#202020", PAPER_TITLE);
            paper_done = 1;
            j++;
        }
        if (k == nc || !t->use[k]) continue;
        gp_bars(&g, j == 0, t->stem, -0.42 + (j + 0.5) * w, hw, t->dcol[k], 1, "solid 0.85",
                colors[(size_t)k % NCOLORS], t->col[k].label);
        j++;
    }
    sb_printf(&g, "%s  1 with lines lw 2 lc rgb 'black' title ", j ? ", \\\n" : "");
    gp_str(&g, sb_str(&one));
    sb_printf(&g, "\n");
    if (write_file(c, t->stem, "gp", &g)) goto out;
    rc = make_png(c, t->stem);
out:
    free(d.s);
    free(g.s);
    free(t1.s);
    free(t2.s);
    free(one.s);
    free(keys);
    return rc;
}

/* symv_gbs.dat, .gp and .png: effective GB/s under the STREAM triad roof */
static int gbs_plot(ctx_t *c, table_t *t)
{
    const int nc = t->nc;
    int nb = 0;
    double gmax = 0, stream = NAN, sthreads = NAN;
    int streams_differ = 0;
    for (int k = 0; k < nc; k++) {
        t->use[k] = 0;
        for (int r = 0; r < t->ng; r++)
            if (isfinite(t->gbs[r * nc + k])) {
                t->use[k] = 1;
                gmax = t->gbs[r * nc + k] > gmax ? t->gbs[r * nc + k] : gmax;
            }
        nb += t->use[k];
    }
    for (int i = 0; i < t->n; i++) {
        double s = t->rows[i]->stream;
        if (!isfinite(s) || s <= 0) continue;
        if (isnan(stream)) {
            stream = s;
            sthreads = t->rows[i]->stream_threads;
        } else if (s != stream) {
            streams_differ = 1;
        }
    }
    if (nb == 0) {
        sb_printf(&c->notes, "%s%s: no gbs figures, no %s_gbs.png", c->notes.n ? "; " : "",
                  t->kernel, t->stem);
        return 0;
    }
    int rc = -1;
    char stem[220];
    snprintf(stem, sizeof stem, "%s_gbs", t->stem);
    sbuf_t d = {0}, g = {0}, t1 = {0}, t2 = {0}, roof = {0};
    const char **keys = NULL;
    sb_printf(&d, "# systec-bench plots: %s, effective GB/s per input (docs/bench-method.md: the "
                  "traffic model); NaN: no figure\n", t->kernel);
    if (isfinite(stream))
        sb_printf(&d, "# STREAM triad: %.4g GB/s, the roof%s\n", stream,
                  streams_differ ? " (the first row's figure; the rows differ)" : "");
    else
        sb_printf(&d, "# STREAM triad: not in the CSV\n");
    if (t->nleft)
        sb_printf(&d, "# %d rows with check != ok left out (listed in %s.dat)\n", t->nleft,
                  t->stem);
    for (int k = 0; k < nc; k++) t->dcol[k] = t->use[k];
    dat_rows(&d, t, t->gbs, 0);
    if (write_file(c, stem, "dat", &d)) goto out;

    sb_printf(&t1, "%s: effective GB/s per input (compulsory-traffic model, docs/bench-method.md)",
              t->kernel);
    sb_printf(&t2, "threads: ");
    threads_text(&t2, t->th_sys, t->nts);
    if (isfinite(stream)) {
        sb_printf(&roof, "STREAM triad %.3g GB/s", stream);
        if (isfinite(sthreads) && sthreads > 0)
            sb_printf(&roof, ", %.0f thread%s", sthreads, sthreads == 1 ? "" : "s");
        sb_printf(&t2, "; the roof: %s (above it: inputs that fit in cache)", sb_str(&roof));
    } else {
        sb_printf(&t2, "; no STREAM figure in the CSV: no roof");
    }
    double top = (isfinite(stream) && stream > gmax ? stream : gmax) * 1.12;
    int nkeys = 0;
    if (!(keys = system_keys(t, nc, 1, &nkeys))) {
        fmt_msg(c->msg, c->msglen, "out of memory (the plots of %s)", t->kernel);
        goto out;
    }
    if (isfinite(stream)) keys[nkeys++] = sb_str(&roof);
    /* the key away from the roof's label in the right margin */
    layout_t lay = {sb_str(&t1), sb_str(&t2), keys, nkeys, NULL, nb,
                    isfinite(stream) && stream / top > 0.5};
    gp_head(&g, stem, t, &lay);
    sb_printf(&g, "set yrange [0:%g]\nset ylabel 'effective GB/s'\n", top);
    if (isfinite(stream))
        sb_printf(&g, "set label 'roof' at graph 1, first %g offset 1,0 left tc rgb '#c00000'\n",
                  stream);
    sb_printf(&g, "plot \\\n");
    double w = 0.84 / nb, hw = w * 0.45;
    int j = 0;
    for (int k = 0; k < nc; k++) {
        if (!t->use[k]) continue;
        gp_bars(&g, j == 0, stem, -0.42 + (j + 0.5) * w, hw, t->dcol[k], 0, "solid 0.85",
                colors[(size_t)k % NCOLORS], t->col[k].label);
        j++;
    }
    if (isfinite(stream)) {
        sb_printf(&g, ", \\\n  %g with lines dt 2 lw 2.5 lc rgb '#c00000' title ", stream);
        gp_str(&g, sb_str(&roof));
    }
    sb_printf(&g, "\n");
    if (write_file(c, stem, "gp", &g)) goto out;
    rc = make_png(c, stem);
out:
    free(d.s);
    free(g.s);
    free(t1.s);
    free(t2.s);
    free(roof.s);
    free(keys);
    return rc;
}

/* One kernel's files and plots; rows[0..n) are all its rows. */
static int plot_kernel(ctx_t *c, const char *kernel, const prow_t *const *rows, int n)
{
    table_t t;
    int rc = -1;
    if (table_build(&t, kernel, rows, n) != 0)
        fmt_msg(c->msg, c->msglen, "out of memory (the plots of %s)", kernel);
    else if (speedup_plot(c, &t) == 0 && (strcmp(kernel, "symv") || gbs_plot(c, &t) == 0))
        rc = 0;
    c->nleft += t.nleft;
    table_free(&t);
    return rc;
}

/* ------------------------------------------------------------- entry */
/* mkdir -p dir; 0 or -1 (errno set) */
static int mkdir_p(const char *dir)
{
    size_t len = strlen(dir);
    char *p = malloc(len + 1);
    if (!p) return -1;
    memcpy(p, dir, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (p[i] != '/' && p[i] != '\0') continue;
        char keep = p[i];
        p[i] = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int e = errno;
            free(p);
            errno = e;
            return -1;
        }
        p[i] = keep;
    }
    free(p);
    struct stat st;
    if (stat(dir, &st) != 0) return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

int bench_plots(const char *const *csv_paths, int ncsv, const char *outdir, char *msg,
                size_t msglen)
{
    if (msg && msglen) msg[0] = '\0';
    if (!outdir || !*outdir) {
        fmt_msg(msg, msglen, "no output directory for the plots");
        return -1;
    }
    if (ncsv < 0 || (ncsv > 0 && !csv_paths)) {
        fmt_msg(msg, msglen, "no CSV files for the plots");
        return -1;
    }
    int rc = -1;
    bench_csv_t *csv = calloc((size_t)ncsv + 1, sizeof *csv);
    prow_t *row = NULL;
    const prow_t **sel = NULL;
    const char **kern = NULL;
    int nrow = 0, nread = 0, nk = 0;
    ctx_t c = {outdir, NULL, {0}, {0}, 0, 0, msg, msglen};
    if (!csv) {
        fmt_msg(msg, msglen, "out of memory");
        return -1;
    }
    /* read every CSV; they stay loaded (the rows point into them) */
    size_t total = 0;
    for (int f = 0; f < ncsv; f++) {
        char err[512];
        if (bench_csv_read(csv_paths[f], &csv[f], err, sizeof err) != 0) {
            fmt_msg(msg, msglen, "%s", err);
            goto out;
        }
        nread = f + 1;
        for (size_t q = 0; q < sizeof required / sizeof required[0]; q++) {
            int found = 0;
            for (int h = 0; h < csv[f].ncol; h++)
                if (!strcmp(csv[f].head[h], required[q])) found = 1;
            if (!found) {
                fmt_msg(msg, msglen,
                        "%s: not systec-bench's long CSV format (no '%s' column; bench/README.md)",
                        csv_paths[f], required[q]);
                goto out;
            }
        }
        total += (size_t)csv[f].nrow;
    }
    row = calloc(total + 1, sizeof *row);
    sel = calloc(total + 1, sizeof *sel);
    kern = calloc(total + 1, sizeof *kern);
    if (!row || !sel || !kern) {
        fmt_msg(msg, msglen, "out of memory");
        goto out;
    }
    for (int f = 0; f < ncsv; f++)
        for (int i = 0; i < csv[f].nrow; i++) {
            const bench_csv_t *t = &csv[f];
            prow_t *r = &row[nrow];
            r->kernel = bench_csv_get(t, i, "kernel");
            if (!r->kernel[0]) continue;
            r->input = bench_csv_get(t, i, "input");
            r->param = bench_csv_get(t, i, "param");
            r->system = bench_csv_get(t, i, "system");
            r->role = bench_csv_get(t, i, "role");
            r->paired = bench_csv_get(t, i, "paired_with");
            r->check = bench_csv_get(t, i, "check");
            double th = bench_csv_num(t, i, "threads");
            r->threads = isfinite(th) && th >= 0 && th < 1e6 ? (int)th : 1;
            r->t = bench_csv_num(t, i, "t_ms");
            r->ratio = bench_csv_num(t, i, "ratio_median");
            r->gbs = bench_csv_num(t, i, "gbs");
            r->paper = bench_csv_num(t, i, "paper_speedup");
            r->stream = bench_csv_num(t, i, "stream_triad_gbs");
            r->stream_threads = bench_csv_num(t, i, "stream_threads");
            nrow++;
            int k = 0;
            while (k < nk && strcmp(kern[k], r->kernel)) k++;
            if (k == nk) kern[nk++] = r->kernel;
        }
    if (nk == 0) {
        fmt_msg(msg, msglen, "no result rows in the CSV files: no plots");
        rc = 0;
        goto out;
    }
    if (mkdir_p(outdir) != 0) {
        fmt_msg(msg, msglen, "cannot create %s: %s", outdir, strerror(errno));
        goto out;
    }
    c.gnuplot = find_gnuplot();
    for (int k = 0; k < nk; k++) {
        int n = 0;
        for (int i = 0; i < nrow; i++)
            if (!strcmp(row[i].kernel, kern[k])) sel[n++] = &row[i];
        if (plot_kernel(&c, kern[k], sel, n)) goto out;
    }
    sbuf_t m = {0};
    if (!c.gnuplot)
        sb_printf(&m, "gnuplot not found (Debian: gnuplot-nox): wrote the .dat and .gp scripts in "
                      "%s, no PNG", outdir);
    else
        sb_printf(&m, "wrote %d PNG%s in %s: %s", c.npng, c.npng == 1 ? "" : "s", outdir,
                  sb_str(&c.pngs));
    if (c.nleft)
        sb_printf(&m, "; %d row%s with check != ok left out (listed in the .dat files)", c.nleft,
                  c.nleft == 1 ? "" : "s");
    if (c.notes.n) sb_printf(&m, "; %s", sb_str(&c.notes));
    if (m.oom || c.pngs.oom || c.notes.oom) {
        fmt_msg(msg, msglen, "out of memory");
    } else {
        set_msg(msg, msglen, sb_str(&m));
        rc = 0;
    }
    free(m.s);
out:
    for (int f = 0; f < nread; f++) bench_csv_free(&csv[f]);
    free(csv);
    free(row);
    free(sel);
    free(kern);
    free(c.gnuplot);
    free(c.pngs.s);
    free(c.notes.s);
    return rc;
}
