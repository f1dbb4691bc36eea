/* Tuning profiles: the text format round trip, every reason a file is
 * rejected for, and the process-wide profile's loading order and status.
 *
 * usage: test_profile DIR          format checks, files written under DIR
 *        test_profile --use DIR    systec_profile_use beats SYSTEC_PROFILE
 *                                  (set to a corrupt file by CTest)
 *        test_profile --env        SYSTEC_PROFILE names a file this writes first
 *        test_profile --xdg        XDG_CONFIG_HOME holds a profile this writes
 *        test_profile --none       SYSTEC_PROFILE=none: the defaults
 *        test_profile --rejected DIR  a stale file through systec_profile_use:
 *                                  the defaults, and the status says why
 *        test_profile --threads DIR   the first decisions of many threads at
 *                                  once see one profile
 *        test_profile --sections DIR  a profile measured at 2 threads: plans
 *                                  on 2 threads read its section, on 3 the
 *                                  values outside it, and the status says so
 * The modes run in fresh processes: the process-wide profile is read once. */
#include "testutil.h"

#include <pthread.h>
#include <sys/stat.h>

/* ------------------------------------------------------------ helpers */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = malloc(1 << 16);
    size_t n = buf ? fread(buf, 1, (1 << 16) - 1, f) : 0;
    fclose(f);
    if (buf) buf[n] = 0;
    return buf;
}

static int spit(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t w = fwrite(text, 1, len, f);
    return fclose(f) == 0 && w == len ? 0 : -1;
}

/* text with the first line starting with `prefix` replaced by `line`
 * (NULL: removed); malloc'd. */
static char *replace_line(const char *text, const char *prefix, const char *line)
{
    char *out = malloc(strlen(text) + (line ? strlen(line) : 0) + 2);
    const char *p = text;
    size_t w = 0;
    int done = 0;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
        if (!done && !strncmp(p, prefix, strlen(prefix))) {
            done = 1;
            if (line) w += (size_t)sprintf(out + w, "%s\n", line);
        } else {
            memcpy(out + w, p, len);
            w += len;
        }
        p += len;
    }
    out[w] = 0;
    return out;
}

/* Removes the comment and blank lines of text, in place. */
static void strip_comments(char *text)
{
    char *w = text;
    for (const char *p = text; p && *p;) {
        size_t l = strcspn(p, "\n");
        if (l && *p != '#') {
            memmove(w, p, l);
            w += l;
            *w++ = '\n';
        }
        p += l + (p[l] == '\n');
    }
    if (w) *w = 0;
}

/* A profile with two values changed, notes and a comment, written to path. */
static systec_profile_t *write_sample(const char *path)
{
    systec_profile_t *P = NULL;
    if (systec_profile_new(&P)) return NULL;
    if (systec_profile_set(P, "short_row_entries", 7.5, "measured: 7 inputs") ||
        systec_profile_set(P, "stream_min_change", 0.3 + 1e-9, "a value that needs 17 digits") ||
        systec_profile_comment(P, "written by test_profile\nwith a newline inside") ||
        systec_profile_set_threads(P, 2, "par_min_entries", 30000, "measured at 2 threads") ||
        systec_profile_set_threads(P, 3, "color_max_colors", 4, NULL) ||
        systec_profile_write(P, path))
        systec_profile_free(&P);
    return P;
}

/* Every parameter of P and Q equal. */
static int same_values(const systec_profile_t *P, const systec_profile_t *Q)
{
    for (int k = 0; k < systec_profile_nparams(); k++) {
        const char *name;
        double a = -1, b = -2;
        systec_profile_param(k, &name, NULL, NULL, NULL, NULL);
        systec_profile_get(P, name, &a);
        systec_profile_get(Q, name, &b);
        if (a != b) return 0;
        for (int th = 1; th <= 4; th++) {
            systec_profile_get_threads(P, th, name, &a);
            systec_profile_get_threads(Q, th, name, &b);
            if (a != b) return 0;
        }
    }
    int cp[8], cq[8], np = systec_profile_threads(P, cp, 8);
    if (np != systec_profile_threads(Q, cq, 8)) return 0;
    for (int s = 0; s < np && s < 8; s++)
        if (cp[s] != cq[s]) return 0;
    return 1;
}

/* The index of the parameter named `name`, or -1. */
static int param_index(const char *name)
{
    for (int k = 0; k < systec_profile_nparams(); k++) {
        const char *n;
        systec_profile_param(k, &n, NULL, NULL, NULL, NULL);
        if (!strcmp(n, name)) return k;
    }
    return -1;
}

/* ------------------------------------------------------- format checks */

static void round_trip(const char *dir)
{
    char path[512], again[512];
    snprintf(path, sizeof path, "%s/round.profile", dir);
    snprintf(again, sizeof again, "%s/again.profile", dir);
    systec_profile_t *P = write_sample(path), *Q = NULL;
    CHECK(P != NULL, "sample profile written to %s", path);
    systec_profile_reason_t why = SYSTEC_PROFILE_NONE;
    CHECK_ST(systec_profile_read(&Q, path, &why), SYSTEC_SUCCESS);
    CHECK(why == SYSTEC_PROFILE_IN_USE, "read back: %s", systec_profile_reason_name(why));
    if (!P || !Q) return;
    double v = 0;
    CHECK_ST(systec_profile_get(Q, "stream_min_change", &v), SYSTEC_SUCCESS);
    CHECK(v == 0.3 + 1e-9, "exact value back: %.17g", v);
    CHECK(same_values(P, Q), "every value equal after the round trip");
    CHECK_ST(systec_profile_write(Q, again), SYSTEC_SUCCESS);
    char *a = slurp(path), *b = slurp(again);
    strip_comments(a);
    strip_comments(b);
    CHECK(a && b && !strcmp(a, b), "what was read writes the same lines (comments aside):\n%s\n%s",
          a ? a : "", b ? b : "");
    free(a);
    free(b);
    a = slurp(path);
    b = NULL;
    CHECK(a && strstr(a, "systec-profile 2\n") && strstr(a, "\nend\n") &&
              strstr(a, "\nthreads 2\n# measured at 2 threads\npar_min_entries 30000\n") &&
              strstr(a, "\nthreads 3\n") && strstr(a, "\ncolor_max_colors 4\n") &&
              strstr(a, "\npar_min_entries 65536\n") &&
              strstr(a, "# measured: 7 inputs") == NULL && strstr(a, "; measured: 7 inputs") &&
              strstr(a, "# written by test_profile with a newline inside\n") &&
              strstr(a, "\nshort_row_entries 7.5\n") && strstr(a, "\nstream_min_rows 16384\n"),
          "the file names its format, values, defaults and notes:\n%s", a ? a : "");
    char key[1024];
    CHECK_ST(systec_profile_key(key, sizeof key, NULL), SYSTEC_SUCCESS);
    CHECK(a && strstr(a, key), "the file carries this machine's key:\n%s", key);
    CHECK(strstr(key, systec_build_id()) && strstr(key, systec_isa()), "key names build and ISA");
    free(a);
    free(b);
    /* the API's own checks */
    CHECK_ST(systec_profile_set(P, "short_row_entries", -1, NULL), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_profile_set(P, "no_such_threshold", 1, NULL), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_profile_get(P, "short_row_entries", NULL), SYSTEC_ERR_NULL_POINTER);
    /* sections: only per-thread-count thresholds, only from 2 threads */
    int counts[8] = {0};
    CHECK(systec_profile_threads(Q, counts, 8) == 2 && counts[0] == 2 && counts[1] == 3,
          "sections read back: %d, %d", counts[0], counts[1]);
    CHECK_ST(systec_profile_get_threads(Q, 2, "par_min_entries", &v), SYSTEC_SUCCESS);
    CHECK(v == 30000, "section 2's value: %g", v);
    CHECK_ST(systec_profile_get_threads(Q, 3, "par_min_entries", &v), SYSTEC_SUCCESS);
    CHECK(v == 65536, "section 3 does not list it: the value outside the sections, %g", v);
    CHECK_ST(systec_profile_get_threads(Q, 5, "color_max_colors", &v), SYSTEC_SUCCESS);
    CHECK(v == 8, "no section for 5 threads: the value outside the sections, %g", v);
    CHECK_ST(systec_profile_set_threads(P, 2, "short_row_entries", 3, NULL),
             SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_profile_set_threads(P, 1, "par_min_entries", 3, NULL), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_profile_set_threads(P, 2, "par_min_entries", -3, NULL), SYSTEC_ERR_INVALID_VALUE);
    for (int th = 4; th <= 9; th++) /* with 2 and 3: eight sections */
        CHECK_ST(systec_profile_set_threads(P, th, "par_min_entries", th, NULL), SYSTEC_SUCCESS);
    CHECK_ST(systec_profile_set_threads(P, 10, "par_min_entries", 10, NULL),
             SYSTEC_ERR_INVALID_VALUE);
    CHECK(systec_profile_threads(P, NULL, 0) == 8, "at most 8 sections");
    CHECK_ST(systec_profile_set(P, "par_min_entries", 77, NULL), SYSTEC_SUCCESS);
    CHECK_ST(systec_profile_get_threads(P, 2, "par_min_entries", &v), SYSTEC_SUCCESS);
    CHECK(v == 77, "systec_profile_set sets every section too: %g", v);
    CHECK(systec_profile_param_per_threads(param_index("par_min_entries")) == 1 &&
              systec_profile_param_per_threads(param_index("short_row_entries")) == 0 &&
              systec_profile_param_per_threads(-1) == 0,
          "par_min_entries is per thread count, short_row_entries is not");
    CHECK_ST(systec_profile_param(systec_profile_nparams(), NULL, NULL, NULL, NULL, NULL),
             SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_profile_write(P, "/nonexistent-dir/profile"), SYSTEC_ERR_IO);
    systec_profile_free(&P);
    systec_profile_free(&Q);
    CHECK(P == NULL, "free clears the pointer");
    systec_profile_free(&P); /* twice: no-op */
}

/* One damaged copy of the sample and the reason it must be rejected for. */
typedef struct {
    const char *what, *prefix, *line; /* replace the line starting with prefix */
    systec_profile_reason_t want;
} damage;

static const damage damages[] = {
    {"a value that is not a number", "short_row_entries ", "short_row_entries 7x",
     SYSTEC_PROFILE_CORRUPT},
    {"a value out of range", "stream_min_change ", "stream_min_change 1.5", SYSTEC_PROFILE_CORRUPT},
    {"an unknown name", "stream_min_rows ", "stream_min_rowz 5", SYSTEC_PROFILE_CORRUPT},
    {"a repeated name", "stream_min_rows ", "stream_min_calls 3\nstream_min_calls 4",
     SYSTEC_PROFILE_CORRUPT},
    {"a key line missing", "cores ", NULL, SYSTEC_PROFILE_CORRUPT},
    {"no version line", "systec-profile ", NULL, SYSTEC_PROFILE_CORRUPT},
    {"text after the end line", "end", "end\nshort_row_entries 3", SYSTEC_PROFILE_CORRUPT},
    {"no end line", "end", NULL, SYSTEC_PROFILE_TRUNCATED},
    {"another CPU", "cpu ", "cpu Imaginary CPU 9000", SYSTEC_PROFILE_FOREIGN},
    {"other caches", "caches ", "caches L1d:1K L2:2K", SYSTEC_PROFILE_FOREIGN},
    {"another core count", "cores ", "cores 4096", SYSTEC_PROFILE_FOREIGN},
    {"a section for one thread", "threads 2", "threads 1", SYSTEC_PROFILE_CORRUPT},
    {"a section given twice", "threads 3", "threads 2", SYSTEC_PROFILE_CORRUPT},
    {"a serial threshold in a section", "color_max_colors 4", "short_row_entries 4",
     SYSTEC_PROFILE_CORRUPT},
    {"a key line after a section", "color_max_colors 4", "cores 2", SYSTEC_PROFILE_CORRUPT},
    {"a name twice in one section", "color_max_colors 4", "color_max_colors 4\ncolor_max_colors 5",
     SYSTEC_PROFILE_CORRUPT},
    {"another ISA variant", "isa ", "isa v1", SYSTEC_PROFILE_FOREIGN},
    {"another build", "build ", "build 0.0.1-0000000000000000", SYSTEC_PROFILE_STALE},
    {"an older format", "systec-profile ", "systec-profile 0", SYSTEC_PROFILE_STALE},
    {"format 1 (one thread count in the key)", "systec-profile ", "systec-profile 1",
     SYSTEC_PROFILE_STALE},
    {"a newer format", "systec-profile ", "systec-profile 3", SYSTEC_PROFILE_FUTURE},
};

static void check_rejected(const char *path, systec_profile_reason_t want, const char *what)
{
    static char sentinel;
    systec_profile_t *Q = (systec_profile_t *)&sentinel; /* must come back NULL */
    systec_profile_reason_t why = SYSTEC_PROFILE_IN_USE;
    systec_status_t st = systec_profile_read(&Q, path, &why);
    CHECK(st == (want == SYSTEC_PROFILE_UNREADABLE ? SYSTEC_ERR_IO : SYSTEC_ERR_PROFILE) &&
              why == want && Q == NULL,
          "%s: status %d, reason '%s', want '%s'", what, (int)st, systec_profile_reason_name(why),
          systec_profile_reason_name(want));
    CHECK(strstr(systec_last_error(), systec_profile_reason_name(want)) &&
              strstr(systec_last_error(), path),
          "%s: the detail names the file and the reason: %s", what, systec_last_error());
}

static void rejections(const char *dir)
{
    char path[512], bad[512];
    snprintf(path, sizeof path, "%s/sample.profile", dir);
    snprintf(bad, sizeof bad, "%s/damaged.profile", dir);
    systec_profile_t *P = write_sample(path);
    char *text = slurp(path);
    CHECK(P && text, "sample written");
    if (!P || !text) return;
    for (size_t d = 0; d < sizeof damages / sizeof *damages; d++) {
        char *t = replace_line(text, damages[d].prefix, damages[d].line);
        CHECK(strcmp(t, text) != 0, "%s: the damage applies", damages[d].what);
        spit(bad, t, strlen(t));
        check_rejected(bad, damages[d].want, damages[d].what);
        free(t);
    }
    /* truncated anywhere before the end line, even mid-line */
    size_t len = strlen(text), cuts[4] = {0, len / 3, len / 2, len - 5};
    for (int c = 0; c < 4; c++) {
        char what[64];
        snprintf(what, sizeof what, "cut after %zu of %zu bytes", cuts[c], len);
        spit(bad, text, cuts[c]);
        check_rejected(bad, SYSTEC_PROFILE_TRUNCATED, what);
    }
    spit(bad, "systec-profile 2\n\0end\n", 23);
    check_rejected(bad, SYSTEC_PROFILE_CORRUPT, "a NUL byte");
    snprintf(bad, sizeof bad, "%s/missing.profile", dir);
    check_rejected(bad, SYSTEC_PROFILE_UNREADABLE, "no such file");
    /* comments and blank lines anywhere, blanks around words, CRLF: accepted */
    char *edited = malloc(4 * strlen(text) + 64), *w = edited;
    for (const char *p = text; *p;) {
        size_t l = strcspn(p, "\n");
        w += sprintf(w, "  %.*s \t\r\n   # a comment\n\n", (int)l, p);
        p += l + (p[l] == '\n');
    }
    snprintf(bad, sizeof bad, "%s/edited.profile", dir);
    spit(bad, edited, strlen(edited));
    systec_profile_t *Q = NULL;
    CHECK_ST(systec_profile_read(&Q, bad, NULL), SYSTEC_SUCCESS);
    CHECK(Q && same_values(P, Q), "a hand-edited but valid profile reads the same");
    free(edited);
    systec_profile_free(&Q);
    free(text);
    systec_profile_free(&P);
}

/* ------------------------------------------------------------ globals */

/* The table in force equals P's. */
static int in_force(const systec_profile_t *P)
{
    systec_profile_t *C = NULL;
    int same = systec_profile_current(&C) == SYSTEC_SUCCESS && same_values(P, C);
    systec_profile_free(&C);
    return same;
}

static int defaults_in_force(void)
{
    systec_profile_t *D = NULL;
    systec_profile_new(&D);
    int same = D && in_force(D);
    systec_profile_free(&D);
    return same;
}

static void expect_status(systec_profile_reason_t want, const char *path, const char *source)
{
    const char *p = NULL, *detail = NULL;
    systec_profile_reason_t r = systec_profile_status(&p, &detail);
    CHECK(r == want, "status '%s', want '%s': %s", systec_profile_reason_name(r),
          systec_profile_reason_name(want), detail);
    CHECK(path ? p && !strcmp(p, path) : p == NULL, "status path %s, want %s", p ? p : "(none)",
          path ? path : "(none)");
    CHECK(detail && (!source || strstr(detail, source)), "detail names %s: %s", source,
          detail ? detail : "");
}

/* A decision happens: a handle is planned. */
static void decide(void)
{
    int32_t rp[3] = {0, 1, 3}, ci[3] = {0, 0, 1};
    double v[3] = {2, 1, 3};
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 2, rp, ci, v),
             SYSTEC_SUCCESS);
    systec_symmat_free(&A);
}

static void mode_use(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/use.profile", dir);
    systec_profile_t *P = write_sample(path);
    CHECK_ST(systec_profile_use(path), SYSTEC_SUCCESS);
    decide();
    expect_status(SYSTEC_PROFILE_IN_USE, path, "systec_profile_use");
    CHECK(P && in_force(P), "the file's values are in force");
    CHECK_ST(systec_profile_use(NULL), SYSTEC_ERR_INVALID_VALUE); /* too late */
    CHECK(P && in_force(P), "a late systec_profile_use changes nothing");
    systec_profile_free(&P);
}

static void mode_env(void)
{
    const char *path = getenv("SYSTEC_PROFILE");
    systec_profile_t *P = path ? write_sample(path) : NULL;
    CHECK(P != NULL, "SYSTEC_PROFILE set and writable");
    decide();
    expect_status(SYSTEC_PROFILE_IN_USE, path, "SYSTEC_PROFILE");
    CHECK(P && in_force(P), "the file's values are in force");
    systec_profile_free(&P);
}

static void mode_xdg(void)
{
    const char *dir = getenv("XDG_CONFIG_HOME");
    char sub[480], path[512];
    snprintf(sub, sizeof sub, "%s/systec", dir ? dir : ".");
    snprintf(path, sizeof path, "%s/profile", sub);
    mkdir(dir ? dir : ".", 0755);
    mkdir(sub, 0755);
    systec_profile_t *P = dir ? write_sample(path) : NULL;
    CHECK(P != NULL, "XDG_CONFIG_HOME set and writable");
    expect_status(SYSTEC_PROFILE_IN_USE, path, "user's config");
    CHECK(P && in_force(P), "the file's values are in force");
    systec_profile_free(&P);
}

/* The parallel rule's text for SYMV on a 600-row path at `threads`. */
static void par_rule(int threads, char *buf, size_t len)
{
    enum { N = 600 };
    static int32_t rp[N + 1], ci[2 * N];
    static double v[2 * N];
    int64_t e = 0;
    for (int r = 0; r < N; r++) {
        rp[r] = (int32_t)e;
        if (r) ci[e] = r - 1, v[e++] = 1;
        ci[e] = r, v[e++] = 4;
    }
    rp[N] = (int32_t)e;
    systec_symmat_t *A = NULL;
    buf[0] = 0;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, N, rp, ci, v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 0, threads), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV, buf, len, NULL), SYSTEC_SUCCESS);
    systec_symmat_free(&A);
}

static void mode_sections(const char *dir)
{
    char path[512], text[8192];
    snprintf(path, sizeof path, "%s/sections.profile", dir);
    systec_profile_t *P = NULL;
    CHECK_ST(systec_profile_new(&P), SYSTEC_SUCCESS);
    CHECK_ST(systec_profile_set_threads(P, 2, "par_min_entries", 123456, "at 2"), SYSTEC_SUCCESS);
    CHECK_ST(systec_profile_write(P, path), SYSTEC_SUCCESS);
    CHECK_ST(systec_profile_use(path), SYSTEC_SUCCESS);
    CHECK_ST(systec_set_num_threads(2), SYSTEC_SUCCESS);
    const char *detail = NULL;
    int omp = systec_get_num_threads() == 2; /* else built without OpenMP: 1 */
    systec_profile_status(NULL, &detail);
    CHECK(strstr(detail, omp ? "measured at 2 threads, the thread count in use among them"
                             : "one thread in use"),
          "2 threads: the status says its section is in force: %s", detail);
    par_rule(2, text, sizeof text);
    CHECK(!omp || strstr(text, "par_min_entries 123456 x 2 threads"),
          "a plan on 2 threads reads section 2:\n%s", text);
    par_rule(3, text, sizeof text);
    CHECK(!omp || strstr(text, "par_min_entries 65536 x 3 threads"),
          "a plan on 3 threads (no section) reads the value outside the sections:\n%s", text);
    if (omp) {
        CHECK_ST(systec_set_num_threads(3), SYSTEC_SUCCESS);
        systec_profile_status(NULL, &detail);
        CHECK(strstr(detail, "at 2 threads only") && strstr(detail, "re-run systec-tune"),
              "3 threads: the status says it has no section: %s", detail);
    }
    CHECK_ST(systec_set_num_threads(1), SYSTEC_SUCCESS);
    systec_profile_status(NULL, &detail);
    CHECK(strstr(detail, "one thread in use"), "1 thread: serial: %s", detail);
    systec_profile_free(&P);
}

static void mode_none(void)
{
    expect_status(SYSTEC_PROFILE_NONE, NULL, "SYSTEC_PROFILE says none");
    CHECK(defaults_in_force(), "the defaults are in force");
}

static void mode_rejected(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/stale.profile", dir);
    systec_profile_t *P = write_sample(path);
    char *text = slurp(path), *t = text ? replace_line(text, "build ", "build 0.0.0-0") : NULL;
    CHECK(t && spit(path, t, strlen(t)) == 0, "stale file written");
    CHECK_ST(systec_profile_use(path), SYSTEC_SUCCESS);
    decide();
    expect_status(SYSTEC_PROFILE_STALE, path, "re-run systec-tune");
    CHECK(defaults_in_force(), "a rejected profile is not used in part: the defaults");
    free(text);
    free(t);
    systec_profile_free(&P);
}

static const char *thread_detail[8];
static systec_profile_reason_t thread_reason[8];

static void *first_decision(void *arg)
{
    int k = (int)(intptr_t)arg;
    decide();
    thread_reason[k] = systec_profile_status(NULL, &thread_detail[k]);
    return NULL;
}

static void mode_threads(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/threads.profile", dir);
    systec_profile_t *P = write_sample(path);
    CHECK_ST(systec_profile_use(path), SYSTEC_SUCCESS);
    pthread_t t[8];
    for (int k = 0; k < 8; k++) pthread_create(&t[k], NULL, first_decision, (void *)(intptr_t)k);
    for (int k = 0; k < 8; k++) pthread_join(t[k], NULL);
    for (int k = 0; k < 8; k++)
        CHECK(thread_reason[k] == SYSTEC_PROFILE_IN_USE && thread_detail[k] == thread_detail[0],
              "thread %d sees the one profile", k);
    CHECK(P && in_force(P), "the file's values are in force");
    systec_profile_free(&P);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    const char *dir = argc > 2 ? argv[2] : argc > 1 ? argv[1] : ".";
    if (!strcmp(mode, "--use")) mode_use(dir);
    else if (!strcmp(mode, "--env")) mode_env();
    else if (!strcmp(mode, "--xdg")) mode_xdg();
    else if (!strcmp(mode, "--none")) mode_none();
    else if (!strcmp(mode, "--rejected")) mode_rejected(dir);
    else if (!strcmp(mode, "--threads")) mode_threads(dir);
    else if (!strcmp(mode, "--sections")) mode_sections(dir);
    else {
        mkdir(dir, 0755);
        round_trip(dir);
        rejections(dir);
    }
    return check_summary();
}
