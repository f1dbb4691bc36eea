/* Entry lists ordered by output row, for the generated coordinate kernels
 * of storages byout and byrow (and a baseline writing a sparse output):
 * the instances of a symmetric program built from the canonical entries and
 * the generated instance table of a spec (systec_inst_<spec>,
 * systec_rowinst_<spec>), sorted by the generated key (systec_instkey_<spec>:
 * the output's coordinates first), and for a sparse output (format OUT
 * sparse) each entry's row and the rows' coordinates (the symbolic phase).
 * Not exported. */
#ifndef SYSTEC_COO_ORDER_H
#define SYSTEC_COO_ORDER_H

#include "internal.h"
#include "systec_kernels.h" /* systec_gface_t */

/* One list: nnz entries of ncoord int64 coordinates and a value each. */
typedef struct systec__olist {
    int64_t nnz;
    int ncoord;
    systec_dtype_t dt;
    int64_t *coord;
    void *val;
    int64_t *pos;  /* each entry's output row (after systec__olist_rows), or NULL */
    int64_t nrows; /* rows, and each one's nlead output coordinates */
    int nlead;
    int64_t *rows;
} systec__olist;

/* A generated instance table: per row, the tie pattern (face), the weight
 * num/den and, for each of the ncoord coordinates, the face's stored
 * coordinate it copies; facepos[f] lists the canonical positions a face
 * stores (-1 after the last). */
typedef struct {
    const int (*row)[3 + SYSTEC_MAX_ORDER];
    int nrow, ncoord;
    const int (*facepos)[SYSTEC_MAX_ORDER];
} systec__insttab;

/* The instances of nnz canonical entries (sorted tuples of `order` int64
 * coordinates, values val): every entry once per table row of its tie
 * pattern, its value times the row's weight. */
systec_status_t systec__olist_instances(const char *fn, int order, int64_t nnz,
                                        const int64_t *coord, const double *val,
                                        const systec__insttab *tab, systec_dtype_t dt,
                                        systec__olist *L);
/* The tie pattern of a sorted tuple of N coordinates: bit k set when
 * c[k] == c[k+1] (the face of the canonical region it lies on). */
static inline unsigned systec__tie_mask(const int64_t *c, int N)
{
    unsigned mask = 0;
    for (int k = 0; k + 1 < N; k++)
        if (c[k] == c[k + 1]) mask |= 1u << k;
    return mask;
}
/* A copy of a coordinate list as it is (a baseline's full entries). */
systec_status_t systec__olist_copy(const char *fn, int order, int64_t nnz, const int64_t *coord,
                                   const double *val, systec_dtype_t dt, systec__olist *L);
/* Sorts L by the coordinates at key[0..ncoord) (lexicographic), each in
 * [0, dim): a radix sort, one counting pass per position. */
systec_status_t systec__olist_sort(const char *fn, systec__olist *L, const int *key, int64_t dim);
/* After sorting with the output's nlead coordinates first: numbers the
 * distinct tuples of them (the rows of a sparse output, in increasing
 * order), fills pos and rows. */
systec_status_t systec__olist_rows(const char *fn, systec__olist *L, const int *key, int nlead);
/* The list as a one-face generic kernel argument. */
systec_gface_t systec__olist_face(const systec__olist *L);
void systec__olist_free(systec__olist *L);

#endif
