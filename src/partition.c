/* Partitions for the parallel schedules (see partition.h). */
#include "partition.h"

#include "tuning.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The weight of rows 0 .. r-1: their entries plus two per row (the row's
 * own reads and write), so parts of short rows are not overloaded. */
static int64_t weight(const systec__csr *A, int64_t r)
{
    return systec__iget(A->ptr, A->it, r) + 2 * r;
}

/* Row bounds b[0..parts] splitting A's rows into parts of equal weight. */
static void balance(const systec__csr *A, int parts, int64_t *b)
{
    int64_t total = weight(A, A->n);
    b[0] = 0;
    b[parts] = A->n;
    for (int t = 1; t < parts; t++) {
        int64_t want = (int64_t)((double)total * t / parts), lo = b[t - 1], hi = A->n;
        while (lo < hi) { /* the first row whose prefix weight reaches want */
            int64_t mid = lo + (hi - lo) / 2;
            if (weight(A, mid) < want) lo = mid + 1; else hi = mid;
        }
        b[t] = lo;
    }
}

/* One part's rows r0 .. r1-1, scanned from the last: the lowest column any
 * of them holds (lo; r0 if none is below r0) and the row after the last one
 * that reaches below r0 (rc; r0 if none does). An empty row reaches
 * nothing. Sorted rows read one entry each, unsorted ones every entry. */
#define DEFINE_SCAN(NAME, IT)                                                                    \
    static void NAME(const systec__csr *A, int64_t r0, int64_t r1, int64_t *lo, int64_t *rc)    \
    {                                                                                            \
        const IT *ptr = A->ptr, *idx = A->idx;                                                   \
        int64_t l = r0, c = r0;                                                                  \
        for (int64_t q = r1 - 1; q >= r0; q--) {                                                 \
            IT p = ptr[q], pe = ptr[q + 1];                                                      \
            if (p == pe) continue;                                                               \
            int64_t f = idx[p];                                                                  \
            if (!A->sorted)                                                                      \
                for (; p < pe; p++) f = idx[p] < f ? idx[p] : f;                                 \
            if (f < l) l = f;                                                                    \
            if (f < r0 && c == r0) c = q + 1;                                                    \
        }                                                                                        \
        *lo = l;                                                                                 \
        *rc = c;                                                                                 \
    }
DEFINE_SCAN(scan_i32, int32_t)
DEFINE_SCAN(scan_i64, int64_t)

/* omp_rows / omp_private: lo, rc, the buffers' offsets and range. */
static void rows_part(const systec__csr *A, systec_kpart_t *k, int64_t *lo, int64_t *rc,
                      int64_t *boff, int private_)
{
    int T = k->nparts;
    const int64_t *r = k->r;
    int64_t rmin = A->n, rmax = 0;
    boff[0] = 0;
    for (int t = 0; t < T; t++) {
        int64_t l, c; /* rows from rc on write nothing below r[t] */
        if (A->it == SYSTEC_INT64)
            scan_i64(A, r[t], r[t + 1], &l, &c);
        else
            scan_i32(A, r[t], r[t + 1], &l, &c);
        lo[t] = l;
        rc[t] = c;
        int64_t hi = private_ ? r[t + 1] : r[t];
        boff[t + 1] = boff[t] + (hi - l);
        if (hi > l) {
            if (l < rmin) rmin = l;
            if (hi > rmax) rmax = hi;
        }
    }
    if (private_) rmin = 0, rmax = A->n; /* every row takes beta in the reduction */
    k->rmin = rmin < rmax ? rmin : 0;
    k->rmax = rmin < rmax ? rmax : 0;
}

/* omp_color: blocks coloured greedily so that no two blocks of a colour
 * touch the same row (their own rows or the rows their entries write): a
 * distance-2 colouring of the block graph. Fills colour[b]; returns the
 * number of colours, or -1 past 64 or out of memory. */
static int colour_blocks(const systec__csr *A, const int64_t *brow, int nb, int *colour)
{
    uint64_t *mask = systec__calloc((size_t)A->n + 1, sizeof *mask);
    if (!mask) return -1;
    int ncol = 0;
    for (int b = 0; b < nb; b++) {
        int64_t p0 = systec__iget(A->ptr, A->it, brow[b]);
        int64_t p1 = systec__iget(A->ptr, A->it, brow[b + 1]);
        uint64_t forbid = 0;
        for (int64_t q = brow[b]; q < brow[b + 1]; q++) forbid |= mask[q];
        for (int64_t p = p0; p < p1; p++) forbid |= mask[systec__iget(A->idx, A->it, p)];
        if (forbid == ~(uint64_t)0) {
            systec__free(mask);
            return -1;
        }
        int c = __builtin_ctzll(~forbid);
        uint64_t bit = (uint64_t)1 << c;
        for (int64_t q = brow[b]; q < brow[b + 1]; q++) mask[q] |= bit;
        for (int64_t p = p0; p < p1; p++) mask[systec__iget(A->idx, A->it, p)] |= bit;
        colour[b] = c;
        if (c + 1 > ncol) ncol = c + 1;
    }
    systec__free(mask);
    return ncol;
}

/* The blocks in colour order (border) and where each colour starts. */
static systec_status_t color_part(const systec__csr *A, systec__part *p, int nb)
{
    int *colour = systec__malloc(sizeof(int) * (size_t)nb);
    if (!colour) return SYSTEC_ERR_OUT_OF_MEMORY;
    int64_t *brow = (int64_t *)p->k.brow, *border = (int64_t *)p->k.border;
    int64_t *cptr = (int64_t *)p->k.cptr;
    int nc = colour_blocks(A, brow, nb, colour);
    if (nc < 0) {
        systec__free(colour);
        return SYSTEC_ERR_INVALID_VALUE;
    }
    memset(cptr, 0, sizeof(int64_t) * 65);
    for (int b = 0; b < nb; b++) cptr[colour[b] + 1]++;
    for (int c = 0; c < nc; c++) cptr[c + 1] += cptr[c];
    int64_t fill[64];
    memcpy(fill, cptr, sizeof(int64_t) * 64);
    for (int b = 0; b < nb; b++) border[fill[colour[b]]++] = b;
    p->k.ncolors = nc;
    systec__free(colour);
    return SYSTEC_SUCCESS;
}

systec_status_t systec__part_build(const systec__csr *A, int sched, int nthreads, int nparts,
                                   systec__part **out)
{
    double t0 = now();
    *out = NULL;
    int color = sched == SYSTEC_KSC_omp_color;
    int T = nparts < 1 ? 1 : nparts;
    int nb = 0;
    if (color) {
        double per = systec__tuning_threads(nthreads)->color_blocks_per_thread;
        int64_t want = (int64_t)(per * (nthreads < 1 ? 1 : nthreads));
        nb = (int)(want < A->n ? want : A->n);
        if (nb < 1) nb = 1;
    }
    /* r, e (T+1 each), rc, ec, lo (T each), boff (T+1); brow (nb+1), border (nb), cptr (65) */
    size_t words = (size_t)(6 * T + 3) + (color ? (size_t)(2 * nb + 66) : 0);
    systec__part *p = systec__calloc(1, sizeof *p);
    int64_t *w = systec__malloc(sizeof(int64_t) * words);
    if (!p || !w) {
        systec__free(p);
        systec__free(w);
        return SYSTEC_ERR_OUT_OF_MEMORY;
    }
    int64_t *r = w, *e = r + T + 1, *rc = e + T + 1, *ec = rc + T, *lo = ec + T, *boff = lo + T;
    p->arrays = w;
    p->sched = sched;
    p->k.nparts = T;
    p->k.nthreads = nthreads < 1 ? 1 : nthreads;
    balance(A, T, r);
    p->k.r = r;
    if (A->general) { /* no writes outside a part: no buffers */
        memcpy(lo, r, sizeof(int64_t) * (size_t)T);
        memcpy(rc, r, sizeof(int64_t) * (size_t)T);
        memset(boff, 0, sizeof(int64_t) * (size_t)(T + 1));
    } else {
        rows_part(A, &p->k, lo, rc, boff, sched == SYSTEC_KSC_omp_private);
    }
    for (int t = 0; t <= T; t++) e[t] = systec__iget(A->ptr, A->it, r[t]);
    for (int t = 0; t < T; t++) ec[t] = systec__iget(A->ptr, A->it, rc[t]);
    p->k.e = e;
    p->k.rc = rc;
    p->k.ec = ec;
    p->k.lo = lo;
    p->k.boff = boff;
    p->buf_rows = sched == SYSTEC_KSC_omp_rows || sched == SYSTEC_KSC_omp_rows_ipf ||
                          sched == SYSTEC_KSC_omp_private
                      ? boff[T]
                      : 0;
    if (color) {
        int64_t *brow = boff + T + 1;
        balance(A, nb, brow);
        p->k.nblocks = nb;
        p->k.brow = brow;
        p->k.border = brow + nb + 1;
        p->k.cptr = brow + 2 * nb + 1;
        systec_status_t st = color_part(A, p, nb);
        if (st) {
            systec__part_free(p);
            return st;
        }
    }
    p->seconds = now() - t0;
    *out = p;
    return SYSTEC_SUCCESS;
}

void systec__part_free(systec__part *p)
{
    if (!p) return;
    systec__free(p->ws.mem);
    systec__free(p->arrays);
    systec__free(p);
}

int systec__part_begin(systec__part *p, systec_dtype_t dt, int64_t cols, systec_kpart_t *k,
                       void **held)
{
    size_t vs = systec__vsize(dt), partial = sizeof(double) * (size_t)p->k.nparts;
    size_t bytes = partial + (size_t)p->buf_rows * (size_t)(cols > 0 ? cols : 1) * vs;
    void *mem = NULL;
    *held = NULL;
    if (!atomic_exchange(&p->ws.busy, 1)) {
        if (p->ws.bytes < bytes) {
            systec__free(p->ws.mem);
            p->ws.mem = systec__malloc(bytes);
            p->ws.bytes = p->ws.mem ? bytes : 0;
        }
        mem = p->ws.mem;
        if (!mem) atomic_store(&p->ws.busy, 0);
        else *held = p; /* the pooled workspace */
    } else {
        mem = systec__malloc(bytes); /* another call holds it: a buffer of this call's own */
        *held = mem;
    }
    if (!mem) return -1;
    *k = p->k;
    k->partial = mem;
    k->buf = (char *)mem + partial;
    return 0;
}

void systec__part_end(systec__part *p, void *held)
{
    if (held == (void *)p)
        atomic_store(&p->ws.busy, 0);
    else
        systec__free(held);
}
