/* The parallel schedules (OpenMP) of the rank-specialised tensor kernels
 * (lower_ranked.c). A parallel kernel runs the serial kernel of the same
 * spec and storage (passed as `body`: the runtime picks the rank form per
 * column block, as serially) on the parts of a partition the runtime
 * builds per call (systec_kpart_t):
 *
 *   omp_private  parts are ranges of the canonical entries (entry ABI:
 *                part->e bounds entries; tree ABI: part->e bounds the
 *                tree's root nodes). Part 0 writes the output itself; part
 *                t > 0 writes its own copy of the output rows lo[t] .. n-1
 *                (buffer rows boff[t] .. boff[t] + n - 1, ld = the block's
 *                columns; lo[t] is the lowest row its entries reach), which
 *                is then added to the output row by row, copies in part
 *                order. The symmetric per-entry kernel writes one output
 *                row per coordinate of an entry, so parts of entries
 *                conflict everywhere; the copies are the price.
 *   omp_owner    every tree's root level is the output's first mode (the
 *                per-update kernel, whose passes end at the output row):
 *                part t owns the output rows whose first coordinate is in
 *                part->r[t] .. r[t+1]-1 and runs each tree's root nodes in
 *                that range (found by binary search). No buffers.
 *
 * Each output element's terms are combined in an order fixed by the
 * partition (omp_owner: the serial order), so repeated calls with the same
 * thread count are bitwise identical. Without OpenMP the pragmas are
 * ignored and the parts run one after another. */
#include "lower_omp_tensor.h"

#include <stdio.h>
#include <string.h>

enum { OT_PRIVATE, OT_OWNER };

/* The serial body's parameter list (the function-pointer type's). */
static void body_params(const OmpTensor *t, const char *T, char *buf, size_t len)
{
    if (t->tree)
        xsnprintf(buf, len, "const systec_csf_t *, const %s *const *, const int64_t *, "
                            "const int64_t *, %s *", T, T);
    else
        xsnprintf(buf, len, "int64_t, const int32_t *, const %s *, const %s *const *, "
                            "const int64_t *, const int64_t *, %s *", T, T, T);
}

static void emit_signature(Out *o, const OmpTensor *t, const char *name, const char *T, int decl)
{
    char bp[256];
    body_params(t, T, bp, sizeof bp);
    if (t->tree)
        out_printf(o, "void %s(const systec_kpart_t *part, void (*body)(%s), const systec_csf_t "
                      "*csf, const %s *const *dense, const int64_t *dims, const int64_t *ld, %s "
                      "*out)%s\n", name, bp, T, T, decl ? ";" : "");
    else
        out_printf(o, "void %s(const systec_kpart_t *part, void (*body)(%s), int64_t nnz, const "
                      "int32_t *coord, const %s *val, const %s *const *dense, const int64_t "
                      "*dims, const int64_t *ld, %s *out)%s\n", name, bp, T, T, T,
                   decl ? ";" : "");
}

/* The call of the serial body on part t_'s share: entries e0 .. e1-1, or
 * the tree(s) cut to sub_, writing `dst` with leading dimensions `lds`. */
static void emit_body_call(Out *o, const OmpTensor *t, const char *dst, const char *lds)
{
    if (t->tree)
        out_line(o, "body(sub_, dense, dims, %s, %s);", lds, dst);
    else
        out_line(o, "body(e1 - e0, coord + e0 * %d, val + e0, dense, dims, %s, %s);", t->N, lds,
                 dst);
}

/* sub_[u]: tree u of csf with its root nodes cut to p0 .. p1-1 (absolute
 * child positions stay valid: only level 0 moves). */
static void emit_cut_tree(Out *o, const char *u)
{
    out_line(o, "sub_[%s] = csf[%s];", u, u);
    out_line(o, "sub_[%s].nfib[0] = p1 - p0;", u);
    out_line(o, "sub_[%s].idx[0] = csf[%s].idx[0] + p0;", u, u);
    out_line(o, "if (csf[%s].ptr[0]) sub_[%s].ptr[0] = csf[%s].ptr[0] + p0;", u, u, u);
}

/* omp_private: the parts, then the sum of the copies. */
static void emit_private(Out *o, const OmpTensor *t, const char *T)
{
    out_line(o, "const int64_t n_ = dims[%d], w_ = dims[%d], ldo_ = ld[%d];", t->row_id,
             t->free_id, t->ndense);
    out_line(o, "%s *const ws_ = (%s *)part->buf;", T, T);
    out_line(o, "const int np_ = part->nparts;");
    if (!t->tree) out_line(o, "(void)nnz;");
    out_line(o, "#pragma omp parallel num_threads(part->nthreads)");
    out_line(o, "{");
    o->indent++;
    out_line(o, "#pragma omp for schedule(static, 1)");
    out_line(o, "for (int t_ = 0; t_ < np_; t_++) {");
    o->indent++;
    out_line(o, "const int64_t e0 = part->e[t_], e1 = part->e[t_ + 1];");
    if (t->tree) {
        out_line(o, "systec_csf_t sub_[1];");
        out_line(o, "const int64_t p0 = e0, p1 = e1;");
        emit_cut_tree(o, "0");
    }
    out_line(o, "if (t_ == 0) { /* part 0 writes the output */");
    o->indent++;
    emit_body_call(o, t, "out", "ld");
    out_line(o, "continue;");
    o->indent--;
    out_line(o, "}");
    out_line(o, "%s *const yb = ws_ + (size_t)part->boff[t_] * (size_t)w_;", T);
    out_line(o, "for (size_t q_ = (size_t)part->lo[t_] * (size_t)w_; q_ < (size_t)(n_ * w_); "
                "q_++) yb[q_] = 0;");
    out_line(o, "int64_t ldb_[%d];", t->ndense + 1);
    out_line(o, "for (int k_ = 0; k_ < %d; k_++) ldb_[k_] = ld[k_];", t->ndense);
    out_line(o, "ldb_[%d] = w_;", t->ndense);
    emit_body_call(o, t, "yb", "ldb_");
    o->indent--;
    out_line(o, "}");
    out_line(o, "/* the copies, in part order, row by row */");
    out_line(o, "#pragma omp for schedule(static)");
    out_line(o, "for (int64_t x_ = part->rmin; x_ < n_; x_++) {");
    o->indent++;
    out_line(o, "%s *const y_ = out + x_ * ldo_;", T);
    out_line(o, "for (int t_ = 1; t_ < np_; t_++) {");
    o->indent++;
    out_line(o, "if (x_ < part->lo[t_]) continue;");
    out_line(o, "const %s *const b_ = ws_ + ((size_t)part->boff[t_] + (size_t)x_) * (size_t)w_;",
             T);
    out_line(o, "for (int64_t c_ = 0; c_ < w_; c_++) y_[c_] += b_[c_];");
    o->indent--;
    out_line(o, "}");
    o->indent--;
    out_line(o, "}");
    o->indent--;
    out_line(o, "}");
}

/* The first root node of tree u_ whose coordinate is at least `key`. */
static void emit_lower_bound(Out *o, const char *var, const char *key)
{
    out_line(o, "int64_t %s = 0;", var);
    out_line(o, "for (int64_t hi_ = csf[u_].nfib[0]; %s < hi_;) {", var);
    o->indent++;
    out_line(o, "const int64_t m_ = %s + (hi_ - %s) / 2;", var, var);
    out_line(o, "if (csf[u_].idx[0][m_] < %s) %s = m_ + 1; else hi_ = m_;", key, var);
    o->indent--;
    out_line(o, "}");
}

/* omp_owner: part t_ runs the root nodes of every tree in its row range. */
static void emit_owner(Out *o, const OmpTensor *t)
{
    out_line(o, "const int np_ = part->nparts;");
    out_line(o, "#pragma omp parallel for schedule(dynamic, 1) num_threads(part->nthreads)");
    out_line(o, "for (int t_ = 0; t_ < np_; t_++) {");
    o->indent++;
    out_line(o, "const int64_t r0 = part->r[t_], r1 = part->r[t_ + 1];");
    out_line(o, "systec_csf_t sub_[%d];", t->ntrees);
    out_line(o, "for (int u_ = 0; u_ < %d; u_++) {", t->ntrees);
    o->indent++;
    emit_lower_bound(o, "p0", "r0");
    emit_lower_bound(o, "p1", "r1");
    emit_cut_tree(o, "u_");
    o->indent--;
    out_line(o, "}");
    emit_body_call(o, t, "out", "ld");
    o->indent--;
    out_line(o, "}");
}

static const char *const ot_sched[] = {"omp_private", "omp_owner"};

int lower_omp_tensor(const OmpTensor *t, Out *code, Out *decl, KernelInfo *info, int maxinfo,
                     char *err, size_t errlen)
{
    int count = 0;
    for (int sc = OT_PRIVATE; sc <= OT_OWNER; sc++) {
        if (sc == OT_PRIVATE ? !t->priv : !t->owner) continue;
        for (int dt = 0; dt < 2; dt++) {
            if (count == maxinfo) {
                snprintf(err, errlen, "too many kernels");
                return -1;
            }
            const char *T = dt ? "double" : "float";
            KernelInfo *k = &info[count++];
            memset(k, 0, sizeof *k);
            k->dtype = dt ? 'd' : 's';
            xsnprintf(k->op, sizeof k->op, "%s", t->s->kernel);
            xsnprintf(k->storage, sizeof k->storage, "%s", t->storage);
            xsnprintf(k->sched, sizeof k->sched, "%s", ot_sched[sc]);
            xsnprintf(k->name, sizeof k->name, "systec_k_%c%s_%s_%s", k->dtype, t->s->kernel,
                      k->storage, k->sched);
            k->symmetric = 1;
            /* called typed by the runtime (no call thunk) */
            xsnprintf(k->sig, sizeof k->sig, "ranked_%s_omp", t->tree ? "tree" : "entry");
            out_printf(code, "/* %s: the %s kernels' parallel schedule %s (see "
                             "gen/lower_omp_tensor.c); derived from %s */\n",
                       k->name, t->storage, k->sched, t->s->label);
            emit_signature(code, t, k->name, T, 0);
            out_line(code, "{");
            code->indent++;
            if (sc == OT_PRIVATE)
                emit_private(code, t, T);
            else
                emit_owner(code, t);
            code->indent--;
            out_line(code, "}");
            out_printf(code, "\n");
            emit_signature(decl, t, k->name, T, 1);
        }
    }
    return count;
}
