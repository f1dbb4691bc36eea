/* systec-gen intermediate representation.
 *
 * A spec holds one einsum assignment  OUT[...] red= T1[...] op T2[...] op ...
 * (reduction and operator: "+=" with "*", or "min=" with "+"). The symmetrization passes turn it into a
 * Program: the canonical index group of the symmetric operand and, for each
 * tie pattern of the canonical simplex, the list of normalized, merged
 * updates with their integer factors. Lowering turns a Program into C. */
#ifndef SYSTEC_GEN_IR_H
#define SYSTEC_GEN_IR_H

#include <stdint.h>
#include <stdio.h>

#define MAX_ORDER 8   /* modes per tensor; symmetric group order */
#define MAX_INDEX 16  /* distinct index variables in a spec */
#define MAX_TENSOR 12
#define MAX_OPERAND 10 /* operands on the right-hand side */
#define MAX_NAME 32

typedef enum { RED_ADD, RED_MIN } Reduction; /* += with *, min= with + */

/* A place in the spec text, for messages ("file:line:col"). */
typedef struct {
    int line, col;
} Pos;

typedef struct {
    char name[MAX_NAME];
    int order;
    int sym[MAX_ORDER]; /* 0, or g+1 if the mode belongs to declared symmetric group g */
    int nsym;           /* modes in some declared group */
    int ngroups;        /* declared symmetric groups (disjoint sets of modes) */
    int line, col;      /* first use, for messages */
    Pos sym_at;         /* its first 'symmetric' line */
    char fmt[MAX_NAME]; /* its storage given by a 'format' line ("" if none) */
    Pos fmt_at;
} Tensor;

typedef struct {
    int t;              /* tensor id */
    int n;              /* number of indices (= tensor order) */
    int idx[MAX_ORDER]; /* index variable ids */
} Access;

typedef struct {
    int factor; /* multiplicity after merging equal updates */
    signed char perm[MAX_ORDER]; /* one orbit point it stands for: group index k takes the
                                    value at canonical position perm[k] */
    Access lhs;
    int nr;
    Access rhs[MAX_OPERAND];
} Update;

typedef struct {
    char kernel[MAX_NAME];
    char path[256];
    char label[96]; /* the spec's file name, safe inside a C comment */
    Reduction red;
    int nidx;
    char idxname[MAX_INDEX][MAX_NAME];
    int ntens;
    Tensor tens[MAX_TENSOR];
    Update assign;
    Pos idx_at[MAX_INDEX];  /* first use of each index variable */
    int sym_tensor;         /* the symmetric tensor whose canonical entries are iterated (the
                               one given a format, else the first declared), or -1; other
                               declared symmetric tensors are used when normalizing */
    int nsymt;              /* tensors with a declared symmetry */
    char format[MAX_NAME];  /* storage family of the symmetric operand: csr or coo */
    int format_tensor;      /* tensor the format line names */
    int sparse_out;         /* "format OUT csr": the output is a sparse CSR matrix */
    int dense_out;          /* "format OUT dense" given explicitly */
    int packed_out;         /* "format OUT packed": an output symmetric in its first two
                               modes keeps only a <= b of them, packed (format coo) */
    int rows_out;           /* "format OUT sparse": the output's modes indexed by the stored
                               operand's entries are kept only where they occur, one row
                               per distinct tuple (its position given per entry, found by
                               the runtime's symbolic phase); the others dense (format coo) */
    unsigned sparse_in;     /* bit t: tensor t is a general sparse operand (format csr next
                               to the symmetric operand's coo), co-iterated by the lowering */
    int scaled;             /* "scale alpha beta": OUT := alpha*(...) + beta*OUT */
    Pos at_assign, at_format, at_out_format, at_scale; /* where each was given */
    int nwarn;
    char warn[4][640];      /* "file:line:col: warning: ..." */
    int nemit;              /* "emit STORAGE...": only these storages are lowered */
    char emit[8][MAX_NAME]; /* (none given: every storage the lowering has) */
} Spec;

/* Whether the spec asks for kernels of this storage (an "emit" line lists
 * it, or there is none). */
int spec_emits(const Spec *s, const char *storage);

/* One tie pattern of the canonical region, the product of one simplex
 * g[0] <= g[1] <= ... per symmetric group: bit b of ties set means
 * g[pairpos[b]] == g[pairpos[b]+1] (with one group, bit k means g[k] == g[k+1]).
 * ties == 0 is the strict interior. */
typedef struct {
    unsigned ties;
    int rep[MAX_INDEX]; /* index id -> representative id (last of its run) */
    int nupd, cap;
    Update *upd;
    Access opnd;   /* the stored operand's access on this face (normalized) */
    long orbit;    /* orbit points per canonical entry: the baseline's updates */
    int enumerate; /* more than MAX_FACE_UPDATES distinct updates: upd is not kept (nupd 0);
                      a lowering enumerates the orbit per entry instead */
} Face;

/* Distinct updates a face keeps as a list; past it the face is enumerated. */
#define MAX_FACE_UPDATES 5040

typedef struct {
    const Spec *spec;
    int ngroup;
    int group[MAX_ORDER]; /* permutable index ids in canonical order, all groups in turn */
    int ngroups;          /* symmetric groups: group g is group[gbeg[g] .. gbeg[g+1]) */
    int gbeg[MAX_ORDER + 1];
    int rank[MAX_INDEX];    /* canonical order of the index variables: the group's */
    int ranked;             /* first, in order, then the others (rank valid once set) */
    int npair;              /* adjacent pairs inside a group: bit b of a face's ties is */
    int pairpos[MAX_ORDER]; /* group[pairpos[b]] == group[pairpos[b] + 1] */
    int declared;         /* group comes from a declared symmetric tensor */
    int found_pairs;      /* index pairs found symmetric from the expression */
    int found[MAX_INDEX * MAX_INDEX][2];
    int nface;
    Face *face;
    unsigned out_sym; /* output modes the output is symmetric in (bitmask): only
                         its canonical part is written; 0 if none */
    int out_kind;     /* OUT_DROP: the modes hold group indices, non-canonical writes are
                         dropped; OUT_LOOPS: they hold free indices, whose loops run over
                         the canonical part only (values non-decreasing along the modes) */
} Program;

enum { OUT_DROP = 1, OUT_LOOPS = 2 };

/* parse.c */
/* err := "file:line:col: message" at a place in the spec. Returns -1. */
int spec_error(const Spec *s, Pos at, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int spec_parse_file(const char *path, Spec *s, char *err, size_t errlen);
int spec_parse_string(const char *text, const char *name, Spec *s, char *err, size_t errlen);

/* passes.c */
int sym_identify(Program *p, const Spec *s, char *err, size_t errlen);
int sym_restrict(Program *p);
/* Every distinct permutation of the groups applied to the assignment, per
 * face, normalized (symmetric modes and commutative operands sorted) and
 * merged (equal updates become one with an integer factor). */
int sym_define_assignments(Program *p);
/* Output symmetry: the output modes whose transpositions leave the
 * interior's updates invariant, jointly with a permutation of the symmetric
 * operand's modes (see out_kind). Sets p->out_sym and p->out_kind; with
 * OUT_DROP non-canonical writes are dropped in every face. */
void sym_output(Program *p);
void program_free(Program *p);
/* The face of a point given by the value of each index variable (val[id]),
 * or -1 when the point is not canonical (some group not non-decreasing). */
int program_face_of(const Program *p, const int *val);
/* The next distinct arrangement of the group values c[0..ngroup) (group by
 * group, in place; start from each group sorted): 0 after the last. */
int program_orbit_next(const Program *p, int64_t *c);
/* Output symmetry over free indices (OUT_LOOPS): the orbits of face f's
 * updates under the m! joint permutations of the symmetric output modes'
 * indices (each renamed through the whole update, normalized, its output
 * access kept). orbit[u]: the first update of u's orbit; stab[u]: how many
 * permutations map u to itself (the orbit has m!/stab[u] updates, equal
 * factors). A kernel may then run one update per orbit with its factor
 * divided by stab into an accumulator over all of the symmetric modes and
 * sum the m! permutations of the accumulator into the canonical part.
 * Returns 0, or -1 (not OUT_LOOPS, m > 4, an enumerated face). */
int sym_output_orbits(const Program *p, int f, int *orbit, int *stab);
/* Prints the symmetry found, the faces, factors and work per canonical entry. */
void print_explain(FILE *f, const Program *p);
/* Folding: whether every face's updates are the interior's updates, with
 * the face's tie pattern substituted and merged, times one ratio
 * num[f]/den[f] per face (so a kernel may run the interior's updates with
 * factor 1 on every canonical entry, its value multiplied by its face's
 * ratio: no tie branches). For MTTKRP of order N the ratio is
 * (N-1)!/prod m_u! for runs of equal coordinates of lengths m_u. Returns 0
 * and fills num[nface], den[nface] (reduced), or -1 when some face does not
 * fold (min=, output symmetry that breaks the pattern, unequal interior
 * factors). */
int sym_fold(const Program *p, int *num, int *den);
/* Folding per update: whether every face's updates are the interior's
 * updates with the face's ties substituted, each interior update landing
 * on one of them. Then a kernel may run interior update u on every
 * canonical entry with its value times w[f * nupd + u] (f its face, nupd
 * the interior's update count): the face update's factor for the first
 * interior update landing on it, 0 for the others. Returns 0 and fills w,
 * or -1. Unlike sym_fold, the faces need no common ratio (TTM). */
int sym_fold_updates(const Program *p, int *w);
/* Runs every pass in order; 0 on success. */
int symmetrize(Program *p, const Spec *s, char *err, size_t errlen);
/* The identity program: one face holding the spec's assignment unchanged
 * (the non-symmetric baseline). */
int program_identity(Program *p, const Spec *s);

void print_update(FILE *f, const Spec *s, const Update *u);
void print_program(FILE *f, const Program *p);
int access_equal(const Access *a, const Access *b);
int update_equal(const Update *a, const Update *b);

/* lower_c.c */
typedef struct {
    char *buf;
    size_t len, cap;
    int indent;
} Out;
void out_printf(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_line(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_free(Out *o);
/* 0 if no index or tensor name of s is one of the lowering's own locals
 * (NULL-terminated), nor a numbered local (r0_1, h0_2, t3, p1, s2); else -1 with
 * err naming the clash. */
int check_names(const Spec *s, const char *const *locals, const char *lowering, char *err,
                size_t errlen);
/* snprintf that ends the generator (exit 1, with a message) rather than
 * emit truncated code. */
void xsnprintf(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

typedef struct {
    char name[128];    /* C symbol */
    char op[MAX_NAME + 16]; /* spec kernel name (SSYRK: plus _count, _fill, _numeric) */
    char storage[16];  /* split | trilo | triup | full (csr); coo | coofull; upper | full (spgemm) */
    char sched[16];    /* serial (unrolled, prefetch) or serial_short (plain loop) */
    char dtype;        /* 's' or 'd' */
    int i64;
    int symmetric;
    char sig[48];      /* signature class: kernels of one class take the same parameters */
    char args[256];    /* the kernel's arguments taken from a `const systec_kargs_t *a`, for
                          its generated call thunk; "" when the runtime calls it typed */
    int returns;       /* the kernel returns a value: the thunk stores it in *a->ret */
    int scatter;       /* output rows an entry writes beyond the streamed one (see emit.c) */
} KernelInfo;

/* The most kernels one run of systec-gen emits. */
#define MAX_GEN_KERNELS 1024

/* One spec's generated code, kept apart so --print can pick kernels and
 * each spec gets its own file. */
typedef struct {
    Out code, decl;
    int first, count; /* its kernels' range in the KernelInfo array */
} Unit;

/* emit.c: writes the generated files into dir (see emit.c): the header,
 * one gen_<spec>.c per spec with the call thunks of its kernels, and the
 * registry tables named after reg. Returns 0, or -1 after printing why. */
int emit_outputs(const char *dir, const char *reg, const Spec *specs, const Unit *units,
                 int nspec, const KernelInfo *info, int nk);

/* Emits every variant of the spec's kernel into code (definitions) and
 * decl (prototypes), appending KernelInfo entries to info. Returns the
 * number of kernels emitted, or -1 with err set. */
int lower_spec(const Spec *s, Out *code, Out *decl, KernelInfo *info, int maxinfo, char *err,
               size_t errlen);

/* lower_spgemm.c: products of two CSR operands into a sparse CSR output
 * (format OUT csr), e.g. SSYRK. */
int lower_spec_spgemm(const Spec *s, Out *code, Out *decl, KernelInfo *info, int maxinfo,
                      char *err, size_t errlen);

/* lower_coo.c: the generic coordinate-storage lowering (format coo). */
int lower_spec_coo(const Spec *s, Out *code, Out *decl, KernelInfo *info, int maxinfo, char *err,
                   size_t errlen);
/* The index variables whose coordinates a face's entries store, in order;
 * returns their number. */
int face_coords(const Spec *s, const Face *F, int *vars);

#endif
