/* The tensor operations' inputs: tensor files and directories, the paper's
 * configurations (--synthetic) and --tensor's, each with its ranks. */
#ifndef BENCH_TENSOR_INPUTS_H
#define BENCH_TENSOR_INPUTS_H

#include "inputs.h"
#include "ops.h"
#include "options.h"

/* Parses --tensor's "ORDER:N:SP"; 0 on success, -1 with a message on stderr. */
int parse_tensor_cfg(const char *s, tensor_cfg_t *out);

/* The files among the paths (a directory: its *.tns, *.tns.gz and *.ssten,
 * then those of its lvgna_triangles/, each group sorted) at --rank; with
 * --synthetic the operation's paper configurations at their two ranks (the
 * low one only with --quick); then the --tensor configurations at --rank. */
void tensor_inputs(inputs_t *in, const bench_op_t *op, const bench_options_t *o);

#endif /* BENCH_TENSOR_INPUTS_H */
