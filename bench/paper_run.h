/* systec-bench --paper: the SySTeC paper's evaluation set on this machine,
 * every operation in the table (ops.c) as a child run, then the summary
 * and the plots. */
#ifndef BENCH_PAPER_RUN_H
#define BENCH_PAPER_RUN_H

typedef struct paper_opts {
    const char *self;   /* this program, to run once per operation */
    const char *outdir; /* CSVs (one per operation) and plots go here */
    int quick, reps, warmup; /* reps, warmup: -1 unless given */
    int threads;
    double stream_gbs; /* measured once, passed to every operation */
    char *const *paths; /* matrices and tensors, files or directories */
    int npaths;
} paper_opts_t;

/* Runs every operation on the matrices or tensors among paths (a directory
 * holding matrices/ and tensors/ is a data root) plus the synthetic inputs,
 * each as `self --op OP ... --csv outdir/OP.csv`; then prints the summary
 * and makes the plots. Returns the exit status: 0, 1 if any operation
 * failed, 2 if outdir cannot be made. */
int paper_run(const paper_opts_t *o);

#endif /* BENCH_PAPER_RUN_H */
