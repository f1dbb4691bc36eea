/* Generic lowering of a symmetrized Program over coordinate storage, for a
 * symmetric operand of any order and dense operands of any order.
 *
 * Storage: one coordinate list per tie face of the canonical simplex. An
 * entry of face f holds the value of the symmetric operand at a canonical
 * point with f's tie pattern, and the coordinates of the distinct index
 * variables of the operand's access in that face, in their order of first
 * appearance (A[i,j,k] on the face i = j < k: the coordinates of j and k).
 * Every update of the face is executed per entry as a scatter into the
 * dense output, inside loops over the indices the entry does not bind.
 *
 * Every kernel has one ABI, so one harness can drive any spec:
 *   void k(const systec_gface_t *faces,   one per face, indexed by tie mask
 *          const T *const *dense,         the other operands, in order of
 *                                         first appearance in the spec
 *          const int64_t *dims,           the size of every index variable
 *          T *out)                        dense output: out (op)= result
 * Dense tensors are row-major over their modes, each mode sized by the
 * index variable it has in the spec's assignment. The non-symmetric
 * baseline ("coofull") takes one face holding every nonzero of the full
 * operand with all its coordinates. This lowering is general, not tuned. */
#include "ir.h"
#include "lower_coo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Distinct index ids of an access, in order of first appearance. */
int distinct_vars(const Access *a, int *vars)
{
    int n = 0;
    for (int k = 0; k < a->n; k++) {
        int seen = 0;
        for (int m = 0; m < n; m++) seen |= vars[m] == a->idx[k];
        if (!seen) vars[n++] = a->idx[k];
    }
    return n;
}


/* The symmetric operand's access in a face (all updates of a face read the
 * same canonical point): its distinct variables are the face's stored
 * coordinates. */
int face_coords(const Spec *s, const Face *F, int *vars)
{
    (void)s;
    return distinct_vars(&F->opnd, vars);
}

/* Row-major offset of an access into its dense tensor (Horner over modes,
 * each mode sized by the index the tensor has there in the assignment). */
void offset_expr(const Spec *s, const Access *a, char *buf, size_t len)
{
    const Access *orig = NULL;
    if (s->assign.lhs.t == a->t) orig = &s->assign.lhs;
    for (int r = 0; r < s->assign.nr && !orig; r++)
        if (s->assign.rhs[r].t == a->t) orig = &s->assign.rhs[r];
    if (a->n == 0) {
        xsnprintf(buf, len, "0");
        return;
    }
    int w = snprintf(buf, len, "%s", s->idxname[a->idx[0]]);
    for (int k = 1; k < a->n && w >= 0 && (size_t)w < len; k++) {
        char t[1024];
        xsnprintf(t, sizeof t, "%s", buf);
        w = snprintf(buf, len, "(%s) * dims[%d] + %s", t, orig->idx[k], s->idxname[a->idx[k]]);
    }
    if (w < 0 || (size_t)w >= len) {
        fprintf(stderr, "systec-gen: offset expression too long in %s\n", s->path);
        exit(1); /* a build tool: never emit truncated code */
    }
}

/* "C(x, j)": the binomial coefficient of an expression x >= 0 (exact: the
 * product of j consecutive integers is divisible by j!). */
static void binom_text(char *buf, size_t len, const char *x, int j)
{
    long fact = 1;
    int w = snprintf(buf, len, "(");
    for (int q = 0; q < j && w >= 0 && (size_t)w < len; q++) {
        fact *= q + 1;
        w += snprintf(buf + w, len - (size_t)w, q ? " * ((%s) - %d)" : "(%s)", x, q);
    }
    if (w >= 0 && (size_t)w < len) w += snprintf(buf + w, len - (size_t)w, " / %ld)", fact);
    if (w < 0 || (size_t)w >= len) {
        fprintf(stderr, "systec-gen: offset expression too long\n");
        exit(1);
    }
}

/* The packed index of a sorted run a_0 <= ... <= a_(m-1) of values in
 * [0, n): its rank among such runs in lexicographic order,
 *   sum_k C(n - a_(k-1) + m-1-k, m-k) - C(n - a_k + m-1-k, m-k),  a_(-1) = 0
 * (for m = 2: a_0 (2n - a_0 + 1)/2 + a_1 - a_0, the upper triangle by rows). */
static void packed_rank(char *buf, size_t len, const char *const *a, int m, const char *n)
{
    if (m == 2) {
        xsnprintf(buf, len, "(%s) * (2 * %s - (%s) + 1) / 2 + (%s) - (%s)", a[0], n, a[0], a[1],
                  a[0]);
        return;
    }
    buf[0] = 0;
    for (int k = 0; k < m; k++) {
        char x0[256], x1[256], b0[600], b1[600];
        xsnprintf(x0, sizeof x0, "%s - %s + %d", n, k ? a[k - 1] : "0", m - 1 - k);
        xsnprintf(x1, sizeof x1, "%s - %s + %d", n, a[k], m - 1 - k);
        binom_text(b0, sizeof b0, x0, m - k);
        binom_text(b1, sizeof b1, x1, m - k);
        size_t q = strlen(buf);
        xsnprintf(buf + q, len - q, "%s%s - %s", k ? " + " : "", b0, b1);
    }
}

/* Offset of an output element: row-major, or with a packed output the run
 * of symmetric modes `modes` (consecutive; values non-decreasing along it)
 * as one packed index of C(n+m-1, m) values, in row-major order with the
 * other modes. */
static void packed_offset(const Spec *s, const Access *a, unsigned modes, char *buf, size_t len)
{
    if (!modes) {
        offset_expr(s, a, buf, len);
        return;
    }
    const Access *orig = &s->assign.lhs;
    int p0 = 0, m = 0;
    while (!(modes >> p0 & 1u)) p0++;
    while (modes >> (p0 + m) & 1u) m++;
    const char *run[MAX_ORDER];
    for (int k = 0; k < m; k++) run[k] = s->idxname[a->idx[p0 + k]];
    char n[32], P[4096], t[4096];
    xsnprintf(n, sizeof n, "dims[%d]", orig->idx[p0]);
    packed_rank(P, sizeof P, run, m, n);
    if (p0 == 0) {
        xsnprintf(buf, len, "%s", P);
    } else {
        xsnprintf(buf, len, "%s", s->idxname[a->idx[0]]);
        for (int k = 1; k < p0; k++) {
            xsnprintf(t, sizeof t, "%s", buf);
            xsnprintf(buf, len, "(%s) * dims[%d] + %s", t, orig->idx[k], s->idxname[a->idx[k]]);
        }
        char M[700], top[64];
        xsnprintf(top, sizeof top, "%s + %d", n, m - 1);
        binom_text(M, sizeof M, top, m);
        xsnprintf(t, sizeof t, "%s", buf);
        xsnprintf(buf, len, "(%s) * %s + %s", t, M, P);
    }
    for (int k = p0 + m; k < a->n; k++) {
        xsnprintf(t, sizeof t, "%s", buf);
        xsnprintf(buf, len, "(%s) * dims[%d] + %s", t, orig->idx[k], s->idxname[a->idx[k]]);
    }
}

/* The output offset of the tuned emitters: packed in the first two modes. */
void out_offset(const Spec *s, const Access *a, int packed, char *buf, size_t len)
{
    packed_offset(s, a, packed ? 3u : 0u, buf, len);
}

/* The output modes a sparse output (format OUT sparse) keeps as rows: the
 * leading modes indexed by the stored operand's entries. */
static int row_modes(const Spec *s)
{
    const Access *A = NULL, *L = &s->assign.lhs;
    for (int r = 0; r < s->assign.nr; r++)
        if (s->assign.rhs[r].t == s->format_tensor) A = &s->assign.rhs[r];
    int nb = 0;
    while (A && nb < L->n && access_has(A, L->idx[nb])) nb++;
    return nb;
}

/* The part of a sparse output's element within its row: modes first..n-1
 * of a, row-major, the run of symmetric modes `modes` among them packed as
 * in packed_offset; size gets the row's length. */
static void row_part(const Spec *s, const Access *a, int first, unsigned modes, char *off,
                     size_t len, char *size, size_t slen)
{
    const Access *orig = &s->assign.lhs;
    char t[4096], w[1024];
    xsnprintf(off, len, "0");
    xsnprintf(size, slen, "1");
    for (int k = first; k < a->n;) {
        char term[4096];
        if (modes >> k & 1u) {
            const char *run[MAX_ORDER];
            char n[32], top[64];
            int m = 0;
            while (modes >> (k + m) & 1u) run[m] = s->idxname[a->idx[k + m]], m++;
            xsnprintf(n, sizeof n, "dims[%d]", orig->idx[k]);
            packed_rank(term, sizeof term, run, m, n);
            xsnprintf(top, sizeof top, "%s + %d", n, m - 1);
            binom_text(w, sizeof w, top, m);
            k += m;
        } else {
            xsnprintf(term, sizeof term, "%s", s->idxname[a->idx[k]]);
            xsnprintf(w, sizeof w, "dims[%d]", orig->idx[k]);
            k++;
        }
        xsnprintf(t, sizeof t, "%s", off);
        if (!strcmp(t, "0"))
            xsnprintf(off, len, "%s", term);
        else
            xsnprintf(off, len, "(%s) * %s + %s", t, w, term);
        xsnprintf(t, sizeof t, "%s", size);
        xsnprintf(size, slen, "%s * %s", t, w);
    }
}

/* The output offset of an update of program p (packed when the spec says so
 * and p found the output's symmetry; the baseline's identity program has none).
 * A sparse output's row is the entry's position (F->pos[e], from the
 * runtime's symbolic phase), its other modes row_part. */
static const char *row_entry = "e"; /* the entry whose position a sparse output's row is */
static void lhs_offset(const Spec *s, const Program *p, const Access *a, char *buf, size_t len)
{
    if (s->rows_out) {
        char off[4096], size[2048];
        int first = row_modes(s);
        row_part(s, a, first, p->out_kind == OUT_LOOPS ? p->out_sym : 0u, off, sizeof off, size,
                 sizeof size);
        if (first == a->n)
            xsnprintf(buf, len, "F->pos[%s]", row_entry);
        else
            xsnprintf(buf, len, "F->pos[%s] * (%s) + %s", row_entry, size, off);
        return;
    }
    packed_offset(s, a, s->packed_out ? p->out_sym : 0u, buf, len);
}

/* Position of each dense operand in the dense[] argument (general sparse
 * operands are passed apart, in sparse[]). */
int dense_slot(const Spec *s, int t)
{
    int slot = 0;
    for (int u = 0; u < t; u++)
        if (u != s->format_tensor && u != s->assign.lhs.t && !(s->sparse_in >> u & 1u)) slot++;
    return slot;
}

/* Position of a general sparse operand in the sparse[] argument. */
static int sparse_slot(const Spec *s, int t)
{
    int slot = 0;
    for (int u = 0; u < t; u++) slot += s->sparse_in >> u & 1u;
    return slot;
}

static int is_sparse(const Spec *s, const Access *a) { return s->sparse_in >> a->t & 1u; }

/* The index variables an update reads or writes that the entry does not
 * bind (vars[0..nv)): the dense loops. Returns their number. */
int unbound_vars(const Update *u, const int *vars, int nv, int *loops)
{
    int nl = 0;
    const Access *all[MAX_OPERAND + 1];
    int na = 0;
    all[na++] = &u->lhs;
    for (int r = 0; r < u->nr; r++) all[na++] = &u->rhs[r];
    for (int q = 0; q < na; q++)
        for (int m = 0; m < all[q]->n; m++) {
            int id = all[q]->idx[m], bound = 0;
            for (int v = 0; v < nv; v++) bound |= vars[v] == id;
            for (int l = 0; l < nl; l++) bound |= loops[l] == id;
            if (!bound) loops[nl++] = id;
        }
    return nl;
}


/* How a face's updates are emitted: one statement per update (unrolled),
 * one loop over a table of the merged updates (orbit point and factor), or
 * an enumeration of the orbit per entry (when the face keeps no list). The
 * unrolled code and the tables are bounded per kernel, so the generated C
 * stays small whatever the order. */
enum { FACE_UNROLL, FACE_TABLE, FACE_ENUM };
#ifndef UNROLL_FACE_MAX /* (overridable when building systec-gen, to measure the three) */
#define UNROLL_FACE_MAX 5040 /* updates of one face emitted as statements */
#endif
#ifndef UNROLL_BUDGET
#define UNROLL_BUDGET 2500 /* lines of statements of all faces of one kernel */
#endif
#ifndef TABLE_BUDGET
#define TABLE_BUDGET 40960 /* table rows of one kernel (8 rows a line) */
#endif

static int same_write_run(const Spec *s, const Update *u, int n, const int *vars, int nv);

/* Lines of a face's updates as statements: per run of updates of one output
 * element, one write plus a loop (and a pragma) per index the entry does not
 * bind. */
static long face_lines(const Spec *s, const Face *F)
{
    int vars[MAX_ORDER], nv = face_coords(s, F, vars), loops[MAX_INDEX];
    long lines = 0;
    for (int k = 0, n; k < F->nupd; k += n) {
        n = same_write_run(s, &F->upd[k], F->nupd - k, vars, nv);
        lines += 1 + 2 * unbound_vars(&F->upd[k], vars, nv, loops);
    }
    return lines;
}

static void face_modes(const Program *p, int *mode)
{
    long unrolled = 0, rows = 0;
    for (int f = 0; f < p->nface; f++) {
        const Face *F = &p->face[f];
        long lines = F->enumerate ? 0 : face_lines(p->spec, F);
        if (p->ngroup == 0 || /* the baseline's one update */
            (!F->enumerate && F->nupd <= UNROLL_FACE_MAX && unrolled + lines <= UNROLL_BUDGET)) {
            mode[f] = FACE_UNROLL;
            unrolled += lines;
        } else if (!F->enumerate && rows + F->nupd <= TABLE_BUDGET) {
            mode[f] = FACE_TABLE;
            rows += F->nupd;
        } else {
            mode[f] = FACE_ENUM;
        }
    }
}

/* The bounds of the loop over a free index x. With output symmetry over
 * free indices (OUT_LOOPS) the loops of the symmetric output modes run over
 * the canonical part only: x between the values of its neighbours in the
 * run that are already bound (open[0..nopen), the run's values
 * non-decreasing in mode order). Returns whether x is restricted. */
static int loop_bounds(const Spec *s, const Program *p, const Update *u, const int *open,
                       int nopen, int x, char *lo, size_t lolen, char *hi, size_t hilen)
{
    xsnprintf(lo, lolen, "0");
    xsnprintf(hi, hilen, "dims[%d]", x);
    if (!p || p->out_kind != OUT_LOOPS) return 0;
    int pos = -1, lpos = -1, hpos = MAX_ORDER;
    for (int m = 0; m < u->lhs.n; m++)
        if (u->lhs.idx[m] == x && (p->out_sym >> m & 1u)) pos = m;
    for (int m = 0; m < u->lhs.n && pos >= 0; m++) {
        if (!(p->out_sym >> m & 1u) || m == pos) continue;
        int bound = 0;
        for (int q = 0; q < nopen; q++) bound |= open[q] == u->lhs.idx[m];
        if (!bound) continue;
        if (m < pos && m > lpos) lpos = m;
        if (m > pos && m < hpos) hpos = m;
    }
    if (lpos >= 0) xsnprintf(lo, lolen, "%s", s->idxname[u->lhs.idx[lpos]]);
    if (hpos < MAX_ORDER) xsnprintf(hi, hilen, "%s + 1", s->idxname[u->lhs.idx[hpos]]);
    return lpos >= 0 || hpos < MAX_ORDER;
}

/* The loop over a free index x (bounds: loop_bounds). */
static void open_loop(Out *o, const Spec *s, const Program *p, const Update *u, const int *open,
                      int nopen, int x)
{
    const char *xn = s->idxname[x];
    char lo[MAX_NAME + 8], hi[MAX_NAME + 32];
    loop_bounds(s, p, u, open, nopen, x, lo, sizeof lo, hi, sizeof hi);
    out_line(o, "for (int64_t %s = %s; %s < %s; %s++)", xn, lo, xn, hi, xn);
}

/* out[off] accumulates rhs: += or a min that keeps out on a NaN rhs. */
static void emit_out_write(Out *o, const Spec *s, const char *T, const char *off, const char *rhs)
{
    if (s->red == RED_ADD)
        out_line(o, "out[%s] += %s;", off, rhs);
    else
        out_line(o, "{ const %s t_ = %s; out[%s] = t_ < out[%s] ? t_ : out[%s]; }", T, rhs, off,
                 off, off);
}

/* The right-hand side of one update: factor (or fac) times its terms. */
static void update_rhs(const Spec *s, const Update *u, const char *T, const char *fac, char *rhs,
                       size_t len)
{
    char term[1100];
    rhs[0] = 0;
    if (s->red == RED_ADD && fac)
        xsnprintf(rhs, len, "%s", fac);
    else if (s->red == RED_ADD && u->factor != 1)
        xsnprintf(rhs, len, "(%s)%d", T, u->factor);
    for (int r = 0; r < u->nr; r++) {
        const Access *a = &u->rhs[r];
        if (a->t == s->format_tensor)
            xsnprintf(term, sizeof term, "a");
        else if (is_sparse(s, a)) /* at the cursor of its co-iterated row */
            xsnprintf(term, sizeof term, "r%d_val[r%d_p]", sparse_slot(s, a->t), r);
        else
            dense_term(s, a, term, sizeof term);
        size_t q = strlen(rhs);
        xsnprintf(rhs + q, len - q, "%s%s", q ? (s->red == RED_ADD ? " * " : " + ") : "", term);
    }
}

/* How many updates from u[0] on write the same output element inside the
 * same loops: they share one loop nest and one write (TTMc's pairs). */
static int same_write_run(const Spec *s, const Update *u, int n, const int *vars, int nv)
{
    int loops[MAX_INDEX], nl = unbound_vars(&u[0], vars, nv, loops), k = 1;
    if (s->sparse_in) return 1; /* each update co-iterates its own sparse rows */
    for (; k < n && k < 8; k++) { /* at most 8 a statement */
        int l2[MAX_INDEX], n2 = unbound_vars(&u[k], vars, nv, l2);
        if (!access_equal(&u[k].lhs, &u[0].lhs) || n2 != nl || memcmp(l2, loops, sizeof *l2 * (size_t)nl))
            break;
    }
    return k;
}

/* ------------------------------------------- general sparse operands */

/* The loops of an update with general sparse operands (csr matrices
 * S[row, col]): the loop over an index that is the column of some sparse
 * access runs over that access's row once its row index is bound (by the
 * entry or an outer loop), and over the intersection of the rows of every
 * sparse access with that column (absent entries contribute nothing, for
 * += as for min=); the other loops are dense. Sparse loops are opened as
 * soon as they are ready, dense ones when none is, so dense loops end up
 * innermost. Fills order[] (the loop indices, outermost first) and returns
 * their number, or -1 when some sparse access cannot be co-iterated: its
 * column bound by the entry (a lookup), a repeated index, or rows that
 * never get bound. */
static int sparse_loop_order(const Spec *s, const Update *u, const int *vars, int nv, int *order)
{
    int loops[MAX_INDEX], nl = unbound_vars(u, vars, nv, loops), bound[MAX_INDEX] = {0}, no = 0;
    for (int v = 0; v < nv; v++) bound[vars[v]] = 1;
    for (int r = 0; r < u->nr; r++) {
        const Access *a = &u->rhs[r];
        if (is_sparse(s, a) && (a->idx[0] == a->idx[1] || bound[a->idx[1]])) return -1;
    }
    while (no < nl) {
        int pick = -1;
        for (int pass = 0; pass < 2 && pick < 0; pass++)
            for (int l = 0; l < nl && pick < 0; l++) {
                int x = loops[l], col = 0, ready = 1;
                if (bound[x]) continue;
                for (int r = 0; r < u->nr; r++) {
                    const Access *a = &u->rhs[r];
                    if (!is_sparse(s, a) || a->idx[1] != x) continue;
                    col = 1;
                    ready &= bound[a->idx[0]];
                }
                /* pass 0: a ready sparse loop; pass 1: a dense loop */
                if (pass == 0 ? col && ready : !col) pick = x;
            }
        if (pick < 0) return -1;
        bound[pick] = 1;
        order[no++] = pick;
    }
    return no;
}

/* Whether every update of p (each face's, or the assignment itself where a
 * face is a table or enumerated) can co-iterate its sparse operands;
 * err names the first that cannot. */
static int check_sparse(const Spec *s, const Program *p, char *err, size_t errlen)
{
    if (!s->sparse_in) return 0;
    for (int f = 0; f < p->nface; f++) {
        const Face *F = &p->face[f];
        int vars[MAX_ORDER + MAX_ORDER], nv = face_coords(s, F, vars), order[MAX_INDEX];
        const Update *u = &s->assign;
        int n = F->enumerate ? 1 : F->nupd;
        if (F->enumerate) /* the assignment with the group's indices bound */
            for (int k = 0; k < p->ngroup; k++) vars[nv++] = p->group[k];
        for (int k = 0; k < n; k++) {
            if (!F->enumerate) u = &F->upd[k];
            if (sparse_loop_order(s, u, vars, nv, order) >= 0) continue;
            int t = -1;
            for (int r = 0; r < u->nr && t < 0; r++)
                if (is_sparse(s, &u->rhs[r])) t = u->rhs[r].t;
            return spec_error(s, s->tens[t].fmt_at, err, errlen, "the sparse operand %s cannot be "
                              "co-iterated with the entries of %s: each of its reads needs its row "
                              "index bound by the entry or a loop and its column index free (a "
                              "loop it drives)", s->tens[t].name,
                              s->tens[s->format_tensor].name);
        }
    }
    return 0;
}

/* An update with general sparse operands (n == 1, see same_write_run):
 * its loops in sparse_loop_order, each with braces; a sparse loop binds
 * its index from the row (or the intersection of the rows) of its sparse
 * accesses, cursor r<access>_p. */
static void emit_update_sparse(Out *o, const Spec *s, const Program *p, const Update *u,
                               const int *vars, int nv, const char *T, const char *fac)
{
    int order[MAX_INDEX], nl = sparse_loop_order(s, u, vars, nv, order), ncl = 0;
    char closes[MAX_INDEX * 2][256];
    for (int l = 0; l < nl; l++) {
        int x = order[l], acc[MAX_OPERAND], na = 0;
        const char *xn = s->idxname[x];
        char lo[MAX_NAME + 8], hi[MAX_NAME + 32];
        int restricted = loop_bounds(s, p, u, order, l, x, lo, sizeof lo, hi, sizeof hi);
        for (int r = 0; r < u->nr; r++)
            if (is_sparse(s, &u->rhs[r]) && u->rhs[r].idx[1] == x) acc[na++] = r;
        if (na == 0) {
            if (l == nl - 1 && access_has(&u->lhs, x)) out_line(o, "#pragma GCC ivdep");
            out_line(o, "for (int64_t %s = %s; %s < %s; %s++) {", xn, lo, xn, hi, xn);
            o->indent++;
            xsnprintf(closes[ncl++], sizeof closes[0], "}");
            continue;
        }
        if (na == 1) {
            int r = acc[0], q = sparse_slot(s, u->rhs[r].t);
            const char *row = s->idxname[u->rhs[r].idx[0]];
            out_line(o, "for (int64_t r%d_p = r%d_ptr[%s]; r%d_p < r%d_ptr[%s + 1]; r%d_p++) {", r,
                     q, row, r, q, row, r);
            o->indent++;
            out_line(o, "const int64_t %s = r%d_idx[r%d_p];", xn, q, r);
            xsnprintf(closes[ncl++], sizeof closes[0], "}");
        } else { /* the intersection of the rows: advance the cursors behind the largest */
            char init[1024] = "", cond[512] = "", step[512] = "";
            for (int k = 0; k < na; k++) {
                int r = acc[k], q = sparse_slot(s, u->rhs[r].t);
                const char *row = s->idxname[u->rhs[r].idx[0]];
                size_t w = strlen(init);
                xsnprintf(init + w, sizeof init - w, "%sr%d_p = r%d_ptr[%s], r%d_e = r%d_ptr[%s + 1]",
                          k ? ", " : "", r, q, row, r, q, row);
                w = strlen(cond);
                xsnprintf(cond + w, sizeof cond - w, "%sr%d_p < r%d_e", k ? " && " : "", r, r);
                w = strlen(step);
                xsnprintf(step + w, sizeof step - w, "%sr%d_p++;", k ? " " : "", r);
            }
            out_line(o, "for (int64_t %s; %s;) {", init, cond);
            o->indent++;
            int q0 = sparse_slot(s, u->rhs[acc[0]].t);
            out_line(o, "int64_t %s = r%d_idx[r%d_p];", xn, q0, acc[0]);
            for (int k = 1; k < na; k++) {
                int q = sparse_slot(s, u->rhs[acc[k]].t);
                out_line(o, "if (r%d_idx[r%d_p] > %s) %s = r%d_idx[r%d_p];", q, acc[k], xn, xn, q,
                         acc[k]);
            }
            for (int k = 0; k < na; k++) {
                int q = sparse_slot(s, u->rhs[acc[k]].t);
                out_line(o, "if (r%d_idx[r%d_p] < %s) {", q, acc[k], xn);
                out_line(o, "    r%d_p++;", acc[k]);
                out_line(o, "    continue;");
                out_line(o, "}");
            }
            xsnprintf(closes[ncl++], sizeof closes[0], "%s\n}", step);
        }
        if (restricted) { /* the canonical part of the output only */
            char cond[256], dflt[MAX_NAME + 16];
            xsnprintf(dflt, sizeof dflt, "dims[%d]", x);
            if (!strcmp(lo, "0"))
                xsnprintf(cond, sizeof cond, "%s < %s", xn, hi);
            else if (!strcmp(hi, dflt))
                xsnprintf(cond, sizeof cond, "%s >= %s", xn, lo);
            else
                xsnprintf(cond, sizeof cond, "%s >= %s && %s < %s", xn, lo, xn, hi);
            out_line(o, "if (%s) {", cond);
            o->indent++;
            xsnprintf(closes[ncl++], sizeof closes[0], "}");
        }
    }
    char rhs[8192], off[1024];
    update_rhs(s, u, T, fac, rhs, sizeof rhs);
    lhs_offset(s, p, &u->lhs, off, sizeof off);
    emit_out_write(o, s, T, off, rhs);
    while (ncl > 0) {
        const char *c = closes[--ncl], *nlp = strchr(c, '\n');
        if (nlp) { /* the merge loop's cursor steps, then its brace */
            out_line(o, "%.*s", (int)(nlp - c), c);
            c = nlp + 1;
        }
        o->indent--;
        out_line(o, "%s", c);
    }
}

/* Updates u[0..n) of one output element (same loops): loops over the
 * indices the entry does not bind (vars), then one write of their sum (or
 * min). fac: a C expression multiplying the right-hand side (NULL: each
 * update's own factor). */
static void emit_update(Out *o, const Spec *s, const Program *p, const Update *u, int n,
                        const int *vars, int nv, const char *T, const char *fac)
{
    if (s->sparse_in) {
        emit_update_sparse(o, s, p, u, vars, nv, T, fac);
        return;
    }
    int loops[MAX_INDEX], nl = unbound_vars(u, vars, nv, loops);
    for (int l = 0; l < nl; l++) {
        /* an innermost loop whose every iteration writes its own output
         * element carries no dependence: let it vectorize */
        if (l == nl - 1 && access_has(&u->lhs, loops[l])) out_line(o, "#pragma GCC ivdep");
        open_loop(o, s, p, u, loops, l, loops[l]);
        o->indent++;
    }
    char rhs[8192], one[4096], off[1024];
    update_rhs(s, &u[0], T, fac, rhs, sizeof rhs);
    for (int k = 1; k < n; k++) {
        update_rhs(s, &u[k], T, fac, one, sizeof one);
        char prev[8192];
        xsnprintf(prev, sizeof prev, "%s", rhs);
        if (s->red == RED_ADD)
            xsnprintf(rhs, sizeof rhs, "%s + %s", prev, one);
        else
            xsnprintf(rhs, sizeof rhs, "SYSTEC_MIN(%s, %s)", prev, one);
    }
    lhs_offset(s, p, &u->lhs, off, sizeof off);
    emit_out_write(o, s, T, off, rhs);
    o->indent -= nl;
}

/* The next distinct arrangement of a[0..n) (lexicographic; sorted again and
 * 0 after the last), for the enumerated faces. Emitted once per file. */
static void emit_next_perm(Out *o)
{
    out_printf(o, "#ifndef SYSTEC_GEN_NEXT_PERM\n#define SYSTEC_GEN_NEXT_PERM\n"
                  "static inline int systec_gen_next_perm(int64_t *a, int n)\n{\n"
                  "    int i = n - 2;\n    while (i >= 0 && a[i] >= a[i + 1]) i--;\n"
                  "    if (i >= 0) {\n        int j = n - 1;\n        while (a[j] <= a[i]) j--;\n"
                  "        const int64_t t = a[i]; a[i] = a[j]; a[j] = t;\n    }\n"
                  "    for (int l = i + 1, r = n - 1; l < r; l++, r--) {\n"
                  "        const int64_t t = a[l]; a[l] = a[r]; a[r] = t;\n    }\n"
                  "    return i >= 0;\n}\n#endif\n\n");
}

/* An entry's group values c_[k] (canonical position k: the coordinate of
 * its run's representative) and its value a. */
static void emit_group_values(Out *o, const Program *p, const Face *F, const char *T,
                              const int *vars, int nv)
{
    int n = p->ngroup;
    out_printf(o, "%*sint64_t c_[%d] = {", 4 * o->indent, "", n);
    for (int k = 0; k < n; k++) {
        int pos = 0;
        for (int v = 0; v < nv; v++)
            if (vars[v] == F->rep[p->group[k]]) pos = v;
        out_printf(o, "%sF->coord[e * %d + %d]", k ? ", " : "", nv, pos);
    }
    out_printf(o, "};\n");
    out_line(o, "const %s a = val[e];", T);
}

/* Position in the group of index variable id, or -1. */
static int group_pos(const Program *p, int id)
{
    for (int k = 0; k < p->ngroup; k++)
        if (p->group[k] == id) return k;
    return -1;
}

/* A table face whose updates bind every index (no dense loops), every dense
 * term reading one group index and the output indexed by group indices only
 * (vectors and forms: the specs whose updates do not merge). Per entry each
 * term is read once per canonical position (t<q>_[k]); a row multiplies the
 * terms its orbit point picks and adds into the accumulator of its output
 * element (acc_[class]); the accumulators are written once per entry.
 * Returns 0, or -1 (emitting nothing) when the face lacks that shape. */
static int emit_face_table_flat(Out *o, const Spec *s, const Program *p, const Face *F, int fi,
                                const char *T, const int *vars, int nv)
{
    const Update *A = &s->assign;
    int n = p->ngroup, nt = 0, tvar[MAX_OPERAND], tq[MAX_OPERAND];
    int bound[MAX_ORDER + MAX_ORDER], nb = 0, loops[MAX_INDEX];
    for (int k = 0; k < n; k++) bound[nb++] = p->group[k];
    for (int v = 0; v < nv; v++) bound[nb++] = vars[v];
    if (unbound_vars(A, bound, nb, loops)) return -1;
    for (int r = 0; r < A->nr; r++) {
        const Access *a = &A->rhs[r];
        if (a->t == s->format_tensor) continue;
        int d[MAX_ORDER], nd = distinct_vars(a, d);
        if (nd != 1 || group_pos(p, d[0]) < 0 || is_sparse(s, a)) return -1;
        tvar[nt] = d[0];
        tq[nt++] = r;
    }
    int lg[MAX_ORDER], nl = 0;
    for (int m = 0; m < A->lhs.n; m++) {
        if (group_pos(p, A->lhs.idx[m]) < 0) return -1;
        lg[nl++] = group_pos(p, A->lhs.idx[m]);
    }
    /* the output element of each row: a class per distinct tuple of the
     * canonical positions its output indices take */
    enum { MAXK = 64 };
    int ncls = 0, cls[MAXK][MAX_ORDER];
    int *rowcls = malloc(sizeof *rowcls * (size_t)(F->nupd + 1));
    if (!rowcls) return -1;
    for (int u = 0; u < F->nupd && ncls <= MAXK; u++) {
        int key[MAX_ORDER], c = 0;
        for (int m = 0; m < nl; m++) key[m] = F->upd[u].perm[lg[m]];
        while (c < ncls && memcmp(cls[c], key, sizeof *key * (size_t)nl)) c++;
        if (c == ncls && ncls < MAXK) memcpy(cls[ncls], key, sizeof *key * (size_t)nl);
        if (c == ncls) ncls++;
        rowcls[u] = c;
    }
    if (ncls > MAXK) {
        free(rowcls);
        return -1;
    }
    /* rows in round-robin order of their classes: consecutive rows add into
     * different accumulators, so the adds do not wait on each other */
    int *order = malloc(sizeof *order * (size_t)(F->nupd + 1)), no = 0;
    if (!order) {
        free(rowcls);
        return -1;
    }
    int start[MAXK + 1] = {0}, next[MAXK], *byc = malloc(sizeof *byc * (size_t)(F->nupd + 1));
    if (!byc) {
        free(order);
        free(rowcls);
        return -1;
    }
    for (int u = 0; u < F->nupd; u++) start[rowcls[u] + 1]++;
    for (int c = 0; c < ncls; c++) start[c + 1] += start[c];
    for (int c = 0; c < ncls; c++) next[c] = start[c];
    for (int u = 0; u < F->nupd; u++) byc[next[rowcls[u]]++] = u; /* rows by class, in order */
    for (int round = 0; no < F->nupd; round++)
        for (int c = 0; c < ncls; c++)
            if (start[c] + round < start[c + 1]) order[no++] = byc[start[c] + round];
    free(byc);
    out_line(o, "static const signed char tab_[%d][%d] = {", F->nupd, nt + 1);
    for (int u = 0; u < F->nupd; u += 8) {
        char line[1024] = "";
        for (int w = u; w < F->nupd && w < u + 8; w++) {
            int k = order[w];
            size_t q = strlen(line);
            xsnprintf(line + q, sizeof line - q, "{");
            for (int t = 0; t < nt; t++) {
                q = strlen(line);
                xsnprintf(line + q, sizeof line - q, "%d,", F->upd[k].perm[group_pos(p, tvar[t])]);
            }
            q = strlen(line);
            xsnprintf(line + q, sizeof line - q, "%d},", rowcls[k]);
        }
        out_line(o, "    %s", line);
    }
    out_line(o, "};");
    int ones = 1; /* all factors 1 (nothing merged): no factor table */
    for (int u = 0; u < F->nupd; u++) ones &= F->upd[u].factor == 1;
    if (s->red == RED_ADD && !ones) {
        out_line(o, "static const %s fac_[%d] = {", T, F->nupd);
        for (int u = 0; u < F->nupd; u += 16) {
            char line[512] = "";
            for (int w = u; w < F->nupd && w < u + 16; w++) {
                size_t q = strlen(line);
                xsnprintf(line + q, sizeof line - q, "%d,", F->upd[order[w]].factor);
            }
            out_line(o, "    %s", line);
        }
        out_line(o, "};");
    }
    free(order);
    free(rowcls);
    out_line(o, "const systec_gface_t *F = &faces[%d];", fi);
    out_line(o, "const %s *val = (const %s *)F->val;", T, T);
    out_line(o, "for (int64_t e = 0; e < F->nnz; e++) {");
    o->indent++;
    emit_group_values(o, p, F, T, vars, nv);
    char term[1100];
    for (int t = 0; t < nt; t++) {
        out_line(o, "%s t%d_[%d];", T, t, n);
        out_line(o, "for (int u_ = 0; u_ < %d; u_++) {", n);
        o->indent++;
        out_line(o, "const int64_t %s = c_[u_];", s->idxname[tvar[t]]);
        dense_term(s, &A->rhs[tq[t]], term, sizeof term);
        out_line(o, "t%d_[u_] = %s;", t, term);
        o->indent--;
        out_line(o, "}");
    }
    out_line(o, "%s acc_[%d] = {%s};", T, ncls, s->red == RED_ADD ? "0" : "INFINITY");
    if (s->red == RED_MIN) out_line(o, "for (int u_ = 0; u_ < %d; u_++) acc_[u_] = INFINITY;", ncls);
    out_line(o, "for (int u_ = 0; u_ < %d; u_++) {", F->nupd);
    o->indent++;
    char rhs[4096];
    xsnprintf(rhs, sizeof rhs, "%s", s->red == RED_ADD && !ones ? "fac_[u_]" : "");
    for (int t = 0; t < nt; t++) {
        size_t q = strlen(rhs);
        xsnprintf(rhs + q, sizeof rhs - q, "%st%d_[tab_[u_][%d]]",
                  q ? (s->red == RED_ADD ? " * " : " + ") : "", t, t);
    }
    if (!rhs[0]) xsnprintf(rhs, sizeof rhs, "%s", s->red == RED_ADD ? "1" : "0");
    if (s->red == RED_ADD)
        out_line(o, "acc_[tab_[u_][%d]] += %s;", nt, rhs);
    else
        out_line(o, "acc_[tab_[u_][%d]] = SYSTEC_MIN(acc_[tab_[u_][%d]], %s);", nt, nt, rhs);
    o->indent--;
    out_line(o, "}");
    for (int c = 0; c < ncls; c++) {
        out_line(o, "{");
        o->indent++;
        for (int m = 0; m < nl; m++) {
            int dup = 0;
            for (int q = 0; q < m; q++) dup |= A->lhs.idx[q] == A->lhs.idx[m];
            if (!dup) out_line(o, "const int64_t %s = c_[%d];", s->idxname[A->lhs.idx[m]], cls[c][m]);
        }
        char off[1024];
        offset_expr(s, &A->lhs, off, sizeof off);
        if (s->red == RED_ADD)
            out_line(o, "out[%s] += a * acc_[%d];", off, c);
        else
            out_line(o, "{ const %s t_ = a + acc_[%d]; out[%s] = t_ < out[%s] ? t_ : out[%s]; }",
                     T, c, off, off, off);
        o->indent--;
        out_line(o, "}");
    }
    o->indent--;
    out_line(o, "}");
    return 0;
}

/* A face whose updates run from a table or an enumeration: the entry's
 * group values go to c_[] (by canonical position), and each row or orbit
 * point binds the group's indices from them and runs the assignment. */
static void emit_face_loop(Out *o, const Spec *s, const Program *p, const Face *F, int fi,
                           const char *T, int mode, const int *vars, int nv)
{
    int n = p->ngroup;
    if (mode == FACE_TABLE) {
        out_line(o, "static const signed char tab_[%d][%d] = {", F->nupd, n);
        for (int u = 0; u < F->nupd; u += 8) {
            char line[1024] = "";
            for (int k = u; k < F->nupd && k < u + 8; k++) {
                size_t q = strlen(line);
                xsnprintf(line + q, sizeof line - q, "{");
                for (int g = 0; g < n; g++) {
                    q = strlen(line);
                    xsnprintf(line + q, sizeof line - q, "%s%d", g ? "," : "", F->upd[k].perm[g]);
                }
                q = strlen(line);
                xsnprintf(line + q, sizeof line - q, "},");
            }
            out_line(o, "    %s", line);
        }
        out_line(o, "};");
        if (s->red == RED_ADD) {
            out_line(o, "static const int fac_[%d] = {", F->nupd);
            for (int u = 0; u < F->nupd; u += 16) {
                char line[512] = "";
                for (int k = u; k < F->nupd && k < u + 16; k++) {
                    size_t q = strlen(line);
                    xsnprintf(line + q, sizeof line - q, "%d,", F->upd[k].factor);
                }
                out_line(o, "    %s", line);
            }
            out_line(o, "};");
        }
    }
    out_line(o, "const systec_gface_t *F = &faces[%d];", fi);
    out_line(o, "const %s *val = (const %s *)F->val;", T, T);
    out_line(o, "for (int64_t e = 0; e < F->nnz; e++) {");
    o->indent++;
    /* coordinates of indices outside the group keep their names */
    int gvars[MAX_ORDER];
    for (int k = 0; k < n; k++) gvars[k] = p->group[k];
    for (int v = 0; v < nv; v++) {
        int in = 0;
        for (int k = 0; k < n; k++) in |= gvars[k] == vars[v];
        if (!in)
            out_line(o, "const int64_t %s = F->coord[e * %d + %d];", s->idxname[vars[v]], nv, v);
    }
    emit_group_values(o, p, F, T, vars, nv);
    if (mode == FACE_TABLE)
        out_line(o, "for (int u_ = 0; u_ < %d; u_++) {", F->nupd);
    else
        out_line(o, "for (;;) {");
    o->indent++;
    for (int k = 0; k < n; k++)
        out_line(o, "const int64_t %s = c_[%s%d%s];", s->idxname[gvars[k]],
                 mode == FACE_TABLE ? "tab_[u_][" : "", k, mode == FACE_TABLE ? "]" : "");
    char fac[64];
    xsnprintf(fac, sizeof fac, "(%s)fac_[u_]", T);
    int guard = mode == FACE_ENUM && p->out_kind == OUT_DROP;
    if (guard) { /* enumerated: only the canonical part of the output is written */
        char cond[512] = "";
        int prev = -1;
        for (int m = 0; m < s->assign.lhs.n; m++) {
            if (!(p->out_sym >> m & 1u)) continue;
            if (prev >= 0) {
                size_t q = strlen(cond);
                xsnprintf(cond + q, sizeof cond - q, "%s%s <= %s", q ? " && " : "",
                          s->idxname[s->assign.lhs.idx[prev]], s->idxname[s->assign.lhs.idx[m]]);
            }
            prev = m;
        }
        out_line(o, "if (%s) {", cond);
        o->indent++;
    }
    emit_update(o, s, p, &s->assign, 1, gvars, n, T, mode == FACE_TABLE ? fac : NULL);
    if (guard) {
        o->indent--;
        out_line(o, "}");
    }
    if (mode == FACE_ENUM) {
        for (int g = 0; g < p->ngroups; g++)
            out_line(o, "if (systec_gen_next_perm(c_ + %d, %d)) continue;", p->gbeg[g],
                     p->gbeg[g + 1] - p->gbeg[g]);
        out_line(o, "break;");
    }
    o->indent--;
    out_line(o, "}");
    o->indent--;
    out_line(o, "}");
}

/* Whether a face's updates read the coordinate of index id: always, but
 * with a sparse output, whose row modes come from the entry's position,
 * only where a dense or sparse operand or a mode past the rows uses it. */
static int coord_read(const Spec *s, const Face *F, int id)
{
    if (!s->rows_out) return 1;
    for (int k = 0; k < F->nupd; k++) {
        const Update *u = &F->upd[k];
        for (int m = row_modes(s); m < u->lhs.n; m++)
            if (u->lhs.idx[m] == id) return 1;
        for (int r = 0; r < u->nr; r++)
            if (u->rhs[r].t != s->format_tensor && access_has(&u->rhs[r], id)) return 1;
    }
    return 0;
}

static void emit_face(Out *o, const Spec *s, const Program *p, int fi, const char *T, int mode)
{
    const Face *F = &p->face[fi];
    if (F->nupd == 0 && !F->enumerate) return;
    int vars[MAX_ORDER], nv = face_coords(s, F, vars);
    out_line(o, "{ /* face %d%s */", fi, mode == FACE_TABLE ? ": a table of its updates"
                                         : mode == FACE_ENUM ? ": its orbit enumerated" : "");
    o->indent++;
    if (mode == FACE_TABLE && !p->out_sym && emit_face_table_flat(o, s, p, F, fi, T, vars, nv) == 0) {
        /* done: the flat table */
    } else if (mode != FACE_UNROLL) {
        emit_face_loop(o, s, p, F, fi, T, mode, vars, nv);
    } else {
        out_line(o, "const systec_gface_t *F = &faces[%d];", fi);
        out_line(o, "const %s *val = (const %s *)F->val;", T, T);
        out_line(o, "for (int64_t e = 0; e < F->nnz; e++) {");
        o->indent++;
        for (int v = 0; v < nv; v++)
            if (coord_read(s, F, vars[v]))
                out_line(o, "const int64_t %s = F->coord[e * %d + %d];", s->idxname[vars[v]], nv,
                         v);
        out_line(o, "const %s a = val[e];", T);
        for (int k = 0, n; k < F->nupd; k += n) {
            n = same_write_run(s, &F->upd[k], F->nupd - k, vars, nv);
            emit_update(o, s, p, &F->upd[k], n, vars, nv, T, NULL);
        }
        o->indent--;
        out_line(o, "}");
    }
    o->indent--;
    out_line(o, "}");
}


/* The generic kernel of a program (p: symmetric; the baseline passes its
 * identity program and no output symmetry). */
static void emit_generic(Out *o, const Spec *s, const Program *p, const char *name, const char *T)
{
    int mode[1 << (MAX_ORDER - 1)], any_enum = 0;
    face_modes(p, mode);
    for (int f = 0; f < p->nface; f++) any_enum |= mode[f] == FACE_ENUM;
    if (any_enum) emit_next_perm(o);
    out_printf(o, "void %s(const systec_gface_t *faces, %sconst %s *const *dense, const int64_t "
                  "*dims, %s *restrict out)\n{\n", name,
               s->sparse_in ? "const systec_gcsr_t *sparse, " : "", T, T);
    o->indent = 1;
    out_line(o, "(void)dense;");
    out_line(o, "(void)dims;");
    emit_dense_bases(o, s, T);
    for (int f = 0; f < p->nface; f++) emit_face(o, s, p, f, T, mode[f]);
    o->indent = 0;
    out_printf(o, "}\n\n");
}

/* ------------------------------------------ entries ordered by output */

/* Storage byout: the symmetric program's updates as entries of their own
 * ("instances"): every canonical entry once per update of its face, with
 * the coordinates the update's orbit point gives the assignment's indices
 * and the value times the update's factor. Every instance is then the
 * assignment itself at one point, so the kernel is the baseline's loop (the
 * identity program) with the symmetric program's output treatment (packed,
 * canonical part, restricted loops); the runtime sorts the instances by
 * their output coordinates, so each output row is written by one run of
 * consecutive instances, as the baseline's sorted entries write it. The
 * symmetric per-entry kernel writes several output rows per entry (TTM:
 * C[j,l], C[j,k], C[l,k]); when those rows do not stay in cache that
 * scattered traffic can cost more than symmetry saves, and the dispatcher
 * takes this storage instead (systec_kmeta_t.scatter). */

/* Instances per kernel past which no byout storage is emitted (table rows). */
#define INST_MAX 4096

/* The index variables of the stored operand's access: an instance's (and a
 * baseline entry's) coordinates. */
static int entry_vars(const Spec *s, int *vars)
{
    for (int r = 0; r < s->assign.nr; r++)
        if (s->assign.rhs[r].t == s->format_tensor) return distinct_vars(&s->assign.rhs[r], vars);
    return 0;
}

/* Position of index variable id in vars[0..nv), or -1. */
static int var_pos(const int *vars, int nv, int id)
{
    for (int v = 0; v < nv; v++)
        if (vars[v] == id) return v;
    return -1;
}

/* The instances' sort order over their coordinates: the output's modes
 * the entry binds, in mode order, then the others. Returns how many lead
 * (the output row); key[0..nv) is a permutation of 0..nv-1. */
static int instance_key(const Spec *s, const int *vars, int nv, int *key)
{
    int nk = 0, used[MAX_ORDER] = {0}, lead;
    for (int m = 0; m < s->assign.lhs.n; m++) {
        int v = var_pos(vars, nv, s->assign.lhs.idx[m]);
        if (v >= 0 && !used[v]) used[v] = 1, key[nk++] = v;
    }
    lead = nk;
    for (int v = 0; v < nv; v++)
        if (!used[v]) key[nk++] = v;
    return lead;
}

/* The instance table: per face with a list, per update (byrow: per orbit
 * of the output symmetry, sym_output_orbits), its face, its weight num/den
 * (the update's factor; byrow: over the orbit's stabilizer) and where each
 * instance coordinate comes from among the face entry's stored coordinates
 * (group index k takes the value at canonical position perm[k], stored
 * under that position's representative). Returns the number of rows, or -1
 * when some face is enumerated, has no orbits, or the table would exceed
 * INST_MAX. */
enum { ROW_COLS = 3 + MAX_ORDER };
static int instance_rows(const Spec *s, const Program *sym, int byrow, int (*row)[ROW_COLS])
{
    int ev[MAX_ORDER], ne = entry_vars(s, ev), nrow = 0;
    for (int f = 0; f < sym->nface; f++) {
        const Face *F = &sym->face[f];
        int fv[MAX_ORDER], nf = face_coords(s, F, fv);
        if (F->enumerate) return -1;
        int *orbit = malloc(sizeof *orbit * (size_t)(2 * F->nupd + 1)), *stab = orbit + F->nupd;
        if (!orbit || (byrow && sym_output_orbits(sym, f, orbit, stab))) {
            free(orbit);
            return -1;
        }
        for (int u = 0; u < F->nupd; u++) {
            if (byrow && orbit[u] != u) continue;
            if (nrow == INST_MAX) {
                free(orbit);
                return -1;
            }
            const Update *U = &F->upd[u];
            int *r = row[nrow++], num = s->red == RED_ADD ? U->factor : 1;
            int den = byrow && s->red == RED_ADD ? stab[u] : 1, g = num, h = den;
            while (h) { /* reduced */
                int t = g % h;
                g = h;
                h = t;
            }
            r[0] = f;
            r[1] = num / g;
            r[2] = den / g;
            for (int v = 0; v < MAX_ORDER; v++) r[3 + v] = -1;
            for (int v = 0; v < ne; v++) {
                int k = group_pos(sym, ev[v]);
                int id = k >= 0 ? sym->group[U->perm[k]] : ev[v];
                r[3 + v] = var_pos(fv, nf, F->rep[id]);
            }
        }
        free(orbit);
    }
    return nrow;
}

static void emit_instance_tables(Out *decl, const Spec *s, const char *st, int (*row)[ROW_COLS],
                                 int nrow)
{
    int ev[MAX_ORDER], ne = entry_vars(s, ev);
    out_printf(decl, "/* %s, storage %s: one row per %s of each face: the face, the weight "
                     "num/den its instances' values are multiplied by and, for each of an "
                     "instance's %d coordinates, the position of the face entry's stored "
                     "coordinate it copies */\n#define SYSTEC_N%s_%s %d\n"
                     "static const int systec_%s_%s[%d][%d] = {", s->kernel, st,
               strcmp(st, "byrow") ? "update" : "orbit of updates under the output symmetry",
               ne, strcmp(st, "byrow") ? "INST" : "ROWINST", s->kernel, nrow,
               strcmp(st, "byrow") ? "inst" : "rowinst", s->kernel, nrow, ROW_COLS);
    for (int q = 0; q < nrow; q++) {
        out_printf(decl, "%s{", q ? ", " : "");
        for (int v = 0; v < ROW_COLS; v++) out_printf(decl, "%s%d", v ? ", " : "", row[q][v]);
        out_printf(decl, "}");
    }
    out_printf(decl, "};\n");
}

/* The instances' (and the baseline entries') sort order, once per spec. */
static void emit_instance_key(Out *decl, const Spec *s)
{
    int ev[MAX_ORDER], ne = entry_vars(s, ev), key[MAX_ORDER];
    int lead = instance_key(s, ev, ne, key);
    out_printf(decl, "/* %s: the order instances (and baseline entries) are sorted in, by "
                     "coordinate position; the first %d form the output row */\n"
                     "#define SYSTEC_INSTROW_%s %d\nstatic const int systec_instkey_%s[%d] = {",
               s->kernel, lead, s->kernel, lead, s->kernel, MAX_ORDER);
    for (int v = 0; v < MAX_ORDER; v++) out_printf(decl, "%s%d", v ? ", " : "", v < ne ? key[v] : -1);
    out_printf(decl, "};\n\n");
}

/* Storage byrow (output symmetry over free indices, OUT_LOOPS): one
 * instance per orbit of updates under the output symmetry (weight: its
 * factor over its stabilizer), sorted by output row. Per row the instances
 * accumulate the assignment into work, over all of the row's elements (the
 * symmetric modes unrestricted: full loops, no triangle), then the row's
 * canonical part gets the sum of work over the m! permutations of its
 * symmetric modes, once. TTMc: 3 instances of R^2 multiply-adds per
 * canonical entry, against the baseline's 6 entries of R^2. */
static void trail_offset(const Spec *s, const Access *a, int first, char *buf, size_t len)
{
    const Access *orig = &s->assign.lhs;
    char t[4096];
    xsnprintf(buf, len, "0");
    for (int k = first; k < a->n; k++) {
        xsnprintf(t, sizeof t, "%s", buf);
        if (!strcmp(t, "0"))
            xsnprintf(buf, len, "%s", s->idxname[a->idx[k]]);
        else
            xsnprintf(buf, len, "(%s) * dims[%d] + %s", t, orig->idx[k], s->idxname[a->idx[k]]);
    }
}

static int next_index_perm(int *a, int n);

/* One instance of entry e into work: its coordinates, then the assignment
 * over every loop unrestricted, assigned (first) or accumulated. */
static void emit_row_instance(Out *o, const Spec *s, const int *ev, int ne, const int *rowpos,
                              int nb, const char *T, int first)
{
    const Access *L = &s->assign.lhs;
    out_line(o, "{");
    o->indent++;
    for (int v = 0; v < ne; v++)
        if (var_pos(rowpos, nb, v) < 0)
            out_line(o, "const int64_t %s = F->coord[e * %d + %d];", s->idxname[ev[v]], ne, v);
    out_line(o, "const %s a = val[e];", T);
    int loops[MAX_INDEX], nl = unbound_vars(&s->assign, ev, ne, loops);
    for (int l = 0; l < nl; l++) {
        const char *x = s->idxname[loops[l]];
        if (l == nl - 1 && access_has(L, loops[l])) out_line(o, "#pragma GCC ivdep");
        out_line(o, "for (int64_t %s = 0; %s < dims[%d]; %s++)", x, x, loops[l], x);
        o->indent++;
    }
    char rhs[8192], off[4096];
    update_rhs(s, &s->assign, T, NULL, rhs, sizeof rhs);
    trail_offset(s, L, nb, off, sizeof off);
    if (first)
        out_line(o, "work[%s] = %s;", off, rhs);
    else if (s->red == RED_ADD)
        out_line(o, "work[%s] += %s;", off, rhs);
    else
        out_line(o, "work[%s] = SYSTEC_MIN(work[%s], %s);", off, off, rhs);
    o->indent -= nl;
    o->indent--;
    out_line(o, "}");
}

static void emit_byrow(Out *o, const Spec *s, const Program *ord, const char *name, const char *T)
{
    const Access *L = &s->assign.lhs;
    int ev[MAX_ORDER], ne = entry_vars(s, ev), nb = row_modes(s), rowpos[MAX_ORDER];
    for (int m = 0; m < nb; m++) rowpos[m] = var_pos(ev, ne, L->idx[m]);
    out_printf(o, "void %s(const systec_gface_t *faces, const %s *const *dense, const int64_t "
                  "*dims, %s *restrict out, %s *restrict work)\n{\n", name, T, T, T);
    o->indent = 1;
    out_line(o, "(void)dense;");
    emit_dense_bases(o, s, T);
    out_line(o, "const systec_gface_t *F = &faces[0];");
    out_line(o, "const %s *val = (const %s *)F->val;", T, T);
    char nw[1024] = "1", t[1024];
    for (int k = nb; k < L->n; k++) {
        xsnprintf(t, sizeof t, "%s", nw);
        xsnprintf(nw, sizeof nw, "%s * dims[%d]", t, L->idx[k]);
    }
    out_line(o, "for (int64_t e = 0; e < F->nnz;) {");
    o->indent++;
    if (s->rows_out) out_line(o, "const int64_t e0_ = e;");
    char same[1024] = "";
    for (int m = 0; m < nb; m++) {
        const char *x = s->idxname[L->idx[m]];
        out_line(o, "const int64_t %s = F->coord[e * %d + %d];", x, ne, rowpos[m]);
        size_t q = strlen(same);
        xsnprintf(same + q, sizeof same - q, " && F->coord[e * %d + %d] == %s", ne, rowpos[m], x);
    }
    /* every loop an output index: an instance writes each element of work
     * once, so the row's first instance assigns it (no clearing pass) */
    int loops[MAX_INDEX], nl = unbound_vars(&s->assign, ev, ne, loops), assigns = 1;
    for (int l = 0; l < nl; l++) assigns &= access_has(L, loops[l]);
    if (assigns) {
        emit_row_instance(o, s, ev, ne, rowpos, nb, T, 1);
        out_line(o, "for (e++; e < F->nnz%s; e++)", same);
    } else {
        out_line(o, "for (int64_t w_ = 0; w_ < %s; w_++) work[w_] = %s;", nw,
                 s->red == RED_ADD ? "0" : "INFINITY");
        out_line(o, "for (; e < F->nnz%s; e++)", same);
    }
    emit_row_instance(o, s, ev, ne, rowpos, nb, T, 0);
    /* the fold: the row's canonical part, the sum (min) over the
     * permutations of the symmetric modes' indices */
    int open[MAX_ORDER], no = 0, x[MAX_ORDER], m = 0, perm[MAX_ORDER];
    for (int k = 0; k < L->n; k++)
        if (ord->out_sym >> k & 1u) x[m++] = k;
    for (int k = nb; k < L->n; k++) {
        open_loop(o, s, ord, &s->assign, open, no, L->idx[k]);
        open[no++] = L->idx[k];
        o->indent++;
    }
    char sum[8192] = "", off[4096];
    for (int q = 0; q < m; q++) perm[q] = q;
    do {
        Access A = *L;
        for (int q = 0; q < m; q++) A.idx[x[q]] = L->idx[x[perm[q]]];
        trail_offset(s, &A, nb, off, sizeof off);
        size_t w = strlen(sum);
        if (s->red == RED_ADD)
            xsnprintf(sum + w, sizeof sum - w, "%swork[%s]", w ? " + " : "", off);
        else if (w)
            xsnprintf(t, sizeof t, "%s", sum), xsnprintf(sum, sizeof sum, "SYSTEC_MIN(%s, work[%s])", t, off);
        else
            xsnprintf(sum, sizeof sum, "work[%s]", off);
    } while (next_index_perm(perm, m));
    row_entry = "e0_";
    lhs_offset(s, ord, L, off, sizeof off);
    row_entry = "e";
    if (s->red == RED_ADD)
        out_line(o, "out[%s] += %s;", off, sum);
    else
        out_line(o, "out[%s] = SYSTEC_MIN(out[%s], %s);", off, off, sum);
    o->indent -= L->n - nb;
    o->indent--;
    out_line(o, "}");
    o->indent = 0;
    out_printf(o, "}\n\n");
}

/* The next permutation of a[0..n) (distinct values), lexicographic; 0
 * after the last. */
static int next_index_perm(int *a, int n)
{
    int i = n - 2;
    while (i >= 0 && a[i] > a[i + 1]) i--;
    if (i < 0) return 0;
    int j = n - 1;
    while (a[j] < a[i]) j--;
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
    for (int l = i + 1, r = n - 1; l < r; l++, r--) t = a[l], a[l] = a[r], a[r] = t;
    return 1;
}

/* Output rows the symmetric per-entry kernel writes per interior entry
 * beyond the one the entries' order streams: the distinct tuples of the
 * output's entry-bound indices among the interior's updates, less one if
 * some update's tuple is a prefix of the entry's stored coordinates (its
 * row changes only when the entry's leading coordinates do). */
static int scatter_rows(const Spec *s, const Program *sym)
{
    const Face *I = &sym->face[0];
    if (I->enumerate) return 255;
    int fv[MAX_ORDER], nf = face_coords(s, I, fv), ntup = 0, prefix = 0;
    int tup[64][MAX_ORDER], len[64];
    for (int u = 0; u < I->nupd; u++) {
        int t[MAX_ORDER], n = 0;
        for (int m = 0; m < I->upd[u].lhs.n; m++) {
            int v = var_pos(fv, nf, I->upd[u].lhs.idx[m]);
            if (v >= 0) t[n++] = v;
        }
        int pre = 1;
        for (int k = 0; k < n; k++) pre &= t[k] == k;
        prefix |= pre;
        int q = 0;
        while (q < ntup && !(len[q] == n && !memcmp(tup[q], t, sizeof *t * (size_t)n))) q++;
        if (q == ntup && ntup < 64) {
            memcpy(tup[ntup], t, sizeof *t * (size_t)n);
            len[ntup++] = n;
        }
    }
    int sc = ntup - (prefix ? 1 : 0);
    return sc < 0 ? 0 : sc > 255 ? 255 : sc;
}

/* ------------------------------------------------ folded per-entry kernel */


int access_has(const Access *a, int id)
{
    for (int k = 0; k < a->n; k++)
        if (a->idx[k] == id) return 1;
    return 0;
}


/* "h<slot>[offset]": a dense operand read through its restrict base pointer. */
void dense_term(const Spec *s, const Access *a, char *buf, size_t len)
{
    char off[1024];
    offset_expr(s, a, off, sizeof off);
    xsnprintf(buf, len, "h%d[%s]", dense_slot(s, a->t), off);
}

void emit_dense_bases(Out *o, const Spec *s, const char *T)
{
    for (int t = 0; t < s->ntens; t++) {
        if (t == s->format_tensor || t == s->assign.lhs.t) continue;
        int q = sparse_slot(s, t);
        if (s->sparse_in >> t & 1u) {
            out_line(o, "const int64_t *restrict r%d_ptr = sparse[%d].ptr;", q, q);
            out_line(o, "const int64_t *restrict r%d_idx = sparse[%d].idx;", q, q);
            out_line(o, "const %s *restrict r%d_val = (const %s *)sparse[%d].val;", T, q, T, q);
        } else {
            out_line(o, "const %s *restrict h%d = dense[%d];", T, dense_slot(s, t),
                     dense_slot(s, t));
        }
    }
}

/* Whether the modes are one run of at least two consecutive modes. */
static int packed_run(unsigned modes)
{
    if (!modes) return 0;
    while (!(modes & 1u)) modes >>= 1;
    return (modes & (modes + 1)) == 0 && modes >= 3u;
}

void emit_group_pos(Out *o, const Program *sym, const int *vars, int nv)
{
    out_printf(o, "{");
    for (int g = 0; g < sym->ngroup; g++) {
        int pos = -1;
        for (int v = 0; v < nv; v++)
            if (vars[v] == sym->group[g]) pos = v;
        out_printf(o, "%s%d", g ? ", " : "", pos);
    }
    out_printf(o, "}");
}

void coo_args(KernelInfo *k, const char *sig, const char *fmt, const char *T)
{
    xsnprintf(k->sig, sizeof k->sig, "coo_%s", sig);
    xsnprintf(k->args, sizeof k->args, fmt, T);
}

/* A sparse output (format OUT sparse) keeps as rows its leading modes
 * indexed by the stored operand: those must be all the modes the entries
 * bind (at least one), the output's symmetric modes (if found) inside
 * them, or, for a symmetry over free indices, a run of the other modes. */
static int check_rows_out(const Spec *s, const Program *sym, char *err, size_t errlen)
{
    if (!s->rows_out) return 0;
    int ev[MAX_ORDER], ne = entry_vars(s, ev), lead = row_modes(s), bound = 0;
    const Access *L = &s->assign.lhs;
    for (int m = 0; m < L->n; m++) bound += var_pos(ev, ne, L->idx[m]) >= 0;
    unsigned rows = (1u << lead) - 1u;
    if (lead == 0 || bound != lead)
        return spec_error(s, s->at_out_format, err, errlen, "format sparse keeps the output's "
                          "modes indexed by %s's entries as rows: they must come first in %s",
                          s->tens[s->format_tensor].name, s->tens[L->t].name);
    if (sym->out_kind == OUT_DROP && (sym->out_sym & ~rows))
        return spec_error(s, s->at_out_format, err, errlen, "format sparse: the output is "
                          "symmetric in modes outside its rows");
    if (sym->out_kind == OUT_LOOPS && !packed_run(sym->out_sym))
        return spec_error(s, s->at_out_format, err, errlen, "format sparse: the output's "
                          "symmetric free modes are not consecutive");
    return 0;
}

int lower_spec_coo(const Spec *s, Out *code, Out *decl, KernelInfo *info, int maxinfo, char *err,
                   size_t errlen)
{
    static const char *const coo_locals[] = {"faces", "dense", "dims", "out", "F", "val", "e",
                                             "a", "t_", "nnz", "coord", "csf", "work", "c_",
                                             "u_", "tab_", "fac_", "sparse", "e0_", "w_",
                                             NULL};
    if (check_names(s, coo_locals, "coo", err, errlen)) return -1;
    int reads = 0;
    for (int r = 0; r < s->assign.nr; r++) reads += s->assign.rhs[r].t == s->format_tensor;
    if (reads != 1) {
        spec_error(s, s->at_format, err, errlen, "format coo reads %s once; it is read %d times",
                 s->tens[s->format_tensor].name, reads);
        return -1;
    }
    if (s->sym_tensor < 0 || s->sym_tensor != s->format_tensor) {
        spec_error(s, s->at_format, err, errlen, "format coo needs a declared symmetric tensor "
                   "(the symmetry of an expression like A*A^T is lowered by 'format OUT "
                   "csr|dense')");
        return -1;
    }
    if (s->scaled) {
        spec_error(s, s->at_scale, err, errlen, "format coo lowers plain 'out op= ...' kernels; "
                   "drop 'scale'");
        return -1;
    }
    Program sym, id;
    if (symmetrize(&sym, s, err, errlen)) return -1;
    if (program_identity(&id, s)) {
        program_free(&sym);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if ((s->packed_out && !packed_run(sym.out_sym)) || check_rows_out(s, &sym, err, errlen) ||
        check_sparse(s, &sym, err, errlen) || check_sparse(s, &id, err, errlen)) {
        if (s->packed_out && !packed_run(sym.out_sym))
            spec_error(s, s->at_out_format, err, errlen, "format packed needs an output symmetric "
                       "in consecutive modes; %s", sym.out_sym ? "the output is symmetric in "
                       "other modes" : "no output symmetry was found");
        program_free(&sym);
        program_free(&id);
        return -1;
    }
    int count = 0;
    {
        /* where each face's stored coordinates sit in a canonical tuple of
         * the symmetric group (-1: not a group index), for the runtime that
         * fills systec_gface_t lists */
        out_printf(decl, "/* %s: per tie pattern, the group position of each coordinate a "
                         "face entry stores */\nstatic const int systec_facepos_%s[%d][%d] = {",
                   s->kernel, s->kernel, sym.nface, MAX_ORDER);
        for (int f = 0; f < sym.nface; f++) {
            int vars[MAX_ORDER], nv = face_coords(s, &sym.face[f], vars);
            out_printf(decl, "%s{", f ? ", " : "");
            for (int v = 0; v < MAX_ORDER; v++) {
                int pos = -1;
                for (int g = 0; g < sym.ngroup && v < nv; g++)
                    if (sym.group[g] == vars[v]) pos = g;
                out_printf(decl, "%s%d", v ? ", " : "", pos);
            }
            out_printf(decl, "}");
        }
        out_printf(decl, "};\n\n");
    }
    /* general sparse operands and sparse outputs: the generic kernels only */
    int tuned = s->sparse_in || s->rows_out
                    ? 0 : lower_tensor_tuned(s, &sym, code, decl, info, maxinfo, err, errlen);
    if (tuned < 0) {
        count = -1;
        goto done;
    }
    count += tuned;
    /* the generic kernels: symmetric per entry (coo; not with a sparse
     * output, whose rows are one per entry), the baseline (coofull), and the
     * symmetric program's instances ordered by output (byout) */
    int (*row)[ROW_COLS] = malloc(sizeof *row * INST_MAX);
    int nrow = row ? instance_rows(s, &sym, 0, row) : -1;
    if (nrow >= 0 && spec_emits(s, "byout")) emit_instance_tables(decl, s, "byout", row, nrow);
    /* byrow: output symmetry over free indices, no sparse operands */
    int nrowinst = row && sym.out_kind == OUT_LOOPS && !s->sparse_in
                       ? instance_rows(s, &sym, 1, row) : -1;
    if (nrowinst >= 0 && spec_emits(s, "byrow"))
        emit_instance_tables(decl, s, "byrow", row, nrowinst);
    if ((nrow >= 0 && spec_emits(s, "byout")) || (nrowinst >= 0 && spec_emits(s, "byrow")) ||
        (s->rows_out && spec_emits(s, "coofull")))
        emit_instance_key(decl, s);
    free(row);
    Program ord = id; /* byout, byrow: the baseline's loop, the symmetric output treatment */
    ord.out_sym = sym.out_sym;
    ord.out_kind = sym.out_kind;
    static const char *const gname[4] = {"coo", "coofull", "byout", "byrow"};
    for (int g = 0; g < 4; g++)
        for (int dt = 0; dt < 2 && spec_emits(s, gname[g]); dt++) {
            if ((g == 0 && s->rows_out) || (g == 2 && nrow < 0) || (g == 3 && nrowinst < 0))
                break;
            if (count == maxinfo) {
                snprintf(err, errlen, "too many kernels");
                count = -1;
                goto done;
            }
            KernelInfo *k = &info[count++];
            memset(k, 0, sizeof *k);
            xsnprintf(k->name, sizeof k->name, "systec_k_%c%s_%s_i64_generic", dt ? 'd' : 's',
                     s->kernel, gname[g]);
            xsnprintf(k->op, sizeof k->op, "%s", s->kernel);
            xsnprintf(k->storage, sizeof k->storage, "%s", gname[g]);
            xsnprintf(k->sched, sizeof k->sched, "generic");
            k->dtype = dt ? 'd' : 's';
            k->i64 = 1;
            k->symmetric = g != 1;
            k->scatter = g == 0 ? scatter_rows(s, &sym) : 0;
            const char *T = dt ? "double" : "float";
            out_printf(code, "/* %s: %s storage, generic schedule, derived from %s */\n",
                       k->name, k->storage, s->label);
            if (g == 3) {
                emit_byrow(code, s, &ord, k->name, T);
                coo_args(k, "faces_work", "a->faces, (const %s *const *)a->dense, a->dims, a->out, "
                         "a->work", T);
                out_printf(decl, "void %s(const systec_gface_t *faces, const %s *const *dense, "
                                 "const int64_t *dims, %s *restrict out, %s *restrict work);\n",
                           k->name, T, T, T);
                continue;
            }
            emit_generic(code, s, g == 0 ? &sym : g == 1 ? &id : &ord, k->name, T);
            if (s->sparse_in) {
                coo_args(k, "faces_sparse", "a->faces, a->sparse, (const %s *const *)a->dense, "
                         "a->dims, a->out", T);
                out_printf(decl, "void %s(const systec_gface_t *faces, const systec_gcsr_t *sparse, "
                                 "const %s *const *dense, const int64_t *dims, %s *restrict out);\n",
                           k->name, T, T);
            } else {
                coo_args(k, "faces", "a->faces, (const %s *const *)a->dense, a->dims, a->out", T);
                out_printf(decl, "void %s(const systec_gface_t *faces, const %s *const *dense, "
                                 "const int64_t *dims, %s *restrict out);\n", k->name, T, T);
            }
        }
done:
    program_free(&sym);
    program_free(&id);
    return count;
}
