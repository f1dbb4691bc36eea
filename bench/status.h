/*
 * The outcome of one benchmarked input (matrix, or tensor at one rank), the
 * same words for every operation, and the first error a timed call
 * returned.
 */
#ifndef BENCH_STATUS_H
#define BENCH_STATUS_H

#include "systec.h"

enum { RUN_OK = 0, RUN_LOAD_ERROR, RUN_KERNEL_ERROR, RUN_CHECK_FAIL, RUN_SKIPPED };

/* "ok", "FAIL", "skipped" or "ERROR" (the table's and the CSV's word) */
const char *status_word(int status);
/* a failure: neither passed nor skipped */
int status_failed(int status);

/* The first non-success status seen from a timed call. */
typedef struct call_error {
    systec_status_t st;
    int slot;         /* which slot's call returned it */
    char detail[256]; /* systec_last_error() then */
} call_error_t;

/* Records st (from slot) unless st is success or an error is recorded. */
void call_error_note(call_error_t *e, systec_status_t st, int slot);

#endif /* BENCH_STATUS_H */
