/* Partitions for the parallel schedules (the generated omp_* kernels read
 * them as systec_kpart_t): a symmetric handle's rows split into parts
 * balanced by entries, the rows each part writes outside itself (its
 * buffer's range), and for omp_color the conflict-free blocks. Built when
 * an operation is planned, from the pattern only (values-only updates keep
 * them), freed with the plan. The buffers live in a workspace the
 * partition keeps between calls; a call that finds it in use by another
 * thread takes a buffer of its own, so any number of threads may call on
 * one handle at once. */
#ifndef SYSTEC_PARTITION_H
#define SYSTEC_PARTITION_H

#include "internal.h"
#include "systec_kernels.h"

#include <stdatomic.h>

/* A workspace kept between calls: taken by one call at a time. */
typedef struct {
    atomic_int busy;
    void *mem;
    size_t bytes;
} systec__ws;

typedef struct systec__part {
    systec_kpart_t k;    /* what the kernels read; buf and partial are set per call */
    int sched;           /* the SYSTEC_KSC_omp_* schedule it was built for */
    int64_t buf_rows;    /* rows of all buffers (times the dense columns) */
    double seconds;      /* time taken to build it */
    int64_t *arrays;     /* k's arrays, one allocation */
    systec__ws ws;
} systec__part;

/* The pattern a partition is built from: n rows of strictly-lower CSR, as
 * a symmetric handle holds it (rows sorted: O(n) to partition; unsorted:
 * O(entries)), or of a general matrix (rows only, no buffers). */
typedef struct {
    int64_t n;
    const void *ptr, *idx;
    systec_itype_t it;
    int sorted;
    int general; /* a general matrix (full storage): its rows write only themselves */
} systec__csr;

/* Builds the partition of A's rows for schedule `sched` (SYSTEC_KSC_omp_*)
 * into `nparts` parts run by `nthreads` threads (omp_color: blocks for
 * `nthreads` threads, one part). Returns
 * SYSTEC_SUCCESS, SYSTEC_ERR_OUT_OF_MEMORY, or for omp_color
 * SYSTEC_ERR_INVALID_VALUE when no colouring with at most 64 colours exists
 * (*out is then NULL, and no error detail is recorded for it). */
systec_status_t systec__part_build(const systec__csr *A, int sched, int nthreads, int nparts,
                                   systec__part **out);
void systec__part_free(systec__part *p);

/* The partition for one call with `cols` dense columns (1 for vectors): a
 * copy of p->k with the buffers and partial results in place, held until
 * systec__part_end. Returns 0, or -1 when memory for the buffers cannot be
 * had (the caller then runs the serial kernel). */
int systec__part_begin(systec__part *p, systec_dtype_t dt, int64_t cols, systec_kpart_t *k,
                       void **held);
void systec__part_end(systec__part *p, void *held);

#endif
