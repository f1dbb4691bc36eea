/* The --csv file (csv_out.h). */
#include "csv_out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

FILE *csv_open(const char *path)
{
    if (!path) return NULL;
    FILE *f = fopen(path, "w");
    if (f) return f;
    fprintf(stderr, "%s: cannot create CSV file %s: %s\n", prog, path, strerror(errno));
    exit(2);
}

int csv_close(FILE *f, const char *path)
{
    int werr = ferror(f);
    if (fclose(f) != 0) werr = 1;
    if (werr) fprintf(stderr, "%s: error writing CSV file %s\n", prog, path);
    return werr ? 1 : 0;
}
