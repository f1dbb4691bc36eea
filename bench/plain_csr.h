/* Plain full-CSR reference loops of systec-bench (plain_csr.c). */
#ifndef SYSTEC_BENCH_PLAIN_CSR_H
#define SYSTEC_BENCH_PLAIN_CSR_H
#include <stdint.h>

#define PLAIN_DECL(T, sfx)                                                                       \
    void bench_plain_##sfx##mv(int64_t n, const int32_t *rp, const int32_t *ci, const T *v,     \
                               const T *x, T *y);                                                \
    void bench_plain_##sfx##prd(int64_t n, const int32_t *rp, const int32_t *ci, const T *v,    \
                                const T *x, T *out);                                             \
    void bench_plain_##sfx##minplus(int64_t n, const int32_t *rp, const int32_t *ci,             \
                                    const T *v, const T *x, T *y);                               \
    void bench_plain_##sfx##mm(int64_t n, int64_t k, const int32_t *rp, const int32_t *ci,       \
                               const T *v, const T *X, T *Y);
PLAIN_DECL(double, d)
PLAIN_DECL(float, s)
#undef PLAIN_DECL

#endif
