/* systec-bench --help (cli.h); the operations' lines come from their rows
 * in ops.c. */
#include <string.h>

#include "cli.h"
#include "ops.h"
#include "util.h"

/* text after `head`, its words wrapped before column 76 and continued
 * under the text's start */
static void wrapped(FILE *f, const char *head, const char *text)
{
    const int indent = (int)strlen(head);
    int col = fprintf(f, "%s", head);
    for (const char *w = text; *w; w += *w == ' ') {
        const int len = (int)strcspn(w, " ");
        if (col > indent && col + 1 + len > 75)
            col = fprintf(f, "\n%*s", indent, "") - 1;
        else if (col > indent)
            col += fprintf(f, " ");
        col += fprintf(f, "%.*s", len, w);
        w += len;
    }
    fprintf(f, "\n");
}

void usage(FILE *f)
{
    fprintf(f,
            "Usage: %s [options] [PATH...]\n"
            "\n"
            "Benchmarks one operation on symmetric sparse matrices (mttkrp, ttm, ttsv:\n"
            "tensors) in libsystec: the symmetric kernel on a handle (strictly-lower CSR\n"
            "+ diagonal) against the non-symmetric baseline on the full expansion (full\n"
            "CSR), int32 indices, alpha = 1, beta = 0, same x, one process, warm\n"
            "(every system at --threads threads), after measuring the STREAM roof:\n",
            prog);
    for (int i = 0; i < bench_nops; i++) fputs(bench_ops[i].help, f);
    fprintf(f,
            "\n"
            "PATH is a Matrix Market file (.mtx or .mtx.gz) or a directory, of which every\n"
            "*.mtx and *.mtx.gz directly inside is used, in sorted order.\n"
            "\n"
            "With --op mttkrp, ttm or ttsv, PATH is a tensor file (.tns or .tns.gz: FROSTT; .ssten:\n"
            "LambdaTAME) holding one entry per orbit (sorted coordinates), or a directory,\n"
            "of which every *.tns, *.tns.gz and *.ssten directly inside, then those in its\n"
            "subdirectory lvgna_triangles/ if present, are used, each group in sorted\n"
            "order. An order the library has no kernel for is skipped (not a failure);\n"
            "ttm skips every order but 3, and ranks whose dense outputs would need more\n"
            "than 8 GB.\n"
            "B is uniform in [0.5, 1.5) (fixed seed). Per tensor, the handle build\n"
            "('create') and the expansion plus CSF build ('expand+csf') are timed once\n"
            "and reported apart from the kernels. --reps, --warmup, --quick, --float and\n"
            "--csv apply as below. With mttkrp, ttm and ttsv (--tensor and --rank are\n"
            "refused with the other operations, --rank also with ttsv, which has no rank):\n"
            "  --synthetic   after the files, the SySTeC paper's configurations\n"
            "                (systec_tns_random_symmetric, fixed seed); mttkrp: order 3\n"
            "                n=500, order 4 n=100, order 5 n=40, each with sp 0.1 and\n"
            "                1e-4 and ranks 10 and n; ttm: order 3 n=500, sp 0.1 and\n"
            "                1e-3, ranks 10 and 500 (--rank does not apply to them); ttsv:\n"
            "                mttkrp's tensors\n"
            "  --tensor ORDER:N:SP  then a random symmetric tensor of that order, mode\n"
            "                size and density, e.g. 3:200:0.01 (repeatable)\n"
            "  --rank R      the rank R for files and --tensor configurations (default 16)\n"
            "  --reference PROG  mttkrp only: also run PROG, a separately built program of\n"
            "                hand-written MTTKRP kernels, on each tensor and rank ('PROG\n"
            "                FILE R --threads 1', FILE the full tensor in a temporary file;\n"
            "                its 'RES kernel=NAME ... time_s=T' lines are read) and print\n"
            "                its times beside libsystec's (bench/README.md)\n"
            "\n"
            "Options:\n"
            "  --synthetic   also run two generated matrices, after the files:\n"
            "                stencil27-100^3 (27-point stencil on a 100^3 grid, n = 1e6) and\n"
            "                random-1e6x16 (uniform random symmetric pattern, n = 1e6,\n"
            "                about 16 nonzeros per row, fixed seed)\n"
            "  --reps N      timed rounds per matrix, N >= 1 (default %d; %d with --quick)\n"
            "  --warmup N    untimed warm-up rounds first, N >= 0 (default %d; %d with --quick)\n"
            "  --quick       fewer rounds (an explicit --reps/--warmup still wins); with\n"
            "                mttkrp and ttm the paper's configurations at their low rank only\n",
            DEFAULT_REPS, QUICK_REPS, DEFAULT_WARMUP, QUICK_WARMUP);
    char ops[256];
    snprintf(ops, sizeof ops, "%s (default %s)", op_names(), bench_ops[0].name);
    wrapped(f, "  --op OP       ", ops);
    fprintf(f,
            "  --cols K      columns of X and Y for symm, K >= 1 (default 8)\n"
            "  --float       single precision (systec_s... calls)\n"
            "  --csv FILE    also write the CSV rows to FILE: one per system (libsystec,\n"
            "                its baseline, the reference loop, each peer) and input\n"
            "  --threads N   threads for every system (default 1): libsystec's plans\n"
            "                (matrix operations; its tensor kernels are serial), the\n"
            "                peer libraries, the plain loop and STREAM; with N > 1 a\n"
            "                scaling table of libsystec at 1..N threads follows\n"
            "  --stream-gbs G  take G GB/s as the STREAM triad figure instead of\n"
            "                measuring it at start (about 0.3 s)\n"
            "  --paper       run the SySTeC paper's evaluation set: every operation on\n"
            "                the matrices and tensors among the PATHs (a directory with\n"
            "                matrices/ and tensors/ is a data root) plus the synthetic\n"
            "                inputs and the paper's tensor configurations, then print a\n"
            "                summary beside the paper's figures and make PNG plots\n"
            "                (gnuplot); --quick, --reps, --warmup, --threads pass through\n"
            "  --out DIR     with --paper: where the CSVs and plots go (default out/paper)\n"
            "  --report DIR  PATHs are CSV files of earlier runs: print the --paper\n"
            "                summary of them and make the plots in DIR; nothing is timed\n"
            "  --regret      the dispatcher's regret instead: on the matrices and tensors\n"
            "                among the PATHs (and --synthetic's two matrices) every variant\n"
            "                of every operation is timed (the oracle; --reps rounds, default\n"
            "                7), then t_chosen/t_best is reported per case, geomean and\n"
            "                worst, for the compiled defaults and the tuned profile; MTTKRP\n"
            "                at --rank (default 10 here); with --threads N >= 2, SSYMV on N\n"
            "                threads too (its serial and parallel variants), reported apart\n"
            "  --profile FILE  with --regret: the tuned profile (default: the one the\n"
            "                library found, see systec-info)\n"
            "  -h, --help    show this text and exit\n");
    fprintf(f,
            "\n"
            "A round times the symmetric kernel, the baseline candidates and a plain CSR\n"
            "loop (a reference point, not part of libsystec), rotating which goes first;\n"
            "a sample repeats a call enough times that it lasts >= 1 ms and reports the\n"
            "time per call. The baseline is the fastest candidate on each input (today\n"
            "each operation has one), named in the table's last column and the CSV's\n"
            "variant. The speedup is the median over rounds of t(full)/t(sym) from\n"
            "the same round, with [min-max]; 'x plain' is the same for t(plain)/t(sym).\n"
            "mttkrp has no plain loop: a round times the two kernels, alternating which\n"
            "goes first, and the speedup is t(base)/t(sym); both results are checked\n"
            "against the bench's own loop over the full tensor. ttm times three (the\n"
            "kernels and the expansion; in double also OpenBLAS dgemm on the densified\n"
            "tensor where it fits in memory), rotating, and also gives t(base)/(t(sym) +\n"
            "t(expand)); the expanded symmetric result and the baseline's are checked\n"
            "against the bench's loop, on 50 fixed j-slices where a reference for all\n"
            "would need over 3 GB. The peers of symv (librsb, GraphBLAS, OpenBLAS\n"
            "dsymv/ssymv) and syrk are timed in rounds of their own, in the run's\n"
            "precision, each paired with libsystec's call, and checked too.\n"
            "Progress goes to stderr, the table to stdout. See bench/README.md.\n"
            "\n"
            "Exit status: 0 all inputs ran (or were skipped) and both kernels matched the\n"
            "reference; 1 an input could not be read or converted, a kernel failed, or\n"
            "results disagreed (the other inputs still run); with --paper, an operation\n"
            "failed; with --report, a CSV could not be read or a plot failed; 2 bad\n"
            "command line, no inputs, or the CSV file cannot be created.\n");
}
