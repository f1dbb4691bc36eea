/* Spec language parser. See gen/README.md for the grammar. Every error is
 * reported as "file:line:col: message" and the parser never reads past
 * the text it is given. */
#include "ir.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    const char *p;  /* cursor */
    const char *ls; /* start of current line */
    int line;
    char *err;
    size_t errlen;
    Spec *s;
    int have_assign;
} P;

static int perr(P *ps, const char *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int perr(P *ps, const char *at, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(ps->err, ps->errlen, "%s:%d:%d: %s", ps->name, ps->line, (int)(at - ps->ls) + 1, msg);
    return -1;
}

static void skip_ws(P *ps)
{
    while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r') ps->p++;
    if (*ps->p == '#')
        while (*ps->p && *ps->p != '\n') ps->p++;
}

static int at_eol(P *ps)
{
    skip_ws(ps);
    return *ps->p == '\n' || *ps->p == '\0';
}

/* C keywords and type names, and the generator's name prefixes: a spec may
 * not name an index or a tensor so. (Each lowering also rejects names that
 * collide with its own locals, see lower_c.c: check_names.) */
static int reserved(const char *w)
{
    static const char *const names[] = {
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double",
        "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
        "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
        "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "size_t",
        "int32_t", "int64_t", "uintptr_t", NULL};
    for (int k = 0; names[k]; k++)
        if (!strcmp(w, names[k])) return 1;
    return !strncmp(w, "dim_", 4) || !strncmp(w, "systec", 6);
}

static int ident(P *ps, char *out)
{
    skip_ws(ps);
    const char *b = ps->p;
    if (!isalpha((unsigned char)*b) && *b != '_') return perr(ps, b, "expected a name");
    while (isalnum((unsigned char)*ps->p) || *ps->p == '_') ps->p++;
    size_t n = (size_t)(ps->p - b);
    if (n >= MAX_NAME) return perr(ps, b, "name longer than %d characters", MAX_NAME - 1);
    memcpy(out, b, n);
    out[n] = '\0';
    return 0;
}

static int expect(P *ps, char c)
{
    skip_ws(ps);
    if (*ps->p != c) {
        if (*ps->p == '\n' || *ps->p == '\0')
            return perr(ps, ps->p, "expected '%c' before end of line", c);
        return perr(ps, ps->p, "expected '%c', found '%c'", c, *ps->p);
    }
    ps->p++;
    return 0;
}

static int find_tensor(Spec *s, const char *name)
{
    for (int t = 0; t < s->ntens; t++)
        if (!strcmp(s->tens[t].name, name)) return t;
    return -1;
}

static int index_id(P *ps, const char *at, const char *name)
{
    Spec *s = ps->s;
    for (int i = 0; i < s->nidx; i++)
        if (!strcmp(s->idxname[i], name)) return i;
    if (reserved(name)) return perr(ps, at, "'%s' is reserved; rename the index", name);
    if (find_tensor(s, name) >= 0)
        return perr(ps, at, "'%s' names both a tensor and an index", name);
    if (s->nidx == MAX_INDEX) return perr(ps, at, "more than %d index variables", MAX_INDEX);
    strcpy(s->idxname[s->nidx], name);
    s->idx_at[s->nidx] = (Pos){ps->line, (int)(at - ps->ls) + 1};
    return s->nidx++;
}

/* NAME[i,j,...] ; a scalar output may be written NAME[] */
static int access(P *ps, Access *a)
{
    Spec *s = ps->s;
    char name[MAX_NAME];
    skip_ws(ps);
    const char *at = ps->p;
    if (ident(ps, name)) return -1;
    if (expect(ps, '[')) return -1;
    int n = 0, idx[MAX_ORDER];
    skip_ws(ps);
    if (*ps->p != ']') {
        for (;;) {
            char iname[MAX_NAME];
            skip_ws(ps);
            const char *iat = ps->p;
            if (ident(ps, iname)) return -1;
            if (n == MAX_ORDER) return perr(ps, iat, "more than %d indices", MAX_ORDER);
            int id = index_id(ps, iat, iname);
            if (id < 0) return -1;
            idx[n++] = id;
            skip_ws(ps);
            if (*ps->p == ',') {
                ps->p++;
                continue;
            }
            break;
        }
    }
    if (expect(ps, ']')) return -1;
    int t = find_tensor(s, name);
    if (t < 0) {
        if (s->ntens == MAX_TENSOR) return perr(ps, at, "more than %d tensors", MAX_TENSOR);
        if (reserved(name) || strlen(name) > 20)
            return perr(ps, at, "'%s' is reserved or longer than 20 characters; rename the tensor",
                        name);
        for (int i = 0; i < s->nidx; i++)
            if (!strcmp(s->idxname[i], name))
                return perr(ps, at, "'%s' names both a tensor and an index", name);
        t = s->ntens++;
        memset(&s->tens[t], 0, sizeof s->tens[t]);
        strcpy(s->tens[t].name, name);
        s->tens[t].order = n;
        s->tens[t].line = ps->line;
        s->tens[t].col = (int)(at - ps->ls) + 1;
    } else if (s->tens[t].order != n) {
        return perr(ps, at, "tensor %s used with %d indices here but %d at %d:%d", name, n,
                    s->tens[t].order, s->tens[t].line, s->tens[t].col);
    }
    a->t = t;
    a->n = n;
    memcpy(a->idx, idx, sizeof(int) * (size_t)n);
    return 0;
}

static int assignment(P *ps)
{
    Spec *s = ps->s;
    const char *start = ps->p;
    if (ps->have_assign) return perr(ps, start, "a spec holds exactly one assignment");
    s->at_assign = (Pos){ps->line, (int)(start - ps->ls) + 1};
    if (access(ps, &s->assign.lhs)) return -1;
    for (int k = 0; k < s->assign.lhs.n; k++)
        for (int j = 0; j < k; j++)
            if (s->assign.lhs.idx[j] == s->assign.lhs.idx[k])
                return perr(ps, start, "output index %s is repeated",
                            s->idxname[s->assign.lhs.idx[k]]);
    skip_ws(ps);
    const char *opat = ps->p;
    char op = 0;
    if (!strncmp(ps->p, "+=", 2)) {
        s->red = RED_ADD;
        ps->p += 2;
        op = '*';
    } else if (!strncmp(ps->p, "min=", 4)) {
        s->red = RED_MIN;
        ps->p += 4;
        op = '+';
    } else {
        return perr(ps, opat, "expected a reduction '+=' or 'min='");
    }
    s->assign.nr = 0;
    for (;;) {
        if (s->assign.nr == MAX_OPERAND)
            return perr(ps, ps->p, "more than %d operands", MAX_OPERAND);
        if (access(ps, &s->assign.rhs[s->assign.nr++])) return -1;
        if (at_eol(ps)) break;
        if (*ps->p == op) {
            ps->p++;
            continue;
        }
        if (*ps->p == '*' || *ps->p == '+')
            return perr(ps, ps->p, "reduction %s combines operands with '%c', not '%c'",
                        s->red == RED_ADD ? "+=" : "min=", op, *ps->p);
        return perr(ps, ps->p, "expected '%c' or end of line", op);
    }
    s->assign.factor = 1;
    if (s->assign.lhs.t != find_tensor(s, s->tens[s->assign.lhs.t].name)) return -1;
    for (int k = 0; k < s->assign.nr; k++)
        if (s->assign.rhs[k].t == s->assign.lhs.t)
            return perr(ps, start, "output %s also appears on the right-hand side",
                        s->tens[s->assign.lhs.t].name);
    /* every output index must be bound by the right-hand side */
    for (int k = 0; k < s->assign.lhs.n; k++) {
        int id = s->assign.lhs.idx[k], seen = 0;
        for (int r = 0; r < s->assign.nr && !seen; r++)
            for (int m = 0; m < s->assign.rhs[r].n; m++) seen |= s->assign.rhs[r].idx[m] == id;
        if (!seen)
            return perr(ps, start, "output index %s appears nowhere on the right-hand side",
                        s->idxname[id]);
    }
    ps->have_assign = 1;
    return 0;
}

/* "(m,m,...)": one more symmetric group of T, disjoint from its others. */
static int symmetric_group(P *ps, Tensor *T)
{
    const char *gat = ps->p++;
    int g = ++T->ngroups, n = 0;
    for (;;) {
        skip_ws(ps);
        const char *mat = ps->p;
        char *end;
        long m = strtol(ps->p, &end, 10);
        if (end == ps->p) return perr(ps, mat, "expected a mode number");
        ps->p = end;
        if (m < 0 || m >= T->order)
            return perr(ps, mat, "mode %ld out of range for %s of order %d", m, T->name, T->order);
        if (T->sym[m]) return perr(ps, mat, "mode %ld listed twice", m);
        T->sym[m] = g;
        T->nsym++;
        n++;
        skip_ws(ps);
        if (*ps->p != ',') break;
        ps->p++;
    }
    if (expect(ps, ')')) return -1;
    if (n < 2) return perr(ps, gat, "a symmetric group needs at least 2 modes");
    return 0;
}

static int directive(P *ps)
{
    Spec *s = ps->s;
    char word[MAX_NAME];
    const char *at = ps->p;
    if (ident(ps, word)) return -1;
    if (!strcmp(word, "kernel")) {
        if (s->kernel[0]) return perr(ps, at, "kernel given twice");
        if (ident(ps, s->kernel)) return -1;
    } else if (!strcmp(word, "symmetric")) {
        char name[MAX_NAME];
        const char *tat = (skip_ws(ps), ps->p);
        if (ident(ps, name)) return -1;
        int t = find_tensor(s, name);
        if (t < 0) return perr(ps, tat, "symmetric: no tensor %s in the assignment above", name);
        if (t == s->assign.lhs.t)
            return perr(ps, tat, "symmetric: %s is the output; output symmetry is derived, "
                                 "not declared", name);
        Tensor *T = &s->tens[t];
        if (!T->nsym) {
            T->sym_at = (Pos){ps->line, (int)(tat - ps->ls) + 1};
            s->nsymt++;
        }
        skip_ws(ps);
        if (*ps->p != '(') { /* all modes, one group */
            if (T->nsym) return perr(ps, tat, "%s already has a symmetric group; list the modes "
                                              "of each group, e.g. %s(0,1)(2,3)", name, name);
            for (int m = 0; m < T->order; m++) T->sym[m] = 1;
            T->nsym = T->order;
            T->ngroups = 1;
            if (T->nsym < 2) return perr(ps, tat, "a symmetric group needs at least 2 modes");
        }
        while (*ps->p == '(') { /* one group: a list of 0-based modes */
            if (symmetric_group(ps, T)) return -1;
            skip_ws(ps);
        }
    } else if (!strcmp(word, "format")) {
        char name[MAX_NAME];
        const char *tat = (skip_ws(ps), ps->p);
        if (ident(ps, name)) return -1;
        int t = find_tensor(s, name);
        if (t < 0) return perr(ps, tat, "format: no tensor %s in the assignment above", name);
        const char *fat = (skip_ws(ps), ps->p);
        if (t == s->assign.lhs.t) { /* the output's format: dense unless csr */
            char f[MAX_NAME];
            if (s->sparse_out || s->dense_out || s->packed_out || s->rows_out)
                return perr(ps, tat, "the format of %s is given twice", name);
            s->at_out_format = (Pos){ps->line, (int)(fat - ps->ls) + 1};
            if (ident(ps, f)) return -1;
            if (strcmp(f, "csr") && strcmp(f, "dense") && strcmp(f, "packed") &&
                strcmp(f, "sparse"))
                return perr(ps, fat, "unsupported output format '%s' (supported: dense, csr, "
                                     "packed, sparse)", f);
            if (!strcmp(f, "packed") && s->tens[t].order < 2)
                return perr(ps, fat, "format packed needs an output of order >= 2; %s has "
                                     "order %d", name, s->tens[t].order);
            s->packed_out = !strcmp(f, "packed");
            if (!strcmp(f, "csr") && s->tens[t].order != 2)
                return perr(ps, fat, "format csr needs a matrix; %s has order %d", name,
                            s->tens[t].order);
            s->sparse_out = !strcmp(f, "csr");
            s->dense_out = !strcmp(f, "dense");
            s->rows_out = !strcmp(f, "sparse");
            if (!at_eol(ps)) return perr(ps, ps->p, "unexpected text at end of line");
            return 0;
        }
        Tensor *T = &s->tens[t];
        if (T->fmt[0]) return perr(ps, tat, "the format of %s is given twice", name);
        T->fmt_at = (Pos){ps->line, (int)(fat - ps->ls) + 1};
        if (ident(ps, T->fmt)) return -1;
        if (strcmp(T->fmt, "csr") && strcmp(T->fmt, "coo"))
            return perr(ps, fat, "unsupported format '%s' (supported: csr, coo)", T->fmt);
        if (!strcmp(T->fmt, "csr") && T->order != 2)
            return perr(ps, fat, "format csr needs a matrix; %s has order %d", name, T->order);
    } else if (!strcmp(word, "scale")) {
        char a[MAX_NAME], b[MAX_NAME];
        if (s->scaled) return perr(ps, at, "scale given twice");
        s->at_scale = (Pos){ps->line, (int)(at - ps->ls) + 1};
        if (ident(ps, a) || ident(ps, b)) return -1;
        if (strcmp(a, "alpha") || strcmp(b, "beta"))
            return perr(ps, at, "scale takes exactly 'alpha beta'");
        s->scaled = 1;
    } else if (!strcmp(word, "emit")) {
        if (s->nemit) return perr(ps, at, "emit given twice");
        while (!at_eol(ps)) {
            if (s->nemit == 8) return perr(ps, ps->p, "emit lists at most 8 storages");
            if (ident(ps, s->emit[s->nemit++])) return -1;
        }
        if (!s->nemit) return perr(ps, ps->p, "emit needs at least one storage");
    } else {
        return perr(ps, at, "unknown directive '%s' (kernel, symmetric, format, scale, emit, or "
                            "an assignment)", word);
    }
    if (!at_eol(ps)) return perr(ps, ps->p, "unexpected text at end of line");
    return 0;
}

static int is_assignment_line(const char *p)
{
    /* NAME '[' ... — directives never contain '[' before their end */
    for (; *p && *p != '\n' && *p != '#'; p++)
        if (*p == '[') return 1;
    return 0;
}

int spec_error(const Spec *s, Pos at, char *err, size_t errlen, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(err, errlen, "%s:%d:%d: %s", s->path, at.line, at.col, msg);
    return -1;
}

/* A summed index (not in the output) that occurs once on the right-hand side
 * sums a tensor over a whole mode: legal, but usually a typo (x[m] for x[l]). */
static void summed_once_warnings(Spec *s)
{
    for (int id = 0; id < s->nidx && s->nwarn < 4; id++) {
        int uses = 0;
        for (int k = 0; k < s->assign.lhs.n; k++) uses += 100 * (s->assign.lhs.idx[k] == id);
        for (int r = 0; r < s->assign.nr; r++)
            for (int k = 0; k < s->assign.rhs[r].n; k++) uses += s->assign.rhs[r].idx[k] == id;
        if (uses != 1) continue;
        snprintf(s->warn[s->nwarn++], sizeof s->warn[0],
                 "%s:%d:%d: warning: summed index %s appears only once on the right-hand side "
                 "(a whole mode is summed; a typo?)", s->path, s->idx_at[id].line,
                 s->idx_at[id].col, s->idxname[id]);
    }
}

/* The stored operands, once every line is read: the symmetric tensor given a
 * format (at most one) is the one whose canonical entries are iterated; a
 * general (non-symmetric) tensor given a format is a sparse operand
 * co-iterated with it, which needs csr and the symmetric operand in coo.
 * Without a formatted symmetric tensor the first declared one is iterated. */
static int resolve_formats(Spec *s, char *err, size_t errlen)
{
    int general = -1;
    if (!s->nsymt) { /* symmetry found from the expression: the one formatted tensor */
        for (int t = 0; t < s->ntens; t++) {
            const Tensor *T = &s->tens[t];
            if (!T->fmt[0]) continue;
            if (s->format_tensor >= 0)
                return spec_error(s, T->fmt_at, err, errlen, "only one tensor can be given a "
                                  "format when none is declared symmetric (%s has one)",
                                  s->tens[s->format_tensor].name);
            s->format_tensor = t;
            s->at_format = T->fmt_at;
            snprintf(s->format, sizeof s->format, "%s", T->fmt);
        }
        return 0;
    }
    for (int t = 0; t < s->ntens; t++) {
        const Tensor *T = &s->tens[t];
        if (!T->fmt[0]) continue;
        if (!T->nsym) {
            if (general < 0) general = t;
            continue;
        }
        if (s->format_tensor >= 0)
            return spec_error(s, T->fmt_at, err, errlen, "only one symmetric tensor can be given a "
                              "format (%s has one)", s->tens[s->format_tensor].name);
        s->format_tensor = t;
        s->at_format = T->fmt_at;
        snprintf(s->format, sizeof s->format, "%s", T->fmt);
    }
    if (general >= 0 && s->format_tensor < 0) {
        const Tensor *G = &s->tens[general];
        return spec_error(s, G->fmt_at, err, errlen, "%s is given a format but no symmetry; declare "
                          "it symmetric (the tensor whose canonical entries are stored), or give "
                          "the symmetric tensor a format (coo) to co-iterate a general sparse "
                          "operand with it", G->name);
    }
    for (int t = 0; t < s->ntens; t++) {
        const Tensor *T = &s->tens[t];
        if (!T->fmt[0] || T->nsym) continue;
        if (strcmp(T->fmt, "csr"))
            return spec_error(s, T->fmt_at, err, errlen, "a general sparse operand (%s) is stored "
                              "csr; coo is the symmetric operand's storage", T->name);
        if (strcmp(s->format, "coo"))
            return spec_error(s, T->fmt_at, err, errlen, "a general sparse operand (%s) is "
                              "co-iterated by the coo lowering; store %s as coo", T->name,
                              s->tens[s->format_tensor].name);
        s->sparse_in |= 1u << t;
    }
    /* the iterated symmetric tensor: the one given a format, else the first declared */
    s->sym_tensor = s->format_tensor;
    for (int t = 0; t < s->ntens && s->sym_tensor < 0; t++)
        if (s->tens[t].nsym) s->sym_tensor = t;
    return 0;
}

int spec_parse_string(const char *text, const char *name, Spec *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->sym_tensor = -1;
    s->format_tensor = -1;
    snprintf(s->path, sizeof s->path, "%s", name);
    /* the base name, with no comment terminator in it */
    const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    size_t w = 0;
    for (const char *c = base; *c && w + 1 < sizeof s->label; c++)
        s->label[w++] = c[0] == '*' && c[1] == '/' ? '_' : *c;
    s->label[w] = '\0';
    P ps = {name, text, text, 1, err, errlen, s, 0};
    while (*ps.p) {
        skip_ws(&ps);
        if (*ps.p != '\n' && *ps.p != '\0') {
            int rc = is_assignment_line(ps.p) ? assignment(&ps) : directive(&ps);
            if (rc) return -1;
            if (!at_eol(&ps)) return perr(&ps, ps.p, "unexpected text at end of line");
        }
        if (*ps.p == '\n') {
            ps.p++;
            ps.line++;
            ps.ls = ps.p;
        }
    }
    if (!s->kernel[0]) return perr(&ps, ps.p, "missing 'kernel NAME' line");
    if (!ps.have_assign) return perr(&ps, ps.p, "missing assignment");
    if (resolve_formats(s, err, errlen)) return -1;
    if (s->red == RED_MIN && s->scaled)
        return spec_error(s, s->at_scale, err, errlen, "scale alpha beta applies to += only");
    summed_once_warnings(s);
    return 0;
}

int spec_parse_file(const char *path, Spec *s, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? 2 * cap : 8192;
            char *t = realloc(text, cap);
            if (!t) {
                free(text);
                fclose(f);
                snprintf(err, errlen, "%s: out of memory", path);
                return -1;
            }
            text = t;
        }
        size_t r = fread(text + len, 1, 4096, f);
        len += r;
        if (r < 4096) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(text);
        snprintf(err, errlen, "%s: read error", path);
        return -1;
    }
    text[len] = '\0';
    if (strlen(text) != len) {
        free(text);
        snprintf(err, errlen, "%s: contains a NUL byte", path);
        return -1;
    }
    int rc = spec_parse_string(text, path, s, err, errlen);
    free(text);
    return rc;
}

int spec_emits(const Spec *s, const char *storage)
{
    if (!s->nemit) return 1;
    for (int k = 0; k < s->nemit; k++)
        if (!strcmp(s->emit[k], storage)) return 1;
    return 0;
}
