/* The CSR lowering's context and the pieces of a kernel it emits, shared
 * by the serial schedules (lower_c.c) and the parallel ones (lower_omp.c):
 * a parallel schedule is the serial kernel's row loop (or entry loop) run
 * over a part of the rows, with its writes directed to the output, to a
 * part's buffer, or through atomics. */
#ifndef SYSTEC_GEN_LOWER_C_H
#define SYSTEC_GEN_LOWER_C_H

#include "ir.h"

enum { DEP_OUTER = 1, DEP_INNER = 2, DEP_DENSE = 4 };
enum { ST_FULL, ST_SPLIT, ST_TRILO, ST_TRIUP, ST_STREAM };
extern const char *const storage_name[];

/* Two schedules per storage: "serial" unrolls the inner loop by UNROLL with
 * UNROLL partial accumulators, a switch for the remainder and software
 * prefetch; "serial_short" is a plain loop, cheaper per row, for matrices
 * whose rows hold only a few entries. The runtime picks by entries per row
 * and matrix size. (The stream storage has no rows: there the two differ
 * only in the prefetch, see emit_kernel_stream.) */
#define UNROLL 4
/* Prefetch distance in entries: 4 KiB of double values and 2 KiB of int32
 * indices ahead was best on the development machine (Zen 5 VM, 4 KiB pages),
 * where the hardware prefetchers stop at page boundaries. */
#define PREFETCH_ENTRIES 512
/* Indirect prefetch distance in entries (schedule serial_ipf): x and y rows
 * that the inner index reaches at random miss the caches on every entry of
 * a large irregular matrix; their lines are requested this many entries
 * ahead. */
#define IPF_ENTRIES 32

/* Where the output's writes go (parallel schedules, lower_omp.c):
 *   OUT_Y       the output (serial kernels);
 *   OUT_SELECT  writes to rows below the part's first row r0 go to the
 *               part's buffer yb (row q at yb[q - lo]), the others to the
 *               output: per entry, a pointer yt chosen without a branch;
 *   OUT_BUF     every write goes to the part's buffer (rows lo .. r1-1). */
enum { OUT_Y, OUT_SELECT, OUT_BUF };

typedef struct {
    const Spec *s;
    const Program *p;
    int storage;
    const char *T, *I; /* C value and index types */
    int bind[MAX_INDEX]; /* index id -> DEP_OUTER / DEP_INNER / 0 */
    int outer, inner;    /* index ids of the loops */
    int first_touch;
    char *err;
    size_t errlen;
    int unroll; /* entries per inner-loop step: UNROLL (with prefetch) or 1 */
    int dense;  /* the free index looped innermost over dense rows, or -1 */
    /* parallel schedules (NULL / 0: the whole matrix, serial) */
    const char *rlo, *rhi; /* the row loop's bounds (default 0 and the rows) */
    const char *elo, *ehi; /* the stream's entry bounds (default 0 and nnz) */
    int out_mode;          /* OUT_* */
    int atomic;            /* writes to the output are OpenMP atomics */
    int ipf;               /* indirect prefetch: the dense rows the inner index
                              reaches, this many entries ahead (0: none) */
    int dguard; /* this loop leaves out the tie term of rows without a stored diagonal */
    int psched; /* lower_omp.c: the parallel schedule of the part's loops */
} L;

/* The kernel's signature ("void name(params)", or as_typedef a pointer
 * type); `part` adds the partition parameter of the parallel schedules. */
void emit_signature(Out *o, const L *l, const char *name, int as_typedef, int part);
/* The thunk's argument list and signature class of the kernel l describes. */
void kernel_args(const L *l, KernelInfo *k, int part);
/* The semiring's identity ("0" or "INFINITY"). */
const char *identity(const L *l);
/* The output's number of rows ("n" or "m"). */
const char *out_rows(const L *l);
/* The loop over rows rlo .. rhi-1 of a row-pointer storage, each row's
 * total written to the output (or added into `total` for a scalar one);
 * with a dense index, the dense kernel's row loop. */
void emit_row_loop(Out *o, const L *l);
void emit_dense_row_loop(Out *o, const L *l);
/* The stream storage: the tie face over rows rlo .. rhi-1 (each row's
 * first touch; a scalar output sums into the lanes t_f0..), then the strict
 * interior over entries elo .. ehi-1 (a scalar output into t_0..). */
void emit_stream_tie_pass(Out *o, const L *l);
void emit_stream_interior(Out *o, const L *l);
/* A scalar output's lanes declared, and their total ("total") computed. */
void emit_stream_lanes(Out *o, const L *l);
void emit_stream_total(Out *o, const L *l);
/* Runs emit(o, l) once, or twice for storages whose kernels take A_dhas
 * (rows without a stored diagonal): guarded when A_dhas is given, else the
 * plain loop. */
void emit_dhas_split(Out *o, L *l, void (*emit)(Out *, const L *));
/* The final write of a scalar output from "total". */
void emit_scalar_write(Out *o, const L *l);
/* The C type of a scalar output's running total. */
const char *total_type(const L *l);

/* lower_omp.c: emits the parallel schedules of a csr kernel (split and
 * stream storages), appending KernelInfo entries; returns how many, or -1
 * with l->err set. `base` is the serial schedule's context. */
int lower_omp_variants(const L *base, Out *code, Out *decl, KernelInfo *info, int maxinfo);

#endif
