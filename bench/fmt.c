/* Number formats (fmt.h). */
#include "fmt.h"

#include <math.h>
#include <stdio.h>

const char *fmt_ms(char *buf, size_t size, double ms)
{
    if (!(ms > 0) || !isfinite(ms)) {
        snprintf(buf, size, "-");
        return buf;
    }
    int dec = 3 - (int)floor(log10(ms));
    if (dec < 0) dec = 0;
    if (dec > 8) dec = 8;
    snprintf(buf, size, "%.*f", dec, ms);
    return buf;
}

const char *fmt_count(char *buf, size_t size, int64_t v)
{
    if (v < 0)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%lld", (long long)v);
    return buf;
}

const char *fmt_range(char *buf, size_t size, const series_t *s)
{
    snprintf(buf, size, "%.2f [%.2f-%.2f]", s->med, s->min, s->max);
    return buf;
}
