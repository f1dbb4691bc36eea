/*
 * systec-bench --op ttm: the dense OpenBLAS peer (see peers_ttm.h). The
 * densification is the peer's set-up, timed by the caller apart from the
 * product; the thread count is OpenBLAS's own, from OPENBLAS_NUM_THREADS
 * (systec-bench starts itself again with it set to --threads).
 */
#include "peers_ttm.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef BENCH_HAVE_OPENBLAS
#include <cblas.h>
#endif

double ttm_peer_bytes(int64_t n, int64_t R)
{
    const double dn = (double)n;
    return sizeof(double) * (dn * dn * dn + dn * dn * (double)R);
}

double ttm_peer_budget(double *avail)
{
    double kb = NAN;
    FILE *f = fopen("/proc/meminfo", "r");
    if (f) {
        char line[256];
        while (fgets(line, sizeof line, f)) {
            long long v;
            if (sscanf(line, "MemAvailable: %lld kB", &v) == 1) {
                kb = (double)v;
                break;
            }
        }
        fclose(f);
    }
    if (avail) *avail = 1024.0 * kb;
    if (!(kb > 0)) return TTM_PEER_CAP;
    return fmin(0.5 * 1024.0 * kb, TTM_PEER_CAP);
}

#ifdef BENCH_HAVE_OPENBLAS

int ttm_peer_compiled(void) { return 1; }

const char *ttm_peer_library(void) { return openblas_get_config(); }

int ttm_peer_threads(void) { return openblas_get_num_threads(); }

int ttm_peer_fits_int(int64_t n, int64_t R, char *why, size_t len)
{
    /* blasint is int, or a 64-bit integer in an ILP64 build */
    const double lim = sizeof(blasint) >= 8 ? 9.2e18 : (double)INT_MAX;
    if ((double)n * (double)n > lim || (double)R > lim) {
        snprintf(why, len, "n^2 = %.3g or R = %lld exceeds cblas_dgemm's %zu-byte integers",
                 (double)n * (double)n, (long long)R, sizeof(blasint));
        return -1;
    }
    return 0;
}

double *ttm_peer_densify(const systec_tns_t *F, char *err, size_t errlen)
{
    const int64_t n = F->dim;
    const size_t cells = (size_t)n * (size_t)n * (size_t)n;
    void *p = NULL;
    if (F->order != 3) {
        snprintf(err, errlen, "the dense peer needs order 3, got %d", F->order);
        return NULL;
    }
    if (posix_memalign(&p, 64, (cells ? cells : 1) * sizeof(double)) != 0 || !p) {
        snprintf(err, errlen, "cannot allocate the dense tensor (%.2f GB)",
                 (double)cells * sizeof(double) * 1e-9);
        return NULL;
    }
    double *A = p;
    memset(A, 0, cells * sizeof(double)); /* every page touched: part of the set-up */
    for (int64_t e = 0; e < F->nnz; e++) {
        const int64_t *c = F->ind + 3 * e;
        A[((size_t)c[0] * (size_t)n + (size_t)c[1]) * (size_t)n + (size_t)c[2]] += F->val[e];
    }
    return A;
}

void ttm_peer_run(int64_t n, int64_t R, const double *A, const double *B, double *C)
{
    /* (n^2 x n) * (n x R), row-major: C[(j*n + l)*R + i] */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (blasint)(n * n), (blasint)R,
                (blasint)n, 1.0, A, (blasint)n, B, (blasint)R, 0.0, C, (blasint)R);
}

#else /* no OpenBLAS: the peer is left out (ttm_peer_compiled() says so) */

int ttm_peer_compiled(void) { return 0; }

const char *ttm_peer_library(void) { return NULL; }

int ttm_peer_threads(void) { return -1; }

int ttm_peer_fits_int(int64_t n, int64_t R, char *why, size_t len)
{
    (void)n;
    (void)R;
    snprintf(why, len, "OpenBLAS not compiled in");
    return -1;
}

double *ttm_peer_densify(const systec_tns_t *F, char *err, size_t errlen)
{
    (void)F;
    snprintf(err, errlen, "OpenBLAS not compiled in");
    return NULL;
}

void ttm_peer_run(int64_t n, int64_t R, const double *A, const double *B, double *C)
{
    (void)n;
    (void)R;
    (void)A;
    (void)B;
    (void)C;
}

#endif
