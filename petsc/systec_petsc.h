/* libsystec inside PETSc: a distributed symmetric matrix (a MATSHELL)
 * whose rank-local work runs on libsystec.
 *
 * Each rank stores only the upper triangle of its rows, as PETSc's MPISBAIJ
 * does. The part of a rank's rows inside its own column range (the
 * diagonal block) is a libsystec symmetric handle; the part to the right of
 * it (the off-diagonal upper block B, columns owned by higher ranks) is
 * kept compressed to the columns it touches. A product y = A x is
 *   y_own  = A_diag x_own                  (libsystec SSYMV)
 *          + B x_remote                    (x_remote gathered by a forward VecScatter)
 *   y_remote += B^T x_own                  (sent back by the same scatter, reverse, ADD_VALUES)
 * with the forward scatter in flight while the diagonal block and B^T x_own
 * are computed. Both B products run on libsystec's general CSR kernel.
 *
 * Operations: MatMult, MatMultAdd, MatMultTranspose (= MatMult),
 * MatGetDiagonal (so PCJACOBI works), MatDestroy. The matrix is marked
 * symmetric. It works with KSP and PETSc options (-ksp_type cg
 * -pc_type jacobi ...). */
#ifndef SYSTEC_PETSC_H
#define SYSTEC_PETSC_H

#include <petscmat.h>

/* Creates the matrix on comm: M-by-M globally, m rows on this rank (or
 * PETSC_DECIDE, then PETSc splits the rows), in PETSc's row distribution.
 * rowptr (m+1), colidx and val give this rank's rows in CSR with GLOBAL
 * column indices, only entries with column >= row (the diagonal included;
 * rows unsorted, duplicates summed). The arrays are copied. Entries below
 * the diagonal or outside 0..M-1 are an error (PETSC_ERR_ARG_OUTOFRANGE);
 * a failure inside libsystec is PETSC_ERR_LIB with its message. */
PetscErrorCode SystecMatCreateSymUpper(MPI_Comm comm, PetscInt m, PetscInt M,
                                       const PetscInt rowptr[], const PetscInt colidx[],
                                       const PetscScalar val[], Mat *A);

/* The stored entries on this rank: in the diagonal block (its strict upper
 * part plus the diagonal) and in the off-diagonal upper block. */
PetscErrorCode SystecMatGetLocalSizes(Mat A, PetscInt *diag_block, PetscInt *off_block);

#endif
