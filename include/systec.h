/*
 * libsystec -- kernels for data that is both symmetric and sparse.
 *
 * Public API. Every call returns a systec_status_t; SYSTEC_SUCCESS is 0,
 * errors are negative. On error, no output argument is modified (outputs
 * are written only after every check has passed). The library never
 * prints, aborts or exits; systec_last_error() gives a detail string for
 * the most recent failure in the calling thread.
 *
 * Conventions
 *   - Indices are 0-based. Functions taking int32_t indices have an _i64
 *     twin taking int64_t indices; there is no macro-switched index type.
 *   - Prefix s = float, d = double.
 *   - A symmetric matrix is passed as ONE triangle including its diagonal,
 *     as MKL users pass it: uplo = SYSTEC_LOWER means every stored entry
 *     has col <= row, SYSTEC_UPPER means col >= row.
 *   - Rows may be unsorted. A missing entry means the semiring's zero (0;
 *     +inf for the min-plus calls). Explicit zeros are ordinary entries.
 *     Duplicate entries (the same (row, col) stored twice) are legal: every
 *     call and kernel variant sums them (plus-times) or takes their minimum
 *     (min-plus); the structural checks accept them.
 *   - The O(nnz) structural check (row pointers monotone, indices in range,
 *     entries in the declared triangle) is NOT run by the compute calls, so
 *     the hot path stays lean: call systec_csr_check_tri() (a triangle) or
 *     systec_csr_check() (a general matrix) once on data you do not trust. Compute calls check only O(1) properties (NULL pointers,
 *     sizes, enum values, rowptr[0] == 0 and rowptr[n] >= 0).
 *     Handle constructors (systec_symmat_create_csr, ..._from_coo) always
 *     run the full check.
 *   - BLAS semantics for the scaled calls: with beta == 0 the output is not
 *     read; with alpha == 0 neither A nor x is read (out := beta*out), so
 *     they may be NULL (rowptr, colidx, val, x; a handle must still be
 *     one); sizes and the output are checked all the same.
 *   - Non-finite values follow the terms: an absent entry contributes
 *     nothing (an absent diagonal too), a stored 0 gives 0*x (NaN for an
 *     infinite or NaN x), and a plus-times output is NaN, +-inf or finite as
 *     the sum of its terms -- one per stored entry (a_ij*x_j; x_i*a_ij*x_j),
 *     each evaluated on its own -- would be, whatever the storage, schedule
 *     or order of summation. Min-plus: a candidate a_ij + x_j replaces y_i
 *     only when it compares less, so NaN candidates are skipped and a NaN
 *     y_i stays. Duplicates are summed before they multiply x by handles,
 *     after by the direct triangle calls (the same unless x is infinite).
 *   - Single-precision reductions to a scalar (x^T A x, x^T A y) sum in
 *     double and round once.
 *   - Inputs and outputs must not overlap (x and y, X and Y): the kernels
 *     assume they do not.
 *   - Threads: every call is reentrant, and any number of threads may use
 *     the same handle at once through calls that only read it (all compute
 *     calls but systec_syrk_numeric / systec_aat_numeric, which write C and
 *     its workspaces: no other call may use that C meanwhile). The error
 *     detail is per thread. Kernels of large operations run in parallel
 *     through OpenMP (see systec_set_num_threads); results do not depend on
 *     the caller's threads, and for a given thread count repeated calls give
 *     the same bits.
 *   - Handles: systec_*_free sets the pointer it is given to NULL; other
 *     copies of it dangle. A handle that was never created by the library
 *     returns SYSTEC_ERR_INVALID_OBJECT; a freed one is undefined behaviour
 *     (the check is best effort).
 */
#ifndef SYSTEC_H
#define SYSTEC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && !defined(SYSTEC_STATIC_DEFINE)
#  ifdef SYSTEC_BUILDING
#    define SYSTEC_API __declspec(dllexport)
#  else
#    define SYSTEC_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define SYSTEC_API __attribute__((visibility("default")))
#else
#  define SYSTEC_API
#endif
#if defined(__GNUC__) && !defined(SYSTEC_BUILDING)
#  define SYSTEC_DEPRECATED __attribute__((deprecated))
#else
#  define SYSTEC_DEPRECATED
#endif

/* ---------------------------------------------------------------- version */
#include "systec_version.h" /* SYSTEC_VERSION_MAJOR, _MINOR, _PATCH (from CMake) */
#define SYSTEC_VERSION_CODE(maj, min, pat) ((maj) * 10000 + (min) * 100 + (pat))
#define SYSTEC_VERSION \
    SYSTEC_VERSION_CODE(SYSTEC_VERSION_MAJOR, SYSTEC_VERSION_MINOR, SYSTEC_VERSION_PATCH)

/* Version of the library actually linked (may differ from the header's). */
SYSTEC_API void systec_version(int *major, int *minor, int *patch);
SYSTEC_API const char *systec_version_string(void);

/* ----------------------------------------------------------------- status */
typedef enum systec_status {
    SYSTEC_SUCCESS = 0,
    /* argument errors */
    SYSTEC_ERR_NULL_POINTER = -1,     /* a required pointer is NULL */
    SYSTEC_ERR_INVALID_SIZE = -2,     /* negative or inconsistent size */
    SYSTEC_ERR_INVALID_VALUE = -3,    /* bad enum or flag value */
    SYSTEC_ERR_INVALID_POINTERS = -4, /* row pointers not monotone / wrong ends */
    SYSTEC_ERR_INDEX_OUT_OF_RANGE = -5,
    SYSTEC_ERR_WRONG_TRIANGLE = -6,   /* entry outside the declared triangle */
    SYSTEC_ERR_NOT_SQUARE = -7,       /* symmetric data must be square */
    SYSTEC_ERR_NOT_SYMMETRIC = -8,    /* full input whose (i,j) and (j,i) disagree */
    SYSTEC_ERR_TYPE_MISMATCH = -9,    /* handle type differs from the call's */
    SYSTEC_ERR_INDEX_OVERFLOW = -10,  /* a size does not fit the index type */
    SYSTEC_ERR_INVALID_OBJECT = -11,  /* handle not created by this library or freed */
    SYSTEC_ERR_PATTERN = -12,         /* values given for another pattern than the handle's */
    /* execution and I/O errors */
    SYSTEC_ERR_OUT_OF_MEMORY = -100,
    SYSTEC_ERR_IO = -101,             /* file cannot be opened, read or written */
    SYSTEC_ERR_PARSE = -102,          /* malformed file; systec_last_error() has the line */
    SYSTEC_ERR_UNSUPPORTED = -103,    /* valid input this build does not handle */
    SYSTEC_ERR_ISA = -104,            /* SYSTEC_ISA names a kernel variant this CPU cannot run */
    SYSTEC_ERR_PROFILE = -105,        /* a tuning profile was rejected (systec_profile_read) */
    SYSTEC_ERR_INTERNAL = -199
} systec_status_t;

/* Static description of a status code (never NULL). */
SYSTEC_API const char *systec_strerror(systec_status_t status);
/* Detail of the failure of the most recent call in this thread, e.g.
 * "bcsstk01.mtx:17: expected 3 fields, got 2"; empty after a call that
 * succeeded (every public call clears it first). */
SYSTEC_API const char *systec_last_error(void);

/* ------------------------------------------------------------------ enums */
typedef enum systec_uplo { SYSTEC_LOWER = 'L', SYSTEC_UPPER = 'U' } systec_uplo_t;
typedef enum systec_dtype { SYSTEC_FLOAT = 1, SYSTEC_DOUBLE = 2 } systec_dtype_t;
typedef enum systec_itype { SYSTEC_INT32 = 1, SYSTEC_INT64 = 2 } systec_itype_t;
/* The semiring a handle's values live in. It decides what an absent entry
 * means (0 for plus-times, +inf for min-plus) and how duplicate entries
 * combine (sum, or min). Direct CSR calls follow the operation's semiring. */
typedef enum systec_semiring { SYSTEC_PLUS_TIMES = 0, SYSTEC_MIN_PLUS = 1 } systec_semiring_t;
/* The operations on a sparse symmetric matrix, for hints, forced variants
 * and descriptions (the plan API below). */
typedef enum systec_op {
    SYSTEC_OP_ALL = 0,          /* describe: every operation of the handle */
    SYSTEC_OP_SYMV = 1,         /* y := alpha*A*x + beta*y */
    SYSTEC_OP_SYPRD = 2,        /* s := alpha*x'Ax + beta*s */
    SYSTEC_OP_SYMM = 3,         /* Y := alpha*A*X + beta*Y */
    SYSTEC_OP_SYMV_MINPLUS = 4, /* y := min(y, A (min,+) x) */
    SYSTEC_OP_BILIN = 5         /* s := alpha*x'Ay + beta*s */
} systec_op_t;

/* ------------------------------------------------ structural check (O(nnz)) */
/* Checks a CSR triangle of an n-by-n symmetric matrix: rowptr[0] == 0,
 * rowptr non-decreasing, 0 <= colidx < n, every entry in the triangle uplo.
 * Unsorted rows, duplicates, missing diagonals are accepted. */
SYSTEC_API systec_status_t systec_csr_check_tri(systec_uplo_t uplo, int32_t n,
                                                const int32_t *rowptr, const int32_t *colidx);
SYSTEC_API systec_status_t systec_csr_check_tri_i64(systec_uplo_t uplo, int64_t n,
                                                    const int64_t *rowptr, const int64_t *colidx);
/* Same for a general m-by-n CSR matrix (no triangle condition). */
SYSTEC_API systec_status_t systec_csr_check(int32_t m, int32_t n, const int32_t *rowptr,
                                            const int32_t *colidx);
SYSTEC_API systec_status_t systec_csr_check_i64(int64_t m, int64_t n, const int64_t *rowptr,
                                                const int64_t *colidx);

/* ------------------------------------------------------ SSYMV, direct call */
/* y := alpha*A*x + beta*y, A symmetric n-by-n given as the CSR triangle uplo
 * (diagonal included). When beta == 0, y is not read (it may hold NaN). */
SYSTEC_API systec_status_t systec_dsymv_csr(systec_uplo_t uplo, int32_t n, const int32_t *rowptr,
                                            const int32_t *colidx, const double *val, double alpha,
                                            const double *x, double beta, double *y);
SYSTEC_API systec_status_t systec_ssymv_csr(systec_uplo_t uplo, int32_t n, const int32_t *rowptr,
                                            const int32_t *colidx, const float *val, float alpha,
                                            const float *x, float beta, float *y);
SYSTEC_API systec_status_t systec_dsymv_csr_i64(systec_uplo_t uplo, int64_t n,
                                                const int64_t *rowptr, const int64_t *colidx,
                                                const double *val, double alpha, const double *x,
                                                double beta, double *y);
SYSTEC_API systec_status_t systec_ssymv_csr_i64(systec_uplo_t uplo, int64_t n,
                                                const int64_t *rowptr, const int64_t *colidx,
                                                const float *val, float alpha, const float *x,
                                                float beta, float *y);

/* ------------------------------------ general CSR SpMV (the non-symmetric baseline) */
/* y := alpha*A*x + beta*y for a general m-by-n CSR matrix; the kernel is the
 * generator's non-symmetric lowering of the SSYMV spec. */
SYSTEC_API systec_status_t systec_dgemv_csr(int32_t m, int32_t n, const int32_t *rowptr,
                                            const int32_t *colidx, const double *val, double alpha,
                                            const double *x, double beta, double *y);
SYSTEC_API systec_status_t systec_sgemv_csr(int32_t m, int32_t n, const int32_t *rowptr,
                                            const int32_t *colidx, const float *val, float alpha,
                                            const float *x, float beta, float *y);
SYSTEC_API systec_status_t systec_dgemv_csr_i64(int64_t m, int64_t n, const int64_t *rowptr,
                                                const int64_t *colidx, const double *val,
                                                double alpha, const double *x, double beta,
                                                double *y);
SYSTEC_API systec_status_t systec_sgemv_csr_i64(int64_t m, int64_t n, const int64_t *rowptr,
                                                const int64_t *colidx, const float *val,
                                                float alpha, const float *x, float beta, float *y);

/* ------------------------------------------------- SYPRD (x^T A x), direct call */
/* *s := alpha * x^T A x + beta * *s, A symmetric n-by-n given as the CSR
 * triangle uplo (diagonal included). When beta == 0, *s is not read. */
SYSTEC_API systec_status_t systec_dsyprd_csr(systec_uplo_t uplo, int32_t n, const int32_t *rowptr,
                                             const int32_t *colidx, const double *val,
                                             double alpha, const double *x, double beta,
                                             double *s);
SYSTEC_API systec_status_t systec_ssyprd_csr(systec_uplo_t uplo, int32_t n, const int32_t *rowptr,
                                             const int32_t *colidx, const float *val, float alpha,
                                             const float *x, float beta, float *s);
SYSTEC_API systec_status_t systec_dsyprd_csr_i64(systec_uplo_t uplo, int64_t n,
                                                 const int64_t *rowptr, const int64_t *colidx,
                                                 const double *val, double alpha, const double *x,
                                                 double beta, double *s);
SYSTEC_API systec_status_t systec_ssyprd_csr_i64(systec_uplo_t uplo, int64_t n,
                                                 const int64_t *rowptr, const int64_t *colidx,
                                                 const float *val, float alpha, const float *x,
                                                 float beta, float *s);
/* The non-symmetric baseline: the same for a general square CSR matrix. */
SYSTEC_API systec_status_t systec_dgeprd_csr(int32_t n, const int32_t *rowptr,
                                             const int32_t *colidx, const double *val,
                                             double alpha, const double *x, double beta,
                                             double *s);
SYSTEC_API systec_status_t systec_sgeprd_csr(int32_t n, const int32_t *rowptr,
                                             const int32_t *colidx, const float *val, float alpha,
                                             const float *x, float beta, float *s);
SYSTEC_API systec_status_t systec_dgeprd_csr_i64(int64_t n, const int64_t *rowptr,
                                                 const int64_t *colidx, const double *val,
                                                 double alpha, const double *x, double beta,
                                                 double *s);
SYSTEC_API systec_status_t systec_sgeprd_csr_i64(int64_t n, const int64_t *rowptr,
                                                 const int64_t *colidx, const float *val,
                                                 float alpha, const float *x, float beta,
                                                 float *s);

/* ------------------------------------ min-plus SSYMV (Bellman-Ford step), direct */
/* y[i] := min(y[i], min_j (A[i,j] + x[j])) over the stored entries of the
 * symmetric A (one CSR triangle uplo, diagonal included). Absent entries are
 * +inf; duplicates act as their minimum; explicit zeros are zero-weight edges. */
SYSTEC_API systec_status_t systec_dsymv_minplus_csr(systec_uplo_t uplo, int32_t n,
                                                    const int32_t *rowptr, const int32_t *colidx,
                                                    const double *val, const double *x, double *y);
SYSTEC_API systec_status_t systec_ssymv_minplus_csr(systec_uplo_t uplo, int32_t n,
                                                    const int32_t *rowptr, const int32_t *colidx,
                                                    const float *val, const float *x, float *y);
SYSTEC_API systec_status_t systec_dsymv_minplus_csr_i64(systec_uplo_t uplo, int64_t n,
                                                        const int64_t *rowptr,
                                                        const int64_t *colidx, const double *val,
                                                        const double *x, double *y);
SYSTEC_API systec_status_t systec_ssymv_minplus_csr_i64(systec_uplo_t uplo, int64_t n,
                                                        const int64_t *rowptr,
                                                        const int64_t *colidx, const float *val,
                                                        const float *x, float *y);
/* The non-symmetric baseline on a general m-by-n CSR matrix. */
SYSTEC_API systec_status_t systec_dgemv_minplus_csr(int32_t m, int32_t n, const int32_t *rowptr,
                                                    const int32_t *colidx, const double *val,
                                                    const double *x, double *y);
SYSTEC_API systec_status_t systec_sgemv_minplus_csr(int32_t m, int32_t n, const int32_t *rowptr,
                                                    const int32_t *colidx, const float *val,
                                                    const float *x, float *y);
SYSTEC_API systec_status_t systec_dgemv_minplus_csr_i64(int64_t m, int64_t n,
                                                        const int64_t *rowptr,
                                                        const int64_t *colidx, const double *val,
                                                        const double *x, double *y);
SYSTEC_API systec_status_t systec_sgemv_minplus_csr_i64(int64_t m, int64_t n,
                                                        const int64_t *rowptr,
                                                        const int64_t *colidx, const float *val,
                                                        const float *x, float *y);

/* ---------------------------------- symmetric bilinear form, direct call */
/* *s := alpha * x^T A y + beta * *s, A symmetric n-by-n given as the CSR
 * triangle uplo (diagonal included). When beta == 0, *s is not read; when
 * alpha == 0, neither A nor x nor y is read. */
SYSTEC_API systec_status_t systec_dsybilin_csr(systec_uplo_t uplo, int32_t n,
                                               const int32_t *rowptr, const int32_t *colidx,
                                               const double *val, double alpha, const double *x,
                                               const double *y, double beta, double *s);
SYSTEC_API systec_status_t systec_ssybilin_csr(systec_uplo_t uplo, int32_t n,
                                               const int32_t *rowptr, const int32_t *colidx,
                                               const float *val, float alpha, const float *x,
                                               const float *y, float beta, float *s);
SYSTEC_API systec_status_t systec_dsybilin_csr_i64(systec_uplo_t uplo, int64_t n,
                                                   const int64_t *rowptr, const int64_t *colidx,
                                                   const double *val, double alpha,
                                                   const double *x, const double *y, double beta,
                                                   double *s);
SYSTEC_API systec_status_t systec_ssybilin_csr_i64(systec_uplo_t uplo, int64_t n,
                                                   const int64_t *rowptr, const int64_t *colidx,
                                                   const float *val, float alpha, const float *x,
                                                   const float *y, float beta, float *s);
/* The non-symmetric baseline on a general n-by-n CSR matrix. */
SYSTEC_API systec_status_t systec_dgebilin_csr(int32_t n, const int32_t *rowptr,
                                               const int32_t *colidx, const double *val,
                                               double alpha, const double *x, const double *y,
                                               double beta, double *s);
SYSTEC_API systec_status_t systec_sgebilin_csr(int32_t n, const int32_t *rowptr,
                                               const int32_t *colidx, const float *val,
                                               float alpha, const float *x, const float *y,
                                               float beta, float *s);
SYSTEC_API systec_status_t systec_dgebilin_csr_i64(int64_t n, const int64_t *rowptr,
                                                   const int64_t *colidx, const double *val,
                                                   double alpha, const double *x, const double *y,
                                                   double beta, double *s);
SYSTEC_API systec_status_t systec_sgebilin_csr_i64(int64_t n, const int64_t *rowptr,
                                                   const int64_t *colidx, const float *val,
                                                   float alpha, const float *x, const float *y,
                                                   float beta, float *s);

/* ---------------------------------------------------- SSYMM, direct call */
/* Y := alpha*A*X + beta*Y, A symmetric n-by-n given as the CSR triangle uplo
 * (diagonal included), X and Y dense n-by-k, row-major (row i of X starts at
 * X + i*k). When beta == 0, Y is not read. Y must not be NULL, nor X
 * unless alpha == 0; with k == 0 nothing is read or written. */
SYSTEC_API systec_status_t systec_dsymm_csr(systec_uplo_t uplo, int32_t n, int32_t k,
                                            const int32_t *rowptr, const int32_t *colidx,
                                            const double *val, double alpha, const double *X,
                                            double beta, double *Y);
SYSTEC_API systec_status_t systec_ssymm_csr(systec_uplo_t uplo, int32_t n, int32_t k,
                                            const int32_t *rowptr, const int32_t *colidx,
                                            const float *val, float alpha, const float *X,
                                            float beta, float *Y);
SYSTEC_API systec_status_t systec_dsymm_csr_i64(systec_uplo_t uplo, int64_t n, int64_t k,
                                                const int64_t *rowptr, const int64_t *colidx,
                                                const double *val, double alpha, const double *X,
                                                double beta, double *Y);
SYSTEC_API systec_status_t systec_ssymm_csr_i64(systec_uplo_t uplo, int64_t n, int64_t k,
                                                const int64_t *rowptr, const int64_t *colidx,
                                                const float *val, float alpha, const float *X,
                                                float beta, float *Y);
/* The non-symmetric baseline: general m-by-n CSR, X n-by-k, Y m-by-k. */
SYSTEC_API systec_status_t systec_dgemm_csr(int32_t m, int32_t n, int32_t k,
                                            const int32_t *rowptr, const int32_t *colidx,
                                            const double *val, double alpha, const double *X,
                                            double beta, double *Y);
SYSTEC_API systec_status_t systec_sgemm_csr(int32_t m, int32_t n, int32_t k,
                                            const int32_t *rowptr, const int32_t *colidx,
                                            const float *val, float alpha, const float *X,
                                            float beta, float *Y);
SYSTEC_API systec_status_t systec_dgemm_csr_i64(int64_t m, int64_t n, int64_t k,
                                                const int64_t *rowptr, const int64_t *colidx,
                                                const double *val, double alpha, const double *X,
                                                double beta, double *Y);
SYSTEC_API systec_status_t systec_sgemm_csr_i64(int64_t m, int64_t n, int64_t k,
                                                const int64_t *rowptr, const int64_t *colidx,
                                                const float *val, float alpha, const float *X,
                                                float beta, float *Y);

/* -------------------------------------------------------------------- COO */
/* A coordinate list as read from a file: 0-based int64 coordinates and
 * double values. If symmetric != 0 the list holds one entry per symmetric
 * pair (either triangle; an entry (i,j) stands for (i,j) and (j,i)), as a
 * Matrix Market "symmetric" file does; otherwise it holds every entry.
 * Arrays from systec_mm_read are owned by the library: free them with
 * systec_coo_free(). A user-built COO may point to user arrays. */
typedef struct systec_coo {
    int64_t nrows, ncols, nnz;
    int64_t *row, *col;
    double *val;
    int symmetric;
    int pattern; /* 1 if the file had no values (all read as 1.0) */
} systec_coo_t;

/* Frees arrays allocated by the library and zeroes *A. NULL is a no-op. */
SYSTEC_API void systec_coo_free(systec_coo_t *A);

/* ---------------------------------------------------------- Matrix Market */
/* Reads "%%MatrixMarket matrix coordinate {real|integer|pattern}
 * {general|symmetric}". gzip-compressed input is detected by its magic
 * bytes. Errors: SYSTEC_ERR_IO (cannot open/read), SYSTEC_ERR_PARSE with
 * "<path>:<line>: <reason>" in systec_last_error(), SYSTEC_ERR_UNSUPPORTED
 * (complex, hermitian, skew-symmetric, array). *A is written only on success.
 * A "symmetric" file stores one triangle (either). One that stores both --
 * some entry (i,j) and its mirror (j,i), i != j -- is taken as the full
 * matrix when every off-diagonal entry has its mirror with the same value
 * (duplicates summed; NaN matches NaN): A then holds its lower triangle
 * (nnz counts those entries). Otherwise it is refused: SYSTEC_ERR_NOT_SYMMETRIC
 * when a pair disagrees, SYSTEC_ERR_PARSE when an entry lacks its mirror. */
SYSTEC_API systec_status_t systec_mm_read(const char *path, systec_coo_t *A);
/* Writes A as coordinate real (or pattern if A->pattern), general or
 * symmetric as A->symmetric says, 1-based, values with 17 significant
 * digits. A symmetric A must hold one entry per pair (never both (i,j) and
 * (j,i): SYSTEC_ERR_INVALID_VALUE). The file is written to a temporary
 * name and renamed, so a failed write never leaves a half-written file
 * under path; a symbolic link is written through (its target replaced), a
 * device or FIFO in place, and a new file gets mode 0666 less the umask (a
 * replaced file keeps its mode). */
SYSTEC_API systec_status_t systec_mm_write(const char *path, const systec_coo_t *A);

/* --------------------------------------------- symmetric matrix handle */
/* The storage the symmetric kernels want: strictly-lower CSR with sorted,
 * duplicate-free rows plus a dense diagonal, in one value type and index
 * width. Build it once, call systec_[sd]symv on it many times. */
typedef struct systec_symmat systec_symmat_t;

/* From one CSR triangle (diagonal included, rows unsorted, duplicates
 * summed). val points to float or double as dtype says, rowptr/colidx to
 * int32_t or int64_t as itype says. Runs the full structural check. */
SYSTEC_API systec_status_t systec_symmat_create_csr(systec_symmat_t **A, systec_uplo_t uplo,
                                                    systec_dtype_t dtype, systec_itype_t itype,
                                                    int64_t n, const void *rowptr,
                                                    const void *colidx, const void *val);
/* From a COO list: symmetric (one entry per pair) or full (both triangles
 * present; SYSTEC_ERR_NOT_SYMMETRIC unless A(i,j) == A(j,i) exactly after
 * summing duplicates). A symmetric list that holds some pair twice, as
 * (i,j) and (j,i), follows systec_mm_read's rule: a full matrix whose
 * lower triangle is used, or an error (SYSTEC_ERR_NOT_SYMMETRIC, or
 * SYSTEC_ERR_INVALID_VALUE for an entry without its mirror). */
SYSTEC_API systec_status_t systec_symmat_from_coo(systec_symmat_t **A, const systec_coo_t *coo,
                                                  systec_dtype_t dtype, systec_itype_t itype);
/* The same two constructors for a min-plus handle (for systec_?symv_minplus):
 * duplicates combine by min, an absent diagonal entry is +inf, and the
 * full-input check compares A(i,j) and A(j,i) after taking minima. */
SYSTEC_API systec_status_t systec_symmat_create_csr_minplus(systec_symmat_t **A, systec_uplo_t uplo,
                                                            systec_dtype_t dtype,
                                                            systec_itype_t itype, int64_t n,
                                                            const void *rowptr, const void *colidx,
                                                            const void *val);
SYSTEC_API systec_status_t systec_symmat_from_coo_minplus(systec_symmat_t **A,
                                                          const systec_coo_t *coo,
                                                          systec_dtype_t dtype,
                                                          systec_itype_t itype);
SYSTEC_API void systec_symmat_free(systec_symmat_t **A);
/* The semiring a handle was built for (a csrmat inherits its symmat's). */
SYSTEC_API systec_status_t systec_symmat_semiring(const systec_symmat_t *A,
                                                  systec_semiring_t *semiring);
/* n, number of stored strictly-lower entries, types. Any out pointer may be NULL. */
SYSTEC_API systec_status_t systec_symmat_info(const systec_symmat_t *A, int64_t *n,
                                              int64_t *nnz_strict, systec_dtype_t *dtype,
                                              systec_itype_t *itype);

/* Operations on a handle (the generated canonical-triangle kernels). A
 * plus-times handle serves symv, syprd and symm, a min-plus handle symv_minplus;
 * the wrong pairing returns SYSTEC_ERR_TYPE_MISMATCH. */
/* y := alpha*A*x + beta*y */
SYSTEC_API systec_status_t systec_dsymv(const systec_symmat_t *A, double alpha, const double *x,
                                        double beta, double *y);
SYSTEC_API systec_status_t systec_ssymv(const systec_symmat_t *A, float alpha, const float *x,
                                        float beta, float *y);
/* *s := alpha * x^T A x + beta * *s */
SYSTEC_API systec_status_t systec_dsyprd(const systec_symmat_t *A, double alpha, const double *x,
                                         double beta, double *s);
SYSTEC_API systec_status_t systec_ssyprd(const systec_symmat_t *A, float alpha, const float *x,
                                         float beta, float *s);
/* Y := alpha*A*X + beta*Y, X and Y n-by-k row-major */
SYSTEC_API systec_status_t systec_dsymm(const systec_symmat_t *A, int64_t k, double alpha,
                                        const double *X, double beta, double *Y);
SYSTEC_API systec_status_t systec_ssymm(const systec_symmat_t *A, int64_t k, float alpha,
                                        const float *X, float beta, float *Y);
/* y[i] := min(y[i], min_j (A[i,j] + x[j])) */
SYSTEC_API systec_status_t systec_dsymv_minplus(const systec_symmat_t *A, const double *x,
                                                double *y);
SYSTEC_API systec_status_t systec_ssymv_minplus(const systec_symmat_t *A, const float *x,
                                                float *y);
/* *s := alpha * x^T A y + beta * *s */
SYSTEC_API systec_status_t systec_dsybilin(const systec_symmat_t *A, double alpha,
                                           const double *x, const double *y, double beta,
                                           double *s);
SYSTEC_API systec_status_t systec_ssybilin(const systec_symmat_t *A, float alpha, const float *x,
                                           const float *y, float beta, float *s);

/* ------------------------------------------- plans (inspector-executor) */
/* A handle carries a plan: for each operation, the kernel it runs (storage,
 * schedule, instruction-set variant) and why. The constructors plan for
 * many calls. To plan for your use, give hints and optimize, as with the
 * inspector-executor sparse BLAS users know:
 *
 *     systec_symmat_hint(A, SYSTEC_OP_SYMV, 1000, 0);  // about 1000 calls
 *     systec_symmat_optimize(A);                       // may build storage
 *
 * Hints and forced variants take effect at systec_symmat_optimize, which may
 * build extra storage (the entry stream: one row index per stored entry)
 * only when the hints say it is repaid, or free it when no operation needs
 * it any more. A plan never changes results beyond rounding: every variant
 * computes the same operation. Planning needs the handle to itself (no
 * concurrent calls on A); the compute calls only read the plan. */
/* expected_calls: calls of op to come (0: unknown, plan as for many);
 * nthreads: threads for op's parallel kernels (0: the library's count, see
 * systec_set_num_threads; 1: serial). A count given here also holds inside
 * an enclosing parallel region (nested, as OpenMP allows). A hint of at
 * least the tuning threshold measure_min_calls expected calls (default
 * 1000) asks systec_symmat_optimize to time op's candidate serial variants
 * on this matrix (about 30 kernel calls in all, on scratch vectors; SYMM
 * with 8 columns) and keep the fastest, then plans the parallel kernel over
 * it; without such a hint nothing is timed. */
SYSTEC_API systec_status_t systec_symmat_hint(systec_symmat_t *A, systec_op_t op,
                                              int64_t expected_calls, int nthreads);
/* Forces op's variant by name, "storage", "schedule" or "storage:schedule":
 * storage split (row loop) or stream (entry stream), schedule serial
 * (unrolled, prefetch) or serial_short (plain loop), or a parallel one:
 * omp_rows (row parts, each buffering only the rows below it that it
 * writes), omp_private (each part buffers every row it writes), omp_color
 * (conflict-free blocks of rows, split only) or omp_atomic (atomic updates,
 * split only; a reference for tests: not bitwise repeatable); an operation
 * with a scalar output (syprd, sybilin) has omp_rows only. NULL or ""
 * returns the choice to the dispatcher. Storage full runs op on the full
 * expansion of the matrix (both triangles, built by systec_symmat_optimize
 * and kept in step by systec_symmat_update_values; twice the triangle's
 * memory), with the serial or omp_rows schedules; the dispatcher takes it on
 * its own at several threads when row parts on the triangle would buffer
 * most rows and no colouring fits (tuning threshold expand_min_calls). For
 * tests and measurements. */
SYSTEC_API systec_status_t systec_symmat_force(systec_symmat_t *A, systec_op_t op,
                                               const char *variant);
/* Replans every operation from its hints and forced variants. On error
 * (out of memory, a forced variant that does not exist) the handle keeps
 * its previous plan. */
SYSTEC_API systec_status_t systec_symmat_optimize(systec_symmat_t *A);
/* What each operation (op, or SYSTEC_OP_ALL) will run and why, as text:
 * the kernel, its storage and schedule with the rule and the quantities
 * that chose them, the hints, and the preprocessing the plan paid in
 * kernel-call equivalents. Writes at most len bytes including the final
 * NUL into buf (buf may be NULL when len is 0); *needed (if not NULL)
 * gets the full length plus one. */
SYSTEC_API systec_status_t systec_symmat_describe(const systec_symmat_t *A, systec_op_t op,
                                                  char *buf, size_t len, size_t *needed);
/* New values for the handle's pattern, keeping its plan (and the storage the
 * plan built): the same CSR triangle as at creation (uplo, row pointers,
 * column indices; rows unsorted and duplicates summed as then), with new
 * values in the handle's value type. The strictly-triangular entries must
 * be exactly the handle's (else SYSTEC_ERR_PATTERN and nothing changes);
 * diagonal entries may come and go. O(nnz log(entries per row)). */
SYSTEC_API systec_status_t systec_symmat_update_values(systec_symmat_t *A, systec_uplo_t uplo,
                                                       const void *rowptr, const void *colidx,
                                                       const void *val);
/* The same for a direct call: what systec_?<op>_csr would run on this
 * operand (uplo SYSTEC_LOWER/UPPER for a triangle, 0 for a general m-by-n
 * matrix as the systec_?ge*_csr baselines take; rowptr of the index type;
 * only rowptr[0] and rowptr[m] are read). */
SYSTEC_API systec_status_t systec_describe_csr(systec_op_t op, int uplo, systec_dtype_t dtype,
                                               systec_itype_t itype, int64_t m, int64_t n,
                                               const void *rowptr, char *buf, size_t len,
                                               size_t *needed);
/* The kernels' instruction-set variant in use: "v2", "v3", "v4" (x86-64
 * levels), "native", "custom" or "generic"; "none" if SYSTEC_ISA names a
 * variant this CPU cannot run (every call then returns SYSTEC_ERR_ISA).
 * Chosen at first use: SYSTEC_ISA=<variant> if set, else the best one this
 * CPU supports. */
SYSTEC_API const char *systec_isa(void);
/* Threads of the parallel kernels (OpenMP) for the plans made from now on:
 * handles created or optimized, SSYRK products. n >= 1 sets the count; 0
 * returns to the default, read once: SYSTEC_NUM_THREADS if set, else
 * OMP_NUM_THREADS, else the cores this process may run on (its CPU affinity
 * mask and cgroup quota). A handle's own hint (systec_symmat_hint's
 * nthreads) wins for its operation. Small operations stay serial whatever
 * the count (a work threshold per thread); so does a call made inside an
 * enclosing OpenMP parallel region, unless its plan's count was given as a
 * hint. Built without OpenMP, the library is serial and the count is 1.
 * Negative n: SYSTEC_ERR_INVALID_VALUE. */
SYSTEC_API systec_status_t systec_set_num_threads(int n);
/* The count plans get now (>= 1): systec_set_num_threads's, or the default. */
SYSTEC_API int systec_get_num_threads(void);
/* The compiled instruction-set variants, space-separated ("v2 v3 v4"). */
SYSTEC_API const char *systec_isa_compiled(void);
/* A tuning profile (see "tuning profiles" below). */
typedef struct systec_profile systec_profile_t;
/* What a handle's operation runs, as a name systec_symmat_force takes
 * ("storage:schedule", e.g. "stream:serial_short"): the current plan's
 * (P NULL), or what a replan under profile P's thresholds would choose with
 * the handle's hints (nothing is built or changed). The serial variant: a
 * plan on several threads runs its loop in parts (describe names the
 * parallel schedule). */
SYSTEC_API systec_status_t systec_symmat_variant(const systec_symmat_t *A, systec_op_t op,
                                                 const systec_profile_t *P, char *buf,
                                                 size_t len);
/* Every variant op can run on A, space-separated, in the same names. */
SYSTEC_API systec_status_t systec_symmat_variants(const systec_symmat_t *A, systec_op_t op,
                                                  char *buf, size_t len);

/* ----------------------------------------------------- tuning profiles */
/* The dispatcher decides by thresholds (entries per row, rows, bytes, ...)
 * measured per machine by systec-tune and stored in a profile: a versioned
 * text file, one "name value" line per threshold with comments, keyed by
 * the library's build id and the machine (CPU model, ISA variant, cache
 * sizes, usable cores, threads). Without a profile the compiled defaults
 * are used.
 *
 * The process-wide profile is read once, at the first decision (thread
 * safe): the first of these that is set or exists decides --
 *   1. the path given to systec_profile_use() before that,
 *   2. the environment variable SYSTEC_PROFILE ("none": the defaults),
 *   3. $XDG_CONFIG_HOME/systec/profile (default ~/.config/systec/profile),
 *   4. <sysconfdir of the install prefix>/systec/profile,
 * else the compiled defaults. A file that is rejected (see the reasons) is
 * never used, not even in part: the defaults are used instead, and
 * systec_profile_status() says which file was rejected and why. A handle
 * can also be given its own profile (systec_symmat_set_profile). */
typedef enum systec_profile_reason {
    SYSTEC_PROFILE_IN_USE = 0,     /* read and in use */
    SYSTEC_PROFILE_NONE = 1,       /* no profile: the compiled defaults */
    SYSTEC_PROFILE_UNREADABLE = 2, /* the file cannot be opened or read */
    SYSTEC_PROFILE_CORRUPT = 3,    /* a malformed line, an unknown or repeated name, a value
                                      out of range, a key line missing */
    SYSTEC_PROFILE_TRUNCATED = 4,  /* the file ends before its "end" line */
    SYSTEC_PROFILE_FOREIGN = 5,    /* written for another machine: CPU model, ISA variant,
                                      caches, usable cores or threads differ */
    SYSTEC_PROFILE_STALE = 6,      /* written by another build of the library (build id) or
                                      in an older format: re-run systec-tune */
    SYSTEC_PROFILE_FUTURE = 7      /* a newer format than this library reads */
} systec_profile_reason_t;
/* A short name of a reason ("in use", "corrupt", ...). */
SYSTEC_API const char *systec_profile_reason_name(systec_profile_reason_t r);
/* The process-wide profile (reads it if no decision has yet): the reason,
 * and if not NULL, *path gets the file used or rejected (NULL if none) and
 * *detail one line saying where it came from or why it was rejected. The
 * strings live as long as the process. */
SYSTEC_API systec_profile_reason_t systec_profile_status(const char **path, const char **detail);
/* The program's own choice of the process-wide profile (first in the
 * order above); NULL or "none": the compiled defaults. Only before the
 * first decision (later: SYSTEC_ERR_INVALID_VALUE, nothing changes). */
SYSTEC_API systec_status_t systec_profile_use(const char *path);
/* Where the process-wide profile is looked for after systec_profile_use
 * and SYSTEC_PROFILE: where = 0 the user's config file, 1 the system-wide
 * one (snprintf rules into buf; SYSTEC_ERR_UNSUPPORTED when there is no
 * user config directory: neither XDG_CONFIG_HOME nor HOME set). */
SYSTEC_API systec_status_t systec_profile_location(int where, char *buf, size_t len);
/* This library's build id: its version and a hash of its generated kernel
 * table, tuning parameters, compiler and flags ("0.1.0-1a2b3c4d5e6f7a8b"). */
SYSTEC_API const char *systec_build_id(void);

/* Profiles as objects (systec_profile_t, declared above): for systec-tune,
 * systec-info, tests, and handles with their own thresholds. */
/* The compiled defaults, keyed to this build and machine. */
SYSTEC_API systec_status_t systec_profile_new(systec_profile_t **P);
/* A copy of the process-wide table in force (defaults or the profile). */
SYSTEC_API systec_status_t systec_profile_current(systec_profile_t **P);
/* Reads and checks a profile file against this build and machine. On
 * rejection returns SYSTEC_ERR_PROFILE (SYSTEC_ERR_IO if unreadable) with
 * the reason in *why (if not NULL) and in systec_last_error(). */
SYSTEC_API systec_status_t systec_profile_read(systec_profile_t **P, const char *path,
                                               systec_profile_reason_t *why);
/* Writes P to path (through a temporary file renamed into place): the
 * header comments, the key, every threshold with what it is, its default
 * and its note. */
SYSTEC_API systec_status_t systec_profile_write(const systec_profile_t *P, const char *path);
SYSTEC_API void systec_profile_free(systec_profile_t **P);
/* The thresholds: their number, and for k in [0, count) the name, the
 * compiled default, the allowed range and what it decides. Any out pointer
 * may be NULL. */
SYSTEC_API int systec_profile_nparams(void);
SYSTEC_API systec_status_t systec_profile_param(int k, const char **name, double *def,
                                                double *min, double *max, const char **what);
SYSTEC_API systec_status_t systec_profile_get(const systec_profile_t *P, const char *name,
                                              double *value);
/* Sets a threshold (in range) with an optional one-line note saying how it
 * was measured (written as a comment). */
SYSTEC_API systec_status_t systec_profile_set(systec_profile_t *P, const char *name, double value,
                                              const char *note);
/* Appends one line to the header comments. */
SYSTEC_API systec_status_t systec_profile_comment(systec_profile_t *P, const char *line);
/* The key a profile written here would carry, one "name value" line each
 * (build, cpu, isa, caches, cores, threads). snprintf rules as describe. */
SYSTEC_API systec_status_t systec_profile_key(char *buf, size_t len, size_t *needed);
/* A handle's own thresholds (a copy of P's values; NULL: back to the
 * process-wide profile), used from its next systec_symmat_optimize. */
SYSTEC_API systec_status_t systec_symmat_set_profile(systec_symmat_t *A, const systec_profile_t *P);

/* ------------------------------------------------- general CSR handle */
/* A general CSR matrix with sorted rows: the operand of SSYRK, the result of
 * SSYRK, and the storage of the non-symmetric baselines. */
typedef struct systec_csrmat systec_csrmat_t;
/* From an m-by-n CSR matrix (rows unsorted, duplicates summed; the full
 * structural check runs). */
SYSTEC_API systec_status_t systec_csrmat_create_csr(systec_csrmat_t **G, systec_dtype_t dtype,
                                                    systec_itype_t itype, int64_t m, int64_t n,
                                                    const void *rowptr, const void *colidx,
                                                    const void *val);
/* Read-only access to a handle's arrays (index and value types as the
 * handle's); valid until the handle is freed. Any out pointer may be NULL. */
SYSTEC_API systec_status_t systec_csrmat_data(const systec_csrmat_t *G, const void **rowptr,
                                              const void **colidx, const void **val);
/* The full (both triangles) expansion of a symmetric handle, same types and
 * semiring (a diagonal entry is kept unless it equals the semiring's zero).
 * systec_?gemv_minplus takes only expansions of min-plus handles (general
 * handles from systec_csrmat_create_csr are plus-times). */
SYSTEC_API systec_status_t systec_csrmat_from_symmat(systec_csrmat_t **G, const systec_symmat_t *A);
SYSTEC_API void systec_csrmat_free(systec_csrmat_t **G);
SYSTEC_API systec_status_t systec_csrmat_info(const systec_csrmat_t *G, int64_t *m, int64_t *n,
                                              int64_t *nnz, systec_dtype_t *dtype,
                                              systec_itype_t *itype);
/* On an m-by-n general handle: y (m) := alpha*G*x (n) + beta*y; s := alpha *
 * x^T G x + beta*s (square G); Y (m-by-k) := alpha*G*X (n-by-k) + beta*Y;
 * y (m) := min(y, G (min,+) x). An SSYRK result holds only the upper
 * triangle, so these calls multiply by that triangle: expand it first
 * (systec_csrmat_expand_upper) to multiply by A*A^T. */
SYSTEC_API systec_status_t systec_dgemv(const systec_csrmat_t *G, double alpha, const double *x,
                                        double beta, double *y);
SYSTEC_API systec_status_t systec_sgemv(const systec_csrmat_t *G, float alpha, const float *x,
                                        float beta, float *y);
SYSTEC_API systec_status_t systec_dgeprd(const systec_csrmat_t *G, double alpha, const double *x,
                                         double beta, double *s);
SYSTEC_API systec_status_t systec_sgeprd(const systec_csrmat_t *G, float alpha, const float *x,
                                         float beta, float *s);
SYSTEC_API systec_status_t systec_dgemm(const systec_csrmat_t *G, int64_t k, double alpha,
                                        const double *X, double beta, double *Y);
SYSTEC_API systec_status_t systec_sgemm(const systec_csrmat_t *G, int64_t k, float alpha,
                                        const float *X, float beta, float *Y);
SYSTEC_API systec_status_t systec_dgemv_minplus(const systec_csrmat_t *G, const double *x,
                                                double *y);
SYSTEC_API systec_status_t systec_sgemv_minplus(const systec_csrmat_t *G, const float *x,
                                                float *y);
SYSTEC_API systec_status_t systec_dgebilin(const systec_csrmat_t *G, double alpha,
                                           const double *x, const double *y, double beta,
                                           double *s);
SYSTEC_API systec_status_t systec_sgebilin(const systec_csrmat_t *G, float alpha, const float *x,
                                           const float *y, float beta, float *s);
/* A general handle's plan: the baselines' schedule per operation. Forcing
 * ("serial" or "serial_short") applies at once (it builds nothing). */
SYSTEC_API systec_status_t systec_csrmat_force(systec_csrmat_t *G, systec_op_t op,
                                               const char *variant);
SYSTEC_API systec_status_t systec_csrmat_describe(const systec_csrmat_t *G, systec_op_t op,
                                                  char *buf, size_t len, size_t *needed);

/* ----------------------------------------------------------------- SSYRK */
/* C = A*A^T for a general m-by-k sparse A (a csrmat handle, any values). C
 * is symmetric, so only its upper triangle (col >= row, diagonal included)
 * is computed and returned, as a new m-by-m handle with sorted rows; its
 * pattern is computed by the library (symbolic phase). Structural zeros are
 * never stored; numerical cancellation may leave explicit zeros. A must be
 * a plus-times handle. The handle keeps what systec_?syrk_numeric needs to
 * recompute the values from an operand with the same pattern and new
 * values (checked: an operand of another shape returns
 * SYSTEC_ERR_INVALID_SIZE, one of another pattern -- entry count, row
 * lengths or columns -- SYSTEC_ERR_INVALID_VALUE). */
SYSTEC_API systec_status_t systec_dsyrk(const systec_csrmat_t *A, systec_csrmat_t **C);
SYSTEC_API systec_status_t systec_ssyrk(const systec_csrmat_t *A, systec_csrmat_t **C);
SYSTEC_API systec_status_t systec_dsyrk_numeric(const systec_csrmat_t *A, systec_csrmat_t *C);
SYSTEC_API systec_status_t systec_ssyrk_numeric(const systec_csrmat_t *A, systec_csrmat_t *C);
/* The non-symmetric baseline: all of A*A^T, the same way. */
SYSTEC_API systec_status_t systec_daat(const systec_csrmat_t *A, systec_csrmat_t **C);
SYSTEC_API systec_status_t systec_saat(const systec_csrmat_t *A, systec_csrmat_t **C);
SYSTEC_API systec_status_t systec_daat_numeric(const systec_csrmat_t *A, systec_csrmat_t *C);
SYSTEC_API systec_status_t systec_saat_numeric(const systec_csrmat_t *A, systec_csrmat_t *C);
/* Deprecated (release 0.2 removes them): the untyped names of 0.1, which
 * take A's value type as it is. */
SYSTEC_API SYSTEC_DEPRECATED systec_status_t systec_syrk(const systec_csrmat_t *A,
                                                         systec_csrmat_t **C);
SYSTEC_API SYSTEC_DEPRECATED systec_status_t systec_syrk_numeric(const systec_csrmat_t *A,
                                                                 systec_csrmat_t *C);
SYSTEC_API SYSTEC_DEPRECATED systec_status_t systec_aat(const systec_csrmat_t *A,
                                                        systec_csrmat_t **C);
SYSTEC_API SYSTEC_DEPRECATED systec_status_t systec_aat_numeric(const systec_csrmat_t *A,
                                                                systec_csrmat_t *C);
/* Dense output: C (row-major m-by-m, leading dimension ldc >= m) := the
 * upper triangle (col >= row) of A*A^T; the strict lower triangle of C is
 * left alone. No symbolic phase. The baselines write all of A*A^T. */
SYSTEC_API systec_status_t systec_dsyrk_dense(const systec_csrmat_t *A, double *C, int64_t ldc);
SYSTEC_API systec_status_t systec_ssyrk_dense(const systec_csrmat_t *A, float *C, int64_t ldc);
SYSTEC_API systec_status_t systec_daat_dense(const systec_csrmat_t *A, double *C, int64_t ldc);
SYSTEC_API systec_status_t systec_saat_dense(const systec_csrmat_t *A, float *C, int64_t ldc);
/* The full symmetric matrix from an upper-triangle result (systec_syrk): the
 * explicit, separately timed expansion for users who want both triangles
 * (an explicit zero on the diagonal is dropped). */
SYSTEC_API systec_status_t systec_csrmat_expand_upper(const systec_csrmat_t *U,
                                                      systec_csrmat_t **F);


/* ---------------------------------------------------------------- tensors */
/* A coordinate list of an order-N tensor whose modes all have size dim, as
 * read from a file: 0-based int64 coordinates, entry e's at
 * ind[e*order .. e*order+order-1], and double values. Arrays from the
 * readers are owned by the library: free them with systec_tns_free(). A
 * user-built list may point to user arrays. */
typedef struct systec_tns {
    int order;   /* 1..SYSTEC_MAX_ORDER */
    int64_t dim; /* size of every mode */
    int64_t nnz;
    int64_t *ind; /* nnz * order */
    double *val;  /* nnz */
} systec_tns_t;
#define SYSTEC_MAX_ORDER 8
SYSTEC_API void systec_tns_free(systec_tns_t *T);

/* FROSTT .tns: one entry per line, "i1 ... iN value", 1-based, '#'
 * comments. An optional first line "N dim" (two integers; as in
 * symprop_contact-5.tns) gives the order and the mode size; it is taken as
 * the header when the next entry line has N+1 fields (or there is none),
 * else the file is a headerless order-1 tensor. Without a header the order
 * is the number of integer fields and dim is the largest coordinate.
 * gzip input is detected by its magic bytes. Errors as systec_mm_read
 * (SYSTEC_ERR_PARSE with "<path>:<line>: <reason>"). */
SYSTEC_API systec_status_t systec_tns_read(const char *path, systec_tns_t *T);
/* Writes the header line "N dim" and the entries, 1-based, values with 17
 * significant digits, through a temporary file renamed into place (links,
 * devices and modes as systec_mm_write). */
SYSTEC_API systec_status_t systec_tns_write(const char *path, const systec_tns_t *T);
/* LambdaTAME .ssten: header "order dim nnz", then 1-based "v1 ... vN weight". */
SYSTEC_API systec_status_t systec_ssten_read(const char *path, systec_tns_t *T);
/* A symmetric order-k adjacency tensor from a hypergraph in the ScHoLP
 * three-file format (<set>-nverts.txt[.gz]: size of each simplex;
 * <set>-simplices.txt[.gz]: their 1-based node ids, concatenated).
 * Repeated simplices count once, a simplex with a repeated node is an error.
 * SYSTEC_HYPER_UNIFORM keeps the distinct simplices with exactly k nodes
 * (dim = M, the largest node id in the file); SYSTEC_HYPER_PADDED keeps
 * those with 2..k nodes and pads a simplex of s < k nodes with the k - s
 * dummy nodes M+s-1, ..., M+k-2 (1-based; dim = M + k - 2), as
 * symprop_contact-5.tns does. The result holds one canonical (strictly
 * increasing, 0-based) tuple per distinct hyperedge, value 1. */
typedef enum systec_hyper {
    SYSTEC_HYPER_UNIFORM = 1,
    SYSTEC_HYPER_PADDED = 2
} systec_hyper_t;
SYSTEC_API systec_status_t systec_hypergraph_read(const char *nverts_path,
                                                  const char *simplices_path, int k,
                                                  systec_hyper_t how, systec_tns_t *T);
/* A random symmetric tensor as in the SySTeC paper's evaluation: exactly
 * round(sp * C(dim+order-1, order)) distinct canonical cells (i1 <= ... <=
 * iN) drawn uniformly, so each cell of the full tensor is nonzero with
 * probability sp; values uniform in (0, 1]. Deterministic in seed. The
 * result is canonical: sorted tuples, lexicographic order. */
SYSTEC_API systec_status_t systec_tns_random_symmetric(int order, int64_t dim, double sp,
                                                       uint64_t seed, systec_tns_t *T);

/* A symmetric sparse tensor of order 2..SYSTEC_MAX_ORDER and mode size n:
 * one stored entry per orbit (its canonical, sorted coordinates), in the
 * storage the generated kernels want (for orders 3 to 5 also the values
 * with their tie factors folded in and the entries as a tree, for MTTKRP;
 * for order 3 also the entries once per update of TTM, each as fibers
 * ending at its output row). */
typedef struct systec_symten systec_symten_t;
/* How a coordinate list describes a symmetric tensor. */
typedef enum systec_symform {
    /* one entry per orbit with sorted coordinates i1 <= ... <= iN; an
     * unsorted tuple is an error (SYSTEC_ERR_WRONG_TRIANGLE) */
    SYSTEC_SYM_CANONICAL = 1,
    /* every permutation of every entry present with the same value (after
     * duplicates are summed); a missing or disagreeing permutation is an
     * error (SYSTEC_ERR_NOT_SYMMETRIC) */
    SYSTEC_SYM_FULL = 2
} systec_symform_t;
/* Builds the handle from T (unsorted; duplicate tuples are summed; the
 * values are rounded to dtype). Checks: order 2..SYSTEC_MAX_ORDER, dim >= 0
 * and < 2^31, coordinates in range, the form as described above. */
SYSTEC_API systec_status_t systec_symten_create(systec_symten_t **A, const systec_tns_t *T,
                                                systec_symform_t form, systec_dtype_t dtype);
SYSTEC_API void systec_symten_free(systec_symten_t **A);
/* Order, mode size, stored (canonical) entries, entries of the full tensor
 * they stand for, value type. Any out pointer may be NULL. */
SYSTEC_API systec_status_t systec_symten_info(const systec_symten_t *A, int *order, int64_t *n,
                                              int64_t *nnz, int64_t *full_nnz,
                                              systec_dtype_t *dtype);
/* The stored entries as a canonical list (library-owned arrays). */
SYSTEC_API systec_status_t systec_symten_to_tns(const systec_symten_t *A, systec_tns_t *T);
/* Every permutation of every entry: the full tensor, for the baselines. */
SYSTEC_API systec_status_t systec_symten_expand(const systec_symten_t *A, systec_tns_t *T);

/* MTTKRP with the same factor B in every mode (symmetric CP), orders 3, 4
 * and 5: C[i,r] := sum over k,l,... of A[i,k,l,...] * B[k,r] * B[l,r] * ...
 * B and C are n-by-R row-major (the rank index innermost); C is
 * overwritten. Orders this build has no kernel for return
 * SYSTEC_ERR_UNSUPPORTED. */
SYSTEC_API systec_status_t systec_dmttkrp(const systec_symten_t *A, int64_t R, const double *B,
                                          double *C);
SYSTEC_API systec_status_t systec_smttkrp(const systec_symten_t *A, int64_t R, const float *B,
                                          float *C);
/* The same with leading dimensions: row i of B at B + i*ldb, of C at
 * C + i*ldc (ldb, ldc >= R; e.g. R rounded up to the vector width, rows
 * aligned); only the first R elements of each row of C are written. */
SYSTEC_API systec_status_t systec_dmttkrp_ld(const systec_symten_t *A, int64_t R, const double *B,
                                             int64_t ldb, double *C, int64_t ldc);
SYSTEC_API systec_status_t systec_smttkrp_ld(const systec_symten_t *A, int64_t R, const float *B,
                                             int64_t ldb, float *C, int64_t ldc);
/* The MTTKRP kernel the handle runs, "fold:ranked" (per entry) or
 * "foldtree:ranked" (the tree kernel; both rank-specialised, the schedule
 * chosen per call by the rank), under its own thresholds (P NULL) or under
 * profile P's. */
SYSTEC_API systec_status_t systec_symten_variant(const systec_symten_t *A,
                                                 const systec_profile_t *P, char *buf, size_t len);
/* The handle's own thresholds (a copy of P's; NULL: the process-wide
 * profile), used from its next call. */
SYSTEC_API systec_status_t systec_symten_set_profile(systec_symten_t *A, const systec_profile_t *P);

/* TTM with A symmetric of order 3: C[j,l,i] := sum_k A[j,l,k] * B[k,i],
 * B n-by-R row-major. C is symmetric in (j, l), so only j <= l is computed
 * and stored, packed: element (j,l,i) with j <= l at
 * C[(j*(2n-j+1)/2 + l-j) * R + i], n(n+1)/2 * R elements in all, the rank
 * index innermost. C is overwritten. Other orders return
 * SYSTEC_ERR_UNSUPPORTED. */
SYSTEC_API systec_status_t systec_dttm(const systec_symten_t *A, int64_t R, const double *B,
                                       double *C);
SYSTEC_API systec_status_t systec_sttm(const systec_symten_t *A, int64_t R, const float *B,
                                       float *C);
/* The same with leading dimensions: row x of B at B + x*ldb, packed row p
 * = j*(2n-j+1)/2 + l-j of C at C + p*ldc (ldb, ldc >= R); only the first R
 * elements of each row of C are written. */
SYSTEC_API systec_status_t systec_dttm_ld(const systec_symten_t *A, int64_t R, const double *B,
                                          int64_t ldb, double *C, int64_t ldc);
SYSTEC_API systec_status_t systec_sttm_ld(const systec_symten_t *A, int64_t R, const float *B,
                                          int64_t ldb, float *C, int64_t ldc);
/* The explicit, separately timed expansion of a packed TTM result into
 * the full n-by-n-by-R array F[(j*n + l)*R + i] (both halves). */
SYSTEC_API systec_status_t systec_dttm_expand(int64_t n, int64_t R, const double *C, double *F);
SYSTEC_API systec_status_t systec_sttm_expand(int64_t n, int64_t R, const float *C, float *F);

/* A general (non-symmetric) sparse tensor in compressed sparse fiber form,
 * rooted at mode 0: the storage of the non-symmetric baselines. */
typedef struct systec_csften systec_csften_t;
/* From any coordinate list (duplicates summed), e.g. systec_symten_expand's. */
SYSTEC_API systec_status_t systec_csften_create(systec_csften_t **A, const systec_tns_t *T,
                                                systec_dtype_t dtype);
SYSTEC_API void systec_csften_free(systec_csften_t **A);
/* Order, mode size, entries, fiber nodes over all levels. */
SYSTEC_API systec_status_t systec_csften_info(const systec_csften_t *A, int *order, int64_t *n,
                                              int64_t *nnz, int64_t *nodes);
/* The non-symmetric baseline MTTKRP on mode 0 of a general tensor, the
 * same B in every other mode: C[i,r] := sum A[i,k,l,...] B[k,r] B[l,r] ... */
SYSTEC_API systec_status_t systec_dmttkrp_csf(const systec_csften_t *A, int64_t R,
                                              const double *B, double *C);
SYSTEC_API systec_status_t systec_smttkrp_csf(const systec_csften_t *A, int64_t R,
                                              const float *B, float *C);
/* The same plainly: one loop over the full tensor's entries (no sums
 * factored over fibers), the other honest baseline; for short fibers it
 * can beat the CSF one. And both with leading dimensions (as
 * systec_dmttkrp_ld). */
SYSTEC_API systec_status_t systec_dmttkrp_coo(const systec_csften_t *A, int64_t R,
                                              const double *B, double *C);
SYSTEC_API systec_status_t systec_smttkrp_coo(const systec_csften_t *A, int64_t R,
                                              const float *B, float *C);
SYSTEC_API systec_status_t systec_dmttkrp_csf_ld(const systec_csften_t *A, int64_t R,
                                                 const double *B, int64_t ldb, double *C,
                                                 int64_t ldc);
SYSTEC_API systec_status_t systec_smttkrp_csf_ld(const systec_csften_t *A, int64_t R,
                                                 const float *B, int64_t ldb, float *C,
                                                 int64_t ldc);
SYSTEC_API systec_status_t systec_dmttkrp_coo_ld(const systec_csften_t *A, int64_t R,
                                                 const double *B, int64_t ldb, double *C,
                                                 int64_t ldc);
SYSTEC_API systec_status_t systec_smttkrp_coo_ld(const systec_csften_t *A, int64_t R,
                                                 const float *B, int64_t ldb, float *C,
                                                 int64_t ldc);
/* The non-symmetric baseline TTM on a general order-3 tensor, contracted in
 * its last mode: the full F[(j*n + l)*R + i] := sum_k A[j,l,k] * B[k,i]. */
SYSTEC_API systec_status_t systec_dttm_csf(const systec_csften_t *A, int64_t R, const double *B,
                                           double *F);
SYSTEC_API systec_status_t systec_sttm_csf(const systec_csften_t *A, int64_t R, const float *B,
                                           float *F);
/* The same plainly, one loop over the full tensor's entries (the other
 * honest baseline), and both with leading dimensions: row x of B at
 * B + x*ldb, row j*n + l of F at F + (j*n + l)*ldf (ldb, ldf >= R). */
SYSTEC_API systec_status_t systec_dttm_coo(const systec_csften_t *A, int64_t R, const double *B,
                                           double *F);
SYSTEC_API systec_status_t systec_sttm_coo(const systec_csften_t *A, int64_t R, const float *B,
                                           float *F);
SYSTEC_API systec_status_t systec_dttm_csf_ld(const systec_csften_t *A, int64_t R,
                                              const double *B, int64_t ldb, double *F,
                                              int64_t ldf);
SYSTEC_API systec_status_t systec_sttm_csf_ld(const systec_csften_t *A, int64_t R,
                                              const float *B, int64_t ldb, float *F, int64_t ldf);
SYSTEC_API systec_status_t systec_dttm_coo_ld(const systec_csften_t *A, int64_t R,
                                              const double *B, int64_t ldb, double *F,
                                              int64_t ldf);
SYSTEC_API systec_status_t systec_sttm_coo_ld(const systec_csften_t *A, int64_t R,
                                              const float *B, int64_t ldb, float *F, int64_t ldf);

/* --------------------------------------------- TTM into a sparse output */
/* The packed output of systec_?ttm has n(n+1)/2 rows of R whatever A's
 * sparsity (at n = 9996 and R = 16, 6.4 GB), though A's entries reach few
 * of its rows (j, l). A rows object holds the rows an order-3 tensor's
 * entries reach and its updates ordered by them (the symbolic phase, once):
 * from the symmetric handle the pairs j <= l (the output's symmetric half),
 * from a full coordinate list (the non-symmetric baseline) every pair. The
 * output C has one row of R per pair, in increasing (j, l) order:
 * C[q*R + i] = sum_k A[j_q,l_q,k] B[k,i]. */
typedef struct systec_ttmrows systec_ttmrows_t;
SYSTEC_API systec_status_t systec_ttmrows_create(systec_ttmrows_t **P, const systec_symten_t *A);
/* The baseline's rows, from a full list (e.g. systec_symten_expand's; order 3,
 * duplicates not allowed) with values of type dtype. */
SYSTEC_API systec_status_t systec_ttmrows_create_coo(systec_ttmrows_t **P, const systec_tns_t *T,
                                                     systec_dtype_t dtype);
SYSTEC_API void systec_ttmrows_free(systec_ttmrows_t **P);
/* The mode size, the number of rows and (if pairs is not NULL) the rows'
 * pairs, pairs[2q] = j, pairs[2q+1] = l (owned by P). */
SYSTEC_API systec_status_t systec_ttmrows_info(const systec_ttmrows_t *P, int64_t *n,
                                               int64_t *rows, const int64_t **pairs);
/* C := the rows of TTM (rows-by-R, row-major), B n-by-R; C is overwritten. */
SYSTEC_API systec_status_t systec_dttm_rows(const systec_ttmrows_t *P, int64_t R,
                                            const double *B, double *C);
SYSTEC_API systec_status_t systec_sttm_rows(const systec_ttmrows_t *P, int64_t R, const float *B,
                                            float *C);
/* The dispatcher's choice of output for TTM on A: *rows_out = 1 when the
 * sparse rows (P's) are the smaller output, 0 for the packed one (then
 * systec_?ttm); *cells: the chosen output's elements at rank R. */
SYSTEC_API systec_status_t systec_ttm_choose_output(const systec_symten_t *A,
                                                    const systec_ttmrows_t *P, int64_t R,
                                                    int *rows_out, int64_t *cells);

/* ------------------------------------------------------------------ TTMc */
/* TTMc of a symmetric tensor of order 3 or 4 with the same n-by-R matrix U
 * (row-major) in every mode but the first:
 *   order 3: Y[i,r,s]   := sum_{j,k}   A[i,j,k]   U[j,r] U[k,s]
 *   order 4: Y[i,r,s,t] := sum_{j,k,l} A[i,j,k,l] U[j,r] U[k,s] U[l,t].
 * Y is symmetric in its last order-1 modes, so only the sorted runs
 * r <= s (<= t) are computed and stored, packed: for each i, the runs in
 * lexicographic order, Y[i * P + rank(r,s,...)] with P = C(R+order-2,
 * order-1) runs; systec_ttmc_size gives the sizes and systec_?ttmc_expand
 * the full array. Y is overwritten; on error it is left untouched. */
SYSTEC_API systec_status_t systec_dttmc(const systec_symten_t *A, int64_t R, const double *U,
                                        double *Y);
SYSTEC_API systec_status_t systec_sttmc(const systec_symten_t *A, int64_t R, const float *U,
                                        float *Y);
/* A plan for repeated TTMc calls on one handle: the entries in the storage
 * the dispatcher chose, built once (systec_?ttmc builds one per call). */
typedef struct systec_ttmcplan systec_ttmcplan_t;
SYSTEC_API systec_status_t systec_ttmcplan_create(systec_ttmcplan_t **P, const systec_symten_t *A);
SYSTEC_API void systec_ttmcplan_free(systec_ttmcplan_t **P);
SYSTEC_API systec_status_t systec_dttmc_plan(const systec_ttmcplan_t *P, int64_t R,
                                             const double *U, double *Y);
SYSTEC_API systec_status_t systec_sttmc_plan(const systec_ttmcplan_t *P, int64_t R,
                                             const float *U, float *Y);
/* The elements of the packed output (n * C(R+order-2, order-1)) and of the
 * full one (n * R^(order-1)); either pointer may be NULL. */
SYSTEC_API systec_status_t systec_ttmc_size(int order, int64_t n, int64_t R, int64_t *packed,
                                            int64_t *full);
/* The non-symmetric baseline: the same contraction over a full coordinate
 * list (e.g. systec_symten_expand's), writing the full
 * Y[((i*R + r)*R + s)(*R + t)]. */
SYSTEC_API systec_status_t systec_dttmc_coo(const systec_tns_t *T, int64_t R, const double *U,
                                            double *Y);
SYSTEC_API systec_status_t systec_sttmc_coo(const systec_tns_t *T, int64_t R, const float *U,
                                            float *Y);
/* The explicit, separately timed expansion of a packed TTMc result into the
 * full array (every arrangement of each run). */
SYSTEC_API systec_status_t systec_dttmc_expand(int order, int64_t n, int64_t R, const double *Yp,
                                               double *Y);
SYSTEC_API systec_status_t systec_sttmc_expand(int order, int64_t n, int64_t R, const float *Yp,
                                               float *Y);

/* ------------------------------------------- TTSV (tensor times same vector) */
/* y[i] := sum over j,k,... of A[i,j,k,...] * x[j] * x[k] * ..., orders 3
 * to 5 (the step of the symmetric higher-order power method and of
 * hypergraph eigenvector centralities); x and y have n elements, y is
 * overwritten and must not overlap x. Other orders return
 * SYSTEC_ERR_UNSUPPORTED. On the symmetric handle: */
SYSTEC_API systec_status_t systec_dttsv(const systec_symten_t *A, const double *x, double *y);
SYSTEC_API systec_status_t systec_sttsv(const systec_symten_t *A, const float *x, float *y);
/* The non-symmetric baseline on a general tensor (e.g. the expansion of a
 * symmetric one), contracted in every mode but the first. */
SYSTEC_API systec_status_t systec_dttsv_csf(const systec_csften_t *A, const double *x,
                                            double *y);
SYSTEC_API systec_status_t systec_sttsv_csf(const systec_csften_t *A, const float *x, float *y);

#ifdef __cplusplus
}
#endif
#endif /* SYSTEC_H */
