/* Public matrix operations: O(1) argument checks, then the generated kernel
 * for the storage at hand, looked up once in the registry.
 *
 *   systec_?<op>_csr   one triangle with its diagonal -> trilo / triup kernel
 *   systec_?<op>       symmetric handle               -> split kernel
 *   systec_?ge<..>     general CSR / general handle   -> full kernel (baseline)
 *
 * for op = symv (y := alpha*A*x + beta*y), syprd (s := alpha*x'Ax + beta*s)
 * and symv_minplus (y := min(y, A (min,+) x)), each in the schedule
 * choose_sched() picks. */
#include "internal.h"
#include "registry.h"

#include <stdatomic.h>

/* ------------------------------------------------------------ schedules */

/* The generator emits two schedules per storage: "serial" (unrolled by 4,
 * remainder switch, software prefetch) and "serial_short" (a plain loop).
 * The plain loop is faster when rows hold few entries and the matrix is
 * cache-sized; memory-resident matrices need the prefetch even with short
 * rows. Compiled-in defaults, measured on the development machine (Zen 5,
 * 1 MiB L2, 32 MiB L3) with the SuiteSparse test matrices and the two
 * synthetic 1e6-row matrices; systec-tune will measure them per machine. */
#define SHORT_ROW_ENTRIES 12.0        /* stored entries per row, below: short */
#define SHORT_ROW_MAX_BYTES (8 << 20) /* matrix bytes, above: memory-resident */

enum { SCHED_UNROLLED = 0, SCHED_SHORT = 1 };
static const char *const sched_name[2] = {"serial", "serial_short"};

static int choose_sched(int64_t nrows, int64_t nnz, size_t isize, size_t vsize)
{
    double bytes = (double)nnz * (double)(isize + vsize) + (double)(nrows + 1) * (double)isize;
    int shortrows = nrows > 0 && (double)nnz < SHORT_ROW_ENTRIES * (double)nrows;
    return shortrows && bytes <= (double)SHORT_ROW_MAX_BYTES ? SCHED_SHORT : SCHED_UNROLLED;
}

/* The stream kernels (one list of entries that carry their row) replace the
 * row loop for matrices with many short rows of irregular length: there the
 * loop exit mispredicts once per row, a large share of a row's work, and
 * past some ten thousand rows the branch predictor cannot learn the
 * sequence across calls (wing, 62032 rows of 0-4 strictly-lower entries:
 * 2.2x faster as a stream for symv; random, 1e6 rows of about 8: syprd
 * 1.3x -> 2.0x over the baseline, symm 1.25x -> 1.45x, symv and min-plus
 * about 10% faster). syprd, which reduces to a scalar and has no scatter,
 * also takes it for any matrix with under two entries per row, where the
 * row loop's fixed cost dominates even when predicted (494_bus 1.4x ->
 * 1.7x, bcsstm25 1.2x -> 2.3x; from three entries per row on the row loop
 * wins: jagmesh7 2.0x vs 1.75x); for the scatters the second scattered
 * write per entry costs more than that. Compiled-in defaults, measured on
 * the development machine with the SuiteSparse test matrices and the two
 * synthetic 1e6-row matrices; systec-tune will measure them per machine. */
#define STREAM_MIN_ROWS 16384       /* fewer rows: the predictor learns them */
#define STREAM_MAX_ENTRIES 12.0     /* stored entries per row, above: long rows */
#define STREAM_MIN_CHANGE 0.3       /* share of rows whose length differs from
                                       the previous row's */
#define REDUCE_STREAM_SHORT 2.0     /* syprd on any rows, below: the stream */

unsigned systec__stream_uses(int64_t n, int64_t nnz, const void *rowptr, systec_itype_t it)
{
    if (n == 0) return 0;
    double per_row = (double)nnz / (double)n;
    unsigned uses = per_row < REDUCE_STREAM_SHORT ? SYSTEC__STREAM_REDUCE : 0;
    if (n < STREAM_MIN_ROWS || per_row >= STREAM_MAX_ENTRIES) return uses;
    int64_t changes = 0, prev = -1;
    for (int64_t r = 0; r < n; r++) {
        int64_t len = systec__iget(rowptr, it, r + 1) - systec__iget(rowptr, it, r);
        changes += r > 0 && len != prev;
        prev = len;
    }
    if ((double)changes < STREAM_MIN_CHANGE * (double)(n - 1)) return uses;
    return SYSTEC__STREAM_SCATTER | SYSTEC__STREAM_REDUCE;
}

/* The stream kernels' schedule: software prefetch only where the entries
 * (with their row array) outgrow the caches, as for the row loops. */
static int stream_sched(int64_t nnz, size_t isize, size_t vsize)
{
    double bytes = (double)nnz * (double)(2 * isize + vsize);
    return bytes <= (double)SHORT_ROW_MAX_BYTES ? SCHED_SHORT : SCHED_UNROLLED;
}

/* A registry lookup cached per call site and schedule. */
typedef _Atomic(systec_kfn) slot_t[2];

static systec_kfn kernel(slot_t slot, int sched, const char *op, const char *storage, char dtype,
                         int i64)
{
    systec_kfn f = atomic_load_explicit(&slot[sched], memory_order_acquire);
    if (!f) {
        f = systec__kernel_lookup(op, storage, sched_name[sched], dtype, i64);
        atomic_store_explicit(&slot[sched], f, memory_order_release);
    }
    return f;
}

/* --------------------------------------------------------------- checks */

static systec_status_t check_uplo(systec_uplo_t uplo)
{
    if (uplo == SYSTEC_LOWER || uplo == SYSTEC_UPPER) return SYSTEC_SUCCESS;
    return systec__fail(SYSTEC_ERR_INVALID_VALUE,
                        "uplo = %d, must be SYSTEC_LOWER or SYSTEC_UPPER", (int)uplo);
}

/* The O(1) checks of direct calls and handle calls are in check.c
 * (systec__check_direct, systec__check_handle); `reads` is 0 for alpha == 0,
 * where A and x are not read and may be NULL. */

/* alpha == 0: out := beta*out without reading A (BLAS semantics). */
#define SCALE_ONLY(T, len, beta, out)                                                            \
    for (int64_t k_ = 0; k_ < (int64_t)(len); k_++)                                              \
        (out)[k_] = (beta) == (T)0 ? (T)0 : (beta) * (out)[k_];

/* Kernel pointer types come from systec-gen (systec_kernels.h):
 * systec_kt_<s|d><op>_<storage>_<i32|i64>. */
#define KT(D, OP, ST, W) systec_kt_##D##OP##_##ST##_##W

#define ITYPE(I) (sizeof(I) == 8 ? SYSTEC_INT64 : SYSTEC_INT32)
#define NO_KERNEL() systec__fail(SYSTEC_ERR_INTERNAL, "no generated kernel")

/* ------------------------------------------------ scaled ops: symv, syprd */
/* OUTLEN(n) is the output length: n for symv, 1 for syprd. */

#define DEFINE_SCALED_TRI(T, I, D, OP, W, fname, OUTLEN)                                         \
    systec_status_t fname(systec_uplo_t uplo, I n, const I *rowptr, const I *colidx,             \
                          const T *val, T alpha, const T *x, T beta, T *out)                     \
    {                                                                                            \
        static slot_t lo, up;                                                                    \
        systec__clear_error();                                                                   \
        systec_status_t st = check_uplo(uplo);                                                   \
        if (!st) st = systec__check_direct(n, n, rowptr, ITYPE(I), colidx, val, x, out,        \
                                           alpha != (T)0);                                       \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, OUTLEN(n), beta, out)                                                  \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int sc = choose_sched(n, rowptr[n], sizeof(I), sizeof(T));                               \
        /* trilo and triup kernels share one signature */                                        \
        KT(D, OP, trilo, W) k = (KT(D, OP, trilo, W))kernel(                                     \
            uplo == SYSTEC_LOWER ? lo : up, sc, #OP, uplo == SYSTEC_LOWER ? "trilo" : "triup",   \
            (#D)[0], sizeof(I) == 8);                                                            \
        if (!k) return NO_KERNEL();                                                              \
        k(n, rowptr, colidx, val, alpha, x, beta, out);                                          \
        return SYSTEC_SUCCESS;                                                                   \
    }

/* General CSR, m-by-n; SQUARE(m, n) is the extra shape condition. */
#define DEFINE_SCALED_GE(T, I, D, OP, W, fname, OUTLEN)                                          \
    static systec_status_t fname##_mn(I m, I n, const I *rowptr, const I *colidx, const T *val,  \
                                      T alpha, const T *x, T beta, T *out)                       \
    {                                                                                            \
        static slot_t slot;                                                                      \
        systec__clear_error();                                                                   \
        systec_status_t st = systec__check_direct(m, n, rowptr, ITYPE(I), colidx, val, x, out,  \
                                                  alpha != (T)0);                                \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, OUTLEN(m), beta, out)                                                  \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int sc = choose_sched(m, rowptr[m], sizeof(I), sizeof(T));                               \
        KT(D, OP, full, W) k =                                                                   \
            (KT(D, OP, full, W))kernel(slot, sc, #OP, "full", (#D)[0], sizeof(I) == 8);          \
        if (!k) return NO_KERNEL();                                                              \
        k(m, n, rowptr, colidx, val, alpha, x, beta, out);                                       \
        return SYSTEC_SUCCESS;                                                                   \
    }

#define DEFINE_SCALED_HANDLES(T, DT, D, OP, sym_name, ge_name, OUTLEN, GE_CHECK, USE)            \
    systec_status_t sym_name(const systec_symmat_t *A, T alpha, const T *x, T beta, T *out)      \
    {                                                                                            \
        static slot_t s32, s64;                                                                  \
        systec__clear_error();                                                                   \
        if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A is NULL");                      \
        systec_status_t st = systec__check_handle(A->magic, SYSTEC_MAGIC_SYMMAT, A->dtype, DT,           \
                                          A->semiring, SYSTEC_PLUS_TIMES, x, out,                \
                                          alpha != (T)0);                                \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, OUTLEN(A->n), beta, out)                                               \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int i64 = A->itype == SYSTEC_INT64;                                                      \
        if (A->stream & (USE)) { /* the entry stream */                                          \
            static slot_t t32, t64;                                                              \
            int ss = stream_sched(A->nnz, systec__isize(A->itype), sizeof(T));                   \
            systec_kfn g = kernel(i64 ? t64 : t32, ss, #OP, "stream", (#D)[0], i64);             \
            if (!g) return NO_KERNEL();                                                          \
            if (i64)                                                                             \
                ((KT(D, OP, stream, i64))g)(A->n, A->nnz, A->row, A->colidx, A->val, A->diag, A->dhas,    \
                                            alpha, x, beta, out);                                \
            else                                                                                 \
                ((KT(D, OP, stream, i32))g)((int32_t)A->n, (int32_t)A->nnz, A->row, A->colidx,   \
                                            A->val, A->diag, A->dhas, alpha, x, beta, out);               \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int sc = choose_sched(A->n, A->nnz, systec__isize(A->itype), sizeof(T));                 \
        systec_kfn f = kernel(i64 ? s64 : s32, sc, #OP, "split", (#D)[0], i64);                  \
        if (!f) return NO_KERNEL();                                                              \
        if (i64)                                                                                 \
            ((KT(D, OP, split, i64))f)(A->n, A->rowptr, A->colidx, A->val, A->diag, A->dhas, alpha, x,    \
                                       beta, out);                                               \
        else                                                                                     \
            ((KT(D, OP, split, i32))f)((int32_t)A->n, A->rowptr, A->colidx, A->val, A->diag, A->dhas,     \
                                       alpha, x, beta, out);                                     \
        return SYSTEC_SUCCESS;                                                                   \
    }                                                                                            \
    systec_status_t ge_name(const systec_csrmat_t *G, T alpha, const T *x, T beta, T *out)       \
    {                                                                                            \
        static slot_t s32, s64;                                                                  \
        systec__clear_error();                                                                   \
        if (!G) return systec__fail(SYSTEC_ERR_NULL_POINTER, "G is NULL");                      \
        systec_status_t st = systec__check_handle(G->magic, SYSTEC_MAGIC_CSRMAT, G->dtype, DT,           \
                                          G->semiring, SYSTEC_PLUS_TIMES, x, out,                \
                                          alpha != (T)0);                                \
        if (!st) st = GE_CHECK(G);                                                               \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, OUTLEN(G->m), beta, out)                                               \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int i64 = G->itype == SYSTEC_INT64;                                                      \
        int sc = choose_sched(G->m, G->nnz, systec__isize(G->itype), sizeof(T));                 \
        systec_kfn f = kernel(i64 ? s64 : s32, sc, #OP, "full", (#D)[0], i64);                   \
        if (!f) return NO_KERNEL();                                                              \
        if (i64)                                                                                 \
            ((KT(D, OP, full, i64))f)(G->m, G->n, G->rowptr, G->colidx, G->val, alpha, x, beta,  \
                                      out);                                                      \
        else                                                                                     \
            ((KT(D, OP, full, i32))f)((int32_t)G->m, (int32_t)G->n, G->rowptr, G->colidx,        \
                                      G->val, alpha, x, beta, out);                              \
        return SYSTEC_SUCCESS;                                                                   \
    }

#define VECLEN(n) (n)
#define SCALARLEN(n) 1
#define ANY_SHAPE(G) SYSTEC_SUCCESS

/* x^T G x needs a square G */
static systec_status_t check_square(const systec_csrmat_t *G)
{
    if (G->m == G->n) return SYSTEC_SUCCESS;
    return systec__fail(SYSTEC_ERR_NOT_SQUARE, "x^T A x needs a square matrix, A is %lldx%lld",
                        (long long)G->m, (long long)G->n);
}

/* symv */
DEFINE_SCALED_TRI(float, int32_t, s, symv, i32, systec_ssymv_csr, VECLEN)
DEFINE_SCALED_TRI(float, int64_t, s, symv, i64, systec_ssymv_csr_i64, VECLEN)
DEFINE_SCALED_TRI(double, int32_t, d, symv, i32, systec_dsymv_csr, VECLEN)
DEFINE_SCALED_TRI(double, int64_t, d, symv, i64, systec_dsymv_csr_i64, VECLEN)
DEFINE_SCALED_GE(float, int32_t, s, symv, i32, sgemv32, VECLEN)
DEFINE_SCALED_GE(float, int64_t, s, symv, i64, sgemv64, VECLEN)
DEFINE_SCALED_GE(double, int32_t, d, symv, i32, dgemv32, VECLEN)
DEFINE_SCALED_GE(double, int64_t, d, symv, i64, dgemv64, VECLEN)
DEFINE_SCALED_HANDLES(float, SYSTEC_FLOAT, s, symv, systec_ssymv, systec_sgemv, VECLEN, ANY_SHAPE,
                      SYSTEC__STREAM_SCATTER)
DEFINE_SCALED_HANDLES(double, SYSTEC_DOUBLE, d, symv, systec_dsymv, systec_dgemv, VECLEN,
                      ANY_SHAPE, SYSTEC__STREAM_SCATTER)

systec_status_t systec_sgemv_csr(int32_t m, int32_t n, const int32_t *rowptr,
                                 const int32_t *colidx, const float *val, float alpha,
                                 const float *x, float beta, float *y)
{
    return sgemv32_mn(m, n, rowptr, colidx, val, alpha, x, beta, y);
}
systec_status_t systec_sgemv_csr_i64(int64_t m, int64_t n, const int64_t *rowptr,
                                     const int64_t *colidx, const float *val, float alpha,
                                     const float *x, float beta, float *y)
{
    return sgemv64_mn(m, n, rowptr, colidx, val, alpha, x, beta, y);
}
systec_status_t systec_dgemv_csr(int32_t m, int32_t n, const int32_t *rowptr,
                                 const int32_t *colidx, const double *val, double alpha,
                                 const double *x, double beta, double *y)
{
    return dgemv32_mn(m, n, rowptr, colidx, val, alpha, x, beta, y);
}
systec_status_t systec_dgemv_csr_i64(int64_t m, int64_t n, const int64_t *rowptr,
                                     const int64_t *colidx, const double *val, double alpha,
                                     const double *x, double beta, double *y)
{
    return dgemv64_mn(m, n, rowptr, colidx, val, alpha, x, beta, y);
}

/* syprd: x^T A x needs a square A, so the general call takes n only */
DEFINE_SCALED_TRI(float, int32_t, s, syprd, i32, systec_ssyprd_csr, SCALARLEN)
DEFINE_SCALED_TRI(float, int64_t, s, syprd, i64, systec_ssyprd_csr_i64, SCALARLEN)
DEFINE_SCALED_TRI(double, int32_t, d, syprd, i32, systec_dsyprd_csr, SCALARLEN)
DEFINE_SCALED_TRI(double, int64_t, d, syprd, i64, systec_dsyprd_csr_i64, SCALARLEN)
DEFINE_SCALED_GE(float, int32_t, s, syprd, i32, sgeprd32, SCALARLEN)
DEFINE_SCALED_GE(float, int64_t, s, syprd, i64, sgeprd64, SCALARLEN)
DEFINE_SCALED_GE(double, int32_t, d, syprd, i32, dgeprd32, SCALARLEN)
DEFINE_SCALED_GE(double, int64_t, d, syprd, i64, dgeprd64, SCALARLEN)
DEFINE_SCALED_HANDLES(float, SYSTEC_FLOAT, s, syprd, systec_ssyprd, systec_sgeprd, SCALARLEN,
                      check_square, SYSTEC__STREAM_REDUCE)
DEFINE_SCALED_HANDLES(double, SYSTEC_DOUBLE, d, syprd, systec_dsyprd, systec_dgeprd, SCALARLEN,
                      check_square, SYSTEC__STREAM_REDUCE)

systec_status_t systec_sgeprd_csr(int32_t n, const int32_t *rowptr, const int32_t *colidx,
                                  const float *val, float alpha, const float *x, float beta,
                                  float *s)
{
    return sgeprd32_mn(n, n, rowptr, colidx, val, alpha, x, beta, s);
}
systec_status_t systec_sgeprd_csr_i64(int64_t n, const int64_t *rowptr, const int64_t *colidx,
                                      const float *val, float alpha, const float *x, float beta,
                                      float *s)
{
    return sgeprd64_mn(n, n, rowptr, colidx, val, alpha, x, beta, s);
}
systec_status_t systec_dgeprd_csr(int32_t n, const int32_t *rowptr, const int32_t *colidx,
                                  const double *val, double alpha, const double *x, double beta,
                                  double *s)
{
    return dgeprd32_mn(n, n, rowptr, colidx, val, alpha, x, beta, s);
}
systec_status_t systec_dgeprd_csr_i64(int64_t n, const int64_t *rowptr, const int64_t *colidx,
                                      const double *val, double alpha, const double *x,
                                      double beta, double *s)
{
    return dgeprd64_mn(n, n, rowptr, colidx, val, alpha, x, beta, s);
}
/* ------------------------------------------------------- min-plus symv */

#define DEFINE_MINPLUS(T, I, D, W, tri_name, ge_name)                                            \
    systec_status_t tri_name(systec_uplo_t uplo, I n, const I *rowptr, const I *colidx,          \
                             const T *val, const T *x, T *y)                                     \
    {                                                                                            \
        static slot_t lo, up;                                                                    \
        systec__clear_error();                                                                   \
        systec_status_t st = check_uplo(uplo);                                                   \
        if (!st) st = systec__check_direct(n, n, rowptr, ITYPE(I), colidx, val, x, y, 1);      \
        if (st) return st;                                                                       \
        int sc = choose_sched(n, rowptr[n], sizeof(I), sizeof(T));                               \
        KT(D, symv_minplus, trilo, W) k = (KT(D, symv_minplus, trilo, W))kernel(                 \
            uplo == SYSTEC_LOWER ? lo : up, sc, "symv_minplus",                                  \
            uplo == SYSTEC_LOWER ? "trilo" : "triup", (#D)[0], sizeof(I) == 8);                  \
        if (!k) return NO_KERNEL();                                                              \
        k(n, rowptr, colidx, val, x, y);                                                         \
        return SYSTEC_SUCCESS;                                                                   \
    }                                                                                            \
    systec_status_t ge_name(I m, I n, const I *rowptr, const I *colidx, const T *val,            \
                            const T *x, T *y)                                                    \
    {                                                                                            \
        static slot_t slot;                                                                      \
        systec__clear_error();                                                                   \
        systec_status_t st = systec__check_direct(m, n, rowptr, ITYPE(I), colidx, val, x, y, 1); \
        if (st) return st;                                                                       \
        int sc = choose_sched(m, rowptr[m], sizeof(I), sizeof(T));                               \
        KT(D, symv_minplus, full, W) k = (KT(D, symv_minplus, full, W))kernel(                   \
            slot, sc, "symv_minplus", "full", (#D)[0], sizeof(I) == 8);                          \
        if (!k) return NO_KERNEL();                                                              \
        k(m, n, rowptr, colidx, val, x, y);                                                      \
        return SYSTEC_SUCCESS;                                                                   \
    }

DEFINE_MINPLUS(float, int32_t, s, i32, systec_ssymv_minplus_csr, systec_sgemv_minplus_csr)
DEFINE_MINPLUS(float, int64_t, s, i64, systec_ssymv_minplus_csr_i64, systec_sgemv_minplus_csr_i64)
DEFINE_MINPLUS(double, int32_t, d, i32, systec_dsymv_minplus_csr, systec_dgemv_minplus_csr)
DEFINE_MINPLUS(double, int64_t, d, i64, systec_dsymv_minplus_csr_i64, systec_dgemv_minplus_csr_i64)

#define DEFINE_MINPLUS_HANDLES(T, DT, D, sym_name, ge_name)                                      \
    systec_status_t sym_name(const systec_symmat_t *A, const T *x, T *y)                         \
    {                                                                                            \
        static slot_t s32, s64;                                                                  \
        systec__clear_error();                                                                   \
        if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A is NULL");                      \
        systec_status_t st = systec__check_handle(A->magic, SYSTEC_MAGIC_SYMMAT, A->dtype, DT,           \
                                          A->semiring, SYSTEC_MIN_PLUS, x, y, 1);                \
        if (st) return st;                                                                       \
        int i64 = A->itype == SYSTEC_INT64;                                                      \
        if (A->stream & SYSTEC__STREAM_SCATTER) { /* entry stream */                             \
            static slot_t t32, t64;                                                              \
            int ss = stream_sched(A->nnz, systec__isize(A->itype), sizeof(T));                   \
            systec_kfn g = kernel(i64 ? t64 : t32, ss, "symv_minplus", "stream", (#D)[0], i64);  \
            if (!g) return NO_KERNEL();                                                          \
            if (i64)                                                                             \
                ((KT(D, symv_minplus, stream, i64))g)(A->n, A->nnz, A->row, A->colidx, A->val,   \
                                                      A->diag, x, y);                            \
            else                                                                                 \
                ((KT(D, symv_minplus, stream, i32))g)((int32_t)A->n, (int32_t)A->nnz, A->row,    \
                                                      A->colidx, A->val, A->diag, x, y);         \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int sc = choose_sched(A->n, A->nnz, systec__isize(A->itype), sizeof(T));                 \
        systec_kfn f = kernel(i64 ? s64 : s32, sc, "symv_minplus", "split", (#D)[0], i64);       \
        if (!f) return NO_KERNEL();                                                              \
        if (i64)                                                                                 \
            ((KT(D, symv_minplus, split, i64))f)(A->n, A->rowptr, A->colidx, A->val, A->diag, x, \
                                                 y);                                             \
        else                                                                                     \
            ((KT(D, symv_minplus, split, i32))f)((int32_t)A->n, A->rowptr, A->colidx, A->val,    \
                                                 A->diag, x, y);                                 \
        return SYSTEC_SUCCESS;                                                                   \
    }                                                                                            \
    systec_status_t ge_name(const systec_csrmat_t *G, const T *x, T *y)                          \
    {                                                                                            \
        static slot_t s32, s64;                                                                  \
        systec__clear_error();                                                                   \
        if (!G) return systec__fail(SYSTEC_ERR_NULL_POINTER, "G is NULL");                      \
        systec_status_t st = systec__check_handle(G->magic, SYSTEC_MAGIC_CSRMAT, G->dtype, DT,           \
                                          G->semiring, SYSTEC_MIN_PLUS, x, y, 1);                \
        if (st) return st;                                                                       \
        int i64 = G->itype == SYSTEC_INT64;                                                      \
        int sc = choose_sched(G->m, G->nnz, systec__isize(G->itype), sizeof(T));                 \
        systec_kfn f = kernel(i64 ? s64 : s32, sc, "symv_minplus", "full", (#D)[0], i64);        \
        if (!f) return NO_KERNEL();                                                              \
        if (i64)                                                                                 \
            ((KT(D, symv_minplus, full, i64))f)(G->m, G->n, G->rowptr, G->colidx, G->val, x, y); \
        else                                                                                     \
            ((KT(D, symv_minplus, full, i32))f)((int32_t)G->m, (int32_t)G->n, G->rowptr,         \
                                                G->colidx, G->val, x, y);                        \
        return SYSTEC_SUCCESS;                                                                   \
    }

DEFINE_MINPLUS_HANDLES(float, SYSTEC_FLOAT, s, systec_ssymv_minplus, systec_sgemv_minplus)
DEFINE_MINPLUS_HANDLES(double, SYSTEC_DOUBLE, d, systec_dsymv_minplus, systec_dgemv_minplus)

/* ---------------------------------------------------------------- symm */
/* Y := alpha*A*X + beta*Y with X, Y dense and row-major, k columns. The
 * generator emits one schedule for kernels with a dense index. */

/* k columns of rows-by-k dense blocks: non-negative, and rows * k elements
 * addressable in bytes. */
static systec_status_t check_k(int64_t k, int64_t rows, systec_itype_t it)
{
    if (k < 0) return systec__fail(SYSTEC_ERR_INVALID_SIZE, "negative k = %lld", (long long)k);
    if (rows > 0 && k > (int64_t)(SIZE_MAX / sizeof(double) / 2) / rows)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "%lld x %lld dense blocks are too large",
                            (long long)rows, (long long)k);
    if (it == SYSTEC_INT32 && k > INT32_MAX)
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW, "k = %lld does not fit int32 indices",
                            (long long)k);
    return SYSTEC_SUCCESS;
}

#define DEFINE_SYMM(T, I, D, W, tri_name, ge_name)                                               \
    systec_status_t tri_name(systec_uplo_t uplo, I n, I k, const I *rowptr, const I *colidx,     \
                             const T *val, T alpha, const T *X, T beta, T *Y)                    \
    {                                                                                            \
        static slot_t lo, up;                                                                    \
        systec__clear_error();                                                                   \
        systec_status_t st = check_uplo(uplo);                                                   \
        if (!st) st = check_k(k, n, ITYPE(I));                                                     \
        if (!st) st = systec__check_direct(n, n, rowptr, ITYPE(I), colidx, val, X, Y,          \
                                           alpha != (T)0);                                       \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, (int64_t)n * k, beta, Y)                                               \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        KT(D, symm, trilo, W) f = (KT(D, symm, trilo, W))kernel(                                 \
            uplo == SYSTEC_LOWER ? lo : up, SCHED_UNROLLED, "symm",                              \
            uplo == SYSTEC_LOWER ? "trilo" : "triup", (#D)[0], sizeof(I) == 8);                  \
        if (!f) return NO_KERNEL();                                                              \
        f(n, k, rowptr, colidx, val, alpha, X, beta, Y);                                         \
        return SYSTEC_SUCCESS;                                                                   \
    }                                                                                            \
    systec_status_t ge_name(I m, I n, I k, const I *rowptr, const I *colidx, const T *val,       \
                            T alpha, const T *X, T beta, T *Y)                                   \
    {                                                                                            \
        static slot_t slot;                                                                      \
        systec__clear_error();                                                                   \
        systec_status_t st = check_k(k, m > n ? m : n, ITYPE(I));                                  \
        if (!st) st = systec__check_direct(m, n, rowptr, ITYPE(I), colidx, val, X, Y,          \
                                           alpha != (T)0);                                       \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, (int64_t)m * k, beta, Y)                                               \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        KT(D, symm, full, W) f = (KT(D, symm, full, W))kernel(slot, SCHED_UNROLLED, "symm",      \
                                                              "full", (#D)[0], sizeof(I) == 8);  \
        if (!f) return NO_KERNEL();                                                              \
        f(m, n, k, rowptr, colidx, val, alpha, X, beta, Y);                                      \
        return SYSTEC_SUCCESS;                                                                   \
    }

DEFINE_SYMM(float, int32_t, s, i32, systec_ssymm_csr, systec_sgemm_csr)
DEFINE_SYMM(float, int64_t, s, i64, systec_ssymm_csr_i64, systec_sgemm_csr_i64)
DEFINE_SYMM(double, int32_t, d, i32, systec_dsymm_csr, systec_dgemm_csr)
DEFINE_SYMM(double, int64_t, d, i64, systec_dsymm_csr_i64, systec_dgemm_csr_i64)

#define DEFINE_SYMM_HANDLES(T, DT, D, sym_name, ge_name)                                         \
    systec_status_t sym_name(const systec_symmat_t *A, int64_t k, T alpha, const T *X, T beta,   \
                             T *Y)                                                               \
    {                                                                                            \
        static slot_t s32, s64;                                                                  \
        systec__clear_error();                                                                   \
        if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A is NULL");                      \
        systec_status_t st = systec__check_handle(A->magic, SYSTEC_MAGIC_SYMMAT, A->dtype, DT,           \
                                          A->semiring, SYSTEC_PLUS_TIMES, X, Y,                  \
                                          alpha != (T)0);                                \
        if (!st) st = check_k(k, A->n, A->itype);                                                  \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, A->n * k, beta, Y)                                                     \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int i64 = A->itype == SYSTEC_INT64;                                                      \
        if (A->stream & SYSTEC__STREAM_SCATTER) { /* entry stream */                             \
            static slot_t t32, t64;                                                              \
            systec_kfn g = kernel(i64 ? t64 : t32, SCHED_UNROLLED, "symm", "stream", (#D)[0], i64); \
            if (!g) return NO_KERNEL();                                                          \
            if (i64)                                                                             \
                ((KT(D, symm, stream, i64))g)(A->n, k, A->nnz, A->row, A->colidx, A->val,        \
                                              A->diag, A->dhas, alpha, X, beta, Y);                       \
            else                                                                                 \
                ((KT(D, symm, stream, i32))g)((int32_t)A->n, (int32_t)k, (int32_t)A->nnz,        \
                                              A->row, A->colidx, A->val, A->diag, A->dhas, alpha, X,      \
                                              beta, Y);                                          \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        systec_kfn f = kernel(i64 ? s64 : s32, SCHED_UNROLLED, "symm", "split", (#D)[0], i64);   \
        if (!f) return NO_KERNEL();                                                              \
        if (i64)                                                                                 \
            ((KT(D, symm, split, i64))f)(A->n, k, A->rowptr, A->colidx, A->val, A->diag, A->dhas, alpha,  \
                                         X, beta, Y);                                            \
        else                                                                                     \
            ((KT(D, symm, split, i32))f)((int32_t)A->n, (int32_t)k, A->rowptr, A->colidx,        \
                                         A->val, A->diag, A->dhas, alpha, X, beta, Y);                    \
        return SYSTEC_SUCCESS;                                                                   \
    }                                                                                            \
    systec_status_t ge_name(const systec_csrmat_t *G, int64_t k, T alpha, const T *X, T beta,    \
                            T *Y)                                                                \
    {                                                                                            \
        static slot_t s32, s64;                                                                  \
        systec__clear_error();                                                                   \
        if (!G) return systec__fail(SYSTEC_ERR_NULL_POINTER, "G is NULL");                      \
        systec_status_t st = systec__check_handle(G->magic, SYSTEC_MAGIC_CSRMAT, G->dtype, DT,           \
                                          G->semiring, SYSTEC_PLUS_TIMES, X, Y,                  \
                                          alpha != (T)0);                                \
        if (!st) st = check_k(k, G->m > G->n ? G->m : G->n, G->itype);                             \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, G->m * k, beta, Y)                                                     \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int i64 = G->itype == SYSTEC_INT64;                                                      \
        systec_kfn f = kernel(i64 ? s64 : s32, SCHED_UNROLLED, "symm", "full", (#D)[0], i64);    \
        if (!f) return NO_KERNEL();                                                              \
        if (i64)                                                                                 \
            ((KT(D, symm, full, i64))f)(G->m, G->n, k, G->rowptr, G->colidx, G->val, alpha, X,   \
                                        beta, Y);                                                \
        else                                                                                     \
            ((KT(D, symm, full, i32))f)((int32_t)G->m, (int32_t)G->n, (int32_t)k, G->rowptr,     \
                                        G->colidx, G->val, alpha, X, beta, Y);                   \
        return SYSTEC_SUCCESS;                                                                   \
    }

DEFINE_SYMM_HANDLES(float, SYSTEC_FLOAT, s, systec_ssymm, systec_sgemm)
DEFINE_SYMM_HANDLES(double, SYSTEC_DOUBLE, d, systec_dsymm, systec_dgemm)
