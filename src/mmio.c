/* Matrix Market coordinate reader and writer.
 *
 * The reader pulls fixed-size chunks (stdio, or zlib for gzip input) and
 * splits them into lines itself, so lines of any length are handled: comment
 * lines may be arbitrarily long, other lines are rejected beyond MM_MAX_LINE
 * bytes with a line-numbered error. Entry arrays grow geometrically up to the
 * declared count, so a lying size line cannot force a huge allocation. */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* getpid, fsync, fileno */
#endif
#include "internal.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef SYSTEC_HAVE_ZLIB
#include <zlib.h>
#endif
#ifdef _WIN32
#include <process.h>
#define getpid _getpid
#else
#include <unistd.h>
#endif


/* Numbers are read and written in the "C" locale whatever the caller's
 * setlocale() says (a decimal comma would corrupt both directions). */
#if defined(LC_NUMERIC_MASK) && !defined(_WIN32)
typedef struct {
    locale_t c, old;
} c_locale;
static void c_locale_enter(c_locale *l)
{
    l->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    l->old = l->c ? uselocale(l->c) : (locale_t)0;
}
static void c_locale_leave(c_locale *l)
{
    if (!l->c) return;
    uselocale(l->old);
    freelocale(l->c);
}
#else
typedef int c_locale;
static void c_locale_enter(c_locale *l) { *l = 0; }
static void c_locale_leave(c_locale *l) { (void)l; }
#endif

#define MM_MAX_LINE (1 << 20) /* longest accepted non-comment line, bytes */
#define MM_CHUNK (1 << 16)

/* ------------------------------------------------------------ line reader */
typedef struct {
    const char *path;
    FILE *fp;
#ifdef SYSTEC_HAVE_ZLIB
    gzFile gz;
#endif
    char *chunk;
    size_t pos, len;
    int eof;
    char *line; /* current line, NUL-terminated, without "\n" / "\r\n" */
    size_t llen, lcap;
    int too_long; /* line exceeded MM_MAX_LINE: only its prefix is in line */
    long long lineno;
} reader;

/* Refills the chunk. Returns 1 if data was read, 0 at end of file, or an error status. */
static int rd_fill(reader *r)
{
    r->pos = r->len = 0;
#ifdef SYSTEC_HAVE_ZLIB
    if (r->gz) {
        int got = gzread(r->gz, r->chunk, MM_CHUNK);
        int err = Z_OK;
        const char *msg = gzerror(r->gz, &err);
        if (got < 0 || (got < MM_CHUNK && err != Z_OK)) {
            size_t pl = strlen(r->path); /* drop the "<path>: " zlib puts first */
            if (strncmp(msg, r->path, pl) == 0 && msg[pl] == ':' && msg[pl + 1] == ' ')
                msg += pl + 2;
            return systec__fail(SYSTEC_ERR_IO, "%s: truncated or corrupt gzip data: %s", r->path,
                                err == Z_ERRNO ? strerror(errno) : msg);
        }
        r->len = (size_t)got;
        return got > 0;
    }
#endif
    r->len = fread(r->chunk, 1, MM_CHUNK, r->fp);
    if (r->len < MM_CHUNK && ferror(r->fp))
        return systec__fail(SYSTEC_ERR_IO, "%s: read error: %s", r->path, strerror(errno));
    return r->len > 0;
}

/* Appends n bytes to the line, growing it; beyond MM_MAX_LINE only marks too_long. */
static int rd_append(reader *r, const char *s, size_t n)
{
    if (r->too_long || n == 0) return 0;
    if (r->llen + n > MM_MAX_LINE) {
        n = MM_MAX_LINE - r->llen;
        r->too_long = 1;
    }
    if (r->llen + n + 1 > r->lcap) {
        size_t cap = r->lcap ? r->lcap : 256;
        while (cap < r->llen + n + 1) cap *= 2;
        char *p = realloc(r->line, cap);
        if (!p) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: out of memory", r->path);
        r->line = p;
        r->lcap = cap;
    }
    memcpy(r->line + r->llen, s, n);
    r->llen += n;
    r->line[r->llen] = '\0';
    return 0;
}

/* Reads the next line. Returns 1 for a line, 0 at end of file, or an error status. */
static int rd_line(reader *r)
{
    int any = 0;
    r->llen = 0;
    r->too_long = 0;
    r->line[0] = '\0';
    for (;;) {
        if (r->pos == r->len) {
            int st = r->eof ? 0 : rd_fill(r);
            if (st < 0) return st;
            if (st == 0) {
                r->eof = 1;
                break;
            }
        }
        const char *s = r->chunk + r->pos;
        const char *nl = memchr(s, '\n', r->len - r->pos);
        size_t take = nl ? (size_t)(nl - s) : r->len - r->pos;
        int st = rd_append(r, s, take);
        if (st < 0) return st;
        any = 1;
        r->pos += take + (nl != NULL);
        if (nl) break;
    }
    if (!any) return 0;
    if (r->llen > 0 && r->line[r->llen - 1] == '\r' && !r->too_long) r->line[--r->llen] = '\0';
    r->lineno++;
    return 1;
}

/* ------------------------------------------------------------ tokenizing */
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

static char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

/* Does s start with word, ignoring ASCII case? */
static int istarts(const char *s, const char *word)
{
    for (; *word; s++, word++)
        if (lower_ascii(*s) != lower_ascii(*word)) return 0;
    return 1;
}

static int ieq(const char *a, const char *b) { return istarts(a, b) && a[strlen(b)] == '\0'; }

/* Splits s in place at whitespace; stores up to max token pointers, returns the token count. */
static int split(char *s, char **tok, int max)
{
    int n = 0;
    for (;;) {
        while (is_space(*s)) s++;
        if (!*s) return n;
        if (n < max) tok[n] = s;
        n++;
        while (*s && !is_space(*s)) s++;
        if (*s) *s++ = '\0';
    }
}

static int parse_i64(const char *s, long long *v)
{
    char *end;
    errno = 0;
    *v = strtoll(s, &end, 10);
    return end != s && *end == '\0' && errno != ERANGE;
}

/* Any strtod number, including nan and inf; overflow reads as inf. */
static int parse_double(const char *s, double *v)
{
    char *end;
    *v = strtod(s, &end);
    return end != s && *end == '\0';
}

/* ----------------------------------------------------------------- reader */
typedef struct {
    int pattern, integer, symmetric;
} mm_header;

#define PFAIL(...) systec__fail(SYSTEC_ERR_PARSE, __VA_ARGS__)

static systec_status_t parse_banner(reader *r, mm_header *h)
{
    const char *p = r->path;
    long long ln = r->lineno;
    if (r->too_long) return PFAIL("%s:%lld: line longer than %d bytes", p, ln, MM_MAX_LINE);
    static const char magic[] = "%%MatrixMarket";
    char *rest = r->line + (sizeof magic - 1), *tok[5];
    if (memchr(r->line, '\0', r->llen) || !istarts(r->line, magic) ||
        (*rest != '\0' && !is_space(*rest)))
        return PFAIL("%s:%lld: missing %%%%MatrixMarket banner", p, ln);
    int nt = split(rest, tok, 5);
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
static int next_data_line(reader *r)
{
    for (;;) {
        int st = rd_line(r);
        if (st <= 0) return st;
        const char *s = r->line;
        while (is_space(*s)) s++;
        if (*s == '%') continue;
        if (r->too_long)
            return PFAIL("%s:%lld: line longer than %d bytes", r->path, r->lineno, MM_MAX_LINE);
        if (memchr(r->line, '\0', r->llen))
            return PFAIL("%s:%lld: NUL byte in line", r->path, r->lineno);
        if (*s) return 1;
    }
}

/* Grows *p to hold cap elements of size sz; leaves *p unchanged on failure. */
static int grow(void **p, int64_t cap, size_t sz)
{
    void *q = realloc(*p, (size_t)cap * sz);
    if (!q) return -1;
    *p = q;
    return 0;
}

static systec_status_t read_body(reader *r, const mm_header *h, systec_coo_t *out)
{
    const char *p = r->path;
    char *tok[4];
    long long m, n, nnz;
    int st = next_data_line(r);
    if (st < 0) return st;
    if (st == 0)
        return PFAIL("%s:%lld: missing size line", p, r->lineno > 0 ? r->lineno : 1);
    long long ln = r->lineno;
    int nt = split(r->line, tok, 4);
    if (nt != 3)
        return PFAIL("%s:%lld: size line must have 3 fields (rows cols entries), got %d", p, ln,
                     nt);
    long long *dst[3] = {&m, &n, &nnz};
    for (int f = 0; f < 3; f++)
        if (!parse_i64(tok[f], dst[f]))
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
        nt = split(r->line, tok, 4);
        long long i, j, iv;
        double v = 1.0;
        if (nt != nf) {
            err = PFAIL("%s:%lld: expected %d fields, got %d", p, ln, nf, nt);
            goto fail;
        }
        if (!parse_i64(tok[0], &i) || !parse_i64(tok[1], &j)) {
            int f = parse_i64(tok[0], &i); /* which one failed */
            err = PFAIL("%s:%lld: %s index '%.40s' is not a valid integer", p, ln,
                        f ? "column" : "row", tok[f]);
            goto fail;
        }
        if (i < 1 || i > m || j < 1 || j > n) {
            err = PFAIL("%s:%lld: index (%lld,%lld) outside the %lldx%lld matrix", p, ln, i, j, m,
                        n);
            goto fail;
        }
        if (h->integer ? !parse_i64(tok[2], &iv) : (nf == 3 && !parse_double(tok[2], &v))) {
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
    free(row);
    free(col);
    free(val);
    return err;
}

systec_status_t systec_mm_read(const char *path, systec_coo_t *A)
{
    systec__clear_error();
    if (!path || !A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "path or A is NULL");
    reader r;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.lcap = 256;
    r.chunk = malloc(MM_CHUNK);
    r.line = malloc(r.lcap);
    systec_status_t st = SYSTEC_SUCCESS;
    if (!r.chunk || !r.line) {
        st = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: out of memory", path);
        goto done;
    }
    r.fp = fopen(path, "rb");
    if (!r.fp) {
        st = systec__fail(SYSTEC_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        goto done;
    }
    /* Sniff the gzip magic; a plain file keeps these bytes in the chunk. */
    r.len = fread(r.chunk, 1, 2, r.fp);
    if (r.len < 2 && ferror(r.fp)) {
        st = systec__fail(SYSTEC_ERR_IO, "%s: read error: %s", path, strerror(errno));
        goto done;
    }
    if (r.len == 2 && (unsigned char)r.chunk[0] == 0x1f && (unsigned char)r.chunk[1] == 0x8b) {
        fclose(r.fp);
        r.fp = NULL;
        r.len = 0;
#ifdef SYSTEC_HAVE_ZLIB
        r.gz = gzopen(path, "rb");
        if (!r.gz) {
            st = systec__fail(SYSTEC_ERR_IO, "%s: cannot open: %s", path,
                              errno ? strerror(errno) : "zlib failure");
            goto done;
        }
        gzbuffer(r.gz, 1 << 17);
#else
        st = systec__fail(SYSTEC_ERR_UNSUPPORTED,
                          "%s: gzip-compressed file, but libsystec was built without zlib", path);
        goto done;
#endif
    }

    mm_header h = {0, 0, 0};
    c_locale loc;
    c_locale_enter(&loc);
    int got = rd_line(&r);
    if (got < 0) st = got;
    else if (got == 0)
        st = PFAIL("%s:1: empty file, expected a %%%%MatrixMarket banner", path);
    else if ((st = parse_banner(&r, &h)) == SYSTEC_SUCCESS)
        st = read_body(&r, &h, A);
    c_locale_leave(&loc);
done:
    if (r.fp) fclose(r.fp);
#ifdef SYSTEC_HAVE_ZLIB
    if (r.gz) gzclose(r.gz);
#endif
    free(r.chunk);
    free(r.line);
    return st;
}

/* ----------------------------------------------------------------- writer */
systec_status_t systec_mm_write(const char *path, const systec_coo_t *A)
{
    systec__clear_error();
    if (!path || !A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "path or A is NULL");
    systec_status_t st = systec__check_coo(A);
    if (st) return st;

    size_t plen = strlen(path) + 16;
    char *tmp = malloc(plen);
    if (!tmp) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "out of memory");
    /* a unique temporary name (mkstemp), so concurrent writers never share it */
    snprintf(tmp, plen, "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        st = systec__fail(SYSTEC_ERR_IO, "%s: cannot create: %s", tmp, strerror(errno));
        if (fd >= 0) {
            close(fd);
            remove(tmp);
        }
        free(tmp);
        return st;
    }
    c_locale loc;
    c_locale_enter(&loc);
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
    int err = ok ? 0 : errno;
    c_locale_leave(&loc);
    if (ok && fflush(f) != 0) ok = 0, err = errno;
#ifndef _WIN32
    if (ok && fsync(fileno(f)) != 0 && errno != EINVAL) ok = 0, err = errno;
#endif
    if (fclose(f) != 0 && ok) ok = 0, err = errno;
    if (!ok) {
        remove(tmp);
        free(tmp);
        return systec__fail(SYSTEC_ERR_IO, "%s: write failed: %s", path, strerror(err));
    }
#ifdef _WIN32
    remove(path); /* rename() does not replace an existing file there */
#endif
    if (rename(tmp, path) != 0) {
        err = errno;
        remove(tmp);
        st = systec__fail(SYSTEC_ERR_IO, "%s: cannot rename %s into place: %s", path, tmp,
                          strerror(err));
        free(tmp);
        return st;
    }
    free(tmp);
    return SYSTEC_SUCCESS;
}
