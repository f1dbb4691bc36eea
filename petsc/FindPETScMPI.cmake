# PETSc (pkg-config "PETSc") and the MPI it was built with, for the
# optional petsc/ component. Sets SYSTEC_PETSC_FOUND and, when found, the
# imported target PkgConfig::PETSC and MPI::MPI_C (plus MPIEXEC_*).
set(SYSTEC_PETSC_FOUND OFF)
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PETSC QUIET IMPORTED_TARGET PETSc)
endif()
if(PETSC_FOUND)
  find_package(MPI QUIET COMPONENTS C)
  if(MPI_C_FOUND AND MPIEXEC_EXECUTABLE)
    set(SYSTEC_PETSC_FOUND ON)
  endif()
endif()
