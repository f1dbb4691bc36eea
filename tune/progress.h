/*
 * systec-tune's progress line (progress.c): a bar, the share of the budget
 * used, the current stage and the time left, redrawn in place on a
 * terminal; on anything else one line per stage.
 */
#ifndef TUNE_PROGRESS_H
#define TUNE_PROGRESS_H

typedef struct tk_progress {
    double start, budget; /* seconds */
    int tty, quiet, drawn;
    char last[128];
} tk_progress_t;

void tk_progress_start(tk_progress_t *p, double budget, int quiet);
/* Seconds since the start. */
double tk_progress_elapsed(const tk_progress_t *p);
/* The current stage ("timing 12/30 random-65536x8") and the seconds the
 * run expects still to take. */
void tk_progress_stage(tk_progress_t *p, const char *stage, double left);
/* Clears the line before other output. */
void tk_progress_clear(tk_progress_t *p);

#endif /* TUNE_PROGRESS_H */
