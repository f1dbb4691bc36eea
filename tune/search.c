/* The threshold search (search.h). */
#include "search.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXCAND 64
/* A move is refused when a case it changes gets slower by more than that
 * case's noise band plus this (log): strict refusal (0) moved nothing on
 * the shared machine (some of ~100 cases always lost beyond a 4-SE band),
 * 0.03 still refused the entry stream for nearly empty rows (3.8x on a
 * diagonal matrix) for small losses elsewhere. */
#define VETO_MARGIN 0.10

/* Expected-calls hints the stream's preparation is judged at. */
static const int64_t hints[] = {1, 2, 3, 5, 10};
enum { NHINTS = sizeof hints / sizeof hints[0] };

/* How a parameter's candidate values are made. */
typedef enum {
    GRID_GEOM,    /* round values from lo to hi: 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k */
    GRID_LINEAR,  /* lo, lo+step, ... up to hi */
    GRID_BYTES,   /* fractions and multiples of the caches */
    GRID_DERIVED, /* not searched: systec-tune sets it */
    GRID_KEPT,    /* not searched: shapes a variant's own partition, which the
                     variant's times were measured with (not a choice) */
} grid_t;

/* The table: one row per parameter of the library's tuning table. */
static const struct param_row {
    const char *name;
    grid_t grid;
    double lo, hi, step;
    int with_zero; /* 0 is a candidate too (a rule switched off) */
    int hinted;    /* judged on the cases with few expected calls (else: many) */
    const char *how;
} rows[] = {
    {"short_row_entries", GRID_GEOM, 1, 64, 0, 0, 0, NULL},
    {"short_row_max_bytes", GRID_BYTES, 0, 0, 0, 0, 0, NULL},
    {"stream_min_rows", GRID_GEOM, 500, 1e7, 0, 0, 0, NULL},
    {"stream_max_entries", GRID_GEOM, 1, 64, 0, 0, 0, NULL},
    {"stream_min_change", GRID_LINEAR, 0, 0.95, 0.05, 0, 0, NULL},
    {"reduce_stream_short", GRID_GEOM, 0.25, 32, 0, 1, 0, NULL},
    {"scatter_stream_short", GRID_GEOM, 0.1, 32, 0, 1, 0, NULL},
    {"stream_min_calls", GRID_GEOM, 1, 32, 0, 0, 1, NULL},
    {"mttkrp_tree_max_share", GRID_LINEAR, 0.3, 1.2, 0.05, 0, 0, NULL},
    /* the parallel variants' thresholds (from the OpenMP work; a row whose
     * parameter the library lacks is never used) */
    {"par_min_entries", GRID_GEOM, 1000, 1e7, 0, 0, 0, NULL},
    {"par_rows_max_buffer", GRID_GEOM, 0.01, 8, 0, 1, 0, NULL},
    {"color_min_calls", GRID_GEOM, 1, 64, 0, 0, 1, NULL},
    {"color_blocks_per_thread", GRID_KEPT, 0, 0, 0, 0, 0, NULL},
    {"par_parts_per_thread", GRID_KEPT, 0, 0, 0, 0, 0, NULL},
    {"par_parts_max_traffic", GRID_KEPT, 0, 0, 0, 0, 0, NULL},
    /* kept too: the expansion's build is not among the preparation times
     * the hinted cases charge (only the entry stream's is) */
    {"expand_min_calls", GRID_KEPT, 0, 0, 0, 0, 0, NULL},
    {"color_max_colors", GRID_GEOM, 1, 64, 0, 0, 0, NULL},
    {"syrk_reserve_entries", GRID_DERIVED, 0, 0, 0, 0, 0,
     "a memory cap, not a speed threshold: an eighth of the machine's memory in output entries, "
     "if that is below half the default"},
    {"model_gbs", GRID_DERIVED, 0, 0, 0, 0, 0, "the STREAM triad measured in the same run"},
    {"measure_min_calls", GRID_DERIVED, 0, 0, 0, 0, 0,
     "about 30 measuring calls over the tuned dispatcher's geomean regret on the training "
     "inputs: from this many calls the measurement pays for itself"},
};
enum { NROWS = sizeof rows / sizeof rows[0] };

static const struct param_row *row_of(const char *name)
{
    for (int k = 0; k < NROWS; k++)
        if (!strcmp(rows[k].name, name)) return &rows[k];
    return NULL;
}

int tk_param_derived(const char *name, const char **how)
{
    const struct param_row *r = row_of(name);
    if (how) *how = r ? r->how : NULL;
    return r && r->grid == GRID_DERIVED;
}

/* --------------------------------------------------------------- cases */

int tk_cases(tk_input_t *const *in, int n, tk_case_t **out)
{
    int count = 0, cap = 16;
    tk_case_t *c = malloc(sizeof *c * (size_t)cap);
    for (int i = 0; c && i < n; i++)
        for (int k = 0; k < in[i]->ngroups; k++) {
            tk_group_t *g = &in[i]->g[k];
            if (!g->rounds || g->nvar < 2) continue;
            int stream = 0;
            for (int v = 0; v < g->nvar; v++) stream |= g->prep[v] > 0;
            int add = 1 + (stream ? NHINTS : 0);
            if (count + add > cap) {
                cap = 2 * (count + add);
                tk_case_t *more = realloc(c, sizeof *c * (size_t)cap);
                if (!more) break;
                c = more;
            }
            c[count++] = (tk_case_t){g, 0, 1.0};
            for (int h = 0; stream && h < NHINTS; h++)
                c[count++] = (tk_case_t){g, hints[h], 1.0 / NHINTS};
        }
    *out = c;
    return c ? count : 0;
}

tk_regret_t tk_regret(const tk_case_t *c, int n, const systec_profile_t *P, int hinted)
{
    return tk_regret_at(c, n, P, hinted, 0);
}

tk_regret_t tk_regret_at(const tk_case_t *c, int n, const systec_profile_t *P, int hinted,
                         int threads)
{
    tk_regret_t r = {0, NAN, 0, 0, NULL};
    double logs = 0;
    for (int k = 0; k < n; k++) {
        if ((c[k].hint > 0) != hinted || c[k].g->threads != threads) continue;
        int v = tk_choose(c[k].g, P, c[k].hint);
        if (v < 0) {
            r.unknown++;
            continue;
        }
        double x = tk_cost(c[k].g, v, c[k].hint) / tk_cost(c[k].g, tk_best(c[k].g, c[k].hint), c[k].hint);
        if (!isfinite(x)) continue;
        logs += log(x);
        r.n++;
        if (!r.worst_case || x > r.worst) {
            r.worst = x;
            r.worst_case = &c[k];
        }
    }
    r.geo = r.n ? exp(logs / r.n) : NAN;
    return r;
}

/* ---------------------------------------------------------- candidates */

static int add_value(double *v, int n, double x, double min, double max)
{
    if (n >= MAXCAND || !(x >= min && x <= max)) return n;
    for (int k = 0; k < n; k++)
        if (fabs(v[k] - x) <= 1e-12 * fabs(x)) return n;
    v[n] = x;
    return n + 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The candidate values of parameter `name` (range [min, max], default
 * def), ascending; the current value is always among them. */
static int candidates(const char *name, double def, double min, double max, double cur,
                      const tk_search_opts_t *o, double *v)
{
    const struct param_row *r = row_of(name);
    int n = add_value(v, 0, cur, min, max);
    if (!r) { /* a parameter this table does not know: a grid around its default */
        if (max <= 1)
            for (int k = 0; k <= 20; k++) n = add_value(v, n, min + (max - min) * k / 20.0, min, max);
        else
            for (int k = -10; k <= 10; k++) n = add_value(v, n, def * pow(2, k / 2.0), min, max);
    } else if (r->grid == GRID_GEOM) {
        static const double mant[] = {1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8};
        for (int e = (int)floor(log10(r->lo)); e <= (int)ceil(log10(r->hi)); e++)
            for (int k = 0; k < 10; k++) {
                double x = mant[k] * pow(10, e);
                if (x >= r->lo * (1 - 1e-9) && x <= r->hi * (1 + 1e-9)) n = add_value(v, n, x, min, max);
            }
    } else if (r->grid == GRID_LINEAR) {
        for (double x = r->lo; x <= r->hi + 1e-9; x += r->step) n = add_value(v, n, x, min, max);
    } else if (r->grid == GRID_BYTES) {
        const double f[] = {0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4};
        for (int k = 0; k < 8; k++) {
            n = add_value(v, n, f[k] * o->l2_bytes, min, max);
            n = add_value(v, n, f[k] * o->l3_bytes, min, max);
        }
    }
    if (r && r->with_zero) n = add_value(v, n, 0, min, max);
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n;
}

/* ------------------------------------------------------------- search */

/* P's value of `name` and setting it: the serial table, or the section of
 * the search's thread count. */
static double pget(const systec_profile_t *P, const char *name, const tk_search_opts_t *o)
{
    double v = NAN;
    if (o->threads >= 2) systec_profile_get_threads(P, o->threads, name, &v);
    else systec_profile_get(P, name, &v);
    return v;
}

static void pset(systec_profile_t *P, const char *name, double v, const char *note,
                 const tk_search_opts_t *o)
{
    if (o->threads >= 2) systec_profile_set_threads(P, o->threads, name, v, note);
    else systec_profile_set(P, name, v, note);
}

/* The dispatcher's choice for every case of the search's thread count
 * under P (-1 for the others). */
static void choices(const tk_case_t *c, int n, const systec_profile_t *P, int *ch, int threads)
{
    for (int k = 0; k < n; k++)
        ch[k] = c[k].g->threads == threads ? tk_choose(c[k].g, P, c[k].hint) : -1;
}

/* Moving from choices a to b: the summed weighted log cost change (< 0:
 * b is better) over the cases with few expected calls (hinted) or the
 * others, its noise band, the cases that change, and how many of those get
 * worse beyond their own noise band and VETO_MARGIN (a move that makes any
 * case clearly worse is not taken, however much it gains on the others). */
static double delta(const tk_case_t *c, int n, int hinted, const int *a, const int *b,
                    double *noise, int *ndiffer, int *nworse)
{
    double d = 0, var = 0;
    *ndiffer = *nworse = 0;
    for (int k = 0; k < n; k++) {
        if (a[k] == b[k] || a[k] < 0 || b[k] < 0 || (c[k].hint > 0) != hinted) continue;
        double l = log(tk_cost(c[k].g, b[k], c[k].hint) / tk_cost(c[k].g, a[k], c[k].hint));
        if (!isfinite(l)) continue;
        double w = c[k].weight, e = tk_noise(c[k].g, a[k], b[k]);
        d += w * l;
        var += w * e * w * e;
        ++*ndiffer;
        *nworse += l > e + VETO_MARGIN;
    }
    *noise = sqrt(var);
    return d;
}

typedef struct {
    const tk_case_t *c;
    int n;
    int *cur, *try_;
    double cand[MAXCAND], d[MAXCAND], nz[MAXCAND];
    int nd[MAXCAND], nw[MAXCAND];
} scratch;

/* Writes the cases a move of parameter `name` from cur to to changes. */
static void trace_move(scratch *s, systec_profile_t *P, const char *name, int hinted, double cur,
                       double to, double d, double noise, const tk_search_opts_t *o)
{
    FILE *f = o->trace;
    pset(P, name, to, NULL, o);
    choices(s->c, s->n, P, s->try_, o->threads);
    pset(P, name, cur, NULL, o);
    fprintf(f, "search: %s %g -> %g%s: summed log regret %+.3f, noise band %.3f\n", name, cur, to,
            o->threads ? " (threads section)" : "", d, noise);
    for (int q = 0; q < s->n; q++) {
        const tk_case_t *c = &s->c[q];
        int a = s->cur[q], b = s->try_[q];
        if (a == b || a < 0 || b < 0 || (c->hint > 0) != hinted) continue;
        fprintf(f, "  %s %s, %lld calls: %s %.4g us -> %s %.4g us (noise %.3f, weight %.2f)\n",
                c->g->in->name, c->g->op, (long long)c->hint, c->g->var[a],
                1e6 * tk_cost(c->g, a, c->hint), c->g->var[b], 1e6 * tk_cost(c->g, b, c->hint),
                tk_noise(c->g, a, b), c->weight);
    }
}

/* The best candidate for parameter k of P (others held); fills r. */
static void search_one(scratch *s, systec_profile_t *P, int k, const tk_search_opts_t *o,
                       tk_param_result_t *r)
{
    const char *name;
    double def, min, max, cur;
    systec_profile_param(k, &name, &def, &min, &max, NULL);
    cur = pget(P, name, o);
    int nc = candidates(name, def, min, max, cur, o, s->cand);
    const struct param_row *row = row_of(name);
    int hinted = row && row->hinted;
    choices(s->c, s->n, P, s->cur, o->threads);
    double best_d = 0;
    for (int q = 0; q < nc; q++) {
        pset(P, name, s->cand[q], NULL, o);
        choices(s->c, s->n, P, s->try_, o->threads);
        s->d[q] = delta(s->c, s->n, hinted, s->cur, s->try_, &s->nz[q], &s->nd[q], &s->nw[q]);
        if (s->nw[q]) { /* some case loses beyond its noise: not a candidate */
            r->vetoed++;
            if (o->trace && s->d[q] < -s->nz[q])
                fprintf(o->trace, "search: %s %g -> %g refused: %d of %d cases it moves get "
                        "worse beyond their noise\n", name, cur, s->cand[q], s->nw[q], s->nd[q]);
            s->d[q] = 0;
        }
        if (s->d[q] < -s->nz[q] && s->d[q] < best_d) best_d = s->d[q];
    }
    pset(P, name, cur, NULL, o);
    r->ncand += nc;
    if (best_d == 0) return;
    /* among the candidates as good as the best, the middle of the run
     * nearest the current value: the boundary midway between the inputs */
    int lo = -1, hi = -1, best_lo = -1, best_hi = -1;
    double best_dist = INFINITY;
    for (int q = 0; q <= nc; q++) {
        int good = q < nc && s->d[q] <= best_d + 1e-12 && s->d[q] < -s->nz[q];
        if (good && lo < 0) lo = q;
        if (good) hi = q;
        if ((!good || q == nc) && lo >= 0) {
            double mid = 0.5 * (s->cand[lo] + s->cand[hi]);
            double dist = fabs(log((fabs(mid) + 1e-300) / (fabs(cur) + 1e-300)));
            if (dist < best_dist) best_dist = dist, best_lo = lo, best_hi = hi;
            lo = -1;
        }
    }
    int pick = (best_lo + best_hi) / 2;
    if (o->trace) trace_move(s, P, name, hinted, cur, s->cand[pick], s->d[pick], s->nz[pick], o);
    char note[200];
    r->changed = 1;
    r->gain = -s->d[pick];
    r->noise = s->nz[pick];
    r->ndiffer = s->nd[pick];
    snprintf(note, sizeof note, "measured%s: moves %d of %d cases, summed log regret -%.3f "
             "(noise band %.3f)", o->threads ? " at these threads" : "", r->ndiffer, s->n,
             r->gain, r->noise);
    pset(P, name, s->cand[pick], note, o);
}

int tk_search(const tk_case_t *c, int n, systec_profile_t *P, const tk_search_opts_t *o,
              tk_param_result_t *res)
{
    int np = systec_profile_nparams();
    scratch s = {c, n, malloc(sizeof(int) * (size_t)(n + 1)), malloc(sizeof(int) * (size_t)(n + 1)),
                 {0}, {0}, {0}, {0}, {0}};
    for (int k = 0; k < np; k++) {
        tk_param_result_t *r = &res[k];
        const char *name;
        memset(r, 0, sizeof *r);
        systec_profile_param(k, &name, &r->def, NULL, NULL, NULL);
        snprintf(r->name, sizeof r->name, "%s", name);
        r->before = pget(P, name, o);
        const struct param_row *row = row_of(name);
        r->searched = !tk_param_derived(name, NULL) && !(row && row->grid == GRID_KEPT) &&
                      systec_profile_param_per_threads(k) == (o->threads >= 2);
    }
    for (int pass = 0; s.cur && s.try_ && pass < (o->passes > 0 ? o->passes : 1); pass++) {
        int moved = 0;
        for (int k = 0; k < np; k++) {
            if (!res[k].searched) continue;
            int was = res[k].changed;
            res[k].changed = 0;
            search_one(&s, P, k, o, &res[k]);
            moved |= res[k].changed;
            res[k].changed |= was;
        }
        if (!moved) break;
    }
    for (int k = 0; k < np; k++) {
        tk_param_result_t *r = &res[k];
        r->after = pget(P, r->name, o);
        r->changed = r->after != r->before;
        const struct param_row *row = row_of(r->name);
        if (!r->searched)
            snprintf(r->how, sizeof r->how, "%s", row && row->grid == GRID_KEPT ? "kept"
                                                  : tk_param_derived(r->name, NULL) ? "derived"
                                                                                    : "other threads");
        else
            snprintf(r->how, sizeof r->how, "%d candidates, %d refused for a case they made "
                     "worse%s", r->ncand, r->vetoed,
                     row ? "" : " (generic grid: no row in tune/search.c)");
    }
    free(s.cur);
    free(s.try_);
    return np;
}
