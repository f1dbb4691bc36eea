/* libFuzzer target: systec-gen's spec parser, then its symmetrization
 * passes and the lowering to C (the generated code is the spec's
 * "kernel": it is produced and discarded). */
#include "../../gen/ir.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    Spec s;
    char err[512];
    if (spec_parse_string(text, "fuzz.spec", &s, err, sizeof err) == 0) {
        Program p;
        if (s.sym_tensor >= 0 && symmetrize(&p, &s, err, sizeof err) == 0) program_free(&p);
        Out code = {0}, decl = {0};
        static KernelInfo info[256];
        lower_spec(&s, &code, &decl, info, 256, err, sizeof err);
        out_free(&code);
        out_free(&decl);
    }
    free(text);
    return 0;
}
