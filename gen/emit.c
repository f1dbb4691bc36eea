/* systec-gen's output files: the generated glue around the kernels.
 *
 *   systec_kernels.h   types the kernels and the runtime share (call
 *                      arguments, registry entries), the generated enums
 *                      (operation, storage, schedule, kernel id), kernel
 *                      prototypes and pointer types, the specs' constant
 *                      tables, and per-ISA symbol names
 *   gen_<spec>.c       one file per spec: its kernels and their call thunks;
 *                      compiled once per instruction-set variant, with
 *                      SYSTEC_ISA_SUFFIX naming the variant's symbols
 *   <reg>_impl.c       the kernel table of one ISA variant (per-ISA too)
 *   <reg>_meta.c       what each kernel is and the family table from
 *                      (operation, storage, schedule, type, width) to id;
 *                      compiled once
 *
 * A kernel id is a generated enum constant, SYSTEC_K_<name> for the kernel
 * systec_k_<name>: runtime code that names a kernel the specs no longer
 * produce does not compile. */
#include "ir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes o to dir/name unless the file already holds exactly that (so a
 * regeneration that changes one spec recompiles one file). */
static int write_if_changed(const char *dir, const char *name, const Out *o)
{
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (f) {
        char *old = malloc(o->len + 1);
        size_t got = old ? fread(old, 1, o->len + 1, f) : 0;
        int same = old && got == o->len && !memcmp(old, o->buf, o->len);
        free(old);
        fclose(f);
        if (same) return 0;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    f = fopen(tmp, "wb");
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

/* ------------------------------------------------------------- name sets */

/* The distinct values of one KernelInfo field, in order of first appearance:
 * they become an enum. */
typedef struct {
    const char *v[MAX_GEN_KERNELS];
    int n;
} NameSet;

static int nameset_add(NameSet *s, const char *v)
{
    for (int k = 0; k < s->n; k++)
        if (!strcmp(s->v[k], v)) return k;
    s->v[s->n] = v;
    return s->n++;
}

static void emit_enum(Out *h, const char *type, const char *prefix, const NameSet *s,
                      const char *what)
{
    out_printf(h, "/* %s */\ntypedef enum {\n", what);
    for (int k = 0; k < s->n; k++) out_printf(h, "    %s%s,\n", prefix, s->v[k]);
    out_printf(h, "    %sCOUNT\n} %s;\n", prefix, type);
}

/* The kernel's name without the systec_k_ prefix (its id's suffix). */
static const char *short_name(const KernelInfo *k)
{
    return strncmp(k->name, "systec_k_", 9) ? k->name : k->name + 9;
}

/* ---------------------------------------------------------------- header */

static const char header_types[] =
    "#include <stdint.h>\n\n"
    "typedef void (*systec_kfn)(void);\n\n"
    "/* One face of coordinate storage (format coo): nnz entries, each with\n"
    " * the coordinates of the face's distinct indices and one value. */\n"
    "typedef struct {\n    int64_t nnz;\n    const int64_t *coord;\n    const void *val;\n"
    "    const int64_t *pos; /* format OUT sparse: each entry's output row */\n"
    "} systec_gface_t;\n\n"
    "/* A general sparse matrix operand (format csr next to a symmetric coo one):\n"
    " * row r holds entries ptr[r] .. ptr[r+1]-1, columns idx increasing. */\n"
    "typedef struct {\n    const int64_t *ptr, *idx;\n    const void *val;\n} systec_gcsr_t;\n\n"
    "/* Compressed sparse fibers of an order-N tensor (format coo's baseline):\n"
    " * level t has nfib[t] nodes with coordinates idx[t]; the children of node\n"
    " * p of level t < N-1 are ptr[t][p] .. ptr[t][p+1]-1 of level t+1; the\n"
    " * leaves (level N-1) carry the values. */\n"
    "typedef struct {\n    int order;\n    int64_t nfib[8];\n    const int64_t *ptr[8];\n"
    "    const int32_t *idx[8];\n    const void *val;\n} systec_csf_t;\n\n"
    "/* A parallel schedule's partition (omp_* schedules), built by the runtime\n"
    " * when it plans the operation: the rows split into parts, one per thread\n"
    " * asked for, balanced by entries; the buffers where a part's updates to\n"
    " * rows outside it go; the conflict-free blocks of a colouring. The\n"
    " * kernels read it; the runtime owns it. Rows and entries are int64_t\n"
    " * whatever the index type. */\n"
    "typedef struct systec_kpart {\n"
    "    int nparts;             /* parts of the row loop */\n"
    "    int nthreads;           /* threads of the parallel region */\n"
    "    const int64_t *r;       /* nparts + 1: part t has rows r[t] .. r[t+1]-1 */\n"
    "    const int64_t *e;       /* nparts + 1: and stored entries e[t] .. e[t+1]-1 */\n"
    "    const int64_t *rc;      /* nparts: rows from rc[t] on write only rows of part t */\n"
    "    const int64_t *ec;      /* nparts: the first entry of row rc[t] */\n"
    "    const int64_t *lo;      /* nparts: the lowest row part t writes */\n"
    "    const int64_t *boff;    /* nparts + 1: part t's buffer starts at row boff[t] of buf */\n"
    "    int64_t rmin, rmax;     /* the rows some buffer covers */\n"
    "    void *buf;              /* the buffers, boff[nparts] rows (times k columns) */\n"
    "    double *partial;        /* nparts: a scalar output's part results */\n"
    "    int nblocks, ncolors;   /* omp_color: blocks of rows, colours */\n"
    "    const int64_t *brow;    /* nblocks + 1: block b has rows brow[b] .. brow[b+1]-1 */\n"
    "    const int64_t *border;  /* nblocks: the blocks in colour order */\n"
    "    const int64_t *cptr;    /* ncolors + 1: colour c is border[cptr[c] .. cptr[c+1]-1] */\n"
    "    const void *cur0;       /* SSYRK: per part, the cursors at its first row (ncol each) */\n"
    "} systec_kpart_t;\n\n"
    "/* The arguments of any kernel with a call thunk: each thunk passes the\n"
    " * fields its kernel takes, converted to the kernel's types. */\n"
    "typedef struct systec_kargs {\n"
    "    int64_t m, n, k, nnz;     /* rows, columns, dense columns, stream entries */\n"
    "    const void *ptr, *idx, *val, *diag, *row; /* the sparse operand (csr) */\n"
    "    const unsigned char *dhas; /* rows with a stored diagonal (NULL: all) */\n"
    "    double alpha, beta;       /* scaling (float kernels take them rounded) */\n"
    "    const void *in[4];        /* dense inputs, in order of first appearance */\n"
    "    void *out;                /* the output */\n"
    "    const systec_gface_t *faces; /* coordinate storages (coo) */\n"
    "    const systec_gcsr_t *sparse;  /* their general sparse operands */\n"
    "    const systec_csf_t *csf;\n"
    "    const int32_t *coord;\n"
    "    const void *const *dense;\n"
    "    const int64_t *dims;\n"
    "    void *work;\n"
    "    /* products of a CSR matrix with its transpose (SSYRK) */\n"
    "    const void *tptr, *tidx, *tsrc;   /* the transpose, the entry behind each place */\n"
    "    void *tval;                       /* its values (the product kernels make them) */\n"
    "    void *cptr, *cidx, *cval;         /* the sparse output */\n"
    "    void *spa, *cur, *mark;           /* workspaces */\n"
    "    int64_t row0, cap, ldc;           /* first row, output capacity, dense ldc */\n"
    "    int64_t *ret;                     /* where a kernel's result goes */\n"
    "    const systec_kpart_t *part;       /* parallel schedules: the partition */\n"
    "} systec_kargs_t;\n"
    "typedef void (*systec_kcall)(const systec_kargs_t *a);\n\n"
    "/* What a kernel is; the runtime looks kernels up by id, never by name. */\n"
    "typedef struct {\n"
    "    const char *name;     /* symbol without the ISA suffix */\n"
    "    const char *sig;      /* signature class */\n"
    "    uint8_t op, storage, sched; /* systec_kop_t, systec_kst_t, systec_ksc_t */\n"
    "    char dtype;           /* 's' or 'd' */\n"
    "    uint8_t i64, symmetric;\n"
    "    /* output rows one entry's updates write beyond the one the entry order\n"
    "     * streams (coo: the symmetric per-entry kernel; 0 for kernels whose\n"
    "     * entries are ordered by their output row): the dispatcher's measure of\n"
    "     * scattered output traffic */\n"
    "    uint8_t scatter;\n"
    "} systec_kmeta_t;\n"
    "/* A kernel of one instruction-set variant: the typed function and its call\n"
    " * thunk (NULL for kernels the runtime calls typed). */\n"
    "typedef struct {\n    systec_kfn fn;\n    systec_kcall call;\n} systec_kimpl_t;\n\n"
    "/* Kernel symbols carry the instruction-set variant they were compiled for\n"
    " * (SYSTEC_ISA_SUFFIX, e.g. v3), so that every variant links into one library. */\n"
    "#define SYSTEC_KCAT_(a, b) a##_##b\n#define SYSTEC_KCAT(a, b) SYSTEC_KCAT_(a, b)\n"
    "#ifdef SYSTEC_ISA_SUFFIX\n#define SYSTEC_KSYM(name) SYSTEC_KCAT(name, SYSTEC_ISA_SUFFIX)\n"
    "#else\n#define SYSTEC_KSYM(name) name\n#endif\n\n";

static void emit_header(Out *h, const char *reg, const Unit *units, int nspec,
                        const KernelInfo *info, int nk, const NameSet *ops, const NameSet *sts,
                        const NameSet *scs)
{
    out_printf(h, "/* Generated by systec-gen from the specs in gen/kernels. Do not edit. */\n"
                  "#ifndef SYSTEC_KERNELS_H\n#define SYSTEC_KERNELS_H\n");
    out_printf(h, "%s", header_types);
    emit_enum(h, "systec_kop_t", "SYSTEC_KOP_", ops, "operations (spec kernels, phases)");
    emit_enum(h, "systec_kst_t", "SYSTEC_KST_", sts, "storages");
    emit_enum(h, "systec_ksc_t", "SYSTEC_KSC_", scs, "schedules");
    out_printf(h, "/* kernel ids */\ntypedef enum {\n");
    for (int k = 0; k < nk; k++) out_printf(h, "    SYSTEC_K_%s,\n", short_name(&info[k]));
    out_printf(h, "    SYSTEC_K_COUNT\n} systec_kid_t;\n\n");
    out_printf(h, "extern const systec_kmeta_t %s_meta[SYSTEC_K_COUNT];\n"
                  "/* kernel id by (operation, storage, schedule, double, int64), -1 if none */\n"
                  "extern const int16_t %s_fam[SYSTEC_KOP_COUNT][SYSTEC_KST_COUNT][SYSTEC_KSC_COUNT]"
                  "[2][2];\n"
                  "extern const char *const %s_op_names[SYSTEC_KOP_COUNT];\n"
                  "extern const char *const %s_storage_names[SYSTEC_KST_COUNT];\n"
                  "extern const char *const %s_sched_names[SYSTEC_KSC_COUNT];\n"
                  "/* the kernels of one ISA variant (SYSTEC_KSYM(%s_impl)) */\n"
                  "extern const systec_kimpl_t SYSTEC_KSYM(%s_impl)[SYSTEC_K_COUNT];\n\n",
               reg, reg, reg, reg, reg, reg, reg);
    out_printf(h, "/* per-ISA kernel and thunk symbols */\n");
    for (int k = 0; k < nk; k++) {
        out_printf(h, "#define %s SYSTEC_KSYM(%s)\n", info[k].name, info[k].name);
        if (info[k].args[0])
            out_printf(h, "#define %s_call SYSTEC_KSYM(%s_call)\n", info[k].name, info[k].name);
    }
    out_printf(h, "\n");
    for (int k = 0; k < nk; k++)
        if (info[k].args[0]) out_printf(h, "void %s_call(const systec_kargs_t *a);\n", info[k].name);
    for (int u = 0; u < nspec; u++)
        if (units[u].decl.buf) out_printf(h, "%s", units[u].decl.buf);
    out_printf(h, "\n#endif\n");
}

/* ------------------------------------------------------------ unit files */

static const char unit_prologue[] =
    "/* Generated by systec-gen from %s. Do not edit. */\n"
    "#include \"systec_kernels.h\"\n#include <math.h>\n#include <stddef.h>\n"
    "#include <stdint.h>\n#ifdef _OPENMP\n#include <omp.h>\n#endif\n\n"
    "/* the min of the min-plus semiring, branch-free (a min instruction) */\n"
    "static inline double systec_min_d(double a, double b) { return a < b ? a : b; }\n"
    "static inline float systec_min_f(float a, float b) { return a < b ? a : b; }\n"
    "#define SYSTEC_MIN(a, b) _Generic((a), float: systec_min_f, default: systec_min_d)((a), "
    "(b))\n"
    "/* the min of the min-plus semiring into a shared element (omp_atomic) */\n"
    "static inline void systec_atomic_min_d(double *p, double v)\n"
    "{\n    double old;\n    __atomic_load(p, &old, __ATOMIC_RELAXED);\n"
    "    while (v < old && !__atomic_compare_exchange(p, &old, &v, 1, __ATOMIC_RELAXED, "
    "__ATOMIC_RELAXED)) {}\n}\n"
    "static inline void systec_atomic_min_f(float *p, float v)\n"
    "{\n    float old;\n    __atomic_load(p, &old, __ATOMIC_RELAXED);\n"
    "    while (v < old && !__atomic_compare_exchange(p, &old, &v, 1, __ATOMIC_RELAXED, "
    "__ATOMIC_RELAXED)) {}\n}\n"
    "#define SYSTEC_ATOMIC_MIN(p, v) _Generic(*(p), float: systec_atomic_min_f, "
    "default: systec_atomic_min_d)((p), (v))\n\n";

static void emit_unit(Out *c, const char *path, const Out *code, const KernelInfo *info, int n)
{
    out_printf(c, unit_prologue, path);
    if (code->buf) out_printf(c, "%s", code->buf);
    out_printf(c, "/* call thunks: the runtime's one way into the kernels above */\n");
    for (int k = 0; k < n; k++)
        if (info[k].args[0])
            out_printf(c, "void %s_call(const systec_kargs_t *a) { %s%s(%s); }\n", info[k].name,
                       info[k].returns ? "*a->ret = " : "", info[k].name, info[k].args);
}

static void emit_impl(Out *c, const char *reg, const KernelInfo *info, int nk)
{
    out_printf(c, "/* Generated by systec-gen. Do not edit. The kernel table of the ISA "
                  "variant this file is compiled for. */\n#include \"systec_kernels.h\"\n#include <stddef.h>\n\n"
                  "const systec_kimpl_t SYSTEC_KSYM(%s_impl)[SYSTEC_K_COUNT] = {\n", reg);
    for (int k = 0; k < nk; k++) {
        out_printf(c, "    [SYSTEC_K_%s] = {(systec_kfn)%s, ", short_name(&info[k]), info[k].name);
        if (info[k].args[0])
            out_printf(c, "%s_call},\n", info[k].name);
        else
            out_printf(c, "NULL},\n");
    }
    out_printf(c, "};\n");
}

static void emit_names(Out *c, const char *reg, const char *what, const NameSet *s)
{
    out_printf(c, "const char *const %s_%s_names[] = {", reg, what);
    for (int k = 0; k < s->n; k++) out_printf(c, "%s\"%s\"", k ? ", " : "", s->v[k]);
    out_printf(c, "};\n");
}

/* The meta table and the family table; -1 in fam where nothing was emitted.
 * Returns -1 if two kernels share a family key. */
static int emit_meta(Out *c, const char *reg, const KernelInfo *info, int nk, NameSet *ops,
                     NameSet *sts, NameSet *scs)
{
    int nops = ops->n, nst = sts->n, nsc = scs->n;
    size_t cells = (size_t)nops * (size_t)nst * (size_t)nsc * 4;
    int *fam = malloc(cells * sizeof *fam);
    if (!fam) return -1;
    for (size_t q = 0; q < cells; q++) fam[q] = -1;
    out_printf(c, "/* Generated by systec-gen. Do not edit. */\n#include \"systec_kernels.h\"\n"
                  "#include <stddef.h>\n\nconst systec_kmeta_t %s_meta[SYSTEC_K_COUNT] = {\n",
               reg);
    int rc = 0;
    for (int k = 0; k < nk; k++) {
        const KernelInfo *i = &info[k];
        int op = nameset_add(ops, i->op), st = nameset_add(sts, i->storage);
        int sc = nameset_add(scs, i->sched);
        size_t q = ((((size_t)op * (size_t)nst + (size_t)st) * (size_t)nsc + (size_t)sc) * 2 +
                    (i->dtype == 'd')) * 2 + (size_t)i->i64;
        if (fam[q] >= 0) {
            fprintf(stderr, "systec-gen: kernels %s and %s have the same operation, storage, "
                            "schedule and types\n", info[fam[q]].name, i->name);
            rc = -1;
        }
        fam[q] = k;
        out_printf(c, "    [SYSTEC_K_%s] = {\"%s\", \"%s\", SYSTEC_KOP_%s, SYSTEC_KST_%s, "
                      "SYSTEC_KSC_%s, '%c', %d, %d, %d},\n",
                   short_name(i), i->name, i->sig, i->op, i->storage, i->sched, i->dtype, i->i64,
                   i->symmetric, i->scatter);
    }
    out_printf(c, "};\n\nconst int16_t %s_fam[SYSTEC_KOP_COUNT][SYSTEC_KST_COUNT]"
                  "[SYSTEC_KSC_COUNT][2][2] = {\n", reg);
    for (int op = 0; op < nops; op++) {
        out_printf(c, "    {");
        for (int st = 0; st < nst; st++) {
            out_printf(c, "%s{", st ? ", " : "");
            for (int sc = 0; sc < nsc; sc++) {
                size_t q = (((size_t)op * (size_t)nst + (size_t)st) * (size_t)nsc + (size_t)sc) * 4;
                out_printf(c, "%s{{%d, %d}, {%d, %d}}", sc ? ", " : "", fam[q], fam[q + 1],
                           fam[q + 2], fam[q + 3]);
            }
            out_printf(c, "}");
        }
        out_printf(c, "},\n");
    }
    out_printf(c, "};\n\n");
    emit_names(c, reg, "op", ops);
    emit_names(c, reg, "storage", sts);
    emit_names(c, reg, "sched", scs);
    free(fam);
    return rc;
}

/* The spec file's base name (no directory, no .spec), for gen_<base>.c. */
static void spec_base(const char *path, char *out, size_t len)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strcspn(b, ".");
    snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), b);
}

int emit_outputs(const char *dir, const char *reg, const Spec *specs, const Unit *units,
                 int nspec, const KernelInfo *info, int nk)
{
    NameSet *sets = calloc(3, sizeof *sets);
    if (!sets) return -1;
    NameSet *ops = &sets[0], *sts = &sets[1], *scs = &sets[2];
    for (int k = 0; k < nk; k++) {
        nameset_add(ops, info[k].op);
        nameset_add(sts, info[k].storage);
        nameset_add(scs, info[k].sched);
    }
    Out h = {0}, meta = {0}, impl = {0};
    int rc = emit_meta(&meta, reg, info, nk, ops, sts, scs);
    emit_header(&h, reg, units, nspec, info, nk, ops, sts, scs);
    emit_impl(&impl, reg, info, nk);
    char name[512];
    if (!rc) rc = write_if_changed(dir, "systec_kernels.h", &h);
    snprintf(name, sizeof name, "%s_meta.c", reg);
    if (!rc) rc = write_if_changed(dir, name, &meta);
    snprintf(name, sizeof name, "%s_impl.c", reg);
    if (!rc) rc = write_if_changed(dir, name, &impl);
    for (int u = 0; u < nspec && !rc; u++) {
        Out c = {0};
        char base[256];
        spec_base(specs[u].path, base, sizeof base);
        emit_unit(&c, specs[u].path, &units[u].code, info + units[u].first, units[u].count);
        snprintf(name, sizeof name, "gen_%s.c", base);
        rc = write_if_changed(dir, name, &c);
        out_free(&c);
    }
    out_free(&h);
    out_free(&meta);
    out_free(&impl);
    free(sets);
    return rc;
}
