/* A plain full-CSR SpMV loop (one accumulator, no unrolling, no prefetch),
 * the kind of loop most users have today. It is a reference point for
 * systec-bench only, not part of libsystec, and is compiled with the same
 * optimisation and ISA flags as the generated kernels. */
#include <stdint.h>

void bench_plain_dcsr(int64_t n, const int32_t *rp, const int32_t *ci, const double *v,
                      const double *x, double *y);
void bench_plain_scsr(int64_t n, const int32_t *rp, const int32_t *ci, const float *v,
                      const float *x, float *y);

void bench_plain_dcsr(int64_t n, const int32_t *rp, const int32_t *ci, const double *v,
                      const double *x, double *y)
{
    for (int64_t i = 0; i < n; i++) {
        double s = 0;
        for (int32_t p = rp[i]; p < rp[i + 1]; p++) s += v[p] * x[ci[p]];
        y[i] = s;
    }
}

void bench_plain_scsr(int64_t n, const int32_t *rp, const int32_t *ci, const float *v,
                      const float *x, float *y)
{
    for (int64_t i = 0; i < n; i++) {
        float s = 0;
        for (int32_t p = rp[i]; p < rp[i + 1]; p++) s += v[p] * x[ci[p]];
        y[i] = s;
    }
}
