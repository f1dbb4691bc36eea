/* Instruction-set variants: which of the compiled kernel tables this CPU
 * runs. The kernels are compiled for the x86-64 microarchitecture levels
 * listed in systec_isa_config.h (v2: SSE4.2, v3: AVX2 + FMA, v4: AVX-512);
 * the CPU's level is read with cpuid, and xgetbv says whether the operating
 * system saves the AVX / AVX-512 registers (a CPU feature the OS does not
 * enable is not usable). The choice is made once, at first use:
 * SYSTEC_ISA=<variant> forces a variant (refused if this CPU cannot run it),
 * otherwise the highest level the CPU supports wins. */
#include "kernels.h"
#include "systec_isa_config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define SYSTEC_X86 1
#endif

/* the kernel table of each variant, from the per-ISA objects */
#define DECLARE_TABLE(name, level) extern const systec_kimpl_t systec__kernels_impl_##name[];
SYSTEC_ISA_VARIANTS(DECLARE_TABLE)
#undef DECLARE_TABLE

typedef struct {
    const char *name;
    int level; /* 0: built for one machine, 1: generic, 2-4: x86-64-vN */
    const systec_kimpl_t *table;
} variant;

#define VARIANT_ROW(name, level) {#name, level, systec__kernels_impl_##name},
static const variant variants[] = {SYSTEC_ISA_VARIANTS(VARIANT_ROW)};
#undef VARIANT_ROW
enum { NVARIANTS = sizeof variants / sizeof variants[0] };

#ifdef SYSTEC_X86
static unsigned long long xcr0(void)
{
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}

/* The x86-64 microarchitecture level this CPU and OS support (1 to 4). */
static int cpu_level(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 1;
    unsigned c1 = c;
    unsigned e1c = 0, e7b = 0;
    if (__get_cpuid(0x80000001u, &a, &b, &c, &d)) e1c = c;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) e7b = b;
#define BIT(r, k) (((r) >> (k)) & 1u)
    /* v2: CX16, SSE3, SSSE3, SSE4.1, SSE4.2, POPCNT, LAHF/SAHF */
    if (!(BIT(c1, 13) && BIT(c1, 0) && BIT(c1, 9) && BIT(c1, 19) && BIT(c1, 20) &&
          BIT(c1, 23) && BIT(e1c, 0)))
        return 1;
    /* v3: AVX, AVX2, BMI1, BMI2, F16C, FMA, LZCNT, MOVBE, with the OS saving
     * the SSE and AVX state */
    int osxsave = BIT(c1, 27);
    unsigned long long x = osxsave ? xcr0() : 0;
    if (!(BIT(c1, 28) && BIT(e7b, 5) && BIT(e7b, 3) && BIT(e7b, 8) && BIT(c1, 29) &&
          BIT(c1, 12) && BIT(e1c, 5) && BIT(c1, 22) && (x & 6) == 6))
        return 2;
    /* v4: AVX512F, BW, CD, DQ, VL, with the OS saving the opmask and ZMM state */
    if (!(BIT(e7b, 16) && BIT(e7b, 30) && BIT(e7b, 28) && BIT(e7b, 17) && BIT(e7b, 31) &&
          (x & 0xe0) == 0xe0))
        return 3;
    return 4;
#undef BIT
}
#else
static int cpu_level(void) { return 1; }
#endif

static struct {
    int chosen;       /* index into variants, or -1 */
    int level;        /* the CPU's */
    char refused[256]; /* why no variant was taken */
} state = {-1, 0, ""};
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int runs(int v, int level) { return variants[v].level <= level; }

static void choose(void)
{
    state.level = cpu_level();
    const char *want = getenv("SYSTEC_ISA");
    if (want && *want && strcmp(want, "auto")) {
        char names[128] = "";
        for (int v = 0; v < NVARIANTS; v++) {
            if (!strcmp(variants[v].name, want)) {
                if (runs(v, state.level)) {
                    state.chosen = v;
                    return;
                }
                snprintf(state.refused, sizeof state.refused,
                         "SYSTEC_ISA=%s: this CPU (and OS) supports x86-64 up to level v%d, the "
                         "%s kernels need v%d", want, state.level, want, variants[v].level);
                return;
            }
            size_t l = strlen(names);
            snprintf(names + l, sizeof names - l, "%s%s", l ? ", " : "", variants[v].name);
        }
        snprintf(state.refused, sizeof state.refused,
                 "SYSTEC_ISA=%s is not a variant of this build (it has: %s; or auto)", want, names);
        return;
    }
    for (int v = 0; v < NVARIANTS; v++)
        if (runs(v, state.level) && (state.chosen < 0 || variants[v].level > variants[state.chosen].level))
            state.chosen = v;
    if (state.chosen < 0)
        snprintf(state.refused, sizeof state.refused,
                 "this CPU supports x86-64 up to level v%d; the library's kernels need v%d or more",
                 state.level, variants[0].level);
}

const systec_kimpl_t *systec__ktable(void)
{
    pthread_once(&once, choose);
    return state.chosen >= 0 ? variants[state.chosen].table : NULL;
}

systec_status_t systec__ktable_get(const systec_kimpl_t **table)
{
    *table = systec__ktable();
    return *table ? SYSTEC_SUCCESS : systec__fail(SYSTEC_ERR_ISA, "%s", state.refused);
}

const char *systec__isa_chosen(void)
{
    return systec__ktable() ? variants[state.chosen].name : NULL;
}

int systec__isa_count(void) { return NVARIANTS; }
const char *systec__isa_name(int v) { return variants[v].name; }
const systec_kimpl_t *systec__isa_table(int v) { return variants[v].table; }

int systec__isa_runs(int v)
{
    pthread_once(&once, choose);
    return runs(v, state.level);
}

/* The compiled variants' names, space-separated. */
static char compiled[128];
static pthread_once_t listed = PTHREAD_ONCE_INIT;

static void list_compiled(void)
{
    for (int v = 0; v < NVARIANTS; v++) {
        size_t l = strlen(compiled);
        snprintf(compiled + l, sizeof compiled - l, "%s%s", l ? " " : "", variants[v].name);
    }
}

const char *systec_isa_compiled(void)
{
    pthread_once(&listed, list_compiled);
    return compiled;
}

const char *systec_isa(void)
{
    const char *name = systec__isa_chosen();
    return name ? name : "none";
}
