/* Tuning profiles (profile.c): the text format, the profile objects of the
 * public API, and the process-wide profile read once at the first decision.
 * What a profile is keyed by is in profile_key.c. */
#ifndef SYSTEC_PROFILE_H
#define SYSTEC_PROFILE_H

#include "tuning.h"

/* The key of a profile: the build and the machine it was measured on. */
typedef struct systec__pkey {
    char build[64];   /* systec_build_id() */
    char cpu[96];     /* CPU model (cpuid brand string, else /proc/cpuinfo) */
    char isa[16];     /* the kernels' ISA variant in use (systec_isa()) */
    char caches[128]; /* data and unified caches of CPU 0: "L1d:32K L2:1024K L3:32768K" */
    int cores;        /* CPUs this process may run on */
} systec__pkey;
/* (The thread counts a profile was measured at are its sections: profile.c.) */

/* The key of this build on this machine (computed once). */
const systec__pkey *systec__pkey_here(void);

/* Fills t (holding the defaults) from the process-wide profile: the first
 * of systec_profile_use's path, SYSTEC_PROFILE, the user's and the system's
 * config file that is set or exists; records the status. Called once. */
void systec__profile_load_global(systec__tuning *t);

/* A profile's values, for handles that take their own thresholds. */
const systec__tuning *systec__profile_values(const struct systec_profile *P);

#endif
