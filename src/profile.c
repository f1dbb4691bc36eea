/* Tuning profiles (profile.h): the text format, the profile objects of the
 * public API, and the process-wide profile.
 *
 * The format, line by line (blank lines and lines starting with '#' are
 * comments anywhere):
 *
 *   systec-profile 2                       the format version, first
 *   build 0.1.0-1a2b3c4d5e6f7a8b           the key (profile_key.c), each once
 *   cpu AMD EPYC
 *   isa v4
 *   caches L1d:32K L2:1024K L3:32768K
 *   cores 2
 *   short_row_entries 12                   thresholds, each at most once
 *   ...                                    (one not listed keeps its default)
 *   threads 2                              a section: the thread count the
 *   par_min_entries 30000                  parallel thresholds below were
 *   ...                                    measured at (each count once, >= 2)
 *   end                                    last: a file without it is truncated
 *
 * Sections hold only the parameters marked per thread count (tuning.c); one
 * a section does not list keeps the value given before the sections. A plan
 * on N threads reads section N, and at a count without a section the values
 * before the sections (the defaults unless the file sets them). Format 1
 * (one thread count in the key) is stale.
 *
 * A file is checked in this order, and the first failure is its reason:
 * a newer format (future), no end line (truncated), a malformed line, an
 * unknown or repeated name, a value out of range or a key line missing
 * (corrupt), another machine (foreign), another build or an older format
 * (stale). A rejected file is never used in part. */
#include "profile.h"
#include "systec_build_config.h"

#include "internal.h"
#include "threads.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FORMAT 2
#define MAX_BYTES (1 << 20)
#define MAX_LINE 1024

struct systec_profile {
    systec__pkey key;
    systec__tuning vals;
    char **note;  /* per parameter: how it was measured, or NULL */
    char *header; /* comment lines, each ending in '\n' */
    struct snote {   /* how a section's value was measured */
        int threads, k;
        char *text;
    } *snote;
    int nsnotes;
};

static const char *const reason_names[] = {"in use",  "none",     "unreadable", "corrupt",
                                           "truncated", "foreign", "stale",      "future"};

const char *systec_profile_reason_name(systec_profile_reason_t r)
{
    return (unsigned)r < sizeof reason_names / sizeof *reason_names ? reason_names[r] : "unknown";
}

/* ------------------------------------------------------------- objects */

static int nparams(void)
{
    int n;
    systec__tuning_params(&n);
    return n;
}

static int per_threads(int k)
{
    int n;
    return systec__tuning_params(&n)[k].per_threads;
}

static systec_profile_t *alloc_profile(void)
{
    systec_profile_t *P = systec__calloc(1, sizeof *P);
    if (P && !(P->note = systec__calloc((size_t)nparams(), sizeof *P->note))) {
        systec__free(P);
        P = NULL;
    }
    if (!P) return NULL;
    P->key = *systec__pkey_here();
    systec__tuning_defaults(&P->vals);
    return P;
}

void systec_profile_free(systec_profile_t **P)
{
    if (!P || !*P) return;
    for (int k = 0; k < nparams(); k++) systec__free((*P)->note[k]);
    for (int q = 0; q < (*P)->nsnotes; q++) systec__free((*P)->snote[q].text);
    systec__free((*P)->snote);
    systec__free((*P)->note);
    systec__free((*P)->header);
    systec__free(*P);
    *P = NULL;
}

systec_status_t systec_profile_new(systec_profile_t **P)
{
    systec__clear_error();
    if (!P) return systec__fail(SYSTEC_ERR_NULL_POINTER, "P is NULL");
    *P = alloc_profile();
    return *P ? SYSTEC_SUCCESS : systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "a profile");
}

systec_status_t systec_profile_current(systec_profile_t **P)
{
    systec_status_t st = systec_profile_new(P);
    if (!st) (*P)->vals = *systec__tuning_process();
    return st;
}

const systec__tuning *systec__profile_values(const systec_profile_t *P) { return &P->vals; }

int systec_profile_nparams(void) { return nparams(); }

systec_status_t systec_profile_param(int k, const char **name, double *def, double *min,
                                     double *max, const char **what)
{
    systec__clear_error();
    int n;
    const systec__tuning_param *p = systec__tuning_params(&n);
    if (k < 0 || k >= n)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "parameter %d of %d", k, n);
    if (name) *name = p[k].name;
    if (def) *def = p[k].def;
    if (min) *min = p[k].min;
    if (max) *max = p[k].max;
    if (what) *what = p[k].what;
    return SYSTEC_SUCCESS;
}

static systec_status_t find_param(const systec_profile_t *P, const char *name, int *k)
{
    if (!P || !name) return systec__fail(SYSTEC_ERR_NULL_POINTER, "P or name is NULL");
    *k = systec__tuning_find(name);
    return *k >= 0 ? SYSTEC_SUCCESS
                   : systec__fail(SYSTEC_ERR_INVALID_VALUE, "no tuning parameter named %s", name);
}

systec_status_t systec_profile_get(const systec_profile_t *P, const char *name, double *value)
{
    systec__clear_error();
    int k = 0;
    systec_status_t st = find_param(P, name, &k);
    if (!st && !value) st = systec__fail(SYSTEC_ERR_NULL_POINTER, "value is NULL");
    if (!st) *value = *systec__tuning_at((systec__tuning *)&P->vals, k);
    return st;
}

/* A copy of one line of text (no newlines: they would break the format). */
static char *one_line(const char *s)
{
    char *c = systec__strdup(s);
    for (char *q = c; q && *q; q++)
        if (*q == '\n' || *q == '\r') *q = ' ';
    return c;
}

systec_status_t systec_profile_set(systec_profile_t *P, const char *name, double value,
                                   const char *note)
{
    systec__clear_error();
    int k = 0;
    systec_status_t st = find_param(P, name, &k);
    if (!st) st = systec__tuning_check(k, value);
    if (st) return st;
    char *c = note ? one_line(note) : NULL;
    if (note && !c) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "a note");
    *systec__tuning_at(&P->vals, k) = value;
    for (int s = 0; per_threads(k) && s < P->vals.nsections; s++) P->vals.section[s].v[k] = value;
    systec__free(P->note[k]);
    P->note[k] = c;
    return SYSTEC_SUCCESS;
}

/* The note slot of (threads, k), added if absent; NULL if out of memory. */
static char **snote_slot(systec_profile_t *P, int threads, int k)
{
    for (int q = 0; q < P->nsnotes; q++)
        if (P->snote[q].threads == threads && P->snote[q].k == k) return &P->snote[q].text;
    struct snote *more = systec__realloc(P->snote, sizeof *more * (size_t)(P->nsnotes + 1));
    if (!more) return NULL;
    P->snote = more;
    more[P->nsnotes] = (struct snote){threads, k, NULL};
    return &more[P->nsnotes++].text;
}

static const char *snote_of(const systec_profile_t *P, int threads, int k)
{
    for (int q = 0; q < P->nsnotes; q++)
        if (P->snote[q].threads == threads && P->snote[q].k == k) return P->snote[q].text;
    return NULL;
}

int systec_profile_param_per_threads(int k)
{
    return k >= 0 && k < nparams() && per_threads(k);
}

/* Checks a thread count and that parameter k may differ per thread count. */
static systec_status_t check_threads(int threads, int k)
{
    int n;
    if (threads < 2 || threads > SYSTEC__MAX_THREADS)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "threads = %d: sections are for 2 to %d "
                            "threads", threads, SYSTEC__MAX_THREADS);
    if (!per_threads(k))
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s is not a per-thread-count threshold",
                            systec__tuning_params(&n)[k].name);
    return SYSTEC_SUCCESS;
}

systec_status_t systec_profile_set_threads(systec_profile_t *P, int threads, const char *name,
                                           double value, const char *note)
{
    systec__clear_error();
    int k = 0;
    systec_status_t st = find_param(P, name, &k);
    if (!st) st = check_threads(threads, k);
    if (!st) st = systec__tuning_check(k, value);
    if (st) return st;
    int s = systec__tuning_add_section(&P->vals, threads);
    if (s < 0)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "a profile holds at most %d thread counts",
                            SYSTEC__TUNING_SECTIONS);
    char **slot = snote_slot(P, threads, k);
    char *c = note ? one_line(note) : NULL;
    if (!slot || (note && !c)) {
        systec__free(c);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "a note");
    }
    P->vals.section[s].v[k] = value;
    systec__free(*slot);
    *slot = c;
    return SYSTEC_SUCCESS;
}

systec_status_t systec_profile_get_threads(const systec_profile_t *P, int threads,
                                           const char *name, double *value)
{
    systec__clear_error();
    int k = 0;
    systec_status_t st = find_param(P, name, &k);
    if (!st && !value) st = systec__fail(SYSTEC_ERR_NULL_POINTER, "value is NULL");
    if (!st && threads < 1) st = systec__fail(SYSTEC_ERR_INVALID_VALUE, "threads = %d", threads);
    if (st) return st;
    int s = per_threads(k) ? systec__tuning_section(&P->vals, threads) : -1;
    *value = s >= 0 ? P->vals.section[s].v[k] : *systec__tuning_at((systec__tuning *)&P->vals, k);
    return SYSTEC_SUCCESS;
}

int systec_profile_threads(const systec_profile_t *P, int *counts, int max)
{
    if (!P) return 0;
    for (int s = 0; counts && s < P->vals.nsections && s < max; s++)
        counts[s] = P->vals.section[s].threads;
    return P->vals.nsections;
}

systec_status_t systec_profile_comment(systec_profile_t *P, const char *line)
{
    systec__clear_error();
    if (!P || !line) return systec__fail(SYSTEC_ERR_NULL_POINTER, "P or line is NULL");
    char *c = one_line(line);
    size_t have = P->header ? strlen(P->header) : 0;
    char *h = c ? systec__realloc(P->header, have + strlen(c) + 2) : NULL;
    if (!h) {
        systec__free(c);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "a comment");
    }
    sprintf(h + have, "%s\n", c);
    P->header = h;
    systec__free(c);
    return SYSTEC_SUCCESS;
}

/* ------------------------------------------------------------- writing */

/* v as an integer if it is one, else the shortest %g text that reads back
 * as v. */
static void shortest(double v, char *buf, size_t len)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, len, "%.0f", v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, len, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) return;
    }
}

static void write_key(FILE *f, const systec__pkey *k)
{
    fprintf(f, "build %s\ncpu %s\nisa %s\ncaches %s\ncores %d\n", k->build, k->cpu, k->isa,
            k->caches, k->cores);
}

/* The sections: per thread count, every per-thread-count threshold. */
static void write_sections(FILE *f, const systec_profile_t *P)
{
    int n;
    const systec__tuning_param *p = systec__tuning_params(&n);
    for (int s = 0; s < P->vals.nsections; s++) {
        int th = P->vals.section[s].threads;
        fprintf(f, "\n# the parallel thresholds measured at %d threads: a plan on %d threads "
                   "reads these\nthreads %d\n", th, th, th);
        for (int k = 0; k < n; k++) {
            if (!p[k].per_threads) continue;
            char v[32];
            shortest(P->vals.section[s].v[k], v, sizeof v);
            const char *note = snote_of(P, th, k);
            fprintf(f, "%s%s%s%s %s\n", note ? "# " : "", note ? note : "", note ? "\n" : "",
                    p[k].name, v);
        }
    }
}

static int write_body(FILE *f, const systec_profile_t *P)
{
    int n;
    const systec__tuning_param *p = systec__tuning_params(&n);
    fprintf(f, "# libsystec tuning profile (format %d): the dispatcher's thresholds for one build\n"
               "# of the library on one machine; see systec-info and the README.\n", FORMAT);
    for (const char *h = P->header; h && *h;) {
        const char *nl = strchr(h, '\n');
        fprintf(f, "# %.*s\n", (int)(nl - h), h);
        h = nl + 1;
    }
    fprintf(f, "\nsystec-profile %d\n# the key: used only by this build on this machine\n", FORMAT);
    write_key(f, &P->key);
    for (int k = 0; k < n; k++) {
        char v[32], d[32];
        shortest(*systec__tuning_at((systec__tuning *)&P->vals, k), v, sizeof v);
        shortest(p[k].def, d, sizeof d);
        fprintf(f, "\n# %s\n# default %s%s%s%s\n%s %s\n", p[k].what, d,
                p[k].per_threads ? "; at thread counts without a section below" : "",
                P->note[k] ? "; " : "", P->note[k] ? P->note[k] : "", p[k].name, v);
    }
    write_sections(f, P);
    fprintf(f, "\nend\n");
    return ferror(f) ? -1 : 0;
}

systec_status_t systec_profile_write(const systec_profile_t *P, const char *path)
{
    systec__clear_error();
    if (!P || !path) return systec__fail(SYSTEC_ERR_NULL_POINTER, "P or path is NULL");
    size_t len = strlen(path) + 32;
    char *tmp = systec__malloc(len);
    if (!tmp) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "a path");
    snprintf(tmp, len, "%s.tmp%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    int bad = !f || write_body(f, P) != 0;
    if (f && fclose(f) != 0) bad = 1;
    int err = errno;
    if (!bad && rename(tmp, path) != 0) bad = 1, err = errno;
    if (bad && f) remove(tmp);
    systec__free(tmp);
    return bad ? systec__fail(SYSTEC_ERR_IO, "%s: %s", path, strerror(err)) : SYSTEC_SUCCESS;
}

/* ------------------------------------------------------------- reading */

typedef struct {
    char *text;  /* the whole file, lines split in place */
    char **line; /* the lines that are not comments or blank */
    int *lineno; /* their numbers in the file */
    int count;
} lines_t;

static void lines_free(lines_t *L)
{
    systec__free(L->text);
    systec__free(L->line);
    systec__free(L->lineno);
}

/* Strips trailing white space; whether what is left is a comment or blank. */
static int is_comment(char *s)
{
    size_t l = strlen(s);
    while (l && (s[l - 1] == ' ' || s[l - 1] == '\t' || s[l - 1] == '\r')) s[--l] = 0;
    while (*s == ' ' || *s == '\t') s++;
    return !*s || *s == '#';
}

/* Reads the file's lines; UNREADABLE or CORRUPT (too large, a NUL byte or
 * an overlong line), else IN_USE. */
static systec_profile_reason_t read_lines(const char *path, lines_t *L, char *detail, size_t dl)
{
    memset(L, 0, sizeof *L);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(detail, dl, "cannot open: %s", strerror(errno));
        return SYSTEC_PROFILE_UNREADABLE;
    }
    L->text = systec__malloc(MAX_BYTES + 1);
    size_t got = L->text ? fread(L->text, 1, MAX_BYTES + 1, f) : 0;
    int err = ferror(f);
    fclose(f);
    if (!L->text || err) {
        snprintf(detail, dl, "cannot read%s", L->text ? "" : " (out of memory)");
        return SYSTEC_PROFILE_UNREADABLE;
    }
    if (got > MAX_BYTES) {
        snprintf(detail, dl, "larger than %d bytes", MAX_BYTES);
        return SYSTEC_PROFILE_CORRUPT;
    }
    if (memchr(L->text, 0, got)) {
        snprintf(detail, dl, "a NUL byte: not a text file");
        return SYSTEC_PROFILE_CORRUPT;
    }
    L->text[got] = 0;
    size_t cap = 1;
    for (size_t q = 0; q < got; q++) cap += L->text[q] == '\n';
    L->line = systec__malloc(cap * sizeof *L->line);
    L->lineno = systec__malloc(cap * sizeof *L->lineno);
    if (!L->line || !L->lineno) {
        snprintf(detail, dl, "cannot read (out of memory)");
        return SYSTEC_PROFILE_UNREADABLE;
    }
    int no = 0;
    for (char *s = L->text; s && *s;) {
        char *nl = strchr(s, '\n');
        if (nl) *nl = 0;
        no++;
        if (strlen(s) > MAX_LINE) {
            snprintf(detail, dl, "line %d: longer than %d characters", no, MAX_LINE);
            return SYSTEC_PROFILE_CORRUPT;
        }
        if (!is_comment(s)) {
            while (*s == ' ' || *s == '\t') s++;
            L->line[L->count] = s;
            L->lineno[L->count++] = no;
        }
        s = nl ? nl + 1 : NULL;
    }
    return SYSTEC_PROFILE_IN_USE;
}

/* Splits "name rest" at the first blank; rest has leading blanks removed. */
static char *split_word(char *s)
{
    char *r = s + strcspn(s, " \t");
    if (*r) *r++ = 0;
    while (*r == ' ' || *r == '\t') r++;
    return r;
}

static int parse_int(const char *s, long *v)
{
    char *end;
    errno = 0;
    *v = strtol(s, &end, 10);
    return *s && !*end && !errno;
}

enum { K_BUILD, K_CPU, K_ISA, K_CACHES, K_CORES, NKEYS };
static const char *const key_names[NKEYS] = {"build", "cpu", "isa", "caches", "cores"};

/* One key line into P's key; 0, or -1 with the detail. */
static int parse_key(int k, const char *v, systec__pkey *key, char *detail, size_t dl, int no)
{
    long x;
    char *dst[] = {key->build, key->cpu, key->isa, key->caches};
    size_t cap[] = {sizeof key->build, sizeof key->cpu, sizeof key->isa, sizeof key->caches};
    if (k < K_CORES) {
        if (!*v || strlen(v) >= cap[k]) {
            snprintf(detail, dl, "line %d: %s value empty or too long", no, key_names[k]);
            return -1;
        }
        snprintf(dst[k], cap[k], "%s", v);
        return 0;
    }
    if (!parse_int(v, &x) || x < 1 || x > 1 << 20) {
        snprintf(detail, dl, "line %d: %s '%s' is not a positive count", no, key_names[k], v);
        return -1;
    }
    key->cores = (int)x;
    return 0;
}

/* A "threads N" line: starts section N of P (*sec its index); 0, or -1
 * with the detail. */
static int parse_section(const char *v, systec_profile_t *P, int *sec, char *detail, size_t dl,
                         int no)
{
    long x;
    if (!parse_int(v, &x) || x < 2 || x > SYSTEC__MAX_THREADS) {
        snprintf(detail, dl, "line %d: threads '%s': a section is for 2 to %d threads", no, v,
                 SYSTEC__MAX_THREADS);
        return -1;
    }
    if (systec__tuning_section(&P->vals, (int)x) >= 0) {
        snprintf(detail, dl, "line %d: a second section for %ld threads", no, x);
        return -1;
    }
    *sec = systec__tuning_add_section(&P->vals, (int)x);
    if (*sec < 0) snprintf(detail, dl, "line %d: more than %d sections", no, SYSTEC__TUNING_SECTIONS);
    return *sec < 0 ? -1 : 0;
}

/* One threshold line into P's values (section sec, or -1: before the
 * sections); 0, or -1 with the detail. */
static int parse_value(int k, int sec, const char *v, systec_profile_t *P, char *detail,
                       size_t dl, int no)
{
    int n;
    const systec__tuning_param *p = systec__tuning_params(&n);
    char *end;
    double x = strtod(v, &end);
    if (!*v || *end || !isfinite(x)) {
        snprintf(detail, dl, "line %d: %s '%s' is not a number", no, p[k].name, v);
        return -1;
    }
    if (!(x >= p[k].min && x <= p[k].max)) {
        snprintf(detail, dl, "line %d: %s %g is outside [%g, %g]", no, p[k].name, x, p[k].min,
                 p[k].max);
        return -1;
    }
    if (sec >= 0 && !p[k].per_threads) {
        snprintf(detail, dl, "line %d: %s in a threads section: not a per-thread-count "
                 "threshold", no, p[k].name);
        return -1;
    }
    if (sec >= 0)
        P->vals.section[sec].v[k] = x;
    else
        *systec__tuning_at(&P->vals, k) = x;
    return 0;
}

/* The lines between the version and the end line into P: CORRUPT or IN_USE. */
static systec_profile_reason_t parse_body(lines_t *L, systec_profile_t *P, char *detail,
                                          size_t dl)
{
    int seen_key[NKEYS] = {0};
    char *seen = systec__calloc((size_t)nparams(), 1);
    if (!seen) {
        snprintf(detail, dl, "out of memory");
        return SYSTEC_PROFILE_UNREADABLE;
    }
    int bad = 0, sec = -1;
    for (int i = 1; i < L->count - 1 && !bad; i++) {
        int no = L->lineno[i];
        char *name = L->line[i], *v = split_word(name);
        int k = -1, p = systec__tuning_find(name);
        for (int q = 0; q < NKEYS; q++)
            if (!strcmp(name, key_names[q])) k = q;
        if (!strcmp(name, "threads")) {
            bad = parse_section(v, P, &sec, detail, dl, no);
            memset(seen, 0, (size_t)nparams()); /* each name once per section */
        } else if (k < 0 && p < 0) {
            snprintf(detail, dl, "line %d: unknown name '%s'", no, name);
            bad = 1;
        } else if (k >= 0 && sec >= 0) {
            snprintf(detail, dl, "line %d: key line '%s' after a threads section", no, name);
            bad = 1;
        } else if (k >= 0 ? seen_key[k]++ : seen[p]++) {
            snprintf(detail, dl, "line %d: %s given twice", no, name);
            bad = 1;
        } else {
            bad = k >= 0 ? parse_key(k, v, &P->key, detail, dl, no)
                         : parse_value(p, sec, v, P, detail, dl, no);
        }
    }
    systec__free(seen);
    for (int q = 0; q < NKEYS && !bad; q++)
        if (!seen_key[q]) {
            snprintf(detail, dl, "no '%s' line (the key)", key_names[q]);
            bad = 1;
        }
    return bad ? SYSTEC_PROFILE_CORRUPT : SYSTEC_PROFILE_IN_USE;
}

/* The version line and the end line: FUTURE, TRUNCATED, CORRUPT, STALE
 * (an older format) or IN_USE. */
static systec_profile_reason_t check_frame(lines_t *L, char *detail, size_t dl)
{
    if (L->count == 0) {
        snprintf(detail, dl, "empty: no version line and no end line");
        return SYSTEC_PROFILE_TRUNCATED;
    }
    char *first = L->line[0], *v = split_word(first);
    long version;
    if (strcmp(first, "systec-profile") || !parse_int(v, &version)) {
        snprintf(detail, dl, "line %d: expected 'systec-profile VERSION'", L->lineno[0]);
        return SYSTEC_PROFILE_CORRUPT;
    }
    if (version > FORMAT) {
        snprintf(detail, dl, "format %ld, this library reads format %d: written by a newer "
                 "systec-tune", version, FORMAT);
        return SYSTEC_PROFILE_FUTURE;
    }
    int end = -1;
    for (int i = 1; i < L->count && end < 0; i++)
        if (!strcmp(L->line[i], "end")) end = i;
    if (end < 0) {
        snprintf(detail, dl, "ends at line %d without its end line", L->lineno[L->count - 1]);
        return SYSTEC_PROFILE_TRUNCATED;
    }
    if (end != L->count - 1) {
        snprintf(detail, dl, "line %d: text after the end line", L->lineno[end + 1]);
        return SYSTEC_PROFILE_CORRUPT;
    }
    if (version < FORMAT) {
        snprintf(detail, dl, "format %ld, this library reads format %d: re-run systec-tune",
                 version, FORMAT);
        return SYSTEC_PROFILE_STALE;
    }
    return SYSTEC_PROFILE_IN_USE;
}

/* FOREIGN if another machine wrote it, STALE if another build, else IN_USE. */
static systec_profile_reason_t check_key(const systec__pkey *k, char *detail, size_t dl)
{
    const systec__pkey *h = systec__pkey_here();
    char kc[16], hc[16];
    snprintf(kc, sizeof kc, "%d", k->cores);
    snprintf(hc, sizeof hc, "%d", h->cores);
    const char *name[] = {"cpu", "isa", "caches", "cores"};
    const char *theirs[] = {k->cpu, k->isa, k->caches, kc};
    const char *ours[] = {h->cpu, h->isa, h->caches, hc};
    for (int q = 0; q < 4; q++)
        if (strcmp(theirs[q], ours[q])) {
            snprintf(detail, dl, "written for %s '%s', this process has '%s'", name[q],
                     theirs[q], ours[q]);
            return SYSTEC_PROFILE_FOREIGN;
        }
    if (strcmp(k->build, h->build)) {
        snprintf(detail, dl, "written by build %s, this library is build %s: re-run systec-tune",
                 k->build, h->build);
        return SYSTEC_PROFILE_STALE;
    }
    return SYSTEC_PROFILE_IN_USE;
}

/* Reads and checks path into a new *P (NULL unless IN_USE). */
static systec_profile_reason_t load_file(const char *path, systec_profile_t **P, char *detail,
                                         size_t dl)
{
    lines_t L;
    *P = NULL;
    detail[0] = 0;
    systec_profile_reason_t r = read_lines(path, &L, detail, dl);
    if (r == SYSTEC_PROFILE_IN_USE) r = check_frame(&L, detail, dl);
    systec_profile_t *Q = r == SYSTEC_PROFILE_IN_USE ? alloc_profile() : NULL;
    if (r == SYSTEC_PROFILE_IN_USE && !Q) {
        snprintf(detail, dl, "out of memory");
        r = SYSTEC_PROFILE_UNREADABLE;
    }
    if (r == SYSTEC_PROFILE_IN_USE) r = parse_body(&L, Q, detail, dl);
    if (r == SYSTEC_PROFILE_IN_USE) r = check_key(&Q->key, detail, dl);
    lines_free(&L);
    if (r != SYSTEC_PROFILE_IN_USE) systec_profile_free(&Q);
    *P = Q;
    return r;
}

systec_status_t systec_profile_read(systec_profile_t **P, const char *path,
                                    systec_profile_reason_t *why)
{
    systec__clear_error();
    if (!P || !path) return systec__fail(SYSTEC_ERR_NULL_POINTER, "P or path is NULL");
    char detail[512];
    systec_profile_reason_t r = load_file(path, P, detail, sizeof detail);
    if (why) *why = r;
    if (r == SYSTEC_PROFILE_IN_USE) return SYSTEC_SUCCESS;
    return systec__fail(r == SYSTEC_PROFILE_UNREADABLE ? SYSTEC_ERR_IO : SYSTEC_ERR_PROFILE,
                        "%s: %s: %s", path, systec_profile_reason_name(r), detail);
}

systec_status_t systec_profile_key(char *buf, size_t len, size_t *needed)
{
    systec__clear_error();
    if (!buf && len) return systec__fail(SYSTEC_ERR_NULL_POINTER, "buf is NULL with len %zu", len);
    const systec__pkey *k = systec__pkey_here();
    int w = snprintf(buf, len, "build %s\ncpu %s\nisa %s\ncaches %s\ncores %d\n", k->build,
                     k->cpu, k->isa, k->caches, k->cores);
    if (needed) *needed = (size_t)w + 1;
    return SYSTEC_SUCCESS;
}

/* ------------------------------------------------- the process-wide one */

static struct {
    pthread_mutex_t mu;
    int decided;            /* the first decision has read it */
    int use_set;            /* systec_profile_use was called */
    char *use_path;         /* its path (NULL: the defaults) */
    systec_profile_reason_t why;
    char *path;             /* the file used or rejected, or NULL */
    char detail[1024];
    /* the file in use: detail and what it holds for the thread count in use
     * (systec_profile_status picks by systec_get_num_threads) */
    char with[3][1280];     /* that count has a section; no section; 1 thread */
    int counts[SYSTEC__TUNING_SECTIONS], ncounts;
} g = {PTHREAD_MUTEX_INITIALIZER, 0, 0, NULL, SYSTEC_PROFILE_NONE, NULL, "", {""}, {0}, 0};

static int is_none(const char *p) { return !p || !strcmp(p, "none"); }

systec_status_t systec_profile_use(const char *path)
{
    systec__clear_error();
    char *copy = is_none(path) ? NULL : systec__strdup(path);
    if (!is_none(path) && !copy) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "a path");
    pthread_mutex_lock(&g.mu);
    int late = g.decided;
    if (!late) {
        systec__free(g.use_path);
        g.use_path = copy;
        g.use_set = 1;
    }
    pthread_mutex_unlock(&g.mu);
    if (!late) return SYSTEC_SUCCESS;
    systec__free(copy);
    return systec__fail(SYSTEC_ERR_INVALID_VALUE, "the process-wide profile was read at the "
                        "first decision; systec_profile_use must come before it");
}

static int exists(const char *path) { return access(path, F_OK) == 0 || errno != ENOENT; }

/* The user's config file: $XDG_CONFIG_HOME or ~/.config, then systec/profile. */
static char *user_path(void)
{
    const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int xdg = x && x[0] == '/';
    if (!xdg && !(home && *home)) return NULL;
    size_t len = strlen(xdg ? x : home) + 32;
    char *p = systec__malloc(len);
    if (p) snprintf(p, len, "%s%s/systec/profile", xdg ? x : home, xdg ? "" : "/.config");
    return p;
}

systec_status_t systec_profile_location(int where, char *buf, size_t len)
{
    systec__clear_error();
    if (!buf || !len) return systec__fail(SYSTEC_ERR_NULL_POINTER, "buf is NULL or empty");
    if (where != 0 && where != 1)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "where = %d: 0 (user) or 1 (system)", where);
    char *p = where ? systec__strdup(SYSTEC_SYSCONFDIR "/systec/profile") : user_path();
    if (!p)
        return where ? systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "a path")
                     : systec__fail(SYSTEC_ERR_UNSUPPORTED, "no user config directory: neither "
                                    "XDG_CONFIG_HOME nor HOME is set");
    snprintf(buf, len, "%s", p);
    systec__free(p);
    return SYSTEC_SUCCESS;
}

/* The first candidate that is set or exists: *path (malloc'd, NULL for the
 * defaults) and its source; 0 if there is none. */
static int choose_file(char **path, const char **source)
{
    const char *env = getenv("SYSTEC_PROFILE");
    *path = NULL;
    if (g.use_set) {
        *source = "systec_profile_use";
        *path = g.use_path ? systec__strdup(g.use_path) : NULL;
        return 1;
    }
    if (env && *env) {
        *source = "SYSTEC_PROFILE";
        *path = is_none(env) ? NULL : systec__strdup(env);
        return 1;
    }
    char *user = user_path();
    if (user && exists(user)) {
        *source = "the user's config";
        *path = user;
        return 1;
    }
    systec__free(user);
    if (exists(SYSTEC_SYSCONFDIR "/systec/profile")) {
        *source = "the system config";
        *path = systec__strdup(SYSTEC_SYSCONFDIR "/systec/profile");
        return 1;
    }
    return 0;
}

/* g.with: g.detail and what the file holds for the thread count in use. */
static void describe_sections(void)
{
    char list[128] = "";
    for (int s = 0, w = 0; s < g.ncounts && w < (int)sizeof list; s++)
        w += snprintf(list + w, sizeof list - (size_t)w, "%s%d", s ? ", " : "", g.counts[s]);
    if (!g.ncounts) {
        for (int q = 0; q < 3; q++)
            snprintf(g.with[q], sizeof g.with[q], "%s; no parallel thresholds measured (no "
                     "threads section): the defaults at every thread count", g.detail);
        return;
    }
    snprintf(g.with[0], sizeof g.with[0], "%s; parallel thresholds measured at %s threads, "
             "the thread count in use among them", g.detail, list);
    snprintf(g.with[1], sizeof g.with[1], "%s; parallel thresholds measured at %s threads only: "
             "at the thread count in use, the values outside the sections (the defaults unless "
             "the file sets them); re-run systec-tune with that count", g.detail, list);
    snprintf(g.with[2], sizeof g.with[2], "%s; parallel thresholds measured at %s threads (one "
             "thread in use: serial)", g.detail, list);
}

void systec__profile_load_global(systec__tuning *t)
{
    pthread_mutex_lock(&g.mu);
    g.decided = 1;
    char *path;
    const char *source;
    if (!choose_file(&path, &source)) {
        snprintf(g.detail, sizeof g.detail, "no profile (SYSTEC_PROFILE unset, none in the "
                 "user's or the system config): compiled defaults");
    } else if (!path) {
        snprintf(g.detail, sizeof g.detail, "%s says none: compiled defaults", source);
    } else {
        char why[512];
        systec_profile_t *P;
        g.why = load_file(path, &P, why, sizeof why);
        g.path = path;
        if (P) {
            *t = P->vals;
            snprintf(g.detail, sizeof g.detail, "%s (from %s)", path, source);
            g.ncounts = systec_profile_threads(P, g.counts, SYSTEC__TUNING_SECTIONS);
            describe_sections();
        } else {
            snprintf(g.detail, sizeof g.detail, "%s (from %s) rejected, %s: %s; compiled "
                     "defaults in use", path, source, systec_profile_reason_name(g.why), why);
        }
        systec_profile_free(&P);
    }
    pthread_mutex_unlock(&g.mu);
    systec__log("profile: %s", g.detail);
}

systec_profile_reason_t systec_profile_status(const char **path, const char **detail)
{
    systec__tuning_process();
    if (path) *path = g.path;
    if (detail) *detail = g.detail;
    if (detail && g.why == SYSTEC_PROFILE_IN_USE) {
        int n = systec_get_num_threads(), has = 0;
        for (int s = 0; s < g.ncounts; s++) has |= g.counts[s] == n;
        *detail = g.with[n < 2 ? 2 : has ? 0 : 1];
    }
    return g.why;
}
