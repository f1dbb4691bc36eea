/* The correctness rule (check.h). */
#include "check.h"

#include <math.h>

double absdiff(double a, double b) { return a == b ? 0.0 : fabs(a - b); }

int check_elem(check_t *c, int64_t q, const double *d, int n, int nerr, double bound)
{
    const double lim = c->tol * bound;
    int bad = 0, nan = 0;
    double dmax = 0.0;
    for (int k = 0; k < n; k++) bad |= !(d[k] <= lim);
    for (int k = 0; k < nerr; k++) {
        if (isnan(d[k])) nan = 1;
        if (d[k] > dmax) dmax = d[k];
    }
    double e = nan ? INFINITY : bound > 0 ? dmax / bound : (dmax > 0 ? INFINITY : 0.0);
    if (e > c->max_err) c->max_err = e;
    if (bad) {
        if (c->first < 0) c->first = q;
        c->nbad++;
    }
    return bad;
}

int check_results(check_t *c, int64_t q, double s, const double *b, int nb, const double *extra,
                  int nextra, double ref, double bound)
{
    double d[2 * CHECK_MAX_RESULTS + 1];
    int n = 0;
    for (int k = 0; k < nb; k++) d[n++] = absdiff(s, b[k]);
    d[n++] = absdiff(s, ref);
    for (int k = 0; k < nb; k++) d[n++] = absdiff(b[k], ref);
    const int nerr = n;
    for (int k = 0; k < nextra; k++) d[n++] = absdiff(extra[k], ref);
    return check_elem(c, q, d, n, nerr, bound);
}
