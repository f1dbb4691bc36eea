/* Parallel runs of the rank-specialised tensor kernels (see tensor_par.h,
 * docs/parallel.md). Parts are balanced by canonical entries (the leaves
 * of the trees): cheap to find per call (binary searches over the root
 * level), so the handle keeps nothing per thread count and stays const. */
#include "tensor_par.h"

#include "internal.h"
#include "kernels.h"
#include "threads.h"
#include "tuning.h"

#include <string.h>

static _Thread_local int last_kind, last_threads;

int systec__tensor_par_last(int *nthreads)
{
    if (nthreads) *nthreads = last_threads;
    return last_kind;
}

/* The first leaf below root node p of tree t (p == roots: the leaf count). */
static int64_t leaf_start(const systec_csf_t *t, int64_t p)
{
    for (int l = 0; l + 1 < t->order; l++)
        p = p < t->nfib[l] ? t->ptr[l][p] : t->nfib[l + 1];
    return p;
}

/* The first root node of tree t whose coordinate is at least x. */
static int64_t root_at(const systec_csf_t *t, int64_t x)
{
    int64_t lo = 0, hi = t->nfib[0];
    while (lo < hi) {
        int64_t m = lo + (hi - lo) / 2;
        if (t->idx[0][m] < x) lo = m + 1;
        else hi = m;
    }
    return lo;
}

/* Leaves of all trees below root coordinate x. */
static int64_t leaves_below(const systec__tpar_call *c, int64_t x)
{
    int64_t s = 0;
    for (int u = 0; u < c->ntrees; u++) s += leaf_start(&c->csf[u], root_at(&c->csf[u], x));
    return s;
}

static int64_t call_entries(const systec__tpar_call *c)
{
    if (!c->csf) return c->nnz;
    int64_t s = 0;
    for (int u = 0; u < c->ntrees; u++) s += c->csf[u].nfib[c->csf[u].order - 1];
    return s;
}

/* omp_owner: root coordinates r[t] .. r[t+1]-1 per part, by leaves. */
static void owner_parts(const systec__tpar_call *c, int np, int64_t *r)
{
    int64_t total = call_entries(c);
    r[0] = 0;
    for (int t = 1; t < np; t++) {
        int64_t want = total / np * t + total % np * t / np, lo = r[t - 1], hi = c->rows;
        while (lo < hi) { /* the first coordinate with at least `want` leaves below */
            int64_t m = lo + (hi - lo) / 2;
            if (leaves_below(c, m) < want) lo = m + 1;
            else hi = m;
        }
        r[t] = lo;
    }
    r[np] = c->rows;
}

/* omp_private: entries (or root nodes) e[t] .. e[t+1]-1 per part, their
 * lowest output row lo[t] (canonical coordinates ascend within an entry,
 * entries are sorted: the part's first coordinate). */
static void private_parts(const systec__tpar_call *c, int np, int64_t *e, int64_t *lo)
{
    const systec_csf_t *t = c->csf;
    int64_t total = call_entries(c), roots = t ? t->nfib[0] : c->nnz;
    e[0] = 0;
    for (int q = 1; q < np; q++) {
        int64_t want = total / np * q + total % np * q / np;
        if (!t) {
            e[q] = want;
            continue;
        }
        int64_t a = e[q - 1], b = roots;
        while (a < b) {
            int64_t m = a + (b - a) / 2;
            if (leaf_start(t, m) < want) a = m + 1;
            else b = m;
        }
        e[q] = a;
    }
    e[np] = roots;
    for (int q = 0; q < np; q++)
        lo[q] = e[q] == roots ? c->rows : t ? t->idx[0][e[q]] : c->coord[e[q] * c->order];
}

static int build(systec__tpar *p, const systec__tpar_call *c, int threads)
{
    const systec__tuning *tu = systec__tuning_get();
    int np = threads;
    if (p->kind == SYSTEC__TPAR_OWNER) {
        double want = tu->par_parts_per_thread * threads;
        np = want > (double)c->rows ? (int)(c->rows > 0 ? c->rows : 1) : (int)want;
    }
    size_t n1 = (size_t)np + 1;
    p->arrays = systec__malloc(sizeof(int64_t) * 4 * n1);
    if (!p->arrays) return -1;
    int64_t *e = p->arrays, *r = e + n1, *lo = r + n1, *boff = lo + n1;
    systec_kpart_t *k = &p->part;
    memset(k, 0, sizeof *k);
    k->nparts = np;
    k->nthreads = threads;
    k->e = e, k->r = r, k->lo = lo, k->boff = boff;
    if (p->kind == SYSTEC__TPAR_OWNER) {
        owner_parts(c, np, r);
        return 0;
    }
    private_parts(c, np, e, lo);
    k->rmin = c->rows;
    for (int q = 0; q <= np; q++) boff[q] = q ? (int64_t)(q - 1) * c->rows : 0;
    for (int q = 1; q < np; q++) k->rmin = lo[q] < k->rmin ? lo[q] : k->rmin;
    k->rmax = c->rows;
    size_t elems = (size_t)(np - 1) * (size_t)c->rows * (size_t)c->R;
    k->buf = systec__malloc(systec__vsize(c->dt) * (elems ? elems : 1));
    return k->buf ? 0 : -1;
}

void systec__tensor_par_begin(systec__tpar *p, const systec__tpar_call *c)
{
    memset(p, 0, sizeof *p);
    int threads = systec__threads_serial_now(0) ? 1 : systec__threads_for(0);
    int kp = systec__kid(c->op, c->storage, SYSTEC_KSC_omp_private, c->dt, SYSTEC_INT32);
    int ko = systec__kid(c->op, c->storage, SYSTEC_KSC_omp_owner, c->dt, SYSTEC_INT32);
    p->kind = systec__choose_tensor_par(threads, kp >= 0, ko >= 0, call_entries(c), c->R,
                                        c->rows, &p->why);
    p->kid = p->kind == SYSTEC__TPAR_OWNER ? ko : kp;
    if (p->kind != SYSTEC__TPAR_SERIAL && build(p, c, threads)) {
        systec__tensor_par_end(p); /* memory short: the serial kernels */
        p->kind = SYSTEC__TPAR_SERIAL;
    }
    if (systec__verbose()) {
        static const char *const kinds[] = {"serial", "omp_private", "omp_owner"};
        char why[256] = "too little work per thread, one thread or no OpenMP";
        if (p->why >= SYSTEC__RULE_TPAR_OWNER && p->why <= SYSTEC__RULE_TPAR_BUFFERS)
            systec__rule_text(p->why, NULL, why, sizeof why);
        systec__log("tensor kernel: %s at %d threads (%lld entries, R = %lld): %s",
                    kinds[p->kind], p->kind ? threads : 1, (long long)call_entries(c),
                    (long long)c->R, why);
    }
    last_kind = p->kind;
    last_threads = p->kind == SYSTEC__TPAR_SERIAL ? 1 : threads;
}

void systec__tensor_par_end(systec__tpar *p)
{
    systec__free(p->part.buf);
    systec__free(p->arrays);
    p->part.buf = NULL;
    p->arrays = NULL;
}
