/* O(m + nnz) structural checks of CSR arrays (general or one triangle). */
#include "internal.h"

systec_status_t systec__check_csr(int uplo, int64_t m, int64_t n, const void *rowptr,
                                  const void *colidx, systec_itype_t itype)
{
    if (itype != SYSTEC_INT32 && itype != SYSTEC_INT64)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "invalid index type %d", (int)itype);
    if (uplo != 0 && uplo != SYSTEC_LOWER && uplo != SYSTEC_UPPER)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE,
                            "uplo must be SYSTEC_LOWER ('L') or SYSTEC_UPPER ('U'), got %d", uplo);
    if (m < 0 || n < 0)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "negative size: m=%lld, n=%lld",
                            (long long)m, (long long)n);
    if (uplo != 0 && m != n)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "triangle of a non-square %lldx%lld matrix",
                            (long long)m, (long long)n);
    if (!rowptr) return systec__fail(SYSTEC_ERR_NULL_POINTER, "rowptr is NULL");

    int64_t prev = systec__iget(rowptr, itype, 0);
    if (prev != 0)
        return systec__fail(SYSTEC_ERR_INVALID_POINTERS, "rowptr[0]=%lld, expected 0",
                            (long long)prev);
    for (int64_t i = 0; i < m; i++) {
        int64_t next = systec__iget(rowptr, itype, i + 1);
        if (next < prev)
            return systec__fail(SYSTEC_ERR_INVALID_POINTERS,
                                "row %lld: rowptr decreases from %lld to %lld", (long long)i,
                                (long long)prev, (long long)next);
        prev = next;
    }
    if (prev > 0 && !colidx)
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "colidx is NULL but rowptr[%lld]=%lld",
                            (long long)m, (long long)prev);

    for (int64_t i = 0; i < m; i++) {
        int64_t begin = systec__iget(rowptr, itype, i), end = systec__iget(rowptr, itype, i + 1);
        for (int64_t k = begin; k < end; k++) {
            int64_t c = systec__iget(colidx, itype, k);
            if (c < 0 || c >= n)
                return systec__fail(SYSTEC_ERR_INDEX_OUT_OF_RANGE,
                                    c < 0 ? "row %lld, entry %lld: column %lld < 0 (n=%lld)"
                                          : "row %lld, entry %lld: column %lld >= n=%lld",
                                    (long long)i, (long long)(k - begin), (long long)c,
                                    (long long)n);
            if ((uplo == SYSTEC_LOWER && c > i) || (uplo == SYSTEC_UPPER && c < i))
                return systec__fail(SYSTEC_ERR_WRONG_TRIANGLE,
                                    "row %lld, entry %lld: column %lld is %s the diagonal but "
                                    "uplo is SYSTEC_%s",
                                    (long long)i, (long long)(k - begin), (long long)c,
                                    c > i ? "above" : "below",
                                    uplo == SYSTEC_LOWER ? "LOWER" : "UPPER");
        }
    }
    return SYSTEC_SUCCESS;
}

static systec_status_t check_tri(systec_uplo_t uplo, int64_t n, const void *rowptr,
                                 const void *colidx, systec_itype_t itype)
{
    systec__clear_error();
    if (uplo != SYSTEC_LOWER && uplo != SYSTEC_UPPER) /* 0 means "general" only internally */
        return systec__fail(SYSTEC_ERR_INVALID_VALUE,
                            "uplo must be SYSTEC_LOWER ('L') or SYSTEC_UPPER ('U'), got %d",
                            (int)uplo);
    return systec__check_csr((int)uplo, n, n, rowptr, colidx, itype);
}

systec_status_t systec_csr_check_tri(systec_uplo_t uplo, int32_t n, const int32_t *rowptr,
                                     const int32_t *colidx)
{
    return check_tri(uplo, n, rowptr, colidx, SYSTEC_INT32);
}

systec_status_t systec_csr_check_tri_i64(systec_uplo_t uplo, int64_t n, const int64_t *rowptr,
                                         const int64_t *colidx)
{
    return check_tri(uplo, n, rowptr, colidx, SYSTEC_INT64);
}

systec_status_t systec_csr_check(int32_t m, int32_t n, const int32_t *rowptr,
                                 const int32_t *colidx)
{
    systec__clear_error();
    return systec__check_csr(0, m, n, rowptr, colidx, SYSTEC_INT32);
}

systec_status_t systec_csr_check_i64(int64_t m, int64_t n, const int64_t *rowptr,
                                     const int64_t *colidx)
{
    systec__clear_error();
    return systec__check_csr(0, m, n, rowptr, colidx, SYSTEC_INT64);
}
