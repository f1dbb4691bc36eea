/* Shared by the libFuzzer targets: the readers take paths, so each input is
 * handed to them as an in-memory file (memfd, named /proc/self/fd/N), and
 * what they parse goes on to conversion and a kernel, within size caps (an
 * input may declare a huge matrix honestly: the library would allocate it,
 * which measures the machine, not the code). */
#ifndef SYSTEC_FUZZ_UTIL_H
#define SYSTEC_FUZZ_UTIL_H

#define _GNU_SOURCE /* memfd_create */
#include "systec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Caps on what the targets convert and compute on. */
#define FUZZ_MAX_N 4096
#define FUZZ_MAX_NNZ 20000

typedef struct {
    int fd;
    char path[64];
} fuzz_file;

/* An in-memory file holding data[0..size); 0, or -1 if none could be made. */
static inline int fuzz_file_open(fuzz_file *f, const uint8_t *data, size_t size)
{
    f->fd = memfd_create("systec-fuzz", 0);
    if (f->fd < 0) return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t w = write(f->fd, data + done, size - done);
        if (w <= 0) {
            close(f->fd);
            return -1;
        }
        done += (size_t)w;
    }
    snprintf(f->path, sizeof f->path, "/proc/self/fd/%d", f->fd);
    return 0;
}

static inline void fuzz_file_close(fuzz_file *f) { close(f->fd); }

/* A parsed tensor into the symmetric handle (canonical, and as a full list)
 * and the CSF baseline, and their kernels. */
static inline void fuzz_tensor(const systec_tns_t *T)
{
    if (T->nnz > FUZZ_MAX_NNZ || T->dim > 64 || T->order < 2) return;
    static double B[64 * 2], C[64 * 64 * 2];
    for (int i = 0; i < 64 * 2; i++) B[i] = 1.0 / (1 + i);
    for (int form = 1; form <= 2; form++) {
        systec_symten_t *A = NULL;
        if (systec_symten_create(&A, T, (systec_symform_t)form, SYSTEC_DOUBLE)) continue;
        systec_dmttkrp(A, 2, B, C);
        if (T->order == 3 && systec_dttm(A, 2, B, C) == SYSTEC_SUCCESS)
            systec_dttm_expand(T->dim, 2, C, C + 64 * 33);
        systec_tns_t F = {0};
        if (T->order <= 5 && systec_symten_expand(A, &F) == SYSTEC_SUCCESS) {
            systec_csften_t *G = NULL;
            if (F.nnz <= FUZZ_MAX_NNZ && systec_csften_create(&G, &F, SYSTEC_FLOAT) == SYSTEC_SUCCESS) {
                static float Bf[64 * 2], Cf[64 * 64 * 2];
                for (int i = 0; i < 64 * 2; i++) Bf[i] = (float)B[i];
                systec_smttkrp_csf(G, 2, Bf, Cf);
                systec_sttm_csf(G, 2, Bf, Cf);
                systec_csften_free(&G);
            }
            systec_tns_free(&F);
        }
        systec_symten_free(&A);
    }
}

#endif
