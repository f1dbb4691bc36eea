/* Plain full-CSR loops (one accumulator, no unrolling, no prefetch), the
 * kind of loop most users have today, for each benchmarked operation, with
 * the OpenMP loop over rows such code carries (OMP_NUM_THREADS, which
 * systec-bench sets to --threads). They are reference points for
 * systec-bench only, not part of libsystec, and are compiled with the same
 * optimisation and ISA flags as the generated kernels, once per ISA variant
 * (PLAIN_ISA, bench/CMakeLists.txt). */
#include <math.h>
#include <stdint.h>

#include "plain_csr.h"

#define PLAIN(T, sfx)                                                                            \
    static void sfx##mv(int64_t n, const int32_t *rp, const int32_t *ci, const T *v,             \
                        const T *x, T *y)                                                        \
    {                                                                                            \
        _Pragma("omp parallel for schedule(static)")                                             \
        for (int64_t i = 0; i < n; i++) {                                                        \
            T s = 0;                                                                             \
            for (int32_t p = rp[i]; p < rp[i + 1]; p++) s += v[p] * x[ci[p]];                    \
            y[i] = s;                                                                            \
        }                                                                                        \
    }                                                                                            \
    static void sfx##prd(int64_t n, const int32_t *rp, const int32_t *ci, const T *v,            \
                         const T *x, T *out)                                                     \
    {                                                                                            \
        T total = 0;                                                                             \
        _Pragma("omp parallel for schedule(static) reduction(+ : total)")                        \
        for (int64_t i = 0; i < n; i++) {                                                        \
            T s = 0;                                                                             \
            for (int32_t p = rp[i]; p < rp[i + 1]; p++) s += v[p] * x[ci[p]];                    \
            total += x[i] * s;                                                                   \
        }                                                                                        \
        out[0] = total;                                                                          \
    }                                                                                            \
    static void sfx##minplus(int64_t n, const int32_t *rp, const int32_t *ci, const T *v,        \
                             const T *x, T *y)                                                   \
    {                                                                                            \
        _Pragma("omp parallel for schedule(static)")                                             \
        for (int64_t i = 0; i < n; i++) {                                                        \
            T s = y[i];                                                                          \
            for (int32_t p = rp[i]; p < rp[i + 1]; p++) {                                        \
                T t = v[p] + x[ci[p]];                                                           \
                if (t < s) s = t;                                                                \
            }                                                                                    \
            y[i] = s;                                                                            \
        }                                                                                        \
    }                                                                                            \
    static void sfx##mm(int64_t n, int64_t k, const int32_t *rp, const int32_t *ci, const T *v,  \
                        const T *X, T *Y)                                                        \
    {                                                                                            \
        _Pragma("omp parallel for schedule(static)")                                             \
        for (int64_t i = 0; i < n; i++) {                                                        \
            T *y = Y + i * k;                                                                    \
            for (int64_t c = 0; c < k; c++) y[c] = 0;                                            \
            for (int32_t p = rp[i]; p < rp[i + 1]; p++) {                                        \
                const T a = v[p], *x = X + (int64_t)ci[p] * k;                                   \
                for (int64_t c = 0; c < k; c++) y[c] += a * x[c];                                \
            }                                                                                    \
        }                                                                                        \
    }

PLAIN(double, d)
PLAIN(float, s)

#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define STR(a) #a
#define XSTR(a) STR(a)

const plain_loops_t XCAT(plain_loops_, PLAIN_ISA) = {XSTR(PLAIN_ISA), dmv, dprd, dminplus, dmm,
                                                      smv,            sprd, sminplus, smm};
