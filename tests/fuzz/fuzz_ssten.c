/* libFuzzer target: the LambdaTAME .ssten reader, then what it read into
 * the tensor handles and kernels. */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_file f;
    if (fuzz_file_open(&f, data, size)) return 0;
    systec_tns_t T;
    if (systec_ssten_read(f.path, &T) == SYSTEC_SUCCESS) {
        fuzz_tensor(&T);
        systec_tns_free(&T);
    }
    fuzz_file_close(&f);
    return 0;
}
