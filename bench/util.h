/*
 * systec-bench's small helpers: allocation that exits on failure (the bench
 * is a program, not the library), strings and directory listings.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stddef.h>

extern const char *prog; /* "systec-bench", the prefix of every message */

void *xmalloc(size_t size);              /* exits on failure */
void *xrealloc(void *p, size_t size);    /* exits on failure */
char *xstrdup(const char *s);
void *xalloc_aligned(size_t size);       /* 64-byte aligned; free() it */

int has_suffix(const char *s, const char *suf);
int cmp_str(const void *a, const void *b); /* qsort on char * */
int is_directory(const char *path);

/* The files directly inside dir whose names accept() takes (not hidden, not
 * directories), as full paths sorted by name, in *out (free each and the
 * array); returns how many, or -1 if dir cannot be listed (errno set). */
int list_files(const char *dir, int (*accept)(const char *name), char ***out);

/* "dir/name.ext" -> "name" (a new string), the first of the suffixes exts
 * (tried in order) removed. */
char *base_name(const char *path, const char *const *exts, int nexts);

#endif /* BENCH_UTIL_H */
