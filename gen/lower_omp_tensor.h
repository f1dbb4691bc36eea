/* lower_omp_tensor.c: the parallel schedules (OpenMP) of the
 * rank-specialised tensor kernels of lower_ranked.c. */
#ifndef SYSTEC_GEN_LOWER_OMP_TENSOR_H
#define SYSTEC_GEN_LOWER_OMP_TENSOR_H

#include "ir.h"

/* What the parallel schedule of one serial kernel family needs to know. */
typedef struct {
    const Spec *s;
    const char *storage; /* the serial kernels' storage ("fold", "foldtree", "fibers") */
    int tree;            /* the tree ABI (systec_csf_t), else the entry ABI */
    int ntrees;          /* tree ABI: trees the csf argument points to */
    int N;               /* entry ABI: coordinates per entry */
    int ndense;          /* ld[ndense] is the output's leading dimension */
    int free_id;         /* dims[free_id]: the columns of the call's block */
    int row_id;          /* dims[row_id]: the output's rows (omp_private) */
    int owner;           /* every tree's root is the output's first mode:
                            omp_owner (parts own output rows) */
    int priv;            /* the output is a matrix of rows [row_id][free_id]:
                            omp_private (per-part copies, summed) */
} OmpTensor;

/* Emits omp_private and/or omp_owner (as t allows) for float and double,
 * appending their KernelInfo; returns their number, or -1 with err set. */
int lower_omp_tensor(const OmpTensor *t, Out *code, Out *decl, KernelInfo *info, int maxinfo,
                     char *err, size_t errlen);

#endif
