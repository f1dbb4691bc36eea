/* Hardware counters through PAPI (counters.h). */
#include "counters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef TK_HAVE_PAPI
#include <papi.h>
#endif

/* Why the machine shows no counters, from what Linux says. */
static void why_none(tk_counters_t *c, const char *papi_said)
{
    FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
    int paranoid = 0;
    if (f) {
        if (fscanf(f, "%d", &paranoid) != 1) paranoid = 0;
        fclose(f);
    }
    if (access("/sys/bus/event_source/devices/cpu", F_OK))
        snprintf(c->why, sizeof c->why, "none: this machine exposes no hardware PMU to Linux "
                 "(usual in a virtual machine), so %s; timing by wall clock only", papi_said);
    else if (paranoid > 2)
        snprintf(c->why, sizeof c->why, "none: kernel.perf_event_paranoid = %d forbids counting "
                 "(%s); timing by wall clock only", paranoid, papi_said);
    else
        snprintf(c->why, sizeof c->why, "none: %s; timing by wall clock only", papi_said);
}

void tk_counters_probe(tk_counters_t *c)
{
    memset(c, 0, sizeof *c);
#ifdef TK_HAVE_PAPI
    c->eventset = -1; /* PAPI_NULL */
    if (PAPI_library_init(PAPI_VER_CURRENT) != PAPI_VER_CURRENT) {
        why_none(c, "PAPI did not initialise");
        return;
    }
    static const char *const events[] = {"PAPI_L3_TCM", "PAPI_L2_TCM", "perf::LLC-LOAD-MISSES"};
    int es = PAPI_NULL, rc = PAPI_create_eventset(&es);
    for (int k = 0; k < 3 && rc == PAPI_OK; k++)
        if (PAPI_add_named_event(es, events[k]) == PAPI_OK) {
            snprintf(c->event, sizeof c->event, "%s", events[k]);
            c->eventset = es;
            c->available = 1;
            snprintf(c->why, sizeof c->why, "PAPI %d.%d: %s (memory traffic = misses x 64 B)",
                     PAPI_VERSION_MAJOR(PAPI_VERSION), PAPI_VERSION_MINOR(PAPI_VERSION), events[k]);
            return;
        }
    why_none(c, "PAPI finds no cache-miss event");
#else
    snprintf(c->why, sizeof c->why, "none: built without PAPI (install libpapi-dev); timing by "
             "wall clock only");
#endif
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double tk_counters_bytes(tk_counters_t *c, void (*run)(void *ctx), void *ctx)
{
    if (!c->available) return -1;
#ifdef TK_HAVE_PAPI
    double b[5];
    for (int k = 0; k < 5; k++) {
        long long v = 0;
        if (PAPI_start(c->eventset) != PAPI_OK) return -1;
        run(ctx);
        if (PAPI_stop(c->eventset, &v) != PAPI_OK) return -1;
        b[k] = 64.0 * (double)v;
    }
    qsort(b, 5, sizeof *b, cmp_double);
    return b[2];
#else
    (void)run;
    (void)ctx;
    return -1;
#endif
}
