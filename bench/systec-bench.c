/*
 * systec-bench -- side-by-side benchmark of libsystec's symmetric kernels
 * against the non-symmetric baselines generated from the same specs, plain
 * loops and peer libraries; every operation is a row of ops.c. For every
 * input: the symmetric kernel, its baseline candidates and the reference
 * points, serial, in one process, warm, same inputs, in paired rounds
 * (timing.h); every result checked against a reference of the bench's own
 * (check.h). Uses only the public API; all printing is here (the library
 * never prints). See bench/README.md.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "machine.h"
#include "ops.h"
#include "paper_run.h"
#include "plots.h"
#include "regret.h"
#include "summary.h"
#include "util.h"

/* The same thread count for everything timed, peers included (1 unless
 * --threads): libgomp (librsb, GraphBLAS) and OpenBLAS read their
 * variables when they load, so set them and start again. If the exec
 * fails, run on; the report states the count the libraries were told. */
static void reexec_with_threads(int argc, char **argv)
{
    char want[16];
    snprintf(want, sizeof want, "%d", cli_threads(argc, argv));
    const char *omp = getenv("OMP_NUM_THREADS");
    if (omp && strcmp(omp, want) == 0) return;
    setenv("OMP_NUM_THREADS", want, 1);
    setenv("OPENBLAS_NUM_THREADS", want, 1);
    setenv("OMP_WAIT_POLICY", "passive", 1);
    execv("/proc/self/exe", argv);
}

/* --report DIR CSV...: the summary and the plots of earlier runs */
static int report_mode(const bench_options_t *o)
{
    if (o->paper || o->npaths == 0) {
        fprintf(stderr, "%s: --report DIR takes CSV files written by systec-bench, and no "
                        "--paper\n", prog);
        return 2;
    }
    if (bench_summary(o->paths, o->npaths)) return 1;
    if (mkdir(o->reportdir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: cannot create %s: %s\n", prog, o->reportdir, strerror(errno));
        return 2;
    }
    char msg[2048];
    int prc = bench_plots((const char *const *)o->paths, o->npaths, o->reportdir, msg, sizeof msg);
    fprintf(prc ? stderr : stdout, "%s%s\n", prc ? "systec-bench: plots: " : "plots: ", msg);
    return prc ? 1 : 0;
}

/* the options as given, and the machine's STREAM figure, to every operation */
static int paper_mode(const bench_options_t *o, const bench_machine_t *m)
{
    paper_opts_t po = {"/proc/self/exe", o->outdir ? o->outdir : "out/paper", o->quick,
                       o->reps_set ? o->reps : -1, o->warmup_set ? o->warmup : -1, o->threads,
                       m->stream_gbs, o->paths, o->npaths};
    return paper_run(&po);
}

static int run(bench_options_t *o)
{
    if (o->reportdir) return report_mode(o);
    int rc = cli_check(o);
    if (rc) return rc;
    if (o->regret) return regret_mode(o);
    bench_machine_t machine; /* and the STREAM bandwidth, the roof for GB/s, measured once */
    machine_facts(&machine);
    machine_stream(&machine, o->threads, o->stream_gbs);
    if (o->paper) return paper_mode(o, &machine);
    return o->op->run(o->op, o, &machine);
}

int main(int argc, char **argv)
{
    reexec_with_threads(argc, argv);
    bench_options_t o;
    int rc = cli_parse(argc, argv, &o);
    if (rc == 0) rc = run(&o);
    cli_free(&o);
    return rc < 0 ? 0 : rc;
}
