/* systec-bench's number formats for the report tables. */
#ifndef BENCH_FMT_H
#define BENCH_FMT_H

#include <stddef.h>
#include <stdint.h>

#include "stats.h" /* series_t */

/* A time in ms with about 4 significant digits, fixed notation; "-" when
 * not positive and finite. Returns buf. */
const char *fmt_ms(char *buf, size_t size, double ms);
/* An int64 count, or "-" when negative (unknown). */
const char *fmt_count(char *buf, size_t size, int64_t v);
/* "med [min-max]" with two decimals, the form of every ratio. */
const char *fmt_range(char *buf, size_t size, const series_t *s);

#endif /* BENCH_FMT_H */
