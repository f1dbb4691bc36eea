/* Entry lists ordered by output row (coo_order.h). */
#include "coo_order.h"

#include <stdlib.h>
#include <string.h>

static systec_status_t olist_alloc(const char *fn, int64_t nnz, int ncoord, systec_dtype_t dt,
                                   systec__olist *L)
{
    memset(L, 0, sizeof *L);
    L->ncoord = ncoord;
    L->dt = dt;
    L->coord = systec__malloc(sizeof *L->coord * (size_t)(nnz * ncoord + 1));
    L->val = systec__malloc(systec__vsize(dt) * (size_t)(nnz + 1));
    if (!L->coord || !L->val) {
        systec__olist_free(L);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: an entry list of %lld entries", fn,
                            (long long)nnz);
    }
    return SYSTEC_SUCCESS;
}

systec_status_t systec__olist_instances(const char *fn, int order, int64_t nnz,
                                        const int64_t *coord, const double *val,
                                        const systec__insttab *tab, systec_dtype_t dt,
                                        systec__olist *L)
{
    int per[1 << (SYSTEC_MAX_ORDER - 1)] = {0}; /* table rows per tie pattern */
    for (int r = 0; r < tab->nrow; r++) per[tab->row[r][0]]++;
    int64_t total = 0;
    for (int64_t e = 0; e < nnz; e++) total += per[systec__tie_mask(coord + e * order, order)];
    systec_status_t st = olist_alloc(fn, total, tab->ncoord, dt, L);
    if (st) return st;
    for (int64_t e = 0; e < nnz; e++) {
        const int64_t *c = coord + e * order;
        int f = (int)systec__tie_mask(c, order);
        for (int r = 0; r < tab->nrow; r++) {
            const int *row = tab->row[r];
            if (row[0] != f) continue;
            int64_t *dst = L->coord + L->nnz * tab->ncoord;
            /* stored coordinate v of face f is c[facepos[f][v]] */
            for (int q = 0; q < tab->ncoord; q++) dst[q] = c[tab->facepos[f][row[3 + q]]];
            systec__vset(L->val, dt, L->nnz++, val[e] * row[1] / row[2]);
        }
    }
    return SYSTEC_SUCCESS;
}

systec_status_t systec__olist_copy(const char *fn, int order, int64_t nnz, const int64_t *coord,
                                   const double *val, systec_dtype_t dt, systec__olist *L)
{
    systec_status_t st = olist_alloc(fn, nnz, order, dt, L);
    if (st) return st;
    if (nnz > 0) memcpy(L->coord, coord, sizeof *coord * (size_t)(nnz * order));
    for (int64_t e = 0; e < nnz; e++) systec__vset(L->val, dt, e, val[e]);
    L->nnz = nnz;
    return SYSTEC_SUCCESS;
}

systec_status_t systec__olist_sort(const char *fn, systec__olist *L, const int *key, int64_t dim)
{
    const int nc = L->ncoord;
    const size_t vs = systec__vsize(L->dt);
    int64_t *cnt = systec__calloc((size_t)dim + 1, sizeof *cnt);
    int64_t *c2 = systec__malloc(sizeof *c2 * (size_t)(L->nnz * nc + 1));
    char *v2 = systec__malloc(vs * (size_t)(L->nnz + 1));
    if (!cnt || !c2 || !v2) {
        systec__free(cnt);
        systec__free(c2);
        systec__free(v2);
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: sorting %lld entries", fn,
                            (long long)L->nnz);
    }
    /* least significant position first; each counting pass is stable */
    for (int q = nc - 1; q >= 0; q--) {
        const int k = key[q];
        memset(cnt, 0, sizeof *cnt * ((size_t)dim + 1));
        for (int64_t e = 0; e < L->nnz; e++) cnt[L->coord[e * nc + k] + 1]++;
        for (int64_t x = 0; x < dim; x++) cnt[x + 1] += cnt[x];
        for (int64_t e = 0; e < L->nnz; e++) {
            int64_t d = cnt[L->coord[e * nc + k]]++;
            memcpy(c2 + d * nc, L->coord + e * nc, sizeof *c2 * (size_t)nc);
            memcpy(v2 + d * (int64_t)vs, (char *)L->val + e * (int64_t)vs, vs);
        }
        int64_t *tc = L->coord;
        L->coord = c2;
        c2 = tc;
        void *tv = L->val;
        L->val = v2;
        v2 = tv;
    }
    systec__free(cnt);
    systec__free(c2);
    systec__free(v2);
    return SYSTEC_SUCCESS;
}

/* Whether entries a and b of L have equal coordinates at key[0..nlead). */
static int same_row(const systec__olist *L, int64_t a, int64_t b, const int *key, int nlead)
{
    for (int q = 0; q < nlead; q++)
        if (L->coord[a * L->ncoord + key[q]] != L->coord[b * L->ncoord + key[q]]) return 0;
    return 1;
}

systec_status_t systec__olist_rows(const char *fn, systec__olist *L, const int *key, int nlead)
{
    int64_t n = 0;
    for (int64_t e = 0; e < L->nnz; e++) n += e == 0 || !same_row(L, e - 1, e, key, nlead);
    L->pos = systec__malloc(sizeof *L->pos * (size_t)(L->nnz + 1));
    L->rows = systec__malloc(sizeof *L->rows * (size_t)(n * nlead + 1));
    if (!L->pos || !L->rows)
        return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: the output's %lld rows", fn,
                            (long long)n);
    L->nlead = nlead;
    L->nrows = 0;
    for (int64_t e = 0; e < L->nnz; e++) {
        if (e == 0 || !same_row(L, e - 1, e, key, nlead)) {
            for (int q = 0; q < nlead; q++)
                L->rows[L->nrows * nlead + q] = L->coord[e * L->ncoord + key[q]];
            L->nrows++;
        }
        L->pos[e] = L->nrows - 1;
    }
    return SYSTEC_SUCCESS;
}

systec_gface_t systec__olist_face(const systec__olist *L)
{
    systec_gface_t f = {L->nnz, L->coord, L->val, L->pos};
    return f;
}

void systec__olist_free(systec__olist *L)
{
    systec__free(L->coord);
    systec__free(L->val);
    systec__free(L->pos);
    systec__free(L->rows);
    memset(L, 0, sizeof *L);
}
