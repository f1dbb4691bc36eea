/* systec-bench --synthetic: the generated symmetric matrices, as lower
 * triangles (matrix_source.h). */
#ifndef BENCH_SYNTHETIC_H
#define BENCH_SYNTHETIC_H

#include <stddef.h>
#include <stdint.h>

#include "matrix_source.h"

/* 27-point stencil on a g^3 grid, natural ordering (k fastest), lower
 * triangle including the diagonal, rows sorted: 26 on the diagonal, -1 off. */
void gen_stencil(source_t *s, int g);
/* Uniform random symmetric pattern G(n, p) with p = (per_row - 1) / (n - 1)
 * plus the full diagonal, values uniform in [-1, 1), from seed. */
void gen_random(source_t *s, int64_t n, double per_row, uint64_t seed);

/* Their names: "stencil27-100^3", "random-1e6x16" (rows a power of ten) or
 * "random-4000x16". */
void stencil_name(char *buf, size_t size, int g);
void random_name(char *buf, size_t size, int64_t n, int per_row);

#endif /* BENCH_SYNTHETIC_H */
