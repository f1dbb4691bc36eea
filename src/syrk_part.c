/* SSYRK's parallel plan (the omp_rows kernels of gen/lower_spgemm.c): the
 * rows of the output split into parts of equal estimated multiply-adds,
 * each part's cursors at its first row, and its workspaces. */
#include "syrk_part.h"

#include "threads.h"
#include "tuning.h"

#include <stdlib.h>
#include <string.h>

/* Row a's multiply-adds: over the entries (a, c) of the operand, the rows
 * b >= a of column c (upper: from the cursor on) or all of them (full).
 * With snap (part bounds r, nparts), the cursors at each part's first row
 * are copied into cur0 on the way. Returns the total. */
#define DEFINE_WALK(NAME, IT)                                                                    \
    static int64_t NAME(const systec__aat_plan *p, const IT *ai, int upper, int64_t *w,         \
                        const int64_t *r, int nparts, IT *cur0)                                  \
    {                                                                                            \
        const IT *ap = p->op_ptr, *tp = p->t_ptr;                                                \
        IT *cur = systec__malloc(sizeof(IT) * (size_t)(p->k + 1));                                       \
        if (!cur) return -1;                                                                     \
        memcpy(cur, tp, sizeof(IT) * (size_t)p->k);                                              \
        int64_t total = 0;                                                                       \
        int t = 0;                                                                               \
        for (int64_t a = 0; a < p->m; a++) {                                                     \
            for (; cur0 && t < nparts && r[t] == a; t++)                                         \
                memcpy(cur0 + (size_t)t * (size_t)p->k, cur, sizeof(IT) * (size_t)p->k);        \
            int64_t row = 1;                                                                     \
            for (IT q = ap[a]; q < ap[a + 1]; q++) {                                             \
                IT c = ai[q];                                                                    \
                row += upper ? tp[c + 1] - cur[c]++ : tp[c + 1] - tp[c];                         \
            }                                                                                    \
            if (w) w[a] = row;                                                                   \
            total += row;                                                                        \
        }                                                                                        \
        for (; cur0 && t < nparts; t++) /* empty parts at the end */                             \
            memcpy(cur0 + (size_t)t * (size_t)p->k, cur, sizeof(IT) * (size_t)p->k);             \
        systec__free(cur);                                                                               \
        return total;                                                                            \
    }
DEFINE_WALK(walk_i32, int32_t)
DEFINE_WALK(walk_i64, int64_t)

static int64_t walk(const systec__aat_plan *p, const systec_csrmat_t *A, int64_t *w,
                    const int64_t *r, int nparts, void *cur0)
{
    int upper = !p->full;
    return A->itype == SYSTEC_INT64 ? walk_i64(p, A->colidx, upper, w, r, nparts, cur0)
                                    : walk_i32(p, A->colidx, upper, w, r, nparts, cur0);
}

int64_t systec__syrk_work(const systec__aat_plan *p, const systec_csrmat_t *A)
{
    return walk(p, A, NULL, NULL, 0, NULL);
}

int systec__syrk_threads(int64_t work)
{
    int t = systec__threads_for(0);
    if (!systec__threads_openmp() || t < 2) return 1;
    return (double)work >= systec__tuning_threads(t)->par_min_entries * t ? t : 1;
}

/* Parts for nthreads threads: par_parts_per_thread per thread (taken
 * dynamically, so that a thread slowed by another process takes fewer), as
 * long as their starting cursors (k each, copied by every call) add up to
 * at most the operand's entries; at least one per thread, at most m. */
static int part_count(const systec__aat_plan *p, int nthreads)
{
    double many = systec__tuning_get()->par_parts_per_thread * nthreads;
    double fit = p->k > 0 ? (double)p->nnz / (double)p->k : many;
    double n = many < fit ? many : fit;
    if (n < nthreads) n = nthreads;
    if (n > (double)p->m) n = (double)p->m;
    return n < 1 ? 1 : (int)n;
}

systec_status_t systec__syrk_part(systec__aat_plan *p, const systec_csrmat_t *A, int nthreads)
{
    int nparts = part_count(p, nthreads);
    size_t is = systec__isize(A->itype), vs = systec__vsize(A->dtype), T = (size_t)nparts,
           W = (size_t)nthreads;
    int64_t *w = systec__malloc(sizeof(int64_t) * (size_t)(p->m + 1));
    systec__syrk_par *q = systec__calloc(1, sizeof *q);
    if (q) {
        q->r = systec__malloc(sizeof(int64_t) * (T + 1));
        q->boff = systec__calloc(T + 1, sizeof(int64_t));
        q->cur0 = systec__malloc(is * T * (size_t)(p->k + 1));
        q->spa = systec__calloc(W * (size_t)(p->m + 1), vs); /* zero between calls */
        q->cur = systec__malloc(is * W * (size_t)(p->k + 1));
    }
    if (!w || !q || !q->r || !q->boff || !q->cur0 || !q->spa || !q->cur ||
        walk(p, A, w, NULL, 0, NULL) < 0) {
        systec__free(w);
        systec__syrk_par_free(q);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "the SSYRK partition");
    }
    /* rows balanced by their multiply-adds: a prefix sum and a sweep */
    int64_t total = 0;
    for (int64_t a = 0; a < p->m; a++) total += w[a];
    q->r[0] = 0;
    int t = 1;
    int64_t acc = 0;
    for (int64_t a = 0; a < p->m && t < nparts; a++) {
        acc += w[a];
        while (t < nparts && (double)acc >= (double)total * t / nparts) q->r[t++] = a + 1;
    }
    for (; t <= nparts; t++) q->r[t] = p->m;
    systec__free(w);
    if (walk(p, A, NULL, q->r, nparts, q->cur0) < 0) {
        systec__syrk_par_free(q);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "the SSYRK partition");
    }
    q->kp.nparts = nparts;
    q->kp.nthreads = nthreads;
    q->kp.r = q->r;
    q->kp.boff = q->boff;
    q->kp.cur0 = q->cur0;
    p->par = q;
    return SYSTEC_SUCCESS;
}

void systec__syrk_par_free(systec__syrk_par *q)
{
    if (!q) return;
    systec__free(q->r);
    systec__free(q->boff);
    systec__free(q->cur0);
    systec__free(q->spa);
    systec__free(q->cur);
    systec__free(q);
}

void systec__syrk_offsets(systec__syrk_par *q, const int64_t *bound)
{
    q->boff[0] = 0;
    for (int t = 0; t < q->kp.nparts; t++) {
        int64_t s = 0;
        for (int64_t a = q->r[t]; a < q->r[t + 1]; a++) s += bound[a];
        q->boff[t + 1] = q->boff[t] + s;
    }
}

void systec__syrk_close_gaps(const systec__syrk_par *q, systec_itype_t it, void *rp, void *ci)
{
    size_t is = systec__isize(it);
    int64_t w = systec__iget(rp, it, q->r[1]); /* part 0 starts at 0 */
    for (int t = 1; t < q->kp.nparts; t++) {
        int64_t a0 = q->r[t], a1 = q->r[t + 1];
        if (a0 == a1) continue;
        int64_t start = q->boff[t], end = systec__iget(rp, it, a1), shift = start - w;
        memmove((char *)ci + (size_t)w * is, (char *)ci + (size_t)start * is,
                (size_t)(end - start) * is);
        for (int64_t a = a0 + 1; a <= a1; a++)
            systec__iset(rp, it, a, systec__iget(rp, it, a) - shift);
        w = end - shift;
    }
}
