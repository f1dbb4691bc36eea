/* Example: symmetric MTTKRP with libsystec on a .tns file (a canonical
 * list: one line per orbit, coordinates sorted) or, without an argument, on
 * a random symmetric tensor of order 4; checked against a plain loop over
 * the full tensor.
 *
 *   cc mttkrp_example.c $(pkg-config --cflags --libs systec) -lm -o mttkrp_example
 *   ./mttkrp_example [tensor.tns]
 */
#include <systec.h>

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
    systec_tns_t T;
    systec_status_t s = argc > 1 ? systec_tns_read(argv[1], &T)
                                 : systec_tns_random_symmetric(4, 30, 0.01, 42, &T);
    if (s) return fail(argc > 1 ? "systec_tns_read" : "systec_tns_random_symmetric", s);

    /* the symmetric handle: canonical entries, in the kernels' storage */
    systec_symten_t *A;
    s = systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE);
    if (s) return fail("systec_symten_create", s);
    int order;
    int64_t n, nnz, full;
    systec_symten_info(A, &order, &n, &nnz, &full, NULL);
    printf("order %d, n = %lld: %lld stored entries stand for %lld\n", order, (long long)n,
           (long long)nnz, (long long)full);

    /* C = MTTKRP(A, B) with the same B (n-by-R, row-major) in every mode */
    const int64_t R = 8;
    double *B = malloc(sizeof(double) * (size_t)(n * R + 1));
    double *C = malloc(sizeof(double) * (size_t)(n * R + 1));
    /* long double: an output row may sum 1e5 terms or more, and a plain
     * double sum in this order would be less accurate than the kernel */
    long double *ref = calloc((size_t)(n * R + 1), sizeof(long double));
    for (int64_t k = 0; k < n * R; k++) B[k] = 0.5 + (double)(k % 7) / 7.0;
    s = systec_dmttkrp(A, R, B, C);
    if (s) return fail("systec_dmttkrp", s);

    /* the reference: every permutation of every entry, one update each */
    systec_tns_t F;
    s = systec_symten_expand(A, &F);
    if (s) return fail("systec_symten_expand", s);
    for (int64_t e = 0; e < F.nnz; e++)
        for (int64_t r = 0; r < R; r++) {
            long double t = F.val[e];
            for (int m = 1; m < F.order; m++) t *= B[F.ind[e * F.order + m] * R + r];
            ref[F.ind[e * F.order] * R + r] += t;
        }
    double worst = 0;
    for (int64_t k = 0; k < n * R; k++) {
        double d = fabs(C[k] - (double)ref[k]) / (fabs((double)ref[k]) + 1e-300);
        if (ref[k] != 0 && d > worst) worst = d;
    }
    printf("MTTKRP, R = %lld: largest relative difference to the reference %.2g\n",
           (long long)R, worst);
    int ok = worst <= 1e-12;
    systec_tns_free(&F);
    systec_tns_free(&T);
    systec_symten_free(&A);
    free(B);
    free(C);
    free(ref);
    puts(ok ? "ok" : "MISMATCH");
    return ok ? 0 : 1;
}
