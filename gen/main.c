/* systec-gen: the symmetry compiler's driver. */
#include "ir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fputs("usage: systec-gen --out-dir DIR [--registry NAME] SPEC...\n"
          "                                          write systec_kernels.h, gen_<spec>.c per\n"
          "                                          spec and the registry tables NAME_meta.c,\n"
          "                                          NAME_impl.c (default NAME systec__kernels)\n"
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
    KernelInfo *info = calloc(MAX_GEN_KERNELS, sizeof *info);
    if (!specs || !units || !info) {
        fprintf(stderr, "systec-gen: out of memory\n");
        return 1;
    }
    char err[512];
    int rc = 0;
    int nk = 0;
    for (int k = 0; k < nspec; k++) {
        if (spec_parse_file(argv[a + k], &specs[k], err, sizeof err)) {
            fprintf(stderr, "systec-gen: %s\n", err);
            rc = 1;
            goto done;
        }
        for (int w = 0; w < specs[k].nwarn; w++) fprintf(stderr, "systec-gen: %s\n", specs[k].warn[w]);
        for (int j = 0; j < k; j++)
            if (!strcmp(specs[j].kernel, specs[k].kernel)) {
                fprintf(stderr, "systec-gen: %s: kernel %s already defined in %s\n", argv[a + k],
                        specs[k].kernel, specs[j].path);
                rc = 1;
                goto done;
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
                rc = 1;
                goto done;
            }
            continue;
        }
        units[k].first = nk;
        int n = lower_spec(&specs[k], &units[k].code, &units[k].decl, info + nk, MAX_GEN_KERNELS - nk,
                           err, sizeof err);
        if (n < 0) {
            fprintf(stderr, "systec-gen: %s\n", err);
            rc = 1;
            goto done;
        }
        units[k].count = n;
        for (int e = 0; e < specs[k].nemit; e++) { /* every emit name must name a storage */
            int found = 0;
            for (int q = nk; q < nk + n; q++) found |= !strcmp(info[q].storage, specs[k].emit[e]);
            if (!found) {
                fprintf(stderr, "systec-gen: %s: emit names '%s', a storage this spec's "
                                "lowering does not produce\n", specs[k].path, specs[k].emit[e]);
                rc = 1;
                goto done;
            }
        }
        nk += n;
    }
    if (ir) goto done;
    if (list) {
        for (int k = 0; k < nk; k++)
            printf("%s\t%s\t%s\t%s\t%c\t%s\n", info[k].name, info[k].op, info[k].storage,
                   info[k].sched, info[k].dtype, info[k].i64 ? "i64" : "i32");
        goto done;
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
            rc = 1;
        }
        goto done;
    }

    if (emit_outputs(outdir, reg, specs, units, nspec, info, nk)) rc = 1;
done: /* every way out frees what was built (a clean LeakSanitizer run) */
    for (int u = 0; u < nspec; u++) {
        out_free(&units[u].code);
        out_free(&units[u].decl);
    }
    free(specs);
    free(units);
    free(info);
    return rc;
}
