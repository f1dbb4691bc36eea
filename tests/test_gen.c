/* Tests of systec-gen's front end and symmetrization passes.
 *
 * 1. Semantics: an interpreter executes the symmetrized program -- every
 *    canonical tuple of the group, its face chosen by its tie pattern, the
 *    face's merged updates with their factors -- on small dense tensors and
 *    compares with the naive evaluation of the spec over the full index
 *    space, for specs of order 2 to 6, partial symmetry, symmetry found from
 *    the expression, and min=. Every tie pattern occurs (n >= order).
 * 2. Factors: MTTKRP of order N = 2..6 has, on a face with runs of lengths
 *    m_1..m_r, one update per run u with factor (N-1)! m_u / prod m_v!.
 * 3. Diagnostics: bad specs get an error with file:line:col, never a crash.
 * 4. Lowered code: the generic coordinate-storage kernels that systec-gen
 *    generated at build time for the specs in tests/specs (orders 2 to 6,
 *    partial symmetry, dense operands of order 2, min=, scalar outputs),
 *    symmetric and baseline, float and double, are run on the same random
 *    tensors and compared with the naive evaluation, and so are the tuned
 *    variants where the spec has their shape (folded per-entry kernels,
 *    factored CSF baselines; packed outputs unpacked): per output element
 *    |error| <= tol * (sum of |terms|), tol 1e-12 in double, scaled for
 *    float; min= exactly.
 *
 * usage: test_gen SPEC_DIR... */
#include "../gen/ir.h"
#include "systec_kernels.h" /* the test specs' kernels (registry systec_test_kernels) */
#include "../src/dispatch.h" /* systec__choose_coo_storage, for --time */
#include "testutil.h"

#include <float.h>
#include <math.h>
#include <time.h>

/* ------------------------------------------------------------ interpreter */

/* values per index: at least the largest group's size, so that every tie
 * pattern (the strict interior too) occurs */
static int NV = 7;

/* the share of zero values in random tensors (--time: TEST_GEN_DENSITY) */
static double ZERO_P = 0.3;

/* NV for a spec: 7, or the largest symmetric group of its stored tensor */
static void set_nv(const Spec *s)
{
    NV = 7;
    for (int t = 0; t < s->ntens; t++)
        for (int g = 1; g <= s->tens[t].ngroups; g++) {
            int n = 0;
            for (int m = 0; m < s->tens[t].order; m++) n += s->tens[t].sym[m] == g;
            if (n > NV) NV = n;
        }
}

typedef struct {
    const Spec *s;
    int dim[MAX_TENSOR];
    double *data[MAX_TENSOR]; /* dense, row-major, NV^order */
} Env;

static int64_t offset(const Access *a, const int *val)
{
    int64_t o = 0;
    for (int k = 0; k < a->n; k++) o = o * NV + val[a->idx[k]];
    return o;
}

static int64_t ipow(int b, int e)
{
    int64_t r = 1;
    while (e--) r *= b;
    return r;
}

/* random inputs; the symmetric tensor is made symmetric in its sym modes */
static void env_init(Env *E, const Spec *s)
{
    memset(E, 0, sizeof *E);
    E->s = s;
    for (int t = 0; t < s->ntens; t++) {
        int64_t sz = ipow(NV, s->tens[t].order);
        E->data[t] = calloc((size_t)sz, sizeof(double));
        if (t == s->assign.lhs.t) continue;
        for (int64_t k = 0; k < sz; k++) {
            /* integers keep the comparison exact (sparse-ish: some zeros) */
            double r = rnd_unit();
            E->data[t][k] = r < ZERO_P ? 0 : (double)(int)(rnd_sym() * 5);
        }
        if ((s->sparse_in >> t & 1u) && s->red == RED_MIN) /* absent entries: the semiring's 0 */
            for (int64_t k = 0; k < sz; k++)
                if (E->data[t][k] == 0.0) E->data[t][k] = INFINITY;
        const Tensor *T = &s->tens[t];
        if (!T->nsym) continue;
        /* symmetrize: value at a point := value at its point with each
         * group's modes sorted */
        for (int64_t k = 0; k < sz; k++) {
            int c[MAX_ORDER] = {0}, d[MAX_ORDER];
            int64_t x = k;
            for (int m = T->order - 1; m >= 0; m--) c[m] = (int)(x % NV), x /= NV;
            memcpy(d, c, sizeof c);
            for (int g = 1; g <= T->ngroups; g++) {
                int sm[MAX_ORDER], ns = 0;
                for (int m = 0; m < T->order; m++)
                    if (T->sym[m] == g) sm[ns++] = m;
                for (int a = 1; a < ns; a++)
                    for (int b = a; b > 0 && d[sm[b - 1]] > d[sm[b]]; b--) {
                        int tmp = d[sm[b]];
                        d[sm[b]] = d[sm[b - 1]];
                        d[sm[b - 1]] = tmp;
                    }
            }
            int64_t o = 0;
            for (int m = 0; m < T->order; m++) o = o * NV + d[m];
            E->data[t][k] = E->data[t][o];
        }
    }
}

static void env_free(Env *E)
{
    for (int t = 0; t < E->s->ntens; t++) free(E->data[t]);
}

static void apply(const Env *E, const Update *u, const int *val, double *out)
{
    const Spec *s = E->s;
    double v = s->red == RED_ADD ? 1.0 : 0.0;
    for (int r = 0; r < u->nr; r++) {
        double x = E->data[u->rhs[r].t][offset(&u->rhs[r], val)];
        v = s->red == RED_ADD ? v * x : v + x;
    }
    double *o = &out[offset(&u->lhs, val)];
    if (s->red == RED_ADD)
        *o += u->factor * v;
    else if (v < *o)
        *o = v;
}

/* naive: every index over 0..NV-1 */
static void eval_naive(const Env *E, double *out)
{
    const Spec *s = E->s;
    int val[MAX_INDEX] = {0};
    for (int64_t k = 0, tot = ipow(NV, s->nidx); k < tot; k++) {
        int64_t x = k;
        for (int i = 0; i < s->nidx; i++) val[i] = (int)(x % NV), x /= NV;
        apply(E, &s->assign, val, out);
    }
}

/* Whether the output element of u at val lies in the canonical part of a
 * symmetric output (values non-decreasing along the modes) */
static int lhs_canonical_at(const Program *p, const Access *lhs, const int *val)
{
    int prev = -1;
    for (int m = 0; m < lhs->n; m++) {
        if (!(p->out_sym >> m & 1u)) continue;
        if (val[lhs->idx[m]] < prev) return 0;
        prev = val[lhs->idx[m]];
    }
    return 1;
}

/* An enumerated face: every orbit point of the canonical tuple c runs the
 * assignment once (with OUT_DROP, only those writing the canonical part). */
static void apply_orbit(const Env *E, const Program *p, const int *c0, int *val, double *out)
{
    int64_t c[MAX_ORDER];
    for (int g = 0; g < p->ngroup; g++) c[g] = c0[g];
    do {
        for (int g = 0; g < p->ngroup; g++) val[p->group[g]] = (int)c[g];
        if (p->out_kind != OUT_DROP || lhs_canonical_at(p, &E->s->assign.lhs, val))
            apply(E, &E->s->assign, val, out);
    } while (program_orbit_next(p, c));
    for (int g = 0; g < p->ngroup; g++) val[p->group[g]] = c0[g];
}

/* symmetrized: group indices over canonical tuples, each in its face */
static void eval_program(const Env *E, const Program *p, double *out)
{
    const Spec *s = E->s;
    int val[MAX_INDEX] = {0};
    int ng = p->ngroup, nfree = 0, freeidx[MAX_INDEX];
    for (int i = 0; i < s->nidx; i++) {
        int in = 0;
        for (int g = 0; g < ng; g++) in |= p->group[g] == i;
        if (!in) freeidx[nfree++] = i;
    }
    for (int64_t k = 0, tot = ipow(NV, ng); k < tot; k++) {
        int c[MAX_ORDER];
        int64_t x = k;
        for (int g = 0; g < ng; g++) c[g] = (int)(x % NV), x /= NV;
        for (int g = 0; g < ng; g++) val[p->group[g]] = c[g];
        int f = program_face_of(p, val);
        if (f < 0) continue;
        const Face *F = &p->face[f];
        for (int64_t q = 0, ftot = ipow(NV, nfree); q < ftot; q++) {
            int64_t y = q;
            for (int r = 0; r < nfree; r++) val[freeidx[r]] = (int)(y % NV), y /= NV;
            if (F->enumerate) apply_orbit(E, p, c, val, out);
            for (int u = 0; u < F->nupd; u++) apply(E, &F->upd[u], val, out);
        }
    }
}

/* With output symmetry only the canonical part (values at the symmetric
 * modes non-decreasing) was written: copy it to the other elements. */
static void expand_output(const Spec *s, unsigned modes, double *out)
{
    if (!modes) return;
    const Access *L = &s->assign.lhs;
    int64_t osz = ipow(NV, L->n);
    for (int64_t k = 0; k < osz; k++) {
        int c[MAX_ORDER];
        int64_t x = k;
        for (int m = L->n - 1; m >= 0; m--) c[m] = (int)(x % NV), x /= NV;
        int sm[MAX_ORDER], ns = 0;
        for (int m = 0; m < L->n; m++)
            if (modes >> m & 1u) sm[ns++] = m;
        int sorted = 1;
        for (int a = 1; a < ns; a++) sorted &= c[sm[a - 1]] <= c[sm[a]];
        if (sorted) continue;
        for (int a = 1; a < ns; a++)
            for (int b = a; b > 0 && c[sm[b - 1]] > c[sm[b]]; b--) {
                int t = c[sm[b]];
                c[sm[b]] = c[sm[b - 1]];
                c[sm[b - 1]] = t;
            }
        int64_t src = 0;
        for (int m = 0; m < L->n; m++) src = src * NV + c[m];
        out[k] = out[src];
    }
}

static int check_semantics(const char *label, const char *text)
{
    Spec s;
    Program p;
    char err[512];
    if (spec_parse_string(text, label, &s, err, sizeof err))
        return check_fail("%s: parse failed: %s", label, err);
    if (symmetrize(&p, &s, err, sizeof err))
        return check_fail("%s: symmetrize failed: %s", label, err);
    Env E;
    set_nv(&s);
    env_init(&E, &s);
    int64_t osz = ipow(NV, s.tens[s.assign.lhs.t].order);
    double *a = malloc(sizeof(double) * (size_t)osz), *b = malloc(sizeof(double) * (size_t)osz);
    for (int64_t k = 0; k < osz; k++) a[k] = b[k] = s.red == RED_ADD ? 0 : INFINITY;
    eval_naive(&E, a);
    eval_program(&E, &p, b);
    expand_output(&s, p.out_sym, b);
    int bad = 0;
    for (int64_t k = 0; k < osz && !bad; k++)
        if (a[k] != b[k]) /* integer data: exact */
            bad = check_fail("%s: output element %lld: naive %.17g, symmetrized %.17g", label,
                             (long long)k, a[k], b[k]);
    if (!bad) check_true(1, label);
    free(a);
    free(b);
    env_free(&E);
    program_free(&p);
    return bad;
}

/* ------------------------------------------------------------ factors */

static int check_mttkrp_factors(int N)
{
    static const char *names[] = {"i", "k", "l", "m", "n", "o", "q", "s"};
    char text[512], *w = text;
    w += sprintf(w, "kernel mttkrp%d\nC[i,r] += A[", N);
    for (int k = 0; k < N; k++) w += sprintf(w, "%s%s", k ? "," : "", names[k]);
    w += sprintf(w, "]");
    for (int k = 1; k < N; k++) w += sprintf(w, " * B[%s,r]", names[k]);
    sprintf(w, "\nsymmetric A\n");
    Spec s;
    Program p;
    char err[512];
    if (spec_parse_string(text, "mttkrp", &s, err, sizeof err) ||
        symmetrize(&p, &s, err, sizeof err))
        return check_fail("mttkrp%d: %s", N, err);
    int fails = 0;
    int fact = 1;
    for (int k = 2; k < N; k++) fact *= k; /* (N-1)! */
    for (int f = 0; f < p.nface; f++) {
        const Face *F = &p.face[f];
        /* runs of the tie pattern */
        int runlen[MAX_ORDER], runrep[MAX_ORDER], nr = 0;
        for (int k = 0; k < N; k++) {
            if (k == 0 || !(F->ties >> (k - 1) & 1u)) runlen[nr++] = 0;
            runlen[nr - 1]++;
            runrep[nr - 1] = F->rep[p.group[k]];
        }
        int prodfact = 1;
        for (int u = 0; u < nr; u++)
            for (int k = 2; k <= runlen[u]; k++) prodfact *= k;
        if (F->nupd != nr) {
            fails += check_fail("mttkrp%d face %u: %d updates, want %d", N, F->ties, F->nupd, nr);
            continue;
        }
        for (int u = 0; u < nr; u++) {
            int want = fact * runlen[u] / prodfact, found = 0;
            for (int k = 0; k < F->nupd; k++)
                if (F->upd[k].lhs.idx[0] == runrep[u]) {
                    found = 1;
                    if (F->upd[k].factor != want)
                        fails += check_fail("mttkrp%d face %u run %d: factor %d, want %d", N,
                                            F->ties, u, F->upd[k].factor, want);
                }
            if (!found) fails += check_fail("mttkrp%d face %u: no update for run %d", N, F->ties, u);
        }
    }
    if (!fails) check_true(1, "mttkrp factors");
    program_free(&p);
    return fails;
}

/* The output-symmetry pass: the modes found and the interior's update count. */
static int check_out_sym(const char *text, unsigned modes, int interior_updates)
{
    Spec s;
    Program p;
    char err[512];
    if (spec_parse_string(text, "outsym", &s, err, sizeof err) || symmetrize(&p, &s, err, sizeof err))
        return check_fail("out-sym spec: %s", err);
    int bad = 0;
    if (p.out_sym != modes || p.face[0].nupd != interior_updates)
        bad = check_fail("%s: output symmetric in modes %#x with %d interior updates, want %#x "
                         "and %d", s.kernel, p.out_sym, p.face[0].nupd, modes, interior_updates);
    else
        check_true(1, "output symmetry");
    program_free(&p);
    return bad;
}

/* --explain's text holds want */
static int check_explain(const char *text, const char *want)
{
    Spec s;
    Program p;
    char err[512], *buf = NULL;
    size_t len = 0;
    if (spec_parse_string(text, "explain.spec", &s, err, sizeof err) ||
        symmetrize(&p, &s, err, sizeof err))
        return check_fail("explain: %s", err);
    FILE *f = open_memstream(&buf, &len);
    print_explain(f, &p);
    fclose(f);
    int bad = !strstr(buf, want);
    if (bad)
        check_fail("--explain lacks \"%s\":\n%s", want, buf);
    else
        check_true(1, want);
    free(buf);
    program_free(&p);
    return bad;
}

/* the parser's warnings: want, or none (want NULL) */
static int check_warning(const char *text, const char *want)
{
    Spec s;
    char err[512];
    if (spec_parse_string(text, "bad.spec", &s, err, sizeof err))
        return check_fail("warning spec: %s", err);
    if (!want) return s.nwarn ? check_fail("unexpected warning %s", s.warn[0]) : check_true(1, "no warning");
    for (int w = 0; w < s.nwarn; w++)
        if (strstr(s.warn[w], want)) return check_true(1, want);
    return check_fail("no warning \"%s\" (%d warnings)", want, s.nwarn);
}

/* ------------------------------------------------------------ diagnostics */

static int check_bad(const char *text, const char *want)
{
    Spec s;
    char err[512] = "";
    int rc = spec_parse_string(text, "bad.spec", &s, err, sizeof err);
    if (rc == 0) {
        Program p;
        rc = symmetrize(&p, &s, err, sizeof err);
        if (rc == 0) {
            program_free(&p);
            Out c = {0}, d = {0};
            KernelInfo info[64];
            rc = lower_spec(&s, &c, &d, info, 64, err, sizeof err) < 0 ? -1 : 0;
            out_free(&c);
            out_free(&d);
        }
    }
    if (rc == 0) return check_fail("accepted bad spec: %s", text);
    if (!strstr(err, want)) return check_fail("error \"%s\" lacks \"%s\"", err, want);
    return check_true(1, want);
}

/* ------------------------------------------------------ lowered kernels */

/* Coordinate faces of the symmetric operand's nonzeros: the canonical
 * points (symmetric modes non-decreasing) of face f, with the coordinates
 * face_coords() names; or, for the baseline (full != 0), every nonzero. */
typedef struct {
    int64_t nnz[1 << (MAX_ORDER - 1)];
    int64_t *coord[1 << (MAX_ORDER - 1)];
    double *val[1 << (MAX_ORDER - 1)];
} Faces;

/* The stored (format) tensor's access in the spec's assignment. */
static const Access *stored_access(const Spec *s)
{
    for (int r = 0; r < s->assign.nr; r++)
        if (s->assign.rhs[r].t == s->format_tensor) return &s->assign.rhs[r];
    return NULL;
}

static void faces_build(const Env *E, const Program *p, int full, Faces *out)
{
    const Spec *s = E->s;
    const Tensor *T = &s->tens[s->format_tensor];
    int nf = full ? 1 : p->nface;
    memset(out, 0, sizeof *out);
    int64_t sz = ipow(NV, T->order);
    for (int f = 0; f < nf; f++) {
        out->coord[f] = malloc(sizeof(int64_t) * (size_t)(sz * MAX_ORDER + 1));
        out->val[f] = malloc(sizeof(double) * (size_t)(sz + 1));
    }
    for (int64_t k = 0; k < sz; k++) {
        double v = E->data[s->format_tensor][k];
        if (v == (s->red == RED_ADD ? 0.0 : INFINITY)) continue; /* the fill value */
        int c[MAX_ORDER];
        int64_t x = k;
        for (int m = T->order - 1; m >= 0; m--) c[m] = (int)(x % NV), x /= NV;
        int val_of[MAX_INDEX] = {0};
        const Access *acc = stored_access(s);
        for (int m = 0; m < T->order; m++) val_of[acc->idx[m]] = c[m];
        int f = full ? 0 : program_face_of(p, val_of);
        if (f < 0) continue; /* not canonical */
        int vars[MAX_ORDER], nv = 0;
        if (full) {
            for (int m = 0; m < acc->n; m++) vars[nv++] = acc->idx[m];
        } else {
            nv = face_coords(s, &p->face[f], vars);
        }
        for (int q = 0; q < nv; q++) out->coord[f][out->nnz[f] * nv + q] = val_of[vars[q]];
        out->val[f][out->nnz[f]++] = v;
    }
}

static void faces_free(Faces *F)
{
    for (int f = 0; f < (1 << (MAX_ORDER - 1)); f++) {
        free(F->coord[f]);
        free(F->val[f]);
    }
}

/* Sorts a one-list Faces by its entries' output coordinates (the output's
 * modes the entries bind, in mode order), then their others: the order the
 * runtime gives byout instances. */
typedef struct {
    int64_t key, at;
} KeyAt;

static int cmp_keyat(const void *a, const void *b)
{
    int64_t x = ((const KeyAt *)a)->key, y = ((const KeyAt *)b)->key;
    return x < y ? -1 : x > y;
}

static void instances_sort(const Spec *s, const int *ev, int ne, Faces *F)
{
    int own[MAX_ORDER];
    if (!ev) { /* the stored operand's distinct indices */
        const Access *acc = stored_access(s);
        ne = 0;
        for (int m = 0; m < acc->n; m++) {
            int seen = 0;
            for (int q = 0; q < ne; q++) seen |= own[q] == acc->idx[m];
            if (!seen) own[ne++] = acc->idx[m];
        }
        ev = own;
    }
    int order[MAX_ORDER], no = 0, used[MAX_ORDER] = {0};
    for (int m = 0; m < s->assign.lhs.n; m++)
        for (int q = 0; q < ne; q++)
            if (ev[q] == s->assign.lhs.idx[m] && !used[q]) used[q] = 1, order[no++] = q;
    for (int q = 0; q < ne; q++)
        if (!used[q]) order[no++] = q;
    int64_t n = F->nnz[0];
    KeyAt *ka = malloc(sizeof *ka * (size_t)(n + 1));
    int64_t *c = malloc(sizeof(int64_t) * (size_t)(n * ne + 1));
    double *v = malloc(sizeof(double) * (size_t)(n + 1));
    for (int64_t e = 0; e < n; e++) {
        ka[e].key = 0;
        ka[e].at = e;
        for (int q = 0; q < ne; q++) ka[e].key = ka[e].key * NV + F->coord[0][e * ne + order[q]];
    }
    qsort(ka, (size_t)n, sizeof *ka, cmp_keyat);
    for (int64_t e = 0; e < n; e++) {
        memcpy(c + e * ne, F->coord[0] + ka[e].at * ne, sizeof(int64_t) * (size_t)ne);
        v[e] = F->val[0][ka[e].at];
    }
    memcpy(F->coord[0], c, sizeof(int64_t) * (size_t)(n * ne));
    memcpy(F->val[0], v, sizeof(double) * (size_t)n);
    free(ka);
    free(c);
    free(v);
}

/* Storage byout: every canonical point of the stored operand once per
 * update of its face, its coordinates those the update's orbit point gives
 * the operand's indices (group index k takes the value at canonical
 * position perm[k]), in the baseline's coordinate order, its value times
 * the update's factor: one list, each entry an instance of the assignment
 * (derived here from the program, not from the generated tables). */
static void instances_build(const Env *E, const Program *p, int byrow, Faces *out)
{
    const Spec *s = E->s;
    const Tensor *T = &s->tens[s->format_tensor];
    const Access *acc = stored_access(s);
    int ev[MAX_ORDER], ne = 0;
    for (int m = 0; m < acc->n; m++) {
        int seen = 0;
        for (int q = 0; q < ne; q++) seen |= ev[q] == acc->idx[m];
        if (!seen) ev[ne++] = acc->idx[m];
    }
    int64_t sz = ipow(NV, T->order), cap = 0;
    memset(out, 0, sizeof *out);
    for (int pass = 0; pass < 2; pass++) { /* count, then fill */
        if (pass == 1) {
            out->coord[0] = malloc(sizeof(int64_t) * (size_t)(cap * ne + 1));
            out->val[0] = malloc(sizeof(double) * (size_t)(cap + 1));
        }
        for (int64_t k = 0; k < sz; k++) {
            double v = E->data[s->format_tensor][k];
            if (v == (s->red == RED_ADD ? 0.0 : INFINITY)) continue;
            int c[MAX_ORDER], val_of[MAX_INDEX] = {0};
            int64_t x = k;
            for (int m = T->order - 1; m >= 0; m--) c[m] = (int)(x % NV), x /= NV;
            for (int m = 0; m < T->order; m++) val_of[acc->idx[m]] = c[m];
            int f = program_face_of(p, val_of);
            if (f < 0) continue;
            const Face *F = &p->face[f];
            if (pass == 0) {
                cap += F->nupd;
                continue;
            }
            /* byrow: one update per orbit of the output symmetry, its weight
             * the factor over the orbit's stabilizer */
            int orbit[MAX_FACE_UPDATES], stab[MAX_FACE_UPDATES];
            if (byrow && sym_output_orbits(p, f, orbit, stab))
                check_fail("%s: a byrow kernel, but no output-symmetry orbits", s->kernel);
            for (int u = 0; u < F->nupd; u++) {
                if (byrow && orbit[u] != u) continue;
                int64_t *dst = out->coord[0] + out->nnz[0] * ne;
                for (int q = 0; q < ne; q++) {
                    int g = -1;
                    for (int k2 = 0; k2 < p->ngroup; k2++)
                        if (p->group[k2] == ev[q]) g = k2;
                    dst[q] = g >= 0 ? val_of[p->group[F->upd[u].perm[g]]] : val_of[ev[q]];
                }
                double w = s->red == RED_ADD ? (double)F->upd[u].factor : 1.0;
                if (byrow && s->red == RED_ADD) w /= stab[u];
                out->val[0][out->nnz[0]++] = v * w;
            }
        }
    }
    instances_sort(s, ev, ne, out);
}

/* A general sparse operand (format csr) of E as CSR over its dense data:
 * the entries that are not the fill (0 for +=, +inf for min=). */
typedef struct {
    int64_t *ptr, *idx;
    double *val;
} Csr;

static void csr_build(const Env *E, int t, Csr *c)
{
    double fill = E->s->red == RED_ADD ? 0.0 : INFINITY;
    c->ptr = malloc(sizeof(int64_t) * (size_t)(NV + 1));
    c->idx = malloc(sizeof(int64_t) * (size_t)(NV * NV + 1));
    c->val = malloc(sizeof(double) * (size_t)(NV * NV + 1));
    int64_t n = 0;
    for (int r = 0; r < NV; r++) {
        c->ptr[r] = n;
        for (int q = 0; q < NV; q++) {
            double v = E->data[t][r * NV + q];
            if (v == fill) continue;
            c->idx[n] = q;
            c->val[n++] = v;
        }
    }
    c->ptr[NV] = n;
}

/* A sparse output (format OUT sparse): each entry's row, numbered in order
 * of first appearance of the tuple its coordinates give the output's row
 * modes (the leading modes, indexed by the stored operand); tuple[r] the
 * row-major linear index of row r's tuple. Returns the number of rows. */
static int64_t rows_assign(const Spec *s, const Faces *F, int64_t **pos, int64_t *tuple)
{
    const Access *acc = stored_access(s), *L = &s->assign.lhs;
    int ev[MAX_ORDER], ne = 0, at[MAX_ORDER], nb = 0;
    for (int m = 0; m < acc->n; m++) {
        int seen = 0;
        for (int q = 0; q < ne; q++) seen |= ev[q] == acc->idx[m];
        if (!seen) ev[ne++] = acc->idx[m];
    }
    for (int m = 0; m < L->n; m++)
        for (int q = 0; q < ne; q++)
            if (ev[q] == L->idx[m] && nb == m) at[nb++] = q;
    int64_t nrows = 0;
    *pos = malloc(sizeof(int64_t) * (size_t)(F->nnz[0] + 1));
    for (int64_t e = 0; e < F->nnz[0]; e++) {
        int64_t lin = 0, r = 0;
        for (int m = 0; m < nb; m++) lin = lin * NV + F->coord[0][e * ne + at[m]];
        while (r < nrows && tuple[r] != lin) r++;
        if (r == nrows) tuple[nrows++] = lin;
        (*pos)[e] = r;
    }
    return nrows;
}

/* The leading output modes a sparse output keeps as rows. */
static int rows_lead(const Spec *s)
{
    const Access *acc = stored_access(s), *L = &s->assign.lhs;
    int nb = 0;
    while (nb < L->n) {
        int in = 0;
        for (int m = 0; m < acc->n; m++) in |= acc->idx[m] == L->idx[nb];
        if (!in) break;
        nb++;
    }
    return nb;
}

/* Elements of a sparse output's row: the other modes' product, a run of
 * symmetric ones (packed) counted as its sorted runs. */
static int64_t rows_len(const Spec *s, unsigned packed)
{
    const Access *L = &s->assign.lhs;
    int nb = rows_lead(s), m = 0;
    for (int k = nb; k < L->n; k++) m += packed >> k & 1u;
    int64_t len = ipow(NV, L->n - nb - m), runs = 1;
    for (int k = 1; k <= m; k++) runs = runs * (NV + k - 1) / k;
    return len * runs;
}

static void unpack_output(const Spec *s, unsigned modes, const double *packed, double *d);

/* A sparse output's rows (nrows of them, row r at tuple[r] of the row
 * modes) written back into out as the dense layout of all osz elements, a
 * packed run of symmetric free modes (byout) unpacked into its canonical
 * part; elements in no row hold the fill. */
static void rows_to_dense(const Spec *s, const Program *p, int byout, void *out, int dbl,
                          int64_t nrows, const int64_t *tuple, int64_t osz)
{
    unsigned packed = byout && p->out_kind == OUT_LOOPS ? p->out_sym : 0u;
    int64_t len = rows_len(s, packed);
    double fill = s->red == RED_ADD ? 0.0 : INFINITY;
    double *P = malloc(sizeof(double) * (size_t)osz), *d = malloc(sizeof(double) * (size_t)osz);
    for (int64_t k = 0; k < osz; k++) P[k] = d[k] = fill;
    for (int64_t r = 0; r < nrows; r++)
        for (int64_t k = 0; k < len; k++) {
            int64_t src = r * len + k;
            P[tuple[r] * len + k] = dbl ? ((double *)out)[src] : ((float *)out)[src];
        }
    if (packed)
        unpack_output(s, packed, P, d);
    else
        memcpy(d, P, sizeof(double) * (size_t)osz);
    for (int64_t k = 0; k < osz; k++) {
        if (dbl)
            ((double *)out)[k] = d[k];
        else
            ((float *)out)[k] = (float)d[k];
    }
    free(P);
    free(d);
}

/* The folded storage (storage "fold"): every canonical point with all the
 * interior access's coordinates (int32), its value times its face's fold
 * ratio. */
typedef struct {
    int64_t nnz;
    int32_t *coord;
    double *val;
} Folded;

/* The canonical points with the interior access's coordinates; fold: the
 * values times their face's fold ratio, else as they are, with each
 * point's tie pattern in mask (if not NULL). */
static void points_build(const Env *E, const Program *p, int fold, Folded *out, unsigned *mask);

static void folded_build(const Env *E, const Program *p, Folded *out)
{
    points_build(E, p, 1, out, NULL);
}

static void points_build(const Env *E, const Program *p, int fold, Folded *out, unsigned *mask)
{
    const Spec *s = E->s;
    const Tensor *T = &s->tens[s->format_tensor];
    int num[1 << (MAX_ORDER - 1)], den[1 << (MAX_ORDER - 1)];
    for (int f = 0; f < (1 << (MAX_ORDER - 1)); f++) num[f] = den[f] = 1;
    if (fold && sym_fold(p, num, den))
        check_fail("%s: a fold kernel, but sym_fold fails", s->kernel);
    const Access *acc = stored_access(s);
    int vars[MAX_ORDER], nv = face_coords(s, &p->face[0], vars);
    int64_t sz = ipow(NV, T->order);
    out->nnz = 0;
    out->coord = malloc(sizeof(int32_t) * (size_t)(sz * MAX_ORDER + 1));
    out->val = malloc(sizeof(double) * (size_t)(sz + 1));
    for (int64_t k = 0; k < sz; k++) {
        double v = E->data[s->format_tensor][k];
        if (v == 0.0) continue;
        int c[MAX_ORDER];
        int64_t x = k;
        for (int m = T->order - 1; m >= 0; m--) c[m] = (int)(x % NV), x /= NV;
        int val_of[MAX_INDEX] = {0};
        for (int m = 0; m < T->order; m++) val_of[acc->idx[m]] = c[m];
        int ties = program_face_of(p, val_of);
        if (ties < 0) continue; /* not canonical */
        for (int q = 0; q < nv; q++) out->coord[out->nnz * nv + q] = val_of[vars[q]];
        if (mask) mask[out->nnz] = ties;
        out->val[out->nnz++] = v * num[ties] / den[ties];
    }
}

/* Compressed sparse fibers of the full operand (storage "csf"), levels in
 * mode order: the dense data is visited in row-major order, which is the
 * lexicographic order of the coordinates. */
typedef struct {
    int64_t nfib[MAX_ORDER];
    int64_t *ptr[MAX_ORDER];
    int32_t *idx[MAX_ORDER];
    double *val;
} Fibers;

static void fibers_build(const Env *E, Fibers *F)
{
    const Spec *s = E->s;
    int N = s->tens[s->format_tensor].order;
    int64_t sz = ipow(NV, N);
    memset(F, 0, sizeof *F);
    if (N < 1 || N > MAX_ORDER) return;
    for (int t = 0; t < N; t++) {
        F->ptr[t] = malloc(sizeof(int64_t) * (size_t)(sz + 2));
        F->idx[t] = malloc(sizeof(int32_t) * (size_t)(sz + 1));
    }
    F->val = malloc(sizeof(double) * (size_t)(sz + 1));
    int last[MAX_ORDER];
    for (int t = 0; t < N; t++) last[t] = -1;
    for (int64_t k = 0; k < sz; k++) {
        double v = E->data[s->format_tensor][k];
        if (v == 0.0) continue;
        int c[MAX_ORDER] = {0};
        int64_t x = k;
        for (int m = N - 1; m >= 0; m--) c[m] = (int)(x % NV), x /= NV;
        /* the first level where this entry leaves the previous one's path:
         * new nodes from there down */
        int d = 0;
        while (d < N - 1 && last[d] == c[d]) d++;
        for (int t = d; t < N; t++) {
            if (t < N - 1) F->ptr[t][F->nfib[t]] = F->nfib[t + 1];
            F->idx[t][F->nfib[t]++] = c[t];
            last[t] = c[t];
        }
        F->val[F->nfib[N - 1] - 1] = v;
    }
    for (int t = 0; t < N - 1; t++) F->ptr[t][F->nfib[t]] = F->nfib[t + 1];
}

/* The same from a lexicographically sorted list of distinct tuples (the
 * folded entries, for storage "foldtree"). */
static void fibers_from_list(int N, int64_t nnz, const int32_t *coord, Fibers *F)
{
    memset(F, 0, sizeof *F);
    if (N < 1 || N > MAX_ORDER) return;
    for (int t = 0; t < N; t++) {
        F->ptr[t] = malloc(sizeof(int64_t) * (size_t)(nnz + 2));
        F->idx[t] = malloc(sizeof(int32_t) * (size_t)(nnz + 1));
    }
    for (int64_t e = 0; e < nnz; e++) {
        const int32_t *c = coord + e * N;
        int d = 0;
        while (e > 0 && d < N - 1 && coord[(e - 1) * N + d] == c[d]) d++;
        for (int t = d; t < N; t++) {
            if (t < N - 1) F->ptr[t][F->nfib[t]] = F->nfib[t + 1];
            F->idx[t][F->nfib[t]++] = c[t];
        }
    }
    for (int t = 0; t < N - 1; t++) F->ptr[t][F->nfib[t]] = F->nfib[t + 1];
}

static void fibers_free(Fibers *F)
{
    for (int t = 0; t < MAX_ORDER; t++) {
        free(F->ptr[t]);
        free(F->idx[t]);
    }
    free(F->val);
}

/* The packed layout (gen/README.md): the run of symmetric modes, values
 * a_0 <= ... <= a_(m-1), is one index in lexicographic order of such runs,
 * row-major with the other modes. Its rank is counted here by enumeration
 * (independent of the generator's closed form). */
static void unpack_output(const Spec *s, unsigned modes, const double *packed, double *d)
{
    const Access *L = &s->assign.lhs;
    int p0 = 0, m = 0;
    while (!(modes >> p0 & 1u)) p0++;
    while (modes >> (p0 + m) & 1u) m++;
    int64_t runs = 0, pre = ipow(NV, p0), post = ipow(NV, L->n - p0 - m);
    int64_t cnt = 0; /* the number of sorted runs, C(NV+m-1, m) */
    for (int64_t q = 0, r = ipow(NV, m); q < r; q++) {
        int64_t z = q, ok = 1, prev = NV;
        for (int k = 0; k < m; k++, z /= NV) ok &= z % NV <= prev, prev = z % NV;
        cnt += ok;
    }
    int a[MAX_ORDER] = {0};
    for (;;) { /* the sorted runs in lexicographic order */
        int64_t run = 0;
        for (int k = 0; k < m; k++) run = run * NV + a[k];
        for (int64_t x = 0; x < pre; x++)
            for (int64_t y = 0; y < post; y++)
                d[(x * ipow(NV, m) + run) * post + y] = packed[(x * cnt + runs) * post + y];
        runs++;
        int k = m - 1;
        while (k >= 0 && a[k] == NV - 1) k--;
        if (k < 0) break;
        a[k]++;
        for (int q = k + 1; q < m; q++) a[q] = a[k];
    }
}

/* A generated kernel as the checks read it: from the test registry's
 * meta table and its (single, unsuffixed) kernel table. */
typedef struct {
    const char *name, *op, *storage, *sched;
    char dtype;
    systec_kfn fn;
} kentry;

static kentry kernel_entry(int kid)
{
    const systec_kmeta_t *m = &systec_test_kernels_meta[kid];
    return (kentry){m->name, systec_test_kernels_op_names[m->op],
                    systec_test_kernels_storage_names[m->storage],
                    systec_test_kernels_sched_names[m->sched], m->dtype,
                    systec_test_kernels_impl[kid].fn};
}

/* The parallel schedules of the ranked kernels (omp_private, omp_owner:
 * gen/lower_omp_tensor.c) run the serial kernel they are given: the
 * run-time rank form ("rin", else "rblk") of the same op, storage and type. */
static int omp_sched(const kentry *e) { return !strncmp(e->sched, "omp_", 4); }

static kentry omp_body(const kentry *e)
{
    kentry b = {0};
    for (int q = 0; q < 2 && !b.fn; q++)
        for (int k = 0; k < SYSTEC_K_COUNT; k++) {
            kentry c = kernel_entry(k);
            if (c.dtype == e->dtype && !strcmp(c.op, e->op) && !strcmp(c.storage, e->storage) &&
                !strcmp(c.sched, q ? "rblk" : "rin"))
                b = c;
        }
    return b;
}

/* A partition of 3 parts for a parallel schedule: entries (entry ABI, lo
 * the part's lowest coordinate) or root nodes (tree ABI, lo 0) in thirds,
 * copies of all orows rows (omp_private); root coordinates 0 .. NV-1 in
 * thirds (omp_owner). */
typedef struct {
    systec_kpart_t k;
    int64_t e[4], r[4], lo[3], boff[4];
} TPart;

static void tpart_make(TPart *P, int64_t nnz, const int32_t *coord, int N, int64_t roots,
                       int64_t orows, int R, int dbl)
{
    memset(P, 0, sizeof *P);
    int64_t total = coord ? nnz : roots;
    for (int t = 0; t <= 3; t++) {
        P->e[t] = total * t / 3;
        P->r[t] = (int64_t)NV * t / 3;
        P->boff[t] = t ? (t - 1) * orows : 0;
    }
    for (int t = 0; t < 3; t++) {
        P->lo[t] = coord ? orows : 0;
        for (int64_t x = P->e[t] * N; coord && x < P->e[t + 1] * N; x++)
            if (coord[x] < P->lo[t]) P->lo[t] = coord[x];
    }
    P->k.nparts = P->k.nthreads = 3;
    P->k.e = P->e, P->k.r = P->r, P->k.lo = P->lo, P->k.boff = P->boff;
    P->k.rmin = P->lo[1] < P->lo[2] ? P->lo[1] : P->lo[2];
    P->k.rmax = orows;
    P->k.buf = calloc((size_t)(2 * orows * R + 1), dbl ? 8 : 4);
}

typedef void (*entry_kfn)(int64_t, const int32_t *, const void *, const void *const *,
                          const int64_t *, const int64_t *, void *);
typedef void (*tree_kfn)(const systec_csf_t *, const void *const *, const int64_t *,
                         const int64_t *, void *);

/* A ranked kernel of the entry ABI, or its parallel schedule. */
static void call_entry(const kentry *e, int64_t nnz, const int32_t *coord, int N, const void *val,
                       void *const *dense, const int64_t *dims, const int64_t *ld, void *o,
                       int64_t orows, int R)
{
    if (!omp_sched(e)) {
        ((entry_kfn)e->fn)(nnz, coord, val, (const void *const *)dense, dims, ld, o);
        return;
    }
    TPart P;
    tpart_make(&P, nnz, coord, N, 0, orows, R, e->dtype == 'd');
    ((void (*)(const systec_kpart_t *, entry_kfn, int64_t, const int32_t *, const void *,
               const void *const *, const int64_t *, const int64_t *, void *))e->fn)(
        &P.k, (entry_kfn)omp_body(e).fn, nnz, coord, val, (const void *const *)dense, dims, ld,
        o);
    free(P.k.buf);
}

/* A ranked kernel of the tree ABI (csf: its trees), or its parallel schedule. */
static void call_tree(const kentry *e, const systec_csf_t *csf, void *const *dense,
                      const int64_t *dims, const int64_t *ld, void *o, int64_t orows, int R)
{
    if (!omp_sched(e)) {
        ((tree_kfn)e->fn)(csf, (const void *const *)dense, dims, ld, o);
        return;
    }
    TPart P;
    tpart_make(&P, 0, NULL, 0, csf->nfib[0], orows, R, e->dtype == 'd');
    ((void (*)(const systec_kpart_t *, tree_kfn, const systec_csf_t *, const void *const *,
               const int64_t *, const int64_t *, void *))e->fn)(
        &P.k, (tree_kfn)omp_body(e).fn, csf, (const void *const *)dense, dims, ld, o);
    free(P.k.buf);
}

/* The rank-specialised kernels (schedules r<R>, rblk: gen/lower_ranked.c)
 * take rows of the free index (the last mode of the output and of every
 * dense operand) with leading dimensions. The harness runs them with the
 * free extent R (the compiled one; 19 for rblk: one block of 16 and a
 * remainder; 67 for rin: one block of 64 and a remainder), the NV values of each row in its last NV columns and zeros
 * before them; the output's first R - NV columns must come out zero. */
static int ranked_extent(const char *sched)
{
    if (sched[0] != 'r') return 0;
    if (!strcmp(sched, "rblk")) return 19;
    if (!strcmp(sched, "rin")) return 67; /* a block of 64 inside fibers, and 3 */
    return sched[1] >= '0' && sched[1] <= '9' ? atoi(sched + 1) : 0;
}

/* A dense operand of `order` modes (NV each) as rows of R: row-major copy
 * into the last NV columns. */
static void *ranked_rows(const double *data, int order, int R, int dbl)
{
    int64_t rows = ipow(NV, order - 1);
    void *x = calloc((size_t)(rows * R + 1), dbl ? 8 : 4);
    for (int64_t q = 0; q < rows; q++)
        for (int v = 0; v < NV; v++) {
            double d = data[q * NV + v];
            if (dbl)
                ((double *)x)[q * R + R - NV + v] = d;
            else
                ((float *)x)[q * R + R - NV + v] = (float)d;
        }
    return x;
}

/* The kernels' view of fibers F of order N, with the leaf values lv
 * converted to the kernel's type in *vals (allocated; the caller frees). */
static systec_csf_t csf_view(const Fibers *F, int N, const double *lv, int dbl, void **vals)
{
    int64_t nleaf = N > 0 ? F->nfib[N - 1] : 0;
    *vals = malloc((size_t)(nleaf + 1) * (dbl ? 8 : 4));
    for (int64_t k = 0; k < nleaf; k++)
        dbl ? (void)(((double *)*vals)[k] = lv[k]) : (void)(((float *)*vals)[k] = (float)lv[k]);
    systec_csf_t csf;
    memset(&csf, 0, sizeof csf);
    csf.order = N;
    for (int t = 0; t < N; t++) {
        csf.nfib[t] = F->nfib[t];
        csf.ptr[t] = F->ptr[t];
        csf.idx[t] = F->idx[t];
    }
    csf.val = *vals;
    return csf;
}

/* The fibers a tree kernel reads: the folded entries (tree: foldtree, fo
 * filled) or the full operand (csf); returns their order. */
static int tree_fibers(const Env *E, const Program *p, int tree, Folded *fo, Fibers *fi)
{
    const Spec *s = E->s;
    if (!tree) {
        fibers_build(E, fi);
        return s->tens[s->format_tensor].order;
    }
    folded_build(E, p, fo);
    int vars[MAX_ORDER], N = face_coords(s, &p->face[0], vars);
    fibers_from_list(N, fo->nnz, fo->coord, fi);
    return N;
}

/* Whether tuple x comes after tuple y in lexicographic order. */
static int tuple_after(const int32_t *x, const int32_t *y, int N)
{
    for (int t = 0; t < N; t++)
        if (x[t] != y[t]) return x[t] > y[t];
    return 0;
}

/* The per-update kernel (storage "fibers"): interior update u runs over its
 * own fibers -- the canonical points whose tie pattern gives u a nonzero
 * weight (sym_fold_updates), levels the update's output coordinates then
 * the point's others, values times the weight -- as the generator lays
 * them out (gen/lower_ranked.c). Returns 0, or 1 after a failure. */
static int run_fibers(const kentry *e, const Env *E, const Program *p,
                      void *const *dense, const int64_t *dims, const int64_t *ld, void *o,
                      int64_t orows, int R)
{
    const Spec *s = E->s;
    const Face *I = &p->face[0];
    int dbl = e->dtype == 'd', nu = I->nupd, free_id = s->assign.lhs.idx[s->assign.lhs.n - 1];
    int vars[MAX_ORDER], N = face_coords(s, I, vars);
    int *w = malloc(sizeof(int) * (size_t)(p->nface * nu));
    if (sym_fold_updates(p, w)) {
        free(w);
        return check_fail("%s: a fibers kernel, but sym_fold_updates fails", e->name);
    }
    int64_t sz = ipow(NV, s->tens[s->format_tensor].order);
    unsigned *mask = malloc(sizeof(unsigned) * (size_t)(sz + 1));
    Folded pts = {0};
    points_build(E, p, 0, &pts, mask);
    systec_csf_t csf[MAX_OPERAND * 4];
    Fibers fi[MAX_OPERAND * 4];
    void *vals[MAX_OPERAND * 4];
    int32_t *tup = malloc(sizeof(int32_t) * (size_t)(pts.nnz * N + 1));
    double *tv = malloc(sizeof(double) * (size_t)(pts.nnz + 1));
    for (int u = 0; u < nu; u++) {
        /* the pass's level order: output coordinates, then the others */
        int lev[MAX_ORDER], L = 0, used[MAX_INDEX] = {0};
        for (int m = 0; m < I->upd[u].lhs.n; m++) {
            int id = I->upd[u].lhs.idx[m];
            if (id == free_id || used[id]) continue;
            for (int v = 0; v < N; v++)
                if (vars[v] == id) lev[L++] = v, used[id] = 1;
        }
        for (int v = 0; v < N; v++)
            if (!used[vars[v]]) lev[L++] = v, used[vars[v]] = 1;
        int64_t m = 0;
        for (int64_t k = 0; k < pts.nnz; k++) {
            int wt = w[mask[k] * nu + u];
            if (!wt) continue;
            for (int t = 0; t < N; t++) tup[m * N + t] = pts.coord[k * N + lev[t]];
            tv[m++] = pts.val[k] * wt;
        }
        /* sort the tuples (insertion sort: a few hundred points) */
        for (int64_t x = 1; x < m; x++)
            for (int64_t y = x; y > 0 && tuple_after(tup + (y - 1) * N, tup + y * N, N); y--) {
                for (int t = 0; t < N; t++) {
                    int32_t q = tup[y * N + t];
                    tup[y * N + t] = tup[(y - 1) * N + t];
                    tup[(y - 1) * N + t] = q;
                }
                double q = tv[y];
                tv[y] = tv[y - 1];
                tv[y - 1] = q;
            }
        fibers_from_list(N, m, tup, &fi[u]);
        csf[u] = csf_view(&fi[u], N, tv, dbl, &vals[u]);
    }
    call_tree(e, csf, dense, dims, ld, o, orows, R);
    for (int u = 0; u < nu; u++) {
        fibers_free(&fi[u]);
        free(vals[u]);
    }
    free(tup);
    free(tv);
    free(w);
    free(mask);
    free(pts.coord);
    free(pts.val);
    return 0;
}

/* Runs a ranked kernel; its output (rows of R) is compacted into out
 * (NV per row). Returns 0, or 1 after a failure message. */
static int run_ranked(const kentry *e, const Env *E, const Program *p, int R,
                      const Faces *F, void *out, int64_t osz)
{
    const Spec *s = E->s;
    int dbl = e->dtype == 'd', N = s->tens[s->format_tensor].order;
    const Access *lhs = &s->assign.lhs;
    void *dense[MAX_TENSOR];
    int nd = 0;
    for (int t = 0; t < s->ntens; t++)
        if (t != s->format_tensor && t != lhs->t)
            dense[nd++] = ranked_rows(E->data[t], s->tens[t].order, R, dbl);
    int64_t dims[MAX_INDEX], ld[MAX_TENSOR];
    for (int i = 0; i < MAX_INDEX; i++) dims[i] = NV;
    dims[lhs->idx[lhs->n - 1]] = R;
    for (int k = 0; k <= nd; k++) ld[k] = R;
    int64_t orows = osz / NV;
    void *o = calloc((size_t)(orows * R + 1), dbl ? 8 : 4);
    int bad = 0;
    Folded fo = {0};
    Fibers fi = {{0}, {0}, {0}, 0};
    int32_t *coord = NULL;
    void *vals = NULL;
    const double *lv = NULL;
    if (!strcmp(e->storage, "fold") || !strcmp(e->storage, "coofull")) {
        int64_t nnz;
        if (!strcmp(e->storage, "fold")) {
            folded_build(E, p, &fo);
            nnz = fo.nnz;
            lv = fo.val;
            coord = fo.coord;
            fo.coord = NULL;
        } else { /* the full operand's entries, int32 coordinates */
            int vars[MAX_ORDER];
            Program id;
            program_identity(&id, s);
            int nv = face_coords(s, &id.face[0], vars);
            program_free(&id);
            nnz = F->nnz[0];
            lv = F->val[0];
            coord = malloc(sizeof(int32_t) * (size_t)(nnz * nv + 1));
            for (int64_t k = 0; k < nnz * nv; k++) coord[k] = (int32_t)F->coord[0][k];
        }
        vals = malloc((size_t)(nnz + 1) * (dbl ? 8 : 4));
        for (int64_t k = 0; k < nnz; k++)
            dbl ? (void)(((double *)vals)[k] = lv[k]) : (void)(((float *)vals)[k] = (float)lv[k]);
        int cv[MAX_ORDER], nc = face_coords(s, &p->face[0], cv); /* a fold entry's */
        call_entry(e, nnz, coord, nc, vals, dense, dims, ld, o, orows, R);
    } else if (!strcmp(e->storage, "fibers")) {
        bad = run_fibers(e, E, p, dense, dims, ld, o, orows, R);
    } else {
        int tree = !strcmp(e->storage, "foldtree");
        N = tree_fibers(E, p, tree, &fo, &fi);
        systec_csf_t csf = csf_view(&fi, N, tree ? fo.val : fi.val, dbl, &vals);
        call_tree(e, &csf, dense, dims, ld, o, orows, R);
    }
    for (int64_t q = 0; q < orows; q++)
        for (int v = 0; v < R; v++) {
            double x = dbl ? ((double *)o)[q * R + v] : ((float *)o)[q * R + v];
            if (v >= R - NV) {
                if (dbl)
                    ((double *)out)[q * NV + v - (R - NV)] += x;
                else
                    ((float *)out)[q * NV + v - (R - NV)] += (float)x;
            } else if (x != 0 && !bad) {
                bad = check_fail("%s: column %d of output row %lld (zero B) = %g", e->name, v,
                                 (long long)q, x);
            }
        }
    for (int k = 0; k < nd; k++) free(dense[k]);
    free(o);
    free(coord);
    free(vals);
    free(fo.coord);
    free(fo.val);
    fibers_free(&fi);
    return bad;
}

/* Runs one generated kernel on E and compares it with the naive result. */
static int check_kernel(const kentry *e, const Env *E, const Program *p,
                        const double *naive, const double *bound)
{
    const Spec *s = E->s;
    int full = !strcmp(e->storage, "coofull"), dbl = e->dtype == 'd';
    int byout = !strcmp(e->storage, "byout"), byrow = !strcmp(e->storage, "byrow");
    Faces F;
    if (byout || byrow)
        instances_build(E, p, byrow, &F);
    else
        faces_build(E, p, full, &F);
    systec_gface_t gf[1 << (MAX_ORDER - 1)];
    memset(gf, 0, sizeof gf);
    float *fval[1 << (MAX_ORDER - 1)] = {0};
    int64_t *rowpos = NULL, *tuple = NULL, nrows = 0;
    if (s->rows_out) { /* the symbolic phase: each entry's output row */
        tuple = malloc(sizeof(int64_t) * (size_t)(F.nnz[0] + 1));
        nrows = rows_assign(s, &F, &rowpos, tuple);
        gf[0].pos = rowpos;
    }
    for (int f = 0; f < (full || byout || byrow ? 1 : p->nface); f++) {
        gf[f].nnz = F.nnz[f];
        gf[f].coord = F.coord[f];
        gf[f].val = F.val[f];
        if (!dbl) {
            fval[f] = malloc(sizeof(float) * (size_t)(F.nnz[f] + 1));
            for (int64_t k = 0; k < F.nnz[f]; k++) fval[f][k] = (float)F.val[f][k];
            gf[f].val = fval[f];
        }
    }
    const void *dense[MAX_TENSOR];
    void *owned[MAX_TENSOR] = {0};
    int nd = 0;
    systec_gcsr_t sp[MAX_TENSOR];
    Csr csr[MAX_TENSOR];
    int nsp = 0;
    for (int t = 0; t < s->ntens; t++) {
        if (t == s->format_tensor || t == s->assign.lhs.t) continue;
        if (s->sparse_in >> t & 1u) { /* a general sparse operand */
            Csr *c = &csr[nsp];
            csr_build(E, t, c);
            sp[nsp] = (systec_gcsr_t){c->ptr, c->idx, c->val};
            if (!dbl) {
                float *fv = malloc(sizeof(float) * (size_t)(c->ptr[NV] + 1));
                for (int64_t k = 0; k < c->ptr[NV]; k++) fv[k] = (float)c->val[k];
                sp[nsp].val = owned[t] = fv;
            }
            nsp++;
            continue;
        }
        if (dbl) {
            dense[nd++] = E->data[t];
        } else {
            int64_t sz = ipow(NV, s->tens[t].order);
            float *c = malloc(sizeof(float) * (size_t)sz);
            for (int64_t k = 0; k < sz; k++) c[k] = (float)E->data[t][k];
            dense[nd++] = owned[t] = c;
        }
    }
    int64_t dims[MAX_INDEX];
    for (int i = 0; i < MAX_INDEX; i++) dims[i] = NV;
    int64_t osz = ipow(NV, s->tens[s->assign.lhs.t].order);
    void *out = malloc((size_t)osz * (dbl ? 8 : 4));
    for (int64_t k = 0; k < osz; k++) {
        double init = s->red == RED_ADD ? 0.0 : INFINITY;
        if (dbl)
            ((double *)out)[k] = init;
        else
            ((float *)out)[k] = (float)init;
    }
    Folded fo = {0};
    Fibers fi;
    memset(&fi, 0, sizeof fi);
    void *fv = NULL, *work = NULL;
    int rank = ranked_extent(omp_sched(e) ? omp_body(e).sched : e->sched);
    if (rank) {
        if (run_ranked(e, E, p, rank, &F, out, osz)) {
            for (int f = 0; f < (1 << (MAX_ORDER - 1)); f++) free(fval[f]);
            for (int t = 0; t < MAX_TENSOR; t++) free(owned[t]);
            free(out);
            faces_free(&F);
            return 1;
        }
    } else if (!strcmp(e->storage, "fold")) {
        folded_build(E, p, &fo);
        fv = malloc((size_t)(fo.nnz + 1) * (dbl ? 8 : 4));
        for (int64_t k = 0; k < fo.nnz; k++)
            dbl ? (void)(((double *)fv)[k] = fo.val[k]) : (void)(((float *)fv)[k] = (float)fo.val[k]);
        if (dbl)
            ((void (*)(int64_t, const int32_t *, const double *, const double *const *,
                       const int64_t *, double *))e->fn)(fo.nnz, fo.coord, fv,
                                                         (const double *const *)dense, dims, out);
        else
            ((void (*)(int64_t, const int32_t *, const float *, const float *const *,
                       const int64_t *, float *))e->fn)(fo.nnz, fo.coord, fv,
                                                        (const float *const *)dense, dims, out);
    } else if (!strcmp(e->storage, "csf") || !strcmp(e->storage, "foldtree")) {
        int tree = !strcmp(e->storage, "foldtree");
        int N = tree_fibers(E, p, tree, &fo, &fi);
        systec_csf_t csf = csf_view(&fi, N, tree ? fo.val : fi.val, dbl, &fv);
        /* the workspace: N (csf) or 2N (foldtree) rows of dims[free]; NaN
         * shows a read of a row the kernel did not set */
        work = malloc(sizeof(double) * (size_t)(2 * N * NV + 1));
        for (int q = 0; q < 2 * N * NV; q++)
            dbl ? (void)(((double *)work)[q] = NAN) : (void)(((float *)work)[q] = NAN);
        if (dbl)
            ((void (*)(const systec_csf_t *, const double *const *, const int64_t *, double *,
                       double *))e->fn)(&csf, (const double *const *)dense, dims, out, work);
        else
            ((void (*)(const systec_csf_t *, const float *const *, const int64_t *, float *,
                       float *))e->fn)(&csf, (const float *const *)dense, dims, out, work);
    } else if (byrow) { /* work: one output row */
        work = malloc(sizeof(double) * (size_t)(osz + 1));
        if (dbl)
            ((void (*)(const systec_gface_t *, const double *const *, const int64_t *, double *,
                       double *))e->fn)(gf, (const double *const *)dense, dims, out, work);
        else
            ((void (*)(const systec_gface_t *, const float *const *, const int64_t *, float *,
                       float *))e->fn)(gf, (const float *const *)dense, dims, out, work);
    } else if (s->sparse_in && dbl) {
        ((void (*)(const systec_gface_t *, const systec_gcsr_t *, const double *const *,
                   const int64_t *, double *))e->fn)(gf, sp, (const double *const *)dense, dims,
                                                     out);
    } else if (s->sparse_in) {
        ((void (*)(const systec_gface_t *, const systec_gcsr_t *, const float *const *,
                   const int64_t *, float *))e->fn)(gf, sp, (const float *const *)dense, dims,
                                                    out);
    } else if (dbl) {
        ((void (*)(const systec_gface_t *, const double *const *, const int64_t *, double *))e->fn)(
            gf, (const double *const *)dense, dims, out);
    } else {
        ((void (*)(const systec_gface_t *, const float *const *, const int64_t *, float *))e->fn)(
            gf, (const float *const *)dense, dims, out);
    }
    if (s->rows_out) /* rows back to the dense layout (never-written elements: the fill) */
        rows_to_dense(s, p, byout || byrow, out, dbl, nrows, tuple, osz);
    for (int t = 0; t < nsp; t++) {
        free(csr[t].ptr);
        free(csr[t].idx);
        free(csr[t].val);
    }
    free(rowpos);
    free(tuple);
    full |= !strcmp(e->storage, "csf"); /* the baselines write all of the output */
    free(fo.coord);
    free(fo.val);
    fibers_free(&fi);
    free(fv);
    free(work);
    if (!full && p->out_sym) { /* the kernel wrote the canonical part only */
        double *w = malloc(sizeof(double) * (size_t)osz);
        for (int64_t k = 0; k < osz; k++) w[k] = dbl ? ((double *)out)[k] : ((float *)out)[k];
        if (s->packed_out) { /* unpack into the dense canonical part */
            double *d = calloc((size_t)osz, sizeof(double));
            unpack_output(s, p->out_sym, w, d);
            free(w);
            w = d;
        }
        expand_output(s, p->out_sym, w);
        for (int64_t k = 0; k < osz; k++) {
            if (dbl)
                ((double *)out)[k] = w[k];
            else
                ((float *)out)[k] = (float)w[k];
        }
        free(w);
    }
    double tol = dbl ? 1e-12 : 1e-12 * (FLT_EPSILON / DBL_EPSILON);
    int bad = 0;
    for (int64_t k = 0; k < osz && !bad; k++) {
        double v = dbl ? ((double *)out)[k] : ((float *)out)[k];
        double want = naive[k];
        int ok = s->red == RED_MIN ? (v == (dbl ? want : (double)(float)want))
                                   : fabs(v - want) <= tol * bound[k];
        if (!ok)
            bad = check_fail("%s: output element %lld = %.17g, naive %.17g", e->name,
                             (long long)k, v, want);
    }
    if (!bad) check_true(1, e->name);
    for (int f = 0; f < (1 << (MAX_ORDER - 1)); f++) free(fval[f]);
    for (int t = 0; t < MAX_TENSOR; t++) free(owned[t]);
    free(out);
    faces_free(&F);
    return bad;
}

/* Every kernel generated from the spec directories against the naive
 * evaluation (a kernel's spec is OP.spec in one of the directories). */
static int check_lowered(char **dirs, int ndir)
{
    int fails = 0;
    for (int k = 0; k < SYSTEC_K_COUNT; k++) {
        const kentry ek = kernel_entry(k), *e = &ek;
        char path[1024], err[512] = "no OP.spec in the spec directories";
        Spec s;
        Program p;
        int found = 0;
        for (int d = 0; d < ndir && !found; d++) {
            snprintf(path, sizeof path, "%s/%s.spec", dirs[d], e->op);
            FILE *f = fopen(path, "r");
            if (f) fclose(f);
            found = f != NULL;
        }
        if (!found || spec_parse_file(path, &s, err, sizeof err) ||
            symmetrize(&p, &s, err, sizeof err)) {
            fails += check_fail("%s: %s", e->name, err);
            continue;
        }
        set_nv(&s);
        Env E, Eabs;
        env_init(&E, &s);
        /* |data| gives the bound sum of |terms| */
        env_init(&Eabs, &s);
        for (int t = 0; t < s.ntens; t++) {
            int64_t sz = ipow(NV, s.tens[t].order);
            for (int64_t q = 0; q < sz; q++) Eabs.data[t][q] = fabs(E.data[t][q]);
        }
        int64_t osz = ipow(NV, s.tens[s.assign.lhs.t].order);
        double *naive = malloc(sizeof(double) * (size_t)osz);
        double *bound = malloc(sizeof(double) * (size_t)osz);
        for (int64_t q = 0; q < osz; q++) naive[q] = s.red == RED_ADD ? 0 : INFINITY, bound[q] = 0;
        eval_naive(&E, naive);
        if (s.red == RED_ADD) eval_naive(&Eabs, bound);
        fails += check_kernel(e, &E, &p, naive, bound);
        free(naive);
        free(bound);
        env_free(&E);
        env_free(&Eabs);
        program_free(&p);
    }
    return fails;
}

/* --time CELLS DIR...: not a test. For each spec, its double symmetric
 * generic kernel and baseline (coo, coofull) on the same random data (about
 * CELLS cells in its largest tensor), median of 5 paired runs: prints the baseline/symmetric time
 * ratio (for the generator's notes; wall-clock, not asserted). */
static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double run_generic(const kentry *e, const Env *E, const Program *p, double *out)
{
    const Spec *s = E->s;
    int full = !strcmp(e->storage, "coofull"), byout = !strcmp(e->storage, "byout");
    int byrow = !strcmp(e->storage, "byrow");
    Faces F;
    if (byout || byrow)
        instances_build(E, p, byrow, &F);
    else
        faces_build(E, p, full, &F);
    if (full) instances_sort(s, NULL, 0, &F); /* the baseline's entries by output, too */
    systec_gface_t gf[1 << (MAX_ORDER - 1)];
    memset(gf, 0, sizeof gf);
    for (int f = 0; f < (full || byout || byrow ? 1 : p->nface); f++) {
        gf[f].nnz = F.nnz[f];
        gf[f].coord = F.coord[f];
        gf[f].val = F.val[f];
    }
    int64_t *rowpos = NULL, *tuple = NULL;
    if (s->rows_out) { /* the symbolic phase, not timed */
        tuple = malloc(sizeof(int64_t) * (size_t)(F.nnz[0] + 1));
        rows_assign(s, &F, &rowpos, tuple);
        gf[0].pos = rowpos;
    }
    const void *dense[MAX_TENSOR];
    systec_gcsr_t sp[MAX_TENSOR];
    Csr csr[MAX_TENSOR];
    int nd = 0, nsp = 0;
    for (int t = 0; t < s->ntens; t++) {
        if (t == s->format_tensor || t == s->assign.lhs.t) continue;
        if (s->sparse_in >> t & 1u) {
            csr_build(E, t, &csr[nsp]);
            sp[nsp] = (systec_gcsr_t){csr[nsp].ptr, csr[nsp].idx, csr[nsp].val};
            nsp++;
        } else {
            dense[nd++] = E->data[t];
        }
    }
    int64_t dims[MAX_INDEX];
    for (int i = 0; i < MAX_INDEX; i++) dims[i] = NV;
    int64_t osz = ipow(NV, s->tens[s->assign.lhs.t].order);
    for (int64_t k = 0; k < osz; k++) out[k] = s->red == RED_ADD ? 0.0 : INFINITY;
    double *work = byrow ? malloc(sizeof(double) * (size_t)(osz + 1)) : NULL;
    double t0 = now_s();
    if (byrow)
        ((void (*)(const systec_gface_t *, const double *const *, const int64_t *, double *,
                   double *))e->fn)(gf, (const double *const *)dense, dims, out, work);
    else if (s->sparse_in)
        ((void (*)(const systec_gface_t *, const systec_gcsr_t *, const double *const *,
                   const int64_t *, double *))e->fn)(gf, sp, (const double *const *)dense, dims,
                                                     out);
    else
        ((void (*)(const systec_gface_t *, const double *const *, const int64_t *, double *))
             e->fn)(gf, (const double *const *)dense, dims, out);
    double t = now_s() - t0;
    for (int q = 0; q < nsp; q++) {
        free(csr[q].ptr);
        free(csr[q].idx);
        free(csr[q].val);
    }
    free(work);
    free(rowpos);
    free(tuple);
    faces_free(&F);
    return t;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The double generic-schedule kernel of op in storage st, or -1. */
static int kernel_of(const char *op, const char *st)
{
    for (int q = 0; q < SYSTEC_K_COUNT; q++) {
        const kentry eq = kernel_entry(q);
        if (eq.dtype == 'd' && !strcmp(eq.storage, st) && !strcmp(eq.op, op) &&
            !strcmp(eq.sched, "generic"))
            return q;
    }
    return -1;
}

/* --time: per spec, its double symmetric kernels (per entry, byout, byrow)
 * against its baseline on the same data, median of 5 paired runs, and what
 * the runtime's decision would run (from the kernel's meta and the output's
 * size); the baseline's entries sorted by output as the runtime's lists. */
static void time_lowered(long nv, char **dirs, int ndir)
{
    static const char *const syms[3] = {"coo", "byout", "byrow"};
    for (int k = 0; k < SYSTEC_K_COUNT; k++) {
        const kentry eb = kernel_entry(k);
        if (eb.dtype != 'd' || strcmp(eb.storage, "coofull") || strcmp(eb.sched, "generic"))
            continue; /* the ranked schedules take other arguments */
        int ks[3];
        for (int q = 0; q < 3; q++) ks[q] = kernel_of(eb.op, syms[q]);
        char path[1024], err[512];
        Spec s;
        Program p;
        int ok = 0;
        for (int d = 0; d < ndir && !ok; d++) {
            snprintf(path, sizeof path, "%s/%s.spec", dirs[d], eb.op);
            ok = spec_parse_file(path, &s, err, sizeof err) == 0;
        }
        if (!ok || symmetrize(&p, &s, err, sizeof err)) continue;
        if (!ok || symmetrize(&p, &s, err, sizeof err)) continue;
        int order = 0;
        for (int t = 0; t < s.ntens; t++)
            if (s.tens[t].order > order) order = s.tens[t].order;
        set_nv(&s);
        int want = (int)pow((double)nv, 1.0 / order);
        if (NV < want) NV = want;
        Env E;
        env_init(&E, &s);
        double *out = malloc(sizeof(double) * (size_t)ipow(NV, s.tens[s.assign.lhs.t].order));
        double ratio[3][5], tb[5];
        for (int r = 0; r < 5; r++) {
            tb[r] = run_generic(&eb, &E, &p, out);
            for (int q = 0; q < 3; q++) {
                const kentry es = kernel_entry(ks[q] >= 0 ? ks[q] : k);
                ratio[q][r] = ks[q] >= 0 ? tb[r] / run_generic(&es, &E, &p, out) : 0;
            }
        }
        qsort(tb, 5, sizeof *tb, cmp_double);
        printf("%-14s NV=%-3d baseline %.4f s;", eb.op, NV, tb[2]);
        for (int q = 0; q < 3; q++) {
            if (ks[q] < 0) continue;
            qsort(ratio[q], 5, sizeof ratio[q][0], cmp_double);
            printf(" baseline/%s %.2fx", syms[q], ratio[q][2]);
        }
        systec__rule why;
        double obytes = 8.0 * (double)ipow(NV, s.tens[s.assign.lhs.t].order);
        int scatter = ks[0] >= 0 ? systec_test_kernels_meta[ks[0]].scatter : 0;
        int pick = systec__choose_coo_storage(scatter, ks[1] >= 0, ks[2] >= 0, 0, obytes, &why);
        printf(" (scatter %d, output %.1f MB: dispatcher %s)\n", scatter, obytes * 1e-6,
               pick == SYSTEC__COO_BYOUT ? "byout" : pick == SYSTEC__COO_BYROW ? "byrow"
                                                   : ks[0] >= 0 ? "coo" : "byout");
        free(out);
        env_free(&E);
        program_free(&p);
    }
}

int main(int argc, char **argv)
{
    int fails = 0;
    if (argc > 3 && !strcmp(argv[1], "--time")) {
        if (getenv("TEST_GEN_DENSITY")) ZERO_P = 1.0 - atof(getenv("TEST_GEN_DENSITY"));
        time_lowered(atol(argv[2]), argv + 3, argc - 3);
        return 0;
    }
    rnd_seed(7);
    /* semantics across orders, partial symmetry, found symmetry, min= */
    fails += check_semantics("ssymv", "kernel a\ny[i] += A[i,j] * x[j]\nsymmetric A\n");
    fails += check_semantics("syprd", "kernel a\ns[] += x[i] * A[i,j] * x[j]\nsymmetric A\n");
    fails += check_semantics("ssymm", "kernel a\nY[i,k] += A[i,j] * X[j,k]\nsymmetric A\n");
    fails += check_semantics("minplus", "kernel a\ny[i] min= A[i,j] + x[j]\nsymmetric A\n");
    fails += check_semantics("ssyrk (found)", "kernel a\nC[i,j] += A[i,k] * A[j,k]\n");
    fails += check_semantics("order-3 vector", "kernel a\ny[i] += A[i,j,k] * x[j] * x[k]\n"
                                               "symmetric A\n");
    fails += check_semantics("ttm", "kernel a\nC[i,j,l] += A[k,j,l] * B[k,i]\nsymmetric A\n");
    fails += check_semantics("mttkrp3", "kernel a\nC[i,r] += A[i,k,l] * B[k,r] * B[l,r]\n"
                                        "symmetric A\n");
    fails += check_semantics("mttkrp4", "kernel a\nC[i,r] += A[i,k,l,m] * B[k,r] * B[l,r] * "
                                        "B[m,r]\nsymmetric A\n");
    fails += check_semantics("partial 4-D (modes 0,1)",
                             "kernel a\nC[i,l] += A[i,j,k,l] * x[j] * y[k]\nsymmetric A(0,1)\n");
    fails += check_semantics("partial 4-D (modes 1,2,3)",
                             "kernel a\nC[i] += A[i,j,k,l] * x[j] * x[k] * x[l]\n"
                             "symmetric A(1,2,3)\n");
    fails += check_semantics("order-5 scalar", "kernel a\ns[] += A[i,j,k,l,m] * x[i] * x[j] * "
                                              "x[k] * x[l] * x[m]\nsymmetric A\n");
    fails += check_semantics("order-6 contraction",
                             "kernel a\ny[i] += A[i,j,k,l,m,n] * x[j] * x[k] * x[l] * x[m] * "
                             "x[n]\nsymmetric A\n");
    for (int N = 2; N <= 6; N++) fails += check_mttkrp_factors(N);
    fails += check_out_sym("kernel a\nC[i,j] += A[i,k] * A[j,k]\n", 3u, 1);
    fails += check_out_sym("kernel a\nC[i,j,l] += A[k,j,l] * B[k,i]\nsymmetric A\n", 6u, 3);
    fails += check_out_sym("kernel a\ny[i] += A[i,j] * x[j]\nsymmetric A\n", 0u, 2);
    /* a cyclic symmetry of three output modes is not a transposition: no output symmetry */
    fails += check_out_sym("kernel a\nC[i,j,k] += A[i,j,k] * B[i,j] * B[j,k] * B[k,i]\n"
                           "symmetric A\n", 0u, 6);
    fails += check_semantics("cyclic output", "kernel a\nC[i,j,k] += A[i,j,k] * B[i,j] * "
                                              "B[j,k] * B[k,i]\nsymmetric A\n");
    fails += check_semantics("ssyrk, upper part", "kernel a\nC[i,j] += A[i,k] * A[j,k]\n");
    fails += check_semantics("ssysyrk (A symmetric, C = A A)",
                             "kernel a\nC[i,k] += A[i,j] * A[j,k]\nsymmetric A\n");

    /* several groups, several symmetric operands, joint output symmetry */
    fails += check_semantics("4-D {i,j}{k,l}, symmetric D",
                             "kernel a\nJ[i,j] += A[i,j,k,l] * D[k,l]\nsymmetric A(0,1)(2,3)\n"
                             "symmetric D\n");
    fails += check_semantics("4-D {i,j}{k,l} exchange",
                             "kernel a\nK[i,k] += A[i,j,k,l] * D[j,l]\nsymmetric A(0,1)(2,3)\n");
    fails += check_semantics("4-D {i,k}{j,l} (interleaved modes)",
                             "kernel a\ny[i] += A[i,j,k,l] * x[j] * z[k] * w[l]\n"
                             "symmetric A(0,2)\nsymmetric A(1,3)\n");
    fails += check_semantics("6-D groups 2,2,2",
                             "kernel a\ny[i] += A[i,j,k,l,m,n] * x[j] * u[k] * v[l] * w[m] * z[n]\n"
                             "symmetric A(0,1)(2,3)(4,5)\n");
    fails += check_semantics("6-D groups 3,3",
                             "kernel a\nC[i,r] += A[i,j,k,l,m,n] * B[j,r] * B[k,r] * E[l,r] * "
                             "E[m,r] * E[n,r]\nsymmetric A(0,1,2)(3,4,5)\n");
    fails += check_semantics("ttmc3", "kernel a\nY[i,r,s] += A[i,j,k] * U[j,r] * U[k,s]\n"
                                      "symmetric A\n");
    fails += check_semantics("ttmc4", "kernel a\nY[i,r,s,t] += A[i,j,k,l] * U[j,r] * U[k,s] * "
                                      "U[l,t]\nsymmetric A\n");
    fails += check_out_sym("kernel a\nY[i,r,s] += A[i,j,k] * U[j,r] * U[k,s]\nsymmetric A\n",
                           6u, 6);
    fails += check_out_sym("kernel a\nY[i,r,s,t] += A[i,j,k,l] * U[j,r] * U[k,s] * U[l,t]\n"
                           "symmetric A\n", 14u, 24);
    /* different matrices: no joint symmetry */
    fails += check_out_sym("kernel a\nY[i,r,s] += A[i,j,k] * U[j,r] * V[k,s]\nsymmetric A\n",
                           0u, 6);
    /* J symmetric (found within the group {i,j}); D's symmetry merges k<->l */
    fails += check_out_sym("kernel a\nJ[i,j] += A[i,j,k,l] * D[k,l]\nsymmetric A(0,1)(2,3)\n"
                           "symmetric D\n", 3u, 1);
    /* output indices from two groups: not symmetric (their order is not canonical) */
    fails += check_out_sym("kernel a\nC[i,k] += A[i,j,k,l] * x[j] * x[l]\n"
                           "symmetric A(0,1)(2,3)\n", 0u, 4);
    fails += check_explain("kernel coulomb\nJ[i,j] += A[i,j,k,l] * D[k,l]\n"
                           "symmetric A(0,1)(2,3)\nsymmetric D\nformat A coo\n",
                           "1 update against 4 naive (work ratio 4.00x)");
    fails += check_explain("kernel t\nY[i,r,s] += A[i,j,k] * U[j,r] * U[k,s]\nsymmetric A\n",
                           "times up to 2 from the output's canonical part");
    fails += check_explain("kernel big\ns[] += A[i,j,k,l,m,n,o,p] * v0[i] * v1[j] * v2[k] * "
                           "v3[l] * v4[m] * v5[n] * v6[o] * v7[p]\nsymmetric A\n",
                           "40320 update");
    fails += check_warning("kernel a\ny[i] += A[i,j,k] * x[j] * x[m]\nsymmetric A(1,2)\n",
                           "bad.spec:2:29: warning: summed index m appears only once");
    fails += check_warning("kernel a\ny[i] += A[i,j,k] * x[j] * x[k]\nsymmetric A\n", NULL);

    /* diagnostics */
    fails += check_bad("kernel a\ny[i] += A[i,j,k,l] * x[j]\nsymmetric A(0,1)(1,2)\n",
                       "bad.spec:3:18: mode 1 listed twice");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\nsymmetric A\nsymmetric A\n",
                       "bad.spec:4:11: A already has a symmetric group");
    fails += check_bad("kernel a\ny[i] += A[i,j,k] * x[j]\nsymmetric A(0,1)(2)\n",
                       "bad.spec:3:17: a symmetric group needs at least 2 modes");
    fails += check_bad("kernel a\ns[] += A[i,j] * B[i,j]\nsymmetric B\nformat A coo\n",
                       "bad.spec:4:10: A is given a format but no symmetry");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\n", "bad.spec:2:1: no symmetry declared");
    fails += check_bad("kernel a\ny[i] += A[j,k] * x[k]\nsymmetric A\n",
                       "bad.spec:2:1: output index i appears nowhere");
    fails += check_bad("kernel a\ny[i] += A[i,j] * A[i,j,k]\n", "bad.spec:2:18: tensor A used with 3 indices here but 2 at 2:9");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\nsymmetric A(0,2)\n",
                       "bad.spec:3:15: mode 2 out of range");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\nformat A bsr\n",
                       "bad.spec:3:10: unsupported format 'bsr'");
    fails += check_bad("kernel a\ny[i] *= A[i,j] * x[j]\n", "bad.spec:2:6: expected a reduction");
    fails += check_bad("kernel a\ny[i] += A[i,j] + x[j]\n", "combines operands with '*'");
    fails += check_bad("kernel a\ny[i] min= A[i,j] * x[j]\n", "combines operands with '+'");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\nsymmetric B\n", "bad.spec:3:11: symmetric: no tensor B");
    fails += check_bad("kernel a\ny[i] += A[i,i] * x[i]\nsymmetric A\n", "appears twice");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\nbogus A\n", "bad.spec:3:1: unknown directive");
    fails += check_bad("kernel a\ny[i] += A[i,j * x[j]\n", "bad.spec:2:15: expected ']'");
    fails += check_bad("y[i] += A[i,j] * x[j]\n", "missing 'kernel NAME'");
    fails += check_bad("kernel a\n", "missing assignment");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\ny[i] += A[i,j] * x[j]\n",
                       "exactly one assignment");
    fails += check_bad("kernel a\ny[i] += A[i,j,k] * x[j] * x[k]\nsymmetric A\nformat A csr\n",
                       "format csr needs a matrix");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j] extra\n", "expected '*' or end of line");
    fails += check_bad("kernel a\ny[i] += A[i,j] * y[j]\n", "also appears on the right");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\nsymmetric A(0)\n",
                       "at least 2 modes");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\nscale alpha\n", "bad.spec:3:12: expected a name");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\n", "no symmetry declared or found");
    fails += check_bad("kernel a\nC[i,i] += A[i,j,k] * x[k]\nsymmetric A\n",
                       "bad.spec:2:1: output index i is repeated");
    fails += check_bad("kernel a\ny[i] += A[i,j] * A[j,k] * x[k]\nsymmetric A\nformat A csr\n",
                       "A is read 2 times");
    fails += check_bad("kernel a\ny[i] += A[i,j] * A[j,k] * x[k]\nsymmetric A\nformat A coo\n",
                       "it is read 2 times");
    fails += check_bad("kernel a\ny[l] += A[i,j,j] * x[i] * z[l]\nsymmetric A(0,1)\n",
                       "indexes both a symmetric and a non-symmetric mode");
    fails += check_bad("kernel a\ny[n] += A[n,j] * x[j]\nsymmetric A\nformat A csr\n",
                       "'n' is a name the csr lowering uses itself");
    fails += check_bad("kernel a\ny[i] += A[i,j] * alpha[j]\nsymmetric A\nformat A csr\n",
                       "'alpha' is a name the csr lowering uses itself");
    fails += check_bad("kernel a\ny[i] += A[i,j] * dense[j]\nsymmetric A\nformat A coo\n",
                       "bad.spec:2:18: 'dense' is a name the coo lowering uses itself");
    fails += check_bad("kernel a\ny[int] += A[int,j] * x[j]\nsymmetric A\n", "'int' is reserved");
    fails += check_bad("kernel a\ny[x] += A[x,j] * x[j]\nsymmetric A\n",
                       "names both a tensor and an index");
    fails += check_bad("kernel a\nkernel b\n", "kernel given twice");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\nsymmetric A\nformat A csr\nformat A coo\n",
                       "the format of A is given twice");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j] * z[k]\nsymmetric A\nformat A csr\n"
                       "scale alpha beta\n", "whose last index it is");
    fails += check_bad("kernel a\nC[i,j] += A[i,k] * A[j,k]\nformat A coo\n",
                       "it is read 2 times");
    fails += check_bad("kernel a\nC[i,j] += A[k] * x[i] * x[j]\nformat A coo\n",
                       "format coo needs a declared symmetric tensor");
    fails += check_bad("kernel a\ny[i] += A[i,j,k] * x[j] * x[k]\nsymmetric A\nformat A coo\n"
                       "scale alpha beta\n", "bad.spec:5:1: format coo lowers plain");
    fails += check_bad("kernel a\ny[i] += A[i,j] * x[j]\nsymmetric A\nformat A coo\n"
                       "format y packed\n", "bad.spec:5:10: format packed needs an output of order >= 2");
    fails += check_bad("kernel a\nC[i,r] += A[i,k,l] * B[k,r] * B[l,r]\nsymmetric A\n"
                       "format A coo\nformat C packed\n", "no output symmetry was found");
    fails += check_bad("kernel a\nC[j,i,l] += A[k,j,l] * B[k,i]\nsymmetric A\n"
                       "format A coo\nformat C packed\n", "bad.spec:5:10: format packed needs an "
                       "output symmetric in consecutive modes; the output is symmetric in other");
    fails += check_bad("kernel a\nY[i,k] += A[i,j] * X[j,k]\nsymmetric A\nformat A csr\n"
                       "format Y packed\n", "a packed output is lowered with 'format A coo'");
    /* general sparse operands, sparse outputs */
    fails += check_bad("kernel a\nC[i,r] += A[i,j] * B[j,r]\nsymmetric A\nformat A csr\n"
                       "format B csr\n", "bad.spec:5:10: a general sparse operand (B) is "
                       "co-iterated by the coo lowering; store A as coo");
    fails += check_bad("kernel a\nC[i,r] += A[i,j] * B[j,r]\nsymmetric A\nformat A coo\n"
                       "format B coo\n", "bad.spec:5:10: a general sparse operand (B) is stored "
                       "csr");
    fails += check_bad("kernel a\nC[i,r] += A[i,j] * B[j,r]\nsymmetric A\nformat B csr\n",
                       "bad.spec:4:10: B is given a format but no symmetry");
    fails += check_bad("kernel a\nC[i,r] += A[i,j] * B[j,r] * D[j,r]\nsymmetric A\nsymmetric D\n"
                       "format A coo\nformat D coo\n", "bad.spec:6:10: only one symmetric tensor "
                       "can be given a format (A has one)");
    fails += check_bad("kernel a\ns[] += A[i,j] * B[i,j]\nsymmetric A\nformat A coo\n"
                       "format B csr\n", "bad.spec:5:10: the sparse operand B cannot be "
                       "co-iterated with the entries of A");
    fails += check_bad("kernel a\nC[i,r] += A[i,j] * B[r,j]\nsymmetric A\nformat A coo\n"
                       "format B csr\n", "cannot be co-iterated");
    fails += check_bad("kernel a\nC[i,r] += A[i,j] * B[r,r]\nsymmetric A\nformat A coo\n"
                       "format B csr\n", "cannot be co-iterated");
    fails += check_bad("kernel a\nC[i,j,l] += A[k,j,l] * B[k,i]\nsymmetric A\nformat A coo\n"
                       "format C sparse\n", "bad.spec:5:10: format sparse keeps the output's "
                       "modes indexed by A's entries as rows: they must come first in C");
    fails += check_bad("kernel a\nC[i,r] += A[i,j] * B[j,r]\nsymmetric A\nformat A csr\n"
                       "format C sparse\n", "bad.spec:5:10: a sparse output is lowered with "
                       "'format A coo'");
    fails += check_bad("kernel a\nC[j,r,l] += A[j,l,k] * B[k,r]\nsymmetric A\nformat A coo\n"
                       "format C sparse\n", "must come first in C");
    /* generated code for the specs in tests/specs */
    if (argc > 1)
        fails += check_lowered(argv + 1, argc - 1);
    else
        check_fail("usage: test_gen SPEC_DIR... (the lowered-kernel checks need tests/specs)");
    (void)fails;
    return check_summary();
}
