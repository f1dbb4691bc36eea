/* Lookup in the generator's kernel registry (generated/systec_kernels.c). */
#include "registry.h"

#include <string.h>

systec_kfn systec__kernel_lookup(const char *op, const char *storage, const char *sched, char dtype,
                                 int i64)
{
    for (int k = 0; k < systec__kernels_count; k++) {
        const systec_kernel_entry_t *e = &systec__kernels[k];
        if (e->dtype == dtype && e->i64 == i64 && !strcmp(e->op, op) &&
            !strcmp(e->storage, storage) && !strcmp(e->sched, sched))
            return e->fn;
    }
    return NULL;
}
