/* systec-bench's timing rules (timing.h). */
#include "timing.h"

#include <math.h>
#include <time.h>

#include "machine.h" /* read_anon_huge_kb */

double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

long calls_per_sample(double (*time_calls)(void *ctx, long inner), void *ctx)
{
    long inner = 1;
    for (;;) {
        double t = time_calls(ctx, inner);
        if (t < 0 || t >= MIN_SAMPLE_S || inner >= MAX_INNER) break;
        if (t >= MIN_SAMPLE_S / 10) {
            inner = (long)ceil((double)inner * 1.1 * MIN_SAMPLE_S / t);
            break;
        }
        inner *= 8;
    }
    return inner > MAX_INNER ? MAX_INNER : inner;
}

int rounds_run(const rounds_t *p, double *t)
{
    int done = 0;
    for (int r = -p->warmup; r < p->reps; r++) {
        if (p->stop && p->stop(p->ctx)) break;
        const int first = (r + p->warmup) % p->nslot;
        for (int q = 0; q < p->nslot; q++) {
            int pos = (first + q) % p->nslot, s = p->cycle ? p->cycle[pos] : pos;
            double ts = p->sample(p->ctx, s, p->inner[s]);
            if (r >= 0) t[(size_t)r * (size_t)p->nslot + (size_t)s] = ts;
        }
        if (p->anon_kb && (r == -1 || (p->warmup == 0 && r == 0)))
            *p->anon_kb = read_anon_huge_kb();
        if (r >= 0) done++;
    }
    return done;
}
