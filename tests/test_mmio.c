/* Tests of the Matrix Market reader and writer.
 *
 * usage: test_mmio [DATA_DIR]
 * Reads every *.mtx / *.mtx.gz file in DATA_DIR (checking the ones listed in
 * the table below against their known sizes) and round-trips each through
 * systec_mm_write. Malformed files are generated in a temporary directory. */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L /* mkdtemp, opendir, getpid, rmdir, symlink, mkfifo */
#endif
#include "systec.h"

#include <dirent.h>
#include <float.h>
#include <locale.h>
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

static int file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static int same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0; /* -0.0 != 0.0 here */
}

static int coo_equal(const systec_coo_t *a, const systec_coo_t *b)
{
    if (a->nrows != b->nrows || a->ncols != b->ncols || a->nnz != b->nnz ||
        !a->symmetric != !b->symmetric || !a->pattern != !b->pattern)
        return 0;
    for (int64_t k = 0; k < a->nnz; k++) {
        if (a->row[k] != b->row[k] || a->col[k] != b->col[k]) return 0;
        if (!a->pattern && !same_double(a->val[k], b->val[k])) return 0;
    }
    return 1;
}

/* Writes A to a temporary file, reads it back and compares. */
static void round_trip(const char *what, const systec_coo_t *A)
{
    char path[4200], tmp[4300];
    tmp_path(path, sizeof path, "roundtrip.mtx");
    systec_status_t st = systec_mm_write(path, A);
    CHECK(st == SYSTEC_SUCCESS, "%s: mm_write returned %d", what, (int)st);
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    CHECK(!file_exists(tmp), "%s: temporary file left behind", what);
    systec_coo_t B;
    memset(&B, 0, sizeof B);
    st = systec_mm_read(path, &B);
    CHECK(st == SYSTEC_SUCCESS, "%s: reading back returned %d", what, (int)st);
    if (st == SYSTEC_SUCCESS) {
        CHECK(coo_equal(A, &B), "%s: round trip changed the matrix", what);
        if (A->pattern) {
            int ones = 1;
            for (int64_t k = 0; k < B.nnz; k++) ones &= B.val[k] == 1.0;
            CHECK(ones, "%s: pattern values read back as 1.0", what);
        }
    }
    /* the file carries the "written by" comment */
    FILE *f = fopen(path, "r");
    char line[256] = "", want[128];
    if (f) {
        if (!fgets(line, sizeof line, f) || !fgets(line, sizeof line, f)) line[0] = '\0';
        fclose(f);
    }
    snprintf(want, sizeof want, "%% written by libsystec %s\n", systec_version_string());
    CHECK(strcmp(line, want) == 0, "%s: second line is '%s'", what, line);
    systec_coo_free(&B);
    remove(path);
}

/* ------------------------------------------------------------ real data */
static const struct {
    const char *file;
    int64_t n, stored, diag;
    int pattern;
} known[] = {
    {"LFAT5.mtx", 14, 30, 14, 0},           {"karate.mtx", 34, 78, 0, 1},
    {"GD97_b.mtx", 47, 132, 0, 0},          {"bcsstk01.mtx", 48, 224, 48, 0},
    {"lund_a.mtx", 147, 1298, 147, 0},      {"494_bus.mtx", 494, 1080, 494, 0},
    {"1138_bus.mtx", 1138, 2596, 1138, 0},  {"jagmesh7.mtx", 1138, 4294, 1138, 1},
    {"bcsstk13.mtx.gz", 2003, 42943, 2003, 0}, {"bcsstm13.mtx", 2003, 11973, 2003, 0},
    {"bcsstk21.mtx", 3600, 15100, 3600, 0}, {"bcsstk15.mtx.gz", 3948, 60882, 3948, 0},
    {"bcspwr10.mtx", 5300, 13571, 5300, 1}, {"bcsstm25.mtx", 15439, 15439, 15439, 0},
    {"wing.mtx.gz", 62032, 121544, 0, 1},
};

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void test_data_dir(const char *dir)
{
    DIR *d = opendir(dir);
    CHECK(d != NULL, "cannot open data directory %s", dir);
    if (!d) return;
    int files = 0, matched = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (!ends_with(name, ".mtx") && !ends_with(name, ".mtx.gz")) continue;
        char path[8300];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        systec_coo_t A;
        memset(&A, 0, sizeof A);
        systec_status_t st = systec_mm_read(path, &A);
        if (ends_with(name, ".gz") && !lib_has_zlib) {
            CHECK(st == SYSTEC_ERR_UNSUPPORTED, "%s without zlib: got %d", name, (int)st);
            continue;
        }
        CHECK(st == SYSTEC_SUCCESS, "%s: mm_read returned %d", name, (int)st);
        if (st != SYSTEC_SUCCESS) continue;
        files++;
        int64_t diag = 0, upper = 0;
        for (int64_t k = 0; k < A.nnz; k++) {
            diag += A.row[k] == A.col[k];
            upper += A.col[k] > A.row[k];
        }
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
            if (strcmp(known[i].file, name) != 0) continue;
            matched++;
            CHECK(A.nrows == known[i].n && A.ncols == known[i].n, "%s: size %lldx%lld", name,
                  (long long)A.nrows, (long long)A.ncols);
            CHECK(A.nnz == known[i].stored, "%s: %lld entries, want %lld", name,
                  (long long)A.nnz, (long long)known[i].stored);
            CHECK(diag == known[i].diag, "%s: %lld diagonal entries, want %lld", name,
                  (long long)diag, (long long)known[i].diag);
            CHECK(A.symmetric == 1 && A.pattern == known[i].pattern, "%s: flags sym=%d pat=%d",
                  name, A.symmetric, A.pattern);
            CHECK(upper == 0, "%s: %lld entries above the diagonal", name, (long long)upper);
            /* no duplicates in these files: the handle keeps every off-diagonal entry */
            systec_symmat_t *S = NULL;
            int64_t nnz_strict = -1;
            CHECK(systec_symmat_from_coo(&S, &A, SYSTEC_DOUBLE, SYSTEC_INT32) == SYSTEC_SUCCESS,
                  "%s: from_coo", name);
            if (S) systec_symmat_info(S, NULL, &nnz_strict, NULL, NULL);
            CHECK(nnz_strict == known[i].stored - known[i].diag, "%s: nnz_strict %lld", name,
                  (long long)nnz_strict);
            systec_symmat_free(&S);
        }
        round_trip(name, &A);
        systec_coo_free(&A);
        CHECK(A.row == NULL && A.nnz == 0, "%s: coo_free zeroes the struct", name);
    }
    closedir(d);
    CHECK(files > 0, "no .mtx files in %s", dir);
    printf("data: read %d files from %s, %d checked against the table\n", files, dir, matched);
}

/* ------------------------------------------------------ malformed files */
#define B "%%MatrixMarket matrix coordinate real general\n"
#define S "%%MatrixMarket matrix coordinate real symmetric\n"
#define P "%%MatrixMarket matrix coordinate pattern general\n"
#define I "%%MatrixMarket matrix coordinate integer general\n"

static const struct {
    const char *name, *text;
    size_t len; /* 0: strlen(text) */
    systec_status_t st;
    int line; /* line number the detail must name (0: not checked) */
} bad[] = {
    {"empty", "", 0, SYSTEC_ERR_PARSE, 1},
    {"no banner", "3 3 1\n1 1 1\n", 0, SYSTEC_ERR_PARSE, 1},
    {"comment before banner", "% c\n" B "1 1 0\n", 0, SYSTEC_ERR_PARSE, 1},
    {"misspelled banner", "%%MatrixMarkt matrix coordinate real general\n1 1 0\n", 0,
     SYSTEC_ERR_PARSE, 1},
    {"glued banner", "%%MatrixMarketmatrix coordinate real general\n1 1 0\n", 0,
     SYSTEC_ERR_PARSE, 1},
    {"banner 3 words", "%%MatrixMarket matrix coordinate real\n1 1 0\n", 0, SYSTEC_ERR_PARSE, 1},
    {"banner 5 words", "%%MatrixMarket matrix coordinate real general x\n1 1 0\n", 0,
     SYSTEC_ERR_PARSE, 1},
    {"banner magic only", "%%MatrixMarket\n1 1 0\n", 0, SYSTEC_ERR_PARSE, 1},
    {"object vector", "%%MatrixMarket vector coordinate real general\n1 1 0\n", 0,
     SYSTEC_ERR_PARSE, 1},
    {"unknown format", "%%MatrixMarket matrix sparse real general\n1 1 0\n", 0, SYSTEC_ERR_PARSE,
     1},
    {"unknown field", "%%MatrixMarket matrix coordinate double general\n1 1 0\n", 0,
     SYSTEC_ERR_PARSE, 1},
    {"unknown symmetry", "%%MatrixMarket matrix coordinate real symmetrical\n1 1 0\n", 0,
     SYSTEC_ERR_PARSE, 1},
    {"complex", "%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n", 0,
     SYSTEC_ERR_UNSUPPORTED, 1},
    {"complex hermitian", "%%MatrixMarket matrix coordinate complex hermitian\n1 1 0\n", 0,
     SYSTEC_ERR_UNSUPPORTED, 1},
    {"hermitian", "%%MatrixMarket Matrix Coordinate Real Hermitian\n1 1 0\n", 0,
     SYSTEC_ERR_UNSUPPORTED, 1},
    {"skew-symmetric", "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 0\n", 0,
     SYSTEC_ERR_UNSUPPORTED, 1},
    {"array", "%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n", 0,
     SYSTEC_ERR_UNSUPPORTED, 1},
    {"banner only", B, 0, SYSTEC_ERR_PARSE, 1},
    {"comments only", B "% a\n%\n", 0, SYSTEC_ERR_PARSE, 3},
    {"size 2 fields", B "3 3\n", 0, SYSTEC_ERR_PARSE, 2},
    {"size 4 fields", B "% c\n3 3 1 1\n1 1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"size not a number", B "3 x 1\n", 0, SYSTEC_ERR_PARSE, 2},
    {"size float", B "3.0 3 1\n1 1 1\n", 0, SYSTEC_ERR_PARSE, 2},
    {"size garbage", B "3 3 1abc\n1 1 1\n", 0, SYSTEC_ERR_PARSE, 2},
    {"size negative rows", B "-3 3 1\n1 1 1\n", 0, SYSTEC_ERR_PARSE, 2},
    {"size negative cols", B "3 -3 0\n", 0, SYSTEC_ERR_PARSE, 2},
    {"size negative count", B "3 3 -1\n", 0, SYSTEC_ERR_PARSE, 2},
    {"size overflow", B "99999999999999999999 3 0\n", 0, SYSTEC_ERR_PARSE, 2},
    {"entries in 0x0", B "0 0 1\n1 1 1\n", 0, SYSTEC_ERR_PARSE, 2},
    {"entries in 0x5", B "0 5 1\n1 1 1\n", 0, SYSTEC_ERR_PARSE, 2},
    {"symmetric non-square", S "3 4 1\n1 1 1\n", 0, SYSTEC_ERR_PARSE, 2},
    {"fewer entries", B "3 3 3\n1 1 1\n2 2 2\n", 0, SYSTEC_ERR_PARSE, 4},
    {"fewer entries, trailing comment", B "3 3 2\n1 1 1\n% c\n", 0, SYSTEC_ERR_PARSE, 4},
    {"no entries", B "3 3 2\n", 0, SYSTEC_ERR_PARSE, 2},
    {"huge count, one entry", B "3 3 1000000000000000\n1 1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"more entries", B "3 3 1\n1 1 1\n2 2 2\n", 0, SYSTEC_ERR_PARSE, 4},
    {"entry after empty", B "2 2 0\n\n1 1 1\n", 0, SYSTEC_ERR_PARSE, 4},
    {"row 0", B "3 3 1\n0 1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"row > m", B "3 3 1\n4 1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"col > n", B "3 2 1\n1 3 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"col 0", S "3 3 2\n1 1 1\n2 0 1\n", 0, SYSTEC_ERR_PARSE, 4},
    {"negative index", B "3 3 1\n-1 1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"index overflow", B "3 3 1\n99999999999999999999 1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"index 1.0", B "3 3 1\n1.0 1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"index hex", B "3 3 1\n0x1 1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"index letters", B "3 3 1\na 1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"index garbage", B "3 3 1\n1x 1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"value letters", B "3 3 1\n1 1 abc\n", 0, SYSTEC_ERR_PARSE, 3},
    {"value garbage", B "3 3 1\n1 1 1.0x\n", 0, SYSTEC_ERR_PARSE, 3},
    {"value two dots", B "3 3 1\n1 1 1.0.0\n", 0, SYSTEC_ERR_PARSE, 3},
    {"value sign only", B "3 3 1\n1 1 -\n", 0, SYSTEC_ERR_PARSE, 3},
    {"value comma", B "3 3 1\n1 1 1,5\n", 0, SYSTEC_ERR_PARSE, 3},
    {"too many fields", B "3 3 1\n1 1 1.0 2.0\n", 0, SYSTEC_ERR_PARSE, 3},
    {"too few fields", B "3 3 1\n1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"one field", B "3 3 2\n1 1 1\n1\n", 0, SYSTEC_ERR_PARSE, 4},
    {"trailing comment on entry", B "3 3 1\n1 1 1 % c\n", 0, SYSTEC_ERR_PARSE, 3},
    {"truncated last line", B "3 3 1\n1 1", 0, SYSTEC_ERR_PARSE, 3},
    {"pattern with value", P "3 3 1\n1 1 1\n", 0, SYSTEC_ERR_PARSE, 3},
    {"integer with fraction", I "3 3 1\n1 1 1.5\n", 0, SYSTEC_ERR_PARSE, 3},
    {"integer overflow", I "3 3 1\n1 1 99999999999999999999\n", 0, SYSTEC_ERR_PARSE, 3},
    {"NUL in entry", B "3 3 1\n1 1 1\0 9\n", sizeof(B "3 3 1\n1 1 1\0 9\n") - 1,
     SYSTEC_ERR_PARSE, 3},
    {"NUL in size line", B "3 3\0 1\n", sizeof(B "3 3\0 1\n") - 1, SYSTEC_ERR_PARSE, 2},
    {"NUL in banner", "%%MatrixMarket\0 matrix coordinate real general\n1 1 0\n",
     sizeof("%%MatrixMarket\0 matrix coordinate real general\n1 1 0\n") - 1, SYSTEC_ERR_PARSE,
     1},
    {"binary", "\x7f" "ELF\x02\x01\x01\0\0\0\n\xff\xfe",
     sizeof("\x7f" "ELF\x02\x01\x01\0\0\0\n\xff\xfe") - 1, SYSTEC_ERR_PARSE, 1},
};

/* Reading path must fail with want; the detail names path:line. A is untouched. */
static void expect_fail(const char *what, const char *path, systec_status_t want, int line)
{
    systec_coo_t A, before;
    memset(&A, 0xab, sizeof A);
    before = A;
    systec_status_t st = systec_mm_read(path, &A);
    CHECK(st == want, "%s: got %d (%s), want %d", what, (int)st, systec_strerror(st), (int)want);
    CHECK(memcmp(&A, &before, sizeof A) == 0, "%s: output modified on error", what);
    const char *detail = systec_last_error();
    if (getenv("SYSTEC_TEST_VERBOSE")) printf("  %-32s %s\n", what, detail);
    CHECK(strncmp(detail, path, strlen(path)) == 0, "%s: detail '%s' does not start with the path",
          what, detail);
    if (line > 0) {
        char want_loc[4400];
        snprintf(want_loc, sizeof want_loc, "%s:%d: ", path, line);
        CHECK(strstr(detail, want_loc) != NULL, "%s: detail '%s' does not name line %d", what,
              detail, line);
    }
    if (st == SYSTEC_SUCCESS) systec_coo_free(&A);
}

static void test_malformed(void)
{
    char path[4200];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tmp_path(path, sizeof path, "bad.mtx");
        write_file(path, bad[i].text, bad[i].len ? bad[i].len : strlen(bad[i].text));
        expect_fail(bad[i].name, path, bad[i].st, bad[i].line);
        remove(path);
    }
}

/* Reads text that must parse; returns the COO (caller frees) or nnz = -1. */
static systec_coo_t read_text(const char *what, const char *text, size_t len)
{
    char path[4200];
    tmp_path(path, sizeof path, "good.mtx");
    write_file(path, text, len ? len : strlen(text));
    systec_coo_t A;
    memset(&A, 0, sizeof A);
    systec_status_t st = systec_mm_read(path, &A);
    CHECK(st == SYSTEC_SUCCESS, "%s: got %d (%s)", what, (int)st, systec_strerror(st));
    CHECK(st != SYSTEC_SUCCESS || systec_last_error()[0] == '\0', "%s: detail set on success",
          what);
    if (st != SYSTEC_SUCCESS) A.nnz = -1;
    remove(path);
    return A;
}

static void test_wellformed(void)
{
    systec_coo_t A;
    A = read_text("crlf", "%%MatrixMarket matrix coordinate real general\r\n% c\r\n2 3 2\r\n"
                          "1 3 2.5\r\n2 1 -1\r\n", 0);
    CHECK(A.nnz == 2 && A.nrows == 2 && A.ncols == 3 && A.row[0] == 0 && A.col[0] == 2 &&
              A.val[0] == 2.5 && A.row[1] == 1 && A.col[1] == 0 && A.val[1] == -1 &&
              !A.symmetric && !A.pattern,
          "crlf content");
    systec_coo_free(&A);

    A = read_text("blank lines, comments, tabs",
                  B "%c\n\n   \n  % indented comment\n\t3\t3  2 \n\n  1 1\t1e0  \n% mid\n"
                    "\t\n3 2 7\n\n% end\n   \n",
                  0);
    CHECK(A.nnz == 2 && A.val[0] == 1.0 && A.row[1] == 2 && A.col[1] == 1 && A.val[1] == 7,
          "whitespace content");
    systec_coo_free(&A);

    A = read_text("no final newline", B "2 2 1\n2 2 4", 0);
    CHECK(A.nnz == 1 && A.val[0] == 4, "no final newline content");
    systec_coo_free(&A);

    A = read_text("case-insensitive banner", "%%matrixmarket MATRIX Coordinate REAL General\n"
                                             "1 1 1\n1 1 3\n", 0);
    CHECK(A.nnz == 1, "case-insensitive content");
    systec_coo_free(&A);

    A = read_text("nan inf", B "1 1 7\n1 1 nan\n1 1 -inf\n1 1 inf\n1 1 1e999\n1 1 1e-400\n"
                               "1 1 0x1p-2\n1 1 -0\n", 0);
    if (A.nnz == 7) {
        CHECK(isnan(A.val[0]) && A.val[1] == -INFINITY && A.val[2] == INFINITY &&
                  A.val[3] == INFINITY && A.val[4] >= 0 && A.val[4] < 1e-300 &&
                  A.val[5] == 0.25 && A.val[6] == 0 && signbit(A.val[6]),
              "special values");
    }
    systec_coo_free(&A);

    A = read_text("integer field", I "2 2 2\n1 1 -7\n2 1 +3\n", 0);
    CHECK(A.nnz == 2 && A.val[0] == -7 && A.val[1] == 3 && !A.pattern, "integer content");
    systec_coo_free(&A);

    A = read_text("pattern field", "%%MatrixMarket matrix coordinate pattern symmetric\n"
                                   "3 3 2\n2 1\n3 3\n", 0);
    CHECK(A.nnz == 2 && A.pattern == 1 && A.symmetric == 1 && A.val[0] == 1.0 &&
              A.val[1] == 1.0 && A.row[0] == 1 && A.col[0] == 0,
          "pattern content");
    systec_coo_free(&A);

    A = read_text("symmetric, upper entry kept as given", S "3 3 2\n1 3 5\n2 2 1\n", 0);
    CHECK(A.nnz == 2 && A.row[0] == 0 && A.col[0] == 2 && A.symmetric == 1, "upper entry");
    systec_coo_free(&A);

    A = read_text("0x0", B "0 0 0\n", 0);
    CHECK(A.nnz == 0 && A.nrows == 0 && A.ncols == 0, "0x0 content");
    systec_coo_free(&A);

    A = read_text("3x3 no entries", S "% x\n3 3 0\n% y\n", 0);
    CHECK(A.nnz == 0 && A.nrows == 3 && A.symmetric, "3x3 empty content");
    systec_coo_free(&A);
}

/* Lines far longer than any fixed buffer. */
static void test_long_lines(void)
{
    size_t big = 3u << 20;
    char *text = malloc(big + 4096), path[4200];
    if (!text) exit(2);
    /* a 3 MB comment line is skipped */
    size_t k = (size_t)sprintf(text, "%s%%", B);
    memset(text + k, 'c', big);
    k += big;
    k += (size_t)sprintf(text + k, "\n2 2 1\n2 1 0.5\n");
    systec_coo_t A = read_text("3 MB comment", text, k);
    CHECK(A.nnz == 1 && A.val[0] == 0.5, "long comment content");
    systec_coo_free(&A);

    /* a long but acceptable number: 5000 leading zeros */
    k = (size_t)sprintf(text, "%s2 2 1\n2 1 ", B);
    memset(text + k, '0', 5000);
    k += 5000;
    k += (size_t)sprintf(text + k, "1.5\n");
    A = read_text("5000-digit value", text, k);
    CHECK(A.nnz == 1 && A.val[0] == 1.5, "long number content");
    systec_coo_free(&A);

    /* a 3 MB data line is rejected with its line number */
    k = (size_t)sprintf(text, "%s%% c\n2 2 1\n", B);
    memset(text + k, ' ', big);
    k += big;
    k += (size_t)sprintf(text + k, "2 1 1\n");
    tmp_path(path, sizeof path, "long.mtx");
    write_file(path, text, k);
    expect_fail("3 MB data line", path, SYSTEC_ERR_PARSE, 4);

    /* a 3 MB banner line */
    k = (size_t)sprintf(text, "%%%%MatrixMarket matrix coordinate real general");
    memset(text + k, ' ', big);
    k += big;
    k += (size_t)sprintf(text + k, "\n1 1 0\n");
    write_file(path, text, k);
    expect_fail("3 MB banner", path, SYSTEC_ERR_PARSE, 1);

    /* an error deep in a file reports the right line */
    k = (size_t)sprintf(text, "%s1000 1000 2000\n", B);
    for (int i = 1; i <= 1000; i++) k += (size_t)sprintf(text + k, "%d %d %d.25\n", i, i, i);
    k += (size_t)sprintf(text + k, "5 5 oops\n");
    write_file(path, text, k);
    expect_fail("error on line 1003", path, SYSTEC_ERR_PARSE, 1003);
    remove(path);
    free(text);
}

/* ---------------------------------------------------------------- gzip */
static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int b = 0; b < 8; b++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

/* A gzip stream of text in stored (uncompressed) deflate blocks; no zlib needed. */
static size_t make_gzip(unsigned char *out, const char *text, size_t n)
{
    static const unsigned char hdr[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
    size_t k = 0, off = 0;
    memcpy(out, hdr, 10);
    k = 10;
    do {
        size_t len = n - off > 65535 ? 65535 : n - off;
        out[k++] = off + len == n; /* BFINAL, BTYPE = 00 (stored) */
        out[k++] = (unsigned char)len, out[k++] = (unsigned char)(len >> 8);
        out[k++] = (unsigned char)~len, out[k++] = (unsigned char)(~len >> 8);
        memcpy(out + k, text + off, len);
        k += len, off += len;
    } while (off < n);
    put32(out + k, crc32_of((const unsigned char *)text, n));
    put32(out + k + 4, (uint32_t)n);
    return k + 8;
}

static void test_gzip(void)
{
    char path[4200];
    tmp_path(path, sizeof path, "m.mtx.gz");
    /* larger than one stored block and one read chunk */
    size_t cap = 200000;
    char *text = malloc(cap);
    unsigned char *gz = malloc(cap + 1024);
    if (!text || !gz) exit(2);
    size_t n = (size_t)sprintf(text, "%s%% gz\n5000 5000 5000\n", S);
    for (int i = 1; i <= 5000; i++) n += (size_t)sprintf(text + n, "%d %d %d\n", i, i, i);
    size_t gn = make_gzip(gz, text, n);
    write_file(path, (const char *)gz, gn);
    systec_coo_t A;
    memset(&A, 0, sizeof A);
    systec_status_t st = systec_mm_read(path, &A);
    /* A build without zlib must refuse gzip input clearly. This file may be
     * compiled without SYSTEC_HAVE_ZLIB even when the library has zlib, so
     * the library's answer decides which checks apply. */
    lib_has_zlib = st != SYSTEC_ERR_UNSUPPORTED;
#ifdef SYSTEC_HAVE_ZLIB
    CHECK(lib_has_zlib, "library built without zlib although SYSTEC_HAVE_ZLIB is defined");
#endif
    if (!lib_has_zlib) {
        CHECK(strstr(systec_last_error(), "zlib") != NULL, "no-zlib detail: %s",
              systec_last_error());
        printf("note: library built without zlib; gzip input checked for UNSUPPORTED only\n");
        goto done;
    }
    CHECK(st == SYSTEC_SUCCESS, "gzip read: %d", (int)st);
    CHECK(st != SYSTEC_SUCCESS || (A.nnz == 5000 && A.val[4999] == 5000 && A.row[4999] == 4999),
          "gzip content");
    systec_coo_free(&A);

    write_file(path, (const char *)gz, gn / 2);
    expect_fail("truncated gzip", path, SYSTEC_ERR_IO, 0);
    gz[gn - 6] ^= 0x55; /* corrupt the CRC */
    write_file(path, (const char *)gz, gn);
    expect_fail("gzip bad CRC", path, SYSTEC_ERR_IO, 0);
    /* parse errors inside a gzip file still name the line */
    n = (size_t)sprintf(text, "%s2 2 1\n\n2 x 1\n", B);
    gn = make_gzip(gz, text, n);
    write_file(path, (const char *)gz, gn);
    expect_fail("gzip parse error", path, SYSTEC_ERR_PARSE, 4);
    gn = make_gzip(gz, "", 0);
    write_file(path, (const char *)gz, gn);
    expect_fail("gzip of empty file", path, SYSTEC_ERR_PARSE, 1);
done:
    remove(path);
    free(text);
    free(gz);
}

/* ---------------------------------------------------------------- write */
static void test_write(void)
{
    double vals[] = {0.1, -0.0, 5e-324, DBL_MAX, -DBL_MIN, 3.141592653589793, 1e300, NAN,
                     INFINITY, -INFINITY, 1.0 / 3.0, 123456789012345678.0, 0.0};
    int64_t r[] = {0, 4, 2, 2, 1, 0, 3, 4, 4, 0, 1, 2, 3};
    int64_t c[] = {0, 6, 1, 1, 5, 3, 3, 0, 2, 6, 1, 2, 0};
    systec_coo_t A = {5, 7, 13, r, c, vals, 0, 0};
    round_trip("general 5x7 special values", &A);
    A.nrows = A.ncols = 7, A.symmetric = 1;
    /* (0,3) and (3,0) in one symmetric list: the pair twice, refused */
    CHECK(systec_mm_write("never-written.mtx", &A) == SYSTEC_ERR_INVALID_VALUE,
          "symmetric list with a mirrored pair written");
    c[12] = 2; /* (3,2): one entry per pair */
    round_trip("symmetric 7x7", &A);
    A.pattern = 1, A.val = NULL; /* a pattern list needs no values */
    round_trip("pattern", &A);
    systec_coo_t E = {0, 0, 0, NULL, NULL, NULL, 1, 0};
    round_trip("0x0", &E);
    E.nrows = E.ncols = 4;
    round_trip("4x4 no entries", &E);

    /* invalid A: error, and an existing file is left alone */
    char path[4200], tmp[4300];
    tmp_path(path, sizeof path, "keep.mtx");
    write_file(path, "sentinel", 8);
    const struct {
        const char *what;
        systec_coo_t A;
        systec_status_t st;
    } badw[] = {
        {"row NULL", {3, 3, 1, NULL, c, vals, 0, 0}, SYSTEC_ERR_NULL_POINTER},
        {"col NULL", {3, 3, 1, r, NULL, vals, 0, 0}, SYSTEC_ERR_NULL_POINTER},
        {"val NULL", {3, 3, 1, r, c, NULL, 0, 0}, SYSTEC_ERR_NULL_POINTER},
        {"row out of range", {4, 7, 13, r, c, vals, 0, 0}, SYSTEC_ERR_INDEX_OUT_OF_RANGE},
        {"col out of range", {5, 6, 13, r, c, vals, 0, 0}, SYSTEC_ERR_INDEX_OUT_OF_RANGE},
        {"negative nrows", {-1, 3, 0, NULL, NULL, NULL, 0, 0}, SYSTEC_ERR_INVALID_SIZE},
        {"negative nnz", {3, 3, -1, r, c, vals, 0, 0}, SYSTEC_ERR_INVALID_SIZE},
        {"symmetric non-square", {5, 7, 13, r, c, vals, 1, 0}, SYSTEC_ERR_NOT_SQUARE},
    };
    for (size_t i = 0; i < sizeof badw / sizeof badw[0]; i++) {
        systec_status_t want = badw[i].st, st = systec_mm_write(path, &badw[i].A);
        CHECK(st == want, "write %s: got %d, want %d", badw[i].what, (int)st, (int)want);
        CHECK(systec_last_error()[0] != '\0', "write %s: no detail", badw[i].what);
    }
    FILE *f = fopen(path, "rb");
    char buf[16] = "";
    size_t got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    CHECK(got == 8 && memcmp(buf, "sentinel", 8) == 0, "failed writes modified an existing file");

    /* a successful write replaces it */
    CHECK(systec_mm_write(path, &A) == SYSTEC_SUCCESS, "overwrite");
    systec_coo_t R;
    memset(&R, 0, sizeof R);
    CHECK(systec_mm_read(path, &R) == SYSTEC_SUCCESS && coo_equal(&A, &R), "overwrite content");
    systec_coo_free(&R);
    remove(path);

    /* I/O failures: no directory; target is a directory (rename fails: the
     * temporary file must be cleaned up) */
    tmp_path(path, sizeof path, "no/such/dir/x.mtx");
    CHECK(systec_mm_write(path, &A) == SYSTEC_ERR_IO, "write into a missing directory");
    CHECK(strstr(systec_last_error(), "x.mtx") != NULL, "IO detail: %s", systec_last_error());
    CHECK(systec_mm_write(tmpdir, &A) == SYSTEC_ERR_IO, "write onto a directory");
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", tmpdir, (long)getpid());
    CHECK(!file_exists(tmp), "temporary file %s left behind", tmp);

    /* NULL arguments */
    CHECK(systec_mm_write(NULL, &A) == SYSTEC_ERR_NULL_POINTER, "write NULL path");
    CHECK(systec_mm_write("x.mtx", NULL) == SYSTEC_ERR_NULL_POINTER, "write NULL A");
}

/* Numbers stay in the "C" format under a decimal-comma locale, if one is installed. */
static void test_locale(void)
{
    static const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
                                  "de_DE", "fr_FR"};
    char saved[256];
    snprintf(saved, sizeof saved, "%s", setlocale(LC_NUMERIC, NULL));
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (setlocale(LC_NUMERIC, names[i]) && localeconv()->decimal_point[0] == ',') break;
    if (i == sizeof names / sizeof names[0]) {
        printf("note: no decimal-comma locale installed, locale test skipped\n");
        setlocale(LC_NUMERIC, saved);
        return;
    }
    int64_t r[] = {0}, c[] = {0};
    double v[] = {1.5};
    systec_coo_t A = {1, 1, 1, r, c, v, 0, 0};
    round_trip("decimal-comma locale", &A);
    systec_coo_t R = read_text("decimal-comma locale, read", B "1 1 1\n1 1 2.25\n", 0);
    CHECK(R.nnz == 1 && R.val[0] == 2.25, "value read under a decimal-comma locale");
    systec_coo_free(&R);
    CHECK(localeconv()->decimal_point[0] == ',', "the caller's locale was not restored");
    setlocale(LC_NUMERIC, saved);
}

static void test_read_errors(void)
{
    char path[4200];
    systec_coo_t A;
    memset(&A, 0, sizeof A);
    tmp_path(path, sizeof path, "does-not-exist.mtx");
    expect_fail("missing file", path, SYSTEC_ERR_IO, 0);
    expect_fail("directory", tmpdir, SYSTEC_ERR_IO, 0);
    CHECK(systec_mm_read(NULL, &A) == SYSTEC_ERR_NULL_POINTER, "read NULL path");
    CHECK(systec_mm_read(path, NULL) == SYSTEC_ERR_NULL_POINTER, "read NULL A");
    systec_coo_free(NULL);
    systec_coo_t Z;
    memset(&Z, 0, sizeof Z);
    systec_coo_free(&Z);
    CHECK(Z.row == NULL && Z.nnz == 0, "coo_free of an empty struct");
}

/* A symmetric file that stores both triangles (issue 14, defect 6): read
 * as declared it summed each pair twice (A(1,0) = 10 for a stored 5); when
 * the triangles agree, the lower one is kept. The refusals are in the
 * bad-input catalogue. */
static void test_both_triangles(void)
{
    char path[4200];
    tmp_path(path, sizeof path, "both.mtx");
    const char *t = "%%MatrixMarket matrix coordinate real symmetric\n3 3 5\n"
                    "2 1 5\n1 2 5\n1 1 2\n3 2 nan\n2 3 nan\n";
    write_file(path, t, strlen(t));
    systec_coo_t A;
    memset(&A, 0, sizeof A);
    CHECK(systec_mm_read(path, &A) == SYSTEC_SUCCESS, "both triangles that agree: read");
    int lower = A.nnz == 3 && A.symmetric;
    for (int64_t k = 0; lower && k < A.nnz; k++) lower = A.row[k] >= A.col[k];
    CHECK(lower, "both triangles: the lower triangle kept (%lld entries)", (long long)A.nnz);
    systec_symmat_t *H = NULL;
    CHECK(systec_symmat_from_coo(&H, &A, SYSTEC_DOUBLE, SYSTEC_INT32) == SYSTEC_SUCCESS,
          "both triangles: handle");
    double x[3] = {0, 1, 0}, y[3];
    CHECK(H && systec_dsymv(H, 1, x, 0, y) == SYSTEC_SUCCESS && y[0] == 5,
          "both triangles: A(0,1) = %g, want 5", H ? y[0] : -1.0);
    systec_symmat_free(&H);
    systec_coo_free(&A);
    remove(path);
}

/* The writers write through a symbolic link (its target replaced, the link
 * kept), into a FIFO in place, create new files with mode 0666 less the
 * umask and keep a replaced file's mode (issue 14, defect 6: the link and
 * the FIFO became regular files, and every file got mode 0600). */
static void test_write_targets(void)
{
    int64_t r[] = {0}, c[] = {0};
    double v[] = {2};
    systec_coo_t A = {1, 1, 1, r, c, v, 0, 0};
    char target[4200], link[4200], fresh[4200], fifo[4200];
    tmp_path(target, sizeof target, "target.mtx");
    tmp_path(link, sizeof link, "link.mtx");
    tmp_path(fresh, sizeof fresh, "fresh.mtx");
    tmp_path(fifo, sizeof fifo, "fifo.mtx");
    write_file(target, "old", 3);
    chmod(target, 0640);
    CHECK(symlink("target.mtx", link) == 0, "symlink");
    CHECK(systec_mm_write(link, &A) == SYSTEC_SUCCESS, "write through a link");
    struct stat st;
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "the link is still a link");
    CHECK(stat(target, &st) == 0 && (st.st_mode & 0777) == 0640, "the target keeps mode %o",
          (unsigned)(st.st_mode & 0777));
    systec_coo_t R;
    memset(&R, 0, sizeof R);
    CHECK(systec_mm_read(target, &R) == SYSTEC_SUCCESS && R.nnz == 1 && R.val[0] == 2,
          "the target holds the new matrix");
    systec_coo_free(&R);
    mode_t old = umask(022);
    CHECK(systec_mm_write(fresh, &A) == SYSTEC_SUCCESS, "new file");
    CHECK(stat(fresh, &st) == 0 && (st.st_mode & 0777) == 0644, "umask 022: mode %o, want 644",
          (unsigned)(st.st_mode & 0777));
    remove(fresh);
    umask(027);
    CHECK(systec_mm_write(fresh, &A) == SYSTEC_SUCCESS, "new file");
    CHECK(stat(fresh, &st) == 0 && (st.st_mode & 0777) == 0640, "umask 027: mode %o, want 640",
          (unsigned)(st.st_mode & 0777));
    umask(old);
    /* a FIFO: a child reads it while the library writes */
    CHECK(mkfifo(fifo, 0600) == 0, "mkfifo");
    pid_t pid = fork();
    if (pid == 0) {
        FILE *in = fopen(fifo, "rb");
        char buf[256] = "";
        size_t n = in ? fread(buf, 1, sizeof buf - 1, in) : 0;
        buf[n] = '\0';
        _exit(strstr(buf, "MatrixMarket") ? 0 : 1);
    }
    CHECK(systec_mm_write(fifo, &A) == SYSTEC_SUCCESS, "write into a FIFO");
    int status = 1;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the reader got the matrix");
    CHECK(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode), "the FIFO is still a FIFO");
    remove(link);
    remove(target);
    remove(fresh);
    remove(fifo);
}

int main(int argc, char **argv)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/systec_mmio_XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        printf("cannot create a temporary directory\n");
        return 2;
    }
    test_malformed();
    test_wellformed();
    test_long_lines();
    test_gzip();
    test_write();
    test_both_triangles();
    test_write_targets();
    test_read_errors();
    test_locale();
    if (argc > 1)
        test_data_dir(argv[1]);
    else
        printf("note: no data directory given, real matrices not tested\n");
    if (rmdir(tmpdir) != 0) printf("note: could not remove %s\n", tmpdir);
    return check_summary();
}
