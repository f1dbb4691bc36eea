/*
 * systec-bench's timing rules, the same for every operation: a sample
 * repeats one call back to back until it lasts about MIN_SAMPLE_S and
 * reports the time per call; a round takes one sample of every slot (the
 * symmetric kernel, its baseline candidates, reference points, peers),
 * rotating which goes first; speedups are medians of ratios taken within
 * the same round. See docs/bench-method.md.
 */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H

#define MIN_SAMPLE_S 1e-3 /* one timed sample (inner calls) lasts at least this */
#define MAX_INNER 100000000L

double now_s(void); /* CLOCK_MONOTONIC, seconds */

/* The calls per sample: time_calls(ctx, inner) runs `inner` calls of what
 * is calibrated and returns the seconds they took in all (negative: stop,
 * an error the caller reports); the count grows until a sample lasts
 * MIN_SAMPLE_S. */
long calls_per_sample(double (*time_calls)(void *ctx, long inner), void *ctx);

/* Paired rounds: `warmup` untimed rounds, then `reps` timed ones. Round r
 * samples every slot once, in the order cycle[(r + warmup + q) % nslot] for
 * q = 0, 1, .. (cycle NULL: the slots in order), slot s with inner[s]
 * calls per sample. */
typedef struct rounds {
    int nslot;
    const int *cycle;
    const long *inner;
    int reps, warmup;
    /* runs `inner` calls of slot s; returns seconds per call */
    double (*sample)(void *ctx, int s, long inner);
    void *ctx;
    int (*stop)(void *ctx); /* if set and true before a round: no more rounds */
    long long *anon_kb;     /* if set: AnonHugePages, read after the last warm-up round */
} rounds_t;

/* Fills t (reps-by-nslot, row-major: t[r * nslot + s] seconds per call of
 * slot s in timed round r); returns the timed rounds done (reps unless
 * stopped). */
int rounds_run(const rounds_t *p, double *t);

#endif /* BENCH_TIMING_H */
