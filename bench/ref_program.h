/*
 * systec-bench --reference PROG (with --op mttkrp): a separately built
 * program of hand-written MTTKRP kernels, run on each tensor and rank after
 * libsystec's rounds, so that libsystec's kernels can be compared with it
 * side by side. PROG is called as
 *     PROG FILE R --threads 1
 * with FILE the full tensor (every permutation, headerless FROSTT, 1-based)
 * written to a temporary file, and must print, per kernel, a line
 *     RES kernel=NAME ... threads=1 ... time_s=SECONDS ...
 * for NAME full_csf (a tuned CSF of the full tensor), full_coo (a plain loop
 * over the full tensor's entries), sym_pfx and sym_csf (symmetric kernels
 * on the canonical entries); a nonzero exit status means its own checks
 * failed. bench/README.md says where such a program comes from.
 */
#ifndef BENCH_REF_PROGRAM_H
#define BENCH_REF_PROGRAM_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "systec.h"

enum { REF_FULL_CSF, REF_FULL_COO, REF_SYM_PFX, REF_SYM_CSF, REF_NKERNELS };
extern const char *const ref_kernel_names[REF_NKERNELS];

typedef struct ref_times {
    double t[REF_NKERNELS]; /* seconds per call, NaN if unknown */
} ref_times_t;

/* Runs prog on the full tensor F at rank R; 0 with out filled, or -1 with
 * err saying why (out's times stay NaN). */
int ref_program_run(const char *prog, const systec_tns_t *F, int64_t R, ref_times_t *out,
                    char *err, size_t errlen);

struct ten_row;
/* The program on F at the rank of each row that is not skipped, before
 * libsystec's rounds: each row's ref_status (RUN_OK or RUN_KERNEL_ERROR
 * with ref_note), reft. */
void ref_program_rows(const char *prog, const systec_tns_t *F, struct ten_row *rows, int nr);
/* Its times beside libsystec's, per row and as geomeans per order. */
void ref_program_report(const char *prog, const struct ten_row *rows, int n);

#endif /* BENCH_REF_PROGRAM_H */
