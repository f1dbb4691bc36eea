/* The symmetrization passes (SySTeC phases 1 and 2, the parts that are
 * independent of storage):
 *
 *   identify   the permutable index group: the indices at the declared
 *              symmetric modes, plus index pairs whose swap leaves the
 *              normalized right-hand side unchanged (found symmetry);
 *   restrict   the canonical simplex g0 <= g1 <= ... <= g(N-1), split into
 *              its 2^(N-1) tie patterns (faces);
 *   define     one update per distinct permutation of the group in each
 *              face (multiset permutations once tied indices coincide);
 *   normalize  sort the symmetric modes of every symmetric access into
 *              canonical order and sort the commutative operands, so equal
 *              updates become syntactically equal;
 *   merge      equal updates become one update with an integer factor
 *              (for min= the reduction is idempotent and the factor stays 1);
 *   output     visible output symmetry: when the strict interior's updates
 *              pair up with equal right-hand sides writing transposed output
 *              elements, only the canonical part of the output is written.
 *
 * Nothing here depends on the order N: faces, permutations and ranks are
 * computed for any group of up to MAX_ORDER indices. */
#include "ir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ comparison */

int access_equal(const Access *a, const Access *b)
{
    if (a->t != b->t || a->n != b->n) return 0;
    for (int k = 0; k < a->n; k++)
        if (a->idx[k] != b->idx[k]) return 0;
    return 1;
}

int update_equal(const Update *a, const Update *b)
{
    if (!access_equal(&a->lhs, &b->lhs) || a->nr != b->nr) return 0;
    for (int k = 0; k < a->nr; k++)
        if (!access_equal(&a->rhs[k], &b->rhs[k])) return 0;
    return 1;
}

/* canonical rank of an index: its place in the group, others after it */
static int rank_of(const Program *p, int id)
{
    for (int k = 0; k < p->ngroup; k++)
        if (p->group[k] == id) return k;
    return p->ngroup + id;
}

static int access_cmp(const Program *p, const Access *a, const Access *b)
{
    if (a->t != b->t) return a->t - b->t;
    for (int k = 0; k < a->n && k < b->n; k++) {
        int d = rank_of(p, a->idx[k]) - rank_of(p, b->idx[k]);
        if (d) return d;
    }
    return a->n - b->n;
}

/* Sort the symmetric modes of accesses to the symmetric tensor by rank and
 * the commutative operands by (tensor, ranks). Insertion sorts: N <= 8. */
static void normalize_update(const Program *p, Update *u)
{
    const Spec *s = p->spec;
    for (int r = 0; r < u->nr; r++) {
        Access *a = &u->rhs[r];
        if (a->t != s->sym_tensor) continue;
        const Tensor *T = &s->tens[a->t];
        int modes[MAX_ORDER], nm = 0;
        for (int m = 0; m < a->n; m++)
            if (T->sym[m]) modes[nm++] = m;
        for (int x = 1; x < nm; x++)
            for (int y = x; y > 0 && rank_of(p, a->idx[modes[y - 1]]) >
                                         rank_of(p, a->idx[modes[y]]); y--) {
                int t = a->idx[modes[y]];
                a->idx[modes[y]] = a->idx[modes[y - 1]];
                a->idx[modes[y - 1]] = t;
            }
    }
    for (int x = 1; x < u->nr; x++)
        for (int y = x; y > 0 && access_cmp(p, &u->rhs[y - 1], &u->rhs[y]) > 0; y--) {
            Access t = u->rhs[y];
            u->rhs[y] = u->rhs[y - 1];
            u->rhs[y - 1] = t;
        }
}

static void substitute(Update *u, const int *sub)
{
    for (int k = 0; k < u->lhs.n; k++) u->lhs.idx[k] = sub[u->lhs.idx[k]];
    for (int r = 0; r < u->nr; r++)
        for (int k = 0; k < u->rhs[r].n; k++) u->rhs[r].idx[k] = sub[u->rhs[r].idx[k]];
}

static int face_push(Face *f, const Update *u)
{
    if (f->nupd == f->cap) {
        int cap = f->cap ? 2 * f->cap : 8;
        Update *n = realloc(f->upd, sizeof *n * (size_t)cap);
        if (!n) return -1;
        f->upd = n;
        f->cap = cap;
    }
    f->upd[f->nupd++] = *u;
    return 0;
}

/* --------------------------------------------------------------- identify */

/* Is the right-hand side invariant (after normalization) under a <-> b? */
static int swap_invariant(Program *p, int a, int b)
{
    const Spec *s = p->spec;
    Update u = s->assign, v = s->assign;
    int sub[MAX_INDEX];
    for (int k = 0; k < MAX_INDEX; k++) sub[k] = k;
    sub[a] = b;
    sub[b] = a;
    substitute(&v, sub);
    normalize_update(p, &u);
    normalize_update(p, &v);
    if (u.nr != v.nr) return 0;
    for (int r = 0; r < u.nr; r++)
        if (!access_equal(&u.rhs[r], &v.rhs[r])) return 0;
    return 1;
}

int sym_identify(Program *p, const Spec *s, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    p->spec = s;
    const Update *a = &s->assign;
    if (s->sym_tensor >= 0) {
        const Access *sa = NULL;
        for (int r = 0; r < a->nr && !sa; r++)
            if (a->rhs[r].t == s->sym_tensor) sa = &a->rhs[r];
        if (!sa) {
            snprintf(err, errlen, "%s: symmetric tensor %s is not read", s->path,
                     s->tens[s->sym_tensor].name);
            return -1;
        }
        const Tensor *T = &s->tens[s->sym_tensor];
        for (int m = 0; m < sa->n; m++) {
            if (!T->sym[m]) continue;
            for (int k = 0; k < p->ngroup; k++)
                if (p->group[k] == sa->idx[m]) {
                    snprintf(err, errlen,
                             "%s:%d:%d: index %s appears twice in the symmetric modes of %s",
                             s->path, T->line, T->col, s->idxname[sa->idx[m]], T->name);
                    return -1;
                }
            p->group[p->ngroup++] = sa->idx[m];
        }
        /* a group index may not also index a mode outside the group */
        for (int m = 0; m < sa->n; m++)
            for (int k = 0; k < p->ngroup && !T->sym[m]; k++)
                if (p->group[k] == sa->idx[m]) {
                    snprintf(err, errlen,
                             "%s:%d:%d: index %s indexes both a symmetric and a non-symmetric "
                             "mode of %s", s->path, T->line, T->col, s->idxname[sa->idx[m]],
                             T->name);
                    return -1;
                }
        p->declared = 1;
    }
    /* found symmetry: pairs outside the declared group whose swap leaves the
     * normalized right-hand side unchanged */
    for (int x = 0; x < s->nidx; x++)
        for (int y = x + 1; y < s->nidx; y++) {
            if (rank_of(p, x) < p->ngroup || rank_of(p, y) < p->ngroup) continue;
            if (swap_invariant(p, x, y)) {
                p->found[p->found_pairs][0] = x;
                p->found[p->found_pairs][1] = y;
                p->found_pairs++;
            }
        }
    if (!p->declared && p->found_pairs) {
        /* grow a group from the first pair with every index symmetric to all members */
        p->group[p->ngroup++] = p->found[0][0];
        p->group[p->ngroup++] = p->found[0][1];
        for (int z = 0; z < s->nidx; z++) {
            if (rank_of(p, z) < p->ngroup || p->ngroup == MAX_ORDER) continue;
            int all = 1;
            for (int k = 0; k < p->ngroup && all; k++) {
                int lo = z < p->group[k] ? z : p->group[k], hi = z ^ p->group[k] ^ lo, hit = 0;
                for (int f = 0; f < p->found_pairs; f++)
                    hit |= p->found[f][0] == lo && p->found[f][1] == hi;
                all = hit;
            }
            if (all) p->group[p->ngroup++] = z;
        }
    }
    return 0;
}

/* --------------------------------------------------------------- restrict */

int sym_restrict(Program *p)
{
    int n = p->ngroup;
    p->nface = n > 0 ? 1 << (n - 1) : 1;
    p->face = calloc((size_t)p->nface, sizeof *p->face);
    if (!p->face) return -1;
    for (int f = 0; f < p->nface; f++) {
        Face *F = &p->face[f];
        F->ties = (unsigned)f;
        for (int k = 0; k < MAX_INDEX; k++) F->rep[k] = k;
        int runrep = -1;
        for (int k = n - 1; k >= 0; k--) {
            if (k == n - 1 || !(F->ties >> k & 1u)) runrep = p->group[k];
            F->rep[p->group[k]] = runrep;
        }
    }
    return 0;
}

/* ----------------------------------------------------------------- define */

static int next_permutation(int *a, int n)
{
    int i = n - 2;
    while (i >= 0 && a[i] >= a[i + 1]) i--;
    if (i < 0) return 0;
    int j = n - 1;
    while (a[j] <= a[i]) j--;
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
    for (int l = i + 1, r = n - 1; l < r; l++, r--) {
        t = a[l];
        a[l] = a[r];
        a[r] = t;
    }
    return 1;
}

int sym_define_assignments(Program *p)
{
    const Spec *s = p->spec;
    int n = p->ngroup;
    for (int f = 0; f < p->nface; f++) {
        Face *F = &p->face[f];
        /* the ranks of the representatives, non-decreasing along the group:
         * next_permutation on this multiset visits each distinct orbit point
         * of the face exactly once */
        int vals[MAX_ORDER];
        for (int k = 0; k < n; k++) vals[k] = rank_of(p, F->rep[p->group[k]]);
        do {
            int tup[MAX_ORDER];
            for (int k = 0; k < n; k++) tup[k] = p->group[vals[k]];
            /* the update this orbit point contributes: g[k] -> tup[k], other
             * indices unchanged (tied ones collapse onto their representative) */
            int sub[MAX_INDEX];
            for (int k = 0; k < MAX_INDEX; k++) sub[k] = F->rep[k];
            for (int k = 0; k < n; k++) sub[p->group[k]] = tup[k];
            Update u = s->assign;
            substitute(&u, sub);
            u.factor = 1;
            if (face_push(F, &u)) return -1;
        } while (n > 0 && next_permutation(vals, n));
    }
    return 0;
}

/* -------------------------------------------------------- normalize, merge */

void sym_normalize(Program *p)
{
    for (int f = 0; f < p->nface; f++)
        for (int k = 0; k < p->face[f].nupd; k++) normalize_update(p, &p->face[f].upd[k]);
}

void sym_merge(Program *p)
{
    int idempotent = p->spec->red == RED_MIN;
    for (int f = 0; f < p->nface; f++) {
        Face *F = &p->face[f];
        int m = 0;
        for (int k = 0; k < F->nupd; k++) {
            int j = 0;
            while (j < m && !update_equal(&F->upd[j], &F->upd[k])) j++;
            if (j < m) {
                if (!idempotent) F->upd[j].factor += F->upd[k].factor;
            } else {
                F->upd[m++] = F->upd[k];
            }
        }
        F->nupd = m;
    }
}

/* The two modes at which two accesses to the same tensor are transposed
 * (equal elsewhere, swapped there), as a bitmask, or 0. Only transpositions
 * count: a cyclic permutation of three modes is not a symmetry of the output
 * in those modes. */
static unsigned transposed_modes(const Access *a, const Access *b)
{
    if (a->t != b->t || a->n != b->n) return 0;
    int d[MAX_ORDER], nd = 0;
    for (int k = 0; k < a->n; k++)
        if (a->idx[k] != b->idx[k]) {
            if (nd == 2) return 0;
            d[nd++] = k;
        }
    if (nd != 2 || a->idx[d[0]] != b->idx[d[1]] || a->idx[d[1]] != b->idx[d[0]]) return 0;
    return 1u << d[0] | 1u << d[1];
}

static int same_rhs(const Update *a, const Update *b)
{
    if (a->nr != b->nr || a->factor != b->factor) return 0;
    for (int r = 0; r < a->nr; r++)
        if (!access_equal(&a->rhs[r], &b->rhs[r])) return 0;
    return 1;
}

/* Canonical: the indices at the symmetric output modes have non-decreasing
 * rank, i.e. the element lies in the stored part. */
static int lhs_canonical(const Program *p, const Access *a, unsigned modes)
{
    int prev = -1;
    for (int k = 0; k < a->n; k++) {
        if (!(modes >> k & 1u)) continue;
        int r = rank_of(p, a->idx[k]);
        if (r < prev) return 0;
        prev = r;
    }
    return 1;
}

void sym_output(Program *p)
{
    p->out_sym = 0;
    if (p->nface == 0) return;
    const Face *I = &p->face[0];
    unsigned modes = 0;
    for (int u = 0; u < I->nupd; u++) {
        unsigned found = 0;
        for (int v = 0; v < I->nupd && !found; v++)
            if (v != u && same_rhs(&I->upd[u], &I->upd[v]))
                found = transposed_modes(&I->upd[u].lhs, &I->upd[v].lhs);
        if (!found || (modes && found != modes)) return; /* not fully replicable */
        modes = found;
    }
    if (!modes) return;
    p->out_sym = modes;
    for (int f = 0; f < p->nface; f++) {
        Face *F = &p->face[f];
        int m = 0;
        for (int k = 0; k < F->nupd; k++)
            if (lhs_canonical(p, &F->upd[k].lhs, modes)) F->upd[m++] = F->upd[k];
        F->nupd = m;
    }
}

/* ------------------------------------------------------------------ fold */

static int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

int sym_fold(const Program *p, int *num, int *den)
{
    if (p->spec->red != RED_ADD || p->nface < 1 || p->face[0].nupd == 0) return -1;
    const Face *I = &p->face[0];
    for (int u = 1; u < I->nupd; u++)
        if (I->upd[u].factor != I->upd[0].factor) return -1;
    Update *sub = malloc(sizeof *sub * (size_t)I->nupd);
    if (!sub) return -1;
    int ok = 1;
    for (int f = 0; f < p->nface && ok; f++) {
        const Face *F = &p->face[f];
        /* the interior's updates, each once, on this face's points */
        int m = 0;
        for (int u = 0; u < I->nupd; u++) {
            Update v = I->upd[u];
            v.factor = 1;
            substitute(&v, F->rep);
            normalize_update(p, &v);
            int j = 0;
            while (j < m && !update_equal(&sub[j], &v)) j++;
            if (j < m)
                sub[j].factor++;
            else
                sub[m++] = v;
        }
        /* one ratio face factor / substituted count for every update */
        int gn = 0, gd = 1;
        ok = m == F->nupd;
        for (int k = 0; k < F->nupd && ok; k++) {
            int j = 0;
            while (j < m && !update_equal(&sub[j], &F->upd[k])) j++;
            ok = j < m;
            if (!ok) break;
            int qn = F->upd[k].factor, qd = sub[j].factor, c = gcd(qn, qd);
            qn /= c;
            qd /= c;
            ok = gn == 0 || (qn == gn && qd == gd);
            gn = qn;
            gd = qd;
        }
        num[f] = gn;
        den[f] = gd;
    }
    free(sub);
    return ok ? 0 : -1;
}

int sym_fold_updates(const Program *p, int *w)
{
    if (p->spec->red != RED_ADD || p->nface < 1 || p->face[0].nupd == 0) return -1;
    const Face *I = &p->face[0];
    for (int f = 0; f < p->nface; f++) {
        const Face *F = &p->face[f];
        int covered[MAX_OPERAND * 8] = {0};
        if (F->nupd > (int)(sizeof covered / sizeof *covered)) return -1;
        for (int u = 0; u < I->nupd; u++) {
            /* the interior's update u on this face's points */
            Update v = I->upd[u];
            substitute(&v, F->rep);
            normalize_update(p, &v);
            int g = 0;
            while (g < F->nupd && !update_equal(&F->upd[g], &v)) g++;
            if (g == F->nupd) return -1;
            /* the first update landing on face update g carries its factor */
            w[f * I->nupd + u] = covered[g]++ ? 0 : F->upd[g].factor;
        }
        for (int g = 0; g < F->nupd; g++)
            if (!covered[g]) return -1;
    }
    return 0;
}

void program_free(Program *p)
{
    for (int f = 0; f < p->nface; f++) free(p->face[f].upd);
    free(p->face);
    p->face = NULL;
    p->nface = 0;
}

int symmetrize(Program *p, const Spec *s, char *err, size_t errlen)
{
    if (sym_identify(p, s, err, errlen)) return -1;
    if (p->ngroup < 2) {
        snprintf(err, errlen, "%s: no symmetry declared or found", s->path);
        return -1;
    }
    if (sym_restrict(p) || sym_define_assignments(p)) {
        program_free(p);
        snprintf(err, errlen, "%s: out of memory", s->path);
        return -1;
    }
    sym_normalize(p);
    sym_merge(p);
    sym_output(p);
    return 0;
}

int program_identity(Program *p, const Spec *s)
{
    memset(p, 0, sizeof *p);
    p->spec = s;
    p->nface = 1;
    p->face = calloc(1, sizeof *p->face);
    if (!p->face) return -1;
    for (int k = 0; k < MAX_INDEX; k++) p->face[0].rep[k] = k;
    return face_push(&p->face[0], &s->assign);
}

/* --------------------------------------------------------------- printing */

static void print_access(FILE *f, const Spec *s, const Access *a)
{
    fprintf(f, "%s[", s->tens[a->t].name);
    for (int k = 0; k < a->n; k++) fprintf(f, "%s%s", k ? "," : "", s->idxname[a->idx[k]]);
    fputc(']', f);
}

void print_update(FILE *f, const Spec *s, const Update *u)
{
    print_access(f, s, &u->lhs);
    fputs(s->red == RED_ADD ? " += " : " min= ", f);
    if (u->factor != 1) fprintf(f, "%d * ", u->factor);
    for (int r = 0; r < u->nr; r++) {
        if (r) fputs(s->red == RED_ADD ? " * " : " + ", f);
        print_access(f, s, &u->rhs[r]);
    }
}

void print_program(FILE *f, const Program *p)
{
    const Spec *s = p->spec;
    fprintf(f, "kernel %s: ", s->kernel);
    print_update(f, s, &s->assign);
    fprintf(f, "\npermutable group (%s):", p->declared ? "declared" : "found");
    for (int k = 0; k < p->ngroup; k++) fprintf(f, " %s", s->idxname[p->group[k]]);
    for (int k = 0; k < p->found_pairs; k++)
        fprintf(f, "%s%s<->%s", k ? ", " : "\nfound from the expression: ",
                s->idxname[p->found[k][0]], s->idxname[p->found[k][1]]);
    fputc('\n', f);
    if (p->out_sym) {
        fputs("output symmetric in modes", f);
        for (int k = 0; k < MAX_ORDER; k++)
            if (p->out_sym >> k & 1u) fprintf(f, " %d", k);
        fputs(": only its canonical part is written\n", f);
    }
    for (int fi = 0; fi < p->nface; fi++) {
        const Face *F = &p->face[fi];
        fprintf(f, "face %s: ", F->ties ? "tie" : "interior");
        for (int k = 0; k < p->ngroup; k++) {
            if (k) fputs(F->ties >> (k - 1) & 1u ? " = " : " < ", f);
            fputs(s->idxname[p->group[k]], f);
        }
        int total = 0;
        for (int u = 0; u < F->nupd; u++) total += F->upd[u].factor;
        fprintf(f, "   (%d updates, %d terms)\n", F->nupd, total);
        for (int u = 0; u < F->nupd; u++) {
            fputs("    ", f);
            print_update(f, s, &F->upd[u]);
            fputc('\n', f);
        }
    }
}
