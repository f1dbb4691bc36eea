/* The SySTeC paper's figures (paper_figures.h), from its section 6.3 and
 * the figure data of its artifact. */
#include "paper_figures.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

static const struct {
    const char *kernel;
    double geo, lo, hi;
    int count;
} kernels[] = {
    {"symv", 1.43, 1.12, 2.33, 30},         {"syprd", 1.78, 1.43, 2.22, 30},
    {"symv_minplus", 1.47, 1.26, 2.10, 30}, {"syrk", 2.20, 1.87, 2.63, 27},
    {"ttm", 1.36, 1.01, 2.09, 4},           {"mttkrp3", 2.83, 2.38, 3.38, 4},
    {"mttkrp4", 6.17, 5.09, 7.35, 4},       {"mttkrp5", 16.3, 10.4, 29.8, 4},
};

int paper_kernel(const char *kernel, double *geo, double *lo, double *hi, int *count)
{
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++)
        if (!strcmp(kernels[i].kernel, kernel)) {
            *geo = kernels[i].geo;
            *lo = kernels[i].lo;
            *hi = kernels[i].hi;
            *count = kernels[i].count;
            return 0;
        }
    return -1;
}

/* per matrix: SSYMV, SYPRD and Bellman step speedups over naive Finch */
static const struct {
    const char *name;
    double symv, syprd, bellman;
} matrices[] = {
    {"ct20stif", 1.97, 2.17, 1.94}, {"olafu", 1.43, 1.95, 1.42},    {"bcsstk35", 1.54, 1.99, 1.49},
    {"crystk02", 1.43, 1.96, 1.44}, {"crystk03", 1.72, 2.03, 1.63}, {"nasasrb", 2.33, 2.22, 2.10},
    {"raefsky4", 1.44, 1.95, 1.44}, {"finan512", 1.30, 1.62, 1.41}, {"vibrobox", 1.37, 1.66, 1.49},
    {"saylr4", 1.52, 1.43, 1.56},   {"raefsky3", 1.58, 1.98, 1.53}, {"venkat01", 1.68, 1.93, 1.56},
    {"ex11", 1.44, 1.95, 1.39},     {"rdist1", 1.45, 1.89, 1.43},   {"orani678", 1.29, 1.93, 1.43},
    {"rim", 1.46, 1.97, 1.45},      {"memplus", 1.29, 1.55, 1.50},  {"gemat11", 1.33, 1.47, 1.36},
    {"lhr10", 1.37, 1.88, 1.44},    {"goodwin", 1.46, 1.94, 1.43},  {"bayer02", 1.39, 1.59, 1.45},
    {"bayer10", 1.43, 1.66, 1.46},  {"coater2", 1.39, 1.80, 1.35},  {"onetone2", 1.45, 1.67, 1.50},
    {"wang4", 1.19, 1.60, 1.32},    {"lnsp3937", 1.26, 1.62, 1.34}, {"sherman5", 1.30, 1.75, 1.40},
    {"sherman3", 1.23, 1.51, 1.41}, {"shyy161", 1.12, 1.43, 1.26},  {"wang3", 1.22, 1.60, 1.33},
};

/* SSYRK per matrix */
static const struct {
    const char *name;
    double syrk;
} syrk_matrices[] = {
    {"olafu", 2.26},    {"bcsstk35", 2.26}, {"crystk02", 2.27}, {"crystk03", 2.23},
    {"3dtube", 2.22},   {"raefsky4", 2.27}, {"pwt", 2.14},      {"vibrobox", 2.37},
    {"saylr4", 2.01},   {"raefsky3", 2.27}, {"ex11", 2.23},     {"rdist1", 2.31},
    {"orani678", 2.63}, {"rim", 2.10},      {"memplus", 2.14},  {"gemat11", 2.26},
    {"lhr10", 2.18},    {"goodwin", 2.35},  {"bayer02", 2.24},  {"bayer10", 2.18},
    {"coater2", 2.29},  {"onetone2", 2.15}, {"wang4", 2.11},    {"lnsp3937", 1.98},
    {"sherman5", 1.98}, {"sherman3", 1.87}, {"wang3", 2.12},
};

double paper_matrix(const char *kernel, const char *matrix)
{
    if (!strcmp(kernel, "syrk")) {
        for (size_t i = 0; i < sizeof syrk_matrices / sizeof syrk_matrices[0]; i++)
            if (!strcmp(syrk_matrices[i].name, matrix)) return syrk_matrices[i].syrk;
        return NAN;
    }
    for (size_t i = 0; i < sizeof matrices / sizeof matrices[0]; i++)
        if (!strcmp(matrices[i].name, matrix)) {
            if (!strcmp(kernel, "symv")) return matrices[i].symv;
            if (!strcmp(kernel, "syprd")) return matrices[i].syprd;
            if (!strcmp(kernel, "symv_minplus")) return matrices[i].bellman;
            return NAN;
        }
    return NAN;
}

/* MTTKRP (section 6.2's configurations, section 6.3's speedups per
 * configuration): each order at one mode size n, sparsities 0.1 and 1e-4,
 * ranks 10 and n */
const paper_tensor_t paper_mttkrp[] = {
    {3, 500, 0.1, {10, 500}, {3.08, 3.38}}, {3, 500, 1e-4, {10, 500}, {2.38, 2.58}},
    {4, 100, 0.1, {10, 100}, {7.35, 7.07}}, {4, 100, 1e-4, {10, 100}, {5.09, 5.49}},
    {5, 40, 0.1, {10, 40}, {29.8, 16.5}},   {5, 40, 1e-4, {10, 40}, {13.7, 10.4}},
    {0, 0, 0, {0, 0}, {0, 0}},
};

/* TTM: there the output expansion ("replication") is not timed, as t_sym here */
const paper_tensor_t paper_ttm[] = {
    {3, 500, 0.1, {10, 500}, {2.09, 1.01}},
    {3, 500, 1e-3, {10, 500}, {1.30, 1.23}},
    {0, 0, 0, {0, 0}, {0, 0}},
};

/* TTMc: the paper has none; its MTTKRP tensors of orders 3 and 4 (TTMc's
 * orders), at ranks where the full outputs stay small (n R^(N-1)); no
 * figures (NAN) */
const paper_tensor_t paper_ttmc[] = {
    {3, 500, 0.1, {10, 16}, {NAN, NAN}}, {3, 500, 1e-4, {10, 16}, {NAN, NAN}},
    {4, 100, 0.1, {8, 10}, {NAN, NAN}},  {4, 100, 1e-4, {8, 10}, {NAN, NAN}},
    {0, 0, 0, {0, 0}, {0, 0}},
};

/* TTM into a sparse output: the paper's sparse TTM tensor (order 3, n = 500,
 * sp 1e-3) at ranks 10 and 16; no figures (the paper writes the packed output) */
const paper_tensor_t paper_ttm_rows[] = {
    {3, 500, 1e-3, {10, 16}, {NAN, NAN}},
    {0, 0, 0, {0, 0}, {0, 0}},
};
