/* Plans: what runs for each operation on an operand, decided once.
 *
 * A handle carries a plan built at creation and rebuilt by
 * systec_*_optimize from its hints (expected calls, threads) and forced
 * variants: per operation the kernel (by id), its storage and schedule,
 * the rules that chose them, and the partitions and workspaces a parallel
 * variant needs (none for the serial kernels). A direct call builds a
 * transient plan on the stack from O(1) quantities. The same decision
 * functions (dispatch.c) serve both, from the same quantities. */
#ifndef SYSTEC_PLAN_H
#define SYSTEC_PLAN_H

#include "dispatch.h"
#include "tuning.h"

/* Matrix operations are numbered by systec_op_t (1..); index plans by it. */
#define SYSTEC__NOPS 8
/* Variants of one operation on a handle (storages x schedules with a kernel). */
#define SYSTEC__MAXVAR 16

/* What a per-matrix measurement found (measure.c): each candidate's median
 * seconds per call, and the calls it took. */
typedef struct systec__measured {
    int n, calls;
    int storage[SYSTEC__MAXVAR], sched[SYSTEC__MAXVAR];
    double seconds[SYSTEC__MAXVAR];
} systec__measured;

typedef struct systec__opplan {
    int kid;                  /* the kernel, SYSTEC_K_*; -1: the operation does not apply */
    int storage, sched;       /* SYSTEC_KST_*, SYSTEC_KSC_* */
    systec__rule storage_rule, sched_rule;
    int64_t expected_calls;   /* hint; 0: unknown (planned as for many calls) */
    int nthreads;             /* hint; 0: default */
    int force_storage;        /* SYSTEC_KST_* the caller forced, or -1 */
    int force_sched;          /* SYSTEC_KSC_* the caller forced, or -1 */
    systec__measured measured; /* n > 0 when the variant was measured */
    /* parallel variants: partitions and workspaces (none for serial kernels) */
    void *parts;              /* systec__part (partition.h), or NULL: serial */
    void *work;
    int serial_kid;           /* the serial kernel: inside an enclosing parallel
                                 region, or when the buffers cannot be had */
    int threads;              /* threads the plan runs with */
    systec__rule par_rule;    /* why parallel or not */
    systec__pshape par;       /* the quantities par_rule compared */
} systec__opplan;

typedef struct systec__plan {
    systec__mshape shape;             /* the quantities the decisions read */
    systec__opplan op[SYSTEC__NOPS];
    double prep_seconds;              /* storage built by the last planning */
    double prep_bytes;                /* and its size */
    double full_seconds, full_bytes;  /* the full expansion some operation runs
                                         on (0: none): its build time and size */
    int own_tuning;                   /* the handle has its own thresholds: */
    systec__tuning tuning;            /* these (else the process-wide ones) */
} systec__plan;

struct systec__opdesc;

/* Empty per-operation plans (no hints, nothing forced). */
void systec__plan_init(systec__plan *p);
/* Frees what the plan built (partitions, workspaces); the plan stays valid
 * as a serial one. */
void systec__plan_free(systec__plan *p);

/* The transient plan of a direct call: `storage` is the kernel storage of
 * the call's form (SYSTEC_KST_trilo, _triup or _full). */
void systec__plan_direct(systec__opplan *p, const struct systec__opdesc *op,
                         const systec__mshape *s, int storage, systec_dtype_t dt,
                         systec_itype_t it);

/* (Re)plans every operation of a symmetric handle from its plan's shape,
 * hints and forced variants, building or freeing the entry stream as the
 * plan needs it. On failure the handle is unchanged. */
systec_status_t systec__plan_symmat(systec_symmat_t *A);
/* The plan op would get on A (its hints and forced variants) under the
 * thresholds t (NULL: the handle's own), without building or changing
 * anything and without measuring. */
void systec__plan_preview(const systec_symmat_t *A, const struct systec__opdesc *op,
                          const systec__tuning *t, systec__opplan *out);
/* The variants op can run on a symmetric handle of these types: up to max
 * (storage, schedule) pairs with a generated kernel; returns their number. */
int systec__plan_candidates(const struct systec__opdesc *op, systec_dtype_t dt,
                            systec_itype_t it, int *storage, int *sched, int max);
/* "storage:schedule" of a plan's variant, as systec__plan_parse_variant reads. */
void systec__plan_variant_name(int storage, int sched, char *buf, size_t len);
/* Times each candidate variant of op on A (the entry stream row built),
 * about 30 kernel calls on scratch operands, and switches p to the fastest
 * when it beats p's variant by more than the measured noise; records the
 * times in p->measured. */
systec_status_t systec__measure_op(const systec_symmat_t *A, const void *row,
                                   const struct systec__opdesc *op, systec__opplan *p);
/* Plans every operation of a general handle (the baselines); on failure
 * (a forced variant without a kernel) the handle is unchanged. */
systec_status_t systec__plan_csrmat(systec_csrmat_t *G);

/* Parses a variant name for a forced plan: "storage", "schedule" or
 * "storage:schedule" (generated names: stream, split, serial, ...). */
systec_status_t systec__plan_parse_variant(const char *variant, int *storage, int *sched);

/* Writes the description of an operation's plan into buf (snprintf rules:
 * returns the length the whole text needs). `form` says what the operand
 * is ("a symmetric handle", "a direct call on the lower triangle", ...). */
size_t systec__plan_describe(const systec__opplan *p, const struct systec__opdesc *op,
                             const systec__plan *pl, const systec__mshape *s, const char *form,
                             systec_dtype_t dt, systec_itype_t it, char *buf, size_t len);
/* Logs the decision to stderr when SYSTEC_VERBOSE is set. */
void systec__plan_log(const systec__opplan *p, const struct systec__opdesc *op,
                      const systec__mshape *s, const char *form, systec_dtype_t dt,
                      systec_itype_t it);

#endif
