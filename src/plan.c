/* Plans (see plan.h): building them for handles and direct calls,
 * describing them, logging them. */
#include "plan.h"

#include "expand.h"
#include "internal.h"
#include "kernels.h"
#include "ops.h"
#include "partition.h"
#include "threads.h"
#include "tuning.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void systec__plan_init(systec__plan *p)
{
    memset(p, 0, sizeof *p);
    for (int k = 0; k < SYSTEC__NOPS; k++) {
        p->op[k].kid = p->op[k].serial_kid = -1;
        p->op[k].force_storage = p->op[k].force_sched = -1;
    }
}

void systec__plan_free(systec__plan *p)
{
    for (int k = 0; k < SYSTEC__NOPS; k++) {
        systec__part_free(p->op[k].parts);
        p->op[k].parts = NULL;
        if (p->op[k].serial_kid >= 0) p->op[k].kid = p->op[k].serial_kid;
    }
}

static int is_parallel(int sched)
{
    return !strncmp(systec__kernels_sched_names[sched], "omp_", 4);
}

/* The schedule of a row-loop kernel: for kernels with a dense index the
 * one loop, or its indirect-prefetch twin for irregular matrices. */
static int row_sched(const systec__opdesc *op, const systec__mshape *s, systec__rule *why)
{
    if (op->flags & SYSTEC__OPF_DENSE_K) {
        int sc = systec__choose_sched(s, why);
        if (sc == SYSTEC_KSC_serial_ipf) return sc;
        *why = SYSTEC__RULE_ONE_SCHEDULE;
        return SYSTEC_KSC_serial;
    }
    return systec__choose_sched(s, why);
}

/* Applies a forced storage/schedule over the dispatcher's choice (a
 * parallel schedule is applied by plan_par, over the serial choice). */
static void apply_force(systec__opplan *p)
{
    if (p->force_storage >= 0) p->storage = p->force_storage, p->storage_rule = SYSTEC__RULE_FORCED;
    if (p->force_sched >= 0 && !is_parallel(p->force_sched))
        p->sched = p->force_sched, p->sched_rule = SYSTEC__RULE_FORCED;
}

void systec__plan_direct(systec__opplan *p, const systec__opdesc *op, const systec__mshape *s,
                         int storage, systec_dtype_t dt, systec_itype_t it)
{
    p->storage = storage;
    p->storage_rule = SYSTEC__RULE_DIRECT;
    p->sched = row_sched(op, s, &p->sched_rule);
    p->kid = p->serial_kid = systec__kid(op->kop, p->storage, p->sched, dt, it);
}

/* One operation of a symmetric handle: the entry stream or the split
 * storage, and the schedule. */
static void plan_sym_op(systec__opplan *p, const systec__opdesc *op, const systec__mshape *s,
                        systec_dtype_t dt, systec_itype_t it)
{
    int stream = systec__choose_stream(op->stream_use, s, p->expected_calls, &p->storage_rule);
    p->storage = stream ? SYSTEC_KST_stream : SYSTEC_KST_split;
    if (p->force_storage >= 0) p->storage = p->force_storage;
    /* the stream's schedule by its size; dense-index kernels have one */
    p->sched = p->storage == SYSTEC_KST_stream && !(op->flags & SYSTEC__OPF_DENSE_K)
                   ? systec__choose_stream_sched(s, &p->sched_rule)
                   : row_sched(op, s, &p->sched_rule);
    apply_force(p);
    p->kid = p->serial_kid = systec__kid(op->kop, p->storage, p->sched, dt, it);
}

static double call_bytes(const systec__opdesc *op, const systec__mshape *s);

/* The partition for `threads` threads: row parts several per thread (taken
 * dynamically, so a slower core takes fewer) while their buffers' traffic
 * (about five value moves per buffer row and column: zero, scatter, read,
 * the output's read and write) stays within par_parts_max_traffic of a
 * call's, else one per thread; omp_color makes its own blocks. */
static systec_status_t build_parts(const systec__csr *csr, int sched, int threads,
                                   const systec__opdesc *op, const systec__mshape *s,
                                   systec__part **out)
{
    const systec__tuning *t = systec__tuning_threads(threads);
    int many = (int)(t->par_parts_per_thread * threads);
    if (sched == SYSTEC_KSC_omp_color || sched == SYSTEC_KSC_omp_atomic || many <= threads)
        return systec__part_build(csr, sched, threads, threads, out);
    systec_status_t st = systec__part_build(csr, sched, threads, many, out);
    double cols = op->flags & SYSTEC__OPF_DENSE_K ? 8 : 1;
    if (st || csr->general ||
        5.0 * s->vsize * cols * (double)(*out)->buf_rows <=
            t->par_parts_max_traffic * call_bytes(op, s))
        return st;
    systec__part_free(*out);
    return systec__part_build(csr, sched, threads, threads, out);
}

/* The colouring's partition when the dispatcher takes it (p->par and
 * p->par_rule say why or why not), else NULL: the serial kernel runs. */
static systec__part *try_colour(systec__opplan *p, const systec__opdesc *op,
                                const systec__csr *csr, systec_dtype_t dt,
                                const systec__mshape *s)
{
    systec__part *cp = NULL;
    if (p->par_rule == SYSTEC__RULE_PAR_BUFFERS_FEW_CALLS) return NULL;
    int ckid = systec__kid(op->kop, p->storage, SYSTEC_KSC_omp_color, dt, csr->it);
    p->par.ncolors = ckid >= 0 ? 0 : -1;
    if (ckid >= 0 && build_parts(csr, SYSTEC_KSC_omp_color, p->threads, op, s, &cp) ==
                         SYSTEC_SUCCESS)
        p->par.ncolors = cp->k.ncolors, p->par.nblocks = cp->k.nblocks;
    if (systec__choose_color(&p->par, &p->par_rule)) return cp;
    systec__part_free(cp);
    return NULL;
}

/* The parallel part of a symmetric handle's operation (after its serial
 * plan): the schedule the dispatcher takes (or the caller forced) and its
 * partition. A forced schedule without a kernel or colouring fails. */
static systec_status_t plan_par(systec__opplan *p, const systec__opdesc *op,
                                const systec__csr *csr, systec_dtype_t dt, const systec__mshape *s)
{
    p->parts = NULL;
    p->threads = systec__threads_for(p->nthreads);
    p->par = (systec__pshape){p->threads, p->expected_calls, -1, 0, 0};
    int forced = p->force_sched >= 0 && is_parallel(p->force_sched), sched = p->force_sched;
    if (p->force_sched >= 0 && !forced) {
        p->par_rule = SYSTEC__RULE_FORCED;
        return SYSTEC_SUCCESS;
    }
    if (forced) {
        p->par_rule = SYSTEC__RULE_FORCED;
    } else {
        if (!systec__choose_par(s, &p->par, &p->par_rule)) return SYSTEC_SUCCESS;
        /* row parts, with the serial choice's indirect prefetch if it took one */
        sched = p->sched == SYSTEC_KSC_serial_ipf ? SYSTEC_KSC_omp_rows_ipf : SYSTEC_KSC_omp_rows;
    }
    int kid = systec__kid(op->kop, p->storage, sched, dt, csr->it);
    if (kid < 0) /* the plan check names the missing kernel */
        return forced ? (p->kid = -1, p->sched = sched, SYSTEC_SUCCESS) : SYSTEC_SUCCESS;
    systec__part *part;
    systec_status_t st = build_parts(csr, sched, p->threads, op, s, &part);
    if (st == SYSTEC_ERR_INVALID_VALUE)
        return systec__fail(st, "%s: no colouring of the rows with at most 64 colours "
                            "(omp_color forced)", op->name);
    if (st) return systec__fail(st, "the partition of %lld rows", (long long)csr->n);
    /* a scalar output has no buffers, only one partial per part */
    p->par.buffer_share = csr->n && !(op->flags & SYSTEC__OPF_SCALAR)
                              ? (double)part->buf_rows / (double)csr->n : 0;
    if (!forced) systec__choose_try_color(&p->par, &p->par_rule);
    if (!forced && p->par_rule != SYSTEC__RULE_PAR_ROWS) {
        /* row parts' buffers too large: a colouring, else the serial kernel */
        systec__part_free(part);
        part = try_colour(p, op, csr, dt, s);
        if (!part) return SYSTEC_SUCCESS;
        sched = SYSTEC_KSC_omp_color;
        kid = systec__kid(op->kop, p->storage, sched, dt, csr->it);
    }
    p->parts = part;
    p->sched = sched;
    p->kid = kid;
    return SYSTEC_SUCCESS;
}


static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The expansion a planning runs on: A's (kept in step with its values), or
 * one built now, once per planning. */
static systec_status_t need_full(const systec_symmat_t *A, systec__full **full)
{
    if (*full) return SYSTEC_SUCCESS;
    if (A->full) {
        *full = A->full;
        return SYSTEC_SUCCESS;
    }
    double t0 = now();
    systec_status_t st = systec__full_build(A, full);
    if (!st) (*full)->seconds = now() - t0;
    return st;
}

static int buffers_too_large(systec__rule r)
{
    return r == SYSTEC__RULE_PAR_BUFFERS_FEW_CALLS || r == SYSTEC__RULE_PAR_BUFFERS_NO_COLOR;
}

/* A preview's plan on the expansion A does not have (plan_par_sym with no
 * `full`): what it would run, without building it (a tuner previews every
 * candidate threshold; the build takes some ten calls). The expansion has
 * twice the strictly-lower entries plus at most n; its row parts need no
 * buffers. */
static systec_status_t preview_full(const systec_symmat_t *A, systec__opplan *p,
                                    const systec__opdesc *op, const systec__mshape *s)
{
    systec__mshape fs = *s;
    fs.entries = 2 * s->entries + s->n;
    int forced = p->force_sched >= 0 && is_parallel(p->force_sched);
    systec__rule why;
    if (p->storage != SYSTEC_KST_full) { /* the dispatcher's expansion */
        p->storage = SYSTEC_KST_full;
        p->storage_rule = SYSTEC__RULE_PAR_EXPAND;
    } else if (p->force_sched >= 0 && !forced) { /* a serial schedule forced, as plan_par */
        p->par_rule = SYSTEC__RULE_FORCED;
        p->kid = p->serial_kid;
        return SYSTEC_SUCCESS;
    } else if (!forced && !systec__choose_par(&fs, &p->par, &why)) {
        p->par_rule = why;
        p->kid = p->serial_kid;
        return SYSTEC_SUCCESS;
    }
    p->sched = forced                              ? p->force_sched
               : p->sched == SYSTEC_KSC_serial_ipf ? SYSTEC_KSC_omp_rows_ipf
                                                   : SYSTEC_KSC_omp_rows;
    if (p->storage_rule == SYSTEC__RULE_PAR_EXPAND) p->par_rule = SYSTEC__RULE_PAR_EXPAND;
    p->kid = systec__kid(op->kop, SYSTEC_KST_full, p->sched, A->dtype, A->itype);
    return SYSTEC_SUCCESS;
}

/* The parallel plan of a symmetric handle's operation: on the triangle, or
 * on the full expansion (*full, built once per planning; full NULL: a
 * preview, which builds none) when the caller forced storage full, or when
 * row parts on the triangle would buffer too many rows, no colouring was
 * taken and the expected calls repay it. */
static systec_status_t plan_par_sym(const systec_symmat_t *A, systec__opplan *p,
                                    const systec__opdesc *op, const systec__mshape *s,
                                    systec__full **full)
{
    const systec__csr tri = {A->n, A->rowptr, A->colidx, A->itype, 1, 0};
    systec_status_t st;
    systec__rule kept = SYSTEC__RULE_NONE;
    if (p->storage != SYSTEC_KST_full) {
        st = plan_par(p, op, &tri, A->dtype, s);
        kept = p->par_rule;
        if (st || p->parts || !buffers_too_large(kept) || !systec__choose_expand(&p->par, &p->par_rule))
            return st;
    }
    if (!full && !A->full) return preview_full(A, p, op, s);
    systec__full *none = NULL;
    if (!full) full = &none; /* a preview on A's expansion */
    if ((st = need_full(A, full)) != SYSTEC_SUCCESS) return st;
    systec__mshape fs = *s;
    fs.entries = (*full)->nnz;
    const systec__csr csr = {A->n, (*full)->rowptr, (*full)->colidx, A->itype, 1, 1};
    if (p->storage == SYSTEC_KST_full) return plan_par(p, op, &csr, A->dtype, &fs);
    systec__pshape on_tri = p->par;
    int storage = p->storage;
    p->storage = SYSTEC_KST_full;
    st = plan_par(p, op, &csr, A->dtype, &fs);
    if (!st && p->parts) {
        p->storage_rule = p->par_rule = SYSTEC__RULE_PAR_EXPAND;
    } else {
        p->storage = storage;
        p->par_rule = kept;
    }
    p->par = on_tri;
    return st;
}

/* The row of each strictly-lower entry, or NULL if out of memory. */
static void *build_stream(const systec_symmat_t *A)
{
    void *row = systec__malloc((size_t)(A->nnz > 0 ? A->nnz : 1) * systec__isize(A->itype));
    if (!row) return NULL;
    for (int64_t r = 0; r < A->n; r++)
        for (int64_t q = systec__iget(A->rowptr, A->itype, r);
             q < systec__iget(A->rowptr, A->itype, r + 1); q++)
            systec__iset(row, A->itype, q, r);
    return row;
}

/* Frees the partitions of `next` that `keep` does not hold too. */
static void free_new_parts(systec__plan *next, const systec__plan *keep)
{
    for (int k = 0; k < SYSTEC__NOPS; k++)
        if (next->op[k].parts != keep->op[k].parts) systec__part_free(next->op[k].parts);
}

/* Whether optimize times op's candidates: a hint of enough expected calls,
 * nothing forced. */
static int wants_measure(const systec__opplan *p)
{
    return p->force_storage < 0 && p->force_sched < 0 && p->expected_calls > 0 &&
           (double)p->expected_calls >= systec__tuning_get()->measure_min_calls;
}

/* Makes `full` (NULL: none) A's expansion, freeing the one it replaces,
 * and records its cost in the plan. */
static void keep_full(systec_symmat_t *A, systec__plan *next, systec__full *full)
{
    if (A->full != full) systec__full_free(A->full);
    A->full = full;
    next->full_seconds = full ? full->seconds : 0;
    next->full_bytes = full ? systec__full_bytes(full, A->itype, A->dtype) : 0;
}

/* Plans every operation of A into next (the thresholds in scope), builds
 * the entry stream if a plan or a measurement needs it; on failure A and
 * its stream are unchanged. */
static systec_status_t plan_symmat_scoped(systec_symmat_t *A, systec__plan *next)
{
    int count, measure = 0, want_stream = 0;
    const systec__opdesc *ops = systec__ops(&count);
    for (int k = 0; k < count; k++) {
        systec__opplan *p = &next->op[ops[k].op];
        p->measured.n = 0;
        p->parts = NULL;
        if (ops[k].semiring != A->semiring) {
            p->kid = p->serial_kid = -1;
            continue;
        }
        plan_sym_op(p, &ops[k], &next->shape, A->dtype, A->itype);
        if (p->kid < 0 || (p->storage != SYSTEC_KST_split && p->storage != SYSTEC_KST_stream &&
                           p->storage != SYSTEC_KST_full))
            return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s on a symmetric handle: no %s:%s "
                                "kernel (forced variants: storage split, stream or full, "
                                "schedule serial, serial_short or serial_ipf; a dense index has "
                                "no serial_short)", ops[k].name,
                                systec__kernels_storage_names[p->storage],
                                systec__kernels_sched_names[p->sched]);
        want_stream |= p->storage == SYSTEC_KST_stream;
        measure |= wants_measure(p);
    }
    void *row = A->row;
    double t0 = now(), built = 0;
    if ((want_stream || measure) && !row) {
        row = build_stream(A);
        if (!row)
            return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "the entry stream (%lld entries)",
                                (long long)A->nnz);
        built = now() - t0;
    }
    want_stream = 0;
    int want_full = 0;
    systec__full *full = NULL;
    for (int k = 0; k < count; k++) {
        systec__opplan *p = &next->op[ops[k].op];
        if (p->kid < 0) continue;
        systec_status_t st = wants_measure(p) ? systec__measure_op(A, row, &ops[k], p)
                                              : SYSTEC_SUCCESS;
        /* the parallel plan over the serial one (measured or not) */
        p->serial_kid = p->kid;
        if (!st) st = plan_par_sym(A, p, &ops[k], &next->shape, &full);
        /* (on the expansion its kernel reads other arrays: not timed) */
        if (!st && wants_measure(p) && p->storage != SYSTEC_KST_full)
            st = systec__measure_par(A, row, &ops[k], p);
        if (!st && p->kid < 0)
            st = systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s on a symmetric handle: no %s:%s "
                              "kernel (parallel schedules: omp_rows, omp_rows_ipf, "
                              "omp_private, omp_color, omp_atomic; stream has no omp_color, "
                              "omp_atomic; a scalar output no omp_private)", ops[k].name,
                              systec__kernels_storage_names[p->storage],
                              systec__kernels_sched_names[p->sched]);
        if (st) {
            if (row != A->row) systec__free(row);
            if (full != A->full) systec__full_free(full);
            free_new_parts(next, &A->plan);
            return st;
        }
        want_stream |= p->storage == SYSTEC_KST_stream;
        want_full |= p->storage == SYSTEC_KST_full;
    }
    if (full && !want_full && full != A->full) systec__full_free(full); /* built, not kept */
    keep_full(A, next, want_full ? full : NULL);
    next->prep_seconds = next->prep_bytes = 0;
    if (want_stream && row != A->row) {
        next->prep_seconds = built;
        next->prep_bytes = (double)A->nnz * (double)systec__isize(A->itype);
    } else if (!want_stream) {
        systec__free(row);
        row = NULL;
    }
    A->row = row;
    free_new_parts(&A->plan, next); /* the old plan's partitions */
    A->plan = *next;
    for (int k = 0; k < count; k++)
        if (A->plan.op[ops[k].op].kid >= 0)
            systec__plan_log(&A->plan.op[ops[k].op], &ops[k], &A->plan.shape,
                             "a symmetric handle", A->dtype, A->itype);
    return SYSTEC_SUCCESS;
}

/* The thresholds a handle's plan reads: its own, or NULL (process-wide). */
static const systec__tuning *own(const systec__plan *p)
{
    return p->own_tuning ? &p->tuning : NULL;
}

systec_status_t systec__plan_symmat(systec_symmat_t *A)
{
    systec__plan next = A->plan;
    const systec__tuning *prev = systec__tuning_scope(own(&next));
    systec_status_t st = plan_symmat_scoped(A, &next);
    systec__tuning_scope(prev);
    return st;
}

void systec__plan_preview(const systec_symmat_t *A, const systec__opdesc *op,
                          const systec__tuning *t, systec__opplan *out)
{
    *out = A->plan.op[op->op];
    out->measured.n = 0;
    const systec__tuning *prev = systec__tuning_scope(t ? t : own(&A->plan));
    plan_sym_op(out, op, &A->plan.shape, A->dtype, A->itype);
    systec__tuning_scope(prev);
}

void systec__plan_preview_threads(const systec_symmat_t *A, const systec__opdesc *op,
                                  const systec__tuning *t, int threads, systec__opplan *out)
{
    systec__plan_preview(A, op, t, out);
    const systec__tuning *prev = systec__tuning_scope(t ? t : own(&A->plan));
    out->serial_kid = out->kid;
    out->nthreads = threads;
    if (plan_par_sym(A, out, op, &A->plan.shape, NULL) != SYSTEC_SUCCESS) out->kid = -1;
    systec__part_free(out->parts);
    out->parts = NULL;
    systec__tuning_scope(prev);
}

int systec__plan_candidates(const systec__opdesc *op, systec_dtype_t dt, systec_itype_t it,
                            int *storage, int *sched, int max)
{
    static const int storages[] = {SYSTEC_KST_split, SYSTEC_KST_stream};
    int n = 0;
    for (int s = 0; s < 2; s++)
        for (int c = 0; c < SYSTEC_KSC_COUNT; c++)
            if (n < max && systec__kid(op->kop, storages[s], c, dt, it) >= 0 &&
                strncmp(systec__kernels_sched_names[c], "omp_", 4)) {
                storage[n] = storages[s];
                sched[n++] = c;
            }
    return n;
}

void systec__plan_variant_name(int storage, int sched, char *buf, size_t len)
{
    snprintf(buf, len, "%s:%s", systec__kernels_storage_names[storage],
             systec__kernels_sched_names[sched]);
}

systec_status_t systec__plan_csrmat(systec_csrmat_t *G)
{
    systec__plan next = G->plan;
    systec_status_t st = SYSTEC_SUCCESS;
    int count;
    const systec__opdesc *ops = systec__ops(&count);
    for (int k = 0; k < count; k++) {
        systec__opplan *p = &next.op[ops[k].op];
        if (ops[k].semiring != G->semiring) {
            p->kid = p->serial_kid = -1;
            p->parts = NULL;
            continue;
        }
        systec__plan_direct(p, &ops[k], &next.shape, SYSTEC_KST_full, G->dtype, G->itype);
        p->storage_rule = SYSTEC__RULE_NONE;
        p->parts = NULL;
        apply_force(p);
        p->kid = p->serial_kid = systec__kid(ops[k].kop, p->storage, p->sched, G->dtype, G->itype);
        const systec__csr csr = {G->m, G->rowptr, G->colidx, G->itype, 1, 1};
        if (p->kid >= 0 && p->storage == SYSTEC_KST_full)
            st = plan_par(p, &ops[k], &csr, G->dtype, &next.shape);
        if (!st && (p->kid < 0 || p->storage != SYSTEC_KST_full))
            st = systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s on a general handle: no %s:%s "
                              "kernel (forced variants: storage full, schedule serial, "
                              "serial_short, serial_ipf, omp_rows or omp_rows_ipf)", ops[k].name,
                              systec__kernels_storage_names[p->storage],
                              systec__kernels_sched_names[p->sched]);
        if (st) {
            free_new_parts(&next, &G->plan);
            return st;
        }
    }
    free_new_parts(&G->plan, &next); /* the old plan's partitions */
    G->plan = next;
    return SYSTEC_SUCCESS;
}

/* Looks a generated storage or schedule name up; -1 if none. */
static int find_name(const char *const *names, int count, const char *s, size_t len)
{
    for (int k = 0; k < count; k++)
        if (strlen(names[k]) == len && !strncmp(names[k], s, len)) return k;
    return -1;
}

systec_status_t systec__plan_parse_variant(const char *variant, int *storage, int *sched)
{
    *storage = *sched = -1;
    if (!variant || !*variant) return SYSTEC_SUCCESS;
    const char *colon = strchr(variant, ':');
    size_t first = colon ? (size_t)(colon - variant) : strlen(variant);
    int st = find_name(systec__kernels_storage_names, SYSTEC_KST_COUNT, variant, first);
    int sc = find_name(systec__kernels_sched_names, SYSTEC_KSC_COUNT, variant, first);
    if (colon) {
        sc = find_name(systec__kernels_sched_names, SYSTEC_KSC_COUNT, colon + 1,
                       strlen(colon + 1));
        if (st < 0 || sc < 0)
            return systec__fail(SYSTEC_ERR_INVALID_VALUE, "variant '%s': expected "
                                "storage:schedule (e.g. split:serial_short)", variant);
    } else if (st < 0 && sc < 0) {
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "variant '%s' names no storage or "
                            "schedule (e.g. stream, split, serial, serial_short)", variant);
    }
    *storage = st;
    *sched = sc;
    return SYSTEC_SUCCESS;
}

/* -------------------------------------------------------- descriptions */

/* A model of one call's memory traffic: the row structure, the diagonal and
 * the dense vectors (k columns each). */
static double call_bytes(const systec__opdesc *op, const systec__mshape *s)
{
    double k = op->flags & SYSTEC__OPF_DENSE_K ? 8 : 1;
    double vecs = op->flags & SYSTEC__OPF_SCALAR ? 1 + !!(op->flags & SYSTEC__OPF_TWO_IN) : 2;
    return (double)s->entries * (s->isize + s->vsize) + (double)(s->n + 1) * s->isize +
           (double)s->n * s->vsize * (1 + vecs * k);
}

/* The parallel lines of a description: the schedule and why, the threads
 * and where their number came from, and the partition with its cost. */
static size_t describe_par(const systec__opplan *p, const systec__mshape *s, char *buf,
                           size_t len)
{
    char why[400], src[96];
    systec__thr_source from;
    int deflt = systec__threads_default(&from);
    if (p->nthreads > 0)
        snprintf(src, sizeof src, "the plan's hint");
    else
        snprintf(src, sizeof src, "default, from %s", systec__thr_source_name(from));
    if (p->par_rule == SYSTEC__RULE_NONE) {
        return (size_t)snprintf(buf, len, "  parallel  none: the serial kernel (symmetric "
                                          "handles plan parallel kernels); default threads %d "
                                          "(from %s)\n", deflt, systec__thr_source_name(from));
    }
    systec__par_rule_text(p->par_rule, s, &p->par, why, sizeof why);
    const systec__part *part = p->parts;
    if (!part)
        return (size_t)snprintf(buf, len, "  parallel  none: %s; threads %d (%s)\n", why,
                                p->threads, src);
    size_t w = (size_t)snprintf(buf, len, "  parallel  %s: %s; threads %d (%s); inside an "
                                "enclosing parallel region the serial kernel runs\n",
                                systec__kernels_sched_names[p->sched], why, p->threads, src);
    double call_s = 0;
    int count;
    for (const systec__opdesc *o = systec__ops(&count); count--; o++)
        if (p->kid >= 0 && o->kop == systec__kmeta(p->kid)->op)
            call_s = call_bytes(o, s) / (systec__tuning_get()->model_gbs * 1e9);
    char blocks[96] = "";
    if (part->k.ncolors)
        snprintf(blocks, sizeof blocks, ", %d blocks in %d colours", part->k.nblocks,
                 part->k.ncolors);
    w += (size_t)snprintf(buf + (w < len ? w : len), w < len ? len - w : 0,
                          "  partition %d parts balanced by entries, buffers %lld rows (%.1f%% of "
                          "n)%s, built in %.3f ms = %.2f calls\n",
                          part->k.nparts, (long long)part->buf_rows,
                          s->n ? 100.0 * (double)part->buf_rows / (double)s->n : 0.0, blocks,
                          1e3 * part->seconds, call_s > 0 ? part->seconds / call_s : 0.0);
    return w;
}

/* The line of a per-matrix measurement: each candidate's time per call. */
static size_t describe_measured(const systec__measured *m, char *buf, size_t len)
{
    size_t w = (size_t)snprintf(buf, len, "  measured  %d calls, median per call:", m->calls);
    for (int k = 0; k < m->n; k++) {
        char name[64];
        systec__plan_variant_name(m->storage[k], m->sched[k], name, sizeof name);
        w += (size_t)snprintf(buf + (w < len ? w : len), w < len ? len - w : 0, "%s %s %.4g ms",
                              k ? "," : "", name, 1e3 * m->seconds[k]);
    }
    w += (size_t)snprintf(buf + (w < len ? w : len), w < len ? len - w : 0, "\n");
    return w;
}

size_t systec__plan_describe(const systec__opplan *p, const systec__opdesc *op,
                             const systec__plan *pl, const systec__mshape *s, const char *form,
                             systec_dtype_t dt, systec_itype_t it, char *buf, size_t len)
{
    char why_st[320], why_sc[320], change[64] = "";
    const systec__tuning *prev = systec__tuning_scope(pl && pl->own_tuning ? &pl->tuning
                                                                         : systec__tuning_get());
    systec__rule_text(p->storage_rule, s, why_st, sizeof why_st);
    systec__rule_text(p->sched_rule, s, why_sc, sizeof why_sc);
    if (s->change >= 0) snprintf(change, sizeof change, ", %.0f%% of rows change length", 100 * s->change);
    const char *isa = systec__isa_chosen();
    size_t w = (size_t)snprintf(
        buf, len,
        "%s%s on %s (%s values, %s indices): n = %lld, %lld %s (%.2f per row%s)\n"
        "  kernel    %s [ISA %s]\n  storage   %s: %s\n  schedule  %s: %s\n",
        dt == SYSTEC_DOUBLE ? "d" : "s", op->name, form,
        dt == SYSTEC_DOUBLE ? "double" : "float", it == SYSTEC_INT64 ? "int64" : "int32",
        (long long)s->n, (long long)s->entries,
        p->storage == SYSTEC_KST_full && strcmp(form, "a symmetric handle") ? "entries"
        : p->storage_rule == SYSTEC__RULE_DIRECT ? "strictly-triangular entries (estimated: stored - n)"
                                                 : "strictly-triangular entries",
        s->n ? (double)s->entries / (double)s->n : 0.0,
        change, p->kid >= 0 ? systec__kmeta(p->kid)->name : "(none)", isa ? isa : "refused",
        systec__kernels_storage_names[p->storage], why_st,
        systec__kernels_sched_names[p->serial_kid >= 0 ? systec__kmeta(p->serial_kid)->sched
                                                       : p->sched],
        why_sc);
    w += describe_par(p, s, buf + (w < len ? w : len), w < len ? len - w : 0);
    char calls[64] = "unknown (planned as for many calls)";
    if (p->expected_calls > 0) snprintf(calls, sizeof calls, "%lld", (long long)p->expected_calls);
    w += (size_t)snprintf(buf + (w < len ? w : len), w < len ? len - w : 0,
                          "  hints     expected calls %s; threads %s\n", calls,
                          p->nthreads > 0 ? "as given" : "default");
    if (p->measured.n > 0)
        w += describe_measured(&p->measured, buf + (w < len ? w : len), w < len ? len - w : 0);
    if (pl && pl->prep_bytes > 0) {
        double call_s = call_bytes(op, s) / (systec__tuning_get()->model_gbs * 1e9);
        w += (size_t)snprintf(buf + (w < len ? w : len), w < len ? len - w : 0,
                              "  prepared  entry stream, %.2f MiB, built in %.3f ms = %.1f calls "
                              "(model: a call moves %.2f MiB at model_gbs %g GB/s)\n",
                              pl->prep_bytes / 1048576.0, 1e3 * pl->prep_seconds,
                              pl->prep_seconds / call_s, call_bytes(op, s) / 1048576.0,
                              systec__tuning_get()->model_gbs);
    }
    if (pl && pl->full_bytes > 0 && p->storage == SYSTEC_KST_full) {
        double call_s = call_bytes(op, s) / (systec__tuning_get()->model_gbs * 1e9);
        w += (size_t)snprintf(buf + (w < len ? w : len), w < len ? len - w : 0,
                              "  prepared  full expansion, %.2f MiB, built in %.3f ms = %.1f "
                              "calls of the serial kernel (model)\n", pl->full_bytes / 1048576.0,
                              1e3 * pl->full_seconds, pl->full_seconds / call_s);
    }
    systec__tuning_scope(prev);
    return w;
}

void systec__plan_log(const systec__opplan *p, const systec__opdesc *op, const systec__mshape *s,
                      const char *form, systec_dtype_t dt, systec_itype_t it)
{
    if (!systec__verbose()) return;
    char text[2048];
    systec__plan_describe(p, op, NULL, s, form, dt, it, text, sizeof text);
    for (char *c = text; *c; c++)
        if (*c == '\n' && c[1]) *c = ';';
    size_t l = strlen(text);
    if (l && text[l - 1] == '\n') text[l - 1] = 0;
    systec__log("%s", text);
}
