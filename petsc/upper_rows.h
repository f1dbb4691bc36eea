/* A distributed symmetric matrix as each rank's rows of its upper triangle
 * (global columns): the input the test and the example give to every matrix
 * type they compare (libsystec's, MPISBAIJ, MPIAIJ). Not part of the
 * library. */
#ifndef SYSTEC_PETSC_UPPER_ROWS_H
#define SYSTEC_PETSC_UPPER_ROWS_H

#include <petscmat.h>

typedef struct {
    PetscInt m, M, rstart; /* local rows, global rows, first local row */
    PetscInt *rowptr;      /* m + 1 */
    PetscInt *colidx;      /* global columns >= the row */
    PetscScalar *val;
} UpperRows;

/* The 27-point Laplacian on a g x g x g grid (Dirichlet boundary: 26 on the
 * diagonal, -1 for each of the up to 26 neighbours), rows split by PETSc. */
PetscErrorCode UpperRowsPoisson27(MPI_Comm comm, PetscInt g, UpperRows *U);
/* A symmetric Matrix Market file (every rank reads it; keeps its rows). */
PetscErrorCode UpperRowsRead(MPI_Comm comm, const char *path, UpperRows *U);
PetscErrorCode UpperRowsFree(UpperRows *U);
/* The matrix as "systec" (SystecMatCreateSymUpper), MATMPISBAIJ (the upper
 * triangle) or MATMPIAIJ (both triangles), assembled. */
PetscErrorCode UpperRowsMat(MPI_Comm comm, const UpperRows *U, const char *type, Mat *A);
/* The same with |values|, as MPIAIJ: |A| |x| bounds each product's terms. */
PetscErrorCode UpperRowsAbsMat(MPI_Comm comm, const UpperRows *U, Mat *A);
/* x*_i = sin(0.37 i + 1) and b = A x* (vectors of A's layout). */
PetscErrorCode UpperRowsRhs(Mat A, Vec *xstar, Vec *b);

#endif
