/* The test's and the example's matrices (see upper_rows.h). */
#include "upper_rows.h"

#include "systec_petsc.h"

#include <string.h>
#include <systec.h>

/* This rank's row range of an M-row matrix split by PETSc. */
static PetscErrorCode split_rows(MPI_Comm comm, PetscInt M, UpperRows *U)
{
    PetscFunctionBeginUser;
    memset(U, 0, sizeof *U);
    U->m = PETSC_DECIDE;
    U->M = M;
    PetscCall(PetscSplitOwnership(comm, &U->m, &U->M));
    PetscCallMPI(MPI_Scan(&U->m, &U->rstart, 1, MPIU_INT, MPI_SUM, comm));
    U->rstart -= U->m;
    PetscFunctionReturn(0);
}

PetscErrorCode UpperRowsPoisson27(MPI_Comm comm, PetscInt g, UpperRows *U)
{
    PetscFunctionBeginUser;
    PetscCall(split_rows(comm, g * g * g, U));
    PetscCall(PetscMalloc3(U->m + 1, &U->rowptr, 14 * U->m, &U->colidx, 14 * U->m, &U->val));
    PetscInt k = 0;
    U->rowptr[0] = 0;
    for (PetscInt r = U->rstart; r < U->rstart + U->m; r++) {
        PetscInt x = r % g, y = (r / g) % g, z = r / (g * g);
        for (PetscInt dz = -1; dz <= 1; dz++)
            for (PetscInt dy = -1; dy <= 1; dy++)
                for (PetscInt dx = -1; dx <= 1; dx++) {
                    PetscInt X = x + dx, Y = y + dy, Z = z + dz, c = (Z * g + Y) * g + X;
                    if (X < 0 || Y < 0 || Z < 0 || X >= g || Y >= g || Z >= g || c < r) continue;
                    U->colidx[k] = c;
                    U->val[k++] = c == r ? 26.0 : -1.0;
                }
        U->rowptr[r - U->rstart + 1] = k;
    }
    PetscFunctionReturn(0);
}

PetscErrorCode UpperRowsRead(MPI_Comm comm, const char *path, UpperRows *U)
{
    systec_coo_t coo;

    PetscFunctionBeginUser;
    systec_status_t st = systec_mm_read(path, &coo);
    PetscCheck(st == SYSTEC_SUCCESS, comm, PETSC_ERR_FILE_READ, "%s: %s", path,
               systec_last_error());
    PetscCheck(coo.nrows == coo.ncols, comm, PETSC_ERR_ARG_WRONG, "%s is not square", path);
    PetscCall(split_rows(comm, (PetscInt)coo.nrows, U));
    const PetscInt r0 = U->rstart, r1 = U->rstart + U->m;
    PetscInt *count;
    PetscCall(PetscCalloc1(U->m + 1, &count));
    /* each entry (r, c) of a symmetric file stands for (min, max) in the
     * upper triangle; a general file's lower entries are left out */
    for (int64_t e = 0; e < coo.nnz; e++) {
        PetscInt r = (PetscInt)PetscMin(coo.row[e], coo.col[e]);
        if ((coo.symmetric || coo.row[e] <= coo.col[e]) && r >= r0 && r < r1) count[r - r0 + 1]++;
    }
    for (PetscInt i = 0; i < U->m; i++) count[i + 1] += count[i];
    PetscCall(PetscMalloc3(U->m + 1, &U->rowptr, count[U->m], &U->colidx, count[U->m], &U->val));
    PetscCall(PetscArraycpy(U->rowptr, count, U->m + 1));
    for (int64_t e = 0; e < coo.nnz; e++) {
        PetscInt r = (PetscInt)PetscMin(coo.row[e], coo.col[e]);
        PetscInt c = (PetscInt)PetscMax(coo.row[e], coo.col[e]);
        if (!(coo.symmetric || coo.row[e] <= coo.col[e]) || r < r0 || r >= r1) continue;
        PetscInt q = count[r - r0]++;
        U->colidx[q] = c;
        U->val[q] = coo.val[e];
    }
    PetscCall(PetscFree(count));
    systec_coo_free(&coo);
    PetscFunctionReturn(0);
}

PetscErrorCode UpperRowsFree(UpperRows *U)
{
    PetscFunctionBeginUser;
    PetscCall(PetscFree3(U->rowptr, U->colidx, U->val));
    PetscFunctionReturn(0);
}

/* MPIAIJ or MPISBAIJ, preallocated from the upper rows' counts (MPIAIJ's
 * lower part is not counted: PETSc allocates it during the assembly). */
static PetscErrorCode petsc_mat(MPI_Comm comm, const UpperRows *U, const char *type, int absval,
                                Mat *A)
{
    const PetscInt r1 = U->rstart + U->m;
    const int sbaij = !strcmp(type, MATMPISBAIJ);
    PetscInt *dn, *on;

    PetscFunctionBeginUser;
    PetscCall(PetscCalloc2(U->m, &dn, U->m, &on));
    for (PetscInt i = 0; i < U->m; i++)
        for (PetscInt p = U->rowptr[i]; p < U->rowptr[i + 1]; p++) {
            if (U->colidx[p] < r1) dn[i] += sbaij ? 1 : 2;
            else on[i]++;
        }
    PetscCall(MatCreate(comm, A));
    PetscCall(MatSetSizes(*A, U->m, U->m, U->M, U->M));
    PetscCall(MatSetType(*A, type));
    if (sbaij)
        PetscCall(MatMPISBAIJSetPreallocation(*A, 1, 0, dn, 0, on));
    else
        PetscCall(MatMPIAIJSetPreallocation(*A, 0, dn, 0, on));
    PetscCall(MatSetOption(*A, MAT_NEW_NONZERO_ALLOCATION_ERR, PETSC_FALSE));
    PetscCall(PetscFree2(dn, on));
    for (PetscInt i = 0; i < U->m; i++)
        for (PetscInt p = U->rowptr[i]; p < U->rowptr[i + 1]; p++) {
            PetscInt r = U->rstart + i, c = U->colidx[p];
            PetscScalar v = absval ? PetscAbsScalar(U->val[p]) : U->val[p];
            PetscCall(MatSetValues(*A, 1, &r, 1, &c, &v, ADD_VALUES));
            if (!sbaij && c != r) PetscCall(MatSetValues(*A, 1, &c, 1, &r, &v, ADD_VALUES));
        }
    PetscCall(MatAssemblyBegin(*A, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(*A, MAT_FINAL_ASSEMBLY));
    PetscFunctionReturn(0);
}

PetscErrorCode UpperRowsMat(MPI_Comm comm, const UpperRows *U, const char *type, Mat *A)
{
    PetscFunctionBeginUser;
    if (!strcmp(type, "systec"))
        PetscCall(SystecMatCreateSymUpper(comm, U->m, U->M, U->rowptr, U->colidx, U->val, A));
    else
        PetscCall(petsc_mat(comm, U, type, 0, A));
    PetscFunctionReturn(0);
}

PetscErrorCode UpperRowsAbsMat(MPI_Comm comm, const UpperRows *U, Mat *A)
{
    PetscFunctionBeginUser;
    PetscCall(petsc_mat(comm, U, MATMPIAIJ, 1, A));
    PetscFunctionReturn(0);
}

PetscErrorCode UpperRowsRhs(Mat A, Vec *xstar, Vec *b)
{
    PetscInt lo, hi;

    PetscFunctionBeginUser;
    PetscCall(MatCreateVecs(A, xstar, b));
    PetscCall(VecGetOwnershipRange(*xstar, &lo, &hi));
    for (PetscInt i = lo; i < hi; i++)
        PetscCall(VecSetValue(*xstar, i, PetscSinReal(0.37 * (double)i + 1.0), INSERT_VALUES));
    PetscCall(VecAssemblyBegin(*xstar));
    PetscCall(VecAssemblyEnd(*xstar));
    PetscCall(MatMult(A, *xstar, *b));
    PetscFunctionReturn(0);
}
