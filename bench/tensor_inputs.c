/* The tensor operations' inputs (tensor_inputs.h). */
#include "tensor_inputs.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paper_figures.h"
#include "systec.h"
#include "util.h"

static int is_tensor_file(const char *s)
{
    return has_suffix(s, ".tns") || has_suffix(s, ".tns.gz") || has_suffix(s, ".ssten");
}

static const char *const tensor_exts[] = {".tns.gz", ".tns", ".ssten", ".gz"};

static void set_rank(inputs_t *l, int from, int64_t rank)
{
    for (int i = from; i < l->n; i++) {
        l->v[i].nrank = 1;
        l->v[i].rank[0] = rank;
    }
}

/* A directory: its own tensor files, then those of lvgna_triangles/ (where
 * the data keeps the LVGNA triangle tensors). */
static void add_directory(inputs_t *l, const char *dir)
{
    int nn = inputs_add_dir(l, dir, is_tensor_file, tensor_exts, 4);
    if (nn < 0) {
        inputs_dir_error(l, dir);
        return;
    }
    size_t len = strlen(dir) + 32;
    char *sub = xmalloc(len);
    snprintf(sub, len, "%s%slvgna_triangles", dir, has_suffix(dir, "/") ? "" : "/");
    if (is_directory(sub)) {
        int ns = inputs_add_dir(l, sub, is_tensor_file, tensor_exts, 4);
        if (ns < 0)
            fprintf(stderr, "%s: warning: cannot list %s: %s\n", prog, sub, strerror(errno));
        else
            nn += ns;
    }
    free(sub);
    if (nn == 0)
        fprintf(stderr, "%s: warning: no *.tns, *.tns.gz or *.ssten files in %s\n", prog, dir);
}

static input_t *add_synthetic(inputs_t *l, int kind, tensor_cfg_t c, int nrank,
                              const int64_t *rank)
{
    char buf[96];
    snprintf(buf, sizeof buf, "sym%d-n%lld-sp%g", c.order, (long long)c.n, c.sp);
    input_t *e = inputs_push(l, kind, NULL, buf);
    e->cfg = c;
    e->nrank = nrank;
    for (int q = 0; q < nrank; q++) e->rank[q] = rank[q];
    return e;
}

void tensor_inputs(inputs_t *in, const bench_op_t *op, const bench_options_t *o)
{
    static const int64_t one[2] = {1, 1};
    const int64_t rank = op->ten->no_rank ? 1 : o->rank;
    for (int p = 0; p < o->npaths; p++) {
        const int from = in->n;
        if (is_directory(o->paths[p])) {
            add_directory(in, o->paths[p]);
        } else { /* unreadable: reported when run */
            input_t *e = inputs_push(in, IN_FILE, o->paths[p], NULL);
            e->name = base_name(o->paths[p], tensor_exts, 4);
        }
        set_rank(in, from, rank);
    }
    /* --quick keeps the low rank only (the high ranks' dense outputs and
     * references take most of the time) */
    if (o->synthetic)
        for (int p = 0; op->ten->paper[p].order; p++) {
            const paper_tensor_t *c = &op->ten->paper[p];
            tensor_cfg_t cfg = {c->order, c->n, c->sp};
            add_synthetic(in, IN_PAPER, cfg, op->ten->no_rank || o->quick ? 1 : 2,
                          op->ten->no_rank ? one : c->rank)->paper = p;
        }
    for (int c = 0; c < o->ncfg; c++) add_synthetic(in, IN_CUSTOM, o->cfg[c], 1, &rank);
}

int parse_tensor_cfg(const char *s, tensor_cfg_t *out)
{
    char *end;
    errno = 0;
    long order = strtol(s, &end, 10);
    int ok = end != s && *end == ':' && order >= 2 && order <= SYSTEC_MAX_ORDER;
    long long n = 0;
    double sp = 0;
    if (ok) {
        const char *p = end + 1;
        n = strtoll(p, &end, 10);
        ok = end != p && *end == ':' && n >= 1 && n <= INT32_MAX;
    }
    if (ok) {
        const char *p = end + 1;
        sp = strtod(p, &end);
        ok = end != p && *end == '\0' && sp > 0 && sp <= 1;
    }
    if (!ok || errno) {
        fprintf(stderr,
                "%s: --tensor needs ORDER:N:SP (ORDER 2..%d, N >= 1, 0 < SP <= 1), got '%s'\n",
                prog, SYSTEC_MAX_ORDER, s);
        return -1;
    }
    out->order = (int)order;
    out->n = n;
    out->sp = sp;
    return 0;
}
