/* The generated kernel registry and its lookup. */
#ifndef SYSTEC_REGISTRY_H
#define SYSTEC_REGISTRY_H

#include "systec_kernels.h"

/* The kernel for (op, storage, schedule, dtype 's'/'d', index width), or NULL. */
systec_kfn systec__kernel_lookup(const char *op, const char *storage, const char *sched, char dtype,
                                 int i64);

#endif
