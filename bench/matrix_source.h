/*
 * A matrix as the bench holds it, apart from the library: the entries read
 * from the file, or the lower triangle a generator made. The reference
 * results and the plain loops' CSR are built from it, never from a
 * libsystec handle.
 */
#ifndef BENCH_MATRIX_SOURCE_H
#define BENCH_MATRIX_SOURCE_H

#include <stdint.h>

#include "systec.h"

typedef struct source {
    int64_t n;
    int is_coo;
    systec_coo_t coo;         /* file matrices */
    int32_t *rowptr, *colidx; /* synthetic: lower CSR incl. diagonal */
    double *val;
} source_t;

void source_free(source_t *s);

/* Calls visit(ctx, r, c, v) for every entry of the full matrix (both
 * triangles of a symmetric one), in a fixed order. */
void source_foreach(const source_t *s, void (*visit)(void *ctx, int64_t r, int64_t c, double v),
                    void *ctx);

/* The reference for the vector operations, in double, from the entries
 * (rounded to float first when single): y = A x with x and y n-by-cols
 * row-major, or y = A (min,+) x from y = +inf (minplus), or s = x^T A x in
 * yref[0] (scalar); ax gets the matching sum of |terms|, the scale of the
 * tolerance (n * cols entries each). */
void source_reference(const source_t *s, int single, int minplus, int scalar, int64_t cols,
                      const double *x, double *yref, double *ax);

/* The full CSR of the entries (rows in order of appearance), int32, values
 * in double or float (single): *rp (n + 1), *ci and *v, malloc'ed. */
void source_full_csr(const source_t *s, int single, int32_t **rp, int32_t **ci, void **v);

#endif /* BENCH_MATRIX_SOURCE_H */
