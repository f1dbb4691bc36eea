/* Machine and build facts (machine.h). */
#include "machine.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stream.h"
#include "systec.h"
#include "util.h"

static int anon_system_wide = 0; /* the AnonHugePages figure is the system's */

void read_cpu_model(char *out, size_t size)
{
    snprintf(out, size, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "model name", 10) != 0) continue;
        char *c = strchr(line, ':');
        if (!c) continue;
        c++;
        while (*c == ' ' || *c == '\t') c++;
        size_t l = strlen(c);
        while (l > 0 && isspace((unsigned char)c[l - 1])) c[--l] = '\0';
        snprintf(out, size, "%s", c);
        break;
    }
    fclose(f);
}

const char *compiler_string(void)
{
#if defined(__clang__) && defined(__VERSION__)
    return "clang " __VERSION__;
#elif defined(__GNUC__) && defined(__VERSION__)
    return "gcc " __VERSION__;
#elif defined(__VERSION__)
    return __VERSION__;
#else
    return "unknown";
#endif
}

/* the selected word of /sys/kernel/mm/transparent_hugepage/enabled */
void read_thp_mode(char *out, size_t size)
{
    snprintf(out, size, "unknown");
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (!f) return;
    char line[256];
    if (fgets(line, sizeof line, f)) {
        char *a = strchr(line, '['), *b = a ? strchr(a, ']') : NULL;
        if (a && b) {
            *b = '\0';
            snprintf(out, size, "%s", a + 1);
        }
    }
    fclose(f);
}

long long read_anon_huge_kb(void)
{
    const char *files[2] = {"/proc/self/smaps_rollup", "/proc/meminfo"};
    for (int k = 0; k < 2; k++) {
        FILE *f = fopen(files[k], "r");
        if (!f) continue;
        char line[256];
        long long v = -1;
        while (fgets(line, sizeof line, f))
            if (sscanf(line, "AnonHugePages: %lld kB", &v) == 1) break;
        fclose(f);
        if (v >= 0) {
            anon_system_wide = k == 1;
            return v;
        }
    }
    return -1;
}

/* Neither libsystec nor the bench calls madvise, so the mode alone decides
 * unless huge pages show up. */
void page_policy_line(char *out, size_t size, const char *thp, long long anon)
{
    const char *claim;
    if (anon > 0)
        claim = "-> some arrays ARE on 2 MiB pages (THP), for both kernels alike";
    else if (!strcmp(thp, "always"))
        claim = "-> the kernel may use 2 MiB pages for both kernels (none seen in use)";
    else
        claim = "-> 4 KiB pages for both kernels";
    char anon_s[96];
    if (anon >= 0)
        snprintf(anon_s, sizeof anon_s, "%lld kB%s", anon,
                 anon_system_wide ? " system-wide (/proc/meminfo)" : "");
    else
        snprintf(anon_s, sizeof anon_s, "unknown");
    snprintf(out, size,
             "THP mode [%s]; no madvise by libsystec or systec-bench %s "
             "(AnonHugePages in use: %s)",
             thp, claim, anon_s);
}

void machine_facts(bench_machine_t *m)
{
    memset(m, 0, sizeof *m);
    read_cpu_model(m->cpu, sizeof m->cpu);
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    m->cores = c > 0 ? (int)c : -1;
    m->compiler = compiler_string();
    m->library = systec_version_string();
    read_thp_mode(m->thp, sizeof m->thp);
    m->anon_huge_kb = -1;
    m->stream_gbs = NAN;
    m->stream_threads = -1;
}

void machine_stream(bench_machine_t *m, int threads, double given)
{
    m->stream_threads = threads;
    if (isfinite(given)) {
        m->stream_gbs = given;
        fprintf(stderr, "STREAM triad %.1f GB/s (given by --stream-gbs)\n", given);
        return;
    }
    stream_result_t sr;
    char serr[256];
    if (stream_measure(threads, &sr, serr, sizeof serr) != 0) {
        fprintf(stderr, "%s: %s; GB/s are reported without the roof\n", prog, serr);
        return;
    }
    m->stream_gbs = sr.triad_gbs;
    fprintf(stderr,
            "STREAM (measured now, %d thread%s, 3 x %zu MiB arrays, best of %d): "
            "copy %.1f GB/s, triad %.1f GB/s (%.2f s)\n",
            sr.threads, sr.threads == 1 ? "" : "s", sr.array_bytes >> 20, sr.passes, sr.copy_gbs,
            sr.triad_gbs, sr.seconds);
}

void machine_pages(bench_machine_t *m, long long anon)
{
    m->anon_huge_kb = anon;
    page_policy_line(m->policy, sizeof m->policy, m->thp, anon);
}

void print_library_line(void)
{
    printf("library: libsystec %s (bench built against header %d.%d.%d); kernel variant %s "
           "(SYSTEC_ISA), the plain loops' too\n",
           systec_version_string(), SYSTEC_VERSION_MAJOR, SYSTEC_VERSION_MINOR,
           SYSTEC_VERSION_PATCH, systec_isa());
}
