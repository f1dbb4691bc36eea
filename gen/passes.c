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
    if (p->ranked) return p->rank[id];
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

/* Sort the modes of every declared symmetric group of every access by rank,
 * and the commutative operands by (tensor, ranks). Insertion sorts: N <= 8. */
static void normalize_update(const Program *p, Update *u)
{
    const Spec *s = p->spec;
    for (int r = 0; r < u->nr; r++) {
        Access *a = &u->rhs[r];
        const Tensor *T = &s->tens[a->t];
        for (int g = 1; g <= T->ngroups; g++) {
            int modes[MAX_ORDER], nm = 0;
            for (int m = 0; m < a->n; m++)
                if (T->sym[m] == g) modes[nm++] = m;
            for (int x = 1; x < nm; x++)
                for (int y = x; y > 0 && rank_of(p, a->idx[modes[y - 1]]) >
                                             rank_of(p, a->idx[modes[y]]); y--) {
                    int t = a->idx[modes[y]];
                    a->idx[modes[y]] = a->idx[modes[y - 1]];
                    a->idx[modes[y - 1]] = t;
                }
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

/* The declared groups of the iterated tensor, in group order, each in the
 * order of its modes. */
static int declared_groups(Program *p, const Spec *s, char *err, size_t errlen)
{
    const Update *a = &s->assign;
    const Access *sa = NULL;
    for (int r = 0; r < a->nr && !sa; r++)
        if (a->rhs[r].t == s->sym_tensor) sa = &a->rhs[r];
    const Tensor *T = &s->tens[s->sym_tensor];
    if (!sa) return spec_error(s, T->sym_at, err, errlen, "symmetric tensor %s is not read", T->name);
    for (int g = 1; g <= T->ngroups; g++) {
        p->gbeg[p->ngroups++] = p->ngroup;
        for (int m = 0; m < sa->n; m++) {
            if (T->sym[m] != g) continue;
            for (int k = 0; k < p->ngroup; k++)
                if (p->group[k] == sa->idx[m])
                    return spec_error(s, T->sym_at, err, errlen,
                                      "index %s appears twice in the symmetric modes of %s",
                                      s->idxname[sa->idx[m]], T->name);
            p->group[p->ngroup++] = sa->idx[m];
        }
    }
    p->gbeg[p->ngroups] = p->ngroup;
    /* a group index may not also index a mode outside its group */
    for (int m = 0; m < sa->n; m++)
        for (int g = 0; g < p->ngroups; g++)
            for (int k = p->gbeg[g]; k < p->gbeg[g + 1]; k++)
                if (p->group[k] == sa->idx[m] && T->sym[m] != g + 1)
                    return spec_error(s, T->sym_at, err, errlen,
                                      "index %s indexes both a symmetric and a non-symmetric "
                                      "mode of %s", s->idxname[sa->idx[m]], T->name);
    p->declared = 1;
    return 0;
}

int sym_identify(Program *p, const Spec *s, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    p->spec = s;
    if (s->sym_tensor >= 0 && declared_groups(p, s, err, errlen)) return -1;
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
        p->ngroups = 1;
        p->gbeg[1] = p->ngroup;
    }
    for (int g = 0; g < p->ngroups; g++)
        for (int k = p->gbeg[g]; k + 1 < p->gbeg[g + 1]; k++) p->pairpos[p->npair++] = k;
    for (int id = 0; id < MAX_INDEX; id++) p->rank[id] = rank_of(p, id);
    p->ranked = 1; /* the group is final */
    return 0;
}

/* --------------------------------------------------------------- restrict */

int sym_restrict(Program *p)
{
    p->nface = 1 << p->npair;
    p->face = calloc((size_t)p->nface, sizeof *p->face);
    if (!p->face) return -1;
    for (int f = 0; f < p->nface; f++) {
        Face *F = &p->face[f];
        F->ties = (unsigned)f;
        for (int k = 0; k < MAX_INDEX; k++) F->rep[k] = k;
        /* each tied run is represented by its last index */
        for (int b = p->npair - 1; b >= 0; b--)
            if (F->ties >> b & 1u) {
                int k = p->pairpos[b];
                F->rep[p->group[k]] = F->rep[p->group[k + 1]];
            }
    }
    return 0;
}

/* ----------------------------------------------------------------- define */

/* Next arrangement of a[0..n) in lexicographic order; after the last one the
 * array is sorted again and 0 is returned. */
static int next_permutation(int64_t *a, int n)
{
    int i = n - 2;
    while (i >= 0 && a[i] >= a[i + 1]) i--;
    if (i >= 0) {
        int j = n - 1;
        while (a[j] <= a[i]) j--;
        int64_t t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
    for (int l = i + 1, r = n - 1; l < r; l++, r--) {
        int64_t t = a[l];
        a[l] = a[r];
        a[r] = t;
    }
    return i >= 0;
}

/* The next permutation of a[0..n) (distinct values) in lexicographic order;
 * 0 after the last. */
static int next_perm_int(int *a, int n)
{
    int64_t w[MAX_ORDER];
    for (int k = 0; k < n; k++) w[k] = a[k];
    int more = next_permutation(w, n);
    for (int k = 0; k < n; k++) a[k] = (int)w[k];
    return more;
}

int program_orbit_next(const Program *p, int64_t *c)
{
    for (int g = 0; g < p->ngroups; g++)
        if (next_permutation(c + p->gbeg[g], p->gbeg[g + 1] - p->gbeg[g])) return 1;
    return 0;
}

int program_face_of(const Program *p, const int *val)
{
    for (int g = 0; g < p->ngroups; g++)
        for (int k = p->gbeg[g]; k + 1 < p->gbeg[g + 1]; k++)
            if (val[p->group[k]] > val[p->group[k + 1]]) return -1;
    int ties = 0;
    for (int b = 0; b < p->npair; b++)
        if (val[p->group[p->pairpos[b]]] == val[p->group[p->pairpos[b] + 1]]) ties |= 1 << b;
    return ties;
}

/* The number of distinct arrangements of c (sorted in each group): the
 * product over groups of the multinomial n! / prod (run length)!. */
static long orbit_size(const Program *p, const int64_t *c)
{
    long size = 1;
    for (int g = 0; g < p->ngroups; g++) {
        int run = 0;
        for (int k = p->gbeg[g], m = 1; k < p->gbeg[g + 1]; k++, m++) {
            run = k > p->gbeg[g] && c[k] == c[k - 1] ? run + 1 : 1;
            size = size * m / run; /* exact: the running product is a multinomial */
        }
    }
    return size;
}

/* Equal updates found by hashing (the merge is linear in the updates). */
#define MERGE_SLOTS 16384 /* a power of two above 2 * MAX_FACE_UPDATES */

static unsigned update_hash(const Update *u)
{
    unsigned h = 2166136261u;
    const Access *all[MAX_OPERAND + 1];
    int na = 0;
    all[na++] = &u->lhs;
    for (int r = 0; r < u->nr; r++) all[na++] = &u->rhs[r];
    for (int q = 0; q < na; q++) {
        h = (h ^ (unsigned)all[q]->t) * 16777619u;
        for (int k = 0; k < all[q]->n; k++) h = (h ^ (unsigned)all[q]->idx[k]) * 16777619u;
    }
    return h;
}

/* The stored operand's access in u (the format tensor, else the iterated
 * symmetric one). */
static void face_operand(const Program *p, const Update *u, Access *a)
{
    const Spec *s = p->spec;
    int t = s->format_tensor >= 0 ? s->format_tensor : s->sym_tensor;
    for (int r = 0; r < u->nr; r++)
        if (u->rhs[r].t == t) *a = u->rhs[r];
}

/* The index of F's update equal to u (slot: F's hash index), or -1; *h is
 * set to the slot where u is, or would go. */
static int face_find(const Face *F, const int *slot, const Update *u, unsigned *h)
{
    *h = update_hash(u) & (MERGE_SLOTS - 1);
    while (slot[*h] >= 0) {
        if (update_equal(&F->upd[slot[*h]], u)) return slot[*h];
        *h = (*h + 1) & (MERGE_SLOTS - 1);
    }
    return -1;
}

/* Adds u to F: merged into an equal update, or appended. -1 when F would
 * exceed MAX_FACE_UPDATES (or memory runs out). */
static int face_merge(Face *F, int *slot, const Update *u, int idempotent)
{
    unsigned h;
    int k = face_find(F, slot, u, &h);
    if (k >= 0) {
        if (!idempotent) F->upd[k].factor += u->factor;
        return 0;
    }
    if (F->nupd == MAX_FACE_UPDATES) return -1;
    slot[h] = F->nupd;
    return face_push(F, u);
}

/* A hash index of F's updates (MERGE_SLOTS ints, -1 for free slots). */
static void face_index(const Face *F, int *slot)
{
    for (int h = 0; h < MERGE_SLOTS; h++) slot[h] = -1;
    for (int k = 0; k < F->nupd; k++) {
        unsigned h;
        if (face_find(F, slot, &F->upd[k], &h) < 0) slot[h] = k;
    }
}

int sym_define_assignments(Program *p)
{
    const Spec *s = p->spec;
    int n = p->ngroup, idempotent = s->red == RED_MIN;
    int *slot = malloc(sizeof *slot * MERGE_SLOTS);
    if (!slot) return -1;
    for (int f = 0; f < p->nface; f++) {
        Face *F = &p->face[f];
        for (int h = 0; h < MERGE_SLOTS; h++) slot[h] = -1;
        /* the ranks of the representatives, non-decreasing along each group:
         * the arrangements of this multiset are the face's orbit points,
         * each visited once */
        int64_t vals[MAX_ORDER];
        for (int k = 0; k < n; k++) vals[k] = rank_of(p, F->rep[p->group[k]]);
        F->orbit = orbit_size(p, vals);
        do {
            /* the update this orbit point contributes: g[k] -> the index of
             * rank vals[k], other indices unchanged (tied ones collapse onto
             * their representative) */
            int sub[MAX_INDEX];
            for (int k = 0; k < MAX_INDEX; k++) sub[k] = F->rep[k];
            for (int k = 0; k < n; k++) sub[p->group[k]] = p->group[vals[k]];
            Update u = s->assign;
            substitute(&u, sub);
            normalize_update(p, &u);
            u.factor = 1;
            for (int k = 0; k < n; k++) u.perm[k] = (signed char)vals[k];
            if (F->opnd.n == 0) face_operand(p, &u, &F->opnd);
            if (face_merge(F, slot, &u, idempotent)) {
                if (F->nupd < MAX_FACE_UPDATES) {
                    free(slot);
                    return -1; /* out of memory */
                }
                F->enumerate = 1; /* too many distinct updates: keep none */
                free(F->upd);
                F->upd = NULL;
                F->nupd = F->cap = 0;
                break;
            }
        } while (n > 0 && program_orbit_next(p, vals));
    }
    free(slot);
    return 0;
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

static int group_of(const Program *p, int id)
{
    int k = rank_of(p, id);
    for (int g = 0; g < p->ngroups; g++)
        if (k < p->gbeg[g + 1]) return g;
    return -1;
}

/* Whether index variables x and y have one size: both index one mode of
 * one tensor somewhere in the assignment. */
static int same_extent(const Spec *s, int x, int y)
{
    const Access *all[MAX_OPERAND + 1];
    int na = 0, tx[MAX_TENSOR][MAX_ORDER] = {{0}}, ty[MAX_TENSOR][MAX_ORDER] = {{0}};
    all[na++] = &s->assign.lhs;
    for (int r = 0; r < s->assign.nr; r++) all[na++] = &s->assign.rhs[r];
    for (int q = 0; q < na; q++)
        for (int m = 0; m < all[q]->n; m++) {
            tx[all[q]->t][m] |= all[q]->idx[m] == x;
            ty[all[q]->t][m] |= all[q]->idx[m] == y;
        }
    for (int t = 0; t < s->ntens; t++)
        for (int m = 0; m < MAX_ORDER; m++)
            if (tx[t][m] && ty[t][m]) return 1;
    return 0;
}

static int face_has(const Face *F, const int *slot, const Update *u)
{
    unsigned h;
    int k = face_find(F, slot, u, &h);
    return k >= 0 && F->upd[k].factor == u->factor;
}

/* Whether the interior's updates are invariant under the transposition of
 * output modes a and b, and of which kind:
 *   OUT_DROP   the output indices there are indices of one group: the map
 *              swaps the output modes only (two updates of equal right-hand
 *              sides write transposed elements: TTM's C[j,l,i]);
 *   OUT_LOOPS  they are two free (dense-loop) indices x, y of one size: the
 *              map renames x <-> y in the whole update and swaps the modes
 *              back (TTMc's Y[i,r,s] += a U[j,r] U[k,s]: the swap of r and s
 *              is undone by a permutation of A's modes).
 * Returns the kind, or 0. */
static int transposition_kind(const Program *p, const Face *I, const int *slot, int a, int b)
{
    int kind = 0;
    for (int u = 0; u < I->nupd; u++) {
        const Update *U = &I->upd[u];
        int x = U->lhs.idx[a], y = U->lhs.idx[b], gx = group_of(p, x), gy = group_of(p, y);
        int k = gx >= 0 && gx == gy ? OUT_DROP : gx < 0 && gy < 0 ? OUT_LOOPS : 0;
        if (!k || (kind && k != kind)) return 0;
        kind = k;
        Update v = *U;
        if (k == OUT_LOOPS) {
            if (!same_extent(p->spec, x, y)) return 0;
            int sub[MAX_INDEX];
            for (int q = 0; q < MAX_INDEX; q++) sub[q] = q;
            sub[x] = y;
            sub[y] = x;
            substitute(&v, sub);
            normalize_update(p, &v);
        }
        v.lhs.idx[a] = U->lhs.idx[b];
        v.lhs.idx[b] = U->lhs.idx[a];
        if (k == OUT_LOOPS) v.lhs = U->lhs;
        if (!face_has(I, slot, &v)) return 0;
    }
    return kind;
}

void sym_output(Program *p)
{
    p->out_sym = 0;
    p->out_kind = 0;
    if (p->nface == 0 || p->face[0].enumerate || p->face[0].nupd == 0) return;
    const Face *I = &p->face[0];
    int n = p->spec->assign.lhs.n, comp[MAX_ORDER], kind[MAX_ORDER] = {0};
    /* symmetric transpositions join modes into components (each a full
     * symmetric group: transpositions generate it) */
    for (int m = 0; m < n; m++) comp[m] = m;
    int *slot = malloc(sizeof *slot * MERGE_SLOTS);
    if (!slot) return; /* no output symmetry used: still correct */
    face_index(I, slot);
    for (int a = 0; a < n; a++)
        for (int b = a + 1; b < n; b++) {
            int k = transposition_kind(p, I, slot, a, b);
            if (!k || comp[a] == comp[b]) continue;
            int from = comp[b], to = comp[a];
            if (kind[to] && kind[to] != k) continue;
            kind[to] = k;
            for (int m = 0; m < n; m++)
                if (comp[m] == from) comp[m] = to;
        }
    free(slot);
    /* the largest component is written once per orbit */
    int best = -1, bestn = 1;
    for (int c = 0; c < n; c++) {
        int cnt = 0;
        for (int m = 0; m < n; m++) cnt += comp[m] == c;
        if (cnt > bestn) best = c, bestn = cnt;
    }
    if (best < 0) return;
    for (int m = 0; m < n; m++)
        if (comp[m] == best) p->out_sym |= 1u << m;
    p->out_kind = kind[best];
    if (p->out_kind == OUT_LOOPS) return; /* every update stays; its loops are restricted */
    for (int f = 0; f < p->nface; f++) {
        Face *F = &p->face[f];
        int m = 0;
        for (int k = 0; k < F->nupd; k++)
            if (lhs_canonical(p, &F->upd[k].lhs, p->out_sym)) F->upd[m++] = F->upd[k];
        F->nupd = m;
    }
}

/* ----------------------------------------------- output-symmetry orbits */

int sym_output_orbits(const Program *p, int f, int *orbit, int *stab)
{
    if (p->out_kind != OUT_LOOPS || f < 0 || f >= p->nface || p->face[f].enumerate) return -1;
    const Face *F = &p->face[f];
    const Access *L = &p->spec->assign.lhs;
    int x[MAX_ORDER], m = 0, perm[MAX_ORDER];
    for (int k = 0; k < L->n; k++)
        if (p->out_sym >> k & 1u) x[m++] = L->idx[k];
    if (m < 2 || m > 4) return -1;
    int *slot = malloc(sizeof *slot * MERGE_SLOTS);
    if (!slot) return -1;
    face_index(F, slot);
    for (int u = 0; u < F->nupd; u++) orbit[u] = u, stab[u] = 0;
    int ok = 1;
    for (int u = 0; u < F->nupd && ok; u++) {
        for (int q = 0; q < m; q++) perm[q] = q;
        do { /* every permutation of the symmetric modes' indices */
            int sub[MAX_INDEX];
            for (int q = 0; q < MAX_INDEX; q++) sub[q] = q;
            for (int q = 0; q < m; q++) sub[x[q]] = x[perm[q]];
            Update v = F->upd[u];
            substitute(&v, sub);
            normalize_update(p, &v);
            v.lhs = F->upd[u].lhs;
            unsigned h;
            int k = face_find(F, slot, &v, &h);
            if (k < 0 || F->upd[k].factor != F->upd[u].factor) {
                ok = 0;
                break;
            }
            stab[u] += k == u;
            if (k < orbit[u]) orbit[u] = k;
        } while (next_perm_int(perm, m));
    }
    free(slot);
    return ok ? 0 : -1;
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
    for (int f = 0; f < p->nface; f++)
        if (p->face[f].enumerate) return -1;
    const Face *I = &p->face[0];
    for (int u = 1; u < I->nupd; u++)
        if (I->upd[u].factor != I->upd[0].factor) return -1;
    int *slot = malloc(sizeof *slot * MERGE_SLOTS);
    if (!slot) return -1;
    int ok = 1;
    for (int f = 0; f < p->nface && ok; f++) {
        const Face *F = &p->face[f];
        /* the interior's updates, each once, on this face's points */
        Face S = {0};
        for (int h = 0; h < MERGE_SLOTS; h++) slot[h] = -1;
        for (int u = 0; u < I->nupd && ok; u++) {
            Update v = I->upd[u];
            v.factor = 1;
            substitute(&v, F->rep);
            normalize_update(p, &v);
            ok = face_merge(&S, slot, &v, 0) == 0;
        }
        /* one ratio face factor / substituted count for every update */
        int gn = 0, gd = 1;
        ok = ok && S.nupd == F->nupd;
        for (int k = 0; k < F->nupd && ok; k++) {
            unsigned h;
            int j = face_find(&S, slot, &F->upd[k], &h);
            ok = j >= 0;
            if (!ok) break;
            int qn = F->upd[k].factor, qd = S.upd[j].factor, c = gcd(qn, qd);
            qn /= c;
            qd /= c;
            ok = gn == 0 || (qn == gn && qd == gd);
            gn = qn;
            gd = qd;
        }
        free(S.upd);
        num[f] = gn;
        den[f] = gd;
    }
    free(slot);
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
        spec_error(s, s->at_assign, err, errlen, "no symmetry declared or found");
        return -1;
    }
    if (sym_restrict(p) || sym_define_assignments(p)) {
        program_free(p);
        spec_error(s, s->at_assign, err, errlen, "out of memory");
        return -1;
    }
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
    face_operand(p, &s->assign, &p->face[0].opnd);
    p->face[0].orbit = 1;
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

/* "i < j = k, l < m": the face's tie pattern, group by group */
static void print_face_pattern(FILE *f, const Program *p, const Face *F)
{
    const Spec *s = p->spec;
    for (int g = 0; g < p->ngroups; g++)
        for (int k = p->gbeg[g]; k < p->gbeg[g + 1]; k++) {
            if (k == p->gbeg[g]) {
                if (g) fputs(", ", f);
            } else {
                int tied = 0;
                for (int b = 0; b < p->npair; b++)
                    tied |= p->pairpos[b] == k - 1 && (F->ties >> b & 1u);
                fputs(tied ? " = " : " < ", f);
            }
            fputs(s->idxname[p->group[k]], f);
        }
}

static void print_groups(FILE *f, const Program *p)
{
    const Spec *s = p->spec;
    fprintf(f, "permutable group%s (%s):", p->ngroups > 1 ? "s" : "",
            p->declared ? "declared" : "found");
    for (int g = 0; g < p->ngroups; g++) {
        fputs(p->ngroups > 1 ? " {" : "", f);
        for (int k = p->gbeg[g]; k < p->gbeg[g + 1]; k++)
            fprintf(f, "%s%s", k > p->gbeg[g] || p->ngroups == 1 ? " " : "",
                    s->idxname[p->group[k]]);
        fputs(p->ngroups > 1 ? "}" : "", f);
    }
    for (int k = 0; k < p->found_pairs; k++)
        fprintf(f, "%s%s<->%s", k ? ", " : "\nfound from the expression: ",
                s->idxname[p->found[k][0]], s->idxname[p->found[k][1]]);
    fputc('\n', f);
    for (int t = 0; t < s->ntens; t++)
        if (s->tens[t].nsym && t != s->sym_tensor)
            fprintf(f, "also symmetric (used in normalization): %s\n", s->tens[t].name);
    if (p->out_sym) {
        fputs("output symmetric in modes", f);
        for (int k = 0; k < MAX_ORDER; k++)
            if (p->out_sym >> k & 1u) fprintf(f, " %d", k);
        fputs(p->out_kind == OUT_LOOPS
                  ? " (free indices, jointly with the operand's modes): their loops run over "
                    "the canonical part only\n"
                  : ": only its canonical part is written\n", f);
    }
}

static long face_terms(const Face *F)
{
    long total = 0;
    for (int u = 0; u < F->nupd; u++) total += F->upd[u].factor;
    return F->enumerate ? F->orbit : total;
}

/* The spec's kernel and assignment, and the symmetry found. */
static void print_header(FILE *f, const Program *p)
{
    fprintf(f, "kernel %s: ", p->spec->kernel);
    print_update(f, p->spec, &p->spec->assign);
    fputc('\n', f);
    print_groups(f, p);
}

void print_program(FILE *f, const Program *p)
{
    const Spec *s = p->spec;
    print_header(f, p);
    for (int fi = 0; fi < p->nface; fi++) {
        const Face *F = &p->face[fi];
        fprintf(f, "face %s: ", F->ties ? "tie" : "interior");
        print_face_pattern(f, p, F);
        if (F->enumerate) {
            fprintf(f, "   (%ld orbit points, more than %d distinct updates: enumerated)\n",
                    F->orbit, MAX_FACE_UPDATES);
            continue;
        }
        fprintf(f, "   (%d updates, %ld terms)\n", F->nupd, face_terms(F));
        for (int u = 0; u < F->nupd; u++) {
            fputs("    ", f);
            print_update(f, s, &F->upd[u]);
            fputc('\n', f);
        }
    }
}

void print_explain(FILE *f, const Program *p)
{
    print_header(f, p);
    fprintf(f, "canonical region: %d face%s (tie patterns)\n", p->nface, p->nface > 1 ? "s" : "");
    fprintf(f, "%-32s %10s %10s %10s  %s\n", "face", "naive", "updates", "ratio", "factors");
    for (int fi = 0; fi < p->nface; fi++) {
        const Face *F = &p->face[fi];
        char pat[256];
        FILE *m = fmemopen(pat, sizeof pat, "w");
        if (m) {
            print_face_pattern(m, p, F);
            fclose(m);
        } else {
            pat[0] = 0;
        }
        long upd = F->enumerate ? F->orbit : F->nupd;
        fprintf(f, "%-32s %10ld %10ld %9.2fx  ", pat, F->orbit, upd,
                upd ? (double)F->orbit / (double)upd : 0.0);
        if (F->enumerate) {
            fputs("(orbit enumerated per entry)\n", f);
            continue;
        }
        int shown = 0;
        for (int u = 0; u < F->nupd && shown < 12; u++, shown++)
            fprintf(f, "%s%d", u ? " " : "", F->upd[u].factor);
        fputs(shown < F->nupd ? " ...\n" : "\n", f);
    }
    const Face *I = &p->face[0];
    long upd = I->enumerate ? I->orbit : I->nupd;
    fprintf(f, "per canonical entry of the interior: %ld update%s against %ld naive "
               "(work ratio %.2fx", upd, upd == 1 ? "" : "s", I->orbit,
            upd ? (double)I->orbit / (double)upd : 0.0);
    if (p->out_kind == OUT_LOOPS) {
        int m = 0;
        for (int k = 0; k < MAX_ORDER; k++) m += p->out_sym >> k & 1u;
        long fact = 1;
        for (int k = 2; k <= m; k++) fact *= k;
        fprintf(f, ", times up to %ld from the output's canonical part", fact);
    }
    fputs(")\n", f);
}
