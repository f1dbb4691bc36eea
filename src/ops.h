/* The matrix operations of the library as one table (ops.c): what each
 * operation is, which generated kernels serve it, and how its arguments
 * are checked. Adding an operation over a symmetric sparse matrix is a
 * spec in gen/kernels, one row of this table and its typed entry points. */
#ifndef SYSTEC_OPS_H
#define SYSTEC_OPS_H

#include "internal.h"
#include "systec_kernels.h"

/* Operation flags. */
enum {
    SYSTEC__OPF_SCALED = 1,  /* alpha and beta: out := alpha*(...) + beta*out */
    SYSTEC__OPF_SCALAR = 2,  /* the output is one scalar */
    SYSTEC__OPF_DENSE_K = 4, /* dense n-by-k operands (row-major): k columns */
    SYSTEC__OPF_SQUARE = 8,  /* the general (baseline) form needs a square matrix */
    SYSTEC__OPF_TWO_IN = 16, /* two dense inputs (x and y) */
};

typedef struct systec__opdesc {
    systec_op_t op;
    const char *name;           /* as in the entry points: symv, syprd, ... */
    int kop;                    /* the generated operation, SYSTEC_KOP_* */
    systec_semiring_t semiring; /* of the handles it runs on */
    unsigned flags;             /* SYSTEC__OPF_* */
    unsigned stream_use;        /* SYSTEC__STREAM_SCATTER or _REDUCE (dispatch.h) */
} systec__opdesc;

/* The operation's row, or NULL if op is not a matrix operation. */
const systec__opdesc *systec__op(systec_op_t op);
/* The rows, for plans that cover every operation of a handle. */
const systec__opdesc *systec__ops(int *count);
/* A symmetric handle's operand in kernel arguments, with the entry stream
 * row (A->row, or one built for a measurement). */
void systec__kargs_symmat(const systec_symmat_t *A, const void *row, systec_kargs_t *a);

#endif
