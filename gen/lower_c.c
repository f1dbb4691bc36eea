/* Lowering of a symmetrized Program to C, for a matrix operand in CSR.
 *
 * Storage variants of the symmetric operand (canonical group g0 <= g1):
 *   split  strictly-lower CSR (row g1, column g0 < g1) + dense diagonal: the
 *          interior face runs in the inner loop with no comparison, the tie
 *          face reads diag[] once per row;
 *   trilo  one CSR triangle with the diagonal inside the rows, lower
 *          (row g1, column g0 <= g1): faces are selected by a guard;
 *   triup  the same, upper (row g0, column g1 >= g0).
 * The non-symmetric baseline lowers the identity program over full CSR.
 *
 * Every update of every face is classified against the two loops:
 *   - its output index bound to the inner loop: a scatter, emitted in the
 *     inner body; the factors of its right-hand side that depend only on the
 *     outer loop are hoisted into one per-row constant (loop-invariant code
 *     motion plus CSE);
 *   - otherwise: a reduction into a scalar accumulator (workspace
 *     transform); only its inner-dependent factors are accumulated, the rest
 *     multiplies the accumulator once per row. Inner loops are unrolled by
 *     4 with 4 partial accumulators, end with a switch over the remaining
 *     entries, and prefetch the index and value arrays 512 entries ahead.
 * Output initialisation: when every scatter of the strict interior targets
 * a coordinate whose row was already visited (the inner index precedes the
 * outer one in the canonical order), each output row is first touched by
 * its own row's final write, so beta*y is folded into that write and no
 * separate pass over y is made; otherwise a scaling pass runs first. */
#include "lower_c.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ out buffer */

static void out_vprintf(Out *o, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0) return;
    if (o->len + (size_t)n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (o->len + (size_t)n + 1 > cap) cap *= 2;
        char *b = realloc(o->buf, cap);
        if (!b) abort(); /* the generator is a build tool, not the library */
        o->buf = b;
        o->cap = cap;
    }
    vsnprintf(o->buf + o->len, (size_t)n + 1, fmt, ap);
    o->len += (size_t)n;
}

void out_printf(Out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    out_vprintf(o, fmt, ap);
    va_end(ap);
}

void out_line(Out *o, const char *fmt, ...)
{
    for (int k = 0; k < o->indent; k++) out_printf(o, "    ");
    va_list ap;
    va_start(ap, fmt);
    out_vprintf(o, fmt, ap);
    va_end(ap);
    out_printf(o, "\n");
}

void xsnprintf(char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf, len, fmt, ap);
    va_end(ap);
    if (w < 0 || (size_t)w >= len) {
        fprintf(stderr, "systec-gen: a generated expression is too long (names too long?)\n");
        exit(1); /* a build tool: never emit truncated code */
    }
}

int check_names(const Spec *s, const char *const *locals, const char *lowering, char *err,
                size_t errlen)
{
    for (int k = 0; k < s->nidx + s->ntens; k++) {
        const char *w = k < s->nidx ? s->idxname[k] : s->tens[k - s->nidx].name;
        int clash = w[0] && strchr("rhtps", w[0]) && w[1] >= '0' && w[1] <= '9';
        for (int q = 0; locals[q] && !clash; q++) clash = !strcmp(w, locals[q]);
        if (clash) {
            /* where the name is first used */
            Pos at = k < s->nidx ? s->idx_at[k]
                                 : (Pos){s->tens[k - s->nidx].line, s->tens[k - s->nidx].col};
            spec_error(s, at, err, errlen, "'%s' is a name the %s lowering uses itself; rename "
                       "the %s", w, lowering, k < s->nidx ? "index" : "tensor");
            return -1;
        }
    }
    return 0;
}

void out_free(Out *o)
{
    free(o->buf);
    memset(o, 0, sizeof *o);
}

/* ---------------------------------------------------------------- context */

const char *const storage_name[] = {"full", "split", "trilo", "triup", "stream"};

static const char *iname(const L *l, int id) { return l->s->idxname[id]; }

static int access_deps(const L *l, const Access *a, int in_inner)
{
    if (a->t == l->s->format_tensor) return in_inner ? DEP_INNER : DEP_OUTER;
    int d = 0;
    for (int k = 0; k < a->n; k++) d |= l->bind[a->idx[k]];
    return d;
}

/* The output element a writes, in a parallel schedule (see OUT_* in
 * lower_c.h): through the entry's pointer yt (OUT_SELECT, a write indexed by
 * the inner loop), at its row of the part's buffer yb (OUT_BUF), or in the
 * output itself. */
static void out_elem(const L *l, const Access *a, int in_inner, char *buf, size_t len)
{
    const char *Y = l->s->tens[a->t].name, *row = iname(l, a->idx[0]);
    const char *col = a->n == 2 ? iname(l, a->idx[1]) : NULL;
    int sel = l->out_mode == OUT_SELECT && (access_deps(l, a, in_inner) & DEP_INNER);
    if (sel)
        xsnprintf(buf, len, "yt[%s]", col ? col : "0");
    else if (l->out_mode == OUT_BUF && col)
        xsnprintf(buf, len, "yb[(size_t)(%s - lo) * (size_t)dim_%s + (size_t)%s]", row, col, col);
    else if (l->out_mode == OUT_BUF)
        xsnprintf(buf, len, "yb[%s - lo]", row);
    else if (col)
        xsnprintf(buf, len, "%s[(size_t)%s * (size_t)dim_%s + (size_t)%s]", Y, row, col, col);
    else
        xsnprintf(buf, len, "%s[%s]", Y, row);
}

/* With OUT_SELECT, the entry's output pointer yt: the output row of the
 * inner index, or its row of the part's buffer when it lies below r0. */
static void emit_select(Out *o, const L *l)
{
    if (l->out_mode != OUT_SELECT) return;
    const char *in = iname(l, l->inner), *Y = l->s->tens[l->s->assign.lhs.t].name;
    if (l->dense >= 0)
        out_line(o, "%s *const yt = %s >= r0 ? %s + (size_t)%s * (size_t)dim_%s : yb + (size_t)(%s "
                    "- lo) * (size_t)dim_%s;", l->T, in, Y, in, iname(l, l->dense), in,
                 iname(l, l->dense));
    else
        out_line(o, "%s *const yt = %s >= r0 ? %s + %s : yb + (%s - lo);", l->T, in, Y, in, in);
}

/* C expression reading one operand. The matrix reads the current stored
 * value (a) in the inner loop, or the diagonal (d) at row level. */
static void access_expr(const L *l, const Access *a, int in_inner, char *buf, size_t len)
{
    const Spec *s = l->s;
    if (a->t == s->assign.lhs.t && a->n > 0 && l->out_mode != OUT_Y) {
        out_elem(l, a, in_inner, buf, len);
    } else if (a->t == s->format_tensor) {
        xsnprintf(buf, len, in_inner ? "a" : "d");
    } else if (a->n == 0) {
        xsnprintf(buf, len, "%s[0]", s->tens[a->t].name);
    } else if (a->n == 2) { /* a row-major dense row, the dense index last */
        xsnprintf(buf, len, "%s[(size_t)%s * (size_t)dim_%s + (size_t)%s]", s->tens[a->t].name,
                 iname(l, a->idx[0]), iname(l, a->idx[1]), iname(l, a->idx[1]));
    } else {
        xsnprintf(buf, len, "%s[%s]", s->tens[a->t].name, iname(l, a->idx[0]));
    }
}

/* Joins the right-hand-side terms whose dependence matches `want` (DEP_INNER
 * or DEP_OUTER; 0: every term) with the semiring product ('*' for +=, '+'
 * for min=). Returns the number joined. */
static int join_terms(const L *l, const Update *u, int in_inner, int want, char *buf, size_t len)
{
    const char *op = l->s->red == RED_ADD ? " * " : " + ";
    int n = 0;
    buf[0] = '\0';
    for (int r = 0; r < u->nr; r++) {
        int d = access_deps(l, &u->rhs[r], in_inner);
        int inner = (d & DEP_INNER) != 0;
        if (want && inner != (want == DEP_INNER)) continue;
        char e[160];
        access_expr(l, &u->rhs[r], in_inner, e, sizeof e);
        size_t k = strlen(buf);
        xsnprintf(buf + k, len - k, "%s%s", n ? op : "", e);
        n++;
    }
    return n;
}

/* The per-row constant of an update: factor (and alpha for scatters) times
 * its outer-only terms. Empty string when it is the multiplicative identity. */
static void row_constant(const L *l, const Update *u, int in_inner, int with_alpha, char *buf,
                         size_t len)
{
    char terms[256];
    int n = join_terms(l, u, in_inner, DEP_OUTER, terms, sizeof terms);
    buf[0] = '\0';
    if (l->s->red == RED_MIN) {
        if (n) xsnprintf(buf, len, "%s", terms);
        return;
    }
    char pre[64] = "";
    if (u->factor != 1) xsnprintf(pre, sizeof pre, "(%s)%d", l->T, u->factor);
    if (with_alpha) {
        size_t k = strlen(pre);
        xsnprintf(pre + k, sizeof pre - k, "%salpha", k ? " * " : "");
    }
    if (pre[0] && n)
        xsnprintf(buf, len, "%s * %s", pre, terms);
    else
        xsnprintf(buf, len, "%s", pre[0] ? pre : terms);
}

/* Semiring accumulate: "x += e" or "x = min(x, e)". */
static void emit_accumulate(Out *o, const L *l, const char *target, const char *e)
{
    if (l->s->red == RED_ADD)
        out_line(o, "%s += %s;", target, e);
    else
        /* branch-free: compiles to a min instruction (same NaN rule as the branch) */
        out_line(o, "{ const %s t_ = %s; %s = t_ < %s ? t_ : %s; }", l->T, e, target, target,
                 target);
}

/* An update of the output (a scatter or a row's write): atomic in the
 * omp_atomic schedule (min= through a compare-and-swap loop). */
static void emit_out_update(Out *o, const L *l, const char *target, const char *e)
{
    if (!l->atomic)
        emit_accumulate(o, l, target, e);
    else if (l->s->red == RED_ADD)
        out_line(o, "_Pragma(\"omp atomic\") %s += %s;", target, e);
    else
        out_line(o, "SYSTEC_ATOMIC_MIN(&%s, %s);", target, e);
}

const char *identity(const L *l) { return l->s->red == RED_ADD ? "0" : "INFINITY"; }

/* The type of a scalar output's running total, the one reduction whose
 * chain is as long as the matrix (over the rows, or over the whole entry
 * stream): double for += (a float kernel sums in double and rounds once,
 * so x^T A x over a million rows keeps float accuracy), the value type for
 * min= (exact). The per-row accumulators keep the value type: a row is
 * short, and converting every entry would cost float SSYMV a sixth more
 * instructions (callgrind, bcsstk15) for no gain in its float output. */
const char *total_type(const L *l) { return l->s->red == RED_ADD ? "double" : l->T; }

/* Non-finite values follow the terms: an absent entry contributes nothing,
 * an explicit stored 0 gives 0*x (NaN for an infinite or NaN x), and an
 * output is NaN, +-inf or finite as the sum (or min) of its terms, each
 * evaluated on its own, would be -- a class that does not depend on the
 * order of the sum. Two things would break this:
 *   - hoisting a data term out of a reduction: x[j] * (sum over the row)
 *     is NaN for an infinite x[j] and an empty row (no terms at all), or
 *     +inf where the terms x[j]*a*x[i] are +inf and -inf (multiplication
 *     does not distribute over sums with infinities). So a reduction
 *     accumulates every term of its update in the loop, and only its
 *     integer factor multiplies the accumulator once per row; this also
 *     makes a guarded storage's tie face (trilo, triup: run once per stored
 *     diagonal entry) add nothing to a row without a diagonal. It costs
 *     SYPRD one multiply per entry, off the accumulation's dependence
 *     chain (callgrind, bcsstk15: +5% instructions in the unrolled
 *     schedule, -2% in the plain one; testing x[j] once per row and
 *     hoisting only a finite one cost more, +8%). Scatters hoist x[j] into
 *     one per-row constant: each product there is one term;
 *   - the split and stream storages keep a dense diagonal: under += their
 *     kernels take A_dhas, NULL when every row has a stored diagonal (the
 *     loop of before, unchanged), else one flag per row, and then run a
 *     second copy of the loop that leaves out the tie term of unflagged
 *     rows. Under min= an absent diagonal is +inf and needs no flag: a
 *     candidate replaces the minimum only when it compares less, so
 *     +inf + x is never taken, not even as the NaN of +inf + -inf. */
static int takes_dhas(const L *l)
{
    return (l->storage == ST_SPLIT || l->storage == ST_STREAM) && l->s->red == RED_ADD &&
           l->p->nface > 1;
}

/* Appends term to the semiring sum in buf (k = number of terms already in
 * it): "a + b" for +=, a comparison-based min for min= (inlined as a min
 * instruction; libm's fmin is a call). SYSTEC_MIN(a, b) is a < b ? a : b,
 * so the new term goes first: a NaN term is skipped, as in the loops'
 * accumulation (the sum so far is an accumulator or +inf, never NaN). */
static void semiring_sum(const L *l, char *buf, size_t len, const char *term, int k)
{
    char old[4096];
    int w;
    xsnprintf(old, sizeof old, "%s", buf);
    if (k == 0)
        w = snprintf(buf, len, "%s", term);
    else if (l->s->red == RED_ADD)
        w = snprintf(buf, len, "%s + %s", old, term);
    else
        w = snprintf(buf, len, "SYSTEC_MIN(%s, %s)", term, old);
    if (w < 0 || (size_t)w >= len) {
        fprintf(stderr, "systec-gen: expression too long for %s\n", l->s->path);
        exit(1); /* a build tool: never emit truncated code */
    }
}

/* ------------------------------------------------------------ inner body */

/* Which face each inner-loop body runs, and the accumulator numbering. */
typedef struct {
    const Face *face;
    int first_acc; /* accumulators of this face's reductions start here */
} BodyFace;

static void emit_face_updates(Out *o, const L *l, const Face *F, int acc0, int lane)
{
    int acc = acc0;
    for (int k = 0; k < F->nupd; k++) {
        const Update *u = &F->upd[k];
        char inner[256], acc_name[32];
        int scatter = (access_deps(l, &u->lhs, 1) & DEP_INNER) != 0;
        join_terms(l, u, 1, scatter ? DEP_INNER : 0, inner, sizeof inner);
        if (scatter) {
            char c[256], e[600], tgt[160];
            row_constant(l, u, 1, l->s->scaled, c, sizeof c);
            if (c[0])
                xsnprintf(e, sizeof e, "%s%sh%d_%d", inner, l->s->red == RED_ADD ? " * " : " + ",
                         (int)(F - l->p->face), k);
            else
                xsnprintf(e, sizeof e, "%s", inner);
            access_expr(l, &u->lhs, 1, tgt, sizeof tgt);
            emit_out_update(o, l, tgt, e);
        } else {
            xsnprintf(acc_name, sizeof acc_name, "r%d_%d", acc, lane);
            emit_accumulate(o, l, acc_name, inner);
            acc++;
        }
    }
}

static int face_reductions(const L *l, const Face *F, int in_inner);

/* One stored entry at offset p + k of the inner loop, accumulator lane k.
 * With a tie face in the same storage (guarded), the face is chosen by
 * comparing the two loop indices; its accumulators follow the interior's. */
static void emit_entry(Out *o, const L *l, const Face *interior, const Face *tie, int k)
{
    const char *A = l->s->tens[l->s->format_tensor].name;
    out_line(o, "{");
    o->indent++;
    out_line(o, "const %s %s = %s_idx[p + %d];", l->I, iname(l, l->inner), A, k);
    out_line(o, "const %s a = %s_val[p + %d];", l->T, A, k);
    emit_select(o, l);
    if (tie) {
        out_line(o, "if (%s != %s) {", iname(l, l->inner), iname(l, l->outer));
        o->indent++;
        emit_face_updates(o, l, interior, 0, k);
        o->indent--;
        out_line(o, "} else {");
        o->indent++;
        emit_face_updates(o, l, tie, face_reductions(l, interior, 1), k);
        o->indent--;
        out_line(o, "}");
    } else {
        emit_face_updates(o, l, interior, 0, k);
    }
    o->indent--;
    out_line(o, "}");
}

/* Indirect prefetch (l->ipf): for the `count` entries from p + ahead on,
 * the lines of every dense operand the interior face reaches through the
 * inner index (read, or written for the output), when those entries exist
 * (below `end`). */
static void emit_ipf(Out *o, const L *l, const char *end, int count)
{
    if (!l->ipf) return;
    const Spec *s = l->s;
    const char *A = s->tens[s->format_tensor].name;
    const Face *F = &l->p->face[0];
    const char *name[MAX_TENSOR];
    int rw[MAX_TENSOR], nt = 0;
    for (int k = 0; k < F->nupd; k++)
        for (int r = -1; r < F->upd[k].nr; r++) {
            const Access *a = r < 0 ? &F->upd[k].lhs : &F->upd[k].rhs[r];
            if (a->t == s->format_tensor || a->n == 0 || a->idx[0] != l->inner) continue;
            int q = 0;
            while (q < nt && strcmp(name[q], s->tens[a->t].name)) q++;
            if (q == nt) name[nt] = s->tens[a->t].name, rw[nt++] = 0;
            rw[q] |= r < 0;
        }
    if (!nt) return;
    out_line(o, "if (p + %d <= %s) { /* the dense rows %d entries ahead */", l->ipf + count, end,
             l->ipf);
    o->indent++;
    for (int u = 0; u < count; u++) {
        out_line(o, "const %s q%d_ = %s_idx[p + %d];", l->I, u, A, l->ipf + u);
        for (int t = 0; t < nt; t++) {
            if (l->dense >= 0)
                out_line(o, "__builtin_prefetch(%s + (size_t)q%d_ * (size_t)dim_%s, %d, 3);",
                         name[t], u, iname(l, l->dense), rw[t]);
            else
                out_line(o, "__builtin_prefetch(%s + q%d_, %d, 3);", name[t], u, rw[t]);
        }
    }
    o->indent--;
    out_line(o, "}");
}

static int face_reductions(const L *l, const Face *F, int in_inner)
{
    int n = 0;
    for (int k = 0; k < F->nupd; k++)
        if (!(access_deps(l, &F->upd[k].lhs, in_inner) & DEP_INNER)) n++;
    return n;
}

/* ------------------------------------------------------------- one kernel */

static int bind_variant(L *l)
{
    const Spec *s = l->s;
    const Program *p = l->p;
    memset(l->bind, 0, sizeof l->bind);
    if (l->storage == ST_FULL) {
        const Access *a = NULL;
        for (int r = 0; r < s->assign.nr; r++)
            if (s->assign.rhs[r].t == s->format_tensor) a = &s->assign.rhs[r];
        if (a->idx[0] == a->idx[1]) {
            spec_error(s, s->at_assign, l->err, l->errlen, "%s[%s,%s] reads only the diagonal",
                     s->tens[a->t].name, iname(l, a->idx[0]), iname(l, a->idx[1]));
            return -1;
        }
        l->outer = a->idx[0];
        l->inner = a->idx[1];
    } else {
        if (p->ngroup != 2 || !p->declared) {
            spec_error(s, s->at_format, l->err, l->errlen,
                       "csr lowering needs the symmetric group to be the matrix's two "
                       "modes (group of order %d)", p->ngroup);
            return -1;
        }
        int lo = p->group[0], hi = p->group[1];
        l->outer = l->storage == ST_TRIUP ? lo : hi; /* split, stream: row g1, column g0 */
        l->inner = l->storage == ST_TRIUP ? hi : lo;
    }
    l->bind[l->outer] = DEP_OUTER;
    l->bind[l->inner] = DEP_INNER;
    /* an index the matrix loops do not bind runs innermost over dense rows */
    l->dense = -1;
    for (int k = 0; k < s->nidx; k++) {
        if (l->bind[k]) continue;
        if (l->dense >= 0) {
            spec_error(s, s->at_assign, l->err, l->errlen, "indices %s and %s are both free; "
                       "csr lowering takes one dense index", s->idxname[l->dense], s->idxname[k]);
            return -1;
        }
        l->dense = k;
        l->bind[k] = DEP_DENSE;
    }
    /* dense operands: vectors, or matrices whose last mode is the dense index
     * (rows contiguous, concordant with the innermost loop) */
    const Access *all[MAX_OPERAND + 1];
    int na = 0;
    all[na++] = &s->assign.lhs;
    for (int r = 0; r < s->assign.nr; r++) all[na++] = &s->assign.rhs[r];
    for (int q = 0; q < na; q++) {
        const Access *a = all[q];
        if (a->t == s->format_tensor) continue;
        int ok = a->n <= 1 || (a->n == 2 && l->dense >= 0 && a->idx[1] == l->dense &&
                               a->idx[0] != l->dense);
        if (!ok) {
            spec_error(s, s->at_assign, l->err, l->errlen, "dense operand %s: csr lowering "
                       "takes vectors, or matrices whose last index is the one free index",
                       s->tens[a->t].name);
            return -1;
        }
    }
    if (l->dense >= 0 && (s->red != RED_ADD || s->assign.lhs.n != 2 ||
                          s->assign.lhs.idx[1] != l->dense)) {
        spec_error(s, s->at_assign, l->err, l->errlen, "a dense index needs a += reduction "
                   "into a dense matrix output whose last index it is");
        return -1;
    }
    /* first touch: every scatter in the inner loop targets a row that the
     * outer loop has already visited. In the symmetric variants the inner
     * index of the strict interior precedes the outer one iff the inner
     * index is g0; the full baseline never visits "earlier" rows. */
    int scatters = 0;
    for (int f = 0; f < p->nface; f++)
        for (int k = 0; k < p->face[f].nupd; k++)
            if (access_deps(l, &p->face[f].upd[k].lhs, 1) & DEP_INNER) scatters = 1;
    l->first_touch = !scatters || (l->storage != ST_FULL && l->inner == p->group[0]);
    if (l->storage == ST_STREAM) l->first_touch = 1; /* the tie pass writes every row first */
    return 0;
}

/* "void name(params)", or with as_typedef "typedef void (*name)(params)". */
void emit_signature(Out *o, const L *l, const char *name, int as_typedef, int part)
{
    const Spec *s = l->s;
    const char *A = s->tens[s->format_tensor].name;
    out_printf(o, as_typedef ? "typedef void (*%s)(" : "void %s(", name);
    if (l->storage == ST_FULL)
        out_printf(o, "%s m, %s n", l->I, l->I);
    else
        out_printf(o, "%s n", l->I);
    if (l->dense >= 0) out_printf(o, ", %s dim_%s", l->I, iname(l, l->dense));
    if (l->storage == ST_STREAM) /* entries with their row index, not row pointers */
        out_printf(o, ", %s nnz, const %s *restrict %s_row", l->I, l->I, A);
    else
        out_printf(o, ", const %s *restrict %s_ptr", l->I, A);
    out_printf(o, ", const %s *restrict %s_idx, const %s *restrict %s_val", l->I, A, l->T, A);
    if (l->storage == ST_SPLIT || l->storage == ST_STREAM)
        out_printf(o, ", const %s *restrict %s_diag", l->T, A);
    if (takes_dhas(l)) out_printf(o, ", const unsigned char *restrict %s_dhas", A);
    if (s->scaled) out_printf(o, ", %s alpha", l->T);
    for (int t = 0; t < s->ntens; t++)
        if (t != s->format_tensor && t != s->assign.lhs.t)
            out_printf(o, ", const %s *restrict %s", l->T, s->tens[t].name);
    if (s->scaled) out_printf(o, ", %s beta", l->T);
    out_printf(o, ", %s *restrict %s", l->T, s->tens[s->assign.lhs.t].name);
    out_printf(o, part ? ", const systec_kpart_t *restrict part)" : ")");
}

/* The same parameter list as emit_signature, as the argument list of the
 * kernel's call thunk (fields of `const systec_kargs_t *a`), and its
 * signature class (storage, dense index, scaling, number of dense inputs). */
void kernel_args(const L *l, KernelInfo *k, int part)
{
    const Spec *s = l->s;
    Out a = {0};
    out_printf(&a, l->storage == ST_FULL ? "a->m, a->n" : "a->n");
    if (l->dense >= 0) out_printf(&a, ", a->k");
    out_printf(&a, l->storage == ST_STREAM ? ", a->nnz, a->row" : ", a->ptr");
    out_printf(&a, ", a->idx, a->val");
    if (l->storage == ST_SPLIT || l->storage == ST_STREAM) out_printf(&a, ", a->diag");
    if (takes_dhas(l)) out_printf(&a, ", a->dhas");
    if (s->scaled) out_printf(&a, ", a->alpha");
    int nin = 0;
    for (int t = 0; t < s->ntens; t++)
        if (t != s->format_tensor && t != s->assign.lhs.t) out_printf(&a, ", a->in[%d]", nin++);
    if (s->scaled) out_printf(&a, ", a->beta");
    out_printf(&a, part ? ", a->out, a->part" : ", a->out");
    xsnprintf(k->args, sizeof k->args, "%s", a.buf);
    out_free(&a);
    const char *st = l->storage == ST_TRILO || l->storage == ST_TRIUP ? "tri"
                                                                       : storage_name[l->storage];
    xsnprintf(k->sig, sizeof k->sig, "csr_%s%s%s_in%d%s", st, l->dense >= 0 ? "_dense" : "",
              s->scaled ? "_scaled" : "", nin, part ? "_part" : "");
}

/* The output's number of rows: the matrix's rows, or (full storage with an
 * output indexed by the column loop) its columns. */
const char *out_rows(const L *l)
{
    const Access *y = &l->s->assign.lhs;
    if (l->storage != ST_FULL) return "n";
    return y->n > 0 && y->idx[0] == l->inner ? "n" : "m";
}

/* -------------------------------------------------- dense inner index */

static int access_has(const Access *a, int id)
{
    for (int k = 0; k < a->n; k++)
        if (a->idx[k] == id) return 1;
    return 0;
}

/* One update with a dense index: c = factor * alpha * (the terms free of the
 * dense index), then over the dense index: out(row, :) += c * (the others).
 * Owner-row updates accumulate straight into the output row, which serves as
 * the workspace (it is first touched by its own row, see bind_variant). */
static void emit_dense_update(Out *o, const L *l, const Update *u, int in_inner)
{
    const Spec *s = l->s;
    const char *T = l->T, *I = l->I, *dn = iname(l, l->dense);
    char scal[512] = "", vec[512] = "", e[160], lhs[160];
    if (u->factor != 1) xsnprintf(scal, sizeof scal, "(%s)%d", T, u->factor);
    if (s->scaled) {
        size_t q = strlen(scal);
        xsnprintf(scal + q, sizeof scal - q, "%salpha", q ? " * " : "");
    }
    for (int r = 0; r < u->nr; r++) {
        access_expr(l, &u->rhs[r], in_inner, e, sizeof e);
        char *dst = access_has(&u->rhs[r], l->dense) ? vec : scal;
        size_t q = strlen(dst);
        xsnprintf(dst + q, 512 - q, "%s%s", q ? " * " : "", e);
    }
    access_expr(l, &u->lhs, in_inner, lhs, sizeof lhs);
    out_line(o, "{");
    o->indent++;
    out_line(o, "const %s c = %s;", T, scal[0] ? scal : "1");
    out_line(o, "for (%s %s = 0; %s < dim_%s; %s++) %s%s += c%s%s;%s", I, dn, dn, dn, dn,
             l->atomic ? "{ _Pragma(\"omp atomic\") " : "", lhs, vec[0] ? " * " : "", vec,
             l->atomic ? " }" : "");
    o->indent--;
    out_line(o, "}");
}

static void emit_dense_face(Out *o, const L *l, const Face *F, int in_inner)
{
    for (int k = 0; k < F->nupd; k++) emit_dense_update(o, l, &F->upd[k], in_inner);
}

/* The row bounds of the row loop: rlo .. rhi-1, by default every row. */
static const char *row_lo(const L *l) { return l->rlo ? l->rlo : "0"; }
static const char *row_hi(const L *l)
{
    return l->rhi ? l->rhi : l->storage == ST_FULL ? "m" : "n";
}

/* The row loop of a kernel with a dense index (e.g. SSYMM, Y[i,k] +=
 * A[i,j]*X[j,k]): one entry per inner-loop step, the dense index innermost
 * and contiguous. */
void emit_dense_row_loop(Out *o, const L *l)
{
    const Spec *s = l->s;
    const Program *p = l->p;
    const char *A = s->tens[s->format_tensor].name, *Y = s->tens[s->assign.lhs.t].name;
    const char *T = l->T, *I = l->I, *on = iname(l, l->outer), *in = iname(l, l->inner);
    const char *dn = iname(l, l->dense);
    int guarded = l->storage == ST_TRILO || l->storage == ST_TRIUP;
    const Face *interior = &p->face[0], *tie = p->nface > 1 ? &p->face[1] : NULL;
    if (l->ipf) { /* the indirect prefetch reads the index stream up to its end */
        out_line(o, "{");
        o->indent++;
        out_line(o, "const %s pend_ = %s_ptr[%s];", I, A, l->storage == ST_FULL ? "m" : "n");
    }
    out_line(o, "for (%s %s = %s; %s < %s; %s++) {", I, on, row_lo(l), on, row_hi(l), on);
    o->indent++;
    if (s->scaled && l->first_touch) {
        out_line(o, "/* first touch of output row %s: fold in beta */", on);
        out_line(o, "%s *row = %s + (size_t)%s * (size_t)dim_%s;", T, Y, on, dn);
        out_line(o, "for (%s %s = 0; %s < dim_%s; %s++) row[%s] = beta == (%s)0 ? (%s)0 : beta * "
                    "row[%s];", I, dn, dn, dn, dn, dn, T, T, dn);
    }
    out_line(o, "const %s pe = %s_ptr[%s + 1];", I, A, on);
    out_line(o, "for (%s p = %s_ptr[%s]; p < pe; p++) {", I, A, on);
    o->indent++;
    out_line(o, "__builtin_prefetch((const void *)((uintptr_t)(%s_val + p) + %d * sizeof(%s)), 0, "
                "0);", A, PREFETCH_ENTRIES, T);
    out_line(o, "__builtin_prefetch((const void *)((uintptr_t)(%s_idx + p) + %d * sizeof(%s)), 0, "
                "0);", A, PREFETCH_ENTRIES, I);
    emit_ipf(o, l, "pend_", 1);
    out_line(o, "const %s %s = %s_idx[p];", I, in, A);
    out_line(o, "const %s a = %s_val[p];", T, A);
    emit_select(o, l);
    if (guarded && tie) {
        out_line(o, "if (%s != %s) {", in, on);
        o->indent++;
        emit_dense_face(o, l, interior, 1);
        o->indent--;
        out_line(o, "} else {");
        o->indent++;
        emit_dense_face(o, l, tie, 1);
        o->indent--;
        out_line(o, "}");
    } else {
        emit_dense_face(o, l, interior, 1);
    }
    o->indent--;
    out_line(o, "}");
    if (l->storage == ST_SPLIT && tie) {
        if (l->dguard) {
            out_line(o, "if (%s_dhas[%s]) {", A, on);
            o->indent++;
        }
        out_line(o, "const %s d = %s_diag[%s];", T, A, on);
        emit_dense_face(o, l, tie, 0);
        if (l->dguard) {
            o->indent--;
            out_line(o, "}");
        }
    }
    o->indent--;
    out_line(o, "}");
    if (l->ipf) {
        o->indent--;
        out_line(o, "}");
    }
}

/* The kernel for a spec with a dense index. */
static void emit_kernel_dense(Out *o, L *l, const char *name)
{
    const Spec *s = l->s;
    const char *Y = s->tens[s->assign.lhs.t].name, *T = l->T, *dn = iname(l, l->dense);
    emit_signature(o, l, name, 0, 0);
    out_printf(o, "\n{\n");
    o->indent = 1;
    if (l->storage == ST_FULL) out_line(o, "(void)n;");
    if (s->scaled && !l->first_touch) {
        out_line(o, "/* scatters reach rows not yet visited: scale %s first */", Y);
        out_line(o, "for (size_t q = 0; q < (size_t)%s * (size_t)dim_%s; q++)", out_rows(l), dn);
        out_line(o, "    %s[q] = beta == (%s)0 ? (%s)0 : beta * %s[q];", Y, T, T, Y);
    }
    emit_dhas_split(o, l, emit_dense_row_loop);
    o->indent = 0;
    out_printf(o, "}\n\n");
}

/* The write of a row's total ("row") into the output at row `on` (or into
 * the kernel's scalar accumulator `acc`): the output's first touch folds in
 * beta; otherwise the reduction accumulates. */
static void emit_row_write(Out *o, const L *l, const char *on, const char *acc)
{
    const Spec *s = l->s;
    const char *Y = s->tens[s->assign.lhs.t].name, *T = l->T;
    char y[160];
    if (l->out_mode == OUT_BUF)
        xsnprintf(y, sizeof y, "yb[%s - lo]", on);
    else
        xsnprintf(y, sizeof y, "%s[%s]", Y, on);
    if (s->assign.lhs.n == 0)
        emit_accumulate(o, l, acc, "row");
    else if (s->red == RED_MIN && !l->atomic)
        out_line(o, "%s = row < %s ? row : %s;", y, y, y);
    else if (s->scaled && l->first_touch)
        out_line(o, "%s = (beta == (%s)0 ? (%s)0 : beta * %s) + alpha * row;", y, T, T, y);
    else
        emit_out_update(o, l, y, s->scaled ? "alpha * row" : "row");
}

/* The final write of a scalar output from "total". */
void emit_scalar_write(Out *o, const L *l)
{
    const Spec *s = l->s;
    const char *Y = s->tens[s->assign.lhs.t].name, *T = l->T;
    if (s->red == RED_MIN)
        out_line(o, "%s[0] = total < %s[0] ? total : %s[0];", Y, Y, Y);
    else if (s->scaled)
        out_line(o, "%s[0] = (beta == (%s)0 ? (%s)0 : beta * %s[0]) + alpha * total;", Y, T, T, Y);
    else
        out_line(o, "%s[0] += total;", Y);
}

/* ----------------------------------------------------- stream storage */

/* One interior update of the stream kernel: every output index is bound by
 * the entry, so vector outputs are scatters; a scalar output accumulates in
 * lane `lane` (scaled by alpha at the end, and by the face's common factor
 * when `hoisted`). */
static void emit_stream_update(Out *o, const L *l, const Update *u, int lane, int hoisted)
{
    const Spec *s = l->s;
    char terms[512], e[640], tgt[160], c[256];
    join_terms(l, u, 1, DEP_INNER, terms, sizeof terms); /* every term: the entry binds all */
    char outer[256];
    if (join_terms(l, u, 1, DEP_OUTER, outer, sizeof outer)) { /* none expected; keep them */
        size_t q = strlen(terms);
        xsnprintf(terms + q, sizeof terms - q, "%s%s", s->red == RED_ADD ? " * " : " + ", outer);
    }
    if (u->lhs.n == 0) {
        if (u->factor != 1 && s->red == RED_ADD && !hoisted)
            xsnprintf(e, sizeof e, "(%s)%d * %s", l->T, u->factor, terms);
        else
            xsnprintf(e, sizeof e, "%s", terms);
        xsnprintf(tgt, sizeof tgt, "t_%d", lane);
        emit_accumulate(o, l, tgt, e);
        return;
    }
    c[0] = '\0';
    if (s->red == RED_ADD) {
        if (u->factor != 1) xsnprintf(c, sizeof c, "(%s)%d * ", l->T, u->factor);
        if (s->scaled) {
            size_t q = strlen(c);
            xsnprintf(c + q, sizeof c - q, "alpha * ");
        }
    }
    xsnprintf(e, sizeof e, "%s%s", c, terms);
    access_expr(l, &u->lhs, 1, tgt, sizeof tgt);
    emit_accumulate(o, l, tgt, e);
}

static void emit_stream_entry(Out *o, const L *l, const Face *F, int k, int hoisted)
{
    const char *A = l->s->tens[l->s->format_tensor].name;
    out_line(o, "{");
    o->indent++;
    out_line(o, "const %s %s = %s_row[p + %d];", l->I, iname(l, l->outer), A, k);
    out_line(o, "const %s %s = %s_idx[p + %d];", l->I, iname(l, l->inner), A, k);
    out_line(o, "const %s a = %s_val[p + %d];", l->T, A, k);
    emit_select(o, l);
    for (int q = 0; q < F->nupd; q++) {
        if (l->dense >= 0)
            emit_dense_update(o, l, &F->upd[q], 1);
        else
            emit_stream_update(o, l, &F->upd[q], k, hoisted);
    }
    o->indent--;
    out_line(o, "}");
}

/* The common factor of a face's updates under +=, or 0 when they differ
 * (or the reduction is min=): a scalar output can then sum the face's terms
 * bare and multiply once at the end. */
static int common_factor(const L *l, const Face *F)
{
    if (l->s->red != RED_ADD || !F->nupd) return 0;
    for (int k = 1; k < F->nupd; k++)
        if (F->upd[k].factor != F->upd[0].factor) return 0;
    return F->upd[0].factor;
}

/* The tie face's row value of the stream kernel ("row", at row `on`). */
static void row_face_terms(const L *l, const Face *row_face, char *tot, size_t len, int *nterm);

static void emit_stream_tie_row(Out *o, const L *l, const Face *tie)
{
    char tot[2048] = "";
    int nterm = 0;
    if (tie) row_face_terms(l, tie, tot, sizeof tot, &nterm);
    if (!nterm) xsnprintf(tot, sizeof tot, "%s", identity(l));
    out_line(o, "const %s row = %s;", l->T, tot);
}

/* Stream storage: the strict interior as one list of entries that carry
 * their row (no loop per row, so no row-exit branch to mispredict on
 * irregular short rows), every update a scatter; the tie face as a first
 * pass over the rows, which is also each output row's first touch. Both
 * schedules keep UNROLL lanes; "serial" adds the software prefetch (memory-
 * resident matrices need it), "serial_short" leaves the sequential streams
 * to the hardware prefetcher (cache-resident ones run faster without). A
 * scalar output sums the tie face in UNROLL lanes too (one chain would
 * bound the pass by the add latency) and, when the interior's updates share
 * one factor, applies it once to the interior's sum. */

/* The stream's entry bounds: elo .. ehi-1, by default every entry. */
static const char *entry_lo(const L *l) { return l->elo ? l->elo : "0"; }
static const char *entry_hi(const L *l) { return l->ehi ? l->ehi : "nnz"; }

void emit_stream_lanes(Out *o, const L *l)
{
    char decl[256] = "";
    for (int u = 0; u < 2 * UNROLL; u++) {
        size_t k = strlen(decl);
        xsnprintf(decl + k, sizeof decl - k, "%st_%s%d = %s", u ? ", " : "",
                  u < UNROLL ? "" : "f", u % UNROLL, identity(l));
    }
    out_line(o, "%s %s;", total_type(l), decl);
}

/* The stream kernels' first pass: the tie face row by row (UNROLL rows a
 * step into UNROLL lanes for a scalar output), each row's first touch. */
void emit_stream_tie_pass(Out *o, const L *l)
{
    const Spec *s = l->s;
    const Program *p = l->p;
    const char *A = s->tens[s->format_tensor].name, *Y = s->tens[s->assign.lhs.t].name;
    const char *T = l->T, *I = l->I, *on = iname(l, l->outer);
    const char *lo = row_lo(l), *hi = row_hi(l);
    const Face *tie = p->nface > 1 ? &p->face[1] : NULL;
    if (s->assign.lhs.n == 0) {
        out_line(o, "/* the tie face, %d rows a step, one partial result per lane */", UNROLL);
        out_line(o, "%s q = %s;", I, lo);
        out_line(o, "for (; %s - q >= %d; q += %d) {", hi, UNROLL, UNROLL);
        o->indent++;
        for (int u = 0; u < UNROLL; u++) {
            char lane[16];
            out_line(o, "{");
            o->indent++;
            out_line(o, "const %s %s = q + %d;", I, on, u);
            out_line(o, "const %s d = %s_diag[%s];", T, A, on);
            emit_stream_tie_row(o, l, tie);
            xsnprintf(lane, sizeof lane, "t_f%d", u);
            emit_accumulate(o, l, lane, "row");
            o->indent--;
            out_line(o, "}");
        }
        o->indent--;
        out_line(o, "}");
        out_line(o, "for (; q < %s; q++) {", hi);
        o->indent++;
        out_line(o, "const %s %s = q;", I, on);
        out_line(o, "const %s d = %s_diag[%s];", T, A, on);
        emit_stream_tie_row(o, l, tie);
        emit_accumulate(o, l, "t_f0", "row");
        o->indent--;
        out_line(o, "}");
        return;
    }
    out_line(o, "/* the tie face first: it touches every output row first */");
    out_line(o, "for (%s %s = %s; %s < %s; %s++) {", I, on, lo, on, hi, on);
    o->indent++;
    out_line(o, "const %s d = %s_diag[%s];", T, A, on);
    if (l->dense >= 0) {
        const char *dn = iname(l, l->dense);
        if (s->scaled && l->first_touch) {
            out_line(o, "%s *row = %s + (size_t)%s * (size_t)dim_%s;", T, Y, on, dn);
            out_line(o, "for (%s %s = 0; %s < dim_%s; %s++) row[%s] = beta == (%s)0 ? (%s)0 : "
                        "beta * row[%s];", I, dn, dn, dn, dn, dn, T, T, dn);
        }
        if (tie && l->dguard) {
            out_line(o, "if (%s_dhas[%s]) {", A, on);
            o->indent++;
        }
        if (tie) emit_dense_face(o, l, tie, 0);
        if (tie && l->dguard) {
            o->indent--;
            out_line(o, "}");
        }
    } else {
        emit_stream_tie_row(o, l, tie);
        emit_row_write(o, l, on, NULL);
    }
    o->indent--;
    out_line(o, "}");
}

static int stream_factor(const L *l)
{
    return l->s->assign.lhs.n == 0 ? common_factor(l, &l->p->face[0]) : 0;
}

void emit_stream_interior(Out *o, const L *l)
{
    const char *A = l->s->tens[l->s->format_tensor].name, *T = l->T, *I = l->I;
    const char *hi = entry_hi(l);
    const Face *interior = &l->p->face[0];
    int lanes = l->dense >= 0 ? 1 : UNROLL, factor = stream_factor(l);
    out_line(o, "/* the strict interior: one entry at a time */");
    out_line(o, "%s p = %s;", I, entry_lo(l));
    if (lanes > 1) {
        out_line(o, "for (; %s - p >= %d; p += %d) {", hi, lanes, lanes);
        o->indent++;
        if (l->unroll > 1) {
            out_line(o, "__builtin_prefetch((const void *)((uintptr_t)(%s_val + p) + %d * "
                        "sizeof(%s)), 0, 0);", A, PREFETCH_ENTRIES, T);
            out_line(o, "__builtin_prefetch((const void *)((uintptr_t)(%s_idx + p) + %d * "
                        "sizeof(%s)), 0, 0);", A, PREFETCH_ENTRIES, I);
            out_line(o, "__builtin_prefetch((const void *)((uintptr_t)(%s_row + p) + %d * "
                        "sizeof(%s)), 0, 0);", A, PREFETCH_ENTRIES, I);
        }
        emit_ipf(o, l, "nnz", lanes);
        for (int u = 0; u < lanes; u++) emit_stream_entry(o, l, interior, u, factor > 0);
        o->indent--;
        out_line(o, "}");
    }
    if (lanes == 1 && l->ipf) {
        out_line(o, "for (; p < %s; p++) {", hi);
        o->indent++;
        emit_ipf(o, l, "nnz", 1);
        emit_stream_entry(o, l, interior, 0, factor > 0);
        o->indent--;
        out_line(o, "}");
        return;
    }
    out_line(o, "for (; p < %s; p++)", hi);
    emit_stream_entry(o, l, interior, 0, factor > 0);
}

void emit_stream_total(Out *o, const L *l)
{
    const char *T = total_type(l);
    int factor = stream_factor(l);
    char ti[256] = "", tf[256] = "", lane[16], total[700];
    for (int u = 0; u < UNROLL; u++) {
        xsnprintf(lane, sizeof lane, "t_%d", u);
        semiring_sum(l, ti, sizeof ti, lane, u);
        xsnprintf(lane, sizeof lane, "t_f%d", u);
        semiring_sum(l, tf, sizeof tf, lane, u);
    }
    if (factor > 1)
        xsnprintf(total, sizeof total, "(%s)%d * (%s)", T, factor, ti);
    else
        xsnprintf(total, sizeof total, "(%s)", ti);
    xsnprintf(ti, sizeof ti, "(%s)", tf);
    semiring_sum(l, ti, sizeof ti, total, 1);
    out_line(o, "const %s total = %s;", T, ti);
}

static void emit_kernel_stream(Out *o, L *l, const char *name)
{
    int scalar_out = l->s->assign.lhs.n == 0;
    emit_signature(o, l, name, 0, 0);
    out_printf(o, "\n{\n");
    o->indent = 1;
    if (scalar_out) emit_stream_lanes(o, l);
    emit_dhas_split(o, l, emit_stream_tie_pass);
    emit_stream_interior(o, l);
    if (scalar_out) {
        emit_stream_total(o, l);
        emit_scalar_write(o, l);
    }
    o->indent = 0;
    out_printf(o, "}\n\n");
}

/* What multiplies a reduction's accumulator once per row: its integer
 * factor (every term was accumulated in the loop, see above). */
static void reduction_constant(const L *l, const Update *u, char *buf, size_t len)
{
    buf[0] = '\0';
    if (l->s->red == RED_ADD && u->factor != 1) xsnprintf(buf, len, "(%s)%d", l->T, u->factor);
}

/* The split storage's tie face at row level, appended to the row total:
 * its terms read d, and with l->dguard only rows flagged in A_dhas add
 * them. */
static void row_face_terms(const L *l, const Face *row_face, char *tot, size_t len, int *nterm)
{
    const char *A = l->s->tens[l->s->format_tensor].name, *on = iname(l, l->outer);
    char tie[2048] = "", term[2200];
    int nt = 0;
    /* under min= a sum that starts with a raw term starts from +inf (see semiring_sum) */
    if (l->s->red == RED_MIN && *nterm == 0 && row_face->nupd > 1)
        semiring_sum(l, tie, sizeof tie, identity(l), nt++);
    for (int k = 0; k < row_face->nupd; k++) {
        char c[256];
        row_constant(l, &row_face->upd[k], 0, 0, c, sizeof c); /* all terms outer-only */
        semiring_sum(l, tie, sizeof tie, c[0] ? c : "1", nt++);
    }
    if (l->dguard)
        xsnprintf(term, sizeof term, "(%s_dhas[%s] ? (%s)(%s) : (%s)%s)", A, on, l->T, tie, l->T,
                  identity(l));
    else
        xsnprintf(term, sizeof term, "%s", tie);
    semiring_sum(l, tot, len, term, (*nterm)++);
}

/* The inner loop over row `on`'s stored entries, from p to pe: unrolled
 * with a remainder switch, or plain. */
static void emit_inner_loop(Out *o, const L *l, const Face *interior, const Face *tie)
{
    const char *A = l->s->tens[l->s->format_tensor].name, *T = l->T, *I = l->I;
    if (l->unroll == 1) {
        out_line(o, "for (; p < pe; p++)");
        emit_entry(o, l, interior, tie, 0);
        return;
    }
    out_line(o, "for (; pe - p >= %d; p += %d) {", l->unroll, l->unroll);
    o->indent++;
    out_line(o, "/* software prefetch of the index and value streams, %d entries ahead */",
             PREFETCH_ENTRIES);
    /* integer arithmetic: the address may lie past the end of the arrays */
    out_line(o, "__builtin_prefetch((const void *)((uintptr_t)(%s_val + p) + %d * sizeof(%s)), "
                "0, 0);", A, PREFETCH_ENTRIES, T);
    out_line(o, "__builtin_prefetch((const void *)((uintptr_t)(%s_idx + p) + %d * sizeof(%s)), "
                "0, 0);", A, PREFETCH_ENTRIES, I);
    emit_ipf(o, l, "pend_", l->unroll);
    for (int u = 0; u < l->unroll; u++) emit_entry(o, l, interior, tie, u);
    o->indent--;
    out_line(o, "}");
    /* the last unroll-1 entries at most: a switch, not a loop */
    out_line(o, "switch (pe - p) {");
    for (int u = l->unroll - 1; u >= 1; u--) {
        out_line(o, "case %d:", u);
        o->indent++;
        emit_entry(o, l, interior, tie, u - 1);
        out_line(o, "/* fallthrough */");
        o->indent--;
    }
    out_line(o, "default:");
    out_line(o, "    break;");
    out_line(o, "}");
}

/* The loop over the rows of a row-pointer storage (full, split, trilo,
 * triup): per row the hoisted constants, the inner loop over the stored
 * entries (unrolled with a remainder switch, or plain), then the row's
 * total written to the output. */
void emit_row_loop(Out *o, const L *l)
{
    const Spec *s = l->s;
    const Program *p = l->p;
    const char *A = s->tens[s->format_tensor].name;
    const char *T = l->T, *I = l->I;
    const char *on = iname(l, l->outer);
    int guarded = l->storage == ST_TRILO || l->storage == ST_TRIUP;

    /* faces running in the inner loop, and the row-level face (split) */
    const Face *interior = &p->face[0];
    const Face *tie = p->nface > 1 ? &p->face[1] : NULL;
    const Face *inner_faces[2] = {interior, guarded ? tie : NULL};
    const Face *row_face = l->storage == ST_SPLIT ? tie : NULL;
    int nred0 = face_reductions(l, interior, 1);
    int nred1 = inner_faces[1] ? face_reductions(l, inner_faces[1], 1) : 0;
    int nacc = nred0 + nred1;

    if (l->ipf) { /* the indirect prefetch reads the index stream up to its end */
        out_line(o, "{");
        o->indent++;
        out_line(o, "const %s pend_ = %s_ptr[%s];", I, A, l->storage == ST_FULL ? "m" : "n");
    }
    out_line(o, "for (%s %s = %s; %s < %s; %s++) {", I, on, row_lo(l), on, row_hi(l), on);
    o->indent++;
    /* hoisted per-row constants of the scatters */
    for (int f = 0; f < 2; f++) {
        const Face *F = inner_faces[f];
        if (!F) continue;
        for (int k = 0; k < F->nupd; k++) {
            if (!(access_deps(l, &F->upd[k].lhs, 1) & DEP_INNER)) continue;
            char c[256];
            row_constant(l, &F->upd[k], 1, s->scaled, c, sizeof c);
            if (c[0]) out_line(o, "const %s h%d_%d = %s;", T, (int)(F - p->face), k, c);
        }
    }
    for (int a = 0; a < nacc; a++) {
        char decl[256] = "";
        for (int u = 0; u < l->unroll; u++) {
            size_t k = strlen(decl);
            xsnprintf(decl + k, sizeof decl - k, "%sr%d_%d = %s", u ? ", " : "", a, u, identity(l));
        }
        out_line(o, "%s %s;", T, decl);
    }
    out_line(o, "const %s pe = %s_ptr[%s + 1];", I, A, on);
    out_line(o, "%s p = %s_ptr[%s];", I, A, on);
    emit_inner_loop(o, l, interior, inner_faces[1]);

    /* row total: accumulators times their row constants, plus the row face */
    char tot[4096] = "";
    int nterm = 0;
    for (int f = 0, a = 0; f < 2; f++) {
        const Face *F = inner_faces[f];
        if (!F) continue;
        for (int k = 0; k < F->nupd; k++) {
            if (access_deps(l, &F->upd[k].lhs, 1) & DEP_INNER) continue;
            char acc[512] = "", lane[32], c[512], term[1200];
            for (int u = 0; u < l->unroll; u++) {
                xsnprintf(lane, sizeof lane, "r%d_%d", a, u);
                semiring_sum(l, acc, sizeof acc, lane, u);
            }
            reduction_constant(l, &F->upd[k], c, sizeof c);
            if (c[0])
                xsnprintf(term, sizeof term, "%s%s(%s)", c, s->red == RED_ADD ? " * " : " + ", acc);
            else
                xsnprintf(term, sizeof term, "(%s)", acc);
            semiring_sum(l, tot, sizeof tot, term, nterm++);
            a++;
        }
    }
    if (row_face) {
        out_line(o, "const %s d = %s_diag[%s];", T, A, on);
        row_face_terms(l, row_face, tot, sizeof tot, &nterm);
    }
    if (!nterm) xsnprintf(tot, sizeof tot, "%s", identity(l));
    out_line(o, "const %s row = %s;", T, tot);
    emit_row_write(o, l, on, "total");
    o->indent--;
    out_line(o, "}");
    if (l->ipf) {
        o->indent--;
        out_line(o, "}");
    }
}

/* Runs emit(o, l) once, or for storages that take A_dhas twice: the loop
 * that skips the tie term of rows without a stored diagonal when A_dhas is
 * given, else the unguarded loop (every row has its diagonal: the common
 * case pays nothing). */
void emit_dhas_split(Out *o, L *l, void (*emit)(Out *, const L *))
{
    if (!takes_dhas(l)) {
        emit(o, l);
        return;
    }
    const char *A = l->s->tens[l->s->format_tensor].name;
    out_line(o, "if (%s_dhas) { /* some rows have no stored diagonal: no tie term there */", A);
    o->indent++;
    l->dguard = 1;
    emit(o, l);
    l->dguard = 0;
    o->indent--;
    out_line(o, "} else {");
    o->indent++;
    emit(o, l);
    o->indent--;
    out_line(o, "}");
}

static void emit_kernel(Out *o, L *l, const char *name)
{
    if (l->storage == ST_STREAM) {
        emit_kernel_stream(o, l, name);
        return;
    }
    if (l->dense >= 0) {
        emit_kernel_dense(o, l, name);
        return;
    }
    const Spec *s = l->s;
    const char *Y = s->tens[s->assign.lhs.t].name;
    const char *T = l->T, *I = l->I;
    int scalar_out = s->assign.lhs.n == 0;
    emit_signature(o, l, name, 0, 0);
    out_printf(o, "\n{\n");
    o->indent = 1;
    if (l->storage == ST_FULL) out_line(o, "(void)n;");
    if (s->scaled && !l->first_touch && !scalar_out) {
        out_line(o, "/* scatters reach rows not yet visited: scale %s first */", Y);
        out_line(o, "for (%s k = 0; k < %s; k++) %s[k] = beta == (%s)0 ? (%s)0 : beta * %s[k];",
                 I, out_rows(l), Y, T, T, Y);
    }
    if (scalar_out) out_line(o, "%s total = %s;", total_type(l), identity(l));
    emit_dhas_split(o, l, emit_row_loop);
    if (scalar_out) emit_scalar_write(o, l);
    o->indent = 0;
    out_printf(o, "}\n\n");
}

/* ------------------------------------------------------------ all variants */

int lower_spec(const Spec *s, Out *code, Out *decl, KernelInfo *info, int maxinfo, char *err,
               size_t errlen)
{
    Program sym, id;
    int have_sym = s->sym_tensor >= 0;
    if (s->format_tensor < 0) {
        spec_error(s, s->at_assign, err, errlen, "no 'format TENSOR csr|coo' line: nothing to "
                   "lower");
        return -1;
    }
    if (!strcmp(s->format, "coo")) return lower_spec_coo(s, code, decl, info, maxinfo, err, errlen);
    if (s->packed_out || s->rows_out) {
        spec_error(s, s->at_out_format, err, errlen, "a %s output is lowered with 'format "
                   "%s coo'", s->packed_out ? "packed" : "sparse",
                 s->tens[s->format_tensor].name);
        return -1;
    }
    /* a product of the matrix with itself (SSYRK) into a sparse or dense output */
    int reads = 0;
    for (int r = 0; r < s->assign.nr; r++) reads += s->assign.rhs[r].t == s->format_tensor;
    if (s->sparse_out || (s->dense_out && reads == 2))
        return lower_spec_spgemm(s, code, decl, info, maxinfo, err, errlen);
    static const char *const csr_locals[] = {"n", "m", "p", "pe", "q", "a", "d", "c", "row",
                                             "total", "alpha", "beta", "nnz", "t_", "lo", "rc",
                                             "ec", "yb", "yt", "ws", "part", NULL};
    if (check_names(s, csr_locals, "csr", err, errlen)) return -1;
    if (reads > 1) {
        spec_error(s, s->at_assign, err, errlen, "%s is read %d times; only a product into an "
                   "output given 'format OUT csr' or 'format OUT dense' may read it twice",
                 s->tens[s->format_tensor].name, reads);
        return -1;
    }
    if (have_sym && symmetrize(&sym, s, err, errlen)) return -1;
    if (program_identity(&id, s)) {
        if (have_sym) program_free(&sym);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* the non-symmetric baseline first, then each symmetric storage */
    int storages[5] = {ST_FULL, ST_SPLIT, ST_TRILO, ST_TRIUP, ST_STREAM};
    int nst = have_sym ? 5 : 1;
    static const struct {
        const char *name;
        int unroll, ipf;
    } scheds[3] = {{"serial", UNROLL, 0}, {"serial_short", 1, 0},
                   {"serial_ipf", UNROLL, IPF_ENTRIES}};
    int count = 0, rc = 0;
    for (int si = 0; si < nst && !rc; si++) {
        int st = storages[si];
        if (!spec_emits(s, storage_name[st])) continue;
        for (int sc = 0; sc < 3 && !rc; sc++)
            for (int dt = 0; dt < 2 && !rc; dt++)
                for (int i64 = 0; i64 < 2 && !rc; i64++) {
                    L l = {.s = s, .p = st == ST_FULL ? &id : &sym, .storage = st,
                           .T = dt ? "double" : "float", .I = i64 ? "int64_t" : "int32_t",
                           .err = err, .errlen = errlen, .unroll = scheds[sc].unroll,
                           .dense = -1, .ipf = scheds[sc].ipf};
                    if (bind_variant(&l)) {
                        rc = -1;
                        break;
                    }
                    /* a dense index: one plain-loop schedule, and its prefetching twin */
                    if (l.dense >= 0 && sc == 1) continue;
                    /* the indirect prefetch for the handles' storages (direct calls:
                     * none, their plans see no pattern) */
                    if (l.ipf && (st == ST_TRILO || st == ST_TRIUP)) continue;
                    if (count == maxinfo) {
                        snprintf(err, errlen, "too many kernels");
                        rc = -1;
                        break;
                    }
                    KernelInfo *k = &info[count++];
                    memset(k, 0, sizeof *k);
                    xsnprintf(k->name, sizeof k->name, "systec_k_%c%s_%s_%s_%s", dt ? 'd' : 's',
                             s->kernel, storage_name[st], i64 ? "i64" : "i32", scheds[sc].name);
                    xsnprintf(k->op, sizeof k->op, "%s", s->kernel);
                    xsnprintf(k->storage, sizeof k->storage, "%s", storage_name[st]);
                    xsnprintf(k->sched, sizeof k->sched, "%s", scheds[sc].name);
                    k->dtype = dt ? 'd' : 's';
                    k->i64 = i64;
                    k->symmetric = st != ST_FULL;
                    kernel_args(&l, k, 0);
                    out_printf(code, "/* %s: %s storage, %s schedule, derived from %s */\n",
                               k->name, storage_name[st], scheds[sc].name, s->label);
                    emit_kernel(code, &l, k->name);
                    if (sc == 0) { /* one pointer type per storage, type and width */
                        char tname[128];
                        xsnprintf(tname, sizeof tname, "systec_kt_%c%s_%s_%s", dt ? 'd' : 's',
                                 s->kernel, storage_name[st], i64 ? "i64" : "i32");
                        emit_signature(decl, &l, tname, 1, 0);
                        out_printf(decl, ";\n");
                    }
                    emit_signature(decl, &l, k->name, 0, 0);
                    out_printf(decl, ";\n");
                    if (sc == 0) { /* the parallel schedules of this storage and type */
                        int np = lower_omp_variants(&l, code, decl, info + count, maxinfo - count);
                        if (np < 0) rc = -1;
                        else count += np;
                    }
                }
    }
    if (have_sym) program_free(&sym);
    program_free(&id);
    return rc ? -1 : count;
}
