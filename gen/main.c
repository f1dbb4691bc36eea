/* systec-gen: the symmetry compiler's driver. */
#include "ir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KERNELS 512

static void usage(FILE *f)
{
    fputs("usage: systec-gen --out-dir DIR [--registry NAME] SPEC...\n"
          "                                          write systec_kernels.{c,h} (kernels and\n"
          "                                          the registry table NAME, default\n"
          "                                          systec__kernels; NAME_count holds its size)\n"
          "       systec-gen --print NAME SPEC...     print the C code of the kernels whose "
          "symbol\n"
          "                                          or spec kernel name is NAME\n"
          "       systec-gen --ir SPEC...             print each spec's symmetrized program\n"
          "                                          (faces, normalized updates, factors)\n"
          "       systec-gen --list SPEC...           list the kernels the specs generate\n"
          "       systec-gen --explain SPEC...        the symmetry found, the faces, the\n"
          "                                          factors and the updates per canonical\n"
          "                                          entry against the naive count\n"
          "The spec language is described in gen/README.md.\n",
          f);
}

static int write_file(const char *dir, const char *name, const Out *o)
{
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f || fwrite(o->buf, 1, o->len, f) != o->len || fclose(f)) {
        fprintf(stderr, "systec-gen: cannot write %s\n", tmp);
        return -1;
    }
    if (rename(tmp, path)) {
        fprintf(stderr, "systec-gen: cannot rename %s to %s\n", tmp, path);
        return -1;
    }
    return 0;
}

/* Generated code per spec, kept apart so --print can pick kernels. */
typedef struct {
    Out code, decl;
    int first, count; /* range in the KernelInfo array */
} Unit;

int main(int argc, char **argv)
{
    const char *outdir = NULL, *print = NULL, *reg = "systec__kernels";
    int ir = 0, list = 0, explain = 0, a = 1;
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    for (; a < argc && argv[a][0] == '-'; a++) {
        if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[a], "--out-dir") && a + 1 < argc) {
            outdir = argv[++a];
        } else if (!strcmp(argv[a], "--registry") && a + 1 < argc) {
            reg = argv[++a];
        } else if (!strcmp(argv[a], "--print") && a + 1 < argc) {
            print = argv[++a];
        } else if (!strcmp(argv[a], "--ir")) {
            ir = 1;
        } else if (!strcmp(argv[a], "--explain")) {
            ir = explain = 1;
        } else if (!strcmp(argv[a], "--list")) {
            list = 1;
        } else {
            fprintf(stderr, "systec-gen: unknown or incomplete option %s\n", argv[a]);
            usage(stderr);
            return 2;
        }
    }
    if (a == argc || (!outdir && !print && !ir && !list)) {
        usage(stderr);
        return 2;
    }
    int nspec = argc - a;
    Spec *specs = calloc((size_t)nspec, sizeof *specs);
    Unit *units = calloc((size_t)nspec, sizeof *units);
    KernelInfo *info = calloc(MAX_KERNELS, sizeof *info);
    if (!specs || !units || !info) {
        fprintf(stderr, "systec-gen: out of memory\n");
        return 1;
    }
    char err[512];
    int nk = 0;
    for (int k = 0; k < nspec; k++) {
        if (spec_parse_file(argv[a + k], &specs[k], err, sizeof err)) {
            fprintf(stderr, "systec-gen: %s\n", err);
            return 1;
        }
        for (int w = 0; w < specs[k].nwarn; w++) fprintf(stderr, "systec-gen: %s\n", specs[k].warn[w]);
        for (int j = 0; j < k; j++)
            if (!strcmp(specs[j].kernel, specs[k].kernel)) {
                fprintf(stderr, "systec-gen: %s: kernel %s already defined in %s\n", argv[a + k],
                        specs[k].kernel, specs[j].path);
                return 1;
            }
        if (ir) {
            Program p;
            if (specs[k].sym_tensor < 0 && program_identity(&p, &specs[k]) == 0) {
                Program q;
                if (symmetrize(&q, &specs[k], err, sizeof err) == 0) {
                    (explain ? print_explain : print_program)(stdout, &q);
                    program_free(&q);
                } else {
                    print_program(stdout, &p);
                    printf("(%s)\n", err);
                }
                program_free(&p);
            } else if (symmetrize(&p, &specs[k], err, sizeof err) == 0) {
                (explain ? print_explain : print_program)(stdout, &p);
                program_free(&p);
            } else {
                fprintf(stderr, "systec-gen: %s\n", err);
                return 1;
            }
            continue;
        }
        units[k].first = nk;
        int n = lower_spec(&specs[k], &units[k].code, &units[k].decl, info + nk, MAX_KERNELS - nk,
                           err, sizeof err);
        if (n < 0) {
            fprintf(stderr, "systec-gen: %s\n", err);
            return 1;
        }
        units[k].count = n;
        nk += n;
    }
    if (ir) return 0;
    if (list) {
        for (int k = 0; k < nk; k++)
            printf("%s\t%s\t%s\t%s\t%c\t%s\n", info[k].name, info[k].op, info[k].storage,
                   info[k].sched, info[k].dtype, info[k].i64 ? "i64" : "i32");
        return 0;
    }
    if (print) {
        int shown = 0;
        for (int u = 0; u < nspec; u++) {
            /* kernels are emitted back to back, each starting with its comment line */
            const char *code = units[u].code.buf;
            for (int k = units[u].first; k < units[u].first + units[u].count; k++) {
                if (strcmp(info[k].name, print) && strcmp(info[k].op, print)) continue;
                char marker[160];
                snprintf(marker, sizeof marker, "/* %s:", info[k].name);
                const char *b = strstr(code, marker);
                const char *e = b ? strstr(b + 1, "\n/* ") : NULL;
                if (!b) continue;
                fwrite(b, 1, e ? (size_t)(e - b) + 1 : strlen(b), stdout);
                shown++;
            }
        }
        if (!shown) {
            fprintf(stderr, "systec-gen: no kernel named %s (try --list)\n", print);
            return 1;
        }
        return 0;
    }

    Out c = {0}, h = {0};
    out_printf(&h, "/* Generated by systec-gen from the specs in gen/kernels. Do not edit. */\n"
                   "#ifndef SYSTEC_KERNELS_H\n#define SYSTEC_KERNELS_H\n#include <stdint.h>\n\n"
                   "typedef void (*systec_kfn)(void);\n"
                   "typedef struct {\n    const char *name, *op, *storage, *sched;\n"
                   "    char dtype; /* 's' or 'd' */\n    int i64, symmetric;\n"
                   "    systec_kfn fn;\n} systec_kernel_entry_t;\n\n"
                   "/* One face of coordinate storage (format coo): nnz entries, each with\n"
                   " * the coordinates of the face's distinct indices and one value. */\n"
                   "typedef struct {\n    int64_t nnz;\n    const int64_t *coord;\n"
                   "    const void *val;\n} systec_gface_t;\n\n"
                   "/* Compressed sparse fibers of an order-N tensor (format coo's baseline):\n"
                   " * level t has nfib[t] nodes with coordinates idx[t]; the children of node\n"
                   " * p of level t < N-1 are ptr[t][p] .. ptr[t][p+1]-1 of level t+1; the\n"
                   " * leaves (level N-1) carry the values. */\n"
                   "typedef struct {\n    int order;\n    int64_t nfib[8];\n"
                   "    const int64_t *ptr[8];\n    const int32_t *idx[8];\n"
                   "    const void *val;\n} systec_csf_t;\n\n"
                   "extern const systec_kernel_entry_t %s[];\n"
                   "extern const int %s_count;\n\n", reg, reg);
    out_printf(&c, "/* Generated by systec-gen from the specs in gen/kernels. Do not edit. */\n"
                   "#include \"systec_kernels.h\"\n#include <math.h>\n#include <stddef.h>\n#include <stdint.h>\n\n"
                   "/* the min of the min-plus semiring, branch-free (a min instruction) */\n"
                   "static inline double systec_min_d(double a, double b) { return a < b ? a : b; }\n"
                   "static inline float systec_min_f(float a, float b) { return a < b ? a : b; }\n"
                   "#define SYSTEC_MIN(a, b) _Generic((a), float: systec_min_f, default: systec_min_d)((a), (b))\n\n");
    for (int u = 0; u < nspec; u++) {
        if (units[u].decl.buf) out_printf(&h, "%s", units[u].decl.buf);
        if (units[u].code.buf) out_printf(&c, "%s", units[u].code.buf);
    }
    out_printf(&h, "\n#endif\n");
    out_printf(&c, "const systec_kernel_entry_t %s[] = {\n", reg);
    for (int k = 0; k < nk; k++)
        out_printf(&c, "    {\"%s\", \"%s\", \"%s\", \"%s\", '%c', %d, %d, (systec_kfn)%s},\n",
                   info[k].name, info[k].op, info[k].storage, info[k].sched, info[k].dtype,
                   info[k].i64, info[k].symmetric, info[k].name);
    out_printf(&c, "};\nconst int %s_count = %d;\n", reg, nk);
    if (write_file(outdir, "systec_kernels.h", &h) || write_file(outdir, "systec_kernels.c", &c))
        return 1;
    for (int u = 0; u < nspec; u++) {
        out_free(&units[u].code);
        out_free(&units[u].decl);
    }
    out_free(&c);
    out_free(&h);
    free(specs);
    free(units);
    free(info);
    return 0;
}
