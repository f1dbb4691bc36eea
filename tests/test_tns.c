/* Tests of the tensor readers, writer and random generator (src/tns.c).
 *
 * usage: test_tns DATA_DIR [SHARED_TENSORS_DIR]
 * DATA_DIR holds the bundled small3.tns(.gz). With SHARED_TENSORS_DIR (the
 * shared data's tensors/ folder) the real files are read and checked against
 * the counts in its README, the padded contact-primary-school hypergraph is
 * compared with symprop_contact-5.tns, and the generator runs at the paper's
 * largest size. Malformed and hand-made files are written to a temporary
 * directory. */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#endif
#include "systec.h"

#include "testutil.h"

#include <dirent.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[4096];
static int lib_has_zlib = 1; /* found out by test_gzip() */

static void tmp_path(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", tmpdir, name);
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        printf("cannot write test file %s\n", path);
        exit(2);
    }
}

static int same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0; /* -0.0 != 0.0 here */
}

static int tns_equal(const systec_tns_t *a, const systec_tns_t *b)
{
    if (a->order != b->order || a->dim != b->dim || a->nnz != b->nnz) return 0;
    for (int64_t e = 0; e < a->nnz; e++) {
        if (!same_double(a->val[e], b->val[e])) return 0;
        for (int j = 0; j < a->order; j++)
            if (a->ind[e * a->order + j] != b->ind[e * b->order + j]) return 0;
    }
    return 1;
}

/* Row e of T compared with row f of U (same order): <0, 0, >0. */
static int row_cmp(const systec_tns_t *T, int64_t e, const systec_tns_t *U, int64_t f)
{
    for (int j = 0; j < T->order; j++) {
        int64_t x = T->ind[e * T->order + j], y = U->ind[f * U->order + j];
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

/* Sorted strictly increasing rows (so all distinct); canonical: each tuple
 * non-decreasing (strict: increasing); coordinates in 0..dim-1. */
static int rows_sorted_distinct(const systec_tns_t *T)
{
    for (int64_t e = 1; e < T->nnz; e++)
        if (row_cmp(T, e - 1, T, e) >= 0) return 0;
    return 1;
}

static int rows_canonical(const systec_tns_t *T, int strict)
{
    for (int64_t e = 0; e < T->nnz; e++) {
        const int64_t *c = T->ind + e * T->order;
        for (int j = 0; j < T->order; j++) {
            if (c[j] < 0 || c[j] >= T->dim) return 0;
            if (j > 0 && (strict ? c[j] <= c[j - 1] : c[j] < c[j - 1])) return 0;
        }
    }
    return 1;
}

/* Sorts the entries of T by their coordinates (values travel along). */
static int sort_order_; /* qsort has no context argument */
typedef struct {
    int64_t c[SYSTEC_MAX_ORDER];
    double v;
} entry_t;
static int cmp_entry(const void *a, const void *b)
{
    const entry_t *x = a, *y = b;
    for (int j = 0; j < sort_order_; j++)
        if (x->c[j] != y->c[j]) return x->c[j] < y->c[j] ? -1 : 1;
    return 0;
}
static void sort_entries(systec_tns_t *T)
{
    entry_t *E = calloc((size_t)T->nnz + 1, sizeof *E);
    if (!E) exit(2);
    for (int64_t e = 0; e < T->nnz; e++) {
        memcpy(E[e].c, T->ind + e * T->order, (size_t)T->order * 8);
        E[e].v = T->val[e];
    }
    sort_order_ = T->order;
    qsort(E, (size_t)T->nnz, sizeof *E, cmp_entry);
    for (int64_t e = 0; e < T->nnz; e++) {
        memcpy(T->ind + e * T->order, E[e].c, (size_t)T->order * 8);
        T->val[e] = E[e].v;
    }
    free(E);
}

/* Is any file named prefix* left in the temporary directory? */
static int leftover(const char *prefix)
{
    DIR *d = opendir(tmpdir);
    int found = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) found |= strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    if (d) closedir(d);
    return found;
}

/* ------------------------------------------------------- failure checks */
typedef enum { R_TNS, R_SSTEN } reader_kind;

/* The detail starts with path and, if line > 0, names "path:line: ". */
static void check_detail(const char *what, const char *path, int line)
{
    const char *detail = systec_last_error();
    if (getenv("SYSTEC_TEST_VERBOSE")) printf("  %-36s %s\n", what, detail);
    CHECK(strncmp(detail, path, strlen(path)) == 0, "%s: detail '%s' does not start with the path",
          what, detail);
    if (line > 0) {
        char loc[4400];
        snprintf(loc, sizeof loc, "%s:%d: ", path, line);
        CHECK(strstr(detail, loc) != NULL, "%s: detail '%s' does not name line %d", what, detail,
              line);
    }
}

/* Reading path must fail with want; T is left untouched. */
static void expect_fail(reader_kind kind, const char *what, const char *path,
                        systec_status_t want, int line)
{
    systec_tns_t T, before;
    memset(&T, 0xab, sizeof T);
    before = T;
    systec_status_t st = kind == R_TNS ? systec_tns_read(path, &T) : systec_ssten_read(path, &T);
    CHECK(st == want, "%s: got %d (%s), want %d", what, (int)st, systec_strerror(st), (int)want);
    CHECK(memcmp(&T, &before, sizeof T) == 0, "%s: output modified on error", what);
    check_detail(what, path, line);
    if (st == SYSTEC_SUCCESS) systec_tns_free(&T);
}

/* Reads text that must parse; on failure returns nnz = -1. */
static systec_tns_t read_text(reader_kind kind, const char *what, const char *text, size_t len)
{
    char path[4200];
    tmp_path(path, sizeof path, kind == R_TNS ? "good.tns" : "good.ssten");
    write_file(path, text, len ? len : strlen(text));
    systec_tns_t T;
    memset(&T, 0, sizeof T);
    systec_status_t st = kind == R_TNS ? systec_tns_read(path, &T) : systec_ssten_read(path, &T);
    CHECK(st == SYSTEC_SUCCESS, "%s: got %d (%s)", what, (int)st, systec_strerror(st));
    CHECK(st != SYSTEC_SUCCESS || systec_last_error()[0] == '\0', "%s: detail set on success",
          what);
    if (st != SYSTEC_SUCCESS) T.nnz = -1;
    remove(path);
    return T;
}

/* T has exactly these entries (1-based coordinates, in file order). */
static int has_entries(const systec_tns_t *T, int order, int64_t dim, int64_t nnz,
                       const int64_t *coords1, const double *vals)
{
    if (T->order != order || T->dim != dim || T->nnz != nnz) return 0;
    for (int64_t e = 0; e < nnz; e++) {
        if (!same_double(T->val[e], vals[e])) return 0;
        for (int j = 0; j < order; j++)
            if (T->ind[e * order + j] != coords1[e * order + j] - 1) return 0;
    }
    return 1;
}

/* ------------------------------------------------------------- .tns read */
static void test_tns_wellformed(void)
{
    systec_tns_t T;
    {
        T = read_text(R_TNS, "header, comments",
                      "# FROSTT style\n  # indented comment\n3 4\n1 2 3 1.5\n\n4 4 4 -2\n", 0);
        int64_t c[] = {1, 2, 3, 4, 4, 4};
        double v[] = {1.5, -2};
        CHECK(has_entries(&T, 3, 4, 2, c, v), "header content");
        systec_tns_free(&T);
        CHECK(T.ind == NULL && T.val == NULL && T.nnz == 0, "tns_free zeroes the struct");
    }
    {
        T = read_text(R_TNS, "headerless", "1 2 3 1.5\n2 5 1 2\n", 0);
        int64_t c[] = {1, 2, 3, 2, 5, 1};
        double v[] = {1.5, 2};
        CHECK(has_entries(&T, 3, 5, 2, c, v), "headerless content: dim is the largest coordinate");
        systec_tns_free(&T);
    }
    {
        T = read_text(R_TNS, "header only", "# empty\n5 245\n# nothing else\n", 0);
        CHECK(T.order == 5 && T.dim == 245 && T.nnz == 0, "header-only: empty order-5 tensor");
        systec_tns_free(&T);
    }
    {
        /* the header rule: "1 5" then a 2-field line reads as a header */
        T = read_text(R_TNS, "order-1 header", "1 5\n2 7\n", 0);
        int64_t c[] = {2};
        double v[] = {7};
        CHECK(has_entries(&T, 1, 5, 1, c, v), "'1 5' + 2 fields: header of an order-1 tensor");
        systec_tns_free(&T);
    }
    {
        /* "4 5" then a 2-field line: not a header of order 4, so order-1 entries */
        T = read_text(R_TNS, "order-1 headerless", "4 5\n2 7\n", 0);
        int64_t c[] = {4, 2};
        double v[] = {5, 7};
        CHECK(has_entries(&T, 1, 4, 2, c, v), "'4 5' + 2 fields: two order-1 entries");
        systec_tns_free(&T);
    }
    {
        T = read_text(R_TNS, "order-1 float values", "3 0.5\n1 2\n", 0);
        int64_t c[] = {3, 1};
        double v[] = {0.5, 2};
        CHECK(has_entries(&T, 1, 3, 2, c, v), "order-1 with a non-integer first value");
        systec_tns_free(&T);
    }
    {
        T = read_text(R_TNS, "crlf, tabs, no final newline",
                      "2 3\r\n\t1\t3   0.25 \r\n\r\n 3 3\t-7", 0);
        int64_t c[] = {1, 3, 3, 3};
        double v[] = {0.25, -7};
        CHECK(has_entries(&T, 2, 3, 2, c, v), "crlf content");
        systec_tns_free(&T);
    }
    {
        T = read_text(R_TNS, "duplicates kept", "2 2\n1 2 1\n1 2 1\n2 1 3\n", 0);
        int64_t c[] = {1, 2, 1, 2, 2, 1};
        double v[] = {1, 1, 3};
        CHECK(has_entries(&T, 2, 2, 3, c, v), "duplicate entries are read as they are");
        systec_tns_free(&T);
    }
    {
        T = read_text(R_TNS, "special values",
                      "1 1 1 nan\n1 1 1 -inf\n1 1 1 inf\n1 1 1 1e999\n1 1 1 1e-400\n"
                      "1 1 1 0x1p-2\n1 1 1 -0\n1 1 1 +3\n",
                      0);
        CHECK(T.nnz == 8 && T.order == 3 && isnan(T.val[0]) && T.val[1] == -INFINITY &&
                  T.val[2] == INFINITY && T.val[3] == INFINITY && T.val[4] >= 0 &&
                  T.val[4] < 1e-300 && T.val[5] == 0.25 && T.val[6] == 0 && signbit(T.val[6]) &&
                  T.val[7] == 3,
              "special values as in systec_mm_read");
        systec_tns_free(&T);
    }
    {
        /* order SYSTEC_MAX_ORDER, and coordinates near the int64 limit */
        T = read_text(R_TNS, "order 8, big coordinates",
                      "1 2 3 4 5 6 7 8 0.5\n9223372036854775807 1 1 1 1 1 1 1 2\n", 0);
        CHECK(T.order == 8 && T.nnz == 2 && T.dim == INT64_MAX &&
                  T.ind[8] == INT64_MAX - 1 && T.ind[7] == 7,
              "order-8 content");
        systec_tns_free(&T);
    }
}

static const struct {
    const char *name, *text;
    size_t len; /* 0: strlen(text) */
    int line;   /* the line the detail must name */
} bad_tns[] = {
    {"empty file", "", 0, 1},
    {"comments only", "# a\n# b\n", 0, 2},
    {"blank lines only", "\n  \n\n", 0, 3},
    {"one field", "5\n", 0, 1},
    {"fewer fields", "1 2 3 1.0\n1 2 1.0\n", 0, 2},
    {"more fields", "1 2 3 1.0\n1 2 3 4 1.0\n", 0, 2},
    {"fields after header", "3 4\n1 2 3 1\n1 2 1\n", 0, 3},
    {"header, entries without value", "3 5\n1 2 3\n", 0, 2},
    {"non-integer coordinate", "1 x 3 1.0\n", 0, 1},
    {"float coordinate", "1 2 3 1\n1.0 2 3 1\n", 0, 2},
    {"hex coordinate", "0x1 2 3 1\n", 0, 1},
    {"coordinate 0", "1 2 3 1\n1 0 3 1\n", 0, 2},
    {"coordinate 0, header", "3 4\n1 0 2 1\n", 0, 2},
    {"first of two order-1 lines 0", "0 5\n1 7\n", 0, 1},
    {"second of two order-1 lines 0", "4 5\n0 7\n", 0, 2},
    {"negative coordinate", "-1 2 1.0\n", 0, 1},
    {"coordinate > dim", "3 4\n1 2 3 1\n1 5 2 1\n", 0, 3},
    {"coordinate overflow", "99999999999999999999 1 1.0\n", 0, 1},
    {"coordinate overflow, header", "2 3\n1 99999999999999999999 1.0\n", 0, 2},
    {"value not a number", "1 2 abc\n", 0, 1},
    {"value garbage", "1 2 3 1.5x\n", 0, 1},
    {"value comma", "1 2 1,5\n", 0, 1},
    {"order 9, headerless", "1 2 3 4 5 6 7 8 9 1.0\n", 0, 1},
    {"order 9, header", "# c\n9 10\n1 2 3 4 5 6 7 8 9 1.0\n", 0, 2},
    {"order 9, header only", "9 10\n", 0, 1},
    {"order 0, header", "0 5\n1\n", 0, 1},
    {"negative dim, header", "3 -1\n", 0, 1},
    {"header-like line later", "1 2 3 1\n3 4\n", 0, 2},
    {"trailing comment on entry", "1 2 3 1.0 # c\n", 0, 1},
    {"NUL in entry", "1 2 1\0 9\n", sizeof("1 2 1\0 9\n") - 1, 1},
    {"NUL in later line", "3 3\n1 2 3 1\n1 1\0 1 1\n", sizeof("3 3\n1 2 3 1\n1 1\0 1 1\n") - 1,
     3},
    {"binary junk", "\x7f" "ELF\x02\x01\x01\0\0\0\n\xff\xfe",
     sizeof("\x7f" "ELF\x02\x01\x01\0\0\0\n\xff\xfe") - 1, 1},
    {"binary junk, no NUL", "\xff\xfe\xfd\xfc\n\x80\x81\n", 0, 1},
    {"truncated last line", "1 2 3 1.0\n1 2", 0, 2},
};

static void test_tns_malformed(void)
{
    char path[4200];
    for (size_t i = 0; i < sizeof bad_tns / sizeof bad_tns[0]; i++) {
        tmp_path(path, sizeof path, "bad.tns");
        size_t len = bad_tns[i].len ? bad_tns[i].len : strlen(bad_tns[i].text);
        write_file(path, bad_tns[i].text, len);
        expect_fail(R_TNS, bad_tns[i].name, path, SYSTEC_ERR_PARSE, bad_tns[i].line);
        remove(path);
    }

    /* a data line far over the line limit, and an error deep in a long file */
    size_t big = 3u << 20, k;
    char *text = malloc(big + 200000);
    if (!text) exit(2);
    k = (size_t)sprintf(text, "# c\n2 2\n");
    memset(text + k, ' ', big);
    k += big;
    k += (size_t)sprintf(text + k, "1 1 1\n");
    tmp_path(path, sizeof path, "long.tns");
    write_file(path, text, k);
    expect_fail(R_TNS, "3 MB data line", path, SYSTEC_ERR_PARSE, 3);
    /* a 3 MB comment line is fine */
    k = (size_t)sprintf(text, "#");
    memset(text + k, 'c', big);
    k += big;
    k += (size_t)sprintf(text + k, "\n2 2\n2 1 0.5\n");
    systec_tns_t T = read_text(R_TNS, "3 MB comment", text, k);
    CHECK(T.nnz == 1 && T.val[0] == 0.5 && T.ind[0] == 1, "long comment content");
    systec_tns_free(&T);
    k = (size_t)sprintf(text, "3 1000\n");
    for (int i = 1; i <= 1000; i++) k += (size_t)sprintf(text + k, "%d %d %d %d.25\n", i, i, i, i);
    k += (size_t)sprintf(text + k, "5 5 1001 1\n");
    write_file(path, text, k);
    expect_fail(R_TNS, "error on line 1002", path, SYSTEC_ERR_PARSE, 1002);
    remove(path);
    free(text);

    tmp_path(path, sizeof path, "does-not-exist.tns");
    expect_fail(R_TNS, "missing file", path, SYSTEC_ERR_IO, 0);
    expect_fail(R_TNS, "directory", tmpdir, SYSTEC_ERR_IO, 0);
}

/* ------------------------------------------------------------------ gzip */
static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int b = 0; b < 8; b++) c = (c & 1u) ? (c >> 1) ^ 0xedb88320u : c >> 1;
    }
    return ~c;
}

/* A valid gzip member holding text in stored deflate blocks (no zlib needed
 * to write it); returns its length. out needs n + n / 65535 * 5 + 30 bytes. */
static size_t gzip_stored(unsigned char *out, const char *text, size_t n)
{
    static const unsigned char head[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    size_t k = sizeof head, off = 0;
    memcpy(out, head, k);
    do {
        size_t len = n - off < 65535 ? n - off : 65535;
        out[k++] = (unsigned char)(off + len == n); /* BFINAL; BTYPE 00: stored */
        out[k++] = (unsigned char)(len & 0xff);
        out[k++] = (unsigned char)(len >> 8);
        out[k++] = (unsigned char)(~len & 0xff);
        out[k++] = (unsigned char)((~len >> 8) & 0xff);
        memcpy(out + k, text + off, len);
        k += len;
        off += len;
    } while (off < n);
    uint32_t crc = crc32_of((const unsigned char *)text, n), isize = (uint32_t)n;
    for (int i = 0; i < 4; i++) out[k++] = (unsigned char)(crc >> (8 * i));
    for (int i = 0; i < 4; i++) out[k++] = (unsigned char)(isize >> (8 * i));
    return k;
}

static void write_gzip(const char *path, const char *text, size_t n)
{
    unsigned char *gz = malloc(n + n / 65535 * 5 + 64);
    if (!gz) exit(2);
    write_file(path, (const char *)gz, gzip_stored(gz, text, n));
    free(gz);
}

static void test_gzip(void)
{
    char path[4200], plain[4200];
    tmp_path(path, sizeof path, "t.tns.gz");
    tmp_path(plain, sizeof plain, "t.tns");
    /* bigger than one stored block and one read chunk of the reader */
    size_t cap = 400000, n;
    char *text = malloc(cap);
    if (!text) exit(2);
    n = (size_t)sprintf(text, "# gz\n3 7000\n");
    for (int i = 1; i <= 7000; i++)
        n += (size_t)sprintf(text + n, "%d %d %d %d.5\n", i, (i * 7) % 7000 + 1, 7000 - i + 1, i);
    write_gzip(path, text, n);
    write_file(plain, text, n);
    systec_tns_t G, P;
    memset(&G, 0, sizeof G);
    memset(&P, 0, sizeof P);
    systec_status_t st = systec_tns_read(path, &G);
    lib_has_zlib = st != SYSTEC_ERR_UNSUPPORTED;
    if (!lib_has_zlib) {
        CHECK(strstr(systec_last_error(), "zlib") != NULL, "no-zlib detail: %s",
              systec_last_error());
        printf("note: library built without zlib; gzip input checked for UNSUPPORTED only\n");
        goto done;
    }
    CHECK(st == SYSTEC_SUCCESS, "gzip read: %d", (int)st);
    CHECK(systec_tns_read(plain, &P) == SYSTEC_SUCCESS, "plain read");
    CHECK(G.nnz == 7000 && tns_equal(&G, &P), "gzip and plain read the same tensor");
    CHECK(G.nnz != 7000 || (G.val[6999] == 7000.5 && G.ind[3 * 6999] == 6999), "gzip content");
    systec_tns_free(&G);
    systec_tns_free(&P);

    /* a truncated or corrupt stream is a read failure, as in systec_mm_read */
    unsigned char *gz = malloc(n + 1024);
    if (!gz) exit(2);
    size_t gn = gzip_stored(gz, text, n);
    write_file(path, (const char *)gz, gn / 2);
    expect_fail(R_TNS, "truncated gzip", path, SYSTEC_ERR_IO, 0);
    CHECK(strstr(systec_last_error(), "gzip") != NULL, "truncated gzip detail: %s",
          systec_last_error());
    gz[gn - 6] ^= 0x55; /* corrupt the CRC */
    write_file(path, (const char *)gz, gn);
    expect_fail(R_TNS, "gzip bad CRC", path, SYSTEC_ERR_IO, 0);
    free(gz);
    /* parse errors inside gzip name the line */
    const char *bad = "3 4\n1 2 3 1\n\n1 2 9 1\n";
    write_gzip(path, bad, strlen(bad));
    expect_fail(R_TNS, "gzip parse error", path, SYSTEC_ERR_PARSE, 4);
    write_gzip(path, "", 0);
    expect_fail(R_TNS, "gzip of an empty file", path, SYSTEC_ERR_PARSE, 1);
    const char *ss = "3\t4\t2\n1\t2\t3\t1.0\n";
    write_gzip(path, ss, strlen(ss));
    expect_fail(R_SSTEN, "gzip ssten, too few entries", path, SYSTEC_ERR_PARSE, 2);
done:
    remove(path);
    remove(plain);
    free(text);
}

/* The bundled small3.tns and its gzip copy (gzip -9, real deflate blocks). */
static void test_bundled(const char *dir)
{
    static const int64_t c[] = {1, 1, 1, 1, 2, 3, 1, 3, 5, 2, 2, 4, 3, 3, 3, 4, 5, 5, 5, 5, 5};
    static const double v[] = {2.5, -1, 0.125, 1e-3, 4, -0.5, 1};
    const char *names[] = {"small3.tns", "small3.tns.gz"};
    for (int i = 0; i < 2; i++) {
        char path[8300];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        systec_tns_t T;
        memset(&T, 0, sizeof T);
        systec_status_t st = systec_tns_read(path, &T);
        if (i == 1 && !lib_has_zlib) {
            CHECK(st == SYSTEC_ERR_UNSUPPORTED, "%s without zlib: %d", names[i], (int)st);
            continue;
        }
        CHECK(st == SYSTEC_SUCCESS, "%s: read returned %d", names[i], (int)st);
        CHECK(st != SYSTEC_SUCCESS || has_entries(&T, 3, 5, 7, c, v), "%s: content", names[i]);
        CHECK(st != SYSTEC_SUCCESS || rows_canonical(&T, 0), "%s: canonical", names[i]);
        systec_tns_free(&T);
    }
}

/* ----------------------------------------------------------------- write */
static void round_trip(const char *what, const systec_tns_t *T)
{
    char path[4200];
    tmp_path(path, sizeof path, "rt.tns");
    systec_status_t st = systec_tns_write(path, T);
    CHECK(st == SYSTEC_SUCCESS, "%s: tns_write returned %d", what, (int)st);
    CHECK(!leftover("rt.tns."), "%s: temporary file left behind", what);
    systec_tns_t R;
    memset(&R, 0, sizeof R);
    st = systec_tns_read(path, &R);
    CHECK(st == SYSTEC_SUCCESS, "%s: reading back returned %d", what, (int)st);
    CHECK(st != SYSTEC_SUCCESS || tns_equal(T, &R), "%s: round trip changed the tensor", what);
    /* the first line is the header "order dim" */
    FILE *f = fopen(path, "r");
    char line[128] = "", want[128];
    if (f) {
        if (!fgets(line, sizeof line, f)) line[0] = '\0';
        fclose(f);
    }
    snprintf(want, sizeof want, "%d %lld\n", T->order, (long long)T->dim);
    CHECK(strcmp(line, want) == 0, "%s: first line is '%s'", what, line);
    systec_tns_free(&R);
    remove(path);
}

static void test_write(void)
{
    double vals[] = {0.1, -0.0, 5e-324, DBL_MAX, -DBL_MIN, 3.141592653589793, 1e300, NAN,
                     INFINITY, -INFINITY, 1.0 / 3.0, 123456789012345678.0, 0.0, 2.5e-310};
    int64_t ind[14 * SYSTEC_MAX_ORDER];
    rnd_seed(7);
    for (int order = 1; order <= SYSTEC_MAX_ORDER; order++) {
        for (int e = 0; e < 14 * order; e++) ind[e] = (int64_t)(rnd_unit() * 9);
        systec_tns_t T = {order, 9, 14, ind, vals};
        char what[64];
        snprintf(what, sizeof what, "order %d special values", order);
        round_trip(what, &T);
        systec_tns_t E = {order, 3, 0, NULL, NULL};
        snprintf(what, sizeof what, "order %d empty", order);
        round_trip(what, &E);
    }
    /* order 1 with an integer value: the header rule keeps it an order-1 list */
    int64_t i1[] = {4, 0};
    double v1[] = {7, 2};
    systec_tns_t O = {1, 5, 2, i1, v1};
    round_trip("order 1 integer values", &O);
    int64_t big[] = {INT64_MAX - 2, 0, INT64_MAX - 3, INT64_MAX - 2};
    double vb[] = {1, -1};
    systec_tns_t Bg = {2, INT64_MAX - 1, 2, big, vb};
    round_trip("coordinates near INT64_MAX", &Bg);
    systec_tns_t Z = {3, 0, 0, NULL, NULL};
    round_trip("dim 0", &Z);

    /* invalid T: error, and an existing file is left alone */
    char path[4200];
    tmp_path(path, sizeof path, "keep.tns");
    write_file(path, "sentinel", 8);
    int64_t ok_ind[] = {0, 1, 2}, bad_ind[] = {0, 3, 2}, neg_ind[] = {0, -1, 2};
    double v[] = {1};
    const struct {
        const char *what;
        systec_tns_t T;
        systec_status_t st;
    } badw[] = {
        {"order 0", {0, 3, 1, ok_ind, v}, SYSTEC_ERR_INVALID_SIZE},
        {"order 9", {9, 3, 0, NULL, NULL}, SYSTEC_ERR_INVALID_SIZE},
        {"negative dim", {3, -1, 0, NULL, NULL}, SYSTEC_ERR_INVALID_SIZE},
        {"negative nnz", {3, 3, -1, ok_ind, v}, SYSTEC_ERR_INVALID_SIZE},
        {"nnz overflow", {8, 3, INT64_MAX / 4, ok_ind, v}, SYSTEC_ERR_INVALID_SIZE},
        {"ind NULL", {3, 3, 1, NULL, v}, SYSTEC_ERR_NULL_POINTER},
        {"val NULL", {3, 3, 1, ok_ind, NULL}, SYSTEC_ERR_NULL_POINTER},
        {"coordinate = dim", {3, 3, 1, bad_ind, v}, SYSTEC_ERR_INDEX_OUT_OF_RANGE},
        {"negative coordinate", {3, 3, 1, neg_ind, v}, SYSTEC_ERR_INDEX_OUT_OF_RANGE},
    };
    for (size_t i = 0; i < sizeof badw / sizeof badw[0]; i++) {
        systec_status_t want = badw[i].st, st = systec_tns_write(path, &badw[i].T);
        CHECK(st == want, "write %s: got %d, want %d", badw[i].what, (int)st, (int)want);
        CHECK(systec_last_error()[0] != '\0', "write %s: no detail", badw[i].what);
    }
    FILE *f = fopen(path, "rb");
    char buf[16] = "";
    size_t got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    CHECK(got == 8 && memcmp(buf, "sentinel", 8) == 0, "failed writes modified an existing file");
    /* a successful write replaces it */
    systec_tns_t W = {3, 3, 1, ok_ind, v}, R;
    memset(&R, 0, sizeof R);
    CHECK(systec_tns_write(path, &W) == SYSTEC_SUCCESS, "overwrite");
    CHECK(systec_tns_read(path, &R) == SYSTEC_SUCCESS && tns_equal(&W, &R), "overwrite content");
    systec_tns_free(&R);
    remove(path);

    /* I/O failures: a missing directory; the target is a directory (the
     * rename fails and the temporary must be removed) */
    tmp_path(path, sizeof path, "no/such/dir/x.tns");
    CHECK(systec_tns_write(path, &W) == SYSTEC_ERR_IO, "write into a missing directory");
    CHECK(strstr(systec_last_error(), "x.tns") != NULL, "IO detail: %s", systec_last_error());
    tmp_path(path, sizeof path, "isdir.tns");
    mkdir(path, 0700);
    CHECK(systec_tns_write(path, &W) == SYSTEC_ERR_IO, "write onto a directory");
    CHECK(!leftover("isdir.tns."), "temporary file left behind after a failed rename");
    rmdir(path);
}

/* ---------------------------------------------------------------- .ssten */
static const struct {
    const char *name, *text;
    int line;
} bad_ssten[] = {
    {"empty", "", 1},
    {"header 2 fields", "3\t10\n", 1},
    {"header 4 fields", "3\t10\t1\t1\n1\t2\t3\t1.0\n", 1},
    {"header not integer", "3\t10\tx\n", 1},
    {"header order 0", "0\t10\t0\n", 1},
    {"header order 9", "9\t10\t0\n", 1},
    {"header negative dim", "3\t-10\t0\n", 1},
    {"header negative count", "3\t10\t-1\n", 1},
    {"header count overflow", "3\t10\t99999999999999999999\n", 1},
    {"entries for dim 0", "3\t0\t1\n1\t1\t1\t1\n", 1},
    {"fewer entries", "3\t10\t3\n1\t2\t3\t1.0\n2\t3\t4\t1.0\n", 3},
    {"no entries", "3\t10\t2\n", 1},
    {"more entries", "3\t10\t1\n1\t2\t3\t1.0\n2\t3\t4\t1.0\n", 3},
    {"huge count, one entry", "3\t10\t1000000000000000\n1\t2\t3\t1.0\n", 2},
    {"wrong field count", "3\t10\t2\n1\t2\t3\t1.0\n2\t3\t1.0\n", 3},
    {"coordinate > dim", "3\t10\t2\n1\t2\t3\t1.0\n2\t3\t11\t1.0\n", 3},
    {"coordinate 0 (0-based file)", "3\t10\t1\n0\t2\t3\t1.0\n", 2},
    {"bad weight", "3\t10\t1\n1\t2\t3\tw\n", 2},
};

static void test_ssten_small(void)
{
    char path[4200];
    for (size_t i = 0; i < sizeof bad_ssten / sizeof bad_ssten[0]; i++) {
        tmp_path(path, sizeof path, "bad.ssten");
        write_file(path, bad_ssten[i].text, strlen(bad_ssten[i].text));
        expect_fail(R_SSTEN, bad_ssten[i].name, path, SYSTEC_ERR_PARSE, bad_ssten[i].line);
        remove(path);
    }
    systec_tns_t T = read_text(R_SSTEN, "ssten", "3\t5\t3\n1\t2\t3\t1.0\n2 4 5 0.5\n\n1\t1\t5\t2\n",
                               0);
    int64_t c[] = {1, 2, 3, 2, 4, 5, 1, 1, 5};
    double v[] = {1, 0.5, 2};
    CHECK(has_entries(&T, 3, 5, 3, c, v), "ssten content");
    systec_tns_free(&T);
    T = read_text(R_SSTEN, "ssten empty", "4\t7\t0\n", 0);
    CHECK(T.order == 4 && T.dim == 7 && T.nnz == 0, "ssten with no entries");
    systec_tns_free(&T);
}

/* The LambdaTAME triangle tensors: (n, triangles) from the shared README. */
static void test_ssten_shared(const char *tensors)
{
    static const struct {
        const char *name;
        int64_t n, triangles;
    } lv[] = {
        {"worm_Y2H1", 2871, 536},   {"worm_PHY1", 3003, 692},     {"fly_Y2H1", 7094, 2501},
        {"yeast_Y2H1", 3427, 9503}, {"human_Y2H1", 9996, 15177}, {"yeast_PHY2", 3768, 26295},
    };
    for (size_t i = 0; i < sizeof lv / sizeof lv[0]; i++) {
        char path[8300];
        snprintf(path, sizeof path, "%s/lvgna_triangles/%s.ssten", tensors, lv[i].name);
        systec_tns_t T;
        memset(&T, 0, sizeof T);
        systec_status_t st = systec_ssten_read(path, &T);
        CHECK(st == SYSTEC_SUCCESS, "%s: ssten_read returned %d", lv[i].name, (int)st);
        if (st != SYSTEC_SUCCESS) continue;
        CHECK(T.order == 3 && T.dim == lv[i].n && T.nnz == lv[i].triangles,
              "%s: order %d dim %lld nnz %lld", lv[i].name, T.order, (long long)T.dim,
              (long long)T.nnz);
        int ones = 1;
        for (int64_t e = 0; e < T.nnz; e++) ones &= T.val[e] == 1.0;
        CHECK(ones, "%s: weights are 1.0", lv[i].name);
        /* one line per triangle, v1 < v2 < v3 */
        CHECK(rows_canonical(&T, 1), "%s: strictly increasing tuples in range", lv[i].name);
        sort_entries(&T);
        CHECK(rows_sorted_distinct(&T), "%s: no repeated triangle", lv[i].name);
        systec_tns_free(&T);
    }
}

/* ------------------------------------------------------------ hypergraph */
static void hyper_files(const char *nv, const char *sx, int gz, char *nvp, char *sxp, size_t sz)
{
    snprintf(nvp, sz, "%s/h-nverts.txt%s", tmpdir, gz ? ".gz" : "");
    snprintf(sxp, sz, "%s/h-simplices.txt%s", tmpdir, gz ? ".gz" : "");
    if (gz) {
        write_gzip(nvp, nv, strlen(nv));
        write_gzip(sxp, sx, strlen(sx));
    } else {
        write_file(nvp, nv, strlen(nv));
        write_file(sxp, sx, strlen(sx));
    }
}

/* Reading must fail with want; the detail names file:line of whichever file
 * (want_sx: the simplices file) if line > 0; T is left untouched. */
static void hyper_fail(const char *what, const char *nv, const char *sx, int k,
                       systec_hyper_t how, systec_status_t want, int want_sx, int line)
{
    char nvp[4200], sxp[4200];
    hyper_files(nv, sx, 0, nvp, sxp, sizeof nvp);
    systec_tns_t T, before;
    memset(&T, 0xab, sizeof T);
    before = T;
    systec_status_t st = systec_hypergraph_read(nvp, sxp, k, how, &T);
    CHECK(st == want, "%s: got %d (%s), want %d", what, (int)st, systec_strerror(st), (int)want);
    CHECK(memcmp(&T, &before, sizeof T) == 0, "%s: output modified on error", what);
    if (want == SYSTEC_ERR_PARSE) check_detail(what, want_sx ? sxp : nvp, line);
    remove(nvp);
    remove(sxp);
}

static void test_hyper_small(void)
{
    /* {1,2,3} {2,4} {1,3,4,5} {7} {4,2} {3,2,1}: M = 7, distinct {1,2,3}
     * {2,4} {1,3,4,5} (+ the single node {7}) */
    const char *nv = "3\n2\n4\n1\n2\n3\n";
    const char *sx = "1\n2\n3\n2\n4\n1\n3\n4\n5\n7\n4\n2\n3\n2\n1\n";
    static const int64_t u3[] = {1, 2, 3}, u2[] = {2, 4}, u4[] = {1, 3, 4, 5};
    /* padded to 4: dummies of slots 3, 4 are M + 2 = 9 and M + 1 = 8 */
    static const int64_t p4[] = {1, 2, 3, 9, 1, 3, 4, 5, 2, 4, 8, 9};
    static const double ones[] = {1, 1, 1};
    for (int gz = 0; gz < 2; gz++) {
        if (gz && !lib_has_zlib) break;
        char nvp[4200], sxp[4200];
        hyper_files(nv, sx, gz, nvp, sxp, sizeof nvp);
        systec_tns_t T;
        memset(&T, 0, sizeof T);
        const char *tag = gz ? "gzip" : "plain";
        CHECK(systec_hypergraph_read(nvp, sxp, 3, SYSTEC_HYPER_UNIFORM, &T) == SYSTEC_SUCCESS &&
                  has_entries(&T, 3, 7, 1, u3, ones),
              "%s uniform k=3", tag);
        systec_tns_free(&T);
        CHECK(systec_hypergraph_read(nvp, sxp, 2, SYSTEC_HYPER_UNIFORM, &T) == SYSTEC_SUCCESS &&
                  has_entries(&T, 2, 7, 1, u2, ones),
              "%s uniform k=2 (duplicate {4,2} counted once)", tag);
        systec_tns_free(&T);
        CHECK(systec_hypergraph_read(nvp, sxp, 4, SYSTEC_HYPER_UNIFORM, &T) == SYSTEC_SUCCESS &&
                  has_entries(&T, 4, 7, 1, u4, ones),
              "%s uniform k=4", tag);
        systec_tns_free(&T);
        CHECK(systec_hypergraph_read(nvp, sxp, 5, SYSTEC_HYPER_UNIFORM, &T) == SYSTEC_SUCCESS &&
                  T.order == 5 && T.dim == 7 && T.nnz == 0,
              "%s uniform k=5: no 5-node simplex", tag);
        systec_tns_free(&T);
        CHECK(systec_hypergraph_read(nvp, sxp, 4, SYSTEC_HYPER_PADDED, &T) == SYSTEC_SUCCESS &&
                  has_entries(&T, 4, 9, 3, p4, ones),
              "%s padded k=4", tag);
        systec_tns_free(&T);
        remove(nvp);
        remove(sxp);
    }
    /* empty files: an empty hypergraph */
    {
        char nvp[4200], sxp[4200];
        hyper_files("", "", 0, nvp, sxp, sizeof nvp);
        systec_tns_t T;
        memset(&T, 0, sizeof T);
        CHECK(systec_hypergraph_read(nvp, sxp, 3, SYSTEC_HYPER_PADDED, &T) == SYSTEC_SUCCESS &&
                  T.order == 3 && T.nnz == 0 && T.dim == 1,
              "empty hypergraph, padded: dim = 0 + k - 2");
        systec_tns_free(&T);
        remove(nvp);
        remove(sxp);
    }

    const systec_hyper_t U = SYSTEC_HYPER_UNIFORM, P = SYSTEC_HYPER_PADDED;
    const systec_status_t PE = SYSTEC_ERR_PARSE;
    hyper_fail("repeated node", "2\n3\n", "1\n2\n3\n4\n3\n", 3, U, PE, 1, 5);
    hyper_fail("repeated node, dropped size", "3\n2\n", "1\n2\n1\n4\n5\n", 2, U, PE, 1, 3);
    hyper_fail("repeated node, three times", "4\n", "6\n6\n2\n6\n", 3, P, PE, 1, 2);
    hyper_fail("node id 0", "2\n", "0\n1\n", 2, U, PE, 1, 1);
    hyper_fail("negative node id", "2\n", "1\n-4\n", 2, U, PE, 1, 2);
    hyper_fail("node id overflow", "2\n", "1\n99999999999999999999\n", 2, U, PE, 1, 2);
    hyper_fail("node id too large to pad", "2\n", "1\n9223372036854775807\n", 2, U, PE, 1, 2);
    hyper_fail("node id not an integer", "2\n", "1\n2.0\n", 2, U, PE, 1, 2);
    hyper_fail("two ids on a line", "2\n", "1 2\n", 2, U, PE, 1, 1);
    hyper_fail("fewer ids", "2\n3\n", "1\n2\n3\n4\n", 2, U, PE, 1, 4);
    hyper_fail("no ids", "2\n", "", 2, U, PE, 1, 1);
    hyper_fail("more ids", "2\n2\n", "1\n2\n3\n4\n5\n", 2, U, PE, 1, 5);
    hyper_fail("size 0", "2\n0\n", "1\n2\n", 2, U, PE, 0, 2);
    hyper_fail("negative size", "-2\n", "1\n2\n", 2, U, PE, 0, 1);
    hyper_fail("size not an integer", "2\nx\n", "1\n2\n", 2, U, PE, 0, 2);
    hyper_fail("two sizes on a line", "2 2\n", "1\n2\n3\n4\n", 2, U, PE, 0, 1);
    hyper_fail("binary nverts", "\x01\x02\0\n", "1\n", 2, U, PE, 0, 1);
    hyper_fail("k = 1", "2\n", "1\n2\n", 1, U, SYSTEC_ERR_INVALID_SIZE, 0, 0);
    hyper_fail("k = 9", "2\n", "1\n2\n", 9, P, SYSTEC_ERR_INVALID_SIZE, 0, 0);
    hyper_fail("bad mode", "2\n", "1\n2\n", 3, (systec_hyper_t)0, SYSTEC_ERR_INVALID_VALUE, 0,
               0);

    char nvp[4200], sxp[4200];
    systec_tns_t T;
    hyper_files("2\n", "1\n2\n", 0, nvp, sxp, sizeof nvp);
    tmp_path(sxp, sizeof sxp, "missing-simplices.txt");
    CHECK(systec_hypergraph_read(nvp, sxp, 2, U, &T) == SYSTEC_ERR_IO, "missing simplices file");
    CHECK(strstr(systec_last_error(), "missing-simplices") != NULL, "detail names it: %s",
          systec_last_error());
    CHECK(systec_hypergraph_read(sxp, nvp, 2, U, &T) == SYSTEC_ERR_IO, "missing nverts file");
    CHECK(systec_hypergraph_read(NULL, sxp, 2, U, &T) == SYSTEC_ERR_NULL_POINTER, "NULL nverts");
    CHECK(systec_hypergraph_read(nvp, NULL, 2, U, &T) == SYSTEC_ERR_NULL_POINTER,
          "NULL simplices");
    CHECK(systec_hypergraph_read(nvp, sxp, 2, U, NULL) == SYSTEC_ERR_NULL_POINTER, "NULL T");
    remove(nvp);
    tmp_path(sxp, sizeof sxp, "h-simplices.txt");
    remove(sxp);
}

/* The ScHoLP sets against the shared README's table, and the padded
 * contact-primary-school tensor against symprop_contact-5.tns. */
static void test_hyper_shared(const char *tensors)
{
    static const struct {
        const char *set;
        int64_t maxid, u[4]; /* unique simplices of 2, 3, 4, 5 nodes */
    } sets[] = {
        /* 3-5 node counts: the README table; 2-node counts: the README for
         * contact-primary-school (7,748), a Python count for the others */
        {"contact-primary-school", 242, {7748, 4600, 347, 9}},
        {"contact-high-school", 327, {5498, 2091, 222, 7}},
        {"email-Enron", 148, {809, 317, 138, 63}},
        {"NDC-classes", 1161, {297, 121, 125, 94}},
    };
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        char nvp[8300], sxp[8300];
        snprintf(nvp, sizeof nvp, "%s/scholp_hypergraphs/%s/%s-nverts.txt.gz", tensors,
                 sets[i].set, sets[i].set);
        snprintf(sxp, sizeof sxp, "%s/scholp_hypergraphs/%s/%s-simplices.txt.gz", tensors,
                 sets[i].set, sets[i].set);
        int64_t padded = 0;
        for (int k = 2; k <= 5; k++) {
            systec_tns_t T;
            memset(&T, 0, sizeof T);
            systec_status_t st = systec_hypergraph_read(nvp, sxp, k, SYSTEC_HYPER_UNIFORM, &T);
            CHECK(st == SYSTEC_SUCCESS, "%s k=%d: %d", sets[i].set, k, (int)st);
            CHECK(T.order == k && T.dim == sets[i].maxid && T.nnz == sets[i].u[k - 2],
                  "%s uniform k=%d: dim %lld nnz %lld, want %lld %lld", sets[i].set, k,
                  (long long)T.dim, (long long)T.nnz, (long long)sets[i].maxid,
                  (long long)sets[i].u[k - 2]);
            CHECK(rows_canonical(&T, 1) && rows_sorted_distinct(&T),
                  "%s uniform k=%d: canonical, sorted, distinct", sets[i].set, k);
            padded += sets[i].u[k - 2];
            systec_tns_free(&T);
        }
        systec_tns_t P;
        memset(&P, 0, sizeof P);
        systec_status_t st = systec_hypergraph_read(nvp, sxp, 5, SYSTEC_HYPER_PADDED, &P);
        CHECK(st == SYSTEC_SUCCESS && P.nnz == padded && P.dim == sets[i].maxid + 3,
              "%s padded k=5: nnz %lld dim %lld, want %lld %lld", sets[i].set, (long long)P.nnz,
              (long long)P.dim, (long long)padded, (long long)sets[i].maxid + 3);
        CHECK(rows_canonical(&P, 1) && rows_sorted_distinct(&P),
              "%s padded: canonical, sorted, distinct", sets[i].set);
        if (i == 0) {
            /* the README: symprop_contact-5.tns is exactly this padded tensor */
            char tp[8300];
            snprintf(tp, sizeof tp, "%s/symprop_contact-5.tns", tensors);
            systec_tns_t S;
            memset(&S, 0, sizeof S);
            CHECK(systec_tns_read(tp, &S) == SYSTEC_SUCCESS, "read symprop_contact-5.tns");
            CHECK(S.order == 5 && S.dim == 245 && S.nnz == 12704, "contact-5: %d %lld %lld",
                  S.order, (long long)S.dim, (long long)S.nnz);
            CHECK(P.nnz == 12704, "padded contact-primary-school has 12,704 edges");
            sort_entries(&S);
            int same = S.order == P.order && S.dim == P.dim && S.nnz == P.nnz;
            for (int64_t e = 0; same && e < S.nnz; e++)
                same = row_cmp(&S, e, &P, e) == 0 && S.val[e] == 1.0 && P.val[e] == 1.0;
            CHECK(same, "symprop_contact-5.tns equals the padded k=5 contact-primary-school");
            systec_tns_free(&S);
        }
        systec_tns_free(&P);
    }
}

/* ---------------------------------------------------------------- random */
static int64_t binom_ref(int64_t n, int k)
{
    double c = 1;
    for (int j = 1; j <= k; j++) c = c * (double)(n - k + j) / j;
    return (int64_t)llround(c);
}

/* Everything the generator promises about one result. */
static void check_random(int order, int64_t dim, double sp, uint64_t seed)
{
    systec_tns_t T;
    memset(&T, 0, sizeof T);
    systec_status_t st = systec_tns_random_symmetric(order, dim, sp, seed, &T);
    CHECK(st == SYSTEC_SUCCESS, "random(%d, %lld, %g): %d", order, (long long)dim, sp, (int)st);
    if (st) return;
    int64_t cells = binom_ref(dim + order - 1, order), want = (int64_t)llround(sp * cells);
    CHECK(T.order == order && T.dim == dim && T.nnz == want,
          "random(%d, %lld, %g): nnz %lld, want %lld of %lld cells", order, (long long)dim, sp,
          (long long)T.nnz, (long long)want, (long long)cells);
    CHECK(T.ind != NULL && T.val != NULL, "random(%d, %lld, %g): arrays allocated", order,
          (long long)dim, sp);
    CHECK(rows_canonical(&T, 0), "random(%d, %lld, %g): canonical and in range", order,
          (long long)dim, sp);
    CHECK(rows_sorted_distinct(&T), "random(%d, %lld, %g): sorted and distinct", order,
          (long long)dim, sp);
    int inside = 1;
    for (int64_t e = 0; e < T.nnz; e++) inside &= T.val[e] > 0 && T.val[e] <= 1;
    CHECK(inside, "random(%d, %lld, %g): values in (0, 1]", order, (long long)dim, sp);
    systec_tns_t U;
    memset(&U, 0, sizeof U);
    CHECK(systec_tns_random_symmetric(order, dim, sp, seed, &U) == SYSTEC_SUCCESS &&
              tns_equal(&T, &U),
          "random(%d, %lld, %g): same seed, same tensor", order, (long long)dim, sp);
    systec_tns_free(&U);
    if (T.nnz > 3 && T.nnz < cells) {
        CHECK(systec_tns_random_symmetric(order, dim, sp, seed + 1, &U) == SYSTEC_SUCCESS &&
                  !tns_equal(&T, &U),
              "random(%d, %lld, %g): another seed, another tensor", order, (long long)dim, sp);
        systec_tns_free(&U);
    }
    systec_tns_free(&T);
}

/* Rank of a canonical (non-decreasing) tuple in the lexicographic order. */
static int64_t cell_rank(const int64_t *c, int order, int64_t dim)
{
    int64_t r = 0, lo = 0;
    for (int j = 0; j < order; j++) {
        /* tuples whose coordinate j is in lo..c[j]-1, the earlier ones fixed */
        for (int64_t x = lo; x < c[j]; x++) r += binom_ref(dim - x + order - j - 2, order - j - 1);
        lo = c[j];
    }
    return r;
}

/* Each cell should be picked with probability sp: a chi-square statistic
 * over all cells, pooled over many seeds. runs * count / cells per cell is
 * large enough for the normal approximation; the seeds are fixed, so this
 * is deterministic, and the bound is mean + 6 sd. */
static void check_uniform(const char *what, int order, int64_t dim, double sp, int runs)
{
    int64_t cells = binom_ref(dim + order - 1, order);
    long *hits = calloc((size_t)cells, sizeof *hits);
    if (!hits) exit(2);
    int64_t total = 0, bad = 0;
    for (int s = 0; s < runs; s++) {
        systec_tns_t T;
        memset(&T, 0, sizeof T);
        if (systec_tns_random_symmetric(order, dim, sp, 1000 + (uint64_t)s, &T)) {
            bad++;
            continue;
        }
        for (int64_t e = 0; e < T.nnz; e++) {
            int64_t r = cell_rank(T.ind + e * order, order, dim);
            if (r < 0 || r >= cells) bad++;
            else hits[r]++;
        }
        total += T.nnz;
        systec_tns_free(&T);
    }
    double expect = (double)total / (double)cells, chi2 = 0;
    for (int64_t c = 0; c < cells; c++) chi2 += (hits[c] - expect) * (hits[c] - expect) / expect;
    double df = (double)(cells - 1), bound = df + 6 * sqrt(2 * df);
    CHECK(bad == 0 && chi2 < bound, "%s: chi-square %.1f over %lld cells (bound %.1f)", what, chi2,
          (long long)cells, bound);
    if (getenv("SYSTEC_TEST_VERBOSE"))
        printf("  %s: chi-square %.1f, df %.0f, %.1f picks per cell\n", what, chi2, df, expect);
    free(hits);
}

static void test_random(void)
{
    /* dense cases go through the scan, those with count <= cells / 64
     * through sampling with replacement; both must keep every promise */
    check_random(3, 10, 0.5, 1);      /* 220 cells, 110 */
    check_random(1, 7, 1.0, 2);       /* all 7 */
    check_random(2, 5, 0.0, 3);       /* none */
    check_random(2, 4, 0.25, 4);      /* 10 cells, 2.5 rounds to 3 */
    check_random(8, 3, 1.0, 5);       /* C(10, 8) = 45, all */
    check_random(5, 1, 1.0, 6);       /* the single cell (0,0,0,0,0) */
    check_random(3, 0, 0.5, 7);       /* dim 0: no cells */
    check_random(4, 60, 0.001, 8);    /* 595,665 cells, 596: sampled */
    check_random(3, 200, 0.002, 9);   /* 1,353,400 cells, 2,707: sampled */
    check_random(3, 100, 0.2, 10);    /* 171,700 cells, 34,340: scanned */
    check_random(6, 12, 0.0001, 11);  /* 12,376 cells, 1: sampled */
    check_random(2, 1000, 0.01, 12);  /* 500,500 cells, 5,005: sampled */
    check_random(1, 100000, 0.5, 13); /* order 1 */

    /* sp = 1 gives every cell: in lexicographic order, the enumeration */
    systec_tns_t T;
    memset(&T, 0, sizeof T);
    CHECK(systec_tns_random_symmetric(3, 6, 1.0, 99, &T) == SYSTEC_SUCCESS && T.nnz == 56,
          "sp = 1: all 56 cells");
    int enumerated = T.nnz == 56;
    for (int64_t e = 0; enumerated && e < T.nnz; e++)
        enumerated = cell_rank(T.ind + 3 * e, 3, 6) == e;
    CHECK(enumerated, "sp = 1: cell e is the e-th canonical tuple");
    systec_tns_free(&T);

    check_uniform("uniform, scan (order 2, dim 4, 3 of 10)", 2, 4, 0.3, 20000);
    check_uniform("uniform, scan (order 3, dim 6, 14 of 56)", 3, 6, 0.25, 4000);
    check_uniform("uniform, sampled (order 2, dim 40, 10 of 820)", 2, 40, 10.0 / 820, 20000);
    check_uniform("uniform, sampled (order 3, dim 12, 5 of 364)", 3, 12, 5.0 / 364, 20000);

    /* bad arguments: errors, and T untouched */
    const struct {
        const char *what;
        int order;
        int64_t dim;
        double sp;
        systec_status_t st;
    } bad[] = {
        {"order 0", 0, 10, 0.5, SYSTEC_ERR_INVALID_SIZE},
        {"order 9", 9, 10, 0.5, SYSTEC_ERR_INVALID_SIZE},
        {"order -1", -1, 10, 0.5, SYSTEC_ERR_INVALID_SIZE},
        {"dim -1", 3, -1, 0.5, SYSTEC_ERR_INVALID_SIZE},
        {"sp < 0", 3, 10, -0.1, SYSTEC_ERR_INVALID_VALUE},
        {"sp > 1", 3, 10, 1.5, SYSTEC_ERR_INVALID_VALUE},
        {"sp NaN", 3, 10, NAN, SYSTEC_ERR_INVALID_VALUE},
        {"sp inf", 3, 10, INFINITY, SYSTEC_ERR_INVALID_VALUE},
        {"cell count overflow", 8, INT64_C(1) << 40, 0.5, SYSTEC_ERR_INVALID_SIZE},
        {"dim near INT64_MAX", 2, INT64_MAX, 0.0, SYSTEC_ERR_INVALID_SIZE},
        /* C(3e6 + 2, 3) = 4.5e18 cells fit, but not 4.5e18 entries in memory */
        {"too many entries", 3, 3000000, 1.0, SYSTEC_ERR_OUT_OF_MEMORY},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        systec_tns_t B, before;
        memset(&B, 0xab, sizeof B);
        before = B;
        systec_status_t st =
            systec_tns_random_symmetric(bad[i].order, bad[i].dim, bad[i].sp, 1, &B);
        CHECK(st == bad[i].st, "random %s: got %d, want %d", bad[i].what, (int)st,
              (int)bad[i].st);
        CHECK(memcmp(&B, &before, sizeof B) == 0, "random %s: output modified", bad[i].what);
        CHECK(systec_last_error()[0] != '\0', "random %s: no detail", bad[i].what);
    }
    CHECK(systec_tns_random_symmetric(3, 10, 0.5, 1, NULL) == SYSTEC_ERR_NULL_POINTER,
          "random NULL T");
}

/* The paper's largest random tensor: order 3, dim 500, C(502, 3) cells
 * (its speed is the benchmark's business: no clock here). */
static void test_random_paper_size(void)
{
    double sps[] = {0.001, 0.01, 0.1}; /* sp = 1 would take 670 MB */
    for (int i = 0; i < 3; i++) {
        systec_tns_t T;
        memset(&T, 0, sizeof T);
        systec_status_t st = systec_tns_random_symmetric(3, 500, sps[i], 2024, &T);
        int64_t want = (int64_t)llround(sps[i] * 20958500.0);
        CHECK(st == SYSTEC_SUCCESS && T.nnz == want, "order 3 dim 500 sp %g: nnz %lld, want %lld",
              sps[i], (long long)T.nnz, (long long)want);
        CHECK(st != SYSTEC_SUCCESS || (rows_canonical(&T, 0) && rows_sorted_distinct(&T)),
              "order 3 dim 500 sp %g: canonical, sorted, distinct", sps[i]);
        systec_tns_free(&T);
    }
}

/* ------------------------------------------------------------ NULL args */
static void test_null_args(void)
{
    systec_tns_t T, before;
    memset(&T, 0xab, sizeof T);
    before = T;
    CHECK(systec_tns_read(NULL, &T) == SYSTEC_ERR_NULL_POINTER, "tns_read NULL path");
    CHECK(systec_tns_read("x.tns", NULL) == SYSTEC_ERR_NULL_POINTER, "tns_read NULL T");
    CHECK(systec_ssten_read(NULL, &T) == SYSTEC_ERR_NULL_POINTER, "ssten_read NULL path");
    CHECK(systec_ssten_read("x.ssten", NULL) == SYSTEC_ERR_NULL_POINTER, "ssten_read NULL T");
    CHECK(systec_tns_write(NULL, &T) == SYSTEC_ERR_NULL_POINTER, "tns_write NULL path");
    CHECK(systec_tns_write("x.tns", NULL) == SYSTEC_ERR_NULL_POINTER, "tns_write NULL T");
    CHECK(memcmp(&T, &before, sizeof T) == 0, "NULL-argument calls modified T");
    CHECK(systec_last_error()[0] != '\0', "NULL argument: no detail");
    systec_tns_free(NULL);
    systec_tns_t Z;
    memset(&Z, 0, sizeof Z);
    systec_tns_free(&Z);
    CHECK(Z.ind == NULL && Z.val == NULL && Z.nnz == 0, "tns_free of an empty struct");
}

int main(int argc, char **argv)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/systec_tns_XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        printf("cannot create a temporary directory\n");
        return 2;
    }
    test_null_args();
    test_tns_wellformed();
    test_tns_malformed();
    test_gzip();
    test_write();
    test_ssten_small();
    test_hyper_small();
    test_random();
    if (argc > 1)
        test_bundled(argv[1]);
    else
        printf("note: no data directory given, bundled tensors not tested\n");
    if (argc > 2) {
        test_ssten_shared(argv[2]);
        test_hyper_shared(argv[2]);
        test_random_paper_size();
    } else {
        printf("note: no shared tensors directory given, real tensors not tested\n");
    }
    if (rmdir(tmpdir) != 0) printf("note: could not remove %s\n", tmpdir);
    return check_summary();
}
