/* systec-bench's small helpers (util.h). */
#include "util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *prog = "systec-bench";

static void out_of_memory(size_t size)
{
    fprintf(stderr, "%s: out of memory (%zu bytes)\n", prog, size);
    exit(1);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) out_of_memory(size);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) out_of_memory(size);
    return q;
}

char *xstrdup(const char *s)
{
    size_t l = strlen(s) + 1;
    char *p = xmalloc(l);
    memcpy(p, s, l);
    return p;
}

/* size rounded up, as C11 aligned_alloc requires */
void *xalloc_aligned(size_t size)
{
    size_t sz = (size + 63) / 64 * 64;
    void *p = aligned_alloc(64, sz ? sz : 64);
    if (!p) out_of_memory(size);
    return p;
}

int has_suffix(const char *s, const char *suf)
{
    size_t ls = strlen(s), lf = strlen(suf);
    return ls >= lf && strcmp(s + ls - lf, suf) == 0;
}

int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int list_files(const char *dir, int (*accept)(const char *name), char ***out)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    char **names = NULL;
    int nn = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *s = de->d_name;
        if (s[0] == '.' || !accept(s)) continue;
        size_t l = strlen(dir) + strlen(s) + 2;
        char *full = xmalloc(l);
        snprintf(full, l, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", s);
        if (is_directory(full)) {
            free(full);
            continue;
        }
        if (nn == cap) {
            cap = cap ? 2 * cap : 32;
            names = xrealloc(names, (size_t)cap * sizeof *names);
        }
        names[nn++] = full;
    }
    closedir(d);
    if (nn > 0) qsort(names, (size_t)nn, sizeof *names, cmp_str);
    *out = names;
    return nn;
}

char *base_name(const char *path, const char *const *exts, int nexts)
{
    const char *b = strrchr(path, '/');
    b = b && b[1] ? b + 1 : path; /* "dir/" keeps the whole path */
    char *n = xstrdup(b);
    for (int k = 0; k < nexts; k++)
        if (has_suffix(n, exts[k])) {
            n[strlen(n) - strlen(exts[k])] = '\0';
            break;
        }
    return n;
}
