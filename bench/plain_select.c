/* The plain loops for the ISA variant libsystec runs (plain_csr.h). */
#include <stddef.h>
#include <string.h>

#include "plain_csr.h"
#include "plain_isas.h" /* generated: PLAIN_ISAS, X(name) per variant built */
#include "systec.h"

#define X(v) extern const plain_loops_t plain_loops_##v;
PLAIN_ISAS
#undef X

const plain_loops_t *plain_loops(void)
{
#define X(v) &plain_loops_##v,
    static const plain_loops_t *const all[] = {PLAIN_ISAS};
#undef X
    const char *isa = systec_isa();
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!strcmp(all[i]->isa, isa)) return all[i];
    return all[0];
}
