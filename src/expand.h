/* The full expansion of a symmetric handle: both triangles and the stored
 * diagonal as one general CSR matrix (rows sorted by column). A plan builds
 * it when its parallel kernels run faster on it than on the triangle
 * (plan.c); systec_csrmat_from_symmat returns it as a general handle.
 *
 * Row r holds, in this order: the strictly-lower entries of row r, the
 * diagonal entry if stored, then the entries (c, r) of the lower rows
 * c > r (column r of the triangle), so every row is sorted. An absent
 * diagonal stays absent (it contributes nothing, not zero times x). */
#ifndef SYSTEC_EXPAND_H
#define SYSTEC_EXPAND_H

#include "systec.h"

#include <stdint.h>

typedef struct systec__full {
    int64_t n, nnz;         /* rows; entries: twice the strictly-lower ones
                               plus the stored diagonals */
    void *rowptr;           /* n + 1, the handle's index type */
    void *colidx;           /* nnz, the handle's index type */
    void *val;              /* nnz, the handle's value type */
    int64_t *cur;           /* n: scratch of the values pass */
    double seconds;         /* time its building took */
} systec__full;

/* The pattern of A's expansion for the diagonal flags dhas (n flags, or
 * NULL: every row stores its diagonal), values not yet filled.
 * SYSTEC_ERR_OUT_OF_MEMORY, or SYSTEC_ERR_INDEX_OVERFLOW when the entries
 * do not fit the handle's index type; *out is then NULL. */
systec_status_t systec__full_pattern(const systec_symmat_t *A, const unsigned char *dhas,
                                     systec__full **out);
/* Fills F's values from A's (F's pattern is A's, for A->dhas). */
void systec__full_values(const systec_symmat_t *A, systec__full *F);
/* Both: the expansion of A as it is now. */
systec_status_t systec__full_build(const systec_symmat_t *A, systec__full **out);
/* Frees F (NULL is fine). */
void systec__full_free(systec__full *F);
/* Bytes of F's arrays. */
double systec__full_bytes(const systec__full *F, systec_itype_t it, systec_dtype_t dt);

#endif
