/* Rank-specialised tensor kernels: schedules "r<R>", "rin" and "rblk".
 *
 * The tuned tensor kernels of lower_tensor.c loop over the free index (the
 * rank r of MTTKRP, innermost) with a run-time trip count and keep their row
 * sums in a workspace. Here the same algorithms are emitted with the free
 * index's extent a compile-time constant R from a small set (rank_set), and,
 * for any other extent, in blocks of columns plus one remainder: "rin" when
 * the blocks fit inside one pass (inside each entry of the per-entry
 * kernels, inside each leaf fiber of the fiber kernels whose output sits
 * just above the leaves), else "rblk" (one pass over the tree per block).
 * A row of the free index is a fixed list of pieces, each a vector of at
 * most 32 bytes (GCC/Clang vector extensions, no ISA intrinsics: the same
 * source vectorises for SSE, AVX2 and AVX-512); the row sums and the products
 * of a tree's ancestors are such pieces, held in registers.
 *
 * Shape: += with one free index (one_free_index) that is the last mode of
 * the output and of every dense operand (the rank innermost). A dense
 * operand or the output is then a matrix of rows: row x of operand slot k
 * starts at dense[k] + x * ld[k], the output's at out + x * ld[ndense]
 * (packed output: x is the packed index of its first two modes); every
 * ld >= the free extent. Kernels and ABIs:
 *   fold     the folded per-entry kernel over canonical entries (int32
 *            coordinates, face_coords of the interior, values with their
 *            fold factor), and coofull, the same on the full operand's
 *            entries (all N coordinates, plain values), the plain loop
 *            baseline:
 *              void k(int64_t nnz, const int32_t *coord, const T *val,
 *                     const T *const *dense, const int64_t *dims,
 *                     const int64_t *ld, T *out)
 *   foldtree (leave-one-out shape), csf (the baseline on the full
 *            operand's fibers) and fibers (the per-update kernel: csf
 *            points to one tree per interior update):
 *              void k(const systec_csf_t *csf, const T *const *dense,
 *                     const int64_t *dims, const int64_t *ld, T *out)
 * r<R> kernels assume dims[free] == R; the run-time forms read it. No
 * workspace. */
#include "ir.h"
#include "lower_coo.h"
#include "lower_omp_tensor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The compile-time extents of the free index (MTTKRP ranks users pick) */
static const int rank_set[] = {8, 10, 16, 32, 64};
#define NRANK ((int)(sizeof rank_set / sizeof rank_set[0]))
/* rblk and the entry kernels' rin: columns per block (a power of two);
 * the remainder runs once */
#define RANK_BLOCK 16
/* rin of the leaf-fiber kernels: columns per block inside a fiber */
#define FIBER_BLOCK 64
#define PIECE_BYTES 32 /* widest vector piece */
#define MAX_PIECES 32

/* ------------------------------------------------------------- pieces */

/* One piece of a row: w elements at offset off (an expression), present
 * when cond holds (empty: always). */
typedef struct {
    int w;
    char off[48];
    char cond[24];
} Piece;

typedef struct {
    int n;
    Piece p[MAX_PIECES];
} Plan;

typedef struct {
    const Spec *s;
    const char *T; /* "float" or "double" */
    char tc;       /* 'f' or 'd' */
    int vmax;      /* elements in the widest piece */
    int free_id;
    int ndense;    /* dense operands: ld[ndense] is the output's */
    int packed;
    int blk;   /* the run-time form's block width (a power of two) */
    int inner; /* the run-time form blocks inside each leaf fiber (fibers/csf) */
    Plan plan;
} Ctx;

static void plan_add(Plan *pl, int w, const char *base, int c, const char *cond)
{
    if (pl->n == MAX_PIECES) {
        fprintf(stderr, "systec-gen: too many vector pieces in a row\n");
        exit(1);
    }
    Piece *p = &pl->p[pl->n++];
    p->w = w;
    if (base[0])
        xsnprintf(p->off, sizeof p->off, c ? "%s + %d" : "%s", base, c);
    else
        xsnprintf(p->off, sizeof p->off, "%d", c);
    xsnprintf(p->cond, sizeof p->cond, "%s", cond);
}

/* W elements from base: widest pieces first, then halves. */
static void plan_fixed(Ctx *c, int W, const char *base)
{
    c->plan.n = 0;
    int at = 0;
    for (int w = c->vmax; w >= 1; w /= 2)
        while (W - at >= w) {
            plan_add(&c->plan, w, base, at, "");
            at += w;
        }
}

/* The remainder rem_ < c->blk after the full blocks: one group of pieces
 * per bit b of rem_, at offset o<b>_ (the sum of rem_'s higher bits, past
 * qt_), present when the bit is set. */
static void plan_tail(Ctx *c)
{
    c->plan.n = 0;
    for (int b = c->blk / 2; b >= 1; b /= 2) {
        char base[16], cond[24];
        xsnprintf(base, sizeof base, "o%d_", b);
        xsnprintf(cond, sizeof cond, "rem_ & %d", b);
        int w = b < c->vmax ? b : c->vmax;
        for (int at = 0; at < b; at += w) plan_add(&c->plan, w, base, at, cond);
    }
}

/* R_, its full blocks' end qt_ and remainder rem_, and the offsets of the
 * remainder's pieces. */
static void emit_blocks_prologue(Out *o, const Ctx *c)
{
    out_line(o, "const int64_t R_ = d%d_, rem_ = R_ %% %d, qt_ = R_ - rem_;", c->free_id, c->blk);
    for (int b = c->blk / 2; b >= 1; b /= 2)
        out_line(o, "const int64_t o%d_ = qt_ + (rem_ & ~(int64_t)%d);", b, 2 * b - 1);
}

/* Expands one template for piece k: $T the piece type, $Z its zero, $V{x}
 * the piece's variable x_k, $L{p} the piece of row p (a load), $S{p} the
 * same as an lvalue. */
static void expand(const Ctx *c, int k, const char *tmpl, char *dst, size_t len)
{
    const Piece *pc = &c->plan.p[k];
    char type[24];
    xsnprintf(type, sizeof type, "systec_%c%d", c->tc, pc->w);
    size_t n = 0;
    for (const char *q = tmpl; *q;) {
        char piece[160];
        piece[0] = 0;
        if (q[0] == '$' && q[1] == 'T') {
            xsnprintf(piece, sizeof piece, "%s", type);
            q += 2;
        } else if (q[0] == '$' && q[1] == 'Z') {
            xsnprintf(piece, sizeof piece, "(%s){0}", type);
            q += 2;
        } else if (q[0] == '$' && strchr("VLS", q[1]) && q[2] == '{') {
            const char *e = strchr(q + 3, '}');
            if (!e) {
                fprintf(stderr, "systec-gen: bad piece template %s\n", tmpl);
                exit(1);
            }
            char name[64];
            xsnprintf(name, sizeof name, "%.*s", (int)(e - q - 3), q + 3);
            if (q[1] == 'V')
                xsnprintf(piece, sizeof piece, "%s_%d", name, k);
            else
                xsnprintf(piece, sizeof piece, "SYSTEC_%s(%s, %s + %s)",
                          q[1] == 'L' ? "LD" : "REF", type, name, pc->off);
            q = e + 1;
        } else {
            piece[0] = *q++;
            piece[1] = 0;
        }
        size_t pl = strlen(piece);
        if (n + pl + 1 > len) {
            fprintf(stderr, "systec-gen: piece statement too long\n");
            exit(1);
        }
        memcpy(dst + n, piece, pl + 1);
        n += pl;
    }
}

/* Every template line (NULL-terminated) for each piece of the plan; the
 * pieces of one condition share an if-block. block: wrap each piece in
 * braces (its temporaries are local to it). */
static void emit_pieces(Out *o, const Ctx *c, const char *const *tmpl, int block)
{
    for (int k = 0; k < c->plan.n; k++) {
        const Piece *pc = &c->plan.p[k];
        int first = k == 0 || strcmp(c->plan.p[k - 1].cond, pc->cond);
        int last = k + 1 == c->plan.n || strcmp(c->plan.p[k + 1].cond, pc->cond);
        if (pc->cond[0] && first) out_line(o, "if (%s) {", pc->cond);
        o->indent += pc->cond[0] != 0;
        if (block) out_line(o, "{");
        o->indent += block;
        for (int t = 0; tmpl[t]; t++) {
            char line[4096];
            expand(c, k, tmpl[t], line, sizeof line);
            out_line(o, "%s", line);
        }
        o->indent -= block;
        if (block) out_line(o, "}");
        o->indent -= pc->cond[0] != 0;
        if (pc->cond[0] && last) out_line(o, "}");
    }
}

/* One template for each piece. */
static void emit_piece_line(Out *o, const Ctx *c, const char *tmpl)
{
    const char *t[2] = {tmpl, NULL};
    emit_pieces(o, c, t, 0);
}

/* Declares the piece variables x_k of a row, zero (a tail's pieces are
 * assigned under their conditions later, so all start defined). */
static void emit_row_vars(Out *o, const Ctx *c, const char *x)
{
    for (int k = 0; k < c->plan.n; k++)
        out_line(o, "systec_%c%d %s_%d = (systec_%c%d){0};", c->tc, c->plan.p[k].w, x, k, c->tc,
                 c->plan.p[k].w);
}

static void emit_piece_types(Out *o)
{
    out_printf(o, "/* vector pieces of the rank-specialised kernels (lower_ranked.c): at most "
                  "%d bytes, any alignment of the element type */\n"
                  "#ifndef SYSTEC_PIECES\n#define SYSTEC_PIECES\n", PIECE_BYTES);
    for (int dt = 0; dt < 2; dt++) {
        const char *T = dt ? "double" : "float";
        int es = dt ? 8 : 4;
        out_printf(o, "typedef %s systec_%c1;\n", T, dt ? 'd' : 'f');
        for (int w = 2; w * es <= PIECE_BYTES; w *= 2)
            out_printf(o, "typedef %s systec_%c%d __attribute__((vector_size(%d), aligned(%d), "
                          "may_alias));\n", T, dt ? 'd' : 'f', w, w * es, es);
    }
    out_printf(o, "#define SYSTEC_LD(T, p) (*(const T *)(p))\n"
                  "#define SYSTEC_REF(T, p) (*(T *)(p))\n#endif\n\n");
}

/* ------------------------------------------------------------ shapes */

/* Whether the free index is the last mode of the output and of every dense
 * operand, and of no other mode. */
static int ranked_shape(const Spec *s, int free_id)
{
    if (s->red != RED_ADD || free_id < 0) return 0;
    const Update *u = &s->assign;
    for (int r = -1; r < u->nr; r++) {
        const Access *a = r < 0 ? &u->lhs : &u->rhs[r];
        if (r >= 0 && a->t == s->format_tensor) continue;
        for (int m = 0; m < a->n; m++)
            if ((a->idx[m] == free_id) != (m == a->n - 1)) return 0;
    }
    return 1;
}

/* The row index of an access whose last mode is the free index: row-major
 * over the other modes ("0" if none); packed: the first two modes as one
 * packed index. */
static void row_expr(const Spec *s, const Access *a, int packed, char *buf, size_t len)
{
    const Access *orig = NULL;
    if (s->assign.lhs.t == a->t) orig = &s->assign.lhs;
    for (int r = 0; r < s->assign.nr && !orig; r++)
        if (s->assign.rhs[r].t == a->t) orig = &s->assign.rhs[r];
    int nr = a->n - 1, k0 = 1;
    if (nr == 0) {
        xsnprintf(buf, len, "0");
        return;
    }
    if (packed && nr >= 2) {
        const char *x = s->idxname[a->idx[0]], *y = s->idxname[a->idx[1]];
        xsnprintf(buf, len, "((%s) * (2 * d%d_ - (%s) + 1) / 2 + (%s) - (%s))", x,
                  orig->idx[0], x, y, x);
        k0 = 2;
    } else {
        xsnprintf(buf, len, "%s", s->idxname[a->idx[0]]);
    }
    for (int k = k0; k < nr; k++) {
        char t[1024];
        xsnprintf(t, sizeof t, "%s", buf);
        xsnprintf(buf, len, "(%s) * d%d_ + %s", t, orig->idx[k], s->idxname[a->idx[k]]);
    }
}

/* const T *restrict <name> = dense row of access a */
static void emit_term_row(Out *o, const Ctx *c, const Access *a, const char *name)
{
    char re[1200];
    row_expr(c->s, a, 0, re, sizeof re);
    int slot = dense_slot(c->s, a->t);
    out_line(o, "const %s *restrict %s = h%d + (%s) * ld%d_;", c->T, name, slot, re, slot);
}

/* T *<name> = the output row of access a (rows of different updates may be
 * the same row: no restrict) */
static void emit_out_row(Out *o, const Ctx *c, const Access *a, const char *name)
{
    char re[1200];
    row_expr(c->s, a, c->packed, re, sizeof re);
    out_line(o, "%s *%s = out + (%s) * ld%d_;", c->T, name, re, c->ndense);
}

/* The kernel's sizes as locals (the stores through the may_alias pieces
 * would make the compiler reload them from memory): d<id>_ every index's
 * extent, and (with_ld) ld<k>_ the leading dimensions. */
static void emit_sizes(Out *o, const Ctx *c, int with_ld)
{
    for (int id = 0; id < c->s->nidx; id++)
        out_line(o, "const int64_t d%d_ = dims[%d];", id, id);
    for (int k = 0; k <= c->ndense && with_ld; k++)
        out_line(o, "const int64_t ld%d_ = ld[%d];", k, k);
    for (int id = 0; id < c->s->nidx; id++) out_line(o, "(void)d%d_;", id);
}

/* Opens a kernel: `void name(params)`, or with the extent R compiled in, a
 * body `name_ld` that takes the leading dimensions as ld<k>_ arguments,
 * inlined twice by `name`: with every ld equal to R (rows packed, the
 * strides compile-time constants: no multiply by a run-time stride per
 * row) and with the ld given. emit_kernel_end closes both. */
static void emit_kernel_begin(Out *o, const Ctx *c, const char *name, const char *params, int R)
{
    if (!R) {
        out_printf(o, "void %s(%s)\n{\n", name, params);
        o->indent = 1;
        emit_sizes(o, c, 1);
        return;
    }
    out_printf(o, "static inline __attribute__((always_inline)) void %s_ld(%s", name, params);
    for (int k = 0; k <= c->ndense; k++) out_printf(o, ", const int64_t ld%d_", k);
    out_printf(o, ")\n{\n");
    o->indent = 1;
    out_line(o, "(void)ld;");
    emit_sizes(o, c, 0);
}

static void emit_kernel_end(Out *o, const Ctx *c, const char *name, const char *params,
                            const char *args, int R)
{
    o->indent = 0;
    out_printf(o, "}\n\n");
    if (!R) return;
    out_printf(o, "void %s(%s)\n{\n    if (", name, params);
    for (int k = 0; k <= c->ndense; k++) out_printf(o, "%sld[%d] == %d", k ? " && " : "", k, R);
    out_printf(o, ")\n        %s_ld(%s", name, args);
    for (int k = 0; k <= c->ndense; k++) out_printf(o, ", %d", R);
    out_printf(o, ");\n    else\n        %s_ld(%s", name, args);
    for (int k = 0; k <= c->ndense; k++) out_printf(o, ", ld[%d]", k);
    out_printf(o, ");\n}\n\n");
}

static int count_dense(const Spec *s)
{
    int n = 0;
    for (int t = 0; t < s->ntens; t++) n += t != s->format_tensor && t != s->assign.lhs.t;
    return n;
}

/* ------------------------------------------------- per-entry kernel */

/* "p<j>v": the prefix product of the first j rows times a ("a" for j = 0) */
static void pre_name(int j, char *b, size_t n)
{
    if (j == 0)
        xsnprintf(b, n, "a");
    else
        xsnprintf(b, n, "p%dv", j);
}

/* The piece templates of one entry: loads, products, output updates. */
static void emit_entry_pieces(Out *o, const Ctx *c, const Update *upd, const EntryPlan *ep)
{
    const Spec *s = c->s;
    int m = ep->m;
    /* loads, prefixes and suffixes (3m at most), one line per update */
    int cap = 3 * m + ep->nupd + 1;
    char (*lines)[512] = malloc(sizeof *lines * (size_t)cap);
    const char **tl = malloc(sizeof *tl * (size_t)(cap + 1));
    if (!lines || !tl) {
        fprintf(stderr, "systec-gen: out of memory\n");
        exit(1);
    }
    int nl = 0;
    for (int j = 0; j < m; j++) xsnprintf(lines[nl++], 512, "const $T r%dv = $L{r%d};", j, j);
    for (int j = 0; j < ep->need_pre; j++) {
        char pj[16];
        pre_name(j, pj, sizeof pj);
        xsnprintf(lines[nl++], 512, "const $T p%dv = %s * r%dv;", j + 1, pj, j);
    }
    for (int j = m - 1; j >= ep->need_suf && ep->need_pre >= 0; j--) {
        if (j == m - 1)
            xsnprintf(lines[nl++], 512, "const $T s%dv = r%dv;", j, j);
        else
            xsnprintf(lines[nl++], 512, "const $T s%dv = r%dv * s%dv;", j, j, j + 1);
    }
    for (int k = 0; k < ep->nupd; k++) {
        char rhs[400], pj[16];
        int om = ep->omit[k];
        if (om == m || om == m - 1) {
            pre_name(om, pj, sizeof pj);
            xsnprintf(rhs, sizeof rhs, "%s", pj);
        } else if (om >= 0) {
            pre_name(om, pj, sizeof pj);
            xsnprintf(rhs, sizeof rhs, "%s * s%dv", pj, om + 1);
        } else {
            xsnprintf(rhs, sizeof rhs, "a");
            entry_plan_product(s, ep, &upd[k], " * r%dv", rhs, sizeof rhs);
        }
        xsnprintf(lines[nl++], 512, "$S{t%d} = $L{t%d} + %s;", k, k, rhs);
    }
    for (int t = 0; t < nl; t++) tl[t] = lines[t];
    tl[nl] = NULL;
    emit_pieces(o, c, tl, 1);
    free(lines);
    free(tl);
}

/* The per-entry kernel: the updates upd[0..nupd) per entry, entries with
 * the coordinates of vars[0..nv) (int32) and a value; factor 1 (fold: the
 * factors are in the values). R: the compile-time extent, 0 for rblk. */
static void emit_entry(Out *o, Ctx *c, const Update *upd, int nupd, const int *vars, int nv,
                       const char *name, int R)
{
    const Spec *s = c->s;
    EntryPlan ep;
    entry_plan(s, upd, nupd, &ep);
    char params[400];
    xsnprintf(params, sizeof params, "int64_t nnz, const int32_t *restrict coord, const %s "
              "*restrict val, const %s *const *dense, const int64_t *dims, const int64_t *ld, "
              "%s *restrict out", c->T, c->T, c->T);
    emit_kernel_begin(o, c, name, params, R);
    emit_dense_bases(o, s, c->T);
    if (!R) emit_blocks_prologue(o, c);
    out_line(o, "for (int64_t e = 0; e < nnz; e++) {");
    o->indent++;
    for (int v = 0; v < nv; v++)
        out_line(o, "const int64_t %s = coord[e * %d + %d];", s->idxname[vars[v]], nv, v);
    out_line(o, "const %s a = val[e];", c->T);
    for (int j = 0; j < ep.m; j++) {
        char nm[16];
        xsnprintf(nm, sizeof nm, "r%d", j);
        emit_term_row(o, c, &ep.uni[j], nm);
    }
    for (int k = 0; k < nupd; k++) {
        char nm[16];
        xsnprintf(nm, sizeof nm, "t%d", k);
        emit_out_row(o, c, &upd[k].lhs, nm);
    }
    if (R) {
        plan_fixed(c, R, "");
        emit_entry_pieces(o, c, upd, &ep);
    } else {
        out_line(o, "for (int64_t q_ = 0; q_ < qt_; q_ += %d) {", c->blk);
        o->indent++;
        plan_fixed(c, c->blk, "q_");
        emit_entry_pieces(o, c, upd, &ep);
        o->indent--;
        out_line(o, "}");
        plan_tail(c);
        emit_entry_pieces(o, c, upd, &ep);
    }
    o->indent--;
    out_line(o, "}");
    emit_kernel_end(o, c, name, params, "nnz, coord, val, dense, dims, ld, out", R);
    entry_plan_free(&ep);
}

/* ------------------------------------------------------ tree kernels */

static void emit_level_loop(Out *o, int t)
{
    if (t == 0)
        out_line(o, "for (int64_t p0 = 0; p0 < nf0_; p0++) {");
    else
        out_line(o, "for (int64_t p%d = ptr%d_[p%d]; p%d < ptr%d_[p%d + 1]; p%d++) {", t, t - 1,
                 t - 1, t, t - 1, t - 1, t);
    o->indent++;
}

/* The arrays of the tree cx (an expression) as restrict locals. */
static void emit_csf_arrays(Out *o, const Ctx *c, int N, const char *cx)
{
    out_line(o, "const %s *restrict val = (const %s *)%s->val;", c->T, c->T, cx);
    out_line(o, "const int64_t nf0_ = %s->nfib[0];", cx);
    for (int t = 0; t < N; t++) {
        if (t + 1 < N) out_line(o, "const int64_t *restrict ptr%d_ = %s->ptr[%d];", t, cx, t);
        out_line(o, "const int32_t *restrict idx%d_ = %s->idx[%d];", t, cx, t);
    }
}

/* The leave-one-out tree (see emit_foldtree in lower_tensor.c): h<t> the
 * product of the terms of levels < t, s<t> the sum over a depth-t node's
 * subtree; a node at depth t writes out[v_t] += h<t> * s<t> once. */
typedef struct {
    const Face *I;
    const Access *term;
    const int *upd_at, *vars;
    int N;
} Loo;

static void emit_loo_level(Out *o, const Ctx *c, const Loo *L, int t)
{
    const Spec *s = c->s;
    char rn[16], tn[16], ln[400];
    xsnprintf(rn, sizeof rn, "r%d", t);
    xsnprintf(tn, sizeof tn, "t%d", t);
    emit_level_loop(o, t);
    out_line(o, "const int64_t %s = idx%d_[p%d];", s->idxname[L->vars[t]], t, t);
    emit_term_row(o, c, &L->term[t], rn);
    emit_out_row(o, c, &L->I->upd[L->upd_at[t]].lhs, tn);
    if (t == L->N - 1) {
        out_line(o, "const %s a = val[p%d];", c->T, t);
        xsnprintf(ln, sizeof ln, "$S{t%d} = $L{t%d} + a * $V{h%d}; $V{s%d} += a * $L{r%d};", t,
                  t, t, t - 1, t);
        emit_piece_line(o, c, ln);
    } else {
        char hn[16], sn[16];
        xsnprintf(hn, sizeof hn, "h%d", t + 1);
        xsnprintf(sn, sizeof sn, "s%d", t);
        emit_row_vars(o, c, hn);
        emit_row_vars(o, c, sn);
        if (t == 0)
            xsnprintf(ln, sizeof ln, "$V{h1} = $L{r0};");
        else
            xsnprintf(ln, sizeof ln, "$V{h%d} = $V{h%d} * $L{r%d};", t + 1, t, t);
        emit_piece_line(o, c, ln);
        emit_loo_level(o, c, L, t + 1);
        if (t == 0)
            xsnprintf(ln, sizeof ln, "$S{t0} = $L{t0} + $V{s0};");
        else
            xsnprintf(ln, sizeof ln, "$S{t%d} = $L{t%d} + $V{h%d} * $V{s%d}; $V{s%d} += $L{r%d} "
                                     "* $V{s%d};", t, t, t, t, t - 1, t, t);
        emit_piece_line(o, c, ln);
    }
    o->indent--;
    out_line(o, "}");
}

/* One update over compressed sparse fibers, levels in the order levvar
 * (the non-symmetric baseline's tree, see emit_csf in lower_tensor.c, and
 * each pass of the per-update kernel): a dense operand is multiplied in at
 * the deepest level binding its indices; a node below the output's level Lo
 * adds its children's sum (a leaf: its value) times its level's terms into
 * s<t> of its parent, s<t> in registers; a node of level Lo writes its
 * output row once. */
typedef struct {
    const Update *u;
    int lvl_of[MAX_INDEX]; /* level of each index variable, -1: none */
    int levvar[MAX_ORDER]; /* index variable of each level */
    int N, Lo;
} Fib;

/* The level of a dense access: the deepest level binding one of its
 * indices (-1: none). */
static int fib_level(const Fib *F, const Access *a)
{
    int l = -1;
    for (int k = 0; k < a->n; k++)
        if (F->lvl_of[a->idx[k]] > l) l = F->lvl_of[a->idx[k]];
    return l;
}

/* " * $L{r<k>}" for the dense operands of levels lo..hi (row r<k>: operand k) */
static void fib_terms(const Ctx *c, const Fib *F, int lo, int hi, char *buf, size_t len)
{
    buf[0] = 0;
    for (int r = 0; r < F->u->nr; r++) {
        const Access *a = &F->u->rhs[r];
        if (a->t == c->s->format_tensor) continue;
        int l = fib_level(F, a);
        if (l < lo || l > hi) continue;
        size_t q = strlen(buf);
        xsnprintf(buf + q, len - q, " * $L{r%d}", r);
    }
}

static void emit_fib_rows(Out *o, const Ctx *c, const Fib *F, int t)
{
    for (int r = 0; r < F->u->nr; r++) {
        const Access *a = &F->u->rhs[r];
        if (a->t == c->s->format_tensor || fib_level(F, a) != t) continue;
        char nm[16];
        xsnprintf(nm, sizeof nm, "r%d", r);
        emit_term_row(o, c, a, nm);
    }
}

static void emit_fib_level(Out *o, Ctx *c, const Fib *F, int t)
{
    const Spec *s = c->s;
    char terms[2048], ln[2400];
    emit_level_loop(o, t);
    out_line(o, "const int64_t %s = idx%d_[p%d];", s->idxname[F->levvar[t]], t, t);
    emit_fib_rows(o, c, F, t);
    const char *inner = "a";
    char sn[16];
    if (c->inner && t == F->Lo) { /* the leaf fiber, once per block of columns */
        emit_out_row(o, c, &F->u->lhs, "t0");
        fib_terms(c, F, -1, t, terms, sizeof terms);
        xsnprintf(ln, sizeof ln, "$S{t0} = $L{t0} + $V{s%d}%s;", t + 1, terms);
        xsnprintf(sn, sizeof sn, "s%d", t + 1);
        for (int tail = 0; tail < 2; tail++) {
            if (tail) {
                out_line(o, "if (rem_) {");
                plan_tail(c);
            } else {
                out_line(o, "for (int64_t q_ = 0; q_ < qt_; q_ += %d) {", c->blk);
                plan_fixed(c, c->blk, "q_");
            }
            o->indent++;
            emit_row_vars(o, c, sn);
            emit_fib_level(o, c, F, t + 1);
            emit_piece_line(o, c, ln);
            o->indent--;
            out_line(o, "}");
        }
        o->indent--;
        out_line(o, "}");
        return;
    }
    if (t == F->N - 1) {
        out_line(o, "const %s a = val[p%d];", c->T, t);
    } else {
        xsnprintf(sn, sizeof sn, "s%d", t + 1);
        if (t >= F->Lo) emit_row_vars(o, c, sn);
        emit_fib_level(o, c, F, t + 1);
        xsnprintf(sn, sizeof sn, "$V{s%d}", t + 1);
        inner = sn;
    }
    if (t > F->Lo) {
        fib_terms(c, F, t, t, terms, sizeof terms);
        xsnprintf(ln, sizeof ln, "$V{s%d} += %s%s;", t, inner, terms);
        emit_piece_line(o, c, ln);
    } else if (t == F->Lo) {
        emit_out_row(o, c, &F->u->lhs, "t0");
        fib_terms(c, F, -1, t, terms, sizeof terms);
        xsnprintf(ln, sizeof ln, "$S{t0} = $L{t0} + %s%s;", inner, terms);
        emit_piece_line(o, c, ln);
    }
    o->indent--;
    out_line(o, "}");
}

/* The tree kernels: the leave-one-out tree, or nfib passes of one update
 * each over its own fibers (csf[0..nfib)). */
typedef struct {
    const Loo *loo; /* one of the two */
    const Fib *fib;
    int nfib;
} Tree;

static void emit_fib_pass(Out *o, Ctx *c, const Fib *F)
{
    emit_fib_rows(o, c, F, -1);
    if (F->Lo < 0) emit_row_vars(o, c, "s0");
    emit_fib_level(o, c, F, 0);
    if (F->Lo < 0) {
        char terms[2048], ln[2400];
        emit_out_row(o, c, &F->u->lhs, "t0");
        fib_terms(c, F, -1, -1, terms, sizeof terms);
        xsnprintf(ln, sizeof ln, "$S{t0} = $L{t0} + $V{s0}%s;", terms);
        emit_piece_line(o, c, ln);
    }
}

/* One pass over the tree(s) with the current plan. */
static void emit_tree_pass(Out *o, Ctx *c, const Tree *tr)
{
    int passes = tr->loo ? 1 : tr->nfib;
    for (int u = 0; u < passes; u++) {
        char cx[32];
        if (passes > 1)
            xsnprintf(cx, sizeof cx, "(csf + %d)", u);
        else
            xsnprintf(cx, sizeof cx, "csf");
        out_line(o, "{");
        o->indent++;
        emit_csf_arrays(o, c, tr->loo ? tr->loo->N : tr->fib[u].N, cx);
        if (tr->loo)
            emit_loo_level(o, c, tr->loo, 0);
        else
            emit_fib_pass(o, c, &tr->fib[u]);
        o->indent--;
        out_line(o, "}");
    }
}

/* A tree kernel: one pass with R fixed; or (rblk) one pass per block of
 * c->blk columns and one for the remainder (the pieces' offsets name the
 * block's columns); or (rin, c->inner) one pass whose leaf fibers loop over
 * the blocks. */
static void emit_tree(Out *o, Ctx *c, const Tree *tr, const char *name, int R)
{
    char params[300];
    xsnprintf(params, sizeof params, "const systec_csf_t *csf, const %s *const *dense, const "
              "int64_t *dims, const int64_t *ld, %s *restrict out", c->T, c->T);
    emit_kernel_begin(o, c, name, params, R);
    emit_dense_bases(o, c->s, c->T);
    if (R) {
        plan_fixed(c, R, "");
        emit_tree_pass(o, c, tr);
    } else if (c->inner) { /* the blocks inside each leaf fiber (emit_fib_level) */
        emit_blocks_prologue(o, c);
        emit_tree_pass(o, c, tr);
    } else {
        emit_blocks_prologue(o, c);
        out_line(o, "for (int64_t q_ = 0; q_ < qt_; q_ += %d) {", c->blk);
        o->indent++;
        plan_fixed(c, c->blk, "q_");
        emit_tree_pass(o, c, tr);
        o->indent--;
        out_line(o, "}");
        out_line(o, "if (rem_) {");
        o->indent++;
        plan_tail(c);
        emit_tree_pass(o, c, tr);
        o->indent--;
        out_line(o, "}");
    }
    emit_kernel_end(o, c, name, params, "csf, dense, dims, ld, out", R);
}

/* ------------------------------------------------------------ driver */

/* Whether every pass's output level is the one above the leaves, so that
 * a leaf fiber's sum is written once per fiber: the run-time form can then
 * loop over the blocks of columns inside each fiber (the output row is
 * written as one stream, its leaves' rows stay in cache across blocks). */
static int leaf_fibers(const Fib *F, int n)
{
    int ok = n > 0;
    for (int u = 0; u < n; u++) ok &= F[u].Lo == F[u].N - 2;
    return ok;
}

enum { RK_FOLD, RK_TREE, RK_FIBERS, RK_CSF, RK_COOFULL, RK_KINDS };
static const char *const rk_storage[RK_KINDS] = {"fold", "foldtree", "fibers", "csf", "coofull"};
static const char *const rk_what[RK_KINDS] = {
    "canonical entries, tie factors folded into the values, per entry",
    "canonical entries as a tree, leave-one-out products factored over it",
    "canonical entries once per update, each pass over fibers that end at its output row, the "
    "faces' factors in the values",
    "the full operand in compressed sparse fibers, sums in registers",
    "the full operand's entries, one plain loop"};

/* The fibers of one update for the per-update kernel: levels are the
 * update's output coordinates (in the output's order), then the entry's
 * other coordinates (in the interior's order vars[0..N)). */
static void fib_for_update(const Spec *s, const Update *u, const int *vars, int N, int free_id,
                           Fib *F)
{
    memset(F, 0, sizeof *F);
    F->u = u;
    F->N = N;
    for (int id = 0; id < MAX_INDEX; id++) F->lvl_of[id] = -1;
    int L = 0;
    for (int m = 0; m < u->lhs.n; m++) {
        int id = u->lhs.idx[m];
        if (id != free_id && F->lvl_of[id] < 0) F->levvar[L] = id, F->lvl_of[id] = L++;
    }
    F->Lo = L - 1;
    for (int v = 0; v < N; v++)
        if (F->lvl_of[vars[v]] < 0) F->levvar[L] = vars[v], F->lvl_of[vars[v]] = L++;
    (void)s;
}

/* The per-update kernel's tables for the runtime: per pass u, the interior
 * coordinate (position in face_coords order) of each level; per tie
 * pattern and pass, the weight of an entry's value (0: not in that pass's
 * fibers); where each group index sits among the coordinates. */
static void emit_fiber_tables(Out *decl, const Spec *s, const Program *sym, const Fib *fib,
                              const int *w, const int *vars, int N)
{
    int nu = sym->face[0].nupd;
    out_printf(decl, "/* %s: the per-update kernel's passes: level -> interior coordinate, "
                     "weights per tie pattern and pass, group positions */\n"
                     "#define SYSTEC_FIBN_%s %d\nstatic const int systec_fiblev_%s[%d][%d] = {",
               s->kernel, s->kernel, nu, s->kernel, nu, MAX_ORDER);
    for (int u = 0; u < nu; u++) {
        out_printf(decl, "%s{", u ? ", " : "");
        for (int t = 0; t < MAX_ORDER; t++) {
            int pos = -1;
            for (int v = 0; v < N && t < N; v++)
                if (vars[v] == fib[u].levvar[t]) pos = v;
            out_printf(decl, "%s%d", t ? ", " : "", pos);
        }
        out_printf(decl, "}");
    }
    out_printf(decl, "};\nstatic const int systec_fibw_%s[%d][%d] = {", s->kernel, sym->nface, nu);
    for (int f = 0; f < sym->nface; f++) {
        out_printf(decl, "%s{", f ? ", " : "");
        for (int u = 0; u < nu; u++) out_printf(decl, "%s%d", u ? ", " : "", w[f * nu + u]);
        out_printf(decl, "}");
    }
    out_printf(decl, "};\nstatic const int systec_fibpos_%s[%d] = ", s->kernel, sym->ngroup);
    emit_group_pos(decl, sym, vars, N);
    out_printf(decl, ";\n\n");
}

typedef struct {
    const Program *sym, *id;
    const Loo *loo;
    const Fib *fib, *fibers; /* the baseline's tree; the per-update passes */
    int nfibers;
} Kinds;

static void emit_kernel(Out *code, Out *decl, Ctx *c, int kind, const Kinds *K, const char *name,
                        int R)
{
    const Spec *s = c->s;
    if (kind == RK_FOLD || kind == RK_COOFULL) {
        const Face *F = kind == RK_FOLD ? &K->sym->face[0] : &K->id->face[0];
        int vars[MAX_ORDER], nv = face_coords(s, F, vars);
        emit_entry(code, c, F->upd, F->nupd, vars, nv, name, R);
        out_printf(decl, "void %s(int64_t nnz, const int32_t *restrict coord, const %s *restrict "
                         "val, const %s *const *dense, const int64_t *dims, const int64_t *ld, "
                         "%s *restrict out);\n", name, c->T, c->T, c->T);
        return;
    }
    Tree tr = {NULL, NULL, 1};
    if (kind == RK_TREE) tr.loo = K->loo;
    if (kind == RK_CSF) tr.fib = K->fib;
    if (kind == RK_FIBERS) tr.fib = K->fibers, tr.nfib = K->nfibers;
    emit_tree(code, c, &tr, name, R);
    out_printf(decl, "void %s(const systec_csf_t *csf, const %s *const *dense, const int64_t "
                     "*dims, const int64_t *ld, %s *restrict out);\n", name, c->T, c->T);
}

/* The parallel schedules of the symmetric kinds (lower_omp_tensor.c). */
static int emit_parallel(const Spec *s, int kind, const Kinds *K, int free_id, int N, Out *code,
                         Out *decl, KernelInfo *info, int maxinfo, char *err, size_t errlen)
{
    if (kind != RK_FOLD && kind != RK_TREE && kind != RK_FIBERS) return 0;
    const Access *out = &s->assign.lhs;
    int row_id = -1, rows = 0;
    for (int m = 0; m < out->n; m++)
        if (out->idx[m] != free_id) row_id = out->idx[m], rows++;
    OmpTensor t = {s, rk_storage[kind], kind != RK_FOLD, kind == RK_FIBERS ? K->nfibers : 1, N,
                   count_dense(s), free_id, row_id, kind == RK_FIBERS && rows > 0,
                   kind != RK_FIBERS && rows == 1 && !s->packed_out};
    return lower_omp_tensor(&t, code, decl, info, maxinfo, err, errlen);
}

int lower_ranked(const Spec *s, const Program *sym, const RankedShapes *sh, Out *code, Out *decl,
                 KernelInfo *info, int maxinfo, char *err, size_t errlen)
{
    /* (and names ending in '_': d<k>_, ld<k>_, ptr<k>_, idx<k>_, o<k>_, nf0_) */
    static const char *const locals[] = {"csf", "dense", "dims", "ld", "out", "val", "nnz",
                                         "coord", "e", "a", "q_", "R_", "rem_", "qt_", NULL};
    int free_id = sh->free_id;
    if (!ranked_shape(s, free_id)) return 0;
    int vars[MAX_ORDER], N = face_coords(s, &sym->face[0], vars);
    const Face *I = &sym->face[0];
    /* the per-update kernel where the faces do not fold into one ratio */
    int *w = malloc(sizeof *w * (size_t)(sym->nface * I->nupd + 1));
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* (a packed output only in its first two modes, as row_expr packs it) */
    int can_fibers = !sh->can_fold && N == sym->ngroup && I->nupd <= MAX_ORDER * 4 &&
                     (!s->packed_out || sym->out_sym == 3u) && sym_fold_updates(sym, w) == 0;
    /* the symmetric per-entry and tree kernels write a packed output only
     * through the generic lowering; the baselines write the full output */
    int can[RK_KINDS] = {sh->can_fold && !s->packed_out, sh->can_tree && !s->packed_out,
                         can_fibers, sh->can_csf, 1};
    if (check_names(s, locals, "ranked", err, errlen)) {
        free(w);
        return -1;
    }
    Program id;
    if (program_identity(&id, s)) {
        free(w);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    Loo loo = {I, sh->loo_term, sh->loo_upd, vars, N};
    const Access *A = NULL;
    for (int r = 0; r < s->assign.nr; r++)
        if (s->assign.rhs[r].t == s->format_tensor) A = &s->assign.rhs[r];
    Fib fib;
    memset(&fib, 0, sizeof fib);
    fib.u = &s->assign;
    fib.N = A->n;
    fib.Lo = sh->csf_out;
    memcpy(fib.lvl_of, sh->lvl_of, sizeof fib.lvl_of);
    for (int t = 0; t < A->n; t++) fib.levvar[t] = A->idx[t];
    Fib fibers[MAX_ORDER * 4];
    if (can_fibers) {
        for (int u = 0; u < I->nupd; u++)
            fib_for_update(s, &I->upd[u], vars, N, free_id, &fibers[u]);
        emit_fiber_tables(decl, s, sym, fibers, w, vars, N);
    }
    free(w);
    Kinds K = {sym, &id, &loo, &fib, fibers, can_fibers ? I->nupd : 0};
    emit_piece_types(code);
    int count = 0;
    for (int kind = 0; kind < RK_KINDS; kind++) {
        if (!can[kind] || !spec_emits(s, rk_storage[kind])) continue;
        for (int v = 0; v <= NRANK; v++)
            for (int dt = 0; dt < 2; dt++) {
                if (count == maxinfo) {
                    snprintf(err, errlen, "too many kernels");
                    program_free(&id);
                    return -1;
                }
                KernelInfo *k = &info[count++];
                memset(k, 0, sizeof *k);
                int R = v < NRANK ? rank_set[v] : 0;
                /* the run-time form: in blocks inside each entry or leaf fiber
                 * ("rin", one pass) where the kernel allows, else one pass per
                 * block ("rblk") */
                int inner = kind == RK_FOLD || kind == RK_COOFULL ||
                            (kind == RK_CSF && leaf_fibers(&fib, 1)) ||
                            (kind == RK_FIBERS && leaf_fibers(fibers, K.nfibers));
                int fib_inner = !R && inner && (kind == RK_CSF || kind == RK_FIBERS);
                Ctx c = {s, dt ? "double" : "float", dt ? 'd' : 'f', PIECE_BYTES / (dt ? 8 : 4),
                         free_id, count_dense(s), kind == RK_FIBERS && s->packed_out,
                         fib_inner ? FIBER_BLOCK : RANK_BLOCK, fib_inner, {0}};
                k->dtype = dt ? 'd' : 's';
                xsnprintf(k->op, sizeof k->op, "%s", s->kernel);
                xsnprintf(k->storage, sizeof k->storage, "%s", rk_storage[kind]);
                if (R)
                    xsnprintf(k->sched, sizeof k->sched, "r%d", R);
                else
                    xsnprintf(k->sched, sizeof k->sched, "%s", inner ? "rin" : "rblk");
                xsnprintf(k->name, sizeof k->name, "systec_k_%c%s_%s_%s", k->dtype, s->kernel,
                          k->storage, k->sched);
                k->symmetric = kind == RK_FOLD || kind == RK_TREE || kind == RK_FIBERS;
                /* called typed by the runtime (no call thunk) */
                xsnprintf(k->sig, sizeof k->sig, "ranked_%s",
                          kind == RK_FOLD || kind == RK_COOFULL ? "entry" : "tree");
                out_printf(code, "/* %s: %s, the free index %s; derived from %s */\n", k->name,
                           rk_what[kind], R ? "extent fixed" : "in blocks", s->label);
                emit_kernel(code, decl, &c, kind, &K, k->name, R);
            }
        int npar = emit_parallel(s, kind, &K, free_id, N, code, decl, info + count,
                                 maxinfo - count, err, errlen);
        if (npar < 0) {
            program_free(&id);
            return -1;
        }
        count += npar;
    }
    program_free(&id);
    return count;
}
