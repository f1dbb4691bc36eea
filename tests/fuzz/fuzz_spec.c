/* libFuzzer target: systec-gen's spec parser, then its symmetrization
 * passes and the lowering to C (the generated code is the spec's
 * "kernel": it is produced and discarded). The passes and the lowering run
 * for symmetric modes up to order 6 (the orders the generator is tested
 * to): an order-8 group is 8! arrangements over 128 tie faces, about 90 s a
 * spec under the sanitizers, which would leave the fuzzer no time for
 * anything else. */
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
        int big = 0;
        for (int t = 0; t < s.ntens; t++) big |= s.tens[t].nsym > 6;
        Program p;
        if (!big && s.sym_tensor >= 0 && symmetrize(&p, &s, err, sizeof err) == 0)
            program_free(&p);
        Out code = {0}, decl = {0};
        static KernelInfo info[256];
        if (!big) lower_spec(&s, &code, &decl, info, 256, err, sizeof err);
        out_free(&code);
        out_free(&decl);
    }
    free(text);
    return 0;
}
