/* Line-oriented text input shared by the file readers (Matrix Market, .tns,
 * .ssten, hypergraphs): a chunked line reader that reads plain or gzip files
 * (detected by their magic bytes, not their name), whitespace tokenizing,
 * overflow-checked number parsing, and the "C" numeric locale.
 * Internal: nothing here is exported from the shared library. */
#ifndef SYSTEC_TEXTIO_H
#define SYSTEC_TEXTIO_H

#include "internal.h"

#include <locale.h>
#include <stdio.h>
#ifdef SYSTEC_HAVE_ZLIB
#include <zlib.h>
#endif

#define SYSTEC__MAX_LINE (1 << 20) /* longest accepted non-comment line, bytes */

/* Numbers are read and written in the "C" locale whatever the caller's
 * setlocale() says (a decimal comma would corrupt both directions). */
#if defined(LC_NUMERIC_MASK) && !defined(_WIN32)
typedef struct {
    locale_t c, old;
} systec__c_locale;
#else
typedef int systec__c_locale;
#endif
void systec__c_locale_enter(systec__c_locale *l);
void systec__c_locale_leave(systec__c_locale *l);

/* The reader pulls fixed-size chunks (stdio, or zlib for gzip input) and
 * splits them into lines itself, so lines of any length are handled: a line
 * longer than SYSTEC__MAX_LINE keeps only its prefix and sets too_long (the
 * caller decides whether that matters: comment lines may be any length). */
typedef struct systec__reader {
    const char *path;
    FILE *fp;
#ifdef SYSTEC_HAVE_ZLIB
    gzFile gz;
#endif
    char *chunk;
    size_t pos, len;
    int eof;
    char *line; /* current line, NUL-terminated, without "\n" / "\r\n" */
    size_t llen, lcap;
    int too_long; /* line exceeded SYSTEC__MAX_LINE: only its prefix is in line */
    long long lineno;
} systec__reader;

/* Opens path (plain or gzip). On failure returns SYSTEC_ERR_IO /
 * SYSTEC_ERR_OUT_OF_MEMORY / SYSTEC_ERR_UNSUPPORTED (gzip without zlib) with
 * the detail set. Either way the reader must be closed afterwards. */
systec_status_t systec__reader_open(systec__reader *r, const char *path);
void systec__reader_close(systec__reader *r);
/* Reads the next line. Returns 1 for a line, 0 at end of file, or an error status. */
int systec__reader_line(systec__reader *r);
/* Reads the next line that is neither blank nor a comment (first non-blank
 * character is comment). Returns 1, 0 at end of file, or an error status
 * (SYSTEC_ERR_PARSE for an over-long or NUL-containing line). */
int systec__reader_data_line(systec__reader *r, char comment);

int systec__is_space(char c);
/* Splits s in place at whitespace; stores up to max token pointers, returns the token count. */
int systec__split(char *s, char **tok, int max);
/* A whole token as a decimal integer; 0 if it is not one or does not fit. */
int systec__parse_i64(const char *s, long long *v);
/* A whole token as any strtod number, including nan and inf; overflow reads as inf. */
int systec__parse_double(const char *s, double *v);

/* Writing a file atomically: systec__atomic_open creates a unique temporary
 * next to path and enters the "C" locale; the caller writes to w->f;
 * systec__atomic_close flushes, syncs and closes it and, if ok and
 * everything succeeded, renames it into place, else removes it -- so a
 * reader never sees a half-written file and a failed write leaves any
 * previous file intact. A symbolic link is followed (its target is
 * replaced, the link stays); a device or FIFO is written in place; a new
 * file gets mode 0666 less the umask, a replaced one keeps its mode. Both
 * return a status with the detail set. */
typedef struct {
    FILE *f;
    char *tmp;  /* the temporary, or NULL when writing in place */
    char *dest; /* path with its symbolic links followed */
    int direct; /* 1: a device or FIFO, written in place */
    systec__c_locale loc;
} systec__atomic_file;
systec_status_t systec__atomic_open(systec__atomic_file *w, const char *path);
/* ok: the caller's writes succeeded (errno then still says why not) */
systec_status_t systec__atomic_close(systec__atomic_file *w, const char *path, int ok);

#endif
