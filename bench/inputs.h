/*
 * The inputs of a run, in order: files (given, or found in a directory)
 * and generated ones (--synthetic, --tensor). Matrices and tensors use the
 * same list; tensors also carry their configuration and ranks.
 */
#ifndef BENCH_INPUTS_H
#define BENCH_INPUTS_H

#include <stdint.h>

#include "options.h" /* tensor_cfg_t */

#define INPUT_MAX_RANKS 2 /* ranks per tensor: the paper's two, or --rank */

enum { IN_FILE, IN_STENCIL, IN_RANDOM, IN_PAPER, IN_CUSTOM };

typedef struct input {
    int kind;
    char *path, *name;
    char *dir_error;  /* set if a directory could not be listed */
    tensor_cfg_t cfg; /* IN_PAPER, IN_CUSTOM */
    int paper;        /* IN_PAPER: its index in the operation's paper configurations */
    int nrank;
    int64_t rank[INPUT_MAX_RANKS];
} input_t;

typedef struct inputs {
    input_t *v;
    int n, cap;
} inputs_t;

/* A new entry (copies of path and name, either may be NULL). */
input_t *inputs_push(inputs_t *l, int kind, const char *path, const char *name);
/* Adds the files directly inside dir that accept() takes, sorted by name,
 * each named by its base name without the first of exts that matches;
 * returns how many, or -1 (errno set) if dir cannot be listed. */
int inputs_add_dir(inputs_t *l, const char *dir, int (*accept)(const char *name),
                   const char *const *exts, int nexts);
/* An entry for dir saying it could not be listed (strerror(errno)). */
input_t *inputs_dir_error(inputs_t *l, const char *dir);
void inputs_free(inputs_t *l);

#endif /* BENCH_INPUTS_H */
