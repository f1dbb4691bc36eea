/* Parallel runs of the rank-specialised tensor kernels: the partition the
 * generated parallel schedules read (gen/lower_omp_tensor.c), built per
 * call from the handle's canonical storage. */
#ifndef SYSTEC_TENSOR_PAR_H
#define SYSTEC_TENSOR_PAR_H

#include "dispatch.h"
#include "systec_kernels.h"

/* The operand of one call, in the serial kernels' ABI. */
typedef struct {
    int op, storage;
    systec_dtype_t dt;
    const systec_csf_t *csf; /* tree ABI: ntrees trees, or NULL: */
    int ntrees;
    int64_t nnz;             /* entry ABI: sorted canonical entries */
    const int32_t *coord;
    int order;
    int64_t rows;  /* omp_private: the output's rows; omp_owner: the roots' coordinate extent */
    int64_t R;     /* columns of the call (the copies hold a block of at most R) */
} systec__tpar_call;

/* A call's parallel run: kind SYSTEC__TPAR_SERIAL (the serial kernels
 * run), else the parallel kernel kid with its partition. */
typedef struct {
    int kind, kid;
    systec__rule why;
    systec_kpart_t part;
    int64_t *arrays; /* the partition's arrays */
} systec__tpar;

/* Decides (systec__choose_tensor_par) and builds the partition and the
 * copies; serial when the kernels are missing or memory is short. */
void systec__tensor_par_begin(systec__tpar *p, const systec__tpar_call *c);
/* Frees what begin allocated. */
void systec__tensor_par_end(systec__tpar *p);
/* The kind (SYSTEC__TPAR_*) and thread count of this thread's last tensor
 * call that reached the kernels (tests check that forced variants ran). */
int systec__tensor_par_last(int *nthreads);

#endif
