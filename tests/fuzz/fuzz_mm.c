/* libFuzzer target: the Matrix Market reader, then what it read into the
 * symmetric handles (plus-times and min-plus) or a general CSR handle, and
 * their kernels: SSYMV, SYPRD, min-plus, the expansion's baseline, SSYRK. */
#include "fuzz_util.h"

static void fuzz_matrix(const systec_coo_t *A)
{
    static double x[FUZZ_MAX_N + 1], y[FUZZ_MAX_N + 1];
    if (A->nrows > FUZZ_MAX_N || A->ncols > FUZZ_MAX_N || A->nnz > FUZZ_MAX_NNZ) return;
    for (int64_t i = 0; i < FUZZ_MAX_N; i++) x[i] = 1.0 / (1 + (double)i);
    systec_symmat_t *S = NULL, *M = NULL;
    if (systec_symmat_from_coo(&S, A, SYSTEC_DOUBLE, SYSTEC_INT32) == SYSTEC_SUCCESS) {
        double s = 0;
        systec_dsymv(S, 1.0, x, 0.0, y);
        systec_dsyprd(S, 1.0, x, 0.0, &s);
        systec_csrmat_t *G = NULL;
        if (systec_csrmat_from_symmat(&G, S) == SYSTEC_SUCCESS) {
            systec_dgemv(G, 1.0, x, 0.5, y);
            systec_csrmat_t *C = NULL;
            if (systec_dsyrk(G, &C) == SYSTEC_SUCCESS) systec_dsyrk_numeric(G, C);
            systec_csrmat_free(&C);
        }
        systec_csrmat_free(&G);
    }
    if (systec_symmat_from_coo_minplus(&M, A, SYSTEC_FLOAT, SYSTEC_INT64) == SYSTEC_SUCCESS) {
        static float xf[FUZZ_MAX_N + 1], yf[FUZZ_MAX_N + 1];
        for (int64_t i = 0; i < A->nrows; i++) xf[i] = (float)x[i], yf[i] = 1e30f;
        systec_ssymv_minplus(M, xf, yf);
    }
    systec_symmat_free(&S);
    systec_symmat_free(&M);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_file f;
    if (fuzz_file_open(&f, data, size)) return 0;
    systec_coo_t A;
    if (systec_mm_read(f.path, &A) == SYSTEC_SUCCESS) {
        fuzz_matrix(&A);
        systec_coo_free(&A);
    }
    fuzz_file_close(&f);
    return 0;
}
