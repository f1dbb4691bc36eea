/*
 * systec-bench's plots: PNG figures of the long CSVs (results.h) through
 * gnuplot, in the style of the SySTeC paper's speedup figures.
 */
#ifndef BENCH_PLOTS_H
#define BENCH_PLOTS_H

#include <stddef.h>

/* Reads the ncsv CSV files (systec-bench's long format: one row per
 * system, kernel, input and threads) and writes into outdir (created, with
 * its missing parents, if it does not exist), for every kernel present:
 *
 *   <kernel>.dat  the plotted numbers, whitespace-separated, names quoted;
 *                 comments say which rows were left out and why
 *   <kernel>.gp   a gnuplot script reading <kernel>.dat from its own
 *                 directory (run it there: cd outdir && gnuplot <kernel>.gp)
 *   <kernel>.png  speedup over the generated non-symmetric baseline, per
 *                 input (input + param), one bar per system on a log axis
 *                 with a line at 1: libsystec's bar is the baseline row's
 *                 paired ratio_median, every other system's is
 *                 t_ms(baseline) / t_ms(system); a hatched bar for the SySTeC
 *                 paper's figure where the CSV has paper_speedup.
 *                 Rows whose check is not "ok" are left out.
 *
 * and for symv also symv_gbs.{dat,gp,png}: effective GB/s per input for each
 * system with a gbs figure, under a line at the STREAM triad bandwidth.
 * Kernel names are used in file names with characters other than
 * [A-Za-z0-9._-] replaced by '_'.
 *
 * gnuplot runs once per script (fork/execvp in outdir, its output captured,
 * no shell). Nothing is printed: the outcome is in msg (size msglen).
 * Returns 0 on success, msg listing the PNGs written (and how many rows
 * were left out); 0 also when gnuplot is not in PATH, msg saying so, with
 * the .dat and .gp files written and no PNG. Returns -1, msg naming the
 * file, if a CSV cannot be read or is not in the long format (no kernel,
 * input, system, role, t_ms or check column), if a file in outdir cannot
 * be written, or if gnuplot fails on a script or writes no PNG. */
int bench_plots(const char *const *csv_paths, int ncsv, const char *outdir, char *msg,
                size_t msglen);

#endif /* BENCH_PLOTS_H */
