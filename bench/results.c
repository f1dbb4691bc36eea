/*
 * systec-bench's result rows (results.h): the long CSV written by every
 * operation, and a small reader for it (--paper's summary, the plots).
 */
#include "results.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void csv_field(FILE *f, const char *s)
{
    if (!s) return;
    int quote = strpbrk(s, ",\"\n\r") != NULL;
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

bench_row_t bench_row_blank(void)
{
    bench_row_t r;
    memset(&r, 0, sizeof r);
    r.threads = 1;
    r.order = -1;
    r.n = r.nnz = r.param = -1;
    r.t_ms = r.t_min_ms = r.t_max_ms = NAN;
    r.ratio_med = r.ratio_min = r.ratio_max = NAN;
    r.gbs = r.setup_ms = r.expand_ms = r.max_err = r.paper_speedup = NAN;
    r.calls_per_sample = -1;
    r.reps = r.warmup = -1;
    return r;
}

static const char *const columns =
    "kernel,input,origin,path,precision,threads,system,role,variant,order,n,nnz,param,"
    "t_ms,t_min_ms,t_max_ms,paired_with,ratio_median,ratio_min,ratio_max,gbs,"
    "gbs_over_stream,setup_ms,expansion_ms,check,max_err_rel_bound,paper_speedup,"
    "calls_per_sample,reps,warmup,stream_triad_gbs,stream_threads,cpu,cores,compiler,"
    "library_version,peer_libraries,thp_mode,anon_huge_kb,page_policy,note\n";

void bench_csv_header(FILE *f) { fputs(columns, f); }

/* a number and its comma; only the comma when unknown */
static void num(FILE *f, const char *fmt, double v)
{
    if (isfinite(v)) fprintf(f, fmt, v);
    fputc(',', f);
}

static void inum(FILE *f, long long v)
{
    if (v >= 0) fprintf(f, "%lld", v);
    fputc(',', f);
}

static void str(FILE *f, const char *s)
{
    csv_field(f, s ? s : "");
    fputc(',', f);
}

void bench_csv_row(FILE *f, const bench_row_t *r, const bench_machine_t *m)
{
    str(f, r->kernel);
    str(f, r->input);
    str(f, r->origin);
    str(f, r->path);
    str(f, r->precision);
    inum(f, r->threads);
    str(f, r->system);
    str(f, r->role);
    str(f, r->variant);
    inum(f, r->order);
    inum(f, r->n);
    inum(f, r->nnz);
    inum(f, r->param);
    num(f, "%.9g", r->t_ms);
    num(f, "%.9g", r->t_min_ms);
    num(f, "%.9g", r->t_max_ms);
    str(f, r->paired_with);
    num(f, "%.6g", r->ratio_med);
    num(f, "%.6g", r->ratio_min);
    num(f, "%.6g", r->ratio_max);
    num(f, "%.6g", r->gbs);
    num(f, "%.4g", m->stream_gbs > 0 ? r->gbs / m->stream_gbs : NAN);
    num(f, "%.6g", r->setup_ms);
    num(f, "%.6g", r->expand_ms);
    str(f, r->check);
    num(f, "%.3g", r->max_err);
    num(f, "%.4g", r->paper_speedup);
    inum(f, r->calls_per_sample);
    inum(f, r->reps);
    inum(f, r->warmup);
    num(f, "%.4g", m->stream_gbs);
    inum(f, m->stream_threads);
    str(f, m->cpu);
    inum(f, m->cores);
    str(f, m->compiler);
    str(f, m->library);
    str(f, m->peers);
    str(f, m->thp);
    inum(f, m->anon_huge_kb);
    str(f, m->policy);
    csv_field(f, r->note ? r->note : "");
    fputc('\n', f);
}

/* ------------------------------------------------------------ reading */
typedef struct {
    char **v;
    int n, cap;
} strs_t;

static int strs_push(strs_t *s, char *x)
{
    if (s->n == s->cap) {
        int cap = s->cap ? 2 * s->cap : 16;
        char **v = realloc(s->v, (size_t)cap * sizeof *v);
        if (!v) return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = x;
    return 0;
}

/* One record from *p (quoted fields may span lines); advances *p. Returns
 * 0, or -1 on out of memory / an unterminated quote. */
static int parse_record(const char **p, strs_t *out)
{
    const char *s = *p;
    for (;;) {
        size_t cap = 64, len = 0;
        char *buf = malloc(cap);
        if (!buf) return -1;
        int quoted = *s == '"';
        if (quoted) s++;
        for (;;) {
            char c = *s;
            if (quoted) {
                if (c == '\0') {
                    free(buf);
                    return -1;
                }
                if (c == '"') {
                    if (s[1] == '"') {
                        s += 2;
                        c = '"';
                    } else {
                        s++;
                        quoted = 0;
                        continue;
                    }
                } else {
                    s++;
                }
            } else {
                if (c == ',' || c == '\n' || c == '\r' || c == '\0') break;
                s++;
            }
            if (len + 1 >= cap) {
                char *b = realloc(buf, cap *= 2);
                if (!b) {
                    free(buf);
                    return -1;
                }
                buf = b;
            }
            buf[len++] = c;
        }
        buf[len] = '\0';
        if (strs_push(out, buf)) {
            free(buf);
            return -1;
        }
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s == '\r') s++;
        if (*s == '\n') s++;
        *p = s;
        return 0;
    }
}

int bench_csv_read(const char *path, bench_csv_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, len = 0, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len - 1 == 0) {
            char *t = realloc(text, cap *= 2);
            if (!t) free(text);
            text = t;
        }
    }
    int rerr = ferror(f);
    fclose(f);
    if (!text || rerr) {
        free(text);
        snprintf(err, errlen, "cannot read %s", path);
        return -1;
    }
    text[len] = '\0';
    const char *p = text;
    strs_t head = {0};
    if (parse_record(&p, &head) || head.n == 0 || head.v[0][0] == '\0') {
        snprintf(err, errlen, "%s: no CSV header line", path);
        for (int i = 0; i < head.n; i++) free(head.v[i]);
        free(head.v);
        free(text);
        return -1;
    }
    out->head = head.v;
    out->ncol = head.n;
    int rcap = 0;
    while (*p) {
        strs_t rec = {0};
        if (parse_record(&p, &rec)) {
            for (int i = 0; i < rec.n; i++) free(rec.v[i]);
            free(rec.v);
            snprintf(err, errlen, "%s: row %d: unterminated quote or out of memory", path,
                     out->nrow + 2);
            free(text);
            bench_csv_free(out);
            return -1;
        }
        if (rec.n == 1 && rec.v[0][0] == '\0') { /* blank line */
            free(rec.v[0]);
            free(rec.v);
            continue;
        }
        char **row = calloc((size_t)out->ncol, sizeof *row);
        if (out->nrow == rcap) {
            rcap = rcap ? 2 * rcap : 64;
            char ***c = realloc(out->cell, (size_t)rcap * sizeof *c);
            if (!c) {
                free(row);
                row = NULL;
            } else {
                out->cell = c;
            }
        }
        if (!row) {
            for (int i = 0; i < rec.n; i++) free(rec.v[i]);
            free(rec.v);
            snprintf(err, errlen, "%s: out of memory", path);
            free(text);
            bench_csv_free(out);
            return -1;
        }
        for (int i = 0; i < rec.n; i++) {
            if (i < out->ncol)
                row[i] = rec.v[i];
            else
                free(rec.v[i]);
        }
        free(rec.v);
        out->cell[out->nrow++] = row;
    }
    free(text);
    return 0;
}

const char *bench_csv_get(const bench_csv_t *t, int i, const char *name)
{
    if (i < 0 || i >= t->nrow) return "";
    for (int c = 0; c < t->ncol; c++)
        if (!strcmp(t->head[c], name)) return t->cell[i][c] ? t->cell[i][c] : "";
    return "";
}

double bench_csv_num(const bench_csv_t *t, int i, const char *name)
{
    const char *s = bench_csv_get(t, i, name);
    if (!*s) return NAN;
    char *end;
    double v = strtod(s, &end);
    return *end == '\0' ? v : NAN;
}

void bench_csv_free(bench_csv_t *t)
{
    for (int i = 0; i < t->nrow; i++) {
        for (int c = 0; c < t->ncol; c++) free(t->cell[i][c]);
        free(t->cell[i]);
    }
    free(t->cell);
    for (int c = 0; c < t->ncol; c++) free(t->head[c]);
    free(t->head);
    memset(t, 0, sizeof *t);
}
