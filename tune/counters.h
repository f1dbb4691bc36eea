/*
 * Hardware counters for the tools (counters.c): PAPI, where the machine
 * exposes counters, counts last-level cache misses around a kernel call,
 * to check its memory traffic against the model's bytes per entry. Where
 * there are none (virtual machines often have no PMU) it says why in one
 * line and the tools go on with wall-clock time.
 */
#ifndef TUNE_COUNTERS_H
#define TUNE_COUNTERS_H

typedef struct tk_counters {
    int available;
    char event[64];  /* the event counted */
    char why[240];   /* what is available, or why nothing is */
    int eventset;
} tk_counters_t;

void tk_counters_probe(tk_counters_t *c);
/* Bytes from memory per call of run(ctx) (misses x 64 B, median of 5
 * calls), or a negative number if counting failed. */
double tk_counters_bytes(tk_counters_t *c, void (*run)(void *ctx), void *ctx);

#endif /* TUNE_COUNTERS_H */
