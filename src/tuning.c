/* The tuning table and its defaults (see tuning.h). The defaults were
 * measured on the development machine (AMD EPYC Zen 5, 1 MiB L2 per core,
 * 32 MiB L3, STREAM triad 40 GB/s) with the SuiteSparse test matrices and
 * the two synthetic 1e6-row matrices (docs/dispatch.md says how); systec-tune
 * measures them per machine. */
#include "tuning.h"

#include "internal.h"
#include "profile.h"

#include <pthread.h>
#include <stddef.h>
#include <string.h>

#define P(field, def, min, max, what) \
    {#field, offsetof(systec__tuning, field), def, min, max, what, 0}
/* a parameter of the parallel plans, per thread count (profile sections) */
#define PT(field, def, min, max, what) \
    {#field, offsetof(systec__tuning, field), def, min, max, what, 1}
static const systec__tuning_param params[] = {
    P(short_row_entries, 12.0, 0, 1e9,
      "plain-loop schedule below this many stored entries per row"),
    P(short_row_max_bytes, 8 << 20, 0, 1e18,
      "plain-loop schedule only while the matrix takes at most this many bytes"),
    P(ipf_min_spread, 0.5, 0, 1.01,
      "indirect prefetch when at least this share of entries reach beyond the rows whose x "
      "and y fit half the L2 (and x, y exceed the L2)"),
    P(stream_min_rows, 16384, 0, 1e18, "entry stream only from this many rows"),
    P(stream_max_entries, 12.0, 0, 1e9,
      "entry stream only below this many stored entries per row"),
    P(stream_min_change, 0.3, 0, 1,
      "entry stream only when at least this share of rows changes length"),
    P(reduce_stream_short, 2.0, 0, 1e9,
      "reductions take the entry stream below this many stored entries per row"),
    /* off by default (not measured on the development machine); systec-tune
     * sets it where nearly empty rows make the row loop pay per row */
    P(scatter_stream_short, 0.0, 0, 1e9,
      "scattering operations take the entry stream below this many stored entries per row"),
    /* the stream's gain there is its vectorised pass over the diagonal:
     * bcsstm25 (15439 rows, none off the diagonal) SSYMV 3.8x faster; on
     * LFAT5 (14 rows, 0.03 us a call) the row loop was 8-12% faster */
    P(scatter_stream_min_rows, 1000, 0, 1e18,
      "scattering operations take the entry stream for short rows only from this many rows"),
    /* wing: building the stream takes 0.6 row-loop calls and saves 0.4 of
     * one per call, repaid after 1.5 calls */
    P(stream_min_calls, 2.0, 0, 1e18,
      "entry stream only for at least this many expected calls (hint)"),
    P(mttkrp_tree_max_share, 0.775, 0, 1e18,
      "MTTKRP tree kernel while its nodes are at most this share of nnz * order (order 3)"),
    P(mttkrp_tree_share_step, 0.075, 0, 1,
      "the MTTKRP tree kernel's share, less this per order above 3"),
    P(tensor_fixed_rank_max, 64, 0, 1e18,
      "tensor kernels run column blocks with the rank compiled in up to this rank"),
    /* min-plus TTM at R = 16 (tests/specs/extra/ttm_minplus.spec): the
     * per-entry kernel 3.9x its baseline with a 0.3 MB output, 1.2x at 2 MB,
     * 0.7-0.9x from 5 MB; the ordered updates 1.9-2.2x throughout */
    P(coo_scatter_bytes, 1 << 20, 0, 1e18,
      "coordinate kernels: updates ordered by output row above this many output bytes "
      "when the per-entry kernel scatters"),
    /* TTMc order 3, R = 8..16: byrow 1.8-2.6x its baseline on every tensor
     * tried, the per-entry kernel 1.0-1.9x */
    P(coo_byrow_min_entries, 0, 0, 1e18,
      "coordinate kernels: output-symmetry orbits per row from this many canonical entries"),
    P(ttm_rows_max_share, 0.5, 0, 1,
      "TTM: the sparse output while its rows are at most this share of the packed rows"),
    P(syrk_reserve_entries, (double)((int64_t)1 << 28), 0, 1e18,
      "SSYRK reserves its output bound up front up to this many entries"),
    PT(par_min_entries, 65536, 0, 1e18,
      "parallel only from this many stored entries plus rows per thread"),
    PT(par_rows_max_buffer, 0.5, 0, 1e9,
      "row parts' buffers above this share of the rows: a colouring, else serial"),
    PT(par_parts_per_thread, 4.0, 1, 1024,
      "row parts per thread, taken dynamically, while their buffers stay small"),
    PT(par_parts_max_traffic, 0.05, 0, 1e9,
      "more parts than threads only while their buffers add at most this share of a call's "
      "memory traffic"),
    /* tensor kernels (MTTKRP, TTM) in parallel: see docs/parallel.md */
    P(tensor_par_min_work, 1 << 19, 0, 1e18,
      "tensor kernels in parallel only from this many canonical entries times columns (R) "
      "per thread"),
    /* SPLATT's rule: privatise the output while it is small against nnz.
     * A copy row costs about as much as a few entries (zeroed, written,
     * added: 3 passes of R columns against order x R multiply-adds per
     * entry, half of which a second thread saves): 0.1 keeps the copies
     * under about a tenth of the saved work; not yet measured on a quiet
     * machine (systec-tune can search it) */
    P(tensor_par_max_copy, 0.1, 0, 1e18,
      "MTTKRP per-thread output copies while output rows x (threads - 1) are at most this "
      "share of the entries, else serial"),
    PT(color_min_calls, 4.0, 0, 1e18,
      "a colouring only for at least this many expected calls (hint)"),
    PT(color_blocks_per_thread, 8.0, 1, 1e6, "blocks per thread of a colouring"),
    PT(color_max_colors, 8.0, 1, 64, "a colouring only with at most this many colours"),
    /* random 1e6 x 16, 2 threads: SSYMV on the expansion 16-17 ms against
     * 27-32 ms for the serial symmetric kernel; building it takes about 280
     * ms, some ten serial calls, repaid after some twenty */
    PT(expand_min_calls, 30.0, 0, 1e18,
       "row parts whose buffers are too large and no colouring: row parts on the full "
       "expansion from this many expected calls (hint), else serial"),
    P(model_gbs, 20.0, 0.1, 1e6, "memory bandwidth of the cost model, GB/s"),
    P(measure_min_calls, 1000, 1, 1e18,
      "optimize times the candidate variants on the matrix from this many expected calls (hint)"),
};
#undef P
#undef PT
enum { NPARAMS = sizeof params / sizeof params[0] };
_Static_assert(NPARAMS <= SYSTEC__TUNING_MAXPARAMS, "raise SYSTEC__TUNING_MAXPARAMS");

static systec__tuning table;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static _Thread_local const systec__tuning *scoped;

void systec__tuning_defaults(systec__tuning *t)
{
    for (int k = 0; k < NPARAMS; k++) *(double *)((char *)t + params[k].offset) = params[k].def;
    t->nsections = 0;
}

int systec__tuning_section(const systec__tuning *t, int threads)
{
    for (int s = 0; s < t->nsections; s++)
        if (t->section[s].threads == threads) return s;
    return -1;
}

int systec__tuning_add_section(systec__tuning *t, int threads)
{
    int s = systec__tuning_section(t, threads);
    if (s >= 0 || threads < 2 || t->nsections == SYSTEC__TUNING_SECTIONS) return s;
    for (s = t->nsections++; s > 0 && t->section[s - 1].threads > threads; s--)
        t->section[s] = t->section[s - 1];
    t->section[s].threads = threads;
    for (int k = 0; k < NPARAMS; k++) t->section[s].v[k] = *systec__tuning_at(t, k);
    return s;
}

const systec__tuning *systec__tuning_threads(int threads)
{
    static _Thread_local systec__tuning with;
    const systec__tuning *t = systec__tuning_get();
    int s = systec__tuning_section(t, threads);
    if (s < 0) return t;
    with = *t;
    for (int k = 0; k < NPARAMS; k++)
        if (params[k].per_threads) *systec__tuning_at(&with, k) = t->section[s].v[k];
    return &with;
}

static void load(void)
{
    systec__tuning_defaults(&table);
    systec__profile_load_global(&table);
}

const systec__tuning *systec__tuning_process(void)
{
    pthread_once(&once, load);
    return &table;
}

const systec__tuning *systec__tuning_get(void) { return scoped ? scoped : systec__tuning_process(); }

const systec__tuning *systec__tuning_scope(const systec__tuning *t)
{
    const systec__tuning *prev = scoped;
    scoped = t;
    return prev;
}

const systec__tuning_param *systec__tuning_params(int *count)
{
    *count = NPARAMS;
    return params;
}

int systec__tuning_find(const char *name)
{
    for (int k = 0; name && k < NPARAMS; k++)
        if (!strcmp(params[k].name, name)) return k;
    return -1;
}

systec_status_t systec__tuning_check(int k, double v)
{
    if (!(v >= params[k].min && v <= params[k].max))
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "tuning %s = %g is outside [%g, %g]",
                            params[k].name, v, params[k].min, params[k].max);
    return SYSTEC_SUCCESS;
}

systec_status_t systec__tuning_set(const char *name, double v)
{
    systec__tuning_process();
    int k = systec__tuning_find(name);
    if (k < 0) return systec__fail(SYSTEC_ERR_INVALID_VALUE, "no tuning parameter named %s", name);
    systec_status_t st = systec__tuning_check(k, v);
    if (!st) *systec__tuning_at(&table, k) = v;
    for (int s = 0; !st && params[k].per_threads && s < table.nsections; s++)
        table.section[s].v[k] = v;
    return st;
}

void systec__tuning_reset(void)
{
    systec__tuning_process();
    systec__tuning_defaults(&table);
}
