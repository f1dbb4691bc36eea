/* The generated matrices of --synthetic (synthetic.h). */
#include "synthetic.h"

#include <math.h>
#include <stdio.h>

#include "rng.h"
#include "util.h"

void gen_stencil(source_t *s, int g)
{
    int64_t n = (int64_t)g * g * g;
    s->n = n;
    s->rowptr = xmalloc((size_t)(n + 1) * sizeof *s->rowptr);
    s->colidx = xmalloc((size_t)n * 14 * sizeof *s->colidx); /* <= 13 lower + diag */
    s->val = xmalloc((size_t)n * 14 * sizeof *s->val);
    int64_t w = 0;
    s->rowptr[0] = 0;
    for (int i = 0; i < g; i++)
        for (int j = 0; j < g; j++)
            for (int k = 0; k < g; k++) {
                int64_t r = ((int64_t)i * g + j) * g + k;
                /* lexicographic (di, dj, dk) gives ascending column offsets;
                 * the first 13 are below the diagonal, the 14th is it */
                for (int di = -1; di <= 1; di++)
                    for (int dj = -1; dj <= 1; dj++)
                        for (int dk = -1; dk <= 1; dk++) {
                            int64_t off = ((int64_t)di * g + dj) * g + dk;
                            if (off > 0) continue;
                            int a = i + di, b = j + dj, c = k + dk;
                            if (a < 0 || a >= g || b < 0 || b >= g || c < 0 || c >= g) continue;
                            s->colidx[w] = (int32_t)(r + off);
                            s->val[w] = off == 0 ? 26.0 : -1.0;
                            w++;
                        }
                s->rowptr[r + 1] = (int32_t)w;
            }
}

/* Grows the entry arrays of a generated lower CSR by a quarter (at least 16). */
static void grow_entries(source_t *s, size_t *cap)
{
    *cap += *cap / 4 + 16;
    s->colidx = xrealloc(s->colidx, *cap * sizeof *s->colidx);
    s->val = xrealloc(s->val, *cap * sizeof *s->val);
}

/* Every strictly-lower (r, c) is present independently with probability p,
 * drawn by geometric skipping, so rows come out sorted and duplicate-free. */
void gen_random(source_t *s, int64_t n, double per_row, uint64_t seed)
{
    double p = (per_row - 1.0) / (double)(n - 1);
    double lq = log1p(-p);
    double expect = p * (double)n * (double)(n - 1) / 2.0;
    size_t cap = (size_t)(expect + 10.0 * sqrt(expect) + 1000.0) + (size_t)n;
    s->n = n;
    s->rowptr = xmalloc((size_t)(n + 1) * sizeof *s->rowptr);
    s->colidx = xmalloc(cap * sizeof *s->colidx);
    s->val = xmalloc(cap * sizeof *s->val);
    size_t w = 0;
    s->rowptr[0] = 0;
    for (int64_t r = 0; r < n; r++) {
        double c = -1.0;
        for (;;) {
            double u = 1.0 - rng_u01(&seed); /* (0, 1] */
            c += 1.0 + floor(log(u) / lq);
            if (c >= (double)r) break;
            if (w + 1 >= cap) grow_entries(s, &cap);
            s->colidx[w] = (int32_t)c;
            s->val[w] = rng_sym(&seed);
            w++;
        }
        if (w + 1 >= cap) grow_entries(s, &cap); /* room for the diagonal */
        s->colidx[w] = (int32_t)r;
        s->val[w] = rng_sym(&seed);
        w++;
        s->rowptr[r + 1] = (int32_t)w;
    }
}

void stencil_name(char *buf, size_t size, int g) { snprintf(buf, size, "stencil27-%d^3", g); }

void random_name(char *buf, size_t size, int64_t n, int per_row)
{
    int e = (int)(log10((double)n) + 0.5);
    if (pow(10.0, e) == (double)n)
        snprintf(buf, size, "random-1e%dx%d", e, per_row);
    else
        snprintf(buf, size, "random-%lldx%d", (long long)n, per_row);
}
