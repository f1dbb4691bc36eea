/* The summary of systec-bench's CSVs (--paper, --report): per kernel the
 * geomean speedup over the baseline beside the SySTeC paper's figure, then
 * every peer's and reference point's paired ratio with a verdict. */
#ifndef BENCH_SUMMARY_H
#define BENCH_SUMMARY_H

/* Prints the summary of the CSVs (results.h's long rows) to stdout; 0, or
 * -1 if a CSV cannot be read (message on stderr). */
int bench_summary(char *const *csv, int ncsv);

#endif /* BENCH_SUMMARY_H */
