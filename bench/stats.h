/*
 * systec-bench's statistics: quantiles of the timed rounds, the series
 * (median, quartiles, extremes) every time and ratio is reported as, and
 * geometric means over inputs.
 */
#ifndef BENCH_STATS_H
#define BENCH_STATS_H

/* q-quantile (0..1) of v[0..k-1], linear interpolation; NAN if k <= 0. */
double quantile(const double *v, int k, double q);

/* A quantity over the timed rounds. */
typedef struct series {
    double med, min, max, p25, p75;
} series_t;

series_t series_none(void); /* all NAN */
series_t series_of(const double *v, int k);
/* t is rows-by-w, row-major (one row per round): column s, and the paired
 * ratio t[r][a] / t[r][b] of each round. */
series_t series_col(const double *t, int rows, int w, int s);
series_t series_ratio(const double *t, int rows, int w, int a, int b);

/* The geometric mean of positive finite values, with their extremes;
 * other values are not counted. Start from {0}. */
typedef struct geo {
    double l; /* sum of logs */
    double lo, hi;
    int n;
} geo_t;

void geo_add(geo_t *g, double v);
double geo_mean(const geo_t *g); /* NAN when empty */

#endif /* BENCH_STATS_H */
