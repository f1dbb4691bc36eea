/* The --csv file of a run: opened before anything runs (a bad path is a
 * bad command line), closed with the write errors checked. */
#ifndef BENCH_CSV_OUT_H
#define BENCH_CSV_OUT_H

#include <stdio.h>

/* NULL without a path; exits with status 2 after a message if the file
 * cannot be created (nothing has run yet). */
FILE *csv_open(const char *path);
/* Closes f; 0, or 1 after a message if anything failed to be written. */
int csv_close(FILE *f, const char *path);

#endif /* BENCH_CSV_OUT_H */
