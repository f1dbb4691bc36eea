/* The tensor operations' report (tensor_report.h): what every tensor
 * operation prints around its own table. */
#include "tensor_report.h"

#include "ref_program.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "machine.h"
#include "peers_ttm.h"
#include "tensor_scaling.h"

int ten_name_width(const ten_row_t *rows, int n)
{
    int w = 5;
    for (int i = 0; i < n; i++)
        if ((int)strlen(rows[i].in->name) > w) w = (int)strlen(rows[i].in->name);
    return w;
}

double ten_ns_per(double t, int64_t entries)
{
    return entries > 0 ? 1e9 * t / (double)entries : NAN;
}

static void print_header(const bench_op_t *op, const bench_options_t *o, const bench_machine_t *m)
{
    const int packed = op->ten->exp.run != NULL;
    print_title(op, !o->use_float);
    print_library_line();
    printf("precision: %s values, int32 coordinates; threads: libsystec %d (systec_set_num_threads; "
           "small tensors stay serial), the baselines 1\n", o->use_float ? "float" : "double",
           o->threads);
    if (op->ten->dense_peer && !o->use_float) {
        if (ttm_peer_compiled())
            printf("peer: %s (%s), %d thread%s (--threads)\n", TTM_PEER_NAME, ttm_peer_library(),
                   o->threads, o->threads == 1 ? "" : "s");
        else
            printf("peer: %s not compiled in (OpenBLAS not found)\n", TTM_PEER_NAME);
    }
    printf("cpu: %s\n", m->cpu);
    printf("compiler: %s (systec-bench)\n", m->compiler);
    if (isfinite(m->stream_gbs))
        printf("STREAM triad: %.1f GB/s with %d thread%s (the roof for the CSV's gbs)\n",
               m->stream_gbs, m->stream_threads, m->stream_threads == 1 ? "" : "s");
    printf("page policy: %s\n", m->policy);
    printf("timing: %d timed round%s after %d warm-up round%s%s, CLOCK_MONOTONIC, samples of about "
           "1 ms, per-call medians; speedup = median [min-max] over rounds of t_base/t_sym%s\n",
           o->reps, o->reps == 1 ? "" : "s", o->warmup, o->warmup == 1 ? "" : "s",
           o->quick ? " (--quick)" : "",
           packed ? "; x sym+exp = the same of t_base/(t_sym+t_exp), the three timed in the "
                    "same rounds"
                  : "");
    printf("data: B n-by-R row-major, uniform in [0.5, 1.5), fixed seed; synthetic tensors from "
           "systec_tns_random_symmetric (values in (0, 1], fixed seed); files read as canonical "
           "lists; create and expand+csf are one cold call each, per tensor (repeated on its "
           "rows), not in the kernel times\n");
    printf("\n");
}

static void print_outcomes(const ten_row_t *rows, int n)
{
    int nfail = 0, nskip = 0, npfail = 0;
    for (int i = 0; i < n; i++) {
        nfail += status_failed(rows[i].status);
        nskip += rows[i].status == RUN_SKIPPED;
        npfail += rows[i].peer_status == RUN_CHECK_FAIL || rows[i].peer_status == RUN_KERNEL_ERROR;
    }
    if (nskip) {
        printf("%d of %d runs skipped:\n", nskip, n);
        for (int i = 0; i < n; i++)
            if (rows[i].status == RUN_SKIPPED)
                printf("  %s R=%lld: skipped (%s)\n", rows[i].in->name, (long long)rows[i].R,
                       rows[i].error);
    }
    if (nfail) {
        printf("%d of %d runs FAILED (excluded from the geomeans):\n", nfail, n);
        for (int i = 0; i < n; i++)
            if (status_failed(rows[i].status))
                printf("  %s R=%lld: %s\n", rows[i].in->name, (long long)rows[i].R, rows[i].error);
    }
    if (npfail) { /* the peer wrong or not run: a failure (exit 1), libsystec's rows stand */
        printf("%d of %d %s runs FAILED (excluded from its geomean):\n", npfail, n, TTM_PEER_NAME);
        for (int i = 0; i < n; i++)
            if (rows[i].peer_status == RUN_CHECK_FAIL || rows[i].peer_status == RUN_KERNEL_ERROR)
                printf("  %s R=%lld: %s: %s\n", rows[i].in->name, (long long)rows[i].R,
                       status_word(rows[i].peer_status), rows[i].peer_note);
    }
}

void tensor_report(const bench_op_t *op, const ten_row_t *rows, int n, const bench_options_t *o,
                   const bench_machine_t *m)
{
    print_header(op, o, m);
    op->ten->report(rows, n, o);
    tensor_scaling_report(rows, n, o);
    if (o->reference) ref_program_report(o->reference, rows, n);
    print_outcomes(rows, n);
    fflush(stdout);
}
