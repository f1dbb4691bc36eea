/* The matrix operations: one table (what each operation is) and one
 * skeleton that serves every entry point of every operation:
 *
 *   systec_?<sy op>_csr   one triangle with its diagonal (direct call)
 *   systec_?<ge op>_csr   a general CSR matrix (direct call, the baseline)
 *   systec_?<sy op>       a symmetric handle, on its plan
 *   systec_?<ge op>       a general handle, on its plan
 *
 * Each entry point packs its arguments into a `call` and hands it to run():
 * O(1) argument checks, alpha == 0 (out := beta*out without reading A),
 * the plan (a transient one for direct calls, the handle's otherwise), and
 * the chosen kernel through its generated call thunk. */
#include "ops.h"

#include "expand.h"
#include "kernels.h"
#include "partition.h"
#include "plan.h"
#include "threads.h"

/* ------------------------------------------------------------ the table */

static const systec__opdesc optable[] = {
    {SYSTEC_OP_SYMV, "symv", SYSTEC_KOP_symv, SYSTEC_PLUS_TIMES, SYSTEC__OPF_SCALED,
     SYSTEC__STREAM_SCATTER},
    {SYSTEC_OP_SYPRD, "syprd", SYSTEC_KOP_syprd, SYSTEC_PLUS_TIMES,
     SYSTEC__OPF_SCALED | SYSTEC__OPF_SCALAR | SYSTEC__OPF_SQUARE, SYSTEC__STREAM_REDUCE},
    {SYSTEC_OP_SYMM, "symm", SYSTEC_KOP_symm, SYSTEC_PLUS_TIMES,
     SYSTEC__OPF_SCALED | SYSTEC__OPF_DENSE_K, SYSTEC__STREAM_SCATTER},
    {SYSTEC_OP_SYMV_MINPLUS, "symv_minplus", SYSTEC_KOP_symv_minplus, SYSTEC_MIN_PLUS, 0,
     SYSTEC__STREAM_SCATTER},
    {SYSTEC_OP_BILIN, "sybilin", SYSTEC_KOP_bilin, SYSTEC_PLUS_TIMES,
     SYSTEC__OPF_SCALED | SYSTEC__OPF_SCALAR | SYSTEC__OPF_SQUARE | SYSTEC__OPF_TWO_IN,
     SYSTEC__STREAM_REDUCE},
};
enum { NOPS = sizeof optable / sizeof optable[0] };

const systec__opdesc *systec__op(systec_op_t op)
{
    for (int k = 0; k < NOPS; k++)
        if (optable[k].op == op) return &optable[k];
    return NULL;
}

const systec__opdesc *systec__ops(int *count)
{
    *count = NOPS;
    return optable;
}

/* ----------------------------------------------------------- one call */

/* What the operand is: one triangle, a general matrix, or a handle. */
typedef enum { FORM_LOWER, FORM_UPPER, FORM_GENERAL, FORM_SYMMAT, FORM_CSRMAT } form_t;

typedef struct {
    const systec__opdesc *op;
    systec_dtype_t dt;
    systec_itype_t it;
    int64_t m, n, k;                  /* direct calls: shape and dense columns */
    const void *rowptr, *colidx, *val; /* direct calls: the matrix */
    double alpha, beta;
    const void *in[2];
    void *out;
} call;

static int scaled(const call *c) { return c->op->flags & SYSTEC__OPF_SCALED; }

/* Output length for an operand of `rows` rows. */
static int64_t out_len(const call *c, int64_t rows)
{
    if (c->op->flags & SYSTEC__OPF_SCALAR) return 1;
    return c->op->flags & SYSTEC__OPF_DENSE_K ? rows * c->k : rows;
}

/* The dense inputs and the output: the output always, the inputs unless
 * alpha == 0 (then they are not read). */
static systec_status_t check_vectors(const call *c)
{
    if (!c->out) return systec__fail(SYSTEC_ERR_NULL_POINTER, "the output is NULL");
    if (scaled(c) && c->alpha == 0) return SYSTEC_SUCCESS;
    int two = c->op->flags & SYSTEC__OPF_TWO_IN;
    if (!c->in[0] || (two && !c->in[1]))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s is NULL",
                            !c->in[0] ? (two ? "x" : "the input") : "y");
    return SYSTEC_SUCCESS;
}

/* k columns of rows-by-k dense blocks: non-negative, addressable, and within
 * the index type. */
static systec_status_t check_k(const call *c, int64_t rows, systec_itype_t it)
{
    if (!(c->op->flags & SYSTEC__OPF_DENSE_K)) return SYSTEC_SUCCESS;
    int64_t k = c->k;
    if (k < 0) return systec__fail(SYSTEC_ERR_INVALID_SIZE, "negative k = %lld", (long long)k);
    if (rows > 0 && k > (int64_t)(SIZE_MAX / sizeof(double) / 2) / rows)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "%lld x %lld dense blocks are too large",
                            (long long)rows, (long long)k);
    if (it == SYSTEC_INT32 && k > INT32_MAX)
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW, "k = %lld does not fit int32 indices",
                            (long long)k);
    return SYSTEC_SUCCESS;
}

/* O(1) checks of a direct call's matrix: sizes, pointers, the row pointers'
 * ends (read once m >= 0 and rowptr != NULL are known). */
static systec_status_t check_direct(const call *c, form_t form)
{
    if (form != FORM_LOWER && form != FORM_UPPER && form != FORM_GENERAL)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE,
                            "uplo must be SYSTEC_LOWER ('L') or SYSTEC_UPPER ('U')");
    if (c->m < 0 || c->n < 0)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "negative size m=%lld n=%lld",
                            (long long)c->m, (long long)c->n);
    if (scaled(c) && c->alpha == 0) return SYSTEC_SUCCESS; /* A is not read: may be NULL */
    if (!c->rowptr) return systec__fail(SYSTEC_ERR_NULL_POINTER, "rowptr is NULL");
    int64_t rp0 = systec__iget(c->rowptr, c->it, 0), rpm = systec__iget(c->rowptr, c->it, c->m);
    if (rp0 != 0)
        return systec__fail(SYSTEC_ERR_INVALID_POINTERS, "rowptr[0] = %lld, must be 0",
                            (long long)rp0);
    if (rpm < 0)
        return systec__fail(SYSTEC_ERR_INVALID_POINTERS, "rowptr[%lld] = %lld is negative",
                            (long long)c->m, (long long)rpm);
    if (rpm > 0 && (!c->colidx || !c->val))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s is NULL with %lld entries",
                            !c->colidx ? "colidx" : "val", (long long)rpm);
    return SYSTEC_SUCCESS;
}

/* A handle's magic, value type and semiring. */
static systec_status_t check_handle(const call *c, const void *h, uint32_t magic, uint32_t want,
                                    systec_dtype_t dt, systec_semiring_t sr)
{
    if (!h) return systec__fail(SYSTEC_ERR_NULL_POINTER, "the handle is NULL");
    if (magic != want) return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a live handle");
    if (dt != c->dt)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "handle holds %s values",
                            dt == SYSTEC_DOUBLE ? "double" : "float");
    if (sr != c->op->semiring)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "handle was built for the %s semiring",
                            sr == SYSTEC_MIN_PLUS ? "min-plus" : "plus-times");
    return SYSTEC_SUCCESS;
}

/* alpha == 0: out := beta*out without reading A (BLAS semantics). */
static void scale_only(const call *c, int64_t len)
{
    if (c->dt == SYSTEC_DOUBLE) {
        double *y = c->out, b = c->beta;
        for (int64_t i = 0; i < len; i++) y[i] = b == 0 ? 0 : b * y[i];
    } else {
        float *y = c->out, b = (float)c->beta;
        for (int64_t i = 0; i < len; i++) y[i] = b == 0 ? 0 : b * y[i];
    }
}

/* The kernel arguments of a matrix operation: every field a matrix
 * kernel's thunk reads (m, n, k, nnz, ptr, row, idx, val, diag, dhas,
 * alpha, beta, in, out, part), the operand's set by the caller; the tensor
 * and SSYRK fields are left unset. Zeroing the whole struct (some 300
 * bytes, a `rep stos`) cost a 14-row matrix's SSYMV about as much as its
 * kernel. */
static void kargs(const call *c, systec_kargs_t *a)
{
    a->m = a->n = a->nnz = 0;
    a->k = c->k;
    a->ptr = a->row = a->idx = a->val = a->diag = NULL;
    a->dhas = NULL;
    a->alpha = c->alpha;
    a->beta = c->beta;
    a->in[0] = c->in[0];
    a->in[1] = c->in[1];
    a->in[2] = a->in[3] = NULL;
    a->out = c->out;
    a->part = NULL;
}

static const char *const form_name[] = {"a direct call on the lower triangle",
                                        "a direct call on the upper triangle",
                                        "a direct call on a general matrix", "a symmetric handle",
                                        "a general handle"};

/* A direct call: transient plan from O(1) quantities, then the kernel. */
static systec_status_t run_direct(const call *c, form_t form, const systec_kimpl_t *tab)
{
    systec__mshape s = {c->m, 0, -1, (int)systec__isize(c->it), (int)systec__vsize(c->dt), -1};
    int64_t stored = systec__iget(c->rowptr, c->it, c->m);
    s.entries = form == FORM_GENERAL ? stored : stored > c->n ? stored - c->n : 0;
    systec__opplan p = {0};
    systec__plan_direct(&p, c->op, &s, form == FORM_LOWER   ? SYSTEC_KST_trilo
                                       : form == FORM_UPPER ? SYSTEC_KST_triup
                                                            : SYSTEC_KST_full,
                        c->dt, c->it);
    if (p.kid < 0) return systec__fail(SYSTEC_ERR_INTERNAL, "no generated kernel");
    systec__plan_log(&p, c->op, &s, form_name[form], c->dt, c->it);
    systec_kargs_t a;
    kargs(c, &a);
    a.m = c->m;
    a.n = c->n;
    a.ptr = c->rowptr;
    a.idx = c->colidx;
    a.val = c->val;
    tab[p.kid].call(&a);
    return SYSTEC_SUCCESS;
}

/* The operand's rows and the plan of c's operation (NULL: a direct call),
 * after the form's checks. */
static systec_status_t operand(const call *c, form_t form, const void *h, int64_t *rows,
                               const systec__opplan **plan)
{
    if (form == FORM_SYMMAT) {
        const systec_symmat_t *A = h;
        systec_status_t st = check_handle(c, h, h ? A->magic : 0, SYSTEC_MAGIC_SYMMAT,
                                          h ? A->dtype : c->dt, h ? A->semiring : 0);
        if (st) return st;
        *rows = A->n;
        *plan = &A->plan.op[c->op->op];
        return check_k(c, A->n, A->itype);
    }
    if (form == FORM_CSRMAT) {
        const systec_csrmat_t *G = h;
        systec_status_t st = check_handle(c, h, h ? G->magic : 0, SYSTEC_MAGIC_CSRMAT,
                                          h ? G->dtype : c->dt, h ? G->semiring : 0);
        if (st) return st;
        if ((c->op->flags & SYSTEC__OPF_SQUARE) && G->m != G->n)
            return systec__fail(SYSTEC_ERR_NOT_SQUARE, "%s needs a square matrix, A is %lldx%lld",
                                c->op->name, (long long)G->m, (long long)G->n);
        *rows = G->m;
        *plan = &G->plan.op[c->op->op];
        return check_k(c, G->m > G->n ? G->m : G->n, G->itype);
    }
    systec_status_t st = check_direct(c, form);
    if (!st) st = check_k(c, c->m > c->n ? c->m : c->n, c->it);
    *rows = c->m;
    *plan = NULL;
    return st;
}

void systec__kargs_symmat(const systec_symmat_t *A, const void *row, systec_kargs_t *a)
{
    a->n = A->n;
    a->nnz = A->nnz;
    a->ptr = A->rowptr;
    a->row = row;
    a->idx = A->colidx;
    a->val = A->val;
    a->diag = A->diag;
    a->dhas = A->dhas;
}

/* The arguments of a full-storage kernel on a handle's expansion. */
static void full_args(const systec__full *F, systec_kargs_t *a)
{
    a->m = a->n = F->n;
    a->nnz = F->nnz;
    a->ptr = F->rowptr;
    a->idx = F->colidx;
    a->val = F->val;
}

/* A handle call: the handle's plan, then the kernel. A parallel plan runs
 * its serial kernel inside an enclosing parallel region (unless its thread
 * count was asked for) or when its buffers cannot be had. */
static void run_handle(const call *c, form_t form, const void *h, const systec__opplan *p,
                       const systec_kimpl_t *tab)
{
    systec_kargs_t a;
    kargs(c, &a);
    systec__part *part = p->parts;
    systec_kpart_t k;
    void *held = NULL;
    int kid = p->kid;
    if (part && (systec__threads_serial_now(p->nthreads > 0) ||
                 systec__part_begin(part, c->dt, c->op->flags & SYSTEC__OPF_DENSE_K ? c->k : 1,
                                    &k, &held)))
        kid = p->serial_kid, part = NULL;
    a.part = part ? &k : NULL;
    if (form == FORM_SYMMAT) {
        const systec_symmat_t *A = h;
        if (systec__kmeta(kid)->storage == SYSTEC_KST_full)
            full_args(A->full, &a);
        else
            systec__kargs_symmat(A, A->row, &a);
    } else {
        const systec_csrmat_t *G = h;
        a.m = G->m;
        a.n = G->n;
        a.ptr = G->rowptr;
        a.idx = G->colidx;
        a.val = G->val;
    }
    tab[kid].call(&a);
    if (part) systec__part_end(part, held);
}

static systec_status_t run(const call *c, form_t form, const void *h)
{
    systec__clear_error();
    int64_t rows = 0;
    const systec__opplan *p = NULL;
    const systec_kimpl_t *tab = NULL;
    systec_status_t st = operand(c, form, h, &rows, &p);
    if (!st) st = check_vectors(c);
    if (!st) st = systec__ktable_get(&tab);
    if (st) return st;
    if (scaled(c) && c->alpha == 0) {
        scale_only(c, out_len(c, rows));
        return SYSTEC_SUCCESS;
    }
    if (!p) return run_direct(c, form, tab);
    if (p->kid < 0) return systec__fail(SYSTEC_ERR_INTERNAL, "no plan for %s", c->op->name);
    run_handle(c, form, h, p, tab);
    return SYSTEC_SUCCESS;
}

/* ------------------------------------------------------- entry points */

#define DT(T) (sizeof(T) == 8 ? SYSTEC_DOUBLE : SYSTEC_FLOAT)
#define IT(I) (sizeof(I) == 8 ? SYSTEC_INT64 : SYSTEC_INT32)
#define TRI(uplo) ((uplo) == SYSTEC_LOWER ? FORM_LOWER : (uplo) == SYSTEC_UPPER ? FORM_UPPER : -1)
/* call {op row, types, m, n, k, rowptr, colidx, val, alpha, beta, {x, y}, out} */
#define CALL(OPI, T, I, M, N, K, RP, CI, V, AL, BE, X, X2, OUT)                                    \
    (&(call){&optable[OPI], DT(T), IT(I), M, N, K, RP, CI, V, AL, BE, {X, X2}, OUT})
enum { I_SYMV, I_SYPRD, I_SYMM, I_MINPLUS, I_BILIN };

/* Every entry point of each operation, for (T, I, prefix, suffix). */
#define ENTRY_TYPES(X) \
    X(float, int32_t, s, ) X(float, int64_t, s, _i64) X(double, int32_t, d, ) X(double, int64_t, d, _i64)
#define HANDLE_TYPES(X) X(float, s) X(double, d)

/* symv and syprd: (alpha, x, beta, out) */
#define SCALED_DIRECT(T, I, D, W)                                                                  \
    systec_status_t systec_##D##symv_csr##W(systec_uplo_t uplo, I n, const I *rp, const I *ci,   \
                                            const T *v, T alpha, const T *x, T beta, T *y)       \
    {                                                                                            \
        return run(CALL(I_SYMV, T, I, n, n, 0, rp, ci, v, alpha, beta, x, 0, y), TRI(uplo), 0);  \
    }                                                                                            \
    systec_status_t systec_##D##gemv_csr##W(I m, I n, const I *rp, const I *ci, const T *v,      \
                                            T alpha, const T *x, T beta, T *y)                   \
    {                                                                                            \
        return run(CALL(I_SYMV, T, I, m, n, 0, rp, ci, v, alpha, beta, x, 0, y), FORM_GENERAL,   \
                   0);                                                                           \
    }                                                                                            \
    systec_status_t systec_##D##syprd_csr##W(systec_uplo_t uplo, I n, const I *rp, const I *ci,  \
                                             const T *v, T alpha, const T *x, T beta, T *s)      \
    {                                                                                            \
        return run(CALL(I_SYPRD, T, I, n, n, 0, rp, ci, v, alpha, beta, x, 0, s), TRI(uplo), 0); \
    }                                                                                            \
    systec_status_t systec_##D##geprd_csr##W(I n, const I *rp, const I *ci, const T *v, T alpha, \
                                             const T *x, T beta, T *s)                           \
    {                                                                                            \
        return run(CALL(I_SYPRD, T, I, n, n, 0, rp, ci, v, alpha, beta, x, 0, s), FORM_GENERAL,  \
                   0);                                                                           \
    }                                                                                            \
    systec_status_t systec_##D##sybilin_csr##W(systec_uplo_t uplo, I n, const I *rp,             \
                                               const I *ci, const T *v, T alpha, const T *x,     \
                                               const T *y, T beta, T *s)                         \
    {                                                                                            \
        return run(CALL(I_BILIN, T, I, n, n, 0, rp, ci, v, alpha, beta, x, y, s), TRI(uplo), 0); \
    }                                                                                            \
    systec_status_t systec_##D##gebilin_csr##W(I n, const I *rp, const I *ci, const T *v,        \
                                               T alpha, const T *x, const T *y, T beta, T *s)    \
    {                                                                                            \
        return run(CALL(I_BILIN, T, I, n, n, 0, rp, ci, v, alpha, beta, x, y, s), FORM_GENERAL,  \
                   0);                                                                           \
    }                                                                                            \
    systec_status_t systec_##D##symm_csr##W(systec_uplo_t uplo, I n, I k, const I *rp,           \
                                            const I *ci, const T *v, T alpha, const T *X,        \
                                            T beta, T *Y)                                        \
    {                                                                                            \
        return run(CALL(I_SYMM, T, I, n, n, k, rp, ci, v, alpha, beta, X, 0, Y), TRI(uplo), 0);  \
    }                                                                                            \
    systec_status_t systec_##D##gemm_csr##W(I m, I n, I k, const I *rp, const I *ci,             \
                                            const T *v, T alpha, const T *X, T beta, T *Y)       \
    {                                                                                            \
        return run(CALL(I_SYMM, T, I, m, n, k, rp, ci, v, alpha, beta, X, 0, Y), FORM_GENERAL,   \
                   0);                                                                           \
    }                                                                                            \
    systec_status_t systec_##D##symv_minplus_csr##W(systec_uplo_t uplo, I n, const I *rp,        \
                                                    const I *ci, const T *v, const T *x, T *y)   \
    {                                                                                            \
        return run(CALL(I_MINPLUS, T, I, n, n, 0, rp, ci, v, 0, 0, x, 0, y), TRI(uplo), 0);      \
    }                                                                                            \
    systec_status_t systec_##D##gemv_minplus_csr##W(I m, I n, const I *rp, const I *ci,          \
                                                    const T *v, const T *x, T *y)                \
    {                                                                                            \
        return run(CALL(I_MINPLUS, T, I, m, n, 0, rp, ci, v, 0, 0, x, 0, y), FORM_GENERAL, 0);   \
    }
ENTRY_TYPES(SCALED_DIRECT)

/* The handle calls: the operand's shape comes from the handle. */
#define HANDLES(T, D)                                                                            \
    systec_status_t systec_##D##symv(const systec_symmat_t *A, T alpha, const T *x, T beta,      \
                                     T *y)                                                       \
    {                                                                                            \
        return run(CALL(I_SYMV, T, int64_t, 0, 0, 0, 0, 0, 0, alpha, beta, x, 0, y), FORM_SYMMAT, \
                   A);                                                                           \
    }                                                                                            \
    systec_status_t systec_##D##gemv(const systec_csrmat_t *G, T alpha, const T *x, T beta,      \
                                     T *y)                                                       \
    {                                                                                            \
        return run(CALL(I_SYMV, T, int64_t, 0, 0, 0, 0, 0, 0, alpha, beta, x, 0, y), FORM_CSRMAT, \
                   G);                                                                           \
    }                                                                                            \
    systec_status_t systec_##D##syprd(const systec_symmat_t *A, T alpha, const T *x, T beta,     \
                                      T *s)                                                      \
    {                                                                                            \
        return run(CALL(I_SYPRD, T, int64_t, 0, 0, 0, 0, 0, 0, alpha, beta, x, 0, s),            \
                   FORM_SYMMAT, A);                                                              \
    }                                                                                            \
    systec_status_t systec_##D##geprd(const systec_csrmat_t *G, T alpha, const T *x, T beta,     \
                                      T *s)                                                      \
    {                                                                                            \
        return run(CALL(I_SYPRD, T, int64_t, 0, 0, 0, 0, 0, 0, alpha, beta, x, 0, s),            \
                   FORM_CSRMAT, G);                                                              \
    }                                                                                            \
    systec_status_t systec_##D##sybilin(const systec_symmat_t *A, T alpha, const T *x,           \
                                        const T *y, T beta, T *s)                                \
    {                                                                                            \
        return run(CALL(I_BILIN, T, int64_t, 0, 0, 0, 0, 0, 0, alpha, beta, x, y, s),            \
                   FORM_SYMMAT, A);                                                              \
    }                                                                                            \
    systec_status_t systec_##D##gebilin(const systec_csrmat_t *G, T alpha, const T *x,           \
                                        const T *y, T beta, T *s)                                \
    {                                                                                            \
        return run(CALL(I_BILIN, T, int64_t, 0, 0, 0, 0, 0, 0, alpha, beta, x, y, s),            \
                   FORM_CSRMAT, G);                                                              \
    }                                                                                            \
    systec_status_t systec_##D##symm(const systec_symmat_t *A, int64_t k, T alpha, const T *X,   \
                                     T beta, T *Y)                                               \
    {                                                                                            \
        return run(CALL(I_SYMM, T, int64_t, 0, 0, k, 0, 0, 0, alpha, beta, X, 0, Y), FORM_SYMMAT, \
                   A);                                                                           \
    }                                                                                            \
    systec_status_t systec_##D##gemm(const systec_csrmat_t *G, int64_t k, T alpha, const T *X,   \
                                     T beta, T *Y)                                               \
    {                                                                                            \
        return run(CALL(I_SYMM, T, int64_t, 0, 0, k, 0, 0, 0, alpha, beta, X, 0, Y), FORM_CSRMAT, \
                   G);                                                                           \
    }                                                                                            \
    systec_status_t systec_##D##symv_minplus(const systec_symmat_t *A, const T *x, T *y)         \
    {                                                                                            \
        return run(CALL(I_MINPLUS, T, int64_t, 0, 0, 0, 0, 0, 0, 0, 0, x, 0, y), FORM_SYMMAT, A); \
    }                                                                                            \
    systec_status_t systec_##D##gemv_minplus(const systec_csrmat_t *G, const T *x, T *y)         \
    {                                                                                            \
        return run(CALL(I_MINPLUS, T, int64_t, 0, 0, 0, 0, 0, 0, 0, 0, x, 0, y), FORM_CSRMAT, G); \
    }
HANDLE_TYPES(HANDLES)
