/* The tensor operations' calls (tensor_calls.h). */
#include "tensor_calls.h"

#include "peers_ttm.h"
#include "tensor_shape.h"

#define TYPED(k, dcall, scall) ((k)->dbl ? (dcall) : (scall))

systec_status_t run_mttkrp(const ten_ctx_t *k, int s)
{
    return TYPED(k, systec_dmttkrp(k->A, k->R, k->B, k->out[s]),
                 systec_smttkrp(k->A, k->R, k->B, k->out[s]));
}

systec_status_t run_ttm(const ten_ctx_t *k, int s)
{
    return TYPED(k, systec_dttm(k->A, k->R, k->B, k->out[s]),
                 systec_sttm(k->A, k->R, k->B, k->out[s]));
}

systec_status_t run_ttsv(const ten_ctx_t *k, int s)
{
    return TYPED(k, systec_dttsv(k->A, k->B, k->out[s]), systec_sttsv(k->A, k->B, k->out[s]));
}

systec_status_t run_mttkrp_csf(const ten_ctx_t *k, int s)
{
    return TYPED(k, systec_dmttkrp_csf(k->F, k->R, k->B, k->out[s]),
                 systec_smttkrp_csf(k->F, k->R, k->B, k->out[s]));
}

systec_status_t run_mttkrp_coo(const ten_ctx_t *k, int s)
{
    return TYPED(k, systec_dmttkrp_coo(k->F, k->R, k->B, k->out[s]),
                 systec_smttkrp_coo(k->F, k->R, k->B, k->out[s]));
}

systec_status_t run_ttsv_csf(const ten_ctx_t *k, int s)
{
    return TYPED(k, systec_dttsv_csf(k->F, k->B, k->out[s]),
                 systec_sttsv_csf(k->F, k->B, k->out[s]));
}

systec_status_t run_ttm_csf(const ten_ctx_t *k, int s)
{
    return TYPED(k, systec_dttm_csf(k->F, k->R, k->B, k->out[s]),
                 systec_sttm_csf(k->F, k->R, k->B, k->out[s]));
}

systec_status_t run_ttm_coo(const ten_ctx_t *k, int s)
{
    return TYPED(k, systec_dttm_coo(k->F, k->R, k->B, k->out[s]),
                 systec_sttm_coo(k->F, k->R, k->B, k->out[s]));
}

systec_status_t run_ttm_expand(const ten_ctx_t *k, int s)
{
    return TYPED(k, systec_dttm_expand(k->n, k->R, k->out[0], k->out[s]),
                 systec_sttm_expand(k->n, k->R, k->out[0], k->out[s]));
}

systec_status_t run_ttmc(const ten_ctx_t *k, int s)
{
    const systec_ttmcplan_t *P = k->in;
    return TYPED(k, systec_dttmc_plan(P, k->R, k->B, k->out[s]),
                 systec_sttmc_plan(P, k->R, k->B, k->out[s]));
}

systec_status_t run_ttmc_coo(const ten_ctx_t *k, int s)
{
    return TYPED(k, systec_dttmc_coo(k->L, k->R, k->B, k->out[s]),
                 systec_sttmc_coo(k->L, k->R, k->B, k->out[s]));
}

systec_status_t run_ttmc_expand(const ten_ctx_t *k, int s)
{
    return TYPED(k, systec_dttmc_expand(k->order, k->n, k->R, k->out[0], k->out[s]),
                 systec_sttmc_expand(k->order, k->n, k->R, k->out[0], k->out[s]));
}

/* TTM into the rows of the symmetric handle's rows object (slot 0) or of the
 * full list's (the baseline) */
static systec_status_t ttm_rows(const ten_ctx_t *k, int s, int b)
{
    const ttm_rows_in_t *in = k->in;
    return TYPED(k, systec_dttm_rows(in->P[b], k->R, k->B, k->out[s]),
                 systec_sttm_rows(in->P[b], k->R, k->B, k->out[s]));
}

systec_status_t run_ttm_rows(const ten_ctx_t *k, int s) { return ttm_rows(k, s, 0); }

systec_status_t run_ttm_rows_coo(const ten_ctx_t *k, int s) { return ttm_rows(k, s, 1); }

systec_status_t run_ttm_dense_peer(const ten_ctx_t *k, int s)
{
    ttm_peer_run(k->n, k->R, k->Ad, k->B, k->out[s]);
    return SYSTEC_SUCCESS;
}

const ten_variant_t ttm_dense_peer = {"cblas_dgemm", run_ttm_dense_peer};
