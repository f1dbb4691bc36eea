/*
 * The generated inputs systec-tune measures (families.c): symmetric sparse
 * matrices of the kinds the dispatcher's rules tell apart -- stencils
 * (short regular rows), banded matrices (regular rows of any length),
 * uniform random patterns (irregular rows) and power-law graphs (skewed,
 * irregular rows) -- at sizes from cache-resident to memory-resident; and
 * random symmetric tensors of the SySTeC paper's configurations. All are
 * deterministic (fixed seeds).
 */
#ifndef TUNE_FAMILIES_H
#define TUNE_FAMILIES_H

#include <stddef.h>
#include <stdint.h>

#include "matrix_source.h" /* source_t: a lower triangle with its diagonal (CSR, int32) */
#include "systec.h"

enum { TK_STENCIL2D, TK_STENCIL3D7, TK_STENCIL3D27, TK_BANDED, TK_RANDOM, TK_POWERLAW, TK_TENSOR };

/* One generated input: a matrix family with its size and entries per row
 * (stencils: a the grid side; banded: b the half bandwidth; random and
 * power-law: a the rows, b the mean strictly-lower entries per row), or a
 * tensor (a the order, b the mode size, sp the sparsity). */
typedef struct tk_family_input {
    int kind;
    int64_t a;
    double b, sp;
} tk_family_input_t;

/* The tuner's inputs, in the order they are measured (a prefix of the
 * list covers every family and size class, so a small budget still spans
 * the rules), and their number. */
const tk_family_input_t *tk_family_list(int *count);
/* "random-65536x4", "stencil27-40^3", "mttkrp3-500-sp1e-04". */
void tk_family_name(const tk_family_input_t *f, char *buf, size_t len);
const char *tk_family_kind(const tk_family_input_t *f); /* "random", ... */
/* Makes a matrix input (rows sorted; free with source_free); 0, or -1 if
 * out of memory. The 27-point stencil and the random pattern are
 * systec-bench's generators (synthetic.h). */
int tk_family_matrix(const tk_family_input_t *f, source_t *T);
/* Makes a tensor input (systec_tns_random_symmetric); the library's status. */
systec_status_t tk_family_tensor(const tk_family_input_t *f, systec_tns_t *T);

#endif /* TUNE_FAMILIES_H */
