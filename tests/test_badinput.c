/* The bad-input catalogue: named cases over every public entry point, the
 * file readers and writers, and the spec language of systec-gen. Each case
 * asserts the specific status, a message (systec_last_error(), or the
 * generator's error text; where it matters, a word it must contain), and
 * that no output was touched (outputs are preset to sentinels and checked
 * after every case; a refused write leaves an existing file as it was and
 * no temporary behind). The cases of issue 14's defect 5 and 6 are among
 * them, marked "(issue 14)".
 *
 * usage: test_badinput */
#include "testutil.h"
#include "../gen/ir.h"

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --------------------------------------------------------------- outputs */

#define SENT_D (-12345.5)
static double yd[32];
static float yf[32];
static systec_symmat_t *So;
static systec_csrmat_t *Go;
static systec_symten_t *To;
static systec_csften_t *Fo;
static systec_coo_t coo_o;
static systec_tns_t tns_o;
static const unsigned char SENT_BYTE = 0xab;

#define SENT_PTR(k) ((void *)(uintptr_t)(0x5e00 + (k)))

static void arm(void)
{
    for (int i = 0; i < 32; i++) yd[i] = SENT_D, yf[i] = (float)SENT_D;
    So = SENT_PTR(1);
    Go = SENT_PTR(2);
    To = SENT_PTR(3);
    Fo = SENT_PTR(4);
    memset(&coo_o, SENT_BYTE, sizeof coo_o);
    memset(&tns_o, SENT_BYTE, sizeof tns_o);
}

static int bytes_are(const void *p, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (((const unsigned char *)p)[k] != SENT_BYTE) return 0;
    return 1;
}

static int untouched(void)
{
    for (int i = 0; i < 32; i++)
        if (yd[i] != SENT_D || yf[i] != (float)SENT_D) return 0;
    return So == SENT_PTR(1) && Go == SENT_PTR(2) && To == SENT_PTR(3) && Fo == SENT_PTR(4) &&
           bytes_are(&coo_o, sizeof coo_o) && bytes_are(&tns_o, sizeof tns_o);
}

/* ----------------------------------------------------------------- cases */

static int ncases;
static const char *names[400];

static void note_name(const char *name)
{
    for (int k = 0; k < ncases && k < 400; k++)
        CHECK(strcmp(names[k], name) != 0, "case name used twice: %s", name);
    if (ncases < 400) names[ncases] = name;
    ncases++;
}

/* One library case: status, message (containing needle, if given), outputs. */
static void expect(const char *name, systec_status_t got, systec_status_t want, const char *needle)
{
    note_name(name);
    const char *msg = systec_last_error();
    CHECK(got == want, "[%s] status %d (%s), want %d (%s); detail: %s", name, (int)got,
          systec_strerror(got), (int)want, systec_strerror(want), msg);
    CHECK(msg[0] != '\0', "[%s] no message", name);
    CHECK(!needle || strstr(msg, needle), "[%s] message \"%s\" lacks \"%s\"", name, msg, needle);
    CHECK(untouched(), "[%s] an output was modified", name);
}

#define CASE(NAME, WANT, NEEDLE, CALL)                                                           \
    do {                                                                                         \
        arm();                                                                                   \
        systec_status_t st_ = (CALL);                                                            \
        expect(NAME, st_, WANT, NEEDLE);                                                         \
    } while (0)

/* ------------------------------------------------------------------ data */

/* A = [[4,1,0],[1,5,2],[0,2,6]] as lower and upper CSR, and full. */
static int32_t lrp[] = {0, 1, 3, 5}, lci[] = {0, 0, 1, 1, 2};
static int64_t lrp64[] = {0, 1, 3, 5}, lci64[] = {0, 0, 1, 1, 2};
static double lv[] = {4, 1, 5, 2, 6};
static float lvf[] = {4, 1, 5, 2, 6};
static int32_t frp[] = {0, 2, 5, 7}, fci[] = {0, 1, 0, 1, 2, 1, 2};
static double fv[] = {4, 1, 1, 5, 2, 2, 6};
static double xd[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
static float xf[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};

static char tmpdir[4096];

static const char *tmp_file(const char *name, const char *text)
{
    static char path[8][4200];
    static int slot;
    char *p = path[slot++ % 8];
    snprintf(p, 4200, "%s/%s", tmpdir, name);
    if (text) {
        FILE *f = fopen(p, "wb");
        if (f) {
            fputs(text, f);
            fclose(f);
        }
    }
    return p;
}

/* ------------------------------------------------------- structural checks */

static void structural(void)
{
    int32_t bad0[] = {1, 1, 3, 5}, dec[] = {0, 3, 2, 5}, oor[] = {0, 0, 1, 1, 7};
    int32_t neg[] = {0, -1, 1, 1, 2}, up[] = {0, 2, 1, 1, 2};
    CASE("csr_check_tri: NULL rowptr", SYSTEC_ERR_NULL_POINTER, "rowptr",
         systec_csr_check_tri(SYSTEC_LOWER, 3, NULL, lci));
    CASE("csr_check_tri: uplo neither L nor U", SYSTEC_ERR_INVALID_VALUE, "uplo",
         systec_csr_check_tri((systec_uplo_t)'X', 3, lrp, lci));
    CASE("csr_check_tri: negative n", SYSTEC_ERR_INVALID_SIZE, "negative",
         systec_csr_check_tri(SYSTEC_LOWER, -1, lrp, lci));
    CASE("csr_check_tri: rowptr[0] != 0", SYSTEC_ERR_INVALID_POINTERS, "rowptr[0]",
         systec_csr_check_tri(SYSTEC_LOWER, 3, bad0, lci));
    CASE("csr_check_tri: rowptr decreasing", SYSTEC_ERR_INVALID_POINTERS, "decreases",
         systec_csr_check_tri(SYSTEC_LOWER, 3, dec, lci));
    CASE("csr_check_tri: column >= n", SYSTEC_ERR_INDEX_OUT_OF_RANGE, "column 7",
         systec_csr_check_tri(SYSTEC_LOWER, 3, lrp, oor));
    CASE("csr_check_tri: negative column", SYSTEC_ERR_INDEX_OUT_OF_RANGE, "< 0",
         systec_csr_check_tri(SYSTEC_LOWER, 3, lrp, neg));
    CASE("csr_check_tri: entry above the diagonal, uplo L", SYSTEC_ERR_WRONG_TRIANGLE, "above",
         systec_csr_check_tri(SYSTEC_LOWER, 3, lrp, up));
    CASE("csr_check_tri: entry below the diagonal, uplo U", SYSTEC_ERR_WRONG_TRIANGLE, "below",
         systec_csr_check_tri(SYSTEC_UPPER, 3, lrp, lci));
    CASE("csr_check_tri: NULL colidx with entries", SYSTEC_ERR_NULL_POINTER, "colidx",
         systec_csr_check_tri(SYSTEC_LOWER, 3, lrp, NULL));
    CASE("csr_check: negative m", SYSTEC_ERR_INVALID_SIZE, "negative",
         systec_csr_check(-2, 3, frp, fci));
    CASE("csr_check_i64: column out of range", SYSTEC_ERR_INDEX_OUT_OF_RANGE, "column",
         systec_csr_check_i64(3, 2, lrp64, lci64));
}

/* ---------------------------------------------------------- direct calls */

static void direct_calls(void)
{
    int32_t bad0[] = {2, 1, 3, 5}, negend[] = {0, 1, 3, -1};
    CASE("dsymv_csr: uplo neither L nor U", SYSTEC_ERR_INVALID_VALUE, "uplo",
         systec_dsymv_csr((systec_uplo_t)0, 3, lrp, lci, lv, 1, xd, 0, yd));
    CASE("dsymv_csr: negative n", SYSTEC_ERR_INVALID_SIZE, "negative",
         systec_dsymv_csr(SYSTEC_LOWER, -3, lrp, lci, lv, 1, xd, 0, yd));
    CASE("dsymv_csr: NULL rowptr", SYSTEC_ERR_NULL_POINTER, "rowptr",
         systec_dsymv_csr(SYSTEC_LOWER, 3, NULL, lci, lv, 1, xd, 0, yd));
    CASE("dsymv_csr: NULL x", SYSTEC_ERR_NULL_POINTER, "input",
         systec_dsymv_csr(SYSTEC_LOWER, 3, lrp, lci, lv, 1, NULL, 0, yd));
    CASE("dsymv_csr: NULL y", SYSTEC_ERR_NULL_POINTER, "output",
         systec_dsymv_csr(SYSTEC_LOWER, 3, lrp, lci, lv, 1, xd, 0, NULL));
    CASE("dsymv_csr: rowptr[0] != 0", SYSTEC_ERR_INVALID_POINTERS, "rowptr[0]",
         systec_dsymv_csr(SYSTEC_LOWER, 3, bad0, lci, lv, 1, xd, 0, yd));
    CASE("dsymv_csr: rowptr[n] < 0", SYSTEC_ERR_INVALID_POINTERS, "negative",
         systec_dsymv_csr(SYSTEC_LOWER, 3, negend, lci, lv, 1, xd, 0, yd));
    CASE("dsymv_csr: NULL colidx with entries", SYSTEC_ERR_NULL_POINTER, "colidx",
         systec_dsymv_csr(SYSTEC_LOWER, 3, lrp, NULL, lv, 1, xd, 0, yd));
    CASE("dsymv_csr: NULL val with entries", SYSTEC_ERR_NULL_POINTER, "val",
         systec_dsymv_csr(SYSTEC_LOWER, 3, lrp, lci, NULL, 1, xd, 0, yd));
    CASE("ssymv_csr_i64: negative n", SYSTEC_ERR_INVALID_SIZE, "negative",
         systec_ssymv_csr_i64(SYSTEC_UPPER, -1, lrp64, lci64, lvf, 1, xf, 0, yf));
    CASE("dgemv_csr: negative m", SYSTEC_ERR_INVALID_SIZE, "negative",
         systec_dgemv_csr(-1, 3, frp, fci, fv, 1, xd, 0, yd));
    CASE("dgemv_csr: NULL output", SYSTEC_ERR_NULL_POINTER, "output",
         systec_dgemv_csr(3, 3, frp, fci, fv, 1, xd, 0, NULL));
    CASE("dsyprd_csr: NULL s", SYSTEC_ERR_NULL_POINTER, "output",
         systec_dsyprd_csr(SYSTEC_LOWER, 3, lrp, lci, lv, 1, xd, 0, NULL));
    CASE("dsyprd_csr: uplo neither L nor U", SYSTEC_ERR_INVALID_VALUE, "uplo",
         systec_dsyprd_csr((systec_uplo_t)'l', 3, lrp, lci, lv, 1, xd, 0, yd));
    CASE("dgeprd_csr: negative n", SYSTEC_ERR_INVALID_SIZE, "negative",
         systec_dgeprd_csr(-1, frp, fci, fv, 1, xd, 0, yd));
    CASE("sgeprd_csr_i64: NULL x", SYSTEC_ERR_NULL_POINTER, "input",
         systec_sgeprd_csr_i64(3, lrp64, lci64, lvf, 1, NULL, 0, yf));
    CASE("dsymv_minplus_csr: NULL x", SYSTEC_ERR_NULL_POINTER, "input",
         systec_dsymv_minplus_csr(SYSTEC_LOWER, 3, lrp, lci, lv, NULL, yd));
    CASE("dsymv_minplus_csr: uplo neither L nor U", SYSTEC_ERR_INVALID_VALUE, "uplo",
         systec_dsymv_minplus_csr((systec_uplo_t)1, 3, lrp, lci, lv, xd, yd));
    CASE("dgemv_minplus_csr: rowptr[0] != 0", SYSTEC_ERR_INVALID_POINTERS, "rowptr[0]",
         systec_dgemv_minplus_csr(3, 3, bad0, fci, fv, xd, yd));
    CASE("dsymm_csr: negative k", SYSTEC_ERR_INVALID_SIZE, "k",
         systec_dsymm_csr(SYSTEC_LOWER, 3, -2, lrp, lci, lv, 1, xd, 0, yd));
    CASE("dsymm_csr: NULL X", SYSTEC_ERR_NULL_POINTER, "input",
         systec_dsymm_csr(SYSTEC_LOWER, 3, 2, lrp, lci, lv, 1, NULL, 0, yd));
    CASE("dsymm_csr: NULL Y", SYSTEC_ERR_NULL_POINTER, "output",
         systec_dsymm_csr(SYSTEC_LOWER, 3, 2, lrp, lci, lv, 1, xd, 0, NULL));
    CASE("dgemm_csr_i64: NULL rowptr", SYSTEC_ERR_NULL_POINTER, "rowptr",
         systec_dgemm_csr_i64(3, 3, 2, NULL, lci64, lv, 1, xd, 0, yd));
}

/* ------------------------------------------------------------- handles */

static void handle_calls(void)
{
    systec_symmat_t *A = NULL, *M = NULL, *A32 = NULL;
    systec_csrmat_t *G = NULL, *R = NULL, *GM = NULL;
    systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, 3, lrp64, lci64, lv);
    systec_symmat_create_csr(&A32, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3, lrp, lci, lv);
    systec_symmat_create_csr_minplus(&M, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, 3, lrp64,
                                     lci64, lv);
    systec_csrmat_from_symmat(&G, A);
    systec_csrmat_from_symmat(&GM, M);
    int32_t rrp[] = {0, 1, 2}, rci[] = {0, 2};
    double rv[] = {1, 1};
    systec_csrmat_create_csr(&R, SYSTEC_DOUBLE, SYSTEC_INT32, 2, 3, rrp, rci, rv);
    CHECK(A && A32 && M && G && GM && R, "handles for the catalogue");
    static uint64_t fake[64]; /* zeroed memory: not a handle */
    const systec_symmat_t *FA = (const void *)fake;
    const systec_csrmat_t *FG = (const void *)fake;
    CASE("dsymv: NULL handle", SYSTEC_ERR_NULL_POINTER, "handle", systec_dsymv(NULL, 1, xd, 0, yd));
    CASE("dsymv: not a handle", SYSTEC_ERR_INVALID_OBJECT, "handle", systec_dsymv(FA, 1, xd, 0, yd));
    CASE("ssymv: double handle", SYSTEC_ERR_TYPE_MISMATCH, "double", systec_ssymv(A, 1, xf, 0, yf));
    CASE("dsymv: min-plus handle", SYSTEC_ERR_TYPE_MISMATCH, "min-plus",
         systec_dsymv(M, 1, xd, 0, yd));
    CASE("dsymv_minplus: plus-times handle", SYSTEC_ERR_TYPE_MISMATCH, "plus-times",
         systec_dsymv_minplus(A, xd, yd));
    CASE("dsymv: NULL x", SYSTEC_ERR_NULL_POINTER, "input", systec_dsymv(A, 1, NULL, 0, yd));
    CASE("dsymm: n*k dense blocks too large", SYSTEC_ERR_INVALID_SIZE, "too large",
         systec_dsymm(A, (int64_t)1 << 62, 1, xd, 0, yd));
    CASE("dsyprd: NULL s", SYSTEC_ERR_NULL_POINTER, "output", systec_dsyprd(A, 1, xd, 0, NULL));
    CASE("dsymm: negative k", SYSTEC_ERR_INVALID_SIZE, "k", systec_dsymm(A, -1, 1, xd, 0, yd));
    CASE("dsymm: k beyond int32 on an int32 handle", SYSTEC_ERR_INDEX_OVERFLOW, "int32",
         systec_dsymm(A32, (int64_t)1 << 33, 1, xd, 0, yd));
    CASE("dgemv: NULL y", SYSTEC_ERR_NULL_POINTER, "output", systec_dgemv(G, 1, xd, 0, NULL));
    CASE("dgemv: not a handle", SYSTEC_ERR_INVALID_OBJECT, "handle", systec_dgemv(FG, 1, xd, 0, yd));
    CASE("dgeprd: 2x3 general handle", SYSTEC_ERR_NOT_SQUARE, "square",
         systec_dgeprd(R, 1, xd, 0, yd));
    CASE("dgemv_minplus: plus-times general handle", SYSTEC_ERR_TYPE_MISMATCH, "plus-times",
         systec_dgemv_minplus(G, xd, yd));
    CASE("sgemm: double general handle", SYSTEC_ERR_TYPE_MISMATCH, "double",
         systec_sgemm(G, 2, 1, xf, 0, yf));
    CASE("dgemv: min-plus expansion", SYSTEC_ERR_TYPE_MISMATCH, "min-plus",
         systec_dgemv(GM, 1, xd, 0, yd));
    CASE("symmat_info: not a handle", SYSTEC_ERR_INVALID_OBJECT, "systec_symmat_t",
         systec_symmat_info(FA, NULL, NULL, NULL, NULL));
    CASE("symmat_semiring: NULL result", SYSTEC_ERR_NULL_POINTER, "NULL",
         systec_symmat_semiring(A, NULL));
    CASE("csrmat_info: NULL handle", SYSTEC_ERR_NULL_POINTER, "G",
         systec_csrmat_info(NULL, NULL, NULL, NULL, NULL, NULL));
    CASE("csrmat_data: not a handle", SYSTEC_ERR_INVALID_OBJECT, "systec_csrmat_t",
         systec_csrmat_data(FG, NULL, NULL, NULL));
    CASE("csrmat_from_symmat: NULL A", SYSTEC_ERR_NULL_POINTER, "NULL",
         systec_csrmat_from_symmat(&Go, NULL));
    CASE("csrmat_from_symmat: not a handle", SYSTEC_ERR_INVALID_OBJECT, "systec_symmat_t",
         systec_csrmat_from_symmat(&Go, FA));
    CASE("csrmat_expand_upper: not an SSYRK result", SYSTEC_ERR_INVALID_VALUE, "upper",
         systec_csrmat_expand_upper(G, &Go));
    systec_symmat_free(&A);
    systec_symmat_free(&A32);
    systec_symmat_free(&M);
    systec_csrmat_free(&G);
    systec_csrmat_free(&GM);
    systec_csrmat_free(&R);
}

/* --------------------------------------------------------- constructors */

static void constructors(void)
{
    int32_t up[] = {0, 2, 1, 1, 2}, dec[] = {0, 3, 2, 5}, oor[] = {0, 0, 1, 1, 9};
    CASE("symmat_create_csr: NULL A", SYSTEC_ERR_NULL_POINTER, "A",
         systec_symmat_create_csr(NULL, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3, lrp, lci, lv));
    CASE("symmat_create_csr: uplo neither L nor U", SYSTEC_ERR_INVALID_VALUE, "uplo",
         systec_symmat_create_csr(&So, (systec_uplo_t)7, SYSTEC_DOUBLE, SYSTEC_INT32, 3, lrp, lci,
                                  lv));
    CASE("symmat_create_csr: invalid dtype", SYSTEC_ERR_INVALID_VALUE, "dtype",
         systec_symmat_create_csr(&So, SYSTEC_LOWER, (systec_dtype_t)3, SYSTEC_INT32, 3, lrp, lci,
                                  lv));
    CASE("symmat_create_csr: invalid itype", SYSTEC_ERR_INVALID_VALUE, "itype",
         systec_symmat_create_csr(&So, SYSTEC_LOWER, SYSTEC_DOUBLE, (systec_itype_t)0, 3, lrp, lci,
                                  lv));
    CASE("symmat_create_csr: negative n", SYSTEC_ERR_INVALID_SIZE, "negative",
         systec_symmat_create_csr(&So, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, -3, lrp, lci, lv));
    CASE("symmat_create_csr: n beyond int32 indices", SYSTEC_ERR_INDEX_OVERFLOW, "int32",
         systec_symmat_create_csr(&So, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32,
                                  (int64_t)INT32_MAX + 1, lrp, lci, lv));
    CASE("symmat_create_csr: entry in the wrong triangle", SYSTEC_ERR_WRONG_TRIANGLE, "above",
         systec_symmat_create_csr(&So, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3, lrp, up, lv));
    CASE("symmat_create_csr: rowptr decreasing", SYSTEC_ERR_INVALID_POINTERS, "decreases",
         systec_symmat_create_csr(&So, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3, dec, lci, lv));
    CASE("symmat_create_csr: column out of range", SYSTEC_ERR_INDEX_OUT_OF_RANGE, "column 9",
         systec_symmat_create_csr(&So, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3, lrp, oor, lv));
    CASE("symmat_create_csr: NULL val with entries", SYSTEC_ERR_NULL_POINTER, "val",
         systec_symmat_create_csr(&So, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3, lrp, lci,
                                  NULL));
    CASE("symmat_create_csr_minplus: entry in the wrong triangle", SYSTEC_ERR_WRONG_TRIANGLE,
         "below", systec_symmat_create_csr_minplus(&So, SYSTEC_UPPER, SYSTEC_DOUBLE, SYSTEC_INT32,
                                                   3, lrp, lci, lv));
    int64_t r2[] = {1, 0}, c2[] = {0, 1}, r3[] = {1, 0, 2}, c3[] = {0, 1, 0};
    double v2[] = {5, 4}, v3[] = {5, 5, 1};
    systec_coo_t full = {2, 2, 2, r2, c2, v2, 0, 0}, both = {2, 2, 2, r2, c2, v2, 1, 0};
    systec_coo_t unmatched = {3, 3, 3, r3, c3, v3, 1, 0}, rect = {2, 3, 0, NULL, NULL, NULL, 0, 0};
    systec_coo_t negnnz = {2, 2, -1, r2, c2, v2, 0, 0}, oorc = {2, 2, 2, r2, c2, v2, 0, 0};
    oorc.nrows = oorc.ncols = 1;
    CASE("symmat_from_coo: NULL coo", SYSTEC_ERR_NULL_POINTER, "coo",
         systec_symmat_from_coo(&So, NULL, SYSTEC_DOUBLE, SYSTEC_INT32));
    CASE("symmat_from_coo: 2x3 list", SYSTEC_ERR_NOT_SQUARE, "2x3",
         systec_symmat_from_coo(&So, &rect, SYSTEC_DOUBLE, SYSTEC_INT32));
    CASE("symmat_from_coo: full list, A(1,0) != A(0,1)", SYSTEC_ERR_NOT_SYMMETRIC, "A(1,0)",
         systec_symmat_from_coo(&So, &full, SYSTEC_DOUBLE, SYSTEC_INT32));
    CASE("symmat_from_coo: negative nnz", SYSTEC_ERR_INVALID_SIZE, "nnz",
         systec_symmat_from_coo(&So, &negnnz, SYSTEC_DOUBLE, SYSTEC_INT32));
    CASE("symmat_from_coo: coordinate out of range", SYSTEC_ERR_INDEX_OUT_OF_RANGE, "outside",
         systec_symmat_from_coo(&So, &oorc, SYSTEC_DOUBLE, SYSTEC_INT32));
    CASE("symmat_from_coo: symmetric list, both triangles disagree (issue 14)",
         SYSTEC_ERR_NOT_SYMMETRIC, "both triangles",
         systec_symmat_from_coo(&So, &both, SYSTEC_DOUBLE, SYSTEC_INT32));
    CASE("symmat_from_coo: symmetric list, an entry without its mirror (issue 14)",
         SYSTEC_ERR_INVALID_VALUE, "no mirror",
         systec_symmat_from_coo(&So, &unmatched, SYSTEC_DOUBLE, SYSTEC_INT64));
    int64_t rz[] = {0}, cz[] = {1};
    double vz[] = {0};
    systec_coo_t lone = {2, 2, 1, rz, cz, vz, 0, 0};
    CASE("symmat_from_coo_minplus: a lone zero-weight edge", SYSTEC_ERR_NOT_SYMMETRIC, "inf",
         systec_symmat_from_coo_minplus(&So, &lone, SYSTEC_DOUBLE, SYSTEC_INT32));
    CASE("csrmat_create_csr: NULL G", SYSTEC_ERR_NULL_POINTER, "G",
         systec_csrmat_create_csr(NULL, SYSTEC_DOUBLE, SYSTEC_INT32, 3, 3, frp, fci, fv));
    CASE("csrmat_create_csr: negative size", SYSTEC_ERR_INVALID_SIZE, "negative",
         systec_csrmat_create_csr(&Go, SYSTEC_DOUBLE, SYSTEC_INT32, 3, -3, frp, fci, fv));
    CASE("csrmat_create_csr: column out of range", SYSTEC_ERR_INDEX_OUT_OF_RANGE, "column",
         systec_csrmat_create_csr(&Go, SYSTEC_DOUBLE, SYSTEC_INT32, 3, 2, frp, fci, fv));
    CASE("csrmat_create_csr: n beyond int32 indices", SYSTEC_ERR_INDEX_OVERFLOW, "int32",
         systec_csrmat_create_csr(&Go, SYSTEC_DOUBLE, SYSTEC_INT32, 3, (int64_t)1 << 40, frp, fci,
                                  fv));
}

/* ---------------------------------------------------------------- SSYRK */

static void syrk_cases(void)
{
    int64_t rp[] = {0, 1, 2}, ci[] = {0, 1}, rp2[] = {0, 2, 2}, ci2[] = {0, 1}, rp3[] = {0, 1, 1};
    int64_t ci3[] = {1, 0};
    double v[] = {1, 2};
    float vf[] = {1, 2};
    systec_csrmat_t *A = NULL, *U = NULL, *F = NULL, *B = NULL, *B2 = NULL, *B3 = NULL, *S = NULL,
                    *H = NULL, *MP = NULL;
    systec_csrmat_create_csr(&A, SYSTEC_DOUBLE, SYSTEC_INT64, 2, 2, rp, ci, v);
    systec_dsyrk(A, &U);
    systec_daat(A, &F);
    systec_csrmat_create_csr(&B, SYSTEC_DOUBLE, SYSTEC_INT64, 2, 3, rp, ci, v); /* another shape */
    systec_csrmat_create_csr(&B2, SYSTEC_DOUBLE, SYSTEC_INT64, 2, 2, rp3, ci, v); /* 1 entry */
    systec_csrmat_create_csr(&B3, SYSTEC_DOUBLE, SYSTEC_INT64, 2, 2, rp, ci3, v); /* columns */
    systec_csrmat_create_csr(&S, SYSTEC_FLOAT, SYSTEC_INT64, 2, 2, rp, ci, vf);
    systec_csrmat_create_csr(&H, SYSTEC_DOUBLE, SYSTEC_INT64, 2, 2, rp2, ci2, v);
    systec_symmat_t *M = NULL;
    systec_symmat_create_csr_minplus(&M, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, 2, rp, ci, v);
    systec_csrmat_from_symmat(&MP, M);
    CHECK(A && U && F && B && B2 && B3 && S && H && MP, "SSYRK handles for the catalogue");
    const double *uv = NULL;
    systec_csrmat_data(U, NULL, NULL, (const void **)&uv);
    double u0 = uv ? uv[0] : 0, u1 = uv ? uv[1] : 0;
    CASE("dsyrk: NULL C", SYSTEC_ERR_NULL_POINTER, "NULL", systec_dsyrk(A, NULL));
    CASE("dsyrk: a min-plus operand", SYSTEC_ERR_TYPE_MISMATCH, "plus-times", systec_dsyrk(MP, &Go));
    CASE("dsyrk_numeric: C not a product", SYSTEC_ERR_INVALID_VALUE, "systec_syrk",
         systec_dsyrk_numeric(A, A));
    CASE("dsyrk_numeric: operand of another shape", SYSTEC_ERR_INVALID_SIZE, "2x3",
         systec_dsyrk_numeric(B, U));
    CASE("dsyrk_numeric: operand with another entry count (issue 14)", SYSTEC_ERR_INVALID_VALUE,
         "pattern", systec_dsyrk_numeric(B2, U));
    CASE("dsyrk_numeric: same count, other columns", SYSTEC_ERR_INVALID_VALUE, "pattern",
         systec_dsyrk_numeric(B3, U));
    CASE("dsyrk_numeric: same count, other row lengths", SYSTEC_ERR_INVALID_VALUE, "pattern",
         systec_dsyrk_numeric(H, U));
    CASE("ssyrk_numeric: float operand, double C", SYSTEC_ERR_TYPE_MISMATCH, "type",
         systec_ssyrk_numeric(S, U));
    CASE("daat_numeric: operand with another entry count (issue 14)", SYSTEC_ERR_INVALID_VALUE,
         "pattern", systec_daat_numeric(B2, F));
    CASE("daat_numeric: C from systec_dsyrk", SYSTEC_ERR_INVALID_VALUE, "systec_aat",
         systec_daat_numeric(A, U));
    CHECK(uv && uv[0] == u0 && uv[1] == u1, "refused numeric calls left C's values alone");
    CASE("dsyrk_dense: ldc < m", SYSTEC_ERR_INVALID_SIZE, "ldc", systec_dsyrk_dense(A, yd, 1));
    CASE("ssyrk_dense: double operand", SYSTEC_ERR_TYPE_MISMATCH, "double",
         systec_ssyrk_dense(A, yf, 2));
    CASE("daat_dense: NULL C", SYSTEC_ERR_NULL_POINTER, "NULL", systec_daat_dense(A, NULL, 2));
    systec_csrmat_t *all[] = {A, U, F, B, B2, B3, S, H, MP};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++) systec_csrmat_free(&all[k]);
    systec_symmat_free(&M);
}

/* ------------------------------------------------------- Matrix Market */

static int temp_files_left(void)
{
    DIR *d = opendir(tmpdir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strstr(e->d_name, ".tmp") != NULL;
    if (d) closedir(d);
    return n;
}

static void matrix_market(void)
{
    const char *B = "%%MatrixMarket matrix coordinate real symmetric\n";
    CASE("mm_read: NULL path", SYSTEC_ERR_NULL_POINTER, "NULL", systec_mm_read(NULL, &coo_o));
    CASE("mm_read: missing file", SYSTEC_ERR_IO, "no-such.mtx",
         systec_mm_read(tmp_file("no-such.mtx", NULL), &coo_o));
    CASE("mm_read: empty file", SYSTEC_ERR_PARSE, ":1:", systec_mm_read(tmp_file("e.mtx", ""), &coo_o));
    CASE("mm_read: no banner", SYSTEC_ERR_PARSE, "banner",
         systec_mm_read(tmp_file("nb.mtx", "3 3 1\n1 1 1\n"), &coo_o));
    CASE("mm_read: complex field", SYSTEC_ERR_UNSUPPORTED, "complex",
         systec_mm_read(tmp_file("c.mtx", "%%MatrixMarket matrix coordinate complex general\n1 1 0\n"),
                        &coo_o));
    CASE("mm_read: dense array", SYSTEC_ERR_UNSUPPORTED, "array",
         systec_mm_read(tmp_file("a.mtx", "%%MatrixMarket matrix array real general\n1 1\n1\n"),
                        &coo_o));
    char text[512];
    snprintf(text, sizeof text, "%s3 x 1\n", B);
    CASE("mm_read: size line not a number", SYSTEC_ERR_PARSE, ":2:",
         systec_mm_read(tmp_file("s.mtx", text), &coo_o));
    snprintf(text, sizeof text, "%s3 3 1\n4 1 1\n", B);
    CASE("mm_read: index outside the matrix", SYSTEC_ERR_PARSE, ":3:",
         systec_mm_read(tmp_file("o.mtx", text), &coo_o));
    snprintf(text, sizeof text, "%s3 3 1\n1 1 1\n2 2 2\n", B);
    CASE("mm_read: more entries than declared", SYSTEC_ERR_PARSE, ":4:",
         systec_mm_read(tmp_file("m.mtx", text), &coo_o));
    snprintf(text, sizeof text, "%s3 3 3\n1 1 1\n", B);
    CASE("mm_read: fewer entries than declared", SYSTEC_ERR_PARSE, "ends",
         systec_mm_read(tmp_file("f.mtx", text), &coo_o));
    snprintf(text, sizeof text, "%s3 4 1\n1 1 1\n", B);
    CASE("mm_read: symmetric 3x4", SYSTEC_ERR_PARSE, "square",
         systec_mm_read(tmp_file("r.mtx", text), &coo_o));
    snprintf(text, sizeof text, "%s2 2 2\n2 1 5\n1 2 3\n", B);
    CASE("mm_read: symmetric, both triangles disagree (issue 14)", SYSTEC_ERR_NOT_SYMMETRIC,
         "A(2,1)", systec_mm_read(tmp_file("bt.mtx", text), &coo_o));
    snprintf(text, sizeof text, "%s3 3 3\n2 1 5\n1 2 5\n1 3 1\n", B);
    CASE("mm_read: symmetric, an entry without its mirror (issue 14)", SYSTEC_ERR_PARSE,
         "no mirror", systec_mm_read(tmp_file("bm.mtx", text), &coo_o));
    snprintf(text, sizeof text, "%s2 2 1\n1 1 abc\n", B);
    CASE("mm_read: value not a number", SYSTEC_ERR_PARSE, "abc",
         systec_mm_read(tmp_file("v.mtx", text), &coo_o));

    /* writers: an existing file is left as it was, no temporary behind */
    const char *keep = tmp_file("keep.mtx", "sentinel");
    int64_t r[] = {1, 0}, c[] = {0, 1}, neg[] = {-1};
    double v[] = {5, 5};
    systec_coo_t mirrored = {2, 2, 2, r, c, v, 1, 0}, negc = {2, 2, 1, neg, c, v, 0, 0};
    systec_coo_t negn = {2, 2, -1, r, c, v, 0, 0};
    CASE("mm_write: NULL A", SYSTEC_ERR_NULL_POINTER, "NULL", systec_mm_write(keep, NULL));
    CASE("mm_write: symmetric list holding a pair twice (issue 14)", SYSTEC_ERR_INVALID_VALUE,
         "both triangles", systec_mm_write(keep, &mirrored));
    CASE("mm_write: negative coordinate", SYSTEC_ERR_INDEX_OUT_OF_RANGE, "outside",
         systec_mm_write(keep, &negc));
    CASE("mm_write: negative nnz", SYSTEC_ERR_INVALID_SIZE, "negative", systec_mm_write(keep, &negn));
    systec_coo_t ok = {2, 2, 1, r, c, v, 0, 0};
    CASE("mm_write: into a missing directory", SYSTEC_ERR_IO, "x.mtx",
         systec_mm_write(tmp_file("no/such/dir/x.mtx", NULL), &ok));
    CASE("mm_write: onto a directory", SYSTEC_ERR_IO, "directory",
         systec_mm_write(tmpdir, &ok));
    FILE *f = fopen(keep, "rb");
    char buf[16] = "";
    size_t got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    CHECK(got == 8 && !memcmp(buf, "sentinel", 8), "refused writes left the existing file alone");
    CHECK(temp_files_left() == 0, "refused writes left temporary files");
}

/* ------------------------------------------------------- tensor files */

static void tensor_files(void)
{
    CASE("tns_read: missing file", SYSTEC_ERR_IO, "cannot open",
         systec_tns_read(tmp_file("no.tns", NULL), &tns_o));
    CASE("tns_read: empty file", SYSTEC_ERR_PARSE, "empty", systec_tns_read(tmp_file("e.tns", ""), &tns_o));
    CASE("tns_read: header order 9", SYSTEC_ERR_PARSE, "order 9",
         systec_tns_read(tmp_file("h.tns", "9 4\n1 1 1 1 1 1 1 1 1 1.0\n"), &tns_o));
    CASE("tns_read: wrong field count", SYSTEC_ERR_PARSE, ":2:",
         systec_tns_read(tmp_file("w.tns", "1 2 3 1.0\n1 2 1.0\n"), &tns_o));
    CASE("tns_read: coordinate 0", SYSTEC_ERR_PARSE, "coordinate",
         systec_tns_read(tmp_file("z.tns", "1 0 3 1.0\n"), &tns_o));
    CASE("ssten_read: more entries than declared", SYSTEC_ERR_PARSE, "more entries",
         systec_ssten_read(tmp_file("m.ssten", "3 4 1\n1 2 3 1\n1 2 4 1\n"), &tns_o));
    CASE("ssten_read: header of 2 fields", SYSTEC_ERR_PARSE, "header",
         systec_ssten_read(tmp_file("h.ssten", "3 4\n"), &tns_o));
    const char *nv = tmp_file("g-nverts.txt", "2\n2\n"), *sx = tmp_file("g-simplices.txt", "1\n2\n3\n3\n");
    CASE("hypergraph_read: k = 1", SYSTEC_ERR_INVALID_SIZE, "k = 1",
         systec_hypergraph_read(nv, sx, 1, SYSTEC_HYPER_UNIFORM, &tns_o));
    CASE("hypergraph_read: unknown mode", SYSTEC_ERR_INVALID_VALUE, "mode",
         systec_hypergraph_read(nv, sx, 2, (systec_hyper_t)9, &tns_o));
    CASE("hypergraph_read: node repeated in a simplex", SYSTEC_ERR_PARSE, "repeated",
         systec_hypergraph_read(nv, sx, 2, SYSTEC_HYPER_UNIFORM, &tns_o));
    int64_t ind[] = {0, 5, 1};
    double val[] = {1};
    systec_tns_t bad_order = {0, 3, 0, NULL, NULL}, oor = {3, 3, 1, ind, val};
    const char *keep = tmp_file("keep.tns", "sentinel");
    CASE("tns_write: order 0", SYSTEC_ERR_INVALID_SIZE, "order 0", systec_tns_write(keep, &bad_order));
    CASE("tns_write: coordinate out of range", SYSTEC_ERR_INDEX_OUT_OF_RANGE, "outside",
         systec_tns_write(keep, &oor));
    CASE("tns_random_symmetric: sparsity NaN", SYSTEC_ERR_INVALID_VALUE, "sparsity",
         systec_tns_random_symmetric(3, 10, NAN, 1, &tns_o));
    CASE("tns_random_symmetric: order 9", SYSTEC_ERR_INVALID_SIZE, "order 9",
         systec_tns_random_symmetric(9, 10, 0.1, 1, &tns_o));
    FILE *f = fopen(keep, "rb");
    char buf[16] = "";
    size_t got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    CHECK(got == 8 && !memcmp(buf, "sentinel", 8), "refused tns writes left the file alone");
}

/* -------------------------------------------------------------- tensors */

static void tensors(void)
{
    int64_t ind[] = {0, 1, 2, 1, 1, 2}, unsorted[] = {2, 1, 0}, full[] = {0, 1, 1};
    int64_t ind4[] = {0, 1, 2, 3}, ind6[] = {0, 1, 2, 3, 4, 5}, ind2[] = {0, 1};
    double val[] = {1, 2}, valnan[] = {1, 1, 1};
    systec_tns_t T = {3, 3, 2, ind, val}, T1 = {1, 3, 1, ind, val}, U = {3, 3, 1, unsorted, val};
    systec_tns_t Fm = {3, 3, 1, full, val}, big = {3, (int64_t)INT32_MAX + 1, 2, ind, val};
    systec_tns_t oor = {3, 2, 2, ind, val}, T4 = {4, 4, 1, ind4, val}, T6 = {6, 6, 1, ind6, val};
    systec_tns_t T2 = {2, 2, 1, ind2, val};
    /* full form: (0,1,1) (1,0,1) (1,1,0) present, one value differs */
    int64_t fd[] = {0, 1, 1, 1, 0, 1, 1, 1, 0};
    double fdv[] = {1, 1, 2};
    systec_tns_t Fd = {3, 2, 3, fd, fdv};
    (void)valnan;
    CASE("symten_create: NULL A", SYSTEC_ERR_NULL_POINTER, "NULL",
         systec_symten_create(NULL, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE));
    CASE("symten_create: order 1", SYSTEC_ERR_INVALID_SIZE, "order 1",
         systec_symten_create(&To, &T1, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE));
    CASE("symten_create: canonical form, unsorted tuple", SYSTEC_ERR_WRONG_TRIANGLE, "canonical",
         systec_symten_create(&To, &U, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE));
    CASE("symten_create: full form, missing permutations", SYSTEC_ERR_NOT_SYMMETRIC, "permutations",
         systec_symten_create(&To, &Fm, SYSTEC_SYM_FULL, SYSTEC_DOUBLE));
    CASE("symten_create: full form, permutations disagree", SYSTEC_ERR_NOT_SYMMETRIC, "disagree",
         systec_symten_create(&To, &Fd, SYSTEC_SYM_FULL, SYSTEC_DOUBLE));
    CASE("symten_create: dim beyond int32", SYSTEC_ERR_INDEX_OVERFLOW, "int32",
         systec_symten_create(&To, &big, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE));
    CASE("symten_create: unknown form", SYSTEC_ERR_INVALID_VALUE, "form",
         systec_symten_create(&To, &T, (systec_symform_t)0, SYSTEC_DOUBLE));
    CASE("symten_create: unknown dtype", SYSTEC_ERR_INVALID_VALUE, "dtype",
         systec_symten_create(&To, &T, SYSTEC_SYM_CANONICAL, (systec_dtype_t)9));
    CASE("symten_create: coordinate out of range", SYSTEC_ERR_INDEX_OUT_OF_RANGE, "outside",
         systec_symten_create(&To, &oor, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE));
    systec_symten_t *A = NULL, *A4 = NULL, *A6 = NULL;
    systec_csften_t *C2 = NULL, *C3 = NULL;
    systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE);
    systec_symten_create(&A4, &T4, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE);
    systec_symten_create(&A6, &T6, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE);
    systec_csften_create(&C2, &T2, SYSTEC_DOUBLE);
    systec_csften_create(&C3, &T, SYSTEC_DOUBLE);
    CHECK(A && A4 && A6 && C2 && C3, "tensor handles for the catalogue");
    static double buf[64];
    CASE("dmttkrp: negative R", SYSTEC_ERR_INVALID_SIZE, "R", systec_dmttkrp(A, -1, xd, yd));
    CASE("dmttkrp: NULL B", SYSTEC_ERR_NULL_POINTER, "B", systec_dmttkrp(A, 2, NULL, yd));
    CASE("smttkrp: double handle", SYSTEC_ERR_TYPE_MISMATCH, "double", systec_smttkrp(A, 2, xf, yf));
    CASE("dmttkrp: order 6", SYSTEC_ERR_UNSUPPORTED, "order 6", systec_dmttkrp(A6, 2, buf, yd));
    CASE("dmttkrp: B overlaps C", SYSTEC_ERR_INVALID_VALUE, "overlap", systec_dmttkrp(A, 2, buf, buf + 1));
    CASE("dttm: order 4 (issue 14: names the order)", SYSTEC_ERR_UNSUPPORTED, "not 4",
         systec_dttm(A4, 2, buf, yd));
    CASE("dttm: NULL C", SYSTEC_ERR_NULL_POINTER, "output", systec_dttm(A, 2, xd, NULL));
    CASE("dttm_expand: negative n", SYSTEC_ERR_INVALID_SIZE, "n = -1",
         systec_dttm_expand(-1, 2, xd, yd));
    CASE("dttm_expand: C overlaps F", SYSTEC_ERR_INVALID_VALUE, "overlap",
         systec_dttm_expand(3, 2, buf, buf));
    CASE("dttsv: NULL x", SYSTEC_ERR_NULL_POINTER, "x", systec_dttsv(A, NULL, yd));
    CASE("dttsv: order 6", SYSTEC_ERR_UNSUPPORTED, "6", systec_dttsv(A6, buf, yd));
    CASE("sttsv: double handle", SYSTEC_ERR_TYPE_MISMATCH, "double", systec_sttsv(A, xf, yf));
    CASE("dttsv_csf: order 2", SYSTEC_ERR_UNSUPPORTED, "2", systec_dttsv_csf(C2, xd, yd));
    CASE("csften_create: unknown dtype", SYSTEC_ERR_INVALID_VALUE, "dtype",
         systec_csften_create(&Fo, &T, (systec_dtype_t)0));
    CASE("dmttkrp_csf: order 2", SYSTEC_ERR_UNSUPPORTED, "order 2", systec_dmttkrp_csf(C2, 2, xd, yd));
    CASE("sttm_csf: double handle", SYSTEC_ERR_TYPE_MISMATCH, "double", systec_sttm_csf(C3, 2, xf, yf));
    static uint64_t fake[64];
    CASE("symten_info: not a handle", SYSTEC_ERR_INVALID_OBJECT, "symten",
         systec_symten_info((const void *)fake, NULL, NULL, NULL, NULL, NULL));
    CASE("symten_to_tns: NULL T", SYSTEC_ERR_NULL_POINTER, "NULL", systec_symten_to_tns(A, NULL));
    CASE("csften_info: not a handle", SYSTEC_ERR_INVALID_OBJECT, "csften",
         systec_csften_info((const void *)fake, NULL, NULL, NULL, NULL));
    systec_symten_free(&A);
    systec_symten_free(&A4);
    systec_symten_free(&A6);
    systec_csften_free(&C2);
    systec_csften_free(&C3);
}

/* ---------------------------------------------------------------- specs */

/* A spec systec-gen must refuse: the error names the position; nothing is
 * lowered. */
static void spec_case(const char *name, const char *text, const char *needle)
{
    note_name(name);
    Spec s;
    char err[512] = "";
    int rc = spec_parse_string(text, "bad.spec", &s, err, sizeof err);
    if (rc == 0) { /* parsed: the passes or the lowering must refuse it */
        Program p;
        if (symmetrize(&p, &s, err, sizeof err) == 0) {
            Out code = {0}, decl = {0};
            KernelInfo info[64];
            rc = lower_spec(&s, &code, &decl, info, 64, err, sizeof err) < 0;
            out_free(&code);
            out_free(&decl);
            program_free(&p);
        } else {
            rc = 1;
        }
    }
    CHECK(rc != 0, "[%s] accepted: %s", name, text);
    CHECK(err[0] != '\0', "[%s] no message", name);
    CHECK(strstr(err, needle) != NULL, "[%s] message \"%s\" lacks \"%s\"", name, err, needle);
}

static void specs(void)
{
    spec_case("spec: unknown statement", "kernel a\nfoo bar\n", "bad.spec:2:");
    spec_case("spec: tensor with two arities", "kernel a\ny[i] += A[i,j] * A[i,j,k]\n",
              "used with 3 indices");
    spec_case("spec: symmetric mode out of range",
              "kernel a\ny[i] += A[i,j] * x[j]\nsymmetric A(0,2)\n", "mode 2 out of range");
    spec_case("spec: unsupported format", "kernel a\ny[i] += A[i,j] * x[j]\nformat A bsr\n",
              "unsupported format");
    spec_case("spec: unknown reduction", "kernel a\ny[i] *= A[i,j] * x[j]\n", "expected a reduction");
    spec_case("spec: += with '+'", "kernel a\ny[i] += A[i,j] + x[j]\n", "'*'");
    spec_case("spec: min= with '*'", "kernel a\ny[i] min= A[i,j] * x[j]\n", "'+'");
    spec_case("spec: output index on no right side",
              "kernel a\ny[i] += A[j,k] * x[k]\nsymmetric A\n", "appears nowhere");
    spec_case("spec: csr lowering of an order-3 tensor",
              "kernel a\ny[i] += A[i,j,k] * x[j] * x[k]\nsymmetric A\nformat A csr\n", "csr");
    spec_case("spec: empty", "", "bad.spec");
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/systec_bad_XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        printf("cannot create a temporary directory\n");
        return 2;
    }
    structural();
    direct_calls();
    handle_calls();
    constructors();
    syrk_cases();
    matrix_market();
    tensor_files();
    tensors();
    specs();
    printf("bad-input catalogue: %d named cases\n", ncases);
    CHECK(ncases >= 80, "the catalogue has %d cases, fewer than 80", ncases);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) printf("note: could not remove %s\n", tmpdir);
    return check_summary();
}
