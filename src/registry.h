/* The generated kernel registry and its lookup. */
#ifndef SYSTEC_REGISTRY_H
#define SYSTEC_REGISTRY_H

#include "systec_kernels.h"

/* The serial kernel for (op, storage, dtype 's'/'d', index width), or NULL. */
systec_kfn systec__kernel_lookup(const char *op, const char *storage, char dtype, int i64);

#endif
