/* systec-bench's command line: the options (options.h) and --help. */
#ifndef BENCH_CLI_H
#define BENCH_CLI_H

#include <stdio.h>

#include "options.h"

#define DEFAULT_REPS 25
#define DEFAULT_WARMUP 3
#define QUICK_REPS 7
#define QUICK_WARMUP 1

/* Parses argv into o (o->paths and o->cfg are allocated: cli_free).
 * Returns 0, -1 if --help was printed (exit 0), or 2 after a message on
 * stderr (a bad command line). */
int cli_parse(int argc, char **argv, bench_options_t *o);
/* The combinations refused, then --quick's defaults; 0 or 2 (message). */
int cli_check(bench_options_t *o);
void cli_free(bench_options_t *o);

/* The value of --threads (N, or --threads=N, before "--"); 1 when absent
 * or not a number from 1 to 1024 (the parser reports that). */
int cli_threads(int argc, char **argv);

void usage(FILE *f);

#endif /* BENCH_CLI_H */
