/* Public SSYMV and general CSR SpMV calls: O(1) argument checks, then the
 * generated kernel for the storage at hand (looked up once in the registry).
 *
 *   systec_?symv_csr   one triangle with its diagonal -> trilo / triup kernel
 *   systec_?symv       symmetric handle               -> split kernel
 *   systec_?gemv_csr   general CSR                    -> full kernel (baseline)
 *   systec_?gemv       general CSR handle             -> full kernel
 * each in the schedule choose_sched() picks.
 */
#include "internal.h"
#include "registry.h"

#include <stdatomic.h>

/* Kernel signatures, as systec-gen emits them for the symv spec. */
#define SYMV_TYPES(T, I, tag)                                                                    \
    typedef void (*tri_##tag)(I, const I *, const I *, const T *, T, const T *, T, T *);        \
    typedef void (*split_##tag)(I, const I *, const I *, const T *, const T *, T, const T *, T, \
                                T *);                                                           \
    typedef void (*full_##tag)(I, I, const I *, const I *, const T *, T, const T *, T, T *);
SYMV_TYPES(float, int32_t, s32)
SYMV_TYPES(float, int64_t, s64)
SYMV_TYPES(double, int32_t, d32)
SYMV_TYPES(double, int64_t, d64)

/* Schedule choice. The generator emits two schedules per storage: "serial"
 * (unrolled by 4, remainder switch, software prefetch) and "serial_short"
 * (a plain loop). The plain loop is faster when rows hold few entries and
 * the matrix is cache-sized; memory-resident matrices need the prefetch even
 * with short rows. Compiled-in defaults, measured on the development machine
 * (Zen 5, 1 MiB L2, 32 MiB L3) with the SuiteSparse test matrices and the
 * two synthetic 1e6-row matrices; systec-tune will measure them per machine. */
#define SHORT_ROW_ENTRIES 12.0         /* stored entries per row, below: short */
#define SHORT_ROW_MAX_BYTES (8 << 20) /* matrix bytes, above: memory-resident */

enum { SCHED_UNROLLED = 0, SCHED_SHORT = 1 };
static const char *const sched_name[2] = {"serial", "serial_short"};

static int choose_sched(int64_t nrows, int64_t nnz, size_t isize, size_t vsize)
{
    double bytes = (double)nnz * (double)(isize + vsize) + (double)(nrows + 1) * (double)isize;
    int shortrows = nrows > 0 && (double)nnz < SHORT_ROW_ENTRIES * (double)nrows;
    return shortrows && bytes <= (double)SHORT_ROW_MAX_BYTES ? SCHED_SHORT : SCHED_UNROLLED;
}

/* One cached registry lookup per (storage, schedule, type, width). */
static systec_kfn cached(_Atomic(systec_kfn) slot[2], int sched, const char *storage, char dtype,
                         int i64)
{
    systec_kfn f = atomic_load_explicit(&slot[sched], memory_order_acquire);
    if (!f) {
        f = systec__kernel_lookup("symv", storage, sched_name[sched], dtype, i64);
        atomic_store_explicit(&slot[sched], f, memory_order_release);
    }
    return f;
}

/* alpha == 0: y := beta*y without reading A (BLAS semantics). */
#define SCALE_ONLY(T, nrows, beta, y)                                                            \
    for (int64_t k_ = 0; k_ < (int64_t)(nrows); k_++)                                            \
        (y)[k_] = (beta) == (T)0 ? (T)0 : (beta) * (y)[k_];

/* O(1) checks shared by the direct CSR calls. */
static systec_status_t check_direct(int64_t m, int64_t n, int64_t rp0, int64_t rpm,
                                    const void *rowptr, const void *colidx, const void *val,
                                    const void *x, const void *y)
{
    if (m < 0 || n < 0) return systec__fail(SYSTEC_ERR_INVALID_SIZE, "negative size m=%lld n=%lld",
                                            (long long)m, (long long)n);
    if (!rowptr || !x || !y)
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s is NULL",
                            !rowptr ? "rowptr" : !x ? "x" : "y");
    if (rp0 != 0)
        return systec__fail(SYSTEC_ERR_INVALID_POINTERS, "rowptr[0] = %lld, must be 0",
                            (long long)rp0);
    if (rpm < 0)
        return systec__fail(SYSTEC_ERR_INVALID_POINTERS, "rowptr[%lld] = %lld is negative",
                            (long long)m, (long long)rpm);
    if (rpm > 0 && (!colidx || !val))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s is NULL with %lld entries",
                            !colidx ? "colidx" : "val", (long long)rpm);
    return SYSTEC_SUCCESS;
}

#define DEFINE_SYMV_CSR(T, I, tag, fname, dchar, i64)                                            \
    systec_status_t fname(systec_uplo_t uplo, I n, const I *rowptr, const I *colidx,             \
                          const T *val, T alpha, const T *x, T beta, T *y)                       \
    {                                                                                            \
        static _Atomic(systec_kfn) lo[2], up[2];                                                 \
        systec__clear_error();                                                                   \
        if (uplo != SYSTEC_LOWER && uplo != SYSTEC_UPPER)                                        \
            return systec__fail(SYSTEC_ERR_INVALID_VALUE, "uplo = %d, must be SYSTEC_LOWER or "  \
                                                          "SYSTEC_UPPER", (int)uplo);            \
        if (n < 0) return systec__fail(SYSTEC_ERR_INVALID_SIZE, "n = %lld", (long long)n);      \
        systec_status_t st = check_direct(n, n, rowptr ? rowptr[0] : 0, rowptr ? rowptr[n] : 0,  \
                                          rowptr, colidx, val, x, y);                            \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, n, beta, y)                                                            \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int sc = choose_sched(n, rowptr[n], sizeof(I), sizeof(T));                               \
        tri_##tag k = (tri_##tag)cached(uplo == SYSTEC_LOWER ? lo : up, sc,                      \
                                        uplo == SYSTEC_LOWER ? "trilo" : "triup", dchar, i64);   \
        if (!k) return systec__fail(SYSTEC_ERR_INTERNAL, "no generated kernel");                \
        k(n, rowptr, colidx, val, alpha, x, beta, y);                                            \
        return SYSTEC_SUCCESS;                                                                   \
    }

#define DEFINE_GEMV_CSR(T, I, tag, fname, dchar, i64)                                            \
    systec_status_t fname(I m, I n, const I *rowptr, const I *colidx, const T *val, T alpha,     \
                          const T *x, T beta, T *y)                                              \
    {                                                                                            \
        static _Atomic(systec_kfn) slot[2];                                                      \
        systec__clear_error();                                                                   \
        systec_status_t st = check_direct(m, n, rowptr && m >= 0 ? rowptr[0] : 0,                \
                                          rowptr && m >= 0 ? rowptr[m] : 0, rowptr, colidx, val, \
                                          x, y);                                                 \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, m, beta, y)                                                            \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int sc = choose_sched(m, rowptr[m], sizeof(I), sizeof(T));                               \
        full_##tag k = (full_##tag)cached(slot, sc, "full", dchar, i64);                         \
        if (!k) return systec__fail(SYSTEC_ERR_INTERNAL, "no generated kernel");                \
        k(m, n, rowptr, colidx, val, alpha, x, beta, y);                                         \
        return SYSTEC_SUCCESS;                                                                   \
    }

DEFINE_SYMV_CSR(float, int32_t, s32, systec_ssymv_csr, 's', 0)
DEFINE_SYMV_CSR(float, int64_t, s64, systec_ssymv_csr_i64, 's', 1)
DEFINE_SYMV_CSR(double, int32_t, d32, systec_dsymv_csr, 'd', 0)
DEFINE_SYMV_CSR(double, int64_t, d64, systec_dsymv_csr_i64, 'd', 1)
DEFINE_GEMV_CSR(float, int32_t, s32, systec_sgemv_csr, 's', 0)
DEFINE_GEMV_CSR(float, int64_t, s64, systec_sgemv_csr_i64, 's', 1)
DEFINE_GEMV_CSR(double, int32_t, d32, systec_dgemv_csr, 'd', 0)
DEFINE_GEMV_CSR(double, int64_t, d64, systec_dgemv_csr_i64, 'd', 1)

/* ------------------------------------------------------------- handles */

static systec_status_t check_handle(uint32_t magic, uint32_t want, systec_dtype_t have,
                                    systec_dtype_t dtype, const void *x, const void *y)
{
    if (magic != want) return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "not a live handle");
    if (!x || !y) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s is NULL", !x ? "x" : "y");
    if (have != dtype)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "handle holds %s values",
                            have == SYSTEC_DOUBLE ? "double" : "float");
    return SYSTEC_SUCCESS;
}

#define DEFINE_SYMV_HANDLE(T, fname, DT, DCH)                                               \
    systec_status_t fname(const systec_symmat_t *A, T alpha, const T *x, T beta, T *y)           \
    {                                                                                            \
        static _Atomic(systec_kfn) s32[2], s64[2];                                               \
        systec__clear_error();                                                                   \
        if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "A is NULL");                      \
        systec_status_t st = check_handle(A->magic, SYSTEC_MAGIC_SYMMAT, A->dtype, DT, x, y); \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, A->n, beta, y)                                                         \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int i64 = A->itype == SYSTEC_INT64;                                                      \
        int sc = choose_sched(A->n, A->nnz, systec__isize(A->itype), sizeof(T));                 \
        systec_kfn f = cached(i64 ? s64 : s32, sc, "split", (#DCH)[0], i64);                     \
        if (!f) return systec__fail(SYSTEC_ERR_INTERNAL, "no generated kernel");                \
        if (i64)                                                                                 \
            ((split_##DCH##64)f)(A->n, A->rowptr, A->colidx, A->val, A->diag, alpha, x, beta,  \
                                   y);                                                           \
        else                                                                                     \
            ((split_##DCH##32)f)((int32_t)A->n, A->rowptr, A->colidx, A->val, A->diag, alpha,  \
                                   x, beta, y);                                                  \
        return SYSTEC_SUCCESS;                                                                   \
    }

#define DEFINE_GEMV_HANDLE(T, fname, DT, DCH)                                               \
    systec_status_t fname(const systec_csrmat_t *G, T alpha, const T *x, T beta, T *y)           \
    {                                                                                            \
        static _Atomic(systec_kfn) s32[2], s64[2];                                               \
        systec__clear_error();                                                                   \
        if (!G) return systec__fail(SYSTEC_ERR_NULL_POINTER, "G is NULL");                      \
        systec_status_t st = check_handle(G->magic, SYSTEC_MAGIC_CSRMAT, G->dtype, DT, x, y); \
        if (st) return st;                                                                       \
        if (alpha == (T)0) {                                                                     \
            SCALE_ONLY(T, G->m, beta, y)                                                         \
            return SYSTEC_SUCCESS;                                                               \
        }                                                                                        \
        int i64 = G->itype == SYSTEC_INT64;                                                      \
        int sc = choose_sched(G->m, G->nnz, systec__isize(G->itype), sizeof(T));                 \
        systec_kfn f = cached(i64 ? s64 : s32, sc, "full", (#DCH)[0], i64);                      \
        if (!f) return systec__fail(SYSTEC_ERR_INTERNAL, "no generated kernel");                \
        if (i64)                                                                                 \
            ((full_##DCH##64)f)(G->m, G->n, G->rowptr, G->colidx, G->val, alpha, x, beta, y);  \
        else                                                                                     \
            ((full_##DCH##32)f)((int32_t)G->m, (int32_t)G->n, G->rowptr, G->colidx, G->val,    \
                                  alpha, x, beta, y);                                            \
        return SYSTEC_SUCCESS;                                                                   \
    }

DEFINE_SYMV_HANDLE(float, systec_ssymv, SYSTEC_FLOAT, s)
DEFINE_SYMV_HANDLE(double, systec_dsymv, SYSTEC_DOUBLE, d)
DEFINE_GEMV_HANDLE(float, systec_sgemv, SYSTEC_FLOAT, s)
DEFINE_GEMV_HANDLE(double, systec_dgemv, SYSTEC_DOUBLE, d)
