/* systec-bench's options, as the command line gave them (cli.c). */
#ifndef BENCH_OPTIONS_H
#define BENCH_OPTIONS_H

#include <stdint.h>

struct bench_op;

/* A synthetic symmetric tensor: systec_tns_random_symmetric(order, n, sp). */
typedef struct tensor_cfg {
    int order;
    int64_t n;
    double sp;
} tensor_cfg_t;

typedef struct bench_options {
    const struct bench_op *op; /* --op (default symv) */
    int reps, warmup;          /* after --quick's defaults */
    int reps_set, warmup_set;  /* given on the command line */
    int quick, synthetic, use_float;
    const char *csv;
    int threads;       /* --threads: the peers' and STREAM's (libsystec's kernels are serial) */
    double stream_gbs; /* --stream-gbs; NAN unless given */
    int64_t cols;      /* --cols: columns of X and Y (symm) */
    int64_t rank;      /* --rank: for tensor files and --tensor configurations */
    int rank_set;
    tensor_cfg_t *cfg; /* --tensor, in command-line order */
    int ncfg;
    const char *reference; /* --reference: a hand-written MTTKRP program (ref_program.h) */
    int op_set, paper;
    int regret;          /* --regret: the dispatcher's regret (regret.h) */
    const char *profile; /* --profile: its tuned profile */
    const char *outdir, *reportdir; /* --out, --report */
    char **paths;                   /* the PATH arguments */
    int npaths;
} bench_options_t;

#endif /* BENCH_OPTIONS_H */
