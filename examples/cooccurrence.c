/* Co-occurrence counts with SSYRK: for a "document-term" incidence matrix
 * X (rows: items, columns: documents, X[i,d] = 1 when item i occurs in
 * document d), C = X X^T counts for every pair of items the documents they
 * share, and C[i,i] the documents item i occurs in. C is symmetric, so
 * libsystec's systec_dsyrk computes only its upper triangle.
 *
 *   cooccurrence DIR [--top P]
 *
 * DIR is a hypergraph in the ScHoLP layout (DIR/NAME-nverts.txt[.gz],
 * DIR/NAME-simplices.txt[.gz]): every simplex is a document and its nodes
 * the items (email-Enron: an email and the people on it; NDC-classes: a
 * drug and its classes). Prints the P (default 10) pairs that occur
 * together most, and the time of systec_dsyrk beside the non-symmetric
 * baseline systec_daat (whole calls, median of 5). Checks its answer: every
 * count of the upper triangle against a plain product, row by row. Exit
 * status 0 when it holds. */
#include "example_util.h"

#include <math.h>
#include <zlib.h>

/* Reads whitespace-separated integers from a text or gzip file. */
static int64_t *read_ints(const char *path, int64_t *count)
{
    gzFile f = gzopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        exit(2);
    }
    int64_t n = 0, cap = 1024;
    int64_t *v = xmalloc(sizeof *v * (size_t)cap);
    char line[256];
    while (gzgets(f, line, sizeof line)) {
        char *end, *p = line;
        for (long long x = strtoll(p, &end, 10); end != p; x = strtoll(p, &end, 10)) {
            if (n == cap) {
                v = realloc(v, sizeof *v * (size_t)(cap *= 2));
                if (!v) exit(2);
            }
            v[n++] = x;
            p = end;
        }
    }
    gzclose(f);
    *count = n;
    return v;
}

/* The incidence matrix (rows: nodes, columns: simplices) in CSR; a node
 * repeated within a simplex counts once. */
typedef struct {
    int64_t rows, cols;
    int32_t *ptr, *idx;
    double *val;
} incidence;

static incidence read_incidence(const char *dir)
{
    hyper_files f;
    if (hyper_find(dir, &f)) exit(2);
    int64_t ns, nv;
    int64_t *size = read_ints(f.nverts, &ns), *node = read_ints(f.simplices, &nv);
    incidence X = {0, ns, NULL, NULL, NULL};
    for (int64_t k = 0; k < nv; k++) X.rows = node[k] > X.rows ? node[k] : X.rows;
    X.ptr = calloc((size_t)X.rows + 2, sizeof *X.ptr);
    int32_t *last = xmalloc(sizeof *last * (size_t)(X.rows + 1)); /* last simplex seen per node */
    for (int pass = 0; pass < 2; pass++) {
        for (int64_t i = 0; i <= X.rows; i++) last[i] = -1;
        for (int64_t s = 0, k = 0; s < ns; k += size[s++]) {
            if (size[s] < 0 || k + size[s] > nv) {
                fprintf(stderr, "%s: simplex %lld runs past the end of %s\n", f.nverts,
                        (long long)s + 1, f.simplices);
                exit(2);
            }
            for (int64_t q = k; q < k + size[s]; q++) {
                int64_t i = node[q] - 1;
                if (i < 0) {
                    fprintf(stderr, "%s: node id %lld\n", f.simplices, (long long)node[q]);
                    exit(2);
                }
                if (last[i] == s) continue; /* the same node twice in a simplex */
                last[i] = (int32_t)s;
                if (pass == 0)
                    X.ptr[i + 1]++;
                else
                    X.idx[X.ptr[i]++] = (int32_t)s;
            }
        }
        if (pass == 0) {
            for (int64_t i = 0; i < X.rows; i++) X.ptr[i + 1] += X.ptr[i];
            X.idx = xmalloc(sizeof *X.idx * (size_t)X.ptr[X.rows]);
            X.val = xmalloc(sizeof *X.val * (size_t)X.ptr[X.rows]);
            for (int64_t k = 0; k < X.ptr[X.rows]; k++) X.val[k] = 1;
        }
    }
    for (int64_t i = X.rows; i > 0; i--) X.ptr[i] = X.ptr[i - 1]; /* the fill moved them */
    X.ptr[0] = 0;
    free(size), free(node), free(last);
    return X;
}

/* The upper triangle of X X^T, row by row with a dense accumulator (the
 * plain product), compared with C's row; returns the mismatches. */
static int64_t check_plain(const incidence *X, const int32_t *cptr, const int32_t *cidx,
                           const double *cval)
{
    /* columns' rows: the transpose of X */
    int32_t *tptr = calloc((size_t)X->cols + 1, sizeof *tptr),
            *tidx = xmalloc(sizeof *tidx * (size_t)X->ptr[X->rows]);
    for (int64_t k = 0; k < X->ptr[X->rows]; k++) tptr[X->idx[k] + 1]++;
    for (int64_t d = 0; d < X->cols; d++) tptr[d + 1] += tptr[d];
    for (int64_t i = 0; i < X->rows; i++)
        for (int32_t k = X->ptr[i]; k < X->ptr[i + 1]; k++) tidx[tptr[X->idx[k]]++] = (int32_t)i;
    for (int64_t d = X->cols; d > 0; d--) tptr[d] = tptr[d - 1];
    tptr[0] = 0;
    double *acc = calloc((size_t)X->rows + 1, sizeof *acc);
    int32_t *touched = xmalloc(sizeof *touched * (size_t)(X->rows + 1));
    int64_t bad = 0;
    for (int64_t i = 0; i < X->rows; i++) {
        int64_t nt = 0;
        for (int32_t k = X->ptr[i]; k < X->ptr[i + 1]; k++)
            for (int32_t q = tptr[X->idx[k]]; q < tptr[X->idx[k] + 1]; q++) {
                if (tidx[q] < i) continue;
                if (acc[tidx[q]] == 0) touched[nt++] = tidx[q];
                acc[tidx[q]] += X->val[k] * X->val[k];
            }
        for (int32_t p = cptr[i]; p < cptr[i + 1]; p++) {
            bad += cval[p] != acc[cidx[p]];
            acc[cidx[p]] = -1; /* seen in C */
        }
        for (int64_t t = 0; t < nt; t++) { /* a count C left out */
            bad += acc[touched[t]] != -1;
            acc[touched[t]] = 0;
        }
    }
    free(tptr), free(tidx), free(acc), free(touched);
    return bad;
}

typedef struct {
    int32_t i, j;
    double count;
} pair;

static int by_count(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->count != y->count) return (x->count < y->count) - (x->count > y->count);
    return x->i != y->i ? x->i - y->i : x->j - y->j;
}

/* Median seconds of a whole product call (C freed each time). */
static double time_product(systec_status_t (*fn)(const systec_csrmat_t *, systec_csrmat_t **),
                           const systec_csrmat_t *A)
{
    double t[5];
    for (int r = 0; r < 5; r++) {
        systec_csrmat_t *C = NULL;
        double t0 = now_seconds();
        TRY(fn(A, &C));
        t[r] = now_seconds() - t0;
        systec_csrmat_free(&C);
    }
    return median(t, 5);
}

int main(int argc, char **argv)
{
    const char *dir = NULL;
    int top = 10;
    for (int a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--top") && a + 1 < argc)
            top = atoi(argv[++a]);
        else if (argv[a][0] != '-' && !dir)
            dir = argv[a];
        else
            dir = NULL, a = argc;
    }
    if (!dir || top < 0) {
        fprintf(stderr, "usage: cooccurrence DIR [--top P]\n");
        return 2;
    }
    incidence X = read_incidence(dir);
    systec_csrmat_t *A = NULL, *C = NULL;
    TRY(systec_csrmat_create_csr(&A, SYSTEC_DOUBLE, SYSTEC_INT32, X.rows, X.cols, X.ptr, X.idx,
                                 X.val));
    TRY(systec_dsyrk(A, &C));
    int64_t nnz = 0;
    const void *cp, *ci, *cv;
    TRY(systec_csrmat_info(C, NULL, NULL, &nnz, NULL, NULL));
    TRY(systec_csrmat_data(C, &cp, &ci, &cv));
    const int32_t *cptr = cp, *cidx = ci;
    const double *cval = cv;
    printf("%s: %lld documents (simplices) over %lld items (nodes), %lld incidences\n", dir,
           (long long)X.cols, (long long)X.rows, (long long)X.ptr[X.rows]);
    printf("C = X X^T, upper triangle: %lld stored counts\n", (long long)nnz);

    pair *pairs = xmalloc(sizeof *pairs * (size_t)nnz);
    int64_t np = 0;
    for (int32_t i = 0; i < X.rows; i++)
        for (int32_t p = cptr[i]; p < cptr[i + 1]; p++)
            if (cidx[p] != i) pairs[np++] = (pair){i, cidx[p], cval[p]};
    qsort(pairs, (size_t)np, sizeof *pairs, by_count);
    printf("pairs that occur together most (ids as in the data set; C[i,i] = documents of i):\n"
           "  rank   item   item   together   C[i,i]   C[j,j]\n");
    for (int64_t k = 0; k < np && k < top; k++) {
        double ci_ = 0, cj_ = 0;
        for (int32_t p = cptr[pairs[k].i]; p < cptr[pairs[k].i + 1]; p++)
            if (cidx[p] == pairs[k].i) ci_ = cval[p];
        for (int32_t p = cptr[pairs[k].j]; p < cptr[pairs[k].j + 1]; p++)
            if (cidx[p] == pairs[k].j) cj_ = cval[p];
        printf("%6lld %6d %6d %10.0f %8.0f %8.0f\n", (long long)k + 1, pairs[k].i + 1,
               pairs[k].j + 1, pairs[k].count, ci_, cj_);
    }
    double ts = time_product(systec_dsyrk, A), tb = time_product(systec_daat, A);
    printf("SSYRK (systec_dsyrk, upper triangle) %.3f ms, baseline (systec_daat, all of X X^T) "
           "%.3f ms: %.2fx (whole calls, median of 5)\n", 1e3 * ts, 1e3 * tb, tb / ts);
    int64_t bad = check_plain(&X, cptr, cidx, cval);
    printf("check: every count of the upper triangle = plain product (%lld off): %s\n",
           (long long)bad, bad ? "FAILED" : "ok");
    systec_csrmat_free(&A);
    systec_csrmat_free(&C);
    free(pairs), free(X.ptr), free(X.idx), free(X.val);
    return bad ? 1 : 0;
}
