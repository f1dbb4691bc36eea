/* SYSTEC_VERBOSE: the library's only output, off by default. When the
 * variable is set to anything but 0 or empty, each dispatch decision is
 * logged to stderr, one line each. */
#include "internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int verbose;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void read_env(void)
{
    const char *v = getenv("SYSTEC_VERBOSE");
    verbose = v && *v && !(v[0] == '0' && v[1] == 0);
}

int systec__verbose(void)
{
    pthread_once(&once, read_env);
    return verbose;
}

void systec__log(const char *fmt, ...)
{
    if (!systec__verbose()) return;
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "[systec] %s\n", line); /* one write per line: lines of threads do not mix */
}
