/* Per-matrix measurement (plan.h, systec__measure_op): when a hint says an
 * operation will run at least measure_min_calls times, optimize times each
 * candidate variant on the handle's own matrix and keeps the fastest.
 *
 * About 30 kernel calls in all: the candidates take turns (interleaved, the
 * first round a warm-up), each call on scratch operands the library owns
 * (SYMM with 8 columns, as it cannot know the caller's). The dispatcher's
 * choice is kept unless another candidate's median is faster by more than
 * the spread measured on the dispatcher's own samples (at least 2%), so a
 * difference within the noise never changes the plan. A parallel plan is
 * then timed the same way against its serial kernel, at its thread count. */
#include "internal.h"
#include "kernels.h"
#include "ops.h"
#include "partition.h"
#include "plan.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUDGET_CALLS 30
#define MIN_ROUNDS 3
#define SYMM_K 8
#define MIN_NOISE 0.02

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

typedef struct {
    void *in[2], *out;
} scratch;

static void scratch_free(scratch *s)
{
    systec__free(s->in[0]);
    systec__free(s->in[1]);
    systec__free(s->out);
}

/* Inputs with values in [0.5, 1.5), a zero output: no overflow, no NaN. */
static systec_status_t scratch_alloc(const systec_symmat_t *A, int64_t k, scratch *s)
{
    size_t cells = (size_t)(A->n > 0 ? A->n : 1) * (size_t)k, vs = systec__vsize(A->dtype);
    s->in[0] = systec__malloc(cells * vs);
    s->in[1] = systec__malloc(cells * vs);
    s->out = systec__calloc(cells, vs);
    if (!s->in[0] || !s->in[1] || !s->out) {
        scratch_free(s);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "measurement operands (%zu values)", cells);
    }
    for (size_t i = 0; i < cells; i++) {
        systec__vset(s->in[0], A->dtype, (int64_t)i, 0.5 + (double)(i % 7) / 7.0);
        systec__vset(s->in[1], A->dtype, (int64_t)i, 1.5 - (double)(i % 5) / 5.0);
    }
    return SYSTEC_SUCCESS;
}

/* The kernel arguments of op on A (row: the entry stream) over the scratch
 * operands, with cols dense columns for SYMM. */
static void scratch_args(const systec_symmat_t *A, const void *row, const systec__opdesc *op,
                         int64_t cols, const scratch *s, systec_kargs_t *a)
{
    memset(a, 0, sizeof *a);
    systec__kargs_symmat(A, row, a);
    a->k = op->flags & SYSTEC__OPF_DENSE_K ? cols : 0;
    a->alpha = 1.0;
    a->in[0] = s->in[0];
    a->in[1] = s->in[1];
    a->out = s->out;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of t[1..n-1] (t[0] is the warm-up) and its relative half
 * interquartile spread; t is sorted in place. */
static double median_spread(double *t, int n, double *spread)
{
    qsort(t + 1, (size_t)(n - 1), sizeof *t, cmp_double);
    int m = n - 1;
    double med = m % 2 ? t[1 + m / 2] : 0.5 * (t[m / 2] + t[1 + m / 2]);
    double q1 = t[1 + (m - 1) / 4], q3 = t[1 + (3 * (m - 1)) / 4];
    *spread = med > 0 ? 0.5 * (q3 - q1) / med : 1.0;
    return med;
}

systec_status_t systec__measure_op(const systec_symmat_t *A, const void *row,
                                   const systec__opdesc *op, systec__opplan *p)
{
    const systec_kimpl_t *tab;
    systec_status_t st = systec__ktable_get(&tab);
    if (st) return st;
    systec__measured m = {0};
    m.n = systec__plan_candidates(op, A->dtype, A->itype, m.storage, m.sched, SYSTEC__MAXVAR);
    if (m.n < 2) return SYSTEC_SUCCESS;
    int rounds = BUDGET_CALLS / m.n < MIN_ROUNDS ? MIN_ROUNDS : BUDGET_CALLS / m.n;
    int64_t k = op->flags & SYSTEC__OPF_DENSE_K ? SYMM_K : 1;
    scratch s;
    double *t = systec__malloc(sizeof *t * (size_t)(rounds * m.n));
    if (!t) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "measurement times");
    if ((st = scratch_alloc(A, k, &s)) != SYSTEC_SUCCESS) {
        systec__free(t);
        return st;
    }
    systec_kargs_t a;
    scratch_args(A, row, op, k, &s, &a);
    for (int r = 0; r < rounds; r++)
        for (int q = 0; q < m.n; q++) {
            int v = (q + r) % m.n; /* each candidate in every position */
            int kid = systec__kid(op->kop, m.storage[v], m.sched[v], A->dtype, A->itype);
            double t0 = now();
            tab[kid].call(&a);
            t[v * rounds + r] = now() - t0;
        }
    m.calls = rounds * m.n;
    int cur = 0, best = 0;
    double spread[SYSTEC__MAXVAR];
    for (int v = 0; v < m.n; v++) {
        m.seconds[v] = median_spread(t + v * rounds, rounds, &spread[v]);
        if (m.storage[v] == p->storage && m.sched[v] == p->sched) cur = v;
        if (m.seconds[v] < m.seconds[best]) best = v;
    }
    double noise = spread[cur] > MIN_NOISE ? spread[cur] : MIN_NOISE;
    if (best != cur && m.seconds[best] < m.seconds[cur] * (1.0 - noise)) {
        p->storage = m.storage[best];
        p->sched = m.sched[best];
        p->kid = systec__kid(op->kop, p->storage, p->sched, A->dtype, A->itype);
        p->storage_rule = p->sched_rule = SYSTEC__RULE_MEASURED;
    }
    p->measured = m;
    scratch_free(&s);
    systec__free(t);
    return SYSTEC_SUCCESS;
}

/* Times kernels kid[0] (serial) and kid[1] (on partition k) in `rounds`
 * interleaved rounds into t (rounds per kernel). */
static void time_pair(const systec_kimpl_t *tab, systec_kargs_t *a, const int kid[2],
                      systec_kpart_t *k, int rounds, double *t)
{
    for (int r = 0; r < rounds; r++)
        for (int q = 0; q < 2; q++) {
            int v = (q + r) % 2;
            a->part = v ? k : NULL;
            double t0 = now();
            tab[kid[v]].call(a);
            t[v * rounds + r] = now() - t0;
        }
    a->part = NULL;
}

systec_status_t systec__measure_par(const systec_symmat_t *A, const void *row,
                                    const systec__opdesc *op, systec__opplan *p)
{
    enum { ROUNDS = 10 };
    systec__part *part = p->parts;
    const systec_kimpl_t *tab;
    systec_status_t st = systec__ktable_get(&tab);
    if (st || !part || p->serial_kid < 0) return st;
    int64_t cols = op->flags & SYSTEC__OPF_DENSE_K ? SYMM_K : 1;
    scratch s;
    if ((st = scratch_alloc(A, cols, &s)) != SYSTEC_SUCCESS) return st;
    systec_kargs_t a;
    scratch_args(A, row, op, cols, &s, &a);
    systec_kpart_t k;
    void *held = NULL;
    double t[2 * ROUNDS], spread[2];
    if (systec__part_begin(part, A->dtype, cols, &k, &held)) { /* no buffers: as planned */
        scratch_free(&s);
        return SYSTEC_SUCCESS;
    }
    const int kid[2] = {p->serial_kid, p->kid};
    time_pair(tab, &a, kid, &k, ROUNDS, t);
    systec__part_end(part, held);
    scratch_free(&s);
    double serial = median_spread(t, ROUNDS, &spread[0]);
    double par = median_spread(t + ROUNDS, ROUNDS, &spread[1]);
    systec__measured *m = &p->measured;
    if (m->n < SYSTEC__MAXVAR) {
        m->storage[m->n] = p->storage;
        m->sched[m->n] = p->sched;
        m->seconds[m->n++] = par;
    }
    m->calls += 2 * ROUNDS;
    double noise = spread[1] > MIN_NOISE ? spread[1] : MIN_NOISE;
    if (serial < par * (1.0 - noise)) { /* the serial kernel, beyond the noise */
        systec__part_free(part);
        p->parts = NULL;
        p->kid = p->serial_kid;
        p->sched = systec__kmeta(p->kid)->sched;
        p->par_rule = SYSTEC__RULE_MEASURED;
    }
    return SYSTEC_SUCCESS;
}
