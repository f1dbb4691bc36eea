/* libFuzzer target: the FROSTT .tns reader, then what it read into the
 * symmetric tensor handle (canonical and full forms), the CSF baseline and
 * their MTTKRP and TTM kernels. */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_file f;
    if (fuzz_file_open(&f, data, size)) return 0;
    systec_tns_t T;
    if (systec_tns_read(f.path, &T) == SYSTEC_SUCCESS) {
        fuzz_tensor(&T);
        systec_tns_free(&T);
    }
    fuzz_file_close(&f);
    return 0;
}
