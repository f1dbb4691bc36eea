/*
 * systec-bench's operations (ops.h): one row each. To add a baseline
 * candidate, add a line to its .base list; to add an operation, a row (its
 * calls go in matrix_calls.c or tensor_calls.c).
 */
#include "ops.h"

#include <stdio.h>
#include <string.h>

#include "matrices.h"
#include "matrix_calls.h"
#include "matrix_syrk.h"
#include "matrix_vectors.h"
#include "paper_figures.h"
#include "peers_symv_run.h"
#include "peers_syrk_run.h"
#include "tensor_calls.h"
#include "tensor_reference.h"
#include "tensor_report.h"
#include "tensor_shape.h"
#include "tensors.h"

/* a libsystec call: systec_[ds]<call> */
#define LIB(name, fn) {.call = (name), .lib = 1, .run = (fn)}
/* a baseline candidate: the general handle's call in one forced schedule
 * (the generator emits two for row loops; the fastest per input is the
 * baseline) */
#define LIBF(name, fn, sched) {.call = name ":" sched, .lib = 1, .force = sched, .run = (fn)}
/* the plain one-accumulator CSR loop, the reference most users have */
#define PLAIN(fn)                                                                                \
    {.call = "plain CSR loop", .system = "plain-csr", .col_t = "t_plain ms",                    \
     .col_x = "x plain [min-max]", .ratio = "t_plain/t_sym",                                     \
     .about = "plain one-accumulator CSR loop, OpenMP over rows, a reference point",              \
     .prepare = plain_prepare,                                                                   \
     .run = (fn)}

static const mat_op_t symv = {
    .api = SYSTEC_OP_SYMV,
    .sym = LIB("symv", run_symv),
    .base = {LIBF("gemv", run_gemv, "serial"), LIBF("gemv", run_gemv, "serial_short")},
    .ref = PLAIN(run_plain_mv),
    .y_passes = 1, .stencil_side = 100, .random_rows = 1000000,
    .setup = vectors_setup, .check = vectors_check, .peers = &symv_peers,
};

static const mat_op_t syprd = {
    .api = SYSTEC_OP_SYPRD,
    .sym = LIB("syprd", run_syprd),
    .base = {LIBF("geprd", run_geprd, "serial"), LIBF("geprd", run_geprd, "serial_short")},
    .ref = PLAIN(run_plain_prd),
    .scalar = 1, .y_passes = 0, .stencil_side = 100, .random_rows = 1000000,
    .setup = vectors_setup, .check = vectors_check,
};

static const mat_op_t minplus = {
    .api = SYSTEC_OP_SYMV_MINPLUS,
    .sym = LIB("symv_minplus", run_symv_minplus),
    .base = {LIBF("gemv_minplus", run_gemv_minplus, "serial"), LIBF("gemv_minplus", run_gemv_minplus, "serial_short")},
    .ref = PLAIN(run_plain_minplus),
    .minplus = 1, .y_passes = 2, .stencil_side = 100, .random_rows = 1000000,
    .setup = vectors_setup, .check = vectors_check,
};

static const mat_op_t symm = {
    .api = SYSTEC_OP_SYMM,
    .sym = LIB("symm", run_symm),
    .base = {LIB("gemm", run_gemm)},
    .ref = PLAIN(run_plain_mm),
    .blocks = 1, .y_passes = 1, .stencil_side = 100, .random_rows = 1000000,
    .setup = vectors_setup, .check = vectors_check,
};

/* SSYRK's products grow as (nnz/row)^2: smaller synthetic matrices; the
 * reference point is the whole call */
static const mat_op_t syrk = {
    .sym = LIB("syrk_numeric", run_syrk_numeric),
    .base = {LIB("aat_numeric", run_aat_numeric)},
    .ref = {.call = "syrk (whole call)", .lib = 1, .system = "libsystec-call",
            .col_t = "syrk call ms", .col_x = "x call/num [min-max]", .ratio = "t_call/t_sym",
            .about = "SSYRK's whole call over its numeric phase", .run = run_syrk_call},
    .y_passes = -1, .stencil_side = 40, .random_rows = 100000,
    .setup = syrk_setup, .check = syrk_check, .peers = &syrk_peers,
};

/* the dense output grows as m^2 */
static const mat_op_t syrk_dense = {
    .sym = LIB("syrk_dense", run_syrk_dense),
    .base = {LIB("aat_dense", run_aat_dense)},
    .y_passes = -1, .stencil_side = 16, .random_rows = 4000,
    .setup = syrk_dense_setup, .check = syrk_dense_check,
};

static const ten_op_t mttkrp = {
    .sym = {"mttkrp", run_mttkrp},
    .base = {{"mttkrp_csf", run_mttkrp_csf}, {"mttkrp_coo", run_mttkrp_coo}},
    .shape = &shape_rows,
    .reference = mttkrp_reference, .paper = paper_mttkrp, .report = mttkrp_report,
};

static const ten_op_t ttm = {
    .sym = {"ttm", run_ttm},
    .base = {{"ttm_csf", run_ttm_csf}, {"ttm_coo", run_ttm_coo}},
    .shape = &shape_ttm, .exp = {"ttm_expand", run_ttm_expand},
    .order = 3, .dense_peer = &ttm_dense_peer,
    .reference = ttm_reference, .paper = paper_ttm, .report = ttm_report,
};

/* TTSV is MTTKRP with one column and no rank index: the same reference
 * (R = 1), the same report, the paper's MTTKRP tensors for --synthetic */
static const ten_op_t ttsv = {
    .sym = {"ttsv", run_ttsv},
    .base = {{"ttsv_csf", run_ttsv_csf}},
    .shape = &shape_rows, .no_rank = 1,
    .reference = mttkrp_reference, .paper = paper_mttkrp, .report = mttkrp_report,
};

/* TTMc: the packed result expanded apart as TTM's; the baseline on the full
 * coordinate list (the generator's plain loop); the paper has no TTMc: its
 * MTTKRP tensors of orders 3 and 4, at ranks where the outputs stay small */
static const ten_op_t ttmc = {
    .sym = {"ttmc_plan", run_ttmc},
    .base = {{"ttmc_coo", run_ttmc_coo}},
    .shape = &shape_ttmc, .exp = {"ttmc_expand", run_ttmc_expand},
    .list_baseline = 1, .input = &ttmc_plan_input,
    .reference = ttmc_reference, .paper = paper_ttmc, .report = ttmc_report,
};

/* TTM into a sparse output: both calls write the rows their rows object
 * reaches (made once per tensor, the symbolic phase); the packed output's
 * size is reported beside them */
static const ten_op_t ttm_rows = {
    .sym = {"ttm_rows", run_ttm_rows},
    .base = {{"ttm_rows (full list)", run_ttm_rows_coo}},
    .shape = &shape_ttm_rows, .order = 3, .input = &ttm_rows_input,
    .reference = ttm_reference, .paper = paper_ttm_rows, .report = ttm_rows_report,
};

#define MATRIX(m) .input = INPUT_MATRIX, .run = bench_matrices, .mat = &(m), \
                  .sym_on = "on a handle", .base_kind = "full-CSR baseline", \
                  .base_on = "on the expansion"
#define TENSOR(t) .input = INPUT_TENSOR, .run = bench_tensors, .ten = &(t), \
                  .base_kind = "non-symmetric baseline"

const bench_op_t bench_ops[] = {
    {.name = "symv", .kernel = "symv", .label = "SSYMV", .title = "SSYMV",
     .help = "  symv     y = A*x           systec_dsymv vs systec_dgemv (default)\n",
     MATRIX(symv)},
    {.name = "syprd", .kernel = "syprd", .label = "SYPRD", .title = "SYPRD (x^T A x)",
     .help = "  syprd    s = x^T A x       systec_dsyprd vs systec_dgeprd\n",
     MATRIX(syprd)},
    {.name = "minplus", .kernel = "symv_minplus", .label = "min-plus SSYMV",
     .title = "min-plus SSYMV",
     .help = "  minplus  y = min(y, A+x)   systec_dsymv_minplus vs systec_dgemv_minplus\n"
             "           (min-plus handles; y starts at +inf)\n",
     MATRIX(minplus)},
    {.name = "symm", .kernel = "symm", .label = "SSYMM", .title = "SSYMM",
     .help = "  symm     Y = A*X           systec_dsymm vs systec_dgemm (X, Y n-by-k)\n",
     MATRIX(symm)},
    {.name = "syrk", .kernel = "syrk", .label = "SSYRK",
     .title = "SSYRK (C = A*A^T, numeric phase)",
     .help = "  syrk     C = A*A^T         systec_dsyrk_numeric (upper part) vs\n"
             "           systec_daat_numeric (all of it), A the full matrix; the first\n"
             "           calls (symbolic + numeric) go in the conv/expand columns, the\n"
             "           whole call systec_dsyrk (result created and freed) is timed in\n"
             "           the plain loop's place ('syrk call'), and --synthetic uses a\n"
             "           40^3 stencil and 1e5 random rows. The peers CHOLMOD\n"
             "           (cholmod_aat, cholmod_ssmult upper; double only), GraphBLAS\n"
             "           (mxm; with the upper pattern as mask; mxm + select TRIU) and\n"
             "           OpenBLAS dsyrk/ssyrk (dense, m <= 4096) are timed against that\n"
             "           whole call\n",
     MATRIX(syrk)},
    {.name = "syrk_dense", .kernel = "syrk_dense", .label = "SSYRK (dense output)",
     .title = "SSYRK into a dense output",
     .help = "  syrk_dense  the upper triangle of A*A^T into a dense m-by-m array:\n"
             "           systec_dsyrk_dense vs systec_daat_dense (m <= 4096; --synthetic\n"
             "           uses a 16^3 stencil and 4000 random rows; double only)\n",
     MATRIX(syrk_dense)},
    {.name = "mttkrp", .kernel = "mttkrp", .label = "MTTKRP", .by_order = 1,
     .title = "MTTKRP (C[i,r] = sum A[i,k,..] B[k,r] .., symmetric A, the same B in every mode)",
     .sym_on = "on the canonical handle", .base_on = "on the full tensor (CSF, entry list)",
     .help = "  mttkrp   C[i,r] = sum A[i,k,l,..] B[k,r] B[l,r] ..  A a symmetric sparse\n"
             "           tensor of order 3, 4 or 5, the same n-by-R B in every mode:\n"
             "           systec_dmttkrp on the canonical handle vs the faster per input of\n"
             "           systec_dmttkrp_csf and _coo on the full tensor; inputs differ,\n"
             "           see below\n",
     TENSOR(mttkrp)},
    {.name = "ttm", .kernel = "ttm", .label = "TTM",
     .title = "TTM (C[j,l,i] = sum_k A[j,l,k] B[k,i], symmetric order-3 A)",
     .sym_on = "on the canonical handle, the half j <= l packed",
     .base_on = "on the full tensor (CSF, entry list), all of the n-by-n-by-R output",
     .help = "  ttm      C[j,l,i] = sum_k A[j,l,k] B[k,i]  A a symmetric order-3 sparse\n"
             "           tensor: systec_dttm (canonical handle, the half j <= l of the\n"
             "           output, packed) vs the faster per input of systec_dttm_csf and\n"
             "           _coo (full tensor, the full n-by-n-by-R output);\n"
             "           systec_dttm_expand (packed -> full) is timed apart, in the same\n"
             "           rounds\n",
     TENSOR(ttm)},
    {.name = "ttmc", .kernel = "ttmc", .label = "TTMc", .by_order = 1,
     .title = "TTMc (Y[i,r,s,..] = sum A[i,j,k,..] U[j,r] U[k,s] .., symmetric A of order 3 or 4)",
     .sym_on = "on a plan of the canonical handle, the sorted runs r <= s (<= t) packed",
     .base_on = "on the full coordinate list, all of the n-by-R^(N-1) output",
     .help = "  ttmc     Y[i,r,s,..] = sum A[i,j,k,..] U[j,r] U[k,s] ..  A a symmetric\n"
             "           sparse tensor of order 3 or 4, the same n-by-R U in every mode\n"
             "           but the first: systec_dttmc_plan (a plan of the canonical\n"
             "           handle, made once: the output symmetry's orbits sorted by row;\n"
             "           the packed output) vs systec_dttmc_coo (the full coordinate\n"
             "           list, the full output); systec_dttmc_expand timed apart;\n"
             "           --synthetic: the paper's MTTKRP tensors of orders 3 and 4\n",
     TENSOR(ttmc)},
    {.name = "ttm_rows", .kernel = "ttm_rows", .label = "TTM (sparse output)",
     .title = "TTM into a sparse output (the rows (j,l) A reaches, symmetric order-3 A)",
     .sym_on = "on the canonical handle's rows object, the pairs j <= l",
     .base_on = "on the full list's rows object, every pair",
     .help = "  ttm_rows C[j,l,i] = sum_k A[j,l,k] B[k,i] into the rows (j,l) some entry\n"
             "           reaches: systec_dttm_rows on the canonical handle's rows object\n"
             "           (pairs j <= l) vs on the full list's (every pair); the symbolic\n"
             "           phase (systec_ttmrows_create) is set-up; the packed output's size\n"
             "           (what systec_dttm would need) is shown beside the rows\n",
     TENSOR(ttm_rows)},
    {.name = "ttsv", .kernel = "ttsv", .label = "TTSV", .by_order = 1,
     .title = "TTSV (y[i] = sum A[i,j,k,..] x[j] x[k] .., symmetric A)",
     .sym_on = "on the canonical handle", .base_on = "on the full tensor in CSF",
     .help = "  ttsv     y[i] = sum A[i,j,k,..] x[j] x[k] ..  A a symmetric sparse tensor\n"
             "           of order 3, 4 or 5 (the SS-HOPM step): systec_dttsv on the\n"
             "           canonical handle vs systec_dttsv_csf on the full tensor in CSF;\n"
             "           no rank (--rank is refused), --synthetic uses MTTKRP's tensors\n",
     TENSOR(ttsv)},
};

const int bench_nops = (int)(sizeof bench_ops / sizeof bench_ops[0]);

const bench_op_t *op_find(const char *name)
{
    for (int i = 0; i < bench_nops; i++)
        if (!strcmp(bench_ops[i].name, name)) return &bench_ops[i];
    return NULL;
}

const char *op_names(void)
{
    static char buf[256];
    size_t w = 0;
    for (int i = 0; i < bench_nops && w < sizeof buf; i++)
        w += (size_t)snprintf(buf + w, sizeof buf - w, "%s%s",
                              i == 0 ? "" : i + 1 < bench_nops ? ", " : " or ", bench_ops[i].name);
    return buf;
}

const char *variant_name(char *buf, size_t size, const char *call, int lib, int dbl)
{
    if (!lib)
        snprintf(buf, size, "%s", call);
    else
        snprintf(buf, size, "systec_%s%s", dbl ? "d" : "s", call);
    return buf;
}

const char *baseline_names(char *buf, size_t size, const bench_op_t *op, int dbl)
{
    const int tensor = op->input == INPUT_TENSOR;
    int nb = 0;
    while (nb < OP_MAX_BASE && (tensor ? op->ten->base[nb].call : op->mat->base[nb].call))
        nb++;
    size_t w = (size_t)snprintf(buf, size, "%s", nb > 1 ? "the fastest per input of " : "");
    for (int b = 0; b < nb && w < size; b++) {
        char name[64];
        variant_name(name, sizeof name, tensor ? op->ten->base[b].call : op->mat->base[b].call,
                     tensor || op->mat->base[b].lib, dbl);
        w += (size_t)snprintf(buf + w, size - w, "%s%s", b ? ", " : "", name);
    }
    return buf;
}

void print_title(const bench_op_t *op, int dbl)
{
    char sym[64], base[256], exp[64] = "";
    const int tensor = op->input == INPUT_TENSOR;
    variant_name(sym, sizeof sym, tensor ? op->ten->sym.call : op->mat->sym.call, 1, dbl);
    baseline_names(base, sizeof base, op, dbl);
    if (tensor && op->ten->exp.run) variant_name(exp, sizeof exp, op->ten->exp.call, 1, dbl);
    printf("systec-bench: %s, symmetric kernel (%s %s) vs %s (%s %s)", op->title, sym, op->sym_on,
           op->base_kind, base, op->base_on);
    if (exp[0]) printf("; the expansion of the packed result (%s) is timed apart", exp);
    printf("\n");
}
