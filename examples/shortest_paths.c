/* Single-source shortest paths in an undirected weighted graph by repeated
 * min-plus SSYMV (Bellman-Ford): d_{k+1}[i] = min(d_k[i], min_j (A[i,j] +
 * d_k[j])), from d_0 = (inf, ..., 0 at the source, ..., inf), until nothing
 * changes (at most n - 1 steps; as many as the most edges on a shortest
 * path, plus one). libsystec reads each stored edge once for both of its
 * directions (the symmetric min-plus kernel).
 *
 *   shortest_paths GRAPH.mtx[.gz] [--source S]
 *
 * GRAPH is a symmetric Matrix Market file; an edge's length is |A(i,j)|
 * (1 for a pattern file); the diagonal is ignored. S is 1-based (default
 * 1). Prints the steps, the distances' spread and the farthest nodes, and
 * the time of the whole Bellman-Ford beside a plain Dijkstra (binary heap)
 * on the same graph. Checks its answer: every distance equals Dijkstra's
 * (within 1e-12 relative: the same lengths summed along paths that may
 * differ where several are shortest), the same nodes unreachable. Exit
 * status 0 when it holds. */
#include "example_util.h"

#include <math.h>
#include <string.h>

/* The graph both ways: CSR of the full adjacency (both directions). */
typedef struct {
    int64_t n;
    int64_t *ptr, *adj;
    double *len;
} graph;

static graph graph_of(const systec_coo_t *coo)
{
    graph G = {coo->nrows, calloc((size_t)coo->nrows + 2, sizeof(int64_t)), NULL, NULL};
    int64_t m = 0;
    for (int64_t e = 0; e < coo->nnz; e++)
        if (coo->row[e] != coo->col[e]) {
            G.ptr[coo->row[e] + 1]++;
            G.ptr[coo->col[e] + 1]++;
            m += 2;
        }
    for (int64_t i = 0; i < G.n; i++) G.ptr[i + 1] += G.ptr[i];
    G.adj = xmalloc(sizeof *G.adj * (size_t)m);
    G.len = xmalloc(sizeof *G.len * (size_t)m);
    int64_t *next = xmalloc(sizeof *next * (size_t)(G.n + 1));
    memcpy(next, G.ptr, sizeof *next * (size_t)(G.n + 1));
    for (int64_t e = 0; e < coo->nnz; e++) {
        int64_t a = coo->row[e], b = coo->col[e];
        if (a == b) continue;
        G.adj[next[a]] = b, G.len[next[a]++] = fabs(coo->val[e]);
        G.adj[next[b]] = a, G.len[next[b]++] = fabs(coo->val[e]);
    }
    free(next);
    return G;
}

/* Dijkstra with a binary heap of (distance, node), lazy deletion. */
typedef struct {
    double d;
    int64_t v;
} item;

static void heap_push(item *h, int64_t *size, item x)
{
    int64_t k = (*size)++;
    while (k > 0 && h[(k - 1) / 2].d > x.d) h[k] = h[(k - 1) / 2], k = (k - 1) / 2;
    h[k] = x;
}

static item heap_pop(item *h, int64_t *size)
{
    item top = h[0], last = h[--*size];
    int64_t k = 0;
    for (;;) {
        int64_t c = 2 * k + 1;
        if (c >= *size) break;
        if (c + 1 < *size && h[c + 1].d < h[c].d) c++;
        if (h[c].d >= last.d) break;
        h[k] = h[c], k = c;
    }
    h[k] = last;
    return top;
}

static void dijkstra(const graph *G, int64_t s, double *d)
{
    item *h = xmalloc(sizeof *h * (size_t)(G->ptr[G->n] + 1));
    int64_t size = 0;
    for (int64_t i = 0; i < G->n; i++) d[i] = INFINITY;
    d[s] = 0;
    heap_push(h, &size, (item){0, s});
    while (size > 0) {
        item x = heap_pop(h, &size);
        if (x.d > d[x.v]) continue; /* stale */
        for (int64_t p = G->ptr[x.v]; p < G->ptr[x.v + 1]; p++)
            if (x.d + G->len[p] < d[G->adj[p]]) {
                d[G->adj[p]] = x.d + G->len[p];
                heap_push(h, &size, (item){d[G->adj[p]], G->adj[p]});
            }
    }
    free(h);
}

/* Bellman-Ford by min-plus SSYMV; returns the steps (the last changes nothing). */
static int bellman_ford(const systec_symmat_t *A, int64_t n, int64_t s, double *d, double *y)
{
    for (int64_t i = 0; i < n; i++) d[i] = INFINITY;
    d[s] = 0;
    for (int steps = 1;; steps++) {
        memcpy(y, d, sizeof *y * (size_t)n);
        TRY(systec_dsymv_minplus(A, d, y)); /* y = min(d, A (min,+) d) */
        int changed = memcmp(y, d, sizeof *y * (size_t)n) != 0;
        memcpy(d, y, sizeof *d * (size_t)n);
        if (!changed || steps > n) return steps;
    }
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    long long source = 1;
    for (int a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--source") && a + 1 < argc)
            source = atoll(argv[++a]);
        else if (argv[a][0] != '-' && !path)
            path = argv[a];
        else
            path = NULL, a = argc;
    }
    systec_coo_t coo;
    if (!path) {
        fprintf(stderr, "usage: shortest_paths GRAPH.mtx[.gz] [--source S (1-based)]\n");
        return 2;
    }
    TRY(systec_mm_read(path, &coo));
    const int64_t n = coo.nrows, s = source - 1;
    if (s < 0 || s >= n || !coo.symmetric) {
        fprintf(stderr, "%s: need a symmetric file and a source in 1..%lld\n", path, (long long)n);
        return 2;
    }
    /* lengths |A(i,j)|, no diagonal: the min-plus handle's input */
    int64_t w = 0;
    for (int64_t e = 0; e < coo.nnz; e++)
        if (coo.row[e] != coo.col[e])
            coo.row[w] = coo.row[e], coo.col[w] = coo.col[e], coo.val[w++] = fabs(coo.val[e]);
    coo.nnz = w;
    systec_symmat_t *A = NULL;
    TRY(systec_symmat_from_coo_minplus(&A, &coo, SYSTEC_DOUBLE, SYSTEC_INT32));
    graph G = graph_of(&coo);
    double *d = xmalloc(sizeof *d * (size_t)n), *y = xmalloc(sizeof *y * (size_t)n),
           *dj = xmalloc(sizeof *dj * (size_t)n);

    double t[5], u[5];
    int steps = 0;
    for (int r = 0; r < 5; r++) {
        double t0 = now_seconds();
        steps = bellman_ford(A, n, s, d, y);
        t[r] = now_seconds() - t0;
        t0 = now_seconds();
        dijkstra(&G, s, dj);
        u[r] = now_seconds() - t0;
    }
    int64_t reached = 0, far = s, bad = 0;
    for (int64_t i = 0; i < n; i++) {
        if (isinf(d[i])) {
            bad += !isinf(dj[i]);
            continue;
        }
        reached++;
        if (d[i] > d[far]) far = i;
        bad += !(fabs(d[i] - dj[i]) <= 1e-12 * dj[i]);
    }
    printf("%s: %lld nodes, %lld edges (lengths |A(i,j)|%s)\n", path, (long long)n,
           (long long)coo.nnz, coo.pattern ? ", all 1: a pattern file" : "");
    printf("from node %lld: %lld nodes reached in %d min-plus SSYMV steps (the last changes "
           "nothing); farthest: node %lld at %.6g\n", source, (long long)reached, steps,
           (long long)far + 1, d[far]);
    printf("Bellman-Ford (min-plus SSYMV) %.3f ms, Dijkstra (binary heap) %.3f ms "
           "(median of 5)\n", 1e3 * median(t, 5), 1e3 * median(u, 5));
    printf("check: every distance = Dijkstra's (%lld off): %s\n", (long long)bad,
           bad ? "FAILED" : "ok");
    systec_symmat_free(&A);
    systec_coo_free(&coo);
    free(G.ptr), free(G.adj), free(G.len), free(d), free(y), free(dj);
    return bad ? 1 : 0;
}
