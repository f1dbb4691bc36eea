/* systec-bench's statistics (stats.h). */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double quantile(const double *v, int k, double q)
{
    if (k <= 0) return NAN;
    double *s = xmalloc((size_t)k * sizeof *s);
    memcpy(s, v, (size_t)k * sizeof *s);
    qsort(s, (size_t)k, sizeof *s, cmp_double);
    double pos = q * (k - 1);
    int lo = (int)floor(pos);
    int hi = lo + 1 < k ? lo + 1 : lo;
    double r = s[lo] + (pos - lo) * (s[hi] - s[lo]);
    free(s);
    return r;
}

series_t series_none(void) { return (series_t){NAN, NAN, NAN, NAN, NAN}; }

series_t series_of(const double *v, int k)
{
    series_t s = {quantile(v, k, 0.5), quantile(v, k, 0.0), quantile(v, k, 1.0),
                  quantile(v, k, 0.25), quantile(v, k, 0.75)};
    return s;
}

series_t series_col(const double *t, int rows, int w, int s)
{
    double *v = xmalloc(sizeof *v * (size_t)(rows > 0 ? rows : 1));
    for (int r = 0; r < rows; r++) v[r] = t[(size_t)r * (size_t)w + (size_t)s];
    series_t out = series_of(v, rows);
    free(v);
    return out;
}

series_t series_ratio(const double *t, int rows, int w, int a, int b)
{
    double *v = xmalloc(sizeof *v * (size_t)(rows > 0 ? rows : 1));
    for (int r = 0; r < rows; r++)
        v[r] = t[(size_t)r * (size_t)w + (size_t)a] / t[(size_t)r * (size_t)w + (size_t)b];
    series_t out = series_of(v, rows);
    free(v);
    return out;
}

void geo_add(geo_t *g, double v)
{
    if (!(v > 0) || !isfinite(v)) return;
    if (!g->n || v < g->lo) g->lo = v;
    if (!g->n || v > g->hi) g->hi = v;
    g->l += log(v);
    g->n++;
}

double geo_mean(const geo_t *g) { return g->n ? exp(g->l / g->n) : NAN; }
