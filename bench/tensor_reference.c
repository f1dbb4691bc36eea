/* The tensor operations' references (tensor_reference.h). Sums in long
 * double: an output row may sum 1e5 terms or more (the padding nodes of
 * symprop_contact-5), and a plain double sum in this order can be further
 * from the exact result than the kernels are. */
#include "tensor_reference.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "util.h"

#define SLICE_SEED 0x5eed0005u

void mttkrp_reference(const systec_tns_t *F, int64_t R, const double *B, const int64_t *slot,
                      int64_t nsel, double *C, double *bound)
{
    (void)slot;
    (void)nsel;
    const int N = F->order;
    long double *acc = xmalloc(sizeof *acc * (size_t)(F->dim * R + 1));
    for (int64_t k = 0; k < F->dim * R; k++) acc[k] = 0;
    memset(bound, 0, sizeof *bound * (size_t)(F->dim * R));
    long double *term = xmalloc(sizeof *term * (size_t)(R + 1));
    for (int64_t e = 0; e < F->nnz; e++) {
        const int64_t *c = F->ind + e * N;
        for (int64_t r = 0; r < R; r++) term[r] = F->val[e];
        for (int t = 1; t < N; t++) {
            const double *b = B + c[t] * R;
            for (int64_t r = 0; r < R; r++) term[r] *= b[r];
        }
        long double *ci = acc + c[0] * R;
        double *bi = bound + c[0] * R;
        for (int64_t r = 0; r < R; r++) {
            ci[r] += term[r];
            bi[r] += (double)fabsl(term[r]);
        }
    }
    for (int64_t k = 0; k < F->dim * R; k++) C[k] = (double)acc[k];
    free(term);
    free(acc);
}

void ttm_reference(const systec_tns_t *F, int64_t R, const double *B, const int64_t *slot,
                   int64_t nsel, double *C, double *bound)
{
    const int64_t n = F->dim, cells = nsel * n * R;
    long double *acc = xmalloc(sizeof *acc * (size_t)(cells + 1));
    for (int64_t q = 0; q < cells; q++) acc[q] = 0;
    memset(bound, 0, sizeof *bound * (size_t)cells);
    for (int64_t e = 0; e < F->nnz; e++) {
        const int64_t *c = F->ind + e * 3;
        if (slot[c[0]] < 0) continue;
        const int64_t off = (slot[c[0]] * n + c[1]) * R;
        long double *ci = acc + off;
        double *bi = bound + off;
        const double *b = B + c[2] * R;
        const long double v = F->val[e];
        for (int64_t i = 0; i < R; i++) {
            long double t = v * b[i];
            ci[i] += t;
            bi[i] += (double)fabsl(t);
        }
    }
    for (int64_t q = 0; q < cells; q++) C[q] = (double)acc[q];
    free(acc);
}

void ttmc_reference(const systec_tns_t *F, int64_t R, const double *B, const int64_t *slot,
                    int64_t nsel, double *C, double *bound)
{
    const int N = F->order, m = N - 1;
    int64_t slice = 1;
    for (int t = 0; t < m; t++) slice *= R;
    const int64_t cells = nsel * slice;
    long double *acc = xmalloc(sizeof *acc * (size_t)(cells + 1));
    for (int64_t q = 0; q < cells; q++) acc[q] = 0;
    memset(bound, 0, sizeof *bound * (size_t)cells);
    for (int64_t e = 0; e < F->nnz; e++) {
        const int64_t *c = F->ind + e * N;
        if (slot[c[0]] < 0) continue;
        int64_t r[SYSTEC_MAX_ORDER] = {0};
        for (;;) { /* every element (r_1, .., r_m) of the slice */
            long double t = F->val[e];
            int64_t off = 0;
            for (int q = 0; q < m; q++) {
                t *= B[c[q + 1] * R + r[q]];
                off = off * R + r[q];
            }
            off += slot[c[0]] * slice;
            acc[off] += t;
            bound[off] += (double)fabsl(t);
            int q = m - 1;
            while (q >= 0 && r[q] == R - 1) r[q--] = 0;
            if (q < 0) break;
            r[q]++;
        }
    }
    for (int64_t q = 0; q < cells; q++) C[q] = (double)acc[q];
    free(acc);
}

/* a partial Fisher-Yates shuffle draws the sample */
int64_t ref_slices(int64_t n, int64_t slice, int64_t *sel, int64_t *slot)
{
    const double per_elem = sizeof(long double) + 2 * sizeof(double); /* sum, result, bound */
    int64_t nsel = n;
    if ((double)n * (double)slice * per_elem > REF_LIMIT && n > REF_SLICES) {
        nsel = REF_SLICES;
        for (int64_t j = 0; j < n; j++) slot[j] = j;
        uint64_t seed = SLICE_SEED;
        for (int64_t t = 0; t < nsel; t++) { /* slot[0..nsel) becomes the sample */
            int64_t u = t + (int64_t)(rng_next(&seed) % (uint64_t)(n - t));
            int64_t sw = slot[t];
            slot[t] = slot[u];
            slot[u] = sw;
        }
        for (int64_t t = 0; t < nsel; t++) sel[t] = slot[t];
        for (int64_t j = 0; j < n; j++) slot[j] = -1;
        for (int64_t t = 0; t < nsel; t++) slot[sel[t]] = 0; /* mark, then number in order */
    } else {
        for (int64_t j = 0; j < n; j++) slot[j] = 0;
    }
    int64_t w = 0;
    for (int64_t j = 0; j < n; j++)
        if (slot[j] >= 0) {
            sel[w] = j;
            slot[j] = w++;
        }
    return w;
}
