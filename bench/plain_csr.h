/*
 * The plain full-CSR loops of systec-bench (plain_csr.c), compiled like the
 * generated kernels, once per ISA variant of the library; plain_loops()
 * gives the set for the variant libsystec runs, so that only the code
 * differs between the plain loops and the kernels.
 */
#ifndef SYSTEC_BENCH_PLAIN_CSR_H
#define SYSTEC_BENCH_PLAIN_CSR_H
#include <stdint.h>

#define PLAIN_FN(T, name, ...)                                                                     \
    void (*name)(int64_t n, __VA_ARGS__ const int32_t *rp, const int32_t *ci, const T *v,          \
                 const T *x, T *y)

typedef struct plain_loops {
    const char *isa; /* the variant's name, as systec_isa() gives it */
    PLAIN_FN(double, dmv, );
    PLAIN_FN(double, dprd, ); /* y[0] = x^T A x */
    PLAIN_FN(double, dminplus, );
    PLAIN_FN(double, dmm, int64_t k, ); /* X, Y n-by-k row-major */
    PLAIN_FN(float, smv, );
    PLAIN_FN(float, sprd, );
    PLAIN_FN(float, sminplus, );
    PLAIN_FN(float, smm, int64_t k, );
} plain_loops_t;
#undef PLAIN_FN

/* The loops for systec_isa(), or for the first variant built when it
 * names none of them. */
const plain_loops_t *plain_loops(void);

#endif
