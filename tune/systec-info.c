/*
 * systec-info: what libsystec is and decides on this machine -- version,
 * build id, the ISA variants compiled and the one chosen, the topology,
 * the counters or why there are none, the profile in use (or which file
 * was rejected and why), and the thresholds in force beside their
 * defaults. With --explain FILE, what the dispatcher runs for that matrix
 * (or tensor) per operation, and why.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counters.h"
#include "systec.h"
#include "topology.h"
#include "util.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: systec-info [--explain FILE]\n"
               "Prints libsystec's version, build id, kernel ISA variants, the machine, the\n"
               "tuning profile in use (or why it was rejected) and the thresholds in force\n"
               "beside their defaults.\n"
               "  --explain FILE  what the dispatcher runs for this matrix (Matrix Market,\n"
               "                  .mtx or .mtx.gz: every operation on a handle and as a\n"
               "                  direct call on the lower triangle) or tensor (.tns: MTTKRP),\n"
               "                  and why\n");
}

static void print_library(void)
{
    const char *isa_env = getenv("SYSTEC_ISA");
    printf("libsystec %s, build %s\n", systec_version_string(), systec_build_id());
    printf("kernel ISA variants: compiled %s; chosen %s (%s)\n", systec_isa_compiled(),
           systec_isa(), isa_env && *isa_env ? "SYSTEC_ISA" : "the best this CPU runs");
}

static void print_machine(void)
{
    tk_topology_t t;
    tk_counters_t c;
    char line[256];
    tk_topology_read(&t);
    tk_topology_line(&t, line, sizeof line);
    printf("machine: %s (%s)\n", line, t.source);
    tk_counters_probe(&c);
    printf("counters: %s\n", c.why);
}

/* The per-thread-count thresholds, per section, and the count in use. */
static void print_sections(const systec_profile_t *P)
{
    int counts[64], n = systec_profile_threads(P, counts, 64), now = systec_get_num_threads();
    int has = 0;
    for (int s = 0; s < n; s++) has |= counts[s] == now;
    printf("threads in use: %d (%s)\n", now,
           now < 2 ? "serial: no parallel thresholds read"
           : has   ? "its section below is in force"
                   : "no section for it: the values above are in force");
    for (int s = 0; s < n && s < 64; s++) {
        printf("section threads %d:\n", counts[s]);
        for (int k = 0; k < systec_profile_nparams(); k++) {
            const char *name;
            double def, v = 0;
            if (!systec_profile_param_per_threads(k)) continue;
            systec_profile_param(k, &name, &def, NULL, NULL, NULL);
            systec_profile_get_threads(P, counts[s], name, &v);
            printf("  %-22s %-14.6g %-14.6g%s\n", name, v, def, v != def ? " (tuned)" : "");
        }
    }
}

static void print_profile(void)
{
    const char *path, *detail;
    systec_profile_reason_t r = systec_profile_status(&path, &detail);
    printf("profile: %s: %s\n", systec_profile_reason_name(r), detail);
    char user[4096], sys[4096];
    if (systec_profile_location(0, user, sizeof user)) snprintf(user, sizeof user, "(none)");
    systec_profile_location(1, sys, sizeof sys);
    printf("  looked for: SYSTEC_PROFILE, then %s, then %s\n", user, sys);
    char key[1024];
    systec_profile_key(key, sizeof key, NULL);
    printf("  this process's key (a profile must carry it):\n");
    for (char *s = strtok(key, "\n"); s; s = strtok(NULL, "\n")) printf("    %s\n", s);
    systec_profile_t *P = NULL;
    if (systec_profile_current(&P)) return;
    printf("thresholds:\n  %-22s %-14s %-14s %s\n", "name", "in force", "default", "what");
    for (int k = 0; k < systec_profile_nparams(); k++) {
        const char *name, *what;
        double def, v = 0;
        systec_profile_param(k, &name, &def, NULL, NULL, &what);
        systec_profile_get(P, name, &v);
        printf("  %-22s %-14.6g %-14.6g %s%s\n", name, v, def, v != def ? "(tuned) " : "", what);
    }
    print_sections(P);
    systec_profile_free(&P);
}

static void describe(const char *text) { fputs(text, stdout); }

/* Every operation of a handle of each semiring, and a direct call on the
 * lower triangle (its row pointers from the file's entries). */
static int explain_matrix(const char *path)
{
    systec_coo_t coo;
    if (systec_mm_read(path, &coo)) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, systec_last_error());
        return 1;
    }
    int rc = 0;
    char *text = xmalloc(1 << 16);
    for (int minplus = 0; minplus < 2 && !rc; minplus++) {
        systec_symmat_t *A = NULL;
        systec_status_t st = minplus ? systec_symmat_from_coo_minplus(&A, &coo, SYSTEC_DOUBLE, SYSTEC_INT32)
                                     : systec_symmat_from_coo(&A, &coo, SYSTEC_DOUBLE, SYSTEC_INT32);
        if (!st) st = systec_symmat_describe(A, SYSTEC_OP_ALL, text, 1 << 16, NULL);
        if (st) {
            fprintf(stderr, "%s: %s: %s\n", prog, path, systec_last_error());
            rc = 1;
        } else {
            describe(text);
        }
        systec_symmat_free(&A);
    }
    /* the lower triangle as a caller would pass it: entries with row >= col */
    int64_t n = coo.nrows, *rp = calloc((size_t)n + 1, sizeof *rp);
    for (int64_t k = 0; rp && k < coo.nnz; k++) {
        int64_t r = coo.row[k] > coo.col[k] ? coo.row[k] : coo.col[k];
        if (coo.symmetric || coo.row[k] >= coo.col[k]) rp[r + 1]++;
    }
    for (int64_t r = 0; rp && r < n; r++) rp[r + 1] += rp[r];
    /* int32 row pointers where they fit, as the handles above */
    int narrow = rp && rp[n] <= INT32_MAX;
    int32_t *rp32 = narrow ? malloc(sizeof *rp32 * (size_t)(n + 1)) : NULL;
    for (int64_t r = 0; rp32 && r <= n; r++) rp32[r] = (int32_t)rp[r];
    systec_op_t ops[] = {SYSTEC_OP_SYMV, SYSTEC_OP_SYPRD, SYSTEC_OP_SYMM, SYSTEC_OP_BILIN,
                         SYSTEC_OP_SYMV_MINPLUS};
    for (size_t k = 0; rp && !rc && k < sizeof ops / sizeof *ops; k++)
        if (systec_describe_csr(ops[k], SYSTEC_LOWER, SYSTEC_DOUBLE,
                                rp32 ? SYSTEC_INT32 : SYSTEC_INT64, n, n,
                                rp32 ? (const void *)rp32 : rp, text, 1 << 16, NULL) == SYSTEC_SUCCESS)
            describe(text);
    free(rp);
    free(rp32);
    free(text);
    systec_coo_free(&coo);
    return rc;
}

static int explain_tensor(const char *path)
{
    systec_tns_t T;
    systec_symten_t *A = NULL;
    char var[64];
    if (systec_tns_read(path, &T) || systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE) ||
        systec_symten_variant(A, NULL, var, sizeof var)) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, systec_last_error());
        systec_symten_free(&A);
        return 1;
    }
    int order;
    int64_t n, nnz;
    systec_symten_info(A, &order, &n, &nnz, NULL, NULL);
    double share = 0, step = 0;
    systec_profile_t *P = NULL;
    if (!systec_profile_current(&P)) {
        systec_profile_get(P, "mttkrp_tree_max_share", &share);
        systec_profile_get(P, "mttkrp_tree_share_step", &step);
    }
    systec_profile_free(&P);
    printf("dmttkrp on a symmetric tensor (order %d, n = %lld, %lld canonical entries)\n"
           "  kernel    %s: %s (the tree kernel while its nodes are at most %g of the entries' "
           "coordinates at this order: mttkrp_tree_max_share %g less mttkrp_tree_share_step %g "
           "per order above 3)\n",
           order, (long long)n, (long long)nnz, var,
           strstr(var, "tree") ? "entries share prefixes" : "entries are paths",
           share - step * (order - 3), share, step);
    systec_symten_free(&A);
    systec_tns_free(&T);
    return 0;
}

int main(int argc, char **argv)
{
    prog = "systec-info";
    const char *explain = NULL;
    for (int a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[a], "--explain") && a + 1 < argc) {
            explain = argv[++a];
        } else {
            fprintf(stderr, "%s: unknown argument %s (try --help)\n", prog, argv[a]);
            return 2;
        }
    }
    print_library();
    print_machine();
    print_profile();
    if (!explain) return 0;
    printf("\nwhat the dispatcher runs for %s:\n", explain);
    return has_suffix(explain, ".tns") || has_suffix(explain, ".tns.gz") ? explain_tensor(explain)
                                                                         : explain_matrix(explain);
}
