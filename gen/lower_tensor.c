/* The tuned tensor lowerings of format coo (the generic one is in
 * lower_coo.c): kernels for specs of a particular shape, emitted next to
 * the generic kernel when the spec has that shape.
 *   fold      the folded per-entry kernel (every canonical entry runs the
 *             interior's updates; tie factors folded into the values);
 *   foldtree  the folded entries as a tree (leave-one-out shape: MTTKRP);
 *   csf       the non-symmetric baseline on compressed sparse fibers.
 * See gen/README.md. */
#include "ir.h"
#include "lower_coo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------ folded per-entry kernel */


/* The shape both tuned lowerings below need: every update loops over the
 * same one dense index (or none), and each writes a distinct output element
 * per value of it (the index is in the output), so the loop carries no
 * dependence and vectorizes. Sets *free_id (-1 if none); 0 if the shape fits. */
static int one_free_index(const Spec *s, const Update *upd, int nupd, const int *vars, int nv,
                          int *free_id)
{
    *free_id = -1;
    for (int k = 0; k < nupd; k++) {
        int loops[MAX_INDEX], nl = unbound_vars(&upd[k], vars, nv, loops);
        if (nl > 1) return -1;
        int id = nl ? loops[0] : -1;
        if (k > 0 && id != *free_id) return -1;
        *free_id = id;
        if (id >= 0 && !access_has(&upd[k].lhs, id)) return -1;
    }
    (void)s;
    return 0;
}

/* The plan of emit_entry_updates (lower_coo.h). */
void entry_plan(const Spec *s, const Update *upd, int nupd, EntryPlan *ep)
{
    ep->m = 0;
    ep->nupd = nupd;
    ep->omit = malloc(sizeof *ep->omit * (size_t)(nupd + 1));
    if (!ep->omit) {
        fprintf(stderr, "systec-gen: out of memory\n");
        exit(1);
    }
    for (int k = 0; k < nupd; k++)
        for (int r = 0; r < upd[k].nr; r++) {
            const Access *a = &upd[k].rhs[r];
            if (a->t == s->format_tensor) continue;
            int j = 0;
            while (j < ep->m && !access_equal(&ep->uni[j], a)) j++;
            if (j == ep->m && ep->m < (int)(sizeof ep->uni / sizeof *ep->uni))
                ep->uni[ep->m++] = *a;
        }
    const int m = ep->m;
    ep->need_pre = -1; /* highest prefix, lowest suffix index used */
    ep->need_suf = m;
    for (int k = 0; k < nupd; k++) {
        int have[MAX_OPERAND * 4] = {0}, cnt = 0, dup = 0;
        for (int r = 0; r < upd[k].nr; r++) {
            const Access *a = &upd[k].rhs[r];
            if (a->t == s->format_tensor) continue;
            for (int j = 0; j < m; j++)
                if (access_equal(&ep->uni[j], a)) dup |= have[j]++, cnt++;
        }
        int *om = &ep->omit[k];
        *om = -1;
        if (!dup && cnt == m) *om = m;
        if (!dup && cnt == m - 1)
            for (int j = 0; j < m; j++)
                if (!have[j]) *om = j;
        if (*om >= 0) {
            if (*om > ep->need_pre) ep->need_pre = *om;
            if (*om + 1 < ep->need_suf) ep->need_suf = *om + 1;
        }
    }
}

void entry_plan_product(const Spec *s, const EntryPlan *ep, const Update *u, const char *term,
                        char *buf, size_t len)
{
    for (int r = 0; r < u->nr; r++) {
        const Access *a = &u->rhs[r];
        if (a->t == s->format_tensor) continue;
        for (int j = 0; j < ep->m; j++)
            if (access_equal(&ep->uni[j], a)) {
                size_t q = strlen(buf);
                xsnprintf(buf + q, len - q, term, j);
            }
    }
}

void entry_plan_free(EntryPlan *ep)
{
    free(ep->omit);
    ep->omit = NULL;
}

/* One canonical entry's updates, each with factor 1, their dense operands
 * shared: when every update reads all of the dense terms but at most one
 * (MTTKRP: the N leave-one-out products of N factor rows), the products come
 * from prefix products p_k = a*t0*...*t(k-1) and suffix products
 * s_k = t_k*...*t(m-1) (3m-2 multiplies instead of m(m-1)); other updates
 * multiply their terms directly. */
static void emit_entry_updates(Out *o, const Spec *s, const Update *upd, int nupd, const char *T,
                               int packed)
{
    EntryPlan ep;
    entry_plan(s, upd, nupd, &ep);
    const int m = ep.m, need_pre = ep.need_pre, need_suf = ep.need_suf;
    const int *omit = ep.omit;
    const Access *uni = ep.uni;
    char buf[1200];
    for (int j = 0; j < m; j++) {
        dense_term(s, &uni[j], buf, sizeof buf);
        out_line(o, "const %s t%d = %s;", T, j, buf);
    }
    if (need_pre >= 0) {
        out_line(o, "const %s p0 = a;", T);
        for (int j = 0; j < need_pre; j++) out_line(o, "const %s p%d = p%d * t%d;", T, j + 1, j, j);
        for (int j = m - 1; j >= need_suf; j--) {
            if (j == m - 1)
                out_line(o, "const %s s%d = t%d;", T, j, j);
            else
                out_line(o, "const %s s%d = t%d * s%d;", T, j, j, j + 1);
        }
    }
    for (int k = 0; k < nupd; k++) {
        char rhs[4096], off[1024];
        if (omit[k] == m) {
            xsnprintf(rhs, sizeof rhs, "p%d", m);
        } else if (omit[k] >= 0) {
            if (omit[k] == m - 1)
                xsnprintf(rhs, sizeof rhs, "p%d", omit[k]);
            else
                xsnprintf(rhs, sizeof rhs, "p%d * s%d", omit[k], omit[k] + 1);
        } else {
            xsnprintf(rhs, sizeof rhs, "a");
            entry_plan_product(s, &ep, &upd[k], " * t%d", rhs, sizeof rhs);
        }
        out_offset(s, &upd[k].lhs, packed, off, sizeof off);
        out_line(o, "out[%s] += %s;", off, rhs);
    }
    entry_plan_free(&ep);
}

/* The folded kernel: every canonical entry, whatever its tie pattern, runs
 * the interior's updates with factor 1; the caller stores each value times
 * its face's fold factor (sym_fold). Coordinates are int32, all of the
 * interior access's distinct indices per entry (face_coords of face 0). */
static void emit_fold(Out *o, const Spec *s, const Program *p, const char *name, const char *T,
                      int free_id, int packed)
{
    const Face *I = &p->face[0];
    int vars[MAX_ORDER], nv = face_coords(s, I, vars);
    out_printf(o, "void %s(int64_t nnz, const int32_t *restrict coord, const %s *restrict val, "
                  "const %s *const *dense, const int64_t *dims, %s *restrict out)\n{\n",
               name, T, T, T);
    o->indent = 1;
    out_line(o, "(void)dense;");
    out_line(o, "(void)dims;");
    emit_dense_bases(o, s, T);
    out_line(o, "for (int64_t e = 0; e < nnz; e++) {");
    o->indent++;
    for (int v = 0; v < nv; v++)
        out_line(o, "const int64_t %s = coord[e * %d + %d];", s->idxname[vars[v]], nv, v);
    out_line(o, "const %s a = val[e];", T);
    if (free_id >= 0) {
        const char *x = s->idxname[free_id];
        /* each value of x writes its own output elements: no loop-carried
         * dependence (outputs never alias inputs) */
        out_line(o, "#pragma GCC ivdep");
        out_line(o, "for (int64_t %s = 0; %s < dims[%d]; %s++) {", x, x, free_id, x);
        o->indent++;
    }
    emit_entry_updates(o, s, I->upd, I->nupd, T, packed);
    if (free_id >= 0) {
        o->indent--;
        out_line(o, "}");
    }
    o->indent--;
    out_line(o, "}");
    o->indent = 0;
    out_printf(o, "}\n\n");
}

/* ------------------------------------------------ folded tree kernel */

/* The leave-one-out shape: the interior has one update per coordinate
 * position t (entry coordinates v_0..v_N-1 in face_coords order), whose
 * output is indexed by v_t (and the free index) and whose right-hand side
 * is a times the one dense term of every other position (MTTKRP:
 * C[v_t,r] += a * prod_{u != t} B[v_u,r]). Fills term[t] (the dense access
 * of position t) and upd_at[t]; 0 if the shape fits. */
static int loo_shape(const Spec *s, const Face *I, const int *vars, int nv, int free_id,
                     Access *term, int *upd_at)
{
    if (I->nupd != nv || nv < 2) return -1;
    for (int t = 0; t < nv; t++) upd_at[t] = -1;
    int have_term[MAX_ORDER] = {0};
    for (int k = 0; k < I->nupd; k++) {
        const Update *u = &I->upd[k];
        /* the output's coordinate index: exactly one, a position's variable */
        int pos = -1, other = 0;
        for (int m = 0; m < u->lhs.n; m++) {
            int id = u->lhs.idx[m], found = -1;
            if (id == free_id) continue;
            for (int t = 0; t < nv; t++)
                if (vars[t] == id) found = t;
            if (found < 0 || pos >= 0) other = 1;
            pos = found;
        }
        if (other || pos < 0 || upd_at[pos] >= 0) return -1;
        upd_at[pos] = k;
        /* every other position contributes exactly one dense term, indexed
         * by that position's variable (and the free index) */
        int seen[MAX_ORDER] = {0}, nd = 0;
        for (int r = 0; r < u->nr; r++) {
            const Access *a = &u->rhs[r];
            if (a->t == s->format_tensor) continue;
            int tp = -1, bad = 0;
            for (int m = 0; m < a->n; m++) {
                int id = a->idx[m], found = -1;
                if (id == free_id) continue;
                for (int t = 0; t < nv; t++)
                    if (vars[t] == id) found = t;
                if (found < 0 || tp >= 0) bad = 1;
                tp = found;
            }
            if (bad || tp < 0 || tp == pos || seen[tp]++) return -1;
            if (have_term[tp] && !access_equal(&term[tp], a)) return -1;
            term[tp] = *a;
            have_term[tp] = 1;
            nd++;
        }
        if (nd != nv - 1) return -1;
    }
    for (int t = 0; t < nv; t++)
        if (!have_term[t] || upd_at[t] < 0) return -1;
    return 0;
}

/* The folded entries as a tree (compressed sparse fibers of the canonical
 * coordinates, levels in coordinate order, leaves carrying the folded
 * values): a node x at depth t with coordinate v_t writes its update once,
 * out[v_t] += P_t * S_t, where P_t is the product of the dense terms of its
 * ancestors (computed top-down, shared by siblings) and S_t the sum over its
 * subtree of the products below it (accumulated bottom-up; a leaf
 * contributes its value). Per leaf two row operations instead of the N
 * updates of the per-entry kernel. work holds 2N rows of dims[free]. */
static void emit_foldtree_level(Out *o, const Spec *s, const Face *I, const Access *term,
                                const int *upd_at, const int *vars, int N, int t, int free_id,
                                const char *T, int packed)
{
    const char *ri = s->idxname[free_id];
    const char *x = s->idxname[vars[t]];
    char tb[1200], off[1024];
    if (t == 0)
        out_line(o, "for (int64_t p0 = 0; p0 < csf->nfib[0]; p0++) {");
    else
        out_line(o, "for (int64_t p%d = csf->ptr[%d][p%d]; p%d < csf->ptr[%d][p%d + 1]; p%d++) {",
                 t, t - 1, t - 1, t, t - 1, t - 1, t);
    o->indent++;
    out_line(o, "const int64_t %s = csf->idx[%d][p%d];", x, t, t);
    dense_term(s, &term[t], tb, sizeof tb);
    out_offset(s, &I->upd[upd_at[t]].lhs, packed, off, sizeof off);
    if (t == N - 1) {
        out_line(o, "const %s a = val[p%d];", T, t);
        out_line(o, "#pragma GCC ivdep");
        out_line(o, "for (int64_t %s = 0; %s < dims[%d]; %s++) {", ri, ri, free_id, ri);
        o->indent++;
        out_line(o, "out[%s] += a * t%d[%s];", off, t, ri);
        out_line(o, "s%d[%s] += a * %s;", t - 1, ri, tb);
        o->indent--;
        out_line(o, "}");
    } else {
        out_line(o, "#pragma GCC ivdep");
        out_line(o, "for (int64_t %s = 0; %s < dims[%d]; %s++) {", ri, ri, free_id, ri);
        o->indent++;
        out_line(o, "s%d[%s] = 0;", t, ri);
        if (t == 0)
            out_line(o, "t1[%s] = %s;", ri, tb);
        else
            out_line(o, "t%d[%s] = t%d[%s] * %s;", t + 1, ri, t, ri, tb);
        o->indent--;
        out_line(o, "}");
        emit_foldtree_level(o, s, I, term, upd_at, vars, N, t + 1, free_id, T, packed);
        out_line(o, "#pragma GCC ivdep");
        out_line(o, "for (int64_t %s = 0; %s < dims[%d]; %s++) {", ri, ri, free_id, ri);
        o->indent++;
        if (t == 0)
            out_line(o, "out[%s] += s0[%s];", off, ri);
        else
            out_line(o, "out[%s] += t%d[%s] * s%d[%s];", off, t, ri, t, ri);
        if (t > 0) out_line(o, "s%d[%s] += %s * s%d[%s];", t - 1, ri, tb, t, ri);
        o->indent--;
        out_line(o, "}");
    }
    o->indent--;
    out_line(o, "}");
}

static void emit_foldtree(Out *o, const Spec *s, const Program *p, const char *name,
                          const char *T, const Access *term, const int *upd_at, int free_id,
                          int packed)
{
    const Face *I = &p->face[0];
    int vars[MAX_ORDER], N = face_coords(s, I, vars);
    out_printf(o, "void %s(const systec_csf_t *csf, const %s *const *dense, const int64_t *dims, "
                  "%s *restrict out, %s *restrict work)\n{\n", name, T, T, T);
    o->indent = 1;
    out_line(o, "(void)dense;");
    out_line(o, "const %s *restrict val = (const %s *)csf->val;", T, T);
    emit_dense_bases(o, s, T);
    /* t<k>: the ancestors' product at depth k; s<k>: the subtree sum of depth k */
    for (int t = 1; t < N; t++)
        out_line(o, "%s *restrict t%d = work + %d * dims[%d];", T, t, t, free_id);
    for (int t = 0; t < N - 1; t++)
        out_line(o, "%s *restrict s%d = work + %d * dims[%d];", T, t, N + t, free_id);
    emit_foldtree_level(o, s, I, term, upd_at, vars, N, 0, free_id, T, packed);
    o->indent = 0;
    out_printf(o, "}\n\n");
}

/* ------------------------------------------------ factored CSF baseline */

/* The non-symmetric baseline on compressed sparse fibers of the full
 * operand, levels in the order of its modes. Sums are pushed down the tree
 * (loop-invariant code motion of the product over the sum): a dense operand
 * is multiplied in at the deepest level that binds its indices, each level
 * below the output's accumulates its children into s<level>[free index],
 * and the output is written once per node of its deepest level. Needs the
 * operand's indices distinct and the shape one_free_index() accepts.
 * Returns 0, or -1 if the spec does not have that shape. */
static int csf_shape(const Spec *s, const Update *u, int *lvl_of, int *out_lvl, int *free_id)
{
    if (s->red != RED_ADD) return -1; /* the factoring below emits + and * */
    const Access *A = NULL;
    for (int r = 0; r < u->nr; r++)
        if (u->rhs[r].t == s->format_tensor) A = &u->rhs[r];
    for (int id = 0; id < MAX_INDEX; id++) lvl_of[id] = -1;
    for (int m = 0; m < A->n; m++) {
        if (lvl_of[A->idx[m]] >= 0) return -1;
        lvl_of[A->idx[m]] = m;
    }
    if (one_free_index(s, u, 1, A->idx, A->n, free_id)) return -1;
    *out_lvl = -1;
    for (int k = 0; k < u->lhs.n; k++)
        if (u->lhs.idx[k] != *free_id && lvl_of[u->lhs.idx[k]] > *out_lvl)
            *out_lvl = lvl_of[u->lhs.idx[k]];
    return 0;
}

/* Level of a dense access: the deepest level among its indices (-1: none). */
static int access_level(const Access *a, const int *lvl_of)
{
    int l = -1;
    for (int k = 0; k < a->n; k++)
        if (lvl_of[a->idx[k]] > l) l = lvl_of[a->idx[k]];
    return l;
}

/* " * term" for every dense operand at level lo..hi */
static void level_terms(const Spec *s, const Update *u, const int *lvl_of, int lo, int hi,
                        char *buf, size_t len)
{
    buf[0] = 0;
    for (int r = 0; r < u->nr; r++) {
        const Access *a = &u->rhs[r];
        if (a->t == s->format_tensor) continue;
        int l = access_level(a, lvl_of);
        if (l < lo || l > hi) continue;
        char t[1200];
        dense_term(s, a, t, sizeof t);
        size_t q = strlen(buf);
        xsnprintf(buf + q, len - q, " * %s", t);
    }
}

static void open_free_loop(Out *o, const Spec *s, int free_id)
{
    if (free_id < 0) {
        out_line(o, "{");
    } else {
        const char *x = s->idxname[free_id];
        out_line(o, "#pragma GCC ivdep");
        out_line(o, "for (int64_t %s = 0; %s < dims[%d]; %s++)", x, x, free_id, x);
    }
    o->indent++;
}

/* A node's contribution to its parent's sum s<t>: assigned by the parent's
 * first child, added by the others (no separate clearing pass per node,
 * which cost as much as the sum itself on sparse trees). At the top level
 * (t == 0, only when the output is bound by no level) s0 is cleared once
 * by the caller, so it always adds. */
static void emit_sum_step(Out *o, const Spec *s, int free_id, int t, const char *rhs)
{
    const char *ri = free_id >= 0 ? s->idxname[free_id] : "0";
    if (t == 0) {
        open_free_loop(o, s, free_id);
        out_line(o, "s0[%s] += %s;", ri, rhs);
        o->indent--;
        if (free_id < 0) out_line(o, "}");
        return;
    }
    out_line(o, "if (p%d == csf->ptr[%d][p%d]) {", t, t - 1, t - 1);
    o->indent++;
    open_free_loop(o, s, free_id);
    out_line(o, "s%d[%s] = %s;", t, ri, rhs);
    o->indent--;
    if (free_id < 0) out_line(o, "}");
    o->indent--;
    out_line(o, "} else {");
    o->indent++;
    open_free_loop(o, s, free_id);
    out_line(o, "s%d[%s] += %s;", t, ri, rhs);
    o->indent--;
    if (free_id < 0) out_line(o, "}");
    o->indent--;
    out_line(o, "}");
}

static void emit_csf_level(Out *o, const Spec *s, const Update *u, const int *lvl_of, int N,
                           int L, int free_id, int t, const char *T)
{
    const Access *A = NULL;
    for (int r = 0; r < u->nr; r++)
        if (u->rhs[r].t == s->format_tensor) A = &u->rhs[r];
    const char *ri = free_id >= 0 ? s->idxname[free_id] : "0";
    const char *x = s->idxname[A->idx[t]];
    char terms[4096], off[1024];
    if (t == N - 1 && t > L && t > 0) {
        /* the leaves of a fiber sum into s<t>: the first assigns (peeled
         * from the loop, so the hot loop of long fibers has no branch), the
         * others add */
        level_terms(s, u, lvl_of, t, t, terms, sizeof terms);
        out_line(o, "{");
        o->indent++;
        out_line(o, "int64_t p%d = csf->ptr[%d][p%d];", t, t - 1, t - 1);
        for (int first = 1; first >= 0; first--) {
            if (first)
                out_line(o, "{");
            else
                out_line(o, "for (p%d++; p%d < csf->ptr[%d][p%d + 1]; p%d++) {", t, t, t - 1, t - 1,
                         t);
            o->indent++;
            out_line(o, "const int64_t %s = csf->idx[%d][p%d];", x, t, t);
            out_line(o, "const %s a = val[p%d];", T, t);
            open_free_loop(o, s, free_id);
            out_line(o, "s%d[%s] %s a%s;", t, ri, first ? "=" : "+=", terms);
            o->indent--;
            if (free_id < 0) out_line(o, "}");
            o->indent--;
            out_line(o, "}");
        }
        o->indent--;
        out_line(o, "}");
        return;
    }
    if (t == 0)
        out_line(o, "for (int64_t p0 = 0; p0 < csf->nfib[0]; p0++) {");
    else
        out_line(o, "for (int64_t p%d = csf->ptr[%d][p%d]; p%d < csf->ptr[%d][p%d + 1]; p%d++) {",
                 t, t - 1, t - 1, t, t - 1, t - 1, t);
    o->indent++;
    out_line(o, "const int64_t %s = csf->idx[%d][p%d];", x, t, t);
    offset_expr(s, &u->lhs, off, sizeof off);
    if (t == N - 1) {
        out_line(o, "const %s a = val[p%d];", T, t);
        if (t > L) {
            level_terms(s, u, lvl_of, t, t, terms, sizeof terms);
            char rhs[4200];
            xsnprintf(rhs, sizeof rhs, "a%s", terms);
            emit_sum_step(o, s, free_id, t, rhs);
        } else { /* the output is bound at the leaves: no sums */
            level_terms(s, u, lvl_of, -1, t, terms, sizeof terms);
            open_free_loop(o, s, free_id);
            out_line(o, "out[%s] += a%s;", off, terms);
            o->indent--;
            if (free_id < 0) out_line(o, "}");
        }
    } else {
        /* the children's sum s<t+1> needs no clearing: the first child
         * assigns it (every node has a child) */
        emit_csf_level(o, s, u, lvl_of, N, L, free_id, t + 1, T);
        if (t > L) {
            level_terms(s, u, lvl_of, t, t, terms, sizeof terms);
            char rhs[4200];
            xsnprintf(rhs, sizeof rhs, "s%d[%s]%s", t + 1, ri, terms);
            emit_sum_step(o, s, free_id, t, rhs);
        } else if (t == L) {
            level_terms(s, u, lvl_of, -1, t, terms, sizeof terms);
            open_free_loop(o, s, free_id);
            out_line(o, "out[%s] += s%d[%s]%s;", off, t + 1, ri, terms);
            o->indent--;
            if (free_id < 0) out_line(o, "}");
        }
    }
    o->indent--;
    out_line(o, "}");
}

static void emit_csf(Out *o, const Spec *s, const char *name, const char *T, const int *lvl_of,
                     int L, int free_id)
{
    const Update *u = &s->assign;
    int N = s->tens[s->format_tensor].order;
    const char *ri = free_id >= 0 ? s->idxname[free_id] : "0";
    out_printf(o, "void %s(const systec_csf_t *csf, const %s *const *dense, const int64_t *dims, "
                  "%s *restrict out, %s *restrict work)\n{\n", name, T, T, T);
    o->indent = 1;
    out_line(o, "(void)dense;");
    out_line(o, "(void)dims;");
    out_line(o, "(void)work;");
    out_line(o, "const %s *restrict val = (const %s *)csf->val;", T, T);
    emit_dense_bases(o, s, T);
    /* the children's sums of levels L+1..N-1 (L: the output's level) */
    for (int t = L + 1; t < N; t++) {
        if (free_id >= 0)
            out_line(o, "%s *restrict s%d = work + %d * dims[%d];", T, t, t, free_id);
        else
            out_line(o, "%s *restrict s%d = work + %d;", T, t, t);
    }
    if (L == -1) {
        open_free_loop(o, s, free_id);
        out_line(o, "s0[%s] = 0;", ri);
        o->indent--;
        if (free_id < 0) out_line(o, "}");
    }
    emit_csf_level(o, s, u, lvl_of, N, L, free_id, 0, T);
    if (L == -1) {
        char terms[4096], off[1024];
        level_terms(s, u, lvl_of, -1, -1, terms, sizeof terms);
        offset_expr(s, &u->lhs, off, sizeof off);
        open_free_loop(o, s, free_id);
        out_line(o, "out[%s] += s0[%s]%s;", off, ri, terms);
        o->indent--;
        if (free_id < 0) out_line(o, "}");
    }
    o->indent = 0;
    out_printf(o, "}\n\n");
}

/* The distinct dense accesses of a face's updates. */
static int dense_terms(const Spec *s, const Face *F)
{
    int m = 0;
    Access *uni = malloc(sizeof *uni * (size_t)(F->nupd * MAX_OPERAND + 1));
    if (!uni) return INT32_MAX;
    for (int k = 0; k < F->nupd; k++)
        for (int r = 0; r < F->upd[k].nr; r++) {
            const Access *a = &F->upd[k].rhs[r];
            int j = 0;
            while (j < m && !access_equal(&uni[j], a)) j++;
            if (a->t != s->format_tensor && j == m) uni[m++] = *a;
        }
    free(uni);
    return m;
}

/* The call-thunk arguments of the tree kernels (a value type once) */
#define CSF_ARGS "a->csf, (const %s *const *)a->dense, a->dims, a->out, a->work"

/* The tuned variants of a format coo spec, sym its symmetrized program:
 * fold tables and kernels appended to code/decl/info. Returns the number of
 * kernels, or -1 with err set. */
int lower_tensor_tuned(const Spec *s, const Program *sym, Out *code, Out *decl, KernelInfo *info,
                       int maxinfo, char *err, size_t errlen)
{
    int count = 0;
    int fnum[1 << (MAX_ORDER - 1)], fden[1 << (MAX_ORDER - 1)], fold_free = -1, fv[MAX_ORDER];
    /* the tuned emitters pack the first two modes only, and the per-entry
     * kernel shares at most MAX_OPERAND * 4 distinct dense terms */
    int can_fold = (!s->packed_out || sym->out_sym == 3u) &&
                   dense_terms(s, &sym->face[0]) <= MAX_OPERAND * 4 &&
                   sym_fold(sym, fnum, fden) == 0 &&
                   one_free_index(s, sym->face[0].upd, sym->face[0].nupd, fv,
                                  face_coords(s, &sym->face[0], fv), &fold_free) == 0;
    int lvl_of[MAX_INDEX], csf_out = -1, csf_free = -1;
    int can_csf = csf_shape(s, &s->assign, lvl_of, &csf_out, &csf_free) == 0;
    if (can_fold) {
        /* the fold factor of each tie pattern and the positions of the
         * group's indices among an entry's coordinates, for the library */
        int vars[MAX_ORDER], nv = face_coords(s, &sym->face[0], vars);
        out_printf(decl, "/* %s: the fold factor of each tie pattern (bit k set: group "
                         "indices k and k+1 equal) is num/den */\nstatic const int "
                         "systec_foldnum_%s[%d] = {", s->kernel, s->kernel, sym->nface);
        for (int f = 0; f < sym->nface; f++) out_printf(decl, "%s%d", f ? ", " : "", fnum[f]);
        out_printf(decl, "};\nstatic const int systec_foldden_%s[%d] = {", s->kernel, sym->nface);
        for (int f = 0; f < sym->nface; f++) out_printf(decl, "%s%d", f ? ", " : "", fden[f]);
        out_printf(decl, "};\n/* %s: where each group index sits among an entry's %d "
                         "coordinates */\nstatic const int systec_foldpos_%s[%d] = ", s->kernel,
                   nv, s->kernel, sym->ngroup);
        emit_group_pos(decl, sym, vars, nv);
        out_printf(decl, ";\n\n");
    }
    Access loo_term[MAX_ORDER];
    int loo_upd[MAX_ORDER], lv[MAX_ORDER];
    int can_tree = can_fold && fold_free >= 0 &&
                   loo_shape(s, &sym->face[0], lv, face_coords(s, &sym->face[0], lv), fold_free,
                             loo_term, loo_upd) == 0;
    for (int variant = 0; variant < 3; variant++) {
        if (variant == 0 ? !can_fold : variant == 1 ? !can_csf : !can_tree) continue;
        if (!spec_emits(s, variant == 0 ? "fold" : variant == 1 ? "csf" : "foldtree")) continue;
        for (int dt = 0; dt < 2; dt++) {
            if (count == maxinfo) {
                snprintf(err, errlen, "too many kernels");
                return -1;
            }
            KernelInfo *k = &info[count++];
            memset(k, 0, sizeof *k);
            const char *T = dt ? "double" : "float";
            k->dtype = dt ? 'd' : 's';
            xsnprintf(k->op, sizeof k->op, "%s", s->kernel);
            if (variant == 0) {
                xsnprintf(k->name, sizeof k->name, "systec_k_%c%s_i32_fold", k->dtype, s->kernel);
                xsnprintf(k->storage, sizeof k->storage, "fold");
                xsnprintf(k->sched, sizeof k->sched, "entry");
                k->symmetric = 1;
                out_printf(code, "/* %s: canonical entries, tie factors folded into the values, "
                                 "shared leave-one-out products; derived from %s */\n",
                           k->name, s->label);
                emit_fold(code, s, sym, k->name, T, fold_free, s->packed_out);
                coo_args(k, "fold", "a->nnz, a->coord, a->val, (const %s *const *)a->dense, "
                         "a->dims, a->out", T);
                out_printf(decl, "void %s(int64_t nnz, const int32_t *restrict coord, const %s "
                                 "*restrict val, const %s *const *dense, const int64_t *dims, "
                                 "%s *restrict out);\n", k->name, T, T, T);
            } else if (variant == 2) {
                xsnprintf(k->name, sizeof k->name, "systec_k_%c%s_foldtree", k->dtype, s->kernel);
                xsnprintf(k->storage, sizeof k->storage, "foldtree");
                xsnprintf(k->sched, sizeof k->sched, "factored");
                k->symmetric = 1;
                out_printf(code, "/* %s: canonical entries as a tree, tie factors folded into "
                                 "the values, leave-one-out products factored over it; derived "
                                 "from %s */\n", k->name, s->label);
                emit_foldtree(code, s, sym, k->name, T, loo_term, loo_upd, fold_free,
                              s->packed_out);
                coo_args(k, "csf", CSF_ARGS, T);
                out_printf(decl, "void %s(const systec_csf_t *csf, const %s *const *dense, const "
                                 "int64_t *dims, %s *restrict out, %s *restrict work);\n",
                           k->name, T, T, T);
            } else {
                xsnprintf(k->name, sizeof k->name, "systec_k_%c%s_csf", k->dtype, s->kernel);
                xsnprintf(k->storage, sizeof k->storage, "csf");
                xsnprintf(k->sched, sizeof k->sched, "factored");
                out_printf(code, "/* %s: the full operand in compressed sparse fibers, sums "
                                 "factored down the tree; derived from %s */\n", k->name,
                           s->label);
                emit_csf(code, s, k->name, T, lvl_of, csf_out, csf_free);
                coo_args(k, "csf", CSF_ARGS, T);
                out_printf(decl, "void %s(const systec_csf_t *csf, const %s *const *dense, const "
                                 "int64_t *dims, %s *restrict out, %s *restrict work);\n",
                           k->name, T, T, T);
            }
        }
    }
    /* the same algorithms with the free index's extent compiled in */
    RankedShapes sh;
    memset(&sh, 0, sizeof sh);
    sh.free_id = can_csf ? csf_free : fold_free;
    sh.can_fold = can_fold && fold_free == sh.free_id;
    sh.can_tree = can_tree && fold_free == sh.free_id;
    sh.can_csf = can_csf;
    memcpy(sh.loo_term, loo_term, sizeof loo_term);
    memcpy(sh.loo_upd, loo_upd, sizeof loo_upd);
    memcpy(sh.lvl_of, lvl_of, sizeof lvl_of);
    sh.csf_out = csf_out;
    int ranked = lower_ranked(s, sym, &sh, code, decl, info + count, maxinfo - count, err, errlen);
    return ranked < 0 ? -1 : count + ranked;
}
