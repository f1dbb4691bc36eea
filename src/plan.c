/* Plans (see plan.h): building them for handles and direct calls,
 * describing them, logging them. */
#include "plan.h"

#include "internal.h"
#include "kernels.h"
#include "ops.h"
#include "tuning.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void systec__plan_init(systec__plan *p)
{
    memset(p, 0, sizeof *p);
    for (int k = 0; k < SYSTEC__NOPS; k++) {
        p->op[k].kid = -1;
        p->op[k].force_storage = p->op[k].force_sched = -1;
    }
}

/* The schedule of a row-loop kernel: one for kernels with a dense index. */
static int row_sched(const systec__opdesc *op, const systec__mshape *s, systec__rule *why)
{
    if (op->flags & SYSTEC__OPF_DENSE_K) {
        *why = SYSTEC__RULE_ONE_SCHEDULE;
        return SYSTEC_KSC_serial;
    }
    return systec__choose_sched(s, why);
}

/* Applies a forced storage/schedule over the dispatcher's choice. */
static void apply_force(systec__opplan *p)
{
    if (p->force_storage >= 0) p->storage = p->force_storage, p->storage_rule = SYSTEC__RULE_FORCED;
    if (p->force_sched >= 0) p->sched = p->force_sched, p->sched_rule = SYSTEC__RULE_FORCED;
}

void systec__plan_direct(systec__opplan *p, const systec__opdesc *op, const systec__mshape *s,
                         int storage, systec_dtype_t dt, systec_itype_t it)
{
    p->storage = storage;
    p->storage_rule = SYSTEC__RULE_DIRECT;
    p->sched = row_sched(op, s, &p->sched_rule);
    p->kid = systec__kid(op->kop, p->storage, p->sched, dt, it);
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
    p->kid = systec__kid(op->kop, p->storage, p->sched, dt, it);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
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

systec_status_t systec__plan_symmat(systec_symmat_t *A)
{
    systec__plan next = A->plan;
    int count, want_stream = 0;
    const systec__opdesc *ops = systec__ops(&count);
    for (int k = 0; k < count; k++) {
        systec__opplan *p = &next.op[ops[k].op];
        if (ops[k].semiring != A->semiring) {
            p->kid = -1;
            continue;
        }
        plan_sym_op(p, &ops[k], &next.shape, A->dtype, A->itype);
        if (p->kid < 0 || (p->storage != SYSTEC_KST_split && p->storage != SYSTEC_KST_stream))
            return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s on a symmetric handle: no %s:%s "
                                "kernel (forced variants: storage split or stream, schedule "
                                "serial or serial_short)", ops[k].name,
                                systec__kernels_storage_names[p->storage],
                                systec__kernels_sched_names[p->sched]);
        want_stream |= p->storage == SYSTEC_KST_stream;
    }
    void *row = A->row;
    next.prep_seconds = next.prep_bytes = 0;
    if (want_stream && !row) {
        double t0 = now();
        row = build_stream(A);
        if (!row)
            return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "the entry stream (%lld entries)",
                                (long long)A->nnz);
        next.prep_seconds = now() - t0;
        next.prep_bytes = (double)A->nnz * (double)systec__isize(A->itype);
    } else if (!want_stream) {
        systec__free(row);
        row = NULL;
    }
    A->row = row;
    A->plan = next;
    for (int k = 0; k < count; k++)
        if (A->plan.op[ops[k].op].kid >= 0)
            systec__plan_log(&A->plan.op[ops[k].op], &ops[k], &A->plan.shape,
                             "a symmetric handle", A->dtype, A->itype);
    return SYSTEC_SUCCESS;
}

systec_status_t systec__plan_csrmat(systec_csrmat_t *G)
{
    systec__plan next = G->plan;
    int count;
    const systec__opdesc *ops = systec__ops(&count);
    for (int k = 0; k < count; k++) {
        systec__opplan *p = &next.op[ops[k].op];
        if (ops[k].semiring != G->semiring) {
            p->kid = -1;
            continue;
        }
        systec__plan_direct(p, &ops[k], &next.shape, SYSTEC_KST_full, G->dtype, G->itype);
        p->storage_rule = SYSTEC__RULE_NONE;
        apply_force(p);
        p->kid = systec__kid(ops[k].kop, p->storage, p->sched, G->dtype, G->itype);
        if (p->kid < 0 || p->storage != SYSTEC_KST_full)
            return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s on a general handle: no %s:%s "
                                "kernel (forced variants: storage full, schedule serial or "
                                "serial_short)", ops[k].name,
                                systec__kernels_storage_names[p->storage],
                                systec__kernels_sched_names[p->sched]);
    }
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

size_t systec__plan_describe(const systec__opplan *p, const systec__opdesc *op,
                             const systec__plan *pl, const systec__mshape *s, const char *form,
                             systec_dtype_t dt, systec_itype_t it, char *buf, size_t len)
{
    char why_st[320], why_sc[320], change[64] = "";
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
        p->storage == SYSTEC_KST_full    ? "entries"
        : p->storage_rule == SYSTEC__RULE_DIRECT ? "strictly-triangular entries (estimated: stored - n)"
                                                 : "strictly-triangular entries",
        s->n ? (double)s->entries / (double)s->n : 0.0,
        change, p->kid >= 0 ? systec__kmeta(p->kid)->name : "(none)", isa ? isa : "refused",
        systec__kernels_storage_names[p->storage], why_st, systec__kernels_sched_names[p->sched],
        why_sc);
    char calls[64] = "unknown (planned as for many calls)";
    if (p->expected_calls > 0) snprintf(calls, sizeof calls, "%lld", (long long)p->expected_calls);
    w += (size_t)snprintf(buf + (w < len ? w : len), w < len ? len - w : 0,
                          "  hints     expected calls %s; threads %d (serial kernels)\n", calls,
                          p->nthreads > 0 ? p->nthreads : 1);
    if (pl && pl->prep_bytes > 0) {
        double call_s = call_bytes(op, s) / (systec__tuning_get()->model_gbs * 1e9);
        w += (size_t)snprintf(buf + (w < len ? w : len), w < len ? len - w : 0,
                              "  prepared  entry stream, %.2f MiB, built in %.3f ms = %.1f calls "
                              "(model: a call moves %.2f MiB at model_gbs %g GB/s)\n",
                              pl->prep_bytes / 1048576.0, 1e3 * pl->prep_seconds,
                              pl->prep_seconds / call_s, call_bytes(op, s) / 1048576.0,
                              systec__tuning_get()->model_gbs);
    }
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
