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

/* The symmetric operand's access in a face: the first update's access to
 * it, before normalization reordered nothing but symmetric modes, so its
 * distinct variables are the face's stored coordinates. All updates of a
 * face read the same canonical point, so any update gives the same set. */
const Access *face_access(const Spec *s, const Face *F)
{
    for (int r = 0; r < F->upd[0].nr; r++)
        if (F->upd[0].rhs[r].t == s->format_tensor) return &F->upd[0].rhs[r];
    return NULL;
}

int face_coords(const Spec *s, const Face *F, int *vars)
{
    return distinct_vars(face_access(s, F), vars);
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

/* Offset of an output element: row-major, or with a packed output the
 * first two modes (a <= b, the canonical part of a symmetric pair) as one
 * packed index a*(2n-a+1)/2 + b-a, then the other modes row-major. */
void out_offset(const Spec *s, const Access *a, int packed, char *buf, size_t len)
{
    if (!packed) {
        offset_expr(s, a, buf, len);
        return;
    }
    const Access *orig = &s->assign.lhs;
    const char *x = s->idxname[a->idx[0]], *y = s->idxname[a->idx[1]];
    int w = snprintf(buf, len, "(%s) * (2 * dims[%d] - (%s) + 1) / 2 + (%s) - (%s)", x,
                     orig->idx[0], x, y, x);
    for (int k = 2; k < a->n && w >= 0 && (size_t)w < len; k++) {
        char t[1024];
        xsnprintf(t, sizeof t, "%s", buf);
        w = snprintf(buf, len, "(%s) * dims[%d] + %s", t, orig->idx[k], s->idxname[a->idx[k]]);
    }
    if (w < 0 || (size_t)w >= len) {
        fprintf(stderr, "systec-gen: offset expression too long in %s\n", s->path);
        exit(1);
    }
}

/* Position of each dense operand in the dense[] argument. */
int dense_slot(const Spec *s, int t)
{
    int slot = 0;
    for (int u = 0; u < t; u++)
        if (u != s->format_tensor && u != s->assign.lhs.t) slot++;
    return slot;
}

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
    for (int t = 0; t < s->ntens; t++)
        if (t != s->format_tensor && t != s->assign.lhs.t)
            out_line(o, "const %s *restrict h%d = dense[%d];", T, dense_slot(s, t),
                     dense_slot(s, t));
}

static void emit_face(Out *o, const Spec *s, const Face *F, int fi, const char *T, int packed)
{
    if (F->nupd == 0) return;
    int vars[MAX_ORDER], nv = face_coords(s, F, vars);
    out_line(o, "{ /* face %d */", fi);
    o->indent++;
    out_line(o, "const systec_gface_t *F = &faces[%d];", fi);
    out_line(o, "const %s *val = (const %s *)F->val;", T, T);
    out_line(o, "for (int64_t e = 0; e < F->nnz; e++) {");
    o->indent++;
    for (int v = 0; v < nv; v++)
        out_line(o, "const int64_t %s = F->coord[e * %d + %d];", s->idxname[vars[v]], nv, v);
    out_line(o, "const %s a = val[e];", T);
    for (int k = 0; k < F->nupd; k++) {
        const Update *u = &F->upd[k];
        /* indices of the update the entry does not bind: dense loops */
        int loops[MAX_INDEX], nl = unbound_vars(u, vars, nv, loops);
        for (int l = 0; l < nl; l++) {
            const char *x = s->idxname[loops[l]];
            /* an innermost loop whose every iteration writes its own output
             * element carries no dependence: let it vectorize */
            if (l == nl - 1 && access_has(&u->lhs, loops[l])) out_line(o, "#pragma GCC ivdep");
            out_line(o, "for (int64_t %s = 0; %s < dims[%d]; %s++)", x, x, loops[l], x);
            o->indent++;
        }
        char rhs[4096] = "", term[1100], off[1024];
        if (s->red == RED_ADD && u->factor != 1)
            xsnprintf(rhs, sizeof rhs, "(%s)%d", T, u->factor);
        for (int r = 0; r < u->nr; r++) {
            const Access *a = &u->rhs[r];
            if (a->t == s->format_tensor) {
                xsnprintf(term, sizeof term, "a");
            } else {
                dense_term(s, a, term, sizeof term);
            }
            size_t q = strlen(rhs);
            xsnprintf(rhs + q, sizeof rhs - q, "%s%s", q ? (s->red == RED_ADD ? " * " : " + ") : "",
                     term);
        }
        out_offset(s, &u->lhs, packed, off, sizeof off);
        if (s->red == RED_ADD)
            out_line(o, "out[%s] += %s;", off, rhs);
        else
            out_line(o, "{ const %s t_ = %s; out[%s] = t_ < out[%s] ? t_ : out[%s]; }", T, rhs,
                     off, off, off);
        o->indent -= nl;
    }
    o->indent--;
    out_line(o, "}");
    o->indent--;
    out_line(o, "}");
}

static void emit_generic(Out *o, const Spec *s, const Program *p, const char *name, const char *T,
                         int packed)
{
    out_printf(o, "void %s(const systec_gface_t *faces, const %s *const *dense, const int64_t "
                  "*dims, %s *restrict out)\n{\n", name, T, T);
    o->indent = 1;
    out_line(o, "(void)dense;");
    out_line(o, "(void)dims;");
    emit_dense_bases(o, s, T);
    for (int f = 0; f < p->nface; f++) emit_face(o, s, &p->face[f], f, T, packed);
    o->indent = 0;
    out_printf(o, "}\n\n");
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

int lower_spec_coo(const Spec *s, Out *code, Out *decl, KernelInfo *info, int maxinfo, char *err,
                   size_t errlen)
{
    static const char *const coo_locals[] = {"faces", "dense", "dims", "out", "F", "val", "e",
                                             "a", "t_", "nnz", "coord", "csf", "work", NULL};
    if (check_names(s, coo_locals, "coo", err, errlen)) return -1;
    int reads = 0;
    for (int r = 0; r < s->assign.nr; r++) reads += s->assign.rhs[r].t == s->format_tensor;
    if (reads != 1) {
        snprintf(err, errlen, "%s: format coo reads %s once; it is read %d times", s->path,
                 s->tens[s->format_tensor].name, reads);
        return -1;
    }
    if (s->sym_tensor < 0 || s->sym_tensor != s->format_tensor) {
        snprintf(err, errlen, "%s: format coo needs a declared symmetric tensor (the "
                              "symmetry of an expression like A*A^T is lowered by 'format OUT "
                              "csr|dense')", s->path);
        return -1;
    }
    if (s->scaled) {
        snprintf(err, errlen, "%s: format coo lowers plain 'out op= ...' kernels; drop 'scale'",
                 s->path);
        return -1;
    }
    Program sym, id;
    if (symmetrize(&sym, s, err, errlen)) return -1;
    if (program_identity(&id, s)) {
        program_free(&sym);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (s->packed_out && sym.out_sym != 3u) {
        snprintf(err, errlen, "%s: format packed needs an output symmetric in its first two "
                              "modes; %s", s->path,
                 sym.out_sym ? "the output is symmetric in other modes"
                             : "no output symmetry was found");
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
    int tuned = lower_tensor_tuned(s, &sym, code, decl, info, maxinfo, err, errlen);
    if (tuned < 0) {
        count = -1;
        goto done;
    }
    count += tuned;
    for (int full = 0; full < 2; full++)
        for (int dt = 0; dt < 2 && spec_emits(s, full ? "coofull" : "coo"); dt++) {
            if (count == maxinfo) {
                snprintf(err, errlen, "too many kernels");
                count = -1;
                goto done;
            }
            KernelInfo *k = &info[count++];
            memset(k, 0, sizeof *k);
            xsnprintf(k->name, sizeof k->name, "systec_k_%c%s_%s_i64_generic", dt ? 'd' : 's',
                     s->kernel, full ? "coofull" : "coo");
            xsnprintf(k->op, sizeof k->op, "%s", s->kernel);
            xsnprintf(k->storage, sizeof k->storage, "%s", full ? "coofull" : "coo");
            xsnprintf(k->sched, sizeof k->sched, "generic");
            k->dtype = dt ? 'd' : 's';
            k->i64 = 1;
            k->symmetric = !full;
            const char *T = dt ? "double" : "float";
            out_printf(code, "/* %s: %s storage, generic schedule, derived from %s */\n",
                       k->name, k->storage, s->label);
            emit_generic(code, s, full ? &id : &sym, k->name, T, !full && s->packed_out);
            coo_args(k, "faces", "a->faces, (const %s *const *)a->dense, a->dims, a->out", T);
            out_printf(decl, "void %s(const systec_gface_t *faces, const %s *const *dense, "
                             "const int64_t *dims, %s *restrict out);\n", k->name, T, T);
        }
done:
    program_free(&sym);
    program_free(&id);
    return count;
}
