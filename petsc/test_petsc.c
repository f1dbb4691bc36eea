/* The libsystec PETSc matrix against PETSc's MPIAIJ and MPISBAIJ on the same
 * matrices, at whatever number of ranks it is started with (CTest: 1, 2, 4).
 *
 * For each matrix (the 27-point Laplacian on a 7^3 and a 10^3 grid, and the
 * symmetric Matrix Market files given on the command line):
 *   - MatMult, MatMultAdd, MatMultTranspose on random x: every element within
 *     1e-12 * (|A| |x|)_i of MPIAIJ's (the per-element tolerance);
 *   - MatGetDiagonal: equal to MPIAIJ's;
 *   - KSP CG with PCJACOBI (options may override: KSPSetFromOptions) on
 *     b = A x*, rtol 1e-10: the same iteration count as MPIAIJ and MPISBAIJ
 *     and the same solution (relative difference <= 1e-9).
 * Plus bad input: an entry below the diagonal is an error on every rank.
 * Prints "N passed, M failed" (over all ranks) on rank 0.
 *
 * usage: mpirun -n P test_petsc [MATRIX.mtx ...] */
#include "systec_petsc.h"
#include "upper_rows.h"

#include <petscksp.h>

static PetscInt passed, failed;

static void check(MPI_Comm comm, int ok_local, const char *what, const char *name)
{
    int ok = 0;
    MPI_Allreduce(&ok_local, &ok, 1, MPI_INT, MPI_LAND, comm);
    if (ok)
        passed++;
    else {
        failed++;
        PetscPrintf(comm, "FAIL: %s: %s\n", name, what);
    }
}

/* got == want within tol * bound, element by element on this rank. */
static PetscErrorCode close_elements(Vec got, Vec want, Vec bound, double tol, int *ok)
{
    const PetscScalar *g, *w, *b;
    PetscInt n;

    PetscFunctionBeginUser;
    PetscCall(VecGetLocalSize(got, &n));
    PetscCall(VecGetArrayRead(got, &g));
    PetscCall(VecGetArrayRead(want, &w));
    PetscCall(VecGetArrayRead(bound, &b));
    *ok = 1;
    for (PetscInt i = 0; i < n; i++)
        if (!(PetscAbsScalar(g[i] - w[i]) <= tol * b[i])) *ok = 0;
    PetscCall(VecRestoreArrayRead(got, &g));
    PetscCall(VecRestoreArrayRead(want, &w));
    PetscCall(VecRestoreArrayRead(bound, &b));
    PetscFunctionReturn(0);
}

/* The products and the diagonal of S against the MPIAIJ matrix G. */
static PetscErrorCode check_products(MPI_Comm comm, const char *name, Mat S, Mat G, Mat absG)
{
    Vec x, ax, bnd, ys, yg, d1, d2;
    PetscRandom rnd;
    int ok;

    PetscFunctionBeginUser;
    PetscCall(MatCreateVecs(G, &x, &ys));
    PetscCall(VecDuplicate(ys, &yg));
    PetscCall(VecDuplicate(ys, &bnd));
    PetscCall(VecDuplicate(x, &ax));
    PetscCall(VecDuplicate(ys, &d1));
    PetscCall(VecDuplicate(ys, &d2));
    PetscCall(PetscRandomCreate(comm, &rnd));
    PetscCall(PetscRandomSetInterval(rnd, -1.0, 1.0));
    PetscCall(PetscRandomSetSeed(rnd, 20261207));
    PetscCall(PetscRandomSeed(rnd));
    PetscCall(VecSetRandom(x, rnd));
    PetscCall(VecCopy(x, ax));
    PetscCall(VecAbs(ax));
    PetscCall(MatMult(absG, ax, bnd)); /* |A| |x|: the sum of |terms| per element */

    PetscCall(MatMult(S, x, ys));
    PetscCall(MatMult(G, x, yg));
    PetscCall(close_elements(ys, yg, bnd, 1e-12, &ok));
    check(comm, ok, "MatMult within 1e-12 * (|A||x|)_i of MPIAIJ's", name);
    PetscCall(MatMultTranspose(S, x, ys));
    PetscCall(close_elements(ys, yg, bnd, 1e-12, &ok));
    check(comm, ok, "MatMultTranspose equals MatMult", name);
    /* z = y + A x with y = x: the bound grows by |x| */
    PetscCall(MatMultAdd(S, x, x, ys));
    PetscCall(MatMultAdd(G, x, x, yg));
    PetscCall(VecAXPY(bnd, 1.0, ax));
    PetscCall(close_elements(ys, yg, bnd, 1e-12, &ok));
    check(comm, ok, "MatMultAdd within the tolerance", name);
    PetscCall(VecCopy(x, ys));
    PetscCall(MatMultAdd(S, x, ys, ys)); /* in place: z == y */
    PetscCall(close_elements(ys, yg, bnd, 1e-12, &ok));
    check(comm, ok, "MatMultAdd in place", name);

    PetscCall(MatGetDiagonal(S, d1));
    PetscCall(MatGetDiagonal(G, d2));
    PetscBool eq;
    PetscCall(VecEqual(d1, d2, &eq));
    check(comm, eq, "MatGetDiagonal equals MPIAIJ's", name);

    PetscCall(PetscRandomDestroy(&rnd));
    PetscCall(VecDestroy(&x));
    PetscCall(VecDestroy(&ax));
    PetscCall(VecDestroy(&bnd));
    PetscCall(VecDestroy(&ys));
    PetscCall(VecDestroy(&yg));
    PetscCall(VecDestroy(&d1));
    PetscCall(VecDestroy(&d2));
    PetscFunctionReturn(0);
}

/* CG + Jacobi on A x = b: the solution and the iteration count. */
static PetscErrorCode solve(MPI_Comm comm, Mat A, Vec b, Vec x, PetscInt *its)
{
    KSP ksp;
    PC pc;
    KSPConvergedReason reason;

    PetscFunctionBeginUser;
    PetscCall(KSPCreate(comm, &ksp));
    PetscCall(KSPSetOperators(ksp, A, A));
    PetscCall(KSPSetType(ksp, KSPCG));
    PetscCall(KSPGetPC(ksp, &pc));
    PetscCall(PCSetType(pc, PCJACOBI));
    PetscCall(KSPSetTolerances(ksp, 1e-10, PETSC_DEFAULT, PETSC_DEFAULT, 20000));
    PetscCall(KSPSetFromOptions(ksp));
    PetscCall(KSPSolve(ksp, b, x));
    PetscCall(KSPGetIterationNumber(ksp, its));
    PetscCall(KSPGetConvergedReason(ksp, &reason));
    if (reason <= 0) *its = -1;
    PetscCall(KSPDestroy(&ksp));
    PetscFunctionReturn(0);
}

static PetscErrorCode check_solves(MPI_Comm comm, const char *name, Mat S, Mat G, Mat B)
{
    Vec xs, b, x[3];
    PetscInt its[3];
    Mat mats[3] = {S, B, G};
    const char *names[3] = {"libsystec", "MPISBAIJ", "MPIAIJ"};
    char what[200];

    PetscFunctionBeginUser;
    PetscCall(UpperRowsRhs(G, &xs, &b));
    for (int k = 0; k < 3; k++) {
        PetscCall(VecDuplicate(xs, &x[k]));
        PetscCall(solve(comm, mats[k], b, x[k], &its[k]));
    }
    PetscCall(PetscPrintf(comm, "  %s: CG iterations libsystec %" PetscInt_FMT ", MPISBAIJ %" PetscInt_FMT
                                ", MPIAIJ %" PetscInt_FMT "\n", name, its[0], its[1], its[2]));
    check(comm, its[0] > 0, "libsystec's CG converged", name);
    for (int k = 1; k < 3; k++) {
        snprintf(what, sizeof what, "the same iteration count as %s", names[k]);
        check(comm, its[0] == its[k], what, name);
        PetscReal dn, xn;
        PetscCall(VecNorm(x[k], NORM_2, &xn));
        PetscCall(VecAXPY(x[k], -1.0, x[0]));
        PetscCall(VecNorm(x[k], NORM_2, &dn));
        snprintf(what, sizeof what, "the same solution as %s (relative difference %.2e)", names[k],
                 (double)(dn / xn));
        check(comm, dn <= 1e-9 * xn, what, name);
    }
    for (int k = 0; k < 3; k++) PetscCall(VecDestroy(&x[k]));
    PetscCall(VecDestroy(&xs));
    PetscCall(VecDestroy(&b));
    PetscFunctionReturn(0);
}

static PetscErrorCode check_matrix(MPI_Comm comm, const char *name, const UpperRows *U)
{
    Mat S, G, B, absG;

    PetscFunctionBeginUser;
    PetscCall(UpperRowsMat(comm, U, "systec", &S));
    PetscCall(UpperRowsMat(comm, U, MATMPIAIJ, &G));
    PetscCall(UpperRowsMat(comm, U, MATMPISBAIJ, &B));
    PetscCall(UpperRowsAbsMat(comm, U, &absG));
    PetscCall(check_products(comm, name, S, G, absG));
    PetscCall(check_solves(comm, name, S, G, B));
    PetscCall(MatDestroy(&S));
    PetscCall(MatDestroy(&G));
    PetscCall(MatDestroy(&B));
    PetscCall(MatDestroy(&absG));
    PetscFunctionReturn(0);
}

/* An entry below the diagonal on rank 0: every rank gets an error. */
static PetscErrorCode check_bad_input(MPI_Comm comm)
{
    PetscMPIInt rank;
    PetscInt rowptr[3] = {0, 1, 2}, colidx[2] = {0, 0};
    PetscScalar val[2] = {1, 1};
    Mat A = NULL;

    PetscFunctionBeginUser;
    PetscCallMPI(MPI_Comm_rank(comm, &rank));
    if (rank != 0) colidx[0] = colidx[1] = -1; /* unused: no rows here */
    PetscCall(PetscPushErrorHandler(PetscReturnErrorHandler, NULL));
    /* rank 0 owns rows 0 and 1; row 1 has column 0: below the diagonal */
    PetscErrorCode ierr = SystecMatCreateSymUpper(comm, rank == 0 ? 2 : 0, PETSC_DETERMINE,
                                                  rowptr, colidx, val, &A);
    PetscCall(PetscPopErrorHandler());
    check(comm, ierr != 0 && A == NULL, "an entry below the diagonal is an error on every rank",
          "bad input");
    PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
    MPI_Comm comm;
    PetscMPIInt size;
    UpperRows U;

    PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
    comm = PETSC_COMM_WORLD;
    PetscCallMPI(MPI_Comm_size(comm, &size));
    PetscCall(PetscPrintf(comm, "libsystec PETSc matrix on %d rank(s)\n", size));
    for (PetscInt g = 7; g <= 10; g += 3) {
        char name[64];
        snprintf(name, sizeof name, "27-point Laplacian %" PetscInt_FMT "^3", g);
        PetscCall(UpperRowsPoisson27(comm, g, &U));
        PetscCall(check_matrix(comm, name, &U));
        PetscCall(UpperRowsFree(&U));
    }
    for (int a = 1; a < argc; a++) {
        if (argv[a][0] == '-') break; /* PETSc options follow */
        PetscCall(UpperRowsRead(comm, argv[a], &U));
        PetscCall(check_matrix(comm, argv[a], &U));
        PetscCall(UpperRowsFree(&U));
    }
    PetscCall(check_bad_input(comm));
    PetscCall(PetscPrintf(comm, "%" PetscInt_FMT " passed, %" PetscInt_FMT " failed\n", passed, failed));
    PetscCall(PetscFinalize());
    return failed ? 1 : 0;
}
