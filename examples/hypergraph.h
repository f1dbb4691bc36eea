/* What the two hypergraph-tensor examples (cp_als, centrality) share: the
 * command line that picks a hypergraph and how to make it a tensor, and
 * loading it as a symmetric tensor handle. Header-only. */
#ifndef SYSTEC_EXAMPLE_HYPERGRAPH_H
#define SYSTEC_EXAMPLE_HYPERGRAPH_H

#include "example_util.h"

typedef struct {
    const char *dir; /* the ScHoLP data set's directory */
    int order;       /* k: hyperedges of k nodes (or up to k, padded) */
    int padded;      /* 1: smaller hyperedges padded with dummy nodes */
} hyper_args;

/* Takes --order K and --padded from argv[*a] (advancing *a); 1 if taken. */
static inline int hyper_option(int argc, char **argv, int *a, hyper_args *h)
{
    if (!strcmp(argv[*a], "--order") && *a + 1 < argc) {
        h->order = atoi(argv[++*a]);
        return 1;
    }
    if (!strcmp(argv[*a], "--padded")) {
        h->padded = 1;
        return 1;
    }
    return 0;
}

/* The adjacency tensor of the hypergraph (one canonical entry per distinct
 * hyperedge, value 1) and its symmetric handle; prints what was read. */
static inline void hyper_load(const hyper_args *h, systec_tns_t *T, systec_symten_t **A)
{
    hyper_files f;
    if (hyper_find(h->dir, &f)) exit(2);
    TRY(systec_hypergraph_read(f.nverts, f.simplices, h->order,
                               h->padded ? SYSTEC_HYPER_PADDED : SYSTEC_HYPER_UNIFORM, T));
    TRY(systec_symten_create(A, T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE));
    int64_t full = 0;
    TRY(systec_symten_info(*A, NULL, NULL, NULL, &full, NULL));
    printf("%s: %s hyperedges of %d nodes -> order-%d symmetric tensor, n = %lld, "
           "%lld canonical entries (%lld in the full tensor)\n", h->dir,
           h->padded ? "2 to" : "exactly", h->order, h->order, (long long)T->dim,
           (long long)T->nnz, (long long)full);
}

#endif
