/*
 * The results the tensor kernels must produce, computed by the plainest
 * loops over the full coordinate list (the expansion the baselines' CSF is
 * built from), in long double, with the sum of |terms| per element as the
 * scale of the tolerance (ops.c's reference hooks).
 */
#ifndef BENCH_TENSOR_REFERENCE_H
#define BENCH_TENSOR_REFERENCE_H

#include <stdint.h>

#include "systec.h"

/* MTTKRP: C[i,r] = sum over entries (i, c1, .., cN-1) of v * B[c1,r] * ..
 * * B[cN-1,r], n-by-R (slot and nsel unused). */
void mttkrp_reference(const systec_tns_t *F, int64_t R, const double *B, const int64_t *slot,
                      int64_t nsel, double *C, double *bound);
/* TTM: F[j,l,i] = sum over the full entries (j, l, k) of v * B[k,i], for
 * the j-slices with slot[j] >= 0 only; slice s (slot[j] = s) is C[s*n*R ..],
 * n-by-R. */
void ttm_reference(const systec_tns_t *F, int64_t R, const double *B, const int64_t *slot,
                   int64_t nsel, double *C, double *bound);

/* TTMc of order N: Y[i,r_1,..,r_m] = sum over the full entries (i, c_1, ..,
 * c_m) of v * B[c_1,r_1] * .. * B[c_m,r_m] (m = N-1), for the i-slices with
 * slot[i] >= 0 only; slice s is C[s*R^m ..], full (not packed). */
void ttmc_reference(const systec_tns_t *F, int64_t R, const double *B, const int64_t *slot,
                    int64_t nsel, double *C, double *bound);

/* The slices (of `slice` elements each) of an output of n of them that are
 * checked: all n when the reference fits in REF_LIMIT bytes, else
 * REF_SLICES distinct ones drawn with a fixed seed, the same in every run.
 * Fills sel (ascending) and slot (slot[j]: j's place in sel, -1 if
 * unchecked); returns how many. */
#define REF_LIMIT 3e9 /* bytes */
#define REF_SLICES 50
int64_t ref_slices(int64_t n, int64_t slice, int64_t *sel, int64_t *slot);

#endif /* BENCH_TENSOR_REFERENCE_H */
