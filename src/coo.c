/* Coordinate lists: freeing, and the validation shared by the writer and the
 * symmetric-handle constructor. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* systec__check_coo (internal.h): val may be NULL for a pattern list. */

void systec_coo_free(systec_coo_t *A)
{
    if (!A) return;
    systec__free(A->row);
    systec__free(A->col);
    systec__free(A->val);
    memset(A, 0, sizeof *A);
}

systec_status_t systec__check_coo(const systec_coo_t *A)
{
    if (A->nrows < 0 || A->ncols < 0 || A->nnz < 0)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "negative COO size: %lldx%lld, nnz=%lld",
                            (long long)A->nrows, (long long)A->ncols, (long long)A->nnz);
    if (A->symmetric && A->nrows != A->ncols)
        return systec__fail(SYSTEC_ERR_NOT_SQUARE, "symmetric COO is %lldx%lld",
                            (long long)A->nrows, (long long)A->ncols);
    if (A->nnz > 0 && (!A->row || !A->col || (!A->val && !A->pattern)))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "COO with nnz=%lld has a NULL %s array",
                            (long long)A->nnz, !A->row ? "row" : !A->col ? "col" : "val");
    for (int64_t k = 0; k < A->nnz; k++) {
        if (A->row[k] < 0 || A->row[k] >= A->nrows || A->col[k] < 0 || A->col[k] >= A->ncols)
            return systec__fail(SYSTEC_ERR_INDEX_OUT_OF_RANGE,
                                "COO entry %lld: (%lld,%lld) outside the %lldx%lld matrix",
                                (long long)k, (long long)A->row[k], (long long)A->col[k],
                                (long long)A->nrows, (long long)A->ncols);
    }
    return SYSTEC_SUCCESS;
}
