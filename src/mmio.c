/* Matrix Market coordinate reader and writer.
 *
 * Lines come from the shared chunked reader (textio.h): plain or gzip input,
 * comment lines of any length, other lines rejected beyond SYSTEC__MAX_LINE
 * bytes with a line-numbered error. Entry arrays grow geometrically up to the
 * declared count, so a lying size line cannot force a huge allocation. */
#include "textio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ tokenizing */
static char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

/* Does s start with word, ignoring ASCII case? */
static int istarts(const char *s, const char *word)
{
    for (; *word; s++, word++)
        if (lower_ascii(*s) != lower_ascii(*word)) return 0;
    return 1;
}

static int ieq(const char *a, const char *b) { return istarts(a, b) && a[strlen(b)] == '\0'; }

/* ----------------------------------------------------------------- reader */
typedef struct {
    int pattern, integer, symmetric;
} mm_header;

#define PFAIL(...) systec__fail(SYSTEC_ERR_PARSE, __VA_ARGS__)

static systec_status_t parse_banner(systec__reader *r, mm_header *h)
{
    const char *p = r->path;
    long long ln = r->lineno;
    if (r->too_long) return PFAIL("%s:%lld: line longer than %d bytes", p, ln, SYSTEC__MAX_LINE);
    static const char magic[] = "%%MatrixMarket";
    char *rest = r->line + (sizeof magic - 1), *tok[5];
    if (memchr(r->line, '\0', r->llen) || !istarts(r->line, magic) ||
        (*rest != '\0' && !systec__is_space(*rest)))
        return PFAIL("%s:%lld: missing %%%%MatrixMarket banner", p, ln);
    int nt = systec__split(rest, tok, 5);
    if (nt != 4)
        return PFAIL("%s:%lld: banner must have 4 words after %%%%MatrixMarket, got %d", p, ln,
                     nt);
    if (!ieq(tok[0], "matrix"))
        return PFAIL("%s:%lld: unknown object '%.40s' (expected 'matrix')", p, ln, tok[0]);
    if (ieq(tok[1], "array"))
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s:%lld: dense 'array' format unsupported",
                            p, ln);
    if (!ieq(tok[1], "coordinate"))
        return PFAIL("%s:%lld: unknown format '%.40s'", p, ln, tok[1]);
    h->pattern = ieq(tok[2], "pattern");
    h->integer = ieq(tok[2], "integer");
    if (ieq(tok[2], "complex"))
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s:%lld: 'complex' field unsupported", p,
                            ln);
    if (!h->pattern && !h->integer && !ieq(tok[2], "real"))
        return PFAIL("%s:%lld: unknown field '%.40s'", p, ln, tok[2]);
    h->symmetric = ieq(tok[3], "symmetric");
    if (ieq(tok[3], "skew-symmetric") || ieq(tok[3], "hermitian"))
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s:%lld: '%s' symmetry unsupported", p, ln,
                            tok[3]);
    if (!h->symmetric && !ieq(tok[3], "general"))
        return PFAIL("%s:%lld: unknown symmetry '%.40s'", p, ln, tok[3]);
    return SYSTEC_SUCCESS;
}

/* Reads the next line that is neither blank nor a comment. Returns 1, 0 at
 * end of file, or an error status (for over-long or NUL-containing lines). */
static int next_data_line(systec__reader *r) { return systec__reader_data_line(r, '%'); }

/* Grows *p to hold cap elements of size sz; leaves *p unchanged on failure. */
static int grow(void **p, int64_t cap, size_t sz)
{
    void *q = systec__realloc(*p, (size_t)cap * sz);
    if (!q) return -1;
    *p = q;
    return 0;
}

static systec_status_t read_body(systec__reader *r, const mm_header *h, systec_coo_t *out)
{
    const char *p = r->path;
    char *tok[4];
    long long m, n, nnz;
    int st = next_data_line(r);
    if (st < 0) return st;
    if (st == 0)
        return PFAIL("%s:%lld: missing size line", p, r->lineno > 0 ? r->lineno : 1);
    long long ln = r->lineno;
    int nt = systec__split(r->line, tok, 4);
    if (nt != 3)
        return PFAIL("%s:%lld: size line must have 3 fields (rows cols entries), got %d", p, ln,
                     nt);
    long long *dst[3] = {&m, &n, &nnz};
    for (int f = 0; f < 3; f++)
        if (!systec__parse_i64(tok[f], dst[f]))
            return PFAIL("%s:%lld: size line: '%.40s' is not a valid integer", p, ln, tok[f]);
    if (m < 0 || n < 0 || nnz < 0)
        return PFAIL("%s:%lld: negative size %lld %lld %lld", p, ln, m, n, nnz);
    if (nnz > 0 && (m == 0 || n == 0))
        return PFAIL("%s:%lld: %lld entries declared for an empty %lldx%lld matrix", p, ln, nnz, m,
                     n);
    if (h->symmetric && m != n)
        return PFAIL("%s:%lld: symmetric matrix must be square, got %lldx%lld", p, ln, m, n);
    long long size_line = ln;

    int64_t cap = nnz < 65536 ? (nnz > 0 ? nnz : 1) : 65536, k = 0;
    int64_t *row = NULL, *col = NULL;
    double *val = NULL;
    int nf = h->pattern ? 2 : 3;
    systec_status_t err = SYSTEC_SUCCESS;
    if (grow((void **)&row, cap, 8) || grow((void **)&col, cap, 8) ||
        grow((void **)&val, cap, 8)) {
        err = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: out of memory", p);
        goto fail;
    }
    while ((st = next_data_line(r)) == 1) {
        ln = r->lineno;
        if (k == nnz) {
            err = PFAIL("%s:%lld: more entries than the %lld declared on line %lld", p, ln, nnz,
                        size_line);
            goto fail;
        }
        nt = systec__split(r->line, tok, 4);
        long long i, j, iv;
        double v = 1.0;
        if (nt != nf) {
            err = PFAIL("%s:%lld: expected %d fields, got %d", p, ln, nf, nt);
            goto fail;
        }
        if (!systec__parse_i64(tok[0], &i) || !systec__parse_i64(tok[1], &j)) {
            int f = systec__parse_i64(tok[0], &i); /* which one failed */
            err = PFAIL("%s:%lld: %s index '%.40s' is not a valid integer", p, ln,
                        f ? "column" : "row", tok[f]);
            goto fail;
        }
        if (i < 1 || i > m || j < 1 || j > n) {
            err = PFAIL("%s:%lld: index (%lld,%lld) outside the %lldx%lld matrix", p, ln, i, j, m,
                        n);
            goto fail;
        }
        if (h->integer ? !systec__parse_i64(tok[2], &iv)
                       : (nf == 3 && !systec__parse_double(tok[2], &v))) {
            err = PFAIL("%s:%lld: value '%.40s' is not %s", p, ln, tok[2],
                        h->integer ? "an integer" : "a number");
            goto fail;
        }
        if (h->integer) v = (double)iv;
        if (k == cap) {
            cap = cap > nnz / 2 ? nnz : 2 * cap;
            if (grow((void **)&row, cap, 8) || grow((void **)&col, cap, 8) ||
                grow((void **)&val, cap, 8)) {
                err = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: out of memory", p);
                goto fail;
            }
        }
        row[k] = i - 1;
        col[k] = j - 1;
        val[k] = v;
        k++;
    }
    if (st < 0) {
        err = st;
        goto fail;
    }
    if (k < nnz) {
        err = PFAIL("%s:%lld: file ends after %lld of the %lld entries declared on line %lld", p,
                    r->lineno, (long long)k, nnz, size_line);
        goto fail;
    }
    out->nrows = m;
    out->ncols = n;
    out->nnz = nnz;
    out->row = row;
    out->col = col;
    out->val = val;
    out->symmetric = h->symmetric;
    out->pattern = h->pattern;
    return SYSTEC_SUCCESS;
fail:
    systec__free(row);
    systec__free(col);
    systec__free(val);
    return err;
}

/* A symmetric file that stores both triangles (see systec__coo_mirrors):
 * its lower triangle is kept, or it is refused. */
static systec_status_t one_triangle(const char *path, systec_coo_t *A)
{
    int st = systec__coo_mirrors(path, SYSTEC_ERR_PARSE, A);
    if (st <= 0) return st;
    int64_t w = 0;
    for (int64_t k = 0; k < A->nnz; k++) {
        if (A->row[k] < A->col[k]) continue;
        A->row[w] = A->row[k];
        A->col[w] = A->col[k];
        A->val[w] = A->val[k];
        w++;
    }
    A->nnz = w;
    return SYSTEC_SUCCESS;
}

systec_status_t systec_mm_read(const char *path, systec_coo_t *A)
{
    systec__clear_error();
    if (!path || !A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "path or A is NULL");
    systec__reader r;
    systec_status_t st = systec__reader_open(&r, path);
    if (st) goto done;

    mm_header h = {0, 0, 0};
    systec_coo_t out;
    memset(&out, 0, sizeof out);
    systec__c_locale loc;
    systec__c_locale_enter(&loc);
    int got = systec__reader_line(&r);
    if (got < 0) st = got;
    else if (got == 0)
        st = PFAIL("%s:1: empty file, expected a %%%%MatrixMarket banner", path);
    else if ((st = parse_banner(&r, &h)) == SYSTEC_SUCCESS)
        st = read_body(&r, &h, &out);
    systec__c_locale_leave(&loc);
    if (!st && (st = one_triangle(path, &out)) != SYSTEC_SUCCESS) systec_coo_free(&out);
    if (!st) *A = out;
done:
    systec__reader_close(&r);
    return st;
}

/* ----------------------------------------------------------------- writer */
systec_status_t systec_mm_write(const char *path, const systec_coo_t *A)
{
    systec__clear_error();
    if (!path || !A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "path or A is NULL");
    systec_status_t st = systec__check_coo(A);
    if (st) return st;
    /* a symmetric list holds one entry per pair: its file must read back as written */
    int mirrored = systec__coo_mirrors("systec_mm_write", SYSTEC_ERR_INVALID_VALUE, A);
    if (mirrored == SYSTEC_ERR_OUT_OF_MEMORY) return mirrored;
    if (mirrored)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE,
                            "systec_mm_write: the symmetric list holds entries and their "
                            "mirrors (both triangles); give one triangle");

    systec__atomic_file w;
    if ((st = systec__atomic_open(&w, path)) != SYSTEC_SUCCESS) return st;
    FILE *f = w.f;
    int ok = fprintf(f, "%%%%MatrixMarket matrix coordinate %s %s\n%% written by libsystec %s\n",
                     A->pattern ? "pattern" : "real", A->symmetric ? "symmetric" : "general",
                     systec_version_string()) > 0 &&
             fprintf(f, "%lld %lld %lld\n", (long long)A->nrows, (long long)A->ncols,
                     (long long)A->nnz) > 0;
    for (int64_t k = 0; ok && k < A->nnz; k++) {
        long long i = A->row[k] + 1, j = A->col[k] + 1;
        ok = (A->pattern ? fprintf(f, "%lld %lld\n", i, j)
                         : fprintf(f, "%lld %lld %.17g\n", i, j, A->val[k])) > 0;
    }
    return systec__atomic_close(&w, path, ok);
}
