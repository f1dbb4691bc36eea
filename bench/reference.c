/*
 * systec-bench --reference PROG: a hand-written MTTKRP program run side by
 * side (see reference.h). The program is not part of libsystec: this file
 * only writes the tensor where it can read it, runs it and parses its
 * lines, so the ratios printed against it come from the same machine and
 * session as libsystec's times.
 */
#include "reference.h"


#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

int reference_run(const char *program, const systec_tns_t *F, int64_t R, ref_times_t *out,
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
