/* The list of inputs (inputs.h). */
#include "inputs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

input_t *inputs_push(inputs_t *l, int kind, const char *path, const char *name)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    input_t *e = &l->v[l->n++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->path = path ? xstrdup(path) : NULL;
    e->name = name ? xstrdup(name) : NULL;
    e->paper = -1;
    return e;
}

int inputs_add_dir(inputs_t *l, const char *dir, int (*accept)(const char *name),
                   const char *const *exts, int nexts)
{
    char **names = NULL;
    int nn = list_files(dir, accept, &names);
    for (int k = 0; k < nn; k++) {
        input_t *e = inputs_push(l, IN_FILE, names[k], NULL);
        e->name = base_name(names[k], exts, nexts);
        free(names[k]);
    }
    free(names);
    return nn;
}

input_t *inputs_dir_error(inputs_t *l, const char *dir)
{
    char msg[512];
    snprintf(msg, sizeof msg, "cannot list directory: %s", strerror(errno));
    input_t *e = inputs_push(l, IN_FILE, dir, dir);
    e->dir_error = xstrdup(msg);
    return e;
}

void inputs_free(inputs_t *l)
{
    for (int i = 0; i < l->n; i++) {
        free(l->v[i].path);
        free(l->v[i].name);
        free(l->v[i].dir_error);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}
