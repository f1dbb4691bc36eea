/* The matrix operations' calls (matrix_calls.h). */
#include "matrix_calls.h"

#include "plain_csr.h"

/* y = alpha A x + beta y with alpha = 1, beta = 0, in the context's precision */
#define TYPED(k, dcall, scall) ((k)->dbl ? (dcall) : (scall))

systec_status_t run_symv(const mat_ctx_t *k, int s)
{
    return TYPED(k, systec_dsymv(k->S, 1.0, k->x, 0.0, k->out[s]),
                 systec_ssymv(k->S, 1.0f, k->x, 0.0f, k->out[s]));
}

systec_status_t run_syprd(const mat_ctx_t *k, int s)
{
    return TYPED(k, systec_dsyprd(k->S, 1.0, k->x, 0.0, k->out[s]),
                 systec_ssyprd(k->S, 1.0f, k->x, 0.0f, k->out[s]));
}

systec_status_t run_symv_minplus(const mat_ctx_t *k, int s)
{
    return TYPED(k, systec_dsymv_minplus(k->S, k->x, k->out[s]),
                 systec_ssymv_minplus(k->S, k->x, k->out[s]));
}

systec_status_t run_symm(const mat_ctx_t *k, int s)
{
    return TYPED(k, systec_dsymm(k->S, k->cols, 1.0, k->x, 0.0, k->out[s]),
                 systec_ssymm(k->S, k->cols, 1.0f, k->x, 0.0f, k->out[s]));
}

systec_status_t run_syrk_numeric(const mat_ctx_t *k, int s)
{
    return TYPED(k, systec_dsyrk_numeric(k->G, k->prod[s]), systec_ssyrk_numeric(k->G, k->prod[s]));
}

systec_status_t run_syrk_dense(const mat_ctx_t *k, int s)
{
    return systec_dsyrk_dense(k->G, k->out[s], k->n);
}

systec_status_t run_gemv(const mat_ctx_t *k, int s)
{
    return TYPED(k, systec_dgemv(k->G, 1.0, k->x, 0.0, k->out[s]),
                 systec_sgemv(k->G, 1.0f, k->x, 0.0f, k->out[s]));
}

systec_status_t run_geprd(const mat_ctx_t *k, int s)
{
    return TYPED(k, systec_dgeprd(k->G, 1.0, k->x, 0.0, k->out[s]),
                 systec_sgeprd(k->G, 1.0f, k->x, 0.0f, k->out[s]));
}

systec_status_t run_gemv_minplus(const mat_ctx_t *k, int s)
{
    return TYPED(k, systec_dgemv_minplus(k->G, k->x, k->out[s]),
                 systec_sgemv_minplus(k->G, k->x, k->out[s]));
}

systec_status_t run_gemm(const mat_ctx_t *k, int s)
{
    return TYPED(k, systec_dgemm(k->G, k->cols, 1.0, k->x, 0.0, k->out[s]),
                 systec_sgemm(k->G, k->cols, 1.0f, k->x, 0.0f, k->out[s]));
}

systec_status_t run_aat_numeric(const mat_ctx_t *k, int s)
{
    return TYPED(k, systec_daat_numeric(k->G, k->prod[s]), systec_saat_numeric(k->G, k->prod[s]));
}

systec_status_t run_aat_dense(const mat_ctx_t *k, int s)
{
    return systec_daat_dense(k->G, k->out[s], k->n);
}

systec_status_t run_syrk_call(const mat_ctx_t *k, int s)
{
    (void)s;
    systec_csrmat_t *C = NULL;
    systec_status_t st = TYPED(k, systec_dsyrk(k->G, &C), systec_ssyrk(k->G, &C));
    systec_csrmat_free(&C);
    return st;
}

void plain_prepare(mat_ctx_t *k, const source_t *src)
{
    if (k->plain.rp) return; /* another slot runs it too */
    source_full_csr(src, !k->dbl, &k->plain.rp, &k->plain.ci, &k->plain.v);
    k->plain.loops = plain_loops();
}

#define PLAIN(k, call, ...)                                                                        \
    do {                                                                                           \
        const plain_csr_t *p_ = &(k)->plain;                                                       \
        if ((k)->dbl)                                                                              \
            p_->loops->d##call((k)->n, __VA_ARGS__ p_->rp, p_->ci, p_->v, (k)->x, (k)->out[s]);    \
        else                                                                                       \
            p_->loops->s##call((k)->n, __VA_ARGS__ p_->rp, p_->ci, p_->v, (k)->x, (k)->out[s]);    \
        return SYSTEC_SUCCESS;                                                                     \
    } while (0)

systec_status_t run_plain_mv(const mat_ctx_t *k, int s) { PLAIN(k, mv, ); }
systec_status_t run_plain_prd(const mat_ctx_t *k, int s) { PLAIN(k, prd, ); }
systec_status_t run_plain_minplus(const mat_ctx_t *k, int s) { PLAIN(k, minplus, ); }
systec_status_t run_plain_mm(const mat_ctx_t *k, int s) { PLAIN(k, mm, k->cols, ); }
