/*
 * The facts about the machine and the build that systec-bench prints at
 * the head of a report and writes on every CSV row: CPU, compiler, the
 * transparent-huge-page policy, the STREAM figure.
 */
#ifndef BENCH_MACHINE_H
#define BENCH_MACHINE_H

#include <stddef.h>

#include "results.h" /* bench_machine_t */

void read_cpu_model(char *out, size_t size);
const char *compiler_string(void);
void read_thp_mode(char *out, size_t size);
/* AnonHugePages in kB: this process (smaps_rollup) or, if that is not
 * available, the whole system (meminfo; remembered for the policy line).
 * -1 if neither can be read. */
long long read_anon_huge_kb(void);
/* The report's page-policy line: the THP mode, the largest AnonHugePages
 * seen (-1: unknown) and what that means for the kernels' pages. */
void page_policy_line(char *out, size_t size, const char *thp, long long anon);

/* CPU, cores, compiler, library version and THP mode; the STREAM figure
 * (NAN), AnonHugePages and the peers line unknown. */
void machine_facts(bench_machine_t *m);
/* The STREAM triad figure into m: `given` (GB/s) if finite, else measured
 * now with `threads` threads; says which on stderr. */
void machine_stream(bench_machine_t *m, int threads, double given);
/* m's page policy from the largest AnonHugePages seen (-1: unknown). */
void machine_pages(bench_machine_t *m, long long anon);
/* "library: libsystec X (bench built against header Y); kernel variant V",
 * the report's line. */
void print_library_line(void);

#endif /* BENCH_MACHINE_H */
