/* The parallel schedules of the CSR kernels (OpenMP), for the split and
 * stream storages of a symmetric operand. Each is the serial kernel's row
 * loop (or the stream's passes) from lower_c.c, run over the parts of a
 * partition the runtime builds at plan time (systec_kpart_t: rows balanced
 * by entries), with the writes that would conflict between parts sent
 * elsewhere:
 *
 * Parts are taken dynamically by the threads (the runtime makes several
 * per thread when their buffers stay small, so a slower core takes fewer).
 *
 *   omp_rows     each part owns its rows; a write below its first row r0
 *                goes to the part's buffer, which covers only the rows
 *                lo .. r0-1 the part reaches (lo from the plan). Rows from
 *                rc on write only inside the part and run the serial body
 *                unchanged; rows r0 .. rc-1 pick the target per entry (a
 *                pointer select, no branch). Then the buffers are added to
 *                the output, tile by tile, in part order. A scalar output
 *                keeps one partial result per part, combined in part order.
 *   omp_private  every write of a part goes to its buffer (rows lo ..
 *                r1-1, own rows included); the reduction scales the output
 *                by beta and adds the buffers. No select, no first touch,
 *                more buffer traffic.
 *   omp_color    blocks of rows coloured so that blocks of one colour write
 *                disjoint rows (distance-2 on the rows they touch); the
 *                colours run one after another, the blocks of a colour in
 *                parallel, straight into the output (scaled by beta first).
 *   omp_atomic   the parts write the output (scaled by beta first) through
 *                OpenMP atomics: a reference variant for tests.
 *   omp_rows_ipf omp_rows with the serial_ipf schedule's row loop (indirect
 *                prefetch of the dense rows the entries reach), for the
 *                irregular matrices that schedule serves.
 *
 * The non-symmetric baseline (full storage) has omp_rows only: its rows
 * write only themselves, so parts need no buffers.
 *
 * Every variant but omp_atomic gives the same result for the same
 * partition whatever the threads do (each output element's terms are
 * combined in an order fixed by the partition), so repeated calls with
 * the same thread count are bitwise identical; omp_color's order does not
 * even depend on the thread count. Without OpenMP the pragmas are ignored
 * and the parts run one after another. */
#include "lower_c.h"

#include <stdio.h>
#include <string.h>

/* Rows per tile of the buffers' reduction: the output tile stays in L1
 * while each part's buffer is added to it. */
#define RED_TILE 1024

enum { SC_ROWS, SC_PRIVATE, SC_COLOR, SC_ATOMIC };
static const struct {
    const char *name;
    int sc;        /* the strategy, SC_* */
    int stream;    /* also on the stream storage */
    int vector;    /* needs an output with rows (not a scalar) */
    int ipf;       /* the serial_ipf schedule's indirect prefetch in the row loop */
} sched[] = {
    {"omp_rows", SC_ROWS, 1, 0, 0},
    {"omp_private", SC_PRIVATE, 1, 1, 0},
    {"omp_color", SC_COLOR, 0, 1, 0},
    {"omp_atomic", SC_ATOMIC, 0, 1, 0},
    {"omp_rows_ipf", SC_ROWS, 1, 0, 1},
};
enum { NSCHED = sizeof sched / sizeof sched[0] };

static const char *out_name(const L *l) { return l->s->tens[l->s->assign.lhs.t].name; }
static int scalar_out(const L *l) { return l->s->assign.lhs.n == 0; }

/* The output's columns per row: "dim_<dense index>" or "1". */
static void cols(const L *l, char *buf, size_t len)
{
    if (l->dense >= 0)
        xsnprintf(buf, len, "(size_t)dim_%s", l->s->idxname[l->dense]);
    else
        xsnprintf(buf, len, "(size_t)1");
}

/* Semiring accumulation of v into target, for the reductions. */
static void combine(Out *o, const L *l, const char *target, const char *v)
{
    if (l->s->red == RED_ADD)
        out_line(o, "%s += %s;", target, v);
    else
        out_line(o, "%s = SYSTEC_MIN(%s, %s);", target, v, target);
}

/* y := beta*y over every element, in parallel (schedules that accumulate
 * into the output from the start). */
static void emit_beta_pass(Out *o, const L *l)
{
    if (!l->s->scaled) return;
    char c[64];
    cols(l, c, sizeof c);
    out_line(o, "#pragma omp for schedule(static)");
    out_line(o, "for (size_t q_ = 0; q_ < (size_t)n * %s; q_++)", c);
    out_line(o, "    %s[q_] = beta == (%s)0 ? (%s)0 : beta * %s[q_];", out_name(l), l->T, l->T,
             out_name(l));
}

/* A part's bounds: rows r0 .. r1-1 (and entries e0 .. e1-1), its lowest
 * written row lo, its buffer yb (set to the identity), rc and ec. */
static void emit_part_head(Out *o, const L *l, int sc)
{
    const char *I = l->I, *T = l->T;
    char c[64];
    cols(l, c, sizeof c);
    out_line(o, "const %s r0 = (%s)part->r[t_], r1 = (%s)part->r[t_ + 1];", I, I, I);
    if (l->storage == ST_STREAM)
        out_line(o, "const %s e0 = (%s)part->e[t_], e1 = (%s)part->e[t_ + 1];", I, I, I);
    if (scalar_out(l) || sc == SC_ATOMIC || l->storage == ST_FULL) return;
    out_line(o, "const %s lo = (%s)part->lo[t_];", I, I);
    if (sc == SC_ROWS) out_line(o, "const %s rc = (%s)part->rc[t_];", I, I);
    if (sc == SC_ROWS && l->storage == ST_STREAM)
        out_line(o, "const %s ec = (%s)part->ec[t_];", I, I);
    out_line(o, "%s *const yb = ws + (size_t)part->boff[t_] * %s;", T, c);
    out_line(o, "for (size_t q_ = 0; q_ < (size_t)(%s - lo) * %s; q_++) yb[q_] = %s;",
             sc == SC_ROWS ? "r0" : "r1", c, identity(l));
}

/* The loop over part t_'s rows (a row-pointer storage) or entries (the
 * stream), with writes as the schedule (base->psched) directs them. */
static void emit_part_loops(Out *o, const L *base)
{
    const int sc = base->psched;
    L l = *base;
    l.rlo = "r0";
    l.rhi = "r1";
    l.elo = "e0";
    l.ehi = "e1";
    void (*rows)(Out *, const L *) = l.dense >= 0 ? emit_dense_row_loop : emit_row_loop;
    if (sc == SC_PRIVATE) {
        l.out_mode = OUT_BUF;
        l.first_touch = 0;
    } else if (sc == SC_ATOMIC || sc == SC_COLOR) {
        l.first_touch = 0;
        l.atomic = sc == SC_ATOMIC;
    }
    if (l.storage == ST_STREAM) {
        emit_stream_tie_pass(o, &l);
        if (sc == SC_ROWS && !scalar_out(&l)) {
            L sel = l;
            sel.out_mode = OUT_SELECT;
            sel.ehi = "ec";
            out_line(o, "{ /* entries e0 .. ec-1 may write below r0: through the buffer */");
            o->indent++;
            emit_stream_interior(o, &sel);
            o->indent--;
            out_line(o, "}");
            l.elo = "ec";
            out_line(o, "/* entries ec .. e1-1 write inside the part */");
        }
        emit_stream_interior(o, &l);
        return;
    }
    if (sc == SC_ROWS && !scalar_out(&l) && l.storage != ST_FULL) {
        L sel = l;
        sel.out_mode = OUT_SELECT;
        sel.rhi = "rc";
        out_line(o, "/* rows r0 .. rc-1 may write below r0: through the buffer */");
        rows(o, &sel);
        l.rlo = "rc";
        out_line(o, "/* rows rc .. r1-1 write inside the part */");
    }
    rows(o, &l);
}

/* The part's loops, twice where the kernel takes A_dhas (rows without a
 * stored diagonal, see emit_dhas_split). */
static void emit_part_body(Out *o, const L *base, int sc)
{
    L l = *base;
    l.psched = sc;
    emit_dhas_split(o, &l, emit_part_loops);
}

/* The buffers added into the output, tile by tile; each element takes the
 * parts' contributions in part order. omp_private first scales the tile
 * by beta (its parts wrote no output row). */
static void emit_reduction(Out *o, const L *l, int sc)
{
    const char *Y = out_name(l), *T = l->T;
    char c[64], v[96];
    cols(l, c, sizeof c);
    out_line(o, "/* the buffers into the output, %d rows a tile, in part order */", RED_TILE);
    out_line(o, "#pragma omp for schedule(static)");
    out_line(o, "for (int64_t b_ = 0; b_ < nb_; b_++) {");
    o->indent++;
    out_line(o, "const int64_t i0_ = part->rmin + b_ * %d;", RED_TILE);
    out_line(o, "const int64_t i1_ = part->rmax - i0_ < %d ? part->rmax : i0_ + %d;", RED_TILE,
             RED_TILE);
    if (sc == SC_PRIVATE && l->s->scaled)
        out_line(o, "for (size_t q_ = (size_t)i0_ * %s; q_ < (size_t)i1_ * %s; q_++) %s[q_] = "
                    "beta == (%s)0 ? (%s)0 : beta * %s[q_];", c, c, Y, T, T, Y);
    out_line(o, "for (int t_ = 0; t_ < part->nparts; t_++) {");
    o->indent++;
    out_line(o, "const int64_t lo_ = part->lo[t_], hi_ = part->r[t_ + %d];",
             sc == SC_PRIVATE ? 1 : 0);
    out_line(o, "const int64_t a_ = i0_ > lo_ ? i0_ : lo_, z_ = i1_ < hi_ ? i1_ : hi_;");
    out_line(o, "const %s *const b_t = ws + (size_t)part->boff[t_] * %s;", T, c);
    out_line(o, "for (size_t q_ = (size_t)a_ * %s; q_ < (size_t)z_ * %s; q_++)", c, c);
    o->indent++;
    char tgt[64];
    xsnprintf(v, sizeof v, "b_t[q_ - (size_t)lo_ * %s]", c);
    xsnprintf(tgt, sizeof tgt, "%s[q_]", Y);
    combine(o, l, tgt, v);
    o->indent--;
    o->indent--;
    out_line(o, "}");
    o->indent--;
    out_line(o, "}");
}

/* A scalar output: each part's result into part->partial[t_], then the
 * partials combined in part order and written. */
static void emit_scalar_parts(Out *o, const L *l)
{
    const char *TT = total_type(l);
    out_line(o, "#pragma omp parallel for schedule(dynamic, 1) num_threads(part->nthreads)");
    out_line(o, "for (int t_ = 0; t_ < part->nparts; t_++) {");
    o->indent++;
    emit_part_head(o, l, SC_ROWS);
    if (l->storage == ST_STREAM) {
        emit_stream_lanes(o, l);
        emit_part_body(o, l, SC_ROWS);
        emit_stream_total(o, l);
    } else {
        out_line(o, "%s total = %s;", TT, identity(l));
        emit_part_body(o, l, SC_ROWS);
    }
    out_line(o, "part->partial[t_] = (double)total;");
    o->indent--;
    out_line(o, "}");
    out_line(o, "%s total = %s;", TT, identity(l));
    out_line(o, "for (int t_ = 0; t_ < part->nparts; t_++)");
    o->indent++;
    char v[64];
    xsnprintf(v, sizeof v, "(%s)part->partial[t_]", TT);
    combine(o, l, "total", v);
    o->indent--;
    emit_scalar_write(o, l);
}

static void emit_parallel_kernel(Out *o, const L *l, int sc, const char *name)
{
    emit_signature(o, l, name, 0, 1);
    out_printf(o, "\n{\n");
    o->indent = 1;
    if (scalar_out(l)) {
        emit_scalar_parts(o, l);
        o->indent = 0;
        out_printf(o, "}\n\n");
        return;
    }
    int buffered = (sc == SC_ROWS || sc == SC_PRIVATE) && l->storage != ST_FULL;
    if (buffered) {
        out_line(o, "%s *const ws = (%s *)part->buf;", l->T, l->T);
        out_line(o, "const int64_t nb_ = (part->rmax - part->rmin + %d) / %d;", RED_TILE - 1,
                 RED_TILE);
    }
    out_line(o, "#pragma omp parallel num_threads(part->nthreads)");
    out_line(o, "{");
    o->indent++;
    if (sc == SC_COLOR || sc == SC_ATOMIC) emit_beta_pass(o, l);
    if (sc == SC_COLOR) {
        out_line(o, "for (int c_ = 0; c_ < part->ncolors; c_++) {");
        o->indent++;
        out_line(o, "/* the blocks of one colour write disjoint rows */");
        out_line(o, "#pragma omp for schedule(dynamic, 1)");
        out_line(o, "for (int64_t q_ = part->cptr[c_]; q_ < part->cptr[c_ + 1]; q_++) {");
        o->indent++;
        out_line(o, "const int64_t b_ = part->border[q_];");
        out_line(o, "const %s r0 = (%s)part->brow[b_], r1 = (%s)part->brow[b_ + 1];", l->I, l->I,
                 l->I);
        emit_part_body(o, l, sc);
        o->indent--;
        out_line(o, "}");
        o->indent--;
        out_line(o, "}");
    } else {
        out_line(o, "#pragma omp for schedule(dynamic, 1)");
        out_line(o, "for (int t_ = 0; t_ < part->nparts; t_++) {");
        o->indent++;
        emit_part_head(o, l, sc);
        emit_part_body(o, l, sc);
        o->indent--;
        out_line(o, "}");
        if (buffered) emit_reduction(o, l, sc);
    }
    o->indent--;
    out_line(o, "}");
    o->indent = 0;
    out_printf(o, "}\n\n");
}

int lower_omp_variants(const L *base, Out *code, Out *decl, KernelInfo *info, int maxinfo)
{
    if (base->storage != ST_SPLIT && base->storage != ST_STREAM && base->storage != ST_FULL)
        return 0;
    const Spec *s = base->s;
    int count = 0;
    for (int v = 0; v < NSCHED; v++) {
        int sc = sched[v].sc;
        if (base->storage == ST_STREAM && !sched[v].stream) continue;
        if (base->storage == ST_FULL && sc != SC_ROWS) continue;
        if (scalar_out(base) && sched[v].vector) continue;
        if (count == maxinfo) {
            snprintf(base->err, base->errlen, "too many kernels");
            return -1;
        }
        L l = *base;
        l.unroll = UNROLL; /* parallel runs are for large matrices: the prefetching loop */
        l.ipf = sched[v].ipf ? IPF_ENTRIES : 0;
        KernelInfo *k = &info[count++];
        memset(k, 0, sizeof *k);
        int dbl = !strcmp(l.T, "double"), i64 = !strcmp(l.I, "int64_t");
        xsnprintf(k->name, sizeof k->name, "systec_k_%c%s_%s_%s_%s", dbl ? 'd' : 's', s->kernel,
                  storage_name[l.storage], i64 ? "i64" : "i32", sched[v].name);
        xsnprintf(k->op, sizeof k->op, "%s", s->kernel);
        xsnprintf(k->storage, sizeof k->storage, "%s", storage_name[l.storage]);
        xsnprintf(k->sched, sizeof k->sched, "%s", sched[v].name);
        k->dtype = dbl ? 'd' : 's';
        k->i64 = i64;
        k->symmetric = l.storage != ST_FULL;
        kernel_args(&l, k, 1);
        out_printf(code, "/* %s: %s storage, %s schedule (OpenMP), derived from %s */\n", k->name,
                   storage_name[l.storage], sched[v].name, s->label);
        emit_parallel_kernel(code, &l, sc, k->name);
        emit_signature(decl, &l, k->name, 0, 1);
        out_printf(decl, ";\n");
    }
    return count;
}
