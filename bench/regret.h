/*
 * systec-bench --regret: how far the dispatcher's choices are from the best
 * variant, on inputs the tuner did not see. Per input (the matrices and
 * tensors among the PATHs, and with --synthetic the two generated
 * matrices), every variant of every operation the library can run is
 * timed (the oracle, tune/cases.h: interleaved rounds, medians); then the
 * variant the dispatcher picks under the compiled defaults and under the
 * tuned profile (--profile FILE, else the process-wide profile the library
 * found) is looked up, and regret = t_chosen / t_best is reported per case,
 * as geomean and worst case, untuned and tuned.
 */
#ifndef BENCH_REGRET_H
#define BENCH_REGRET_H

#include "options.h"

/* The mode's exit status: 0, 1 if an input failed, 2 bad usage. */
int regret_mode(const bench_options_t *o);

#endif /* BENCH_REGRET_H */
