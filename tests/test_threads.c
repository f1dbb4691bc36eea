/* Concurrency: the promise of include/systec.h ("every call is reentrant,
 * and any number of threads may use the same handle at once through calls
 * that only read it"; "the error detail is per thread"), tested with
 * pthreads. Every result computed concurrently must be bitwise equal to the
 * same call's serial result:
 *   - many threads on one const handle: every matrix operation (symmetric
 *     and general handles, both value types), MTTKRP and TTM on one tensor;
 *   - concurrent constructors (symmetric matrix and tensor handles, the
 *     tensor ones also for mode sizes whose dim^N passes 2^63, where the
 *     sort is a comparison sort: issue 14, defect 2 -- it kept its state in
 *     file-level statics, so concurrent builds returned wrong handles);
 *   - concurrent readers of the same files, writers of different files;
 *   - each thread's own error detail.
 * Run it under ThreadSanitizer with scripts/tsan.sh.
 *
 * usage: test_threads DATA_DIR   (tests/data) */
#include "testutil.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NTHREADS 8
#define ROUNDS 4

static const char *data_dir;
static char tmpdir[4096];
static atomic_int failures;

static void fail(const char *what)
{
    atomic_fetch_add(&failures, 1);
    printf("FAIL (thread): %s\n", what);
}

/* Runs fn(arg, t) in NTHREADS threads at once and waits. */
static void run_threads(void *(*fn)(void *), void *args, size_t argsize)
{
    pthread_t th[NTHREADS];
    for (int t = 0; t < NTHREADS; t++)
        if (pthread_create(&th[t], NULL, fn, (char *)args + (size_t)t * argsize) != 0)
            fail("pthread_create");
    for (int t = 0; t < NTHREADS; t++) pthread_join(th[t], NULL);
}

/* ---------------------------------------------------- one const handle */

typedef struct {
    const systec_symmat_t *A, *M; /* plus-times and min-plus, double */
    const systec_symmat_t *Af;    /* plus-times, float */
    const systec_csrmat_t *G;     /* the expansion of A */
    int64_t n, k;
    const double *x;
    const float *xf;
    double *want; /* the serial results, one block per operation */
    float *wantf;
} shared_mat;

enum { OPS_D = 7, OPS_F = 3 };

/* Operation `op` of the shared handles into out (double) / outf (float). */
static systec_status_t mat_op(const shared_mat *s, int op, double *out, float *outf)
{
    int64_t n = s->n;
    for (int64_t i = 0; i < n * s->k; i++) out[i] = 0.5, outf[i] = 0.5f;
    switch (op) {
    case 0: return systec_dsymv(s->A, 1.5, s->x, 0.25, out);
    case 1: return systec_dsyprd(s->A, 1.5, s->x, 0.25, out);
    case 2: return systec_dsymm(s->A, s->k, 1.5, s->x, 0.25, out);
    case 3: return systec_dsymv_minplus(s->M, s->x, out);
    case 4: return systec_dsybilin(s->A, 1.5, s->x, s->x + n, 0.25, out);
    case 5: return systec_dgemv(s->G, 1.5, s->x, 0.25, out);
    case 6: return systec_dgemm(s->G, s->k, 1.5, s->x, 0.25, out);
    case 7: return systec_ssymv(s->Af, 1.5f, s->xf, 0.25f, outf);
    case 8: return systec_ssyprd(s->Af, 1.5f, s->xf, 0.25f, outf);
    default: return systec_ssymm(s->Af, s->k, 1.5f, s->xf, 0.25f, outf);
    }
}

typedef struct {
    const shared_mat *s;
    int id;
} mat_arg;

static void *mat_worker(void *p)
{
    const mat_arg *a = p;
    const shared_mat *s = a->s;
    size_t len = (size_t)(s->n * s->k);
    double *out = malloc(sizeof(double) * (len + 1));
    float *outf = malloc(sizeof(float) * (len + 1));
    for (int r = 0; r < ROUNDS; r++)
        for (int q = 0; q < OPS_D + OPS_F; q++) {
            int op = (q + a->id) % (OPS_D + OPS_F); /* threads in different orders */
            if (mat_op(s, op, out, outf) != SYSTEC_SUCCESS) fail("handle call failed");
            else if (op < OPS_D ? memcmp(out, s->want + (size_t)op * len, sizeof(double) * len)
                                : memcmp(outf, s->wantf + (size_t)(op - OPS_D) * len,
                                         sizeof(float) * len))
                fail("a concurrent handle call differs from the serial one");
        }
    free(out);
    free(outf);
    return NULL;
}

static void one_const_handle(void)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/bcsstk01.mtx", data_dir);
    systec_coo_t coo;
    CHECK_ST(systec_mm_read(path, &coo), SYSTEC_SUCCESS);
    shared_mat s = {0};
    systec_symmat_t *A = NULL, *M = NULL, *Af = NULL;
    systec_csrmat_t *G = NULL;
    CHECK_ST(systec_symmat_from_coo(&A, &coo, SYSTEC_DOUBLE, SYSTEC_INT32), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_from_coo_minplus(&M, &coo, SYSTEC_DOUBLE, SYSTEC_INT64), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_from_coo(&Af, &coo, SYSTEC_FLOAT, SYSTEC_INT64), SYSTEC_SUCCESS);
    CHECK_ST(systec_csrmat_from_symmat(&G, A), SYSTEC_SUCCESS);
    s.A = A, s.M = M, s.Af = Af, s.G = G, s.n = coo.nrows, s.k = 4;
    size_t len = (size_t)(s.n * s.k);
    double *x = malloc(sizeof(double) * (len + 1));
    float *xf = malloc(sizeof(float) * (len + 1));
    for (size_t i = 0; i < len; i++) xf[i] = (float)(x[i] = rnd_sym());
    s.x = x, s.xf = xf;
    s.want = malloc(sizeof(double) * len * OPS_D);
    s.wantf = malloc(sizeof(float) * len * OPS_F);
    float *scratch = malloc(sizeof(float) * (len + 1));
    double *dscratch = malloc(sizeof(double) * (len + 1));
    for (int op = 0; op < OPS_D + OPS_F; op++) /* serial results first */
        CHECK_ST(mat_op(&s, op, op < OPS_D ? s.want + (size_t)op * len : dscratch,
                        op < OPS_D ? scratch : s.wantf + (size_t)(op - OPS_D) * len),
                 SYSTEC_SUCCESS);
    mat_arg args[NTHREADS];
    for (int t = 0; t < NTHREADS; t++) args[t].s = &s, args[t].id = t;
    run_threads(mat_worker, args, sizeof *args);
    CHECK(1, "one const handle, %d threads x %d rounds x %d operations", NTHREADS, ROUNDS,
          OPS_D + OPS_F);
    systec_symmat_free(&A);
    systec_symmat_free(&M);
    systec_symmat_free(&Af);
    systec_csrmat_free(&G);
    systec_coo_free(&coo);
    free(x);
    free(xf);
    free(s.want);
    free(s.wantf);
    free(scratch);
    free(dscratch);
}

/* ---------------------------------------------- tensors: one handle */

typedef struct {
    const systec_symten_t *A;
    int64_t R, n;
    const double *B;
    const double *want_m, *want_t, *want_v;
} shared_ten;

static void *ten_worker(void *p)
{
    const shared_ten *s = *(const shared_ten *const *)p;
    size_t cm = (size_t)(s->n * s->R), ct = (size_t)(s->n * (s->n + 1) / 2 * s->R);
    double *C = malloc(sizeof(double) * (cm + ct + 1));
    for (int r = 0; r < ROUNDS; r++) {
        if (systec_dmttkrp(s->A, s->R, s->B, C) || memcmp(C, s->want_m, sizeof(double) * cm))
            fail("concurrent MTTKRP differs");
        if (systec_dttm(s->A, s->R, s->B, C) || memcmp(C, s->want_t, sizeof(double) * ct))
            fail("concurrent TTM differs");
        if (systec_dttsv(s->A, s->B, C) || memcmp(C, s->want_v, sizeof(double) * (size_t)s->n))
            fail("concurrent TTSV differs");
    }
    free(C);
    return NULL;
}

static void one_const_tensor(void)
{
    systec_tns_t T = {0};
    CHECK_ST(systec_tns_random_symmetric(3, 40, 0.05, 7, &T), SYSTEC_SUCCESS);
    systec_symten_t *A = NULL;
    CHECK_ST(systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    shared_ten s = {A, 5, 40, NULL, NULL, NULL, NULL};
    size_t cm = (size_t)(s.n * s.R), ct = (size_t)(s.n * (s.n + 1) / 2 * s.R);
    double *B = malloc(sizeof(double) * cm), *wm = malloc(sizeof(double) * cm);
    double *wt = malloc(sizeof(double) * ct), *wv = malloc(sizeof(double) * (size_t)s.n);
    for (size_t i = 0; i < cm; i++) B[i] = rnd_sym();
    s.B = B, s.want_m = wm, s.want_t = wt, s.want_v = wv;
    CHECK_ST(systec_dmttkrp(A, s.R, B, wm), SYSTEC_SUCCESS);
    CHECK_ST(systec_dttsv(A, B, wv), SYSTEC_SUCCESS);
    CHECK_ST(systec_dttm(A, s.R, B, wt), SYSTEC_SUCCESS);
    const shared_ten *ptrs[NTHREADS];
    for (int t = 0; t < NTHREADS; t++) ptrs[t] = &s;
    run_threads(ten_worker, ptrs, sizeof *ptrs);
    CHECK(1, "one const tensor, %d threads", NTHREADS);
    systec_symten_free(&A);
    systec_tns_free(&T);
    free(B);
    free(wm);
    free(wt);
    free(wv);
}

/* ---------------------------------------------- concurrent constructors */

/* A tensor's canonical list (sorted, duplicates summed) as one comparable
 * block: order, nnz, coordinates, values. */
static int same_tensor(const systec_symten_t *A, const systec_symten_t *B)
{
    systec_tns_t a = {0}, b = {0};
    int same = !systec_symten_to_tns(A, &a) && !systec_symten_to_tns(B, &b) &&
               a.order == b.order && a.nnz == b.nnz && a.dim == b.dim &&
               !memcmp(a.ind, b.ind, sizeof(int64_t) * (size_t)(a.nnz * a.order)) &&
               !memcmp(a.val, b.val, sizeof(double) * (size_t)a.nnz);
    systec_tns_free(&a);
    systec_tns_free(&b);
    return same;
}

typedef struct {
    const systec_tns_t *T;
    systec_symform_t form;
    const systec_symten_t *want;
} ten_build;

static void *build_worker(void *p)
{
    const ten_build *b = *(const ten_build *const *)p;
    for (int r = 0; r < ROUNDS; r++) {
        systec_symten_t *A = NULL;
        if (systec_symten_create(&A, b->T, b->form, SYSTEC_DOUBLE) != SYSTEC_SUCCESS)
            fail("concurrent symten_create failed");
        else if (!same_tensor(A, b->want))
            fail("a concurrently built tensor differs from the serial one");
        systec_symten_free(&A);
    }
    return NULL;
}

/* An order-3 list with unsorted tuples and duplicates, in mode size dim,
 * its tuples shifted by `shift` (a different list per thread): dim^3 > 2^63
 * for dim above 2.1e6, where the sort is a comparison sort. */
static void tensor_list(systec_tns_t *T, int64_t dim, int64_t nnz, int64_t shift)
{
    T->order = 3;
    T->dim = dim;
    T->nnz = nnz;
    T->ind = malloc(sizeof(int64_t) * (size_t)(3 * nnz));
    T->val = malloc(sizeof(double) * (size_t)nnz);
    for (int64_t e = 0; e < nnz; e++) {
        int64_t src = (e % 5 == 4 ? e / 2 : e) + shift; /* every fifth repeats a tuple */
        int64_t c[3];
        for (int q = 0; q < 3; q++)
            c[q] = (int64_t)((uint64_t)(src * 2654435761u + (uint64_t)q * 40503u) % (uint64_t)dim);
        for (int a = 1; a < 3; a++) /* canonical: sorted within the tuple */
            for (int b = a; b > 0 && c[b - 1] > c[b]; b--) {
                int64_t t = c[b];
                c[b] = c[b - 1];
                c[b - 1] = t;
            }
        memcpy(T->ind + 3 * e, c, sizeof c);
        T->val[e] = (double)(e % 7) - 3;
    }
}

/* Each thread builds its own list's handle, again and again, while the
 * others build theirs: the results must equal the serial builds. */
static void concurrent_tensor_builds(void)
{
    for (int big = 0; big < 2; big++) {
        systec_tns_t T[NTHREADS];
        systec_symten_t *want[NTHREADS];
        ten_build b[NTHREADS];
        const ten_build *ptrs[NTHREADS];
        int64_t dim = big ? 3000000 : 1000;
        for (int t = 0; t < NTHREADS; t++) {
            tensor_list(&T[t], dim, 60000, 7919 * t);
            want[t] = NULL;
            CHECK_ST(systec_symten_create(&want[t], &T[t], SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
                     SYSTEC_SUCCESS);
            int64_t nnz = 0; /* duplicates summed: a fifth of the list repeats */
            systec_symten_info(want[t], NULL, NULL, &nnz, NULL, NULL);
            CHECK(nnz > 0 && nnz < T[t].nnz, "dim %lld: %lld canonical entries from %lld listed",
                  (long long)dim, (long long)nnz, (long long)T[t].nnz);
            b[t].T = &T[t], b[t].form = SYSTEC_SYM_CANONICAL, b[t].want = want[t];
            ptrs[t] = &b[t];
        }
        int before = atomic_load(&failures);
        run_threads(build_worker, ptrs, sizeof *ptrs);
        CHECK(atomic_load(&failures) == before,
              "concurrent symten_create, dim %lld (%s sort), %d threads", (long long)dim,
              big ? "comparison" : "radix", NTHREADS);
        for (int t = 0; t < NTHREADS; t++) {
            systec_symten_free(&want[t]);
            free(T[t].ind);
            free(T[t].val);
        }
    }
}

typedef struct {
    const systec_coo_t *coo;
    const systec_csrmat_t *want;
} mat_build;

static void *mat_build_worker(void *p)
{
    const mat_build *b = *(const mat_build *const *)p;
    const void *wrp, *wci, *wv;
    int64_t n = 0, nnz = 0;
    systec_csrmat_data(b->want, &wrp, &wci, &wv);
    systec_csrmat_info(b->want, &n, NULL, &nnz, NULL, NULL);
    for (int r = 0; r < ROUNDS; r++) {
        systec_symmat_t *A = NULL;
        systec_csrmat_t *G = NULL;
        const void *rp, *ci, *v;
        if (systec_symmat_from_coo(&A, b->coo, SYSTEC_DOUBLE, SYSTEC_INT32) ||
            systec_csrmat_from_symmat(&G, A) || systec_csrmat_data(G, &rp, &ci, &v))
            fail("concurrent symmat construction failed");
        else if (memcmp(rp, wrp, 4 * (size_t)(n + 1)) || memcmp(ci, wci, 4 * (size_t)nnz) ||
                 memcmp(v, wv, 8 * (size_t)nnz))
            fail("a concurrently built matrix differs from the serial one");
        systec_csrmat_free(&G);
        systec_symmat_free(&A);
    }
    return NULL;
}

static void concurrent_matrix_builds(void)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/494_bus.mtx", data_dir);
    systec_coo_t coo;
    CHECK_ST(systec_mm_read(path, &coo), SYSTEC_SUCCESS);
    systec_symmat_t *A = NULL;
    systec_csrmat_t *G = NULL;
    CHECK_ST(systec_symmat_from_coo(&A, &coo, SYSTEC_DOUBLE, SYSTEC_INT32), SYSTEC_SUCCESS);
    CHECK_ST(systec_csrmat_from_symmat(&G, A), SYSTEC_SUCCESS);
    mat_build b = {&coo, G};
    const mat_build *ptrs[NTHREADS];
    for (int t = 0; t < NTHREADS; t++) ptrs[t] = &b;
    int before = atomic_load(&failures);
    run_threads(mat_build_worker, ptrs, sizeof *ptrs);
    CHECK(atomic_load(&failures) == before, "concurrent symmat constructions, %d threads",
          NTHREADS);
    systec_csrmat_free(&G);
    systec_symmat_free(&A);
    systec_coo_free(&coo);
}

/* ------------------------------------------------- readers and writers */

static int same_coo(const systec_coo_t *a, const systec_coo_t *b)
{
    return a->nrows == b->nrows && a->ncols == b->ncols && a->nnz == b->nnz &&
           a->symmetric == b->symmetric && !memcmp(a->row, b->row, 8 * (size_t)a->nnz) &&
           !memcmp(a->col, b->col, 8 * (size_t)a->nnz) && !memcmp(a->val, b->val, 8 * (size_t)a->nnz);
}

typedef struct {
    int id;
    const systec_coo_t *want;
    const systec_tns_t *want_t;
} io_arg;

static void *io_worker(void *p)
{
    const io_arg *a = p;
    char path[4200], out[4200];
    snprintf(path, sizeof path, "%s/bcsstk01.mtx", data_dir);
    snprintf(out, sizeof out, "%s/w%d.mtx", tmpdir, a->id);
    for (int r = 0; r < ROUNDS; r++) {
        systec_coo_t c;
        if (systec_mm_read(path, &c)) {
            fail("concurrent mm_read failed");
            continue;
        }
        if (!same_coo(&c, a->want)) fail("a concurrent read differs");
        systec_coo_t back;
        if (systec_mm_write(out, &c) || systec_mm_read(out, &back)) {
            fail("concurrent write and read back failed");
        } else {
            if (!same_coo(&back, a->want)) fail("a concurrently written file differs");
            systec_coo_free(&back);
        }
        systec_coo_free(&c);
        systec_tns_t T;
        char tpath[4200];
        snprintf(tpath, sizeof tpath, "%s/small3.tns.gz", data_dir);
        if (systec_tns_read(tpath, &T) == SYSTEC_SUCCESS) {
            if (T.nnz != a->want_t->nnz || memcmp(T.val, a->want_t->val, 8 * (size_t)T.nnz))
                fail("a concurrent tns read differs");
            systec_tns_free(&T);
        } else {
            fail("concurrent tns_read failed");
        }
        /* the error detail is per thread: each thread's own failure */
        char bad[4200], want[64];
        snprintf(bad, sizeof bad, "%s/missing-%d.mtx", tmpdir, a->id);
        snprintf(want, sizeof want, "missing-%d.mtx", a->id);
        systec_coo_t none;
        if (systec_mm_read(bad, &none) != SYSTEC_ERR_IO || !strstr(systec_last_error(), want))
            fail("the error detail is not the thread's own");
    }
    remove(out);
    return NULL;
}

static void concurrent_io(void)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/bcsstk01.mtx", data_dir);
    systec_coo_t want;
    systec_tns_t want_t;
    CHECK_ST(systec_mm_read(path, &want), SYSTEC_SUCCESS);
    snprintf(path, sizeof path, "%s/small3.tns", data_dir);
    CHECK_ST(systec_tns_read(path, &want_t), SYSTEC_SUCCESS);
    io_arg args[NTHREADS];
    for (int t = 0; t < NTHREADS; t++) args[t].id = t, args[t].want = &want, args[t].want_t = &want_t;
    int before = atomic_load(&failures);
    run_threads(io_worker, args, sizeof *args);
    CHECK(atomic_load(&failures) == before, "concurrent readers and writers, %d threads", NTHREADS);
    systec_coo_free(&want);
    systec_tns_free(&want_t);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("usage: test_threads DATA_DIR\n");
        return 2;
    }
    data_dir = argv[1];
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/systec_threads_XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) return 2;
    rnd_seed(99);
    one_const_handle();
    one_const_tensor();
    concurrent_matrix_builds();
    concurrent_tensor_builds();
    concurrent_io();
    rmdir(tmpdir);
    CHECK(atomic_load(&failures) == 0, "%d failures in the threads", atomic_load(&failures));
    return check_summary();
}
