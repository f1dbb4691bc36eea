/* The tensor operations' CSV rows (tensor_csv.h). */
#include "tensor_csv.h"

#include <math.h>

#include "paper_figures.h"
#include "peers_ttm.h"

/* The compulsory-traffic model of the CSV's gbs (docs/bench-method.md):
 * bytes the kernel must move at least once, V bytes per value, int32
 * indices. Symmetric: the canonical entries as a coordinate list (order
 * indices and a value each), B read once, its output (out_sym elements)
 * written once. Baseline: the CSF (an index per fiber node, an int64 child
 * pointer per non-leaf node, a value per leaf), or the full coordinate list
 * (order int64 indices and a value per entry) for list baselines, B read
 * once, its output (out_base) written once. NAN when a count is unknown. */
static double traffic_sym(const ten_row_t *r, double V)
{
    if (r->nnz < 0 || r->n < 0 || r->order <= 0 || r->out_sym < 0) return NAN;
    const double n = (double)r->n, R = (double)r->R;
    return (double)r->nnz * (4.0 * r->order + V) + n * R * V + (double)r->out_sym * V;
}

static double traffic_base(const ten_row_t *r, int list, double V)
{
    if (r->full_nnz < 0 || r->n < 0 || r->out_base < 0 || (!list && r->csf_nodes < 0)) return NAN;
    const double n = (double)r->n, R = (double)r->R, nodes = (double)r->csf_nodes;
    const double full = (double)r->full_nnz, out = (double)r->out_base;
    const double in = list ? full * (8.0 * r->order + V) : 4.0 * nodes + 8.0 * (nodes - full) + V * full;
    return in + n * R * V + out * V;
}

static double gbs(double bytes, double t) { return t > 0 ? bytes / t * 1e-9 : NAN; }

static double value_bytes(int dbl) { return dbl ? (double)sizeof(double) : (double)sizeof(float); }

/* The SySTeC paper's speedup for a row that is one of its configurations, else NAN. */
static double paper_speedup(const bench_op_t *op, const ten_row_t *r)
{
    if (r->in->kind != IN_PAPER) return NAN;
    const paper_tensor_t *c = &op->ten->paper[r->in->paper];
    for (int q = 0; q < 2; q++)
        if (r->R == c->rank[q]) return c->speedup[q];
    return NAN;
}

static void slot_times(bench_row_t *b, const series_t *t)
{
    b->t_ms = 1e3 * t->med, b->t_min_ms = 1e3 * t->min, b->t_max_ms = 1e3 * t->max;
}

static void ratios(bench_row_t *b, const series_t *x)
{
    b->ratio_med = x->med, b->ratio_min = x->min, b->ratio_max = x->max;
}

/* TTM's dense peer, paired with libsystec: ratio = t_peer/t_sym; set-up:
 * the densification */
static void peer_row(FILE *f, bench_row_t b, const ten_row_t *r, const bench_options_t *o,
                     const bench_machine_t *m, const char *sampled)
{
    const int ran = r->peer_status == RUN_OK || r->peer_status == RUN_CHECK_FAIL;
    const series_t none = series_none();
    b.system = TTM_PEER_NAME;
    b.role = ROLE_PEER;
    b.variant = NULL;
    b.threads = o->threads;
    b.paired_with = "libsystec";
    slot_times(&b, ran ? &r->t[r->peer] : &none);
    ratios(&b, ran ? &r->x[r->peer] : &none);
    b.setup_ms = 1e3 * r->peer_setup_s;
    b.expand_ms = NAN;
    b.check = status_word(r->peer_status);
    b.max_err = ran ? r->peer_max_err : NAN;
    b.calls_per_sample = ran ? r->peer_inner : -1;
    b.note = r->peer_note[0] ? r->peer_note : ran && sampled[0] ? sampled : NULL;
    bench_csv_row(f, &b, m);
}

/* the timed rows after libsystec's */
static void timed_rows(FILE *f, bench_row_t b, const bench_op_t *op, const ten_row_t *r,
                       const bench_options_t *o, const bench_machine_t *m, const char *sampled)
{
    const int packed = op->ten->exp.run != NULL, dbl = !o->use_float;
    const double V = value_bytes(dbl);
    char name[64];
    /* the baseline, the fastest candidate, paired with it: ratio = t_base/t_sym */
    b.paper_speedup = NAN;
    b.expand_ms = NAN;
    b.system = "libsystec-baseline";
    b.role = ROLE_BASELINE;
    b.variant = r->base_name;
    slot_times(&b, &r->t[r->base]);
    b.paired_with = "libsystec";
    ratios(&b, &r->x[r->base]);
    b.gbs = gbs(traffic_base(r, op->ten->list_baseline, V), r->t[r->base].med);
    b.setup_ms = 1e3 * (r->expand_s + r->csf_s);
    bench_csv_row(f, &b, m);
    b.role = ROLE_REFERENCE;
    for (int s = 1; s <= r->nbase; s++) { /* the other candidates */
        if (s == r->base) continue;
        b.system = b.variant = variant_name(name, sizeof name, op->ten->base[s - 1].call, 1, dbl);
        slot_times(&b, &r->t[s]);
        ratios(&b, &r->x[s]);
        bench_csv_row(f, &b, m);
    }
    if (!packed) return;
    /* the symmetric kernel plus the expansion, t_sym + t_exp per round,
     * against the baseline: ratio = (t_sym + t_exp)/t_base */
    b.system = "libsystec+expand";
    b.variant = NULL;
    slot_times(&b, &r->se);
    b.paired_with = "libsystec-baseline";
    ratios(&b, &r->rse);
    b.gbs = NAN;
    b.setup_ms = 1e3 * r->create_s;
    b.expand_ms = 1e3 * r->t[r->exp].med;
    bench_csv_row(f, &b, m);
    if (r->peer_status != PEER_NONE) peer_row(f, b, r, o, m, sampled);
}

void tensor_csv_rows(FILE *f, const bench_op_t *op, const ten_row_t *r, const bench_options_t *o,
                     const bench_machine_t *m)
{
    const int packed = op->ten->exp.run != NULL, dbl = !o->use_float;
    char sampled[96] = "", name[64]; /* sliced: checked on a sample of the slices */
    if (op->ten->shape->sliced && r->checked >= 0 && r->checked < r->n)
        snprintf(sampled, sizeof sampled, "checked on %lld of %lld %s", (long long)r->checked,
                 (long long)r->n, op->ten->shape->slice_word);
    bench_row_t b = bench_row_blank();
    b.kernel = op->kernel;
    b.input = r->in->name;
    b.origin = r->in->kind == IN_FILE ? "file" : r->in->kind == IN_PAPER ? "paper" : "synthetic";
    b.path = r->in->path;
    b.precision = dbl ? "double" : "float";
    b.threads = 1; /* libsystec's kernels are serial */
    b.system = "libsystec";
    b.role = ROLE_SYSTEC;
    b.order = r->order > 0 ? r->order : -1;
    b.n = r->n;
    b.nnz = r->full_nnz;
    b.param = r->R;
    b.reps = o->reps;
    b.warmup = o->warmup;
    b.check = status_word(r->status);
    b.note = r->status != RUN_OK ? r->error : sampled[0] ? sampled : NULL;
    b.setup_ms = 1e3 * r->create_s;
    b.paper_speedup = paper_speedup(op, r);
    if (!ten_timed(r)) { /* one row saying why */
        bench_csv_row(f, &b, m);
        return;
    }
    /* libsystec's symmetric kernel; set-up: the handle; packed: the
     * expansion's time beside it */
    b.calls_per_sample = r->inner;
    b.max_err = r->max_err;
    b.variant = variant_name(name, sizeof name, op->ten->sym.call, 1, dbl);
    slot_times(&b, &r->t[SLOT_SYM]);
    b.gbs = gbs(traffic_sym(r, value_bytes(dbl)), r->t[SLOT_SYM].med);
    if (packed) b.expand_ms = 1e3 * r->t[r->exp].med;
    bench_csv_row(f, &b, m);
    timed_rows(f, b, op, r, o, m, sampled);
}
