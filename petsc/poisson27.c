/* A 3-D Poisson problem (27-point stencil, Dirichlet boundary) solved with
 * PETSc's CG on three matrix types holding the same matrix: libsystec's
 * (SystecMatCreateSymUpper), PETSc's MPISBAIJ (upper triangle) and MPIAIJ
 * (both triangles). Prints, per type, the stored entries, the time of one
 * MatMult and of the whole KSPSolve (medians of -reps rounds, the three
 * types interleaved in each round), and the iterations; checks that all
 * three take the same iterations to the same solution (exit status 1 if
 * not).
 *
 *   mpirun -n 2 poisson27 [-n G] [-reps R] [PETSc options, e.g. -ksp_rtol 1e-8]
 *
 * G: grid points per side (default 40: 64,000 unknowns). The solver is CG
 * with the Jacobi preconditioner unless options say otherwise (-ksp_type,
 * -pc_type, ...: applied to all three). b = A x*, x*_i = sin(0.37 i + 1). */
#include "systec_petsc.h"
#include "upper_rows.h"

#include <petscksp.h>

#define NTYPES 3
static const char *const type_names[NTYPES] = {"libsystec", "MPISBAIJ", "MPIAIJ"};

static int cmp_real(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_real);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Seconds of f(A) on every rank (barriers around). */
static PetscErrorCode timed_mults(MPI_Comm comm, Mat A, Vec x, Vec y, int count, double *t)
{
    PetscFunctionBeginUser;
    PetscCallMPI(MPI_Barrier(comm));
    double t0 = MPI_Wtime();
    for (int k = 0; k < count; k++) PetscCall(MatMult(A, x, y));
    PetscCallMPI(MPI_Barrier(comm));
    *t = (MPI_Wtime() - t0) / count;
    PetscFunctionReturn(0);
}

static PetscErrorCode timed_solve(MPI_Comm comm, KSP ksp, Vec b, Vec x, double *t, PetscInt *its)
{
    KSPConvergedReason reason;

    PetscFunctionBeginUser;
    PetscCall(VecSet(x, 0.0));
    PetscCallMPI(MPI_Barrier(comm));
    double t0 = MPI_Wtime();
    PetscCall(KSPSolve(ksp, b, x));
    PetscCallMPI(MPI_Barrier(comm));
    *t = MPI_Wtime() - t0;
    PetscCall(KSPGetIterationNumber(ksp, its));
    PetscCall(KSPGetConvergedReason(ksp, &reason));
    if (reason <= 0) *its = -1;
    PetscFunctionReturn(0);
}

static PetscErrorCode stored_entries(Mat A, int systec, PetscInt *nnz)
{
    PetscFunctionBeginUser;
    if (systec) {
        PetscInt d, o, local;
        PetscCall(SystecMatGetLocalSizes(A, &d, &o));
        local = d + o;
        PetscCallMPI(MPI_Allreduce(&local, nnz, 1, MPIU_INT, MPI_SUM, PetscObjectComm((PetscObject)A)));
    } else {
        MatInfo info;
        PetscCall(MatGetInfo(A, MAT_GLOBAL_SUM, &info));
        *nnz = (PetscInt)info.nz_used;
    }
    PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
    MPI_Comm comm;
    PetscMPIInt size;
    PetscInt g = 40, reps = 5, its[NTYPES], nnz[NTYPES];
    UpperRows U;
    Mat A[NTYPES];
    KSP ksp[NTYPES];
    Vec xs, b, x[NTYPES], y;

    PetscCall(PetscInitialize(&argc, &argv, NULL, NULL));
    comm = PETSC_COMM_WORLD;
    PetscCallMPI(MPI_Comm_size(comm, &size));
    PetscCall(PetscOptionsGetInt(NULL, NULL, "-n", &g, NULL));
    PetscCall(PetscOptionsGetInt(NULL, NULL, "-reps", &reps, NULL));
    PetscCheck(g >= 2 && reps >= 1, comm, PETSC_ERR_ARG_OUTOFRANGE, "need -n >= 2, -reps >= 1");
    PetscCall(UpperRowsPoisson27(comm, g, &U));
    const char *types[NTYPES] = {"systec", MATMPISBAIJ, MATMPIAIJ};
    for (int k = 0; k < NTYPES; k++) {
        PC pc;
        PetscCall(UpperRowsMat(comm, &U, types[k], &A[k]));
        PetscCall(stored_entries(A[k], k == 0, &nnz[k]));
        PetscCall(KSPCreate(comm, &ksp[k]));
        PetscCall(KSPSetOperators(ksp[k], A[k], A[k]));
        PetscCall(KSPSetType(ksp[k], KSPCG));
        PetscCall(KSPGetPC(ksp[k], &pc));
        PetscCall(PCSetType(pc, PCJACOBI));
        PetscCall(KSPSetTolerances(ksp[k], 1e-8, PETSC_DEFAULT, PETSC_DEFAULT, 10000));
        PetscCall(KSPSetFromOptions(ksp[k]));
    }
    PetscCall(UpperRowsFree(&U));
    PetscCall(UpperRowsRhs(A[2], &xs, &b));
    PetscCall(VecDuplicate(b, &y));
    for (int k = 0; k < NTYPES; k++) PetscCall(VecDuplicate(xs, &x[k]));

    /* rounds: every type in turn, so a slow moment of a shared machine
     * hits all three; the first round warms up and is not counted */
    double *tm, *ts;
    PetscCall(PetscMalloc2(NTYPES * reps, &tm, NTYPES * reps, &ts));
    for (PetscInt r = -1; r < reps; r++)
        for (int k = 0; k < NTYPES; k++) {
            double a = 0, s = 0;
            PetscCall(timed_mults(comm, A[k], xs, y, 20, &a));
            PetscCall(timed_solve(comm, ksp[k], b, x[k], &s, &its[k]));
            if (r >= 0) tm[k * reps + r] = a, ts[k * reps + r] = s;
        }

    PetscCall(PetscPrintf(comm, "3-D Poisson, 27-point stencil, %" PetscInt_FMT "^3 = %" PetscInt_FMT
                                " unknowns, %d rank(s); CG (options: -ksp_type, -pc_type, ...)\n",
                          g, g * g * g, size));
    PetscCall(PetscPrintf(comm, "%-10s %15s %14s %15s %11s\n", "matrix", "stored entries",
                          "MatMult (ms)", "KSPSolve (ms)", "iterations"));
    double mult_med[NTYPES], solve_med[NTYPES];
    for (int k = 0; k < NTYPES; k++) {
        mult_med[k] = median(tm + k * reps, (int)reps);
        solve_med[k] = median(ts + k * reps, (int)reps);
        PetscCall(PetscPrintf(comm, "%-10s %15" PetscInt_FMT " %14.3f %15.2f %11" PetscInt_FMT "\n",
                              type_names[k], nnz[k], 1e3 * mult_med[k], 1e3 * solve_med[k], its[k]));
    }
    PetscCall(PetscPrintf(comm, "MatMult time over libsystec's: MPISBAIJ %.2fx, MPIAIJ %.2fx; "
                                "KSPSolve: MPISBAIJ %.2fx, MPIAIJ %.2fx (medians of %" PetscInt_FMT
                                " rounds)\n", mult_med[1] / mult_med[0], mult_med[2] / mult_med[0],
                          solve_med[1] / solve_med[0], solve_med[2] / solve_med[0], reps));

    /* the check: the same iterations and the same solution */
    int ok = its[0] > 0;
    for (int k = 1; k < NTYPES; k++) {
        PetscReal dn, xn;
        PetscCall(VecNorm(x[k], NORM_2, &xn));
        PetscCall(VecAXPY(x[k], -1.0, x[0]));
        PetscCall(VecNorm(x[k], NORM_2, &dn));
        if (its[k] != its[0] || !(dn <= 1e-9 * xn)) {
            ok = 0;
            PetscCall(PetscPrintf(comm, "FAIL: %s: %" PetscInt_FMT " iterations, solution %.2e "
                                        "from libsystec's\n", type_names[k], its[k], (double)(dn / xn)));
        }
    }
    PetscCall(PetscPrintf(comm, "check: the same iterations and solution on all three: %s\n",
                          ok ? "ok" : "FAILED"));
    for (int k = 0; k < NTYPES; k++) {
        PetscCall(KSPDestroy(&ksp[k]));
        PetscCall(MatDestroy(&A[k]));
        PetscCall(VecDestroy(&x[k]));
    }
    PetscCall(PetscFree2(tm, ts));
    PetscCall(VecDestroy(&xs));
    PetscCall(VecDestroy(&b));
    PetscCall(VecDestroy(&y));
    PetscCall(PetscFinalize());
    return ok ? 0 : 1;
}
