/*
 * systec-bench --reference PROG: a hand-written MTTKRP program run side by
 * side (see reference.h). The program is not part of libsystec: this file
 * only writes the tensor where it can read it, runs it and parses its
 * lines, so the ratios printed against it come from the same machine and
 * session as libsystec's times.
 */
#include "ref_program.h"


#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"
#include "stats.h"
#include "status.h"
#include "tensor.h"

const char *const ref_kernel_names[REF_NKERNELS] = {"full_csf", "full_coo", "sym_pfx",
                                                     "sym_csf"};

/* F as a headerless FROSTT file (1-based, 17 significant digits, so every
 * permutation keeps its canonical entry's value exactly); 0 on success. */
static int write_full(FILE *f, const systec_tns_t *F)
{
    for (int64_t e = 0; e < F->nnz; e++) {
        for (int t = 0; t < F->order; t++)
            if (fprintf(f, "%lld ", (long long)F->ind[e * F->order + t] + 1) < 0) return -1;
        if (fprintf(f, "%.17g\n", F->val[e]) < 0) return -1;
    }
    return 0;
}

/* One "RES kernel=NAME ... time_s=T ..." line into out (threads=1 only). */
static void parse_res(const char *line, ref_times_t *out)
{
    const char *k = strstr(line, "kernel="), *t = strstr(line, "time_s=");
    if (strncmp(line, "RES ", 4) || !k || !t || !strstr(line, "threads=1 ")) return;
    k += 7;
    for (int q = 0; q < REF_NKERNELS; q++) {
        size_t n = strlen(ref_kernel_names[q]);
        if (!strncmp(k, ref_kernel_names[q], n) && k[n] == ' ') out->t[q] = strtod(t + 7, NULL);
    }
}

int ref_program_run(const char *program, const systec_tns_t *F, int64_t R, ref_times_t *out,
                  char *err, size_t errlen)
{
    for (int q = 0; q < REF_NKERNELS; q++) out->t[q] = NAN;
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/systec-bench-ref-XXXXXX", dir && dir[0] ? dir : "/tmp");
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        snprintf(err, errlen, "cannot create a temporary file in %s: %s",
                 dir && dir[0] ? dir : "/tmp", strerror(errno));
        if (fd >= 0) close(fd), unlink(path);
        return -1;
    }
    int bad = write_full(f, F);
    if (fclose(f) || bad) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        unlink(path);
        return -1;
    }
    /* the program's own checks (symmetry, every kernel against its full
     * CSF) decide its exit status; its timed runs use one thread */
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "'%s' '%s' %lld --threads 1 2>&1", program, path, (long long)R);
    FILE *p = strchr(program, '\'') ? NULL : popen(cmd, "r");
    if (!p) {
        snprintf(err, errlen, "cannot run %s", program);
        unlink(path);
        return -1;
    }
    char line[1024], last[256] = "";
    while (fgets(line, sizeof line, p)) {
        parse_res(line, out);
        if (!strncmp(line, "CHECK", 5) && strstr(line, "FAIL"))
            snprintf(last, sizeof last, "%.*s", (int)strcspn(line, "\n"), line);
        else if (strncmp(line, "RES", 3) && strncmp(line, "CHECK", 5) &&
                 strncmp(line, "TENSOR", 6))
            snprintf(last, sizeof last, "%.*s", (int)strcspn(line, "\n"), line);
    }
    int rc = pclose(p);
    unlink(path);
    int missing = 0;
    for (int q = 0; q < REF_NKERNELS; q++) missing |= !(out->t[q] > 0);
    if (rc != 0 || missing) {
        snprintf(err, errlen, "%s %s%s%s", program, rc != 0 ? "failed" : "printed no time for a kernel",
                 last[0] ? ": " : "", last);
        return -1;
    }
    return 0;
}

void ref_program_rows(const char *prog, const systec_tns_t *F, ten_row_t *rows, int nr)
{
    for (int q = 0; q < nr; q++) {
        ten_row_t *r = &rows[q];
        if (r->status == RUN_SKIPPED) continue;
        fprintf(stderr, "  reference program, R = %lld ...\n", (long long)r->R);
        r->ref_status = ref_program_run(prog, F, r->R, &r->reft, r->ref_note, sizeof r->ref_note)
                            ? RUN_KERNEL_ERROR
                            : RUN_OK;
    }
}

/* x = t_program / t_libsystec (above 1: libsystec is faster); the targets
 * of the symmetric kernel against the program's faster symmetric one and of
 * the baseline against its full CSF are x >= 0.9 */
void ref_program_report(const char *prog, const ten_row_t *rows, int n)
{
    printf("\nthe hand-written program %s side by side (run in this session after each "
           "tensor's set-up; its own timing: median of >= 7 samples of >= 30 ms, 1 thread); "
           "x = t_program / t_libsystec (above 1: libsystec is faster); libsystec's baseline is "
           "the faster of its candidates:\n", prog);
    printf("%-24s %5s %10s %12s %8s %10s %12s %8s %12s %8s %s\n", "input", "R", "t_sym ms",
           "prog sym ms", "x sym", "t_base ms", "prog csf ms", "x base", "prog coo ms", "x coo",
           "program's faster symmetric kernel");
    geo_t gs[SYSTEC_MAX_ORDER + 1], gb[SYSTEC_MAX_ORDER + 1], gr[SYSTEC_MAX_ORDER + 1];
    geo_t go[SYSTEC_MAX_ORDER + 1];
    memset(gs, 0, sizeof gs);
    memset(gb, 0, sizeof gb);
    memset(gr, 0, sizeof gr);
    memset(go, 0, sizeof go);
    for (int i = 0; i < n; i++) {
        const ten_row_t *r = &rows[i];
        if (r->status == RUN_SKIPPED) continue;
        if (r->ref_status != RUN_OK || !ten_timed(r)) {
            printf("%-24s %5lld %s\n", r->in->name, (long long)r->R,
                   r->ref_status != RUN_OK ? r->ref_note : "libsystec's kernels did not run");
            continue;
        }
        const double *t = r->reft.t, ts = r->t[SLOT_SYM].med, tb = r->t[r->base].med;
        int best = t[REF_SYM_PFX] <= t[REF_SYM_CSF] ? REF_SYM_PFX : REF_SYM_CSF;
        double xs = t[best] / ts, xb = t[REF_FULL_CSF] / tb, xc = t[REF_FULL_COO] / tb;
        char a[32], b[32], c[32], d[32], e[32];
        printf("%-24s %5lld %10s %12s %8.2f %10s %12s %8.2f %12s %8.2f %s\n", r->in->name,
               (long long)r->R, fmt_ms(a, sizeof a, 1e3 * ts), fmt_ms(b, sizeof b, 1e3 * t[best]),
               xs, fmt_ms(c, sizeof c, 1e3 * tb), fmt_ms(d, sizeof d, 1e3 * t[REF_FULL_CSF]), xb,
               fmt_ms(e, sizeof e, 1e3 * t[REF_FULL_COO]), xc, ref_kernel_names[best]);
        if (r->order >= 1 && r->order <= SYSTEC_MAX_ORDER && r->status == RUN_OK) {
            geo_add(&gs[r->order], xs);
            geo_add(&gb[r->order], xb);
            geo_add(&gr[r->order], t[REF_FULL_CSF] / ts);
            geo_add(&go[r->order], t[REF_FULL_CSF] / t[best]);
        }
    }
    printf("geomean per order: x sym, x base; and over the program's full CSF: libsystec's "
           "symmetric kernel, the program's faster symmetric one\n");
    for (int ord = 1; ord <= SYSTEC_MAX_ORDER; ord++)
        if (gs[ord].n)
            printf("  order %d: x sym %.2f, x base %.2f; full_csf/t_sym %.2f, full_csf/program "
                   "sym %.2f (%d run%s)\n", ord, geo_mean(&gs[ord]), geo_mean(&gb[ord]),
                   geo_mean(&gr[ord]), geo_mean(&go[ord]), gs[ord].n, gs[ord].n == 1 ? "" : "s");
}
