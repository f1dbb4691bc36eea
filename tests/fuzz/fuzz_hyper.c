/* libFuzzer target: the ScHoLP hypergraph reader. The input's first byte
 * picks the order k (2..5) and the mode (uniform or padded); the rest is
 * the nverts file, a NUL byte, and the simplices file. What it read goes to
 * the tensor handles and kernels. */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int k = 2 + data[0] % 4;
    systec_hyper_t how = (data[0] >> 2) & 1 ? SYSTEC_HYPER_PADDED : SYSTEC_HYPER_UNIFORM;
    const uint8_t *rest = data + 1, *sep = memchr(rest, 0, size - 1);
    size_t n1 = sep ? (size_t)(sep - rest) : size - 1;
    fuzz_file nv, sx;
    if (fuzz_file_open(&nv, rest, n1)) return 0;
    if (fuzz_file_open(&sx, sep ? sep + 1 : rest + n1, sep ? size - 2 - n1 : 0)) {
        fuzz_file_close(&nv);
        return 0;
    }
    systec_tns_t T;
    if (systec_hypergraph_read(nv.path, sx.path, k, how, &T) == SYSTEC_SUCCESS) {
        fuzz_tensor(&T);
        systec_tns_free(&T);
    }
    fuzz_file_close(&nv);
    fuzz_file_close(&sx);
    return 0;
}
