/* Status strings, the per-thread error detail, and version queries. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last_error[512];

systec_status_t systec__fail(systec_status_t status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return status;
}

void systec__clear_error(void) { last_error[0] = '\0'; }

const char *systec_last_error(void) { return last_error; }

const char *systec_strerror(systec_status_t status)
{
    switch (status) {
    case SYSTEC_SUCCESS: return "success";
    case SYSTEC_ERR_NULL_POINTER: return "a required pointer argument is NULL";
    case SYSTEC_ERR_INVALID_SIZE: return "negative or inconsistent size";
    case SYSTEC_ERR_INVALID_VALUE: return "invalid enum or flag value";
    case SYSTEC_ERR_INVALID_POINTERS:
        return "row pointers must start at 0 and be non-decreasing";
    case SYSTEC_ERR_INDEX_OUT_OF_RANGE: return "index out of range";
    case SYSTEC_ERR_WRONG_TRIANGLE: return "entry outside the declared triangle";
    case SYSTEC_ERR_NOT_SQUARE: return "symmetric data must be square";
    case SYSTEC_ERR_NOT_SYMMETRIC: return "full input is not symmetric";
    case SYSTEC_ERR_TYPE_MISMATCH: return "value or index type differs from the handle's";
    case SYSTEC_ERR_INDEX_OVERFLOW: return "size does not fit the index type";
    case SYSTEC_ERR_INVALID_OBJECT: return "invalid or freed handle";
    case SYSTEC_ERR_PATTERN: return "values given for another pattern than the handle's";
    case SYSTEC_ERR_OUT_OF_MEMORY: return "out of memory";
    case SYSTEC_ERR_IO: return "file cannot be opened, read or written";
    case SYSTEC_ERR_PARSE: return "malformed input file";
    case SYSTEC_ERR_UNSUPPORTED: return "input valid but not supported by this build";
    case SYSTEC_ERR_ISA: return "the kernel variant SYSTEC_ISA asks for cannot run on this CPU";
    case SYSTEC_ERR_PROFILE: return "tuning profile rejected (corrupt, truncated, foreign, stale or newer)";
    case SYSTEC_ERR_INTERNAL: return "internal error";
    }
    return "unknown status code";
}

void systec_version(int *major, int *minor, int *patch)
{
    if (major) *major = SYSTEC_VERSION_MAJOR;
    if (minor) *minor = SYSTEC_VERSION_MINOR;
    if (patch) *patch = SYSTEC_VERSION_PATCH;
}

#define SYSTEC_STR2(x) #x
#define SYSTEC_STR(x) SYSTEC_STR2(x)
const char *systec_version_string(void)
{
    return SYSTEC_STR(SYSTEC_VERSION_MAJOR) "." SYSTEC_STR(SYSTEC_VERSION_MINOR) "." SYSTEC_STR(
        SYSTEC_VERSION_PATCH);
}
