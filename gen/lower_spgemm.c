/* Lowering of OUT[a,b] += X[a,c] * X[b,c] with X a CSR matrix and OUT a
 * sparse CSR matrix (format OUT csr) or a dense one (format OUT dense):
 * SSYRK, C = A*A^T.
 *
 * Loop order a, c, b: row a of X gives the contraction index c, and the
 * second read X[b,c] runs along column c, so it is made concordant by
 * reading the transposed operand Xt (CSR of X^T, rows sorted), whose row c
 * lists b. The output row a is accumulated in a dense workspace (spa).
 *
 * With the output-symmetry pass, the program keeps C[a,b] for a <= b only,
 * in two faces: the tie b == a (its update must be the interior's with the
 * tie substituted) and the strict interior b > a. The tie reduces in a
 * scalar per row; the interior scatters the part of row c of Xt past a,
 * found by a cursor per row of Xt that moves by one per visit, so the inner
 * loop has no comparison (emit_row_product). The non-symmetric baseline
 * runs the identity program over all of row c of Xt.
 *
 * Sparse output: two kernels per variant. symbolic makes the pattern in
 * one pass (each row's columns in the order they are first met), row after
 * row into an array the runtime sizes: before a row it checks a bound on
 * the row's entries against the capacity and returns the row, to be called
 * again from there, when they might not fit. The runtime sorts the rows;
 * numeric then computes the values in the pattern's order. (A kernel that
 * also made the values in the first pass, its values moved through the
 * sort, was slower on every matrix measured.) Dense output: one kernel; output row a is
 * its own accumulator, its stored part zeroed at the start of row a (its
 * first touch).
 *
 * The numeric and dense phases first make the transpose's values from the
 * operand's (Xt_src: the operand entry behind each place), checking that
 * the operand still has the pattern the transpose was made from; they
 * return 1, the output untouched, if not.
 *
 * The omp_rows schedule (OpenMP) runs the same row loop over the parts of a
 * partition the runtime makes at plan time (systec_kpart_t: rows balanced
 * by their multiply-adds, several parts per thread, taken dynamically):
 * each thread has its own workspace (spa, mark: m each) and cursors (ncol
 * each); a part starts the cursors from those at its first row
 * (part->cur0). Parts write disjoint output rows, each row's terms summed in
 * the same order whatever the thread, so the values do not depend on the
 * schedule. The transpose's values are made in the same parallel region.
 * The symbolic phase writes part t's pattern from position part->boff[t]
 * of a reservation that holds every row's bound (no capacity check), and
 * the runtime closes the gaps. */
#include "ir.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const Spec *s;
    int a, b, c;  /* output row, output column, contraction index ids */
    int row_rhs;  /* the rhs operand read along its row (X[a,c]) */
    int factor;
    int tie_factor; /* the tie face's (upper) */
    int upper;    /* restrict to b >= a (output symmetry) */
} G;

/* Recognizes the shape; 0 on success. */
static int shape(const Spec *s, const Program *p, int upper, G *g, char *err, size_t errlen)
{
    const Update *u = &p->face[0].upd[0];
    memset(g, 0, sizeof *g);
    g->s = s;
    g->upper = upper;
    if (s->red != RED_ADD || s->scaled || u->nr != 2 || u->lhs.n != 2 ||
        u->rhs[0].t != s->format_tensor || u->rhs[1].t != s->format_tensor ||
        p->face[0].nupd != 1) {
        spec_error(s, s->at_scale, err, errlen, "sparse output lowers OUT[a,b] += X[a,c] * "
                   "X[b,c] only (no scale)");
        return -1;
    }
    g->a = u->lhs.idx[0];
    g->b = u->lhs.idx[1];
    g->factor = u->factor;
    for (int r = 0; r < 2; r++) {
        const Access *x = &u->rhs[r];
        if (x->idx[0] == g->a) {
            g->row_rhs = r;
            g->c = x->idx[1];
        }
    }
    const Access *xr = &u->rhs[g->row_rhs], *xc = &u->rhs[1 - g->row_rhs];
    if (xr->idx[0] != g->a || xc->idx[0] != g->b || xc->idx[1] != g->c || g->a == g->b ||
        g->c == g->a || g->c == g->b) {
        spec_error(s, s->at_assign, err, errlen, "sparse output lowers OUT[a,b] += X[a,c] * "
                   "X[b,c] only");
        return -1;
    }
    if (upper) {
        /* the tie's update must be the interior's with b = a (read twice: v * v) */
        if (p->nface != 2 || p->face[1].nupd != 1 || p->out_sym != 3u) {
            spec_error(s, s->at_assign, err, errlen, "the output-symmetric program lacks its two "
                       "faces (the tie and the strict interior)");
            return -1;
        }
        Update t = *u;
        int rep[MAX_INDEX];
        for (int k = 0; k < MAX_INDEX; k++) rep[k] = p->face[1].rep[k];
        for (int k = 0; k < t.lhs.n; k++) t.lhs.idx[k] = rep[t.lhs.idx[k]];
        for (int r = 0; r < t.nr; r++)
            for (int k = 0; k < t.rhs[r].n; k++) t.rhs[r].idx[k] = rep[t.rhs[r].idx[k]];
        if (!update_equal(&t, &p->face[1].upd[0])) {
            spec_error(s, s->at_assign, err, errlen, "the tie face's update is not the "
                       "interior's with %s = %s", s->idxname[g->b], s->idxname[g->a]);
            return -1;
        }
        g->tie_factor = p->face[1].upd[0].factor;
    }
    return 0;
}

/* Declares a kernel and its pointer type systec_kt_<tname>; sig starts
 * with the return type, one word. */
static void declare(Out *decl, const char *sig, const char *tname)
{
    out_printf(decl, "%s;\n", sig);
    /* the same return type and parameter list as a pointer type */
    out_printf(decl, "typedef %.*s (*systec_kt_%s)%s;\n", (int)strcspn(sig, " "), sig, tname,
               strchr(sig, '('));
}

/* Row a's product into TARGET (the workspace or the dense output row): over
 * the entries c of row a, the row c of Xt from the cursor (upper) or its
 * start (full); the read X[a,c] is hoisted out of the inner loop. With
 * on_new, each column b met for the first time in row a (mark[b] != a) is
 * marked and on_new runs (symbolic appends b to the row); with no target
 * (symbolic), nothing is computed, only the pattern.
 *
 * Upper: the faces are split. The tie face b == a writes one place per
 * row, so it reduces in a scalar accumulator (a chain through the
 * workspace otherwise, one read-modify-write per entry of the row), and the
 * strict interior b > a scatters the rest of row c of Xt. Rows a come in
 * order and X and Xt hold the same entries, so X[a,c] sits in row c of Xt
 * at the count of earlier rows holding c: the cursor moves by one per
 * visit, without a comparison. The symbolic phase meets (a,a) first, and it
 * stays first in the sorted row (every other b is larger): with tie_apart
 * the caller writes "tie" there itself, not through the target. */
static void emit_row_product(Out *code, const G *g, const char *I, const char *T,
                             const char *target, const char *on_new, int tie_apart)
{
    const Spec *s = g->s;
    const char *X = s->tens[s->format_tensor].name;
    const char *a = s->idxname[g->a], *b = s->idxname[g->b], *c = s->idxname[g->c];
    if (g->upper && target) out_line(code, "%s tie = 0; /* the tie face %s == %s */", T, b, a);
    if (g->upper && on_new) {
        out_line(code, "if (%s_ptr[%s] < %s_ptr[%s + 1]) { /* the tie face %s == %s */", X, a, X,
                 a, b, a);
        out_line(code, "    const %s %s = %s;", I, b, a);
        out_line(code, "    mark[%s] = %s;", b, a);
        out_line(code, "    %s", on_new);
        out_line(code, "}");
    }
    out_line(code, "for (%s p = %s_ptr[%s]; p < %s_ptr[%s + 1]; p++) {", I, X, a, X, a);
    code->indent++;
    out_line(code, "const %s %s = %s_idx[p];", I, c, X);
    if (target) {
        out_line(code, "const %s v = %s_val[p];", T, X);
        if (g->factor != 1)
            out_line(code, "const %s h = (%s)%d * v;", T, T, g->factor);
        else
            out_line(code, "const %s h = v;", T);
    }
    if (g->upper) {
        out_line(code, "%s q = cur[%s]++ + 1; /* past %s[%s,%s] */", I, c, X, a, c);
        if (target) out_line(code, "tie += v * v;");
    } else {
        out_line(code, "%s q = %st_ptr[%s];", I, X, c);
    }
    if (on_new) {
        out_line(code, "for (; q < %st_ptr[%s + 1]; q++) {", X, c);
        out_line(code, "    const %s %s = %st_idx[q];", I, b, X);
        out_line(code, "    if (mark[%s] != %s) {", b, a);
        out_line(code, "        mark[%s] = %s;", b, a);
        out_line(code, "        %s", on_new);
        out_line(code, "    }");
        if (target) out_line(code, "    %s[%s] += h * %st_val[q];", target, b, X);
        out_line(code, "}");
    } else {
        out_line(code, "for (; q < %st_ptr[%s + 1]; q++) %s[%st_idx[q]] += h * %st_val[q];", X,
                 c, target, X, X);
    }
    code->indent--;
    out_line(code, "}");
    if (g->upper && target && !tie_apart) {
        if (g->tie_factor != 1)
            out_line(code, "%s[%s] += (%s)%d * tie;", target, a, T, g->tie_factor);
        else
            out_line(code, "%s[%s] += tie;", target, a);
    }
}

/* The transpose's values from the operand's: Xt_src holds the operand
 * entry behind each transpose position, and the operand's pattern is
 * checked on the way (bad_ stays 0 iff every entry behind row c of Xt is in
 * column c). Parallel: shared over the threads, the check an OR reduction
 * (exact, so the result is deterministic). */
static void emit_values(Out *code, const G *g, const char *I, int par)
{
    const char *X = g->s->tens[g->s->format_tensor].name;
    out_line(code, "/* the transpose's values, the operand's pattern checked */");
    if (par) out_line(code, "#pragma omp for schedule(static) reduction(|: bad_)");
    out_line(code, "for (%s c_ = 0; c_ < ncol; c_++)", I);
    out_line(code, "    for (%s q = %st_ptr[c_]; q < %st_ptr[c_ + 1]; q++) {", I, X, X);
    out_line(code, "        bad_ |= %s_idx[%st_src[q]] ^ c_;", X, X);
    out_line(code, "        %st_val[q] = %s_val[%st_src[q]];", X, X, X);
    out_line(code, "    }");
}

/* omp_rows: the parallel region (first the transpose's values when
 * `values`; the rows only if the pattern checked), the parts taken
 * dynamically (the runtime makes several per thread, so that a thread
 * slowed by another process takes fewer), and a part's rows a0 .. a1-1.
 * The workspace `ws` (`wsize` elements) and, upper, the cursors are the
 * thread's: a part leaves its workspace as it found it (zero, or marks of
 * rows no other part has), and starts its cursors from those at its first
 * row (part->cur0). */
static void emit_part_open(Out *code, const G *g, const char *I, const char *ws, const char *wt,
                           const char *wsize, int values)
{
    const char *a = g->s->idxname[g->a];
    out_line(code, "#pragma omp parallel num_threads(part->nthreads)");
    out_line(code, "{");
    code->indent++;
    if (values) {
        emit_values(code, g, I, 1);
        out_line(code, "if (!bad_) {");
        code->indent++;
    }
    out_line(code, "#pragma omp for schedule(dynamic, 1)");
    out_line(code, "for (int t_ = 0; t_ < part->nparts; t_++) {");
    code->indent++;
    out_line(code, "const %s a0_ = (%s)part->r[t_], a1_ = (%s)part->r[t_ + 1];", I, I, I);
    out_printf(code, "#ifdef _OPENMP\n");
    out_line(code, "const size_t w_ = (size_t)omp_get_thread_num(); /* the thread's workspaces */");
    out_printf(code, "#else\n");
    out_line(code, "const size_t w_ = 0;");
    out_printf(code, "#endif\n");
    if (ws) out_line(code, "%s *restrict %s = %s_all + w_ * (size_t)%s;", wt, ws, ws, wsize);
    if (g->upper) {
        out_line(code, "%s *restrict cur = cur_all + w_ * (size_t)ncol;", I);
        out_line(code, "const %s *restrict cur0 = (const %s *)part->cur0 + (size_t)t_ * (size_t)ncol;",
                 I, I);
        out_line(code, "for (%s c_ = 0; c_ < ncol; c_++) cur[c_] = cur0[c_];", I);
    }
    out_line(code, "for (%s %s = a0_; %s < a1_; %s++) {", I, a, a, a);
    code->indent++;
}

static void emit_part_close(Out *code, int values)
{
    for (int k = 0; k < 3 + values; k++) {
        code->indent--;
        out_line(code, "}");
    }
}

/* The parameters a phase takes after its own: the columns of X (the
 * cursors' and the transpose's rows; the phases that make the values and
 * every omp_rows phase), and the partition (omp_rows). */
static void par_params(char *buf, size_t len, const char *I, int par, int values)
{
    if (par)
        xsnprintf(buf, len, ", %s ncol, const systec_kpart_t *restrict part", I);
    else if (values)
        xsnprintf(buf, len, ", %s ncol", I);
    else
        buf[0] = 0;
}

/* The row loop of a phase that computes values (numeric, dense): first the
 * transpose's values, and the rows only when the operand's pattern checked
 * (the output untouched otherwise); the kernel returns 1 if it did not. */
static void emit_rows_open(Out *code, const G *g, const char *I, const char *ws, const char *wt,
                           int par)
{
    out_line(code, "%s bad_ = 0;", I);
    if (par) {
        emit_part_open(code, g, I, ws, wt, "m", 1);
        return;
    }
    emit_values(code, g, I, 0);
    out_line(code, "if (bad_) return 1;");
    const char *a = g->s->idxname[g->a];
    out_line(code, "for (%s %s = 0; %s < m; %s++) {", I, a, a, a);
    code->indent++;
}

static void emit_rows_close(Out *code, int par)
{
    if (par) {
        emit_part_close(code, 1);
    } else {
        code->indent--;
        out_line(code, "}");
    }
    out_line(code, "return bad_ != 0;");
}

static void emit_variant(Out *code, Out *decl, const G *g, const char *base, const char *tbase,
                         const char *T, const char *I, int par)
{
    char tname[160];
    const Spec *s = g->s;
    const char *X = s->tens[s->format_tensor].name;
    const char *a = s->idxname[g->a], *b = s->idxname[g->b];
    char sig[640], pp[96];
    const char *cur = g->upper ? ", " : "";
    char curp[64];
    xsnprintf(curp, sizeof curp, "%s *restrict cur%s", I, par ? "_all" : "");
    par_params(pp, sizeof pp, I, par, 0);

    /* symbolic */
    if (par)
        xsnprintf(sig, sizeof sig, "void %s_symbolic(%s m, const %s *restrict %s_ptr, const %s "
                  "*restrict %s_idx, const %s *restrict %st_ptr, const %s *restrict %st_idx, %s "
                  "*restrict C_ptr, %s *restrict C_idx, %s *restrict mark_all%s%s%s)", base, I, I,
                  X, I, X, I, X, I, X, I, I, I, cur, g->upper ? curp : "", pp);
    else
        xsnprintf(sig, sizeof sig, "%s %s_symbolic(%s m, %s row0, const %s *restrict %s_ptr, "
                  "const %s *restrict %s_idx, const %s *restrict %st_ptr, const %s *restrict "
                  "%st_idx, %s *restrict C_ptr, %s *restrict C_idx, int64_t cap, %s *restrict "
                  "mark%s%s)", I, base, I, I, I, X, I, X, I, X, I, X, I, I, I, cur,
                  g->upper ? curp : "");
    xsnprintf(tname, sizeof tname, "%s_symbolic", tbase);
    declare(decl, sig, tname);
    char stmt[128];
    xsnprintf(stmt, sizeof stmt, "C_idx[w++] = %s;", b);
    if (par) {
        out_printf(code, "/* %s_symbolic: the %s output's pattern, part t_ from position "
                         "part->boff[t_] on (room for every row's bound) */\n%s\n{\n",
                   base, g->upper ? "upper" : "full", sig);
        code->indent = 1;
        emit_part_open(code, g, I, "mark", I, "m", 0);
        out_line(code, "%s w = %s == a0_ ? (%s)part->boff[t_] : C_ptr[%s];", I, a, I, a);
        emit_row_product(code, g, I, T, NULL, stmt, 0);
        out_line(code, "C_ptr[%s + 1] = w;", a);
        emit_part_close(code, 0);
        code->indent = 0;
        out_printf(code, "}\n\n");
    } else {
    out_printf(code, "/* %s_symbolic: the %s output's pattern from row row0 on (each row's "
                     "columns in the order met); stops before a row that might not fit in cap "
                     "entries and returns it (m when done) */\n%s\n{\n",
               base, g->upper ? "upper" : "full", sig);
    code->indent = 1;
    out_line(code, "for (%s %s = row0; %s < m; %s++) {", I, a, a, a);
    code->indent++;
    out_line(code, "/* at most the sum of the Xt rows met, and at most m */");
    out_line(code, "int64_t bound = 0;");
    out_line(code, "for (%s p = %s_ptr[%s]; p < %s_ptr[%s + 1]; p++)", I, X, a, X, a);
    if (g->upper) /* the cursor has not moved past b < a yet: still a bound */
        out_line(code, "    bound += (int64_t)(%st_ptr[%s_idx[p] + 1] - cur[%s_idx[p]]);", X, X, X);
    else
        out_line(code, "    bound += (int64_t)(%st_ptr[%s_idx[p] + 1] - %st_ptr[%s_idx[p]]);", X,
                 X, X, X);
    out_line(code, "if (bound > (int64_t)m) bound = (int64_t)m;");
    out_line(code, "if ((int64_t)C_ptr[%s] + bound > cap) return %s;", a, a);
    out_line(code, "%s w = C_ptr[%s];", I, a);
    emit_row_product(code, g, I, T, NULL, stmt, 0);
    out_line(code, "C_ptr[%s + 1] = w;", a);
    code->indent--;
    out_line(code, "}");
    out_line(code, "return m;");
    code->indent = 0;
    out_printf(code, "}\n\n");
    }

    /* numeric */
    par_params(pp, sizeof pp, I, par, 1);
    xsnprintf(sig, sizeof sig, "int %s_numeric(%s m, const %s *restrict %s_ptr, const %s "
             "*restrict %s_idx, const %s *restrict %s_val, const %s *restrict %st_ptr, const %s "
             "*restrict %st_idx, %s *restrict %st_val, const %s *restrict %st_src, const %s "
             "*restrict C_ptr, const %s *restrict C_idx, %s *restrict C_val, %s *restrict "
             "spa%s%s%s%s)", base, I, I, X, I, X, T, X, I, X, I, X, T, X, I, X, I, I, T, T,
             par ? "_all" : "", cur, g->upper ? curp : "", pp);
    xsnprintf(tname, sizeof tname, "%s_numeric", tbase);
    declare(decl, sig, tname);
    out_printf(code, "/* %s_numeric: C[%s,%s] += %s%s[%s,%s] * %s[%s,%s] into the pattern; 1 "
                     "(C untouched) if %s's pattern is not the one %st_src was made from */\n"
                     "%s\n{\n", base, a, b, g->factor != 1 ? "factor * " : "", X, a,
               s->idxname[g->c], X, b, s->idxname[g->c], X, X, sig);
    code->indent = 1;
    emit_rows_open(code, g, I, "spa", T, par);
    emit_row_product(code, g, I, T, "spa", NULL, 1);
    out_line(code, "/* gather row %s in the pattern's order and clear the workspace */", a);
    out_line(code, "%s q = C_ptr[%s];", I, a);
    out_line(code, "const %s qe = C_ptr[%s + 1];", I, a);
    if (g->upper) {
        char tie[64];
        if (g->tie_factor != 1)
            xsnprintf(tie, sizeof tie, "(%s)%d * tie", T, g->tie_factor);
        else
            xsnprintf(tie, sizeof tie, "tie");
        out_line(code, "if (q < qe) C_val[q++] = %s; /* (%s,%s): first in its row */", tie, a, a);
    }
    out_line(code, "for (; q < qe; q++) {");
    out_line(code, "    C_val[q] = spa[C_idx[q]];");
    out_line(code, "    spa[C_idx[q]] = 0;");
    out_line(code, "}");
    emit_rows_close(code, par);
    code->indent = 0;
    out_printf(code, "}\n\n");
}

static void emit_dense_variant(Out *code, Out *decl, const G *g, const char *base,
                               const char *tbase, const char *T, const char *I, int par)
{
    const Spec *s = g->s;
    const char *X = s->tens[s->format_tensor].name, *Cn = s->tens[s->assign.lhs.t].name;
    const char *a = s->idxname[g->a];
    char sig[640], tname[160], curp[64], pp[96];
    xsnprintf(curp, sizeof curp, ", %s *restrict cur%s", I, par ? "_all" : "");
    par_params(pp, sizeof pp, I, par, 1);
    xsnprintf(sig, sizeof sig, "int %s(%s m, const %s *restrict %s_ptr, const %s *restrict "
             "%s_idx, const %s *restrict %s_val, const %s *restrict %st_ptr, const %s *restrict "
             "%st_idx, %s *restrict %st_val, const %s *restrict %st_src, %s *restrict %s, %s "
             "ld%s%s%s)", base, I, I, X, I, X, T, X, I, X, I, X, T, X, I, X, T, Cn, I, Cn,
             g->upper ? curp : "", pp);
    xsnprintf(tname, sizeof tname, "%s", tbase);
    declare(decl, sig, tname);
    out_printf(code, "/* %s: the %s of %s = %s*%s^T into a dense row-major output, derived "
                     "from %s; 1 (%s untouched) if %s's pattern is not the one %st_src was "
                     "made from */\n%s\n{\n", base, g->upper ? "upper triangle" : "whole", Cn, X,
               X, s->label, Cn, X, X, sig);
    code->indent = 1;
    emit_rows_open(code, g, I, NULL, NULL, par);
    out_line(code, "%s *restrict row = %s + (size_t)%s * (size_t)ld%s;", T, Cn, a, Cn);
    out_line(code, "/* first touch of the row's stored part */");
    out_line(code, "for (%s q = %s; q < m; q++) row[q] = 0;", I, g->upper ? a : "0");
    emit_row_product(code, g, I, T, "row", NULL, 0);
    emit_rows_close(code, par);
    code->indent = 0;
    out_printf(code, "}\n\n");
}

/* A product kernel's signature class and call-thunk arguments: the operand
 * (ptr, idx, val), its transpose (t*: the values made by the numeric and
 * dense phases from tsrc), the output (c* or out with ldc), the workspaces;
 * the upper variants also take the cursors. The serial symbolic phase
 * returns the row it stopped before, the numeric and dense phases whether
 * the operand's pattern differs, into *a->ret. */
static void spgemm_args(KernelInfo *k, const char *phase, int upper, int par)
{
    int symbolic = !strcmp(phase, "symbolic");
    const char *a = symbolic
                        ? par ? "a->m, a->ptr, a->idx, a->tptr, a->tidx, a->cptr, a->cidx, a->mark"
                              : "a->m, a->row0, a->ptr, a->idx, a->tptr, a->tidx, a->cptr, "
                                "a->cidx, a->cap, a->mark"
                    : !strcmp(phase, "numeric")
                        ? "a->m, a->ptr, a->idx, a->val, a->tptr, a->tidx, a->tval, a->tsrc, "
                          "a->cptr, a->cidx, a->cval, a->spa"
                        : "a->m, a->ptr, a->idx, a->val, a->tptr, a->tidx, a->tval, a->tsrc, "
                          "a->out, a->ldc";
    xsnprintf(k->sig, sizeof k->sig, "spgemm_%s%s%s", phase, upper ? "_upper" : "",
              par ? "_part" : "");
    xsnprintf(k->args, sizeof k->args, "%s%s%s", a, upper ? ", a->cur" : "",
              par ? ", a->k, a->part" : symbolic ? "" : ", a->k");
    k->returns = !par || !symbolic;
}

int lower_spec_spgemm(const Spec *s, Out *code, Out *decl, KernelInfo *info, int maxinfo,
                      char *err, size_t errlen)
{
    if (!strcmp(s->format, "coo") || s->format_tensor < 0 || s->tens[s->format_tensor].order != 2) {
        spec_error(s, s->at_out_format, err, errlen, "a product into a sparse or dense output "
                   "needs 'format X csr' on the matrix operand");
        return -1;
    }
    static const char *const spgemm_locals[] = {"m",    "p",   "q",     "h",     "w",     "row",
                                                "row0", "spa", "cur",   "mark",  "cap",   "bound",
                                                "tie",  "v",   "qe",    "C_ptr", "C_idx", "C_val",
                                                "ncol", "part", "cur0", NULL};
    if (check_names(s, spgemm_locals, "sparse-product", err, errlen)) return -1;
    Program sym, id;
    if (symmetrize(&sym, s, err, errlen)) return -1;
    if (program_identity(&id, s)) {
        program_free(&sym);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    G gs, gf;
    int count = 0;
    if (shape(s, &sym, 1, &gs, err, errlen) || shape(s, &id, 0, &gf, err, errlen)) {
        count = -1;
        goto done;
    }
    static const char *const phase[2] = {"symbolic", "numeric"};
    int nphase = s->sparse_out ? 2 : 1;
    static const char *const sched[2] = {"serial", "omp_rows"};
    for (int full = 0; full < 2; full++)
        for (int dt = 0; dt < 2 && spec_emits(s, full ? "full" : "upper"); dt++)
            for (int i64 = 0; i64 < 2; i64++)
            for (int par = 0; par < 2; par++) {
                char base[96], tbase[96];
                xsnprintf(base, sizeof base, "systec_k_%c%s_%s_%s_%s", dt ? 'd' : 's',
                         s->kernel, full ? "full" : "upper", i64 ? "i64" : "i32", sched[par]);
                xsnprintf(tbase, sizeof tbase, "%c%s_%s_%s%s", dt ? 'd' : 's', s->kernel,
                         full ? "full" : "upper", i64 ? "i64" : "i32", par ? "_omp" : "");
                /* sparse: two registry entries per variant, op <kernel>_<phase>;
                 * dense: one, op <kernel> */
                for (int ph = 0; ph < nphase; ph++) {
                    if (count == maxinfo) {
                        snprintf(err, errlen, "too many kernels");
                        count = -1;
                        goto done;
                    }
                    KernelInfo *k = &info[count++];
                    memset(k, 0, sizeof *k);
                    if (s->sparse_out) {
                        xsnprintf(k->name, sizeof k->name, "%s_%s", base, phase[ph]);
                        xsnprintf(k->op, sizeof k->op, "%s_%s", s->kernel, phase[ph]);
                    } else {
                        xsnprintf(k->name, sizeof k->name, "%s", base);
                        xsnprintf(k->op, sizeof k->op, "%s", s->kernel);
                    }
                    xsnprintf(k->storage, sizeof k->storage, "%s", full ? "full" : "upper");
                    xsnprintf(k->sched, sizeof k->sched, "%s", sched[par]);
                    k->dtype = dt ? 'd' : 's';
                    k->i64 = i64;
                    k->symmetric = !full;
                    spgemm_args(k, s->sparse_out ? phase[ph] : "dense", !full, par);
                }
                if (s->sparse_out) /* the dense kernel's own comment names the spec */
                    out_printf(code, "/* %s: %s output, %s schedule, derived from %s */\n", base,
                               full ? "full" : "upper-triangle", sched[par], s->label);
                if (s->sparse_out)
                    emit_variant(code, decl, full ? &gf : &gs, base, tbase,
                                 dt ? "double" : "float", i64 ? "int64_t" : "int32_t", par);
                else
                    emit_dense_variant(code, decl, full ? &gf : &gs, base, tbase,
                                       dt ? "double" : "float", i64 ? "int64_t" : "int32_t", par);
            }
done:
    program_free(&sym);
    program_free(&id);
    return count;
}
