/*
 * systec-bench's correctness rule, the project's, for every operation: per
 * output element, |error| <= TOL * (sum of |terms|), against a reference
 * the bench computes itself. See docs/bench-method.md.
 */
#ifndef BENCH_CHECK_H
#define BENCH_CHECK_H

#include <float.h>
#include <stdint.h>

#define TOL_DOUBLE 1e-12
#define TOL_FLOAT (1e-12 * (FLT_EPSILON / DBL_EPSILON))
#define CHECK_MAX_RESULTS 8 /* nb + nextra in check_results */

/* |a - b|, and 0 when they are equal (so +inf == +inf, as in min-plus). */
double absdiff(double a, double b);

/* The check of one output, element by element. Start with {tol, 0, -1, 0}. */
typedef struct check {
    double tol;
    int64_t nbad, first; /* elements outside the tolerance; the first one's index, or -1 */
    double max_err;      /* the largest difference over its bound (inf: NaN or no bound) */
} check_t;

/* Element q: every difference d[0..n) must be within tol * bound; the
 * first nerr of them count in max_err. Returns 1 if the element is bad. */
int check_elem(check_t *c, int64_t q, const double *d, int n, int nerr, double bound);

/* Element q of the results: the symmetric kernel's s, the baseline
 * candidates' b[0..nb) and reference points' extra[0..nextra), against the
 * reference ref: each within tol * bound of ref, and s within it of each
 * b; the reference points do not count in max_err. Returns 1 if bad. */
int check_results(check_t *c, int64_t q, double s, const double *b, int nb, const double *extra,
                  int nextra, double ref, double bound);

#endif /* BENCH_CHECK_H */
