/* Helpers of the format coo lowering (lower_coo.c) shared with the tuned
 * tensor lowerings (lower_tensor.c). */
#ifndef SYSTEC_GEN_LOWER_COO_H
#define SYSTEC_GEN_LOWER_COO_H

#include "ir.h"

/* Distinct index ids of an access, in order of first appearance. */
int distinct_vars(const Access *a, int *vars);
/* Row-major offset of an access into its dense tensor. */
void offset_expr(const Spec *s, const Access *a, char *buf, size_t len);
/* Offset of an output element, row-major or (packed) with the first two
 * modes as one packed index. */
void out_offset(const Spec *s, const Access *a, int packed, char *buf, size_t len);
/* Position of a dense operand in the dense[] argument. */
int dense_slot(const Spec *s, int t);
/* The index variables of an update the entry (binding vars[0..nv)) does
 * not bind; returns their number. */
int unbound_vars(const Update *u, const int *vars, int nv, int *loops);
int access_has(const Access *a, int id);
/* "h<slot>[offset]": a dense operand read through its base pointer. */
void dense_term(const Spec *s, const Access *a, char *buf, size_t len);
/* The restrict base pointers h<slot> of the dense operands. */
void emit_dense_bases(Out *o, const Spec *s, const char *T);
/* "{p0, p1, ...}": where each index of sym's group sits among an entry's
 * coordinates vars[0..nv) (-1: not stored). */
void emit_group_pos(Out *o, const Program *sym, const int *vars, int nv);
/* A coordinate kernel's signature class ("coo_" sig) and call-thunk
 * arguments (fmt takes the value type once, for the dense operands' cast). */
void coo_args(KernelInfo *k, const char *sig, const char *fmt, const char *T);

/* One entry's updates as prefix/suffix products of its distinct dense terms
 * (lower_tensor.c): uni[0..m) the terms, omit[k] the one term update k does
 * not read (m: reads all; -1: other), the highest prefix and the lowest
 * suffix index any update needs. */
typedef struct {
    int m, nupd;
    Access uni[MAX_OPERAND * 4];
    int *omit; /* nupd, allocated */
    int need_pre, need_suf;
} EntryPlan;
void entry_plan(const Spec *s, const Update *upd, int nupd, EntryPlan *ep);
/* Appends term (a format taking the term's index, e.g. " * t%d") for each
 * dense term update u reads, in order. */
void entry_plan_product(const Spec *s, const EntryPlan *ep, const Update *u, const char *term,
                        char *buf, size_t len);
void entry_plan_free(EntryPlan *ep);

/* What lower_tensor.c found out about a spec, for lower_ranked.c. */
typedef struct {
    int free_id;                   /* the one free index (-1: none) */
    int can_fold, can_tree, can_csf; /* the shapes of the fold, foldtree and csf variants */
    Access loo_term[MAX_ORDER];    /* foldtree: the dense term of each position */
    int loo_upd[MAX_ORDER];        /* foldtree: the update of each position */
    int lvl_of[MAX_INDEX];         /* csf: the level of each index variable */
    int csf_out;                   /* csf: the output's level */
} RankedShapes;

/* lower_ranked.c: the rank-specialised variants (schedules r<R>, rblk) of
 * fold, foldtree, csf and coofull; returns the number of kernels or -1. */
int lower_ranked(const Spec *s, const Program *sym, const RankedShapes *sh, Out *code, Out *decl,
                 KernelInfo *info, int maxinfo, char *err, size_t errlen);

/* lower_tensor.c: the tuned variants (fold, foldtree, csf) of a spec whose
 * symmetrized program is sym; returns the number of kernels or -1. */
int lower_tensor_tuned(const Spec *s, const Program *sym, Out *code, Out *decl, KernelInfo *info,
                       int maxinfo, char *err, size_t errlen);

#endif
