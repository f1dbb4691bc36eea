/* systec-bench's random numbers: splitmix64, small and with fixed seeds, so
 * that every run sees the same inputs. */
#ifndef BENCH_RNG_H
#define BENCH_RNG_H

#include <stdint.h>

uint64_t rng_next(uint64_t *s); /* splitmix64 */
double rng_u01(uint64_t *s);    /* uniform in [0, 1) */
double rng_sym(uint64_t *s);    /* uniform in [-1, 1) */

#endif /* BENCH_RNG_H */
