/* Run outcomes (status.h). */
#include "status.h"

#include <stdio.h>

const char *status_word(int status)
{
    return status == RUN_OK           ? "ok"
           : status == RUN_CHECK_FAIL ? "FAIL"
           : status == RUN_SKIPPED    ? "skipped"
                                      : "ERROR";
}

int status_failed(int status) { return status != RUN_OK && status != RUN_SKIPPED; }

void call_error_note(call_error_t *e, systec_status_t st, int slot)
{
    if (st == SYSTEC_SUCCESS || e->st != SYSTEC_SUCCESS) return;
    e->st = st;
    e->slot = slot;
    snprintf(e->detail, sizeof e->detail, "%s", systec_last_error());
}
