/* SSYRK's parallel plan: rows split by estimated multiply-adds, the
 * cursors at each part's first row, and per-thread workspaces (syrk_part.c).
 * It lives in the product's plan (systec__aat_plan.par), made once by
 * systec_syrk / systec_aat and used by every numeric call after. */
#ifndef SYSTEC_SYRK_PART_H
#define SYSTEC_SYRK_PART_H

#include "internal.h"
#include "systec_kernels.h"

struct systec__syrk_par {
    systec_kpart_t kp; /* what the omp_rows kernels read */
    int64_t *r;       /* nparts + 1 row bounds */
    int64_t *boff;    /* nparts + 1: symbolic's output offsets per part */
    void *cur0;       /* nparts x k cursors at each part's first row (itype) */
    void *spa;        /* nthreads x m values, zero between calls */
    void *cur;        /* nthreads x k cursors, the kernels' own */
};

/* The multiply-adds of the product the plan describes (one pass over the
 * operand's entries), and the threads it runs on: the library's count when
 * it reaches par_min_entries per thread (and OpenMP is there), else 1. */
int64_t systec__syrk_work(const systec__aat_plan *p, const systec_csrmat_t *A);
int systec__syrk_threads(int64_t work);
/* Makes p->par for A's product on nthreads threads (several parts per
 * thread, each thread its own workspaces); on failure p is unchanged. */
systec_status_t systec__syrk_part(systec__aat_plan *p, const systec_csrmat_t *A, int nthreads);
void systec__syrk_par_free(systec__syrk_par *q);
/* The symbolic phase's offsets: part t writes from the sum of the row
 * bounds before it (bound: m entries). */
void systec__syrk_offsets(systec__syrk_par *q, const int64_t *bound);
/* After the parallel symbolic phase: moves each part's pattern down to
 * follow the previous part's and fixes the row pointers. */
void systec__syrk_close_gaps(const systec__syrk_par *q, systec_itype_t it, void *rp, void *ci);

#endif
