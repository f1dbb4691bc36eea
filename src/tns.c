/* Tensor coordinate lists: the FROSTT .tns reader and writer, the LambdaTAME
 * .ssten reader, the ScHoLP hypergraph reader, and the random symmetric
 * tensor generator.
 *
 * The readers share the chunked line reader of textio.h (plain or gzip input,
 * lines of any length, line-numbered errors) and the Matrix Market reader's
 * policies: coordinates are overflow-checked decimal integers, values are any
 * strtod number (nan and inf included, overflow reads as inf), and a file is
 * rejected at the first malformed line with "<path>:<line>: <reason>".
 * Every call builds its result in locals and hands it over only on success. */
#include "textio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PFAIL(...) systec__fail(SYSTEC_ERR_PARSE, __VA_ARGS__)
/* tokens kept per line: enough to tell "too many fields" from a valid line */
#define MAX_TOK (SYSTEC_MAX_ORDER + 2)
/* node ids above this cannot be padded (M + k - 2) without overflowing int64 */
#define MAX_NODE_ID (INT64_MAX - 2 * SYSTEC_MAX_ORDER)

void systec_tns_free(systec_tns_t *T)
{
    if (!T) return;
    systec__free(T->ind);
    systec__free(T->val);
    memset(T, 0, sizeof *T);
}

/* ---------------------------------------------------------- entry buffer */
/* A growing coordinate list of a fixed order (val may be left out). */
typedef struct {
    int order, with_val;
    int64_t n, cap;
    int64_t limit; /* capacity never grows beyond this (a declared count), or -1 */
    int64_t *ind;
    double *val;
} tbuf;

static void tbuf_free(tbuf *b)
{
    systec__free(b->ind);
    systec__free(b->val);
    b->ind = NULL;
    b->val = NULL;
}

/* Resizes the arrays to cap entries (at least 1, so a successful empty result
 * still has non-NULL arrays). Returns 0, or -1 if the memory is not there;
 * then the arrays may have been replaced, and the caller must still free
 * them (tbuf_free). */
static int tbuf_resize(tbuf *b, int64_t cap)
{
    if (cap < 1) cap = 1;
    if ((uint64_t)cap > SIZE_MAX / 8 / (uint64_t)b->order) return -1;
    int64_t *ind = systec__realloc(b->ind, (size_t)cap * (size_t)b->order * 8);
    if (!ind) return -1;
    b->ind = ind;
    if (b->with_val) {
        double *val = systec__realloc(b->val, (size_t)cap * 8);
        if (!val) return -1;
        b->val = val;
    }
    b->cap = cap;
    return 0;
}

/* Gives back the slack of the geometric growth; keeps the arrays as they
 * are if realloc fails (they still hold every entry). */
static void tbuf_shrink(tbuf *b)
{
    size_t n = b->n > 0 ? (size_t)b->n : 1;
    int64_t *ind = systec__realloc(b->ind, n * (size_t)b->order * 8);
    if (ind) b->ind = ind;
    if (b->with_val) {
        double *val = systec__realloc(b->val, n * 8);
        if (val) b->val = val;
    }
}

/* Room for one more entry: geometric growth, so a lying declared count
 * cannot force a huge allocation before the entries are actually there. */
static int tbuf_reserve(tbuf *b)
{
    if (b->n < b->cap) return 0;
    int64_t cap = b->cap < 1024 ? 1024 : (b->cap > INT64_MAX / 2 ? INT64_MAX : 2 * b->cap);
    if (b->limit >= 0 && cap > b->limit) cap = b->limit > b->n ? b->limit : b->n + 1;
    return tbuf_resize(b, cap);
}

static int cmp_rows(const int64_t *x, const int64_t *y, int k)
{
    for (int j = 0; j < k; j++)
        if (x[j] != y[j]) return x[j] < y[j] ? -1 : 1;
    return 0;
}

/* Sorts n rows of k int64 lexicographically: a bottom-up merge sort (qsort
 * has no context argument for k), ping-ponging between a and tmp (n*k). */
static void sort_rows(int64_t *a, int64_t *tmp, int64_t n, int k)
{
    int64_t *src = a, *dst = tmp;
    size_t rk = (size_t)k * 8;
    for (int64_t w = 1; w < n; w = w > n / 2 ? n : 2 * w) {
        for (int64_t lo = 0; lo < n; lo += 2 * w) {
            int64_t mid = lo + w < n ? lo + w : n, hi = mid + w < n ? mid + w : n;
            int64_t p = lo, q = mid, o = lo;
            while (p < mid && q < hi) {
                if (cmp_rows(src + q * k, src + p * k, k) < 0)
                    memcpy(dst + (o++) * k, src + (q++) * k, rk);
                else
                    memcpy(dst + (o++) * k, src + (p++) * k, rk);
            }
            if (p < mid) memcpy(dst + o * k, src + p * k, (size_t)(mid - p) * rk);
            if (q < hi) memcpy(dst + o * k, src + q * k, (size_t)(hi - q) * rk);
        }
        int64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a) memcpy(a, src, (size_t)n * rk);
}

/* Drops repeated rows of a sorted list; returns the new count. */
static int64_t unique_rows(int64_t *a, int64_t n, int k)
{
    int64_t w = 0;
    for (int64_t e = 0; e < n; e++) {
        if (w > 0 && cmp_rows(a + (w - 1) * k, a + e * k, k) == 0) continue;
        if (w != e) memcpy(a + w * k, a + e * k, (size_t)k * 8);
        w++;
    }
    return w;
}

/* ----------------------------------------------------------- entry lines */
/* What the .tns and .ssten readers know while reading entries. */
typedef struct {
    systec__reader *r;
    tbuf b;
    int64_t dim;  /* coordinates must be <= dim, or -1: no bound (no header) */
    int64_t maxc; /* largest 1-based coordinate seen */
} entries;

/* Parses one entry line already split into nt tokens: order coordinates
 * (1-based) and a value. */
static systec_status_t entry_line(entries *E, char **tok, int nt)
{
    const char *p = E->r->path;
    long long ln = E->r->lineno;
    int order = E->b.order;
    if (nt != order + 1)
        return PFAIL("%s:%lld: expected %d fields (%d coordinate%s and a value), got %d", p, ln,
                     order + 1, order, order == 1 ? "" : "s", nt);
    if (tbuf_reserve(&E->b))
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s:%lld: out of memory", p, ln);
    int64_t *c = E->b.ind + E->b.n * order;
    for (int j = 0; j < order; j++) {
        long long v;
        if (!systec__parse_i64(tok[j], &v))
            return PFAIL("%s:%lld: coordinate %d '%.40s' is not a valid integer", p, ln, j + 1,
                         tok[j]);
        if (v < 1 || (E->dim >= 0 && v > E->dim)) {
            if (E->dim >= 0)
                return PFAIL("%s:%lld: coordinate %d is %lld, outside 1..%lld", p, ln, j + 1, v,
                             (long long)E->dim);
            return PFAIL("%s:%lld: coordinate %d is %lld, must be >= 1", p, ln, j + 1, v);
        }
        if (v > E->maxc) E->maxc = v;
        c[j] = v - 1;
    }
    if (!systec__parse_double(tok[order], &E->b.val[E->b.n]))
        return PFAIL("%s:%lld: value '%.40s' is not a number", p, ln, tok[order]);
    E->b.n++;
    return SYSTEC_SUCCESS;
}

/* Reads entry lines to the end of the file (at most max of them, or any
 * number if max < 0). Returns the status; 1 if a line beyond max was found. */
static int entry_lines(entries *E, int64_t max)
{
    char *tok[MAX_TOK];
    int st;
    while ((st = systec__reader_data_line(E->r, '#')) == 1) {
        if (max >= 0 && E->b.n == max) return 1;
        int nt = systec__split(E->r->line, tok, MAX_TOK);
        systec_status_t e = entry_line(E, tok, nt);
        if (e) return e;
    }
    return st;
}

/* Opens path for reading in the C locale; on failure closes it again. */
static systec_status_t open_text(systec__reader *r, const char *path, systec__c_locale *loc)
{
    systec_status_t st = systec__reader_open(r, path);
    if (st) {
        systec__reader_close(r);
        return st;
    }
    systec__c_locale_enter(loc);
    return SYSTEC_SUCCESS;
}

static void close_text(systec__reader *r, systec__c_locale *loc)
{
    systec__c_locale_leave(loc);
    systec__reader_close(r);
}

/* -------------------------------------------------------------- .tns read */
/* The header "N dim" is optional, so a first line of two integers is
 * ambiguous: it is also an entry "i value" of an order-1 tensor whose value
 * happens to be an integer. It is taken as a header exactly when the next
 * entry line has N + 1 fields, or when there is no next line (a header-only
 * file is an empty tensor). Otherwise the file is a headerless order-1
 * tensor. So "1 5" followed by "2 7" reads as an order-1 tensor of mode size
 * 5 with the single entry (2) = 7, never as the two entries (1) = 5, (2) = 7;
 * systec_tns_write always writes the header, so its files read back as
 * written. */
static systec_status_t tns_body(systec__reader *r, systec_tns_t *T)
{
    const char *p = r->path;
    char *tok[MAX_TOK];
    entries E;
    memset(&E, 0, sizeof E);
    E.r = r;
    E.dim = -1;
    E.b.with_val = 1;
    E.b.limit = -1;
    systec_status_t st;

    int got = systec__reader_data_line(r, '#');
    if (got < 0) return got;
    if (got == 0)
        return PFAIL("%s:%lld: empty file: no header and no entries", p,
                     r->lineno > 0 ? r->lineno : 1);
    long long first_ln = r->lineno;
    int nt = systec__split(r->line, tok, MAX_TOK);
    long long a = 0, d = 0;
    double first_val = 0;
    int header = 0, lookahead = 0, order;
    if (nt == 2 && systec__parse_i64(tok[0], &a) && systec__parse_i64(tok[1], &d)) {
        systec__parse_double(tok[1], &first_val); /* in case it is an entry after all */
        got = systec__reader_data_line(r, '#');
        if (got < 0) return got;
        if (got == 1) {
            nt = systec__split(r->line, tok, MAX_TOK);
            lookahead = 1;
        }
        header = !lookahead || nt - 1 == a;
        if (header && (a < 1 || a > SYSTEC_MAX_ORDER))
            return PFAIL("%s:%lld: header: order %lld outside 1..%d", p, first_ln, a,
                         SYSTEC_MAX_ORDER);
        if (header && d < 0)
            return PFAIL("%s:%lld: header: negative dimension %lld", p, first_ln, d);
        if (!header && nt != 2) {
            if (a >= 1 && a <= SYSTEC_MAX_ORDER)
                return PFAIL("%s:%lld: expected %lld fields after the header on line %lld (or 2 "
                             "fields like it, if it is an entry), got %d",
                             p, r->lineno, a + 1, first_ln, nt);
            return PFAIL("%s:%lld: expected 2 fields like line %lld, got %d", p, r->lineno,
                         first_ln, nt);
        }
        order = header ? (int)a : 1;
    } else {
        if (nt < 2)
            return PFAIL("%s:%lld: expected coordinates and a value, got %d field%s", p,
                         first_ln, nt, nt == 1 ? "" : "s");
        if (nt - 1 > SYSTEC_MAX_ORDER)
            return PFAIL("%s:%lld: %d coordinates: order above SYSTEC_MAX_ORDER (%d)", p,
                         first_ln, nt - 1, SYSTEC_MAX_ORDER);
        order = nt - 1;
    }
    E.b.order = order;
    if (header) E.dim = d;
    if (tbuf_resize(&E.b, 1024)) {
        tbuf_free(&E.b);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: out of memory", p);
    }
    if (lookahead && !header) {
        /* headerless order 1 whose first entry has an integer value: it was
         * parsed before the lookahead replaced the line */
        if (a < 1) {
            st = PFAIL("%s:%lld: coordinate 1 is %lld, must be >= 1", p, first_ln, a);
            goto fail;
        }
        E.b.ind[0] = a - 1;
        E.b.val[0] = first_val;
        E.b.n = 1;
        E.maxc = a;
    }
    /* tok holds an entry line unless the file is a header alone */
    if ((lookahead || !header) && (st = entry_line(&E, tok, nt))) goto fail;
    if ((st = entry_lines(&E, -1)) != SYSTEC_SUCCESS) goto fail;

    tbuf_shrink(&E.b);
    T->order = order;
    T->dim = header ? d : E.maxc;
    T->nnz = E.b.n;
    T->ind = E.b.ind;
    T->val = E.b.val;
    return SYSTEC_SUCCESS;
fail:
    tbuf_free(&E.b);
    return st;
}

systec_status_t systec_tns_read(const char *path, systec_tns_t *T)
{
    systec__clear_error();
    if (!path || !T) return systec__fail(SYSTEC_ERR_NULL_POINTER, "path or T is NULL");
    systec__reader r;
    systec__c_locale loc;
    systec_status_t st = open_text(&r, path, &loc);
    if (st) return st;
    systec_tns_t out;
    st = tns_body(&r, &out);
    close_text(&r, &loc);
    if (st == SYSTEC_SUCCESS) *T = out;
    return st;
}

/* ------------------------------------------------------------ .ssten read */
static systec_status_t ssten_body(systec__reader *r, systec_tns_t *T)
{
    const char *p = r->path;
    char *tok[MAX_TOK];
    int got = systec__reader_data_line(r, '#');
    if (got < 0) return got;
    if (got == 0)
        return PFAIL("%s:%lld: empty file, expected the header \"order dim entries\"", p,
                     r->lineno > 0 ? r->lineno : 1);
    long long hl = r->lineno, h[3];
    int nt = systec__split(r->line, tok, MAX_TOK);
    if (nt != 3)
        return PFAIL("%s:%lld: header must have 3 fields (order dim entries), got %d", p, hl, nt);
    for (int f = 0; f < 3; f++)
        if (!systec__parse_i64(tok[f], &h[f]))
            return PFAIL("%s:%lld: header: '%.40s' is not a valid integer", p, hl, tok[f]);
    if (h[0] < 1 || h[0] > SYSTEC_MAX_ORDER)
        return PFAIL("%s:%lld: header: order %lld outside 1..%d", p, hl, h[0], SYSTEC_MAX_ORDER);
    if (h[1] < 0 || h[2] < 0)
        return PFAIL("%s:%lld: header: negative size %lld %lld", p, hl, h[1], h[2]);
    if (h[2] > 0 && h[1] == 0)
        return PFAIL("%s:%lld: %lld entries declared for mode size 0", p, hl, h[2]);

    entries E;
    memset(&E, 0, sizeof E);
    E.r = r;
    E.dim = h[1];
    E.b.order = (int)h[0];
    E.b.with_val = 1;
    E.b.limit = h[2];
    if (tbuf_resize(&E.b, h[2] < 1024 ? h[2] : 1024)) {
        tbuf_free(&E.b);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: out of memory", p);
    }
    int st = entry_lines(&E, h[2]);
    if (st == 1) {
        st = PFAIL("%s:%lld: more entries than the %lld declared on line %lld", p, r->lineno,
                   h[2], hl);
    } else if (st == SYSTEC_SUCCESS && E.b.n < h[2]) {
        st = PFAIL("%s:%lld: file ends after %lld of the %lld entries declared on line %lld", p,
                   r->lineno, (long long)E.b.n, h[2], hl);
    }
    if (st) {
        tbuf_free(&E.b);
        return st;
    }
    T->order = E.b.order;
    T->dim = h[1];
    T->nnz = E.b.n;
    T->ind = E.b.ind;
    T->val = E.b.val;
    return SYSTEC_SUCCESS;
}

systec_status_t systec_ssten_read(const char *path, systec_tns_t *T)
{
    systec__clear_error();
    if (!path || !T) return systec__fail(SYSTEC_ERR_NULL_POINTER, "path or T is NULL");
    systec__reader r;
    systec__c_locale loc;
    systec_status_t st = open_text(&r, path, &loc);
    if (st) return st;
    systec_tns_t out;
    st = ssten_body(&r, &out);
    close_text(&r, &loc);
    if (st == SYSTEC_SUCCESS) *T = out;
    return st;
}

/* ------------------------------------------------------ hypergraph read */
/* A node id with the simplices-file line it came from. */
typedef struct {
    int64_t id;
    long long line;
} node_at;

static int cmp_node_at(const void *x, const void *y)
{
    const node_at *a = x, *b = y;
    if (a->id != b->id) return a->id < b->id ? -1 : 1;
    return (a->line > b->line) - (a->line < b->line);
}

/* Reads one line holding a single integer. Returns 1, 0 at end of file, or an
 * error status (a line with another number of fields is a parse error). */
static int one_integer(systec__reader *r, const char *what, long long *v)
{
    char *tok[2];
    int st = systec__reader_data_line(r, '#');
    if (st <= 0) return st;
    int nt = systec__split(r->line, tok, 2);
    if (nt != 1)
        return PFAIL("%s:%lld: expected one %s per line, got %d fields", r->path, r->lineno, what,
                     nt);
    if (!systec__parse_i64(tok[0], v))
        return PFAIL("%s:%lld: %s '%.40s' is not a valid integer", r->path, r->lineno, what,
                     tok[0]);
    return 1;
}

/* Both files are streamed side by side: each size read from nverts pulls
 * that many ids from simplices, so neither file is held in memory, only the
 * simplices that are kept. A kept simplex of s < k nodes leaves its slots
 * s..k-1 at -1 until the largest node id M is known: the dummy node of
 * slot j is then M + j - 1 (1-based), whatever s is. */
static systec_status_t hyper_body(systec__reader *nv, systec__reader *sx, int k,
                                  systec_hyper_t how, systec_tns_t *T)
{
    tbuf b;
    memset(&b, 0, sizeof b);
    b.order = k;
    b.limit = -1;
    node_at *nodes = NULL;
    int64_t ncap = 0, M = 0, simplices = 0;
    int lo = how == SYSTEC_HYPER_PADDED ? 2 : k;
    systec_status_t st = SYSTEC_SUCCESS;
    int got;
    long long s, id;
    if (tbuf_resize(&b, 1024)) goto oom;
    while ((got = one_integer(nv, "simplex size", &s)) == 1) {
        simplices++;
        if (s < 1) {
            st = PFAIL("%s:%lld: simplex size %lld, must be >= 1", nv->path, nv->lineno, s);
            goto fail;
        }
        for (long long j = 0; j < s; j++) {
            got = one_integer(sx, "node id", &id);
            if (got < 0) {
                st = got;
                goto fail;
            }
            if (got == 0) {
                st = PFAIL("%s:%lld: file ends inside simplex %lld (%lld of its %lld node ids, "
                           "size on line %lld of %s)",
                           sx->path, sx->lineno > 0 ? sx->lineno : 1, (long long)simplices, j, s,
                           nv->lineno, nv->path);
                goto fail;
            }
            if (id < 1 || id > MAX_NODE_ID) {
                st = PFAIL("%s:%lld: node id %lld outside 1..%lld", sx->path, sx->lineno, id,
                           (long long)MAX_NODE_ID);
                goto fail;
            }
            if (j == ncap) {
                int64_t cap = ncap < 64 ? 64 : 2 * ncap;
                node_at *q = (uint64_t)cap > SIZE_MAX / sizeof *q
                                 ? NULL
                                 : systec__realloc(nodes, (size_t)cap * sizeof *q);
                if (!q) goto oom;
                nodes = q;
                ncap = cap;
            }
            nodes[j].id = id;
            nodes[j].line = sx->lineno;
            if (id > M) M = id;
        }
        /* sorted ids make both the repeat check and the canonical tuple */
        qsort(nodes, (size_t)s, sizeof *nodes, cmp_node_at);
        long long rep = -1, rep_id = 0;
        for (long long j = 1; j < s; j++)
            if (nodes[j].id == nodes[j - 1].id && (rep < 0 || nodes[j].line < rep))
                rep = nodes[j].line, rep_id = nodes[j].id;
        if (rep >= 0) {
            st = PFAIL("%s:%lld: node %lld repeated in simplex %lld (size on line %lld of %s)",
                       sx->path, rep, rep_id, (long long)simplices, nv->lineno, nv->path);
            goto fail;
        }
        if (s < lo || s > k) continue;
        if (tbuf_reserve(&b)) goto oom;
        int64_t *t = b.ind + b.n * k;
        for (int j = 0; j < k; j++) t[j] = j < s ? nodes[j].id - 1 : -1;
        b.n++;
    }
    if (got < 0) {
        st = got;
        goto fail;
    }
    got = one_integer(sx, "node id", &id);
    if (got < 0) {
        st = got;
        goto fail;
    }
    if (got == 1) {
        st = PFAIL("%s:%lld: more node ids than the sizes in %s add up to (%lld simplices)",
                   sx->path, sx->lineno, nv->path, (long long)simplices);
        goto fail;
    }

    for (int64_t e = 0; e < b.n; e++)
        for (int j = 0; j < k; j++)
            if (b.ind[e * k + j] < 0) b.ind[e * k + j] = M + j - 2; /* 0-based M + j - 1 */
    if (b.n > 1) {
        int64_t *tmp = systec__malloc((size_t)b.n * (size_t)k * 8);
        if (!tmp) goto oom;
        sort_rows(b.ind, tmp, b.n, k);
        systec__free(tmp);
        b.n = unique_rows(b.ind, b.n, k);
    }
    b.with_val = 1;
    if (tbuf_resize(&b, b.n)) goto oom; /* shrinks ind, allocates val */
    for (int64_t e = 0; e < b.n; e++) b.val[e] = 1.0;
    systec__free(nodes);
    T->order = k;
    T->dim = how == SYSTEC_HYPER_PADDED ? M + k - 2 : M;
    T->nnz = b.n;
    T->ind = b.ind;
    T->val = b.val;
    return SYSTEC_SUCCESS;
oom:
    st = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: out of memory", sx->path);
fail:
    systec__free(nodes);
    tbuf_free(&b);
    return st;
}

systec_status_t systec_hypergraph_read(const char *nverts_path, const char *simplices_path,
                                       int k, systec_hyper_t how, systec_tns_t *T)
{
    systec__clear_error();
    if (!nverts_path || !simplices_path || !T)
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "nverts_path, simplices_path or T is NULL");
    if (k < 2 || k > SYSTEC_MAX_ORDER)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "order k = %d outside 2..%d", k,
                            SYSTEC_MAX_ORDER);
    if (how != SYSTEC_HYPER_UNIFORM && how != SYSTEC_HYPER_PADDED)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "unknown hypergraph mode %d", (int)how);
    systec__reader nv, sx;
    systec__c_locale loc;
    systec_status_t st = open_text(&nv, nverts_path, &loc);
    if (st) return st;
    st = systec__reader_open(&sx, simplices_path);
    systec_tns_t out;
    if (st == SYSTEC_SUCCESS) st = hyper_body(&nv, &sx, k, how, &out);
    systec__reader_close(&sx);
    close_text(&nv, &loc);
    if (st == SYSTEC_SUCCESS) *T = out;
    return st;
}

/* ------------------------------------------------------------------ write */
static systec_status_t check_tns(const systec_tns_t *T)
{
    if (T->order < 1 || T->order > SYSTEC_MAX_ORDER)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "order %d outside 1..%d", T->order,
                            SYSTEC_MAX_ORDER);
    if (T->dim < 0 || T->nnz < 0 || T->nnz > INT64_MAX / T->order)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "invalid tensor size: dim=%lld, nnz=%lld",
                            (long long)T->dim, (long long)T->nnz);
    if (T->nnz > 0 && (!T->ind || !T->val))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "tensor with nnz=%lld has a NULL %s array",
                            (long long)T->nnz, !T->ind ? "ind" : "val");
    for (int64_t e = 0; e < T->nnz; e++)
        for (int j = 0; j < T->order; j++) {
            int64_t c = T->ind[e * T->order + j];
            if (c < 0 || c >= T->dim)
                return systec__fail(SYSTEC_ERR_INDEX_OUT_OF_RANGE,
                                    "entry %lld: coordinate %d is %lld, outside 0..%lld",
                                    (long long)e, j + 1, (long long)c, (long long)T->dim - 1);
        }
    return SYSTEC_SUCCESS;
}

/* Written to a unique temporary (mkstemp) next to path and renamed into
 * place, so readers never see a half-written file and a failed write leaves
 * any previous file intact. */
systec_status_t systec_tns_write(const char *path, const systec_tns_t *T)
{
    systec__clear_error();
    if (!path || !T) return systec__fail(SYSTEC_ERR_NULL_POINTER, "path or T is NULL");
    systec_status_t st = check_tns(T);
    if (st) return st;

    systec__atomic_file w;
    if ((st = systec__atomic_open(&w, path)) != SYSTEC_SUCCESS) return st;
    FILE *f = w.f;
    int ok = fprintf(f, "%d %lld\n", T->order, (long long)T->dim) > 0;
    /* one line is at most 8 coordinates of 20 digits and a %.17g value */
    char line[256];
    for (int64_t e = 0; ok && e < T->nnz; e++) {
        int n = 0;
        for (int j = 0; j < T->order; j++)
            n += snprintf(line + n, sizeof line - (size_t)n, "%lld ",
                          (long long)T->ind[e * T->order + j] + 1);
        n += snprintf(line + n, sizeof line - (size_t)n, "%.17g\n", T->val[e]);
        ok = fwrite(line, 1, (size_t)n, f) == (size_t)n;
    }
    return systec__atomic_close(&w, path, ok);
}

/* ----------------------------------------------------------------- random */
/* xoshiro256** (Blackman and Vigna), seeded through splitmix64 so that any
 * seed, 0 included, gives a well-mixed nonzero state. Self-contained so a
 * seed gives the same tensor on every platform and C library. */
typedef struct {
    uint64_t s[4];
} rng_t;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void rng_seed(rng_t *g, uint64_t seed)
{
    for (int i = 0; i < 4; i++) g->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(rng_t *g)
{
    uint64_t *s = g->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

/* High and low words of the 128-bit product a*b. */
static uint64_t mul_hi(uint64_t a, uint64_t b, uint64_t *lo)
{
#ifdef __SIZEOF_INT128__
    unsigned __int128 p = (unsigned __int128)a * b;
    *lo = (uint64_t)p;
    return (uint64_t)(p >> 64);
#else
    uint64_t al = a & 0xffffffffu, ah = a >> 32, bl = b & 0xffffffffu, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);
    *lo = (mid << 32) | (ll & 0xffffffffu);
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
#endif
}

/* Uniform in [0, range), range >= 1, without modulo bias (Lemire's
 * multiply-and-reject: a division only on the rare rejection path). */
static uint64_t rng_below(rng_t *g, uint64_t range)
{
    uint64_t lo, hi = mul_hi(rng_next(g), range, &lo);
    if (lo < range) {
        uint64_t floor = (0 - range) % range;
        while (lo < floor) hi = mul_hi(rng_next(g), range, &lo);
    }
    return hi;
}

/* Uniform in (0, 1]: the 2^53 values k * 2^-53, k = 1..2^53. */
static double rng_unit_open0(rng_t *g)
{
    return (double)((rng_next(g) >> 11) + 1) * (1.0 / 9007199254740992.0);
}

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* C(m, r), or -1 if it exceeds INT64_MAX. Every intermediate value is a
 * binomial coefficient no larger than the result, and the gcd split keeps
 * each product exact, so only a result too large can overflow. */
static int64_t binom(int64_t m, int r)
{
    if (r < 0 || m < r) return 0;
    if (r > m - r) r = (int)(m - r);
    uint64_t c = 1;
    for (int j = 1; j <= r; j++) {
        uint64_t num = (uint64_t)(m - r + j), g = gcd_u64(c, (uint64_t)j);
        uint64_t cg = c / g;
        num /= (uint64_t)j / g; /* exact: j/g divides num since C(m-r+j, j) is whole */
        if (num != 0 && cg > (uint64_t)INT64_MAX / num) return -1;
        c = cg * num;
    }
    return (int64_t)c;
}

/* Sparse draws: below this fraction of the cells the generator samples
 * cells instead of scanning all of them (see random_sparse). */
#define SPARSE_RATIO 64

/* Selection sampling (Knuth's Algorithm S) along the lexicographic
 * enumeration of the canonical cells: cell t of cells is taken with
 * probability need / (cells - t), which gives exactly count cells, uniformly,
 * already sorted. O(cells) time, no memory beyond the result. */
static void random_scan(rng_t *g, int order, int64_t dim, int64_t cells, int64_t count,
                        int64_t *ind)
{
    int64_t c[SYSTEC_MAX_ORDER] = {0}, need = count, left = cells, e = 0;
    while (need > 0) {
        if ((int64_t)rng_below(g, (uint64_t)left) < need) {
            memcpy(ind + e * order, c, (size_t)order * 8);
            e++;
            need--;
        }
        left--;
        if (need == 0) break;
        /* next non-decreasing tuple: bump the last coordinate that can grow,
         * and reset everything after it to that value */
        int p = order - 1;
        while (c[p] == dim - 1) p--;
        c[p]++;
        for (int q = p + 1; q < order; q++) c[q] = c[p];
    }
}

/* One uniform canonical cell: a uniform order-subset of the n' = dim + order
 * - 1 values c0 < c1 < ... (Floyd's algorithm: order draws, no rejection)
 * maps one-to-one to the sorted tuple i_j = c_j - j. */
static void random_cell(rng_t *g, int order, int64_t dim, int64_t *out)
{
    int64_t n = dim + order - 1, c[SYSTEC_MAX_ORDER];
    int m = 0;
    for (int64_t j = n - order; j < n; j++) {
        int64_t t = (int64_t)rng_below(g, (uint64_t)j + 1);
        int dup = 0;
        for (int q = 0; q < m; q++) dup |= c[q] == t;
        c[m++] = dup ? j : t;
    }
    /* insertion sort: order <= SYSTEC_MAX_ORDER */
    for (int a = 1; a < order; a++)
        for (int b = a; b > 0 && c[b - 1] > c[b]; b--) {
            int64_t t = c[b];
            c[b] = c[b - 1];
            c[b - 1] = t;
        }
    for (int j = 0; j < order; j++) out[j] = c[j] - j;
}

/* For count far below cells: draw cells with replacement, sort, drop
 * repeats, and draw the shortfall again until count distinct cells are
 * there. The kept set is the set of distinct values of an i.i.d. uniform
 * sequence stopped by a rule that only looks at how many are distinct, so
 * every count-subset of the cells is equally likely, as in random_scan.
 * Each round draws the shortfall, which shrinks by a factor of about
 * SPARSE_RATIO. O(count log count) time, 3 * count tuples of memory.
 * Returns -1 if the memory is not there. */
static int random_sparse(rng_t *g, int order, int64_t dim, int64_t count, int64_t *ind)
{
    size_t rk = (size_t)order * 8;
    int64_t *fresh = systec__malloc((size_t)count * rk), *tmp = systec__malloc((size_t)count * rk);
    if (!fresh || !tmp) {
        systec__free(fresh);
        systec__free(tmp);
        return -1;
    }
    int64_t have = 0; /* sorted distinct cells in ind */
    while (have < count) {
        int64_t d = count - have;
        for (int64_t e = 0; e < d; e++) random_cell(g, order, dim, fresh + e * order);
        sort_rows(fresh, tmp, d, order);
        d = unique_rows(fresh, d, order);
        /* merge ind[0..have) and fresh[0..d) into tmp, once each */
        int64_t p = 0, q = 0, o = 0;
        while (p < have || q < d) {
            int cmp = p == have ? 1 : q == d ? -1 : cmp_rows(ind + p * order, fresh + q * order,
                                                             order);
            const int64_t *src = cmp <= 0 ? ind + (p++) * order : fresh + (q++) * order;
            if (cmp == 0) q++;
            memcpy(tmp + (o++) * order, src, rk);
        }
        memcpy(ind, tmp, (size_t)o * rk);
        have = o;
    }
    systec__free(fresh);
    systec__free(tmp);
    return 0;
}

systec_status_t systec_tns_random_symmetric(int order, int64_t dim, double sp, uint64_t seed,
                                            systec_tns_t *T)
{
    systec__clear_error();
    if (!T) return systec__fail(SYSTEC_ERR_NULL_POINTER, "T is NULL");
    if (order < 1 || order > SYSTEC_MAX_ORDER)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "order %d outside 1..%d", order,
                            SYSTEC_MAX_ORDER);
    if (dim < 0) return systec__fail(SYSTEC_ERR_INVALID_SIZE, "negative dim %lld", (long long)dim);
    if (!(sp >= 0.0 && sp <= 1.0))
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "sparsity %g outside [0, 1]", sp);
    int64_t cells = dim > INT64_MAX - order ? -1 : binom(dim + order - 1, order);
    if (cells < 0)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE,
                            "C(dim+order-1, order) canonical cells for order %d, dim %lld "
                            "overflow int64",
                            order, (long long)dim);
    /* round(sp * cells): the double product can exceed cells when cells is
     * not exactly representable, hence the clamp */
    double want = round(sp * (double)cells);
    int64_t count = want >= (double)cells ? cells : (int64_t)want;

    tbuf b;
    memset(&b, 0, sizeof b);
    b.order = order;
    b.with_val = 1;
    if (tbuf_resize(&b, count)) {
        tbuf_free(&b);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY,
                            "out of memory for %lld entries of order %d", (long long)count, order);
    }
    rng_t g;
    rng_seed(&g, seed);
    if (count > 0 && count <= cells / SPARSE_RATIO) {
        if (random_sparse(&g, order, dim, count, b.ind)) {
            tbuf_free(&b);
            return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY,
                                "out of memory for %lld entries of order %d", (long long)count,
                                order);
        }
    } else {
        random_scan(&g, order, dim, cells, count, b.ind);
    }
    for (int64_t e = 0; e < count; e++) b.val[e] = rng_unit_open0(&g);
    T->order = order;
    T->dim = dim;
    T->nnz = count;
    T->ind = b.ind;
    T->val = b.val;
    return SYSTEC_SUCCESS;
}
