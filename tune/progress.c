/* systec-tune's progress line (progress.h). */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cases.h" /* tk_now */

#define WIDTH 24

void tk_progress_start(tk_progress_t *p, double budget, int quiet)
{
    memset(p, 0, sizeof *p);
    p->start = tk_now();
    p->budget = budget;
    p->tty = isatty(2);
    p->quiet = quiet;
}

double tk_progress_elapsed(const tk_progress_t *p) { return tk_now() - p->start; }

void tk_progress_stage(tk_progress_t *p, const char *stage, double left)
{
    if (p->quiet) return;
    double used = tk_progress_elapsed(p);
    double frac = used + left > 0 ? used / (used + (left > 0 ? left : 0)) : 1;
    if (frac > 1) frac = 1;
    if (!p->tty) { /* a log: one line per stage */
        if (strcmp(p->last, stage))
            fprintf(stderr, "systec-tune: [%3.0f%%] %s (%.0f s in, ~%.0f s left)\n", 100 * frac,
                    stage, used, left > 0 ? left : 0);
        snprintf(p->last, sizeof p->last, "%s", stage);
        return;
    }
    char bar[WIDTH + 1];
    int full = (int)(frac * WIDTH + 0.5);
    for (int k = 0; k < WIDTH; k++) bar[k] = k < full ? '#' : '-';
    bar[WIDTH] = 0;
    fprintf(stderr, "\r\033[K[%s] %3.0f%%  %-44.44s ~%.0f s left", bar, 100 * frac, stage,
            left > 0 ? left : 0);
    fflush(stderr);
    p->drawn = 1;
}

void tk_progress_clear(tk_progress_t *p)
{
    if (p->tty && p->drawn) fprintf(stderr, "\r\033[K");
    p->drawn = 0;
}
