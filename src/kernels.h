/* The generated kernels as the runtime sees them: ids, what each kernel is
 * (systec__kernels_meta), and the table of the instruction-set variant
 * chosen for this CPU (isa.c). Kernels are found by id, never by name:
 * systec__kid(op, storage, schedule, types) reads the generated family
 * table, whose op/storage/schedule enums exist only for what the specs
 * produce. */
#ifndef SYSTEC_KERNELS_RT_H
#define SYSTEC_KERNELS_RT_H

#include "internal.h"
#include "systec_kernels.h"

/* The kernel id of a family member, or -1 if the generator emitted none. */
static inline int systec__kid(int op, int storage, int sched, systec_dtype_t dt, systec_itype_t it)
{
    return systec__kernels_fam[op][storage][sched][dt == SYSTEC_DOUBLE][it == SYSTEC_INT64];
}

static inline const systec_kmeta_t *systec__kmeta(int kid) { return &systec__kernels_meta[kid]; }

/* ---------------------------------------------------- ISA variants (isa.c) */

/* The kernel table of the chosen variant. On the first call the variant is
 * chosen: SYSTEC_ISA if set, else the best compiled variant the CPU
 * supports. Returns NULL (and records why for systec_last_error) when
 * SYSTEC_ISA names a variant this build lacks or this CPU cannot run. */
const systec_kimpl_t *systec__ktable(void);
/* systec__ktable() or the status that refuses it (SYSTEC_ERR_ISA), with the
 * reason recorded; for the public calls' preamble. */
systec_status_t systec__ktable_get(const systec_kimpl_t **table);
/* The chosen variant's name ("v3", "native", ...), or NULL if refused. */
const char *systec__isa_chosen(void);

/* The compiled variants, for tests and descriptions: their number, and
 * for each its name, its kernel table and whether this CPU can run it. */
int systec__isa_count(void);
const char *systec__isa_name(int v);
const systec_kimpl_t *systec__isa_table(int v);
int systec__isa_runs(int v);

#endif
