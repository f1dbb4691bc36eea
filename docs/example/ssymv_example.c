/* Example: SSYMV with libsystec on a Matrix Market file, in double and float,
 * checked against a plain dense reference.
 *
 *   cc ssymv_example.c $(pkg-config --cflags --libs systec) -o ssymv_example
 *   ./ssymv_example matrix.mtx
 */
#include <systec.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int fail(const char *what, systec_status_t s)
{
    fprintf(stderr, "%s: %s (%s)\n", what, systec_strerror(s), systec_last_error());
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s MATRIX.mtx[.gz]\n", argv[0]);
        return 2;
    }
    systec_coo_t coo;
    systec_status_t s = systec_mm_read(argv[1], &coo);
    if (s) return fail("systec_mm_read", s);
    int64_t n = coo.nrows;
    if (n > 5000) {
        fprintf(stderr, "this example builds a dense n*n reference; pick n <= 5000\n");
        systec_coo_free(&coo);
        return 2;
    }

    /* dense reference matrix and |A| for the error bound */
    double *D = calloc((size_t)(n * n + 1), sizeof *D), *Dabs = calloc((size_t)(n * n + 1), sizeof *Dabs);
    for (int64_t k = 0; k < coo.nnz; k++) {
        int64_t i = coo.row[k], j = coo.col[k];
        D[i * n + j] += coo.val[k];
        Dabs[i * n + j] += fabs(coo.val[k]);
        if (coo.symmetric && i != j) {
            D[j * n + i] += coo.val[k];
            Dabs[j * n + i] += fabs(coo.val[k]);
        }
    }
    double *x = malloc(sizeof(double) * (size_t)(n + 1)), *y = malloc(sizeof(double) * (size_t)(n + 1));
    float *xf = malloc(sizeof(float) * (size_t)(n + 1)), *yf = malloc(sizeof(float) * (size_t)(n + 1));
    for (int64_t i = 0; i < n; i++) {
        xf[i] = (float)(1.0 / (double)(i + 1) - 0.25);
        x[i] = xf[i]; /* the same (float-representable) input for both precisions */
    }

    int bad = 0;
    for (int prec = 0; prec < 2; prec++) {
        systec_symmat_t *A = NULL;
        s = systec_symmat_from_coo(&A, &coo, prec ? SYSTEC_FLOAT : SYSTEC_DOUBLE, SYSTEC_INT32);
        if (s) return fail("systec_symmat_from_coo", s);
        s = prec ? systec_ssymv(A, 1.0f, xf, 0.0f, yf) : systec_dsymv(A, 1.0, x, 0.0, y);
        if (s) return fail(prec ? "systec_ssymv" : "systec_dsymv", s);
        double tol = prec ? 1e-12 * (FLT_EPSILON / DBL_EPSILON) : 1e-12;
        double worst = 0;
        for (int64_t i = 0; i < n; i++) {
            long double ref = 0, bound = 0;
            for (int64_t j = 0; j < n; j++) {
                double a = prec ? (double)(float)D[i * n + j] : D[i * n + j];
                ref += (long double)a * x[j];
                bound += (long double)Dabs[i * n + j] * fabs(x[j]);
            }
            double got = prec ? yf[i] : y[i];
            double err = fabs(got - (double)ref);
            double allow = tol * (double)bound;
            if (err > allow) bad++;
            if (bound > 0 && err / (double)bound > worst) worst = err / (double)bound;
        }
        printf("%s: n=%lld, max |error|/sum|terms| = %.3g -> %s\n", prec ? "float " : "double",
               (long long)n, worst, bad ? "MISMATCH" : "ok");
        systec_symmat_free(&A);
    }
    free(D);
    free(Dabs);
    free(x);
    free(y);
    free(xf);
    free(yf);
    systec_coo_free(&coo);
    return bad ? 1 : 0;
}
