/* The dispatcher's decisions (see dispatch.h). Why the thresholds are what
 * they are is in docs/dispatch.md; their values are in tuning.c.
 *
 * Schedules: systec-gen emits two per row-loop storage: "serial" (unrolled
 * by 4, remainder switch, software prefetch) and "serial_short" (a plain
 * loop, cheaper per row). The plain loop wins when rows hold few entries
 * and the matrix is cache-sized; memory-resident matrices need the
 * prefetch even with short rows.
 *
 * Entry stream: one list of entries that carry their row replaces the row
 * loop for many short rows of irregular length, where the loop exit
 * mispredicts once per row and the predictor cannot learn the sequence
 * across calls; reductions to a scalar (no scatter) also take it for any
 * matrix with under two entries per row, where the row loop's fixed cost
 * dominates even when predicted; scattering operations do the same below
 * scatter_stream_short entries per row, a rule off by default that
 * systec-tune turns on where nearly empty rows make the row loop pay per row
 * (a diagonal matrix: SSYMV 3.8x faster on the stream), from
 * scatter_stream_min_rows rows (on 14 rows the row loop was faster). */
#include "dispatch.h"

#include "internal.h"
#include "systec_kernels.h"
#include "threads.h"
#include "topology.h"
#include "tuning.h"

#include <stdio.h>

static double per_row(const systec__mshape *s)
{
    return s->n > 0 ? (double)s->entries / (double)s->n : 0.0;
}

/* Bytes of the row structure and its entries. */
static double row_bytes(const systec__mshape *s)
{
    return (double)s->entries * (s->isize + s->vsize) + (double)(s->n + 1) * s->isize;
}

static double stream_bytes(const systec__mshape *s)
{
    return (double)s->entries * (2 * s->isize + s->vsize);
}

/* Entries that reach far (spread) over x and y larger than the L2: the
 * dense rows they touch miss on every entry. */
static int irregular(const systec__mshape *s)
{
    return s->spread >= systec__tuning_get()->ipf_min_spread &&
           2.0 * (double)s->n * s->vsize > (double)systec__cache_bytes(2);
}

int64_t systec__spread_window(int vsize)
{
    return (int64_t)(systec__cache_bytes(2) / 2 / (size_t)(2 * (vsize > 0 ? vsize : 8)));
}

#define DEFINE_SPREAD(NAME, IT)                                                                  \
    static int64_t NAME(int64_t m, const IT *rp, const IT *ci, int64_t w)                        \
    {                                                                                            \
        int64_t far = 0;                                                                         \
        for (int64_t r = 0; r < m; r++)                                                          \
            for (IT p = rp[r]; p < rp[r + 1]; p++) {                                             \
                int64_t d = (int64_t)ci[p] - r;                                                  \
                far += d > w || d < -w;                                                          \
            }                                                                                    \
        return far;                                                                              \
    }
DEFINE_SPREAD(spread_i32, int32_t)
DEFINE_SPREAD(spread_i64, int64_t)

double systec__col_spread(int64_t m, const void *rowptr, const void *colidx, systec_itype_t it,
                          int64_t window)
{
    int64_t total = systec__iget(rowptr, it, m);
    if (m <= 0 || total <= 0) return 0.0;
    int64_t far = it == SYSTEC_INT64 ? spread_i64(m, rowptr, colidx, window)
                                     : spread_i32(m, rowptr, colidx, window);
    return (double)far / (double)total;
}

int systec__choose_sched(const systec__mshape *s, systec__rule *why)
{
    const systec__tuning *t = systec__tuning_get();
    if (irregular(s)) {
        *why = SYSTEC__RULE_IRREGULAR;
        return SYSTEC_KSC_serial_ipf;
    }
    int shortrows = s->n > 0 && per_row(s) < t->short_row_entries;
    *why = !shortrows ? SYSTEC__RULE_LONG_ROWS
           : row_bytes(s) <= t->short_row_max_bytes ? SYSTEC__RULE_SHORT_ROWS
                                                    : SYSTEC__RULE_LARGE;
    return *why == SYSTEC__RULE_SHORT_ROWS ? SYSTEC_KSC_serial_short : SYSTEC_KSC_serial;
}

int systec__choose_stream_sched(const systec__mshape *s, systec__rule *why)
{
    if (irregular(s)) {
        *why = SYSTEC__RULE_IRREGULAR;
        return SYSTEC_KSC_serial_ipf;
    }
    *why = SYSTEC__RULE_STREAM_SCHED;
    return stream_bytes(s) <= systec__tuning_get()->short_row_max_bytes ? SYSTEC_KSC_serial_short
                                                                         : SYSTEC_KSC_serial;
}

double systec__row_change(int64_t n, const void *rowptr, systec_itype_t it)
{
    if (n < 2) return 0.0;
    int64_t changes = 0, prev = systec__iget(rowptr, it, 1) - systec__iget(rowptr, it, 0);
    for (int64_t r = 1; r < n; r++) {
        int64_t len = systec__iget(rowptr, it, r + 1) - systec__iget(rowptr, it, r);
        changes += len != prev;
        prev = len;
    }
    return (double)changes / (double)(n - 1);
}

int systec__choose_stream(unsigned use, const systec__mshape *s, int64_t expected_calls,
                          systec__rule *why)
{
    const systec__tuning *t = systec__tuning_get();
    double pr = per_row(s);
    if (s->n == 0 || s->change < 0) {
        *why = SYSTEC__RULE_DIRECT;
        return 0;
    }
    if (expected_calls > 0 && (double)expected_calls < t->stream_min_calls) {
        *why = SYSTEC__RULE_FEW_CALLS;
        return 0;
    }
    if ((use & SYSTEC__STREAM_REDUCE) && pr < t->reduce_stream_short) {
        *why = SYSTEC__RULE_STREAM_REDUCE;
        return 1;
    }
    if ((use & SYSTEC__STREAM_SCATTER) && pr < t->scatter_stream_short &&
        (double)s->n >= t->scatter_stream_min_rows) {
        *why = SYSTEC__RULE_STREAM_SCATTER;
        return 1;
    }
    *why = (double)s->n < t->stream_min_rows  ? SYSTEC__RULE_FEW_ROWS
           : pr >= t->stream_max_entries      ? SYSTEC__RULE_LONG_ROWS_ROWLOOP
           : s->change < t->stream_min_change ? SYSTEC__RULE_REGULAR
                                              : SYSTEC__RULE_STREAM_IRREGULAR;
    return *why == SYSTEC__RULE_STREAM_IRREGULAR;
}

/* The share of nnz * order up to which the tree kernel runs (tuning.h). */
static double tree_share(int order)
{
    const systec__tuning *t = systec__tuning_get();
    return t->mttkrp_tree_max_share - t->mttkrp_tree_share_step * (order - 3);
}

int systec__choose_mttkrp_tree(int64_t nnz, int order, int64_t nodes, systec__rule *why)
{
    double coords = (double)nnz * order;
    int tree = nnz > 0 && (double)nodes <= tree_share(order) * coords;
    *why = tree ? SYSTEC__RULE_TREE_SHARED : SYSTEC__RULE_TREE_PATHS;
    return tree;
}

int systec__choose_tensor_par(int threads, int have_private, int have_owner, int64_t entries,
                              int64_t R, int64_t rows, systec__rule *why)
{
    const systec__tuning *t = systec__tuning_get();
    if (!systec__threads_openmp())
        *why = SYSTEC__RULE_PAR_SERIAL_BUILD;
    else if (threads < 2)
        *why = SYSTEC__RULE_PAR_ONE_THREAD;
    else if ((double)entries * (double)R < t->tensor_par_min_work * threads ||
             (!have_owner && !have_private))
        *why = SYSTEC__RULE_PAR_SMALL;
    else if (have_owner)
        *why = SYSTEC__RULE_TPAR_OWNER;
    else if ((double)rows * (threads - 1) <= t->tensor_par_max_copy * (double)entries)
        *why = SYSTEC__RULE_TPAR_PRIVATE;
    else
        *why = SYSTEC__RULE_TPAR_BUFFERS;
    return *why == SYSTEC__RULE_TPAR_OWNER     ? SYSTEC__TPAR_OWNER
           : *why == SYSTEC__RULE_TPAR_PRIVATE ? SYSTEC__TPAR_PRIVATE
                                               : SYSTEC__TPAR_SERIAL;
}

int systec__choose_coo_storage(int scatter, int have_byout, int have_byrow, int64_t nnz,
                               double out_bytes, systec__rule *why)
{
    const systec__tuning *t = systec__tuning_get();
    if (have_byrow && (double)nnz >= t->coo_byrow_min_entries) {
        *why = SYSTEC__RULE_COO_ORBITS;
        return SYSTEC__COO_BYROW;
    }
    *why = have_byrow                                            ? SYSTEC__RULE_COO_FEW
           : scatter == 0 || !have_byout                         ? SYSTEC__RULE_COO_STREAMS
           : out_bytes > t->coo_scatter_bytes                    ? SYSTEC__RULE_COO_SCATTER
                                                                 : SYSTEC__RULE_COO_CACHED;
    return *why == SYSTEC__RULE_COO_SCATTER ? SYSTEC__COO_BYOUT : SYSTEC__COO_ENTRY;
}

int64_t systec__choose_rank_block(int64_t remaining, const int64_t *ranks, int nranks, int inner,
                                  systec__rule *why)
{
    double max = systec__tuning_get()->tensor_fixed_rank_max;
    for (int q = 0; q < nranks; q++)
        if ((inner ? ranks[q] == remaining : ranks[q] <= remaining) && (double)ranks[q] <= max) {
            *why = SYSTEC__RULE_RANK_FIXED;
            return ranks[q];
        }
    *why = SYSTEC__RULE_RANK_BLOCKED;
    return 0;
}

int systec__choose_ttm_rows(int64_t packed, int64_t rows, systec__rule *why)
{
    int use = (double)rows <= systec__tuning_get()->ttm_rows_max_share * (double)packed;
    *why = use ? SYSTEC__RULE_TTM_ROWS : SYSTEC__RULE_TTM_PACKED;
    return use;
}

int systec__syrk_reserve(int64_t bound)
{
    return (double)bound <= systec__tuning_get()->syrk_reserve_entries;
}

/* ------------------------------------------------------------ parallel */

int systec__choose_par(const systec__mshape *s, const systec__pshape *ps, systec__rule *why)
{
    const systec__tuning *t = systec__tuning_threads(ps->threads);
    if (!systec__threads_openmp())
        *why = SYSTEC__RULE_PAR_SERIAL_BUILD;
    else if (ps->threads < 2)
        *why = SYSTEC__RULE_PAR_ONE_THREAD;
    else if ((double)(s->entries + s->n) < t->par_min_entries * ps->threads)
        *why = SYSTEC__RULE_PAR_SMALL;
    else
        *why = SYSTEC__RULE_PAR_ROWS;
    return *why == SYSTEC__RULE_PAR_ROWS;
}

int systec__choose_try_color(const systec__pshape *ps, systec__rule *why)
{
    const systec__tuning *t = systec__tuning_threads(ps->threads);
    if (ps->buffer_share <= t->par_rows_max_buffer) {
        *why = SYSTEC__RULE_PAR_ROWS;
        return 0;
    }
    if (ps->expected_calls > 0 && (double)ps->expected_calls < t->color_min_calls) {
        *why = SYSTEC__RULE_PAR_BUFFERS_FEW_CALLS;
        return 0;
    }
    *why = SYSTEC__RULE_PAR_COLOR; /* if systec__choose_color takes the colouring */
    return 1;
}

int systec__choose_color(const systec__pshape *ps, systec__rule *why)
{
    int ok = ps->ncolors > 0 && ps->ncolors <= systec__tuning_threads(ps->threads)->color_max_colors;
    *why = ok ? SYSTEC__RULE_PAR_COLOR : SYSTEC__RULE_PAR_BUFFERS_NO_COLOR;
    return ok;
}

int systec__choose_expand(const systec__pshape *ps, systec__rule *why)
{
    if (ps->expected_calls > 0 &&
        (double)ps->expected_calls < systec__tuning_get()->expand_min_calls)
        return 0;
    *why = SYSTEC__RULE_PAR_EXPAND;
    return 1;
}

/* Why a colouring tried was not taken. */
static const char *no_colour(const systec__pshape *ps)
{
    return ps->ncolors > 0    ? "the colouring needs too many colours"
           : ps->ncolors == 0 ? "no colouring within 64 colours"
                              : "this storage has no coloured kernel";
}

void systec__par_rule_text(systec__rule r, const systec__mshape *s, const systec__pshape *ps,
                           char *buf, size_t len)
{
    const systec__tuning *t = systec__tuning_threads(ps->threads);
    double work = (double)(s->entries + s->n);
    switch (r) {
    case SYSTEC__RULE_PAR_SERIAL_BUILD:
        snprintf(buf, len, "built without OpenMP: serial");
        break;
    case SYSTEC__RULE_PAR_ONE_THREAD:
        snprintf(buf, len, "one thread: serial");
        break;
    case SYSTEC__RULE_PAR_SMALL:
        snprintf(buf, len, "%.0f entries and rows < par_min_entries %g x %d threads: serial",
                 work, t->par_min_entries, ps->threads);
        break;
    case SYSTEC__RULE_PAR_ROWS:
        snprintf(buf, len, "%d threads, buffers cover %.1f%% of rows <= par_rows_max_buffer "
                 "%.0f%%: row parts", ps->threads, 100 * ps->buffer_share,
                 100 * t->par_rows_max_buffer);
        break;
    /* row parts whose buffers cover most rows run slower than the serial
     * kernel (random 1e6 x 16 SSYMV: 90 ms at 2 threads, 48 ms serial) */
    case SYSTEC__RULE_PAR_BUFFERS_FEW_CALLS:
        snprintf(buf, len, "row parts' buffers would cover %.1f%% of rows > par_rows_max_buffer "
                 "%.0f%%, and %lld expected calls < color_min_calls %g do not repay a "
                 "colouring (nor the full expansion: expand_min_calls %g): serial",
                 100 * ps->buffer_share, 100 * t->par_rows_max_buffer,
                 (long long)ps->expected_calls, t->color_min_calls, t->expand_min_calls);
        break;
    case SYSTEC__RULE_PAR_BUFFERS_NO_COLOR:
        snprintf(buf, len, "row parts' buffers would cover %.1f%% of rows > par_rows_max_buffer "
                 "%.0f%%, and %s (color_max_colors %g); %lld expected calls < "
                 "expand_min_calls %g do not repay the full expansion: serial",
                 100 * ps->buffer_share, 100 * t->par_rows_max_buffer, no_colour(ps),
                 t->color_max_colors, (long long)ps->expected_calls, t->expand_min_calls);
        break;
    case SYSTEC__RULE_PAR_EXPAND:
        snprintf(buf, len, "row parts' buffers on the triangle would cover %.1f%% of rows > "
                 "par_rows_max_buffer %.0f%%, %s; expected calls %s >= expand_min_calls %g: "
                 "row parts on the full expansion (both triangles: no buffers)",
                 100 * ps->buffer_share, 100 * t->par_rows_max_buffer,
                 ps->expected_calls > 0 && (double)ps->expected_calls < t->color_min_calls
                     ? "too few expected calls for a colouring"
                     : no_colour(ps),
                 ps->expected_calls > 0 ? "given" : "unknown (many)", t->expand_min_calls);
        break;
    case SYSTEC__RULE_PAR_COLOR:
        snprintf(buf, len, "buffers would cover %.1f%% of rows > par_rows_max_buffer %.0f%%; "
                 "%d blocks in %d colours: conflict-free blocks", 100 * ps->buffer_share,
                 100 * t->par_rows_max_buffer, ps->nblocks, ps->ncolors);
        break;
    default:
        systec__rule_text(r, s, buf, len);
    }
}

void systec__rule_text(systec__rule r, const systec__mshape *s, char *buf, size_t len)
{
    const systec__tuning *t = systec__tuning_get();
    double pr = s ? per_row(s) : 0, mib = s ? row_bytes(s) / 1048576.0 : 0;
    double lim = t->short_row_max_bytes / 1048576.0;
    switch (r) {
    case SYSTEC__RULE_SHORT_ROWS:
        snprintf(buf, len, "%.2f entries per row < short_row_entries %g and %.2f MiB <= "
                 "short_row_max_bytes %.2f MiB: plain loop", pr, t->short_row_entries, mib, lim);
        break;
    case SYSTEC__RULE_LONG_ROWS:
        snprintf(buf, len, "%.2f entries per row >= short_row_entries %g: unrolled loop", pr,
                 t->short_row_entries);
        break;
    case SYSTEC__RULE_LARGE:
        snprintf(buf, len, "short rows (%.2f per row) but %.2f MiB > short_row_max_bytes "
                 "%.2f MiB: unrolled loop with prefetch", pr, mib, lim);
        break;
    case SYSTEC__RULE_IRREGULAR:
        snprintf(buf, len, "%.0f%% of entries reach more than %lld rows from their row >= "
                 "ipf_min_spread %.0f%%, and x, y take %.1f MiB > the L2's %.1f MiB: indirect "
                 "prefetch of the rows they reach", s ? 100 * s->spread : 0.0,
                 (long long)systec__spread_window(s ? s->vsize : 8), 100 * t->ipf_min_spread,
                 s ? 2.0 * (double)s->n * s->vsize / 1048576.0 : 0.0,
                 (double)systec__cache_bytes(2) / 1048576.0);
        break;
    case SYSTEC__RULE_ONE_SCHEDULE:
        snprintf(buf, len, "the kernel has one schedule");
        break;
    case SYSTEC__RULE_STREAM_IRREGULAR:
        snprintf(buf, len, "%lld rows >= stream_min_rows %g, %.2f entries per row < "
                 "stream_max_entries %g, %.0f%% of rows change length >= stream_min_change "
                 "%.0f%%: entry stream", (long long)s->n, t->stream_min_rows, pr,
                 t->stream_max_entries, 100 * s->change, 100 * t->stream_min_change);
        break;
    case SYSTEC__RULE_STREAM_REDUCE:
        snprintf(buf, len, "a reduction over %.2f entries per row < reduce_stream_short %g: "
                 "entry stream", pr, t->reduce_stream_short);
        break;
    case SYSTEC__RULE_STREAM_SCATTER:
        snprintf(buf, len, "%.2f entries per row < scatter_stream_short %g, %lld rows >= "
                 "scatter_stream_min_rows %g: entry stream", pr, t->scatter_stream_short,
                 (long long)s->n, t->scatter_stream_min_rows);
        break;
    case SYSTEC__RULE_FEW_ROWS:
        snprintf(buf, len, "%lld rows < stream_min_rows %g: row loop", (long long)s->n,
                 t->stream_min_rows);
        break;
    case SYSTEC__RULE_LONG_ROWS_ROWLOOP:
        snprintf(buf, len, "%.2f entries per row >= stream_max_entries %g: row loop", pr,
                 t->stream_max_entries);
        break;
    case SYSTEC__RULE_REGULAR:
        snprintf(buf, len, "%.0f%% of rows change length < stream_min_change %.0f%%: row loop",
                 100 * s->change, 100 * t->stream_min_change);
        break;
    case SYSTEC__RULE_FEW_CALLS:
        snprintf(buf, len, "expected calls < stream_min_calls %g: row loop (no stream built)",
                 t->stream_min_calls);
        break;
    case SYSTEC__RULE_DIRECT:
        snprintf(buf, len, "a direct call builds no storage: row loop");
        break;
    case SYSTEC__RULE_STREAM_SCHED:
        snprintf(buf, len, "stream of %.2f MiB %s short_row_max_bytes %.2f MiB: %s",
                 s ? stream_bytes(s) / 1048576.0 : 0.0,
                 s && stream_bytes(s) <= t->short_row_max_bytes ? "<=" : ">", lim,
                 s && stream_bytes(s) <= t->short_row_max_bytes ? "no prefetch" : "prefetch");
        break;
    case SYSTEC__RULE_TREE_SHARED:
    case SYSTEC__RULE_TREE_PATHS:
        snprintf(buf, len, "tree nodes per entry coordinate %s mttkrp_tree_max_share %g "
                 "(order 3; mttkrp_tree_share_step %g less per order above): %s",
                 r == SYSTEC__RULE_TREE_SHARED ? "<=" : ">", t->mttkrp_tree_max_share,
                 t->mttkrp_tree_share_step,
                 r == SYSTEC__RULE_TREE_SHARED ? "tree kernel" : "per-entry kernel");
        break;
    case SYSTEC__RULE_COO_ORBITS:
        snprintf(buf, len, "output symmetric in free indices: one update per orbit, accumulated "
                 "per output row (byrow)");
        break;
    case SYSTEC__RULE_COO_FEW:
        snprintf(buf, len, "fewer canonical entries than coo_byrow_min_entries %g: per-entry "
                 "kernel", t->coo_byrow_min_entries);
        break;
    case SYSTEC__RULE_COO_STREAMS:
        snprintf(buf, len, "the per-entry kernel writes no scattered output rows (or nothing "
                 "ordered was generated): per-entry kernel");
        break;
    case SYSTEC__RULE_COO_CACHED:
    case SYSTEC__RULE_COO_SCATTER:
        snprintf(buf, len, "output %s coo_scatter_bytes %.2f MiB: %s",
                 r == SYSTEC__RULE_COO_SCATTER ? ">" : "<=", t->coo_scatter_bytes / 1048576.0,
                 r == SYSTEC__RULE_COO_SCATTER ? "updates ordered by output row (byout)"
                                               : "per-entry kernel, its scattered rows cached");
        break;
    case SYSTEC__RULE_RANK_FIXED:
    case SYSTEC__RULE_RANK_BLOCKED:
        snprintf(buf, len, "%s",
                 r == SYSTEC__RULE_RANK_FIXED
                     ? "the widest compiled rank that fits (at most tensor_fixed_rank_max)"
                     : "no compiled rank fits: the run-time form");
        break;
    case SYSTEC__RULE_TPAR_OWNER:
        snprintf(buf, len, "parts own output rows: parallel, no buffers");
        break;
    case SYSTEC__RULE_TPAR_PRIVATE:
    case SYSTEC__RULE_TPAR_BUFFERS:
        snprintf(buf, len, "output rows x (threads - 1) %s tensor_par_max_copy %g x entries: %s",
                 r == SYSTEC__RULE_TPAR_PRIVATE ? "<=" : ">", t->tensor_par_max_copy,
                 r == SYSTEC__RULE_TPAR_PRIVATE ? "per-thread output copies" : "serial");
        break;
    case SYSTEC__RULE_TTM_ROWS:
    case SYSTEC__RULE_TTM_PACKED:
        snprintf(buf, len, "rows reached %s ttm_rows_max_share %g of the packed rows: %s",
                 r == SYSTEC__RULE_TTM_ROWS ? "<=" : ">", t->ttm_rows_max_share,
                 r == SYSTEC__RULE_TTM_ROWS ? "sparse output" : "packed output");
        break;
    case SYSTEC__RULE_PAR_EXPAND:
        snprintf(buf, len, "both triangles, for row parts without buffers (see parallel)");
        break;
    case SYSTEC__RULE_FORCED:
        snprintf(buf, len, "forced by the caller");
        break;
    case SYSTEC__RULE_MEASURED:
        snprintf(buf, len, "the fastest candidate timed on this matrix (expected calls >= "
                 "measure_min_calls %g)", t->measure_min_calls);
        break;
    case SYSTEC__RULE_NONE:
    default:
        snprintf(buf, len, "-");
    }
}
