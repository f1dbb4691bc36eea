/* systec-bench's command line (cli.h). */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "tensor_inputs.h" /* parse_tensor_cfg */
#include "util.h"

/* a bad command line: the message on stderr; returns 2 */
static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int bad(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return 2;
}

static int parse_int(const char *opt, const char *s, int min, int *out)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || *s == '\0' || *end != '\0' || errno || v < min || v > 1000000) {
        fprintf(stderr, "%s: %s needs an integer >= %d (up to 1000000), got '%s'\n", prog, opt,
                min, s ? s : "");
        return -1;
    }
    *out = (int)v;
    return 0;
}

static const char *const valued[] = {"--reps",    "--warmup",  "--csv",        "--op",
                                     "--cols",    "--rank",    "--tensor",     "--threads",
                                     "--stream-gbs", "--out",  "--report", "--profile",
                                     "--reference"};

static int takes_value(const char *key)
{
    for (size_t i = 0; i < sizeof valued / sizeof valued[0]; i++)
        if (!strcmp(key, valued[i])) return 1;
    return 0;
}

/* an option with a value; 0, or 2 after a message */
static int set_value(bench_options_t *o, const char *key, const char *val)
{
    int v;
    if (!strcmp(key, "--op")) {
        o->op_set = 1;
        if (!(o->op = op_find(val))) return bad("unknown --op %s (%s)", val, op_names());
    } else if (!strcmp(key, "--cols")) {
        if (parse_int(key, val, 1, &v)) return 2;
        o->cols = v;
    } else if (!strcmp(key, "--rank")) {
        if (parse_int(key, val, 1, &v)) return 2;
        o->rank = v;
        o->rank_set = 1;
    } else if (!strcmp(key, "--tensor")) {
        if (parse_tensor_cfg(val, &o->cfg[o->ncfg])) return 2;
        o->ncfg++;
    } else if (!strcmp(key, "--threads")) {
        if (parse_int(key, val, 1, &o->threads)) return 2;
        if (o->threads > 1024) return bad("--threads at most 1024");
    } else if (!strcmp(key, "--stream-gbs")) {
        char *end;
        o->stream_gbs = strtod(val, &end);
        if (*end || !(o->stream_gbs > 0) || !isfinite(o->stream_gbs))
            return bad("--stream-gbs needs a positive number, not '%s'", val);
    } else if (!strcmp(key, "--reference")) {
        if (!*val) return bad("--reference needs a program");
        o->reference = val;
    } else if (!strcmp(key, "--out")) {
        o->outdir = val;
    } else if (!strcmp(key, "--report")) {
        o->reportdir = val;
    } else if (!strcmp(key, "--profile")) {
        o->profile = val;
    } else if (!strcmp(key, "--reps")) {
        if (parse_int(key, val, 1, &o->reps)) return 2;
        o->reps_set = 1;
    } else if (!strcmp(key, "--warmup")) {
        if (parse_int(key, val, 0, &o->warmup)) return 2;
        o->warmup_set = 1;
    } else { /* --csv */
        if (!*val) return bad("--csv needs a file name");
        o->csv = val;
    }
    return 0;
}

/* an option without a value; 0, -1 (--help printed) or 2 */
static int set_flag(bench_options_t *o, const char *key, const char *arg)
{
    if (!strcmp(key, "-h") || !strcmp(key, "--help")) {
        usage(stdout);
        return -1;
    }
    if (!strcmp(key, "--synthetic"))
        o->synthetic = 1;
    else if (!strcmp(key, "--paper"))
        o->paper = 1;
    else if (!strcmp(key, "--float"))
        o->use_float = 1;
    else if (!strcmp(key, "--quick"))
        o->quick = 1;
    else if (!strcmp(key, "--regret"))
        o->regret = 1;
    else
        return bad("unknown option '%s' (try --help)", arg);
    return 0;
}

/* argv[*a], an option; its value from "--key=value" or the next argument */
static int option(bench_options_t *o, int argc, char **argv, int *a, int *opts_done)
{
    const char *s = argv[*a], *eq = strchr(s, '='), *val = NULL;
    char key[64];
    if (strncmp(s, "--", 2) == 0 && eq && (size_t)(eq - s) < sizeof key) {
        memcpy(key, s, (size_t)(eq - s));
        key[eq - s] = '\0';
        val = eq + 1;
    } else {
        snprintf(key, sizeof key, "%s", s);
    }
    if (!strcmp(key, "--")) return *opts_done = 1, 0;
    const int takes = takes_value(key);
    if (!takes && val) return bad("option %s takes no value", key);
    if (!takes) return set_flag(o, key, s);
    if (!val && *a + 1 >= argc) return bad("option %s needs a value", key);
    return set_value(o, key, val ? val : argv[++*a]);
}

int cli_parse(int argc, char **argv, bench_options_t *o)
{
    memset(o, 0, sizeof *o);
    o->op = &bench_ops[0];
    o->reps = DEFAULT_REPS;
    o->warmup = DEFAULT_WARMUP;
    o->threads = 1;
    o->stream_gbs = NAN;
    o->cols = 8;
    o->rank = 16;
    o->paths = xmalloc((size_t)(argc + 1) * sizeof *o->paths);
    o->cfg = xmalloc((size_t)(argc + 1) * sizeof *o->cfg);
    int opts_done = 0;
    for (int a = 1; a < argc; a++) {
        const char *s = argv[a];
        if (opts_done || s[0] != '-' || strcmp(s, "-") == 0) {
            o->paths[o->npaths++] = argv[a];
            continue;
        }
        int rc = option(o, argc, argv, &a, &opts_done);
        if (rc) return rc;
    }
    return 0;
}

int cli_check(bench_options_t *o)
{
    if (o->outdir && !o->paper) return bad("--out applies to --paper (use --csv FILE otherwise)");
    if (o->reference && (o->paper || strcmp(o->op->name, "mttkrp")))
        return bad("--reference applies only to --op mttkrp");
    if (o->paper && (o->op_set || o->csv || o->rank_set || o->ncfg || o->synthetic || o->use_float))
        return bad("--paper runs every operation itself: no --op, --csv, --rank, --tensor, "
                   "--synthetic or --float with it");
    if (o->regret && (o->paper || o->op_set || o->use_float || o->ncfg || o->outdir))
        return bad("--regret times every variant of every operation itself: no --paper, --op, "
                   "--float, --tensor or --out with it");
    if (o->profile && !o->regret) return bad("--profile applies to --regret");
    if (o->quick) {
        if (!o->reps_set) o->reps = QUICK_REPS;
        if (!o->warmup_set) o->warmup = QUICK_WARMUP;
    }
    return 0;
}

void cli_free(bench_options_t *o)
{
    free(o->paths);
    free(o->cfg);
}

int cli_threads(int argc, char **argv)
{
    for (int a = 1; a < argc; a++) {
        const char *v = NULL;
        if (!strcmp(argv[a], "--")) break;
        if (!strcmp(argv[a], "--threads") && a + 1 < argc) v = argv[a + 1];
        if (!strncmp(argv[a], "--threads=", 10)) v = argv[a] + 10;
        if (v) {
            char *end;
            long t = strtol(v, &end, 10);
            return *end == '\0' && t >= 1 && t <= 1024 ? (int)t : 1;
        }
    }
    return 1;
}
