/* The library's one door to the heap: every allocation in src/ goes through
 * these wrappers, so a test build can fail any of them.
 *
 * In a build configured with -DSYSTEC_FAULT_INJECTION=ON (tests only; that
 * copy of the library is never installed) the wrappers count allocations
 * and the live blocks, and fail the k-th allocation after
 * systec__fault_arm(k): the fault-injection test walks k = 1, 2, ... over
 * every public call until one completes, checking each failure's status,
 * that nothing leaked and that the outputs were left alone. In the normal
 * build the wrappers are the C library's functions and nothing more. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#ifdef SYSTEC_FAULT_INJECTION
#include <stdatomic.h>

static atomic_long fault_at;    /* fail the allocation with this number (0: never) */
static atomic_long fault_count; /* allocations attempted since the last arm */
static atomic_long fault_live;  /* blocks allocated and not yet freed */

void systec__fault_arm(long k)
{
    atomic_store(&fault_count, 0);
    atomic_store(&fault_at, k);
}

long systec__fault_count(void) { return atomic_load(&fault_count); }

long systec__fault_live(void) { return atomic_load(&fault_live); }

/* Counts an attempted allocation; 1 if it is the one to fail. */
static int fault_now(void)
{
    long k = atomic_fetch_add(&fault_count, 1) + 1;
    return k == atomic_load(&fault_at);
}

static void *counted(void *p)
{
    if (p) atomic_fetch_add(&fault_live, 1);
    return p;
}

void *systec__malloc(size_t size) { return fault_now() ? NULL : counted(malloc(size)); }

void *systec__calloc(size_t count, size_t size)
{
    return fault_now() ? NULL : counted(calloc(count, size));
}

void *systec__realloc(void *p, size_t size)
{
    if (fault_now()) return NULL;
    if (!p) return counted(realloc(p, size));
    return realloc(p, size); /* a moved block is still one live block */
}

void systec__free(void *p)
{
    if (p) atomic_fetch_sub(&fault_live, 1);
    free(p);
}

#else

void *systec__malloc(size_t size) { return malloc(size); }
void *systec__calloc(size_t count, size_t size) { return calloc(count, size); }
void *systec__realloc(void *p, size_t size) { return realloc(p, size); }
void systec__free(void *p) { free(p); }

#endif

char *systec__strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = systec__malloc(n);
    if (c) memcpy(c, s, n);
    return c;
}
