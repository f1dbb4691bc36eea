/* The tuner's generated inputs (families.h). */
#include "families.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "synthetic.h"

#define SEED 0x7e5e7e5eull

/* Tiers: the rules' features first at cache sizes (short, long, regular and
 * irregular rows; the tensors' fanouts), then memory-resident sizes, then
 * more points between. */
static const tk_family_input_t list[] = {
    {TK_RANDOM, 65536, 2, 0},      {TK_STENCIL2D, 256, 0, 0},    {TK_TENSOR, 3, 500, 1e-4},
    {TK_RANDOM, 4096, 4, 0},       {TK_BANDED, 65536, 1, 0},     {TK_POWERLAW, 65536, 4, 0},
    {TK_TENSOR, 4, 100, 0.01},     {TK_STENCIL3D27, 16, 0, 0},   {TK_RANDOM, 65536, 8, 0},
    {TK_POWERLAW, 4096, 1.5, 0},   {TK_RANDOM, 16384, 0.25, 0},  {TK_TENSOR, 3, 100, 0.1},
    {TK_BANDED, 4096, 8, 0},       {TK_TENSOR, 5, 40, 0.1},      {TK_RANDOM, 16384, 1, 0},
    {TK_STENCIL3D7, 40, 0, 0},     {TK_RANDOM, 1 << 20, 4, 0},   {TK_STENCIL3D27, 64, 0, 0},
    {TK_TENSOR, 3, 300, 0.01},     {TK_BANDED, 1 << 20, 4, 0},   {TK_POWERLAW, 1 << 20, 8, 0},
    {TK_TENSOR, 3, 200, 0.05},
    {TK_STENCIL2D, 1024, 0, 0},    {TK_TENSOR, 4, 100, 1e-4},    {TK_RANDOM, 65536, 16, 0},
    {TK_RANDOM, 4096, 1, 0},       {TK_BANDED, 65536, 24, 0},    {TK_POWERLAW, 16384, 2, 0},
    {TK_TENSOR, 5, 40, 1e-4},      {TK_RANDOM, 262144, 2, 0},    {TK_RANDOM, 1024, 8, 0},
    {TK_STENCIL3D7, 16, 0, 0},     {TK_BANDED, 262144, 12, 0},   {TK_TENSOR, 3, 500, 0.1},
    {TK_RANDOM, 2048, 1.5, 0},     {TK_RANDOM, 65536, 0.5, 0},
    {TK_RANDOM, 1 << 20, 1, 0},    {TK_RANDOM, 65536, 12, 0},    {TK_TENSOR, 4, 100, 0.1},
};

const tk_family_input_t *tk_family_list(int *count)
{
    *count = (int)(sizeof list / sizeof list[0]);
    return list;
}

const char *tk_family_kind(const tk_family_input_t *f)
{
    static const char *const kinds[] = {"stencil", "stencil", "stencil", "banded",
                                        "random",  "powerlaw", "tensor"};
    return kinds[f->kind];
}

void tk_family_name(const tk_family_input_t *f, char *buf, size_t len)
{
    switch (f->kind) {
    case TK_STENCIL2D: snprintf(buf, len, "stencil5-%lld^2", (long long)f->a); break;
    case TK_STENCIL3D7: snprintf(buf, len, "stencil7-%lld^3", (long long)f->a); break;
    case TK_STENCIL3D27: snprintf(buf, len, "stencil27-%lld^3", (long long)f->a); break;
    case TK_BANDED: snprintf(buf, len, "banded-%lldx%g", (long long)f->a, f->b); break;
    case TK_RANDOM: snprintf(buf, len, "random-%lldx%g", (long long)f->a, f->b); break;
    case TK_POWERLAW: snprintf(buf, len, "powerlaw-%lldx%g", (long long)f->a, f->b); break;
    default:
        snprintf(buf, len, "mttkrp%lld-%g-sp%g", (long long)f->a, f->b, f->sp);
    }
}

/* ------------------------------------------------------------- builder */

typedef struct {
    source_t *T;
    int64_t cap, w, row;
    uint64_t rng;
    int bad;
} builder;

static void start(builder *b, source_t *T, int64_t n, int64_t cap)
{
    memset(T, 0, sizeof *T);
    *b = (builder){T, cap > 0 ? cap : 1, 0, 0, SEED, 0};
    T->n = n;
    T->rowptr = malloc(sizeof *T->rowptr * (size_t)(n + 1));
    T->colidx = malloc(sizeof *T->colidx * (size_t)b->cap);
    T->val = malloc(sizeof *T->val * (size_t)b->cap);
    b->bad = !T->rowptr || !T->colidx || !T->val;
    if (!b->bad) T->rowptr[0] = 0;
}

/* Appends a strictly-lower entry of the current row (columns ascending). */
static void put(builder *b, int64_t col)
{
    if (b->bad) return;
    if (b->w == b->cap) {
        b->cap *= 2;
        int32_t *c = realloc(b->T->colidx, sizeof *c * (size_t)b->cap);
        double *v = c ? realloc(b->T->val, sizeof *v * (size_t)b->cap) : NULL;
        if (c) b->T->colidx = c;
        if (v) b->T->val = v;
        if (!c || !v) {
            b->bad = 1;
            return;
        }
    }
    b->T->colidx[b->w] = (int32_t)col;
    b->T->val[b->w++] = rng_sym(&b->rng);
}

/* Ends the current row with its diagonal (dominant: 1 + the row's length). */
static void end_row(builder *b)
{
    if (b->bad) return;
    int64_t len = b->w - b->T->rowptr[b->row];
    put(b, b->row);
    if (b->bad) return;
    b->T->val[b->w - 1] = 1.0 + (double)len;
    b->T->rowptr[++b->row] = (int32_t)b->w;
}

static int finish(builder *b)
{
    if (b->bad) source_free(b->T);
    return b->bad ? -1 : 0;
}

/* ---------------------------------------------------------- generators */

/* 5- or 7-point stencil on a g^2 or g^3 grid, natural ordering. */
static int stencil(source_t *T, int64_t g, int dims)
{
    int64_t n = (dims == 3 ? g : 1) * g * g, plane = g * g;
    builder b;
    start(&b, T, n, n * (dims + 1));
    for (int64_t r = 0; r < n; r++) {
        if (dims == 3 && r >= plane) put(&b, r - plane);
        if (r % plane >= g) put(&b, r - g);
        if (r % g) put(&b, r - 1);
        end_row(&b);
    }
    return finish(&b);
}

static int banded(source_t *T, int64_t n, int64_t bw)
{
    builder b;
    start(&b, T, n, n * (bw + 1));
    for (int64_t r = 0; r < n; r++) {
        for (int64_t c = r - bw < 0 ? 0 : r - bw; c < r; c++) put(&b, c);
        end_row(&b);
    }
    return finish(&b);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* A power-law graph: n * per_row edges between endpoints drawn with
 * weights (k+1)^-0.77 (degree exponent about 2.3) over shuffled vertices;
 * loops and repeated edges dropped. */
static int powerlaw(source_t *T, int64_t n, double per_row)
{
    int64_t m = (int64_t)((double)n * per_row);
    double *cdf = malloc(sizeof *cdf * (size_t)n);
    int64_t *perm = malloc(sizeof *perm * (size_t)n), *edge = malloc(sizeof *edge * (size_t)(m + 1));
    int64_t *cnt = calloc((size_t)n + 1, sizeof *cnt);
    int rc = -1;
    if (!cdf || !perm || !edge || !cnt) goto out;
    uint64_t rng = SEED ^ 0x5678;
    double s = 0;
    for (int64_t k = 0; k < n; k++) cdf[k] = s += pow((double)(k + 1), -0.77), perm[k] = k;
    for (int64_t k = n - 1; k > 0; k--) {
        int64_t j = (int64_t)(rng_u01(&rng) * (double)(k + 1)), t = perm[k];
        perm[k] = perm[j], perm[j] = t;
    }
    int64_t ne = 0;
    for (int64_t e = 0; e < m; e++) {
        int64_t end[2];
        for (int q = 0; q < 2; q++) {
            double u = rng_u01(&rng) * s;
            int64_t lo = 0, hi = n - 1;
            while (lo < hi) {
                int64_t mid = (lo + hi) / 2;
                if (cdf[mid] < u) lo = mid + 1; else hi = mid;
            }
            end[q] = perm[lo];
        }
        if (end[0] == end[1]) continue;
        int64_t r = end[0] > end[1] ? end[0] : end[1], c = end[0] + end[1] - r;
        edge[ne++] = r * n + c; /* sorted by row, then column */
    }
    qsort(edge, (size_t)ne, sizeof *edge, cmp_i64);
    builder b;
    start(&b, T, n, ne + n);
    for (int64_t e = 0, r = 0; r < n; r++) {
        for (; e < ne && edge[e] / n == r; e++)
            if (e == 0 || edge[e] != edge[e - 1]) put(&b, edge[e] % n);
        end_row(&b);
    }
    rc = finish(&b);
out:
    free(cdf);
    free(perm);
    free(edge);
    free(cnt);
    return rc;
}

int tk_family_matrix(const tk_family_input_t *f, source_t *T)
{
    switch (f->kind) {
    case TK_STENCIL2D: return stencil(T, f->a, 2);
    case TK_STENCIL3D7: return stencil(T, f->a, 3);
    case TK_STENCIL3D27: memset(T, 0, sizeof *T); gen_stencil(T, (int)f->a); return 0;
    case TK_BANDED: return banded(T, f->a, (int64_t)f->b);
    /* G(n, p): row r has p * r strictly-lower entries on average, b in all */
    case TK_RANDOM: memset(T, 0, sizeof *T); gen_random(T, f->a, 2 * f->b + 1, SEED); return 0;
    case TK_POWERLAW: return powerlaw(T, f->a, f->b);
    default: return -1;
    }
}

systec_status_t tk_family_tensor(const tk_family_input_t *f, systec_tns_t *T)
{
    return systec_tns_random_symmetric((int)f->a, (int64_t)f->b, f->sp, SEED, T);
}
