/* libsystec inside PETSc (see systec_petsc.h): construction, the product
 * with PETSc's scatters, the diagonal. */
#include "systec_petsc.h"

#include <systec.h>

#if defined(PETSC_USE_COMPLEX) || !defined(PETSC_USE_REAL_DOUBLE)
#error "systec_petsc needs a PETSc with real double scalars"
#endif
#if defined(PETSC_USE_64BIT_INDICES)
#define SYSTEC_PETSC_ITYPE SYSTEC_INT64
#define systec_petsc_gemv systec_dgemv_csr_i64
#else
#define SYSTEC_PETSC_ITYPE SYSTEC_INT32
#define systec_petsc_gemv systec_dgemv_csr
#endif

/* A libsystec status as a PETSc error carrying the library's message. */
#define SYSTEC_PETSC_CALL(call)                                                                  \
    do {                                                                                         \
        systec_status_t st_ = (call);                                                            \
        PetscCheck(st_ == SYSTEC_SUCCESS, PETSC_COMM_SELF, PETSC_ERR_LIB, "libsystec: %s (%s)", \
                   systec_strerror(st_), systec_last_error());                                   \
    } while (0)

/* A rank's part of the matrix. */
typedef struct {
    PetscInt m, nghost;      /* local rows; columns of the off-diagonal block */
    systec_symmat_t *Ad;     /* the diagonal block (its upper triangle) */
    PetscInt *Bptr, *Bidx;   /* B: m x nghost, columns compressed to garray's order */
    PetscScalar *Bval;
    PetscInt *Tptr, *Tidx;   /* B^T: nghost x m */
    PetscScalar *Tval;
    PetscScalar *diag;       /* the diagonal entries of the local rows */
    PetscInt *garray;        /* nghost: global column of each compressed column */
    Vec xghost, wghost;      /* sequential, nghost: x at garray; B^T x_own */
    VecScatter scatter;      /* x (global) -> xghost; reversed, wghost -> y (add) */
    PetscInt nnz_diag, nnz_off;
} SystecMatCtx;

/* ------------------------------------------------------------ the product */

/* y := beta*y + A x (beta 0 or 1). */
static PetscErrorCode mult_core(Mat A, Vec x, Vec y, PetscScalar beta)
{
    SystecMatCtx *c;
    const PetscScalar *xa, *ga;
    PetscScalar *ya, *wa;

    PetscFunctionBeginUser;
    PetscCall(MatShellGetContext(A, &c));
    PetscCall(VecScatterBegin(c->scatter, x, c->xghost, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecGetArrayRead(x, &xa));
    PetscCall(VecGetArray(y, &ya));
    SYSTEC_PETSC_CALL(systec_dsymv(c->Ad, 1.0, xa, beta, ya));
    PetscCall(VecGetArray(c->wghost, &wa));
    if (c->nghost > 0)
        SYSTEC_PETSC_CALL(systec_petsc_gemv(c->nghost, c->m, c->Tptr, c->Tidx, c->Tval, 1.0, xa,
                                            0.0, wa));
    PetscCall(VecRestoreArray(c->wghost, &wa));
    PetscCall(VecScatterEnd(c->scatter, x, c->xghost, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecGetArrayRead(c->xghost, &ga));
    if (c->nghost > 0)
        SYSTEC_PETSC_CALL(systec_petsc_gemv(c->m, c->nghost, c->Bptr, c->Bidx, c->Bval, 1.0, ga,
                                            1.0, ya));
    PetscCall(VecRestoreArrayRead(c->xghost, &ga));
    PetscCall(VecRestoreArrayRead(x, &xa));
    PetscCall(VecRestoreArray(y, &ya));
    /* the transposed block's contributions to the rows of higher ranks */
    PetscCall(VecScatterBegin(c->scatter, c->wghost, y, ADD_VALUES, SCATTER_REVERSE));
    PetscCall(VecScatterEnd(c->scatter, c->wghost, y, ADD_VALUES, SCATTER_REVERSE));
    PetscFunctionReturn(0);
}

static PetscErrorCode mat_mult(Mat A, Vec x, Vec y)
{
    PetscFunctionBeginUser;
    PetscCall(mult_core(A, x, y, 0.0));
    PetscFunctionReturn(0);
}

/* z := y + A x */
static PetscErrorCode mat_mult_add(Mat A, Vec x, Vec y, Vec z)
{
    PetscFunctionBeginUser;
    if (z != y) PetscCall(VecCopy(y, z));
    PetscCall(mult_core(A, x, z, 1.0));
    PetscFunctionReturn(0);
}

static PetscErrorCode mat_get_diagonal(Mat A, Vec d)
{
    SystecMatCtx *c;
    PetscScalar *da;

    PetscFunctionBeginUser;
    PetscCall(MatShellGetContext(A, &c));
    PetscCall(VecGetArray(d, &da));
    PetscCall(PetscArraycpy(da, c->diag, c->m));
    PetscCall(VecRestoreArray(d, &da));
    PetscFunctionReturn(0);
}

static PetscErrorCode ctx_destroy(void *ptr)
{
    SystecMatCtx *c = ptr;

    PetscFunctionBeginUser;
    systec_symmat_free(&c->Ad);
    PetscCall(PetscFree3(c->Bptr, c->Bidx, c->Bval));
    PetscCall(PetscFree3(c->Tptr, c->Tidx, c->Tval));
    PetscCall(PetscFree(c->diag));
    PetscCall(PetscFree(c->garray));
    PetscCall(VecDestroy(&c->xghost));
    PetscCall(VecDestroy(&c->wghost));
    PetscCall(VecScatterDestroy(&c->scatter));
    PetscCall(PetscFree(c));
    PetscFunctionReturn(0);
}

/* ------------------------------------------------------------ construction */

/* Every entry in the upper triangle and in range, on every rank (the check
 * is agreed on by all ranks, so none goes on into collective calls alone). */
static PetscErrorCode check_rows(MPI_Comm comm, PetscInt m, PetscInt M, PetscInt rstart,
                                 const PetscInt rowptr[], const PetscInt colidx[])
{
    PetscInt bad = -1, badcol = 0;
    PetscMPIInt local = 0, any;

    PetscFunctionBeginUser;
    if (m > 0 && (!rowptr || rowptr[0] != 0)) local = 1;
    for (PetscInt i = 0; !local && i < m; i++) {
        if (rowptr[i + 1] < rowptr[i]) local = 1;
        for (PetscInt p = rowptr[i]; !local && p < rowptr[i + 1]; p++)
            if (colidx[p] < rstart + i || colidx[p] >= M) bad = rstart + i, badcol = colidx[p], local = 2;
    }
    PetscCallMPI(MPI_Allreduce(&local, &any, 1, MPI_INT, MPI_MAX, comm));
    PetscCheck(local != 1, PETSC_COMM_SELF, PETSC_ERR_ARG_CORRUPT,
               "row pointers must start at 0 and not decrease");
    PetscCheck(local != 2, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE,
               "row %" PetscInt_FMT ": column %" PetscInt_FMT " is not in %" PetscInt_FMT
               "..%" PetscInt_FMT " (upper triangle only)", bad, badcol, bad, M - 1);
    PetscCheck(!any, PETSC_COMM_SELF, PETSC_ERR_ARG_WRONG, "invalid rows on another rank");
    PetscFunctionReturn(0);
}

/* The diagonal block (local columns) as a libsystec handle and the local
 * diagonal. */
static PetscErrorCode build_diag_block(SystecMatCtx *c, PetscInt rstart, PetscInt rend,
                                       const PetscInt rowptr[], const PetscInt colidx[],
                                       const PetscScalar val[])
{
    PetscInt *ptr, *idx, nd = 0;
    PetscScalar *v;

    PetscFunctionBeginUser;
    for (PetscInt p = 0; p < rowptr[c->m]; p++) nd += colidx[p] < rend;
    PetscCall(PetscMalloc3(c->m + 1, &ptr, nd, &idx, nd, &v));
    ptr[0] = 0;
    for (PetscInt i = 0, k = 0; i < c->m; i++) {
        for (PetscInt p = rowptr[i]; p < rowptr[i + 1]; p++) {
            if (colidx[p] >= rend) continue;
            idx[k] = colidx[p] - rstart;
            v[k++] = val[p];
            if (colidx[p] == rstart + i) c->diag[i] += val[p];
        }
        ptr[i + 1] = k;
    }
    c->nnz_diag = nd;
    systec_status_t st = systec_symmat_create_csr(&c->Ad, SYSTEC_UPPER, SYSTEC_DOUBLE,
                                                  SYSTEC_PETSC_ITYPE, c->m, ptr, idx, v);
    PetscCall(PetscFree3(ptr, idx, v));
    SYSTEC_PETSC_CALL(st);
    PetscFunctionReturn(0);
}

/* The off-diagonal upper block B (columns >= rend), compressed to the
 * distinct columns it touches (garray), and its transpose. */
static PetscErrorCode build_off_block(SystecMatCtx *c, PetscInt rend, const PetscInt rowptr[],
                                      const PetscInt colidx[], const PetscScalar val[])
{
    PetscInt no = 0, *cols, *next;

    PetscFunctionBeginUser;
    for (PetscInt p = 0; p < rowptr[c->m]; p++) no += colidx[p] >= rend;
    PetscCall(PetscMalloc1(no, &cols));
    for (PetscInt p = 0, k = 0; p < rowptr[c->m]; p++)
        if (colidx[p] >= rend) cols[k++] = colidx[p];
    c->nghost = no;
    PetscCall(PetscSortRemoveDupsInt(&c->nghost, cols));
    PetscCall(PetscMalloc1(c->nghost, &c->garray));
    PetscCall(PetscArraycpy(c->garray, cols, c->nghost));
    PetscCall(PetscFree(cols));
    PetscCall(PetscMalloc3(c->m + 1, &c->Bptr, no, &c->Bidx, no, &c->Bval));
    PetscCall(PetscCalloc3(c->nghost + 1, &c->Tptr, no, &c->Tidx, no, &c->Tval));
    c->Bptr[0] = 0;
    for (PetscInt i = 0, k = 0; i < c->m; i++) {
        for (PetscInt p = rowptr[i]; p < rowptr[i + 1]; p++) {
            if (colidx[p] < rend) continue;
            PetscInt g;
            PetscCall(PetscFindInt(colidx[p], c->nghost, c->garray, &g));
            c->Bidx[k] = g;
            c->Bval[k++] = val[p];
            c->Tptr[g + 1]++;
        }
        c->Bptr[i + 1] = k;
    }
    c->nnz_off = no;
    /* the transpose: counts to starts, then fill row by row */
    for (PetscInt g = 0; g < c->nghost; g++) c->Tptr[g + 1] += c->Tptr[g];
    PetscCall(PetscMalloc1(c->nghost + 1, &next));
    PetscCall(PetscArraycpy(next, c->Tptr, c->nghost + 1));
    for (PetscInt i = 0; i < c->m; i++)
        for (PetscInt p = c->Bptr[i]; p < c->Bptr[i + 1]; p++) {
            PetscInt q = next[c->Bidx[p]]++;
            c->Tidx[q] = i;
            c->Tval[q] = c->Bval[p];
        }
    PetscCall(PetscFree(next));
    PetscFunctionReturn(0);
}

/* The scatter between the global vector and the block's columns. */
static PetscErrorCode build_scatter(MPI_Comm comm, SystecMatCtx *c, PetscInt M)
{
    IS from, to;
    Vec gvec;

    PetscFunctionBeginUser;
    PetscCall(VecCreateSeq(PETSC_COMM_SELF, c->nghost, &c->xghost));
    PetscCall(VecDuplicate(c->xghost, &c->wghost));
    PetscCall(VecCreateMPIWithArray(comm, 1, c->m, M, NULL, &gvec));
    PetscCall(ISCreateGeneral(PETSC_COMM_SELF, c->nghost, c->garray, PETSC_COPY_VALUES, &from));
    PetscCall(ISCreateStride(PETSC_COMM_SELF, c->nghost, 0, 1, &to));
    PetscCall(VecScatterCreate(gvec, from, c->xghost, to, &c->scatter));
    PetscCall(ISDestroy(&from));
    PetscCall(ISDestroy(&to));
    PetscCall(VecDestroy(&gvec));
    PetscFunctionReturn(0);
}

PetscErrorCode SystecMatCreateSymUpper(MPI_Comm comm, PetscInt m, PetscInt M,
                                       const PetscInt rowptr[], const PetscInt colidx[],
                                       const PetscScalar val[], Mat *A)
{
    SystecMatCtx *c;
    PetscInt rstart = 0;

    PetscFunctionBeginUser;
    PetscCheck(A, comm, PETSC_ERR_ARG_NULL, "A is NULL");
    PetscCall(PetscSplitOwnership(comm, &m, &M));
    PetscCallMPI(MPI_Scan(&m, &rstart, 1, MPIU_INT, MPI_SUM, comm));
    rstart -= m;
    PetscCall(check_rows(comm, m, M, rstart, rowptr, colidx));
    PetscCall(PetscNew(&c));
    c->m = m;
    PetscCall(PetscCalloc1(m, &c->diag));
    PetscCall(build_off_block(c, rstart + m, rowptr, colidx, val));
    PetscCall(build_diag_block(c, rstart, rstart + m, rowptr, colidx, val));
    PetscCall(build_scatter(comm, c, M));
    PetscCall(MatCreateShell(comm, m, m, M, M, c, A));
    PetscCall(MatShellSetContextDestroy(*A, ctx_destroy));
    PetscCall(MatShellSetOperation(*A, MATOP_MULT, (void (*)(void))mat_mult));
    PetscCall(MatShellSetOperation(*A, MATOP_MULT_TRANSPOSE, (void (*)(void))mat_mult));
    PetscCall(MatShellSetOperation(*A, MATOP_MULT_ADD, (void (*)(void))mat_mult_add));
    PetscCall(MatShellSetOperation(*A, MATOP_MULT_TRANSPOSE_ADD, (void (*)(void))mat_mult_add));
    PetscCall(MatShellSetOperation(*A, MATOP_GET_DIAGONAL, (void (*)(void))mat_get_diagonal));
    PetscCall(MatSetOption(*A, MAT_SYMMETRIC, PETSC_TRUE));
    PetscCall(MatSetOption(*A, MAT_SYMMETRY_ETERNAL, PETSC_TRUE));
    PetscFunctionReturn(0);
}

PetscErrorCode SystecMatGetLocalSizes(Mat A, PetscInt *diag_block, PetscInt *off_block)
{
    SystecMatCtx *c;

    PetscFunctionBeginUser;
    PetscCall(MatShellGetContext(A, &c));
    if (diag_block) *diag_block = c->nnz_diag;
    if (off_block) *off_block = c->nnz_off;
    PetscFunctionReturn(0);
}
